// Package calendar turns a program's itinerary into iCalendar: the
// subscription feed of each person (the whole program for staff, the items
// a visitor attends or an interpreter interprets at, the hosted meetings
// for a resource contact)
// with stable UIDs and SEQUENCE, so subscribed calendars update in place.
// It does no I/O; Load reads what it needs through the service interfaces.
package calendar

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"itinera"
	"itinera/internal/ical"
)

// Input is what calendars are made from.
type Input struct {
	Tenant    itinera.Tenant
	Program   itinera.Program
	Itinerary *itinera.Itinerary // nil: nothing scheduled yet
	// Released is the newest released version, which the visitors' and
	// interpreters' calendars show; nil until the first release, when
	// they show Itinerary.
	Released     *itinera.Itinerary
	Meetings     []itinera.Meeting
	Activities   []itinera.Activity
	Places       []itinera.Place
	Visitors     []itinera.Visitor
	Interpreters []itinera.Interpreter
}

// UID is the stable iCalendar UID of an item: the same meeting or activity
// keeps it across itinerary versions, feeds and invitations.
func UID(tenantSlug string, x itinera.ItineraryItem) string {
	if x.MeetingID != 0 {
		return fmt.Sprintf("meeting-%d@%s.itinera", x.MeetingID, tenantSlug)
	}
	return fmt.Sprintf("activity-%d@%s.itinera", x.ActivityID, tenantSlug)
}

// Refresh is how often subscribed calendars should check for changes.
const Refresh = time.Hour

// Feed returns the iCalendar feed f gives access to.
func Feed(in Input, f itinera.Feed) ([]byte, error) {
	name, err := feedName(in, f)
	if err != nil {
		return nil, err
	}
	cal := ical.Feed{Name: name, Refresh: Refresh, Loc: in.Program.Location(),
		Description: fmt.Sprintf("%s, %s, %s to %s. Times are local (%s).", in.Program.Title, in.Program.City,
			in.Program.StartDate, in.Program.EndDate, in.Program.TimeZone)}
	cal.Events = Events(in, f)
	return cal.Bytes()
}

// feedName names the calendar after the program and the person.
func feedName(in Input, f itinera.Feed) (string, error) {
	base := in.Program.Title + " (" + in.Program.City + ")"
	switch f.Kind {
	case itinera.FeedProgram:
		return base, nil
	case itinera.FeedVisitor:
		for _, v := range in.Visitors {
			if v.ID == f.SubjectID {
				return base + " – " + v.Name(), nil
			}
		}
	case itinera.FeedInterpreter:
		for _, i := range in.Interpreters {
			if i.ID == f.SubjectID {
				return base + " – " + i.Name, nil
			}
		}
	case itinera.FeedContact:
		return base + " – your meetings", nil
	}
	return "", itinera.Errorf(itinera.ENOTFOUND, "This calendar's person is no longer part of the program.")
}

// Events lists the items that the feed's person attends, as calendar
// events: of the released version for a visitor, interpreter or resource,
// once there is one, else of the current itinerary (staff's program feed:
// always the current one).
func Events(in Input, f itinera.Feed) []ical.Event {
	it := in.Itinerary
	if in.Released != nil && f.Kind != itinera.FeedProgram {
		it = in.Released
	}
	if it == nil {
		return nil
	}
	meetings := map[int64]itinera.Meeting{}
	for _, m := range in.Meetings {
		meetings[m.ID] = m
	}
	activities := map[int64]itinera.Activity{}
	for _, a := range in.Activities {
		activities[a.ID] = a
	}
	places := map[int64]itinera.Place{}
	for _, p := range in.Places {
		places[p.ID] = p
	}
	var out []ical.Event
	for _, x := range it.Items {
		m, isMeeting := meetings[x.MeetingID]
		a, isActivity := activities[x.ActivityID]
		if !isMeeting && !isActivity {
			continue
		}
		if !inFeed(f, x) || f.Kind == itinera.FeedContact && (!isMeeting || m.ContactID != f.SubjectID) {
			continue
		}
		ev := ical.Event{UID: UID(in.Tenant.Slug, x), Sequence: x.Sequence, Stamp: it.CreatedAt,
			Modified: it.CreatedAt, Start: x.Start, End: x.End, Summary: x.Title, Status: ical.StatusTentative}
		if p, ok := places[x.PlaceID]; ok {
			ev.Location, ev.Address = p.Name, p.Address
			ev.Geo = &ical.Geo{Lat: p.Lat, Lon: p.Lon}
		}
		if isMeeting {
			if m.Status == itinera.MeetingConfirmed {
				ev.Status = ical.StatusConfirmed
			}
			ev.Description = meetingAgenda(in, m, it)
			ev.Categories = []string{"Professional meeting"}
		} else {
			if a.Status == itinera.ActivityConfirmed {
				ev.Status = ical.StatusConfirmed
			}
			ev.Description = strings.TrimSpace(a.Notes)
			ev.Categories = []string{activityCategory(a.Kind)}
		}
		if with := With(in, x); with != "" && f.Kind != itinera.FeedContact {
			ev.Description = strings.TrimSpace(ev.Description + "\n" + with)
		}
		out = append(out, ev)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// inFeed reports whether the feed's person goes to the item: a visitor
// only to what they attend, an interpreter only where they interpret
// (issue 15: a split day's items are for part of the delegation). An item
// a person no longer goes to leaves their feed as a dropped item does;
// their release message cancels it (internal/app/release.go).
func inFeed(f itinera.Feed, x itinera.ItineraryItem) bool {
	switch f.Kind {
	case itinera.FeedVisitor:
		return x.Attends(f.SubjectID)
	case itinera.FeedInterpreter:
		return x.Interprets(f.SubjectID)
	}
	return true
}

// With says who goes to an item for part of the delegation: "With: Amina
// Yusuf, Priya Nair; interpreter: Ana Beltrán"; "" for the whole
// delegation. Staff, visitors and interpreters read it; never a resource.
func With(in Input, x itinera.ItineraryItem) string {
	if x.Whole() {
		return ""
	}
	var who, interp []string
	for _, v := range in.Visitors {
		if x.Attends(v.ID) {
			who = append(who, v.Name())
		}
	}
	for _, i := range in.Interpreters {
		if x.Interprets(i.ID) {
			interp = append(interp, i.Name)
		}
	}
	s := "With: " + strings.Join(who, ", ")
	switch len(interp) {
	case 0:
		s += "; no interpreter"
	case 1:
		s += "; interpreter: " + interp[0]
	default:
		s += "; interpreters: " + strings.Join(interp, ", ")
	}
	return s
}

// MeetingAgenda describes a meeting for a calendar entry: who hosts it,
// who joins, what it is about and who of the delegation comes (on a split
// day, its group). It never lists visitors' names or contact data.
func MeetingAgenda(in Input, m itinera.Meeting) string { return meetingAgenda(in, m, in.Itinerary) }

// meetingAgenda is MeetingAgenda with the meeting's group as it stands in
// the version it shows.
func meetingAgenda(in Input, m itinera.Meeting, it *itinera.Itinerary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Host: %s", m.HostOrganizationName)
	if m.ContactName != "" {
		fmt.Fprintf(&b, " (%s)", m.ContactName)
	}
	b.WriteString("\n")
	if len(m.PartnerOrganizations) > 0 {
		fmt.Fprintf(&b, "Partners invited: %s\n", strings.Join(m.PartnerOrganizations, ", "))
	}
	if len(m.Topics) > 0 {
		fmt.Fprintf(&b, "Topics: %s\n", strings.Join(m.Topics, ", "))
	}
	vs, is, _ := itinera.Coming(m, it, in.Visitors, in.Interpreters) // its group on a split day
	if d := itinera.NewDelegationProfile(vs, is); d.Visitors > 0 {
		fmt.Fprintf(&b, "Delegation: %s\n", d.Who())
	}
	fmt.Fprintf(&b, "Program: %s", in.Program.Title)
	if in.Program.ProjectType != "" {
		fmt.Fprintf(&b, " (%s)", in.Program.ProjectType)
	}
	return b.String()
}

func activityCategory(k itinera.ActivityKind) string {
	switch k {
	case itinera.ActivityCultural:
		return "Cultural visit"
	case itinera.ActivityHospitality:
		return "Home hospitality"
	case itinera.ActivityMeal:
		return "Meal"
	case itinera.ActivityTravel:
		return "Travel"
	}
	return "Free time"
}
