package itinera

import (
	"context"
	"fmt"
)

// TravelMode is how a delegation moves between the places of a day.
type TravelMode string

// Travel modes, in the order the UI offers them.
const (
	TravelVan     TravelMode = "van"
	TravelCar     TravelMode = "car"
	TravelTransit TravelMode = "transit" // public transport
	TravelWalking TravelMode = "walking"
)

// TravelModes lists the modes in the order the UI offers them.
var TravelModes = []TravelMode{TravelVan, TravelCar, TravelTransit, TravelWalking}

// Valid reports whether m is a known mode.
func (m TravelMode) Valid() bool {
	switch m {
	case TravelVan, TravelCar, TravelTransit, TravelWalking:
		return true
	}
	return false
}

// Label is the mode as the UI names it.
func (m TravelMode) Label() string {
	switch m {
	case TravelVan:
		return "Van"
	case TravelCar:
		return "Car"
	case TravelTransit:
		return "Public transport"
	case TravelWalking:
		return "Walking"
	}
	return string(m)
}

// checkTravelMode adds a field error unless m is a known mode (or empty,
// when empty may mean a default).
func checkTravelMode(f FieldErrors, field string, m TravelMode, emptyOK bool) {
	if m == "" && emptyOK || m.Valid() {
		return
	}
	f.Add(field, "Choose how the delegation travels: van, car, transit (public transport) or walking.")
}

// MaxTravelOverrideMinutes bounds the officer's time for a leg: a leg
// longer than a day is a typo.
const MaxTravelOverrideMinutes = 24 * 60

// TravelOverride is the officer's own travel time for one leg of a
// program, from one place to another ("the bus takes 50 minutes here"); it
// wins over the routing engine and the travel model. The way back is a leg
// of its own.
type TravelOverride struct {
	TenantID  int64
	ProgramID int64
	From, To  int64  // place ids
	FromName  string // read only
	ToName    string // read only
	Minutes   int
	Note      string
}

// Validate checks the override's fields.
func (o *TravelOverride) Validate() error {
	f := FieldErrors{}
	checkText(f, "note", &o.Note, shortNote)
	if o.From == 0 {
		f.Add("from_place_id", "Choose where the leg starts.")
	}
	if o.To == 0 {
		f.Add("to_place_id", "Choose where the leg ends.")
	}
	if o.From != 0 && o.From == o.To {
		f.Add("to_place_id", "A leg goes from one place to another.")
	}
	if o.Minutes < 0 || o.Minutes > MaxTravelOverrideMinutes {
		f.Add("minutes", fmt.Sprintf("Give the minutes the trip takes, from 0 to %d.", MaxTravelOverrideMinutes))
	}
	return f.Err("travel time")
}

// TravelReader reads a program's travel overrides.
type TravelReader interface {
	TravelOverrides(ctx context.Context, tenantID, programID int64) ([]TravelOverride, error)
}

// TravelService keeps a program's travel overrides.
type TravelService interface {
	TravelReader
	// SetTravelOverride stores the time of a leg, replacing the one set
	// before.
	SetTravelOverride(ctx context.Context, o *TravelOverride) error
	DeleteTravelOverride(ctx context.Context, tenantID, programID, from, to int64) error
}
