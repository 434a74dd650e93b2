package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/planning"
)

// The "Build itinerary" page runs the itinerary engine on the program's
// candidates and shows its proposal beside the current itinerary. Pins are
// carried in the page's forms ("pin" values "key@unix"), so nothing is
// stored until the officer applies; applying re-runs the engine with the
// same pins and saves the result only if it is the proposal that was shown.

type planView struct {
	P          itinera.Program
	Zone       string
	Proposal   *planning.Proposal
	Added      int
	Moved      int
	Dropped    int
	Days       []planDay
	LeftOut    []planning.LeftOut
	Mandatory  []planning.LeftOut // mandatory items left out
	Values     []valueRow
	Pins       []string // the pins this proposal was built with
	Digest     string
	Version    int // current itinerary version, 0 without one
	Next       int // the version applying saves
	Elapsed    string
	TravelNote string // where the travel times come from, when not the road network
	Overrides  []itinera.TravelOverride
	Places     []option // for a new travel time: the directory's places
	Stale      bool     // an apply found the program changed since the page was shown
	HasCurrent bool
	// The sub-group planner's proposal (read only): the days it splits,
	// or why there is none.
	Subgroups       []subgroupDay
	SubgroupsNote   string
	SubgroupsRun    bool
	SubgroupsDigest string // the proposal's, for applying a day of it
	SubgroupsOK     bool   // complete: a day of it may be applied
	CanEdit         bool
}

type subgroupDay struct {
	Label     string
	Date      string // YYYY-MM-DD, for the form that applies it
	Applied   bool   // the current itinerary has these sub-groups
	Stretches []subgroupStretch
}

type subgroupStretch struct {
	ID, Label, Time string
	Groups          []subgroupCard
}

type subgroupCard struct {
	Number       int
	Visitors     []string
	Interpreters []string
	Items        []planLine
	Explanation  string
}

type planDay struct {
	Label    string
	Current  []planLine
	Proposed []planLine
	Lunch    string
	Before   *timeline
	After    timeline
}

type planLine struct {
	Key, Time, Title, Place, Change, Was, PinValue string
	Pinned                                         bool
	Travel                                         int
}

type valueRow struct {
	Title                                                 string
	Base, Objectives, Interests, Subtotal, Percent, Total int
	Scheduled                                             bool
}

// parsePins reads "key@unix" values; anything malformed is ignored, since
// pins only come from the page's own checkboxes.
func parsePins(values []string) (map[string]time.Time, []string) {
	pins := map[string]time.Time{}
	for _, v := range values {
		key, unix, ok := strings.Cut(v, "@")
		sec, err := strconv.ParseInt(unix, 10, 64)
		if !ok || err != nil || len(key) < 2 || (key[0] != 'm' && key[0] != 'a') {
			continue
		}
		if _, err := strconv.ParseInt(key[1:], 10, 64); err != nil {
			continue
		}
		pins[key] = time.Unix(sec, 0)
	}
	keys := make([]string, 0, len(pins))
	for k, t := range pins {
		keys = append(keys, k+"@"+strconv.FormatInt(t.Unix(), 10))
	}
	sort.Strings(keys)
	return pins, keys
}

// propose runs the engine with the pins of the page and builds the view.
func (ui *UI) propose(r *http.Request, s *session, pinValues []string) (planView, error) {
	id, err := pathID(r)
	if err != nil {
		return planView{}, err
	}
	pins, pinKeys := parsePins(pinValues)
	pl, err := ui.app.Propose(r.Context(), ui.caller(r, s), id, pins)
	if err != nil {
		return planView{}, err
	}
	v := ui.planView(s, pl, pinKeys)
	groups, err := ui.app.PlanSubgroups(r.Context(), ui.caller(r, s), id)
	switch {
	case itinera.ErrorCode(err) == itinera.EINVALID:
		v.SubgroupsNote, v.SubgroupsRun = itinera.ErrorMessage(err), true
	case err != nil:
		return v, err
	default:
		v.Subgroups, v.SubgroupsRun = subgroupDays(groups, pl.Input.Program.Location()), true
		v.SubgroupsDigest, v.SubgroupsOK = groups.Digest, groups.Complete
		for i, d := range v.Subgroups {
			date, _ := itinera.ParseDate(d.Date)
			v.Subgroups[i].Applied = app.SubgroupsInItinerary(pl.Input, groups, date)
		}
	}
	v.CanEdit = s.User.Role.CanEdit()
	if v.Overrides, err = ui.svc.Travel.TravelOverrides(r.Context(), s.User.TenantID, id); err != nil {
		return v, err
	}
	for _, p := range pl.Input.Places {
		if p.Kind != itinera.PlaceHome {
			v.Places = append(v.Places, option{Value: strconv.FormatInt(p.ID, 10), Label: p.Name})
		}
	}
	return v, nil
}

// planView shows a plan beside the current itinerary.
func (ui *UI) planView(s *session, pl app.Plan, pinKeys []string) planView {
	in, prop, tid := pl.Input, pl.Proposal, s.User.TenantID
	loc := in.Program.Location()
	v := planView{P: in.Program, Zone: in.Program.ZoneLabel(), Proposal: prop, Pins: pinKeys, TravelNote: in.Travel.Note,
		Elapsed: prop.Elapsed.Round(time.Millisecond).String(), HasCurrent: in.Current != nil}
	v.Version = pl.Version
	v.Next = v.Version + 1
	v.Digest = pl.Digest
	v.Added, v.Moved, v.Dropped = prop.Counts()
	for _, l := range prop.LeftOut {
		if l.Mandatory {
			v.Mandatory = append(v.Mandatory, l)
		}
	}
	v.LeftOut = prop.LeftOut

	ppl := peopleOf(in.Visitors, in.Interpreters)
	after := timelines(prop.Itinerary(tid, 0, ""), in.Days, loc, ppl)
	var before []timeline
	if in.Current != nil {
		before = timelines(*in.Current, in.Days, loc, ppl)
	}
	span := func(a, b time.Time) string { return a.In(loc).Format("15:04") + "–" + b.In(loc).Format("15:04") }
	for i, d := range prop.Days {
		pd := planDay{Label: dateLabel(d.Date), After: after[i]}
		pd.After.ID = "proposed-" + d.Date.String()
		pd.After.Label = "Proposed"
		if before != nil {
			b := before[i]
			b.ID, b.Label = "current-"+d.Date.String(), "Current"
			pd.Before = &b
			for _, x := range in.Current.Items {
				if itinera.DateOf(x.Start.In(loc)) == d.Date {
					pd.Current = append(pd.Current, planLine{Time: span(x.Start, x.End), Title: x.Title, Place: x.PlaceName, Pinned: x.Pinned})
				}
			}
			sort.Slice(pd.Current, func(a, b int) bool { return pd.Current[a].Time < pd.Current[b].Time })
		}
		if d.Lunch != nil {
			pd.Lunch = "Lunch " + span(d.Lunch.Start, d.Lunch.End)
		}
		for _, it := range d.Items {
			line := planLine{Key: it.Key, Time: span(it.Start, it.End), Title: it.Title, Place: it.PlaceName,
				Change: string(it.Change), Pinned: it.Pinned, Travel: it.TravelMinutes,
				PinValue: it.Key + "@" + strconv.FormatInt(it.Start.Unix(), 10)}
			if it.Was != nil {
				line.Was = it.Was.Start.In(loc).Format("Mon 15:04")
			}
			pd.Proposed = append(pd.Proposed, line)
		}
		v.Days = append(v.Days, pd)
	}
	scheduled := map[string]bool{}
	for _, d := range prop.Days {
		for _, it := range d.Items {
			scheduled[it.Key] = true
		}
	}
	keys := make([]string, 0, len(prop.Values))
	for k := range prop.Values {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		va, vb := prop.Values[keys[a]].Total, prop.Values[keys[b]].Total
		if va != vb {
			return va > vb
		}
		return prop.Titles[keys[a]] < prop.Titles[keys[b]]
	})
	for _, k := range keys {
		b := prop.Values[k]
		v.Values = append(v.Values, valueRow{Title: prop.Titles[k], Base: b.Base, Objectives: b.ObjectivePoints,
			Interests: b.InterestPoints, Subtotal: b.Subtotal, Percent: b.PriorityPercent, Total: b.Total, Scheduled: scheduled[k]})
	}
	return v
}

// subgroupDays shows the stretches in which the sub-group planner splits
// the delegation, day by day.
func subgroupDays(p *planning.SubgroupPlan, loc *time.Location) []subgroupDay {
	span := func(a, b time.Time) string { return a.In(loc).Format("15:04") + "–" + b.In(loc).Format("15:04") }
	var out []subgroupDay
	for _, d := range p.Days {
		if !d.Split() {
			continue
		}
		sd := subgroupDay{Label: dateLabel(d.Date), Date: d.Date.String()}
		for k, st := range d.Stretches {
			if !st.Split() {
				continue
			}
			ss := subgroupStretch{ID: d.Date.String() + "-" + strconv.Itoa(k+1), Label: st.Label, Time: span(st.From, st.To)}
			for n, g := range st.Groups {
				c := subgroupCard{Number: n + 1, Explanation: g.Explanation}
				for _, x := range g.Visitors {
					c.Visitors = append(c.Visitors, x.Name)
				}
				for _, x := range g.Interpreters {
					c.Interpreters = append(c.Interpreters, x.Name)
				}
				for _, it := range g.Items {
					c.Items = append(c.Items, planLine{Key: it.Key, Time: span(it.Start, it.End), Title: it.Title, Place: it.PlaceName,
						Travel: it.TravelMinutes})
				}
				ss.Groups = append(ss.Groups, c)
			}
			sd.Stretches = append(sd.Stretches, ss)
		}
		out = append(out, sd)
	}
	return out
}

func planInfo(p itinera.Program) pageInfo {
	return pageInfo{Title: "Build the itinerary of " + p.Title, Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(p)}}
}

// planShow shows the engine's proposal.
func (ui *UI) planShow(w http.ResponseWriter, r *http.Request, s *session) {
	v, err := ui.propose(r, s, r.URL.Query()["pin"])
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.render(w, r, s, http.StatusOK, "plan", planInfo(v.P), v)
}

// planApply re-runs the engine with the shown pins and saves the result as
// the next itinerary version, if it is still the proposal that was shown.
func (ui *UI) planApply(w http.ResponseWriter, r *http.Request, s *session) {
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, s, itinera.Errorf(itinera.EINVALID, "The form could not be read."))
		return
	}
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	pins, pinKeys := parsePins(r.PostForm["pin"])
	out, err := ui.app.ApplyPlan(r.Context(), ui.caller(r, s), id, pins, r.PostFormValue("digest"))
	switch {
	case err == nil:
		ui.redirect(w, r, sectionPath(id, "itinerary")+"#itinerary", fmt.Sprintf("Itinerary version %d saved.", out.Itinerary.Version))
	case out.Proposal != nil && itinera.ErrorCode(err) == itinera.ECONFLICT:
		v := ui.planView(s, out.Plan, pinKeys)
		v.Stale = true
		ui.render(w, r, s, http.StatusConflict, "plan", planInfo(v.P), v)
	case out.Proposal != nil && itinera.ErrorCode(err) == itinera.EINVALID:
		v := ui.planView(s, out.Plan, pinKeys)
		ui.render(w, r, s, http.StatusUnprocessableEntity, "plan", planInfo(v.P), v)
	default:
		ui.fail(w, r, s, err)
	}
}

// subgroupsApply makes one split day of the sub-group proposal the
// itinerary (app.ApplySubgroups), if the proposal is still the one shown.
func (ui *UI) subgroupsApply(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s) // another organization's program is not found, whatever the form says
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	id := p.ID
	back := "/programs/" + itoa(id) + "/plan#subgroups"
	date, err := itinera.ParseDate(r.PostFormValue("date"))
	if err != nil {
		ui.redirect(w, r, back, "The sub-groups were not applied: the form named no day.")
		return
	}
	out, err := ui.app.ApplySubgroups(r.Context(), ui.caller(r, s), id, date, r.PostFormValue("digest"))
	switch code := itinera.ErrorCode(err); {
	case err == nil:
		ui.redirect(w, r, sectionPath(id, "itinerary")+"/"+date.String(), fmt.Sprintf(
			"Itinerary version %d saved: the sub-groups of %s are in the itinerary. To undo it, build the itinerary again and apply it.",
			out.Itinerary.Version, dateLabel(date)))
	case code == itinera.ECONFLICT || code == itinera.EINVALID:
		ui.redirect(w, r, back, "The sub-groups were not applied: "+itinera.ErrorMessage(err))
	default:
		ui.fail(w, r, s, err)
	}
}

// travelSet stores the officer's time for a leg and goes back to the builder.
func (ui *UI) travelSet(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	o := itinera.TravelOverride{ProgramID: id, From: fr.id("from_place_id", nil), To: fr.id("to_place_id", nil),
		Minutes: fr.int("minutes", "Give the minutes the trip takes, as a whole number."), Note: fr.text("note")}
	back := "/programs/" + itoa(id) + "/plan#travel"
	if len(fr.errs) > 0 {
		ui.redirect(w, r, back, "The travel time was not saved: "+firstMessage(fr.errs))
		return
	}
	if _, err := ui.app.SetTravelOverride(r.Context(), ui.caller(r, s), o); err != nil {
		if itinera.ErrorCode(err) == itinera.EINVALID {
			ui.redirect(w, r, back, "The travel time was not saved: "+firstMessage(itinera.ErrorFields(err)))
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, back, fmt.Sprintf("Travel time saved: %d min. The proposal below uses it.", o.Minutes))
}

// travelDelete removes the officer's time for a leg.
func (ui *UI) travelDelete(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	fr := newFormReader(r.PostForm)
	if err := ui.app.DeleteTravelOverride(r.Context(), ui.caller(r, s), id, fr.id("from_place_id", nil), fr.id("to_place_id", nil)); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/programs/"+itoa(id)+"/plan#travel", "Travel time removed: the model times that leg again.")
}

// firstMessage is one of the messages, for a flash.
func firstMessage(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		return ""
	}
	return m[keys[0]]
}
