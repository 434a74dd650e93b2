package travel

import "itinera"

// ForProgram is the travel service of a program: the one place where the
// itinerary engine's loader (internal/planning) and the hospitality
// matching's (internal/hosting) get it, so both time a leg alike: the
// default model in the organization's usual mode (a van unless its
// settings say otherwise), walking short hops when the settings allow,
// each day in its own mode when the day says so, with the officer's own
// times for legs of the program.
func ForProgram(st itinera.Settings, days []itinera.Day, overrides []itinera.TravelOverride) Service {
	s := Service{Model: Default(), Mode: st.TravelMode}
	if !s.Mode.Valid() {
		s.Mode = Van
	}
	if !st.WalkShortHops {
		s.Model.WalkUpToKm = 0
	}
	for _, d := range days {
		if d.TravelMode.Valid() && d.TravelMode != s.Mode {
			if s.DayModes == nil {
				s.DayModes = map[itinera.Date]Mode{}
			}
			s.DayModes[d.Date] = d.TravelMode
		}
	}
	if len(overrides) > 0 {
		s.Overrides = Overrides{}
		for _, o := range overrides {
			s.Overrides[Leg{From: o.From, To: o.To}] = o.Minutes
		}
	}
	return s
}
