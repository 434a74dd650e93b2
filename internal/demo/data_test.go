package demo

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
)

func mustParse(t *testing.T) *dataFile {
	t.Helper()
	d, err := embedded()
	if err != nil {
		t.Fatalf("embedded demo data: %v", err)
	}
	return d
}

func TestDataParses(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	if n := len(d.Visitors); n != 9 {
		t.Errorf("visitors = %d, want 9", n)
	}
	if n := len(d.Interpreters); n != 1 {
		t.Errorf("interpreters = %d, want 1", n)
	}
	if n := len(d.Households); n < 6 || n > 8 {
		t.Errorf("households = %d, want 6 to 8", n)
	}
	tn := Tenant()
	if err := tn.Validate(); err != nil {
		t.Errorf("tenant: %v", err)
	}
	if tn.TimeZone != "America/Chicago" || d.Program.TimeZone != "America/Chicago" {
		t.Errorf("time zones %q, %q; want America/Chicago", tn.TimeZone, d.Program.TimeZone)
	}
}

func TestParseRejectsBrokenData(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]string{
		"unknown field":     `{"tenant":{"slug":"x","colour":"red"}}`,
		"bad clock":         `{"days":[{"day":0,"start":"25:00"}]}`,
		"unknown reference": `{"program":{"hotel":"nowhere","departure_day":1}}`,
		"day out of range":  `{"places":[{"key":"h"}],"program":{"hotel":"h","departure_day":1},"days":[{"day":3}]}`,
		"not json":          `{`,
	} {
		if _, err := parse([]byte(doc)); err == nil {
			t.Errorf("%s: parse accepted %s", name, doc)
		}
	}
}

// inStLouisArea reports whether a point lies in the St. Louis metropolitan
// area (St. Charles to the riverfront, north county to south county).
func inStLouisArea(lat, lon float64) bool {
	return lat > 38.45 && lat < 38.90 && lon > -90.75 && lon < -90.05
}

func TestPlacesAreInStLouisWithAddresses(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	check := func(p itinera.Place) {
		if err := p.Validate(); err != nil {
			t.Errorf("place %q: %v", p.Name, err)
		}
		if !inStLouisArea(p.Lat, p.Lon) {
			t.Errorf("place %q at %.4f,%.4f is outside the St. Louis area", p.Name, p.Lat, p.Lon)
		}
		if !strings.Contains(p.Address, ", MO 63") {
			t.Errorf("place %q: address %q has no Missouri ZIP code", p.Name, p.Address)
		}
	}
	for _, p := range d.Places {
		check(itinera.Place{Name: p.Name, Kind: p.Kind, Address: p.Address, Lat: p.Lat, Lon: p.Lon})
	}
	_, homes := Households()
	for _, p := range homes {
		check(p)
	}
	// Street-level precision: every coordinate is written with at least
	// four decimals in the file (a rounded 38.63 would be a block away).
	re := regexp.MustCompile(`"(lat|lon)":\s*(-?[0-9.]+)`)
	ms := re.FindAllSubmatch(demoJSON, -1)
	if len(ms) != 2*(len(d.Places)+len(d.Households)) {
		t.Errorf("found %d coordinates in demo.json, want %d", len(ms), 2*(len(d.Places)+len(d.Households)))
	}
	for _, m := range ms {
		if _, dec, _ := strings.Cut(string(m[2]), "."); len(dec) < 4 {
			t.Errorf("coordinate %s %s has fewer than four decimals", m[1], m[2])
		}
	}
}

func TestDirectoryIsHonest(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	named := map[string]string{ // people the seed report names, with their organization
		"Dr. Rumi Price": "wusm",
		"Shima Rostami":  "ght",
	}
	for _, c := range d.Contacts {
		if !strings.HasSuffix(c.Email, "@example.org") && !strings.HasSuffix(c.Email, "@example.com") {
			t.Errorf("contact %q: e-mail %q is not on an example domain", c.Name, c.Email)
		}
		if org, ok := named[c.Name]; ok {
			if c.Organization != org {
				t.Errorf("contact %q works at %q, want %q", c.Name, c.Organization, org)
			}
			delete(named, c.Name)
			continue
		}
		if !strings.Contains(c.Notes, "Fictional") {
			t.Errorf("contact %q is not marked fictional", c.Name)
		}
	}
	for n := range named {
		t.Errorf("the seed's contact %q is missing", n)
	}
	for _, v := range d.Visitors {
		if !strings.HasSuffix(v.Email, "@example.org") {
			t.Errorf("visitor %s: e-mail %q is not on an example domain", v.Key, v.Email)
		}
	}
	for _, h := range d.Households {
		if !strings.HasSuffix(h.Email, "@example.com") || !strings.Contains(h.Home.Notes, "Fictional") {
			t.Errorf("household %s is not marked fictional with an example e-mail", h.Key)
		}
	}
}

func TestStartDate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		created string
		want    string
	}{
		{"2026-03-07T15:00:00Z", "2026-03-21"}, // a Saturday: exactly two weeks later
		{"2026-03-08T03:00:00Z", "2026-03-21"}, // Sunday in UTC, still Saturday evening in Chicago
		{"2026-03-08T18:00:00Z", "2026-03-28"}, // Sunday in Chicago
		{"2026-03-13T12:00:00Z", "2026-03-28"}, // a Friday
		{"2026-12-20T12:00:00Z", "2027-01-09"}, // across the new year
	} {
		created, err := time.Parse(time.RFC3339, tc.created)
		if err != nil {
			t.Fatal(err)
		}
		got := StartDate(created)
		if got.String() != tc.want || got.Weekday() != time.Saturday {
			t.Errorf("StartDate(%s) = %s (%s), want Saturday %s", tc.created, got, got.Weekday(), tc.want)
		}
	}
}

func TestVisitorsMakeMatchingReal(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	countries := map[string]bool{}
	var vegetarian, halal, cats, needsInterpreter bool
	interp := d.Interpreters[0].Languages
	for _, v := range d.Visitors {
		countries[v.Country] = true
		vegetarian = vegetarian || contains(v.Diets, "vegetarian")
		halal = halal || contains(v.Diets, "halal")
		cats = cats || contains(v.Allergies, "cats")
		if !contains(v.Languages, "English") {
			needsInterpreter = true
			if !sharesLanguage(v.Languages, interp) {
				t.Errorf("visitor %s speaks none of the interpreter's languages", v.Key)
			}
		}
		if len(v.Interests) == 0 || v.Position == "" {
			t.Errorf("visitor %s needs a position and interests", v.Key)
		}
	}
	if len(countries) != 9 {
		t.Errorf("visitors come from %d countries, want 9", len(countries))
	}
	if !vegetarian || !halal || !cats || !needsInterpreter {
		t.Errorf("want a vegetarian (%v), a halal diet (%v), a cat allergy (%v) and a visitor who needs the interpreter (%v)",
			vegetarian, halal, cats, needsInterpreter)
	}
	if len(d.Hospitality.Together) == 0 {
		t.Error("no visitors are marked to go together")
	}
	together, _ := HospitalityPairs()
	for _, p := range together {
		if p[0] == "" || p[1] == "" || p[0] == p[1] {
			t.Errorf("bad together pair %q", p)
		}
	}
}

func TestHouseholdsVary(t *testing.T) {
	t.Parallel()
	hs, ps := Households()
	if len(hs) != len(ps) {
		t.Fatalf("%d households but %d homes", len(hs), len(ps))
	}
	seen := map[string]bool{}
	seats := 0
	for _, h := range hs {
		if h.Capacity < 2 || h.Capacity > 5 {
			t.Errorf("%s seats %d, want 2 to 5", h.Name, h.Capacity)
		}
		seats += h.Capacity
		for _, x := range h.Pets {
			seen["pet:"+x] = true
		}
		for _, x := range h.Languages {
			seen["lang:"+x] = true
		}
		for _, x := range h.CanServe {
			seen["diet:"+x] = true
		}
	}
	for _, want := range []string{"pet:cat", "pet:dog", "lang:Spanish", "lang:French", "lang:Arabic",
		"diet:vegetarian", "diet:halal"} {
		if !seen[want] {
			t.Errorf("no household with %s", want)
		}
	}
	if seats < 10 {
		t.Errorf("households seat %d, fewer than the delegation and interpreter", seats)
	}
}

// value mirrors the value formula documented by the itinerary engine
// (internal/itinerary): (10 + 30·objectives covered + 10·visitors
// interested) × priority factor.
func value(d *dataFile, topics []string, priority int) int {
	obj := 0
	for _, o := range d.Program.Objectives {
		if contains(topics, o) {
			obj++
		}
	}
	interested := 0
	for _, v := range d.Visitors {
		if sharesLanguage(v.Interests, topics) {
			interested++
		}
	}
	pct := [...]int{50, 75, 100, 150, 200}[priority-1]
	return ((10+30*obj+10*interested)*pct + 50) / 100
}

// TestSeedItemsAreTheBest: the itinerary engine must reach the seed's days
// because they are the best choices, not because they are pinned.
func TestSeedItemsAreTheBest(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	inPlan := map[string]bool{}
	for _, it := range d.Itinerary.Items {
		inPlan[it.Meeting+"|"+it.Activity] = true
	}
	minSeed, maxOther := 1<<30, 0
	for _, m := range d.Meetings {
		v := value(d, m.Topics, m.Priority)
		if inPlan[m.Key+"|"] {
			minSeed = min(minSeed, v)
		} else {
			maxOther = max(maxOther, v)
		}
	}
	if maxOther == 0 || minSeed <= maxOther {
		t.Errorf("the best candidate left out is worth %d, the least planned meeting %d", maxOther, minSeed)
	}
	planned, others := 0, 0
	for _, it := range d.Itinerary.Items {
		if it.Meeting != "" {
			planned++
		}
	}
	others = len(d.Meetings) - planned
	if others < 4 {
		t.Errorf("only %d candidate meetings beyond the plan; the engine needs real choices", others)
	}
	for _, a := range d.Activities {
		if a.Mandatory != inPlan["|"+a.Key] && a.Mandatory {
			t.Errorf("mandatory activity %s is not in the plan", a.Key)
		}
	}
}

// TestPlanFitsTheDays checks the entered plan against the day limits with
// the same travel estimate the loader records.
func TestPlanFitsTheDays(t *testing.T) {
	t.Parallel()
	d := mustParse(t)
	days := map[int]dayData{}
	for _, dd := range d.Days {
		days[dd.Day] = dd
	}
	places := map[string]placeData{}
	for _, p := range d.Places {
		places[p.Key] = p
	}
	hotel := places[d.Program.Hotel]
	items := d.plannedItems()
	for i, it := range items {
		day := days[it.Day]
		start := itinera.Clock(it.Start)
		end := start + itinera.Clock(it.Minutes)
		prevEnd := itinera.Clock(day.Start)
		if i > 0 && items[i-1].Day == it.Day {
			prevEnd = itinera.Clock(items[i-1].Start) + itinera.Clock(items[i-1].Minutes)
		}
		if start-itinera.Clock(it.TravelMinutes) < prevEnd {
			t.Errorf("day %d: %s%s at %s: %d minutes of travel do not fit after %s",
				it.Day, it.Meeting, it.Activity, start, it.TravelMinutes, prevEnd)
		}
		last := i == len(items)-1 || items[i+1].Day != it.Day
		if last && end+itinera.Clock(travelMinutes(it.Place, hotel)) > itinera.Clock(day.End) {
			t.Errorf("day %d ends after %s", it.Day, itinera.Clock(day.End))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func sharesLanguage(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}
