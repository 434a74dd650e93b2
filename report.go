package itinera

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// VisitorSectors are the fields of work the visitor form suggests; any
// other text is accepted and counted as typed.
var VisitorSectors = []string{"Government", "Law enforcement and justice", "Legislature", "Civil society", "Academia",
	"Media", "Health", "Faith community", "Business", "International organization", "Arts and culture"}

// EconomicInputs are a program's local economic inputs as the officer
// entered them: nothing else in the records holds them. Amounts are in
// cents of the organization's currency.
type EconomicInputs struct {
	ProgramID int64
	TenantID  int64
	// Version rises with every change; a change sent with an older
	// version is refused, so nobody overwrites what they have not seen.
	// 0: nothing entered yet.
	Version        int
	HotelNights    int
	HotelCents     int64
	Meals          int
	MealsCents     int64
	TransportCents int64
	Note           string
	UpdatedAt      time.Time
}

// MaxEconomicCents bounds one amount ($100 million): a typing slip, not a
// program, goes beyond.
const MaxEconomicCents = 100_000_000_00

// Validate checks the figures.
func (e *EconomicInputs) Validate() error {
	f := FieldErrors{}
	if e.HotelNights < 0 || e.HotelNights > 100000 {
		f.Add("hotel_nights", "Enter the hotel nights, from 0 to 100000.")
	}
	if e.Meals < 0 || e.Meals > 1000000 {
		f.Add("meals", "Enter the meals, from 0 to 1000000.")
	}
	for _, a := range []struct {
		field string
		v     int64
	}{{"hotel_cents", e.HotelCents}, {"meals_cents", e.MealsCents}, {"transport_cents", e.TransportCents}} {
		if a.v < 0 || a.v > MaxEconomicCents {
			f.Add(a.field, "Enter an amount from 0 to 100,000,000.00 dollars.")
		}
	}
	checkText(f, "note", &e.Note, shortNote)
	if e.ProgramID == 0 {
		f.Add("program_id", "Economic inputs belong to a program.")
	}
	return f.Err("economic inputs")
}

// ReportRecords are the records a report of a period counts, read at once
// for every program whose dates overlap the period and that was not
// cancelled (so that a report costs a few queries, not a few per
// program).
type ReportRecords struct {
	Programs []Program
	Visitors []Visitor // without their interests
	// Meetings are every meeting of those programs, with their topics
	// and partners; Planned gives the meetings of each program's current
	// itinerary, with when each starts.
	Meetings []Meeting
	Planned  map[int64]time.Time
	// OrganizationKinds is the kind of each organization of the tenant.
	OrganizationKinds map[int64]OrganizationKind
	Evenings          []HospitalityEvening
	Hours             []VolunteerHours
	Collaborations    []Collaboration
	Feedback          []FeedbackLink // without their meeting ratings
	Economics         []EconomicInputs
}

// ReportReader reads what the reports count.
type ReportReader interface {
	// ReportRecords reads the records of the tenant's programs whose
	// dates overlap from … to (both included), cancelled ones left out.
	ReportRecords(ctx context.Context, tenantID int64, from, to Date) (ReportRecords, error)
	// EconomicInputs returns a program's figures; Version 0 when nothing
	// was entered. ENOTFOUND for another tenant's program.
	EconomicInputs(ctx context.Context, tenantID, programID int64) (EconomicInputs, error)
}

// ReportService is ReportReader and the write half of the application
// layer.
type ReportService interface {
	ReportReader
	// SaveEconomicInputs creates or replaces a program's figures; e.Version
	// must be the version read (0 for none yet), else ECONFLICT.
	SaveEconomicInputs(ctx context.Context, e *EconomicInputs) error
}

// ParseAmount reads an amount of money as people type it ("1234.5",
// "$1,234.50", "1 234,50" is refused: use a point for the cents) into
// cents; "" is 0. ok is false for anything else.
func ParseAmount(s string) (cents int64, ok bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, true
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && !dot || len(frac) > 2 || (dot && frac == "" && whole == "") {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	if len(whole) > 12 {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, false
	}
	return w*100 + f, true
}

// AmountText writes cents as an amount a form shows back: "1234.50", ""
// for none.
func AmountText(cents int64) string {
	if cents == 0 {
		return ""
	}
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}
