package api

import (
	"math"
	"net/http"

	"itinera"
	"itinera/internal/hosting"
)

// The home-hospitality evenings of a program, for reporting: who dines at
// which household (first names only: the API shares no more of visitors
// with hosts' data than the hosts' e-mails do) and the volunteer time each
// household gave, recorded when the evening was confirmed.

type hospitalityJSON struct {
	Evenings []hospitalityEveningJSON `json:"evenings"`
	// TotalVolunteerMinutes adds up every household's time over the
	// program's confirmed evenings.
	TotalVolunteerMinutes int `json:"total_volunteer_minutes"`
}

type hospitalityEveningJSON struct {
	ID          int64                      `json:"id"`
	Start       string                     `json:"start"`
	End         string                     `json:"end"`
	Status      string                     `json:"status"`
	ConfirmedAt *string                    `json:"confirmed_at"`
	Households  []hospitalityHouseholdJSON `json:"households"`
	Unplaced    int                        `json:"unplaced"`
}

type hospitalityHouseholdJSON struct {
	HouseholdID      int64                  `json:"household_id"`
	Name             string                 `json:"name"`
	Guests           []hospitalityGuestJSON `json:"guests"`
	VolunteerMinutes *int                   `json:"volunteer_minutes"`
	VolunteerHours   *float64               `json:"volunteer_hours"`
}

type hospitalityGuestJSON struct {
	Role      string `json:"role"` // visitor or interpreter
	FirstName string `json:"first_name"`
}

// getHospitality answers the program's evenings with, per household, its
// guests and volunteer time (null until the evening is confirmed).
func (a *API) getHospitality(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	ctx := r.Context()
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	loc := p.Location()
	es, err := a.svc.Hospitality.Evenings(ctx, u.TenantID, p.ID)
	if err != nil {
		return err
	}
	hours, err := a.svc.Hospitality.VolunteerHours(ctx, u.TenantID, p.ID)
	if err != nil {
		return err
	}
	vs, err := a.svc.People.Visitors(ctx, u.TenantID, p.ID)
	if err != nil {
		return err
	}
	is, err := a.svc.People.Interpreters(ctx, u.TenantID, p.ID)
	if err != nil {
		return err
	}
	hs, err := a.svc.Hospitality.Households(ctx, u.TenantID, itinera.HouseholdFilter{})
	if err != nil {
		return err
	}
	visitor, interp, household := map[int64]string{}, map[int64]string{}, map[int64]string{}
	for _, v := range vs {
		visitor[v.ID] = hosting.FirstName(v)
	}
	for _, i := range is {
		interp[i.ID] = hosting.InterpreterFirstName(i)
	}
	for _, h := range hs {
		household[h.ID] = h.Name
	}
	type key struct{ evening, household int64 }
	minutes := map[key]int{}
	out := hospitalityJSON{Evenings: []hospitalityEveningJSON{}}
	for _, h := range hours {
		minutes[key{h.EveningID, h.HouseholdID}] = h.Minutes
		out.TotalVolunteerMinutes += h.Minutes
	}
	for _, e := range es {
		ej := hospitalityEveningJSON{ID: e.ID, Start: instant(e.Start, loc), End: instant(e.End, loc), Status: string(e.Status),
			Households: []hospitalityHouseholdJSON{}, Unplaced: len(e.Unplaced)}
		if !e.ConfirmedAt.IsZero() {
			at := instant(e.ConfirmedAt, loc)
			ej.ConfirmedAt = &at
		}
		at := map[int64]int{}
		add := func(hid int64) *hospitalityHouseholdJSON {
			i, ok := at[hid]
			if !ok {
				i = len(ej.Households)
				at[hid] = i
				hj := hospitalityHouseholdJSON{HouseholdID: hid, Name: household[hid], Guests: []hospitalityGuestJSON{}}
				if m, ok := minutes[key{e.ID, hid}]; ok {
					h := math.Round(float64(m)/60*100) / 100
					hj.VolunteerMinutes, hj.VolunteerHours = &m, &h
				}
				ej.Households = append(ej.Households, hj)
			}
			return &ej.Households[i]
		}
		for _, g := range e.Guests {
			hj := add(g.HouseholdID)
			if g.VisitorID != 0 {
				hj.Guests = append(hj.Guests, hospitalityGuestJSON{Role: "visitor", FirstName: visitor[g.VisitorID]})
			} else {
				hj.Guests = append(hj.Guests, hospitalityGuestJSON{Role: "interpreter", FirstName: interp[g.InterpreterID]})
			}
		}
		for _, h := range hours {
			if h.EveningID == e.ID {
				add(h.HouseholdID)
			}
		}
		out.Evenings = append(out.Evenings, ej)
	}
	return a.ok(w, r, out)
}
