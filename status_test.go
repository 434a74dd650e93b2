package itinera

import (
	"testing"
	"time"
)

// Every status of every kind has its word and its meaning, once.
func TestStatusWordsCoverEveryStatus(t *testing.T) {
	all := map[string][]string{"program": {}, "meeting": {}, "request": {}, "message": {}, "evening": {}, "household": {}}
	for _, s := range []ProgramStatus{ProgramPlanning, ProgramReleased, ProgramRunning, ProgramCompleted, ProgramCancelled} {
		all["program"] = append(all["program"], string(s))
	}
	for _, s := range []MeetingStatus{MeetingCandidate, MeetingRequested, MeetingAccepted, MeetingConfirmed, MeetingDeclined, MeetingCancelled} {
		all["meeting"] = append(all["meeting"], string(s))
	}
	for _, s := range RequestStatuses {
		all["request"] = append(all["request"], string(s))
	}
	for _, s := range []OutboxStatus{OutboxQueued, OutboxSending, OutboxSent, OutboxFailed} {
		all["message"] = append(all["message"], string(s))
	}
	for _, s := range []EveningStatus{EveningPlanning, EveningMatched, EveningConfirmed} {
		all["evening"] = append(all["evening"], string(s))
	}
	for _, s := range []HouseholdStatus{HouseholdPending, HouseholdApproved, HouseholdRejected, HouseholdWithdrawn} {
		all["household"] = append(all["household"], string(s))
	}
	seen := map[[2]string]bool{}
	for _, w := range StatusWords() {
		k := [2]string{w.Kind, w.Value}
		if seen[k] {
			t.Errorf("%s %q is listed twice", w.Kind, w.Value)
		}
		seen[k] = true
		if w.Label == "" || len(w.Means) < 20 {
			t.Errorf("%s %q has no word or meaning", w.Kind, w.Value)
		}
	}
	kinds := map[string]bool{}
	for _, k := range StatusKinds() {
		kinds[k[0]] = true
	}
	for kind, values := range all {
		if !kinds[kind] {
			t.Errorf("kind %q has no heading", kind)
		}
		for _, v := range values {
			if !seen[[2]string{kind, v}] {
				t.Errorf("%s %q is not explained", kind, v)
			}
		}
	}
	if got := StatusLabel("request", "counter-proposed"); got != "counter-proposed" {
		t.Errorf("label %q", got)
	}
	if got := CalendarMethodLabel("REQUEST"); got != "calendar invitation" {
		t.Errorf("calendar label %q", got)
	}
}

func TestLinkLastDay(t *testing.T) {
	chicago, _ := LoadZone("America/Chicago")
	// A link that stops at midnight in Chicago works the day before.
	end := MustDate("2026-12-12").In(chicago)
	if got := LinkLastDayLabel(end, chicago); got != "Friday 11 December 2026" {
		t.Errorf("last day %q", got)
	}
	// Seen from UTC, 06:00 on the 12th is still the 12th.
	if got := LinkLastDay(end, time.UTC); got.String() != "2026-12-12" {
		t.Errorf("in UTC %s", got)
	}
	if got := LinkLastDayLabel(time.Time{}, chicago); got != "" {
		t.Errorf("a link that does not expire: %q", got)
	}
}
