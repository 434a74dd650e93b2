package app_test

import (
	"testing"

	"itinera"
	"itinera/internal/storetest"
)

// TestPlanSubgroups: on both databases the demo's sub-group proposal splits
// one day, stores nothing, and another organization's program is not found.
func TestPlanSubgroups(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			before := len(f.outbox())
			cur := f.current()
			plan, err := f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			if plan.SplitDays() != 1 || !plan.Complete || plan.ProgramID != f.program.ID || plan.TimeZone != f.program.TimeZone {
				t.Errorf("split days %d, complete %v, program %d, zone %s", plan.SplitDays(), plan.Complete, plan.ProgramID, plan.TimeZone)
			}
			again, err := f.a.PlanSubgroups(ctx, f.c, f.program.ID)
			must(t, err)
			if again.Value != plan.Value {
				t.Errorf("the same records gave values %d and %d", plan.Value, again.Value)
			}
			if after := f.current(); len(f.outbox()) != before || after.Version != cur.Version {
				t.Error("proposing sub-groups stored something")
			}

			other := mustDemoIn(t, s, "other-org")
			_, err = other.a.PlanSubgroups(ctx, other.c, f.program.ID)
			if itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Errorf("another organization's program: %v", err)
			}
		})
	}
}
