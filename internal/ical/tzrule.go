package ical

import (
	"fmt"
	"time"
)

// tzRule is an observance that recurs every year, such as daylight saving
// time starting on the second Sunday of March at 02:00.
type tzRule struct {
	observance // the first onset within the span
	month      time.Month
	byDay      string // e.g. "2SU", "-1SU"
}

// rrule returns the RRULE value of the rule.
func (r tzRule) rrule() string {
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", int(r.month), r.byDay)
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// yearlyRules compacts the observances of a zone into two yearly rules, the
// form Outlook and most clients know best, when the transitions within the
// span are that regular: one standard and one daylight change a year, each
// on the same nth (or last) weekday of the same month at the same local
// time. Otherwise it reports false and the explicit observances are used.
func yearlyRules(obs []observance) ([]tzRule, bool) {
	if len(obs) < 4 || obs[0].onset.IsZero() {
		return nil, false
	}
	type key struct {
		dst      bool
		from, to int
		name     string
	}
	var order []key
	groups := map[key][]observance{}
	for _, o := range obs {
		k := key{o.dst, o.offsetFrom, o.offsetTo, o.name}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], o)
	}
	if len(order) != 2 || order[0].dst == order[1].dst {
		return nil, false
	}
	var rules []tzRule
	for _, k := range order {
		r, ok := ruleOf(groups[k])
		if !ok {
			return nil, false
		}
		rules = append(rules, r)
	}
	return rules, true
}

// ruleOf finds the yearly rule all the observances of one kind follow.
func ruleOf(g []observance) (tzRule, bool) {
	if len(g) < 2 {
		return tzRule{}, false
	}
	first := localOnset(g[0])
	sameNth, allLast := true, true
	for i, o := range g {
		l := localOnset(o)
		if l.Year() != first.Year()+i || l.Month() != first.Month() || l.Weekday() != first.Weekday() ||
			wallClock(l) != wallClock(first) {
			return tzRule{}, false
		}
		sameNth = sameNth && (l.Day()-1)/7 == (first.Day()-1)/7
		allLast = allLast && l.AddDate(0, 0, 7).Month() != l.Month()
	}
	r := tzRule{observance: g[0], month: first.Month()}
	code := weekdayCodes[first.Weekday()]
	switch {
	case sameNth && (first.Day()-1)/7 < 4:
		r.byDay = fmt.Sprintf("%d%s", (first.Day()-1)/7+1, code)
	case allLast:
		r.byDay = "-1" + code
	default:
		return tzRule{}, false
	}
	return r, true
}

// localOnset is the wall time just before the change, in the old offset.
func localOnset(o observance) time.Time {
	return o.onset.In(time.FixedZone("", o.offsetFrom))
}

func wallClock(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
}
