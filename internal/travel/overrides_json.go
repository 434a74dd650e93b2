package travel

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
)

// overrideJSON is one override as JSON: a map keyed by a pair has no JSON
// form, so overrides travel as a list sorted by leg (stable, so a digest
// of a planning input that holds them is stable too).
type overrideJSON struct {
	From    int64 `json:"from"`
	To      int64 `json:"to"`
	Minutes int   `json:"minutes"`
}

// MaxOverrideMinutes bounds an override: a leg longer than a day is a typo.
const MaxOverrideMinutes = 24 * 60

// MarshalJSON writes the overrides as a list sorted by leg.
func (o Overrides) MarshalJSON() ([]byte, error) {
	list := make([]overrideJSON, 0, len(o))
	for leg, m := range o {
		list = append(list, overrideJSON{From: leg.From, To: leg.To, Minutes: m})
	}
	slices.SortFunc(list, func(a, b overrideJSON) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return json.Marshal(list)
}

// UnmarshalJSON reads the list MarshalJSON writes, refusing a leg given
// twice, a place ID that is not positive, a leg from a place to itself and
// minutes outside 0 to a day.
func (o *Overrides) UnmarshalJSON(b []byte) error {
	var list []overrideJSON
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	out := make(Overrides, len(list))
	for _, x := range list {
		leg := Leg{x.From, x.To}
		switch {
		case x.From <= 0 || x.To <= 0:
			return fmt.Errorf("travel override from %d to %d: place IDs must be positive", x.From, x.To)
		case x.From == x.To:
			return fmt.Errorf("travel override from place %d to itself", x.From)
		case x.Minutes < 0 || x.Minutes > MaxOverrideMinutes:
			return fmt.Errorf("travel override from %d to %d: %d minutes; 0 to %d allowed", x.From, x.To, x.Minutes, MaxOverrideMinutes)
		}
		if _, dup := out[leg]; dup {
			return fmt.Errorf("travel override from %d to %d given twice", x.From, x.To)
		}
		out[leg] = x.Minutes
	}
	*o = out
	return nil
}
