package matching

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DefaultMinGroup is the smallest number of visitors a household receives when
// the input does not say otherwise: no visitor dines alone.
const DefaultMinGroup = 2

// MaxCapacity bounds household capacities and the minimum group, and
// MaxTravelMinutes the travel time, so that scores cannot overflow.
const (
	MaxCapacity      = 1000
	MaxTravelMinutes = 24 * 60
)

// MaxInterpreters bounds the interpreters of one instance; the solver keeps
// them in 64-bit sets.
const MaxInterpreters = 64

// Input is one matching instance: the people of a hospitality evening, the
// households that can receive them and the rules between them.
type Input struct {
	Visitors     []Visitor     `json:"visitors"`
	Interpreters []Interpreter `json:"interpreters"`
	Households   []Household   `json:"households"`
	Together     []Pair        `json:"together"`
	Apart        []Pair        `json:"apart"`
	// MinGroup is the least number of visitors in a household that receives
	// anyone; 0 means DefaultMinGroup. Interpreters do not count.
	MinGroup int `json:"min_group,omitempty"`
	// Locked fixes people to households, for re-matching after a change.
	Locked []Lock `json:"locked,omitempty"`
	// Unavailable lists households that dropped out or are not free.
	Unavailable []string `json:"unavailable,omitempty"`
}

// Visitor is a member of the delegation.
type Visitor struct {
	ID        string   `json:"id"`
	Languages []string `json:"languages"`
	Diets     []string `json:"diets"`
	Allergies []string `json:"allergies"`
	Interests []string `json:"interests"`
}

// Interpreter can join a household to bridge languages; an interpreter takes
// a seat.
type Interpreter struct {
	ID        string   `json:"id"`
	Languages []string `json:"languages"`
}

// Household is a volunteer host household.
type Household struct {
	ID            string   `json:"id"`
	Capacity      int      `json:"capacity"`
	Languages     []string `json:"languages"`
	CanServe      []string `json:"can_serve"`
	Pets          []string `json:"pets"`
	TravelMinutes int      `json:"travel_minutes"`
	Interests     []string `json:"interests"`
}

// Pair names two visitors; in JSON it is a two-element array.
type Pair [2]string

// UnmarshalJSON accepts exactly two strings.
func (p *Pair) UnmarshalJSON(b []byte) error {
	var s []string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a pair must be a list of two visitor ids: %w", err)
	}
	if len(s) != 2 {
		return fmt.Errorf("a pair must name exactly two visitors, got %d", len(s))
	}
	p[0], p[1] = s[0], s[1]
	return nil
}

// MarshalJSON writes the pair as a two-element array.
func (p Pair) MarshalJSON() ([]byte, error) {
	return json.Marshal([]string{p[0], p[1]})
}

// Lock fixes a visitor or an interpreter (exactly one of the two) to a
// household.
type Lock struct {
	Visitor     string `json:"visitor,omitempty"`
	Interpreter string `json:"interpreter,omitempty"`
	Household   string `json:"household"`
}

// ValidationError lists every problem found in an input.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid matching input: " + e.Problems[0]
	}
	return "invalid matching input:\n  - " + strings.Join(e.Problems, "\n  - ")
}

// ParseInput reads one JSON input and validates it. Unknown fields are
// rejected so that a misspelt field name is reported rather than ignored.
func ParseInput(r io.Reader) (Input, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Input{}, fmt.Errorf("read matching input: %w", err)
	}
	return DecodeInput(data)
}

// DecodeInput decodes and validates one JSON input.
func DecodeInput(data []byte) (Input, error) {
	var in Input
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Input{}, &ValidationError{Problems: []string{describeJSONError(data, err)}}
	}
	if dec.More() {
		return Input{}, &ValidationError{Problems: []string{"unexpected data after the JSON object"}}
	}
	if err := in.Validate(); err != nil {
		return Input{}, err
	}
	return in, nil
}

func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line, col := position(data, syn.Offset)
		return fmt.Sprintf("not valid JSON at line %d, column %d: %v", line, col, err)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := typ.Field
		if field == "" {
			field = "the top level"
		}
		return fmt.Sprintf("%s: expected %s, found a JSON %s", field, typ.Type, typ.Value)
	}
	if errors.Is(err, io.EOF) {
		return "the input is empty"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON input ends too early"
	}
	return err.Error()
}

func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Validate reports every structural problem of the input: missing or
// duplicate ids, unknown ids in pairs and locks, negative numbers and
// contradictory rules. Rule conflicts that only the search can find (for
// example locks that together exceed a household's capacity with the needed
// interpreters) are reported by Solve.
func (in *Input) Validate() error {
	var p []string
	add := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }

	people := map[string]string{} // id -> "visitor" / "interpreter"
	visitor := map[string]bool{}
	for i, v := range in.Visitors {
		switch {
		case strings.TrimSpace(v.ID) == "":
			add("visitor %d has no id", i+1)
		case people[v.ID] != "":
			add("id %q is used by more than one visitor or interpreter", v.ID)
		default:
			people[v.ID] = "visitor"
			visitor[v.ID] = true
		}
	}
	for i, t := range in.Interpreters {
		switch {
		case strings.TrimSpace(t.ID) == "":
			add("interpreter %d has no id", i+1)
		case people[t.ID] != "":
			add("id %q is used by more than one visitor or interpreter", t.ID)
		default:
			people[t.ID] = "interpreter"
		}
	}
	if len(in.Interpreters) > MaxInterpreters {
		add("%d interpreters given; at most %d are supported", len(in.Interpreters), MaxInterpreters)
	}
	household := map[string]bool{}
	for i, h := range in.Households {
		switch {
		case strings.TrimSpace(h.ID) == "":
			add("household %d has no id", i+1)
		case household[h.ID]:
			add("household id %q is used more than once", h.ID)
		default:
			household[h.ID] = true
		}
		switch {
		case h.Capacity < 0:
			add("household %q has a negative capacity (%d)", h.ID, h.Capacity)
		case h.Capacity > MaxCapacity:
			add("household %q has a capacity of %d; at most %d is supported", h.ID, h.Capacity, MaxCapacity)
		}
		switch {
		case h.TravelMinutes < 0:
			add("household %q has negative travel minutes (%d)", h.ID, h.TravelMinutes)
		case h.TravelMinutes > MaxTravelMinutes:
			add("household %q has %d travel minutes; at most %d (a day) is supported", h.ID, h.TravelMinutes, MaxTravelMinutes)
		}
	}
	switch {
	case in.MinGroup < 0:
		add("min_group is negative (%d)", in.MinGroup)
	case in.MinGroup > MaxCapacity:
		add("min_group is %d; at most %d is supported", in.MinGroup, MaxCapacity)
	}

	checkPairs := func(kind string, pairs []Pair) {
		for _, pr := range pairs {
			for _, id := range pr {
				if !visitor[id] {
					add("%s pair [%q, %q] names %q, which is not a visitor", kind, pr[0], pr[1], id)
				}
			}
			if pr[0] == pr[1] {
				add("%s pair [%q, %q] names the same visitor twice", kind, pr[0], pr[1])
			}
		}
	}
	checkPairs("together", in.Together)
	checkPairs("apart", in.Apart)

	unavailable := map[string]bool{}
	for _, id := range in.Unavailable {
		if !household[id] {
			add("unavailable household %q is not a household", id)
		}
		unavailable[id] = true
	}

	lockedTo := map[string]string{}
	for _, l := range in.Locked {
		who := l.Visitor
		switch {
		case l.Visitor != "" && l.Interpreter != "":
			add("a lock names both visitor %q and interpreter %q; lock one person at a time", l.Visitor, l.Interpreter)
			continue
		case l.Visitor != "":
			if !visitor[who] {
				add("lock names visitor %q, who is not a visitor", who)
				continue
			}
		case l.Interpreter != "":
			who = l.Interpreter
			if people[who] != "interpreter" {
				add("lock names interpreter %q, who is not an interpreter", who)
				continue
			}
		default:
			add("a lock to household %q names neither a visitor nor an interpreter", l.Household)
			continue
		}
		switch {
		case !household[l.Household]:
			add("%s is locked to %q, which is not a household", who, l.Household)
		case unavailable[l.Household]:
			add("%s is locked to household %q, which is unavailable", who, l.Household)
		case lockedTo[who] != "" && lockedTo[who] != l.Household:
			add("%s is locked to two households, %q and %q", who, lockedTo[who], l.Household)
		}
		lockedTo[who] = l.Household
	}

	// Together pairs form groups; an apart pair inside a group, or a group
	// locked to two households, can never be satisfied.
	if len(p) == 0 {
		groups := togetherGroups(in)
		for _, pr := range in.Apart {
			if groups[pr[0]] == groups[pr[1]] {
				add("visitors %q and %q must be both together and apart", pr[0], pr[1])
			}
		}
		groupLock := map[string]string{}
		for _, l := range in.Locked {
			if l.Visitor == "" {
				continue
			}
			g := groups[l.Visitor]
			if h, ok := groupLock[g]; ok && h != l.Household {
				add("visitor %q is locked to %q but must be together with a visitor locked to %q", l.Visitor, l.Household, h)
			}
			groupLock[g] = l.Household
		}
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// togetherGroups maps each visitor id to the id of the first visitor of its
// together group (the transitive closure of the together pairs).
func togetherGroups(in *Input) map[string]string {
	parent := map[string]string{}
	for _, v := range in.Visitors {
		parent[v.ID] = v.ID
	}
	var find func(string) string
	find = func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	order := map[string]int{}
	for i, v := range in.Visitors {
		order[v.ID] = i
	}
	for _, pr := range in.Together {
		a, b := find(pr[0]), find(pr[1])
		if a == b {
			continue
		}
		if order[b] < order[a] {
			a, b = b, a
		}
		parent[b] = a
	}
	out := make(map[string]string, len(parent))
	for _, v := range in.Visitors {
		out[v.ID] = find(v.ID)
	}
	return out
}

// norm is the form in which languages, diets, allergies, pets and interests
// are compared: case-insensitive, surrounding spaces ignored.
func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func normSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		if n := norm(s); n != "" {
			m[n] = true
		}
	}
	return m
}

func intersects(a []string, b map[string]bool) bool {
	for _, s := range a {
		if b[norm(s)] {
			return true
		}
	}
	return false
}
