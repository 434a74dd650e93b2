package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"itinera"
	"itinera/internal/hosting"
	"itinera/internal/matching"
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
	v := eveningsView{Program: p}
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
		Crumbs: []crumb{{"/programs", "Programs"}, {"/programs/" + itoa(p.ID), p.Title}, {eveningsLink(p), "Hospitality evenings"}}}
	ui.renderForm(w, r, s, info, st, formView{Action: eveningsLink(p), Submit: "Add the evening", Cancel: eveningsLink(p),
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
	err = merge(fr.errs, e.Validate(), "evening")
	if err == nil {
		err = ui.svc.Hospitality.CreateEvening(ctx, &e)
	}
	if !ui.settle(w, r, s, err, func(st formState) { ui.eveningForm(w, r, s, p, st) }) {
		return
	}
	hs, err := ui.svc.Hospitality.Households(ctx, s.User.TenantID, itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	var free []int64
	for _, h := range hs {
		if h.FreeOn(day) {
			free = append(free, h.ID)
		}
	}
	rec, err := hosting.Load(ctx, ui.svc, s.User.TenantID, e.ID)
	if err == nil {
		err = ui.inviteByMail(r, s, rec, free)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, eveningLink(e.ID), "Evening added; "+plural(len(free), "household")+" free that day invited by e-mail.")
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

// eveningRecords loads the evening named by the path with its records.
func (ui *UI) eveningRecords(r *http.Request, s *session) (*hosting.Records, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return hosting.Load(r.Context(), ui.svc, s.User.TenantID, id)
}

// current returns the saved matching, or the engine's proposal when none
// was saved.
func current(ctx context.Context, rec *hosting.Records) (res matchingResult, saved bool, err error) {
	if rec.HasSaved() {
		return rec.Saved(), true, nil
	}
	res, err = rec.Solve(ctx)
	return res, false, err
}

func (ui *UI) eveningShow(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	rec, err := ui.eveningRecords(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	p, e := rec.Program, rec.Evening
	v := eveningView{E: e, Program: p, When: windowLabel(itinera.Window{Start: e.Start, End: e.End}, p.Location()), PickUp: rec.PickUp()}
	res, saved, err := current(ctx, rec)
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.EINVALID, itinera.ECONFLICT:
		v.Error = itinera.ErrorMessage(err)
		res = rec.Saved()
	default:
		ui.fail(w, r, s, err)
		return
	}
	v.Saved, v.V = saved, rec.Describe(res)
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
		Nav: "programs", Crumbs: []crumb{{"/programs", "Programs"}, {"/programs/" + itoa(p.ID), p.Title}, {eveningsLink(p), "Hospitality evenings"}}}, v)
}

// saveResult stores res as the evening's matching.
func (ui *UI) saveResult(ctx context.Context, s *session, rec *hosting.Records, res matchingResult) error {
	guests, unplaced := rec.Guests(res)
	return ui.svc.Hospitality.SaveMatching(ctx, s.User.TenantID, rec.Evening.ID, guests, unplaced)
}

// eveningAction loads the evening for a POST; it fails the request itself
// when ok is false.
func (ui *UI) eveningAction(w http.ResponseWriter, r *http.Request, s *session) (*hosting.Records, bool) {
	rec, err := ui.eveningRecords(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return nil, false
	}
	return rec, true
}

// engineTrouble ends an action the engine refused, with its message.
func (ui *UI) engineTrouble(w http.ResponseWriter, r *http.Request, s *session, rec *hosting.Records, err error) {
	switch itinera.ErrorCode(err) {
	case itinera.EINVALID, itinera.ECONFLICT:
		ui.redirect(w, r, eveningLink(rec.Evening.ID), itinera.ErrorMessage(err))
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) eveningMatch(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	res, err := rec.Solve(r.Context())
	if err == nil {
		err = ui.saveResult(r.Context(), s, rec, res)
	}
	if err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	placed := len(rec.Visitors) - len(res.Unplaced)
	ui.redirect(w, r, eveningLink(rec.Evening.ID), "Matching saved: "+strconv.Itoa(placed)+" of "+plural(len(rec.Visitors), "visitor")+
		" placed; locked guests kept where they were.")
}

func (ui *UI) eveningMove(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	fr := newFormReader(r.PostForm)
	vid := fr.id("visitor_id", idSet(rec.Visitors, func(v itinera.Visitor) int64 { return v.ID }))
	hid := fr.id("household_id", idSet(rec.Households, func(h itinera.HostHousehold) int64 { return h.ID }))
	if len(fr.errs) > 0 || vid == 0 {
		ui.redirect(w, r, eveningLink(rec.Evening.ID), "Choose a visitor of the evening and an invited household.")
		return
	}
	res, _, err := current(r.Context(), rec)
	if err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	vl, hl := rec.VisitorLabel(vid), ""
	if hid != 0 {
		hl = rec.HouseholdLabel(hid)
	}
	guests, unplaced := rec.Guests(hosting.Move(res, vl, hl))
	for i := range guests {
		if guests[i].VisitorID == vid {
			guests[i].Locked = true // where the officer puts someone, they stay
		}
	}
	if err := ui.svc.Hospitality.SaveMatching(r.Context(), s.User.TenantID, rec.Evening.ID, guests, unplaced); err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	where := "out of the matching"
	if hl != "" {
		where = "to " + hl + " and locked there"
	}
	ui.redirect(w, r, eveningLink(rec.Evening.ID)+"#problems", "Moved "+vl+" "+where+". Any rule this breaks is listed below.")
}

func (ui *UI) eveningLock(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	res, _, err := current(r.Context(), rec)
	if err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	guests, unplaced := rec.Guests(res)
	lock := r.PostForm.Get("locked") == "1"
	who := r.PostForm.Get("guest") // "v:ID" or "i:ID"; empty for everyone
	found := who == ""
	for i, g := range guests {
		key := "v:" + itoa(g.VisitorID)
		if g.VisitorID == 0 {
			key = "i:" + itoa(g.InterpreterID)
		}
		if who == "" || who == key {
			guests[i].Locked, found = lock, true
		}
	}
	if !found {
		ui.redirect(w, r, eveningLink(rec.Evening.ID), "That person is not placed at a household.")
		return
	}
	if err := ui.svc.Hospitality.SaveMatching(r.Context(), s.User.TenantID, rec.Evening.ID, guests, unplaced); err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	msg := "Unlocked."
	if lock {
		msg = "Locked: running the matching again keeps it."
	}
	ui.redirect(w, r, eveningLink(rec.Evening.ID), msg)
}

func (ui *UI) eveningConfirm(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	res, saved, err := current(ctx, rec)
	if err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	if n := len(rec.Describe(res).Problems); n > 0 {
		ui.redirect(w, r, eveningLink(rec.Evening.ID)+"#problems", "Not confirmed: the matching breaks "+plural(n, "rule")+". Move guests or run the matching again first.")
		return
	}
	if !saved {
		if err := ui.saveResult(ctx, s, rec, res); err != nil {
			ui.fail(w, r, s, err)
			return
		}
	}
	org, err := ui.organizer(ctx, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	c, err := rec.Confirmation(res, org, ui.now())
	var sent []itinera.HospitalityNotice
	if err == nil {
		sent, err = ui.svc.Hospitality.ConfirmEvening(ctx, s.User.TenantID, rec.Evening.ID, c)
	}
	if err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	ui.log.InfoContext(ctx, "hospitality evening confirmed", "evening", rec.Evening.ID, "tenant", s.User.TenantID, "notices", len(sent))
	ui.redirect(w, r, eveningLink(rec.Evening.ID), confirmedMessage(sent, len(c.Hours), ui.mailOn))
}

func (ui *UI) eveningInvite(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	fr := newFormReader(r.PostForm)
	ids := fr.ids("household_ids", nil)
	if len(fr.errs) > 0 || len(ids) == 0 {
		ui.redirect(w, r, eveningLink(rec.Evening.ID), "Choose the households to invite.")
		return
	}
	if err := ui.inviteByMail(r, s, rec, ids); err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	ui.redirect(w, r, eveningLink(rec.Evening.ID), plural(len(ids), "household")+" invited by e-mail. Run the matching again to use them.")
}

func (ui *UI) eveningAvailability(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	hid := newFormReader(r.PostForm).id("household_id", idSet(rec.Households, func(h itinera.HostHousehold) int64 { return h.ID }))
	st := itinera.InvitationStatus(r.PostForm.Get("status"))
	if hid == 0 {
		ui.redirect(w, r, eveningLink(rec.Evening.ID), "Choose an invited household.")
		return
	}
	if err := ui.svc.Hospitality.SetInvitation(r.Context(), s.User.TenantID, rec.Evening.ID, hid, st); err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	msg := "The household is available again."
	if st == itinera.InvitationUnavailable {
		msg = "The household dropped out. Run the matching again: locked guests elsewhere stay, and the gap is filled."
	}
	ui.redirect(w, r, eveningLink(rec.Evening.ID), msg)
}

func (ui *UI) eveningPairAdd(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	fr := newFormReader(r.PostForm)
	allowed := idSet(rec.Visitors, func(v itinera.Visitor) int64 { return v.ID })
	p := itinera.HospitalityPair{TenantID: s.User.TenantID, ProgramID: rec.Program.ID, VisitorA: fr.id("visitor_a", allowed),
		VisitorB: fr.id("visitor_b", allowed), Kind: itinera.PairKind(fr.str("kind"))}
	if fr.str("scope") == "evening" {
		p.EveningID = rec.Evening.ID
	}
	err := merge(fr.errs, p.Validate(), "pair")
	if err == nil {
		err = ui.svc.Hospitality.CreatePair(r.Context(), &p)
	}
	if err != nil {
		ui.engineTrouble(w, r, s, rec, err)
		return
	}
	ui.redirect(w, r, eveningLink(rec.Evening.ID), "Pair added. Run the matching again to apply it.")
}

func (ui *UI) eveningPairDelete(w http.ResponseWriter, r *http.Request, s *session) {
	rec, ok := ui.eveningAction(w, r, s)
	if !ok {
		return
	}
	id := newFormReader(r.PostForm).id("pair_id", idSet(rec.Pairs, func(p itinera.HospitalityPair) int64 { return p.ID }))
	if id == 0 {
		ui.redirect(w, r, eveningLink(rec.Evening.ID), "Choose one of the listed pairs.")
		return
	}
	if err := ui.svc.Hospitality.DeletePair(r.Context(), s.User.TenantID, id); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, eveningLink(rec.Evening.ID), "Pair removed.")
}

// matchingResult is the engine's matching, as the handlers pass it around.
type matchingResult = matching.Result
