package itinerary

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// ErrInvalid is wrapped by every error about a malformed Problem.
var ErrInvalid = errors.New("invalid itinerary problem")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// tw is a start-of-service window.
type tw struct{ open, close int }

type limitUse struct{ limit, amount int }

type dayModel struct {
	startPlace, endPlace int
	depart, ret          int
	hasLunch             bool
	lunchOpen            int // earliest lunch start
	lunchLatest          int // latest lunch start
	lunchDur             int
	maxMeetings          int // 0: none
	// tt is the day's travel time between place indices, row-major;
	// days without their own share one matrix.
	tt []int32
	// ttIn is tt transposed: ttIn[b*np+a] = tt[a*np+b], so that the legs
	// into one place from every other lie side by side in memory (tt
	// itself when symmetric).
	ttIn []int32
	// triTol is the largest violation of the triangle inequality in tt,
	// max over a, b, c of t(a,b) - t(a,c) - t(c,b), at least 0 (inf/2
	// when not computed: too many places). See model.need.
	triTol int
}

// model is the compiled, index-based form of a Problem the search works on.
type model struct {
	n, m      int
	np        int // number of places
	place     []int
	dur       []int
	value     []int   // plain value
	obj       []int64 // objective weight: value + mandatory bonus
	meeting   []bool
	mandatory []bool
	locked    []bool // pinned: never removed by the search
	win       [][]tw // [c*m+d] start windows on day d, sorted, disjoint
	uses      [][]limitUse
	limitMax  []int
	days      []dayModel
}

func (md *model) windows(c, d int) []tw { return md.win[c*md.m+d] }

// t is the travel time on day d between place indices a and b.
func (md *model) t(d, a, b int) int { return int(md.days[d].tt[a*md.np+b]) }

// tIn is t(d, a, b) read from the transposed matrix (faster when b is
// fixed and a varies).
func (md *model) tIn(d, a, b int) int { return int(md.days[d].ttIn[b*md.np+a]) }

// compile validates p and builds its model.
func compile(p *Problem) (*model, error) {
	if len(p.Days) == 0 {
		return nil, invalid("no days")
	}
	placeIdx := make(map[string]int, len(p.Places))
	for i, pl := range p.Places {
		if pl.ID == "" {
			return nil, invalid("place %d has no ID", i)
		}
		if _, dup := placeIdx[pl.ID]; dup {
			return nil, invalid("place %q listed twice", pl.ID)
		}
		placeIdx[pl.ID] = i
	}
	lookup := func(id, what string) (int, error) {
		i, ok := placeIdx[id]
		if !ok {
			return 0, invalid("%s refers to unknown place %q", what, id)
		}
		return i, nil
	}
	md := &model{n: len(p.Candidates), m: len(p.Days)}
	limitIdx := map[string]int{}
	for i, l := range p.Limits {
		if _, dup := limitIdx[l.Name]; dup {
			return nil, invalid("limit %q listed twice", l.Name)
		}
		limitIdx[l.Name] = i
		md.limitMax = append(md.limitMax, l.Max)
	}
	for i, d := range p.Days {
		var dm dayModel
		var err error
		if dm.startPlace, err = lookup(d.Start, fmt.Sprintf("day %d start", i+1)); err != nil {
			return nil, err
		}
		if dm.endPlace, err = lookup(d.End, fmt.Sprintf("day %d end", i+1)); err != nil {
			return nil, err
		}
		if d.Return < d.Depart {
			return nil, invalid("day %d returns before it departs", i+1)
		}
		if i > 0 && d.Depart < p.Days[i-1].Return {
			return nil, invalid("day %d starts before day %d ends", i+1, i)
		}
		dm.depart, dm.ret, dm.maxMeetings = d.Depart, d.Return, d.MaxMeetings
		if d.Lunch != nil {
			l := d.Lunch
			if l.Duration < 0 || l.To-l.From < l.Duration {
				return nil, invalid("day %d lunch break does not fit its window", i+1)
			}
			dm.hasLunch = true
			dm.lunchOpen, dm.lunchLatest, dm.lunchDur = l.From, l.To-l.Duration, l.Duration
			if dm.lunchOpen < d.Depart || dm.lunchLatest+l.Duration > d.Return {
				return nil, invalid("day %d lunch break lies outside the day", i+1)
			}
		}
		md.days = append(md.days, dm)
	}
	ids := map[string]bool{}
	md.place = make([]int, md.n)
	md.dur = make([]int, md.n)
	md.value = make([]int, md.n)
	md.obj = make([]int64, md.n)
	md.meeting = make([]bool, md.n)
	md.mandatory = make([]bool, md.n)
	md.locked = make([]bool, md.n)
	md.uses = make([][]limitUse, md.n)
	md.win = make([][]tw, md.n*md.m)
	var bonus int64 = 1
	for ci, c := range p.Candidates {
		if c.ID == "" {
			return nil, invalid("candidate %d has no ID", ci+1)
		}
		if ids[c.ID] {
			return nil, invalid("candidate %q listed twice", c.ID)
		}
		ids[c.ID] = true
		var err error
		if md.place[ci], err = lookup(c.Place, fmt.Sprintf("candidate %q", c.ID)); err != nil {
			return nil, err
		}
		if c.Duration < 0 || c.Value < 0 {
			return nil, invalid("candidate %q has a negative duration or value", c.ID)
		}
		md.dur[ci], md.value[ci] = c.Duration, c.Value
		md.meeting[ci] = c.Kind == Meeting
		md.mandatory[ci] = c.Mandatory || c.PinnedStart != nil
		md.locked[ci] = c.PinnedStart != nil
		bonus += int64(c.Value)
		names := make([]string, 0, len(c.Uses))
		for name := range c.Uses {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			li, ok := limitIdx[name]
			if !ok {
				return nil, invalid("candidate %q uses unknown limit %q", c.ID, name)
			}
			if a := c.Uses[name]; a != 0 {
				md.uses[ci] = append(md.uses[ci], limitUse{li, a})
			}
		}
		// Start-of-service windows per day.
		var ws []tw
		if c.PinnedStart != nil {
			ws = []tw{{*c.PinnedStart, *c.PinnedStart}}
		} else {
			for _, w := range c.Windows {
				close := w.To
				if p.WindowRule == WholeMeeting {
					close -= c.Duration
				}
				if close >= w.From {
					ws = append(ws, tw{w.From, close})
				}
			}
		}
		ws = mergeWindows(ws)
		for d, dm := range md.days {
			var dws []tw
			for _, w := range ws {
				o, cl := max(w.open, dm.depart), min(w.close, dm.ret)
				if o <= cl {
					dws = append(dws, tw{o, cl})
				}
			}
			md.win[ci*md.m+d] = dws
		}
	}
	for ci := range md.obj {
		md.obj[ci] = int64(md.value[ci])
		if md.mandatory[ci] {
			md.obj[ci] += bonus
		}
	}
	// Travel matrices over places: one shared by the days without their
	// own travel, one for each day with it.
	np := len(p.Places)
	md.np = np
	tm := p.TravelModel
	if tm.SpeedKmh <= 0 {
		tm = Driving()
	}
	var shared, sharedIn []int32
	var sharedTol int
	for d := range md.days {
		travel, own := p.Travel, p.Days[d].Travel != nil
		if own {
			travel = p.Days[d].Travel
		} else if shared != nil {
			md.days[d].tt, md.days[d].ttIn, md.days[d].triTol = shared, sharedIn, sharedTol
			continue
		}
		tt, err := travelMatrix(p.Places, travel, p.Travel == nil && !own, tm)
		if err != nil {
			return nil, err
		}
		tin := make([]int32, len(tt))
		symmetric := true
		for a := range np {
			for b := range np {
				tin[b*np+a] = tt[a*np+b]
				symmetric = symmetric && tt[b*np+a] == tt[a*np+b]
			}
		}
		if symmetric {
			// The same values: one matrix halves what the insertion
			// test keeps in cache, and its two legs (into c from p, out
			// of c to q) then read one row, the second leg being the
			// first of the next position.
			tin = tt
		}
		md.days[d].tt, md.days[d].ttIn = tt, tin
		md.days[d].triTol = triangleTol(tt, tin, np)
		if !own {
			shared, sharedIn, sharedTol = tt, tin, md.days[d].triTol
		}
	}
	return md, nil
}

// travelMatrix times every ordered pair of places with travel, or with the
// model when byModel.
func travelMatrix(places []Place, travel func(from, to string) int, byModel bool, tm TravelModel) ([]int32, error) {
	np := len(places)
	tt := make([]int32, np*np)
	for i := range np {
		for j := range np {
			if i == j {
				continue
			}
			var t int
			if byModel {
				t = tm.Minutes(places[i], places[j])
			} else {
				t = travel(places[i].ID, places[j].ID)
			}
			if t < 0 || t > math.MaxInt32/4 {
				return nil, invalid("negative or huge travel time from %q to %q", places[i].ID, places[j].ID)
			}
			tt[i*np+j] = int32(t)
		}
	}
	return tt, nil
}

// triangleTol returns max over a, b, c of tt[a,b] - tt[a,c] - tt[c,b]
// (at least 0); tin is tt transposed. It costs np³ steps, so above
// triangleMaxPlaces places it gives up and returns inf/2, which turns
// the room screen off (see model.need).
func triangleTol(tt, tin []int32, np int) int {
	if np > triangleMaxPlaces {
		return inf / 2
	}
	var tol int32
	for a := range np {
		rowA := tt[a*np : (a+1)*np]
		for b := range np {
			colB := tin[b*np : (b+1)*np] // colB[c] = tt[c,b]
			ab := rowA[b]
			for c, ac := range rowA {
				if v := ab - ac - colB[c]; v > tol {
					tol = v
				}
			}
		}
	}
	return int(tol)
}

// triangleMaxPlaces bounds the places for which triangleTol is computed.
const triangleMaxPlaces = 500

// mergeWindows sorts windows and merges overlapping ones.
func mergeWindows(ws []tw) []tw {
	if len(ws) < 2 {
		return ws
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].open < ws[j].open })
	out := ws[:1]
	for _, w := range ws[1:] {
		last := &out[len(out)-1]
		if w.open <= last.close {
			last.close = max(last.close, w.close)
			continue
		}
		out = append(out, w)
	}
	return out
}

const inf = math.MaxInt / 4
