package itinera

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// What hosts are told, and only when their part changes. Confirming an
// evening again after a re-match writes to a household only when its
// guests or the evening's time changed (an updated invitation, same UID,
// higher SEQUENCE), cancels the invitation of a household that no longer
// receives guests, and leaves every other household alone. The store keeps
// what was last sent to each household: the fingerprint of its guests and
// time, and the calendar SEQUENCE.

// NoticeKind says what a household's e-mail at a confirmation is.
type NoticeKind string

// Notice kinds.
const (
	NoticeNew    NoticeKind = "new"    // first invitation with guests
	NoticeUpdate NoticeKind = "update" // guests or time changed
	NoticeCancel NoticeKind = "cancel" // no guests any more
)

// HospitalityNotice is what one household is told when an evening is
// confirmed: its guests (none for a cancellation) and the calendar
// SEQUENCE the e-mail's invitation carries.
type HospitalityNotice struct {
	HouseholdID int64
	Kind        NoticeKind
	Sequence    int
	Guests      []HospitalityGuest
	// Before is what the household was last told (nil: nothing, or not
	// known: told before what was told was recorded).
	Before *NoticeTold
}

// NoticeTold is what a household was told about an evening: its time and
// the visitors and interpreters it receives.
type NoticeTold struct {
	Start, End     time.Time
	VisitorIDs     []int64
	InterpreterIDs []int64
}

// HospitalityNotify composes the e-mail of one notice.
type HospitalityNotify func(HospitalityNotice) (OutboxMessage, error)

// GuestFingerprint identifies what a household was told: the evening's
// time and the visitors and interpreters it receives, in any order.
func GuestFingerprint(e HospitalityEvening, householdID int64) string {
	sum := sha256.Sum256([]byte(GuestsTold(e, householdID)))
	return hex.EncodeToString(sum[:])
}

// GuestsTold writes what a household is told about an evening, as the
// store keeps it: "start|end|i3,v1,v2" (instants in UTC, RFC 3339).
func GuestsTold(e HospitalityEvening, householdID int64) string {
	var who []string
	for _, g := range e.Guests {
		if g.HouseholdID != householdID {
			continue
		}
		if g.VisitorID != 0 {
			who = append(who, fmt.Sprintf("v%d", g.VisitorID))
		} else {
			who = append(who, fmt.Sprintf("i%d", g.InterpreterID))
		}
	}
	slices.Sort(who)
	return e.Start.UTC().Format(time.RFC3339) + "|" + e.End.UTC().Format(time.RFC3339) + "|" + strings.Join(who, ",")
}

// ParseTold reads what GuestsTold wrote; false when s is empty or not one.
func ParseTold(s string) (NoticeTold, bool) {
	var t NoticeTold
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return t, false
	}
	var err error
	if t.Start, err = time.Parse(time.RFC3339, parts[0]); err != nil {
		return t, false
	}
	if t.End, err = time.Parse(time.RFC3339, parts[1]); err != nil {
		return t, false
	}
	for _, w := range strings.Split(parts[2], ",") {
		if len(w) < 2 {
			continue
		}
		id, err := strconv.ParseInt(w[1:], 10, 64)
		if err != nil {
			return t, false
		}
		switch w[0] {
		case 'v':
			t.VisitorIDs = append(t.VisitorIDs, id)
		case 'i':
			t.InterpreterIDs = append(t.InterpreterIDs, id)
		default:
			return t, false
		}
	}
	return t, true
}

// LegacyNoticeSequence is the SEQUENCE that invitations confirmed before
// notices were recorded carried (minutes since 2024 at the confirmation),
// so that the first recorded notice of such an evening still supersedes it.
func LegacyNoticeSequence(confirmedAt time.Time) int {
	if confirmedAt.IsZero() {
		return 0
	}
	return int(confirmedAt.Sub(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).Minutes())
}

// InvitationAnswer is a host's own answer to the invitation to an evening.
type InvitationAnswer string

// Answers: none yet, can host, cannot host.
const (
	AnswerNone InvitationAnswer = ""
	AnswerYes  InvitationAnswer = "yes"
	AnswerNo   InvitationAnswer = "no"
)

// HostAnswer is what a host says about one evening on their personal page.
type HostAnswer struct {
	Answer InvitationAnswer
	Note   string
}

// Validate checks the answer.
func (a *HostAnswer) Validate() error {
	f := FieldErrors{}
	checkText(f, "note", &a.Note, shortNote)
	if a.Answer != AnswerYes && a.Answer != AnswerNo {
		f.Add("answer", "Choose whether you can host that evening.")
	}
	return f.Err("answer")
}

// EveningInvite invites one household to an evening by e-mail: Link
// replaces the household's personal link (one link per household) and its
// Mail, which carries the new link, is queued with the invitation.
type EveningInvite struct {
	HouseholdID int64
	Link        HouseholdLink
}

// HostEvening is an evening a household is invited to, as its personal
// page shows it.
type HostEvening struct {
	EveningID    int64
	ProgramTitle string
	TimeZone     string
	Start, End   time.Time
	Note         string
	Status       InvitationStatus
	Answer       InvitationAnswer
	AnswerNote   string
	Confirmed    bool
}

// Location returns the evening's time zone; UTC when it is unknown.
func (e HostEvening) Location() *time.Location {
	if loc, err := LoadZone(e.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}
