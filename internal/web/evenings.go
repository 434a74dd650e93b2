package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/hosting"
)

// Hospitality evenings, the officer's side: the evenings of a program, the
// form that adds one, and the evening's matching page with its actions.
// The page shows the saved matching, or the engine's proposal until one is
// saved; every action saves the matching it leaves behind, so the page
// always shows what households will be told, with every rule it breaks.

func eveningLink(id int64) string { return "/evenings/" + itoa(id) }

func eveningsLink(p itinera.Program) string { return "/programs/" + itoa(p.ID) + "/evenings" }

type eveningRow struct {
	E         itinera.HospitalityEvening
	When      string
	Invited   int
	Placed    int
	Confirmed bool
}

type eveningsView struct {
	Tabs    sectionNav
	Program itinera.Program
	Rows    []eveningRow
}

// programOf loads the program named by the path.
func (ui *UI) programOfPath(r *http.Request, s *session) (itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Program{}, err
	}
	return ui.svc.Programs.Program(r.Context(), s.User.TenantID, id)
}

func (ui *UI) eveningList(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.programOfPath(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	es, err := ui.svc.Hospitality.Evenings(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := eveningsView{Tabs: programTabs(p.ID, "hospitality"), Program: p}
	for _, e := range es {
		placed := 0
		for _, g := range e.Guests {
			if g.VisitorID != 0 {
				placed++
			}
		}
		v.Rows = append(v.Rows, eveningRow{E: e, When: windowLabel(itinera.Window{Start: e.Start, End: e.End}, p.Location()),
			Invited: len(e.Invitations), Placed: placed, Confirmed: e.Status == itinera.EveningConfirmed})
	}
	ui.render(w, r, s, http.StatusOK, "evenings", pageInfo{Title: "Hospitality evenings", Nav: "programs",
		Crumbs: []crumb{{"/programs", "Programs"}, {"/programs/" + itoa(p.ID), p.Title}}}, v)
}

// ---- Adding an evening

func eveningFields(p itinera.Program, vs []itinera.Visitor, is []itinera.Interpreter) []field {
	var days, vopts, iopts []option
	for _, d := range p.Dates() {
		days = append(days, option{Value: d.String(), Label: dateLabel(d)})
	}
	for _, v := range vs {
		vopts = append(vopts, option{Value: itoa(v.ID), Label: v.Name() + " (" + v.Country + ")"})
	}
	for _, i := range is {
		iopts = append(iopts, option{Value: itoa(i.ID), Label: i.Name + " (" + strings.Join(i.Languages, ", ") + ")"})
	}
	return []field{
		{Name: "date", Label: "Day", Type: "select", Required: true, Options: days},
		{Name: "start", Label: "Starts (pick-up at the hotel)", Type: "time", Required: true},
		{Name: "end", Label: "Ends (back at the hotel)", Type: "time", Required: true},
		{Name: "visitor_ids", Label: "Visitors taking part", Type: "multiselect", Options: vopts, Hint: "All are chosen at first."},
		{Name: "interpreter_ids", Label: "Interpreters taking part", Type: "multiselect", Options: iopts, Hint: "They join households where a language bridge is needed."},
		{Name: "min_group", Label: "Smallest group per household", Type: "number", Min: "1", Max: "6", Hint: "2 means no visitor dines alone."},
		{Name: "note", Label: "Note for the hosts", Type: "textarea", Rows: 2, Hint: "Pick-up details, parking, anything hosts should know."},
	}
}

func (ui *UI) eveningForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, st formState) {
	ctx := r.Context()
	vs, err := ui.svc.People.Visitors(ctx, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	is, err := ui.svc.People.Interpreters(ctx, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "Add a hospitality evening", Nav: "programs",
		Crumbs: []crumb{{"/programs", "Programs"}, {"/programs/" + itoa(p.ID), p.Title}, {sectionPath(p.ID, "hospitality"), "Hospitality"}}}
	ui.renderForm(w, r, s, info, st, formView{Action: eveningsLink(p), Submit: "Add the evening", Cancel: sectionPath(p.ID, "hospitality"),
		Intro: "Approved households that are usually free that day are invited at once; you can invite others on the evening's page."},
		eveningFields(p, vs, is))
}

func (ui *UI) eveningNew(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.programOfPath(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ctx := r.Context()
	vs, err := ui.svc.People.Visitors(ctx, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	is, err := ui.svc.People.Interpreters(ctx, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := url.Values{"start": {"17:30"}, "end": {"21:00"}, "min_group": {"2"}}
	if ds := p.Dates(); len(ds) > 1 {
		v.Set("date", ds[1].String())
	}
	for _, x := range vs {
		v.Add("visitor_ids", itoa(x.ID))
	}
	for _, x := range is {
		v.Add("interpreter_ids", itoa(x.ID))
	}
	ui.eveningForm(w, r, s, p, formState{values: v})
}

func (ui *UI) eveningCreate(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	p, err := ui.programOfPath(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	vs, err := ui.svc.People.Visitors(ctx, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	is, err := ui.svc.People.Interpreters(ctx, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	loc := p.Location()
	day := fr.date("date")
	if day.IsZero() {
		fr.errs.Add("date", "Choose the day of the evening.")
	}
	from, to := fr.clock("start"), fr.clock("end")
	e := itinera.HospitalityEvening{TenantID: s.User.TenantID, ProgramID: p.ID, Note: fr.text("note"),
		MinGroup:       fr.int("min_group", "Enter the smallest group as a number."),
		VisitorIDs:     fr.ids("visitor_ids", idSet(vs, func(v itinera.Visitor) int64 { return v.ID })),
		InterpreterIDs: fr.ids("interpreter_ids", idSet(is, func(i itinera.Interpreter) int64 { return i.ID }))}
	if !day.IsZero() {
		e.Start, e.End = day.At(from, loc), day.At(to, loc)
	}
	var out app.CreatedEvening
	err = write(fr.errs, e.Validate, "evening", func() (err error) {
		out, err = ui.app.CreateEvening(ctx, ui.caller(r, s), e)
		return err
	})
	if !ui.settle(w, r, s, err, func(st formState) { ui.eveningForm(w, r, s, p, st) }) {
		return
	}
	ui.redirect(w, r, eveningLink(out.Evening.ID), "Evening added; "+plural(out.Invited, "household")+" free that day invited by e-mail.")
}

// ---- The matching page

type eveningView struct {
	E         itinera.HospitalityEvening
	Program   itinera.Program
	When      string
	PickUp    string
	Saved     bool
	Error     string // why the engine could not propose a matching
	V         hosting.View
	Visitors  []option
	Targets   []option // households a visitor can be moved to
	Invited   []invitedRow
	Uninvited []option
	Pairs     []pairRow
	Hours     []itinera.VolunteerHours
	// TotalMinutes adds up the evening's volunteer time.
	TotalMinutes int
	Hosts        int // households that receive guests
}

type invitedRow struct {
	H           itinera.HostHousehold
	Unavailable bool
	Answer      string // the host's own answer: "", "yes" or "no"
	AnswerNote  string
}

type pairRow struct {
	ID          int64
	A, B, Kind  string
	ThisEvening bool
}

func (ui *UI) eveningShow(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ev, err := ui.app.ShowEvening(ctx, ui.caller(r, s), id)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	rec := ev.Records
	p, e := rec.Program, rec.Evening
	v := eveningView{E: e, Program: p, When: windowLabel(itinera.Window{Start: e.Start, End: e.End}, p.Location()), PickUp: rec.PickUp(),
		Error: ev.Trouble}
	v.Saved, v.V = ev.Saved, rec.Describe(ev.Result)
	v.Hosts = len(v.V.Cards)
	for _, x := range rec.Visitors {
		v.Visitors = append(v.Visitors, option{Value: itoa(x.ID), Label: x.Name()})
	}
	v.Targets = append(v.Targets, option{Value: "0", Label: "No household (leave out)"})
	for _, h := range rec.Households {
		row := invitedRow{H: h, Unavailable: !rec.Available(h)}
		for _, in := range e.Invitations {
			if in.HouseholdID == h.ID {
				row.Answer, row.AnswerNote = string(in.Answer), in.AnswerNote
			}
		}
		v.Invited = append(v.Invited, row)
		if rec.Available(h) {
			v.Targets = append(v.Targets, option{Value: itoa(h.ID), Label: h.Name})
		}
	}
	approved, err := ui.svc.Hospitality.Households(ctx, s.User.TenantID, itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	invited := map[int64]bool{}
	for _, in := range e.Invitations {
		invited[in.HouseholdID] = true
	}
	for _, h := range approved {
		if !invited[h.ID] {
			label := h.Name
			if !h.FreeOn(itinera.DateOf(e.Start.In(p.Location()))) {
				label += " (not usually free that day)"
			}
			v.Uninvited = append(v.Uninvited, option{Value: itoa(h.ID), Label: label})
		}
	}
	names := map[int64]string{}
	for _, x := range rec.Visitors {
		names[x.ID] = x.Name()
	}
	for _, pr := range rec.Pairs {
		if names[pr.VisitorA] != "" && names[pr.VisitorB] != "" {
			v.Pairs = append(v.Pairs, pairRow{ID: pr.ID, A: names[pr.VisitorA], B: names[pr.VisitorB], Kind: string(pr.Kind), ThisEvening: pr.EveningID != 0})
		}
	}
	if e.Status == itinera.EveningConfirmed {
		hours, err := ui.svc.Hospitality.VolunteerHours(ctx, s.User.TenantID, p.ID)
		if err != nil {
			ui.fail(w, r, s, err)
			return
		}
		for _, h := range hours {
			if h.EveningID == e.ID {
				v.Hours = append(v.Hours, h)
				v.TotalMinutes += h.Minutes
			}
		}
	}
	ui.render(w, r, s, http.StatusOK, "evening", pageInfo{Title: "Home-hospitality evening, " + dateLabel(itinera.DateOf(e.Start.In(p.Location()))),
		Nav: "programs", Crumbs: []crumb{{"/programs", "Programs"}, {"/programs/" + itoa(p.ID), p.Title}, {sectionPath(p.ID, "hospitality"), "Hospitality"}}}, v)
}

// eveningDone ends an action on the evening: back to its page with msg,
// or with the reason the action was refused.
func (ui *UI) eveningDone(w http.ResponseWriter, r *http.Request, s *session, id int64, err error, anchor, msg string) {
	switch itinera.ErrorCode(err) {
	case "":
		ui.redirect(w, r, eveningLink(id)+anchor, msg)
	case itinera.EINVALID, itinera.ECONFLICT:
		text := itinera.ErrorMessage(err)
		for _, f := range itinera.ErrorFields(err) {
			text = f
			break
		}
		ui.redirect(w, r, eveningLink(id), text)
	default:
		ui.fail(w, r, s, err)
	}
}

// eveningAction reads the evening's id for a POST; it fails the request
// itself when ok is false.
func (ui *UI) eveningAction(w http.ResponseWriter, r *http.Request, s *session) (int64, bool) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return 0, false
	}
	return id, true
}

func (ui *UI) eveningMatch(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	ev, err := ui.app.MatchEvening(r.Context(), ui.caller(r, s), id)
	msg := ""
	if err == nil {
		n := len(ev.Records.Visitors)
		msg = "Matching saved: " + strconv.Itoa(n-len(ev.Result.Unplaced)) + " of " + plural(n, "visitor") +
			" placed; locked guests kept where they were."
	}
	ui.eveningDone(w, r, s, id, err, "", msg)
}

func (ui *UI) eveningMove(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	fr := newFormReader(r.PostForm)
	vid, hid := fr.id("visitor_id", nil), fr.id("household_id", nil)
	ev, err := ui.app.MoveGuest(r.Context(), ui.caller(r, s), id, vid, hid)
	msg := ""
	if err == nil {
		where := "out of the matching"
		if hid != 0 {
			where = "to " + ev.Records.HouseholdLabel(hid) + " and locked there"
		}
		msg = "Moved " + ev.Records.VisitorLabel(vid) + " " + where + ". Any rule this breaks is listed below."
	}
	ui.eveningDone(w, r, s, id, err, "#problems", msg)
}

func (ui *UI) eveningLock(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	lock := r.PostForm.Get("locked") == "1"
	err := ui.app.LockGuests(r.Context(), ui.caller(r, s), id, r.PostForm.Get("guest"), lock)
	msg := "Unlocked."
	if lock {
		msg = "Locked: running the matching again keeps it."
	}
	ui.eveningDone(w, r, s, id, err, "", msg)
}

func (ui *UI) eveningConfirm(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	out, err := ui.app.ConfirmEvening(r.Context(), ui.caller(r, s), id)
	if itinera.ErrorCode(err) == itinera.ECONFLICT {
		ui.redirect(w, r, eveningLink(id)+"#problems", itinera.ErrorMessage(err))
		return
	}
	if err == nil {
		ui.log.InfoContext(r.Context(), "hospitality evening confirmed", "evening", id, "tenant", s.User.TenantID, "notices", len(out.Notices))
	}
	ui.eveningDone(w, r, s, id, err, "", confirmedMessage(out.Notices, out.Hosts, ui.mailOn))
}

func (ui *UI) eveningInvite(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	ids := newFormReader(r.PostForm).ids("household_ids", nil)
	n, err := ui.app.InviteHouseholds(r.Context(), ui.caller(r, s), id, ids)
	ui.eveningDone(w, r, s, id, err, "", plural(n, "household")+" invited by e-mail. Run the matching again to use them.")
}

func (ui *UI) eveningAvailability(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	hid := newFormReader(r.PostForm).id("household_id", nil)
	st := itinera.InvitationStatus(r.PostForm.Get("status"))
	err := ui.app.SetAvailability(r.Context(), ui.caller(r, s), id, hid, st)
	msg := "The household is available again."
	if st == itinera.InvitationUnavailable {
		msg = "The household dropped out. Run the matching again: locked guests elsewhere stay, and the gap is filled."
	}
	ui.eveningDone(w, r, s, id, err, "", msg)
}

func (ui *UI) eveningPairAdd(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	fr := newFormReader(r.PostForm)
	p := itinera.HospitalityPair{VisitorA: fr.id("visitor_a", nil), VisitorB: fr.id("visitor_b", nil), Kind: itinera.PairKind(fr.str("kind"))}
	if fr.str("scope") == "evening" {
		p.EveningID = id
	}
	var err error
	if len(fr.errs) > 0 {
		err = merge(fr.errs, nil, "pair")
	} else {
		_, err = ui.app.AddPair(r.Context(), ui.caller(r, s), id, p)
	}
	ui.eveningDone(w, r, s, id, err, "", "Pair added. Run the matching again to apply it.")
}

func (ui *UI) eveningPairDelete(w http.ResponseWriter, r *http.Request, s *session) {
	id, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	pid := newFormReader(r.PostForm).id("pair_id", nil)
	err := ui.app.DeletePair(r.Context(), ui.caller(r, s), id, pid)
	ui.eveningDone(w, r, s, id, err, "", "Pair removed.")
}
