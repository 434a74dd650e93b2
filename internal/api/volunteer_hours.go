package api

import (
	"math"
	"net/http"
	"strconv"

	"itinera"
	"itinera/internal/app"
)

// The volunteer time households gave to confirmed hospitality evenings,
// across programs: the figure a year-end report counts.

type volunteerHoursJSON struct {
	ProgramID     int64   `json:"program_id"`
	ProgramTitle  string  `json:"program_title"`
	EveningID     int64   `json:"evening_id"`
	EveningStart  string  `json:"evening_start"`
	EveningEnd    string  `json:"evening_end"`
	HouseholdID   int64   `json:"household_id"`
	HouseholdName string  `json:"household_name"`
	Minutes       int     `json:"minutes"`
	Hours         float64 `json:"hours"`
}

func newVolunteerHoursJSON(v app.VolunteerRecord) volunteerHoursJSON {
	loc := v.Program.Location()
	return volunteerHoursJSON{ProgramID: v.Program.ID, ProgramTitle: v.Program.Title, EveningID: v.EveningID,
		EveningStart: instant(v.Evening.Start, loc), EveningEnd: instant(v.Evening.End, loc), HouseholdID: v.HouseholdID,
		HouseholdName: v.HouseholdName, Minutes: v.Minutes, Hours: math.Round(float64(v.Minutes)/60*100) / 100}
}

// volunteerProgram reads ?program_id=, 0 when absent (every program).
func volunteerProgram(r *http.Request) (int64, error) {
	s := r.URL.Query().Get("program_id")
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, &itinera.Error{Code: itinera.EINVALID, Message: "The list cannot be filtered as asked.",
			Fields: map[string]string{"program_id": "Give the id of a program, a whole number from 1."}}
	}
	return id, nil
}

func (a *API) listVolunteerHours(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	pid, err := volunteerProgram(r)
	if err != nil {
		return err
	}
	recs, err := a.app.VolunteerHours(r.Context(), a.caller(r, u), pid)
	if err != nil {
		return err
	}
	// A row is one evening and one household; the cursor remembers both.
	return listed(w, r, a, "volunteer_hours", recs, func(v app.VolunteerRecord) int64 { return v.EveningID<<24 ^ v.HouseholdID },
		newVolunteerHoursJSON)
}

// volunteerHoursExport exports the list as listVolunteerHours filters it.
func volunteerHoursExport(r *http.Request, _ itinera.User) (app.ExportQuery, error) {
	pid, err := volunteerProgram(r)
	return app.ExportQuery{List: app.ExportVolunteerHours, ProgramID: pid}, err
}
