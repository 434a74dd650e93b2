package itinera_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
)

// A day's lunch window lies within the day's own start and end.
func TestDayLunchWithinDay(t *testing.T) {
	t.Parallel()
	c := itinera.MustClock
	cases := []struct {
		name                 string
		start, end, from, to string
		minutes              int
		wantFields           []string
	}{
		{"default", "08:30", "18:00", "11:30", "14:00", 60, nil},
		{"window is the whole day", "08:30", "18:00", "08:30", "18:00", 60, nil},
		{"starts before the day", "10:00", "18:00", "09:00", "14:00", 60, []string{"lunch_from"}},
		{"ends after the day", "08:30", "13:00", "11:30", "14:00", 60, []string{"lunch_to"}},
		{"wholly before the day", "13:00", "18:00", "07:00", "08:00", 30, []string{"lunch_from"}},
		{"wholly after the day", "08:00", "12:00", "19:00", "21:00", 30, []string{"lunch_to"}},
		{"no lunch break: the window does not matter", "13:00", "18:00", "07:00", "08:00", 0, nil},
	}
	for _, tc := range cases {
		d := itinera.Day{Start: c(tc.start), End: c(tc.end), LunchFrom: c(tc.from), LunchTo: c(tc.to), LunchMinutes: tc.minutes}
		err := d.Validate()
		if len(tc.wantFields) == 0 {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		got := itinera.ErrorFields(err)
		for _, f := range tc.wantFields {
			if got[f] == "" {
				t.Errorf("%s: %q not named in %v", tc.name, f, got)
			}
		}
	}
}

// Windows fall on the program's days, from the start of the arrival day to
// the end of the departure day in the program's time zone.
func TestProgramCheckWindows(t *testing.T) {
	t.Parallel()
	p := itinera.Program{TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-05-02"), EndDate: itinera.MustDate("2026-05-06")}
	loc := p.Location()
	w := func(d string, from, to string) itinera.Window {
		day := itinera.MustDate(d)
		return itinera.Window{Start: day.At(itinera.MustClock(from), loc), End: day.At(itinera.MustClock(to), loc)}
	}
	cases := []struct {
		name string
		w    itinera.Window
		ok   bool
	}{
		{"arrival day", w("2026-05-02", "00:00", "09:00"), true},
		{"departure day to midnight", w("2026-05-06", "20:00", "24:00"), true},
		{"the day before", w("2026-05-01", "09:00", "12:00"), false},
		{"the day after", w("2026-05-07", "09:00", "12:00"), false},
		{"ends after the last day", itinera.Window{Start: w("2026-05-06", "22:00", "23:00").Start, End: w("2026-05-07", "01:00", "02:00").Start}, false},
		// 23:30 in Chicago is the next day in UTC: the program's zone decides.
		{"late evening, next day in UTC", w("2026-05-06", "23:00", "23:30"), true},
		{"a year later", w("2027-05-03", "09:00", "12:00"), false},
	}
	for _, tc := range cases {
		f := itinera.FieldErrors{}
		p.CheckWindows(f, "windows", []itinera.Window{w("2026-05-03", "09:00", "10:00"), tc.w})
		if tc.ok != (f["windows"] == "") {
			t.Errorf("%s: message %q", tc.name, f["windows"])
		}
		if !tc.ok && !strings.Contains(f["windows"], "Window 2") {
			t.Errorf("%s: message %q does not name window 2", tc.name, f["windows"])
		}
	}
}

// Dates and times outside the years 2000 to 2100 are refused wherever they
// come in, naming the field.
func TestDatesOutsideYearsRefused(t *testing.T) {
	t.Parallel()
	loc, _ := time.LoadLocation("America/Chicago")
	for _, year := range []int{1, 202, 1999, 2101, 9999} {
		d := itinera.Date{Year: year, Month: time.May, Day: 4}
		at := func(h int) time.Time { return time.Date(year, time.May, 4, h, 0, 0, 0, loc) }
		win := []itinera.Window{{Start: at(9), End: at(12)}}
		cases := []struct {
			what, field string
			err         error
		}{
			{"program start", "start_date", (&itinera.Program{Title: "t", City: "c", TimeZone: "America/Chicago",
				StartDate: d, EndDate: itinera.MustDate("2026-05-06")}).Validate()},
			{"program end", "end_date", (&itinera.Program{Title: "t", City: "c", TimeZone: "America/Chicago",
				StartDate: itinera.MustDate("2026-05-06"), EndDate: d}).Validate()},
			{"meeting window", "windows", (&itinera.Meeting{Title: "t", ProgramID: 1, HostOrganizationID: 1, DurationMinutes: 60, Windows: win}).Validate()},
			{"activity window", "windows", (&itinera.Activity{Title: "t", ProgramID: 1, Kind: itinera.ActivityCultural, DurationMinutes: 60, Windows: win}).Validate()},
			{"request window", "windows", (&itinera.Request{MeetingID: 1, ContactID: 1, Windows: win}).Validate()},
			{"request expiry", "expires_at", (&itinera.Request{MeetingID: 1, ContactID: 1,
				Windows:   []itinera.Window{{Start: time.Date(2026, 5, 4, 9, 0, 0, 0, loc), End: time.Date(2026, 5, 4, 10, 0, 0, 0, loc)}},
				ExpiresAt: at(0)}).Validate()},
			{"proposed time", "proposed", (&itinera.RequestAnswer{Kind: itinera.AnswerCounter, Proposed: win}).Validate(nil)},
			{"evening start", "start", (&itinera.HospitalityEvening{ProgramID: 1, Start: at(18), End: at(21), VisitorIDs: []int64{1}}).Validate()},
			{"household free date", "free_dates", (&itinera.HostHousehold{Name: "h", Address: "a", Lat: 1, Lon: 1, ContactName: "c",
				Email: "c@example.org", Languages: []string{"English"}, Capacity: 2, FreeDates: []itinera.Date{d}}).Validate()},
			{"itinerary item", "items", (&itinera.Itinerary{Items: []itinera.ItineraryItem{{MeetingID: 1, Start: at(9), End: at(10)}}}).Validate()},
		}
		for _, tc := range cases {
			if itinera.ErrorCode(tc.err) != itinera.EINVALID || itinera.ErrorFields(tc.err)[tc.field] == "" {
				t.Errorf("year %d, %s: %v does not name %q", year, tc.what, tc.err, tc.field)
			}
		}
		f := itinera.FieldErrors{}
		itinera.CheckDate(f, "date", d)
		if f["date"] != "Enter a date in the years 2000 to 2100." {
			t.Errorf("CheckDate(%v) = %q", d, f["date"])
		}
	}
	for _, d := range []string{"2000-01-01", "2100-12-31", "2026-05-04"} {
		f := itinera.FieldErrors{}
		itinera.CheckDate(f, "date", itinera.MustDate(d))
		itinera.CheckTime(f, "time", itinera.MustDate(d).At(itinera.MustClock("12:00"), time.UTC))
		if len(f) != 0 {
			t.Errorf("%s refused: %v", d, f)
		}
	}
}
