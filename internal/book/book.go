// Package book lays out a program for the people who hold it: the
// delegation's program book, a visitor's own book, a resource's brief of
// one meeting, a host household's sheet for its evening, each interpreter's
// schedule and the driver's sheet. It is pure: Build turns a program's
// records into a Book, Render writes a Book as one self-contained HTML
// document (styles inline, maps drawn as SVG) with a print stylesheet, from
// which a browser prints, and headless Chromium makes the PDF
// (internal/pdf). Reading the records is the application layer's.
//
// What each audience sees is decided here, once: visitors and interpreters
// see the program with briefings, on a day the delegation splits only what
// they attend or interpret at; a resource sees only its meeting
// and who comes (names, countries, positions and languages, never e-mail
// addresses, diets or access needs); a household sees its guests' first
// names, countries, languages, diets and allergies, which it cooks for;
// the driver sees the legs. A host household's address is shown to that
// household, the driver and staff only: a visitor's book names the
// household and the pick-up, not the home.
package book

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/lang"
	"itinera/internal/travel"
)

// Audience is who a book is for.
type Audience string

// Audiences.
const (
	Delegation  Audience = "delegation"  // the group: visitors, interpreters, escorts, the national agency
	Visitor     Audience = "visitor"     // one visitor (PersonID: the visitor)
	Resource    Audience = "resource"    // one meeting's host (PersonID: the meeting)
	Household   Audience = "household"   // one host household (PersonID: the household)
	Interpreter Audience = "interpreter" // one interpreter (PersonID: the interpreter)
	Driver      Audience = "driver"      // whoever drives the group
)

// Audiences lists the audiences in the order the UI offers them.
var Audiences = []Audience{Delegation, Visitor, Resource, Household, Interpreter, Driver}

// Valid reports whether a is a known audience.
func (a Audience) Valid() bool { return slices.Contains(Audiences, a) }

// NeedsPerson reports whether a book for a names one person or record.
func (a Audience) NeedsPerson() bool {
	return a == Visitor || a == Resource || a == Household || a == Interpreter
}

// Label names the audience's document.
func (a Audience) Label() string {
	switch a {
	case Delegation:
		return "Delegation book"
	case Visitor:
		return "Visitor's book"
	case Resource:
		return "Resource brief"
	case Household:
		return "Host household sheet"
	case Interpreter:
		return "Interpreter's schedule"
	case Driver:
		return "Driver sheet"
	}
	return string(a)
}

// Options choose the book.
type Options struct {
	Audience Audience
	PersonID int64  // the visitor, meeting, household or interpreter
	Paper    string // itinera.PaperLetter (default) or itinera.PaperA4
	// At, for a resource brief, is the meeting's confirmed time, when the
	// brief goes with the confirmation (before the itinerary holds it).
	At itinera.Window
}

// Input is everything a book may show, read by the application layer.
type Input struct {
	Org           itinera.Settings
	Program       itinera.Program
	Days          []itinera.Day
	Itinerary     *itinera.Itinerary // the version the book shows; nil: none yet
	Meetings      []itinera.Meeting
	Activities    []itinera.Activity
	Places        []itinera.Place
	Organizations []itinera.Organization
	Contacts      []itinera.Contact
	Visitors      []itinera.Visitor
	Interpreters  []itinera.Interpreter
	Evenings      []itinera.HospitalityEvening
	Households    []itinera.HostHousehold // those the evenings name
	Travel        travel.Service
	Now           time.Time
}

// Book is a laid-out document, ready for Render.
type Book struct {
	Audience Audience
	Kind     string // the audience's document, "Delegation book"
	Title    string // the program's title
	For      string // whom this copy is for ("" for the group)
	Paper    string
	Org      Org
	Program  ProgramInfo
	Hotel    *Stop
	Welcome  string
	Glance   []GlanceDay
	Days     []Day
	People   People
	Brief    *Brief   // a resource's meeting
	Sheet    *Sheet   // a household's evening(s)
	Made     string   // when the book was made, with its zone
	Version  int      // the itinerary version shown (0: none)
	Notes    []string // what the reader should know about this copy
	// L writes the fixed words in the program's language.
	L *lang.Catalog
}

// Org is the organization, as the book's contacts.
type Org struct {
	Name, Email, Phone, Emergency string
}

// ProgramInfo is the program's header.
type ProgramInfo struct {
	Title, ProjectType, Description, City string
	Dates                                 string // "Saturday 5 – Wednesday 9 December 2026"
	Zone                                  string // "America/Chicago (CST)"
	Objectives                            []string
}

// Stop is a place of the program.
type Stop struct {
	Name, Address string
}

// GlanceDay is one column of the program at a glance.
type GlanceDay struct {
	Label string // "Mon 7 Dec"
	Lines []string
}

// Day is one day of the program.
type Day struct {
	ID       string // "day-2026-12-07"
	Label    string // "Monday 7 December 2026"
	Mode     string // how the group travels that day: "Van"
	How      string // the same as a phrase: "by van"
	Items    []Item
	Travel   int  // minutes of travel in the day, the way back included
	Back     int  // minutes from the last stop back to the hotel
	Map      *Map // nil: nothing to draw
	Note     string
	LastStop string
	// Split says when the delegation is apart that day, for the books
	// that show every group: "The delegation splits from 13:00 to 16:30."
	Split string
}

// Item is one entry of a day.
type Item struct {
	N       int    // its number on the day's map (0: not on it)
	When    string // "09:30–11:00"
	Start   string // "09:30"
	Title   string
	Kind    string // "Meeting", "Cultural visit", "Home hospitality" …
	Place   string
	Address string
	Travel  int    // minutes from the stop before
	Mode    string // how: "by van", "on foot"
	From    string // the stop before, for the driver
	// Group says who goes to an item for part of the delegation:
	// "Group: Amina Yusuf, Priya Nair · Interpreter: Ana Beltrán", or in
	// an interpreter's schedule "You interpret for: …"; "" for everyone.
	Group    string
	Briefing *Briefing
	Evening  *EveningNote
}

// Briefing is what to know before a meeting.
type Briefing struct {
	Host, HostKind, HostDescription, Website string
	People                                   []string // "Name, Title"
	Partners                                 []string
	Topics                                   []string
	Objectives                               []string // the program's objectives it serves
	Audience                                 string
	Questions                                string // the visitors' questions
}

// EveningNote is a home-hospitality evening as a day's entry shows it.
type EveningNote struct {
	Household string // the visitor's household (a visitor's book), else ""
	Hosts     string
	PickUp    string
	Guests    []string // the household sheet and staff only
}

// People are the delegation as a book lists it.
type People struct {
	Visitors     []Person
	Interpreters []Person
}

// Person is one line of the people list.
type Person struct {
	Name, Country, Position, Organization string
	Languages                             string
	Diets, Allergies                      string // the household sheet only
}

// Brief is a resource's view of its meeting.
type Brief struct {
	Meeting     string
	When        string
	Place       string
	Address     string
	Host        string
	Contact     string
	Topics      []string
	Audience    string
	Theme       string // the program's title and description
	Objectives  []string
	Questions   string // the visitors' questions
	Interpreter []Person
	Visitors    []Person
	OrgContact  string
}

// Sheet is a household's view of its evenings.
type Sheet struct {
	Household string
	Evenings  []SheetEvening
}

// SheetEvening is one evening of a household.
type SheetEvening struct {
	When, PickUp, DropOff, Note string
	Guests                      []Person
	Interpreters                []Person
}

// ParseOptions reads a book's options as a page address or a command line
// gives them: the audience (empty: the delegation's book) and the person's
// id (empty: none). A person that is not a positive number is an EINVALID
// error on "person".
func ParseOptions(audience, person string) (Options, error) {
	o := Options{Audience: Audience(audience)}
	if o.Audience == "" {
		o.Audience = Delegation
	}
	if person != "" {
		id, err := strconv.ParseInt(person, 10, 64)
		if err != nil || id <= 0 {
			return o, itinera.FieldErrors{"person": "Give the id of a visitor, interpreter, meeting or household of the program."}.Err("book")
		}
		o.PersonID = id
	}
	return o, nil
}

// Build lays out the book o asks for. A person who is not of the program,
// or an audience that needs one without it, is an EINVALID error.
func Build(in Input, o Options) (Book, error) {
	if !o.Audience.Valid() {
		return Book{}, itinera.FieldErrors{"audience": "Choose the book: delegation, visitor, resource, household, interpreter or driver."}.Err("book")
	}
	if o.Audience.NeedsPerson() && o.PersonID == 0 {
		return Book{}, itinera.FieldErrors{"person": "Choose whose " + strings.ToLower(o.Audience.Label()) + " it is."}.Err("book")
	}
	loc, err := itinera.LoadZone(in.Program.TimeZone)
	if err != nil {
		return Book{}, itinera.Errorf(itinera.EINVALID, "The program's time zone is not valid: %v", err)
	}
	l := newLayout(in, loc)
	tr := l.tr
	b := Book{Audience: o.Audience, Kind: tr.T(o.Audience.Label()), Title: in.Program.Title, Paper: itinera.PaperLetter,
		Org: Org{Name: in.Org.Name, Email: in.Org.MailFromAddress, Phone: in.Org.Phone, Emergency: in.Org.EmergencyPhone}, Program: l.programInfo(),
		Made: tr.PlainDate(in.Now.In(loc)) + in.Now.In(loc).Format(" 15:04 MST"), L: tr}
	if o.Paper == itinera.PaperA4 {
		b.Paper = itinera.PaperA4
	}
	if in.Itinerary != nil {
		b.Version = in.Itinerary.Version
	}
	if h, ok := l.places[in.Program.HotelPlaceID]; ok {
		b.Hotel = &Stop{Name: h.Name, Address: h.Address}
	}
	switch o.Audience {
	case Delegation:
		b.Welcome = l.welcome("")
		b.Days, b.Glance = l.days(view{briefings: true}), nil
		b.Glance = glance(b.Days)
		b.People = l.people(false)
	case Visitor:
		v, ok := l.visitors[o.PersonID]
		if !ok {
			return Book{}, notInProgram("visitor")
		}
		b.For = v.Name()
		b.Welcome = l.welcome(v.GivenName)
		b.Days = l.days(view{briefings: true, visitor: v.ID})
		b.Glance = glance(b.Days)
		b.People = l.people(false)
	case Interpreter:
		i, ok := l.interpreters[o.PersonID]
		if !ok {
			return Book{}, notInProgram("interpreter")
		}
		b.For = i.Name
		b.Days = l.days(view{briefings: true, interpreter: i.ID, addresses: true})
		b.Glance = glance(b.Days)
		b.People = l.people(false)
	case Driver:
		b.For = tr.T("The driver")
		b.Days = l.days(view{addresses: true, driver: true})
	case Resource:
		m, ok := l.meetings[o.PersonID]
		if !ok {
			return Book{}, notInProgram("meeting")
		}
		brief, err := l.brief(m, o.At)
		if err != nil {
			return Book{}, err
		}
		b.Brief, b.For = brief, m.HostOrganizationName
	case Household:
		h, ok := l.households[o.PersonID]
		if !ok {
			return Book{}, notInProgram("household")
		}
		b.Sheet, b.For = l.sheet(h), h.Name
		if len(b.Sheet.Evenings) == 0 {
			b.Notes = append(b.Notes, tr.T("No guests are placed with this household yet."))
		}
	}
	if in.Itinerary == nil && o.Audience != Household {
		b.Notes = append(b.Notes, tr.T("The program has no itinerary yet: the days are empty."))
	}
	return b, nil
}

func notInProgram(what string) error {
	return itinera.FieldErrors{"person": "Choose a " + what + " of this program."}.Err("book")
}

// layout holds the records by id while a book is laid out.
type layout struct {
	in           Input
	tr           *lang.Catalog
	loc          *time.Location
	places       map[int64]itinera.Place
	orgs         map[int64]itinera.Organization
	contacts     map[int64]itinera.Contact
	meetings     map[int64]itinera.Meeting
	activities   map[int64]itinera.Activity
	visitors     map[int64]itinera.Visitor
	interpreters map[int64]itinera.Interpreter
	households   map[int64]itinera.HostHousehold
	evenings     map[int64]itinera.HospitalityEvening // by the itinerary activity they became
}

func newLayout(in Input, loc *time.Location) *layout {
	l := &layout{in: in, loc: loc, tr: lang.For(in.Program.Language), places: byID(in.Places, func(x itinera.Place) int64 { return x.ID }),
		orgs:         byID(in.Organizations, func(x itinera.Organization) int64 { return x.ID }),
		contacts:     byID(in.Contacts, func(x itinera.Contact) int64 { return x.ID }),
		meetings:     byID(in.Meetings, func(x itinera.Meeting) int64 { return x.ID }),
		activities:   byID(in.Activities, func(x itinera.Activity) int64 { return x.ID }),
		visitors:     byID(in.Visitors, func(x itinera.Visitor) int64 { return x.ID }),
		interpreters: byID(in.Interpreters, func(x itinera.Interpreter) int64 { return x.ID }),
		households:   byID(in.Households, func(x itinera.HostHousehold) int64 { return x.ID }),
		evenings:     map[int64]itinera.HospitalityEvening{}}
	for _, e := range in.Evenings {
		if e.ActivityID != 0 {
			l.evenings[e.ActivityID] = e
		}
	}
	return l
}

func byID[T any](xs []T, id func(T) int64) map[int64]T {
	m := make(map[int64]T, len(xs))
	for _, x := range xs {
		m[id(x)] = x
	}
	return m
}

func (l *layout) programInfo() ProgramInfo {
	p := l.in.Program
	return ProgramInfo{Title: p.Title, ProjectType: p.ProjectType, Description: p.Description, City: p.City,
		Dates: dateRange(l.tr, p.StartDate, p.EndDate), Zone: p.ZoneLabel(), Objectives: p.Objectives}
}

func (l *layout) welcome(givenName string) string {
	city := orDefault(l.in.Program.City, l.tr.T("the program"))
	greet := l.tr.T("Welcome to %s.", city)
	if givenName != "" {
		greet = l.tr.T("Welcome to %s, %s.", city, givenName)
	}
	return greet + " " + l.tr.T("This book holds your program day by day: where to be and when, how long the trips take, and whom you will meet.") +
		" " + l.tr.T("All times are local (%s).", l.in.Program.ZoneLabel())
}

// view says what one book's days show.
type view struct {
	briefings   bool
	addresses   bool  // full addresses of host homes (the driver, an interpreter placed there)
	driver      bool  // legs rather than briefings
	visitor     int64 // a visitor's own evening and items (those they attend)
	interpreter int64 // an interpreter's own evening and items (those they interpret at)
}

// shows reports whether the view's reader goes to the item: a visitor's
// book and an interpreter's schedule hold only their own (issue 15).
func (v view) shows(x itinera.ItineraryItem) bool {
	switch {
	case v.visitor != 0:
		return x.Attends(v.visitor)
	case v.interpreter != 0:
		return x.Interprets(v.interpreter)
	}
	return true
}

// days lays out the itinerary's days in the program's order.
func (l *layout) days(v view) []Day {
	byDay := map[itinera.Date][]itinera.ItineraryItem{}
	if l.in.Itinerary != nil {
		for _, x := range l.in.Itinerary.Items {
			if !v.shows(x) {
				continue
			}
			d := itinera.DateOf(x.Start.In(l.loc))
			byDay[d] = append(byDay[d], x)
		}
	}
	hotel, hasHotel := l.places[l.in.Program.HotelPlaceID]
	notes := map[itinera.Date]string{}
	for _, d := range l.in.Days {
		notes[d.Date] = d.Note
	}
	var out []Day
	for _, date := range l.in.Program.Dates() {
		items := byDay[date]
		sort.Slice(items, func(i, j int) bool { return items[i].Start.Before(items[j].Start) })
		mode := l.in.Travel.ModeOn(date)
		day := Day{ID: "day-" + date.String(), Label: l.tr.LongDate(date.In(time.UTC)), Mode: l.tr.T(mode.Label()),
			How: l.tr.T(how(mode)), Note: notes[date]}
		var stops []mapPoint
		if hasHotel {
			stops = append(stops, mapPoint{Label: "H", Lat: hotel.Lat, Lon: hotel.Lon})
		}
		prevPlace := hotel
		n := 0
		var apart, apartEnd time.Time
		// On a day the delegation splits, each item comes from the last
		// one before it that any of its visitors was at (their group's
		// tour), not from the other group's.
		var done []placed
		own := v.visitor != 0 || v.interpreter != 0
		// Where each visitor stands on the map (in one person's book,
		// that person): the hotel first.
		walkers := []int64{0}
		if !own {
			walkers = walkers[:0]
			for _, p := range l.in.Visitors {
				walkers = append(walkers, p.ID)
			}
			if len(walkers) == 0 {
				walkers, own = []int64{0}, true
			}
		}
		pos := map[int]int{}
		if hasHotel {
			for k := range walkers {
				pos[k] = 0
			}
		}
		var legs [][2]int
		road := make([]int, len(walkers))
		for _, x := range items {
			if !x.Whole() {
				if apart.IsZero() || x.Start.Before(apart) {
					apart = x.Start
				}
				if x.End.After(apartEnd) {
					apartEnd = x.End
				}
			}
			it := l.item(x, v)
			it.Mode, it.From = day.How, l.tr.T("the hotel")
			if k := from(done, x, own, func(p placed) bool { return p.name != "" }); k >= 0 {
				it.From = done[k].name
			}
			// On the road: each visitor's own legs (on a split day the
			// groups travel at the same time); the day's figure is the most.
			for k, who := range walkers {
				if own || x.Attends(who) {
					road[k] += x.TravelMinutes
				}
			}
			here := placed{x: x, stop: -1}
			if p, ok := l.places[x.PlaceID]; ok {
				if p.Lat != 0 || p.Lon != 0 {
					n++
					it.N = n
					stops = append(stops, mapPoint{Label: fmt.Sprint(n), Lat: p.Lat, Lon: p.Lon})
					here.stop = len(stops) - 1
					// From where each of x's visitors was (one stop,
					// unless the delegation meets again after a split).
					var starts []int
					for k, who := range walkers {
						if at, ok := pos[k]; ok && (own || x.Attends(who)) {
							if !slices.Contains(starts, at) {
								starts = append(starts, at)
							}
						}
						if own || x.Attends(who) {
							pos[k] = here.stop
						}
					}
					sort.Ints(starts)
					for _, at := range starts {
						legs = append(legs, [2]int{at, here.stop})
					}
				}
				here.name, prevPlace = p.Name, p
			}
			done = append(done, here)
			day.Items = append(day.Items, it)
		}
		day.Travel = slices.Max(append(road, 0))
		if len(items) > 0 && hasHotel && prevPlace.ID != hotel.ID {
			day.Back = l.in.Travel.OnDay(date).Between(
				travel.Place{ID: prevPlace.ID, Point: travel.Point{Lat: prevPlace.Lat, Lon: prevPlace.Lon}},
				travel.Place{ID: hotel.ID, Point: travel.Point{Lat: hotel.Lat, Lon: hotel.Lon}})
			day.Travel += day.Back
			day.LastStop = prevPlace.Name
		}
		if n > 0 {
			var lasts []int
			for k := range walkers {
				if at, ok := pos[k]; ok && at > 0 && !slices.Contains(lasts, at) {
					lasts = append(lasts, at)
				}
			}
			sort.Ints(lasts)
			for _, at := range lasts {
				if hasHotel {
					legs = append(legs, [2]int{at, 0})
				}
			}
			day.Map = drawMap(stops, hasHotel, legs)
		}
		if !apart.IsZero() && v.visitor == 0 && v.interpreter == 0 {
			day.Split = l.tr.T("The delegation splits from %s to %s.", apart.In(l.loc).Format("15:04"), apartEnd.In(l.loc).Format("15:04"))
		}
		out = append(out, day)
	}
	return out
}

// placed is an item of a day already laid out: its place's name ("" for
// none) and its stop on the day's map (-1: not on it).
type placed struct {
	x    itinera.ItineraryItem
	name string
	stop int
}

// from finds the last item of done, ok by ok, that any visitor of x was at
// (with a whole-delegation item on either side, any; in one person's book,
// any, all being theirs); -1 for none.
func from(done []placed, x itinera.ItineraryItem, own bool, ok func(placed) bool) int {
	for k := len(done) - 1; k >= 0; k-- {
		if ok(done[k]) && (own || shareVisitors(done[k].x, x)) {
			return k
		}
	}
	return -1
}

// shareVisitors reports whether a visitor goes to both items.
func shareVisitors(a, b itinera.ItineraryItem) bool {
	if a.Whole() || b.Whole() {
		return true
	}
	for _, id := range a.VisitorIDs {
		if b.Attends(id) {
			return true
		}
	}
	return false
}

// item lays out one itinerary item.
func (l *layout) item(x itinera.ItineraryItem, v view) Item {
	it := Item{When: x.Start.In(l.loc).Format("15:04") + "–" + x.End.In(l.loc).Format("15:04"),
		Start: x.Start.In(l.loc).Format("15:04"), Title: x.Title, Travel: x.TravelMinutes}
	if p, ok := l.places[x.PlaceID]; ok {
		it.Place, it.Address = p.Name, p.Address
	}
	it.Group = l.group(x, v)
	switch {
	case x.MeetingID != 0:
		it.Kind = l.tr.T("Meeting")
		if m, ok := l.meetings[x.MeetingID]; ok && v.briefings {
			it.Briefing = l.briefing(m)
		}
	case x.ActivityID != 0:
		a := l.activities[x.ActivityID]
		it.Kind = l.tr.T(activityKind(a.Kind))
		if e, ok := l.evenings[x.ActivityID]; ok {
			it.Kind = l.tr.T("Home hospitality")
			it.Evening = l.eveningNote(e, v)
			if it.Evening.Household == "" || !v.addresses {
				// The homes are not the group's to know; the evening
				// starts with the pick-up.
				it.Place, it.Address = "", ""
			}
		}
	}
	return it
}

// group says who goes to an item for part of the delegation; in an
// interpreter's schedule, whom they interpret for.
func (l *layout) group(x itinera.ItineraryItem, v view) string {
	if x.Whole() {
		return ""
	}
	var who, interp []string
	for _, p := range l.in.Visitors {
		if x.Attends(p.ID) {
			who = append(who, p.Name())
		}
	}
	if v.interpreter != 0 {
		return l.tr.T("You interpret for: %s", strings.Join(who, ", "))
	}
	for _, i := range l.in.Interpreters {
		if x.Interprets(i.ID) {
			interp = append(interp, i.Name)
		}
	}
	s := l.tr.T("Group: %s", strings.Join(who, ", ")) + " · "
	switch len(interp) {
	case 0:
		return s + l.tr.T("No interpreter")
	case 1:
		return s + l.tr.T("Interpreter: %s", interp[0])
	}
	return s + l.tr.T("Interpreters: %s", strings.Join(interp, ", "))
}

// how is a travel mode as a phrase: "by van", "on foot" (in English:
// the catalogs translate each phrase).
func how(m itinera.TravelMode) string {
	switch m {
	case itinera.TravelWalking:
		return "on foot"
	case itinera.TravelTransit:
		return "by public transport"
	case itinera.TravelCar:
		return "by car"
	}
	return "by van"
}

func activityKind(k itinera.ActivityKind) string {
	switch k {
	case itinera.ActivityCultural:
		return "Cultural visit"
	case itinera.ActivityMeal:
		return "Meal"
	case itinera.ActivityHospitality:
		return "Home hospitality"
	case itinera.ActivityTravel:
		return "Travel"
	case itinera.ActivityFree:
		return "Free time"
	}
	return "Activity"
}

// briefing is what a visitor should know before meeting m.
func (l *layout) briefing(m itinera.Meeting) *Briefing {
	b := &Briefing{Host: m.HostOrganizationName, Partners: m.PartnerOrganizations, Topics: m.Topics, Audience: m.Audience,
		Questions: m.Questions}
	if o, ok := l.orgs[m.HostOrganizationID]; ok {
		b.Host, b.HostKind, b.HostDescription, b.Website = o.Name, l.tr.T(string(o.Kind)), o.Description, o.Website
	}
	if c, ok := l.contacts[m.ContactID]; ok {
		b.People = append(b.People, joinNonEmpty(", ", c.Name, c.Title))
	} else if m.ContactName != "" {
		b.People = append(b.People, m.ContactName)
	}
	b.Objectives = served(m.Topics, l.in.Program.Objectives)
	return b
}

// served are the program's objectives among a meeting's topics.
func served(topics, objectives []string) []string {
	var out []string
	for _, o := range objectives {
		for _, t := range topics {
			if strings.EqualFold(strings.TrimSpace(o), strings.TrimSpace(t)) {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

// eveningNote is a hospitality evening as one reader sees it: a visitor
// or interpreter their own household, the group "home hospitality".
func (l *layout) eveningNote(e itinera.HospitalityEvening, v view) *EveningNote {
	n := &EveningNote{PickUp: l.tr.T("Pick-up at the hotel at %s", e.Start.In(l.loc).Format("15:04"))}
	for _, g := range e.Guests {
		if (v.visitor != 0 && g.VisitorID == v.visitor) || (v.interpreter != 0 && g.InterpreterID == v.interpreter) {
			if h, ok := l.households[g.HouseholdID]; ok {
				n.Household, n.Hosts = h.Name, h.ContactName
			}
		}
	}
	return n
}

// glance is the program at a glance: each day's items, one line each.
func glance(days []Day) []GlanceDay {
	out := make([]GlanceDay, 0, len(days))
	for _, d := range days {
		g := GlanceDay{Label: d.Label}
		for _, it := range d.Items {
			g.Lines = append(g.Lines, it.Start+" "+it.Title)
		}
		out = append(out, g)
	}
	return out
}

func dateRange(tr *lang.Catalog, a, b itinera.Date) string {
	if a.IsZero() {
		return ""
	}
	ta, tb := a.In(time.UTC), b.In(time.UTC)
	switch {
	case a == b:
		return tr.LongDate(ta)
	case ta.Year() == tb.Year() && ta.Month() == tb.Month():
		return tr.DayDate(ta) + " – " + tr.LongDate(tb)
	case ta.Year() == tb.Year():
		return tr.DayMonthDate(ta) + " – " + tr.LongDate(tb)
	}
	return tr.LongDate(ta) + " – " + tr.LongDate(tb)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
