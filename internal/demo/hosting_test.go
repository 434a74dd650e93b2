package demo_test

import (
	"context"
	"testing"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

func TestLoadHospitality(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := storetest.SQLite(t)
	tenant := demo.Tenant()
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		t.Fatal(err)
	}
	pid, err := demo.Load(ctx, s.Services(), tenant.ID, storetest.Now())
	if err != nil {
		t.Fatal(err)
	}
	eid, err := demo.LoadHospitality(ctx, s.Services(), tenant.ID, pid)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Evening(ctx, tenant.ID, eid)
	if err != nil {
		t.Fatal(err)
	}
	hs, _ := demo.Households()
	p, _ := s.Program(ctx, tenant.ID, pid)
	if len(e.VisitorIDs) != 9 || len(e.InterpreterIDs) != 1 || len(e.Invitations) != len(hs) {
		t.Fatalf("evening: %d visitors, %d interpreters, %d households invited", len(e.VisitorIDs), len(e.InterpreterIDs), len(e.Invitations))
	}
	if got := itinera.DateOf(e.Start.In(p.Location())); got != p.StartDate.AddDays(demo.HospitalityDay()) {
		t.Errorf("the evening is on %s", got)
	}
	approved, _ := s.Households(ctx, tenant.ID, itinera.HouseholdFilter{Status: itinera.HouseholdApproved})
	if len(approved) != len(hs) {
		t.Errorf("%d approved households, want %d", len(approved), len(hs))
	}
	together, apart := demo.HospitalityPairs()
	if ps, _ := s.Pairs(ctx, tenant.ID, pid); len(ps) != len(together)+len(apart) {
		t.Errorf("%d pairs stored", len(ps))
	}
}
