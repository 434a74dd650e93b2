package projectfile

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"itinera/internal/programfile"
)

// The golden packages are the seed's St. Louis stop of the IVLP project
// "Combating Trafficking in Persons" (names as in internal/demo; the
// visitors, the interpreter, the escort, the agency and the other cities'
// organizations are fictional), on fixed dates: Washington from Saturday
// 2 May 2026, St. Louis from Saturday 9 to Wednesday 13 May, then Kansas
// City and Seattle. Travel times are made up for the tests.

// testKey is a fixed key for the tests, never one to trust: its seed is
// the SHA-256 of its name.
func testKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("itinera projectfile test key: " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

var (
	agencyKey = testKey("agency")
	cityKey   = testKey("city")
)

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	x, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

var stLouisProject = Project{ID: "IVLP-2026-TIP-05", Title: "Combating Trafficking in Persons",
	Theme: "Human trafficking: prevention, prosecution and the protection of survivors",
	Objectives: []string{"prosecution of traffickers", "victim services and resources", "mental health",
		"local vs. national hotlines", "policy and legislation", "public awareness", "media and reporting", "community education"}}

var stLouisRoute = []Stop{
	{Number: 1, City: "Washington", TimeZone: "America/New_York", StartDate: "2026-05-02", EndDate: "2026-05-09",
		Organization: "Atlas Exchange Programs (demo)"},
	{Number: 2, City: "St. Louis", TimeZone: "America/Chicago", StartDate: "2026-05-09", EndDate: "2026-05-13",
		Organization: "Gateway Global Hospitality (demo)"},
	{Number: 3, City: "Kansas City", TimeZone: "America/Chicago", StartDate: "2026-05-13", EndDate: "2026-05-17",
		Organization: "Heartland International Visitors (demo)"},
	{Number: 4, City: "Seattle", TimeZone: "America/Los_Angeles", StartDate: "2026-05-17", EndDate: "2026-05-22",
		Organization: "Cascade Global Hosts (demo)"},
}

// stLouisVisitors are the demo's nine visitors with every field the
// agency has; the stop package shares all but their e-mail.
func stLouisVisitors() []programfile.Visitor {
	v := func(id int64, given, family, country, position, org, sector, email string, langs, diets, allergies []string, access string, interests []string) programfile.Visitor {
		return programfile.Visitor{ID: id, GivenName: given, FamilyName: family, Country: country, Position: position,
			Organization: org, Sector: sector, Email: email, Languages: langs, Diets: orEmpty(diets), Allergies: orEmpty(allergies),
			AccessNeeds: access, Interests: interests, Fictional: true}
	}
	return []programfile.Visitor{
		v(1, "Lucía", "Ramírez Ortega", "Mexico", "Prosecutor, specialized unit for trafficking in persons", "State Attorney General's Office, Jalisco",
			"Law enforcement and justice", "lucia.ramirez@example.org", []string{"Spanish"}, nil, []string{"dogs"},
			"Speaks little English; follows meetings through the interpreter.",
			[]string{"prosecution of traffickers", "U.S. citizen and foreign national victims", "victim services and resources"}),
		v(2, "Adaeze", "Okonkwo", "Nigeria", "Senior investigator", "National anti-trafficking agency", "Law enforcement and justice",
			"adaeze.okonkwo@example.org", []string{"English", "Igbo"}, nil, []string{"cats"}, "",
			[]string{"prosecution of traffickers", "local vs. national hotlines", "public awareness"}),
		v(3, "Siti", "Rahmawati", "Indonesia", "Director, shelter for returning migrant workers", "Migrant workers' support NGO", "Civil society",
			"siti.rahmawati@example.org", []string{"Indonesian", "English"}, []string{"halal"}, nil, "",
			[]string{"victim services and resources", "mental health", "U.S. citizen and foreign national victims"}),
		v(4, "Priya", "Raghunathan", "India", "Social worker, child protection", "Child rights NGO, Chennai", "Civil society",
			"priya.raghunathan@example.org", []string{"Tamil", "English", "Hindi"}, []string{"vegetarian"}, nil, "",
			[]string{"mental health", "victim services and resources", "community education"}),
		v(5, "Olena", "Kovalenko", "Ukraine", "Senior inspector, counter-trafficking unit", "National Police", "Law enforcement and justice",
			"olena.kovalenko@example.org", []string{"Ukrainian", "English", "Russian"}, nil, []string{"peanuts"}, "",
			[]string{"prosecution of traffickers", "local vs. national hotlines", "policy and legislation"}),
		v(6, "Youssef", "El Amrani", "Morocco", "Investigative journalist", "Independent news website", "Media",
			"youssef.elamrani@example.org", []string{"Arabic", "French", "English"}, []string{"halal"}, nil, "",
			[]string{"media and reporting", "public awareness", "policy and legislation"}),
		v(7, "Maria Clara", "Santos", "Brazil", "Federal labour inspector", "Labour inspection service", "Government",
			"mariaclara.santos@example.org", []string{"Portuguese", "Spanish", "English"}, nil, nil, "",
			[]string{"policy and legislation", "prosecution of traffickers", "victim services and resources"}),
		v(8, "Awa", "Koné", "Côte d'Ivoire", "Coordinator, community awareness programs", "Women's rights association, Abidjan", "Civil society",
			"awa.kone@example.org", []string{"French", "English"}, nil, nil, "",
			[]string{"community education", "public awareness", "faith communities"}),
		v(9, "Aigerim", "Bekova", "Kazakhstan", "Policy adviser on trafficking legislation", "Parliamentary committee staff", "Legislature",
			"aigerim.bekova@example.org", []string{"Kazakh", "Russian", "English"}, nil, []string{"dogs"}, "",
			[]string{"policy and legislation", "local vs. national hotlines", "mental health"}),
	}
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func stLouisCompanions() []programfile.Interpreter {
	return []programfile.Interpreter{
		{ID: 1, Name: "Ana Beltrán", Email: "ana.beltran@example.org", Phone: "+1 314 555 0142", Languages: []string{"English", "Spanish"}},
		{ID: 2, Name: "Daniel Mercer", Email: "daniel.mercer@example.org", Phone: "+1 202 555 0187", Languages: []string{"English", "French"}},
	}
}

func stLouisProgram(status string) programfile.Program {
	return programfile.Program{Title: "Combating Trafficking in Persons", ProjectType: "IVLP",
		Description: "International Visitor Leadership Program project for nine professionals who work against human trafficking. " +
			"This is the St. Louis stop of a multi-city program. Demo data: the visitors, the interpreter and the escort are fictional.",
		Objectives: stLouisProject.Objectives, City: "St. Louis", TimeZone: "America/Chicago",
		StartDate: "2026-05-09", EndDate: "2026-05-13", HotelPlaceID: 1, Status: status}
}

var stLouisHotel = programfile.Place{ID: 1, Name: "Hyatt Regency St. Louis at The Arch", Kind: "hotel",
	Address: "315 Chestnut St, St. Louis, MO 63102", Lat: 38.6262, Lon: -90.1887}

// stLouisStop is the agency's stop package for St. Louis.
func stLouisStop(t testing.TB) Package {
	issued := mustTime(t, "2026-04-20T15:00:00Z")
	f := programfile.File{Format: programfile.Format, Version: programfile.Version, ExportedAt: issued,
		Program: stLouisProgram("planning"),
		Days:    []programfile.Day{}, Places: []programfile.Place{stLouisHotel}, Organizations: []programfile.Organization{},
		Contacts: []programfile.Contact{}, Visitors: stLouisVisitors(), Interpreters: stLouisCompanions(),
		Meetings: []programfile.Meeting{}, Activities: []programfile.Activity{}, Itineraries: []programfile.Itinerary{},
		Requests: []programfile.Request{}, Households: []programfile.Household{}, Evenings: []programfile.Evening{},
		Pairs: []programfile.Pair{}}
	shared := DefaultSharedFields()
	f = ShareRoster(f, shared)
	roster := &Roster{SharedFields: shared,
		Companions: []RosterCompanion{{ID: 1, Ref: "I-01", Role: RoleInterpreter}, {ID: 2, Ref: "E-01", Role: RoleEscort}}}
	for _, v := range f.Visitors {
		roster.Visitors = append(roster.Visitors, RosterVisitor{ID: v.ID, Ref: "V-0" + string(rune('0'+v.ID))})
	}
	return Package{Format: Format, Version: Version, Kind: KindStop, IssuedAt: issued,
		Issuer:  Issuer{Organization: "Atlas Exchange Programs (demo)", KeyID: KeyID(PublicKey(agencyKey))},
		Project: stLouisProject, Stop: stLouisRoute[1],
		Route: &Route{Stops: stLouisRoute, Travel: []Leg{
			{FromStop: 1, ToStop: 2, Mode: ModeFlight, Departs: mustTime(t, "2026-05-09T23:05:00Z"), Arrives: mustTime(t, "2026-05-10T01:40:00Z"),
				Note: "Flight from Washington Reagan National (DCA) to St. Louis Lambert (STL); demo times"},
			{FromStop: 2, ToStop: 3, Mode: ModeGround, Departs: mustTime(t, "2026-05-13T14:10:00Z"), Arrives: mustTime(t, "2026-05-13T19:50:00Z"),
				Note: "Amtrak Missouri River Runner, St. Louis to Kansas City Union Station; demo times"},
			{FromStop: 3, ToStop: 4, Mode: ModeFlight, Departs: mustTime(t, "2026-05-17T17:15:00Z"), Arrives: mustTime(t, "2026-05-17T21:05:00Z"),
				Note: "Flight from Kansas City (MCI) to Seattle-Tacoma (SEA); demo times"},
		}},
		Roster:  roster,
		Program: f,
	}
}

// stLouisReturn is the city's return package after the visit: its
// released program, the feedback and two collaborations.
func stLouisReturn(t testing.TB) Package {
	stop := stLouisStop(t)
	w := func(from, to string) programfile.Window {
		return programfile.Window{Start: mustTime(t, from), End: mustTime(t, to)}
	}
	f := stop.Program
	f.ExportedAt = mustTime(t, "2026-05-27T16:00:00Z")
	f.Program = stLouisProgram("completed")
	f.Places = []programfile.Place{stLouisHotel,
		{ID: 2, Name: "Gateway Arch (Museum at the Gateway Arch)", Kind: "site", Address: "11 N 4th St, St. Louis, MO 63102", Lat: 38.6251, Lon: -90.1868},
		{ID: 3, Name: "Saint Louis Art Museum", Kind: "site", Address: "1 Fine Arts Dr, St. Louis, MO 63110", Lat: 38.6393, Lon: -90.2944},
		{ID: 4, Name: "Washington University School of Medicine", Kind: "venue", Address: "660 S Euclid Ave, St. Louis, MO 63110", Lat: 38.6355, Lon: -90.2628},
		{ID: 5, Name: "St. Louis Post-Dispatch newsroom", Kind: "office", Address: "901 N 10th St, St. Louis, MO 63101", Lat: 38.6318, Lon: -90.1937},
		{ID: 6, Name: "St. Louis County Library Headquarters", Kind: "venue", Address: "1640 S Lindbergh Blvd, St. Louis, MO 63131", Lat: 38.6297, Lon: -90.4035},
		{ID: 7, Name: "St. Louis Public Library, Central Library", Kind: "venue", Address: "1301 Olive St, St. Louis, MO 63103", Lat: 38.6293, Lon: -90.1983},
	}
	org := func(id int64, name, kind, website string, place int64, topics ...string) programfile.Organization {
		return programfile.Organization{ID: id, Name: name, Kind: kind, Website: website, PlaceID: place, Topics: topics}
	}
	f.Organizations = []programfile.Organization{
		org(1, "Washington University School of Medicine", "academic", "https://medicine.wustl.edu", 4, "healthcare", "mental health"),
		org(2, "St. Louis Post-Dispatch", "media", "https://www.stltoday.com", 5, "media and reporting", "public awareness"),
		org(3, "Gateway Human Trafficking", "nonprofit", "", 0, "community education", "faith communities"),
		org(4, "Healing Action Network", "nonprofit", "", 0, "public awareness", "victim services and resources"),
		org(5, "International Institute of St. Louis", "nonprofit", "https://www.iistl.org", 0, "U.S. citizen and foreign national victims"),
		org(6, "St. Charles County Prosecuting Attorney", "government", "", 0, "prosecution of traffickers"),
		org(7, "Interfaith Partnership of Greater St. Louis", "faith", "https://interfaithstl.org", 0, "faith communities"),
	}
	f.Contacts = []programfile.Contact{
		{ID: 1, OrganizationID: 1, Name: "Dr. Rumi Price", Title: "Professor of Psychiatry"},
		{ID: 2, OrganizationID: 2, Name: "Dana Whitcomb", Title: "Reporter, courts and public safety"},
		{ID: 3, OrganizationID: 3, Name: "Shima Rostami", Title: "Executive Director"},
		{ID: 4, OrganizationID: 4, Name: "Renee Calloway", Title: "Community education lead"},
	}
	meeting := func(id int64, title string, host, contact int64, partners []int64, place int64, minutes int, win programfile.Window, topics ...string) programfile.Meeting {
		return programfile.Meeting{ID: id, Title: title, HostOrganizationID: host, ContactID: contact, PartnerOrganizationIDs: partners,
			PlaceID: place, Topics: topics, DurationMinutes: minutes, Audience: "The delegation, the interpreter and the escort",
			Priority: 5, Status: "confirmed", Windows: []programfile.Window{win}}
	}
	f.Meetings = []programfile.Meeting{
		meeting(1, "Washington University Human Trafficking Collaborative Network", 1, 1, []int64{5}, 4, 120,
			w("2026-05-11T14:00:00Z", "2026-05-11T17:00:00Z"), "healthcare", "mental health", "victim services and resources"),
		meeting(2, "Reporting on trafficking investigations and prosecutions", 2, 2, []int64{}, 5, 90,
			w("2026-05-11T18:30:00Z", "2026-05-11T21:30:00Z"), "media and reporting", "public awareness"),
		meeting(3, "Gateway Human Trafficking and its partners", 3, 3, []int64{6, 7}, 6, 120,
			w("2026-05-12T14:30:00Z", "2026-05-12T17:30:00Z"), "faith communities", "prosecution of traffickers", "community education"),
		meeting(4, "Healing Action Network: awareness and community education", 4, 4, []int64{}, 7, 90,
			w("2026-05-12T18:30:00Z", "2026-05-12T22:00:00Z"), "public awareness", "community education"),
	}
	activity := func(id int64, title, kind string, place int64, minutes int, win programfile.Window) programfile.Activity {
		return programfile.Activity{ID: id, Title: title, Kind: kind, PlaceID: place, Topics: []string{}, DurationMinutes: minutes,
			Priority: 5, Mandatory: kind != "cultural", Status: "confirmed", Windows: []programfile.Window{win}}
	}
	f.Activities = []programfile.Activity{
		activity(1, "Arrival and hotel check-in", "travel", 1, 60, w("2026-05-10T02:00:00Z", "2026-05-10T03:30:00Z")),
		activity(2, "Gateway Arch: tram ride to the top and museum", "cultural", 2, 150, w("2026-05-10T14:00:00Z", "2026-05-10T18:00:00Z")),
		activity(3, "Saint Louis Art Museum", "cultural", 3, 150, w("2026-05-10T15:00:00Z", "2026-05-10T22:00:00Z")),
		activity(4, "Home-hospitality dinners", "hospitality", 1, 210, w("2026-05-10T22:30:00Z", "2026-05-11T02:00:00Z")),
		activity(5, "Hotel check-out and transfer to the Amtrak station", "travel", 1, 45, w("2026-05-13T13:00:00Z", "2026-05-13T14:00:00Z")),
	}
	item := func(meeting, activity int64, from, to string, travel int) programfile.Item {
		return programfile.Item{MeetingID: meeting, ActivityID: activity, Start: mustTime(t, from), End: mustTime(t, to),
			TravelMinutes: travel, Pinned: true, Sequence: 1}
	}
	f.Itineraries = []programfile.Itinerary{{Version: 1, CreatedAt: mustTime(t, "2026-04-28T14:00:00Z"), Note: "Released to the delegation",
		Items: []programfile.Item{
			item(0, 1, "2026-05-10T02:00:00Z", "2026-05-10T03:00:00Z", 0),
			item(0, 2, "2026-05-10T14:45:00Z", "2026-05-10T17:15:00Z", 5),
			item(0, 3, "2026-05-10T19:00:00Z", "2026-05-10T21:30:00Z", 20),
			item(0, 4, "2026-05-10T22:30:00Z", "2026-05-11T02:00:00Z", 20),
			item(1, 0, "2026-05-11T14:30:00Z", "2026-05-11T16:30:00Z", 15),
			item(2, 0, "2026-05-11T19:00:00Z", "2026-05-11T20:30:00Z", 15),
			item(3, 0, "2026-05-12T15:00:00Z", "2026-05-12T17:00:00Z", 30),
			item(4, 0, "2026-05-12T19:30:00Z", "2026-05-12T21:00:00Z", 30),
			item(0, 5, "2026-05-13T13:00:00Z", "2026-05-13T13:45:00Z", 0),
		}}}
	return Package{Format: Format, Version: Version, Kind: KindReturn, IssuedAt: mustTime(t, "2026-05-27T16:00:00Z"),
		Issuer:  Issuer{Organization: "Gateway Global Hospitality (demo)", KeyID: KeyID(PublicKey(cityKey))},
		Project: stLouisProject, Stop: stLouisRoute[1],
		Release: &Release{Version: 1, ItineraryVersion: 1, ReleasedAt: mustTime(t, "2026-04-28T15:00:00Z"), Note: "The program as the delegation received it."},
		Program: f,
		Feedback: []Feedback{
			{Role: "visitor", VisitorID: 1, Rating: 5, Comment: "The meeting with the prosecutors' partners answered questions we have had for years.",
				Meetings:   []MeetingRating{{MeetingID: 1, Rating: 5, Comment: "Very useful."}, {MeetingID: 3, Rating: 5, Comment: ""}},
				AnsweredAt: mustTime(t, "2026-05-18T09:12:00Z")},
			{Role: "interpreter", InterpreterID: 1, Rating: 4, Comment: "Good pace; the Monday afternoon was tight.",
				Meetings:   []MeetingRating{{MeetingID: 2, Rating: 4, Comment: ""}},
				AnsweredAt: mustTime(t, "2026-05-16T20:40:00Z")},
			{Role: "resource", OrganizationID: 1, Rating: 5, HostAgain: "yes", Comment: "Our partners would welcome another group.",
				AnsweredAt: mustTime(t, "2026-05-15T14:05:00Z")},
			{Role: "household", Rating: 5, HostAgain: "yes", Comment: "A wonderful evening.", AnsweredAt: mustTime(t, "2026-05-14T18:30:00Z")},
		},
		Collaborations: []Collaboration{
			{Kind: "training", Status: "planned", Title: "Webinar on victim-centred prosecution for Jalisco prosecutors",
				Description: "St. Charles County prosecutors present their case preparation with survivors to the unit in Jalisco.",
				VisitorIDs:  []int64{1}, Organizations: []string{"St. Charles County Prosecuting Attorney"}, Countries: []string{"Mexico"},
				StartedOn: "2026-06-15"},
			{Kind: "exchange of materials", Status: "done", Title: "Reporting guide shared with the Post-Dispatch",
				Description: "Youssef El Amrani and Dana Whitcomb exchanged their newsrooms' guides on reporting on trafficking survivors.",
				VisitorIDs:  []int64{6}, Organizations: []string{"St. Louis Post-Dispatch"}, Countries: []string{"Morocco"}},
		},
	}
}
