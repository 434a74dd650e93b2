package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

var ctx = context.Background()

const password = "correct horse battery"

// env is a web UI on a real, migrated SQLite store with two tenants.
type env struct {
	t     *testing.T
	store *store.Store
	ui    *UI
	srv   *httptest.Server
	logs  *syncBuffer

	a, b fixture // tenant A (fully populated) and tenant B (its own program)
}

// fixture is one tenant's users and records.
type fixture struct {
	tenant                 itinera.Tenant
	officer, viewer, admin itinera.User
	place                  itinera.Place
	org, partner           itinera.Organization
	contact                itinera.Contact
	program                itinera.Program
	visitor                itinera.Visitor
	interpreter            itinera.Interpreter
	meeting                itinera.Meeting
	activity               itinera.Activity
	request                itinera.Request        // a draft request for meeting
	received               itinera.InboundMessage // an e-mail the tenant received, dismissed
	outbox                 itinera.OutboxMessage
	feed                   itinera.Feed
	household              itinera.HostHousehold      // approved, invited to evening
	evening                itinera.HospitalityEvening // with visitor and interpreter
	token                  itinera.APIToken           // the officer's API token
	imported               itinera.Import             // an import of a place (not the fixture's)
	upload                 itinera.ImportUpload       // a file waiting to be imported
	collaboration          itinera.Collaboration      // what followed program
	feedbackToken          string                     // the visitor's feedback link's token
	thankYou               itinera.ThankYou           // a draft to the contact
	// A national agency's project whose stop is program, accepted, with
	// its two grants (the roster to the tenant, the program to the agency).
	project      itinera.Project
	stop         itinera.ProjectStop
	programGrant itinera.ProjectGrant
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var cheapHasher = auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}

func services(s *store.Store) itinera.Services {
	return s.Services()
}

// mustApp is the application layer on svc (the store's services, perhaps
// with one swapped) and the store's transactions.
func mustApp(t testing.TB, s *store.Store, svc itinera.Services, log *slog.Logger) *app.App {
	t.Helper()
	a, err := app.New(app.Config{Store: svc, Tx: s, Logger: log, Now: storetest.Now, Hasher: cheapHasher})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// mustServe starts the UI on the test store (storetest.Default), optionally
// with services changed by edit.
func mustServe(t *testing.T, edit func(*itinera.Services)) *env {
	t.Helper()
	return mustServeOn(t, storetest.Default(t), edit, nil)
}

// forBothStores runs f on a UI over SQLite and one over PostgreSQL, with
// rate limits that never bite.
func forBothStores(t *testing.T, f func(t *testing.T, e *env)) {
	t.Helper()
	open := func() *auth.Limiter { return auth.NewLimiter(1<<30, time.Nanosecond, storetest.Now) }
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f(t, mustServeOn(t, s, nil, func(c *Config) {
				c.LoginLimiter, c.Requests.Limiter, c.Hosts.SignUpLimiter = open(), open(), open()
			}))
		})
	}
}

// mustServeOn starts the UI on s, optionally with services changed by edit
// and configuration changed by config.
func mustServeOn(t *testing.T, s *store.Store, edit func(*itinera.Services), config func(*Config)) *env {
	t.Helper()
	e := &env{t: t, store: s, logs: &syncBuffer{}}
	// As `itinera serve` does: pages are kept while the database is
	// unchanged (keptPage), so every test also checks that a change shows.
	watch, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	s.WatchChanges(watch)
	svc := services(e.store)
	if edit != nil {
		edit(&svc)
	}
	log := slog.New(slog.NewTextHandler(e.logs, nil))
	cfg := Config{App: mustApp(t, e.store, svc, log), Logger: log, Now: storetest.Now, Hasher: cheapHasher}
	if config != nil {
		config(&cfg)
	}
	var err error
	e.ui, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	e.ui.Register(mux)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	e.a = e.mustFixture("alpha", true)
	e.b = e.mustFixture("beta", false)
	return e
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) mustUser(tenant int64, email string, role itinera.Role) itinera.User {
	e.t.Helper()
	h, err := cheapHasher.Hash(password)
	must(e.t, err)
	u := itinera.User{TenantID: tenant, Email: email, Name: strings.Split(email, "@")[0], Role: role}
	must(e.t, e.store.CreateUser(ctx, &u, h))
	return u
}

func (e *env) mustFixture(slug string, full bool) fixture {
	t, s := e.t, e.store
	t.Helper()
	f := fixture{tenant: itinera.Tenant{Slug: slug, Name: "Org " + slug, TimeZone: "America/Chicago"}}
	must(t, s.CreateTenant(ctx, &f.tenant))
	tid := f.tenant.ID
	f.officer = e.mustUser(tid, "officer@"+slug+".example.org", itinera.RoleOfficer)
	f.viewer = e.mustUser(tid, "viewer@"+slug+".example.org", itinera.RoleViewer)
	f.admin = e.mustUser(tid, "admin@"+slug+".example.org", itinera.RoleAdmin)
	_, tokenHash, err := auth.NewToken()
	must(t, err)
	f.token = itinera.APIToken{UserID: f.officer.ID, Name: "reports " + slug, TokenHash: tokenHash}
	must(t, s.CreateAPIToken(ctx, &f.token))
	f.place = itinera.Place{TenantID: tid, Name: "Gateway Arch " + slug, Kind: itinera.PlaceSite,
		Address: "11 N 4th St, St. Louis, MO", Lat: 38.6247, Lon: -90.1848}
	must(t, s.CreatePlace(ctx, &f.place))
	hall := itinera.Place{TenantID: tid, Name: "Imported Hall " + slug, Kind: itinera.PlaceVenue, Address: "1 Market St", Lat: 38.6, Lon: -90.2}
	must(t, s.CreatePlace(ctx, &hall))
	f.imported = itinera.Import{TenantID: tid, Kind: itinera.ImportPlaces, FileName: "places-" + slug + ".csv", UserID: f.officer.ID,
		CreatedAt: storetest.Clock, Created: 1}
	must(t, s.SaveImport(ctx, &f.imported, []itinera.ImportedRecord{{RecordID: hall.ID, Created: true, Version: 1}}))
	f.upload = itinera.ImportUpload{TenantID: tid, Kind: itinera.ImportPlaces, FileName: "more-places-" + slug + ".csv",
		Data:   []byte("Name,Kind,Address,Latitude,Longitude\nCity Museum " + slug + ",site,750 N 16th St,38.6336,-90.2006\n"),
		UserID: f.officer.ID, CreatedAt: storetest.Clock}
	must(t, s.SaveImportUpload(ctx, &f.upload, storetest.Clock.Add(-48*time.Hour)))
	f.org = itinera.Organization{TenantID: tid, Name: "Gateway Human Trafficking " + slug, Kind: itinera.OrgNonprofit,
		PlaceID: f.place.ID, Topics: []string{"Victim services", "Public awareness"}}
	must(t, s.CreateOrganization(ctx, &f.org))
	f.partner = itinera.Organization{TenantID: tid, Name: "Interfaith Partnership " + slug, Kind: itinera.OrgFaith,
		Topics: []string{"Faith communities"}}
	must(t, s.CreateOrganization(ctx, &f.partner))
	f.contact = itinera.Contact{TenantID: tid, OrganizationID: f.org.ID, Name: "Shima Rostami " + slug, Title: "Executive Director"}
	must(t, s.CreateContact(ctx, &f.contact))
	f.program = itinera.Program{TenantID: tid, Title: "Combating Trafficking in Persons " + slug, ProjectType: "IVLP",
		City: "St. Louis", TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-12-05"),
		EndDate: itinera.MustDate("2026-12-09"), HotelPlaceID: f.place.ID, Objectives: []string{"Victim services"}}
	must(t, s.CreateProgram(ctx, &f.program))
	if !full {
		return f
	}
	loc := f.program.Location()
	mon := itinera.MustDate("2026-12-07")
	f.visitor = itinera.Visitor{TenantID: tid, ProgramID: f.program.ID, GivenName: "Ana", FamilyName: "Pereira",
		Country: "Brazil", Languages: []string{"Portuguese", "English"}, Diets: []string{"vegetarian"}, Fictional: true}
	must(t, s.CreateVisitor(ctx, &f.visitor))
	f.interpreter = itinera.Interpreter{TenantID: tid, ProgramID: f.program.ID, Name: "Lena Ortiz",
		Languages: []string{"English", "Spanish"}}
	must(t, s.CreateInterpreter(ctx, &f.interpreter))
	f.meeting = itinera.Meeting{TenantID: tid, ProgramID: f.program.ID, Title: "Victim services in St. Louis",
		HostOrganizationID: f.org.ID, ContactID: f.contact.ID, PartnerOrganizationIDs: []int64{f.partner.ID},
		PlaceID: f.place.ID, Topics: []string{"Victim services"}, DurationMinutes: 90, Priority: 4,
		Windows: []itinera.Window{{Start: mon.At(itinera.MustClock("09:00"), loc), End: mon.At(itinera.MustClock("12:00"), loc)}}}
	must(t, s.CreateMeeting(ctx, &f.meeting))
	f.activity = itinera.Activity{TenantID: tid, ProgramID: f.program.ID, Title: "Gateway Arch visit",
		Kind: itinera.ActivityCultural, PlaceID: f.place.ID, DurationMinutes: 120,
		Windows: []itinera.Window{{Start: mon.At(itinera.MustClock("13:00"), loc), End: mon.At(itinera.MustClock("17:00"), loc)}}}
	must(t, s.CreateActivity(ctx, &f.activity))
	f.request = itinera.Request{TenantID: tid, MeetingID: f.meeting.ID, ContactID: f.contact.ID, Message: "Would you meet us?",
		Windows: []itinera.Window{{Start: mon.At(itinera.MustClock("09:00"), loc), End: mon.At(itinera.MustClock("10:30"), loc)}}}
	must(t, s.CreateRequest(ctx, &f.request))
	f.outbox = itinera.OutboxMessage{TenantID: tid, To: "Shima Rostami <shima@example.org>", Subject: "Meeting request",
		TextBody: "Would you meet the delegation?"}
	f.outbox.Attachments = []itinera.OutboxAttachment{{Name: "program.ics", ContentType: "text/calendar",
		Data: []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")}}
	must(t, s.Enqueue(ctx, &f.outbox))
	f.received = itinera.InboundMessage{TenantID: tid, MessageID: "<hello-" + slug + "@example.org>", ReceivedAt: storetest.Now(),
		From: "someone@example.org", Subject: "A question", Kind: itinera.InboundMail, Outcome: "Not matched.", Text: "Hello.", Dismissed: true}
	must(t, s.RecordInbound(ctx, &f.received))
	_, feedHash, err := auth.NewToken()
	must(t, err)
	f.feed = itinera.Feed{TenantID: tid, ProgramID: f.program.ID, Kind: itinera.FeedProgram, TokenHash: feedHash}
	must(t, s.IssueFeed(ctx, &f.feed))
	f.household, f.evening = mustHospitality(t, s, f)
	f.collaboration = itinera.Collaboration{TenantID: tid, ProgramID: f.program.ID, Kind: itinera.CollabJointProject,
		Title: "Shelter twinning " + slug, VisitorIDs: []int64{f.visitor.ID}, OrganizationIDs: []int64{f.org.ID}, Countries: []string{"Brazil"},
		RecordedBy: "staff"}
	must(t, s.CreateCollaboration(ctx, &f.collaboration))
	var fbHash string
	f.feedbackToken, fbHash, err = auth.NewToken()
	must(t, err)
	fl := itinera.FeedbackLink{TenantID: tid, ProgramID: f.program.ID, Role: itinera.FeedbackVisitor, PersonID: f.visitor.ID,
		Name: f.visitor.Name(), Email: "visitor@" + slug + ".example.org", TokenHash: fbHash, SentAt: storetest.Now(),
		ExpiresAt: storetest.Now().Add(itinera.FeedbackLinkTTL)}
	must(t, s.IssueFeedbackLink(ctx, &fl))
	f.thankYou = itinera.ThankYou{TenantID: tid, ProgramID: f.program.ID, Role: itinera.FeedbackResource, PersonID: f.contact.ID,
		Name: f.contact.Name, Email: "contact@" + slug + ".example.org", Subject: "Thank you " + slug, Body: "Dear friend,\n\nThank you."}
	_, err = s.DraftThankYou(ctx, &f.thankYou)
	must(t, err)
	mustProject(t, s, &f)
	return f
}

// mustProject gives f a project of an agency of its own, whose stop is
// f's program (made with the store: no notices, no audit entries).
func mustProject(t *testing.T, s *store.Store, f *fixture) {
	t.Helper()
	ag := itinera.Tenant{Slug: "agency-" + f.tenant.Slug, Name: "National Agency " + f.tenant.Slug, TimeZone: "America/New_York",
		Kind: itinera.TenantAgency}
	must(t, s.CreateTenant(ctx, &ag))
	f.project = itinera.Project{TenantID: ag.ID, Title: "Rule of Law Exchange " + f.tenant.Slug, Objectives: []string{"judicial independence"},
		RetentionDays: 30, Shared: []string{"country", "languages", "diets"}}
	must(t, s.CreateProject(ctx, &f.project))
	for _, m := range []itinera.RosterMember{
		{TenantID: ag.ID, ProjectID: f.project.ID, GivenName: "Lucia", FamilyName: "Ferreira", Country: "Portugal",
			Languages: []string{"Portuguese", "English"}, Diets: []string{"vegetarian"}, Passport: "PT7654321", Fictional: true},
		{TenantID: ag.ID, ProjectID: f.project.ID, Role: itinera.RosterInterpreter, GivenName: "Marc", FamilyName: "Dubois",
			Languages: []string{"French", "English"}, Fictional: true},
	} {
		must(t, s.CreateRosterMember(ctx, &m))
	}
	f.stop = itinera.ProjectStop{ProjectID: f.project.ID, AgencyID: ag.ID, TenantID: f.tenant.ID, City: "St. Louis", TimeZone: "America/Chicago",
		StartDate: f.program.StartDate, EndDate: f.program.EndDate, Status: itinera.StopAccepted, ProgramID: f.program.ID,
		ArrivalMode: itinera.TravelFlight, ArrivalRef: "UA 1234", DepartsAt: time.Date(2026, 12, 5, 19, 0, 0, 0, time.UTC),
		ArrivesAt: time.Date(2026, 12, 5, 21, 30, 0, 0, time.UTC)}
	must(t, s.CreateStop(ctx, &f.stop))
	since := storetest.Now().Add(-24 * time.Hour)
	roster := itinera.ProjectGrant{ProjectID: f.project.ID, StopID: f.stop.ID, GrantorID: ag.ID, GranteeID: f.tenant.ID, Scope: itinera.GrantRoster,
		Since: since, Until: f.stop.EndDate.AddDays(31).In(f.program.Location()), CreatedBy: "fixture"}
	must(t, s.CreateGrant(ctx, &roster))
	f.programGrant = itinera.ProjectGrant{ProjectID: f.project.ID, StopID: f.stop.ID, GrantorID: f.tenant.ID, GranteeID: ag.ID,
		Scope: itinera.GrantProgram, Since: since, CreatedBy: "fixture"}
	must(t, s.CreateGrant(ctx, &f.programGrant))
}

// client is a browser: it keeps cookies, does not follow redirects and
// sends the session's CSRF token with every form.
type client struct {
	e    *env
	http *http.Client
	csrf string
}

func (e *env) client() *client {
	jar, err := cookiejar.New(nil)
	must(e.t, err)
	return &client{e: e, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn returns a client signed in as u, with its CSRF token.
func (e *env) signIn(u itinera.User) *client {
	e.t.Helper()
	c := e.client()
	res, _ := c.postRaw("/login", url.Values{"email": {u.Email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in as %s: status %d", u.Email, res.StatusCode)
	}
	_, doc := c.page("/programs", http.StatusOK)
	c.csrf = doc.one(e.t, "form[action=/logout] input[name=csrf_token]").attr("value")
	return c
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.e.t.Helper()
	res, err := c.http.Do(req)
	must(c.e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	must(c.e.t, err)
	return res, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.e.t.Helper()
	req, err := http.NewRequest("GET", c.e.srv.URL+path, nil)
	must(c.e.t, err)
	return c.do(req)
}

// page GETs path, checks the status and parses the HTML.
func (c *client) page(path string, want int) (*http.Response, *node) {
	c.e.t.Helper()
	res, body := c.get(path)
	if res.StatusCode != want {
		c.e.t.Fatalf("GET %s: status %d, want %d\n%s", path, res.StatusCode, want, body)
	}
	return res, parseHTML(c.e.t, body)
}

// postRaw posts the form as given.
func (c *client) postRaw(path string, form url.Values) (*http.Response, string) {
	c.e.t.Helper()
	req, err := http.NewRequest("POST", c.e.srv.URL+path, strings.NewReader(form.Encode()))
	must(c.e.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// post posts the form with the session's CSRF token.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.e.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf_token", c.csrf)
	return c.postRaw(path, f)
}

// flash follows a redirect and returns the flash message shown there.
func (c *client) follow(res *http.Response) *node {
	c.e.t.Helper()
	if res.StatusCode != http.StatusSeeOther {
		c.e.t.Fatalf("status %d, want a redirect (303)", res.StatusCode)
	}
	_, doc := c.page(res.Header.Get("Location"), http.StatusOK)
	return doc
}
