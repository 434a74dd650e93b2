package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// TestPlanShowsSubgroups: the plan endpoint's proposal carries the
// sub-group planner's: on the demo, Tuesday afternoon splits into two
// groups, the interpreter with Lucía's, each explained (the response is
// checked against the OpenAPI schema by e.do). Applying carries none.
func TestPlanShowsSubgroups(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	ctx := context.Background()
	tn := demo.Tenant()
	must(t, e.store.CreateTenant(ctx, &tn))
	pid, err := demo.Load(ctx, e.store.Services(), tn.ID, storetest.Now())
	must(t, err)
	u := itinera.User{TenantID: tn.ID, Email: "lead@demo.example.org", Name: "Lead", Role: itinera.RoleOfficer}
	hash, err := cheapHasher.Hash(userPassword)
	must(t, err)
	must(t, e.store.CreateUser(ctx, &u, hash))
	tok, th, err := auth.NewToken()
	must(t, err)
	must(t, e.store.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: "test", TokenHash: th}))

	path := "/api/v1/programs/" + id(pid) + "/plan"
	plan := e.do("POST", path, tok, map[string]any{}).expect(http.StatusOK).object()
	sg, ok := plan["subgroups"].(map[string]any)
	if !ok || sg["split_days"] != float64(1) || sg["complete"] != true {
		t.Fatalf("subgroups: %v (note %v)", plan["subgroups"], plan["subgroups_note"])
	}
	var split []any
	for _, d := range sg["days"].([]any) {
		for _, s := range d.(map[string]any)["stretches"].([]any) {
			if st := s.(map[string]any); st["split"] == true {
				if !strings.HasPrefix(st["from"].(string), "2026-") || !strings.HasSuffix(st["from"].(string), "-06:00") {
					t.Errorf("stretch from %v: want the program's offset", st["from"])
				}
				split = append(split, st["groups"].([]any)...)
			}
		}
	}
	if len(split) != 2 {
		t.Fatalf("%d groups split, want 2", len(split))
	}
	for _, g := range split {
		g := g.(map[string]any)
		names := ""
		for _, v := range g["visitors"].([]any) {
			names += v.(map[string]any)["name"].(string) + ";"
		}
		interps := g["interpreters"].([]any)
		hasAna := len(interps) == 1 && interps[0].(map[string]any)["name"] == "Ana Beltrán"
		if strings.Contains(names, "Lucía") != hasAna || g["explanation"] == "" || len(g["items"].([]any)) == 0 {
			t.Errorf("group %s with %v: %v", names, interps, g)
		}
	}
	applied := e.do("POST", path, tok, map[string]any{"apply": true, "digest": plan["digest"]}).expect(http.StatusOK).object()
	if _, ok := applied["subgroups"]; ok {
		t.Error("applying carries sub-groups")
	}
}

// TestPlanSaysWhyNoSubgroups: a program without visitors gets its
// itinerary proposal, and subgroups_note instead of subgroups.
func TestPlanSaysWhyNoSubgroups(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	hotel := e.do("POST", "/api/v1/places", e.officerA, map[string]any{"name": "Hotel downtown", "kind": "hotel",
		"address": "1 Market St, St. Louis", "lat": 38.627, "lon": -90.19}).expect(http.StatusCreated).object()
	prog := e.do("POST", "/api/v1/programs", e.officerA, map[string]any{"title": "Empty delegation", "city": "St. Louis",
		"time_zone": "America/Chicago", "start_date": "2026-12-12", "end_date": "2026-12-13",
		"hotel_place_id": hotel["id"]}).expect(http.StatusCreated).object()
	plan := e.do("POST", "/api/v1/programs/"+id(int64(prog["id"].(float64)))+"/plan", e.officerA, map[string]any{}).
		expect(http.StatusOK).object()
	if _, ok := plan["subgroups"]; ok || !strings.Contains(plan["subgroups_note"].(string), "visitors") {
		t.Errorf("subgroups %v, note %v", plan["subgroups"], plan["subgroups_note"])
	}
}
