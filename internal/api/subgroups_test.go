package api

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"itinera"
)

// TestSubgroupModelAPI: a meeting's attendance, capacity and languages, a
// day's parts together and the program's split settings go through the
// API on both databases, every answer checked against openapi.json; wrong
// values are refused naming the field; another tenant's visitor cannot be
// named; an older version is refused; the readiness names the visitors
// left without interpretation at a confirmed meeting.
func TestSubgroupModelAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		lucia := itinera.Visitor{TenantID: e.tenantA.ID, ProgramID: e.program.ID, GivenName: "Lucía", FamilyName: "Ramírez",
			Country: "Mexico", Languages: []string{"Spanish"}}
		youssef := itinera.Visitor{TenantID: e.tenantA.ID, ProgramID: e.program.ID, GivenName: "Youssef", FamilyName: "El Amrani",
			Country: "Morocco", Languages: []string{"Arabic", "French"}}
		for _, v := range []*itinera.Visitor{&lucia, &youssef} {
			must(t, e.store.CreateVisitor(ctx, v))
		}
		path := fmt.Sprintf("/api/v1/meetings/%d", e.meeting.ID)
		m := e.do("PATCH", path, e.officerA, map[string]any{"attendance": "visitors", "visitor_ids": []int64{youssef.ID, lucia.ID},
			"min_visitors": 1, "max_visitors": 5, "languages": []string{"English"}}).expect(http.StatusOK).object()
		if m["attendance"] != "visitors" || m["max_visitors"] != 5.0 || m["min_visitors"] != 1.0 ||
			!reflect.DeepEqual(m["visitor_ids"], []any{float64(youssef.ID), float64(lucia.ID)}) || !reflect.DeepEqual(m["languages"], []any{"en"}) {
			t.Fatalf("patched meeting: %v", m)
		}
		got := e.do("GET", path, e.officerA, nil).expect(http.StatusOK).object()
		if !reflect.DeepEqual(got["visitor_ids"], m["visitor_ids"]) || got["version"] != m["version"] {
			t.Fatalf("read back: %v", got)
		}
		for _, c := range []struct {
			body  map[string]any
			field string
			want  string
		}{
			{map[string]any{"attendance": "half"}, "attendance", "Choose whom the meeting is for"},
			{map[string]any{"min_visitors": 6, "max_visitors": 5}, "max_visitors", "fewer than the minimum of 6"},
			{map[string]any{"visitor_ids": []int64{}}, "visitor_ids", "at least one visitor"},
			{map[string]any{"languages": []string{"de"}}, "languages", "choose one of en (English)"},
		} {
			r := e.do("PATCH", path, e.officerA, c.body).expect(http.StatusUnprocessableEntity)
			if _, _, fields := r.apiError(); !strings.Contains(fmt.Sprint(fields[c.field]), c.want) {
				t.Errorf("%v: %v", c.body, fields)
			}
		}
		// Tenant B's visitor cannot be named in tenant A's meeting.
		pb := itinera.Program{TenantID: e.tenantB.ID, Title: "Water", City: "Kansas City", TimeZone: "America/Chicago",
			StartDate: itinera.MustDate("2026-05-02"), EndDate: itinera.MustDate("2026-05-03")}
		must(t, e.store.CreateProgram(ctx, &pb))
		vb := itinera.Visitor{TenantID: e.tenantB.ID, ProgramID: pb.ID, GivenName: "Kenji", Country: "Japan", Languages: []string{"Japanese"}}
		must(t, e.store.CreateVisitor(ctx, &vb))
		r := e.do("PATCH", path, e.officerA, map[string]any{"visitor_ids": []int64{vb.ID}}).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields["visitor_ids"] != "Choose visitors of this program's delegation." {
			t.Errorf("another tenant's visitor: %v", fields)
		}
		e.do("PATCH", path, e.officerB, map[string]any{"max_visitors": 2}).expect(http.StatusNotFound)
		e.withHeader("If-Match", `"1"`).do("PATCH", path, e.officerA, map[string]any{"max_visitors": 4}).expect(http.StatusPreconditionFailed)

		// The readiness: the meeting is confirmed and in English; Ana
		// (English-Spanish) covers Lucía, nobody covers Youssef.
		e.do("PATCH", path, e.officerA, map[string]any{"status": "confirmed"}).expect(http.StatusOK)
		rd := e.do("GET", fmt.Sprintf("/api/v1/programs/%d/readiness", e.program.ID), e.officerA, nil).expect(http.StatusOK).object()
		gaps, _ := rd["without_interpretation"].([]any)
		if len(gaps) != 1 || rd["ready"] != false {
			t.Fatalf("readiness: %v", rd)
		}
		g := gaps[0].(map[string]any)
		if g["meeting_id"] != float64(e.meeting.ID) || !reflect.DeepEqual(g["visitors"], []any{"Youssef El Amrani"}) {
			t.Fatalf("gap: %v", g)
		}
		claire := itinera.Interpreter{TenantID: e.tenantA.ID, ProgramID: e.program.ID, Name: "Claire", Languages: []string{"French", "English"}}
		must(t, e.store.CreateInterpreter(ctx, &claire))
		rd = e.do("GET", fmt.Sprintf("/api/v1/programs/%d/readiness", e.program.ID), e.officerA, nil).expect(http.StatusOK).object()
		if gaps, _ := rd["without_interpretation"].([]any); len(gaps) != 0 {
			t.Fatalf("with Claire: %v", gaps)
		}

		// The program's split settings: the default, then changed.
		prog := fmt.Sprintf("/api/v1/programs/%d", e.program.ID)
		created := e.do("POST", "/api/v1/programs", e.officerA, map[string]any{"title": "Rule of law", "city": "St. Louis",
			"time_zone": "America/Chicago", "start_date": "2026-11-02", "end_date": "2026-11-04"}).expect(http.StatusCreated).object()
		if created["split_lunch"] != "together" || created["split_cost"] != 3.0 {
			t.Fatalf("new program: %v %v", created["split_lunch"], created["split_cost"])
		}
		p := e.do("PATCH", prog, e.officerA, map[string]any{"split_lunch": "apart", "split_cost": 0}).expect(http.StatusOK).object()
		if p["split_lunch"] != "apart" || p["split_cost"] != 0.0 {
			t.Fatalf("patched program: %v", p)
		}
		r = e.do("PATCH", prog, e.officerA, map[string]any{"split_lunch": "never", "split_cost": 99}).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); !strings.Contains(fmt.Sprint(fields["split_lunch"]), "together or apart") ||
			!strings.Contains(fmt.Sprint(fields["split_cost"]), "0 (split freely) to 50") {
			t.Errorf("split settings: %v", fields)
		}

		// A day's parts together.
		day := fmt.Sprintf("/api/v1/programs/%d/days/2026-05-03", e.program.ID)
		d := e.do("PATCH", day, e.officerA, map[string]any{"together": []map[string]string{
			{"from": "09:30", "to": "13:00", "label": "Gateway Arch"}, {"from": "18:00", "to": "24:00"}}}).expect(http.StatusOK).object()
		parts, _ := d["together"].([]any)
		if len(parts) != 2 || parts[1].(map[string]any)["to"] != "24:00" || parts[0].(map[string]any)["label"] != "Gateway Arch" {
			t.Fatalf("day: %v", d)
		}
		r = e.do("PATCH", day, e.officerA, map[string]any{"together": []map[string]string{{"from": "13:00", "to": "09:30"}}}).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); !strings.Contains(fmt.Sprint(fields["together"]), "ends before it starts") {
			t.Errorf("backwards part: %v", fields)
		}
		e.withHeader("If-Match", `"1"`).do("PATCH", day, e.officerA, map[string]any{"together": []any{}}).expect(http.StatusPreconditionFailed)
		e.do("PATCH", fmt.Sprintf("/api/v1/programs/%d/days/2026-05-03", e.program.ID), e.officerB, map[string]any{"together": []any{}}).expect(http.StatusNotFound)
	})
}
