package travel

import "itinera"

// ForProgram is the travel service of a program: the one place where the
// itinerary engine's loader (internal/planning) and the hospitality
// matching's (internal/hosting) get it, so both time a leg alike: the
// default model in a van, with the officer's own times for legs of the
// program. The organization's defaults and a per-day mode will be read
// here once the settings store them.
func ForProgram(_ itinera.Program, overrides []itinera.TravelOverride) Service {
	s := Service{Model: Default(), Mode: Van}
	if len(overrides) > 0 {
		s.Overrides = Overrides{}
		for _, o := range overrides {
			s.Overrides[Leg{From: o.From, To: o.To}] = o.Minutes
		}
	}
	return s
}
