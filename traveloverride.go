package itinera

import (
	"context"
	"fmt"
)

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
