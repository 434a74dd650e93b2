package itinera_test

import (
	"reflect"
	"strings"
	"testing"

	"itinera"
)

func validMeeting() itinera.Meeting {
	return itinera.Meeting{Title: "Shelter visit", ProgramID: 1, HostOrganizationID: 2, DurationMinutes: 60}
}

// A meeting's capacity, whom it is for and its languages are checked with
// a message naming the field.
func TestMeetingAttendanceValidate(t *testing.T) {
	t.Parallel()
	m := validMeeting()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if m.For != itinera.ForEveryone || len(m.VisitorIDs) != 0 || len(m.Languages) != 0 {
		t.Fatalf("defaults: %+v", m.Attendance)
	}
	m.For, m.MaxVisitors, m.VisitorIDs = itinera.ForSubgroup, 5, []int64{4}
	m.Languages = []string{" EN ", "English", "français"}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(m.VisitorIDs) != 0 || !reflect.DeepEqual(m.Languages, []string{"en", "fr"}) {
		t.Fatalf("cleaned: %+v %v", m.Attendance, m.Languages)
	}
	for _, c := range []struct {
		name  string
		edit  func(*itinera.Meeting)
		field string
		want  string
	}{
		{"kind", func(m *itinera.Meeting) { m.For = "half" }, "attendance", "Choose whom the meeting is for"},
		{"min", func(m *itinera.Meeting) { m.MinVisitors = -1 }, "min_visitors", "Enter from 0 (no minimum)"},
		{"max", func(m *itinera.Meeting) { m.MaxVisitors = 1000 }, "max_visitors", "Enter from 0 (no limit) to 200"},
		{"order", func(m *itinera.Meeting) { m.MinVisitors, m.MaxVisitors = 6, 5 }, "max_visitors", "at most 5 visitors, fewer than the minimum of 6"},
		{"none named", func(m *itinera.Meeting) { m.For = itinera.ForVisitors }, "visitor_ids", "Choose at least one visitor"},
		{"bad id", func(m *itinera.Meeting) { m.For, m.VisitorIDs = itinera.ForVisitors, []int64{-3} }, "visitor_ids", "from the program's delegation"},
		{"too many", func(m *itinera.Meeting) {
			m.For, m.VisitorIDs, m.MaxVisitors = itinera.ForVisitors, []int64{1, 2, 3}, 2
		}, "visitor_ids", "at most 2 visitors; 3 are chosen"},
		{"language", func(m *itinera.Meeting) { m.Languages = []string{"en", "Arabic"} }, "languages", "Entry 2: choose one of en (English)"},
	} {
		m := validMeeting()
		c.edit(&m)
		got := itinera.ErrorFields(m.Validate())[c.field]
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %s = %q, want %q", c.name, c.field, got, c.want)
		}
	}
	m = validMeeting()
	m.For, m.VisitorIDs = itinera.ForVisitors, []int64{7, 7, 8}
	if err := m.Validate(); err != nil || !reflect.DeepEqual(m.VisitorIDs, []int64{7, 8}) || !m.Includes(8) || m.Includes(9) {
		t.Fatalf("named: %v %v", err, m.VisitorIDs)
	}
	for mm, want := range map[[2]int]string{
		{0, 5}: "at most 5 visitors", {2, 0}: "at least 2 visitors", {3, 5}: "3 to 5 visitors", {4, 4}: "exactly 4 visitors", {}: "",
	} {
		a := itinera.Attendance{MinVisitors: mm[0], MaxVisitors: mm[1]}
		if got := a.CapacityLabel(); got != want {
			t.Errorf("CapacityLabel(%d, %d) = %q, want %q", a.MinVisitors, a.MaxVisitors, got, want)
		}
	}
}

// Who needs an interpreter, and who is left without one.
func TestInterpretation(t *testing.T) {
	t.Parallel()
	lucia := itinera.Visitor{ID: 1, GivenName: "Lucía", Languages: []string{"Spanish"}}
	awa := itinera.Visitor{ID: 2, GivenName: "Awa", Languages: []string{"French", "English"}}
	youssef := itinera.Visitor{ID: 3, GivenName: "Youssef", Languages: []string{"Arabic", "français"}}
	amina := itinera.Visitor{ID: 4, GivenName: "Amina", Languages: []string{"Arabic"}}
	ana := itinera.Interpreter{Name: "Ana", Languages: []string{"English", "Spanish"}}
	claire := itinera.Interpreter{Name: "Claire", Languages: []string{"English", "Arabic", "French"}}
	en := []string{"en"}
	if !itinera.NeedsInterpreter(lucia, en) || itinera.NeedsInterpreter(awa, en) || itinera.NeedsInterpreter(lucia, nil) ||
		itinera.NeedsInterpreter(lucia, []string{"en", "es"}) {
		t.Fatal("NeedsInterpreter")
	}
	if itinera.NeedsInterpreter(youssef, []string{"fr"}) {
		t.Fatal("français is French")
	}
	names := func(vs []itinera.Visitor) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.GivenName)
		}
		return out
	}
	all := []itinera.Visitor{lucia, awa, youssef, amina}
	if got := names(itinera.Uninterpreted(en, all, nil)); !reflect.DeepEqual(got, []string{"Lucía", "Youssef", "Amina"}) {
		t.Errorf("no interpreter: %v", got)
	}
	if got := names(itinera.Uninterpreted(en, all, []itinera.Interpreter{ana})); !reflect.DeepEqual(got, []string{"Youssef", "Amina"}) {
		t.Errorf("Ana: %v", got)
	}
	// Any two of an interpreter's languages make a pair.
	if got := names(itinera.Uninterpreted(en, all, []itinera.Interpreter{ana, claire})); len(got) != 0 {
		t.Errorf("Ana and Claire: %v", got)
	}
	if got := names(itinera.Uninterpreted([]string{"es"}, all, []itinera.Interpreter{claire})); !reflect.DeepEqual(got, []string{"Awa", "Youssef", "Amina"}) {
		t.Errorf("in Spanish with Claire: %v", got)
	}
	if itinera.LanguageLabel("fr") != "French (français)" || itinera.LanguageLabel("xx") != "xx" {
		t.Error("LanguageLabel")
	}
}

// Parts of a day together: read, written back, checked.
func TestDayParts(t *testing.T) {
	t.Parallel()
	f := itinera.FieldErrors{}
	ps := itinera.ParseDayParts(f, "together", "09:30-13:00 Gateway Arch\n\n 18:00 – 21:30  Home-hospitality dinners \n20:00 to 24:00\n")
	if len(f) != 0 {
		t.Fatal(f)
	}
	want := []itinera.DayPart{{From: 570, To: 780, Label: "Gateway Arch"}, {From: 1080, To: 1290, Label: "Home-hospitality dinners"}, {From: 1200, To: 1440}}
	if !reflect.DeepEqual(ps, want) {
		t.Fatalf("parsed %+v", ps)
	}
	if got := itinera.FormatDayParts(ps); got != "09:30-13:00 Gateway Arch\n18:00-21:30 Home-hospitality dinners\n20:00-24:00" {
		t.Fatalf("format %q", got)
	}
	d := itinera.DefaultDay(1, itinera.MustDate("2026-12-12"))
	d.Together = ps
	if got := itinera.ErrorFields(d.Validate())["together"]; !strings.Contains(got, "Part 3 (20:00-24:00) starts before part 2 ends") {
		t.Errorf("overlap: %q", got)
	}
	d.Together = []itinera.DayPart{{From: 600, To: 540}}
	if got := itinera.ErrorFields(d.Validate())["together"]; !strings.Contains(got, "ends before it starts") {
		t.Errorf("backwards: %q", got)
	}
	d.Together = ps[:2]
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	f = itinera.FieldErrors{}
	itinera.ParseDayParts(f, "together", "09:30 Gateway\nevening")
	if !strings.Contains(f["together"], "Line 1: write a part as 18:00-21:30") {
		t.Errorf("bad line: %q", f["together"])
	}
}

func FuzzParseDayParts(f *testing.F) {
	for _, s := range []string{"09:30-13:00 Arch", "18:00 to 21:30 Evening\n20:00 - 24:00", "-", "9:00-", "x-y z", "24:00-24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fe := itinera.FieldErrors{}
		ps := itinera.ParseDayParts(fe, "together", s)
		for _, p := range ps {
			if p.From < 0 || p.To > 24*60 || p.From > 24*60 {
				t.Fatalf("%q: part %+v out of the day", s, p)
			}
		}
		// What is written back reads the same.
		if len(fe) == 0 {
			again := itinera.ParseDayParts(itinera.FieldErrors{}, "together", itinera.FormatDayParts(ps))
			if !reflect.DeepEqual(again, ps) {
				t.Fatalf("%q: %+v then %+v", s, ps, again)
			}
		}
	})
}

// The program's split settings default and are checked.
func TestProgramSplitSettings(t *testing.T) {
	t.Parallel()
	p := itinera.Program{Title: "T", City: "St. Louis", TimeZone: "America/Chicago",
		StartDate: itinera.MustDate("2026-12-12"), EndDate: itinera.MustDate("2026-12-16")}
	if err := p.Validate(); err != nil || p.SplitLunch != itinera.LunchTogether {
		t.Fatalf("%v %q", err, p.SplitLunch)
	}
	p.SplitLunch, p.SplitCost = "sometimes", 51
	fs := itinera.ErrorFields(p.Validate())
	if !strings.Contains(fs["split_lunch"], "together or apart") || !strings.Contains(fs["split_cost"], "from 0 (split freely) to 50") {
		t.Fatal(fs)
	}
}
