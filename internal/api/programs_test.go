package api

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
)

func TestListProgramsShape(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	r := e.do("GET", "/api/v1/programs", e.viewerA, nil).expect(http.StatusOK)
	if cc := r.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	m := r.object()
	if got := keys(m); !slices.Equal(got, []string{"next_cursor", "programs"}) || m["next_cursor"] != nil {
		t.Fatalf("keys %v (next_cursor %v), want [next_cursor programs] and no next page", got, m["next_cursor"])
	}
	ps := m["programs"].([]any)
	if len(ps) != 1 {
		t.Fatalf("%d programs, want 1", len(ps))
	}
	p := ps[0].(map[string]any)
	want := []string{"city", "end_date", "id", "project_type", "start_date", "status", "time_zone", "title", "visitor_count"}
	if got := keys(p); !slices.Equal(got, want) {
		t.Errorf("program keys %v, want %v", got, want)
	}
	wantValues := map[string]any{"id": float64(e.program.ID), "title": "Combating Trafficking in Persons",
		"city": "St. Louis", "time_zone": "America/Chicago", "start_date": "2026-05-02", "end_date": "2026-05-06",
		"visitor_count": float64(1), "status": "planning", "project_type": "IVLP"}
	for k, v := range wantValues {
		if p[k] != v {
			t.Errorf("%s = %#v, want %#v", k, p[k], v)
		}
	}

	// Tenant B has no programs: an empty list, not null.
	if body := e.do("GET", "/api/v1/programs", e.officerB, nil).expect(http.StatusOK).Body.String(); strings.TrimSpace(body) != `{"next_cursor":null,"programs":[]}` {
		t.Errorf("empty list = %s", body)
	}
}

func TestProgramDetail(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	path := "/api/v1/programs/" + id(e.program.ID)
	m := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
	for _, k := range []string{"id", "title", "objectives", "hotel", "days", "visitors", "interpreters", "meetings", "activities", "itinerary"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in program detail", k)
		}
	}
	if m["itinerary"] != nil {
		t.Errorf("itinerary = %v, want null before the first version", m["itinerary"])
	}
	if h := m["hotel"].(map[string]any); h["name"] != "Gateway Arch" || h["id"] != float64(e.place.ID) {
		t.Errorf("hotel = %v", h)
	}
	if days := m["days"].([]any); len(days) != 5 || days[0].(map[string]any)["date"] != "2026-05-02" {
		t.Errorf("days = %v, want 5 from 2026-05-02", days)
	}
	if v := m["visitors"].([]any); len(v) != 1 || v[0].(map[string]any)["name"] != "Amara Okafor" {
		t.Errorf("visitors = %v", v)
	}
	if i := m["interpreters"].([]any); len(i) != 1 || i[0].(map[string]any)["name"] != "Lucía Gómez" {
		t.Errorf("interpreters = %v", i)
	}
	meetings := m["meetings"].([]any)
	if len(meetings) != 1 {
		t.Fatalf("meetings = %v", meetings)
	}
	mt := meetings[0].(map[string]any)
	wantMeeting := map[string]any{
		"host_organization":     map[string]any{"id": float64(e.org.ID), "name": "Gateway Human Trafficking"},
		"contact":               map[string]any{"id": float64(e.contact.ID), "name": "Shima Rostami"},
		"partner_organizations": []any{map[string]any{"id": float64(e.partner.ID), "name": "Interfaith Partnership"}},
		"topics":                []any{"victim services"},
		"status":                "requested",
		"duration_minutes":      float64(90),
		"priority":              float64(3),
		"mandatory":             false,
		"place":                 nil,
		// Instants are shown in the program's zone (CDT in May).
		"windows": []any{map[string]any{"start": "2026-05-05T09:00:00-05:00", "end": "2026-05-05T12:00:00-05:00"}},
	}
	for k, v := range wantMeeting {
		if !reflect.DeepEqual(mt[k], v) {
			t.Errorf("meeting %s = %#v, want %#v", k, mt[k], v)
		}
	}
	acts := m["activities"].([]any)
	if len(acts) != 1 || acts[0].(map[string]any)["place"].(map[string]any)["name"] != "Gateway Arch" {
		t.Errorf("activities = %v", acts)
	}

	// Once the program has an itinerary, the current version is shown.
	loc := e.program.Location()
	it := itinera.Itinerary{TenantID: e.tenantA.ID, ProgramID: e.program.ID, Note: "first draft",
		Items: []itinera.ItineraryItem{{MeetingID: e.meeting.ID, Start: time.Date(2026, 5, 5, 9, 30, 0, 0, loc),
			End: time.Date(2026, 5, 5, 11, 0, 0, 0, loc), TravelMinutes: 15, Pinned: true}}}
	// Saved as the application's workflow does: with its audit entry in the
	// same transaction, which gives the organization a new revision (the
	// answers are cached by revision).
	must(t, e.store.InTx(context.Background(), func(ctx context.Context) error {
		if err := e.store.SaveItinerary(ctx, &it); err != nil {
			return err
		}
		return e.store.RecordChange(ctx, &itinera.AuditEntry{TenantID: e.tenantA.ID, Actor: "test", Kind: "itinerary",
			RecordID: it.ID, ProgramID: it.ProgramID, Action: "new version"})
	}))
	for _, p := range []string{path, path + "/itinerary"} {
		got := e.do("GET", p, e.viewerA, nil).expect(http.StatusOK).object()["itinerary"].(map[string]any)
		items := got["items"].([]any)
		if got["version"] != float64(1) || len(items) != 1 {
			t.Fatalf("%s: itinerary = %v", p, got)
		}
		item := items[0].(map[string]any)
		if item["start"] != "2026-05-05T09:30:00-05:00" || item["meeting_id"] != float64(e.meeting.ID) ||
			item["activity_id"] != nil || item["pinned"] != true {
			t.Errorf("%s: item = %v", p, item)
		}
	}
}

func TestUpdateDay(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	base := "/api/v1/programs/" + id(e.program.ID) + "/days/"
	good := e.validBody("days")
	r := e.do("PUT", base+"2026-05-04", e.officerA, good).expect(http.StatusOK).object()
	if r["start"] != "09:00" || r["lunch_to"] != "13:30" || r["max_meetings"] != float64(2) || r["date"] != "2026-05-04" {
		t.Errorf("day = %v", r)
	}
	days := e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/days", e.viewerA, nil).expect(http.StatusOK).object()["days"].([]any)
	if days[2].(map[string]any)["note"] != "Early dinner" {
		t.Errorf("days after update = %v", days)
	}

	for _, date := range []string{"2026-05-07", "2026-5-4", "tomorrow"} {
		r := e.do("PUT", base+date, e.officerA, good).expect(http.StatusNotFound)
		r.apiError()
	}

	tests := []struct {
		name   string
		change map[string]any
		fields []string
	}{
		{"bad clock", map[string]any{"start": "9am", "lunch_to": "25:00"}, []string{"lunch_to", "start"}},
		{"ends before it starts", map[string]any{"start": "18:00", "end": "08:00"}, []string{"end"}},
		{"too many meetings", map[string]any{"max_meetings": 13}, []string{"max_meetings"}},
	}
	for _, tt := range tests {
		body := e.validBody("days")
		for k, v := range tt.change {
			body[k] = v
		}
		r := e.do("PUT", base+"2026-05-04", e.officerA, body).expect(http.StatusUnprocessableEntity)
		_, _, fields := r.apiError()
		if got := keys(fields); !slices.Equal(got, tt.fields) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.fields)
		}
	}
}

// TestRoundTrip creates, reads, replaces and deletes one record of each
// kind through the API and checks that what is read is what was written.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	forBothStores(t, testRoundTrip)
}

func testRoundTrip(t *testing.T, e *env) {
	prog := "/api/v1/programs/" + id(e.program.ID)
	tests := []struct {
		kind       string
		collection string
		change     map[string]any // applied to the valid body for PUT
		check      map[string]any // expected in the answer to PUT
	}{
		{"programs", "/api/v1/programs",
			map[string]any{"title": "Women in Leadership 2", "end_date": "2026-05-04", "status": "released", "hotel_place_id": 0},
			map[string]any{"title": "Women in Leadership 2", "end_date": "2026-05-04", "status": "released", "hotel": nil}},
		{"visitors", prog + "/visitors",
			map[string]any{"family_name": "Souza", "allergies": []string{"cats", " cats "}},
			map[string]any{"name": "Ana Souza", "allergies": []any{"cats"}, "program_id": float64(e.program.ID)}},
		{"interpreters", prog + "/interpreters",
			map[string]any{"phone": "+1 314 555 0100"}, map[string]any{"phone": "+1 314 555 0100"}},
		{"meetings", prog + "/meetings",
			map[string]any{"contact_id": 0, "partner_organization_ids": []int64{}, "status": "confirmed",
				"windows": []map[string]string{{"start": "2026-05-04T18:00:00Z", "end": "2026-05-04T20:00:00Z"}}},
			map[string]any{"contact": nil, "partner_organizations": []any{}, "status": "confirmed",
				"windows": []any{map[string]any{"start": "2026-05-04T13:00:00-05:00", "end": "2026-05-04T15:00:00-05:00"}}}},
		{"activities", prog + "/activities",
			map[string]any{"kind": "meal", "place_id": 0, "mandatory": true},
			map[string]any{"kind": "meal", "place": nil, "mandatory": true}},
		{"organizations", "/api/v1/organizations",
			map[string]any{"kind": "", "topics": []string{"media", "Media", "public awareness"}},
			map[string]any{"kind": "other", "topics": []any{"media", "public awareness"}}},
		{"contacts", "/api/v1/contacts",
			map[string]any{"organization_id": e.partner.ID, "email": "RPRICE@Example.org"},
			map[string]any{"organization": map[string]any{"id": float64(e.partner.ID), "name": "Interfaith Partnership"}, "email": "rprice@example.org"}},
		{"places", "/api/v1/places",
			map[string]any{"kind": "venue", "notes": "Enter from the north side."},
			map[string]any{"kind": "venue", "notes": "Enter from the north side."}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			e := *e
			e.t = t
			created := e.do("POST", tt.collection, e.officerA, e.validBody(tt.kind)).expect(http.StatusCreated)
			loc := created.Header().Get("Location")
			obj := created.object()
			if want := "/api/v1/" + tt.kind + "/" + id(int64(obj["id"].(float64))); loc != want {
				t.Fatalf("Location %q, want %q", loc, want)
			}
			read := only(e.do("GET", loc, e.viewerA, nil).expect(http.StatusOK).object(), obj)
			if !reflect.DeepEqual(read, obj) {
				t.Errorf("read back differs:\ncreated %v\nread    %v", obj, read)
			}
			body := e.validBody(tt.kind)
			for k, v := range tt.change {
				body[k] = v
			}
			updated := e.do("PUT", loc, e.officerA, body).expect(http.StatusOK).object()
			for k, v := range tt.check {
				if !reflect.DeepEqual(updated[k], v) {
					t.Errorf("after PUT %s = %#v, want %#v", k, updated[k], v)
				}
			}
			if read := only(e.do("GET", loc, e.viewerA, nil).expect(http.StatusOK).object(), updated); !reflect.DeepEqual(read, updated) {
				t.Errorf("read after PUT differs:\nput  %v\nread %v", updated, read)
			}
			e.do("DELETE", loc, e.officerA, nil).expect(http.StatusNoContent)
			e.do("GET", loc, e.viewerA, nil).expect(http.StatusNotFound).apiError()
			e.do("DELETE", loc, e.officerA, nil).expect(http.StatusNotFound).apiError()
		})
	}
}

// only returns the entries of m whose keys are in like: a program read
// with GET adds its days, people and candidates to what POST answered.
func only(m, like map[string]any) map[string]any {
	out := map[string]any{}
	for k := range like {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}

func TestDirectoryFilters(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	names := func(path string) []string {
		t.Helper()
		var out []string
		for k, list := range e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object() {
			if k == "next_cursor" {
				continue
			}
			for _, x := range list.([]any) {
				out = append(out, x.(map[string]any)["name"].(string))
			}
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/api/v1/organizations", []string{"Gateway Human Trafficking", "Interfaith Partnership"}},
		{"/api/v1/organizations?q=interfaith", []string{"Interfaith Partnership"}},
		{"/api/v1/organizations?topic=hotlines", []string{"Gateway Human Trafficking"}},
		{"/api/v1/organizations?q=zzz", nil},
		{"/api/v1/organizations?limit=1", []string{"Gateway Human Trafficking"}},
		{"/api/v1/contacts?q=shima", []string{"Shima Rostami"}},
		{"/api/v1/places?q=arch", []string{"Gateway Arch"}},
		{"/api/v1/topics", []string{"hotlines", "victim services"}},
	}
	for _, tt := range tests {
		if got := names(tt.path); !slices.Equal(got, tt.want) {
			t.Errorf("GET %s = %v, want %v", tt.path, got, tt.want)
		}
	}
	for _, limit := range []string{"0", "-1", "x", "1001"} {
		r := e.do("GET", "/api/v1/places?limit="+limit, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields["limit"] == nil {
			t.Errorf("limit=%s: fields %v", limit, fields)
		}
	}
}
