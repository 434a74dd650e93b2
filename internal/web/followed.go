package web

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"itinera"
	"itinera/internal/app"
)

// What followed a visit, told by a visitor or a resource from their
// feedback link (/f/{token}) or their follow-up link (/o/{token}, sent
// months after the program: no account, the token is the credential).

// followedView is the form of what followed.
type followedView struct {
	Action, Nonce string
	Values        url.Values
	Errors        map[string]string
	Kinds         []itinera.CollaborationKind
	Statuses      []itinera.CollaborationStatus // nil: not asked (planned)
	People        []personChoice
	PeopleField   string
	PeopleLegend  string
}

// personChoice is one visitor or organization a person may name.
type personChoice struct {
	Value, Label string
	Checked      bool
}

// newFollowedView is the form for a person of role, offering the
// organizations met (to a visitor) or the visitors (to a resource).
func newFollowedView(action, nonce string, role itinera.FeedbackRole, values url.Values, err error, visitors []itinera.Visitor,
	orgs []app.NamedID, statuses bool) *followedView {
	v := &followedView{Action: action, Nonce: nonce, Values: shownValues(values), Errors: itinera.ErrorFields(err), Kinds: itinera.CollaborationKinds}
	if v.Values == nil {
		v.Values = url.Values{}
	}
	if statuses {
		v.Statuses = itinera.CollaborationStatuses
	}
	switch role {
	case itinera.FeedbackVisitor:
		v.PeopleField, v.PeopleLegend = "organization_ids", "Organizations you met that take part"
		for _, o := range orgs {
			id := itoa(o.ID)
			v.People = append(v.People, personChoice{Value: id, Label: o.Name, Checked: slices.Contains(v.Values["organization_ids"], id)})
		}
	case itinera.FeedbackResource:
		v.PeopleField, v.PeopleLegend = "visitor_ids", "Visitors who take part"
		for _, x := range visitors {
			id := itoa(x.ID)
			label := x.Name()
			if x.Country != "" {
				label += " (" + x.Country + ")"
			}
			v.People = append(v.People, personChoice{Value: id, Label: label, Checked: slices.Contains(v.Values["visitor_ids"], id)})
		}
	default:
		return nil
	}
	return v
}

// followUpFormView is the page of a follow-up link.
type followUpFormView struct {
	F        app.FollowUpForm
	Nonce    string
	Dates    string
	Expires  string
	Message  string
	Errors   map[string]string
	Followed *followedView
	// NothingAction is where "nothing yet" is sent.
	NothingAction string
}

var unknownFollowUpLink = goneView{Status: http.StatusNotFound, Heading: "We could not find this page",
	Text: "The link may be incomplete: check that you copied all of it from the e-mail you received."}

// followUpLink checks the rate limit and the token and loads the form.
func (ui *UI) followUpLink(w http.ResponseWriter, r *http.Request, s *session) (app.FollowUpForm, string, bool) {
	f, hash, ok := linkRecord(ui, w, r, s, "follow-up", unknownFollowUpLink, nil, ui.app.OpenFollowUp)
	if !ok {
		return f, "", false
	}
	if !f.Link.LinkWorks(ui.now()) {
		ui.gone(w, r, s, goneView{Status: http.StatusGone, Heading: "This page has closed",
			Text: "The time to answer this e-mail has passed. Thank you all the same; if something came of the visit, please reply to the e-mail you received."})
		return f, "", false
	}
	return f, hash, true
}

func (ui *UI) followUpPage(w http.ResponseWriter, r *http.Request, s *session) {
	f, hash, ok := ui.followUpLink(w, r, s)
	if !ok {
		return
	}
	ui.showFollowUpForm(w, r, s, f, hash, http.StatusOK, nil, nil)
}

func (ui *UI) showFollowUpForm(w http.ResponseWriter, r *http.Request, s *session, f app.FollowUpForm, hash string, code int, values url.Values, err error) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	base := strings.TrimSuffix(r.URL.Path, "/collaborations")
	base = strings.TrimSuffix(base, "/nothing")
	v := followUpFormView{F: f, Nonce: ui.linkNonce("follow-up", hash), Dates: dateRange(f.Program), Errors: itinera.ErrorFields(err),
		Expires: itinera.LinkLastDayLabel(f.Link.ExpiresAt, f.Program.Location())}
	if values == nil {
		values = url.Values{"status": {string(itinera.CollabPlanned)}}
	}
	if err != nil {
		v.Message = itinera.ErrorMessage(err)
	}
	v.NothingAction = base + "/nothing"
	v.Followed = newFollowedView(base+"/collaborations", v.Nonce, f.Link.Role, values, err, f.Visitors, f.Organizations, true)
	ui.render(w, r, s, code, "followup_link", pageInfo{Title: "What came of " + f.Program.Title + "?"}, v)
}

func (ui *UI) followUpNothing(w http.ResponseWriter, r *http.Request, s *session) {
	f, hash, ok := ui.followUpLink(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("follow-up", hash))) {
		ui.showFollowUpForm(w, r, s, f, hash, http.StatusUnprocessableEntity, nil,
			itinera.Errorf(itinera.EINVALID, "This page was open for a long time. Please send your answer again."))
		return
	}
	err := ui.app.AnswerFollowUpNothingYet(r.Context(), hash)
	switch itinera.ErrorCode(err) {
	case "":
		ui.flash(w, "Thank you! We will ask again later; you can also come back to this page until "+
			itinera.LinkLastDayLabel(f.Link.ExpiresAt, f.Program.Location())+".")
		http.Redirect(w, r, strings.TrimSuffix(r.URL.Path, "/nothing"), http.StatusSeeOther)
	case itinera.ECONFLICT:
		ui.showFollowUpForm(w, r, s, f, hash, http.StatusConflict, nil, err)
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) followUpCollaboration(w http.ResponseWriter, r *http.Request, s *session) {
	f, hash, ok := ui.followUpLink(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("follow-up", hash))) {
		ui.showFollowUpForm(w, r, s, f, hash, http.StatusUnprocessableEntity, r.PostForm,
			itinera.Errorf(itinera.EINVALID, "This page was open for a long time. Please send what followed again."))
		return
	}
	c, perrs := readCollaboration(r.PostForm)
	c.ProgramID = f.Link.ProgramID
	err := write(perrs, c.Validate, "collaboration", func() error {
		_, err := ui.app.RecordCollaborationByFollowUp(r.Context(), hash, c)
		return err
	})
	switch itinera.ErrorCode(err) {
	case "":
		ui.flash(w, "Thank you! “"+c.Title+"” was recorded.")
		http.Redirect(w, r, strings.TrimSuffix(r.URL.Path, "/collaborations")+"#followed", http.StatusSeeOther)
	case itinera.EINVALID, itinera.ECONFLICT:
		ui.showFollowUpForm(w, r, s, f, hash, status(itinera.ErrorCode(err)), r.PostForm, err)
	default:
		ui.fail(w, r, s, err)
	}
}
