// Package records reads everything about one program through the service
// interfaces, for the adapters (planning, calendars) that turn a program's
// records into an engine's input or a calendar.
package records

import (
	"context"

	"itinera"
)

// Program is one program with everything that belongs to it.
type Program struct {
	Tenant        itinera.Tenant
	Settings      itinera.Settings // the organization's, for its travel defaults
	Program       itinera.Program
	Days          []itinera.Day
	Visitors      []itinera.Visitor
	Interpreters  []itinera.Interpreter
	Meetings      []itinera.Meeting
	Activities    []itinera.Activity
	Places        []itinera.Place
	Organizations []itinera.Organization
	// Current is the newest itinerary version, nil without one.
	Current *itinera.Itinerary
	// Overrides are the officer's own travel times for legs of the program.
	Overrides []itinera.TravelOverride
}

// Load reads a program of the tenant and all its records.
func Load(ctx context.Context, s itinera.Readers, tenantID, programID int64) (*Program, error) {
	p := &Program{}
	var err error
	if p.Program, err = s.Programs.Program(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	if p.Tenant, err = s.Accounts.Tenant(ctx, tenantID); err != nil {
		return nil, err
	}
	if p.Settings, err = s.Settings.Settings(ctx, tenantID); err != nil {
		return nil, err
	}
	if p.Days, err = s.Programs.Days(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	if p.Visitors, err = s.People.Visitors(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	if p.Interpreters, err = s.People.Interpreters(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	if p.Meetings, err = s.Candidates.Meetings(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	if p.Activities, err = s.Candidates.Activities(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	if p.Places, err = s.Directory.Places(ctx, tenantID, itinera.DirectoryFilter{}); err != nil {
		return nil, err
	}
	if p.Organizations, err = s.Directory.Organizations(ctx, tenantID, itinera.DirectoryFilter{}); err != nil {
		return nil, err
	}
	if p.Overrides, err = s.Travel.TravelOverrides(ctx, tenantID, programID); err != nil {
		return nil, err
	}
	cur, err := s.Itineraries.CurrentItinerary(ctx, tenantID, programID)
	switch itinera.ErrorCode(err) {
	case "":
		p.Current = &cur
	case itinera.ENOTFOUND:
	default:
		return nil, err
	}
	return p, nil
}
