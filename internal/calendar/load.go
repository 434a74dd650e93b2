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
	return Input{Tenant: r.Tenant, Program: r.Program, Itinerary: r.Current, Meetings: r.Meetings, Activities: r.Activities,
		Places: r.Places, Visitors: r.Visitors, Interpreters: r.Interpreters}, nil
}
