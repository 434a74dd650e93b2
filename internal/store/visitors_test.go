package store_test

import (
	"sync"
	"testing"

	"itinera"
	"itinera/internal/store"
)

// wantEmailTaken fails unless err is a field error on "email".
func wantEmailTaken(t *testing.T, err error) {
	t.Helper()
	if itinera.ErrorCode(err) != itinera.EINVALID || itinera.ErrorFields(err)["email"] == "" {
		t.Fatalf("error %v, want a field error on email", err)
	}
}

// A visitor's e-mail address is unique within the program, without case;
// many visitors may have none.
func TestVisitorEmailUniqueInProgram(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "stl")
		tid := f.tenant.ID
		visitor := func(name, email string) itinera.Visitor {
			return itinera.Visitor{TenantID: tid, ProgramID: f.program.ID, GivenName: name, Country: "Nigeria",
				Languages: []string{"English"}, Email: email}
		}
		amara := visitor("Amara", "amara@example.org")
		must(t, s.CreateVisitor(ctx, &amara))

		bola := visitor("Bola", " AMARA@Example.org ")
		wantEmailTaken(t, s.CreateVisitor(ctx, &bola))
		for _, name := range []string{"Bola", "Chidi"} {
			v := visitor(name, "")
			must(t, s.CreateVisitor(ctx, &v))
			if name == "Bola" {
				bola = v
			}
		}
		bola.Email = "Amara@example.org"
		wantEmailTaken(t, s.UpdateVisitor(ctx, &bola))
		bola.Email = "bola@example.org"
		must(t, s.UpdateVisitor(ctx, &bola))
		// Saving a visitor with their own address is no conflict.
		amara.Position = "Director"
		must(t, s.UpdateVisitor(ctx, &amara))

		// Another program may have a visitor with the same address.
		p2 := f.program
		p2.ID, p2.Title = 0, "Rule of Law"
		must(t, s.CreateProgram(ctx, &p2))
		elsewhere := visitor("Amara", "amara@example.org")
		elsewhere.ProgramID = p2.ID
		must(t, s.CreateVisitor(ctx, &elsewhere))

		// Duplicates stored before the rule existed stay readable; saving
		// one of them asks for another address.
		must(t, s.ExecForTest(ctx, `INSERT INTO visitors (tenant_id, program_id, given_name, family_name, country, email)
			VALUES ($1, $2, 'Dayo', '', 'Nigeria', 'amara@example.org')`, tid, f.program.ID))
		vs, err := s.Visitors(ctx, tid, f.program.ID)
		must(t, err)
		var dayo itinera.Visitor
		for _, v := range vs {
			if v.GivenName == "Dayo" {
				dayo = v
			}
		}
		if dayo.ID == 0 {
			t.Fatalf("the older duplicate is not listed: %v", vs)
		}
		dayo.Languages = []string{"Yoruba"}
		wantEmailTaken(t, s.UpdateVisitor(ctx, &dayo))
		dayo.Email = "dayo@example.org"
		must(t, s.UpdateVisitor(ctx, &dayo))
	})
}

// Visitors added at the same time with the same address: one is stored,
// the others get the field error (PostgreSQL runs the writers in parallel).
func TestVisitorEmailUniqueConcurrently(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		f := mustFixture(t, s, "stl")
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v := itinera.Visitor{TenantID: f.tenant.ID, ProgramID: f.program.ID, GivenName: "Amara", Country: "Nigeria",
					Languages: []string{"English"}, Email: "amara@example.org"}
				errs[i] = s.CreateVisitor(ctx, &v)
			}()
		}
		wg.Wait()
		stored := 0
		for _, err := range errs {
			if err == nil {
				stored++
				continue
			}
			wantEmailTaken(t, err)
		}
		if stored != 1 {
			t.Fatalf("%d visitors stored with one address, want 1", stored)
		}
	})
}
