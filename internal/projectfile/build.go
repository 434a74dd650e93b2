package projectfile

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"itinera"
	"itinera/internal/programfile"
)

// Making packages from records. The program is built with
// programfile.Build, which numbers every list 1, 2, … in the order of the
// records' database ids; the roster, the feedback and the collaborations
// refer to the program's records by those file ids.

// StopInput is what the agency's stop package is made of. Records carry
// their database ids.
type StopInput struct {
	// Issuer is the agency's name; IssuedAt now, from the clock.
	Issuer   string
	IssuedAt time.Time
	Project  Project
	// Stop is the stop, one of Route.Stops.
	Stop  Stop
	Route Route
	// Program is the stop's program record: its city, time zone and dates
	// are the stop's. HotelPlaceID is Hotel's id, or 0.
	Program itinera.Program
	Days    []itinera.Day
	Hotel   *itinera.Place
	// Visitors and Interpreters are the roster, with every field the
	// agency holds; Shared says which the package carries.
	Visitors     []itinera.Visitor
	Interpreters []itinera.Interpreter
	Shared       SharedFields
	// Refs are the agency's references of the people, by database id
	// ("v" and the id when left out); Escorts are the interpreters (by
	// database id) who escort the delegation rather than interpret.
	VisitorRefs     map[int64]string
	InterpreterRefs map[int64]string
	Escorts         map[int64]bool
}

// NewStop makes the stop package of in, ready for Sign (which checks it).
func NewStop(in StopInput) (Package, error) {
	recs := programfile.Records{Program: in.Program, Days: in.Days, Visitors: in.Visitors, Interpreters: in.Interpreters}
	if in.Hotel != nil {
		recs.Places = []itinera.Place{*in.Hotel}
	}
	f, err := programfile.Build(recs, in.IssuedAt)
	if err != nil {
		return Package{}, err
	}
	f = ShareRoster(f, in.Shared)
	roster := &Roster{SharedFields: in.Shared, Visitors: []RosterVisitor{}, Companions: []RosterCompanion{}}
	visitors := fileIDs(in.Visitors, func(v itinera.Visitor) int64 { return v.ID })
	for _, v := range sortedByID(in.Visitors, func(v itinera.Visitor) int64 { return v.ID }) {
		roster.Visitors = append(roster.Visitors, RosterVisitor{ID: visitors[v.ID], Ref: refOr(in.VisitorRefs, "v", v.ID)})
	}
	interps := fileIDs(in.Interpreters, func(x itinera.Interpreter) int64 { return x.ID })
	for _, x := range sortedByID(in.Interpreters, func(x itinera.Interpreter) int64 { return x.ID }) {
		role := RoleInterpreter
		if in.Escorts[x.ID] {
			role = RoleEscort
		}
		roster.Companions = append(roster.Companions, RosterCompanion{ID: interps[x.ID], Ref: refOr(in.InterpreterRefs, "i", x.ID), Role: role})
	}
	route := in.Route
	return Package{Format: Format, Version: Version, Kind: KindStop, IssuedAt: in.IssuedAt, Issuer: Issuer{Organization: in.Issuer},
		Project: in.Project, Stop: in.Stop, Route: &route, Roster: roster, Program: f}, nil
}

func refOr(refs map[int64]string, prefix string, id int64) string {
	if r := refs[id]; r != "" {
		return r
	}
	return fmt.Sprintf("%s%d", prefix, id)
}

// ReturnInput is what the city's return package is made of. Records
// carry their database ids.
type ReturnInput struct {
	// Issuer is the city organization's name; IssuedAt now, from the
	// clock.
	Issuer   string
	IssuedAt time.Time
	// Project and Stop are as the stop package gave them.
	Project Project
	Stop    Stop
	// Records are the program as the program file exports it.
	Records programfile.Records
	// Release is the release sent back (ItineraryVersion filled in).
	Release itinera.Release
	// Feedback are the program's feedback links; the answered ones are
	// carried.
	Feedback       []itinera.FeedbackLink
	Collaborations []itinera.Collaboration
	// OrganizationNames names the directory's organizations the
	// collaborations refer to, by database id.
	OrganizationNames map[int64]string
}

// NewReturn makes the return package of in, ready for Sign: the program
// without what stays with the city (ReturnProgram), the release, the
// answered feedback (by role — visitors, interpreters, resources,
// households — then time) and the collaborations, every reference turned
// into the program file's ids. Feedback of a person no longer in the program,
// and ratings of meetings no longer in it, are left out.
func NewReturn(in ReturnInput) (Package, error) {
	f, err := programfile.Build(in.Records, in.IssuedAt)
	if err != nil {
		return Package{}, err
	}
	f = ReturnProgram(f)
	visitors := fileIDs(in.Records.Visitors, func(v itinera.Visitor) int64 { return v.ID })
	interps := fileIDs(in.Records.Interpreters, func(x itinera.Interpreter) int64 { return x.ID })
	orgs := fileIDs(in.Records.Organizations, func(o itinera.Organization) int64 { return o.ID })
	meetings := fileIDs(in.Records.Meetings, func(m itinera.Meeting) int64 { return m.ID })
	p := Package{Format: Format, Version: Version, Kind: KindReturn, IssuedAt: in.IssuedAt, Issuer: Issuer{Organization: in.Issuer},
		Project: in.Project, Stop: in.Stop, Program: f, Feedback: []Feedback{}, Collaborations: []Collaboration{},
		Release: &Release{Version: in.Release.Version, ItineraryVersion: in.Release.ItineraryVersion,
			ReleasedAt: in.Release.ReleasedAt, Note: in.Release.Note}}
	links := slices.Clone(in.Feedback)
	slices.SortStableFunc(links, func(a, b itinera.FeedbackLink) int {
		return cmp.Or(cmp.Compare(slices.Index(itinera.FeedbackRoles, a.Role), slices.Index(itinera.FeedbackRoles, b.Role)),
			a.AnsweredAt.Compare(b.AnsweredAt), cmp.Compare(a.ID, b.ID))
	})
	for _, l := range links {
		if !l.Answered() {
			continue
		}
		fb := Feedback{Role: string(l.Role), Rating: l.Rating, HostAgain: string(l.HostAgain), Comment: l.Comment, AnsweredAt: l.AnsweredAt}
		switch l.Role {
		case itinera.FeedbackVisitor:
			fb.VisitorID = visitors[l.PersonID]
		case itinera.FeedbackInterpreter:
			fb.InterpreterID = interps[l.PersonID]
		case itinera.FeedbackResource:
			fb.OrganizationID = orgs[l.OrganizationID] // 0: not an organization of the program
		}
		if (l.Role == itinera.FeedbackVisitor && fb.VisitorID == 0) || (l.Role == itinera.FeedbackInterpreter && fb.InterpreterID == 0) {
			continue // no longer in the program
		}
		for _, m := range l.Meetings {
			if id := meetings[m.MeetingID]; id != 0 && l.Role.RatesMeetings() {
				fb.Meetings = append(fb.Meetings, MeetingRating{MeetingID: id, Rating: m.Rating, Comment: m.Comment})
			}
		}
		p.Feedback = append(p.Feedback, fb)
	}
	cols := slices.Clone(in.Collaborations)
	slices.SortStableFunc(cols, func(a, b itinera.Collaboration) int { return cmp.Compare(a.ID, b.ID) })
	for _, c := range cols {
		x := Collaboration{Kind: string(c.Kind), Status: string(c.Status), Title: c.Title, Description: c.Description,
			VisitorIDs: []int64{}, Organizations: []string{}, Countries: list(c.Countries), EvidenceURL: c.EvidenceURL}
		if !c.StartedOn.IsZero() {
			x.StartedOn = c.StartedOn.String()
		}
		for _, v := range c.VisitorIDs {
			if id := visitors[v]; id != 0 {
				x.VisitorIDs = append(x.VisitorIDs, id)
			}
		}
		slices.Sort(x.VisitorIDs)
		for _, o := range c.OrganizationIDs {
			if name := in.OrganizationNames[o]; name != "" {
				x.Organizations = append(x.Organizations, name)
			}
		}
		p.Collaborations = append(p.Collaborations, x)
	}
	return p, nil
}

// fileIDs gives the file id programfile.Build gives each record of a
// list: 1, 2, … in the order of the database ids.
func fileIDs[T any](xs []T, id func(T) int64) map[int64]int64 {
	out := map[int64]int64{}
	for i, x := range sortedByID(xs, id) {
		out[id(x)] = int64(i + 1)
	}
	return out
}

func sortedByID[T any](xs []T, id func(T) int64) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}
