package itinera_test

import (
	"strings"
	"testing"

	"itinera"
)

// TestDelegationProfile: what a resource learns of the delegation is
// counts, countries and positions, never a name or an address.
func TestDelegationProfile(t *testing.T) {
	t.Parallel()
	vs := []itinera.Visitor{
		{GivenName: "Ana", FamilyName: "Pereira", Country: "Brazil", Position: "Prosecutor", Email: "ana@example.org"},
		{GivenName: "Li", FamilyName: "Wei", Country: "China", Position: "prosecutor"},
		{GivenName: "Sara", FamilyName: "Haile", Country: " Brazil ", Position: "Social worker"},
		{GivenName: "Tomás", FamilyName: "Ruiz"},
	}
	is := []itinera.Interpreter{{Name: "Lena Ortiz"}}
	for _, tc := range []struct {
		vs   []itinera.Visitor
		is   []itinera.Interpreter
		want string
	}{
		{vs, is, "4 visitors from 2 countries (Brazil, China), with an interpreter."},
		{vs[:1], nil, "1 visitor from Brazil."},
		{vs[3:], append(is, is...), "1 visitor, with 2 interpreters."},
		{nil, nil, "The delegation's members are not yet known."},
	} {
		p := itinera.NewDelegationProfile(tc.vs, tc.is)
		if got := p.Who(); got != tc.want {
			t.Errorf("Who %q, want %q", got, tc.want)
		}
		all := p.Who() + strings.Join(p.Countries, " ") + strings.Join(p.Professions, " ")
		for _, v := range tc.vs {
			for _, private := range []string{v.GivenName, v.FamilyName, v.Email} {
				if private != "" && strings.Contains(all, private) {
					t.Errorf("the profile tells %q", private)
				}
			}
		}
	}
	if p := itinera.NewDelegationProfile(vs, is); strings.Join(p.Professions, ", ") != "Prosecutor, Social worker" {
		t.Errorf("professions %v", p.Professions)
	}
}
