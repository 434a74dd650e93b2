package itinera_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
)

// textField is one text field of one record: set builds a valid record,
// puts v into the field and validates it; get reads the field back.
type textField struct {
	record, field string
	multiLine     bool
	max           int
	set           func(v string) (get func() string, err error)
}

func textFields() []textField {
	loc, _ := time.LoadLocation("America/Chicago")
	at := func(h int) time.Time { return time.Date(2026, 12, 14, h, 0, 0, 0, loc) }
	var out []textField
	add := func(record, field string, multi bool, max int, set func(v string) (func() string, error)) {
		out = append(out, textField{record, field, multi, max, set})
	}
	// Each record starts valid; the closure changes one field.
	prog := func(f func(*itinera.Program, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			p := itinera.Program{Title: "Trafficking", City: "St. Louis", TimeZone: "America/Chicago",
				StartDate: itinera.MustDate("2026-12-12"), EndDate: itinera.MustDate("2026-12-14")}
			get := f(&p, v)
			err := p.Validate()
			return get, err
		}
	}
	add("program", "title", false, 200, prog(func(p *itinera.Program, v string) func() string { p.Title = v; return func() string { return p.Title } }))
	add("program", "project_type", false, 200, prog(func(p *itinera.Program, v string) func() string {
		p.ProjectType = v
		return func() string { return p.ProjectType }
	}))
	add("program", "description", true, 10000, prog(func(p *itinera.Program, v string) func() string {
		p.Description = v
		return func() string { return p.Description }
	}))
	add("program", "city", false, 200, prog(func(p *itinera.Program, v string) func() string { p.City = v; return func() string { return p.City } }))
	add("program", "objectives", false, 80, prog(func(p *itinera.Program, v string) func() string {
		p.Objectives = []string{v}
		return func() string { return item(p.Objectives, 0) }
	}))

	day := func(f func(*itinera.Day, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			d := itinera.DefaultDay(1, itinera.MustDate("2026-12-12"))
			get := f(&d, v)
			err := d.Validate()
			return get, err
		}
	}
	add("day", "note", true, 2000, day(func(d *itinera.Day, v string) func() string { d.Note = v; return func() string { return d.Note } }))

	visitor := func(f func(*itinera.Visitor, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Visitor{ProgramID: 1, GivenName: "Amara", Country: "Nigeria", Languages: []string{"English"}}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("visitor", "given_name", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.GivenName = v
		return func() string { return x.GivenName }
	}))
	add("visitor", "family_name", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.FamilyName = v
		return func() string { return x.FamilyName }
	}))
	add("visitor", "country", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Country = v
		return func() string { return x.Country }
	}))
	add("visitor", "position", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Position = v
		return func() string { return x.Position }
	}))
	add("visitor", "organization", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Organization = v
		return func() string { return x.Organization }
	}))
	add("visitor", "email", false, 254, visitor(func(x *itinera.Visitor, v string) func() string { x.Email = v; return func() string { return x.Email } }))
	add("visitor", "access_needs", true, 2000, visitor(func(x *itinera.Visitor, v string) func() string {
		x.AccessNeeds = v
		return func() string { return x.AccessNeeds }
	}))
	add("visitor", "languages", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Languages = []string{"English", v}
		return func() string { return item(x.Languages, 1) }
	}))
	add("visitor", "diets", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Diets = []string{v}
		return func() string { return item(x.Diets, 0) }
	}))
	add("visitor", "allergies", false, 200, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Allergies = []string{v}
		return func() string { return item(x.Allergies, 0) }
	}))
	add("visitor", "interests", false, 80, visitor(func(x *itinera.Visitor, v string) func() string {
		x.Interests = []string{v}
		return func() string { return item(x.Interests, 0) }
	}))

	interp := func(f func(*itinera.Interpreter, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Interpreter{ProgramID: 1, Name: "Lucía", Languages: []string{"English", "Spanish"}}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("interpreter", "name", false, 200, interp(func(x *itinera.Interpreter, v string) func() string {
		x.Name = v
		return func() string { return x.Name }
	}))
	add("interpreter", "phone", false, 50, interp(func(x *itinera.Interpreter, v string) func() string {
		x.Phone = v
		return func() string { return x.Phone }
	}))
	add("interpreter", "email", false, 254, interp(func(x *itinera.Interpreter, v string) func() string {
		x.Email = v
		return func() string { return x.Email }
	}))

	meeting := func(f func(*itinera.Meeting, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Meeting{Title: "Hotline", ProgramID: 1, HostOrganizationID: 1, DurationMinutes: 60,
				Windows: []itinera.Window{{Start: at(9), End: at(12)}}}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("meeting", "title", false, 200, meeting(func(x *itinera.Meeting, v string) func() string { x.Title = v; return func() string { return x.Title } }))
	add("meeting", "audience", false, 500, meeting(func(x *itinera.Meeting, v string) func() string {
		x.Audience = v
		return func() string { return x.Audience }
	}))
	add("meeting", "notes", true, 10000, meeting(func(x *itinera.Meeting, v string) func() string { x.Notes = v; return func() string { return x.Notes } }))
	add("meeting", "topics", false, 80, meeting(func(x *itinera.Meeting, v string) func() string {
		x.Topics = []string{v}
		return func() string { return item(x.Topics, 0) }
	}))

	activity := func(f func(*itinera.Activity, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Activity{Title: "Arch", ProgramID: 1, Kind: itinera.ActivityCultural, DurationMinutes: 60}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("activity", "title", false, 200, activity(func(x *itinera.Activity, v string) func() string {
		x.Title = v
		return func() string { return x.Title }
	}))
	add("activity", "notes", true, 10000, activity(func(x *itinera.Activity, v string) func() string {
		x.Notes = v
		return func() string { return x.Notes }
	}))
	add("activity", "topics", false, 80, activity(func(x *itinera.Activity, v string) func() string {
		x.Topics = []string{v}
		return func() string { return item(x.Topics, 0) }
	}))

	request := func(f func(*itinera.Request, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Request{MeetingID: 1, ContactID: 1, Windows: []itinera.Window{{Start: at(9), End: at(12)}}}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("request", "message", true, 10000, request(func(x *itinera.Request, v string) func() string {
		x.Message = v
		return func() string { return x.Message }
	}))

	answer := func(f func(*itinera.RequestAnswer, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.RequestAnswer{Kind: itinera.AnswerDecline, Colleague: itinera.Colleague{Name: "Rumi"}}
			get := f(&x, v)
			err := x.Validate(nil)
			return get, err
		}
	}
	add("answer", "reason", true, 4000, answer(func(x *itinera.RequestAnswer, v string) func() string {
		x.Reason = v
		return func() string { return x.Reason }
	}))
	add("answer", "comment", true, 4000, answer(func(x *itinera.RequestAnswer, v string) func() string {
		x.Comment = v
		return func() string { return x.Comment }
	}))
	add("answer", "colleague_name", false, 200, answer(func(x *itinera.RequestAnswer, v string) func() string {
		x.Colleague.Name = v
		return func() string { return x.Colleague.Name }
	}))
	add("answer", "colleague_email", false, 254, answer(func(x *itinera.RequestAnswer, v string) func() string {
		x.Colleague.Email = v
		return func() string { return x.Colleague.Email }
	}))
	add("answer", "colleague_note", true, 4000, answer(func(x *itinera.RequestAnswer, v string) func() string {
		x.Colleague.Note = v
		return func() string { return x.Colleague.Note }
	}))
	add("answer", "partners", false, 200, answer(func(x *itinera.RequestAnswer, v string) func() string {
		x.Partners = []string{v}
		return func() string { return item(x.Partners, 0) }
	}))

	place := func(f func(*itinera.Place, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Place{Name: "Arch", Kind: itinera.PlaceSite, Address: "11 N 4th St", Lat: 38.6, Lon: -90.2}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("place", "name", false, 200, place(func(x *itinera.Place, v string) func() string { x.Name = v; return func() string { return x.Name } }))
	add("place", "address", true, 500, place(func(x *itinera.Place, v string) func() string {
		x.Address = v
		return func() string { return x.Address }
	}))
	add("place", "notes", true, 10000, place(func(x *itinera.Place, v string) func() string { x.Notes = v; return func() string { return x.Notes } }))

	org := func(f func(*itinera.Organization, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Organization{Name: "Gateway", Kind: itinera.OrgNonprofit}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("organization", "name", false, 200, org(func(x *itinera.Organization, v string) func() string {
		x.Name = v
		return func() string { return x.Name }
	}))
	add("organization", "description", true, 10000, org(func(x *itinera.Organization, v string) func() string {
		x.Description = v
		return func() string { return x.Description }
	}))
	add("organization", "website", false, 2000, org(func(x *itinera.Organization, v string) func() string {
		x.Website = v
		return func() string { return x.Website }
	}))
	add("organization", "email", false, 254, org(func(x *itinera.Organization, v string) func() string {
		x.Email = v
		return func() string { return x.Email }
	}))
	add("organization", "phone", false, 50, org(func(x *itinera.Organization, v string) func() string {
		x.Phone = v
		return func() string { return x.Phone }
	}))
	add("organization", "address", true, 500, org(func(x *itinera.Organization, v string) func() string {
		x.Address = v
		return func() string { return x.Address }
	}))
	add("organization", "topics", false, 80, org(func(x *itinera.Organization, v string) func() string {
		x.Topics = []string{v}
		return func() string { return item(x.Topics, 0) }
	}))

	contact := func(f func(*itinera.Contact, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Contact{Name: "Shima", OrganizationID: 1}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("contact", "name", false, 200, contact(func(x *itinera.Contact, v string) func() string { x.Name = v; return func() string { return x.Name } }))
	add("contact", "title", false, 200, contact(func(x *itinera.Contact, v string) func() string { x.Title = v; return func() string { return x.Title } }))
	add("contact", "email", false, 254, contact(func(x *itinera.Contact, v string) func() string { x.Email = v; return func() string { return x.Email } }))
	add("contact", "phone", false, 50, contact(func(x *itinera.Contact, v string) func() string { x.Phone = v; return func() string { return x.Phone } }))
	add("contact", "notes", true, 10000, contact(func(x *itinera.Contact, v string) func() string { x.Notes = v; return func() string { return x.Notes } }))

	household := func(f func(*itinera.HostHousehold, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.HostHousehold{Name: "The Brennans", Address: "1 Main St", Lat: 38.6, Lon: -90.2,
				ContactName: "Pat", Email: "pat@example.org", Languages: []string{"English"}, Capacity: 3}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("household", "name", false, 200, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Name = v
		return func() string { return x.Name }
	}))
	add("household", "address", true, 500, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Address = v
		return func() string { return x.Address }
	}))
	add("household", "contact_name", false, 200, household(func(x *itinera.HostHousehold, v string) func() string {
		x.ContactName = v
		return func() string { return x.ContactName }
	}))
	add("household", "email", false, 254, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Email = v
		return func() string { return x.Email }
	}))
	add("household", "phone", false, 50, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Phone = v
		return func() string { return x.Phone }
	}))
	add("household", "availability", false, 500, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Availability = v
		return func() string { return x.Availability }
	}))
	add("household", "note", true, 2000, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Note = v
		return func() string { return x.Note }
	}))
	add("household", "pets", false, 200, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Pets = []string{v}
		return func() string { return item(x.Pets, 0) }
	}))
	add("household", "can_serve", false, 200, household(func(x *itinera.HostHousehold, v string) func() string {
		x.CanServe = []string{v}
		return func() string { return item(x.CanServe, 0) }
	}))
	add("household", "interests", false, 80, household(func(x *itinera.HostHousehold, v string) func() string {
		x.Interests = []string{v}
		return func() string { return item(x.Interests, 0) }
	}))

	evening := func(f func(*itinera.HospitalityEvening, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.HospitalityEvening{ProgramID: 1, Start: at(18), End: at(21), VisitorIDs: []int64{1}}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("evening", "note", true, 2000, evening(func(x *itinera.HospitalityEvening, v string) func() string {
		x.Note = v
		return func() string { return x.Note }
	}))
	add("host answer", "note", true, 2000, func(v string) (func() string, error) {
		x := itinera.HostAnswer{Answer: itinera.AnswerYes, Note: v}
		err := x.Validate()
		return func() string { return x.Note }, err
	})

	add("tenant", "name", false, 200, func(v string) (func() string, error) {
		x := itinera.Tenant{Slug: "stl", Name: v, TimeZone: "America/Chicago"}
		err := x.Validate()
		return func() string { return x.Name }, err
	})
	user := func(f func(*itinera.User, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.User{TenantID: 1, Email: "pat@example.org", Role: itinera.RoleOfficer}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("user", "name", false, 200, user(func(x *itinera.User, v string) func() string { x.Name = v; return func() string { return x.Name } }))
	add("user", "email", false, 254, user(func(x *itinera.User, v string) func() string { x.Email = v; return func() string { return x.Email } }))
	settings := func(f func(*itinera.Settings, string) func() string) func(string) (func() string, error) {
		return func(v string) (func() string, error) {
			x := itinera.Settings{Name: "St. Louis", TimeZone: "America/Chicago"}
			get := f(&x, v)
			err := x.Validate()
			return get, err
		}
	}
	add("settings", "name", false, 200, settings(func(x *itinera.Settings, v string) func() string { x.Name = v; return func() string { return x.Name } }))
	add("settings", "mail_from_name", false, 200, settings(func(x *itinera.Settings, v string) func() string {
		x.MailFromName = v
		return func() string { return x.MailFromName }
	}))
	add("settings", "mail_from_address", false, 254, settings(func(x *itinera.Settings, v string) func() string {
		x.MailFromAddress = v
		return func() string { return x.MailFromAddress }
	}))
	add("directory filter", "q", false, 200, func(v string) (func() string, error) {
		x := itinera.DirectoryFilter{Query: v}
		err := x.Validate()
		return func() string { return x.Query }, err
	})
	add("directory filter", "topic", false, 200, func(v string) (func() string, error) {
		x := itinera.DirectoryFilter{Topic: v}
		err := x.Validate()
		return func() string { return x.Topic }, err
	})
	add("household filter", "q", false, 200, func(v string) (func() string, error) {
		x := itinera.HouseholdFilter{Query: v}
		err := x.Validate()
		return func() string { return x.Query }, err
	})
	return out
}

// Every text field refuses control characters, invalid UTF-8 and text
// longer than its kind allows, naming the field; single-line fields also
// refuse line breaks, multi-line fields keep them as LF.
func TestTextFields(t *testing.T) {
	t.Parallel()
	for _, tf := range textFields() {
		t.Run(tf.record+"/"+tf.field, func(t *testing.T) {
			t.Parallel()
			// A valid value of the field's own shape, to build bad ones from.
			ok := "Ana"
			if strings.Contains(tf.field, "email") || tf.field == "mail_from_address" {
				ok = "ana@example.org"
			}
			if tf.field == "website" {
				ok = "https://example.org/"
			}
			if get, err := tf.set(ok); itinera.ErrorFields(err)[tf.field] != "" || get() != ok {
				t.Fatalf("valid %q refused or changed: %v, %q", ok, err, get())
			}
			bad := map[string]string{
				"NUL":          "A\x00" + ok,
				"bell":         "A\x07" + ok,
				"escape":       ok + "\x1b[31m",
				"DEL":          "A\x7f" + ok,
				"C1 control":   "A\u0085B" + ok,
				"invalid UTF8": "A\xff\xfe" + ok,
				"too long":     strings.Repeat("a", tf.max+1),
			}
			list := slices.Contains(strings.Fields("objectives languages diets allergies interests topics partners pets can_serve"), tf.field)
			if list {
				// Lists are cleaned first: every run of spaces, tabs and
				// line breaks becomes one space.
				for _, v := range []string{"A\r\nB", "A\nB", "A\tB", "A\u2028B", "A\u0085B"} {
					get, err := tf.set(v)
					if itinera.ErrorFields(err)[tf.field] != "" || get() != "A B" {
						t.Errorf("list item %q: %v, %q", v, err, get())
					}
				}
				delete(bad, "C1 control")
			}
			if !tf.multiLine && !list {
				bad["CRLF"] = "A\r\nBcc: x@example.org " + ok
				bad["LF"] = "A\nB " + ok
				bad["CR"] = "A\rB " + ok
				bad["tab"] = "A\tB " + ok
				bad["line separator"] = "A\u2028B " + ok
			}
			for name, v := range bad {
				_, err := tf.set(v)
				if itinera.ErrorCode(err) != itinera.EINVALID || itinera.ErrorFields(err)[tf.field] == "" {
					t.Errorf("%s (%q): error %v does not name %q", name, v, err, tf.field)
				}
			}
			if tf.multiLine {
				get, err := tf.set("First line\r\nsecond\tline\rthird")
				if itinera.ErrorFields(err)[tf.field] != "" || get() != "First line\nsecond\tline\nthird" {
					t.Errorf("multi-line text: %v, %q", err, get())
				}
			}
			// Exactly the maximum is accepted (counted in characters, not bytes).
			if !strings.Contains(tf.field, "email") && tf.field != "website" && tf.field != "mail_from_address" {
				long := strings.Repeat("é", tf.max)
				if _, err := tf.set(long); itinera.ErrorFields(err)[tf.field] != "" {
					t.Errorf("%d characters refused: %v", tf.max, err)
				}
			}
		})
	}
}

// item returns the i-th item of a list, or "" when it has fewer.
func item(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// TestJoinAnd: names in a sentence.
func TestJoinAnd(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "a", "a|b": "a and b", "a|b|c": "a, b and c"} {
		xs := strings.Split(in, "|")
		if in == "" {
			xs = nil
		}
		if got := itinera.JoinAnd(xs); got != want {
			t.Errorf("JoinAnd(%q) = %q, want %q", xs, got, want)
		}
	}
}
