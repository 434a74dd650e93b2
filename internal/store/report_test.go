package store_test

import (
	"database/sql"
	"sort"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestReportRecomputedFromTheRecords, on both databases: the demo, with
// its requests, its evening matched and confirmed and its follow-up,
// gives a report for the year of its dates whose figures are recounted
// here from the tables with plain SQL, independently of the application
// layer; a period that ends the day before the program counts nothing,
// and another organization's programs never count.
func TestReportRecomputedFromTheRecords(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn := demo.Tenant()
		tn.Slug = "report-" + s.Dialect()
		must(t, s.CreateTenant(ctx, &tn))
		pid, err := demo.Load(ctx, s.Services(), tn.ID, storetest.Now())
		must(t, err)
		_, err = demo.LoadRequests(ctx, s.Services(), tn.ID, pid, "https://itinera.example.org")
		must(t, err)
		ev, err := demo.LoadHospitality(ctx, s.Services(), tn.ID, pid)
		must(t, err)
		u := itinera.User{TenantID: tn.ID, Email: "officer@" + tn.Slug + ".example.org", Name: "Officer", Role: itinera.RoleOfficer}
		must(t, s.CreateUser(ctx, &u, "not-a-real-hash"))
		a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}})
		must(t, err)
		c := app.Caller{User: u, Site: "https://itinera.example.org"}
		_, err = a.MatchEvening(ctx, c, ev)
		must(t, err)
		_, err = a.ConfirmEvening(ctx, c, ev)
		must(t, err)
		answered, err := demo.LoadFollowUp(ctx, s.Services(), tn.ID, pid)
		must(t, err)
		if answered < 3 {
			t.Fatalf("the demo's follow-up has %d answers", answered)
		}
		other := mustFixture(t, s, "report-other-"+s.Dialect()) // a program of another organization in the same days
		_ = other

		p, err := s.Program(ctx, tn.ID, pid)
		must(t, err)
		from := itinera.Date{Year: p.StartDate.Year, Month: 1, Day: 1}
		to := itinera.Date{Year: p.EndDate.Year, Month: 12, Day: 31}
		r, err := a.ReportSummary(ctx, c, from, to)
		must(t, err)

		db := s.DB()
		q := func(query string, args ...any) *sql.Rows {
			t.Helper()
			if s.Dialect() == "postgres" {
				query = dollar(query)
			} else {
				query = question(query)
			}
			rows, err := db.QueryContext(ctx, query, args...)
			must(t, err)
			return rows
		}
		one := func(query string, args ...any) int {
			t.Helper()
			rows := q(query, args...)
			defer rows.Close()
			var n sql.NullInt64
			if rows.Next() {
				must(t, rows.Scan(&n))
			}
			return int(n.Int64)
		}
		tally := func(query string, args ...any) []app.Count {
			t.Helper()
			rows := q(query, args...)
			defer rows.Close()
			var out []app.Count
			for rows.Next() {
				var c app.Count
				must(t, rows.Scan(&c.Name, &c.Count))
				out = append(out, c)
			}
			sort.Slice(out, func(i, j int) bool {
				if out[i].Count != out[j].Count {
					return out[i].Count > out[j].Count
				}
				return out[i].Name < out[j].Name
			})
			return out
		}
		in := `SELECT id FROM programs WHERE tenant_id = $1 AND status <> 'cancelled' AND start_date <= $3 AND end_date >= $2`
		args := []any{tn.ID, from.String(), to.String()}
		held := `SELECT m.id FROM meetings m WHERE m.program_id IN (` + in + `) AND (m.status = 'confirmed' OR (m.status NOT IN ('cancelled', 'declined')
			AND m.id IN (SELECT i.meeting_id FROM itinerary_items i JOIN itineraries it ON it.id = i.itinerary_id
			WHERE it.version = (SELECT MAX(version) FROM itineraries x WHERE x.program_id = it.program_id))))`

		want := map[string]int{
			"programs":      one(`SELECT COUNT(*) FROM (`+in+`) p`, args...),
			"visitors":      one(`SELECT COUNT(*) FROM visitors WHERE program_id IN (`+in+`)`, args...),
			"meetings":      one(`SELECT COUNT(*) FROM (`+held+`) h`, args...),
			"organizations": one(`SELECT COUNT(*) FROM (SELECT host_organization_id FROM meetings WHERE id IN (`+held+`) UNION SELECT organization_id FROM meeting_partners WHERE meeting_id IN (`+held+`)) o`, args...),
			"hosting":       one(`SELECT SUM(v.minutes) FROM volunteer_hours v JOIN hospitality_evenings e ON e.id = v.evening_id WHERE e.program_id IN (`+in+`)`, args...),
			"meeting time":  one(`SELECT SUM(duration_minutes) FROM meetings WHERE id IN (`+held+`)`, args...),
			"nights":        one(`SELECT COUNT(*) FROM (SELECT DISTINCT g.evening_id, g.household_id FROM hospitality_guests g JOIN hospitality_evenings e ON e.id = g.evening_id WHERE e.status = 'confirmed' AND e.program_id IN (`+in+`)) n`, args...),
		}
		got := map[string]int{"programs": len(r.Programs), "visitors": r.Visitors, "meetings": r.MeetingsHeld, "organizations": r.OrganizationsEngaged,
			"hosting": r.HostingMinutes, "meeting time": r.MeetingMinutes, "nights": r.HospitalityNights}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: the report says %d, the records %d", k, got[k], w)
			}
			if w == 0 {
				t.Errorf("%s: the demo gives nothing to count", k)
			}
		}
		same := func(what string, got, want []app.Count) {
			t.Helper()
			if len(got) != len(want) {
				t.Errorf("%s: %v, the records %v", what, got, want)
				return
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s: %v, the records %v", what, got, want)
					return
				}
			}
		}
		same("visitors by country", r.VisitorsByCountry, tally(`SELECT CASE WHEN country = '' THEN 'not given' ELSE country END, COUNT(*) FROM visitors
			WHERE program_id IN (`+in+`) GROUP BY CASE WHEN country = '' THEN 'not given' ELSE country END`, args...))
		same("meetings by topic", r.MeetingsByTopic, tally(`SELECT tp.name, COUNT(*) FROM meeting_topics mt JOIN topics tp ON tp.id = mt.topic_id
			WHERE mt.meeting_id IN (`+held+`) GROUP BY tp.name`, args...))
		same("collaborations by kind", r.CollaborationsByKind, tally(`SELECT kind, COUNT(*) FROM collaborations WHERE program_id IN (`+in+`) GROUP BY kind`, args...))
		if len(r.CollaborationsByKind) != 2 {
			t.Errorf("the demo's collaborations: %v", r.CollaborationsByKind)
		}
		t.Logf("demo report %s–%s: %d programs, %d visitors from %d countries, %d meetings held, %d organizations, %.2f volunteer hours, %d nights, collaborations %v, feedback %s",
			from, to, len(r.Programs), r.Visitors, len(r.VisitorsByCountry), r.MeetingsHeld, r.OrganizationsEngaged, r.VolunteerHours(), r.HospitalityNights,
			r.CollaborationsByKind, r.Feedback.Label())

		none, err := a.ReportSummary(ctx, c, from, p.StartDate.AddDays(-1))
		must(t, err)
		if len(none.Programs) != 0 || none.Visitors != 0 || none.MeetingsHeld != 0 {
			t.Errorf("a period ending the day before the program: %+v", none)
		}
		edge, err := a.ReportSummary(ctx, c, p.EndDate, p.EndDate)
		must(t, err)
		if len(edge.Programs) != 1 {
			t.Errorf("a period of the program's last day counts %d programs", len(edge.Programs))
		}
		_, err = a.ReportSummary(ctx, c, to, from)
		if itinera.ErrorFields(err)["to"] == "" {
			t.Errorf("a period ending before it starts: %v", err)
		}
	})
}

// dollar and question write a query's $n parameters for each database:
// the test's SQL is its own, not the store's.
func dollar(q string) string { return q }

func question(q string) string {
	out := []byte{}
	for i := 0; i < len(q); i++ {
		if q[i] == '$' && i+1 < len(q) && q[i+1] >= '0' && q[i+1] <= '9' {
			out = append(out, '?')
			out = append(out, q[i+1])
			i++
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}
