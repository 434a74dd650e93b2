package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"itinera"
	"itinera/internal/planning"
)

// PlanSubgroups returns the sub-group planner's proposal for a program
// (issue 15): for each day, whether the delegation splits, who goes with
// which group and interpreter, and what each group attends when, with the
// planner's explanations. It reads and proposes; nothing is stored. The
// same records give the same proposal (PlanSeed, the planner's rounds);
// its Digest names it for ApplySubgroups.
func (a *App) PlanSubgroups(ctx context.Context, c Caller, programID int64) (*planning.SubgroupPlan, error) {
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return nil, err
	}
	a.roads(ctx, &in)
	return planSubgroups(ctx, in)
}

func planSubgroups(ctx context.Context, in planning.Input) (*planning.SubgroupPlan, error) {
	p, err := planning.Subgroups(ctx, in, planning.SubgroupOptions{Seed: PlanSeed})
	if err != nil {
		return nil, err
	}
	version := 0
	if in.Current != nil {
		version = in.Current.Version
	}
	p.Digest = subgroupDigest(version, p)
	return p, nil
}

// subgroupDigest identifies a sub-group proposal: the current version and,
// for every stretch, who goes in each group with which interpreters and
// what each group attends when.
func subgroupDigest(version int, p *planning.SubgroupPlan) string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d;", version)
	for _, d := range p.Days {
		fmt.Fprintf(h, "d%s;", d.Date)
		for _, s := range d.Stretches {
			fmt.Fprintf(h, "s%d-%d;", s.From.Unix(), s.To.Unix())
			for _, g := range s.Groups {
				h.Write([]byte("g"))
				for _, v := range g.Visitors {
					fmt.Fprintf(h, "v%d,", v.ID)
				}
				for _, i := range g.Interpreters {
					fmt.Fprintf(h, "i%d,", i.ID)
				}
				for _, it := range g.Items {
					fmt.Fprintf(h, "%s@%d-%d;", it.Key, it.Start.Unix(), it.End.Unix())
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// SubgroupsApplied is the result of applying a day's sub-groups.
type SubgroupsApplied struct {
	Plan      *planning.SubgroupPlan
	Date      itinera.Date
	Itinerary itinera.Itinerary
	// Notified counts the resources of confirmed meetings sent an update;
	// Pending those to be told at the next release.
	Notified, Pending int
}

// ApplySubgroups makes one day of the sub-group proposal the itinerary,
// as its next version. The rule:
//
//   - The proposal is built again; it must be the one the officer saw
//     (shown, its Digest: otherwise a conflict, 409, with the new one)
//     and complete (no mandatory item left out, 422).
//   - The day's items in the current itinerary are replaced by the
//     proposal's items of that day: items of together stretches and of
//     stretches where the delegation stays whole are for the whole
//     delegation; items of a split stretch carry their group's visitors
//     and interpreters. Every other day is untouched.
//   - Nothing agreed moves silently: a confirmed meeting or a pinned item
//     of that day that the proposal would move or leave out, and an item
//     the proposal takes from another day, make it refuse (422) with the
//     item named. (The planner keeps confirmed meetings and pins at their
//     time, so this happens only when one cannot be kept.)
//   - The delegation must split on that day, and the itinerary must not
//     have these sub-groups already; undoing a split is building the
//     whole-delegation itinerary again (ApplyPlan).
//
// Resources of confirmed meetings whose time, place or attendees change are
// told in the same transaction, as ApplyPlan does.
func (a *App) ApplySubgroups(ctx context.Context, c Caller, programID int64, date itinera.Date, shown string) (SubgroupsApplied, error) {
	if err := mustEdit(c); err != nil {
		return SubgroupsApplied{}, err
	}
	in, err := planning.Load(ctx, a.r, c.tenant(), programID)
	if err != nil {
		return SubgroupsApplied{}, err
	}
	a.roads(ctx, &in)
	plan, err := planSubgroups(ctx, in)
	if err != nil {
		return SubgroupsApplied{}, err
	}
	out := SubgroupsApplied{Plan: plan, Date: date}
	if shown != plan.Digest {
		return out, &itinera.Error{Code: itinera.ECONFLICT, Fields: map[string]string{"digest": "The program changed since these sub-groups were proposed."},
			Message: "The program changed since the sub-groups were shown: here is the new proposal; apply it again if it suits you."}
	}
	if !plan.Complete {
		return out, &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"date": "A mandatory item does not fit."},
			Message: "This proposal leaves out a mandatory item; change the candidates or the days first."}
	}
	it, err := subgroupItinerary(in, plan, date)
	if err != nil {
		return out, err
	}
	if in.Current != nil && sameItems(in.Current.Items, it.Items) {
		msg := fmt.Sprintf("The itinerary already has these sub-groups on %s.", date.In(in.Program.Location()).Format("Monday 2 January"))
		return out, &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"date": msg}, Message: msg}
	}
	it.TenantID, it.CreatedBy = c.tenant(), c.User.ID
	changed := &itinera.Error{Code: itinera.ECONFLICT, Fields: map[string]string{"digest": "The program changed while the sub-groups were planned."},
		Message: "The program changed while the sub-groups were being planned; look at them again."}
	out.Notified, out.Pending, out.Itinerary, err = a.saveIfUnchanged(ctx, c, in, &it, changed)
	return out, err
}

// SubgroupsInItinerary reports whether the current itinerary of in already has
// the plan's sub-groups of date (applying them would change nothing).
func SubgroupsInItinerary(in planning.Input, plan *planning.SubgroupPlan, date itinera.Date) bool {
	if in.Current == nil {
		return false
	}
	it, err := subgroupItinerary(in, plan, date)
	return err == nil && sameItems(in.Current.Items, it.Items)
}

// sameItems reports whether two itineraries' items are the same items at
// the same times for the same people.
func sameItems(a, b []itinera.ItineraryItem) bool {
	if len(a) != len(b) {
		return false
	}
	type key struct{ m, a int64 }
	byKey := map[key]itinera.ItineraryItem{}
	for _, x := range a {
		byKey[key{x.MeetingID, x.ActivityID}] = x
	}
	sorted := func(ids []int64) []int64 { return slices.Sorted(slices.Values(ids)) }
	for _, y := range b {
		x, ok := byKey[key{y.MeetingID, y.ActivityID}]
		if !ok || !x.Start.Equal(y.Start) || !x.End.Equal(y.End) ||
			!slices.Equal(sorted(x.VisitorIDs), sorted(y.VisitorIDs)) || !slices.Equal(sorted(x.InterpreterIDs), sorted(y.InterpreterIDs)) {
			return false
		}
	}
	return true
}

// subgroupItinerary is the current itinerary with date's items replaced by
// the plan's for that day (the rule of ApplySubgroups).
func subgroupItinerary(in planning.Input, plan *planning.SubgroupPlan, date itinera.Date) (itinera.Itinerary, error) {
	loc := in.Program.Location()
	dateErr := func(msg string) error {
		return &itinera.Error{Code: itinera.EINVALID, Fields: map[string]string{"date": msg}, Message: msg}
	}
	i := slices.IndexFunc(plan.Days, func(d planning.SubgroupDay) bool { return d.Date == date })
	if i < 0 {
		return itinera.Itinerary{}, dateErr(fmt.Sprintf("%s is not a day of this program.", date))
	}
	day := plan.Days[i]
	label := date.In(loc).Format("Monday 2 January")
	if !day.Split() {
		return itinera.Itinerary{}, dateErr(fmt.Sprintf("The delegation stays together on %s: there are no sub-groups to apply; build the itinerary instead.", label))
	}
	var cur []itinera.ItineraryItem
	if in.Current != nil {
		cur = in.Current.Items
	}
	onDay := func(x itinera.ItineraryItem) bool { return itinera.DateOf(x.Start.In(loc)) == date }
	key := func(meetingID, activityID int64) string {
		if meetingID != 0 {
			return fmt.Sprintf("m%d", meetingID)
		}
		return fmt.Sprintf("a%d", activityID)
	}
	current := map[string]itinera.ItineraryItem{}
	for _, x := range cur {
		current[key(x.MeetingID, x.ActivityID)] = x
	}
	it := itinera.Itinerary{ProgramID: in.Program.ID}
	for _, x := range cur {
		if !onDay(x) {
			it.Items = append(it.Items, x)
		}
	}
	proposed := map[string]itinera.ItineraryItem{}
	var splits []string
	for _, st := range day.Stretches {
		if st.Split() {
			splits = append(splits, fmt.Sprintf("%s, %s", strings.ToLower(st.Label), groupsText(len(st.Groups))))
		}
		for _, g := range st.Groups {
			var visitors, interpreters []int64
			if st.Split() {
				for _, v := range g.Visitors {
					visitors = append(visitors, v.ID)
				}
				for _, p := range g.Interpreters {
					interpreters = append(interpreters, p.ID)
				}
			}
			for _, x := range g.Items {
				k := key(x.MeetingID, x.ActivityID)
				was, inCurrent := current[k]
				if inCurrent && !onDay(was) {
					return itinera.Itinerary{}, dateErr(fmt.Sprintf("The sub-groups take %s from %s, another day of the itinerary: build the itinerary first, then apply the sub-groups.",
						x.Title, itinera.DateOf(was.Start.In(loc)).In(loc).Format("Monday 2 January")))
				}
				item := itinera.ItineraryItem{MeetingID: x.MeetingID, ActivityID: x.ActivityID, Title: x.Title, PlaceName: x.PlaceName,
					Start: x.Start, End: x.End, TravelMinutes: x.TravelMinutes, Pinned: inCurrent && was.Pinned,
					VisitorIDs: visitors, InterpreterIDs: interpreters}
				proposed[k] = item
				it.Items = append(it.Items, item)
			}
		}
	}
	// Nothing agreed moves silently.
	confirmed := map[string]bool{}
	for _, m := range in.Meetings {
		if m.Status == itinera.MeetingConfirmed {
			confirmed[key(m.ID, 0)] = true
		}
	}
	for _, x := range cur {
		k := key(x.MeetingID, x.ActivityID)
		if !onDay(x) || (!confirmed[k] && !x.Pinned) {
			continue
		}
		what := "pinned item"
		if confirmed[k] {
			what = "confirmed meeting"
		}
		p, ok := proposed[k]
		switch {
		case !ok:
			return itinera.Itinerary{}, dateErr(fmt.Sprintf("The sub-groups leave out the %s %s (%s): it keeps its time; change it first if it must go.",
				what, x.Title, x.Window().Label(loc)))
		case !p.Start.Equal(x.Start) || !p.End.Equal(x.End):
			return itinera.Itinerary{}, dateErr(fmt.Sprintf("The sub-groups would move the %s %s from %s to %s: it keeps its time; move it first if it must.",
				what, x.Title, x.Window().Label(loc), p.Window().Label(loc)))
		}
	}
	slices.SortStableFunc(it.Items, func(x, y itinera.ItineraryItem) int { return x.Start.Compare(y.Start) })
	it.Note = fmt.Sprintf("Sub-groups applied on %s (%s).", label, strings.Join(splits, "; "))
	return it, nil
}

// groupsText says how many groups: "two sub-groups".
func groupsText(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five"}
	w := fmt.Sprint(n)
	if n < len(words) {
		w = words[n]
	}
	return w + " sub-groups"
}
