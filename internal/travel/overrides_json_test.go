package travel_test

import (
	"encoding/json"
	"maps"
	"testing"

	"itinera/internal/travel"
)

func TestOverridesJSON(t *testing.T) {
	t.Parallel()
	o := travel.Overrides{{From: 3, To: 1}: 50, {From: 1, To: 3}: 45, {From: 1, To: 2}: 0}
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"from":1,"to":2,"minutes":0},{"from":1,"to":3,"minutes":45},{"from":3,"to":1,"minutes":50}]`; string(b) != want {
		t.Fatalf("JSON %s, want %s", b, want)
	}
	var back travel.Overrides
	if err := json.Unmarshal(b, &back); err != nil || !maps.Equal(back, o) {
		t.Fatalf("round trip %v (%v), want %v", back, err, o)
	}
	for _, bad := range []string{
		`{"from":1}`,
		`[{"from":1,"to":1,"minutes":5}]`,
		`[{"from":0,"to":1,"minutes":5}]`,
		`[{"from":1,"to":2,"minutes":-1}]`,
		`[{"from":1,"to":2,"minutes":1441}]`,
		`[{"from":1,"to":2,"minutes":5},{"from":1,"to":2,"minutes":6}]`,
	} {
		var o travel.Overrides
		if err := json.Unmarshal([]byte(bad), &o); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func FuzzOverridesJSON(f *testing.F) {
	f.Add(`[{"from":1,"to":2,"minutes":50}]`)
	f.Add(`[]`)
	f.Add(`null`)
	f.Add(`[{"from":2,"to":1,"minutes":1440},{"from":1,"to":2,"minutes":0}]`)
	f.Fuzz(func(t *testing.T, s string) {
		var o travel.Overrides
		if err := json.Unmarshal([]byte(s), &o); err != nil {
			return
		}
		for leg, m := range o {
			if leg.From <= 0 || leg.To <= 0 || leg.From == leg.To || m < 0 || m > travel.MaxOverrideMinutes {
				t.Fatalf("accepted %v: %d", leg, m)
			}
		}
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var again travel.Overrides
		if err := json.Unmarshal(b, &again); err != nil || !maps.Equal(again, o) {
			t.Fatalf("round trip of %s: %v (%v)", b, again, err)
		}
	})
}
