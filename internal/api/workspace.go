package api

import (
	"net/http"

	"time"

	"itinera"
	"itinera/internal/app"
)

// A program's readiness (what is still to do) and moving one item of its
// itinerary by hand: the same application functions the web UI's Overview
// and week view call.

type readinessItemJSON struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Scheduled bool   `json:"scheduled"`
}

type readinessJSON struct {
	ProgramID            int64               `json:"program_id"`
	Days                 int                 `json:"days"`
	DaysWithoutItems     []string            `json:"days_without_items"`
	ItineraryVersion     int                 `json:"itinerary_version"`
	NotRequested         []readinessItemJSON `json:"not_requested"`
	Awaiting             []readinessItemJSON `json:"awaiting"`
	ToConfirm            []readinessItemJSON `json:"to_confirm"`
	EveningsNotConfirmed []readinessItemJSON `json:"evenings_not_confirmed"`
	// WithoutInterpretation: itinera.Uninterpreted at confirmed meetings.
	WithoutInterpretation []interpretationGapJSON `json:"without_interpretation"`
	ReleasedVersion       int                     `json:"released_version"`
	ReleasePending        bool                    `json:"release_pending"`
	Ready                 bool                    `json:"ready"`
}

type interpretationGapJSON struct {
	MeetingID int64    `json:"meeting_id"`
	Title     string   `json:"title"`
	Languages []string `json:"languages"`
	Visitors  []string `json:"visitors"`
}

func readinessItems(xs []app.ReadinessItem) []readinessItemJSON {
	return mapList(xs, func(x app.ReadinessItem) readinessItemJSON {
		return readinessItemJSON{ID: x.ID, Title: x.Title, Scheduled: x.Scheduled}
	})
}

// getReadiness answers what is still to do before the program can run.
func (a *API) getReadiness(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	rd, err := a.app.ProgramReadiness(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	return a.ok(w, r, readinessJSON{ProgramID: rd.ProgramID, Days: rd.Days,
		DaysWithoutItems: mapList(rd.DaysWithoutItems, func(d itinera.Date) string { return d.String() }),
		ItineraryVersion: rd.ItineraryVersion, NotRequested: readinessItems(rd.NotRequested), Awaiting: readinessItems(rd.Awaiting),
		ToConfirm: readinessItems(rd.ToConfirm), EveningsNotConfirmed: readinessItems(rd.EveningsNotConfirmed),
		WithoutInterpretation: mapList(rd.WithoutInterpretation, func(g app.InterpretationGap) interpretationGapJSON {
			return interpretationGapJSON{MeetingID: g.MeetingID, Title: g.Title, Languages: list(g.Languages), Visitors: list(g.Visitors)}
		}),
		ReleasedVersion: rd.ReleasedVersion, ReleasePending: rd.ReleasePending, Ready: rd.Ready()})
}

type itemMoveInput struct {
	Item    string `json:"item"`
	Start   string `json:"start"`
	Version int    `json:"version"`
	Apply   bool   `json:"apply"`
}

type itemMoveJSON struct {
	OK               bool     `json:"ok"`
	Item             string   `json:"item"`
	Title            string   `json:"title"`
	Start            string   `json:"start"`
	End              string   `json:"end"`
	Explanation      string   `json:"explanation"`
	Reasons          []string `json:"reasons"`
	Notes            []string `json:"notes"`
	Applied          bool     `json:"applied"`
	ItineraryVersion *int     `json:"itinerary_version"`
	Notified         int      `json:"notified"`
	AtRelease        int      `json:"at_release"`
}

// moveItem checks moving one item of the current itinerary to a new start
// and, with apply, saves it as the next version (the item pinned there).
func (a *API) moveItem(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in itemMoveInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	mv := app.Move{Version: in.Version}
	key, ok := itemKey(in.Item)
	if !ok {
		f.Add("item", "Name the item as meeting-12 or activity-7.")
	}
	mv.Key = key
	t, err := time.Parse(time.RFC3339, in.Start)
	if err != nil {
		f.Add("start", "Give the new start as date and time with offset, such as 2026-05-04T09:00:00-05:00.")
	}
	mv.Start = t.UTC()
	if in.Version < 0 {
		f.Add("version", "Give the itinerary version the move was made on, or leave it out.")
	}
	if err := f.Err("move"); err != nil {
		return err
	}
	c, loc := a.caller(r, u), p.Location()
	out := itemMoveJSON{Item: in.Item}
	fill := func(ok bool, title string, start, end time.Time, explanation string, reasons, notes []string) {
		out.OK, out.Title, out.Explanation = ok, title, explanation
		out.Start, out.End = instant(start, loc), instant(end, loc)
		out.Reasons, out.Notes = append([]string{}, reasons...), append([]string{}, notes...)
	}
	if !in.Apply {
		mc, err := a.app.CheckMove(r.Context(), c, p.ID, mv)
		if err != nil {
			return err
		}
		fill(mc.OK, mc.Title, mc.Start, mc.End, mc.Explanation, mc.Reasons, mc.Notes)
		return a.ok(w, r, out)
	}
	moved, err := a.app.MoveItem(r.Context(), c, p.ID, mv)
	if err != nil {
		return err
	}
	mc := moved.Check
	fill(mc.OK, mc.Title, mc.Start, mc.End, mc.Explanation, mc.Reasons, mc.Notes)
	v := moved.Itinerary.Version
	out.Applied, out.ItineraryVersion, out.Notified, out.AtRelease = true, &v, moved.Notified, moved.Pending
	return a.ok(w, r, out)
}
