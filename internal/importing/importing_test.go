package importing

import (
	"strings"
	"testing"
	"time"

	"itinera"
)

func TestMatchHeadersAsOfficersWriteThem(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		kind   itinera.ImportKind
		header []string
		want   string
	}{
		{itinera.ImportVisitors, []string{"Given name(s)", "Surname", "Nationality", "E-mail address", "Languages spoken", "Dietary requirements", "Flight in"},
			"given_name,family_name,country,email,languages,diets,"},
		{itinera.ImportVisitors, []string{"Prénom", "Nom de famille", "Pays", "Courriel", "Langues", "Régime"},
			"given_name,family_name,country,email,languages,diets"},
		{itinera.ImportVisitors, []string{"FIRST NAME", "last_name", "  Country ", "Email", "email"}, "given_name,family_name,country,email,"},
		{itinera.ImportMeetings, []string{"Meeting", "Host", "Duration (min)", "Availability", "Status"},
			"title,host_organization,duration_minutes,windows,status"},
		{itinera.ImportPlaces, []string{"Name", "Type", "Street address", "Lat", "Lng"}, "name,kind,address,lat,lon"},
		{itinera.ImportHouseholds, []string{"Household", "Contact", "E-mail", "Seats", "Smokers"}, "name,contact_name,email,capacity,smoking"},
	} {
		if got := strings.Join(Match(tc.kind, tc.header), ","); got != tc.want {
			t.Errorf("%s %q: %s, want %s", tc.kind, tc.header, got, tc.want)
		}
	}
}

func TestCheckMappingNamesColumns(t *testing.T) {
	t.Parallel()
	h := []string{"A", "B", "C"}
	for _, tc := range []struct {
		fields []string
		want   string
	}{
		{[]string{"given_name", "country", "languages"}, ""},
		{[]string{"given_name", "given_name", "languages"}, "Columns A and B are both mapped"},
		{[]string{"given_name", "country", "shoe"}, `Column C ("C"): "shoe" is not a field`},
		{[]string{"given_name", "", ""}, `No column is mapped to "Country"`},
		{[]string{"given_name"}, "The mapping names 1 columns but the file has 3;"},
	} {
		err := CheckMapping(itinera.ImportVisitors, h, tc.fields)
		msg := ""
		if err != nil {
			msg = itinera.ErrorMessage(err) + " " + itinera.ErrorFields(err)["mapping"]
		}
		if (tc.want == "") != (err == nil) || !strings.Contains(msg, tc.want) {
			t.Errorf("%q: %q", tc.fields, msg)
		}
	}
	if ColumnName(0) != "A" || ColumnName(25) != "Z" || ColumnName(26) != "AA" || ColumnName(701) != "ZZ" {
		t.Error("column names")
	}
}

func TestCells(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"90": 90, "90 min": 90, "1h30": 90, "1:30": 90, "1.5 h": 90, "2h": 120, "60.0": 60, "": 0} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("duration %q: %d %v", in, got, err)
		}
	}
	if _, err := parseDuration("soon"); err == nil {
		t.Error("duration soon")
	}
	for in, want := range map[string]string{"2027-03-02": "2027-03-02", "46448": "2027-03-02", "2 March 2027": "2027-03-02",
		"March 2, 2027": "2027-03-02", "02.03.2027": "2027-03-02", "2027-03-02 00:00": "2027-03-02"} {
		if d, err := parseDate(in); err != nil || d.String() != want {
			t.Errorf("date %q: %s %v", in, d, err)
		}
	}
	if _, err := parseDate("03/02/2027"); err == nil || !strings.Contains(err.Error(), "two ways") {
		t.Errorf("slashed date: %v", err)
	}
	ds, err := parseDates("2027-03-02; 2027-03-04, 2027-03-05")
	if err != nil || len(ds) != 3 {
		t.Errorf("dates: %v %v", ds, err)
	}
	for in, want := range map[string]float64{"38.627": 38.627, "38,627": 38.627, "-90.19": -90.19} {
		if f, err := parseFloat(in); err != nil || f != want {
			t.Errorf("float %q: %v %v", in, f, err)
		}
	}
	for in, want := range map[string]bool{"Yes": true, "x": true, "oui": true, "": false, "No": false, "FALSE": false} {
		if b, err := parseBool(in); err != nil || b != want {
			t.Errorf("bool %q: %v %v", in, b, err)
		}
	}
	if _, err := parseBool("maybe"); err == nil {
		t.Error("bool maybe")
	}
	ws, err := parseWeekdays("Saturdays; sun")
	if err != nil || len(ws) != 2 || ws[0] != time.Saturday || ws[1] != time.Sunday {
		t.Errorf("weekdays %v %v", ws, err)
	}
}

func TestBuildOverlaysAndNamesBadCells(t *testing.T) {
	t.Parallel()
	p := &itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2027-03-01"), EndDate: itinera.MustDate("2027-03-05")}
	env := NewEnv(p, []itinera.Organization{{ID: 7, Name: "Circuit Attorney"}}, nil,
		[]itinera.Contact{{ID: 9, OrganizationID: 7, Name: "Jordan Ellis"}})
	old := itinera.Meeting{ID: 3, Title: "Old", Notes: "kept", DurationMinutes: 60}
	m, ps := Build(Meetings(), Cells{"title": "New", "host_organization": "circuit  attorney", "contact": "Jordan Ellis",
		"windows": "2027-03-02 09:00-11:00; 2026-01-01 09:00-10:00", "duration_minutes": "1h", "priority": "high"}, old, env)
	if len(ps) != 1 || ps[0].Field != "priority" {
		t.Fatalf("problems %+v", ps)
	}
	if m.Title != "New" || m.Notes != "kept" || m.HostOrganizationID != 7 || m.ContactID != 9 || len(m.Windows) != 1 || m.DurationMinutes != 60 {
		t.Fatalf("%+v", m)
	}
	if len(env.Warnings) != 1 || !strings.Contains(env.Warnings[0], "2026-01-01") {
		t.Fatalf("warnings %q", env.Warnings)
	}
	if got := Meetings().Columns[11].Get(&m, env); got != "2027-03-02 09:00-11:00" {
		t.Fatalf("windows written as %q", got)
	}
}

func FuzzMatchAndBuild(f *testing.F) {
	f.Add("Given name(s);Surname;Pays;E-mail", "Zoë;Müller;Germany;zoe@example.de")
	f.Add("Title;Host;Availability", "A;B;2027-03-02 09:00-10:00")
	f.Fuzz(func(t *testing.T, header, row string) {
		h, cells := strings.Split(header, ";"), strings.Split(row, ";")
		p := &itinera.Program{TimeZone: "UTC", StartDate: itinera.MustDate("2027-03-01"), EndDate: itinera.MustDate("2027-03-05")}
		env := NewEnv(p, nil, nil, nil)
		for _, k := range itinera.ImportKinds {
			fields := Match(k, h)
			_ = CheckMapping(k, h, fields)
			c := RowCells(fields, cells)
			switch k {
			case itinera.ImportVisitors:
				v, _ := Build(Visitors(), c, itinera.Visitor{}, env)
				_ = v.Validate()
			case itinera.ImportMeetings:
				m, _ := Build(Meetings(), c, itinera.Meeting{}, env)
				_ = m.Validate()
			case itinera.ImportHouseholds:
				x, _ := Build(Households(), c, itinera.HostHousehold{}, env)
				_ = x.Validate()
			}
		}
	})
}

// TestMeetingSubgroupColumns: whom a meeting is for, the visitors it
// names, its capacity and languages are read from cells and written back.
func TestMeetingSubgroupColumns(t *testing.T) {
	t.Parallel()
	p := &itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2027-03-01"), EndDate: itinera.MustDate("2027-03-05")}
	env := NewEnv(p, []itinera.Organization{{ID: 7, Name: "Covering House"}}, nil, nil)
	env.Visitors = NewNames("visitor")
	env.Visitors.Add("Lucía Ramírez", 31)
	env.Visitors.Add("Awa Koné", 32)
	cells := Cells{"title": "Shelter visit", "host_organization": "Covering House", "duration_minutes": "60",
		"attendance": "Visitors", "visitors": "awa koné; Lucía Ramírez", "max_visitors": "5", "languages": "English; fr"}
	m, ps := Build(Meetings(), cells, itinera.Meeting{}, env)
	if len(ps) != 0 {
		t.Fatalf("problems %+v", ps)
	}
	if m.For != itinera.ForVisitors || m.MaxVisitors != 5 || m.MinVisitors != 0 || len(m.VisitorIDs) != 2 || m.VisitorIDs[0] != 32 {
		t.Fatalf("%+v", m.Attendance)
	}
	m.ProgramID = 1
	if err := m.Validate(); err != nil || strings.Join(m.Languages, ",") != "en,fr" {
		t.Fatalf("languages %v: %v", m.Languages, err)
	}
	got := map[string]string{}
	for _, c := range Meetings().Columns {
		if c.Get != nil {
			got[c.Field.Key] = c.Get(&m, env)
		}
	}
	if got["attendance"] != "visitors" || got["visitors"] != "Awa Koné; Lucía Ramírez" || got["max_visitors"] != "5" ||
		got["min_visitors"] != "" || got["languages"] != "en; fr" {
		t.Fatalf("written %v", got)
	}
	cells["visitors"], cells["attendance"] = "Nobody Here", "some"
	_, ps = Build(Meetings(), cells, itinera.Meeting{}, env)
	if len(ps) != 2 || !strings.Contains(ps[0].Message+ps[1].Message, `No visitor of the program is named "Nobody Here"`) ||
		!strings.Contains(ps[0].Message+ps[1].Message, `"some" is not one of: everyone, subgroup, visitors`) {
		t.Fatalf("problems %+v", ps)
	}
}
