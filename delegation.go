package itinera

import (
	"fmt"
	"sort"
	"strings"
)

// DelegationProfile is what a resource learns about the delegation: how
// many come, from where and what they do. It holds no names or contact
// data. The request e-mail, the resource's answer page and the calendar
// entries of meetings (confirmations and feeds) all say it with Who.
type DelegationProfile struct {
	Visitors     int
	Countries    []string // sorted, each once
	Professions  []string // positions, sorted, each once
	Interpreters int
}

// NewDelegationProfile sums up the delegation.
func NewDelegationProfile(vs []Visitor, is []Interpreter) DelegationProfile {
	p := DelegationProfile{Visitors: len(vs), Interpreters: len(is)}
	countries, jobs := map[string]bool{}, map[string]bool{}
	for _, v := range vs {
		if c := strings.TrimSpace(v.Country); c != "" && !countries[c] {
			countries[c] = true
			p.Countries = append(p.Countries, c)
		}
		if j := strings.TrimSpace(v.Position); j != "" && !jobs[strings.ToLower(j)] {
			jobs[strings.ToLower(j)] = true
			p.Professions = append(p.Professions, j)
		}
	}
	sort.Strings(p.Countries)
	sort.Strings(p.Professions)
	return p
}

// Who says who is coming in one sentence: "9 visitors from 9 countries
// (Brazil, …), with an interpreter."
func (p DelegationProfile) Who() string {
	var b strings.Builder
	switch p.Visitors {
	case 0:
		b.WriteString("The delegation's members are not yet known")
	case 1:
		b.WriteString("1 visitor")
	default:
		fmt.Fprintf(&b, "%d visitors", p.Visitors)
	}
	switch n := len(p.Countries); {
	case n == 1:
		b.WriteString(" from " + p.Countries[0])
	case n > 1:
		fmt.Fprintf(&b, " from %d countries (%s)", n, strings.Join(p.Countries, ", "))
	}
	switch p.Interpreters {
	case 0:
	case 1:
		b.WriteString(", with an interpreter")
	default:
		fmt.Fprintf(&b, ", with %d interpreters", p.Interpreters)
	}
	return b.String() + "."
}
