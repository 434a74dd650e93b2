package ical

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is the STATUS of an event.
type Status string

// Event statuses (RFC 5545 3.8.1.11).
const (
	StatusConfirmed Status = "CONFIRMED"
	StatusTentative Status = "TENTATIVE"
	StatusCancelled Status = "CANCELLED"
)

// Role is an attendee's ROLE.
type Role string

// Attendee roles.
const (
	RoleChair          Role = "CHAIR"
	RoleRequired       Role = "REQ-PARTICIPANT"
	RoleOptional       Role = "OPT-PARTICIPANT"
	RoleNonParticipant Role = "NON-PARTICIPANT"
)

// PartStat is an attendee's participation status.
type PartStat string

// Participation statuses of an event.
const (
	PartNeedsAction PartStat = "NEEDS-ACTION"
	PartAccepted    PartStat = "ACCEPTED"
	PartDeclined    PartStat = "DECLINED"
	PartTentative   PartStat = "TENTATIVE"
	PartDelegated   PartStat = "DELEGATED"
)

// Person is someone with a name and an e-mail address: the organizer or an
// attendee.
type Person struct {
	Name  string
	Email string
}

// Attendee is one ATTENDEE of an event. A copy sent to one person lists
// only that person, so no message shows other people's addresses.
type Attendee struct {
	Person
	Role     Role     // empty: REQ-PARTICIPANT
	PartStat PartStat // empty: NEEDS-ACTION
	RSVP     bool
}

// Geo is a position in degrees (WGS 84).
type Geo struct {
	Lat, Lon float64
}

// Event is one meeting or activity as a VEVENT.
type Event struct {
	UID      string // stable per item, e.g. "meeting-42@st-louis.itinera"
	Sequence int    // raised by the caller on every change of time or place
	Stamp    time.Time
	Modified time.Time // LAST-MODIFIED; zero: not written
	Start    time.Time
	End      time.Time
	// Zone overrides the calendar's time zone for this event, for a feed
	// that spans cities; nil: the calendar's zone.
	Zone        *time.Location
	Summary     string
	Description string // the agenda
	Location    string // place name
	Address     string // street address, written after the name
	Geo         *Geo
	Organizer   Person
	Attendees   []Attendee
	Status      Status // empty: CONFIRMED
	URL         string
	Categories  []string
	// Alarm, when positive, is how long before the start a reminder
	// shows (a VALARM with ACTION:DISPLAY).
	Alarm time.Duration
}

// check reports what keeps the event from being written.
func (ev *Event) check() error {
	var errs []error
	if strings.TrimSpace(ev.UID) == "" {
		errs = append(errs, errors.New("UID is empty"))
	} else if strings.ContainsFunc(ev.UID, isControl) || !utf8.ValidString(ev.UID) {
		errs = append(errs, errors.New("UID holds a control character or invalid UTF-8"))
	}
	if ev.Stamp.IsZero() {
		errs = append(errs, errors.New("DTSTAMP is not set"))
	}
	if ev.Sequence < 0 {
		errs = append(errs, errors.New("SEQUENCE is negative"))
	}
	if ev.Start.IsZero() || ev.End.IsZero() {
		errs = append(errs, errors.New("start or end is not set"))
	} else if ev.End.Before(ev.Start) {
		errs = append(errs, errors.New("it ends before it starts"))
	}
	if ev.Zone != nil {
		if err := checkZone(ev.Zone); err != nil {
			errs = append(errs, err)
		}
	}
	switch ev.Status {
	case "", StatusConfirmed, StatusTentative, StatusCancelled:
	default:
		errs = append(errs, fmt.Errorf("STATUS %q is not CONFIRMED, TENTATIVE or CANCELLED", ev.Status))
	}
	if ev.Geo != nil && (ev.Geo.Lat < -90 || ev.Geo.Lat > 90 || ev.Geo.Lon < -180 || ev.Geo.Lon > 180) {
		errs = append(errs, errors.New("GEO is out of range"))
	}
	for _, u := range []string{ev.URL, ev.Organizer.Email} {
		if !validURI(u) {
			errs = append(errs, fmt.Errorf("%q is not a valid URI or address", u))
		}
	}
	for _, a := range ev.Attendees {
		if strings.TrimSpace(a.Email) == "" {
			errs = append(errs, fmt.Errorf("attendee %q has no e-mail address", a.Name))
		} else if !validURI(a.Email) {
			errs = append(errs, fmt.Errorf("%q is not a valid e-mail address", a.Email))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("event %q: %w", ev.UID, err)
	}
	return nil
}

// zone returns the time zone the event is written in.
func (ev *Event) zone(calendar *time.Location) *time.Location {
	if ev.Zone != nil {
		return ev.Zone
	}
	return calendar
}

// write writes the VEVENT with its times shown in loc.
func (ev *Event) write(w *writer, loc *time.Location) {
	w.begin("VEVENT")
	w.text("UID", ev.UID)
	w.line("SEQUENCE", strconv.Itoa(ev.Sequence))
	w.line("DTSTAMP", ev.Stamp.UTC().Truncate(time.Second).Format(utcLayout))
	v, p := dateTime(ev.Start, loc)
	w.line("DTSTART", v, p...)
	v, p = dateTime(ev.End, loc)
	w.line("DTEND", v, p...)
	if !ev.Modified.IsZero() {
		w.line("LAST-MODIFIED", ev.Modified.UTC().Truncate(time.Second).Format(utcLayout))
	}
	w.text("SUMMARY", ev.Summary)
	if loc := ev.location(); loc != "" {
		w.text("LOCATION", loc)
	}
	if ev.Geo != nil {
		w.line("GEO", formatFloat(ev.Geo.Lat)+";"+formatFloat(ev.Geo.Lon))
	}
	if ev.Description != "" {
		w.text("DESCRIPTION", ev.Description)
	}
	status := ev.Status
	if status == "" {
		status = StatusConfirmed
	}
	w.line("STATUS", string(status))
	if ev.Organizer.Email != "" {
		var ps []param
		if ev.Organizer.Name != "" {
			ps = append(ps, param{"CN", ev.Organizer.Name})
		}
		w.line("ORGANIZER", mailto(ev.Organizer.Email), ps...)
	}
	for _, a := range ev.Attendees {
		ps := []param{}
		if a.Name != "" {
			ps = append(ps, param{"CN", a.Name})
		}
		role, stat := a.Role, a.PartStat
		if role == "" {
			role = RoleRequired
		}
		if stat == "" {
			stat = PartNeedsAction
		}
		ps = append(ps, param{"ROLE", string(role)}, param{"PARTSTAT", string(stat)})
		if a.RSVP {
			ps = append(ps, param{"RSVP", "TRUE"})
		}
		w.line("ATTENDEE", mailto(a.Email), ps...)
	}
	if ev.URL != "" {
		w.line("URL", ev.URL)
	}
	if len(ev.Categories) > 0 {
		cs := make([]string, 0, len(ev.Categories))
		for _, c := range ev.Categories {
			if c = strings.TrimSpace(c); c != "" {
				cs = append(cs, escapeText(c))
			}
		}
		if len(cs) > 0 {
			w.line("CATEGORIES", strings.Join(cs, ","))
		}
	}
	if ev.Alarm > 0 {
		w.begin("VALARM")
		w.line("ACTION", "DISPLAY")
		w.text("DESCRIPTION", ev.Summary)
		w.line("TRIGGER", formatDuration(-ev.Alarm.Truncate(time.Minute)))
		w.end("VALARM")
	}
	w.end("VEVENT")
}

// location joins the place name and street address, the form map links in
// calendar clients understand.
func (ev *Event) location() string {
	name, addr := strings.TrimSpace(ev.Location), strings.TrimSpace(ev.Address)
	switch {
	case name == "":
		return addr
	case addr == "" || strings.Contains(name, addr):
		return name
	}
	return name + ", " + addr
}

// mailto returns the CAL-ADDRESS of an e-mail address.
func mailto(email string) string {
	email = strings.TrimSpace(email)
	if len(email) >= 7 && strings.EqualFold(email[:7], "mailto:") {
		return email
	}
	return "mailto:" + email
}

func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'f', 6, 64)
}

// Copies returns one copy of ev per attendee, each listing only that
// attendee: what iMIP sends, so no message shows other people's addresses.
func (ev Event) Copies() []Event {
	out := make([]Event, 0, len(ev.Attendees))
	for _, a := range ev.Attendees {
		c := ev
		c.Attendees = []Attendee{a}
		c.Categories = append([]string(nil), ev.Categories...)
		out = append(out, c)
	}
	return out
}

// validURI reports whether u can be written as a URI or CAL-ADDRESS value
// as it is: no spaces, quotes, control characters or invalid UTF-8, none of
// which a URI holds unencoded.
func validURI(u string) bool {
	return utf8.ValidString(u) && !strings.ContainsFunc(u, isControl) && !strings.ContainsAny(u, " \"")
}
