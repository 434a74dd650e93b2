package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
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

// syncBuffer collects log output written from handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// env is an API over a store holding two tenants. Tenant A has one of every
// record; tenant B has an officer and nothing else.
type env struct {
	t     testing.TB
	store *store.Store
	api   *API
	mux   *http.ServeMux
	logs  *syncBuffer
	// header is sent with every request (withHeader).
	header http.Header

	tenantA, tenantB            itinera.Tenant
	officerA, viewerA, officerB string // API tokens

	program      itinera.Program
	visitor      itinera.Visitor
	interpreter  itinera.Interpreter
	meeting      itinera.Meeting
	activity     itinera.Activity
	request      itinera.Request       // a draft request for meeting, to contact
	outbox       itinera.OutboxMessage // a failed message
	org, partner itinera.Organization
	contact      itinera.Contact
	place        itinera.Place

	// extra holds the records of the hospitality, feed and administration
	// routes, made on first use by more() (extra_fixture_test.go).
	extra *extraFixture
}

// mustEnv builds an env on the test store (storetest.Default: SQLite, or
// PostgreSQL with ITINERA_TEST_STORE=postgres), with svc applied to its
// services (to inject a fault) when given.
func mustEnv(t testing.TB, svc ...func(*itinera.Services)) *env {
	t.Helper()
	return mustEnvOn(t, storetest.Default(t), svc...)
}

// forBothStores runs f on an env over SQLite and one over PostgreSQL: the
// tests of tenant scoping and of every route run on both databases.
func forBothStores(t *testing.T, f func(t *testing.T, e *env)) {
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f(t, mustEnvOn(t, s))
		})
	}
}

// mustEnvOn builds an env on s.
func mustEnvOn(t testing.TB, s *store.Store, svc ...func(*itinera.Services)) *env {
	t.Helper()
	return mustEnvTx(t, s, s, svc...)
}

// mustEnvTx builds an env on s whose workflows open their transactions
// with tx.
func mustEnvTx(t testing.TB, s *store.Store, tx itinera.Transactor, svc ...func(*itinera.Services)) *env {
	t.Helper()
	return mustEnvApp(t, s, func(c *app.Config) {
		c.Tx = tx
		for _, f := range svc {
			f(&c.Store)
		}
	})
}

// mustEnvApp builds an env on s whose application layer is configured by
// edit (to give it a geocoder, say).
func mustEnvApp(t testing.TB, s *store.Store, edit func(*app.Config)) *env {
	t.Helper()
	e := &env{t: t, store: s, logs: &syncBuffer{}}
	// As `itinera serve` does: some answers are kept while the database is
	// unchanged (byStamp), so every test also checks that a change shows.
	watch, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	s.WatchChanges(watch)
	log := slog.New(slog.NewTextHandler(e.logs, nil))
	cfg := app.Config{Store: s.Services(), Tx: s, Logger: log, Now: storetest.Now,
		Hasher: auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}}
	edit(&cfg)
	ap, err := app.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.api = New(Config{App: ap, Logger: log, Now: storetest.Now})
	e.mux = http.NewServeMux()
	e.api.Register(e.mux)

	ctx := context.Background()
	e.tenantA = itinera.Tenant{Slug: "stl", Name: "St. Louis Visitors Council", TimeZone: "America/Chicago"}
	e.tenantB = itinera.Tenant{Slug: "kc", Name: "Kansas City Visitors Council", TimeZone: "America/Chicago"}
	for _, tn := range []*itinera.Tenant{&e.tenantA, &e.tenantB} {
		must(t, s.CreateTenant(ctx, tn))
	}
	e.officerA = e.mustToken(e.tenantA.ID, "officer@stl.example.org", itinera.RoleOfficer)
	e.viewerA = e.mustToken(e.tenantA.ID, "viewer@stl.example.org", itinera.RoleViewer)
	e.officerB = e.mustToken(e.tenantB.ID, "officer@kc.example.org", itinera.RoleOfficer)

	a := e.tenantA.ID
	e.place = itinera.Place{TenantID: a, Name: "Gateway Arch", Kind: itinera.PlaceSite,
		Address: "11 N 4th St, St. Louis, MO 63102", Lat: 38.6247, Lon: -90.1848}
	must(t, s.CreatePlace(ctx, &e.place))
	e.org = itinera.Organization{TenantID: a, Name: "Gateway Human Trafficking", Kind: itinera.OrgNonprofit,
		Topics: []string{"victim services", "hotlines"}}
	must(t, s.CreateOrganization(ctx, &e.org))
	e.partner = itinera.Organization{TenantID: a, Name: "Interfaith Partnership", Kind: itinera.OrgFaith}
	must(t, s.CreateOrganization(ctx, &e.partner))
	e.contact = itinera.Contact{TenantID: a, OrganizationID: e.org.ID, Name: "Shima Rostami", Title: "Director",
		Email: "shima@example.org"}
	must(t, s.CreateContact(ctx, &e.contact))
	e.program = itinera.Program{TenantID: a, Title: "Combating Trafficking in Persons", ProjectType: "IVLP",
		City: "St. Louis", TimeZone: "America/Chicago", StartDate: itinera.MustDate("2026-05-02"),
		EndDate: itinera.MustDate("2026-05-06"), Objectives: []string{"victim services"}, HotelPlaceID: e.place.ID}
	must(t, s.CreateProgram(ctx, &e.program))
	e.visitor = itinera.Visitor{TenantID: a, ProgramID: e.program.ID, GivenName: "Amara", FamilyName: "Okafor",
		Country: "Nigeria", Languages: []string{"English"}, Fictional: true}
	must(t, s.CreateVisitor(ctx, &e.visitor))
	e.interpreter = itinera.Interpreter{TenantID: a, ProgramID: e.program.ID, Name: "Lucía Gómez",
		Languages: []string{"English", "Spanish"}}
	must(t, s.CreateInterpreter(ctx, &e.interpreter))
	loc := e.program.Location()
	e.meeting = itinera.Meeting{TenantID: a, ProgramID: e.program.ID, Title: "Gateway Human Trafficking and partners",
		HostOrganizationID: e.org.ID, ContactID: e.contact.ID, PartnerOrganizationIDs: []int64{e.partner.ID},
		Topics: []string{"victim services"}, DurationMinutes: 90, Status: itinera.MeetingRequested,
		Windows: []itinera.Window{{Start: time.Date(2026, 5, 5, 9, 0, 0, 0, loc), End: time.Date(2026, 5, 5, 12, 0, 0, 0, loc)}}}
	must(t, s.CreateMeeting(ctx, &e.meeting))
	e.activity = itinera.Activity{TenantID: a, ProgramID: e.program.ID, Title: "Gateway Arch", Kind: itinera.ActivityCultural,
		PlaceID: e.place.ID, DurationMinutes: 120,
		Windows: []itinera.Window{{Start: time.Date(2026, 5, 3, 9, 0, 0, 0, loc), End: time.Date(2026, 5, 3, 18, 0, 0, 0, loc)}}}
	must(t, s.CreateActivity(ctx, &e.activity))
	e.request = itinera.Request{TenantID: a, MeetingID: e.meeting.ID, ContactID: e.contact.ID, Message: "Would you meet us?",
		Windows: []itinera.Window{{Start: time.Date(2026, 5, 5, 9, 0, 0, 0, loc), End: time.Date(2026, 5, 5, 10, 30, 0, 0, loc)}}}
	must(t, s.CreateRequest(ctx, &e.request))
	// A failed message in the outbox, so that it can be retried.
	e.outbox = itinera.OutboxMessage{TenantID: a, To: "Dr. Rumi Price <price@example.org>", Subject: "A meeting request",
		TextBody: "Would you meet the delegation?"}
	must(t, s.Enqueue(ctx, &e.outbox))
	claimed, err := s.ClaimDue(ctx, time.Now().Add(time.Hour), time.Minute, 100)
	must(t, err)
	for _, m := range claimed {
		must(t, s.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: time.Now(), Reason: "550 no such user", Permanent: true}))
	}
	return e
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// userPassword is the password of every user of the tests.
const userPassword = "correct horse battery staple"

var cheapHasher = auth.PasswordHasher{Memory: 1024, Time: 1, Threads: 1}

// mustToken creates a user with role and the password userPassword and
// returns a new API token of theirs.
func (e *env) mustToken(tenantID int64, email string, role itinera.Role) string {
	e.t.Helper()
	ctx := context.Background()
	u := itinera.User{TenantID: tenantID, Email: email, Name: email, Role: role}
	hash, err := cheapHasher.Hash(userPassword)
	must(e.t, err)
	must(e.t, e.store.CreateUser(ctx, &u, hash))
	token, hash, err := auth.NewToken()
	must(e.t, err)
	must(e.t, e.store.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: "test", TokenHash: hash}))
	return token
}

// response is a recorded answer.
type response struct {
	*httptest.ResponseRecorder
	t testing.TB
}

// do sends a request with token (none if ""); a non-string body is sent as
// JSON, a string as is, both with Content-Type application/json.
// fileBody is a request body that is not JSON, such as a spreadsheet.
type fileBody struct{ contentType, data string }

func (e *env) do(method, path, token string, body any) response {
	e.t.Helper()
	var r io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case fileBody:
		r, ctype = strings.NewReader(b.data), b.contentType
	default:
		buf, err := json.Marshal(b)
		must(e.t, err)
		r = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range e.header {
		req.Header[k] = v
	}
	_, pattern := e.mux.Handler(req)
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	// Every answer of every test is checked against openapi.json.
	checkResponse(e.t, pattern, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
	return response{rec, e.t}
}

// object decodes the body as a JSON object.
func (r response) object() map[string]any {
	r.t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body.Bytes(), &m); err != nil {
		r.t.Fatalf("body is not a JSON object: %v\n%s", err, r.Body.String())
	}
	return m
}

// expect fails the test unless the status is want.
func (r response) expect(want int) response {
	r.t.Helper()
	if r.Code != want {
		r.t.Fatalf("status %d, want %d; body: %s", r.Code, want, r.Body.String())
	}
	return r
}

// apiError checks the error shape and returns its parts.
func (r response) apiError() (code, message string, fields map[string]any) {
	r.t.Helper()
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		r.t.Errorf("error Content-Type %q, want application/json", ct)
	}
	m := r.object()
	if len(m) != 1 {
		r.t.Errorf("error body has keys %v, want only \"error\"", keys(m))
	}
	e, ok := m["error"].(map[string]any)
	if !ok {
		r.t.Fatalf("no error object in %s", r.Body.String())
	}
	if got := keys(e); strings.Join(got, ",") != "code,fields,message" {
		r.t.Errorf("error keys %v, want code, fields, message", got)
	}
	code, _ = e["code"].(string)
	message, _ = e["message"].(string)
	fields, _ = e["fields"].(map[string]any)
	if fields == nil {
		r.t.Errorf("error.fields is not an object: %s", r.Body.String())
	}
	if message == "" {
		r.t.Errorf("error without message: %s", r.Body.String())
	}
	if statusOf(code) != r.Code && r.Code != http.StatusBadRequest && r.Code != http.StatusMethodNotAllowed &&
		r.Code != http.StatusRequestEntityTooLarge && r.Code != http.StatusUnsupportedMediaType {
		r.t.Errorf("status %d does not match code %q", r.Code, code)
	}
	return code, message, fields
}

// keys returns the sorted keys of m.
func keys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// fill replaces {id} and {date} in a route pattern.
func fill(pattern string, idv int64, date string) string {
	return strings.NewReplacer("{id}", id(idv), "{date}", date).Replace(pattern)
}
