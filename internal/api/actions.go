package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
)

// The workflows beyond reading and writing one record: build and apply an
// itinerary, cancel a meeting or an activity, confirm or decline a
// request. Each is one call of the application layer.

// ---- Plan

type pinJSON struct {
	Item  string `json:"item"`
	Start string `json:"start"`
}

type planInput struct {
	Pins   []pinJSON `json:"pins"`
	Apply  bool      `json:"apply"`
	Digest string    `json:"digest"`
}

type planPlaceJSON struct {
	ID   int64   `json:"id"`
	Name string  `json:"name"`
	Lat  float64 `json:"lat"`
	Lon  float64 `json:"lon"`
}

type planItemJSON struct {
	Item          string         `json:"item"`
	MeetingID     *int64         `json:"meeting_id"`
	ActivityID    *int64         `json:"activity_id"`
	Title         string         `json:"title"`
	Start         string         `json:"start"`
	End           string         `json:"end"`
	TravelMinutes int            `json:"travel_minutes"`
	WaitMinutes   int            `json:"wait_minutes"`
	Place         *planPlaceJSON `json:"place"`
	Value         int            `json:"value"`
	Pinned        bool           `json:"pinned"`
	Change        string         `json:"change"`
	Was           *windowJSON    `json:"was"`
}

type planDayJSON struct {
	Date          string         `json:"date"`
	Items         []planItemJSON `json:"items"`
	Lunch         *windowJSON    `json:"lunch"`
	TravelMinutes int            `json:"travel_minutes"`
	Value         int            `json:"value"`
}

type leftOutJSON struct {
	Item      string `json:"item"`
	Title     string `json:"title"`
	Mandatory bool   `json:"mandatory"`
	Dropped   bool   `json:"dropped"`
	Reason    string `json:"reason"`
}

type planJSON struct {
	ProgramID            int64         `json:"program_id"`
	TimeZone             string        `json:"time_zone"`
	CurrentVersion       int           `json:"current_version"`
	TravelNote           string        `json:"travel_note,omitempty"`
	Digest               string        `json:"digest"`
	Complete             bool          `json:"complete"`
	Applied              bool          `json:"applied"`
	ItineraryVersion     *int          `json:"itinerary_version"`
	Notified             int           `json:"notified"`
	AtRelease            int           `json:"at_release"`
	Value                int           `json:"value"`
	TravelMinutes        int           `json:"travel_minutes"`
	CurrentValue         int           `json:"current_value"`
	CurrentTravelMinutes int           `json:"current_travel_minutes"`
	Added                int           `json:"added"`
	Moved                int           `json:"moved"`
	Dropped              int           `json:"dropped"`
	Days                 []planDayJSON `json:"days"`
	LeftOut              []leftOutJSON `json:"left_out"`
	// Subgroups is the sub-group planner's proposal, on a proposal (not
	// when applying); SubgroupsNote says why there is none.
	Subgroups     *subgroupsJSON `json:"subgroups,omitempty"`
	SubgroupsNote string         `json:"subgroups_note,omitempty"`
}

// The API names items "meeting-12" and "activity-7"; the engine "m12" and "a7".
func itemName(key string) string {
	if strings.HasPrefix(key, "m") {
		return "meeting-" + key[1:]
	}
	return "activity-" + key[1:]
}

func itemKey(name string) (string, bool) {
	kind, id, ok := strings.Cut(name, "-")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		return "", false
	}
	switch kind {
	case "meeting":
		return "m" + id, true
	case "activity":
		return "a" + id, true
	}
	return "", false
}

func newPlanJSON(pl app.Plan, loc *time.Location) planJSON {
	p := pl.Proposal
	j := planJSON{ProgramID: p.ProgramID, TimeZone: pl.Input.Program.TimeZone, CurrentVersion: pl.Version, Digest: pl.Digest,
		Complete: p.Complete, Value: p.Value, TravelMinutes: p.TravelMinutes, CurrentValue: p.CurrentValue,
		CurrentTravelMinutes: p.CurrentTravelMinutes, Days: []planDayJSON{}, LeftOut: []leftOutJSON{}, TravelNote: pl.Input.Travel.Note}
	j.Added, j.Moved, j.Dropped = p.Counts()
	for _, d := range p.Days {
		dj := planDayJSON{Date: d.Date.String(), Items: []planItemJSON{}, TravelMinutes: d.TravelMinutes, Value: d.Value}
		if d.Lunch != nil {
			dj.Lunch = &windowJSON{Start: instant(d.Lunch.Start, loc), End: instant(d.Lunch.End, loc)}
		}
		for _, it := range d.Items {
			ij := planItemJSON{Item: itemName(it.Key), MeetingID: optID(it.MeetingID), ActivityID: optID(it.ActivityID), Title: it.Title,
				Start: instant(it.Start, loc), End: instant(it.End, loc), TravelMinutes: it.TravelMinutes, WaitMinutes: it.WaitMinutes,
				Value: it.Value, Pinned: it.Pinned, Change: string(it.Change)}
			if it.Place.ID != 0 {
				ij.Place = &planPlaceJSON{ID: it.Place.ID, Name: it.Place.Name, Lat: it.Place.Lat, Lon: it.Place.Lon}
			}
			if it.Was != nil {
				ij.Was = &windowJSON{Start: instant(it.Was.Start, loc), End: instant(it.Was.End, loc)}
			}
			dj.Items = append(dj.Items, ij)
		}
		j.Days = append(j.Days, dj)
	}
	for _, l := range p.LeftOut {
		j.LeftOut = append(j.LeftOut, leftOutJSON{Item: itemName(l.Key), Title: l.Title, Mandatory: l.Mandatory, Dropped: l.Dropped,
			Reason: l.Explanation})
	}
	return j
}

// plan builds the engine's proposal for a program, with pins; with
// "apply" and the digest of the proposal shown, it saves the proposal as
// the next itinerary version (409 when the program changed since).
func (a *API) plan(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in planInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	pins := map[string]time.Time{}
	for i, pin := range in.Pins {
		key, ok := itemKey(pin.Item)
		if !ok {
			f.Add("pins", fmt.Sprintf("Pin %d: name the item as meeting-12 or activity-7.", i+1))
			continue
		}
		t, err := time.Parse(time.RFC3339, pin.Start)
		if err != nil {
			f.Add("pins", fmt.Sprintf("Pin %d: give the start as date and time with offset, such as 2026-05-04T09:00:00-05:00.", i+1))
			continue
		}
		pins[key] = t.UTC()
	}
	itinera.CheckLine(f, "digest", &in.Digest, 64)
	if in.Apply && in.Digest == "" {
		f.Add("digest", "To apply, send the digest of the proposal you reviewed.")
	}
	if err := f.Err("plan"); err != nil {
		return err
	}
	c := a.caller(r, u)
	if !in.Apply {
		pl, err := a.app.Propose(r.Context(), c, p.ID, pins)
		if err != nil {
			return err
		}
		j := newPlanJSON(pl, p.Location())
		groups, err := a.app.PlanSubgroups(r.Context(), c, p.ID)
		switch {
		case itinera.ErrorCode(err) == itinera.EINVALID:
			j.SubgroupsNote = itinera.ErrorMessage(err)
		case err != nil:
			return err
		default:
			j.Subgroups = newSubgroupsJSON(groups, p.Location())
		}
		return a.ok(w, r, j)
	}
	out, err := a.app.ApplyPlan(r.Context(), c, p.ID, pins, in.Digest)
	if err != nil {
		return err
	}
	j := newPlanJSON(out.Plan, p.Location())
	j.Applied, j.Notified, j.AtRelease = true, out.Notified, out.Pending
	v := out.Itinerary.Version
	j.ItineraryVersion = &v
	return a.ok(w, r, j)
}

// ---- Cancel, confirm, decline

type reasonInput struct {
	Reason string `json:"reason"`
}

type cancelledMeetingJSON struct {
	meetingJSON
	Notified int `json:"notified"`
}

func (a *API) cancelMeeting(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	m, p, err := a.meeting(r, u)
	if err != nil {
		return err
	}
	var in reasonInput
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	res, err := a.app.CancelMeeting(r.Context(), a.caller(r, u), m.ID, in.Reason)
	if err != nil {
		return err
	}
	return a.ok(w, r, cancelledMeetingJSON{meetingJSON: newMeetingJSON(res.Meeting, p.Location()), Notified: res.Notified})
}

func (a *API) cancelActivity(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	x, err := a.activityKind().find(r, u)
	if err != nil {
		return err
	}
	p, err := a.svc.Programs.Program(r.Context(), u.TenantID, x.ProgramID)
	if err != nil {
		return err
	}
	var in reasonInput
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	if x, err = a.app.CancelActivity(r.Context(), a.caller(r, u), x.ID, in.Reason); err != nil {
		return err
	}
	return a.ok(w, r, newActivityJSON(x, p.Location()))
}

func (a *API) confirmRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	var in windowJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	start, err1 := time.Parse(time.RFC3339, in.Start)
	end, err2 := time.Parse(time.RFC3339, in.End)
	if err1 != nil {
		f.Add("start", "Give the start as date and time with offset, such as 2026-05-04T09:00:00-05:00.")
	}
	if err2 != nil {
		f.Add("end", "Give the end as date and time with offset, such as 2026-05-04T11:00:00-05:00.")
	}
	if err := f.Err("confirmation"); err != nil {
		return err
	}
	rq, err = a.app.ConfirmRequest(r.Context(), a.caller(r, u), rq.ID, itinera.Window{Start: start.UTC(), End: end.UTC()})
	if err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}

func (a *API) declineRequest(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.requestWithReason(w, r, u, a.app.DeclineRequest)
}

// requestWithReason runs a request's workflow that takes the officer's
// optional reason, and answers the request as it is then.
func (a *API) requestWithReason(w http.ResponseWriter, r *http.Request, u itinera.User,
	do func(context.Context, app.Caller, int64, string) (itinera.Request, error)) error {
	rq, p, err := a.request(r, u)
	if err != nil {
		return err
	}
	var in reasonInput
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	if rq, err = do(r.Context(), a.caller(r, u), rq.ID, in.Reason); err != nil {
		return err
	}
	return a.ok(w, r, newRequestJSON(rq, p.Location()))
}
