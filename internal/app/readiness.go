package app

import (
	"context"

	"itinera"
)

// Readiness says what is still to do before a program can run: the
// Overview of a program shows it, the API serves it. Every figure comes
// from here.
type Readiness struct {
	ProgramID int64
	Days      int
	// DaysWithoutItems are the program days with nothing scheduled (every
	// day while there is no itinerary).
	DaysWithoutItems []itinera.Date
	// ItineraryVersion is the current itinerary's version, 0 without one.
	ItineraryVersion int
	// NotRequested are meetings never asked of their resource (status
	// candidate, no request sent: a draft does not count); Scheduled
	// marks those in the itinerary.
	NotRequested []ReadinessItem
	// Awaiting are requests sent and not yet answered.
	Awaiting []ReadinessItem
	// ToConfirm are requests answered (accepted or another time proposed)
	// whose time the officer has not confirmed.
	ToConfirm []ReadinessItem
	// EveningsNotConfirmed are hospitality evenings still being planned.
	EveningsNotConfirmed []ReadinessItem
	// WithoutInterpretation are the confirmed meetings where visitors who
	// go would be left without interpretation: they speak none of the
	// meeting's languages and no interpreter of the program covers them.
	WithoutInterpretation []InterpretationGap
	// Scheduled counts the meetings in the current itinerary, Confirmed
	// those of them whose time is confirmed with their resource.
	Scheduled, Confirmed int
	// ReleasedVersion is the itinerary version last released (0: never);
	// ReleasePending says the current version is not released yet.
	ReleasedVersion int
	ReleasePending  bool
}

// ReadinessItem is one record that needs attention.
type ReadinessItem struct {
	ID        int64 // the meeting's, request's or evening's
	Title     string
	Scheduled bool // a meeting in the current itinerary
}

// InterpretationGap is a confirmed meeting and the visitors no interpreter
// covers there.
type InterpretationGap struct {
	MeetingID int64
	Title     string
	Languages []string // the meeting's language codes
	Visitors  []string // their names
}

// interpretationGaps lists the confirmed meetings where visitors who go
// (everyone, or the named visitors) would be left without interpretation
// with all the program's interpreters present (itinera.Uninterpreted); a
// meeting that a sub-group attends in the itinerary (items, by meeting),
// with that sub-group's visitors and interpreters only.
func interpretationGaps(ms []itinera.Meeting, vs []itinera.Visitor, is []itinera.Interpreter, items map[int64]itinera.ItineraryItem) []InterpretationGap {
	var out []InterpretationGap
	for _, m := range ms {
		if m.Status != itinera.MeetingConfirmed || len(m.Languages) == 0 {
			continue
		}
		x, split := items[m.ID]
		split = split && !x.Whole()
		var going []itinera.Visitor
		for _, v := range vs {
			if (!split && m.Includes(v.ID)) || (split && x.Attends(v.ID)) {
				going = append(going, v)
			}
		}
		with := is
		if split {
			with = nil
			for _, i := range is {
				if x.Interprets(i.ID) {
					with = append(with, i)
				}
			}
		}
		left := itinera.Uninterpreted(m.Languages, going, with)
		if len(left) == 0 {
			continue
		}
		g := InterpretationGap{MeetingID: m.ID, Title: m.Title, Languages: m.Languages}
		for _, v := range left {
			g.Visitors = append(g.Visitors, v.Name())
		}
		out = append(out, g)
	}
	return out
}

// Ready reports whether nothing is left to do.
func (r Readiness) Ready() bool {
	return r.ItineraryVersion > 0 && len(r.DaysWithoutItems) == 0 && len(r.NotRequested) == 0 && len(r.Awaiting) == 0 &&
		len(r.ToConfirm) == 0 && len(r.EveningsNotConfirmed) == 0 && len(r.WithoutInterpretation) == 0 && !r.ReleasePending
}

// ProgramReadiness reads what is still to do in a program.
func (a *App) ProgramReadiness(ctx context.Context, c Caller, programID int64) (Readiness, error) {
	tid := c.tenant()
	p, err := a.r.Programs.Program(ctx, tid, programID)
	if err != nil {
		return Readiness{}, err
	}
	out := Readiness{ProgramID: p.ID}
	days, err := a.r.Programs.Days(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	out.Days = len(days)
	scheduled := map[int64]bool{}
	items := map[int64]itinera.ItineraryItem{}
	busy := map[itinera.Date]bool{}
	cur, err := a.r.Itineraries.CurrentItinerary(ctx, tid, p.ID)
	switch itinera.ErrorCode(err) {
	case "":
		out.ItineraryVersion = cur.Version
		loc := p.Location()
		for _, x := range cur.Items {
			busy[itinera.DateOf(x.Start.In(loc))] = true
			if x.MeetingID != 0 {
				scheduled[x.MeetingID] = true
				items[x.MeetingID] = x
			}
		}
	case itinera.ENOTFOUND:
	default:
		return out, err
	}
	for _, d := range days {
		if !busy[d.Date] {
			out.DaysWithoutItems = append(out.DaysWithoutItems, d.Date)
		}
	}
	ms, err := a.r.Candidates.Meetings(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	rqs, err := a.r.Requests.Requests(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	asked := map[int64]bool{}
	for _, rq := range rqs {
		if rq.Status != itinera.RequestWithdrawn && rq.Status != itinera.RequestDraft {
			asked[rq.MeetingID] = true
		}
		it := ReadinessItem{ID: rq.ID, Title: rq.MeetingTitle}
		switch {
		case rq.IsConfirmed():
		case rq.Status == itinera.RequestSent || rq.Status == itinera.RequestViewed:
			out.Awaiting = append(out.Awaiting, it)
		case rq.Status == itinera.RequestAccepted || rq.Status == itinera.RequestCountered:
			out.ToConfirm = append(out.ToConfirm, it)
		}
	}
	for _, m := range ms {
		if scheduled[m.ID] {
			out.Scheduled++
			if m.Status == itinera.MeetingConfirmed {
				out.Confirmed++
			}
		}
		if m.Status == itinera.MeetingCandidate && !asked[m.ID] {
			out.NotRequested = append(out.NotRequested, ReadinessItem{ID: m.ID, Title: m.Title, Scheduled: scheduled[m.ID]})
		}
	}
	vs, err := a.r.People.Visitors(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	is, err := a.r.People.Interpreters(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	out.WithoutInterpretation = interpretationGaps(ms, vs, is, items)
	es, err := a.r.Hospitality.Evenings(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	loc := p.Location()
	for _, e := range es {
		if e.Status != itinera.EveningConfirmed {
			out.EveningsNotConfirmed = append(out.EveningsNotConfirmed,
				ReadinessItem{ID: e.ID, Title: "Evening of " + e.Start.In(loc).Format("Mon 2 Jan")})
		}
	}
	rels, err := a.r.Itineraries.Releases(ctx, tid, p.ID)
	if err != nil {
		return out, err
	}
	if len(rels) > 0 {
		out.ReleasedVersion = rels[0].ItineraryVersion
	}
	out.ReleasePending = out.ItineraryVersion > 0 && out.ReleasedVersion < out.ItineraryVersion
	return out, nil
}
