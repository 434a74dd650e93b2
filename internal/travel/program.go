package travel

import "itinera"

// ForProgram is the travel service of a program: the one place where the
// itinerary engine's loader (internal/planning) and the hospitality
// matching's (internal/hosting) get it, so both time a leg alike. Today it
// is the default model in a van; the organization's defaults, a per-day
// mode and the officer's leg overrides will be read here once the settings
// store them.
func ForProgram(itinera.Program) Service {
	return Service{Model: Default(), Mode: Van}
}
