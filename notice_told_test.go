package itinera

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"testing"
	"time"
)

// TestGuestsTold: what a household is told reads back as written, and its
// fingerprint is the hash of it, as notices recorded before kept it.
func TestGuestsTold(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	e := HospitalityEvening{Start: start, End: start.Add(3 * time.Hour), Guests: []HospitalityGuest{
		{HouseholdID: 1, VisitorID: 12}, {HouseholdID: 1, InterpreterID: 3}, {HouseholdID: 1, VisitorID: 2}, {HouseholdID: 5, VisitorID: 7}}}
	s := GuestsTold(e, 1)
	if s != "2026-12-07T00:00:00Z|2026-12-07T03:00:00Z|i3,v12,v2" {
		t.Errorf("told %q", s)
	}
	sum := sha256.Sum256([]byte(s))
	if GuestFingerprint(e, 1) != hex.EncodeToString(sum[:]) {
		t.Error("the fingerprint is not the hash of what was told")
	}
	got, ok := ParseTold(s)
	want := NoticeTold{Start: e.Start, End: e.End, VisitorIDs: []int64{12, 2}, InterpreterIDs: []int64{3}}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v (%v)", got, ok)
	}
	if got, ok := ParseTold(GuestsTold(e, 9)); !ok || len(got.VisitorIDs)+len(got.InterpreterIDs) != 0 {
		t.Errorf("nobody: %+v (%v)", got, ok)
	}
	for _, bad := range []string{"", "x", "a|b|c", "2026-12-07T00:00:00Z|2026-12-07T03:00:00Z|x1"} {
		if _, ok := ParseTold(bad); ok {
			t.Errorf("%q read", bad)
		}
	}
}

// FuzzParseTold: any text is read without panicking; what reads is
// written back the same way.
func FuzzParseTold(f *testing.F) {
	f.Add("2026-12-07T00:00:00Z|2026-12-07T03:00:00Z|i3,v12,v2")
	f.Add("||")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseTold(s)
		if !ok {
			return
		}
		if _, ok := ParseTold(got.Start.UTC().Format(time.RFC3339) + "|" + got.End.UTC().Format(time.RFC3339) + "|"); !ok {
			t.Errorf("%q: its times do not read back", s)
		}
	})
}
