// Package hosting connects a program's home-hospitality records to the pure
// matching engine (internal/matching): it loads an evening's records, maps
// them to a matching.Input, turns a matching.Result back into guests, and
// describes a matching for the officer's page and the hosts' e-mails.
//
// People and households go into the engine under readable, unique labels
// (their names), so the engine's reasons and rule messages read as plain
// English; Records keeps the way back to record ids.
package hosting

import (
	"context"
	"fmt"

	"itinera"
	"itinera/internal/travel"
)

// Records is everything the matching of one evening needs.
type Records struct {
	Program      itinera.Program
	Hotel        itinera.Place // zero when the program has no hotel yet
	Evening      itinera.HospitalityEvening
	Visitors     []itinera.Visitor       // those taking part
	Interpreters []itinera.Interpreter   // those taking part
	Households   []itinera.HostHousehold // those invited, available or not
	Pairs        []itinera.HospitalityPair
	// Travel times the hosts' drive from the hotel; its zero value is the
	// default model in a van (Load sets the program's, travel.ForProgram,
	// in a car: the hosts drive their own).
	Travel travel.Service

	visitorLabel, interpLabel, householdLabel map[int64]string
	byLabel                                   map[string]ref
}

// ref is the record behind a label.
type ref struct {
	kind byte // 'v', 'i' or 'h'
	id   int64
}

// Load reads the records of an evening of the tenant.
func Load(ctx context.Context, svc itinera.Readers, tenantID, eveningID int64) (*Records, error) {
	e, err := svc.Hospitality.Evening(ctx, tenantID, eveningID)
	if err != nil {
		return nil, err
	}
	rec := &Records{Evening: e}
	if rec.Program, err = svc.Programs.Program(ctx, tenantID, e.ProgramID); err != nil {
		return nil, err
	}
	overrides, err := svc.Travel.TravelOverrides(ctx, tenantID, e.ProgramID)
	if err != nil {
		return nil, err
	}
	st, err := svc.Settings.Settings(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	// The hosts come in their own car, whatever the delegation's mode.
	rec.Travel = travel.ForProgram(st, nil, overrides).InMode(travel.Car)
	if rec.Program.HotelPlaceID != 0 {
		if rec.Hotel, err = svc.Directory.Place(ctx, tenantID, rec.Program.HotelPlaceID); err != nil {
			return nil, err
		}
	}
	vs, err := svc.People.Visitors(ctx, tenantID, e.ProgramID)
	if err != nil {
		return nil, err
	}
	rec.Visitors = pick(vs, e.VisitorIDs, func(v itinera.Visitor) int64 { return v.ID })
	is, err := svc.People.Interpreters(ctx, tenantID, e.ProgramID)
	if err != nil {
		return nil, err
	}
	rec.Interpreters = pick(is, e.InterpreterIDs, func(i itinera.Interpreter) int64 { return i.ID })
	hs, err := svc.Hospitality.Households(ctx, tenantID, itinera.HouseholdFilter{})
	if err != nil {
		return nil, err
	}
	invited := make([]int64, 0, len(e.Invitations))
	for _, in := range e.Invitations {
		invited = append(invited, in.HouseholdID)
	}
	rec.Households = pick(hs, invited, func(h itinera.HostHousehold) int64 { return h.ID })
	ps, err := svc.Hospitality.Pairs(ctx, tenantID, e.ProgramID)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.EveningID == 0 || p.EveningID == e.ID {
			rec.Pairs = append(rec.Pairs, p)
		}
	}
	rec.label()
	return rec, nil
}

// pick keeps the records whose id is in ids, in the records' order.
func pick[T any](xs []T, ids []int64, id func(T) int64) []T {
	want := map[int64]bool{}
	for _, i := range ids {
		want[i] = true
	}
	out := []T{}
	for _, x := range xs {
		if want[id(x)] {
			out = append(out, x)
		}
	}
	return out
}

// label gives every person and household a unique readable label.
func (rec *Records) label() {
	rec.visitorLabel, rec.interpLabel, rec.householdLabel = map[int64]string{}, map[int64]string{}, map[int64]string{}
	rec.byLabel = map[string]ref{}
	take := func(name string, r ref) string {
		l := name
		if l == "" {
			l = fmt.Sprintf("%c%d", r.kind, r.id)
		}
		for n := 2; ; n++ {
			if _, dup := rec.byLabel[l]; !dup {
				break
			}
			l = fmt.Sprintf("%s (%d)", name, n)
		}
		rec.byLabel[l] = r
		return l
	}
	for _, v := range rec.Visitors {
		rec.visitorLabel[v.ID] = take(v.Name(), ref{'v', v.ID})
	}
	for _, i := range rec.Interpreters {
		rec.interpLabel[i.ID] = take(i.Name+" (interpreter)", ref{'i', i.ID})
	}
	for _, h := range rec.Households {
		rec.householdLabel[h.ID] = take(h.Name, ref{'h', h.ID})
	}
}

// Visitor returns the visitor of an engine label.
func (rec *Records) Visitor(label string) (itinera.Visitor, bool) {
	r, ok := rec.byLabel[label]
	if !ok || r.kind != 'v' {
		return itinera.Visitor{}, false
	}
	for _, v := range rec.Visitors {
		if v.ID == r.id {
			return v, true
		}
	}
	return itinera.Visitor{}, false
}

// Interpreter returns the interpreter of an engine label.
func (rec *Records) Interpreter(label string) (itinera.Interpreter, bool) {
	r, ok := rec.byLabel[label]
	if !ok || r.kind != 'i' {
		return itinera.Interpreter{}, false
	}
	for _, i := range rec.Interpreters {
		if i.ID == r.id {
			return i, true
		}
	}
	return itinera.Interpreter{}, false
}

// Household returns the household of an engine label.
func (rec *Records) Household(label string) (itinera.HostHousehold, bool) {
	r, ok := rec.byLabel[label]
	if !ok || r.kind != 'h' {
		return itinera.HostHousehold{}, false
	}
	for _, h := range rec.Households {
		if h.ID == r.id {
			return h, true
		}
	}
	return itinera.HostHousehold{}, false
}

// VisitorLabel and HouseholdLabel give the engine label of a record.
func (rec *Records) VisitorLabel(id int64) string   { return rec.visitorLabel[id] }
func (rec *Records) HouseholdLabel(id int64) string { return rec.householdLabel[id] }

// Available reports whether a household can still host the evening: it is
// approved and has not dropped out.
func (rec *Records) Available(h itinera.HostHousehold) bool {
	return h.Status == itinera.HouseholdApproved && !rec.Evening.Unavailable(h.ID)
}
