package demo

import (
	"context"
	"fmt"
	"time"

	"itinera"
	"itinera/internal/app"
)

// ApplySplit makes the demo's Tuesday sub-groups the itinerary, as an
// officer would from the Build-itinerary page (app.ApplySubgroups): on
// Tuesday afternoon the delegation splits for site visits that take only
// a few people, and Ana Beltrán, the interpreter, goes with Lucía's group.
// Every other day stays as the officer planned it. LoadAll calls it before
// the requests are confirmed, so no resource is sent an update for it.
func ApplySplit(ctx context.Context, a *app.App, city itinera.Tenant, programID int64) error {
	c := app.Caller{User: itinera.User{TenantID: city.ID, Role: itinera.RoleOfficer, Name: "Demo Program Officer"}}
	plan, err := a.PlanSubgroups(ctx, c, programID)
	if err != nil {
		return fmt.Errorf("demo: the sub-groups: %w", err)
	}
	loc, err := location()
	if err != nil {
		return err
	}
	for _, d := range plan.Days {
		if d.Split() && d.Date.In(loc).Weekday() == time.Tuesday {
			if _, err := a.ApplySubgroups(ctx, c, programID, d.Date, plan.Digest); err != nil {
				return fmt.Errorf("demo: applying Tuesday's sub-groups: %w", err)
			}
			return nil
		}
	}
	return fmt.Errorf("demo: the sub-group planner does not split Tuesday")
}
