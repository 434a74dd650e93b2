// Package matchingtest generates random but realistic matching instances for
// tests, property checks and the CBC benchmark.
package matchingtest

import (
	"fmt"
	"math/rand/v2"

	"itinera/internal/matching"
)

// Options shapes a generated instance.
type Options struct {
	Visitors     int
	Households   int
	Interpreters int
	Together     int // number of together pairs
	Apart        int // number of apart pairs
	MinGroup     int // 0 for the default
	Unavailable  int // households marked unavailable
}

var (
	otherLanguages = []string{"Spanish", "French", "Arabic", "Russian", "Portuguese", "Mandarin", "Swahili"}
	topics         = []string{"prosecution", "victim services", "healthcare", "mental health", "hotlines",
		"policy", "public awareness", "media", "faith communities", "community education"}
	dietRates  = []rate{{"vegetarian", 0.15}, {"halal", 0.15}, {"kosher", 0.04}, {"vegan", 0.05}, {"gluten-free", 0.07}}
	serveRates = []rate{{"vegetarian", 0.75}, {"halal", 0.3}, {"kosher", 0.12}, {"vegan", 0.35}, {"gluten-free", 0.45}}
	petRates   = []rate{{"cats", 0.3}, {"dogs", 0.35}, {"birds", 0.05}}
	allergyRat = []rate{{"cats", 0.12}, {"dogs", 0.08}, {"birds", 0.02}}
)

type rate struct {
	name string
	p    float64
}

func pick(r *rand.Rand, rates []rate) []string {
	out := []string{}
	for _, x := range rates {
		if r.Float64() < x.p {
			out = append(out, x.name)
		}
	}
	return out
}

func sample(r *rand.Rand, pool []string, n int) []string {
	idx := r.Perm(len(pool))
	out := make([]string, 0, n)
	for _, i := range idx[:min(n, len(pool))] {
		out = append(out, pool[i])
	}
	return out
}

// Generate returns a valid instance drawn from seed: most visitors and
// households speak English, some visitors only another language; diets,
// pets and allergies at plausible rates; capacities of 2 to 6 seats.
func Generate(seed uint64, o Options) matching.Input {
	r := rand.New(rand.NewPCG(seed, 0x1717e7a))
	in := matching.Input{MinGroup: o.MinGroup}
	for v := range o.Visitors {
		var langs []string
		if r.Float64() < 0.65 {
			langs = append(langs, "English")
		}
		for _, l := range sample(r, otherLanguages, 1+r.IntN(2)) {
			if len(langs) < 1 || r.Float64() < 0.7 {
				langs = append(langs, l)
			}
		}
		in.Visitors = append(in.Visitors, matching.Visitor{
			ID:        fmt.Sprintf("v%d", v+1),
			Languages: langs,
			Diets:     pick(r, dietRates),
			Allergies: pick(r, allergyRat),
			Interests: sample(r, topics, 1+r.IntN(3)),
		})
	}
	for i := range o.Interpreters {
		in.Interpreters = append(in.Interpreters, matching.Interpreter{
			ID:        fmt.Sprintf("i%d", i+1),
			Languages: append([]string{"English"}, sample(r, otherLanguages, 1+r.IntN(2))...),
		})
	}
	for h := range o.Households {
		langs := []string{"English"}
		if r.Float64() < 0.1 {
			langs = nil
		}
		if r.Float64() < 0.3 {
			langs = append(langs, otherLanguages[r.IntN(len(otherLanguages))])
		}
		if len(langs) == 0 {
			langs = []string{otherLanguages[r.IntN(len(otherLanguages))]}
		}
		in.Households = append(in.Households, matching.Household{
			ID:            fmt.Sprintf("h%d", h+1),
			Capacity:      2 + r.IntN(5),
			Languages:     langs,
			CanServe:      pick(r, serveRates),
			Pets:          pick(r, petRates),
			TravelMinutes: 5 + r.IntN(41),
			Interests:     sample(r, topics, r.IntN(4)),
		})
	}
	used := map[[2]int]bool{}
	pair := func() (matching.Pair, bool) {
		if o.Visitors < 2 {
			return matching.Pair{}, false
		}
		for range 20 {
			a, b := r.IntN(o.Visitors), r.IntN(o.Visitors)
			if a == b {
				continue
			}
			if a > b {
				a, b = b, a
			}
			if used[[2]int{a, b}] {
				continue
			}
			used[[2]int{a, b}] = true
			return matching.Pair{in.Visitors[a].ID, in.Visitors[b].ID}, true
		}
		return matching.Pair{}, false
	}
	for range o.Together {
		if p, ok := pair(); ok {
			in.Together = append(in.Together, p)
		}
	}
	for range o.Apart {
		p, ok := pair()
		if !ok {
			continue
		}
		in.Apart = append(in.Apart, p)
		if in.Validate() != nil { // apart inside a together group
			in.Apart = in.Apart[:len(in.Apart)-1]
		}
	}
	for _, i := range r.Perm(o.Households)[:min(o.Unavailable, o.Households)] {
		in.Unavailable = append(in.Unavailable, in.Households[i].ID)
	}
	return in
}

// Benchmark returns the k-th instance of the CBC benchmark series: sizes
// from 10 to 40 visitors and 6 to 30 households, some with scarce seats.
func Benchmark(k int) matching.Input {
	r := rand.New(rand.NewPCG(uint64(k), 42))
	nv := 10 + r.IntN(31)
	nh := 6 + r.IntN(25)
	if k%5 == 0 { // the largest size
		nv, nh = 40, 30
	}
	return Generate(uint64(1000+k), Options{
		Visitors:     nv,
		Households:   nh,
		Interpreters: r.IntN(4),
		Together:     r.IntN(4),
		Apart:        r.IntN(5),
		MinGroup:     []int{0, 0, 0, 3}[r.IntN(4)],
		Unavailable:  r.IntN(3),
	})
}

// Hard returns the k-th instance of a harsher series at the largest size:
// 40 visitors, 30 households, up to 6 interpreters, many together and apart
// pairs, minimum groups of 2 to 4 and fewer English speakers.
func Hard(k int) matching.Input {
	r := rand.New(rand.NewPCG(uint64(k), 7))
	in := Generate(uint64(5000+k), Options{
		Visitors:     40,
		Households:   30,
		Interpreters: 2 + r.IntN(5),
		Together:     r.IntN(7),
		Apart:        r.IntN(11),
		MinGroup:     2 + r.IntN(3),
		Unavailable:  r.IntN(5),
	})
	for v := range in.Visitors {
		if r.Float64() < 0.3 {
			in.Visitors[v].Languages = []string{otherLanguages[r.IntN(len(otherLanguages))]}
		}
	}
	for h := range in.Households {
		in.Households[h].Capacity = 2 + r.IntN(4)
	}
	return in
}
