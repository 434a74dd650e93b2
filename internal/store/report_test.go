package store_test

import (
	"database/sql"
	"sort"
	"strconv"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/region"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestReportRecomputedFromTheRecords, on both databases: the demo, with
// its requests, its evening matched and confirmed and its follow-up
// (feedback, collaborations, economic inputs, a volunteer hour's value),
// gives a report for the year of its dates whose every figure and
// breakdown is recounted here from the tables with plain SQL,
// independently of the application layer; every table downloads; a period that ends the day before the program counts nothing,
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

		// The breakdowns added for the year-end report, recounted the same
		// way: by region (the country of each visitor row placed with the
		// region table), by sector, by the kind of the host organization,
		// how often each organization was met, collaborations by status.
		regions := map[string]int{}
		for _, c := range tally(`SELECT country, COUNT(*) FROM visitors WHERE program_id IN (`+in+`) GROUP BY country`, args...) {
			rg, _ := region.Of(c.Name)
			regions[rg] += c.Count
		}
		var wantRegions []app.Count
		for _, rg := range region.Regions {
			if regions[rg] > 0 {
				wantRegions = append(wantRegions, app.Count{Name: rg, Count: regions[rg]})
			}
		}
		same("visitors by region", r.VisitorsByRegion, wantRegions)
		same("visitors by sector", r.VisitorsBySector, tally(`SELECT CASE WHEN sector = '' THEN 'not given' ELSE sector END, COUNT(*) FROM visitors
			WHERE program_id IN (`+in+`) GROUP BY CASE WHEN sector = '' THEN 'not given' ELSE sector END`, args...))
		same("meetings by kind of organization", r.MeetingsByKind, tally(`SELECT o.kind, COUNT(*) FROM meetings m JOIN organizations o ON o.id = m.host_organization_id
			WHERE m.id IN (`+held+`) GROUP BY o.kind`, args...))
		same("organizations by meetings", r.OrganizationsByMeetings, tally(`SELECT o.name, COUNT(*) FROM (SELECT host_organization_id AS oid FROM meetings WHERE id IN (`+held+`)
			UNION ALL SELECT organization_id FROM meeting_partners WHERE meeting_id IN (`+held+`)) x JOIN organizations o ON o.id = x.oid GROUP BY o.name`, args...))
		wantStatus := tally(`SELECT status, COUNT(*) FROM collaborations WHERE program_id IN (`+in+`) GROUP BY status`, args...)
		if len(r.CollaborationsByStatus) != len(wantStatus) || sumOf(r.CollaborationsByStatus) != sumOf(wantStatus) {
			t.Errorf("collaborations by status: %v, the records %v", r.CollaborationsByStatus, wantStatus)
		}
		for _, k := range r.Collaborations {
			for st, n := range k.ByStatus {
				if w := one(`SELECT COUNT(*) FROM collaborations WHERE program_id IN (`+in+`) AND kind = $4 AND status = $5`, append(args, k.Kind, string(st))...); w != n {
					t.Errorf("collaborations %s %s: %d, the records %d", k.Kind, st, n, w)
				}
			}
		}

		// Volunteer time: driving is what each household's recorded time
		// holds beyond its evening's length.
		drive := 0
		rows := q(`SELECT v.minutes, e.starts_at, e.ends_at FROM volunteer_hours v JOIN hospitality_evenings e ON e.id = v.evening_id
			WHERE e.program_id IN (`+in+`)`, args...)
		for rows.Next() {
			var minutes int
			var start, end any
			must(t, rows.Scan(&minutes, &start, &end))
			drive += max(0, minutes-int(instant(t, end).Sub(instant(t, start)).Minutes()))
		}
		must(t, rows.Err())
		rows.Close()
		if r.DriveMinutes != drive || drive == 0 || r.EveningMinutes() != want["hosting"]-drive {
			t.Errorf("driving: the report says %d minutes, the records %d", r.DriveMinutes, drive)
		}
		rate := one(`SELECT volunteer_hour_cents FROM tenants WHERE id = $1`, tn.ID)
		if rate == 0 || r.HourValueCents != rate || r.VolunteerValueCents() != int64(want["hosting"]+want["meeting time"])*int64(rate)/60 {
			t.Errorf("the hours' value: %d cents at %d an hour, the records' rate %d", r.VolunteerValueCents(), r.HourValueCents, rate)
		}

		// Local economic inputs, as entered per program.
		econ := map[string]int{
			"programs entered": one(`SELECT COUNT(*) FROM program_economics WHERE program_id IN (`+in+`)`, args...),
			"hotel nights":     one(`SELECT SUM(hotel_nights) FROM program_economics WHERE program_id IN (`+in+`)`, args...),
			"hotel":            one(`SELECT SUM(hotel_cents) FROM program_economics WHERE program_id IN (`+in+`)`, args...),
			"meals":            one(`SELECT SUM(meals) FROM program_economics WHERE program_id IN (`+in+`)`, args...),
			"meals cost":       one(`SELECT SUM(meals_cents) FROM program_economics WHERE program_id IN (`+in+`)`, args...),
			"transport":        one(`SELECT SUM(transport_cents) FROM program_economics WHERE program_id IN (`+in+`)`, args...),
		}
		e := r.Economics
		for k, got := range map[string]int{"programs entered": e.ProgramsEntered, "hotel nights": e.HotelNights, "hotel": int(e.HotelCents),
			"meals": e.Meals, "meals cost": int(e.MealsCents), "transport": int(e.TransportCents)} {
			if got != econ[k] || got == 0 {
				t.Errorf("economic inputs, %s: the report says %d, the records %d", k, got, econ[k])
			}
		}

		// Feedback by role: the answered links' overall ratings.
		for _, ra := range r.FeedbackByRole {
			answers := one(`SELECT COUNT(*) FROM feedback_links WHERE program_id IN (`+in+`) AND role = $4 AND answered_at IS NOT NULL`, append(args, string(ra.Role))...)
			rated := one(`SELECT COUNT(*) FROM feedback_links WHERE program_id IN (`+in+`) AND role = $4 AND answered_at IS NOT NULL AND rating > 0`, append(args, string(ra.Role))...)
			sum := one(`SELECT SUM(rating) FROM feedback_links WHERE program_id IN (`+in+`) AND role = $4 AND answered_at IS NOT NULL AND rating > 0`, append(args, string(ra.Role))...)
			if ra.Answers != answers || ra.Count != rated || ra.Sum != sum {
				t.Errorf("feedback of %s: %d answers, %d rated, sum %d; the records %d, %d, %d", ra.Role, ra.Answers, ra.Count, ra.Sum, answers, rated, sum)
			}
		}

		// By month: programs and visitors in the month of the arrival;
		// every month's figures add up to the year's.
		byMonth := map[string]app.Month{}
		var total app.Month
		for _, m := range r.Months {
			byMonth[m.Start.String()[:7]] = m
			total.Programs, total.Visitors, total.Meetings, total.Nights = total.Programs+m.Programs, total.Visitors+m.Visitors, total.Meetings+m.Meetings, total.Nights+m.Nights
			total.EveningMinutes, total.DriveMinutes, total.MeetingMinutes = total.EveningMinutes+m.EveningMinutes, total.DriveMinutes+m.DriveMinutes, total.MeetingMinutes+m.MeetingMinutes
		}
		if len(r.Months) != 12 || total.Programs != want["programs"] || total.Visitors != want["visitors"] || total.Meetings != want["meetings"] ||
			total.Nights != want["nights"] || total.EveningMinutes+total.DriveMinutes != want["hosting"] || total.MeetingMinutes != want["meeting time"] {
			t.Errorf("the months (%d) add up to %+v", len(r.Months), total)
		}
		for _, c := range tally(`SELECT substr(start_date, 1, 7), COUNT(*) FROM programs WHERE id IN (`+in+`) GROUP BY substr(start_date, 1, 7)`, args...) {
			if byMonth[c.Name].Programs != c.Count {
				t.Errorf("programs of %s: %d, the records %d", c.Name, byMonth[c.Name].Programs, c.Count)
			}
		}
		for _, c := range tally(`SELECT substr(p.start_date, 1, 7), COUNT(*) FROM visitors v JOIN programs p ON p.id = v.program_id WHERE p.id IN (`+in+`)
			GROUP BY substr(p.start_date, 1, 7)`, args...) {
			if byMonth[c.Name].Visitors != c.Count {
				t.Errorf("visitors of %s: %d, the records %d", c.Name, byMonth[c.Name].Visitors, c.Count)
			}
		}

		// Every table downloads with its rows; the figures table has every
		// figure with how it was counted.
		for _, name := range app.ReportTableNames {
			x, err := a.ReportExport(ctx, c, from, to, name)
			must(t, err)
			if len(x.Sheet.Header) == 0 || (len(x.Sheet.Rows) == 0 && name != "collaborations-by-status") {
				t.Errorf("table %s: %d columns, %d rows", name, len(x.Sheet.Header), len(x.Sheet.Rows))
			}
		}
		figs, err := a.ReportExport(ctx, c, from, to, "figures")
		must(t, err)
		for _, row := range figs.Sheet.Rows {
			if len(row) != 3 || row[2] == "" {
				t.Errorf("figure %v does not say how it was counted", row)
			}
		}
		t.Logf("demo report %s–%s: %d programs, %d visitors from %d countries in %d regions, %d meetings held, %d organizations, %.2f volunteer hours (%d min driving, value $%s), %d nights, economic inputs $%s, collaborations %v, feedback %s",
			from, to, len(r.Programs), r.Visitors, len(r.VisitorsByCountry), len(r.VisitorsByRegion), r.MeetingsHeld, r.OrganizationsEngaged, r.VolunteerHours(),
			r.DriveMinutes, app.Money(r.VolunteerValueCents()), r.HospitalityNights, app.Money(r.Economics.TotalCents()), r.CollaborationsByKind, r.Feedback.Label())

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

func sumOf(cs []app.Count) int {
	n := 0
	for _, c := range cs {
		n += c.Count
	}
	return n
}

// instant reads a TSTZ column as either database gives it: a time, or
// SQLite's RFC 3339 text.
func instant(t *testing.T, v any) time.Time {
	t.Helper()
	switch x := v.(type) {
	case time.Time:
		return x
	case string:
		at, err := time.Parse(time.RFC3339Nano, x)
		must(t, err)
		return at
	case []byte:
		at, err := time.Parse(time.RFC3339Nano, string(x))
		must(t, err)
		return at
	}
	t.Fatalf("an instant of type %T", v)
	return time.Time{}
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

// BenchmarkReportRecords reads the records of a year of a big
// organization's programs (200 programs, 10 visitors and 6 meetings
// each) on SQLite: a fixed number of queries whatever the number of
// programs. Run it with go test -run X -bench ReportRecords ./internal/store/.
func BenchmarkReportRecords(b *testing.B) {
	s := storetest.SQLite(b)
	tn := itinera.Tenant{Slug: "big", Name: "Big", TimeZone: "America/Chicago"}
	must(b, s.CreateTenant(ctx, &tn))
	org := itinera.Organization{TenantID: tn.ID, Name: "Host", Kind: itinera.OrgNonprofit}
	must(b, s.CreateOrganization(ctx, &org))
	for i := range 200 {
		start := itinera.Date{Year: 2026, Month: time.Month(1 + i%12), Day: 1 + i%20}
		p := itinera.Program{TenantID: tn.ID, Title: "Program " + strconv.Itoa(i), City: "St. Louis", TimeZone: "America/Chicago",
			StartDate: start, EndDate: start.AddDays(4), Status: itinera.ProgramCompleted}
		must(b, s.CreateProgram(ctx, &p))
		for j := range 10 {
			v := itinera.Visitor{TenantID: tn.ID, ProgramID: p.ID, GivenName: "Visitor " + strconv.Itoa(j), Country: "Nigeria",
				Languages: []string{"English"}, Sector: "Civil society"}
			must(b, s.CreateVisitor(ctx, &v))
		}
		for j := range 6 {
			m := itinera.Meeting{TenantID: tn.ID, ProgramID: p.ID, Title: "Meeting " + strconv.Itoa(j), HostOrganizationID: org.ID,
				DurationMinutes: 60, Status: itinera.MeetingConfirmed, Topics: []string{"public awareness"}}
			must(b, s.CreateMeeting(ctx, &m))
		}
	}
	b.ResetTimer()
	for range b.N {
		r, err := s.ReportRecords(ctx, tn.ID, itinera.Date{Year: 2026, Month: 1, Day: 1}, itinera.Date{Year: 2026, Month: 12, Day: 31})
		must(b, err)
		if len(r.Programs) != 200 || len(r.Visitors) != 2000 || len(r.Meetings) != 1200 {
			b.Fatalf("%d programs, %d visitors, %d meetings", len(r.Programs), len(r.Visitors), len(r.Meetings))
		}
	}
}
