package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/importing"
	"itinera/internal/sheet"
	"itinera/internal/storetest"
)

// directoryFirst is the order a fresh organization imports in: what the
// others refer to comes first.
var directoryFirst = []itinera.ImportKind{itinera.ImportPlaces, itinera.ImportOrganizations, itinera.ImportContacts,
	itinera.ImportHouseholds, itinera.ImportVisitors, itinera.ImportInterpreters, itinera.ImportMeetings}

func writeSheet(t *testing.T, format string, s sheet.Sheet) []byte {
	t.Helper()
	var b bytes.Buffer
	if format == "xlsx" {
		must(t, sheet.WriteXLSX(&b, s))
	} else {
		must(t, sheet.WriteCSV(&b, s))
	}
	return b.Bytes()
}

// TestExportImportRoundTrip: the demo's records export to CSV and XLSX,
// import back into the same organization unchanged, and into a fresh
// organization to the same records (exported again, the same files).
func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			fresh := mustDemoIn(t, s, "fresh-"+name) // a second organization…
			for _, format := range []string{"csv", "xlsx"} {
				exported := map[itinera.ImportKind]sheet.Sheet{}
				for _, k := range directoryFirst {
					sh, err := f.a.ExportRecords(ctx, f.c, k, f.program.ID)
					must(t, err)
					if len(sh.Rows) == 0 {
						t.Fatalf("%s: the demo exports no %s", format, k)
					}
					exported[k] = sh
					res, err := f.a.ApplyImport(ctx, f.c, app.ImportInput{Kind: k, ProgramID: f.program.ID, FileName: string(k) + "." + format,
						Data: writeSheet(t, format, sh)})
					must(t, err)
					if res.Unchanged != len(sh.Rows) || res.Created+res.Updated != 0 || res.Mapping != "matched" && res.Mapping != "remembered" {
						t.Fatalf("%s %s back into the same organization: %+v", format, k, res.Rows)
					}
				}
				// …whose directory and program are emptied first, then imported.
				emptyOrganization(t, fresh)
				for _, k := range directoryFirst {
					res, err := fresh.a.ApplyImport(ctx, fresh.c, app.ImportInput{Kind: k, ProgramID: fresh.program.ID, FileName: "x." + format,
						Data: writeSheet(t, format, exported[k])})
					if err != nil {
						t.Fatalf("%s into a fresh organization: %v %+v", k, err, res.Refused)
					}
					if res.Created != len(exported[k].Rows) {
						t.Fatalf("%s into a fresh organization: %d created of %d", k, res.Created, len(exported[k].Rows))
					}
					again, err := fresh.a.ExportRecords(ctx, fresh.c, k, fresh.program.ID)
					must(t, err)
					if !reflect.DeepEqual(writable(k, again.Rows), writable(k, exported[k].Rows)) {
						t.Fatalf("%s exported from the fresh organization differ:\n%q\n%q", k, again.Rows, exported[k].Rows)
					}
				}
			}
		})
	}
}

// writable drops the read-only columns (a meeting's status), which an
// import leaves to the workflows.
func writable(k itinera.ImportKind, rows [][]string) [][]string {
	fields := importing.Fields(k)
	out := [][]string{}
	for _, r := range rows {
		var w []string
		for i, c := range r {
			if !fields[i].ReadOnly {
				w = append(w, c)
			}
		}
		out = append(out, w)
	}
	return out
}

// emptyOrganization deletes a demo organization's records, keeping the
// program (with the same dates as the first one's).
func emptyOrganization(t *testing.T, f *fixture) {
	t.Helper()
	tid := f.tenant.ID
	must(t, s(f).DeleteProgram(ctx, tid, f.program.ID))
	p := f.program
	p.ID, p.HotelPlaceID = 0, 0
	must(t, s(f).CreateProgram(ctx, &p))
	f.program = p
	hs, err := s(f).Households(ctx, tid, itinera.HouseholdFilter{})
	must(t, err)
	for _, h := range hs {
		must(t, s(f).DeleteHousehold(ctx, tid, h.ID))
	}
	cs, err := s(f).Contacts(ctx, tid, itinera.DirectoryFilter{})
	must(t, err)
	for _, c := range cs {
		must(t, s(f).DeleteContact(ctx, tid, c.ID))
	}
	os, err := s(f).Organizations(ctx, tid, itinera.DirectoryFilter{})
	must(t, err)
	for _, o := range os {
		must(t, s(f).DeleteOrganization(ctx, tid, o.ID))
	}
	ps, err := s(f).Places(ctx, tid, itinera.DirectoryFilter{})
	must(t, err)
	for _, p := range ps {
		must(t, s(f).DeletePlace(ctx, tid, p.ID))
	}
}

func s(f *fixture) interface {
	itinera.ProgramService
	itinera.DirectoryService
	itinera.HospitalityService
} {
	return f.s
}

const messyRoster = "\ufeffPrénom;Nom;Pays;E-mail;Langues;Régime;Ref\r\n" +
	"Zoë;Müller;Germany;zoe@example.de;German; English;vegetarian;IV-1\r\n" +
	";;;;;;\r\n" +
	"Ana;Souza;Brazil;not-an-email;Portuguese;;IV-2\r\n" +
	"Wei;Chen;;wei@example.cn;Mandarin;;IV-3\r\n" +
	"Olga;Ivanova;Russia;olga@example.ru;Russian;\"halal\nno pork\";IV-4\r\n" +
	"Zoë;Müller;Germany;zoe@example.de;German;;IV-1\r\n"

// TestMessyRosterIsExplainedAndNothingHalfDone: every bad row is named
// with its field and reason; applying refuses the whole file; the
// corrected file imports, imports again unchanged, updates in place, and
// is undone as a whole.
func TestMessyRosterIsExplainedAndNothingHalfDone(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			before, err := s.Visitors(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			in := app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: f.program.ID, FileName: "roster.csv", Data: []byte(messyRoster)}
			pre, err := f.a.PreviewImport(ctx, f.c, in)
			must(t, err)
			if strings.Join(pre.Fields, ",") != "given_name,family_name,country,email,languages,diets,external_id" {
				t.Fatalf("matched %q", pre.Fields)
			}
			want := map[int]string{4: "email", 5: "country", 7: "external_id"}
			got := map[int]string{}
			for _, p := range pre.Refused {
				got[p.Row] = p.Field
				if p.Message == "" {
					t.Errorf("row %d: no reason", p.Row)
				}
			}
			if !reflect.DeepEqual(got, want) || pre.Created != 2 {
				t.Fatalf("refused %+v, created %d", pre.Refused, pre.Created)
			}
			if pre.Refused[0].Column != "E-mail" {
				t.Errorf("column %q", pre.Refused[0].Column)
			}
			res, err := f.a.ApplyImport(ctx, f.c, in)
			wantCode(t, err, itinera.EINVALID)
			if res.Applied || len(res.Refused) != 3 {
				t.Fatalf("applied %v with %d refused", res.Applied, len(res.Refused))
			}
			after, err := s.Visitors(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			if len(after) != len(before) {
				t.Fatalf("%d visitors after a refused import, %d before", len(after), len(before))
			}

			// The corrected file.
			fixed := strings.NewReplacer("not-an-email", "ana@example.br", "Chen;;", "Chen;China;").Replace(messyRoster)
			fixed = fixed[:strings.LastIndex(strings.TrimSuffix(fixed, "\r\n"), "\r\n")+2]
			in.Data = []byte(fixed)
			res, err = f.a.ApplyImport(ctx, f.c, in)
			if err != nil {
				t.Fatalf("%v %+v", err, res.Refused)
			}
			if res.Created != 4 || !res.Applied || res.ImportID == 0 {
				t.Fatalf("%+v", res)
			}
			again, err := f.a.ApplyImport(ctx, f.c, in)
			must(t, err)
			if again.Unchanged != 4 || again.Created+again.Updated != 0 || again.Rows[0].MatchedBy != "external id" {
				t.Fatalf("again: %+v", again.Rows)
			}
			// An update in place, matched by the external id although the e-mail changed.
			in.Data = []byte(strings.Replace(fixed, "zoe@example.de", "zoe.mueller@example.de", 1))
			upd, err := f.a.ApplyImport(ctx, f.c, in)
			must(t, err)
			if upd.Updated != 1 || upd.Unchanged != 3 {
				t.Fatalf("update: %+v", upd.Rows)
			}
			// The first import cannot be undone: its records changed since.
			_, err = f.a.UndoImport(ctx, f.c, res.ImportID)
			wantCode(t, err, itinera.ECONFLICT)
			// The update can, then the first.
			_, err = f.a.UndoImport(ctx, f.c, upd.ImportID)
			must(t, err)
			_, err = f.a.UndoImport(ctx, f.c, res.ImportID)
			must(t, err)
			after, err = s.Visitors(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			if len(after) != len(before) {
				t.Fatalf("%d visitors after undo, %d before", len(after), len(before))
			}
			_, err = f.a.UndoImport(ctx, f.c, res.ImportID)
			wantCode(t, err, itinera.ECONFLICT)
		})
	}
}

// TestImportMappingIsRemembered: a mapping the officer chose is used for
// the next file of the same shape.
func TestImportMappingIsRemembered(t *testing.T) {
	t.Parallel()
	f := mustDemo(t, storetest.Default(t))
	data := []byte("Who,Where from,Speaks,Notes to self\nKofi Mensah,Ghana,English; Twi,met 2025\n")
	in := app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: f.program.ID, FileName: "odd.csv", Data: data}
	_, err := f.a.PreviewImport(ctx, f.c, in)
	wantField(t, err, "mapping")
	in.Fields = []string{"given_name", "country", "languages", ""}
	res, err := f.a.ApplyImport(ctx, f.c, in)
	must(t, err)
	if res.Created != 1 {
		t.Fatalf("%+v", res)
	}
	in.Fields = nil
	pre, err := f.a.PreviewImport(ctx, f.c, in)
	must(t, err)
	if pre.Mapping != "remembered" || pre.Unchanged != 1 {
		t.Fatalf("mapping %s, %+v", pre.Mapping, pre.Rows)
	}
	// A wrong mapping names the columns.
	in.Fields = []string{"given_name", "given_name", "languages", "shoe_size"}
	_, err = f.a.PreviewImport(ctx, f.c, in)
	wantField(t, err, "mapping")
	if msg := itinera.ErrorFields(err)["mapping"]; !strings.Contains(msg, "Column") {
		t.Fatalf("%q", msg)
	}
}

// TestImportRulesAreTheForms: meetings are checked like the form
// (contact at the host, windows on the program's days as a warning),
// and a viewer may not import.
func TestImportRulesAreTheForms(t *testing.T) {
	t.Parallel()
	f := mustDemo(t, storetest.Default(t))
	orgs, err := f.s.Organizations(ctx, f.tenant.ID, itinera.DirectoryFilter{})
	must(t, err)
	host := orgs[0].Name
	d := f.program.StartDate
	csv := "Title,Host organization,Minutes,Availability windows\n" +
		"Site visit," + host + ",60," + d.AddDays(1).String() + " 09:00-12:00; 2020-01-01 09:00-10:00\n" +
		"Nowhere,No Such Org,60,\n" +
		"Too long," + host + ",600," + d.AddDays(1).String() + " 09:00-10:00\n"
	res, err := f.a.PreviewImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportMeetings, ProgramID: f.program.ID, FileName: "m.csv", Data: []byte(csv)})
	must(t, err)
	if res.Rows[0].Outcome != importing.Created || len(res.Rows[0].Warnings) != 1 || !strings.Contains(res.Rows[0].Warnings[0], "2020-01-01") {
		t.Fatalf("row 2: %+v", res.Rows[0])
	}
	if res.Rows[1].Outcome != importing.Refused || res.Rows[1].Problems[0].Field != "host_organization" {
		t.Fatalf("row 3: %+v", res.Rows[1])
	}
	if res.Rows[2].Outcome != importing.Refused {
		t.Fatalf("row 4: %+v", res.Rows[2])
	}
	viewer := f.c
	viewer.User.Role = itinera.RoleViewer
	_, err = f.a.PreviewImport(ctx, viewer, app.ImportInput{Kind: itinera.ImportMeetings, ProgramID: f.program.ID, Data: []byte(csv)})
	wantCode(t, err, itinera.EFORBIDDEN)
	// Another organization's program is not found.
	other := mustDemoIn(t, f.s, "other")
	_, err = other.a.PreviewImport(ctx, other.c, app.ImportInput{Kind: itinera.ImportMeetings, ProgramID: f.program.ID, Data: []byte(csv)})
	wantCode(t, err, itinera.ENOTFOUND)
}

// TestImportFilesAsToolsWriteThem imports the files of internal/sheet's
// testdata, made as Excel, LibreOffice and Google Sheets make them.
func TestImportFilesAsToolsWriteThem(t *testing.T) {
	t.Parallel()
	f := mustDemo(t, storetest.Default(t))
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "sheet", "testdata", name))
		must(t, err)
		return b
	}
	// Google Sheets: the directory's organizations, a topic cell with a line
	// break, a non-Latin name; columns it does not keep are left out.
	res, err := f.a.ApplyImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportOrganizations, FileName: "google-sheets.csv", Data: read("google-sheets.csv")})
	if err != nil {
		t.Fatalf("%v %+v", err, res.Refused)
	}
	if strings.Join(res.Fields, ",") != "name,,email,,topics,phone" || res.Created+res.Updated+res.Unchanged != 4 {
		t.Fatalf("%q %+v", res.Fields, res.Rows)
	}
	orgs, err := f.s.Organizations(ctx, f.tenant.ID, itinera.DirectoryFilter{Query: "Gateway Human Trafficking"})
	must(t, err)
	if len(orgs) != 1 || orgs[0].Email != "shima@example.org" || strings.Join(orgs[0].Topics, ",") != "hotlines,victim services" {
		t.Fatalf("%+v", orgs)
	}
	// The same file as contacts: the row without a name is refused, naming
	// its column; the others find their organizations, the one just imported
	// included.
	res, err = f.a.PreviewImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportContacts, FileName: "google-sheets.csv", Data: read("google-sheets.csv")})
	must(t, err)
	got := map[int]string{}
	for _, p := range res.Refused {
		got[p.Row] = p.Column
	}
	if !reflect.DeepEqual(got, map[int]string{5: "Contact"}) || res.Rows[3].Outcome != importing.Created || res.Rows[3].Label != "Ольга Петрова" {
		t.Fatalf("%+v %+v", res.Refused, res.Rows)
	}
	// LibreOffice's roster and Excel's Windows-1252 CSV have no languages,
	// which every visitor needs: the mapping says so before any row.
	for _, name := range []string{"roster.xlsx", "excel-windows1252-semicolon.csv"} {
		_, err = f.a.PreviewImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: f.program.ID, FileName: name, Data: read(name)})
		if msg := itinera.ErrorFields(err)["mapping"]; !strings.Contains(msg, `"Languages"`) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// An OpenDocument or Excel 97 workbook is refused in words.
	for _, name := range []string{"roster.ods", "roster.xls"} {
		_, err = f.a.PreviewImport(ctx, f.c, app.ImportInput{Kind: itinera.ImportVisitors, ProgramID: f.program.ID, FileName: name, Data: read(name)})
		if itinera.ErrorCode(err) != itinera.EINVALID || itinera.ErrorMessage(err) == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestImportTemplates: a template has the kind's header, an example row,
// drop-down lists for fields of fixed values, and help for the rest; a
// field holding several values has suggestions, not a drop-down.
func TestImportTemplates(t *testing.T) {
	t.Parallel()
	for _, k := range itinera.ImportKinds {
		sh, err := app.ImportTemplate(k)
		must(t, err)
		fields := importing.Fields(k)
		if len(sh.Header) != len(fields) || len(sh.Rows) != 1 || sh.Header[0] != "External ID" {
			t.Fatalf("%s: %q %q", k, sh.Header, sh.Rows)
		}
		for j, f := range fields {
			_, listed := sh.Lists[j]
			if listed != (len(f.Values) > 0 && !f.Multiple) {
				t.Errorf("%s %s: drop-down %v", k, f.Key, listed)
			}
			if f.Required && !strings.HasPrefix(sh.Notes[j], "Required.") {
				t.Errorf("%s %s: note %q", k, f.Key, sh.Notes[j])
			}
		}
	}
	v, _ := app.ImportTemplate(itinera.ImportVisitors)
	if !strings.Contains(v.Notes[8], "vegetarian") {
		t.Errorf("diets: %q", v.Notes[8])
	}
	if _, err := app.ImportTemplate("pets"); itinera.ErrorCode(err) != itinera.EINVALID {
		t.Errorf("pets: %v", err)
	}
}
