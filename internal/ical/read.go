package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Events decodes the VEVENTs of the calendar. Floating times (no TZID, no
// Z) are read in defaultLoc; a nil defaultLoc refuses them.
func (c *Calendar) Events(defaultLoc *time.Location) ([]Event, error) {
	var evs []Event
	for _, ve := range c.Sub("VEVENT") {
		ev, err := c.event(ve, defaultLoc)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
	}
	return evs, nil
}

// event decodes one VEVENT.
func (c *Calendar) event(ve *Component, defaultLoc *time.Location) (Event, error) {
	var ev Event
	uid := ve.Prop("UID")
	if uid == nil || strings.TrimSpace(uid.Text()) == "" {
		return ev, errorf(ve.Line, "the VEVENT has no UID")
	}
	ev.UID = uid.Text()
	var err error
	if ev.Sequence, err = sequence(ve); err != nil {
		return ev, err
	}
	if p := ve.Prop("DTSTAMP"); p != nil {
		if ev.Stamp, err = c.timeOf(p, time.UTC); err != nil {
			return ev, err
		}
	}
	if p := ve.Prop("LAST-MODIFIED"); p != nil {
		if ev.Modified, err = c.timeOf(p, time.UTC); err != nil {
			return ev, err
		}
	}
	if ev.Start, ev.End, err = c.span(ve, defaultLoc); err != nil {
		return ev, err
	}
	if p := ve.Prop("DTSTART"); p != nil && p.Param("TZID") != "" {
		ev.Zone = ev.Start.Location()
	}
	ev.Summary = text(ve, "SUMMARY")
	ev.Description = text(ve, "DESCRIPTION")
	ev.Location = text(ve, "LOCATION")
	ev.Status = Status(strings.ToUpper(text(ve, "STATUS")))
	if p := ve.Prop("URL"); p != nil {
		ev.URL = p.Value
	}
	if p := ve.Prop("GEO"); p != nil {
		lat, lon, ok := strings.Cut(p.Value, ";")
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if !ok || err1 != nil || err2 != nil {
			return ev, errorf(p.Line, "GEO %q is not latitude;longitude", clip(p.Value))
		}
		ev.Geo = &Geo{la, lo}
	}
	if p := ve.Prop("ORGANIZER"); p != nil {
		ev.Organizer = Person{Name: p.Param("CN"), Email: Address(p.Value)}
	}
	for _, p := range ve.All("ATTENDEE") {
		ev.Attendees = append(ev.Attendees, Attendee{
			Person:   Person{Name: p.Param("CN"), Email: Address(p.Value)},
			Role:     Role(strings.ToUpper(p.Param("ROLE"))),
			PartStat: PartStat(strings.ToUpper(p.Param("PARTSTAT"))),
			RSVP:     strings.EqualFold(p.Param("RSVP"), "TRUE"),
		})
	}
	for _, p := range ve.All("CATEGORIES") {
		ev.Categories = append(ev.Categories, splitText(p.Value)...)
	}
	return ev, nil
}

// span reads DTSTART and DTEND (or DURATION; or neither: an instant).
func (c *Calendar) span(ve *Component, defaultLoc *time.Location) (start, end time.Time, err error) {
	p := ve.Prop("DTSTART")
	if p == nil {
		return start, end, errorf(ve.Line, "the VEVENT has no DTSTART")
	}
	if start, err = c.timeOf(p, defaultLoc); err != nil {
		return start, end, err
	}
	switch e, d := ve.Prop("DTEND"), ve.Prop("DURATION"); {
	case e != nil:
		if end, err = c.timeOf(e, defaultLoc); err != nil {
			return start, end, err
		}
		if end.Before(start) {
			return start, end, errorf(e.Line, "DTEND is before DTSTART")
		}
	case d != nil:
		dur, err := parseDuration(strings.TrimSpace(d.Value))
		if err != nil || dur < 0 {
			return start, end, errorf(d.Line, "DURATION %q is not a duration such as PT1H", clip(d.Value))
		}
		end = start.Add(dur)
	default:
		end = start
	}
	return start, end, nil
}

// sequence reads SEQUENCE, 0 when absent.
func sequence(ve *Component) (int, error) {
	p := ve.Prop("SEQUENCE")
	if p == nil {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(p.Value))
	if err != nil || n < 0 {
		return 0, errorf(p.Line, "SEQUENCE %q is not a whole number of 0 or more", clip(p.Value))
	}
	return n, nil
}

// text returns the unescaped value of the first property with the name.
func text(c *Component, name string) string {
	if p := c.Prop(name); p != nil {
		return p.Text()
	}
	return ""
}

// Address returns the e-mail address of a CAL-ADDRESS such as
// "mailto:Rumi.Price@example.org", without the scheme.
func Address(calAddress string) string {
	s := strings.TrimSpace(calAddress)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	return s
}

// timeOf reads a DATE-TIME property: UTC with a trailing Z, local in the
// zone its TZID names, or floating, read in defaultLoc.
func (c *Calendar) timeOf(p *Property, defaultLoc *time.Location) (time.Time, error) {
	v := strings.TrimSpace(p.Value)
	if strings.EqualFold(p.Param("VALUE"), "DATE") || len(v) == 8 {
		return time.Time{}, errorf(p.Line, "%s %q is a whole day, not a time of day", p.Name, clip(v))
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse(utcLayout, v)
		if err != nil {
			return t, errorf(p.Line, "%s %q is not a UTC time such as 20261214T153000Z", p.Name, clip(v))
		}
		return t, nil
	}
	wall, err := time.Parse(localLayout, v)
	if err != nil {
		return wall, errorf(p.Line, "%s %q is not a date and time such as 20261214T093000", p.Name, clip(v))
	}
	loc := defaultLoc
	if tzid := p.Param("TZID"); tzid != "" {
		var vtz *Component
		if loc, vtz, err = c.zone(tzid); err != nil {
			return time.Time{}, errorf(p.Line, "%s: %v", p.Name, err)
		}
		if vtz != nil {
			off := offsetAt(vtz, wall)
			return wall.Add(-time.Duration(off) * time.Second).In(time.FixedZone(tzid, off)), nil
		}
	}
	if loc == nil {
		return time.Time{}, errorf(p.Line, "%s %q has no time zone and no default zone was given", p.Name, clip(v))
	}
	return wallIn(wall, loc), nil
}

// zone resolves a TZID to a Go location when it is an IANA name (also
// behind a prefix such as "/mozilla.org/20070129_1/"), else to the
// calendar's own VTIMEZONE of that TZID (as Outlook's "Central Standard
// Time").
func (c *Calendar) zone(tzid string) (*time.Location, *Component, error) {
	for name := strings.TrimSpace(tzid); name != ""; {
		if name != "Local" && !strings.HasPrefix(name, "/") {
			if loc, err := time.LoadLocation(name); err == nil {
				return loc, nil, nil
			}
		}
		_, rest, ok := strings.Cut(name, "/")
		if !ok {
			break
		}
		name = rest
	}
	for _, vtz := range c.Sub("VTIMEZONE") {
		if strings.TrimSpace(text(vtz, "TZID")) == tzid {
			return nil, vtz, nil
		}
	}
	return nil, nil, fmt.Errorf("time zone %q is neither an IANA name nor defined by a VTIMEZONE", clip(tzid))
}
