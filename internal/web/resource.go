package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/requests"
)

// The resource's page, /r/{token}: no account, no session. The link's
// token is the only credential; the store keeps its hash. The answer form
// carries a nonce derived from the token with the server's key, so a form
// is only accepted for the link it was shown for; cross-origin posts are
// refused by the server's CrossOriginProtection.

// resourceView is the resource's page.
type resourceView struct {
	In        requests.Invitation
	Contact   string
	Paras     []string
	Dates     string
	Zone      string
	Duration  string
	Place     string
	Who       string
	Jobs      string
	Objective string
	Topics    string
	Times     []slotChoice
	Nonce     string
	Expires   string

	Confirmed   string // the final time, when the officer confirmed it
	Interpreter bool
	Current     string // the answer on record, in words
	Values      url.Values
	Errors      map[string]string
	Message     string
	Done        bool // just answered
	// Offer is the resource's own times as rows of a day and a time
	// range (native date and time inputs); MinDay and MaxDay bound them.
	Offer          []offerRow
	MinDay, MaxDay string
}

// offerRow is one time a resource offers: a day, from, to, as typed.
type offerRow struct {
	N             int
	Day, From, To string
	DayID, FromID string
	ToID          string
}

// slotChoice is one proposed time on the page.
type slotChoice struct {
	Index            int
	Label            string
	Start, End, TZ   string // RFC 3339 instants and the zone, for the reader's own clock (clock.js)
	Chosen, Ticked   bool
	AcceptID, TickID string
}

// goneView is the friendly page for a link that does not work.
type goneView struct {
	Status  int
	Heading string
	Text    string
}

// linkNonce binds a personal link's form (purpose: resource, host,
// feedback, follow-up) to the link's token hash, signed with the form key
// (RequestConfig.Key): every server of an installation given the same key
// (ITINERA_FORM_KEY) accepts the forms another one served.
func (ui *UI) linkNonce(purpose, tokenHash string) string {
	m := hmac.New(sha256.New, ui.req.Key)
	m.Write([]byte("itinera " + purpose + " form\x00" + tokenHash))
	return hex.EncodeToString(m.Sum(nil))
}

// resourceRequest checks the rate limit and the token and loads the
// request; ok is false when a friendly page was written instead.
func (ui *UI) resourceRequest(w http.ResponseWriter, r *http.Request, s *session) (itinera.Request, string, bool) {
	rq, hash, ok := linkRecord(ui, w, r, s, "resource", unknownLink, nil, ui.app.OpenRequest)
	if !ok {
		return rq, "", false
	}
	if !rq.LinkWorks(ui.now()) {
		g := goneView{Status: http.StatusGone, Heading: "This link has expired",
			Text: "The time to answer this meeting request has passed. If you would still like to meet the delegation, please reply to the e-mail you received and the program officer will send you a new link."}
		if rq.Status == itinera.RequestWithdrawn {
			g.Heading = "This request was withdrawn"
			g.Text = "The organization no longer needs an answer to this meeting request; its program has changed. Thank you for your time. If you have questions, please reply to the e-mail you received."
		}
		ui.gone(w, r, s, g)
		return rq, "", false
	}
	return rq, hash, true
}

var tooMany = goneView{Status: http.StatusTooManyRequests, Heading: "Please wait a moment",
	Text: "Too many links that do not work were opened from your network. Please wait a few minutes, then open the link from your e-mail again."}

var unknownLink = goneView{Status: http.StatusNotFound, Heading: "We could not find this request",
	Text: "The link may be incomplete (check that you copied all of it) or it was replaced by a newer one. Please open the link from the most recent e-mail, or reply to it and the program officer will help."}

func (ui *UI) gone(w http.ResponseWriter, r *http.Request, s *session, g goneView) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	ui.render(w, r, s, g.Status, "resource_gone", pageInfo{Title: g.Heading}, g)
}

func (ui *UI) resourcePage(w http.ResponseWriter, r *http.Request, s *session) {
	rq, hash, ok := ui.resourceRequest(w, r, s)
	if !ok {
		return
	}
	ui.showResource(w, r, s, rq, hash, http.StatusOK, nil, nil)
}

func (ui *UI) resourceAnswer(w http.ResponseWriter, r *http.Request, s *session) {
	rq, hash, ok := ui.resourceRequest(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("resource", hash))) {
		ui.showResource(w, r, s, rq, hash, http.StatusUnprocessableEntity, r.PostForm,
			itinera.Errorf(itinera.EINVALID, "This page was open for a long time. Please check your answer and send it again."))
		return
	}
	m, err := ui.svc.Candidates.Meeting(r.Context(), rq.TenantID, rq.MeetingID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	p, err := ui.svc.Programs.Program(r.Context(), rq.TenantID, m.ProgramID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	a, perrs := readAnswer(r.PostForm, rq.Windows, p)
	err = write(perrs, func() error { return a.Validate(rq.Windows) }, "answer", func() error {
		_, err := ui.app.AnswerRequest(r.Context(), hash, a)
		return err
	})
	switch itinera.ErrorCode(err) {
	case "":
		ui.log.InfoContext(r.Context(), "request answered", "request", rq.ID, "tenant", rq.TenantID, "answer", a.Kind)
		ui.flash(w, "Thank you! Your answer was saved. You can change it here until the meeting is confirmed.")
		http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	case itinera.EINVALID, itinera.ECONFLICT:
		ui.showResource(w, r, s, rq, hash, status(itinera.ErrorCode(err)), r.PostForm, err)
	default:
		ui.fail(w, r, s, err)
	}
}

// readAnswer reads the resource's form. An answer not chosen explicitly is
// taken from what was filled in: a chosen time accepts it, ticked times
// offer them, typed times propose them.
func readAnswer(v url.Values, proposed []itinera.Window, p itinera.Program) (itinera.RequestAnswer, itinera.FieldErrors) {
	fr := newFormReader(v)
	a := itinera.RequestAnswer{Kind: itinera.AnswerKind(fr.str("answer")), Reason: fr.text("reason"),
		Colleague: itinera.Colleague{Name: fr.str("colleague_name"), Email: fr.str("colleague_email"), Note: fr.text("colleague_note")},
		Partners:  itinera.SplitList(v.Get("partners")), Comment: fr.text("comment")}
	index := func(s string) (int, bool) {
		i, err := strconv.Atoi(strings.TrimSpace(s))
		return i, err == nil && i >= 0 && i < len(proposed)
	}
	slot, hasSlot := -1, false
	if s := fr.str("slot"); s != "" {
		if slot, hasSlot = index(s); !hasSlot {
			fr.errs.Add("slot", "Choose one of the proposed times.")
		}
	}
	var ticked []itinera.Window
	for _, s := range v["available"] {
		i, ok := index(s)
		if !ok {
			fr.errs.Add("available", "Tick only the proposed times.")
			continue
		}
		ticked = append(ticked, proposed[i])
	}
	// A resource may propose times up to 30 days around the program.
	around := p
	around.StartDate, around.EndDate = p.StartDate.AddDays(-30), p.EndDate.AddDays(30)
	typed, msg := parseWindows(v.Get("proposed"), around)
	rows, rowMsg := readOffer(v, around)
	typed = append(typed, rows...)
	msg = strings.TrimSpace(msg + " " + rowMsg)
	if a.Kind == "" {
		switch {
		case hasSlot:
			a.Kind = itinera.AnswerAccept
		case len(ticked) > 0:
			a.Kind = itinera.AnswerAvailable
		case strings.TrimSpace(v.Get("proposed")) != "" || len(rows) > 0 || rowMsg != "":
			a.Kind = itinera.AnswerCounter
		}
	}
	switch a.Kind {
	case itinera.AnswerAccept:
		if hasSlot {
			a.Slot = proposed[slot]
		}
	case itinera.AnswerAvailable:
		a.Available = ticked
	case itinera.AnswerCounter:
		if msg != "" {
			fr.errs.Add("proposed", msg)
		}
		a.Proposed = typed
	}
	return a, fr.errs
}

// readOffer reads the rows of times a resource offers (offer_day,
// offer_from, offer_to, in order); a row left empty is skipped, a row
// half filled or wrong is named by its number.
func readOffer(v url.Values, p itinera.Program) ([]itinera.Window, string) {
	days, froms, tos := v["offer_day"], v["offer_from"], v["offer_to"]
	n := max(len(days), len(froms), len(tos))
	at := func(xs []string, i int) string {
		if i < len(xs) {
			return strings.TrimSpace(xs[i])
		}
		return ""
	}
	var ws []itinera.Window
	var msgs []string
	for i := 0; i < n; i++ {
		day, from, to := at(days, i), at(froms, i), at(tos, i)
		if day == "" && from == "" && to == "" {
			continue
		}
		if day == "" || from == "" || to == "" {
			msgs = append(msgs, fmt.Sprintf("Time %d: give its day, its start and its end.", i+1))
			continue
		}
		w, err := parseWindow(day+" "+from+"-"+to, p)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("Time %d: %s", i+1, err))
			continue
		}
		ws = append(ws, w)
	}
	return ws, strings.Join(msgs, " ")
}

// offerRows are the rows of the form: the values sent back, else the
// times on record, and always at least three, one of them empty.
func offerRows(values url.Values, proposed []itinera.Window, loc *time.Location) []offerRow {
	var rows []offerRow
	if len(values["offer_day"]) > 0 {
		for i, d := range values["offer_day"] {
			r := offerRow{Day: d}
			if i < len(values["offer_from"]) {
				r.From = values["offer_from"][i]
			}
			if i < len(values["offer_to"]) {
				r.To = values["offer_to"][i]
			}
			rows = append(rows, r)
		}
	} else {
		for _, w := range proposed {
			s, e := w.Start.In(loc), w.End.In(loc)
			rows = append(rows, offerRow{Day: s.Format("2006-01-02"), From: s.Format("15:04"), To: e.Format("15:04")})
		}
	}
	for len(rows) < 3 || rows[len(rows)-1] != (offerRow{}) {
		rows = append(rows, offerRow{})
	}
	for i := range rows {
		n := strconv.Itoa(i + 1)
		rows[i].N, rows[i].DayID, rows[i].FromID, rows[i].ToID = i+1, "offer-day-"+n, "offer-from-"+n, "offer-to-"+n
	}
	return rows
}

// showResource renders the resource's page, with the form's values and
// messages when an answer came back.
func (ui *UI) showResource(w http.ResponseWriter, r *http.Request, s *session, rq itinera.Request, hash string, code int,
	values url.Values, err error) {
	m, err2 := ui.svc.Candidates.Meeting(r.Context(), rq.TenantID, rq.MeetingID)
	if err2 != nil {
		ui.fail(w, r, s, err2)
		return
	}
	in, err2 := requests.Describe(r.Context(), ui.svc, rq.TenantID, m)
	if err2 != nil {
		ui.fail(w, r, s, err2)
		return
	}
	v := newResourceView(in, rq, ui.linkNonce("resource", hash))
	if values == nil {
		values = answerValues(rq, in.Program.Location())
	}
	v.Values = shownValues(values)
	var onRecord []itinera.Window
	if rq.Answer != nil {
		onRecord = rq.Answer.Proposed
	}
	if values.Get("proposed") != "" { // an answer typed as lines (older form)
		onRecord, _ = parseWindows(values.Get("proposed"), in.Program)
	}
	v.Offer = offerRows(values, onRecord, in.Program.Location())
	v.MinDay, v.MaxDay = in.Program.StartDate.AddDays(-30).String(), in.Program.EndDate.AddDays(30).String()
	if err != nil {
		v.Message, v.Errors = itinera.ErrorMessage(err), itinera.ErrorFields(err)
	}
	chosen, ticked := map[string]bool{}, map[string]bool{}
	chosen[values.Get("slot")] = true
	for _, x := range values["available"] {
		ticked[x] = true
	}
	for i := range v.Times {
		key := strconv.Itoa(i)
		v.Times[i].Chosen, v.Times[i].Ticked = chosen[key], ticked[key]
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Robots-Tag", "noindex")
	ui.render(w, r, s, code, "resource", pageInfo{Title: "Meeting request: " + m.Title}, v)
}

func newResourceView(in requests.Invitation, rq itinera.Request, nonce string) resourceView {
	p := in.Program
	loc := p.Location()
	v := resourceView{In: in, Contact: rq.ContactName, Nonce: nonce, Who: in.Who(),
		Dates: dateLabel(p.StartDate) + " – " + dateLabel(p.EndDate),
		Zone:  p.ZoneLabel(), Duration: durationLabel(in.Meeting.DurationMinutes),
		Jobs: strings.Join(in.Profile.Professions, ", "), Objective: strings.Join(p.Objectives, ", "),
		Topics: strings.Join(in.Meeting.Topics, ", "), Interpreter: in.Profile.Interpreters > 0,
		Place: "At your office, or wherever suits you"}
	if in.Meeting.PlaceName != "" {
		v.Place = in.Meeting.PlaceName
		if in.PlaceAddress != "" {
			v.Place += ", " + in.PlaceAddress
		}
	}
	for _, para := range strings.Split(rq.Message, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			v.Paras = append(v.Paras, para)
		}
	}
	for i, w := range rq.Windows {
		v.Times = append(v.Times, slotChoice{Index: i, Label: w.Label(loc), Start: w.Start.UTC().Format(time.RFC3339),
			End: w.End.UTC().Format(time.RFC3339), TZ: p.TimeZone,
			AcceptID: "slot-" + strconv.Itoa(i), TickID: "available-" + strconv.Itoa(i)})
	}
	if !rq.ExpiresAt.IsZero() {
		v.Expires = itinera.LinkLastDayLabel(rq.ExpiresAt, loc)
	}
	if rq.IsConfirmed() {
		v.Confirmed = rq.Confirmed.Label(loc)
	}
	if a := rq.Answer; a != nil {
		v.Current = answerWords[a.Kind]
		if ts := a.Times(); len(ts) > 0 {
			v.Current += ": " + strings.Join(windowLabels(ts, loc), "; ")
		}
	}
	return v
}

// answerValues fills the form with the answer on record, so a change
// starts from it.
func answerValues(rq itinera.Request, loc *time.Location) url.Values {
	v := url.Values{}
	a := rq.Answer
	if a == nil {
		return v
	}
	v.Set("answer", string(a.Kind))
	for i, w := range rq.Windows {
		same := func(x itinera.Window) bool { return x.Start.Equal(w.Start) && x.End.Equal(w.End) }
		if a.Kind == itinera.AnswerAccept && same(a.Slot) {
			v.Set("slot", strconv.Itoa(i))
		}
		for _, t := range a.Available {
			if same(t) {
				v.Add("available", strconv.Itoa(i))
			}
		}
	}
	v.Set("reason", a.Reason)
	v.Set("colleague_name", a.Colleague.Name)
	v.Set("colleague_email", a.Colleague.Email)
	v.Set("colleague_note", a.Colleague.Note)
	v.Set("partners", strings.Join(a.Partners, "\n"))
	v.Set("comment", a.Comment)
	return v
}
