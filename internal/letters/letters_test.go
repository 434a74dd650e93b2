package letters_test

import (
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/ical"
	"itinera/internal/letters"
)

// The tenant the test letters belong to.
const tenant = 7

var chicago = mustZone("America/Chicago")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Hostile data: what a careless import or a malicious sign-up might put
// in names and free text.
const (
	script    = `<script>alert("x")</script>`
	injection = "\r\nBcc: everyone@example.org"
)

func program() itinera.Program {
	return itinera.Program{TenantID: tenant, Title: "Combating Trafficking in Persons", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09"),
		Objectives: []string{"Victim services and resources", "Prosecution of traffickers"}}
}

func at(date, from, to string) itinera.Window {
	d := itinera.MustDate(date)
	return itinera.Window{Start: d.At(itinera.MustClock(from), chicago), End: d.At(itinera.MustClock(to), chicago)}
}

func meetingRequest() letters.MeetingRequest {
	return letters.MeetingRequest{
		To:           letters.Recipient{Name: "Dr. Rumi Price", Email: "price@wustl.example"},
		Organization: "World Affairs St. Louis",
		Program:      program(),
		Meeting:      "Washington University Human Trafficking Collaborative Network",
		Topics:       []string{"Healthcare", "Mental health"},
		Minutes:      90,
		Place:        "Washington University School of Medicine, 660 S. Euclid Ave, St. Louis, MO 63110",
		Who:          "9 visitors from 9 countries (Brazil, Ghana, India, Kenya, Mexico, Nepal, Philippines, Romania, Ukraine), with an interpreter.",
		Professions:  []string{"Prosecutor", "Social worker"},
		Windows:      []itinera.Window{at("2026-12-07", "09:00", "11:00"), at("2026-12-07", "14:00", "16:00")},
		Message:      "On behalf of World Affairs St. Louis, I would like to ask whether you could meet our delegation.\n\nAnswering takes a minute.",
		Link:         "https://itinera.example.org/r/Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_",
		// Midnight at the start of the program: the link works until the day before.
		ExpiresAt: itinera.MustDate("2026-12-05").At(0, chicago),
	}
}

func TestMeetingRequest(t *testing.T) {
	t.Parallel()
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		m, err := letters.Default.MeetingRequest(tenant, meetingRequest())
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{
			to:      netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"},
			subject: "Meeting request: Combating Trafficking in Persons – Washington University Human Trafficking Collaborative Network",
			said: []string{"Dear Dr. Rumi Price,", "I would like to ask whether you could meet our delegation.", "Combating Trafficking in Persons (IVLP)",
				"Saturday 5 December to Wednesday 9 December 2026, in St. Louis", "Objectives: Victim services and resources, Prosecution of traffickers",
				"9 visitors from 9 countries", "Their work: Prosecutor, Social worker", "Topics: Healthcare, Mental health",
				"Length: 1 hour 30 minutes", "660 S. Euclid Ave", "America/Chicago time (CST)",
				"Mon 7 Dec 09:00–11:00 CST", "Mon 7 Dec 14:00–16:00 CST", meetingRequest().Link,
				"works until Friday 4 December 2026", "World Affairs St. Louis"},
		})
		golden(t, "meeting-request", m)
	})
	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		v := meetingRequest()
		v.To.Name = `Zoë "Ñúñez" O'Brien ` + script + injection
		v.Meeting = "Trafficking" + injection
		v.Message = "Please <b>come</b>: " + script + "\r\n\r\nSecond paragraph, 山田さんより."
		v.Place = ""
		v.Professions, v.Topics = nil, nil
		m, err := letters.Default.MeetingRequest(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{
			to:      netmail.Address{Name: `Zoë "Ñúñez" O'Brien ` + script + " Bcc: everyone@example.org", Address: "price@wustl.example"},
			subject: "Meeting request: Combating Trafficking in Persons – Trafficking Bcc: everyone@example.org",
			said:    []string{"Please <b>come</b>:", "Second paragraph, 山田さんより.", "At your office, or wherever suits you", v.Link},
			markup:  []string{script, "<b>come</b>"},
		})
	})
	t.Run("no name", func(t *testing.T) {
		t.Parallel()
		v := meetingRequest()
		v.To.Name, v.Minutes, v.ExpiresAt = "", 0, time.Time{}
		m, err := letters.Default.MeetingRequest(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		text := checkSent(t, m, expect{to: netmail.Address{Address: "price@wustl.example"}, subject: m.Subject,
			said: []string{"Hello,", "Length: to be agreed"}})
		if strings.Contains(text, "works until") {
			t.Errorf("a link without an end says when it ends:\n%s", text)
		}
	})
}

// meetingCalendar builds the calendar entry of a confirmed meeting as
// internal/requests does, with internal/ical.
func meetingCalendar(t *testing.T, method ical.Method, seq int, w itinera.Window) letters.Calendar {
	t.Helper()
	ev := ical.Event{UID: "meeting-42@world-affairs.itinera", Sequence: seq, Stamp: sentAt, Start: w.Start, End: w.End,
		Summary: "Washington University network", Organizer: ical.Person{Name: "Ana Officer", Email: "ana@worldaffairs.example"},
		Attendees: []ical.Attendee{{Person: ical.Person{Name: "Dr. Rumi Price", Email: "price@wustl.example"}, Role: ical.RoleRequired, PartStat: ical.PartAccepted}}}
	build := ical.Invitation
	switch method {
	case ical.MethodCancel:
		build = ical.Cancellation
	case ical.MethodDeclineCounter:
		build = ical.DeclineCounter
	}
	b, err := build(ev, chicago)
	if err != nil {
		t.Fatal(err)
	}
	return letters.Calendar{ICS: b, Method: method}
}

func meetingNotice(t *testing.T, method ical.Method, seq int) letters.MeetingNotice {
	w := at("2026-12-07", "09:30", "11:00")
	return letters.MeetingNotice{
		To:      letters.Recipient{Name: "Dr. Rumi Price", Email: "price@wustl.example"},
		Program: "Combating Trafficking in Persons", Meeting: "Washington University network", At: w, Zone: chicago,
		Where:    "Washington University School of Medicine, 660 S. Euclid Ave",
		Agenda:   "Host: Washington University School of Medicine\nPartners: Human Trafficking Collaborative Network\nTopics: Healthcare",
		From:     "Ana Officer",
		Calendar: meetingCalendar(t, method, seq, w),
	}
}

func TestConfirmation(t *testing.T) {
	t.Parallel()
	rumi := netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"}
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		m, err := letters.Default.Confirmation(tenant, meetingNotice(t, ical.MethodRequest, 1))
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: rumi, subject: "Confirmed: Washington University network, Mon 7 Dec 09:30–11:00 CST",
			said: []string{"Dear Dr. Rumi Price,", "the meeting with the delegation of “Combating Trafficking in Persons” is confirmed",
				"Mon 7 Dec 09:30–11:00 CST", "660 S. Euclid Ave", "Partners: Human Trafficking Collaborative Network",
				"The invitation attached adds it to your calendar", "Ana Officer"},
			method: ical.MethodRequest, uid: "meeting-42@world-affairs.itinera", sequence: 1})
		golden(t, "meeting-confirmed", m)
	})
	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		v := meetingNotice(t, ical.MethodRequest, 1)
		v.To.Name = "Ñúñez " + script + injection
		v.Meeting = "Network" + injection
		v.Program = `The "best" <i>program</i>`
		v.Agenda = "Line one " + script + "\nLine two"
		v.Where, v.From = "", ""
		m, err := letters.Default.Confirmation(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: netmail.Address{Name: "Ñúñez " + script + " Bcc: everyone@example.org", Address: "price@wustl.example"},
			subject: "Confirmed: Network Bcc: everyone@example.org, Mon 7 Dec 09:30–11:00 CST",
			said:    []string{`The "best" <i>program</i>`, "Where: your office", "Line two", "The program team"},
			markup:  []string{script, "<i>program</i>"},
			method:  ical.MethodRequest, uid: "meeting-42@world-affairs.itinera", sequence: 1})
	})
}

func TestChange(t *testing.T) {
	t.Parallel()
	m, err := letters.Default.Change(tenant, meetingNotice(t, ical.MethodRequest, 3))
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"},
		subject: "Changed: Washington University network, Mon 7 Dec 09:30–11:00 CST",
		said: []string{"has a new time or place; please note the details below", "When: Mon 7 Dec 09:30–11:00 CST",
			"Where: Washington University School of Medicine, 660 S. Euclid Ave"},
		method: ical.MethodRequest, uid: "meeting-42@world-affairs.itinera", sequence: 3})
	golden(t, "meeting-changed", m)
}

// TestCounterDeclined: the answer to a resource's counter-proposal keeps
// the meeting at its time with a DECLINECOUNTER of the same UID and the
// SEQUENCE they were sent, and says which time was proposed.
func TestCounterDeclined(t *testing.T) {
	t.Parallel()
	v := meetingNotice(t, ical.MethodDeclineCounter, 2)
	v.Proposed, v.Reason = at("2026-12-08", "14:00", "15:30"), "The delegation travels to Jefferson City that afternoon."
	m, err := letters.Default.CounterDeclined(tenant, v)
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"},
		subject: "Declined: new time for Washington University network",
		said: []string{"Thank you for proposing Tue 8 Dec 14:00–15:30 CST", "the meeting stays on Mon 7 Dec 09:30–11:00 CST",
			"The delegation travels to Jefferson City that afternoon."},
		method: ical.MethodDeclineCounter, uid: "meeting-42@world-affairs.itinera", sequence: 2})
	golden(t, "meeting-counter-declined", m)
}

func TestCancellation(t *testing.T) {
	t.Parallel()
	rumi := netmail.Address{Name: "Dr. Rumi Price", Address: "price@wustl.example"}
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		v := meetingNotice(t, ical.MethodCancel, 4)
		v.Reason = "The delegation's flight was cancelled; we will write again if a new date can be found."
		m, err := letters.Default.Cancellation(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: rumi, subject: "Cancelled: Washington University network, Mon 7 Dec 09:30–11:00 CST",
			said: []string{"We are sorry: the meeting with the delegation of “Combating Trafficking in Persons” on Mon 7 Dec 09:30–11:00 CST is cancelled.",
				"The reason: The delegation's flight was cancelled", "Thank you for your time", "Ana Officer"},
			method: ical.MethodCancel, uid: "meeting-42@world-affairs.itinera", sequence: 4})
		golden(t, "meeting-cancelled", m)
	})
	t.Run("hostile reason", func(t *testing.T) {
		t.Parallel()
		v := meetingNotice(t, ical.MethodCancel, 4)
		v.Reason = `<img src=x onerror="alert(1)"> the room is taken` + injection
		m, err := letters.Default.Cancellation(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: rumi, subject: m.Subject, said: []string{"the room is taken"},
			markup: []string{`<img src=x onerror="alert(1)">`}, method: ical.MethodCancel, uid: "meeting-42@world-affairs.itinera", sequence: 4})
	})
	t.Run("no reason", func(t *testing.T) {
		t.Parallel()
		m, err := letters.Default.Cancellation(tenant, meetingNotice(t, ical.MethodCancel, 4))
		if err != nil {
			t.Fatal(err)
		}
		text := checkSent(t, m, expect{to: rumi, subject: m.Subject, said: []string{"is cancelled"},
			method: ical.MethodCancel, uid: "meeting-42@world-affairs.itinera", sequence: 4})
		if strings.Contains(text, "The reason") {
			t.Errorf("a cancellation without a reason gives one:\n%s", text)
		}
	})
}

func TestHouseholdSignUp(t *testing.T) {
	t.Parallel()
	v := letters.HouseholdSignUp{To: letters.Recipient{Name: "Kathleen Brennan", Email: "kb@example.com"},
		Organization: "World Affairs St. Louis", Link: "https://itinera.example.org/h/Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_"}
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		m, err := letters.Default.HouseholdSignUp(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: netmail.Address{Name: "Kathleen Brennan", Address: "kb@example.com"},
			subject: "Your sign-up as a host household",
			said: []string{"Dear Kathleen Brennan,", "Thank you for offering to host international visitors for dinner.",
				"World Affairs St. Louis will review your sign-up", v.Link, "Please keep this link to yourself"}})
		golden(t, "household-signup", m)
	})
	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		h := v
		h.To.Name = `Chidi "Chi" Okafor-Müller ` + script + injection
		m, err := letters.Default.HouseholdSignUp(tenant, h)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: netmail.Address{Name: `Chidi "Chi" Okafor-Müller ` + script + " Bcc: everyone@example.org", Address: "kb@example.com"},
			subject: "Your sign-up as a host household", said: []string{`Chidi "Chi" Okafor-Müller`, h.Link}, markup: []string{script}})
	})
}

func evening() letters.Evening {
	d := itinera.MustDate("2026-12-06")
	return letters.Evening{Start: d.At(itinera.MustClock("17:30"), chicago), End: d.At(itinera.MustClock("21:30"), chicago), Zone: chicago,
		PickUp: "17:30 in the lobby of Hyatt Regency St. Louis at the Arch, 315 Chestnut St"}
}

func TestEveningInvitation(t *testing.T) {
	t.Parallel()
	v := letters.EveningInvitation{To: letters.Recipient{Name: "Kathleen Brennan", Email: "kb@example.com"},
		Household: "The Brennans", Program: "Combating Trafficking in Persons", Evening: evening(),
		Link: "https://itinera.example.org/h/Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_#evening-3",
		From: letters.Signature{Name: "Ana Officer", Organization: "World Affairs St. Louis"}}
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		m, err := letters.Default.EveningInvitation(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: netmail.Address{Name: "Kathleen Brennan", Address: "kb@example.com"},
			subject: "Can you host visitors for dinner on Sunday 6 December 2026?",
			said: []string{"Dear Kathleen Brennan,", "the program “Combating Trafficking in Persons”, is in town", "to dinner at The Brennans.",
				"When: Sunday 6 December 2026, 17:30 to 21:30 (CST time, America/Chicago)", "Pick-up: 17:30 in the lobby of Hyatt Regency",
				"Can you host that evening?", v.Link, "Ana Officer", "World Affairs St. Louis"}})
		golden(t, "household-invitation", m)
	})
	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		h := v
		h.To.Name = "Ñúñez" + injection
		h.Household = `The "Smith" & <Jones> household ` + script
		h.Evening.Note = "Bring an umbrella <u>please</u>"
		h.From = letters.Signature{Name: "World Affairs St. Louis", Organization: "World Affairs St. Louis"}
		m, err := letters.Default.EveningInvitation(tenant, h)
		if err != nil {
			t.Fatal(err)
		}
		text := checkSent(t, m, expect{to: netmail.Address{Name: "Ñúñez Bcc: everyone@example.org", Address: "kb@example.com"},
			subject: m.Subject, said: []string{`The "Smith" & <Jones> household`, "From the program officer: Bring an umbrella <u>please</u>"},
			markup: []string{script, "<Jones>", "<u>please</u>"}})
		if strings.Count(text, "World Affairs St. Louis") != 1 {
			t.Errorf("the organization signs twice:\n%s", text)
		}
	})
}

// notice is the notice of kind k to the Brennans, with its calendar
// entry built as internal/hosting does.
func notice(t *testing.T, k itinera.NoticeKind, seq int) letters.HouseholdNotice {
	t.Helper()
	v := letters.HouseholdNotice{To: letters.Recipient{Name: "Kathleen Brennan", Email: "kb@example.com"}, Kind: k,
		Household: "The Brennans", Program: "Combating Trafficking in Persons", Evening: evening(),
		From: letters.Signature{Name: "Ana Officer", Organization: "World Affairs St. Louis"}}
	if k != itinera.NoticeCancel {
		v.Guests = []letters.Guest{{FirstName: "Amara", Country: "Ghana", Diets: []string{"vegetarian"}},
			{FirstName: "Oksana", Country: "Ukraine", Allergies: []string{"peanuts", "shellfish"}}}
		v.Interpreters = []letters.GuestInterpreter{{FirstName: "Lena", Languages: []string{"Ukrainian", "English"}}}
	}
	withCalendar(t, &v, seq)
	return v
}

func withCalendar(t *testing.T, v *letters.HouseholdNotice, seq int) {
	t.Helper()
	agenda, err := letters.Default.EveningAgenda(*v)
	if err != nil {
		t.Fatal(err)
	}
	ev := ical.Event{UID: "hospitality-3-household-5@itinera", Sequence: seq, Stamp: sentAt, Start: v.Evening.Start, End: v.Evening.End,
		Summary: "Home-hospitality dinner: " + v.Program, Description: agenda,
		Organizer: ical.Person{Name: "Ana Officer", Email: "ana@worldaffairs.example"},
		Attendees: []ical.Attendee{{Person: ical.Person{Name: v.To.Name, Email: v.To.Email}, RSVP: v.Kind != itinera.NoticeCancel}}}
	build, method := ical.Invitation, ical.MethodRequest
	if v.Kind == itinera.NoticeCancel {
		build, method = ical.Cancellation, ical.MethodCancel
	}
	b, err := build(ev, chicago)
	if err != nil {
		t.Fatal(err)
	}
	v.Calendar = letters.Calendar{ICS: b, Method: method}
}

var kathleen = netmail.Address{Name: "Kathleen Brennan", Address: "kb@example.com"}

func TestHouseholdGuests(t *testing.T) {
	t.Parallel()
	t.Run("realistic", func(t *testing.T) {
		t.Parallel()
		v := notice(t, itinera.NoticeNew, 0)
		m, err := letters.Default.HouseholdNotice(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: kathleen, subject: "Your guests for dinner on Sunday 6 December 2026",
			said: []string{"Thank you for opening your home to the delegation of the program “Combating Trafficking in Persons”.",
				"When: Sunday 6 December 2026, 17:30 to 21:30 (CST time, America/Chicago)", "Pick-up: 17:30 in the lobby",
				"Return: please bring your guests back to the hotel by 21:30.",
				"Amara, from Ghana. Diet: vegetarian. Allergies: none.", "Oksana, from Ukraine. Diet: none. Allergies: peanuts, shellfish.",
				"Lena, interpreter (Ukrainian, English), joins to help you talk together.", "Ana Officer"},
			method: ical.MethodRequest, uid: "hospitality-3-household-5@itinera", sequence: 0})
		golden(t, "household-guests", m)
		if !strings.Contains(m.Calendar, "Amara") {
			t.Error("the calendar entry does not list the guests")
		}
	})
	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		v := notice(t, itinera.NoticeNew, 0)
		v.Guests[0].FirstName = "Amara " + script
		v.Guests[1].Allergies = []string{"<b>nuts</b>"}
		v.Evening.Note = "Parking: use the \"back\" door & ring twice"
		withCalendar(t, &v, 0)
		m, err := letters.Default.HouseholdNotice(tenant, v)
		if err != nil {
			t.Fatal(err)
		}
		checkSent(t, m, expect{to: kathleen, subject: m.Subject,
			said:   []string{"Allergies: <b>nuts</b>.", `From the program officer: Parking: use the "back" door & ring twice`},
			markup: []string{script, "<b>nuts</b>"}, method: ical.MethodRequest, uid: "hospitality-3-household-5@itinera", sequence: 0})
	})
}

func TestHouseholdGuestsChanged(t *testing.T) {
	t.Parallel()
	m, err := letters.Default.HouseholdNotice(tenant, notice(t, itinera.NoticeUpdate, 2))
	if err != nil {
		t.Fatal(err)
	}
	checkSent(t, m, expect{to: kathleen, subject: "Updated: your guests for dinner on Sunday 6 December 2026",
		said: []string{"Here is who now comes to dinner at The Brennans; this replaces our earlier e-mail.",
			"Amara, from Ghana.", "Lena, interpreter"},
		method: ical.MethodRequest, uid: "hospitality-3-household-5@itinera", sequence: 2})
	golden(t, "household-guests-changed", m)
}

func TestHouseholdNoGuests(t *testing.T) {
	t.Parallel()
	m, err := letters.Default.HouseholdNotice(tenant, notice(t, itinera.NoticeCancel, 3))
	if err != nil {
		t.Fatal(err)
	}
	text := checkSent(t, m, expect{to: kathleen, subject: "Dinner on Sunday 6 December 2026: no guests for you this time",
		said: []string{"this time we will not need to ask The Brennans to receive guests",
			"Thank you, sincerely, for opening your home", "The attached notice removes the evening from your calendar."},
		method: ical.MethodCancel, uid: "hospitality-3-household-5@itinera", sequence: 3})
	if strings.Contains(text, "Your guests:") {
		t.Errorf("a household without guests is told of guests:\n%s", text)
	}
	golden(t, "household-no-guests", m)
}

// TestLettersRefuse: a letter that could go to the wrong people, or whose
// calendar contradicts its words, is not composed.
func TestLettersRefuse(t *testing.T) {
	t.Parallel()
	l := letters.Default
	request := func(c letters.Calendar) error {
		v := meetingNotice(t, ical.MethodRequest, 1)
		v.Calendar = c
		_, err := l.Confirmation(tenant, v)
		return err
	}
	cases := map[string]func() error{
		"two recipients": func() error {
			v := meetingRequest()
			v.To.Email = "price@wustl.example, other@example.org"
			_, err := l.MeetingRequest(tenant, v)
			return err
		},
		"a name in the address": func() error {
			v := meetingRequest()
			v.To.Email = "Other <other@example.org>"
			_, err := l.MeetingRequest(tenant, v)
			return err
		},
		"no address": func() error {
			_, err := l.HouseholdSignUp(tenant, letters.HouseholdSignUp{To: letters.Recipient{Name: "Kathleen"}})
			return err
		},
		"a confirmation without its calendar": func() error { return request(letters.Calendar{}) },
		"a confirmation with a cancellation": func() error {
			return request(meetingCalendar(t, ical.MethodCancel, 1, at("2026-12-07", "09:30", "11:00")))
		},
		"a calendar that says another method": func() error {
			c := meetingCalendar(t, ical.MethodCancel, 1, at("2026-12-07", "09:30", "11:00"))
			c.Method = ical.MethodRequest
			return request(c)
		},
		"an unreadable calendar": func() error {
			return request(letters.Calendar{ICS: []byte("BEGIN:VCALENDAR\r\n"), Method: ical.MethodRequest})
		},
		"a notice of no known kind": func() error {
			v := notice(t, itinera.NoticeNew, 0)
			v.Kind = "party"
			_, err := l.HouseholdNotice(tenant, v)
			return err
		},
		"a no-guests notice with an invitation": func() error {
			v := notice(t, itinera.NoticeNew, 0)
			v.Kind = itinera.NoticeCancel
			_, err := l.HouseholdNotice(tenant, v)
			return err
		},
	}
	for name, compose := range cases {
		if err := compose(); err == nil {
			t.Errorf("%s: composed", name)
		}
	}
}
