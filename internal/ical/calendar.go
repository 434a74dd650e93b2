package ical

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// ProdID identifies Itinera as the producer of its calendars.
const ProdID = "-//Itinera//Itinera 1.0//EN"

// Method is the iTIP method of a calendar (RFC 5546 1.4).
type Method string

// The iTIP methods Itinera sends or reads.
const (
	MethodPublish Method = "PUBLISH"
	MethodRequest Method = "REQUEST"
	MethodReply   Method = "REPLY"
	MethodCancel  Method = "CANCEL"
	MethodCounter Method = "COUNTER"
	// MethodDeclineCounter refuses an attendee's COUNTER (RFC 5546 3.2.8).
	MethodDeclineCounter Method = "DECLINECOUNTER"
	MethodRefresh        Method = "REFRESH"
)

// ContentType returns the MIME type of a calendar sent by e-mail with
// method m (RFC 6047 2.4), e.g. `text/calendar; charset=utf-8; method=REQUEST`.
func ContentType(m Method) string {
	if m == "" {
		return "text/calendar; charset=utf-8"
	}
	return "text/calendar; charset=utf-8; method=" + string(m)
}

// Invitation returns a METHOD:REQUEST calendar for ev with its times in loc
// (the program's zone) and the zone's VTIMEZONE. Send one copy per
// attendee, each listing only that attendee.
func Invitation(ev Event, loc *time.Location) ([]byte, error) {
	if err := checkScheduling(&ev); err != nil {
		return nil, err
	}
	return write(header{method: MethodRequest}, []Event{ev}, loc, true)
}

// Cancellation returns a METHOD:CANCEL calendar for ev: the same UID as the
// invitation, STATUS:CANCELLED, and a SEQUENCE the caller has raised.
func Cancellation(ev Event, loc *time.Location) ([]byte, error) {
	if err := checkScheduling(&ev); err != nil {
		return nil, err
	}
	ev.Status = StatusCancelled
	return write(header{method: MethodCancel}, []Event{ev}, loc, true)
}

// DeclineCounter returns a METHOD:DECLINECOUNTER calendar for ev: the
// organizer refuses the new time an attendee proposed; ev is the meeting
// as it stays, with the SEQUENCE the attendee was last sent.
func DeclineCounter(ev Event, loc *time.Location) ([]byte, error) {
	if err := checkScheduling(&ev); err != nil {
		return nil, err
	}
	return write(header{method: MethodDeclineCounter}, []Event{ev}, loc, true)
}

// checkScheduling holds the iTIP rules for REQUEST and CANCEL: an organizer
// and at least one attendee (RFC 5546 3.2.2 and 3.2.5).
func checkScheduling(ev *Event) error {
	switch {
	case ev.Organizer.Email == "":
		return fmt.Errorf("event %q: an invitation needs an organizer with an e-mail address", ev.UID)
	case len(ev.Attendees) == 0:
		return fmt.Errorf("event %q: an invitation needs at least one attendee", ev.UID)
	}
	return nil
}

// Feed is a personal subscription calendar: the items one person attends,
// with the RFC 7986 properties that tell clients its name and how often to
// refresh it. Feed events carry no ATTENDEE lines: a feed is a read-only
// view, and must not show other people's addresses.
type Feed struct {
	Name        string        // NAME and X-WR-CALNAME
	Description string        // DESCRIPTION and X-WR-CALDESC; optional
	Refresh     time.Duration // REFRESH-INTERVAL and X-PUBLISHED-TTL; 0: one hour
	Source      string        // SOURCE: the feed's own URL; optional
	Method      Method        // "" (a plain feed) or MethodPublish
	Loc         *time.Location
	Events      []Event
}

// Bytes returns the feed as an iCalendar stream with one VTIMEZONE per
// zone its events use.
func (f Feed) Bytes() ([]byte, error) {
	if f.Method != "" && f.Method != MethodPublish {
		return nil, fmt.Errorf("a feed is published with no method or PUBLISH, not %s", f.Method)
	}
	refresh := f.Refresh
	if refresh == 0 {
		refresh = time.Hour
	}
	if refresh < time.Minute {
		return nil, errors.New("a feed's refresh interval is at least one minute")
	}
	if !validURI(f.Source) {
		return nil, fmt.Errorf("%q is not a valid URL for SOURCE", f.Source)
	}
	events := make([]Event, len(f.Events))
	for i, ev := range f.Events {
		ev.Attendees = nil
		events[i] = ev
	}
	h := header{method: f.Method, name: f.Name, description: f.Description,
		refresh: refresh, source: f.Source, zone: f.Loc}
	return write(h, events, f.Loc, false)
}

// header holds the calendar properties written before the components.
type header struct {
	method      Method
	name        string
	description string
	refresh     time.Duration
	source      string
	zone        *time.Location // for X-WR-TIMEZONE; feeds only
}

// write writes a VCALENDAR: header, VTIMEZONEs, VEVENTs.
func write(h header, events []Event, loc *time.Location, scheduling bool) ([]byte, error) {
	if err := checkZone(loc); err != nil {
		return nil, err
	}
	var errs []error
	for i := range events {
		errs = append(errs, events[i].check())
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	w := &writer{}
	w.begin("VCALENDAR")
	w.line("PRODID", escapeText(ProdID))
	w.line("VERSION", "2.0")
	w.line("CALSCALE", "GREGORIAN")
	if h.method != "" {
		w.line("METHOD", string(h.method))
	}
	if !scheduling {
		if h.name != "" {
			w.text("NAME", h.name)
			w.text("X-WR-CALNAME", h.name)
		}
		if h.description != "" {
			w.text("DESCRIPTION", h.description)
			w.text("X-WR-CALDESC", h.description)
		}
		if h.zone != nil && !isUTC(h.zone) {
			w.text("X-WR-TIMEZONE", h.zone.String())
		}
		w.line("REFRESH-INTERVAL", formatDuration(h.refresh), param{"VALUE", "DURATION"})
		w.line("X-PUBLISHED-TTL", formatDuration(h.refresh))
		if h.source != "" {
			w.line("SOURCE", h.source, param{"VALUE", "URI"})
		}
	}
	for _, s := range zoneSpans(events, loc) {
		writeTimezone(w, s.loc, s.from, s.to)
	}
	for i := range events {
		events[i].write(w, events[i].zone(loc))
	}
	w.end("VCALENDAR")
	return w.Bytes(), nil
}

// zoneSpan is the time a zone's VTIMEZONE must cover.
type zoneSpan struct {
	loc      *time.Location
	from, to time.Time
}

// zoneSpans returns, sorted by name, each non-UTC zone the events are
// shown in with the span of their times.
func zoneSpans(events []Event, loc *time.Location) []zoneSpan {
	byName := map[string]*zoneSpan{}
	for i := range events {
		z := events[i].zone(loc)
		if isUTC(z) {
			continue
		}
		s, ok := byName[z.String()]
		if !ok {
			s = &zoneSpan{loc: z, from: events[i].Start, to: events[i].End}
			byName[z.String()] = s
		}
		if events[i].Start.Before(s.from) {
			s.from = events[i].Start
		}
		if events[i].End.After(s.to) {
			s.to = events[i].End
		}
	}
	spans := make([]zoneSpan, 0, len(byName))
	for _, s := range byName {
		spans = append(spans, *s)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].loc.String() < spans[j].loc.String() })
	return spans
}
