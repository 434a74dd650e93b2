package api

import (
	"net/http"
	"time"

	"itinera"
	"itinera/internal/planning"
)

// The sub-group planner's proposal, a member of the plan (issue 15).

type personJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type subgroupItemJSON struct {
	Item          string `json:"item"`
	MeetingID     *int64 `json:"meeting_id"`
	ActivityID    *int64 `json:"activity_id"`
	Title         string `json:"title"`
	Place         string `json:"place"`
	Start         string `json:"start"`
	End           string `json:"end"`
	TravelMinutes int    `json:"travel_minutes"`
}

type subgroupJSON struct {
	Visitors     []personJSON       `json:"visitors"`
	Interpreters []personJSON       `json:"interpreters"`
	Items        []subgroupItemJSON `json:"items"`
	Value        int                `json:"value"`
	Explanation  string             `json:"explanation"`
}

type subgroupStretchJSON struct {
	Label       string         `json:"label"`
	From        string         `json:"from"`
	To          string         `json:"to"`
	Together    bool           `json:"together"`
	Split       bool           `json:"split"`
	Explanation string         `json:"explanation"`
	Groups      []subgroupJSON `json:"groups"`
}

type subgroupDayJSON struct {
	Date      string                `json:"date"`
	Split     bool                  `json:"split"`
	Stretches []subgroupStretchJSON `json:"stretches"`
}

type subgroupsJSON struct {
	Digest    string            `json:"digest"`
	Complete  bool              `json:"complete"`
	Value     int               `json:"value"`
	Attended  int               `json:"attended"`
	SplitCost int               `json:"split_cost"`
	SplitDays int               `json:"split_days"`
	Days      []subgroupDayJSON `json:"days"`
	LeftOut   []leftOutJSON     `json:"left_out"`
}

func people(ps []planning.Person) []personJSON {
	out := make([]personJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, personJSON{ID: p.ID, Name: p.Name})
	}
	return out
}

func newSubgroupsJSON(p *planning.SubgroupPlan, loc *time.Location) *subgroupsJSON {
	j := &subgroupsJSON{Digest: p.Digest, Complete: p.Complete, Value: p.Value, Attended: p.Attended, SplitCost: p.SplitCost,
		SplitDays: p.SplitDays(), Days: []subgroupDayJSON{}, LeftOut: []leftOutJSON{}}
	for _, d := range p.Days {
		dj := subgroupDayJSON{Date: d.Date.String(), Split: d.Split(), Stretches: []subgroupStretchJSON{}}
		for _, s := range d.Stretches {
			sj := subgroupStretchJSON{Label: s.Label, From: instant(s.From, loc), To: instant(s.To, loc), Together: s.Together,
				Split: s.Split(), Explanation: s.Explanation, Groups: []subgroupJSON{}}
			for _, g := range s.Groups {
				gj := subgroupJSON{Visitors: people(g.Visitors), Interpreters: people(g.Interpreters), Items: []subgroupItemJSON{},
					Value: g.Value, Explanation: g.Explanation}
				for _, it := range g.Items {
					gj.Items = append(gj.Items, subgroupItemJSON{Item: itemName(it.Key), MeetingID: optID(it.MeetingID),
						ActivityID: optID(it.ActivityID), Title: it.Title, Place: it.PlaceName, Start: instant(it.Start, loc),
						End: instant(it.End, loc), TravelMinutes: it.TravelMinutes})
				}
				sj.Groups = append(sj.Groups, gj)
			}
			dj.Stretches = append(dj.Stretches, sj)
		}
		j.Days = append(j.Days, dj)
	}
	for _, l := range p.LeftOut {
		j.LeftOut = append(j.LeftOut, leftOutJSON{Item: itemName(l.Key), Title: l.Title, Mandatory: l.Mandatory, Reason: l.Explanation})
	}
	return j
}

// Applying one day's sub-groups (app.ApplySubgroups).

type subgroupsApplyInput struct {
	Date   string `json:"date"`
	Digest string `json:"digest"`
}

type subgroupsAppliedJSON struct {
	Date      string         `json:"date"`
	Notified  int            `json:"notified"`
	AtRelease int            `json:"at_release"`
	Itinerary *itineraryJSON `json:"itinerary"`
	Subgroups *subgroupsJSON `json:"subgroups"`
}

// applySubgroups makes one day of the sub-group proposal the itinerary.
func (a *API) applySubgroups(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in subgroupsApplyInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	date, err := itinera.ParseDate(in.Date)
	if err != nil {
		f.Add("date", "Give the day as YYYY-MM-DD.")
	}
	itinera.CheckLine(f, "digest", &in.Digest, 64)
	if in.Digest == "" {
		f.Add("digest", "Send the digest of the sub-groups you reviewed.")
	}
	if err := f.Err("sub-groups"); err != nil {
		return err
	}
	out, err := a.app.ApplySubgroups(r.Context(), a.caller(r, u), p.ID, date, in.Digest)
	if err != nil {
		return err
	}
	return a.ok(w, r, subgroupsAppliedJSON{Date: date.String(), Notified: out.Notified, AtRelease: out.Pending,
		Itinerary: newItineraryJSON(out.Itinerary, p), Subgroups: newSubgroupsJSON(out.Plan, p.Location())})
}
