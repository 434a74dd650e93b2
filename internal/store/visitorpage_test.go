package store_test

import (
	"context"
	"testing"

	"itinera"
	"itinera/internal/storetest"
)

// TestVisitorPage: keyset pages follow Visitors' order (family name, given
// name, case-insensitive, then id), cover every visitor once, count the
// program's visitors, start over for a cursor of another program or
// tenant, and see nothing of another program.
func TestVisitorPage(t *testing.T) {
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tn := itinera.Tenant{Slug: "stl", Name: "St. Louis", TimeZone: "America/Chicago"}
			if err := s.CreateTenant(ctx, &tn); err != nil {
				t.Fatal(err)
			}
			var ps [2]itinera.Program
			for i := range ps {
				ps[i] = itinera.Program{TenantID: tn.ID, Title: "Program", ProjectType: "IVLP", City: "St. Louis",
					TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-05-02"), EndDate: itinera.MustDate("2026-05-06"),
					Objectives: []string{"water"}}
				if err := s.CreateProgram(ctx, &ps[i]); err != nil {
					t.Fatal(err)
				}
			}
			names := [][2]string{{"Ana", "silva"}, {"Bruno", "Silva"}, {"ana", "Silva"}, {"Chen", "Abe"}, {"Dana", "zed"},
				{"Eli", "Mensah"}, {"Ana", "silva"}}
			for _, n := range names {
				v := itinera.Visitor{TenantID: tn.ID, ProgramID: ps[0].ID, GivenName: n[0], FamilyName: n[1], Country: "Peru",
					Languages: []string{"Spanish"}, Interests: []string{"water"}, Fictional: true}
				if err := s.CreateVisitor(ctx, &v); err != nil {
					t.Fatal(err)
				}
			}
			other := itinera.Visitor{TenantID: tn.ID, ProgramID: ps[1].ID, GivenName: "Omar", FamilyName: "Other", Country: "Peru",
				Languages: []string{"Spanish"}, Fictional: true}
			if err := s.CreateVisitor(ctx, &other); err != nil {
				t.Fatal(err)
			}
			all, err := s.Visitors(ctx, tn.ID, ps[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			var paged []itinera.Visitor
			after := int64(0)
			for range 10 {
				page, total, err := s.VisitorPage(ctx, tn.ID, ps[0].ID, after, 2)
				if err != nil {
					t.Fatal(err)
				}
				if total != len(names) {
					t.Fatalf("total %d", total)
				}
				if len(page) == 0 {
					break
				}
				paged = append(paged, page...)
				after = page[len(page)-1].ID
			}
			if len(paged) != len(all) {
				t.Fatalf("%d visitors paged, %d listed", len(paged), len(all))
			}
			for i := range all {
				if paged[i].ID != all[i].ID || len(paged[i].Interests) != 1 {
					t.Fatalf("visitor %d: paged %+v, listed %+v", i, paged[i], all[i])
				}
			}
			// A cursor of another program: the first page.
			page, _, err := s.VisitorPage(ctx, tn.ID, ps[0].ID, other.ID, 2)
			if err != nil || len(page) != 2 || page[0].ID != all[0].ID {
				t.Fatalf("another program's cursor: %v %+v", err, page)
			}
			page, total, err := s.VisitorPage(ctx, tn.ID+1, ps[0].ID, 0, 10)
			if err != nil || len(page) != 0 || total != 0 {
				t.Fatalf("another tenant: %v %d %d", err, len(page), total)
			}
		})
	}
}
