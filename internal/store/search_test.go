package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/store"
)

var errRollback = errors.New("roll back")

// search runs q as the search box does and returns "kind:title" of the hits.
func search(t *testing.T, s *store.Store, tenantID int64, q string) []string {
	t.Helper()
	hits, err := s.Search(ctx, tenantID, itinera.SearchQuery{Terms: itinera.SearchTerms(q)})
	must(t, err)
	var out []string
	for _, h := range hits {
		out = append(out, string(h.Kind)+":"+h.Title)
	}
	return out
}

// The search finds every kind of record by the start of its words, follows
// each write in its transaction, and never another organization's records;
// the same on both databases.
func TestSearchFollowsWrites(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "stl")
		other := mustFixture(t, s, "pdx")
		tid := f.tenant.ID

		v := itinera.Visitor{TenantID: tid, ProgramID: f.program.ID, GivenName: "Lucía", FamilyName: "Fernández", Country: "Argentina",
			Position: "Shelter director", Languages: []string{"Spanish"}}
		must(t, s.CreateVisitor(ctx, &v))
		i := itinera.Interpreter{TenantID: tid, ProgramID: f.program.ID, Name: "Carmen Díaz", Languages: []string{"Spanish", "English"}}
		must(t, s.CreateInterpreter(ctx, &i))
		m := itinera.Meeting{TenantID: tid, ProgramID: f.program.ID, Title: "Victim services roundtable", HostOrganizationID: f.org.ID,
			DurationMinutes: 60, Priority: 1, Status: itinera.MeetingCandidate, Notes: "Bring the shelter directory"}
		must(t, s.CreateMeeting(ctx, &m))
		msg := itinera.OutboxMessage{TenantID: tid, To: "shima@example.org", Subject: "Meeting request: Victim services roundtable",
			TextBody: "Please answer here: https://itinera.example/r/SECRETtoken123 before Friday."}
		must(t, s.Enqueue(ctx, &msg))

		got := search(t, s, tid, "traff")
		want := []string{"program:Combating Trafficking in Persons", "organization:Gateway Human Trafficking"}
		if !slices.Equal(got, want) {
			t.Errorf("traff: %q, want %q", got, want)
		}
		// Every word must match, each as a prefix, any case.
		if got, want := search(t, s, tid, "VICTIM round"), []string{"meeting:Victim services roundtable", "message:Meeting request: Victim services roundtable"}; !slices.Equal(got, want) {
			t.Errorf("victim round: %q, want %q", got, want)
		}
		for q, want := range map[string]string{
			"Lucía": "visitor:Lucía Fernández", "shelter dir": "visitor:Lucía Fernández", "carmen": "interpreter:Carmen Díaz",
			"Shima": "contact:Shima Rostami", "gateway arch": "place:Gateway Arch", "Friday": "message:Meeting request: Victim services roundtable",
		} {
			if got := search(t, s, tid, q); !slices.Contains(got, want) {
				t.Errorf("%q: %q, want %q among them", q, got, want)
			}
		}
		// The token of a secret link is not indexed, nor shown.
		if got := search(t, s, tid, "SECRETtoken"); len(got) != 0 {
			t.Errorf("a secret link's token was found: %q", got)
		}
		hits, err := s.Search(ctx, tid, itinera.SearchQuery{Terms: []string{"friday"}})
		must(t, err)
		if len(hits) != 1 || strings.Contains(hits[0].Body, "SECRET") || hits[0].Kind != itinera.SearchMessage {
			t.Errorf("message hit %+v", hits)
		}
		// A kind narrows the search.
		hits, err = s.Search(ctx, tid, itinera.SearchQuery{Terms: []string{"victim"}, Kind: itinera.SearchMeeting})
		must(t, err)
		if len(hits) != 1 || hits[0].RecordID != m.ID || hits[0].ProgramID != f.program.ID {
			t.Errorf("meetings about victims: %+v", hits)
		}

		// Writes move the index with them.
		v.FamilyName = "Gómez"
		must(t, s.UpdateVisitor(ctx, &v))
		if got := search(t, s, tid, "fernández"); len(got) != 0 {
			t.Errorf("old name still found: %q", got)
		}
		if got := search(t, s, tid, "gómez"); !slices.Equal(got, []string{"visitor:Lucía Gómez"}) {
			t.Errorf("new name: %q", got)
		}
		must(t, s.DeleteInterpreter(ctx, tid, i.ID))
		if got := search(t, s, tid, "carmen"); len(got) != 0 {
			t.Errorf("deleted interpreter found: %q", got)
		}
		// A write that fails leaves the index as it was.
		err = s.InTx(ctx, func(ctx context.Context) error {
			p := f.program
			p.Title = "Rule of Law"
			must(t, s.UpdateProgram(ctx, &p))
			return errRollback
		})
		if err != errRollback {
			t.Fatal(err)
		}
		if got := search(t, s, tid, "rule law"); len(got) != 0 {
			t.Errorf("rolled-back title found: %q", got)
		}
		// Deleting a program removes its people and meetings from the index.
		must(t, s.DeleteProgram(ctx, tid, f.program.ID))
		for _, q := range []string{"lucía", "roundtable combating"} {
			if got := search(t, s, tid, q); slices.ContainsFunc(got, func(h string) bool { return !strings.HasPrefix(h, "message:") }) {
				t.Errorf("%q after the program's deletion: %q", q, got)
			}
		}

		// The other organization's records never appear, and it finds its own.
		for _, q := range []string{"victim", "gómez", "shima"} {
			for _, h := range searchHits(t, s, other.tenant.ID, q) {
				if h.Kind == itinera.SearchVisitor || h.Kind == itinera.SearchMeeting || h.Kind == itinera.SearchMessage {
					t.Errorf("%q in the other organization found %+v", q, h)
				}
			}
		}
		if got := search(t, s, other.tenant.ID, "shima"); !slices.Equal(got, []string{"contact:Shima Rostami"}) {
			t.Errorf("other organization's own contact: %q", got)
		}
		if hits := searchHits(t, s, other.tenant.ID, "shima"); hits[0].RecordID != other.contact.ID {
			t.Errorf("other organization found contact %d, want its own %d", hits[0].RecordID, other.contact.ID)
		}
	})
}

func searchHits(t *testing.T, s *store.Store, tenantID int64, q string) []itinera.SearchHit {
	t.Helper()
	hits, err := s.Search(ctx, tenantID, itinera.SearchQuery{Terms: itinera.SearchTerms(q)})
	must(t, err)
	return hits
}

// Whatever is typed, the search answers without error: the terms reach the
// database as words, never as query syntax.
func TestSearchHostileQueries(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "stl")
		for _, q := range []string{`"`, `"traff`, `traff*`, `*`, "traff\x00ick", `NEAR(traff gate)`, `traff OR gate`, `title:traff`,
			`traff & !gate | (x) <-> y:*`, `'; DROP TABLE programs; --`, strings.Repeat("ab ", 200), strings.Repeat("x", 500),
			`^traff`, `-traff`, `traff AND NOT x`, `{title body}: x`, "\u202etraff", "١٢٣", "日本語"} {
			if _, err := s.Search(ctx, f.tenant.ID, itinera.SearchQuery{Terms: itinera.SearchTerms(q)}); err != nil {
				t.Errorf("%q: %v", q, err)
			}
		}
		if got := search(t, s, f.tenant.ID, `"traff*" (`); !slices.Contains(got, "program:Combating Trafficking in Persons") {
			t.Errorf("punctuation around a word: %q", got)
		}
		// Terms that did not come from SearchTerms are refused, not run.
		_, err := s.Search(ctx, f.tenant.ID, itinera.SearchQuery{Terms: []string{`traff" OR "x`}})
		wantCode(t, err, itinera.EINVALID)
	})
}

// The audit log keeps each entry as written, newest first, filtered; a
// change rolled back leaves no entry.
func TestAuditLog(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "stl")
		other := mustFixture(t, s, "pdx")
		tid := f.tenant.ID
		e1 := itinera.AuditEntry{TenantID: tid, UserID: 7, Actor: "Ann Officer", Kind: "meeting", RecordID: 3, ProgramID: f.program.ID,
			Action: "update", Before: map[string]any{"Title": "Old"}, After: map[string]any{"Title": "New"}}
		must(t, s.RecordChange(ctx, &e1))
		e2 := itinera.AuditEntry{TenantID: tid, Actor: "resource via link", Kind: "request", RecordID: 4, Action: "answer",
			After: map[string]any{"Status": "accepted"}}
		must(t, s.RecordChange(ctx, &e2))
		e3 := itinera.AuditEntry{TenantID: other.tenant.ID, UserID: 9, Actor: "Bo Admin", Kind: "program", RecordID: other.program.ID, Action: "create"}
		must(t, s.RecordChange(ctx, &e3))
		err := s.InTx(ctx, func(ctx context.Context) error {
			e := itinera.AuditEntry{TenantID: tid, Actor: "Ann Officer", Kind: "visitor", RecordID: 1, Action: "delete"}
			must(t, s.RecordChange(ctx, &e))
			return errRollback
		})
		if err != errRollback {
			t.Fatal(err)
		}

		all, err := s.AuditLog(ctx, tid, itinera.AuditFilter{})
		must(t, err)
		if len(all) != 2 || all[0].ID != e2.ID || all[1].ID != e1.ID {
			t.Fatalf("log %+v", all)
		}
		if got := all[1]; got.Before["Title"] != "Old" || got.After["Title"] != "New" || got.UserID != 7 || got.ProgramID != f.program.ID ||
			got.At.IsZero() || got.Actor != "Ann Officer" {
			t.Errorf("entry %+v", got)
		}
		if got := all[0]; got.UserID != 0 || len(got.Before) != 0 || got.After["Status"] != "accepted" {
			t.Errorf("entry %+v", got)
		}
		for name, tc := range map[string]struct {
			f    itinera.AuditFilter
			want int
		}{
			"user":       {itinera.AuditFilter{UserID: 7}, 1},
			"kind":       {itinera.AuditFilter{Kind: "request"}, 1},
			"record":     {itinera.AuditFilter{Kind: "meeting", RecordID: 3}, 1},
			"program":    {itinera.AuditFilter{ProgramID: f.program.ID}, 1},
			"from":       {itinera.AuditFilter{From: time.Now().Add(time.Hour)}, 0},
			"to":         {itinera.AuditFilter{To: time.Now().Add(time.Hour)}, 2},
			"limit":      {itinera.AuditFilter{Limit: 1}, 1},
			"other user": {itinera.AuditFilter{UserID: 9}, 0},
		} {
			got, err := s.AuditLog(ctx, tid, tc.f)
			must(t, err)
			if len(got) != tc.want {
				t.Errorf("%s: %d entries, want %d", name, len(got), tc.want)
			}
		}
	})
}
