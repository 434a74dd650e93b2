package api

import (
	"net/http"
	"testing"
)

// wantField sends the request and checks that it answers 422 naming field.
func (e *env) wantField(method, path string, body any, field string) {
	e.t.Helper()
	r := e.do(method, path, e.officerA, body).expect(http.StatusUnprocessableEntity)
	if _, _, fields := r.apiError(); fields[field] == nil {
		e.t.Errorf("%s %s: fields %v do not name %s", method, path, fields, field)
	}
}

// with returns a copy of body with the given fields changed.
func with(body map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func window(start, end string) []map[string]string {
	return []map[string]string{{"start": start, "end": end}}
}

// Availability windows and proposed times fall on the program's days
// (2 to 6 May 2026), as in the web forms.
func TestWindowsOnProgramDays(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		prog := "/api/v1/programs/" + id(e.program.ID)
		outside := []any{
			window("2026-06-01T09:00:00-05:00", "2026-06-01T12:00:00-05:00"),
			window("2026-05-01T09:00:00-05:00", "2026-05-01T12:00:00-05:00"),
			window("2026-05-06T22:00:00-05:00", "2026-05-07T02:00:00-05:00"),
		}
		for _, ws := range outside {
			e.wantField("POST", prog+"/meetings", with(e.validBody("meetings"), "windows", ws), "windows")
			e.wantField("PUT", "/api/v1/meetings/"+id(e.meeting.ID), with(e.validBody("meetings"), "windows", ws), "windows")
			e.wantField("POST", prog+"/activities", with(e.validBody("activities"), "windows", ws), "windows")
			e.wantField("PUT", "/api/v1/activities/"+id(e.activity.ID), with(e.validBody("activities"), "windows", ws), "windows")
			e.wantField("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests", with(e.validBody("requests"), "windows", ws), "windows")
		}
		// The last evening of the program, to midnight, is on its days.
		last := window("2026-05-06T20:00:00-05:00", "2026-05-07T00:00:00-05:00")
		e.do("POST", prog+"/activities", e.officerA, with(e.validBody("activities"), "windows", last, "duration_minutes", 60)).expect(http.StatusCreated)
	})
}

// A day's lunch window lies within the day.
func TestDayLunchWithinDay(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		day := "/api/v1/programs/" + id(e.program.ID) + "/days/2026-05-04"
		e.wantField("PUT", day, with(e.validBody("days"), "lunch_from", "07:00", "lunch_to", "08:30"), "lunch_from")
		e.wantField("PUT", day, with(e.validBody("days"), "lunch_from", "16:00", "lunch_to", "19:00"), "lunch_to")
		e.do("PUT", day, e.officerA, with(e.validBody("days"), "lunch_from", "09:00", "lunch_to", "17:30")).expect(http.StatusOK)
	})
}

// Dates and instants outside the years 2000 to 2100 are refused.
func TestDatesOutsideYearsRefused(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		prog := "/api/v1/programs/" + id(e.program.ID)
		for _, d := range []string{"0202-05-02", "1999-12-31", "2101-01-01", "9999-05-02"} {
			e.wantField("POST", "/api/v1/programs", with(e.validBody("programs"), "start_date", d), "start_date")
			e.wantField("PUT", prog, with(e.validBody("programs"), "end_date", d), "end_date")
			ws := window(d+"T09:00:00-05:00", d+"T12:00:00-05:00")
			e.wantField("POST", prog+"/meetings", with(e.validBody("meetings"), "windows", ws), "windows")
			e.wantField("POST", "/api/v1/meetings/"+id(e.meeting.ID)+"/requests",
				with(e.validBody("requests"), "expires_at", d+"T00:00:00-05:00"), "expires_at")
		}
	})
}

// A visitor's e-mail address is unique within the program, without case.
func TestVisitorEmailUnique(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		visitors := "/api/v1/programs/" + id(e.program.ID) + "/visitors"
		e.do("POST", visitors, e.officerA, with(e.validBody("visitors"), "email", "ana@example.org")).expect(http.StatusCreated)
		e.wantField("POST", visitors, with(e.validBody("visitors"), "email", " ANA@Example.org"), "email")
		e.wantField("PUT", "/api/v1/visitors/"+id(e.visitor.ID), with(e.validBody("visitors"), "email", "ana@example.org"), "email")
		for range 2 {
			e.do("POST", visitors, e.officerA, with(e.validBody("visitors"), "email", "")).expect(http.StatusCreated)
		}
		e.do("PUT", "/api/v1/visitors/"+id(e.visitor.ID), e.officerA, with(e.validBody("visitors"), "email", "amara@example.org")).expect(http.StatusOK)
	})
}
