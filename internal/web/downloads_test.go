package web

import (
	"bytes"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/importing"
	"itinera/internal/sheet"
)

// download GETs path and reads the spreadsheet it answers.
func (c *client) download(path string) sheet.Table {
	c.e.t.Helper()
	res, body := c.get(path)
	if res.StatusCode != http.StatusOK {
		c.e.t.Fatalf("GET %s: status %d\n%s", path, res.StatusCode, body)
	}
	format := path[strings.LastIndex(strings.Split(path, "?")[0], ".")+1:]
	format = strings.Split(format, "?")[0]
	want := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[format]
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, want) {
		c.e.t.Errorf("GET %s: Content-Type %q, want %q", path, ct, want)
	}
	if cd := res.Header.Get("Content-Disposition"); !safeAttachment.MatchString(cd) || !strings.HasSuffix(cd, "."+format+`"`) {
		c.e.t.Errorf("GET %s: Content-Disposition %q", path, cd)
	}
	if res.Header.Get("Cache-Control") != "no-store" {
		c.e.t.Errorf("GET %s: Cache-Control %q", path, res.Header.Get("Cache-Control"))
	}
	tbl, err := sheet.Read("x."+format, bytes.NewReader([]byte(body)), "")
	if err != nil {
		c.e.t.Fatalf("GET %s: %v", path, err)
	}
	return tbl
}

var safeAttachment = regexp.MustCompile(`^attachment; filename="[a-z0-9]+(-[a-z0-9]+)*\.(csv|xlsx)"$`)

// downloadsOf returns the CSV and XLSX links of the page's download pairs,
// checking that each says to screen readers what it downloads.
func downloadsOf(t *testing.T, doc *node) map[string]bool {
	t.Helper()
	links := map[string]bool{}
	for _, p := range doc.all("p.downloads") {
		as := p.all("a")
		if len(as) != 2 {
			t.Errorf("a downloads paragraph with %d links", len(as))
			continue
		}
		for i, a := range as {
			format := []string{"CSV", "XLSX"}[i]
			sr := a.all("span.sr-only")
			if !strings.HasPrefix(a.Text(), "Download "+format) || len(sr) != 1 || !strings.HasPrefix(sr[0].Text(), "of the ") {
				t.Errorf("link %q (%s) does not say what it downloads", a.Text(), a.attr("href"))
			}
			links[a.attr("href")] = true
		}
	}
	return links
}

// TestDownloads: each list page offers its list as CSV and XLSX, filtered
// as the page shows it; the links answer the files with the list's rows;
// viewers download what they read, administrators the users too; other
// paths are not found.
func TestDownloads(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		f := e.a
		tid, pid := f.tenant.ID, itoa(f.program.ID)
		loc := f.program.Location()
		it := itinera.Itinerary{TenantID: tid, ProgramID: f.program.ID, Items: []itinera.ItineraryItem{{MeetingID: f.meeting.ID,
			Start: time.Date(2026, 12, 7, 9, 0, 0, 0, loc), End: time.Date(2026, 12, 7, 10, 30, 0, 0, loc)}}}
		must(t, e.store.SaveItinerary(ctx, &it))
		must(t, e.store.SaveMatching(ctx, tid, f.evening.ID, []itinera.HospitalityGuest{{HouseholdID: f.household.ID, VisitorID: f.visitor.ID}}, nil))
		_, err := e.store.ConfirmEvening(ctx, tid, f.evening.ID, itinera.HospitalityConfirmation{Hours: []itinera.VolunteerHours{
			{HouseholdID: f.household.ID, EveningID: f.evening.ID, Minutes: 270}}})
		must(t, err)

		places, err := e.store.Places(ctx, tid, itinera.DirectoryFilter{})
		must(t, err)
		notHomes := 0 // homes go with their households
		for _, p := range places {
			if p.Kind != itinera.PlaceHome {
				notHomes++
			}
		}
		officer, viewer, adm := e.signIn(f.officer), e.signIn(f.viewer), e.signIn(f.admin)
		pages := []struct {
			page  string
			files map[string]int // download → its rows
		}{
			{"/programs/" + pid + "/delegation", map[string]int{"/programs/" + pid + "/downloads/visitors": 1, "/programs/" + pid + "/downloads/interpreters": 1}},
			// The confirmed evening is an activity of the itinerary too.
			{"/programs/" + pid + "/candidates", map[string]int{"/programs/" + pid + "/downloads/meetings": 1, "/programs/" + pid + "/downloads/activities": 2}},
			{"/programs/" + pid + "/itinerary", map[string]int{"/programs/" + pid + "/downloads/itinerary": 2}},
			{"/programs/" + pid + "/requests", map[string]int{"/programs/" + pid + "/downloads/requests": 1}},
			{"/programs/" + pid + "/evenings", map[string]int{"/programs/" + pid + "/downloads/volunteer-hours": 1}},
			{"/directory", map[string]int{"/downloads/organizations": 2, "/downloads/contacts": 1, "/downloads/places": notHomes}},
			{"/directory?q=Interfaith", map[string]int{"/downloads/organizations?q=Interfaith": 1}},
			{"/households", map[string]int{"/downloads/households": 1, "/downloads/volunteer-hours": 1}},
			{"/households?status=pending", map[string]int{}},
			{"/outbox", map[string]int{"/downloads/outbox": 1}},
			{"/programs", map[string]int{"/downloads/programs": 1}},
		}
		for _, pg := range pages {
			for _, c := range []*client{officer, viewer} {
				_, doc := c.page(pg.page, http.StatusOK)
				links := downloadsOf(t, doc)
				want := map[string]bool{}
				for base := range pg.files {
					path, query, _ := strings.Cut(base, "?")
					if query != "" {
						query = "?" + query
					}
					want[path+".csv"+query], want[path+".xlsx"+query] = true, true
				}
				for l := range want {
					if !links[l] {
						t.Errorf("%s: no link to %s in %v", pg.page, l, links)
					}
				}
				// A list the page shows empty offers nothing to download.
				for l := range links {
					if !want[l] {
						t.Errorf("%s: link to %s", pg.page, l)
					}
				}
			}
			for base, rows := range pg.files {
				path, query, _ := strings.Cut(base, "?")
				if query != "" {
					query = "?" + query
				}
				for _, format := range []string{".csv", ".xlsx"} {
					if got := len(viewer.download(path + format + query).Rows); got != rows {
						t.Errorf("%s%s%s: %d rows, want %d", path, format, query, got, rows)
					}
				}
			}
		}
		// The meetings' file imports back: the import's columns, the
		// request's state in its own.
		mt := officer.download("/programs/" + pid + "/downloads/meetings.csv")
		var labels []string
		for _, fl := range importing.Fields(itinera.ImportMeetings) {
			labels = append(labels, fl.Label)
		}
		if !slices.Equal(mt.Header, labels) || mt.Rows[0].Cells[slices.Index(labels, "Request")] != "draft" {
			t.Errorf("meetings file: %q %q", mt.Header, mt.Rows[0].Cells)
		}
		// The households filter by status, as their page.
		if got := len(officer.download("/downloads/households.csv?status=pending").Rows); got != 0 {
			t.Errorf("%d pending households downloaded", got)
		}

		// Users: the administrators' page and file only.
		_, doc := adm.page("/admin/users", http.StatusOK)
		if links := downloadsOf(t, doc); !links["/downloads/users.csv"] || !links["/downloads/users.xlsx"] {
			t.Errorf("the users page offers %v", links)
		}
		if got := len(adm.download("/downloads/users.xlsx").Rows); got != 3 {
			t.Errorf("%d users downloaded, want 3", got)
		}
		for _, c := range []*client{officer, viewer} {
			if res, _ := c.get("/downloads/users.csv"); res.StatusCode != http.StatusForbidden {
				t.Errorf("users downloaded by a non-administrator: %d", res.StatusCode)
			}
		}

		// Templates, for the import pages.
		for _, k := range itinera.ImportKinds {
			tbl := viewer.download("/templates/" + string(k) + ".xlsx")
			if len(tbl.Rows) != 1 || tbl.Header[0] != "External ID" {
				t.Errorf("template of %s: %q, %d rows", k, tbl.Header, len(tbl.Rows))
			}
		}

		for _, path := range []string{"/downloads/visitors.csv", "/downloads/organizations.pdf", "/downloads/organizations",
			"/programs/" + pid + "/downloads/outbox.csv", "/programs/" + pid + "/downloads/secrets.csv", "/programs/x/downloads/visitors.csv",
			"/templates/secrets.csv", "/templates/Visitors.csv", "/templates/visitors.ods"} {
			res, body := officer.get(path)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
				continue
			}
			parseHTML(t, body).one(t, "#error-message")
		}
		if res, _ := officer.get("/downloads/households.csv?status=lost"); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a wrong filter: %d, want 422", res.StatusCode)
		}
	})
}

// TestDownloadsStayInTheirOrganization: another organization's program's
// lists are not found, and the organization's own lists hold none of the
// other's records.
func TestDownloadsStayInTheirOrganization(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	a, b := e.a, e.signIn(e.b.officer)
	for _, l := range []string{"visitors", "interpreters", "meetings", "activities", "itinerary", "requests", "volunteer-hours"} {
		res, body := b.get("/programs/" + itoa(a.program.ID) + "/downloads/" + l + ".csv")
		if res.StatusCode != http.StatusNotFound || strings.Contains(body, a.program.Title) {
			t.Errorf("%s of another organization's program: %d", l, res.StatusCode)
		}
	}
	markers := []string{a.program.Title, a.org.Name, a.partner.Name, a.contact.Name, a.place.Name, a.household.Name, a.outbox.Subject,
		a.officer.Email}
	for _, l := range []string{"organizations", "contacts", "places", "households", "volunteer-hours", "outbox", "programs"} {
		for _, format := range []string{"csv", "xlsx"} {
			tbl := b.download("/downloads/" + l + "." + format)
			for _, r := range tbl.Rows {
				for _, m := range markers {
					if slices.ContainsFunc(r.Cells, func(c string) bool { return strings.Contains(c, m) }) {
						t.Errorf("%s.%s of tenant B holds %q of tenant A", l, format, m)
					}
				}
			}
		}
	}
	admB := e.signIn(e.b.admin)
	for _, r := range admB.download("/downloads/users.csv").Rows {
		if slices.Contains(r.Cells, a.officer.Email) {
			t.Error("tenant B's users file lists tenant A's officer")
		}
	}
}
