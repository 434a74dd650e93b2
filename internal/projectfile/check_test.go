package projectfile

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/programfile"
)

// TestCheckStop: a stop package whose content does not hold together is
// refused, by Sign as by Check, naming the part and what is wrong.
func TestCheckStop(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		change func(p *Package)
		want   string
	}{
		{"dates reversed", func(p *Package) {
			p.Route.Stops[0].StartDate, p.Route.Stops[0].EndDate = "2026-05-09", "2026-05-02"
		}, "stop 1 of the route: end_date: The departure date is before the arrival date"},
		{"a date that is not one", func(p *Package) { p.Route.Stops[3].EndDate = "22 May" }, `stop 4 of the route: end_date "22 May" is not a date`},
		{"stops overlapping", func(p *Package) { p.Route.Stops[2].StartDate = "2026-05-12" }, "stop 3 of the route: it starts on 2026-05-12, before stop 2 ends (2026-05-13)"},
		{"stops out of order", func(p *Package) { p.Route.Stops[0].Number, p.Route.Stops[1].Number = 2, 1 }, "the stops are numbered 1, 2, …"},
		{"stop not the route's", func(p *Package) { p.Stop.Organization = "Someone else" }, "the stop: it differs from stop 2 of the route"},
		{"stop outside the route", func(p *Package) { p.Stop.Number = 7 }, "the stop: number 7 is not a stop of the route (1 to 4)"},
		{"unknown time zone", func(p *Package) { p.Route.Stops[3].TimeZone = "America/Seattle" }, `stop 4 of the route: time_zone: "America/Seattle" is not a known time zone`},
		{"no route", func(p *Package) { p.Route = nil }, "a stop package has a route"},
		{"route without stops", func(p *Package) { p.Route.Stops = nil }, "the route: it has no stops"},
		{"travel departing on another day", func(p *Package) {
			p.Route.Travel[0].Departs = p.Route.Travel[0].Departs.Add(-24 * time.Hour)
		}, "travel 1 of the route: it departs on 2026-05-08 (local time), not on the last day of stop 1 (2026-05-09)"},
		{"travel arriving on another day", func(p *Package) {
			p.Route.Travel[0].Arrives = p.Route.Travel[0].Arrives.Add(5 * time.Hour)
		}, "it arrives on 2026-05-10 (local time), not on the first day of stop 2 (2026-05-09)"},
		{"travel arriving before it departs", func(p *Package) {
			p.Route.Travel[1].Arrives = p.Route.Travel[1].Departs.Add(-time.Minute)
		}, "travel 2 of the route: it arrives before it departs"},
		{"travel skipping a stop", func(p *Package) { p.Route.Travel[1].ToStop = 4 }, "it goes from stop 2 to stop 4"},
		{"travel listed twice", func(p *Package) { p.Route.Travel = append(p.Route.Travel, p.Route.Travel[0]) }, "is listed twice"},
		{"travel by boat", func(p *Package) { p.Route.Travel[2].Mode = "boat" }, `travel 3 of the route: mode "boat" is not flight or ground`},
		{"arrival from abroad at the second stop", func(p *Package) {
			p.Route.Travel[0].FromStop = 0
		}, "arrives from outside the route at its first stop, not at stop 2"},
		{"program in another city", func(p *Package) { p.Program.Program.City = "St. Paul" }, "the program: its city, time zone and dates (St. Paul"},
		{"program with meetings", func(p *Package) {
			p.Program.Organizations = []programfile.Organization{{ID: 1, Name: "Org", Kind: "other", Topics: []string{}}}
		}, "a stop package's program has no organizations"},
		{"program with a place that is not the hotel", func(p *Package) {
			p.Program.Places = append(p.Program.Places, programfile.Place{ID: 2, Name: "Arch", Kind: "site"})
		}, "place 2 is not the hotel"},
		{"release in a stop package", func(p *Package) { p.Release = &Release{Version: 1} }, "a stop package has no release"},
		{"no roster", func(p *Package) { p.Roster = nil }, "a stop package has a roster"},
		{"unknown shared field", func(p *Package) {
			p.Roster.SharedFields.Visitors = append(p.Roster.SharedFields.Visitors, "passport_number")
		}, `shared_fields.visitors: "passport_number" is not a field of the program's visitors`},
		{"required field not shared", func(p *Package) {
			p.Roster.SharedFields.Interpreters = []string{"languages"}
		}, `shared_fields.interpreters must list "name"`},
		{"a field filled but not shared", func(p *Package) { p.Program.Visitors[2].Email = "siti@example.org" },
			"visitor 3 of the program (“Siti Rahmawati”): email is filled in, but the roster does not share it"},
		{"a shared field listed twice", func(p *Package) {
			p.Roster.SharedFields.Visitors = append(p.Roster.SharedFields.Visitors, "country")
		}, `"country" is listed twice`},
		{"a visitor missing from the roster", func(p *Package) { p.Roster.Visitors = p.Roster.Visitors[1:] },
			"visitor 1 of the program (“Lucía Ramírez Ortega”): the roster does not list them"},
		{"a roster visitor who is not in the program", func(p *Package) {
			p.Roster.Visitors = append(p.Roster.Visitors, RosterVisitor{ID: 10, Ref: "V-10"})
		}, "roster visitor 10: id 10 is not a visitor of the program"},
		{"a ref used twice", func(p *Package) { p.Roster.Companions[1].Ref = "V-01" }, `ref "V-01" is used twice`},
		{"a ref missing", func(p *Package) { p.Roster.Visitors[0].Ref = "" }, "roster visitor 1: ref: It is missing"},
		{"a companion's role", func(p *Package) { p.Roster.Companions[0].Role = "driver" }, `role "driver" is not interpreter or escort`},
		{"project without a title", func(p *Package) { p.Project.Title = "" }, "the project: title: It is missing"},
		{"project id on two lines", func(p *Package) { p.Project.ID = "IVLP\n2026" }, "the project: id: Enter this on one line"},
		{"issuer without a name", func(p *Package) { p.Issuer.Organization = " " }, "the issuer: organization: It is missing"},
		{"no issue time", func(p *Package) { p.IssuedAt = time.Time{} }, "issued_at: It is missing"},
		{"a program the importer refuses", func(p *Package) { p.Program.Visitors[0].Country = "" }, "the program: The program file cannot be imported"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := stLouisStop(t)
			p.normalize()
			c.change(&p)
			_, err := Sign(p, agencyKey)
			refused(t, err, nil, c.want)
			refused(t, p.Check(), nil, c.want)
		})
	}
}

// TestCheckReturn: the same for a return package, which also leaves out
// what stays with the city.
func TestCheckReturn(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		change func(p *Package)
		want   string
	}{
		{"no release", func(p *Package) { p.Release = nil }, "a return package has the release of the city's program"},
		{"release of an unknown version", func(p *Package) { p.Release.ItineraryVersion = 3 }, "the release: itinerary_version 3 is not an itinerary of the program"},
		{"release without a time", func(p *Package) { p.Release.ReleasedAt = time.Time{} }, "the release: released_at: It is missing"},
		{"a route", func(p *Package) { p.Route = &Route{} }, "a return package has no route or roster"},
		{"requests", func(p *Package) {
			p.Program.Requests = []programfile.Request{{ID: 1, MeetingID: 1, ContactID: 1, Status: "draft", Windows: []programfile.Window{},
				CreatedAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Events: []programfile.Event{}}}
		}, "the program: requests: a return package leaves it out"},
		{"a contact's e-mail", func(p *Package) { p.Program.Contacts[0].Email = "rumi.price@example.org" }, "contact 1: email, phone and notes"},
		{"a meeting's notes", func(p *Package) { p.Program.Meetings[2].Notes = "Ms. Rostami chairs." }, "meeting 3: notes"},
		{"feedback of an unknown role", func(p *Package) { p.Feedback[0].Role = "driver" }, `feedback 1: role "driver" is not visitor`},
		{"feedback of an unknown visitor", func(p *Package) { p.Feedback[0].VisitorID = 12 }, "feedback 1: visitor_id 12 is not a visitor of the program"},
		{"feedback naming a household's visitor", func(p *Package) { p.Feedback[3].VisitorID = 1 }, "feedback 4: visitor_id: the feedback of a host household has none"},
		{"feedback rating a meeting twice", func(p *Package) {
			p.Feedback[0].Meetings = append(p.Feedback[0].Meetings, p.Feedback[0].Meetings[0])
		}, "feedback 1: meetings: Rate only the meetings of your program, each once"},
		{"feedback rating out of range", func(p *Package) { p.Feedback[2].Rating = 6 }, "feedback 3: rating: Choose from 1 (poor) to 5 (excellent)"},
		{"a household rating meetings", func(p *Package) { p.Feedback[3].Meetings = []MeetingRating{{MeetingID: 1, Rating: 3}} }, "only visitors and interpreters rate meetings"},
		{"a visitor saying host again", func(p *Package) { p.Feedback[0].HostAgain = "yes" }, "host_again: only resources and households"},
		{"collaboration of an unknown visitor", func(p *Package) { p.Collaborations[0].VisitorIDs = []int64{1, 40} }, "visitor_ids: 40 is not a visitor of the program"},
		{"collaboration of an unknown kind", func(p *Package) { p.Collaborations[1].Kind = "friendship" }, "collaboration 2 (“Reporting guide shared with the Post-Dispatch”): kind: Choose the kind"},
		{"collaboration with a bad date", func(p *Package) { p.Collaborations[0].StartedOn = "June" }, `started_on "June" is not a date`},
		{"collaboration without a status", func(p *Package) { p.Collaborations[0].Status = "" }, "status is missing"},
		{"program on other dates", func(p *Package) { p.Program.Program.EndDate = "2026-05-14" }, "must be the stop's (St. Louis, America/Chicago, 2026-05-09 to 2026-05-13)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := stLouisReturn(t)
			p.normalize()
			c.change(&p)
			_, err := Sign(p, cityKey)
			refused(t, err, nil, c.want)
		})
	}
}

// TestCheckManyProblems: a message lists at most ten problems and says
// how many more there are.
func TestCheckManyProblems(t *testing.T) {
	t.Parallel()
	p := stLouisStop(t)
	p.normalize()
	for i := range p.Roster.Visitors {
		p.Roster.Visitors[i].Ref = "same"
		p.Program.Visitors[i].Email = "x@example.org"
	}
	err := p.Check()
	refused(t, err, nil, "The project package has 17 problems")
	refused(t, err, nil, "and 7 more problems")
}

// TestSharedFields: the fields a roster may share are the program file's
// visitors' and interpreters' fields but their id — a field added to the
// program file is not shared until an agency lists it — and these lists
// are the ones docs/project-package.md gives.
func TestSharedFields(t *testing.T) {
	t.Parallel()
	wantV := []string{"given_name", "family_name", "country", "position", "organization", "sector", "email", "languages",
		"diets", "allergies", "access_needs", "interests", "fictional"}
	if got := VisitorFields(); !slices.Equal(got, wantV) {
		t.Errorf("visitor fields %q, documented %q: update docs/project-package.md", got, wantV)
	}
	if got := InterpreterFields(); !slices.Equal(got, []string{"name", "email", "phone", "languages"}) {
		t.Errorf("interpreter fields %q: update docs/project-package.md", got)
	}
	def := DefaultSharedFields()
	if slices.Contains(def.Visitors, "email") || len(def.Visitors) != len(wantV)-1 || len(def.Interpreters) != 4 {
		t.Errorf("default shared fields %+v", def)
	}

	f := programfile.File{Visitors: stLouisVisitors(), Interpreters: stLouisCompanions()}
	only := ShareRoster(f, SharedFields{Visitors: []string{"given_name", "family_name", "country", "diets"}, Interpreters: []string{"name"}})
	v := only.Visitors[2]
	if v.GivenName != "Siti" || v.Country != "Indonesia" || !slices.Equal(v.Diets, []string{"halal"}) || v.Email != "" || v.Position != "" ||
		v.Languages == nil || len(v.Languages) != 0 || v.Fictional {
		t.Errorf("shared visitor %+v", v)
	}
	if i := only.Interpreters[0]; i.Name != "Ana Beltrán" || i.Phone != "" || i.Email != "" || len(i.Languages) != 0 {
		t.Errorf("shared interpreter %+v", i)
	}
	if f.Visitors[2].Email == "" {
		t.Error("ShareRoster changed the file it was given")
	}
}

// TestReturnProgram: ReturnProgram leaves out exactly what a return
// package must not carry, and nothing of the itinerary.
func TestReturnProgram(t *testing.T) {
	t.Parallel()
	p := stLouisReturn(t)
	f := p.Program
	f.Contacts[0].Email, f.Contacts[0].Notes = "rumi.price@example.org", "Named in the report."
	f.Organizations[0].Phone = "+1 314 555 0100"
	f.Places[0].Notes = "Meeting room on the lobby level."
	f.Meetings[0].Notes, f.Activities[0].Notes = "Books a room.", "Meet in the lobby."
	f.Households = []programfile.Household{{ID: 1, Name: "The Brennan household"}}
	if len(withheld(f)) != 6 {
		t.Fatalf("withheld %q", withheld(f))
	}
	r := ReturnProgram(f)
	if w := withheld(r); len(w) != 0 {
		t.Errorf("still carried: %q", w)
	}
	if f.Contacts[0].Email == "" {
		t.Error("ReturnProgram changed the file it was given")
	}
	r.Contacts, r.Organizations, r.Places, r.Meetings, r.Activities = f.Contacts, f.Organizations, f.Places, f.Meetings, f.Activities
	r.Households = f.Households
	if !reflect.DeepEqual(r, f) {
		t.Error("ReturnProgram left out more than it should")
	}
	p.Program = ReturnProgram(f)
	if _, err := Sign(p, cityKey); err != nil {
		t.Error(err)
	}
}

// TestSignRefusesBadKeys: Sign needs an Ed25519 private key; its refusal
// of a bad one is the caller's mistake (EINTERNAL), not the officer's.
func TestSignRefusesBadKeys(t *testing.T) {
	t.Parallel()
	_, err := Sign(stLouisStop(t), agencyKey[:10])
	if err == nil || itinera.ErrorCode(err) != itinera.EINTERNAL {
		t.Errorf("signed with a short key: %v", err)
	}
	if !strings.Contains(err.Error(), "not an Ed25519 private key") {
		t.Error(err)
	}
}
