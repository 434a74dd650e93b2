package travel

import "itinera"

// Leg is an ordered pair of places (directory place IDs).
type Leg struct {
	From, To int64
}

// Overrides are the officer's own times for legs, in minutes; they win over
// the model. A leg is one direction: the way back needs its own entry.
type Overrides map[Leg]int

// Place is a place the service is asked about: its directory ID, or
// another id its caller keeps apart from those (internal/hosting gives a
// household's home minus the household's id), 0 for a place known only by
// where it is; and where it is.
type Place struct {
	ID int64
	Point
}

// Service answers the travel time between two places for one program: the
// model, the mode and the officer's overrides. Its zero value is the
// Default model in a van, without overrides.
type Service struct {
	Model Model // zero value: Default()
	Mode  Mode  // empty: Van
	// DayModes are the days that travel otherwise than Mode (OnDay).
	DayModes  map[itinera.Date]Mode `json:",omitempty"`
	Overrides Overrides
	// Roads are driving times a routing engine measured on the road
	// network between directory places, without any buffer. By van or
	// car they win over the model, with the mode's buffer added; the
	// officer's overrides win over them. By public transport or on foot
	// the model answers: the engine measured a drive.
	Roads Overrides
	// Note says, for the officer, where the times come from when it is
	// not what they would expect (the routing engine did not answer).
	Note string `json:",omitempty"`
}

// Between is the travel time from one place to another in minutes: the
// override for the leg when there is one, otherwise the model's estimate;
// 0 within one place.
func (s Service) Between(from, to Place) int {
	if from.ID != 0 && from.ID == to.ID {
		return 0
	}
	if from.ID != 0 && to.ID != 0 {
		if m, ok := s.Overrides[Leg{from.ID, to.ID}]; ok && m >= 0 {
			return m
		}
		if m, ok := s.Roads[Leg{from.ID, to.ID}]; ok && m >= 0 && s.drives() {
			return m + s.BufferMinutes()
		}
	}
	return s.model().Minutes(from.Point, to.Point, s.mode())
}

// OnDay is the service for one day of the program: in the day's own mode
// when it has one.
func (s Service) OnDay(d itinera.Date) Service {
	if m, ok := s.DayModes[d]; ok {
		s.Mode = m
	}
	return s
}

// InMode is the service in another mode, such as the hosts' own car.
func (s Service) InMode(m Mode) Service {
	s.Mode = m
	return s
}

// ModeOn is how the delegation travels on a day.
func (s Service) ModeOn(d itinera.Date) Mode { return s.OnDay(d).mode() }

// VariesByDay reports whether some day travels otherwise than the rest.
func (s Service) VariesByDay() bool { return len(s.DayModes) > 0 }

func (s Service) mode() Mode {
	if !s.Mode.Valid() {
		return Van
	}
	return s.Mode
}

func (s Service) model() Model {
	if s.Model.Profiles == nil {
		return Default()
	}
	return s.Model
}

// drives reports whether the mode drives on the road network, where a
// routing engine's times hold.
func (s Service) drives() bool { m := s.mode(); return m == Van || m == Car }

// BufferMinutes is the time the mode adds to every leg for parking and
// boarding, which a routing engine's road times do not hold.
func (s Service) BufferMinutes() int {
	return int(s.model().Profiles[s.mode()].BufferMinutes + 0.5)
}
