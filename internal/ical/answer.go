package ical

import (
	"strings"
	"time"
)

// Reply is what a resource's calendar client answered to an invitation:
// an iTIP REPLY (accepted, declined, tentative, delegated) or COUNTER (a
// proposed new time).
type Reply struct {
	Method       Method // MethodReply or MethodCounter
	UID          string
	Sequence     int
	Stamp        time.Time
	Attendee     string // e-mail address, without "mailto:"
	AttendeeName string
	PartStat     PartStat // REPLY only
	DelegatedTo  string   // e-mail address, when PartStat is DELEGATED
	Comment      string   // the COMMENTs, one per line
	CounterStart time.Time
	CounterEnd   time.Time
}

// ReadAnswer reads a REPLY or COUNTER. Times with a TZID are read in that
// zone (an IANA name, else the calendar's VTIMEZONE), times ending in Z in
// UTC, and floating times in defaultLoc (the program's zone).
func ReadAnswer(cal *Calendar, defaultLoc *time.Location) (Reply, error) {
	var r Reply
	line := cal.Line
	if p := cal.Prop("METHOD"); p != nil {
		line = p.Line
	}
	r.Method = cal.Method()
	if r.Method != MethodReply && r.Method != MethodCounter {
		if r.Method == "" {
			return r, errorf(line, "the calendar has no METHOD; an answer is METHOD:REPLY or METHOD:COUNTER")
		}
		return r, errorf(line, "METHOD:%s is not an answer; expected REPLY or COUNTER", clip(string(r.Method)))
	}
	ve, err := mainEvent(cal)
	if err != nil {
		return r, err
	}
	uid := ve.Prop("UID")
	if uid == nil || strings.TrimSpace(uid.Text()) == "" {
		return r, errorf(ve.Line, "the VEVENT has no UID, so it cannot be matched to an invitation")
	}
	r.UID = strings.TrimSpace(uid.Text())
	if r.Sequence, err = sequence(ve); err != nil {
		return r, err
	}
	if p := ve.Prop("DTSTAMP"); p != nil {
		if r.Stamp, err = cal.timeOf(p, time.UTC); err != nil {
			return r, err
		}
	}
	var comments []string
	for _, p := range ve.All("COMMENT") {
		if c := strings.TrimSpace(p.Text()); c != "" {
			comments = append(comments, c)
		}
	}
	r.Comment = strings.Join(comments, "\n")
	attendees := ve.All("ATTENDEE")
	if r.Method == MethodReply {
		if len(attendees) != 1 {
			return r, errorf(ve.Line, "a REPLY names exactly one ATTENDEE, this one names %d", len(attendees))
		}
		a := attendees[0]
		r.Attendee, r.AttendeeName = Address(a.Value), a.Param("CN")
		r.PartStat = PartStat(strings.ToUpper(a.Param("PARTSTAT")))
		switch r.PartStat {
		case PartAccepted, PartDeclined, PartTentative:
		case PartDelegated:
			r.DelegatedTo = Address(a.Param("DELEGATED-TO"))
		case "":
			return r, errorf(a.Line, "the ATTENDEE has no PARTSTAT, so the answer is unknown")
		default:
			return r, errorf(a.Line, "PARTSTAT=%s is not an answer; expected ACCEPTED, DECLINED, TENTATIVE or DELEGATED", clip(string(r.PartStat)))
		}
		if r.Attendee == "" {
			return r, errorf(a.Line, "the ATTENDEE has no address")
		}
		return r, nil
	}
	// A COUNTER may list every attendee; the one who proposes is known
	// only when there is exactly one (else the caller uses the sender).
	if len(attendees) == 1 {
		r.Attendee, r.AttendeeName = Address(attendees[0].Value), attendees[0].Param("CN")
	}
	if r.CounterStart, r.CounterEnd, err = cal.span(ve, defaultLoc); err != nil {
		return r, err
	}
	if !r.CounterEnd.After(r.CounterStart) {
		return r, errorf(ve.Line, "the proposed time has no length: it needs a DTEND or DURATION after DTSTART")
	}
	return r, nil
}

// mainEvent returns the VEVENT an answer is about: the one without a
// RECURRENCE-ID (Itinera sends no recurring events), else the first.
func mainEvent(cal *Calendar) (*Component, error) {
	evs := cal.Sub("VEVENT")
	if len(evs) == 0 {
		return nil, errorf(cal.Line, "the calendar has no VEVENT")
	}
	for _, ve := range evs {
		if ve.Prop("RECURRENCE-ID") == nil {
			return ve, nil
		}
	}
	return evs[0], nil
}
