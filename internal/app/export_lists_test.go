package app_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/storetest"
)

// column returns the index of the header cell named h.
func column(t *testing.T, header []string, h string) int {
	t.Helper()
	i := slices.Index(header, h)
	if i < 0 {
		t.Fatalf("no column %q in %q", h, header)
	}
	return i
}

// TestExportLists: every list exports whole, times in the program's or the
// organization's zone named in the header; a meeting's latest request shows
// in its Request column; the filters of the lists apply; the users are an
// administrator's; another organization's program is not found.
func TestExportLists(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c, pid := f.a, f.c, f.program.ID
			export := func(l app.ExportList, filter app.ExportFilter) app.Export {
				t.Helper()
				x, err := a.Export(ctx, c, app.ExportQuery{List: l, ProgramID: pid, Filter: filter})
				must(t, err)
				return x
			}

			// A request sent for a candidate meeting.
			var m itinera.Meeting
			ms, err := s.Meetings(ctx, f.tenant.ID, pid)
			must(t, err)
			for _, x := range ms {
				if x.Status == itinera.MeetingCandidate && x.ContactID != 0 && len(x.Windows) > 0 {
					m = x
					break
				}
			}
			if m.ID == 0 {
				t.Fatal("the demo has no candidate meeting with a contact")
			}
			rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Message: "Would you meet them?",
				Windows: m.Windows[:1]}, true)
			must(t, err)

			meetings := export(app.ExportMeetings, app.ExportFilter{})
			col := column(t, meetings.Sheet.Header, "Request")
			for _, row := range meetings.Sheet.Rows {
				want := ""
				if row[column(t, meetings.Sheet.Header, "Title")] == m.Title {
					want = "sent"
				}
				if row[col] != want {
					t.Errorf("meeting %q: Request %q, want %q", row[1], row[col], want)
				}
			}

			loc := f.program.Location()
			requests := export(app.ExportRequests, app.ExportFilter{})
			if len(requests.Sheet.Rows) != 1 {
				t.Fatalf("%d requests exported, want 1", len(requests.Sheet.Rows))
			}
			h, row := requests.Sheet.Header, requests.Sheet.Rows[0]
			if row[column(t, h, "State")] != "sent" || row[column(t, h, "Meeting")] != m.Title ||
				row[column(t, h, "Sent (America/Chicago)")] != rq.SentAt.In(loc).Format("2006-01-02 15:04") ||
				row[column(t, h, "Proposed times (America/Chicago)")] != itinera.WindowText(m.Windows[0], loc) {
				t.Errorf("request row %q", row)
			}
			if !strings.HasPrefix(requests.Name, "combating-trafficking-in-persons-requests-2026-") {
				t.Errorf("file name %q", requests.Name)
			}

			outbox := export(app.ExportOutbox, app.ExportFilter{})
			if len(outbox.Sheet.Rows) != len(f.outbox()) || len(outbox.Sheet.Rows) == 0 {
				t.Fatalf("%d messages exported of %d", len(outbox.Sheet.Rows), len(f.outbox()))
			}
			if got := export(app.ExportOutbox, app.ExportFilter{Status: "failed"}); len(got.Sheet.Rows) != 0 {
				t.Errorf("%d failed messages exported, want none", len(got.Sheet.Rows))
			}
			if !strings.HasPrefix(outbox.Name, f.tenant.Slug+"-outbox-") || outbox.Sheet.Header[0] != "Created (America/Chicago)" {
				t.Errorf("outbox %q %q", outbox.Name, outbox.Sheet.Header)
			}

			it := f.current()
			itinerary := export(app.ExportItinerary, app.ExportFilter{})
			if len(itinerary.Sheet.Rows) != len(it.Items) || itinerary.Sheet.Header[2] != "Start (America/Chicago)" {
				t.Fatalf("itinerary: %d rows of %d items, header %q", len(itinerary.Sheet.Rows), len(it.Items), itinerary.Sheet.Header)
			}
			for i := 1; i < len(itinerary.Sheet.Rows); i++ {
				p, q := itinerary.Sheet.Rows[i-1], itinerary.Sheet.Rows[i]
				if p[0]+p[2] > q[0]+q[2] {
					t.Errorf("itinerary not in time order: %q before %q", p, q)
				}
			}

			// Volunteer hours, once the evening is confirmed: the program's
			// and every program's.
			if got := export(app.ExportVolunteerHours, app.ExportFilter{}); len(got.Sheet.Rows) != 0 {
				t.Fatalf("volunteer hours before the evening: %q", got.Sheet.Rows)
			}
			_, err = a.MatchEvening(ctx, c, f.evening)
			must(t, err)
			_, err = a.ConfirmEvening(ctx, c, f.evening)
			must(t, err)
			hours, err := s.VolunteerHours(ctx, f.tenant.ID, pid)
			must(t, err)
			vh := export(app.ExportVolunteerHours, app.ExportFilter{})
			all, err := a.Export(ctx, c, app.ExportQuery{List: app.ExportVolunteerHours})
			must(t, err)
			if len(hours) == 0 || len(vh.Sheet.Rows) != len(hours) || len(all.Sheet.Rows) != len(hours) {
				t.Fatalf("volunteer hours: %d recorded, %d exported, %d of every program", len(hours), len(vh.Sheet.Rows), len(all.Sheet.Rows))
			}
			for _, r := range vh.Sheet.Rows {
				min, _ := strconv.Atoi(r[4])
				if r[0] != f.program.Title || min <= 0 || r[5] != strconv.FormatFloat(float64(min)/60, 'f', -1, 64) {
					t.Errorf("volunteer hours row %q", r)
				}
			}
			if !strings.HasPrefix(all.Name, f.tenant.Slug+"-volunteer-hours-") || !strings.HasPrefix(vh.Name, "combating-trafficking") {
				t.Errorf("file names %q and %q", all.Name, vh.Name)
			}

			// The filters of the lists.
			approved := export(app.ExportHouseholds, app.ExportFilter{Status: "approved"})
			hs, err := s.Households(ctx, f.tenant.ID, itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
			must(t, err)
			if len(approved.Sheet.Rows) != len(hs) {
				t.Errorf("%d approved households exported of %d", len(approved.Sheet.Rows), len(hs))
			}
			if got := export(app.ExportOrganizations, app.ExportFilter{Query: "gateway human"}); len(got.Sheet.Rows) != 1 {
				t.Errorf("organizations named like Gateway Human: %q", got.Sheet.Rows)
			}
			for _, q := range []app.ExportQuery{{List: app.ExportOutbox, Filter: app.ExportFilter{Status: "lost"}},
				{List: app.ExportHouseholds, Filter: app.ExportFilter{Status: "lost"}}} {
				_, err := a.Export(ctx, c, q)
				wantField(t, err, "status")
			}
			_, err = a.Export(ctx, c, app.ExportQuery{List: app.ExportContacts, Filter: app.ExportFilter{Query: "a\nb"}})
			wantField(t, err, "q")

			// Who may export what.
			viewer := c
			viewer.User.Role = itinera.RoleViewer
			if _, err := a.Export(ctx, viewer, app.ExportQuery{List: app.ExportOutbox}); err != nil {
				t.Errorf("a viewer exports the outbox: %v", err)
			}
			_, err = a.Export(ctx, viewer, app.ExportQuery{List: app.ExportUsers})
			wantCode(t, err, itinera.EFORBIDDEN)
			if users := export(app.ExportUsers, app.ExportFilter{}); len(users.Sheet.Rows) != 1 {
				t.Errorf("users %q", users.Sheet.Rows)
			}
			_, err = a.Export(ctx, c, app.ExportQuery{List: app.ExportVisitors})
			wantCode(t, err, itinera.EINVALID)
			_, err = a.Export(ctx, c, app.ExportQuery{List: "secrets"})
			wantCode(t, err, itinera.ENOTFOUND)

			// Another organization's program is not found, whatever the list.
			other := mustDemoIn(t, s, "other-"+name)
			for _, l := range app.ExportLists {
				if !l.InProgram() {
					continue
				}
				_, err := other.a.Export(ctx, other.c, app.ExportQuery{List: l, ProgramID: pid})
				wantCode(t, err, itinera.ENOTFOUND)
			}
			theirs, err := other.a.Export(ctx, other.c, app.ExportQuery{List: app.ExportOutbox})
			must(t, err)
			if len(theirs.Sheet.Rows) != 0 {
				t.Errorf("the other organization exports %d messages", len(theirs.Sheet.Rows))
			}
		})
	}
}

func TestFileName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{[]string{"Combating Trafficking in Persons", "visitors", "2026-11-02"}, "combating-trafficking-in-persons-visitors-2026-11-02"},
		{[]string{"Café Société: “Ünïcode” / 東京", "volunteer-hours"}, "cafe-societe-unicode-volunteer-hours"},
		{[]string{"../../etc/passwd\r\n\"quoted\"", "x"}, "etc-passwd-quoted-x"},
		{[]string{"東京", ""}, "itinera"},
		{[]string{strings.Repeat("long ", 20)}, "long-long-long-long-long-long-long-long"},
	} {
		if got := app.FileName(tc.parts...); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.parts, got, tc.want)
		}
	}
}
