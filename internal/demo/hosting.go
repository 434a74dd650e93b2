package demo

import (
	"context"
	"fmt"
	"time"

	"itinera"
	"itinera/internal/auth"
)

// LoadHospitality stores the demo's host households (approved, with their
// homes), the visitors who should dine together or apart, and the Sunday
// home-hospitality evening of the program: every visitor and interpreter
// takes part and every household free that day is invited. The evening's
// times are those of the program's hospitality activity. It returns the
// evening's id.
func LoadHospitality(ctx context.Context, s itinera.Services, tenantID, programID int64) (int64, error) {
	d, err := embedded()
	if err != nil {
		return 0, err
	}
	p, err := s.Programs.Program(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	loc := p.Location()
	var from, to itinera.Clock
	for _, a := range d.Activities {
		if a.Kind == itinera.ActivityHospitality && len(a.Windows) > 0 {
			from, to = itinera.Clock(a.Windows[0].From), itinera.Clock(a.Windows[0].To)
		}
	}
	if to <= from {
		return 0, fmt.Errorf("demo: no hospitality activity gives the evening's times")
	}
	day := p.StartDate.AddDays(HospitalityDay())
	vs, err := s.People.Visitors(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	is, err := s.People.Interpreters(ctx, tenantID, programID)
	if err != nil {
		return 0, err
	}
	e := itinera.HospitalityEvening{TenantID: tenantID, ProgramID: programID, Start: day.At(from, loc), End: day.At(to, loc),
		Note: "Hosts collect their guests in the hotel lobby and bring them back by the end of the evening."}
	byName := map[string]int64{}
	for _, v := range vs {
		e.VisitorIDs = append(e.VisitorIDs, v.ID)
		byName[v.Name()] = v.ID
	}
	for _, i := range is {
		e.InterpreterIDs = append(e.InterpreterIDs, i.ID)
	}
	if err := s.Hospitality.CreateEvening(ctx, &e); err != nil {
		return 0, fmt.Errorf("demo: the hospitality evening: %w", err)
	}
	together, apart := HospitalityPairs()
	for kind, pairs := range map[itinera.PairKind][][2]string{itinera.PairTogether: together, itinera.PairApart: apart} {
		for _, pr := range pairs {
			pair := itinera.HospitalityPair{TenantID: tenantID, ProgramID: programID, VisitorA: byName[pr[0]], VisitorB: byName[pr[1]], Kind: kind}
			if err := s.Hospitality.CreatePair(ctx, &pair); err != nil {
				return 0, fmt.Errorf("demo: pair %s and %s: %w", pr[0], pr[1], err)
			}
		}
	}
	hs, homes := Households()
	var invite []int64
	for i, h := range hs {
		h.TenantID = tenantID
		h.Address, h.Lat, h.Lon = homes[i].Address, homes[i].Lat, homes[i].Lon
		h.FreeWeekdays = []time.Weekday{day.Weekday()}
		_, hash, err := auth.NewToken() // the demo never shows these links
		if err != nil {
			return 0, err
		}
		if err := s.Hospitality.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash,
			ExpiresAt: e.End.Add(itinera.DefaultHouseholdLinkTTL)}); err != nil {
			return 0, fmt.Errorf("demo: household %s: %w", h.Name, err)
		}
		if err := s.Hospitality.SetHouseholdStatus(ctx, tenantID, h.ID, itinera.HouseholdApproved); err != nil {
			return 0, err
		}
		if h.FreeOn(day) {
			invite = append(invite, h.ID)
		}
	}
	if err := s.Hospitality.InviteHouseholds(ctx, tenantID, e.ID, invite); err != nil {
		return 0, err
	}
	return e.ID, nil
}
