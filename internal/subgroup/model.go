package subgroup

import (
	"errors"
	"fmt"
	"math"

	"itinera/internal/itinerary"
)

// ErrInvalid is wrapped by every error about a malformed Problem.
var ErrInvalid = errors.New("invalid sub-group problem")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// maxPeople bounds visitors and interpreters: both are bit sets.
const maxPeople = 64

// segment is a stretch of a day between two reunion points: a part, or
// half of one cut by a lunch taken together.
type segment struct {
	day, part  int
	label      string
	from, to   int
	start, end int // place indices
	together   bool
	lunch      bool // a lunch hour inside the stretch (lunch apart)
	l0, l1     int
	cands      []int // candidates that fit in the stretch on their own
	secondHalf bool  // the stretch is the afternoon half of a cut part
}

// model is the compiled, index-based form of a Problem.
type model struct {
	p          *Problem
	nv, ni, nc int
	np         int
	tt         []int32 // travel between place indices, row-major
	place      []int   // candidate place index
	w          [][]int // [v][c] value of c to visitor v
	// cover[v][c] is the set of interpreters who can interpret c for v;
	// needs[v][c] says whether v needs one at c.
	cover     [][]uint64
	needs     [][]bool
	allowed   []uint64 // per candidate: visitors who may attend
	everyone  []bool   // the whole delegation only
	mandatory []bool
	meeting   []bool // counts towards the day's MaxMeetings
	dayMax    []int  // per day: meetings a visitor may attend (0: any)
	capLo     []int
	capHi     []int
	all       uint64 // every visitor
	allInt    uint64 // every interpreter
	maxGroups int
	bonus     int64 // per mandatory item placed
	segs      []segment
}

func (md *model) t(a, b int) int { return int(md.tt[a*md.np+b]) }

// compile validates p and builds its model.
func compile(p *Problem) (*model, error) {
	md := &model{p: p, nv: len(p.Visitors), ni: len(p.Interpreters), nc: len(p.Candidates)}
	if md.nv == 0 {
		return nil, invalid("no visitors")
	}
	if md.nv > maxPeople || md.ni > maxPeople {
		return nil, invalid("at most %d visitors and %d interpreters", maxPeople, maxPeople)
	}
	placeIdx := map[string]int{}
	for i, pl := range p.Places {
		if pl.ID == "" {
			return nil, invalid("place %d has no ID", i+1)
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
	md.np = len(p.Places)
	md.tt = make([]int32, md.np*md.np)
	tm := p.TravelModel
	if tm.SpeedKmh <= 0 {
		tm = itinerary.Driving()
	}
	for i, a := range p.Places {
		for j, b := range p.Places {
			if i == j {
				continue
			}
			var t int
			if p.Travel != nil {
				t = p.Travel(a.ID, b.ID)
			} else {
				t = tm.Minutes(a, b)
			}
			if t < 0 || t > math.MaxInt32/4 {
				return nil, invalid("negative or huge travel time from %q to %q", a.ID, b.ID)
			}
			md.tt[i*md.np+j] = int32(t)
		}
	}
	vIdx := map[string]int{}
	for i, v := range p.Visitors {
		if v.ID == "" {
			return nil, invalid("visitor %d has no ID", i+1)
		}
		if _, dup := vIdx[v.ID]; dup {
			return nil, invalid("visitor %q listed twice", v.ID)
		}
		vIdx[v.ID] = i
		md.all |= 1 << i
	}
	iIDs := map[string]bool{}
	for i, in := range p.Interpreters {
		if in.ID == "" || iIDs[in.ID] {
			return nil, invalid("interpreter %d has no ID or a duplicate one", i+1)
		}
		iIDs[in.ID] = true
		md.allInt |= 1 << i
	}
	md.maxGroups = max(1, p.Escorts)
	cIDs := map[string]bool{}
	md.place = make([]int, md.nc)
	md.allowed = make([]uint64, md.nc)
	md.everyone = make([]bool, md.nc)
	md.mandatory = make([]bool, md.nc)
	md.meeting = make([]bool, md.nc)
	md.capLo = make([]int, md.nc)
	md.capHi = make([]int, md.nc)
	md.w = make([][]int, md.nv)
	md.cover = make([][]uint64, md.nv)
	md.needs = make([][]bool, md.nv)
	for v := range md.nv {
		md.w[v] = make([]int, md.nc)
		md.cover[v] = make([]uint64, md.nc)
		md.needs[v] = make([]bool, md.nc)
	}
	var total int64 = 1
	for ci, c := range p.Candidates {
		if c.ID == "" || cIDs[c.ID] {
			return nil, invalid("candidate %d has no ID or a duplicate one", ci+1)
		}
		cIDs[c.ID] = true
		var err error
		if md.place[ci], err = lookup(c.Place, fmt.Sprintf("candidate %q", c.ID)); err != nil {
			return nil, err
		}
		if c.Duration < 0 || c.Value < 0 || c.MinVisitors < 0 || c.MaxVisitors < 0 {
			return nil, invalid("candidate %q has a negative duration, value or capacity", c.ID)
		}
		if c.MaxVisitors > 0 && c.MinVisitors > c.MaxVisitors {
			return nil, invalid("candidate %q takes at least %d but at most %d visitors", c.ID, c.MinVisitors, c.MaxVisitors)
		}
		md.mandatory[ci] = c.Mandatory
		md.meeting[ci] = c.Meeting
		md.everyone[ci] = c.Mandatory || c.Audience == Everyone
		md.capLo[ci] = c.MinVisitors
		md.capHi[ci] = c.MaxVisitors
		if md.capHi[ci] == 0 {
			md.capHi[ci] = md.nv
		}
		md.allowed[ci] = md.all
		if c.Audience == Named {
			md.allowed[ci] = 0
			for _, id := range c.Named {
				v, ok := vIdx[id]
				if !ok {
					return nil, invalid("candidate %q names unknown visitor %q", c.ID, id)
				}
				md.allowed[ci] |= 1 << v
			}
		}
		for v, vis := range p.Visitors {
			val := c.Value
			for _, t := range c.Topics {
				val += vis.Interests[t]
			}
			if val < 0 {
				return nil, invalid("visitor %q values candidate %q below zero", vis.ID, c.ID)
			}
			md.w[v][ci] = val
			total += int64(val)
			if len(c.Languages) == 0 || shares(vis.Languages, c.Languages) {
				continue
			}
			md.needs[v][ci] = true
			for i, in := range p.Interpreters {
				if shares(in.Languages, c.Languages) && shares(in.Languages, vis.Languages) {
					md.cover[v][ci] |= 1 << i
				}
			}
			if md.cover[v][ci] == 0 {
				md.allowed[ci] &^= 1 << v // nobody can interpret for v there
			}
		}
	}
	md.bonus = total
	for d, day := range p.Days {
		if day.MaxMeetings < 0 {
			return nil, invalid("day %d allows a negative number of meetings", d+1)
		}
		md.dayMax = append(md.dayMax, day.MaxMeetings)
		if err := md.addDay(d, day, lookup); err != nil {
			return nil, err
		}
	}
	if len(md.segs) == 0 {
		return nil, invalid("no day parts")
	}
	for s := range md.segs {
		sg := &md.segs[s]
		for c := range md.nc {
			if md.fitsIn(sg, c) {
				sg.cands = append(sg.cands, c)
			}
		}
	}
	return md, nil
}

func (md *model) addDay(d int, day Day, lookup func(id, what string) (int, error)) error {
	lunchUsed := day.Lunch == nil
	prevTo := math.MinInt
	for k, pt := range day.Parts {
		what := fmt.Sprintf("day %d part %d", d+1, k+1)
		if pt.To < pt.From || pt.From < prevTo {
			return invalid("%s ends before it starts or overlaps the part before", what)
		}
		if len(md.segs) > 0 && k == 0 && pt.From < md.segs[len(md.segs)-1].to {
			return invalid("%s starts before the day before ends", what)
		}
		prevTo = pt.To
		start, err := lookup(pt.Start, what+" start")
		if err != nil {
			return err
		}
		end, err := lookup(pt.End, what+" end")
		if err != nil {
			return err
		}
		sg := segment{day: d, part: k, label: pt.Label, from: pt.From, to: pt.To, start: start, end: end, together: pt.Together}
		l := day.Lunch
		if l == nil || l.To <= pt.From || l.From >= pt.To {
			md.segs = append(md.segs, sg)
			continue
		}
		if l.From < pt.From || l.To > pt.To || l.To < l.From {
			return invalid("day %d lunch straddles the edge of part %d", d+1, k+1)
		}
		lunchUsed = true
		if !md.p.LunchTogether {
			sg.lunch, sg.l0, sg.l1 = true, l.From, l.To
			md.segs = append(md.segs, sg)
			continue
		}
		lp, err := lookup(l.Place, fmt.Sprintf("day %d lunch", d+1))
		if err != nil {
			return err
		}
		before, after := sg, sg
		before.to, before.end = l.From, lp
		after.from, after.start, after.secondHalf = l.To, lp, true
		md.segs = append(md.segs, before, after)
	}
	if !lunchUsed {
		return invalid("day %d lunch lies in none of its parts", d+1)
	}
	return nil
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// earliest returns the earliest start of candidate c in stretch sg for a
// group at place pos, free from time t (afterLunch: the lunch hour is
// behind it), and whether the item then lies after the lunch hour. The
// group eats where it is when the lunch hour comes: no travel and no item
// during it.
func (md *model) earliest(sg *segment, pos, t int, afterLunch bool, c int) (start int, after, ok bool) {
	cd := &md.p.Candidates[c]
	tt := md.t(pos, md.place[c])
	if sg.lunch && !afterLunch {
		if s, ok := md.inWindow(c, t+tt, min(sg.to, sg.l0)-cd.Duration); ok {
			return s, false, true
		}
		t = max(t, sg.l1)
	}
	s, ok := md.inWindow(c, t+tt, sg.to-cd.Duration)
	return s, sg.lunch, ok
}

// inWindow is the earliest start at or after arr and at most latest that
// keeps c inside one of its windows.
func (md *model) inWindow(c, arr, latest int) (int, bool) {
	cd := &md.p.Candidates[c]
	best, ok := 0, false
	for _, w := range cd.Windows {
		s := max(arr, w.From)
		if s+cd.Duration <= w.To && s <= latest && (!ok || s < best) {
			best, ok = s, true
		}
	}
	return best, ok
}

// back says whether a group at pos, free at t, reaches the stretch's end
// in time.
func (md *model) back(sg *segment, pos, t int, afterLunch bool) bool {
	if sg.lunch && !afterLunch {
		t = max(t, sg.l1)
	}
	return t+md.t(pos, sg.end) <= sg.to
}

// fitsIn says whether one of c's windows holds it inside stretch sg
// (and, lunch apart, wholly before or after the lunch hour). Travel is
// left to the tours: after lunch a group leaves from where it ate, so
// whether c can be reached depends on the item before it.
func (md *model) fitsIn(sg *segment, c int) bool {
	cd := &md.p.Candidates[c]
	for _, w := range cd.Windows {
		lo, hi := max(w.From, sg.from), min(w.To, sg.to)
		if !sg.lunch {
			if lo+cd.Duration <= hi {
				return true
			}
			continue
		}
		if lo+cd.Duration <= min(hi, sg.l0) || max(lo, sg.l1)+cd.Duration <= hi {
			return true
		}
	}
	return false
}
