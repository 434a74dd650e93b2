package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"itinera"
)

//go:embed demo.json
var demoJSON []byte

// clock is an itinera.Clock read from "HH:MM".
type clock itinera.Clock

func (c *clock) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := itinera.ParseClock(s)
	if err != nil {
		return err
	}
	*c = clock(v)
	return nil
}

type tenantData struct {
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	TimeZone string `json:"time_zone"`
}

type placeData struct {
	Key     string            `json:"key"`
	Name    string            `json:"name"`
	Kind    itinera.PlaceKind `json:"kind"`
	Address string            `json:"address"`
	Lat     float64           `json:"lat"`
	Lon     float64           `json:"lon"`
	Notes   string            `json:"notes"`
}

type organizationData struct {
	Key         string                   `json:"key"`
	Name        string                   `json:"name"`
	Kind        itinera.OrganizationKind `json:"kind"`
	Description string                   `json:"description"`
	Website     string                   `json:"website"`
	Place       string                   `json:"place"`
	Topics      []string                 `json:"topics"`
}

type contactData struct {
	Key          string `json:"key"`
	Organization string `json:"organization"`
	Name         string `json:"name"`
	Title        string `json:"title"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Notes        string `json:"notes"`
}

type programData struct {
	Title        string   `json:"title"`
	ProjectType  string   `json:"project_type"`
	Description  string   `json:"description"`
	Objectives   []string `json:"objectives"`
	City         string   `json:"city"`
	TimeZone     string   `json:"time_zone"`
	Hotel        string   `json:"hotel"`
	DepartureDay int      `json:"departure_day"`
}

type dayData struct {
	Day          int    `json:"day"`
	Start        clock  `json:"start"`
	End          clock  `json:"end"`
	LunchFrom    clock  `json:"lunch_from"`
	LunchTo      clock  `json:"lunch_to"`
	LunchMinutes int    `json:"lunch_minutes"`
	MaxMeetings  int    `json:"max_meetings"`
	Note         string `json:"note"`
	// Together are the parts of the day together, "HH:MM-HH:MM label".
	Together []string `json:"together"`
}

type visitorData struct {
	Key          string   `json:"key"`
	GivenName    string   `json:"given_name"`
	FamilyName   string   `json:"family_name"`
	Country      string   `json:"country"`
	Position     string   `json:"position"`
	Organization string   `json:"organization"`
	Sector       string   `json:"sector"`
	Email        string   `json:"email"`
	Languages    []string `json:"languages"`
	Diets        []string `json:"diets"`
	Allergies    []string `json:"allergies"`
	AccessNeeds  string   `json:"access_needs"`
	Interests    []string `json:"interests"`
}

type interpreterData struct {
	Key       string   `json:"key"`
	Name      string   `json:"name"`
	Email     string   `json:"email"`
	Phone     string   `json:"phone"`
	Languages []string `json:"languages"`
}

// windowData is an availability window on one program day.
type windowData struct {
	Day  int   `json:"day"`
	From clock `json:"from"`
	To   clock `json:"to"`
}

type meetingData struct {
	Key             string                 `json:"key"`
	Title           string                 `json:"title"`
	Host            string                 `json:"host"`
	Contact         string                 `json:"contact"`
	Partners        []string               `json:"partners"`
	Place           string                 `json:"place"`
	Topics          []string               `json:"topics"`
	DurationMinutes int                    `json:"duration_minutes"`
	Audience        string                 `json:"audience"`
	For             itinera.AttendanceKind `json:"for"`
	MinVisitors     int                    `json:"min_visitors"`
	MaxVisitors     int                    `json:"max_visitors"`
	Languages       []string               `json:"languages"`
	Priority        int                    `json:"priority"`
	Mandatory       bool                   `json:"mandatory"`
	Status          itinera.MeetingStatus  `json:"status"`
	Windows         []windowData           `json:"windows"`
	Notes           string                 `json:"notes"`
}

type activityData struct {
	Key             string                 `json:"key"`
	Title           string                 `json:"title"`
	Kind            itinera.ActivityKind   `json:"kind"`
	Place           string                 `json:"place"`
	Topics          []string               `json:"topics"`
	DurationMinutes int                    `json:"duration_minutes"`
	Priority        int                    `json:"priority"`
	Mandatory       bool                   `json:"mandatory"`
	Status          itinera.ActivityStatus `json:"status"`
	Windows         []windowData           `json:"windows"`
	Notes           string                 `json:"notes"`
}

type itemData struct {
	Day      int    `json:"day"`
	Meeting  string `json:"meeting"`
	Activity string `json:"activity"`
	Start    clock  `json:"start"`
}

type itineraryData struct {
	Note  string     `json:"note"`
	Items []itemData `json:"items"`
}

type hospitalityData struct {
	Day      int         `json:"day"`
	Together [][2]string `json:"together"`
	Apart    [][2]string `json:"apart"`
}

type homeData struct {
	Name    string  `json:"name"`
	Address string  `json:"address"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Notes   string  `json:"notes"`
}

type householdData struct {
	Key          string   `json:"key"`
	Name         string   `json:"name"`
	ContactName  string   `json:"contact_name"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Home         homeData `json:"home"`
	Languages    []string `json:"languages"`
	CanServe     []string `json:"can_serve"`
	Pets         []string `json:"pets"`
	Smoking      bool     `json:"smoking"`
	Stairs       bool     `json:"stairs"`
	Capacity     int      `json:"capacity"`
	Availability string   `json:"availability"`
	Note         string   `json:"note"`
}

// dataFile is the whole of demo.json; doc.go describes its format.
type dataFile struct {
	Tenant        tenantData         `json:"tenant"`
	Places        []placeData        `json:"places"`
	Organizations []organizationData `json:"organizations"`
	Contacts      []contactData      `json:"contacts"`
	Program       programData        `json:"program"`
	Days          []dayData          `json:"days"`
	Visitors      []visitorData      `json:"visitors"`
	Interpreters  []interpreterData  `json:"interpreters"`
	Meetings      []meetingData      `json:"meetings"`
	Activities    []activityData     `json:"activities"`
	Itinerary     itineraryData      `json:"itinerary"`
	Hospitality   hospitalityData    `json:"hospitality"`
	Households    []householdData    `json:"households"`
}

// embedded parses demo.json once; the data never changes after the build.
var embedded = sync.OnceValues(func() (*dataFile, error) { return parse(demoJSON) })

// mustData returns the embedded data. The package's tests prove it parses,
// so a failure here is a broken build, not a runtime condition.
func mustData() *dataFile {
	d, err := embedded()
	if err != nil {
		panic("demo: embedded demo.json is invalid: " + err.Error())
	}
	return d
}

// parse decodes and checks a demo data document.
func parse(b []byte) (*dataFile, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var d dataFile
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("demo data: %w", err)
	}
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("demo data: %w", err)
	}
	return &d, nil
}

// check verifies what JSON decoding cannot: unique keys, references between
// records, and day offsets inside the program.
func (d *dataFile) check() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	keys := func(what string, n int, key func(int) string) map[string]bool {
		m := make(map[string]bool, n)
		for i := range n {
			k := key(i)
			if k == "" {
				fail("%s %d has no key", what, i+1)
			}
			if m[k] {
				fail("%s key %q is used twice", what, k)
			}
			m[k] = true
		}
		return m
	}
	places := keys("place", len(d.Places), func(i int) string { return d.Places[i].Key })
	orgs := keys("organization", len(d.Organizations), func(i int) string { return d.Organizations[i].Key })
	contacts := keys("contact", len(d.Contacts), func(i int) string { return d.Contacts[i].Key })
	visitors := keys("visitor", len(d.Visitors), func(i int) string { return d.Visitors[i].Key })
	keys("interpreter", len(d.Interpreters), func(i int) string { return d.Interpreters[i].Key })
	meetings := keys("meeting", len(d.Meetings), func(i int) string { return d.Meetings[i].Key })
	activities := keys("activity", len(d.Activities), func(i int) string { return d.Activities[i].Key })
	keys("household", len(d.Households), func(i int) string { return d.Households[i].Key })

	ref := func(set map[string]bool, key, what, owner string, optional bool) {
		if key == "" && optional {
			return
		}
		if !set[key] {
			fail("%s refers to unknown %s %q", owner, what, key)
		}
	}
	lastDay := d.Program.DepartureDay
	if lastDay < 1 {
		fail("program departure_day must be at least 1")
	}
	day := func(n int, owner string) {
		if n < 0 || n > lastDay {
			fail("%s: day %d is outside the program (0 to %d)", owner, n, lastDay)
		}
	}
	windows := func(ws []windowData, owner string) {
		if len(ws) == 0 {
			fail("%s has no availability window", owner)
		}
		for _, w := range ws {
			day(w.Day, owner)
			if w.To <= w.From {
				fail("%s: a window ends before it starts", owner)
			}
		}
	}
	ref(places, d.Program.Hotel, "place", "program hotel", false)
	for _, o := range d.Organizations {
		ref(places, o.Place, "place", "organization "+o.Key, true)
	}
	contactOrg := map[string]string{}
	for _, c := range d.Contacts {
		ref(orgs, c.Organization, "organization", "contact "+c.Key, false)
		contactOrg[c.Key] = c.Organization
	}
	for _, m := range d.Meetings {
		owner := "meeting " + m.Key
		ref(orgs, m.Host, "organization", owner, false)
		ref(contacts, m.Contact, "contact", owner, true)
		if m.Contact != "" && contactOrg[m.Contact] != m.Host {
			fail("%s: contact %q does not work at the host organization", owner, m.Contact)
		}
		for _, p := range m.Partners {
			ref(orgs, p, "organization", owner, false)
		}
		ref(places, m.Place, "place", owner, false)
		windows(m.Windows, owner)
	}
	for _, a := range d.Activities {
		ref(places, a.Place, "place", "activity "+a.Key, false)
		windows(a.Windows, "activity "+a.Key)
	}
	seenDay := map[int]bool{}
	for _, dd := range d.Days {
		day(dd.Day, "days")
		if seenDay[dd.Day] {
			fail("days: day %d is listed twice", dd.Day)
		}
		seenDay[dd.Day] = true
	}
	for i, it := range d.Itinerary.Items {
		owner := fmt.Sprintf("itinerary item %d", i+1)
		day(it.Day, owner)
		switch {
		case (it.Meeting == "") == (it.Activity == ""):
			fail("%s: name exactly one of meeting and activity", owner)
		case it.Meeting != "":
			ref(meetings, it.Meeting, "meeting", owner, false)
		default:
			ref(activities, it.Activity, "activity", owner, false)
		}
	}
	day(d.Hospitality.Day, "hospitality")
	for _, pairs := range [][][2]string{d.Hospitality.Together, d.Hospitality.Apart} {
		for _, p := range pairs {
			ref(visitors, p[0], "visitor", "hospitality pair", false)
			ref(visitors, p[1], "visitor", "hospitality pair", false)
		}
	}
	return errors.Join(errs...)
}
