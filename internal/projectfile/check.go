package projectfile

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"itinera"
	"itinera/internal/programfile"
)

// checker collects what is wrong with a package, each problem naming the
// part and field in the words of docs/project-package.md.
type checker struct{ programfile.Problems }

// line checks one line of text of at most max characters, as forms do;
// required text must not be empty.
func (c *checker) line(where, field, s string, max int, required bool) {
	f := itinera.FieldErrors{}
	itinera.CheckLine(f, field, &s, max)
	if s == "" && required {
		f.Add(field, "It is missing.")
	}
	c.AddErr(where, f.Err(""))
}

func (c *checker) date(where, field, s string) itinera.Date {
	if s == "" {
		c.Add(where, "%s is missing", field)
		return itinera.Date{}
	}
	d, err := itinera.ParseDate(s)
	if err != nil {
		c.Add(where, "%s %q is not a date in the form YYYY-MM-DD", field, s)
	}
	return d
}

func (c *checker) time(where, field string, t time.Time) {
	f := itinera.FieldErrors{}
	itinera.CheckTime(f, field, t)
	if t.IsZero() {
		f.Add(field, "It is missing.")
	}
	c.AddErr(where, f.Err(""))
}

// err is the EINVALID error listing the problems, or nil.
func (c *checker) err() error {
	n, list := c.Listed()
	switch n {
	case 0:
		return nil
	case 1:
		return itinera.Errorf(itinera.EINVALID, "The project package has a problem: %s.", list)
	}
	return itinera.Errorf(itinera.EINVALID, "The project package has %d problems: %s.", n, list)
}

// Check checks a package's content: its format and version, every part
// of its kind there and no part of the other kind, texts as forms take
// them, dates in order, the stop one of the route and the program's own
// city and dates, travel between consecutive stops on their end and
// start days, the roster naming every person once and carrying only the
// fields it lists as shared, a return leaving out what stays with the
// city, and every reference to a record of the program. The program is
// checked as a program file (programfile.File.Check). What is wrong is an
// EINVALID error naming it.
func (p *Package) Check() error { return p.check(true) }

// check is Check, checking the program as a program file or not (when
// programfile.DecodeBytes has just done so).
func (p *Package) check(program bool) error {
	c := &checker{}
	if p.Format != Format {
		c.Add("the package", "its format is %q, not %q", p.Format, Format)
	}
	if p.Version < 1 || p.Version > Version {
		c.Add("the package", "version %d is not one this Itinera reads (1 to %d)", p.Version, Version)
	}
	if !oneOf(p.Kind, Kinds) {
		c.Add("the package", "kind %q is not stop or return", p.Kind)
	}
	c.time("the package", "issued_at", p.IssuedAt)
	c.line("the issuer", "organization", p.Issuer.Organization, 200, true)
	if !validKeyID(p.Issuer.KeyID) {
		c.Add("the issuer", "key_id %q is not a key fingerprint (ed25519: and 32 hexadecimal digits)", p.Issuer.KeyID)
	}
	c.line("the project", "id", p.Project.ID, 100, true)
	c.line("the project", "title", p.Project.Title, 200, true)
	c.line("the project", "theme", p.Project.Theme, 200, false)
	for i, o := range p.Project.Objectives {
		c.line("the project", fmt.Sprintf("objectives, entry %d", i+1), o, 80, true)
	}
	c.stop("the stop", p.Stop)
	if program {
		if err := p.Program.Check(); err != nil {
			c.Add("the program", "%s", strings.TrimSuffix(itinera.ErrorMessage(err), "."))
		}
	}
	c.programIsStop(p.Program, p.Stop)
	switch p.Kind {
	case KindStop:
		c.stopPackage(p)
	case KindReturn:
		c.returnPackage(p)
	}
	return c.err()
}

// stop checks one stop's fields, as a program's are checked.
func (c *checker) stop(where string, s Stop) {
	if s.Number < 1 {
		c.Add(where, "number must be a whole number from 1")
	}
	c.line(where, "organization", s.Organization, 200, true)
	prog := itinera.Program{Title: "stop", City: s.City, TimeZone: s.TimeZone,
		StartDate: c.date(where, "start_date", s.StartDate), EndDate: c.date(where, "end_date", s.EndDate)}
	if prog.StartDate.IsZero() || prog.EndDate.IsZero() {
		prog.StartDate, prog.EndDate = itinera.MustDate("2026-01-01"), itinera.MustDate("2026-01-01") // reported above
	}
	c.AddErr(where, prog.Validate())
}

// programIsStop checks that the program is the stop's: its city, time
// zone and dates.
func (c *checker) programIsStop(f programfile.File, s Stop) {
	p := f.Program
	if p.City != s.City || p.TimeZone != s.TimeZone || p.StartDate != s.StartDate || p.EndDate != s.EndDate {
		c.Add("the program", "its city, time zone and dates (%s, %s, %s to %s) must be the stop's (%s, %s, %s to %s)",
			p.City, p.TimeZone, p.StartDate, p.EndDate, s.City, s.TimeZone, s.StartDate, s.EndDate)
	}
}

func (c *checker) stopPackage(p *Package) {
	if p.Release != nil {
		c.Add("the package", "a stop package has no release")
	}
	if len(p.Feedback) > 0 || len(p.Collaborations) > 0 {
		c.Add("the package", "a stop package has no feedback or collaborations")
	}
	if p.Route == nil {
		c.Add("the package", "a stop package has a route")
	} else {
		c.route(p.Route, p.Stop)
	}
	if p.Roster == nil {
		c.Add("the package", "a stop package has a roster")
	} else {
		c.roster(p.Roster, p.Program)
	}
	f := p.Program
	for _, l := range []struct {
		name string
		n    int
	}{
		{"organizations", len(f.Organizations)}, {"contacts", len(f.Contacts)}, {"meetings", len(f.Meetings)},
		{"activities", len(f.Activities)}, {"itineraries", len(f.Itineraries)}, {"requests", len(f.Requests)},
		{"households", len(f.Households)}, {"evenings", len(f.Evenings)}, {"pairs", len(f.Pairs)},
		{"travel_times", len(f.TravelTimes)},
	} {
		if l.n > 0 {
			c.Add("the program", "a stop package's program has no %s: the city plans them", l.name)
		}
	}
	for _, pl := range f.Places {
		if pl.ID != f.Program.HotelPlaceID {
			c.Add("the program", "place %d is not the hotel: a stop package's program has no other place", pl.ID)
		}
	}
}

// route checks the stops in order and the travel between them.
func (c *checker) route(r *Route, stop Stop) {
	if len(r.Stops) == 0 {
		c.Add("the route", "it has no stops")
		return
	}
	starts := make([]itinera.Date, len(r.Stops))
	ends := make([]itinera.Date, len(r.Stops))
	zones := make([]*time.Location, len(r.Stops))
	for i, s := range r.Stops {
		where := fmt.Sprintf("stop %d of the route", i+1)
		if s.Number != i+1 {
			c.Add(where, "its number is %d: the stops are numbered 1, 2, … in the order of the route", s.Number)
		}
		c.stop(where, s)
		starts[i], _ = itinera.ParseDate(s.StartDate)
		ends[i], _ = itinera.ParseDate(s.EndDate)
		zones[i], _ = itinera.LoadZone(s.TimeZone)
		if i > 0 && !starts[i].IsZero() && !ends[i-1].IsZero() && starts[i].Before(ends[i-1]) {
			c.Add(where, "it starts on %s, before stop %d ends (%s)", s.StartDate, i, r.Stops[i-1].EndDate)
		}
	}
	if stop.Number < 1 || stop.Number > len(r.Stops) {
		c.Add("the stop", "number %d is not a stop of the route (1 to %d)", stop.Number, len(r.Stops))
	} else if r.Stops[stop.Number-1] != stop {
		c.Add("the stop", "it differs from stop %d of the route", stop.Number)
	}
	n := len(r.Stops)
	seen := map[[2]int]bool{}
	for i, l := range r.Travel {
		where := fmt.Sprintf("travel %d of the route", i+1)
		switch {
		case l.FromStop < 0 || l.FromStop > n || l.ToStop < 0 || l.ToStop > n:
			c.Add(where, "from_stop and to_stop must be stops of the route (1 to %d), or 0 for outside it", n)
			continue
		case l.FromStop == 0 && l.ToStop == 0:
			c.Add(where, "it goes from outside the route to outside it")
			continue
		case l.FromStop == 0 && l.ToStop != 1:
			c.Add(where, "the delegation arrives from outside the route at its first stop, not at stop %d", l.ToStop)
		case l.ToStop == 0 && l.FromStop != n:
			c.Add(where, "the delegation leaves the route from its last stop, not from stop %d", l.FromStop)
		case l.FromStop != 0 && l.ToStop != 0 && l.ToStop != l.FromStop+1:
			c.Add(where, "it goes from stop %d to stop %d: travel goes from one stop to the next", l.FromStop, l.ToStop)
		}
		key := [2]int{l.FromStop, l.ToStop}
		if seen[key] {
			c.Add(where, "the travel from stop %d to stop %d is listed twice", l.FromStop, l.ToStop)
		}
		seen[key] = true
		if l.Mode != ModeFlight && l.Mode != ModeGround {
			c.Add(where, "mode %q is not flight or ground", l.Mode)
		}
		c.time(where, "departs", l.Departs)
		c.time(where, "arrives", l.Arrives)
		c.line(where, "note", l.Note, 500, false)
		if l.Departs.IsZero() || l.Arrives.IsZero() {
			continue
		}
		if !l.Arrives.After(l.Departs) {
			c.Add(where, "it arrives before it departs")
		} else if l.Arrives.Sub(l.Departs) > 48*time.Hour {
			c.Add(where, "it takes more than 48 hours")
		}
		if l.FromStop > 0 && zones[l.FromStop-1] != nil && !ends[l.FromStop-1].IsZero() {
			if d := itinera.DateOf(l.Departs.In(zones[l.FromStop-1])); d != ends[l.FromStop-1] {
				c.Add(where, "it departs on %s (local time), not on the last day of stop %d (%s)", d, l.FromStop, ends[l.FromStop-1])
			}
		}
		if l.ToStop > 0 && zones[l.ToStop-1] != nil && !starts[l.ToStop-1].IsZero() {
			if d := itinera.DateOf(l.Arrives.In(zones[l.ToStop-1])); d != starts[l.ToStop-1] {
				c.Add(where, "it arrives on %s (local time), not on the first day of stop %d (%s)", d, l.ToStop, starts[l.ToStop-1])
			}
		}
	}
}

// roster checks that the roster names every person of the program once
// and that the program carries only the fields it shares.
func (c *checker) roster(r *Roster, f programfile.File) {
	shared := func(kind string, names []string, rules []fieldRule, required []string) map[string]bool {
		set := map[string]bool{}
		known := map[string]bool{}
		for _, fr := range rules {
			known[fr.name] = true
		}
		for _, n := range names {
			switch {
			case !known[n]:
				c.Add("the roster", "shared_fields.%s: %q is not a field of the program's %s", kind, n, kind)
			case set[n]:
				c.Add("the roster", "shared_fields.%s: %q is listed twice", kind, n)
			}
			set[n] = true
		}
		for _, n := range required {
			if !set[n] {
				c.Add("the roster", "shared_fields.%s must list %q: the city needs it", kind, n)
			}
		}
		return set
	}
	vShared := shared("visitors", r.SharedFields.Visitors, visitorFields, requiredVisitorFields)
	iShared := shared("interpreters", r.SharedFields.Interpreters, interpreterFields, requiredInterpreterFields)

	refs := map[string]bool{}
	ref := func(where, s string) {
		c.line(where, "ref", s, 100, true)
		if s != "" && refs[s] {
			c.Add(where, "ref %q is used twice in the roster", s)
		}
		refs[s] = true
	}
	listed := map[int64]bool{}
	for i, v := range r.Visitors {
		where := fmt.Sprintf("roster visitor %d", i+1)
		if !slices.ContainsFunc(f.Visitors, func(x programfile.Visitor) bool { return x.ID == v.ID }) {
			c.Add(where, "id %d is not a visitor of the program", v.ID)
		} else if listed[v.ID] {
			c.Add(where, "visitor %d is listed twice", v.ID)
		}
		listed[v.ID] = true
		ref(where, v.Ref)
	}
	for _, v := range f.Visitors {
		where := named("visitor", v.ID, strings.TrimSpace(v.GivenName+" "+v.FamilyName))
		if !listed[v.ID] {
			c.Add(where, "the roster does not list them")
		}
		for _, fr := range visitorFields {
			if !vShared[fr.name] && fr.set(&v) {
				c.Add(where, "%s is filled in, but the roster does not share it", fr.name)
			}
		}
	}
	listed = map[int64]bool{}
	for i, x := range r.Companions {
		where := fmt.Sprintf("roster companion %d", i+1)
		if !slices.ContainsFunc(f.Interpreters, func(y programfile.Interpreter) bool { return y.ID == x.ID }) {
			c.Add(where, "id %d is not an interpreter of the program", x.ID)
		} else if listed[x.ID] {
			c.Add(where, "interpreter %d is listed twice", x.ID)
		}
		listed[x.ID] = true
		ref(where, x.Ref)
		if x.Role != RoleInterpreter && x.Role != RoleEscort {
			c.Add(where, "role %q is not interpreter or escort", x.Role)
		}
	}
	for _, x := range f.Interpreters {
		where := named("interpreter", x.ID, x.Name)
		if !listed[x.ID] {
			c.Add(where, "the roster does not list them")
		}
		for _, fr := range interpreterFields {
			if !iShared[fr.name] && fr.set(&x) {
				c.Add(where, "%s is filled in, but the roster does not share it", fr.name)
			}
		}
	}
}

func (c *checker) returnPackage(p *Package) {
	if p.Route != nil || p.Roster != nil {
		c.Add("the package", "a return package has no route or roster: the agency has them")
	}
	f := p.Program
	if p.Release == nil {
		c.Add("the package", "a return package has the release of the city's program")
	} else {
		r := p.Release
		if r.Version < 1 {
			c.Add("the release", "version must be a whole number from 1")
		}
		if !slices.ContainsFunc(f.Itineraries, func(it programfile.Itinerary) bool { return it.Version == r.ItineraryVersion }) {
			c.Add("the release", "itinerary_version %d is not an itinerary of the program", r.ItineraryVersion)
		}
		c.time("the release", "released_at", r.ReleasedAt)
		note := itinera.FieldErrors{}
		itinera.CheckReason(note, "note", &r.Note)
		c.AddErr("the release", note.Err(""))
	}
	for _, x := range withheld(f) {
		c.Add("the program", "%s: a return package leaves it out, as it stays with the city (see ReturnProgram)", x)
	}
	visitors := idSet(f.Visitors, func(v programfile.Visitor) int64 { return v.ID })
	interps := idSet(f.Interpreters, func(v programfile.Interpreter) int64 { return v.ID })
	orgs := idSet(f.Organizations, func(v programfile.Organization) int64 { return v.ID })
	meetings := make([]int64, 0, len(f.Meetings))
	for _, m := range f.Meetings {
		meetings = append(meetings, m.ID)
	}
	for i, fb := range p.Feedback {
		c.feedback(fmt.Sprintf("feedback %d", i+1), fb, visitors, interps, orgs, meetings)
	}
	for i, x := range p.Collaborations {
		where := fmt.Sprintf("collaboration %d", i+1)
		if x.Title != "" {
			where = fmt.Sprintf("collaboration %d (“%s”)", i+1, x.Title)
		}
		for _, v := range x.VisitorIDs {
			if !visitors[v] {
				c.Add(where, "visitor_ids: %d is not a visitor of the program", v)
			}
		}
		for j, o := range x.Organizations {
			c.line(where, fmt.Sprintf("organizations, entry %d", j+1), o, 200, true)
		}
		col := itinera.Collaboration{ProgramID: 1, Kind: itinera.CollaborationKind(x.Kind),
			Status: itinera.CollaborationStatus(x.Status), Title: x.Title, Description: x.Description,
			Countries: slices.Clone(x.Countries), EvidenceURL: x.EvidenceURL, RecordedBy: "staff"}
		if x.StartedOn != "" {
			col.StartedOn = c.date(where, "started_on", x.StartedOn)
		}
		if x.Status == "" {
			c.Add(where, "status is missing")
		}
		c.AddErr(where, col.Validate())
	}
}

func (c *checker) feedback(where string, fb Feedback, visitors, interps, orgs map[int64]bool, meetings []int64) {
	role := itinera.FeedbackRole(fb.Role)
	if !oneOf(role, itinera.FeedbackRoles) {
		c.Add(where, "role %q is not visitor, interpreter, resource or household", fb.Role)
		return
	}
	ids := map[string]int64{"visitor_id": fb.VisitorID, "interpreter_id": fb.InterpreterID, "organization_id": fb.OrganizationID}
	own := map[itinera.FeedbackRole]string{itinera.FeedbackVisitor: "visitor_id", itinera.FeedbackInterpreter: "interpreter_id",
		itinera.FeedbackResource: "organization_id"}[role]
	for _, field := range sortedKeys(ids) {
		if ids[field] != 0 && field != own {
			c.Add(where, "%s: the feedback of a %s has none", field, strings.ToLower(role.Label()))
		}
	}
	switch role {
	case itinera.FeedbackVisitor:
		if !visitors[fb.VisitorID] {
			c.Add(where, "visitor_id %d is not a visitor of the program", fb.VisitorID)
		}
	case itinera.FeedbackInterpreter:
		if !interps[fb.InterpreterID] {
			c.Add(where, "interpreter_id %d is not an interpreter of the program", fb.InterpreterID)
		}
	case itinera.FeedbackResource:
		if fb.OrganizationID != 0 && !orgs[fb.OrganizationID] {
			c.Add(where, "organization_id %d is not an organization of the program", fb.OrganizationID)
		}
	}
	if !role.RatesMeetings() && len(fb.Meetings) > 0 {
		c.Add(where, "meetings: only visitors and interpreters rate meetings")
	}
	if role.RatesMeetings() && fb.HostAgain != "" {
		c.Add(where, "host_again: only resources and households say whether they would host again")
	}
	a := itinera.FeedbackAnswer{Rating: fb.Rating, HostAgain: itinera.HostAgain(fb.HostAgain), Comment: fb.Comment}
	for _, m := range fb.Meetings {
		a.Meetings = append(a.Meetings, itinera.MeetingRating{MeetingID: m.MeetingID, Rating: m.Rating, Comment: m.Comment})
	}
	c.AddErr(where, a.Validate(role, meetings))
	c.time(where, "answered_at", fb.AnsweredAt)
}

// withheld lists what f carries that a return package leaves out.
func withheld(f programfile.File) []string {
	var out []string
	for _, l := range []struct {
		name string
		n    int
	}{{"requests", len(f.Requests)}, {"households", len(f.Households)}, {"evenings", len(f.Evenings)}, {"pairs", len(f.Pairs)}} {
		if l.n > 0 {
			out = append(out, l.name)
		}
	}
	for _, x := range f.Places {
		if x.Notes != "" {
			out = append(out, fmt.Sprintf("place %d: notes", x.ID))
		}
	}
	for _, x := range f.Organizations {
		if x.Email != "" || x.Phone != "" {
			out = append(out, fmt.Sprintf("organization %d: email and phone", x.ID))
		}
	}
	for _, x := range f.Contacts {
		if x.Email != "" || x.Phone != "" || x.Notes != "" {
			out = append(out, fmt.Sprintf("contact %d: email, phone and notes", x.ID))
		}
	}
	for _, x := range f.Meetings {
		if x.Notes != "" {
			out = append(out, fmt.Sprintf("meeting %d: notes", x.ID))
		}
	}
	for _, x := range f.Activities {
		if x.Notes != "" {
			out = append(out, fmt.Sprintf("activity %d: notes", x.ID))
		}
	}
	return out
}

// named is a record's name in a message: its kind, file id and name.
func named(kind string, id int64, name string) string {
	if name == "" {
		return fmt.Sprintf("%s %d of the program", kind, id)
	}
	return fmt.Sprintf("%s %d of the program (“%s”)", kind, id, name)
}

func idSet[T any](xs []T, id func(T) int64) map[int64]bool {
	set := map[int64]bool{}
	for _, x := range xs {
		set[id(x)] = true
	}
	return set
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func oneOf[T comparable](v T, all []T) bool { return slices.Contains(all, v) }
