package hosting

import (
	"slices"
	"time"

	"itinera"
)

// NoticeChanges says in plain words what a notice tells its household,
// for the officer's release page: "Now receives Ana and Boris (was Ana)",
// "Evening moved to Sunday 6 December 18:00–21:00 (was …)", "Cancelled:
// receives nobody now".
func (rec *Records) NoticeChanges(n itinera.HospitalityNotice) []string {
	loc := rec.Program.Location()
	when := func(start, end time.Time) string {
		return start.In(loc).Format("Monday 2 January 15:04") + "–" + end.In(loc).Format("15:04")
	}
	now := rec.guestNames(guestIDs(n.Guests))
	switch {
	case n.Kind == itinera.NoticeCancel:
		s := "Cancelled: receives nobody now"
		if n.Before != nil {
			s += " (was " + rec.guestNames(n.Before.VisitorIDs, n.Before.InterpreterIDs) + ")"
		}
		return []string{s}
	case n.Kind == itinera.NoticeNew || n.Before == nil:
		verb := "Receives "
		if n.Kind == itinera.NoticeUpdate {
			verb = "Now receives "
		}
		return []string{verb + now + ", " + when(rec.Evening.Start, rec.Evening.End)}
	}
	var out []string
	b := n.Before
	if !b.Start.Equal(rec.Evening.Start) || !b.End.Equal(rec.Evening.End) {
		out = append(out, "Evening moved to "+when(rec.Evening.Start, rec.Evening.End)+" (was "+when(b.Start, b.End)+")")
	}
	vs, is := guestIDs(n.Guests)
	if !sameIDs(vs, b.VisitorIDs) || !sameIDs(is, b.InterpreterIDs) {
		out = append(out, "Now receives "+now+" (was "+rec.guestNames(b.VisitorIDs, b.InterpreterIDs)+")")
	}
	if len(out) == 0 {
		out = append(out, "Now receives "+now)
	}
	return out
}

func guestIDs(gs []itinera.HospitalityGuest) (visitors, interpreters []int64) {
	for _, g := range gs {
		if g.VisitorID != 0 {
			visitors = append(visitors, g.VisitorID)
		} else if g.InterpreterID != 0 {
			interpreters = append(interpreters, g.InterpreterID)
		}
	}
	return visitors, interpreters
}

func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// guestNames lists guests as hosts know them, by first name, visitors in
// the records' order then interpreters: "Ana, Boris and Dana (interpreter)".
func (rec *Records) guestNames(visitors, interpreters []int64) string {
	var names []string
	for _, v := range rec.Visitors {
		if slices.Contains(visitors, v.ID) {
			names = append(names, FirstName(v))
		}
	}
	for _, id := range visitors {
		if _, ok := rec.visitorByID(id); !ok {
			names = append(names, "a visitor no longer taking part")
		}
	}
	for _, i := range rec.Interpreters {
		if slices.Contains(interpreters, i.ID) {
			names = append(names, InterpreterFirstName(i)+" (interpreter)")
		}
	}
	for _, id := range interpreters {
		if _, ok := rec.interpreterByID(id); !ok {
			names = append(names, "an interpreter no longer taking part")
		}
	}
	if len(names) == 0 {
		return "nobody"
	}
	return itinera.JoinAnd(names)
}
