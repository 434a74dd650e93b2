package travel

// Leg is an ordered pair of places (directory place IDs).
type Leg struct {
	From, To int64
}

// Overrides are the officer's own times for legs, in minutes; they win over
// the model. A leg is one direction: the way back needs its own entry.
type Overrides map[Leg]int

// Place is a place the service is asked about: its directory ID (0 for a
// place outside the directory, such as a host household's home) and where
// it is.
type Place struct {
	ID int64
	Point
}

// Service answers the travel time between two places for one program: the
// model, the mode and the officer's overrides. Its zero value is the
// Default model in a van, without overrides.
type Service struct {
	Model     Model // zero value: Default()
	Mode      Mode  // empty: Van
	Overrides Overrides
	// Roads are times a routing engine measured on the road network
	// between directory places, the mode's buffer included; they win over
	// the model, the officer's overrides over them.
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
		if m, ok := s.Roads[Leg{from.ID, to.ID}]; ok && m >= 0 {
			return m
		}
	}
	model := s.Model
	if model.Profiles == nil {
		model = Default()
	}
	mode := s.Mode
	if !mode.Valid() {
		mode = Van
	}
	return model.Minutes(from.Point, to.Point, mode)
}

// BufferMinutes is the time the mode adds to every leg for parking and
// boarding, which a routing engine's road times do not hold.
func (s Service) BufferMinutes() int {
	model := s.Model
	if model.Profiles == nil {
		model = Default()
	}
	mode := s.Mode
	if !mode.Valid() {
		mode = Van
	}
	return int(model.Profiles[mode].BufferMinutes + 0.5)
}
