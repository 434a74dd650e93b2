package calendar

import (
	"context"

	"itinera"
)

// Load reads what a program's calendars are made from.
func Load(ctx context.Context, s itinera.Services, tenantID, programID int64) (Input, error) {
	var in Input
	var err error
	if in.Tenant, err = s.Accounts.Tenant(ctx, tenantID); err != nil {
		return in, err
	}
	if in.Program, err = s.Programs.Program(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Meetings, err = s.Candidates.Meetings(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Activities, err = s.Candidates.Activities(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Places, err = s.Directory.Places(ctx, tenantID, itinera.DirectoryFilter{}); err != nil {
		return in, err
	}
	if in.Visitors, err = s.People.Visitors(ctx, tenantID, programID); err != nil {
		return in, err
	}
	if in.Interpreters, err = s.People.Interpreters(ctx, tenantID, programID); err != nil {
		return in, err
	}
	it, err := s.Itineraries.CurrentItinerary(ctx, tenantID, programID)
	switch itinera.ErrorCode(err) {
	case "":
		in.Itinerary = &it
	case itinera.ENOTFOUND:
	default:
		return in, err
	}
	return in, nil
}
