package app

import (
	"context"

	"itinera"
)

// SetTravelOverride sets the officer's own time for one leg of a program
// ("the bus takes 50 minutes here"); the itinerary engine and the host
// matching use it from the next proposal on. The answer names the two
// places.
func (a *App) SetTravelOverride(ctx context.Context, c Caller, o itinera.TravelOverride) (itinera.TravelOverride, error) {
	if err := mustEdit(c); err != nil {
		return o, err
	}
	o.TenantID = c.tenant()
	err := a.inTx(ctx, func(ctx context.Context) error {
		if _, err := a.s.Programs.Program(ctx, c.tenant(), o.ProgramID); err != nil {
			return err
		}
		if err := a.s.Travel.SetTravelOverride(ctx, &o); err != nil {
			return err
		}
		legs, err := a.s.Travel.TravelOverrides(ctx, c.tenant(), o.ProgramID)
		for _, l := range legs {
			if l.From == o.From && l.To == o.To {
				o = l
			}
		}
		if err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "travel", o.ProgramID, o.ProgramID, "set travel time", nil,
			map[string]any{"From": o.From, "To": o.To, "Minutes": o.Minutes})
	})
	return o, err
}

// DeleteTravelOverride removes the officer's time for a leg: the routing
// engine or the model times it again.
func (a *App) DeleteTravelOverride(ctx context.Context, c Caller, programID, from, to int64) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		if _, err := a.s.Programs.Program(ctx, c.tenant(), programID); err != nil {
			return err
		}
		if err := a.s.Travel.DeleteTravelOverride(ctx, c.tenant(), programID, from, to); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "travel", programID, programID, "remove travel time",
			map[string]any{"From": from, "To": to}, nil)
	})
}
