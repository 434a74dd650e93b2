package app_test

import (
	"context"
	"errors"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/storetest"
)

// TestShowEveningAfter: an evening workflow answered with the evening as
// it left it, read in the workflow's transaction — a moved guest shows
// locked at their new household; a failing step rolls the workflow back;
// another organization's evening is not found; without a saved matching the
// answer is the engine's proposal. On both databases.
func TestShowEveningAfter(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c, id := f.a, f.c, f.evening

			// Nothing saved yet: the answer is the engine's proposal.
			ev, err := a.ShowEveningAfter(ctx, c, id, func(context.Context) error { return nil })
			must(t, err)
			if ev.Saved || len(ev.Result.Assignments) == 0 || ev.Trouble != "" {
				t.Fatalf("before matching: saved %v, %d households, trouble %q", ev.Saved, len(ev.Result.Assignments), ev.Trouble)
			}

			matched, err := a.MatchEvening(ctx, c, id)
			must(t, err)
			v := matched.Records.Visitors[0]
			from := matched.Records.Describe(matched.Result)
			var to itinera.HostHousehold
			for _, card := range append(from.Cards, from.Idle...) {
				here := false
				for _, g := range card.Visitors {
					here = here || g.Visitor.ID == v.ID
				}
				if !here && card.Available {
					to = card.Household
					break
				}
			}
			if to.ID == 0 {
				t.Fatal("no other household to move to")
			}
			ev, err = a.ShowEveningAfter(ctx, c, id, func(ctx context.Context) error {
				_, err := a.MoveGuest(ctx, c, id, v.ID, to.ID)
				return err
			})
			must(t, err)
			if !ev.Saved {
				t.Error("after a move the matching is not saved")
			}
			found := false
			for _, card := range ev.Records.Describe(ev.Result).Cards {
				for _, g := range card.Visitors {
					if g.Visitor.ID == v.ID {
						found = true
						if card.Household.ID != to.ID || !g.Locked {
							t.Errorf("%s at %s (locked %v), want locked at %s", v.Name(), card.Household.Name, g.Locked, to.Name)
						}
					}
				}
			}
			if !found {
				t.Errorf("%s is not placed after the move", v.Name())
			}

			// A step that fails after the workflow undoes the workflow.
			boom := errors.New("boom")
			_, err = a.ShowEveningAfter(ctx, c, id, func(ctx context.Context) error {
				if err := a.LockGuests(ctx, c, id, "", false); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("error %v, want the step's", err)
			}
			e, err := s.Evening(ctx, f.tenant.ID, id)
			must(t, err)
			for _, g := range e.Guests {
				if g.VisitorID == v.ID && !g.Locked {
					t.Error("the unlock of a failed step was kept")
				}
			}

			// Another organization's evening is not found, whatever the step.
			kc := itinera.Tenant{Slug: "kc", Name: "Kansas City", TimeZone: "America/Chicago"}
			must(t, s.CreateTenant(ctx, &kc))
			other := app.Caller{User: itinera.User{ID: c.User.ID, TenantID: kc.ID, Role: itinera.RoleAdmin}, Site: c.Site}
			_, err = a.ShowEveningAfter(ctx, other, id, func(context.Context) error { return nil })
			wantCode(t, err, itinera.ENOTFOUND)
			_, err = a.ShowEveningAfter(ctx, other, id, func(ctx context.Context) error {
				_, err := a.MatchEvening(ctx, other, id)
				return err
			})
			wantCode(t, err, itinera.ENOTFOUND)
		})
	}
}
