package book

import (
	"strings"
	"time"

	"itinera"
)

// The people of a book, the resource's brief and the household's sheet.

// people lists the delegation; private fields only for a household.
func (l *layout) people(private bool) People {
	var p People
	for _, v := range l.in.Visitors {
		p.Visitors = append(p.Visitors, visitorLine(v, private))
	}
	for _, i := range l.in.Interpreters {
		p.Interpreters = append(p.Interpreters, Person{Name: i.Name, Languages: strings.Join(i.Languages, ", ")})
	}
	return p
}

func visitorLine(v itinera.Visitor, private bool) Person {
	p := Person{Name: v.Name(), Country: v.Country, Position: v.Position, Organization: v.Organization,
		Languages: strings.Join(v.Languages, ", ")}
	if private {
		p.Name = v.GivenName
		p.Position, p.Organization = "", ""
		p.Diets, p.Allergies = strings.Join(v.Diets, ", "), strings.Join(v.Allergies, ", ")
	}
	return p
}

// brief is the resource's view of its meeting.
func (l *layout) brief(m itinera.Meeting, at itinera.Window) (*Brief, error) {
	b := &Brief{Meeting: m.Title, Host: m.HostOrganizationName, Topics: m.Topics, Audience: m.Audience, Questions: m.Questions,
		Theme: l.in.Program.Title, Objectives: served(m.Topics, l.in.Program.Objectives),
		OrgContact: joinNonEmpty(", ", l.in.Org.Name, l.in.Org.Phone, l.in.Org.MailFromAddress)}
	if d := strings.TrimSpace(l.in.Program.Description); d != "" {
		b.Theme += ": " + d
	}
	if c, ok := l.contacts[m.ContactID]; ok {
		b.Contact = joinNonEmpty(", ", c.Name, c.Title)
	}
	b.When = l.tr.T("Not scheduled yet")
	if l.in.Itinerary != nil {
		for _, x := range l.in.Itinerary.Items {
			if x.MeetingID == m.ID {
				b.When = l.when(x.Start, x.End)
				if p, ok := l.places[x.PlaceID]; ok {
					b.Place, b.Address = p.Name, p.Address
				}
			}
		}
	}
	if !at.Start.IsZero() {
		b.When = l.when(at.Start, at.End)
	}
	if b.Place == "" {
		if p, ok := l.places[m.PlaceID]; ok {
			b.Place, b.Address = p.Name, p.Address
		}
	}
	// On a split day the host receives part of the delegation (issue 15).
	vs, is, _ := itinera.Coming(m, l.in.Itinerary, l.in.Visitors, l.in.Interpreters)
	for _, v := range vs {
		b.Visitors = append(b.Visitors, visitorLine(v, false))
	}
	for _, i := range is {
		b.Interpreter = append(b.Interpreter, Person{Name: i.Name, Languages: strings.Join(i.Languages, ", ")})
	}
	return b, nil
}

// sheet is a household's view of the evenings it receives guests at.
func (l *layout) sheet(h itinera.HostHousehold) *Sheet {
	s := &Sheet{Household: h.Name}
	hotel := l.places[l.in.Program.HotelPlaceID]
	for _, e := range l.in.Evenings {
		var se SheetEvening
		for _, g := range e.Guests {
			if g.HouseholdID != h.ID {
				continue
			}
			if v, ok := l.visitors[g.VisitorID]; ok {
				se.Guests = append(se.Guests, visitorLine(v, true))
			}
			if i, ok := l.interpreters[g.InterpreterID]; ok {
				se.Interpreters = append(se.Interpreters, Person{Name: i.Name, Languages: strings.Join(i.Languages, ", ")})
			}
		}
		if len(se.Guests) == 0 && len(se.Interpreters) == 0 {
			continue
		}
		se.When = l.when(e.Start, e.End)
		se.PickUp = l.tr.T("%s at %s", e.Start.In(l.loc).Format("15:04"), orDefault(joinNonEmpty(", ", hotel.Name, hotel.Address), l.tr.T("the hotel")))
		se.DropOff = l.tr.T("By %s at %s", e.End.In(l.loc).Format("15:04"), orDefault(hotel.Name, l.tr.T("the hotel")))
		se.Note = e.Note
		s.Evenings = append(s.Evenings, se)
	}
	return s
}

// when writes a stretch of one day: "Monday 2 January 2006, 18:00–21:00 CST".
func (l *layout) when(start, end time.Time) string {
	return l.tr.LongDate(start.In(l.loc)) + start.In(l.loc).Format(", 15:04") + "–" + end.In(l.loc).Format("15:04 MST")
}
