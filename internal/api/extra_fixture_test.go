package api

import (
	"context"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// extraFixture is what the hospitality, feed and administration routes act
// on, in tenant A: a program still to come (so that its evening can change)
// with two visitors and an interpreter; three households — two approved,
// one pending; an evening of that program to which the first household is
// invited; a pair of its visitors; a program feed; an administrator in each
// tenant; and a viewer with an API token. It is made on first use
// (e.more()), so that tests counting tenant A's records see mustEnv's only.
type extraFixture struct {
	// projects: the project routes' records (projects_test.go).
	projects *projectsFixture

	adminA, adminB string // API tokens
	admin          itinera.User
	program        itinera.Program
	visitors       [2]itinera.Visitor
	interpreter    itinera.Interpreter
	household      itinera.HostHousehold // approved, invited to the evening
	spare          itinera.HostHousehold // approved, not invited
	pending        itinera.HostHousehold
	evening        itinera.HospitalityEvening
	pair           itinera.HospitalityPair
	feed           itinera.Feed
	feedToken      string
	user           itinera.User           // a viewer
	userToken      string                 // an API token of user
	token          int64                  // its id
	imported       itinera.Import         // of a place, which it created
	far            itinera.Place          // a second place, the end of a travel time
	collaboration  itinera.Collaboration  // what followed the extra program
	received       itinera.InboundMessage // an unmatched e-mail tenant A received
	thankYou       itinera.ThankYou       // a draft letter to the extra program's household
}

// more returns the extra fixture, making it on first use.
func (e *env) more() *extraFixture {
	e.t.Helper()
	if e.extra != nil {
		return e.extra
	}
	ctx := context.Background()
	s, t, a := e.store, e.t, e.tenantA.ID
	x := &extraFixture{}
	x.adminA = e.mustToken(a, "admin@stl.example.org", itinera.RoleAdmin)
	x.adminB = e.mustToken(e.tenantB.ID, "admin@kc.example.org", itinera.RoleAdmin)
	admin, _, err := s.UserByEmail(ctx, "admin@stl.example.org")
	must(t, err)
	x.admin = admin

	x.program = itinera.Program{TenantID: a, Title: "Civic Engagement in Practice", ProjectType: "IVLP", City: "St. Louis",
		TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-12"), EndDate: itinera.MustDate("2026-12-16"),
		Objectives: []string{"civic engagement"}, HotelPlaceID: e.place.ID}
	must(t, s.CreateProgram(ctx, &x.program))
	x.far = itinera.Place{TenantID: a, Name: "Cahokia Mounds", Kind: itinera.PlaceSite,
		Address: "30 Ramey St, Collinsville, IL 62234", Lat: 38.6551, Lon: -90.0618}
	must(t, s.CreatePlace(ctx, &x.far))
	x.visitors = [2]itinera.Visitor{
		{TenantID: a, ProgramID: x.program.ID, GivenName: "Mei", FamilyName: "Tanaka", Country: "Japan",
			Languages: []string{"Japanese", "English"}, Fictional: true},
		{TenantID: a, ProgramID: x.program.ID, GivenName: "Kofi", FamilyName: "Mensah", Country: "Ghana",
			Languages: []string{"English"}, Fictional: true},
	}
	for i := range x.visitors {
		must(t, s.CreateVisitor(ctx, &x.visitors[i]))
	}
	x.interpreter = itinera.Interpreter{TenantID: a, ProgramID: x.program.ID, Name: "Hanna Berg", Languages: []string{"English", "Japanese"}}
	must(t, s.CreateInterpreter(ctx, &x.interpreter))

	household := func(name string, lat float64, st itinera.HouseholdStatus) itinera.HostHousehold {
		_, hash, err := auth.NewToken()
		must(t, err)
		h := itinera.HostHousehold{TenantID: a, Name: name, Address: "4000 Russell Blvd, St. Louis, MO", Lat: lat, Lon: -90.25,
			ContactName: "Pat " + name, Email: "host" + id(int64(lat*1000)) + "@example.org", Languages: []string{"English"},
			CanServe: []string{"vegetarian"}, Capacity: 4, FreeWeekdays: []time.Weekday{time.Sunday}}
		must(t, s.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hash, ExpiresAt: storetest.Clock.Add(24 * time.Hour)}))
		if st != itinera.HouseholdPending {
			must(t, s.SetHouseholdStatus(ctx, a, h.ID, st))
		}
		h, err = s.Household(ctx, a, h.ID)
		must(t, err)
		return h
	}
	x.household = household("The Lindell household", 38.61, itinera.HouseholdApproved)
	x.spare = household("The Tower Grove household", 38.62, itinera.HouseholdApproved)
	x.pending = household("The Shaw household", 38.63, itinera.HouseholdPending)

	loc := x.program.Location()
	x.evening = itinera.HospitalityEvening{TenantID: a, ProgramID: x.program.ID,
		Start: time.Date(2026, 12, 13, 17, 30, 0, 0, loc), End: time.Date(2026, 12, 13, 21, 0, 0, 0, loc),
		VisitorIDs: []int64{x.visitors[0].ID, x.visitors[1].ID}, InterpreterIDs: []int64{x.interpreter.ID}}
	must(t, s.CreateEvening(ctx, &x.evening))
	must(t, s.InviteHouseholds(ctx, a, x.evening.ID, []int64{x.household.ID}))
	x.pair = itinera.HospitalityPair{TenantID: a, ProgramID: x.program.ID, VisitorA: x.visitors[0].ID, VisitorB: x.visitors[1].ID,
		Kind: itinera.PairTogether}
	must(t, s.CreatePair(ctx, &x.pair))

	token, hash, err := auth.NewToken()
	must(t, err)
	x.feedToken = token
	x.feed = itinera.Feed{TenantID: a, ProgramID: x.program.ID, Kind: itinera.FeedProgram, TokenHash: hash}
	must(t, s.IssueFeed(ctx, &x.feed))

	x.user = itinera.User{TenantID: a, Email: "viewer2@stl.example.org", Name: "Second Viewer", Role: itinera.RoleViewer}
	must(t, s.CreateUser(ctx, &x.user, "not-a-real-hash"))
	token, hash, err = auth.NewToken()
	must(t, err)
	tk := itinera.APIToken{UserID: x.user.ID, Name: "Spreadsheet", TokenHash: hash}
	must(t, s.CreateAPIToken(ctx, &tk))
	x.userToken, x.token = token, tk.ID

	hall := itinera.Place{TenantID: a, Name: "Imported Hall", Kind: itinera.PlaceVenue, Address: "1 Market St", Lat: 38.6, Lon: -90.2}
	must(t, s.CreatePlace(ctx, &hall))
	x.imported = itinera.Import{TenantID: a, Kind: itinera.ImportPlaces, FileName: "places.csv", UserID: admin.ID,
		CreatedAt: storetest.Clock, Created: 1}
	must(t, s.SaveImport(ctx, &x.imported, []itinera.ImportedRecord{{RecordID: hall.ID, Created: true, Version: 1}}))

	x.collaboration = itinera.Collaboration{TenantID: a, ProgramID: x.program.ID, Kind: itinera.CollabJointProject, Title: "Shelter twinning",
		VisitorIDs: []int64{x.visitors[0].ID}, OrganizationIDs: []int64{e.org.ID}, Countries: []string{"Japan"}, RecordedBy: "staff"}
	must(t, s.CreateCollaboration(ctx, &x.collaboration))
	x.thankYou = itinera.ThankYou{TenantID: a, ProgramID: x.program.ID, Role: itinera.FeedbackHousehold, PersonID: x.household.ID,
		Name: x.household.Name, Email: x.household.Email, Subject: "Thank you", Body: "Dear hosts,\n\nThank you for the evening."}
	_, err = s.DraftThankYou(ctx, &x.thankYou)
	must(t, err)

	x.received = itinera.InboundMessage{TenantID: a, MessageID: "<loose@example.org>", ReceivedAt: time.Now().UTC(),
		From: "someone@example.org", Subject: "A question", Kind: itinera.InboundMail, Outcome: "Not matched.", Text: "Hello."}
	must(t, s.RecordInbound(ctx, &x.received))
	e.extra = x
	return x
}
