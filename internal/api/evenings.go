package api

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/hosting"
)

// Home-hospitality evenings, the officer's side, as the web evening page
// has them: the evenings of a program, a new evening (approved households
// free that day are invited at once), and one evening with its matching —
// per household its guests, the visitors left out and why, every rule the
// matching breaks — and the actions on it: invite, mark a household
// available or dropped out, run the matching, move or lock a guest, add or
// remove a pair, confirm. Each action answers the evening as it left it.

// eveningJSON is an evening in lists.
type eveningJSON struct {
	ID                int64   `json:"id"`
	ProgramID         int64   `json:"program_id"`
	Start             string  `json:"start"`
	End               string  `json:"end"`
	Status            string  `json:"status"`
	MinGroup          int     `json:"min_group"`
	Note              string  `json:"note"`
	VisitorIDs        []int64 `json:"visitor_ids"`
	InterpreterIDs    []int64 `json:"interpreter_ids"`
	HouseholdsInvited int     `json:"households_invited"`
	VisitorsPlaced    int     `json:"visitors_placed"`
	ConfirmedAt       *string `json:"confirmed_at"`
}

func newEveningJSON(e itinera.HospitalityEvening, loc *time.Location) eveningJSON {
	j := eveningJSON{ID: e.ID, ProgramID: e.ProgramID, Start: instant(e.Start, loc), End: instant(e.End, loc),
		Status: string(e.Status), MinGroup: e.MinGroup, Note: e.Note, VisitorIDs: list(e.VisitorIDs),
		InterpreterIDs: list(e.InterpreterIDs), HouseholdsInvited: len(e.Invitations), ConfirmedAt: optInstant(e.ConfirmedAt, loc)}
	for _, g := range e.Guests {
		if g.VisitorID != 0 {
			j.VisitorsPlaced++
		}
	}
	return j
}

// createdEveningJSON is a new evening and how many households it invited.
type createdEveningJSON struct {
	eveningJSON
	Invited int `json:"invited"`
}

// eveningDetailJSON is one evening with its current matching.
type eveningDetailJSON struct {
	ID           int64            `json:"id"`
	ProgramID    int64            `json:"program_id"`
	Start        string           `json:"start"`
	End          string           `json:"end"`
	TimeZone     string           `json:"time_zone"`
	Status       string           `json:"status"`
	Confirmed    bool             `json:"confirmed"`
	ConfirmedAt  *string          `json:"confirmed_at"`
	MinGroup     int              `json:"min_group"`
	Note         string           `json:"note"`
	PickUp       string           `json:"pick_up"`
	Visitors     []ref            `json:"visitors"`
	Interpreters []ref            `json:"interpreters"`
	Matching     matchingJSON     `json:"matching"`
	Invitations  []invitationJSON `json:"invitations"`
	Pairs        []pairJSON       `json:"pairs"`
}

// matchingJSON is the matching shown: the saved one, or the engine's
// proposal while none is saved.
type matchingJSON struct {
	Saved    bool           `json:"saved"`
	Trouble  *string        `json:"trouble"`
	Placed   int            `json:"placed"`
	Total    int            `json:"total"`
	Hosts    []hostJSON     `json:"hosts"`
	Unplaced []unplacedJSON `json:"unplaced"`
	Problems []string       `json:"problems"`
}

type hostJSON struct {
	Household     ref                `json:"household"`
	Capacity      int                `json:"capacity"`
	Guests        int                `json:"guests"`
	TravelMinutes int                `json:"travel_minutes"`
	DistanceKm    *float64           `json:"distance_km"`
	Visitors      []visitorGuestJSON `json:"visitors"`
	Interpreters  []guestJSON        `json:"interpreters"`
	Languages     []string           `json:"languages"`
	Bridges       []string           `json:"bridges"`
	Diets         []string           `json:"diets"`
	Problems      []string           `json:"problems"`
}

// guestJSON is a person at a household; Guest is the key the lock action
// takes ("v:12" for a visitor, "i:3" for an interpreter).
type guestJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Guest  string `json:"guest"`
	Locked bool   `json:"locked"`
}

type visitorGuestJSON struct {
	guestJSON
	// Direct: the visitor shares a language with the household.
	Direct bool `json:"direct"`
}

type unplacedJSON struct {
	Visitor ref    `json:"visitor"`
	Reason  string `json:"reason"`
}

type invitationJSON struct {
	Household       ref     `json:"household"`
	HouseholdStatus string  `json:"household_status"`
	Status          string  `json:"status"`
	Available       bool    `json:"available"`
	Answer          *string `json:"answer"`
	AnswerNote      string  `json:"answer_note"`
	InvitedAt       string  `json:"invited_at"`
	AnsweredAt      *string `json:"answered_at"`
}

type pairJSON struct {
	ID       int64  `json:"id"`
	VisitorA ref    `json:"visitor_a"`
	VisitorB ref    `json:"visitor_b"`
	Kind     string `json:"kind"`
	Scope    string `json:"scope"`
}

func newPairJSON(p itinera.HospitalityPair, names map[int64]string) pairJSON {
	scope := "program"
	if p.EveningID != 0 {
		scope = "evening"
	}
	return pairJSON{ID: p.ID, VisitorA: ref{ID: p.VisitorA, Name: names[p.VisitorA]},
		VisitorB: ref{ID: p.VisitorB, Name: names[p.VisitorB]}, Kind: string(p.Kind), Scope: scope}
}

func guestKey(kind byte, id int64) string { return string(kind) + ":" + strconv.FormatInt(id, 10) }

func newEveningDetailJSON(ev app.Evening) eveningDetailJSON {
	rec := ev.Records
	e, loc := rec.Evening, rec.Program.Location()
	v := rec.Describe(ev.Result)
	j := eveningDetailJSON{ID: e.ID, ProgramID: e.ProgramID, Start: instant(e.Start, loc), End: instant(e.End, loc),
		TimeZone: rec.Program.TimeZone, Status: string(e.Status), Confirmed: e.Status == itinera.EveningConfirmed,
		ConfirmedAt: optInstant(e.ConfirmedAt, loc), MinGroup: e.MinGroup, Note: e.Note, PickUp: rec.PickUp(),
		Visitors: []ref{}, Interpreters: []ref{}, Invitations: []invitationJSON{}, Pairs: []pairJSON{},
		Matching: matchingJSON{Saved: ev.Saved, Placed: v.Placed, Total: v.Total, Hosts: []hostJSON{},
			Unplaced: []unplacedJSON{}, Problems: list(v.Problems)}}
	if ev.Trouble != "" {
		j.Matching.Trouble = &ev.Trouble
	}
	names := map[int64]string{}
	for _, x := range rec.Visitors {
		j.Visitors = append(j.Visitors, ref{ID: x.ID, Name: x.Name()})
		names[x.ID] = x.Name()
	}
	for _, x := range rec.Interpreters {
		j.Interpreters = append(j.Interpreters, ref{ID: x.ID, Name: x.Name})
	}
	for _, c := range v.Cards {
		h := hostJSON{Household: ref{ID: c.Household.ID, Name: c.Household.Name}, Capacity: c.Household.Capacity,
			Guests: c.Guests, TravelMinutes: c.TravelMinutes, Visitors: []visitorGuestJSON{}, Interpreters: []guestJSON{},
			Languages: list(c.Direct), Bridges: list(c.Bridges), Diets: list(c.Diets), Problems: list(c.Problems)}
		if km := rec.DistanceKm(c.Household); km > 0 {
			km = math.Round(km*10) / 10
			h.DistanceKm = &km
		}
		for _, g := range c.Visitors {
			h.Visitors = append(h.Visitors, visitorGuestJSON{guestJSON: guestJSON{ID: g.Visitor.ID, Name: g.Visitor.Name(),
				Guest: guestKey('v', g.Visitor.ID), Locked: g.Locked}, Direct: g.Direct})
		}
		for _, g := range c.Interpreters {
			h.Interpreters = append(h.Interpreters, guestJSON{ID: g.Interpreter.ID, Name: g.Interpreter.Name,
				Guest: guestKey('i', g.Interpreter.ID), Locked: g.Locked})
		}
		j.Matching.Hosts = append(j.Matching.Hosts, h)
	}
	for _, u := range v.Unplaced {
		j.Matching.Unplaced = append(j.Matching.Unplaced, unplacedJSON{Visitor: ref{ID: u.Visitor.ID, Name: u.Visitor.Name()}, Reason: u.Reason})
	}
	for _, h := range rec.Households {
		in := invitationJSON{Household: ref{ID: h.ID, Name: h.Name}, HouseholdStatus: string(h.Status),
			Status: string(itinera.InvitationInvited), Available: rec.Available(h)}
		for _, x := range e.Invitations {
			if x.HouseholdID != h.ID {
				continue
			}
			in.Status, in.InvitedAt = string(x.Status), instant(x.InvitedAt, loc)
			if x.Answer != itinera.AnswerNone {
				a := string(x.Answer)
				in.Answer = &a
			}
			in.AnswerNote, in.AnsweredAt = x.AnswerNote, optInstant(x.AnsweredAt, loc)
		}
		j.Invitations = append(j.Invitations, in)
	}
	for _, p := range rec.Pairs {
		if names[p.VisitorA] != "" && names[p.VisitorB] != "" { // pairs of visitors taking part
			j.Pairs = append(j.Pairs, newPairJSON(p, names))
		}
	}
	return j
}

// ---- The evenings of a program

func (a *API) listEvenings(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	es, err := a.svc.Hospitality.Evenings(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	loc := p.Location()
	return listed(w, r, a, "evenings", es, func(e itinera.HospitalityEvening) int64 { return e.ID },
		func(e itinera.HospitalityEvening) eveningJSON { return newEveningJSON(e, loc) })
}

type eveningInput struct {
	Start          string  `json:"start"`
	End            string  `json:"end"`
	VisitorIDs     []int64 `json:"visitor_ids"`
	InterpreterIDs []int64 `json:"interpreter_ids"`
	MinGroup       int     `json:"min_group"`
	Note           string  `json:"note"`
}

// createEvening adds an evening to the program and invites, by e-mail,
// every approved household usually free on its day.
func (a *API) createEvening(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in eveningInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	e := itinera.HospitalityEvening{TenantID: u.TenantID, ProgramID: p.ID, VisitorIDs: in.VisitorIDs,
		InterpreterIDs: in.InterpreterIDs, MinGroup: in.MinGroup, Note: in.Note}
	e.Start = parseInstant(f, "start", in.Start, "2026-05-03T17:30:00-05:00")
	e.End = parseInstant(f, "end", in.End, "2026-05-03T21:00:00-05:00")
	if err := parsed("evening", f, &e); err != nil {
		return err
	}
	out, err := a.app.CreateEvening(r.Context(), a.caller(r, u), e)
	if err != nil {
		return err
	}
	return a.created(w, r, location("evenings", out.Evening.ID),
		createdEveningJSON{eveningJSON: newEveningJSON(out.Evening, p.Location()), Invited: out.Invited})
}

// parseInstant reads a date and time with offset; a missing one is left
// to the record's validation.
func parseInstant(f itinera.FieldErrors, field, s, example string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		f.Add(field, "Give a date and time with offset, such as "+example+".")
	}
	return t.UTC()
}

// ---- One evening and its actions

func (a *API) getEvening(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	ev, err := a.app.ShowEvening(r.Context(), a.caller(r, u), id)
	if err != nil {
		return err
	}
	return a.ok(w, r, newEveningDetailJSON(ev))
}

// eveningAction runs act, one of the evening's workflows, and answers the
// evening as it left it; extra adds to the answer what the workflow
// returned.
func (a *API) eveningAction(w http.ResponseWriter, r *http.Request, u itinera.User, id int64,
	act func(ctx context.Context, c app.Caller) error, extra func(eveningDetailJSON, *hosting.Records) any) error {
	c := a.caller(r, u)
	ev, err := a.app.ShowEveningAfter(r.Context(), c, id, func(ctx context.Context) error { return act(ctx, c) })
	if err != nil {
		return err
	}
	j := newEveningDetailJSON(ev)
	if extra != nil {
		return a.ok(w, r, extra(j, ev.Records))
	}
	return a.ok(w, r, j)
}

type invitedEveningJSON struct {
	eveningDetailJSON
	Invited int `json:"invited"`
}

type inviteInput struct {
	HouseholdIDs []int64 `json:"household_ids"`
}

// inviteHouseholds invites approved households to the evening by e-mail;
// each receives a new personal link.
func (a *API) inviteHouseholds(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	var in inviteInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	n := 0
	return a.eveningAction(w, r, u, id, func(ctx context.Context, c app.Caller) (err error) {
		n, err = a.app.InviteHouseholds(ctx, c, id, in.HouseholdIDs)
		return err
	}, func(j eveningDetailJSON, _ *hosting.Records) any {
		return invitedEveningJSON{eveningDetailJSON: j, Invited: n}
	})
}

type availabilityInput struct {
	HouseholdID int64  `json:"household_id"`
	Status      string `json:"status"`
}

// setAvailability marks an invited household available again (invited) or
// dropped out of the evening (unavailable).
func (a *API) setAvailability(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	var in availabilityInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	return a.eveningAction(w, r, u, id, func(ctx context.Context, c app.Caller) error {
		return a.app.SetAvailability(ctx, c, id, in.HouseholdID, itinera.InvitationStatus(in.Status))
	}, nil)
}

// matchEvening runs the matching engine and saves its result; locked guests
// stay where they are.
func (a *API) matchEvening(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	return a.eveningAction(w, r, u, id, func(ctx context.Context, c app.Caller) error {
		_, err := a.app.MatchEvening(ctx, c, id)
		return err
	}, nil)
}

type moveInput struct {
	VisitorID   int64  `json:"visitor_id"`
	HouseholdID *int64 `json:"household_id"`
}

// moveGuest puts a visitor at an invited household (0: at none) and locks
// them there; the rules this breaks show in the answer's problems.
func (a *API) moveGuest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	var in moveInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.HouseholdID == nil {
		return itinera.FieldErrors{"household_id": "Give the household's id, or 0 to leave the visitor out."}.Err("move")
	}
	return a.eveningAction(w, r, u, id, func(ctx context.Context, c app.Caller) error {
		_, err := a.app.MoveGuest(ctx, c, id, in.VisitorID, *in.HouseholdID)
		return err
	}, nil)
}

type lockInput struct {
	Guest  string `json:"guest"`
	Locked *bool  `json:"locked"`
}

// lockGuests locks or unlocks one guest ("v:12", "i:3") or, with guest
// empty, every placed guest.
func (a *API) lockGuests(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	var in lockInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Locked == nil {
		return itinera.FieldErrors{"locked": "Say true to lock or false to unlock."}.Err("lock")
	}
	return a.eveningAction(w, r, u, id, func(ctx context.Context, c app.Caller) error {
		return a.app.LockGuests(ctx, c, id, in.Guest, *in.Locked)
	}, nil)
}

type confirmedEveningJSON struct {
	eveningDetailJSON
	Notices []noticeJSON `json:"notices"`
}

// noticeJSON is one household's e-mail of a confirmation: told its guests
// (new), an update, or a cancellation.
type noticeJSON struct {
	Household ref    `json:"household"`
	Kind      string `json:"kind"`
	Guests    int    `json:"guests"`
}

// confirmEvening confirms the matching: only households whose part changed
// are e-mailed, and the evening enters the itinerary.
func (a *API) confirmEvening(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	var out app.ConfirmedEvening
	return a.eveningAction(w, r, u, id, func(ctx context.Context, c app.Caller) (err error) {
		out, err = a.app.ConfirmEvening(ctx, c, id)
		return err
	}, func(j eveningDetailJSON, rec *hosting.Records) any {
		names := map[int64]string{}
		for _, h := range rec.Households {
			names[h.ID] = h.Name
		}
		cj := confirmedEveningJSON{eveningDetailJSON: j, Notices: []noticeJSON{}}
		for _, n := range out.Notices {
			cj.Notices = append(cj.Notices, noticeJSON{Household: ref{ID: n.HouseholdID, Name: names[n.HouseholdID]},
				Kind: string(n.Kind), Guests: len(n.Guests)})
		}
		return cj
	})
}

type pairInput struct {
	VisitorA int64  `json:"visitor_a"`
	VisitorB int64  `json:"visitor_b"`
	Kind     string `json:"kind"`
	Scope    string `json:"scope"`
}

// addPair records two visitors who must dine together (or apart), at this
// evening or at every evening of the program.
func (a *API) addPair(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	e, err := a.svc.Hospitality.Evening(r.Context(), u.TenantID, id)
	if err != nil {
		return err
	}
	var in pairInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p := itinera.HospitalityPair{VisitorA: in.VisitorA, VisitorB: in.VisitorB, Kind: itinera.PairKind(in.Kind)}
	switch in.Scope {
	case "evening":
		p.EveningID = id
	case "program":
	default:
		return itinera.FieldErrors{"scope": "Choose evening (this evening only) or program (every evening of the program)."}.Err("pair")
	}
	// The names are read before the write, so that a pair added is never
	// answered with an error.
	vs, err := a.svc.People.Visitors(r.Context(), u.TenantID, e.ProgramID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, v := range vs {
		names[v.ID] = v.Name()
	}
	if p, err = a.app.AddPair(r.Context(), a.caller(r, u), id, p); err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, newPairJSON(p, names))
	return nil
}

// deletePair removes a pair of the evening's program.
func (a *API) deletePair(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "evening")
	if err != nil {
		return err
	}
	pid, err := strconv.ParseInt(r.PathValue("pair"), 10, 64)
	if err != nil || pid <= 0 {
		return notFound("pair")
	}
	e, err := a.svc.Hospitality.Evening(r.Context(), u.TenantID, id)
	if err != nil {
		return err
	}
	ps, err := a.svc.Hospitality.Pairs(r.Context(), u.TenantID, e.ProgramID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.ID == pid {
			if err := a.app.DeletePair(r.Context(), a.caller(r, u), id, pid); err != nil {
				return err
			}
			return noContent(w)
		}
	}
	return notFound("pair")
}
