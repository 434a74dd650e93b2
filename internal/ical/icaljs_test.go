package ical

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"itinera/internal/ical/icaljstest"
)

// These tests read what the writer produces with ical.js, an independent
// implementation (tools/icaljs/check.mjs), and compare instants, zones,
// UIDs and sequences with the Go values. They need node and the pinned
// ical.js; without them they fail, never skip.

// The ical.js runner lives in icaljstest, shared with the packages that
// build calendars from program records.
type (
	icaljsCalendar = icaljstest.Calendar
	icaljsEvent    = icaljstest.Event
	icaljsTime     = icaljstest.Time
)

func runICalJS(t *testing.T, name string, b []byte) icaljsCalendar {
	return icaljstest.Read(t, name, b)
}

// checkTime compares a time ical.js read with the Go instant and zone.
func checkTime(t *testing.T, what string, got *icaljsTime, want time.Time, loc *time.Location) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: ical.js read no time", what)
		return
	}
	at, err := time.Parse(time.RFC3339, got.UTC)
	if err != nil || !at.Equal(want) {
		t.Errorf("%s: ical.js reads instant %s, Go wrote %s", what, got.UTC, want.UTC().Format(time.RFC3339))
	}
	local := want.In(loc)
	_, off := local.Zone()
	if isUTC(loc) {
		if got.TZID != "" {
			t.Errorf("%s: UTC time carries TZID %q", what, got.TZID)
		}
		return
	}
	if got.TZID != loc.String() || !got.ZoneFound {
		t.Errorf("%s: TZID %q (zone found in the calendar: %v), want %s", what, got.TZID, got.ZoneFound, loc)
	}
	if got.Local != local.Format("2006-01-02T15:04:05") || got.Offset != off {
		t.Errorf("%s: local %s offset %d, want %s offset %d", what, got.Local, got.Offset, local.Format("2006-01-02T15:04:05"), off)
	}
}

// checkEvents compares every event ical.js read with the one Go wrote.
func checkEvents(t *testing.T, got []icaljsEvent, want []Event, loc *time.Location) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("ical.js read %d events, want %d", len(got), len(want))
	}
	for _, ev := range got {
		if ev.DTStamp == "" {
			t.Errorf("event %q has no DTSTAMP", ev.UID)
		}
	}
	for i, w := range want {
		g := got[i]
		z := w.zone(loc)
		if g.UID != w.UID || g.Sequence != w.Sequence {
			t.Errorf("event %d: UID %q SEQUENCE %d, want %q %d", i, g.UID, g.Sequence, w.UID, w.Sequence)
		}
		if g.Summary != w.Summary || g.Description != w.Description || g.Location != w.location() {
			t.Errorf("event %d: text %q / %q / %q", i, g.Summary, g.Description, g.Location)
		}
		if stamp, err := time.Parse(time.RFC3339, g.DTStamp); err != nil || !stamp.Equal(w.Stamp) {
			t.Errorf("event %d: DTSTAMP %s, want %s", i, g.DTStamp, w.Stamp)
		}
		checkTime(t, w.UID+" start", g.Start, w.Start, z)
		checkTime(t, w.UID+" end", g.End, w.End, z)
	}
}

func TestICalJSInvitation(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	ev := meeting(t)
	b, err := Invitation(ev, loc)
	if err != nil {
		t.Fatal(err)
	}
	cal := runICalJS(t, "invitation.ics", b)
	if cal.ProdID != ProdID || cal.Version != "2.0" {
		t.Errorf("PRODID %q VERSION %q", cal.ProdID, cal.Version)
	}
	if cal.Method != "REQUEST" || len(cal.Timezones) != 1 || cal.Timezones[0].TZID != "America/Chicago" {
		t.Errorf("method %q, zones %+v", cal.Method, cal.Timezones)
	}
	checkEvents(t, cal.Events, []Event{ev}, loc)
	g := cal.Events[0]
	if g.Status != "CONFIRMED" || g.Organizer == nil || g.Organizer.CN != ev.Organizer.Name ||
		g.Organizer.Address != "mailto:"+ev.Organizer.Email {
		t.Errorf("status %q organizer %+v", g.Status, g.Organizer)
	}
	if len(g.Attendees) != 1 || g.Attendees[0].Address != "mailto:rumi.price@wustl.example.edu" ||
		g.Attendees[0].CN != "Price, Rumi" || g.Attendees[0].PartStat != "NEEDS-ACTION" {
		t.Errorf("attendees %+v", g.Attendees)
	}
	if len(g.Categories) != 2 || g.Categories[1] != "victim services, healthcare" {
		t.Errorf("categories %q", g.Categories)
	}
	// The seed's Monday morning: 09:30 in St. Louis is 15:30 UTC in December.
	if g.Start.Local != "2026-12-14T09:30:00" || g.Start.UTC != "2026-12-14T15:30:00.000Z" {
		t.Errorf("start %+v", g.Start)
	}
}

func TestICalJSCancellation(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	ev := meeting(t)
	ev.Sequence = 4
	ev.Stamp = ev.Stamp.Add(48 * time.Hour)
	b, err := Cancellation(ev, loc)
	if err != nil {
		t.Fatal(err)
	}
	cal := runICalJS(t, "cancel.ics", b)
	if cal.ProdID != ProdID || cal.Version != "2.0" {
		t.Errorf("PRODID %q VERSION %q", cal.ProdID, cal.Version)
	}
	if cal.Method != "CANCEL" {
		t.Errorf("method %q", cal.Method)
	}
	checkEvents(t, cal.Events, []Event{ev}, loc)
	if cal.Events[0].Status != "CANCELLED" {
		t.Errorf("status %q", cal.Events[0].Status)
	}
}

// TestICalJSFeedAcrossDST reads a visitor's feed whose program crosses the
// end of daylight saving time (2026-11-01) and its start (2027-03-14) in
// Chicago, with one item in New York and one at 01:30 on the night the
// clocks go back.
func TestICalJSFeedAcrossDST(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	evs := program(t)
	again := evs[4]
	again.UID, again.Summary = "second-run@st-louis.itinera", "At 01:30 CST, the second 01:30 of the night"
	again.Start = time.Date(2026, 11, 1, 7, 30, 0, 0, time.UTC)
	again.End = again.Start.Add(20 * time.Minute) // 01:50 CST, also the second run
	evs = append(evs, again)
	evs[1].Zone = ny
	f := Feed{Name: "Combating Trafficking in Persons: Amira Haddad", Refresh: time.Hour,
		Source: "https://itinera.example.org/feeds/abc.ics", Loc: loc, Events: evs}
	b, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	cal := runICalJS(t, "feed.ics", b)
	if cal.ProdID != ProdID || cal.Version != "2.0" {
		t.Errorf("PRODID %q VERSION %q", cal.ProdID, cal.Version)
	}
	if cal.Method != "" || cal.Name != f.Name || cal.CalName != f.Name || cal.RefreshIntervalSeconds != 3600 ||
		cal.PublishedTTL != "PT1H" || cal.Source != f.Source {
		t.Errorf("calendar properties: %+v", cal)
	}
	if len(cal.Timezones) != 2 || cal.Timezones[0].TZID != "America/Chicago" || cal.Timezones[1].TZID != "America/New_York" {
		t.Errorf("zones %+v", cal.Timezones)
	}
	// The second 01:30 cannot be written as local time; ical.js reads it in UTC.
	last := evs[len(evs)-1]
	evs[len(evs)-1].Zone = time.UTC
	checkEvents(t, cal.Events, evs, loc)
	evs[len(evs)-1] = last
	want := []struct{ local, utc string }{
		{"2026-10-31T09:00:00", "2026-10-31T14:00:00.000Z"}, // CDT, UTC-5
		{"2026-11-02T10:00:00", "2026-11-02T15:00:00.000Z"}, // EST, UTC-5 (09:00 in Chicago)
		{"2027-03-13T09:30:00", "2027-03-13T15:30:00.000Z"}, // CST, UTC-6
		{"2027-03-15T09:30:00", "2027-03-15T14:30:00.000Z"}, // CDT, UTC-5
	}
	for i, w := range want {
		if s := cal.Events[i].Start; s.Local != w.local || s.UTC != w.utc {
			t.Errorf("event %d starts %s (%s), want %s (%s)", i, s.Local, s.UTC, w.local, w.utc)
		}
	}
	// 00:30 CDT plus three hours ends at 02:30 CST.
	if e := cal.Events[4].End; e.Local != "2026-11-01T02:30:00" || e.UTC != "2026-11-01T08:30:00.000Z" {
		t.Errorf("overnight item ends %+v", e)
	}
}

func TestICalJSOtherZones(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"Asia/Kolkata", "Australia/Sydney", "Europe/London", "Africa/Casablanca", "UTC"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			loc, err := time.LoadLocation(name)
			if err != nil {
				t.Fatal(err)
			}
			evs := program(t)
			b, err := Feed{Name: name, Loc: loc, Method: MethodPublish, Events: evs}.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			cal := runICalJS(t, "zone.ics", b)
			if cal.ProdID != ProdID || cal.Version != "2.0" {
				t.Errorf("PRODID %q VERSION %q", cal.ProdID, cal.Version)
			}
			if cal.Method != "PUBLISH" {
				t.Errorf("method %q", cal.Method)
			}
			checkEvents(t, cal.Events, evs, loc)
		})
	}
}

// TestICalJSAgreesOnAnswers reads the clients' answers under testdata with
// both ical.js and ReadAnswer: the proposed instants must agree, including
// Outlook's "Central Standard Time" defined only by its VTIMEZONE.
func TestICalJSAgreesOnAnswers(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"counter_tzid.ics", "counter_outlook.ics", "counter_utc_duration.ics", "reply_declined_outlook.ics"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			js := runICalJS(t, name, b)
			cal := mustParse(t, b)
			r, err := ReadAnswer(cal, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(js.Events) != 1 || js.Events[0].UID != r.UID || js.Events[0].Sequence != r.Sequence || js.Method != string(r.Method) {
				t.Fatalf("ical.js read %+v, Go %+v", js, r)
			}
			evs, err := cal.Events(nil)
			if err != nil {
				t.Fatal(err)
			}
			for what, pair := range map[string]struct {
				js     *icaljsTime
				gotime time.Time
			}{"start": {js.Events[0].Start, evs[0].Start}, "end": {js.Events[0].End, evs[0].End}} {
				if pair.js == nil {
					continue
				}
				at, err := time.Parse(time.RFC3339, pair.js.UTC)
				if err != nil || !at.Equal(pair.gotime) {
					t.Errorf("%s: ical.js reads %s, Go %s", what, pair.js.UTC, pair.gotime.UTC().Format(time.RFC3339))
				}
			}
		})
	}
}

// A published program with reminders: ical.js reads METHOD:PUBLISH and, in
// each event, one display alarm the given time before the start; an event
// without a reminder has none.
func TestICalJSReminders(t *testing.T) {
	t.Parallel()
	loc := chicago(t)
	evs := program(t)
	for i := range evs {
		evs[i].Alarm = 30 * time.Minute
	}
	evs[0].Alarm = 0
	f := Feed{Name: "Combating Trafficking in Persons – Amira Haddad", Method: MethodPublish, Loc: loc, Events: evs}
	b, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	cal := runICalJS(t, "program.ics", b)
	if cal.Method != "PUBLISH" || len(cal.Events) != len(evs) {
		t.Fatalf("method %q, %d events", cal.Method, len(cal.Events))
	}
	if len(cal.Events[0].Alarms) != 0 {
		t.Errorf("an event without a reminder has %d alarms", len(cal.Events[0].Alarms))
	}
	for _, ev := range cal.Events[1:] {
		if len(ev.Alarms) != 1 || ev.Alarms[0].Action != "DISPLAY" || ev.Alarms[0].TriggerSeconds == nil || *ev.Alarms[0].TriggerSeconds != -1800 {
			t.Errorf("%s: alarms %+v, want one DISPLAY 30 minutes before", ev.UID, ev.Alarms)
		}
	}
}
