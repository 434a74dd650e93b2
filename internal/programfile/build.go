package programfile

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"itinera"
)

// Records is a program with everything a file carries, as domain records.
// Given to Build, ids are the store's; returned by File.Records, they are
// the file's own, and the importer gives each record a new one.
type Records struct {
	Program       itinera.Program
	Days          []itinera.Day
	Places        []itinera.Place
	Organizations []itinera.Organization
	Contacts      []itinera.Contact
	Visitors      []itinera.Visitor
	Interpreters  []itinera.Interpreter
	Meetings      []itinera.Meeting
	Activities    []itinera.Activity
	Itineraries   []itinera.Itinerary
	Requests      []itinera.Request
	Households    []itinera.HostHousehold
	Evenings      []itinera.HospitalityEvening
	// Hours are the volunteer hours of the evenings, by EveningID.
	Hours []itinera.VolunteerHours
	Pairs []itinera.HospitalityPair
	// Overrides are the officer's travel times for legs of the program.
	Overrides []itinera.TravelOverride
}

// numbering gives the records of one list the file's ids: 1, 2, … in the
// order of their database ids, so that a program exported, imported and
// exported again gives the same file.
type numbering struct {
	what string
	ids  map[int64]int64
}

func number[T any](what string, xs []T, id func(T) int64) ([]T, numbering) {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	n := numbering{what: what, ids: map[int64]int64{}}
	for i, x := range out {
		n.ids[id(x)] = int64(i + 1)
	}
	return out, n
}

// ref returns the file id of the record with database id (0 stays 0). A
// reference to a record that is not in the file is the exporter's
// mistake, not the user's.
func (n numbering) ref(id int64) (int64, error) {
	if id == 0 {
		return 0, nil
	}
	if x, ok := n.ids[id]; ok {
		return x, nil
	}
	return 0, fmt.Errorf("programfile: %s %d is referred to but not in the file", n.what, id)
}

// refs maps a list of references; a missing one is an error.
func (n numbering) refs(ids []int64) ([]int64, error) {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		x, err := n.ref(id)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// builder collects the first wrong reference while the file is built.
type builder struct{ err error }

func (b *builder) ref(n numbering, id int64) int64 {
	x, err := n.ref(id)
	if err != nil && b.err == nil {
		b.err = err
	}
	return x
}

// orNil is ids, or nil when empty: a list the file leaves out.
func orNil(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func (b *builder) refs(n numbering, ids []int64) []int64 {
	x, err := n.refs(ids)
	if err != nil && b.err == nil {
		b.err = err
	}
	if x == nil {
		x = []int64{}
	}
	return x
}

// Build writes the file of a program's records, every reference in them
// being to a record of recs. Lists come in the order of the records'
// database ids.
func Build(recs Records, exportedAt time.Time) (File, error) {
	var b builder
	places, placeN := number("place", recs.Places, func(x itinera.Place) int64 { return x.ID })
	orgs, orgN := number("organization", recs.Organizations, func(x itinera.Organization) int64 { return x.ID })
	contacts, contactN := number("contact", recs.Contacts, func(x itinera.Contact) int64 { return x.ID })
	visitors, visitorN := number("visitor", recs.Visitors, func(x itinera.Visitor) int64 { return x.ID })
	interps, interpN := number("interpreter", recs.Interpreters, func(x itinera.Interpreter) int64 { return x.ID })
	meetings, meetingN := number("meeting", recs.Meetings, func(x itinera.Meeting) int64 { return x.ID })
	acts, actN := number("activity", recs.Activities, func(x itinera.Activity) int64 { return x.ID })
	reqs, _ := number("request", recs.Requests, func(x itinera.Request) int64 { return x.ID })
	homes, homeN := number("household", recs.Households, func(x itinera.HostHousehold) int64 { return x.ID })
	evenings, eveningN := number("evening", recs.Evenings, func(x itinera.HospitalityEvening) int64 { return x.ID })

	p := recs.Program
	lang := p.Language
	if lang == itinera.DefaultLanguage {
		lang = "" // the default, left out
	}
	f := File{Format: Format, Version: Version, ExportedAt: exportedAt.UTC(),
		Program: Program{Title: p.Title, ProjectType: p.ProjectType, Description: p.Description, Objectives: list(p.Objectives),
			City: p.City, TimeZone: p.TimeZone, Language: lang, StartDate: p.StartDate.String(), EndDate: p.EndDate.String(),
			HotelPlaceID: b.ref(placeN, p.HotelPlaceID), Status: string(p.Status)},
		Days: []Day{}, Places: []Place{}, Organizations: []Organization{}, Contacts: []Contact{}, Visitors: []Visitor{},
		Interpreters: []Interpreter{}, Meetings: []Meeting{}, Activities: []Activity{}, Itineraries: []Itinerary{},
		Requests: []Request{}, Households: []Household{}, Evenings: []Evening{}, Pairs: []Pair{}}
	if p.SplitLunch != itinera.LunchTogether {
		f.Program.SplitLunch = string(p.SplitLunch)
	}
	if cost := p.SplitCost; cost != itinera.DefaultSplitCost {
		f.Program.SplitCost = &cost
	}
	days := slices.Clone(recs.Days)
	slices.SortFunc(days, func(a, b itinera.Day) int { return a.Date.Compare(b.Date) })
	for _, d := range days {
		f.Days = append(f.Days, Day{Date: d.Date.String(), Start: d.Start.String(), End: d.End.String(),
			LunchFrom: d.LunchFrom.String(), LunchTo: d.LunchTo.String(), LunchMinutes: d.LunchMinutes,
			MaxMeetings: d.MaxMeetings, Note: d.Note, TravelMode: string(d.TravelMode), Together: fileParts(d.Together)})
	}
	for _, x := range places {
		f.Places = append(f.Places, Place{ID: placeN.ids[x.ID], Name: x.Name, Kind: string(x.Kind), Address: x.Address,
			Lat: x.Lat, Lon: x.Lon, Notes: x.Notes, CoordinatesSource: sourceOf(x.Source)})
	}
	for _, x := range orgs {
		f.Organizations = append(f.Organizations, Organization{ID: orgN.ids[x.ID], Name: x.Name, Kind: string(x.Kind),
			Description: x.Description, Website: x.Website, Email: x.Email, Phone: x.Phone,
			PlaceID: b.ref(placeN, x.PlaceID), Topics: list(x.Topics)})
	}
	for _, x := range contacts {
		f.Contacts = append(f.Contacts, Contact{ID: contactN.ids[x.ID], OrganizationID: b.ref(orgN, x.OrganizationID),
			Name: x.Name, Title: x.Title, Email: x.Email, Phone: x.Phone, Notes: x.Notes})
	}
	for _, x := range visitors {
		f.Visitors = append(f.Visitors, Visitor{ID: visitorN.ids[x.ID], GivenName: x.GivenName, FamilyName: x.FamilyName,
			Country: x.Country, Position: x.Position, Organization: x.Organization, Sector: x.Sector, Email: x.Email,
			Languages: list(x.Languages), Diets: list(x.Diets), Allergies: list(x.Allergies), AccessNeeds: x.AccessNeeds,
			Interests: list(x.Interests), Fictional: x.Fictional})
	}
	for _, x := range interps {
		f.Interpreters = append(f.Interpreters, Interpreter{ID: interpN.ids[x.ID], Name: x.Name, Email: x.Email, Phone: x.Phone,
			Languages: list(x.Languages)})
	}
	for _, x := range meetings {
		f.Meetings = append(f.Meetings, Meeting{ID: meetingN.ids[x.ID], Title: x.Title,
			HostOrganizationID: b.ref(orgN, x.HostOrganizationID), ContactID: b.ref(contactN, x.ContactID),
			PartnerOrganizationIDs: b.refs(orgN, x.PartnerOrganizationIDs), PlaceID: b.ref(placeN, x.PlaceID),
			Topics: list(x.Topics), DurationMinutes: x.DurationMinutes, Audience: x.Audience, Questions: x.Questions, Priority: x.Priority,
			Mandatory: x.Mandatory, Status: string(x.Status), Windows: windows(x.Windows), Notes: x.Notes,
			MinVisitors: x.MinVisitors, MaxVisitors: x.MaxVisitors})
		if len(x.Languages) > 0 {
			f.Meetings[len(f.Meetings)-1].Languages = x.Languages
		}
		if x.For != itinera.ForEveryone {
			f.Meetings[len(f.Meetings)-1].Attendance = string(x.For)
		}
		if len(x.VisitorIDs) > 0 {
			f.Meetings[len(f.Meetings)-1].VisitorIDs = b.refs(visitorN, x.VisitorIDs)
		}
	}
	for _, x := range acts {
		f.Activities = append(f.Activities, Activity{ID: actN.ids[x.ID], Title: x.Title, Kind: string(x.Kind),
			PlaceID: b.ref(placeN, x.PlaceID), Topics: list(x.Topics), DurationMinutes: x.DurationMinutes,
			Priority: x.Priority, Mandatory: x.Mandatory, Status: string(x.Status), Windows: windows(x.Windows), Notes: x.Notes})
	}
	its := slices.Clone(recs.Itineraries)
	slices.SortFunc(its, func(a, b itinera.Itinerary) int { return cmp.Compare(a.Version, b.Version) })
	for _, it := range its {
		v := Itinerary{Version: it.Version, CreatedAt: it.CreatedAt.UTC(), Note: it.Note, Items: []Item{}}
		for _, x := range it.Items {
			v.Items = append(v.Items, Item{MeetingID: b.ref(meetingN, x.MeetingID), ActivityID: b.ref(actN, x.ActivityID),
				Start: x.Start.UTC(), End: x.End.UTC(), TravelMinutes: x.TravelMinutes, Pinned: x.Pinned, Sequence: x.Sequence,
				VisitorIDs: orNil(b.refs(visitorN, x.VisitorIDs)), InterpreterIDs: orNil(b.refs(interpN, x.InterpreterIDs))})
		}
		f.Itineraries = append(f.Itineraries, v)
	}
	for i, x := range reqs {
		r := Request{ID: int64(i + 1), MeetingID: b.ref(meetingN, x.MeetingID), ContactID: b.ref(contactN, x.ContactID),
			Status: string(x.Status), Windows: windows(x.Windows), Message: x.Message, CreatedAt: x.CreatedAt.UTC(),
			SentAt: optTime(x.SentAt), ViewedAt: optTime(x.ViewedAt), ExpiresAt: optTime(x.ExpiresAt), Events: []Event{}}
		if x.IsConfirmed() {
			w := window(x.Confirmed)
			r.Confirmed = &w
		}
		if a := x.Answer; a != nil {
			r.Answer = &Answer{Kind: string(a.Kind), Available: windows(a.Available), Proposed: windows(a.Proposed),
				Reason: a.Reason, Colleague: Colleague(a.Colleague), Partners: list(a.Partners), Comment: a.Comment, At: a.At.UTC()}
			if a.Kind == itinera.AnswerAccept {
				w := window(a.Slot)
				r.Answer.Slot = &w
			}
		}
		for _, e := range x.Events {
			r.Events = append(r.Events, Event{At: e.At.UTC(), Kind: e.Kind, Detail: e.Detail})
		}
		f.Requests = append(f.Requests, r)
	}
	for _, x := range homes {
		h := Household{ID: homeN.ids[x.ID], Name: x.Name, Address: x.Address, Lat: x.Lat, Lon: x.Lon,
			ContactName: x.ContactName, Email: x.Email, Phone: x.Phone, Languages: list(x.Languages), CanServe: list(x.CanServe),
			Pets: list(x.Pets), Interests: list(x.Interests), Smoking: x.Smoking, Stairs: x.Stairs, Capacity: x.Capacity,
			Availability: x.Availability, FreeDates: []string{}, FreeWeekdays: []string{}, Note: x.Note, Status: string(x.Status)}
		for _, d := range x.FreeDates {
			h.FreeDates = append(h.FreeDates, d.String())
		}
		for _, d := range x.FreeWeekdays {
			h.FreeWeekdays = append(h.FreeWeekdays, d.String())
		}
		f.Households = append(f.Households, h)
	}
	for _, x := range evenings {
		e := Evening{ID: eveningN.ids[x.ID], Start: x.Start.UTC(), End: x.End.UTC(), Status: string(x.Status),
			MinGroup: x.MinGroup, Note: x.Note, VisitorIDs: sorted(b.refs(visitorN, x.VisitorIDs)),
			InterpreterIDs: sorted(b.refs(interpN, x.InterpreterIDs)), Invitations: []Invitation{}, Guests: []Guest{},
			Unplaced: []Unplaced{}, ConfirmedAt: optTime(x.ConfirmedAt), ActivityID: b.ref(actN, x.ActivityID),
			VolunteerHours: []VolunteerTime{}}
		for _, in := range x.Invitations {
			e.Invitations = append(e.Invitations, Invitation{HouseholdID: b.ref(homeN, in.HouseholdID), Status: string(in.Status),
				InvitedAt: in.InvitedAt.UTC(), Answer: string(in.Answer), AnswerNote: in.AnswerNote, AnsweredAt: optTime(in.AnsweredAt)})
		}
		slices.SortFunc(e.Invitations, func(a, b Invitation) int { return cmp.Compare(a.HouseholdID, b.HouseholdID) })
		for _, g := range x.Guests {
			e.Guests = append(e.Guests, Guest{HouseholdID: b.ref(homeN, g.HouseholdID), VisitorID: b.ref(visitorN, g.VisitorID),
				InterpreterID: b.ref(interpN, g.InterpreterID), Locked: g.Locked})
		}
		slices.SortFunc(e.Guests, func(a, b Guest) int {
			return cmp.Or(cmp.Compare(a.HouseholdID, b.HouseholdID), cmp.Compare(a.VisitorID, b.VisitorID),
				cmp.Compare(a.InterpreterID, b.InterpreterID))
		})
		for _, u := range x.Unplaced {
			e.Unplaced = append(e.Unplaced, Unplaced{VisitorID: b.ref(visitorN, u.VisitorID), Reason: u.Reason})
		}
		slices.SortFunc(e.Unplaced, func(a, b Unplaced) int { return cmp.Compare(a.VisitorID, b.VisitorID) })
		for _, h := range recs.Hours {
			if h.EveningID == x.ID {
				e.VolunteerHours = append(e.VolunteerHours, VolunteerTime{HouseholdID: b.ref(homeN, h.HouseholdID),
					Minutes: h.Minutes, RecordedAt: h.RecordedAt.UTC()})
			}
		}
		slices.SortFunc(e.VolunteerHours, func(a, b VolunteerTime) int { return cmp.Compare(a.HouseholdID, b.HouseholdID) })
		f.Evenings = append(f.Evenings, e)
	}
	pairs := slices.Clone(recs.Pairs)
	slices.SortFunc(pairs, func(a, b itinera.HospitalityPair) int { return cmp.Compare(a.ID, b.ID) })
	for _, x := range pairs {
		f.Pairs = append(f.Pairs, Pair{VisitorA: b.ref(visitorN, x.VisitorA), VisitorB: b.ref(visitorN, x.VisitorB),
			Kind: string(x.Kind), EveningID: b.ref(eveningN, x.EveningID)})
	}
	legs := slices.Clone(recs.Overrides)
	slices.SortFunc(legs, func(a, b itinera.TravelOverride) int {
		return cmp.Or(cmp.Compare(placeN.ids[a.From], placeN.ids[b.From]), cmp.Compare(placeN.ids[a.To], placeN.ids[b.To]))
	})
	for _, x := range legs {
		f.TravelTimes = append(f.TravelTimes, TravelTime{FromPlaceID: b.ref(placeN, x.From), ToPlaceID: b.ref(placeN, x.To),
			Minutes: x.Minutes, Note: x.Note})
	}
	return f, b.err
}

func list(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return slices.Clone(xs)
}

func sorted(ids []int64) []int64 {
	slices.Sort(ids)
	return ids
}

func window(w itinera.Window) Window { return Window{Start: w.Start.UTC(), End: w.End.UTC()} }

func windows(ws []itinera.Window) []Window {
	out := make([]Window, 0, len(ws))
	for _, w := range ws {
		out = append(out, window(w))
	}
	return out
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// sourceOf is a place's coordinates source as the file writes it: left
// out when typed, the default.
func sourceOf(s itinera.CoordinatesSource) string {
	if s == itinera.FromTyped {
		return ""
	}
	return string(s)
}

// fileParts writes a day's parts together; nil when none.
func fileParts(ps []itinera.DayPart) []DayPart {
	var out []DayPart
	for _, p := range ps {
		out = append(out, DayPart{From: p.From.String(), To: p.To.String(), Label: p.Label})
	}
	return out
}
