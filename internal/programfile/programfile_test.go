package programfile

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"itinera"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoundTrip: a file read, turned into records and built again is the
// same file, and writing it and reading it again changes nothing.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	f, err := DecodeBytes(readTestdata(t, "small.json"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := f.Records()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Build(recs, f.ExportedAt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, again) {
		a, _ := json.MarshalIndent(f, "", " ")
		b, _ := json.MarshalIndent(again, "", " ")
		t.Fatalf("built again differs:\n%s\n---\n%s", a, b)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, again); err != nil {
		t.Fatal(err)
	}
	third, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, third) {
		t.Fatal("written and read again, the file differs")
	}
}

// TestLanguage: a French program's file says so and reads back French; a
// file without a language is an English program.
func TestLanguage(t *testing.T) {
	t.Parallel()
	f, err := DecodeBytes(readTestdata(t, "small.json"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := f.Records()
	if err != nil {
		t.Fatal(err)
	}
	if p := recs.Program; f.Program.Language != "" || p.Validate() != nil || p.Language != "en" {
		t.Errorf("a file without a language: %q (file %q)", p.Language, f.Program.Language)
	}
	recs.Program.Language = "fr"
	out, err := Build(recs, f.ExportedAt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"language": "fr"`) {
		t.Error("the file does not say the program is in French")
	}
	again, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := again.Records(); err != nil || r.Program.Language != "fr" {
		t.Errorf("read back in %q (%v)", r.Program.Language, err)
	}
}

// TestBuildRenumbers: database ids become the file's own, 1, 2, … in the
// order of the database ids, and a reference to a record left out of the
// records is the exporter's error.
func TestBuildRenumbers(t *testing.T) {
	t.Parallel()
	loc := time.UTC
	day := itinera.MustDate("2026-05-03")
	recs := Records{
		Program: itinera.Program{Title: "P", City: "C", TimeZone: "UTC", StartDate: day, EndDate: day, HotelPlaceID: 70,
			Status: itinera.ProgramPlanning},
		Places:        []itinera.Place{{ID: 70, Name: "B"}, {ID: 40, Name: "A"}},
		Organizations: []itinera.Organization{{ID: 9, Name: "Org", PlaceID: 40}},
		Meetings: []itinera.Meeting{{ID: 500, HostOrganizationID: 9, PlaceID: 70,
			Windows: []itinera.Window{{Start: day.At(600, loc), End: day.At(700, loc)}}}},
	}
	f, err := Build(recs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if f.Places[0].Name != "A" || f.Places[0].ID != 1 || f.Places[1].ID != 2 || f.Program.HotelPlaceID != 2 {
		t.Fatalf("places %+v, hotel %d", f.Places, f.Program.HotelPlaceID)
	}
	if f.Organizations[0].PlaceID != 1 || f.Meetings[0].PlaceID != 2 || f.Meetings[0].HostOrganizationID != 1 {
		t.Fatalf("references not renumbered: %+v %+v", f.Organizations[0], f.Meetings[0])
	}
	recs.Meetings[0].ContactID = 12
	if _, err := Build(recs, time.Now()); err == nil || itinera.ErrorCode(err) != itinera.EINTERNAL {
		t.Fatalf("a reference to a record not given: %v", err)
	}
}

// edit decodes the small file as generic JSON, lets change edit it, and
// returns it encoded.
func edit(t *testing.T, change func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readTestdata(t, "small.json"), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func first(m map[string]any, list string) map[string]any { return m[list].([]any)[0].(map[string]any) }

// TestDecodeRefuses: every kind of wrong file is refused with an EINVALID
// error whose message names what is wrong.
func TestDecodeRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		file    []byte
		want    string
		notJSON bool
	}{
		{"empty", []byte("  \n"), "The file is empty", true},
		{"not JSON", []byte("Title,Start\nWomen,2026-05-02\n"), "not valid JSON", true},
		{"a list", []byte(`[{"format":"itinera-program"}]`), "holds a JSON array, not an object", true},
		{"cut off", readTestdata(t, "small.json")[:300], "not valid JSON", true},
		{"no format", []byte(`{"version":1}`), `it has no "format" field`, false},
		{"another kind", []byte(`{"openapi":"3.1.0","format":"openapi"}`), `its format is "openapi", not "itinera-program"`, false},
		{"format not text", []byte(`{"format":7}`), `its "format" is not text`, false},
		{"no version", []byte(`{"format":"itinera-program"}`), `no "version" field`, false},
		{"future version", edit(t, func(m map[string]any) { m["version"] = 2 }), "version 2 of the format, newer than this Itinera reads (version 1): upgrade Itinera", false},
		{"version zero", edit(t, func(m map[string]any) { m["version"] = 0 }), "version 0 is not a version", false},
		{"unknown field", edit(t, func(m map[string]any) { first(m, "visitors")["passport"] = "X123" }), `does not know: "passport"`, false},
		{"wrong type", edit(t, func(m map[string]any) { first(m, "meetings")["duration_minutes"] = "an hour" }), `field "meetings.duration_minutes" holds text where a whole number is expected`, false},
		{"bad time", edit(t, func(m map[string]any) { first(m, "requests")["created_at"] = "yesterday" }), "RFC 3339", false},
		{"not UTF-8", bytes.Replace(readTestdata(t, "small.json"), []byte("Brazil"), []byte("Br\xe9sil"), 1), "not UTF-8 text", false},
		{"trailing", append(readTestdata(t, "small.json"), []byte(`{}`)...), "goes on after its end", true},
		{"missing title", edit(t, func(m map[string]any) { m["program"].(map[string]any)["title"] = "" }), "the program: title: Enter the project title", false},
		{"bad date", edit(t, func(m map[string]any) { m["program"].(map[string]any)["end_date"] = "4 May" }), `the program: end_date "4 May" is not a date`, false},
		{"unknown language", edit(t, func(m map[string]any) { m["program"].(map[string]any)["language"] = "de" }), "the program: language: Choose a language Itinera writes programs in", false},
		{"day outside", edit(t, func(m map[string]any) { first(m, "days")["date"] = "2026-06-01" }), "day 2026-06-01: it is not a day of the program", false},
		{"bad clock", edit(t, func(m map[string]any) { first(m, "days")["start"] = "9am" }), `start "9am" is not a time of day`, false},
		{"missing host", edit(t, func(m map[string]any) { first(m, "meetings")["host_organization_id"] = 0 }), "meeting 1 (“Newsroom visit”): host_organization_id is missing", false},
		{"dangling contact", edit(t, func(m map[string]any) { first(m, "meetings")["contact_id"] = 9 }), "contact_id 9 is not a contact of the file", false},
		{"dangling place", edit(t, func(m map[string]any) { m["program"].(map[string]any)["hotel_place_id"] = 77 }), "the program: hotel_place_id 77 is not a place of the file", false},
		{"duplicate id", edit(t, func(m map[string]any) { m["visitors"].([]any)[1].(map[string]any)["id"] = 1 }), "visitor 1: the id is used twice", false},
		{"no id", edit(t, func(m map[string]any) { delete(first(m, "places"), "id") }), "place number 1 in the list: its id must be a whole number from 1", false},
		{"invalid visitor", edit(t, func(m map[string]any) { first(m, "visitors")["country"] = "" }), "visitor 1 (“Ana Silva”): country: Enter the visitor's country", false},
		{"dangling item", edit(t, func(m map[string]any) {
			first(m, "itineraries")["items"].([]any)[0].(map[string]any)["meeting_id"] = 3
		}), "itinerary version 1, item 1: meeting_id 3 is not a meeting of the file", false},
		{"versions out of order", edit(t, func(m map[string]any) { first(m, "itineraries")["version"] = 0 }), "versions must be listed oldest first", false},
		{"answer off the proposed times", edit(t, func(m map[string]any) {
			first(m, "requests")["answer"].(map[string]any)["slot"] = map[string]any{"start": "2026-05-04T16:00:00Z", "end": "2026-05-04T17:00:00Z"}
		}), "request 1, answer: slot: Choose one of the proposed times", false},
		{"unknown answer", edit(t, func(m map[string]any) { first(m, "requests")["answer"].(map[string]any)["kind"] = "maybe" }), `answer.kind "maybe"`, false},
		{"guest not invited", edit(t, func(m map[string]any) { first(m, "evenings")["invitations"] = []any{} }), "evening 1: guest visitor 1 is placed at household 1, which is not invited", false},
		{"household of another file", edit(t, func(m map[string]any) { m["households"] = []any{} }), "household_id 1 is not a household of the file", false},
		{"pair of strangers", edit(t, func(m map[string]any) { first(m, "pairs")["visitor_b"] = 8 }), "pair 1: visitor_b 8 is not a visitor of the file", false},
		{"weekday", edit(t, func(m map[string]any) { first(m, "households")["free_weekdays"] = []any{"Sonntag"} }), `"Sonntag" is not a day of the week`, false},
		{"named stranger", edit(t, func(m map[string]any) {
			first(m, "meetings")["attendance"], first(m, "meetings")["visitor_ids"] = "visitors", []any{1, 9}
		}), "meeting 1 (“Newsroom visit”): visitor_ids 9 is not a visitor of the file", false},
		{"nobody named", edit(t, func(m map[string]any) { first(m, "meetings")["attendance"] = "visitors" }), "visitor_ids: Choose at least one visitor", false},
		{"item for a stranger", edit(t, func(m map[string]any) {
			first(first(m, "itineraries"), "items")["visitor_ids"] = []any{1, 7}
		}), "itinerary version 1, item 1: visitor_ids 7 is not a visitor of the file", false},
		{"item with a stranger interpreting", edit(t, func(m map[string]any) {
			first(first(m, "itineraries"), "items")["interpreter_ids"] = []any{3}
		}), "itinerary version 1, item 1: interpreter_ids 3 is not an interpreter of the file", false},
		{"capacity", edit(t, func(m map[string]any) {
			first(m, "meetings")["min_visitors"], first(m, "meetings")["max_visitors"] = 6, 5
		}),
			"max_visitors: The host receives at most 5 visitors, fewer than the minimum of 6", false},
		{"meeting language", edit(t, func(m map[string]any) { first(m, "meetings")["languages"] = []any{"de"} }), "languages: Entry 1: choose one of en", false},
		{"part together", edit(t, func(m map[string]any) {
			first(m, "days")["together"] = []any{map[string]any{"from": "18:00", "to": "late"}}
		}),
			`together, part 1 to "late" is not a time of day`, false},
		{"split cost", edit(t, func(m map[string]any) { m["program"].(map[string]any)["split_cost"] = 60 }), "split_cost: Enter a split cost from 0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := DecodeBytes(tt.file)
			if itinera.ErrorCode(err) != itinera.EINVALID {
				t.Fatalf("error %v, want invalid", err)
			}
			if msg := itinera.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Fatalf("message %q does not say %q", msg, tt.want)
			}
			if got := errorsIs(err, ErrNotJSON); got != tt.notJSON {
				t.Fatalf("not JSON: %v, want %v (%v)", got, tt.notJSON, err)
			}
		})
	}
}

func errorsIs(err, target error) bool {
	type unwrapper interface{ Unwrap() []error }
	for err != nil {
		if err == target {
			return true
		}
		u, ok := err.(unwrapper)
		if !ok {
			return false
		}
		for _, e := range u.Unwrap() {
			if errorsIs(e, target) {
				return true
			}
		}
		return false
	}
	return false
}

// TestDecodeLimits: a file over MaxSize is refused without reading it all;
// many problems are listed ten at a time.
func TestDecodeLimits(t *testing.T) {
	t.Parallel()
	_, err := Decode(strings.NewReader(strings.Repeat(" ", MaxSize+10)))
	if itinera.ErrorCode(err) != itinera.EINVALID || !errorsIs(err, ErrTooLarge) {
		t.Fatalf("too large: %v", err)
	}
	b := edit(t, func(m map[string]any) {
		vs := []any{}
		for i := range 15 {
			vs = append(vs, map[string]any{"id": i + 1, "given_name": "X", "languages": []any{"English"}})
		}
		m["visitors"] = vs
		m["pairs"] = []any{}
		first(m, "evenings")["visitor_ids"] = []any{1}
		first(m, "evenings")["guests"] = []any{}
	})
	_, err = DecodeBytes(b)
	msg := itinera.ErrorMessage(err)
	if !strings.Contains(msg, "(15 problems)") || !strings.Contains(msg, "and 5 more problems") {
		t.Fatalf("message %q", msg)
	}
}

// TestMoved: a live request arrives saying its link must be sent again;
// a confirmed, draft or closed one as it was.
func TestMoved(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	w := itinera.Window{Start: at.Add(time.Hour), End: at.Add(2 * time.Hour)}
	tests := []struct {
		in     itinera.Request
		status itinera.RequestStatus
		entry  bool
	}{
		{itinera.Request{Status: itinera.RequestDraft}, itinera.RequestDraft, false},
		{itinera.Request{Status: itinera.RequestSent}, itinera.RequestExpired, true},
		{itinera.Request{Status: itinera.RequestViewed}, itinera.RequestExpired, true},
		{itinera.Request{Status: itinera.RequestCountered}, itinera.RequestCountered, true},
		{itinera.Request{Status: itinera.RequestAccepted}, itinera.RequestAccepted, true},
		{itinera.Request{Status: itinera.RequestAccepted, Confirmed: w}, itinera.RequestAccepted, false},
		{itinera.Request{Status: itinera.RequestDeclined}, itinera.RequestDeclined, false},
		{itinera.Request{Status: itinera.RequestWithdrawn}, itinera.RequestWithdrawn, false},
		{itinera.Request{Status: itinera.RequestExpired}, itinera.RequestExpired, false},
	}
	for _, tt := range tests {
		got := Moved(tt.in, at)
		if got.Status != tt.status || (len(got.Events) == 1) != tt.entry {
			t.Errorf("%s: moved %s with %d entries", tt.in.Status, got.Status, len(got.Events))
		}
		if tt.entry && (got.Events[0].Kind != itinera.EventImported || !got.Events[0].At.Equal(at)) {
			t.Errorf("%s: entry %+v", tt.in.Status, got.Events[0])
		}
	}
}

// TestSubgroupFields: whom a meeting is for, its capacity and languages,
// a day's parts together and the program's split settings are written
// to the file and read back; the defaults are left out.
func TestSubgroupFields(t *testing.T) {
	t.Parallel()
	f, err := DecodeBytes(readTestdata(t, "small.json"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := f.Records()
	if err != nil {
		t.Fatal(err)
	}
	if p := recs.Program; p.SplitLunch != "" && p.SplitLunch != itinera.LunchTogether || p.SplitCost != itinera.DefaultSplitCost {
		t.Fatalf("a file without split settings: %q %d", p.SplitLunch, p.SplitCost)
	}
	recs.Program.SplitLunch, recs.Program.SplitCost = itinera.LunchApart, 0
	recs.Days[0].Together = []itinera.DayPart{{From: itinera.MustClock("18:00"), To: itinera.MustClock("24:00"), Label: "Evening"}}
	m := &recs.Meetings[0]
	m.Attendance = itinera.Attendance{For: itinera.ForVisitors, MaxVisitors: 5, VisitorIDs: []int64{2}}
	m.Languages = []string{"en", "es"}
	out, err := Build(recs, f.ExportedAt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"split_lunch": "apart"`, `"split_cost": 0`, `"to": "24:00"`, `"attendance": "visitors"`,
		`"max_visitors": 5`, `"visitor_ids": [`, `"languages": [`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the file does not say %s", want)
		}
	}
	if strings.Contains(buf.String(), `"min_visitors"`) {
		t.Error("no minimum is written")
	}
	again, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	r, err := again.Records()
	if err != nil {
		t.Fatal(err)
	}
	if r.Program.SplitLunch != itinera.LunchApart || r.Program.SplitCost != 0 || !reflect.DeepEqual(r.Days[0].Together, recs.Days[0].Together) ||
		!reflect.DeepEqual(r.Meetings[0].Attendance, m.Attendance) || !reflect.DeepEqual(r.Meetings[0].Languages, m.Languages) {
		t.Fatalf("read back: %+v %+v %+v %v", r.Program, r.Days[0], r.Meetings[0].Attendance, r.Meetings[0].Languages)
	}
}
