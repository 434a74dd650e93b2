package store_test

import (
	"fmt"
	"slices"
	"testing"

	"itinera"
	"itinera/internal/store"
)

// TestProgramsPage: keyset pages walk the same list as Programs (latest
// arrival first, then the newest id), each program once, of the tenant
// only, with their objectives; ProgramsEndingFrom keeps the list's order;
// CountPrograms counts them.
func TestProgramsPage(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		tn, other := mustTenant(t, s, "stl"), mustTenant(t, s, "kc")
		for i := range 25 {
			// Five programs share each arrival date: the id breaks the tie.
			d := itinera.MustDate("2027-03-01").AddDays(i / 5)
			p := itinera.Program{TenantID: tn.ID, Title: fmt.Sprintf("Program %02d", i), City: "St. Louis",
				TimeZone: "America/Chicago", StartDate: d, EndDate: d, Objectives: []string{fmt.Sprintf("topic %d", i%4)}}
			must(t, s.CreateProgram(ctx, &p))
		}
		o := itinera.Program{TenantID: other.ID, Title: "Elsewhere", City: "Kansas City", TimeZone: "America/Chicago",
			StartDate: itinera.MustDate("2027-03-02"), EndDate: itinera.MustDate("2027-03-02")}
		must(t, s.CreateProgram(ctx, &o))
		all, err := s.Programs(ctx, tn.ID)
		must(t, err)
		var paged []itinera.Program
		after := itinera.ProgramCursor{}
		for {
			page, err := s.ProgramsPage(ctx, tn.ID, after, 7)
			must(t, err)
			paged = append(paged, page...)
			if len(page) < 7 {
				break
			}
			last := page[len(page)-1]
			after = itinera.ProgramCursor{StartDate: last.StartDate, ID: last.ID}
		}
		if len(paged) != 25 || len(all) != 25 {
			t.Fatalf("%d paged, %d listed, want 25", len(paged), len(all))
		}
		for i := range all {
			if paged[i].ID != all[i].ID || paged[i].Title != all[i].Title || len(paged[i].Objectives) != 1 ||
				!slices.Equal(paged[i].Objectives, all[i].Objectives) {
				t.Fatalf("at %d: paged %d %q, listed %d %q", i, paged[i].ID, paged[i].Title, all[i].ID, all[i].Title)
			}
		}
		// Ending from 4 March: the last two dates' ten programs, in order.
		ending, err := s.ProgramsEndingFrom(ctx, tn.ID, itinera.MustDate("2027-03-04"))
		must(t, err)
		if len(ending) != 10 || ending[0].ID != all[0].ID || ending[9].ID != all[9].ID {
			t.Fatalf("ProgramsEndingFrom: %d programs", len(ending))
		}
		if n, err := s.CountPrograms(ctx, tn.ID); err != nil || n != 25 {
			t.Fatalf("CountPrograms = %d, %v", n, err)
		}
	})
}
