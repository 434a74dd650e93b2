package calendar

import (
	"context"

	"itinera"
	"itinera/internal/records"
)

// Load reads what a program's calendars are made from.
func Load(ctx context.Context, s itinera.Readers, tenantID, programID int64) (Input, error) {
	r, err := records.Load(ctx, s, tenantID, programID)
	if err != nil {
		return Input{}, err
	}
	return FromRecords(ctx, s, r)
}

// New is the input of a program's records, its calendars showing the
// current itinerary (no released version).
func New(r *records.Program) Input {
	return Input{Tenant: r.Tenant, Program: r.Program, Itinerary: r.Current, Meetings: r.Meetings, Activities: r.Activities,
		Places: r.Places, Visitors: r.Visitors, Interpreters: r.Interpreters}
}

// FromRecords is Load for a program's records already read; it reads the
// released version.
func FromRecords(ctx context.Context, s itinera.Readers, r *records.Program) (Input, error) {
	in := New(r)
	tenantID, programID := r.Program.TenantID, r.Program.ID
	rels, err := s.Itineraries.Releases(ctx, tenantID, programID)
	if err != nil || len(rels) == 0 {
		return in, err
	}
	versions, err := s.Itineraries.ItineraryVersions(ctx, tenantID, programID)
	if err != nil {
		return in, err
	}
	for i := range versions {
		if versions[i].ID == rels[0].ItineraryID {
			in.Released = &versions[i]
		}
	}
	return in, nil
}
