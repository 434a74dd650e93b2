package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/planning"
	"itinera/internal/requests"
)

// The "Build itinerary" page runs the itinerary engine on the program's
// candidates and shows its proposal beside the current itinerary. Pins are
// carried in the page's forms ("pin" values "key@unix"), so nothing is
// stored until the officer applies; applying re-runs the engine with the
// same pins and saves the result only if it is the proposal that was shown.

// planSeed makes every run of the page deterministic: the same data and
// pins give the same proposal.
const planSeed = 1

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
	Stale      bool // an apply found the program changed since the page was shown
	HasCurrent bool
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

// digest identifies a proposal: the current version and every item's time.
func digest(version int, p *planning.Proposal) string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d;", version)
	for _, d := range p.Days {
		for _, it := range d.Items {
			fmt.Fprintf(h, "%s@%d-%d;", it.Key, it.Start.Unix(), it.End.Unix())
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// propose loads the program, runs the engine with pins and builds the view.
func (ui *UI) propose(r *http.Request, s *session, pinValues []string) (planView, error) {
	ctx, tid := r.Context(), s.User.TenantID
	id, err := pathID(r)
	if err != nil {
		return planView{}, err
	}
	in, err := planning.Load(ctx, ui.svc, tid, id)
	if err != nil {
		return planView{}, err
	}
	pins, pinKeys := parsePins(pinValues)
	in.Pins = pins
	prop, err := planning.Build(ctx, in, planning.Options{Seed: planSeed, TimeLimit: 20 * time.Second})
	if err != nil {
		return planView{}, err
	}
	loc := in.Program.Location()
	v := planView{P: in.Program, Zone: zoneLabel(in.Program, loc), Proposal: prop, Pins: pinKeys,
		Elapsed: prop.Elapsed.Round(time.Millisecond).String(), HasCurrent: in.Current != nil}
	if in.Current != nil {
		v.Version = in.Current.Version
	}
	v.Next = v.Version + 1
	v.Digest = digest(v.Version, prop)
	v.Added, v.Moved, v.Dropped = prop.Counts()
	for _, l := range prop.LeftOut {
		if l.Mandatory {
			v.Mandatory = append(v.Mandatory, l)
		}
	}
	v.LeftOut = prop.LeftOut

	after := timelines(prop.Itinerary(tid, 0, ""), in.Days, loc)
	var before []timeline
	if in.Current != nil {
		before = timelines(*in.Current, in.Days, loc)
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
	return v, nil
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
	v, err := ui.propose(r, s, r.PostForm["pin"])
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if v.Digest != r.PostFormValue("digest") {
		v.Stale = true
		ui.render(w, r, s, http.StatusConflict, "plan", planInfo(v.P), v)
		return
	}
	if !v.Proposal.Complete {
		ui.render(w, r, s, http.StatusUnprocessableEntity, "plan", planInfo(v.P), v)
		return
	}
	note := fmt.Sprintf("Built by the itinerary engine: %d added, %d moved, %d dropped.", v.Added, v.Moved, v.Dropped)
	it := v.Proposal.Itinerary(s.User.TenantID, s.User.ID, note)
	changes, err := requests.LoadChanges(r.Context(), ui.svc, s.User.TenantID, v.P.ID,
		ical.Person{Name: s.User.Name, Email: s.User.Email}, ui.now())
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if err := ui.svc.Itineraries.ApplyItinerary(r.Context(), &it, changes.Messages); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/programs/"+itoa(v.P.ID)+"#itinerary", fmt.Sprintf("Itinerary version %d saved.", it.Version))
}
