package hosting

import (
	"reflect"
	"testing"
	"time"

	"itinera"
)

// TestNoticeChanges: what the release page says a household is told, in
// plain words, for each kind of notice.
func TestNoticeChanges(t *testing.T) {
	t.Parallel()
	loc, err := itinera.LoadZone("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 6, 18, 0, 0, 0, loc)
	rec := &Records{Program: itinera.Program{TimeZone: "America/Chicago"},
		Evening:      itinera.HospitalityEvening{Start: start, End: start.Add(3 * time.Hour)},
		Visitors:     []itinera.Visitor{{ID: 1, GivenName: "Ana"}, {ID: 2, GivenName: "Boris"}, {ID: 3, GivenName: "Chen"}},
		Interpreters: []itinera.Interpreter{{ID: 9, Name: "Dana Ruiz"}}}
	guests := func(ids ...int64) []itinera.HospitalityGuest {
		var out []itinera.HospitalityGuest
		for _, id := range ids {
			if id == 9 {
				out = append(out, itinera.HospitalityGuest{InterpreterID: id})
			} else {
				out = append(out, itinera.HospitalityGuest{VisitorID: id})
			}
		}
		return out
	}
	told := &itinera.NoticeTold{Start: start, End: start.Add(3 * time.Hour), VisitorIDs: []int64{1}}
	earlier := &itinera.NoticeTold{Start: start.Add(-time.Hour), End: start.Add(2 * time.Hour), VisitorIDs: []int64{2, 1}}
	for _, c := range []struct {
		name string
		n    itinera.HospitalityNotice
		want []string
	}{
		{"new", itinera.HospitalityNotice{Kind: itinera.NoticeNew, Guests: guests(1, 2)},
			[]string{"Receives Ana and Boris, Sunday 6 December 18:00–21:00"}},
		{"guests", itinera.HospitalityNotice{Kind: itinera.NoticeUpdate, Guests: guests(2, 1), Before: told},
			[]string{"Now receives Ana and Boris (was Ana)"}},
		{"time", itinera.HospitalityNotice{Kind: itinera.NoticeUpdate, Guests: guests(1, 2), Before: earlier},
			[]string{"Evening moved to Sunday 6 December 18:00–21:00 (was Sunday 6 December 17:00–20:00)"}},
		{"interpreter", itinera.HospitalityNotice{Kind: itinera.NoticeUpdate, Guests: guests(1, 3, 9), Before: told},
			[]string{"Now receives Ana, Chen and Dana (interpreter) (was Ana)"}},
		{"not known", itinera.HospitalityNotice{Kind: itinera.NoticeUpdate, Guests: guests(3)},
			[]string{"Now receives Chen, Sunday 6 December 18:00–21:00"}},
		{"cancelled", itinera.HospitalityNotice{Kind: itinera.NoticeCancel, Before: told},
			[]string{"Cancelled: receives nobody now (was Ana)"}},
		{"cancelled, not known", itinera.HospitalityNotice{Kind: itinera.NoticeCancel},
			[]string{"Cancelled: receives nobody now"}},
	} {
		if got := rec.NoticeChanges(c.n); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
