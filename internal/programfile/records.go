package programfile

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"itinera"
)

// Records returns the file's records as domain records whose ids, and
// references, are the file's own. It fails on a file Decode would refuse.
func (f *File) Records() (Records, error) {
	c := &checker{}
	recs := f.records(c)
	return recs, c.err()
}

// records converts the file's records, noting what cannot be read (dates,
// clock times, weekdays) in c.
func (f *File) records(c *checker) Records {
	var recs Records
	p := f.Program
	recs.Program = itinera.Program{Title: p.Title, ProjectType: p.ProjectType, Description: p.Description,
		Objectives: list(p.Objectives), City: p.City, TimeZone: p.TimeZone, Language: p.Language, HotelPlaceID: p.HotelPlaceID,
		Status: itinera.ProgramStatus(p.Status), SplitLunch: itinera.SplitLunch(p.SplitLunch), SplitCost: itinera.DefaultSplitCost}
	if p.SplitCost != nil {
		recs.Program.SplitCost = *p.SplitCost
	}
	recs.Program.StartDate = c.date("the program", "start_date", p.StartDate)
	recs.Program.EndDate = c.date("the program", "end_date", p.EndDate)
	for i, d := range f.Days {
		where := fmt.Sprintf("day %d", i+1)
		if d.Date != "" {
			where = "day " + d.Date
		}
		recs.Days = append(recs.Days, itinera.Day{Date: c.date(where, "date", d.Date),
			Start: c.clock(where, "start", d.Start), End: c.clock(where, "end", d.End),
			LunchFrom: c.clock(where, "lunch_from", d.LunchFrom), LunchTo: c.clock(where, "lunch_to", d.LunchTo),
			LunchMinutes: d.LunchMinutes, MaxMeetings: d.MaxMeetings, Note: d.Note, TravelMode: itinera.TravelMode(d.TravelMode)})
		for j, x := range d.Together {
			part := fmt.Sprintf("together, part %d", j+1)
			last := &recs.Days[len(recs.Days)-1]
			last.Together = append(last.Together, itinera.DayPart{From: c.clock(where, part+" from", x.From),
				To: c.clock(where, part+" to", x.To), Label: x.Label})
		}
	}
	for _, x := range f.Places {
		recs.Places = append(recs.Places, itinera.Place{ID: x.ID, Name: x.Name, Kind: itinera.PlaceKind(x.Kind),
			Address: x.Address, Lat: x.Lat, Lon: x.Lon, Notes: x.Notes, Source: itinera.CoordinatesSource(x.CoordinatesSource)})
	}
	for _, x := range f.Organizations {
		recs.Organizations = append(recs.Organizations, itinera.Organization{ID: x.ID, Name: x.Name,
			Kind: itinera.OrganizationKind(x.Kind), Description: x.Description, Website: x.Website, Email: x.Email,
			Phone: x.Phone, PlaceID: x.PlaceID, Topics: list(x.Topics)})
	}
	for _, x := range f.Contacts {
		recs.Contacts = append(recs.Contacts, itinera.Contact{ID: x.ID, OrganizationID: x.OrganizationID, Name: x.Name,
			Title: x.Title, Email: x.Email, Phone: x.Phone, Notes: x.Notes})
	}
	for _, x := range f.Visitors {
		recs.Visitors = append(recs.Visitors, itinera.Visitor{ID: x.ID, GivenName: x.GivenName, FamilyName: x.FamilyName,
			Country: x.Country, Position: x.Position, Organization: x.Organization, Sector: x.Sector, Email: x.Email,
			Languages: list(x.Languages), Diets: list(x.Diets), Allergies: list(x.Allergies), AccessNeeds: x.AccessNeeds,
			Interests: list(x.Interests), Fictional: x.Fictional})
	}
	for _, x := range f.Interpreters {
		recs.Interpreters = append(recs.Interpreters, itinera.Interpreter{ID: x.ID, Name: x.Name, Email: x.Email,
			Phone: x.Phone, Languages: list(x.Languages)})
	}
	for _, x := range f.Meetings {
		recs.Meetings = append(recs.Meetings, itinera.Meeting{ID: x.ID, Title: x.Title,
			HostOrganizationID: x.HostOrganizationID, ContactID: x.ContactID,
			PartnerOrganizationIDs: append([]int64{}, x.PartnerOrganizationIDs...), PlaceID: x.PlaceID,
			Topics: list(x.Topics), DurationMinutes: x.DurationMinutes, Audience: x.Audience, Questions: x.Questions, Priority: x.Priority,
			Mandatory: x.Mandatory, Status: itinera.MeetingStatus(x.Status), Windows: domainWindows(x.Windows), Notes: x.Notes,
			Attendance: itinera.Attendance{For: itinera.AttendanceKind(x.Attendance), MinVisitors: x.MinVisitors, MaxVisitors: x.MaxVisitors,
				VisitorIDs: append([]int64{}, x.VisitorIDs...)},
			Languages: list(x.Languages)})
	}
	for _, x := range f.Activities {
		recs.Activities = append(recs.Activities, itinera.Activity{ID: x.ID, Title: x.Title, Kind: itinera.ActivityKind(x.Kind),
			PlaceID: x.PlaceID, Topics: list(x.Topics), DurationMinutes: x.DurationMinutes, Priority: x.Priority,
			Mandatory: x.Mandatory, Status: itinera.ActivityStatus(x.Status), Windows: domainWindows(x.Windows), Notes: x.Notes})
	}
	for _, x := range f.Itineraries {
		it := itinera.Itinerary{Version: x.Version, CreatedAt: x.CreatedAt, Note: x.Note, Items: []itinera.ItineraryItem{}}
		for _, y := range x.Items {
			it.Items = append(it.Items, itinera.ItineraryItem{MeetingID: y.MeetingID, ActivityID: y.ActivityID,
				Start: y.Start, End: y.End, TravelMinutes: y.TravelMinutes, Pinned: y.Pinned, Sequence: y.Sequence,
				VisitorIDs: slices.Clone(y.VisitorIDs), InterpreterIDs: slices.Clone(y.InterpreterIDs)})
		}
		recs.Itineraries = append(recs.Itineraries, it)
	}
	for _, x := range f.Requests {
		r := itinera.Request{ID: x.ID, MeetingID: x.MeetingID, ContactID: x.ContactID, Status: itinera.RequestStatus(x.Status),
			Windows: domainWindows(x.Windows), Message: x.Message, CreatedAt: x.CreatedAt, SentAt: timeOf(x.SentAt),
			ViewedAt: timeOf(x.ViewedAt), ExpiresAt: timeOf(x.ExpiresAt), Events: []itinera.RequestEvent{}}
		if x.Confirmed != nil {
			r.Confirmed = itinera.Window{Start: x.Confirmed.Start, End: x.Confirmed.End}
		}
		if a := x.Answer; a != nil {
			r.Answer = &itinera.RequestAnswer{Kind: itinera.AnswerKind(a.Kind), Available: domainWindows(a.Available),
				Proposed: domainWindows(a.Proposed), Reason: a.Reason, Colleague: itinera.Colleague(a.Colleague),
				Partners: list(a.Partners), Comment: a.Comment, At: a.At}
			if a.Slot != nil {
				r.Answer.Slot = itinera.Window{Start: a.Slot.Start, End: a.Slot.End}
			}
		}
		for _, e := range x.Events {
			r.Events = append(r.Events, itinera.RequestEvent{At: e.At, Kind: e.Kind, Detail: e.Detail})
		}
		recs.Requests = append(recs.Requests, r)
	}
	for _, x := range f.Households {
		where := fmt.Sprintf("household %d", x.ID)
		h := itinera.HostHousehold{ID: x.ID, Name: x.Name, Address: x.Address, Lat: x.Lat, Lon: x.Lon,
			ContactName: x.ContactName, Email: x.Email, Phone: x.Phone, Languages: list(x.Languages),
			CanServe: list(x.CanServe), Pets: list(x.Pets), Interests: list(x.Interests), Smoking: x.Smoking,
			Stairs: x.Stairs, Capacity: x.Capacity, Availability: x.Availability, Note: x.Note,
			Status: itinera.HouseholdStatus(x.Status)}
		for _, d := range x.FreeDates {
			h.FreeDates = append(h.FreeDates, c.date(where, "free_dates", d))
		}
		for _, d := range x.FreeWeekdays {
			h.FreeWeekdays = append(h.FreeWeekdays, c.weekday(where, d))
		}
		recs.Households = append(recs.Households, h)
	}
	for _, x := range f.Evenings {
		e := itinera.HospitalityEvening{ID: x.ID, Start: x.Start, End: x.End, Status: itinera.EveningStatus(x.Status),
			MinGroup: x.MinGroup, Note: x.Note, VisitorIDs: append([]int64{}, x.VisitorIDs...),
			InterpreterIDs: append([]int64{}, x.InterpreterIDs...), ConfirmedAt: timeOf(x.ConfirmedAt), ActivityID: x.ActivityID,
			Invitations: []itinera.HospitalityInvitation{}, Guests: []itinera.HospitalityGuest{}, Unplaced: []itinera.HospitalityUnplaced{}}
		for _, in := range x.Invitations {
			e.Invitations = append(e.Invitations, itinera.HospitalityInvitation{HouseholdID: in.HouseholdID,
				Status: itinera.InvitationStatus(in.Status), InvitedAt: in.InvitedAt, Answer: itinera.InvitationAnswer(in.Answer),
				AnswerNote: in.AnswerNote, AnsweredAt: timeOf(in.AnsweredAt)})
		}
		for _, g := range x.Guests {
			e.Guests = append(e.Guests, itinera.HospitalityGuest{HouseholdID: g.HouseholdID, VisitorID: g.VisitorID,
				InterpreterID: g.InterpreterID, Locked: g.Locked})
		}
		for _, u := range x.Unplaced {
			e.Unplaced = append(e.Unplaced, itinera.HospitalityUnplaced{VisitorID: u.VisitorID, Reason: u.Reason})
		}
		for _, h := range x.VolunteerHours {
			recs.Hours = append(recs.Hours, itinera.VolunteerHours{HouseholdID: h.HouseholdID, EveningID: x.ID,
				Minutes: h.Minutes, RecordedAt: h.RecordedAt})
		}
		recs.Evenings = append(recs.Evenings, e)
	}
	for _, x := range f.Pairs {
		recs.Pairs = append(recs.Pairs, itinera.HospitalityPair{VisitorA: x.VisitorA, VisitorB: x.VisitorB,
			Kind: itinera.PairKind(x.Kind), EveningID: x.EveningID})
	}
	for _, x := range f.TravelTimes {
		recs.Overrides = append(recs.Overrides, itinera.TravelOverride{From: x.FromPlaceID, To: x.ToPlaceID,
			Minutes: x.Minutes, Note: x.Note})
	}
	return recs
}

func domainWindows(ws []Window) []itinera.Window {
	out := make([]itinera.Window, 0, len(ws))
	for _, w := range ws {
		out = append(out, itinera.Window{Start: w.Start, End: w.End})
	}
	return out
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// Problems collects what is wrong with a file (here) or a project
// package (internal/projectfile), each problem naming the part and field
// in the words of the format's documentation.
type Problems struct{ problems []string }

// checker is the program file's collector.
type checker = Problems

// maxProblems bounds the problems a message lists.
const maxProblems = 10

// Add adds a problem of the part where.
func (c *Problems) Add(where, format string, args ...any) {
	c.problems = append(c.problems, where+": "+fmt.Sprintf(format, args...))
}

// AddErr adds the field messages of a record's validation error.
func (c *Problems) AddErr(where string, err error) {
	if err == nil {
		return
	}
	fields := itinera.ErrorFields(err)
	if len(fields) == 0 {
		c.Add(where, "%s", strings.TrimSuffix(itinera.ErrorMessage(err), "."))
		return
	}
	for _, k := range sortedKeys(fields) {
		c.Add(where, "%s: %s", k, strings.TrimSuffix(fields[k], "."))
	}
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

func (c *checker) clock(where, field, s string) itinera.Clock {
	k, err := itinera.ParseClock(s)
	if err != nil {
		c.Add(where, "%s %q is not a time of day in the form HH:MM", field, s)
	}
	return k
}

func (c *checker) weekday(where, s string) time.Weekday {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(s, d.String()) {
			return d
		}
	}
	c.Add(where, "free_weekdays: %q is not a day of the week such as Sunday", s)
	return -1
}

// err is the EINVALID error listing the problems, or nil.
func (c *checker) err() error {
	n, list := c.Listed()
	switch n {
	case 0:
		return nil
	case 1:
		return itinera.Errorf(itinera.EINVALID, "The program file cannot be imported: %s.", list)
	}
	return itinera.Errorf(itinera.EINVALID, "The program file cannot be imported (%d problems): %s.", n, list)
}

// Listed returns how many problems there are and the first maxProblems
// of them joined by "; ", with how many more there are.
func (c *Problems) Listed() (int, string) {
	shown := c.problems
	more := ""
	if len(shown) > maxProblems {
		more = fmt.Sprintf("; and %d more problems", len(shown)-maxProblems)
		shown = shown[:maxProblems]
	}
	return len(c.problems), strings.Join(shown, "; ") + more
}
