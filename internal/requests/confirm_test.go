package requests

import (
	"bytes"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/calendar"
	"itinera/internal/ical"
	"itinera/internal/mail"
	"itinera/internal/mail/mailtest"
)

// confirmation is a confirmed meeting with the Post-Dispatch, read as
// LoadConfirmation would.
func confirmation() (ConfirmationInput, itinera.Window) {
	p := itinera.Program{ID: 3, TenantID: 1, Title: "Combating Trafficking in Persons", City: "St. Louis", TimeZone: "America/Chicago",
		StartDate: itinera.MustDate("2026-12-05"), EndDate: itinera.MustDate("2026-12-09")}
	loc := p.Location()
	at := itinera.Window{Start: itinera.MustDate("2026-12-07").At(14*60, loc), End: itinera.MustDate("2026-12-07").At(15*60, loc)}
	m := itinera.Meeting{ID: 42, ProgramID: 3, Title: "Reporting on trafficking", HostOrganizationName: "St. Louis Post-Dispatch",
		ContactName: "Jane O'Neil", PlaceID: 9}
	in := ConfirmationInput{
		Calendar: calendar.Input{Tenant: itinera.Tenant{ID: 1, Slug: "world-affairs"}, Program: p, Meetings: []itinera.Meeting{m},
			Visitors: []itinera.Visitor{{GivenName: "Amara", FamilyName: "Mensah", Country: "Ghana", Email: "amara@example.org"},
				{GivenName: "Ana", FamilyName: "Pereira", Country: "Brazil"}},
			Places: []itinera.Place{{ID: 9, Name: "St. Louis Post-Dispatch", Address: "901 N 10th St, St. Louis, MO 63101", Lat: 38.63, Lon: -90.19}}},
		Meeting: m, Contact: itinera.Contact{Name: "Jane O'Neil", Email: "jane@post-dispatch.example"},
		Organizer: ical.Person{Name: "Ana Officer", Email: "ana@worldaffairs.example"},
		Now:       time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC),
	}
	return in, at
}

// TestConfirmationLetters: the confirmation, the update and the
// cancellation go to the contact alone, as the mail worker sends them,
// with the meeting's UID and the SEQUENCE the store gives.
func TestConfirmationLetters(t *testing.T) {
	t.Parallel()
	in, at := confirmation()
	uid := calendar.UID("world-affairs", itinera.ItineraryItem{MeetingID: 42})
	r := itinera.Request{ID: 5, MeetingID: 42, Confirmed: at}
	compose := map[string]func() ([]itinera.OutboxMessage, error){
		"confirmed": func() ([]itinera.OutboxMessage, error) {
			return in.Messages(itinera.Confirmed{Request: r, At: at, Sequence: 1})
		},
		"changed": func() ([]itinera.OutboxMessage, error) {
			return in.Messages(itinera.Confirmed{Request: r, At: at, Sequence: 2, Changed: true})
		},
		"cancelled": func() ([]itinera.OutboxMessage, error) {
			return in.Cancellations(itinera.Cancelled{Request: r, Sequence: 3, Reason: "The newsroom moved the interview <b>later</b>."})
		},
	}
	want := map[string]struct {
		subject, says string
		method        ical.Method
		seq           int
	}{
		"confirmed": {"Confirmed: ", "is confirmed", ical.MethodRequest, 1},
		"changed":   {"Changed: ", "has a new time or place", ical.MethodRequest, 2},
		"cancelled": {"Cancelled: ", "The reason: The newsroom moved the interview <b>later</b>.", ical.MethodCancel, 3},
	}
	for name, c := range compose {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := want[name]
			msgs, err := c()
			if err != nil || len(msgs) != 1 {
				t.Fatalf("%d messages (%v), want 1", len(msgs), err)
			}
			var b bytes.Buffer
			m := mail.Message{From: netmail.Address{Address: "programs@worldaffairs.example"}, OutboxMessage: msgs[0]}
			m.MessageID = "<confirm-test@itinera.example>"
			if err := mail.Render(&b, m, in.Now); err != nil {
				t.Fatal(err)
			}
			p := mailtest.Parse(t, b.Bytes())
			to, err := p.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Address != "jane@post-dispatch.example" || to[0].Name != "Jane O'Neil" || p.Header.Get("Cc") != "" {
				t.Errorf("To %v (%v), Cc %q", to, err, p.Header.Get("Cc"))
			}
			text := string(p.Part("text/plain").Body)
			if !strings.HasPrefix(msgs[0].Subject, w.subject+"Reporting on trafficking, Mon 7 Dec 14:00–15:00 CST") ||
				!strings.Contains(text, w.says) || !strings.Contains(text, "Jane O'Neil") {
				t.Errorf("subject %q, text:\n%s", msgs[0].Subject, text)
			}
			if name != "cancelled" && (!strings.Contains(text, "St. Louis Post-Dispatch, 901 N 10th St") ||
				!strings.Contains(text, "Delegation: 2 visitors from 2 countries (Brazil, Ghana).")) {
				t.Errorf("the letter does not say where, or who comes:\n%s", text)
			}
			for _, private := range []string{"Amara", "Mensah", "Pereira", "amara@example.org"} {
				if strings.Contains(text+string(p.Part("text/html").Body)+string(p.Part("text/calendar").Body), private) {
					t.Errorf("the resource learns %q", private)
				}
			}
			part := p.Part("text/calendar")
			if part == nil || part.Params["method"] != string(w.method) {
				t.Fatalf("calendar part %+v", part)
			}
			cal, err := ical.Parse(bytes.NewReader(part.Body))
			if err != nil {
				t.Fatal(err)
			}
			evs, err := cal.Events(time.UTC)
			if err != nil || len(evs) != 1 || evs[0].UID != uid || evs[0].Sequence != w.seq || cal.Method() != w.method {
				t.Fatalf("calendar %s %+v (%v), want %s %s %d", cal.Method(), evs, err, w.method, uid, w.seq)
			}
			if len(evs[0].Attendees) != 1 || evs[0].Attendees[0].Email != "jane@post-dispatch.example" {
				t.Errorf("attendees %+v: the contact's copy lists the contact alone", evs[0].Attendees)
			}
		})
	}
	noEmail := in
	noEmail.Contact.Email = ""
	if msgs, err := noEmail.Messages(itinera.Confirmed{Request: r, At: at, Sequence: 1}); err != nil || len(msgs) != 0 {
		t.Errorf("a contact without an address: %d messages (%v)", len(msgs), err)
	}
}

// TestConfirmationWithoutOrganizer: with nobody to send invitations from,
// every letter carrying one is refused with a message naming what to set,
// not an internal error.
func TestConfirmationWithoutOrganizer(t *testing.T) {
	t.Parallel()
	in, at := confirmation()
	in.Organizer = ical.Person{Name: "World Affairs Council"}
	r := itinera.Request{ID: 5, MeetingID: 42, Confirmed: at}
	for name, compose := range map[string]func() ([]itinera.OutboxMessage, error){
		"confirmed": func() ([]itinera.OutboxMessage, error) {
			return in.Messages(itinera.Confirmed{Request: r, At: at, Sequence: 1})
		},
		"changed": func() ([]itinera.OutboxMessage, error) {
			return in.Messages(itinera.Confirmed{Request: r, At: at, Sequence: 2, Changed: true})
		},
		"cancelled": func() ([]itinera.OutboxMessage, error) {
			return in.Cancellations(itinera.Cancelled{Request: r, Sequence: 3})
		},
		"counter declined": func() ([]itinera.OutboxMessage, error) {
			return in.DeclineCounter(r, at, "")
		},
	} {
		msgs, err := compose()
		if itinera.ErrorCode(err) != itinera.ECONFLICT || len(msgs) != 0 {
			t.Fatalf("%s: %d messages, error %v; want a conflict", name, len(msgs), err)
		}
		if m := itinera.ErrorMessage(err); !strings.Contains(m, "Jane O'Neil") || !strings.Contains(m, "Settings") {
			t.Errorf("%s: the message does not name the contact and what to set: %s", name, m)
		}
	}
	// A contact without an address is not written to at all: no error.
	in.Contact.Email = ""
	if msgs, err := in.Messages(itinera.Confirmed{Request: r, At: at, Sequence: 1}); err != nil || len(msgs) != 0 {
		t.Errorf("a contact without an address: %d messages, %v", len(msgs), err)
	}
}
