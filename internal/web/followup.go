package web

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
)

// After the visit: the program's Follow-up section (feedback and what
// followed, /programs/{id}/follow-up) and the personal feedback form
// (/f/{token}: no account; the token is the credential, as for /r/).

// collabRow is a collaboration as the pages list it.
type collabRow struct {
	itinera.Collaboration
	Visitors, Organizations string
	Started                 string
	Program                 string // its program's title, where pages list several
}

// followUpView is the Follow-up section.
type followUpView struct {
	P         itinera.Program
	Tabs      sectionNav
	Sum       app.FeedbackSummary
	Collabs   []collabRow
	Kinds     []itinera.CollaborationKind
	Statuses  []itinera.CollaborationStatus
	Visitors  []option
	Orgs      []option
	Values    url.Values
	Errors    map[string]string
	Message   string
	ByRole    []roleCount
	PastEnd   bool
	ZoneLabel string
	// Thank-you letters: the template to draft from, and the drafts.
	Template     itinera.ThankYouTemplate
	Placeholders string
	ThankYous    []itinera.ThankYou
	Unsent       int
	// Steps are the follow-ups sent, Schedule when they go ("3, 6, 12").
	Steps    []app.FollowUpStep
	Schedule string
	// PDF says the letters can be printed to PDF here.
	PDF bool
	// Economics are the program's local economic inputs as entered.
	Economics itinera.EconomicInputs
}

type roleCount struct {
	Label          string
	Sent, Answered int
}

func (ui *UI) programFollowUp(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.showFollowUp(w, r, s, p, http.StatusOK, nil, nil)
}

func (ui *UI) showFollowUp(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, code int, values url.Values, err error) {
	sum, ferr := ui.app.FeedbackSummary(r.Context(), ui.caller(r, s), p.ID)
	if ferr != nil {
		ui.fail(w, r, s, ferr)
		return
	}
	v := followUpView{P: p, Tabs: programTabs(p.ID, "follow-up"), Sum: sum, Kinds: itinera.CollaborationKinds,
		Statuses: itinera.CollaborationStatuses, Values: values, Errors: itinera.ErrorFields(err)}
	if v.Values == nil {
		v.Values = url.Values{"status": {string(itinera.CollabPlanned)}}
	}
	if err != nil {
		v.Message = itinera.ErrorMessage(err)
	}
	v.PastEnd = !itinera.DateOf(ui.now().In(p.Location())).Before(p.EndDate)
	v.PDF = ui.app.CanPrint()
	if v.Economics, err = ui.svc.Reports.EconomicInputs(r.Context(), s.User.TenantID, p.ID); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	counts := map[itinera.FeedbackRole]*roleCount{}
	for _, role := range itinera.FeedbackRoles {
		counts[role] = &roleCount{Label: role.Label()}
	}
	for _, l := range sum.Links {
		counts[l.Role].Sent++
		if l.Answered() {
			counts[l.Role].Answered++
		}
	}
	for _, role := range itinera.FeedbackRoles {
		v.ByRole = append(v.ByRole, *counts[role])
	}
	vs, err := ui.svc.People.Visitors(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	names := map[int64]string{}
	for _, x := range vs {
		names[x.ID] = x.Name()
		v.Visitors = append(v.Visitors, option{Value: itoa(x.ID), Label: x.Name()})
	}
	orgs, err := ui.svc.Directory.Organizations(r.Context(), s.User.TenantID, itinera.DirectoryFilter{})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	orgNames := map[int64]string{}
	for _, o := range orgs {
		orgNames[o.ID] = o.Name
		v.Orgs = append(v.Orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	cs, err := ui.svc.Feedback.Collaborations(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	for _, c := range cs {
		row := collabRow{Collaboration: c, Started: dateLabel(c.StartedOn)}
		var who []string
		for _, id := range c.VisitorIDs {
			who = append(who, names[id])
		}
		row.Visitors = strings.Join(who, ", ")
		who = nil
		for _, id := range c.OrganizationIDs {
			who = append(who, orgNames[id])
		}
		row.Organizations = strings.Join(who, ", ")
		v.Collabs = append(v.Collabs, row)
	}
	if v.Template, err = ui.app.ThankYouTemplate(r.Context(), ui.caller(r, s)); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if values != nil && values.Has("template_subject") {
		v.Template = itinera.ThankYouTemplate{Subject: values.Get("template_subject"), Body: values.Get("template_body")}
	}
	v.Placeholders = strings.Join(itinera.ThankYouPlaceholders, ", ")
	if v.ThankYous, err = ui.svc.Feedback.ThankYous(r.Context(), s.User.TenantID, p.ID); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	for _, t := range v.ThankYous {
		if !t.Sent() {
			v.Unsent++
		}
	}
	if v.Steps, err = ui.app.FollowUpSteps(r.Context(), ui.caller(r, s), p.ID); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Schedule = itinera.FollowUpMonthsText(st.FollowUpMonths)
	ui.render(w, r, s, code, "follow_up", pageInfo{Title: "Follow-up · " + p.Title, Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(p)}}, v)
}

func (ui *UI) feedbackIssue(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	out, err := ui.app.IssueFeedback(r.Context(), ui.caller(r, s), p.ID)
	if itinera.ErrorCode(err) == itinera.ECONFLICT {
		ui.showFollowUp(w, r, s, p, http.StatusConflict, nil, err)
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	msg := "Sent " + plural(out.Sent, "feedback link") + "."
	if out.Sent == 0 {
		msg = "Everyone who took part already has a feedback link."
	}
	if len(out.Without) > 0 {
		msg += " No e-mail address for " + strings.Join(out.Without, ", ") + ": add one to send them a link."
	}
	ui.flash(w, msg)
	http.Redirect(w, r, sectionPath(p.ID, "follow-up"), http.StatusSeeOther)
}

// readCollaboration reads the collaboration form.
func readCollaboration(v url.Values) (itinera.Collaboration, itinera.FieldErrors) {
	fr := newFormReader(v)
	c := itinera.Collaboration{Kind: itinera.CollaborationKind(fr.str("kind")), Status: itinera.CollaborationStatus(fr.str("status")),
		Title: fr.str("title"), Description: fr.text("description"), Countries: fr.list("countries"),
		StartedOn: fr.date("started_on"), EvidenceURL: fr.str("evidence_url"),
		VisitorIDs: fr.ids("visitor_ids", nil), OrganizationIDs: fr.ids("organization_ids", nil)}
	return c, fr.errs
}

func (ui *UI) collaborationCreate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	c, perrs := readCollaboration(r.PostForm)
	c.ProgramID, c.TenantID = p.ID, s.User.TenantID
	err = write(perrs, c.Validate, "collaboration", func() error {
		_, err := ui.app.CreateCollaboration(r.Context(), ui.caller(r, s), c)
		return err
	})
	switch itinera.ErrorCode(err) {
	case "":
		ui.flash(w, "Recorded “"+c.Title+"”.")
		http.Redirect(w, r, sectionPath(p.ID, "follow-up")+"#collaborations", http.StatusSeeOther)
	case itinera.EINVALID:
		ui.showFollowUp(w, r, s, p, http.StatusUnprocessableEntity, r.PostForm, err)
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) collaborationDelete(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	c, err := ui.svc.Feedback.Collaboration(r.Context(), s.User.TenantID, id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if err := ui.app.DeleteCollaboration(r.Context(), ui.caller(r, s), id); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.flash(w, "Deleted “"+c.Title+"”.")
	http.Redirect(w, r, sectionPath(c.ProgramID, "follow-up")+"#collaborations", http.StatusSeeOther)
}

// The personal feedback form.

// feedbackFormView is the page of a feedback link.
type feedbackFormView struct {
	F        app.FeedbackForm
	Nonce    string
	Expires  string
	Values   url.Values
	Errors   map[string]string
	Message  string
	Meetings []meetingChoice
	Kinds    []itinera.CollaborationKind
	Dates    string
	Scale    []int  // 1 … 5
	Action   string // where what followed is sent
	// Followed is the form of what followed, for visitors and resources.
	Followed *followedView
}

// meetingChoice is one meeting to rate, with what was said of it.
type meetingChoice struct {
	ID                  int64
	Title, Organization string
	Rating              string
	Comment             string
}

var unknownFeedbackLink = goneView{Status: http.StatusNotFound, Heading: "We could not find this feedback form",
	Text: "The link may be incomplete (check that you copied all of it) or it was replaced by a newer one, sent with a reminder. Please open the link from the most recent e-mail."}

// feedbackLink checks the rate limit and the token and loads the form; ok
// is false when a friendly page was written instead.
func (ui *UI) feedbackLink(w http.ResponseWriter, r *http.Request, s *session) (app.FeedbackForm, string, bool) {
	f, hash, ok := linkRecord(ui, w, r, s, "feedback", unknownFeedbackLink, nil, ui.app.OpenFeedback)
	if !ok {
		return f, "", false
	}
	if !f.Link.LinkWorks(ui.now()) {
		ui.gone(w, r, s, goneView{Status: http.StatusGone, Heading: "This feedback form has closed",
			Text: "The time to give feedback on this program has passed. Thank you all the same; if you would still like to tell us something, please reply to the e-mail you received."})
		return f, "", false
	}
	return f, hash, true
}

func (ui *UI) feedbackPage(w http.ResponseWriter, r *http.Request, s *session) {
	f, hash, ok := ui.feedbackLink(w, r, s)
	if !ok {
		return
	}
	ui.showFeedbackForm(w, r, s, f, hash, http.StatusOK, nil, nil)
}

func (ui *UI) showFeedbackForm(w http.ResponseWriter, r *http.Request, s *session, f app.FeedbackForm, hash string, code int, values url.Values, err error) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	v := feedbackFormView{F: f, Nonce: ui.linkNonce("feedback", hash), Expires: itinera.LinkLastDayLabel(f.Link.ExpiresAt, f.Program.Location()),
		Values: values, Errors: itinera.ErrorFields(err), Kinds: itinera.CollaborationKinds, Dates: dateRange(f.Program),
		Scale: []int{1, 2, 3, 4, 5}, Action: strings.TrimSuffix(r.URL.Path, "/collaborations") + "/collaborations"}
	if err != nil {
		v.Message = itinera.ErrorMessage(err)
	}
	rated := map[int64]itinera.MeetingRating{}
	for _, m := range f.Link.Meetings {
		rated[m.MeetingID] = m
	}
	if v.Values == nil {
		v.Values = url.Values{"comment": {f.Link.Comment}, "host_again": {string(f.Link.HostAgain)}}
		if f.Link.Rating > 0 {
			v.Values.Set("rating", strconv.Itoa(f.Link.Rating))
		}
		for _, m := range f.Meetings {
			if x, ok := rated[m.ID]; ok {
				if x.Rating > 0 {
					v.Values.Set("rating_"+itoa(m.ID), strconv.Itoa(x.Rating))
				}
				v.Values.Set("comment_"+itoa(m.ID), x.Comment)
			}
		}
	}
	for _, m := range f.Meetings {
		v.Meetings = append(v.Meetings, meetingChoice{ID: m.ID, Title: m.Title, Organization: m.HostOrganizationName,
			Rating: v.Values.Get("rating_" + itoa(m.ID)), Comment: v.Values.Get("comment_" + itoa(m.ID))})
	}
	v.Followed = newFollowedView(v.Action, v.Nonce, f.Link.Role, values, err, f.Visitors, f.Organizations, false)
	ui.render(w, r, s, code, "feedback", pageInfo{Title: "How was " + f.Program.Title + "?"}, v)
}

// dateRange writes a program's dates: "5–9 December 2026".
func dateRange(p itinera.Program) string {
	if p.StartDate == p.EndDate {
		return dateLabel(p.StartDate)
	}
	return dateLabel(p.StartDate) + " – " + dateLabel(p.EndDate)
}

// readFeedback reads the feedback form for the meetings offered.
func readFeedback(v url.Values, meetings []itinera.Meeting) (itinera.FeedbackAnswer, itinera.FieldErrors) {
	fr := newFormReader(v)
	a := itinera.FeedbackAnswer{Rating: fr.int("rating", "Choose from 1 to 5."), HostAgain: itinera.HostAgain(fr.str("host_again")),
		Comment: fr.text("comment")}
	for _, m := range meetings {
		id := itoa(m.ID)
		a.Meetings = append(a.Meetings, itinera.MeetingRating{MeetingID: m.ID,
			Rating: fr.int("rating_"+id, "Rate each meeting from 1 to 5."), Comment: fr.text("comment_" + id)})
	}
	for k, msg := range fr.errs {
		if strings.HasPrefix(k, "rating_") {
			delete(fr.errs, k)
			fr.errs.Add("meetings", msg)
		}
	}
	return a, fr.errs
}

func (ui *UI) feedbackAnswer(w http.ResponseWriter, r *http.Request, s *session) {
	f, hash, ok := ui.feedbackLink(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("feedback", hash))) {
		ui.showFeedbackForm(w, r, s, f, hash, http.StatusUnprocessableEntity, r.PostForm,
			itinera.Errorf(itinera.EINVALID, "This page was open for a long time. Please check your answer and send it again."))
		return
	}
	a, perrs := readFeedback(r.PostForm, f.Meetings)
	ids := make([]int64, len(f.Meetings))
	for i, m := range f.Meetings {
		ids[i] = m.ID
	}
	err := write(perrs, func() error { return a.Validate(f.Link.Role, ids) }, "feedback", func() error {
		return ui.app.AnswerFeedback(r.Context(), hash, a)
	})
	switch itinera.ErrorCode(err) {
	case "":
		ui.log.InfoContext(r.Context(), "feedback answered", "link", f.Link.ID, "tenant", f.Link.TenantID)
		ui.flash(w, "Thank you! Your feedback was saved. You can change it here until "+itinera.LinkLastDayLabel(f.Link.ExpiresAt, f.Program.Location())+".")
		http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	case itinera.EINVALID, itinera.ECONFLICT:
		ui.showFeedbackForm(w, r, s, f, hash, status(itinera.ErrorCode(err)), r.PostForm, err)
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) feedbackCollaboration(w http.ResponseWriter, r *http.Request, s *session) {
	f, hash, ok := ui.feedbackLink(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("feedback", hash))) {
		ui.showFeedbackForm(w, r, s, f, hash, http.StatusUnprocessableEntity, r.PostForm,
			itinera.Errorf(itinera.EINVALID, "This page was open for a long time. Please send what followed again."))
		return
	}
	c, perrs := readCollaboration(r.PostForm)
	c.ProgramID = f.Link.ProgramID
	err := write(perrs, c.Validate, "collaboration", func() error {
		_, err := ui.app.RecordCollaborationByLink(r.Context(), hash, c)
		return err
	})
	switch itinera.ErrorCode(err) {
	case "":
		ui.flash(w, "Thank you! “"+c.Title+"” was recorded.")
		http.Redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/collaborations")]+"#followed", http.StatusSeeOther)
	case itinera.EINVALID, itinera.ECONFLICT, itinera.EFORBIDDEN:
		ui.showFeedbackForm(w, r, s, f, hash, status(itinera.ErrorCode(err)), r.PostForm, err)
	default:
		ui.fail(w, r, s, err)
	}
}

// Thank-you letters, drafted, reviewed and sent from the Follow-up section.

func (ui *UI) thankYouDraft(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	tmpl := itinera.ThankYouTemplate{Subject: fr.str("template_subject"), Body: fr.text("template_body")}
	out, err := ui.app.DraftThankYous(r.Context(), ui.caller(r, s), p.ID, tmpl)
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.EINVALID:
		v := url.Values{"template_subject": {tmpl.Subject}, "template_body": {tmpl.Body}}
		if f := itinera.ErrorFields(err); f != nil {
			fe := itinera.FieldErrors{}
			for k, m := range f {
				fe.Add("template_"+k, m)
			}
			err = fe.Err("thank-you template")
		}
		ui.showFollowUp(w, r, s, p, http.StatusUnprocessableEntity, v, err)
		return
	default:
		ui.fail(w, r, s, err)
		return
	}
	msg := "Drafted " + plural(out.Drafted, "thank-you letter") + ": read them below, change any, then send."
	if out.Sent > 0 {
		msg += " " + plural(out.Sent, "letter") + " already sent stayed as they were."
	}
	if len(out.Without) > 0 {
		msg += " No e-mail address for " + strings.Join(out.Without, ", ") + "."
	}
	ui.flash(w, msg)
	http.Redirect(w, r, sectionPath(p.ID, "follow-up")+"#thank-yous", http.StatusSeeOther)
}

func (ui *UI) thankYouUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	t, err := ui.app.UpdateThankYou(r.Context(), ui.caller(r, s), id, fr.str("subject"), fr.text("body"))
	switch itinera.ErrorCode(err) {
	case "":
		ui.flash(w, "Saved the letter to "+t.Name+".")
		http.Redirect(w, r, sectionPath(t.ProgramID, "follow-up")+"#thank-you-"+itoa(t.ID), http.StatusSeeOther)
	case itinera.EINVALID, itinera.ECONFLICT:
		old, lerr := ui.svc.Feedback.ThankYou(r.Context(), s.User.TenantID, id)
		if lerr != nil {
			ui.fail(w, r, s, lerr)
			return
		}
		p, lerr := ui.svc.Programs.Program(r.Context(), s.User.TenantID, old.ProgramID)
		if lerr != nil {
			ui.fail(w, r, s, lerr)
			return
		}
		ui.showFollowUp(w, r, s, p, status(itinera.ErrorCode(err)), nil, err)
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) thankYouSend(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	ids := fr.ids("id", nil)
	if len(ids) == 0 || len(fr.errs) > 0 {
		ui.showFollowUp(w, r, s, p, http.StatusUnprocessableEntity, nil,
			itinera.FieldErrors{"ids": "Tick the letters to send."}.Err("thank-you letters"))
		return
	}
	n, err := ui.app.SendThankYous(r.Context(), ui.caller(r, s), p.ID, ids)
	if itinera.ErrorCode(err) == itinera.EINVALID {
		ui.showFollowUp(w, r, s, p, http.StatusUnprocessableEntity, nil, err)
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.flash(w, "Sent "+plural(n, "thank-you letter")+" to the Outbox.")
	http.Redirect(w, r, sectionPath(p.ID, "follow-up")+"#thank-yous", http.StatusSeeOther)
}
