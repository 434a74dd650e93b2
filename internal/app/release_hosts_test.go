package app_test

import (
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/hosting"
	"itinera/internal/storetest"
)

// TestReleaseTellsHouseholds, on both databases: after an evening is
// confirmed, moving one guest leaves exactly two households to tell (the
// one the guest left, the one they join); the release plan lists them
// with their changes in plain words, releasing queues their two messages
// and a second plan lists none. A household held back is listed again at
// the next release.
func TestReleaseTellsHouseholds(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			a := f.a
			if hs := planHouseholds(t, f); len(hs) != 0 {
				t.Fatalf("right after the confirmation the plan lists households: %+v", hs)
			}
			from, to := moveOneGuest(t, f)
			hs := planHouseholds(t, f)
			if len(hs) != 2 || !samePair(hs, from, to) {
				t.Fatalf("after one move the plan lists %+v, want households %d and %d", hs, from, to)
			}
			for _, p := range hs {
				if p.Skip != "" || len(p.Changes) == 0 || p.EveningID != f.evening {
					t.Errorf("%s: skip %q, changes %q, evening %d", p.Name, p.Skip, p.Changes, p.EveningID)
				}
				c := strings.Join(p.Changes, "; ")
				t.Logf("%s: %s", p.Name, c)
				if !strings.Contains(c, "(was ") && !strings.HasPrefix(c, "Receives ") {
					t.Errorf("%s: %q does not say what it was", p.Name, c)
				}
			}
			before := hostMail(t, f)
			out, err := a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{})
			must(t, err)
			if n := hostMail(t, f) - before; n != 2 {
				t.Fatalf("the release queued %d messages to households, want 2 (%+v)", n, out)
			}
			if hs := planHouseholds(t, f); len(hs) != 0 {
				t.Fatalf("after the release the plan still lists households: %+v", hs)
			}
			if e, err := s.Evening(ctx, f.tenant.ID, f.evening); err != nil || e.Status != itinera.EveningConfirmed {
				t.Errorf("after the release the evening is %q (%v)", e.Status, err)
			}

			// Hold one back: the other is told, the held one stays pending.
			from, to = moveOneGuest(t, f)
			hs = planHouseholds(t, f)
			if len(hs) != 2 || !samePair(hs, from, to) {
				t.Fatalf("after a second move the plan lists %+v", hs)
			}
			held := hs[0]
			before = hostMail(t, f)
			out, err = a.Release(ctx, f.c, f.program.ID, app.ReleaseOptions{Hold: map[string]bool{held.Key(): true}})
			must(t, err)
			if n := hostMail(t, f) - before; n != 1 || out.Held != 1 {
				t.Fatalf("holding one: %d messages to households, %d held, want 1 and 1", n, out.Held)
			}
			hs = planHouseholds(t, f)
			if len(hs) != 1 || hs[0].Key() != held.Key() || strings.Join(hs[0].Changes, "") != strings.Join(held.Changes, "") {
				t.Fatalf("the next plan lists %+v, want the held %+v", hs, held)
			}
		})
	}
}

func planHouseholds(t *testing.T, f *fixture) []app.ReleasePerson {
	t.Helper()
	pl, err := f.a.PlanRelease(ctx, f.c, f.program.ID)
	must(t, err)
	var out []app.ReleasePerson
	for _, p := range pl.People {
		if p.Kind == app.ReleaseHousehold {
			out = append(out, p)
		}
	}
	return out
}

func samePair(hs []app.ReleasePerson, a, b int64) bool {
	return (hs[0].PersonID == a && hs[1].PersonID == b) || (hs[0].PersonID == b && hs[1].PersonID == a)
}

// moveOneGuest moves a visitor of the evening to another household where
// the matching still holds, and returns both households.
func moveOneGuest(t *testing.T, f *fixture) (from, to int64) {
	t.Helper()
	ev, err := f.a.ShowEvening(ctx, f.c, f.evening)
	must(t, err)
	rec := ev.Records
	view := rec.Describe(ev.Result)
	for _, card := range view.Cards {
		for _, g := range card.Visitors {
			for _, dest := range append(append([]hosting.Card{}, view.Cards...), view.Idle...) {
				if dest.Household.ID == card.Household.ID || !dest.Available {
					continue
				}
				moved := hosting.Move(ev.Result, g.Label, dest.Label)
				if len(rec.Describe(moved).Problems) > 0 {
					continue
				}
				_, err := f.a.MoveGuest(ctx, f.c, f.evening, g.Visitor.ID, dest.Household.ID)
				must(t, err)
				return card.Household.ID, dest.Household.ID
			}
		}
	}
	t.Fatal("no guest can move to another household without breaking a rule")
	return 0, 0
}

// hostMail counts the messages of the outbox to the evening's households.
func hostMail(t *testing.T, f *fixture) int {
	t.Helper()
	hs, err := f.s.Households(ctx, f.tenant.ID, itinera.HouseholdFilter{})
	must(t, err)
	to := map[string]bool{}
	for _, h := range hs {
		if h.Email != "" {
			to[strings.ToLower(h.Email)] = true
		}
	}
	n := 0
	for _, m := range f.outbox() {
		for addr := range to {
			if strings.Contains(strings.ToLower(m.To), addr) {
				n++
				break
			}
		}
	}
	return n
}
