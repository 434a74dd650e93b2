package itinera_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"itinera"
)

func TestParseDateAndClock(t *testing.T) {
	t.Parallel()
	d, err := itinera.ParseDate(" 2026-12-12 ")
	if err != nil || d.String() != "2026-12-12" || d.Weekday() != time.Saturday {
		t.Fatalf("ParseDate = %v %v", d, err)
	}
	if d.AddDays(20).String() != "2027-01-01" || d.DaysUntil(d.AddDays(4)) != 4 {
		t.Fatal("date arithmetic")
	}
	for _, bad := range []string{"", "2026-13-01", "12/12/2026", "2026-02-30"} {
		if _, err := itinera.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	for in, want := range map[string]itinera.Clock{"09:30": 570, "0:00": 0, "24:00": 1440, " 17:05 ": 1025} {
		if got, err := itinera.ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "9", "25:00", "24:01", "12:60", "-1:00", "ab:cd", "12:5x"} {
		if _, err := itinera.ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

// Date.At gives the right instant on both sides of a daylight-saving change.
func TestDateAtAcrossDST(t *testing.T) {
	t.Parallel()
	loc, err := itinera.LoadZone("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	before := itinera.MustDate("2026-03-07").At(itinera.MustClock("09:00"), loc)
	after := itinera.MustDate("2026-03-09").At(itinera.MustClock("09:00"), loc)
	if before.UTC().Hour() != 15 || after.UTC().Hour() != 14 {
		t.Fatalf("09:00 Chicago = %v and %v UTC", before.UTC(), after.UTC())
	}
	if _, err := itinera.LoadZone("Local"); err == nil {
		t.Fatal("Local accepted as a program zone")
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:30", "24:00", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := itinera.ParseClock(s)
		if err != nil {
			return
		}
		if c < 0 || c > 1440 {
			t.Fatalf("ParseClock(%q) = %d out of range", s, c)
		}
		if back, err := itinera.ParseClock(c.String()); err != nil || back != c {
			t.Fatalf("round trip of %q: %v %v", s, back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-12", "0000-01-01", "bad"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := itinera.ParseDate(s)
		if err != nil {
			return
		}
		if back, err := itinera.ParseDate(d.String()); err != nil || back != d {
			t.Fatalf("round trip of %q: %v %v", s, back, err)
		}
	})
}

func FuzzSplitList(f *testing.F) {
	f.Add("English, Spanish;\nFrench, english")
	f.Fuzz(func(t *testing.T, s string) {
		seen := map[string]bool{}
		for _, it := range itinera.SplitList(s) {
			k := strings.ToLower(it)
			if it == "" || it != strings.TrimSpace(it) || seen[k] || strings.ContainsAny(it, ",;\n") {
				t.Fatalf("SplitList(%q) gave %q", s, it)
			}
			seen[k] = true
		}
	})
}

func TestCleanList(t *testing.T) {
	t.Parallel()
	got := itinera.CleanList([]string{" Victim  services ", "", "victim services", "Healthcare"})
	if fmt.Sprint(got) != "[Victim services Healthcare]" {
		t.Fatalf("CleanList = %q", got)
	}
}

// fields asserts that err is EINVALID and names exactly the given fields.
func fields(t *testing.T, err error, want ...string) {
	t.Helper()
	if itinera.ErrorCode(err) != itinera.EINVALID {
		t.Fatalf("error %v, want invalid", err)
	}
	got := itinera.ErrorFields(err)
	if len(got) != len(want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	for _, f := range want {
		if got[f] == "" {
			t.Errorf("field %q not named in %v", f, got)
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("America/Chicago")
	at := func(h int) time.Time { return time.Date(2026, 12, 14, h, 0, 0, 0, loc) }

	fields(t, (&itinera.Tenant{Slug: "A b", TimeZone: "Mars/Base"}).Validate(), "slug", "name", "time_zone")
	fields(t, (&itinera.User{Email: "not-an-email", Role: "boss"}).Validate(), "email", "role", "tenant")
	fields(t, (&itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-12"),
		EndDate: itinera.MustDate("2026-12-10")}).Validate(), "title", "city", "end_date")
	fields(t, (&itinera.Program{Title: "x", City: "y", TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-01-01"),
		EndDate: itinera.MustDate("2026-06-01")}).Validate(), "end_date")
	fields(t, (&itinera.Visitor{Email: "x@", Languages: nil}).Validate(), "given_name", "country", "program_id", "email", "languages")
	fields(t, (&itinera.Interpreter{Languages: []string{"English"}}).Validate(), "name", "program_id", "languages")
	fields(t, (&itinera.Organization{Kind: "spaceship", Website: "javascript:alert(1)", Email: "nope"}).Validate(), "name", "kind", "website", "email")
	fields(t, (&itinera.Organization{Name: "x", Lat: 91, Lon: -181, Source: "guess"}).Validate(), "lat", "lon", "address", "coordinates_source")
	if err := (&itinera.Organization{Name: "x", Address: "1 Main St"}).Validate(); err != nil {
		t.Errorf("an address without coordinates (looked up): %v", err)
	}
	fields(t, (&itinera.Contact{Email: "a@b"}).Validate(), "name", "organization_id", "email")
	fields(t, (&itinera.Place{Kind: itinera.PlaceSite}).Validate(), "name", "address", "lat")
	fields(t, (&itinera.Meeting{DurationMinutes: 5, Priority: 9, Status: "maybe",
		Windows: []itinera.Window{{Start: at(10), End: at(9)}}}).Validate(),
		"title", "program_id", "host_organization_id", "duration_minutes", "priority", "status", "windows")
	fields(t, (&itinera.Meeting{Title: "t", ProgramID: 1, HostOrganizationID: 1, DurationMinutes: 120,
		Windows: []itinera.Window{{Start: at(9), End: at(10)}}}).Validate(), "windows")
	fields(t, (&itinera.Activity{Title: "t", ProgramID: 1, Kind: "party", DurationMinutes: 60}).Validate(), "kind")
	fields(t, (&itinera.Day{Start: 600, End: 500, LunchMinutes: 90, LunchFrom: 700, LunchTo: 760}).Validate(), "end", "lunch_to")

	m := itinera.Meeting{Title: "ok", ProgramID: 1, HostOrganizationID: 1, DurationMinutes: 60,
		Windows: []itinera.Window{{Start: at(9), End: at(12)}}}
	if err := m.Validate(); err != nil || m.Priority != 3 || m.Status != itinera.MeetingCandidate {
		t.Fatalf("valid meeting: %v %+v", err, m)
	}
	it := itinera.Itinerary{Items: []itinera.ItineraryItem{
		{MeetingID: 1, Start: at(9), End: at(11)}, {ActivityID: 2, Start: at(10), End: at(12)}}}
	fields(t, it.Validate(), "items")
	if err := itinera.ValidatePassword("short"); itinera.ErrorFields(err)["password"] == "" {
		t.Fatal("short password accepted")
	}
}

func TestErrorHelpers(t *testing.T) {
	t.Parallel()
	internal := fmt.Errorf("query: %w", errors.New("pq: relation users does not exist"))
	if itinera.ErrorCode(internal) != itinera.EINTERNAL || strings.Contains(itinera.ErrorMessage(internal), "relation") {
		t.Fatal("internal error text leaks")
	}
	wrapped := fmt.Errorf("ctx: %w", itinera.Errorf(itinera.ENOTFOUND, "No such program."))
	if itinera.ErrorCode(wrapped) != itinera.ENOTFOUND || itinera.ErrorMessage(wrapped) != "No such program." {
		t.Fatal("wrapped domain error lost")
	}
	if itinera.ErrorCode(nil) != "" {
		t.Fatal("nil has a code")
	}
}
