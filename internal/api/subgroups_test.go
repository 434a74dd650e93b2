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

// TestApplySubgroupsThroughTheAPI: a split day of the sub-group proposal
// becomes the itinerary (POST /subgroups/apply with the proposal's digest):
// the items of the split stretch carry visitor_ids and interpreter_ids in
// the answer and in GET /itinerary, the others are for everyone; a stale
// digest is 409, a bad date 422 naming it, a viewer 403, another
// organization 404 (responses checked against the OpenAPI schema by e.do).
func TestApplySubgroupsThroughTheAPI(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	ctx := context.Background()
	tn := demo.Tenant()
	must(t, e.store.CreateTenant(ctx, &tn))
	pid, err := demo.Load(ctx, e.store.Services(), tn.ID, storetest.Now())
	must(t, err)
	token := func(email string, role itinera.Role) string {
		u := itinera.User{TenantID: tn.ID, Email: email, Name: "Demo " + string(role), Role: role}
		hash, err := cheapHasher.Hash(userPassword)
		must(t, err)
		must(t, e.store.CreateUser(ctx, &u, hash))
		tok, th, err := auth.NewToken()
		must(t, err)
		must(t, e.store.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: "test", TokenHash: th}))
		return tok
	}
	tok, viewer := token("lead@demo.example.org", itinera.RoleOfficer), token("reader@demo.example.org", itinera.RoleViewer)

	plan := e.do("POST", "/api/v1/programs/"+id(pid)+"/plan", tok, map[string]any{}).expect(http.StatusOK).object()
	sg := plan["subgroups"].(map[string]any)
	digest, _ := sg["digest"].(string)
	date := ""
	for _, d := range sg["days"].([]any) {
		if d := d.(map[string]any); d["split"] == true {
			date = d["date"].(string)
		}
	}
	if digest == "" || date == "" {
		t.Fatalf("digest %q, split day %q", digest, date)
	}
	path := "/api/v1/programs/" + id(pid) + "/subgroups/apply"
	e.do("POST", path, tok, map[string]any{"date": date, "digest": "0123456789abcdef01234567"}).expect(http.StatusConflict)
	if _, _, f := e.do("POST", path, tok, map[string]any{"date": "Tuesday", "digest": digest}).expect(http.StatusUnprocessableEntity).apiError(); f["date"] == nil {
		t.Errorf("a bad date: fields %v", f)
	}
	e.do("POST", path, viewer, map[string]any{"date": date, "digest": digest}).expect(http.StatusForbidden)
	e.do("POST", path, e.officerA, map[string]any{"date": date, "digest": digest}).expect(http.StatusNotFound)

	out := e.do("POST", path, tok, map[string]any{"date": date, "digest": digest}).expect(http.StatusOK).object()
	if out["date"] != date || out["subgroups"].(map[string]any)["digest"] != digest {
		t.Errorf("answer %v", out)
	}
	check := func(it map[string]any) {
		t.Helper()
		split, whole := 0, 0
		for _, x := range it["items"].([]any) {
			x := x.(map[string]any)
			vs := x["visitor_ids"].([]any)
			if len(vs) == 0 {
				whole++
				continue
			}
			split++
			if !strings.HasPrefix(x["start"].(string), date) {
				t.Errorf("%v is for part of the delegation on another day", x["title"])
			}
		}
		if split < 2 || whole == 0 {
			t.Errorf("%d items for sub-groups, %d for everyone", split, whole)
		}
	}
	check(out["itinerary"].(map[string]any))
	got := e.do("GET", "/api/v1/programs/"+id(pid)+"/itinerary", tok, nil).expect(http.StatusOK).object()
	check(got["itinerary"].(map[string]any))
}
