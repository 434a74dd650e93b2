package api

import (
	"context"
	"net/http"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/hosting"
	"itinera/internal/storetest"
)

// TestReleaseListsHouseholds: on the demo program, released once with its
// evening confirmed, moving one guest puts exactly the two households
// concerned in GET /release (kind household, their evening, their change);
// POST /release queues their two messages and the next plan lists none.
func TestReleaseListsHouseholds(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	ctx := context.Background()
	tn := demo.Tenant()
	must(t, e.store.CreateTenant(ctx, &tn))
	pid, err := demo.Load(ctx, e.store.Services(), tn.ID, storetest.Now())
	must(t, err)
	eid, err := demo.LoadHospitality(ctx, e.store.Services(), tn.ID, pid)
	must(t, err)
	u := itinera.User{TenantID: tn.ID, Email: "lead@demo.example.org", Name: "Lead", Role: itinera.RoleOfficer}
	hash, err := cheapHasher.Hash(userPassword)
	must(t, err)
	must(t, e.store.CreateUser(ctx, &u, hash))
	tok, th, err := auth.NewToken()
	must(t, err)
	must(t, e.store.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: "test", TokenHash: th}))
	a, c := e.api.app, app.Caller{User: u, Site: "https://itinera.example.org"}
	pl, err := a.Propose(ctx, c, pid, nil)
	must(t, err)
	_, err = a.ApplyPlan(ctx, c, pid, nil, pl.Digest)
	must(t, err)
	_, err = a.ConfirmEvening(ctx, c, eid)
	must(t, err)
	path := "/api/v1/programs/" + id(pid) + "/release"
	e.do("POST", path, tok, map[string]any{}).expect(http.StatusOK)

	households := func() []map[string]any {
		t.Helper()
		var out []map[string]any
		for _, x := range e.do("GET", path, tok, nil).expect(http.StatusOK).object()["people"].([]any) {
			if p := x.(map[string]any); p["kind"] == "household" {
				out = append(out, p)
			}
		}
		return out
	}
	if hs := households(); len(hs) != 0 {
		t.Fatalf("after the first release: %v", hs)
	}
	ev, err := a.ShowEvening(ctx, c, eid)
	must(t, err)
	moved := map[string]bool{}
	view := ev.Records.Describe(ev.Result)
moving:
	for _, card := range view.Cards {
		for _, g := range card.Visitors {
			for _, dest := range append(append([]hosting.Card{}, view.Cards...), view.Idle...) {
				if dest.Household.ID != card.Household.ID && dest.Available &&
					len(ev.Records.Describe(hosting.Move(ev.Result, g.Label, dest.Label)).Problems) == 0 {
					_, err := a.MoveGuest(ctx, c, eid, g.Visitor.ID, dest.Household.ID)
					must(t, err)
					moved["household-"+id(card.Household.ID)], moved["household-"+id(dest.Household.ID)] = true, true
					break moving
				}
			}
		}
	}
	hs := households()
	if len(hs) != 2 {
		t.Fatalf("after one move: %v", hs)
	}
	for _, p := range hs {
		if !moved[p["key"].(string)] || p["evening_id"] != float64(eid) || len(p["changes"].([]any)) == 0 || p["skip"] != "" {
			t.Errorf("household %v", p)
		}
	}
	rel := e.do("POST", path, tok, map[string]any{}).expect(http.StatusOK).object()
	if rel["queued"] != 2.0 {
		t.Errorf("release: %v, want 2 queued", rel)
	}
	if hs := households(); len(hs) != 0 {
		t.Errorf("after the release: %v", hs)
	}
}
