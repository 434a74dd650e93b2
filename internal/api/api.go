// Package api is the JSON API v1 of Itinera: the same programs, people,
// candidate meetings, activities and directory the web UI shows, for API
// clients holding a bearer token. It is described by the OpenAPI 3.1
// document served at /api/v1/openapi.json.
package api

import (
	"itinera/internal/app"
	"itinera/internal/pagecache"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
)

// Config is what the API needs from the server that mounts it.
type Config struct {
	// App runs every workflow; the API reads through its readers.
	App    *app.App
	Logger *slog.Logger
	Now    func() time.Time
	// BaseURL is the site's public address, for the links in request
	// e-mails; empty uses the host the client called.
	BaseURL string
	// TokenLimiter bounds wrong API tokens per client address; nil allows
	// 20, then one every 30 seconds. Requests with a valid token never
	// count, but an address out of tries is refused until it has one again.
	TokenLimiter *auth.Limiter
}

// API serves the JSON API v1.
type API struct {
	app *app.App
	svc itinera.Readers
	log *slog.Logger
	now func() time.Time // the clock, for what comes to depend on time

	baseURL string
	tokens  *auth.Limiter // wrong API tokens per client address

	// routesOnly matches requests against the route table without serving
	// them, so that the fallback can tell 404 from 405.
	routesOnly *http.ServeMux

	// cache and answers keep answers by the organization's revision
	// (okCached, serveByRevision).
	cache   *pagecache.Cache[[]byte]
	answers *pagecache.Cache[*answer]
}

// New returns the API for cfg. A nil Logger discards logs; a nil Now uses
// the system clock.
func New(cfg Config) *API {
	a := &API{app: cfg.App, log: cfg.Logger, now: cfg.Now, baseURL: cfg.BaseURL, tokens: cfg.TokenLimiter,
		cache: pagecache.New[[]byte](32 << 20), answers: pagecache.New[*answer](32 << 20)}
	if cfg.App != nil {
		a.svc = cfg.App.Readers()
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.tokens == nil {
		a.tokens = auth.NewLimiterIn(cfg.App.Limits(), "api token", 20, 30*time.Second, a.now)
	}
	a.routesOnly = http.NewServeMux()
	for _, rt := range a.routes() {
		a.routesOnly.Handle(rt.method+" "+rt.path, http.NotFoundHandler())
	}
	return a
}

// access is who may call a route.
type access int

const (
	public access = iota // anyone, no token
	read                 // any user of the tenant
	write                // officers and administrators
	self                 // any user, acting on their own account only
	admin                // administrators
	// own: any user, for what is their own (their API tokens); the
	// application layer refuses the rest to all but administrators.
	own
)

// handlerFunc is an API handler: it writes a response or returns an error,
// which the caller turns into the JSON error shape. u is the token's user
// (the zero User on public routes).
type handlerFunc func(w http.ResponseWriter, r *http.Request, u itinera.User) error

type route struct {
	method string
	path   string
	access access
	h      handlerFunc
}

// routes is the route table of the API, the one place that says which
// endpoints exist and who may call them. The OpenAPI document lists exactly
// these (openapi_test.go checks it).
func (a *API) routes() []route {
	return []route{
		{"GET", "/api/v1/openapi.json", public, a.openAPI},

		{"POST", "/api/v1/me/password", self, a.changeMyPassword},

		{"GET", "/api/v1/programs", read, a.exportable(a.listPrograms, organizationList(app.ExportPrograms))},
		{"POST", "/api/v1/programs", write, a.programKind().post(a)},
		{"GET", "/api/v1/programs/{id}", read, a.getProgram},
		{"PUT", "/api/v1/programs/{id}", write, a.programKind().put(a)},
		{"PATCH", "/api/v1/programs/{id}", write, a.programKind().patch(a)},
		{"DELETE", "/api/v1/programs/{id}", write, a.programKind().del(a)},
		{"GET", "/api/v1/programs/{id}/file", read, a.getProgramFile},
		{"GET", "/api/v1/programs/{id}/book", read, a.getBook},
		{"GET", "/api/v1/programs/{id}/distribution", read, a.getDistribution},
		{"POST", "/api/v1/programs/{id}/distribution", write, a.postDistribution},
		{"GET", "/api/v1/programs/{id}/releases", read, a.listReleases},
		{"GET", "/api/v1/programs/{id}/release", read, a.getReleasePlan},
		{"POST", "/api/v1/programs/{id}/release", write, a.postRelease},
		{"POST", "/api/v1/programs/import", write, a.importProgramFile},

		{"GET", "/api/v1/programs/{id}/days", read, a.listDays},
		{"PUT", "/api/v1/programs/{id}/days/{date}", write, a.updateDay},
		{"PATCH", "/api/v1/programs/{id}/days/{date}", write, a.patchDay},
		{"GET", "/api/v1/programs/{id}/itinerary", read, a.exportable(a.getItinerary, programList(app.ExportItinerary))},
		{"POST", "/api/v1/programs/{id}/plan", write, a.plan},
		{"POST", "/api/v1/programs/{id}/subgroups/apply", write, a.applySubgroups},
		{"POST", "/api/v1/programs/{id}/itinerary/moves", write, a.moveItem},
		{"GET", "/api/v1/programs/{id}/readiness", read, a.getReadiness},
		{"GET", "/api/v1/programs/{id}/travel-times", read, a.listTravelTimes},
		{"GET", "/api/v1/programs/{id}/travel-times/{from}/{to}", read, a.getTravelTime},
		{"PUT", "/api/v1/programs/{id}/travel-times/{from}/{to}", write, a.putTravelTime},
		{"DELETE", "/api/v1/programs/{id}/travel-times/{from}/{to}", write, a.deleteTravelTime},
		{"GET", "/api/v1/programs/{id}/hospitality", read, a.getHospitality},
		{"GET", "/api/v1/programs/{id}/evenings", read, a.listEvenings},
		{"POST", "/api/v1/programs/{id}/evenings", write, a.createEvening},
		{"GET", "/api/v1/programs/{id}/feeds", read, a.listFeeds},
		{"POST", "/api/v1/programs/{id}/feeds", write, a.issueFeed},
		{"POST", "/api/v1/feeds/{id}/revoke", write, a.revokeFeed},
		{"GET", "/api/v1/reports/summary", read, a.getReportSummary},
		{"GET", "/api/v1/reports/year-end", read, a.getYearEnd},
		{"GET", "/api/v1/thank-yous/{id}/letter", read, a.getThankYouLetter},
		{"GET", "/api/v1/programs/{id}/economic-inputs", read, a.getEconomicInputs},
		{"PUT", "/api/v1/programs/{id}/economic-inputs", write, a.putEconomicInputs},
		{"GET", "/api/v1/programs/{id}/feedback", read, a.getFeedback},
		{"POST", "/api/v1/programs/{id}/feedback", write, a.postFeedback},
		{"GET", "/api/v1/programs/{id}/collaborations", read, a.listCollaborations},
		{"POST", "/api/v1/programs/{id}/collaborations", write, a.collaborationKind().post(a)},
		{"GET", "/api/v1/collaborations/{id}", read, a.collaborationKind().get(a)},
		{"PUT", "/api/v1/collaborations/{id}", write, a.collaborationKind().put(a)},
		{"PATCH", "/api/v1/collaborations/{id}", write, a.collaborationKind().patch(a)},
		{"DELETE", "/api/v1/collaborations/{id}", write, a.collaborationKind().del(a)},
		{"GET", "/api/v1/organizations/{id}/history", read, a.getOrganizationHistory},
		{"GET", "/api/v1/visitors/{id}/history", read, a.getVisitorHistory},
		{"GET", "/api/v1/network", read, a.getNetwork},
		{"GET", "/api/v1/programs/{id}/ranking", read, a.getRanking},

		{"GET", "/api/v1/projects", read, a.listProjects},
		{"POST", "/api/v1/projects", write, a.createProject},
		{"GET", "/api/v1/projects/{id}", read, a.getProject},
		{"GET", "/api/v1/projects/{id}/grants", read, a.listGrants},
		{"POST", "/api/v1/projects/{id}/roster", write, a.addRosterMember},
		{"POST", "/api/v1/projects/{id}/roster/{member}/withdraw", write, a.withdrawRosterMember},
		{"POST", "/api/v1/stops/{id}/accept", write, a.acceptStop},
		{"PUT", "/api/v1/stops/{id}/arrival", write, a.putArrival},
		{"GET", "/api/v1/stops/{id}/roster", read, a.getStopRoster},
		{"GET", "/api/v1/stops/{id}/state", read, a.getStopState},
		{"POST", "/api/v1/stops/{id}/grants", write, a.postGrant},
		{"POST", "/api/v1/grants/{id}/revoke", write, a.revokeGrant},
		{"GET", "/api/v1/keys", read, a.getKeys},
		{"POST", "/api/v1/trusted-keys", write, a.postTrustedKey},
		{"POST", "/api/v1/trusted-keys/{id}/revoke", write, a.revokeTrustedKey},
		{"POST", "/api/v1/stops/{id}/package", write, a.postStopPackage},
		{"GET", "/api/v1/stops/{id}/returns", read, a.listStopReturns},
		{"POST", "/api/v1/programs/{id}/return-package", write, a.postReturnPackage},
		{"POST", "/api/v1/packages/stop", write, a.importStopPackage},
		{"POST", "/api/v1/packages/return", write, a.importReturnPackage},

		{"GET", "/api/v1/households", read, a.exportable(a.listHouseholds, organizationList(app.ExportHouseholds))},
		{"GET", "/api/v1/volunteer-hours", read, a.exportable(a.listVolunteerHours, volunteerHoursExport)},
		{"GET", "/api/v1/households/{id}", read, a.getHousehold},
		{"POST", "/api/v1/households/{id}/approve", write, a.setHouseholdStatus(itinera.HouseholdApproved)},
		{"POST", "/api/v1/households/{id}/reject", write, a.setHouseholdStatus(itinera.HouseholdRejected)},

		{"GET", "/api/v1/evenings/{id}", read, a.getEvening},
		{"POST", "/api/v1/evenings/{id}/invite", write, a.inviteHouseholds},
		{"POST", "/api/v1/evenings/{id}/availability", write, a.setAvailability},
		{"POST", "/api/v1/evenings/{id}/pairs", write, a.addPair},
		{"DELETE", "/api/v1/evenings/{id}/pairs/{pair}", write, a.deletePair},
		{"POST", "/api/v1/evenings/{id}/match", write, a.matchEvening},
		{"POST", "/api/v1/evenings/{id}/move", write, a.moveGuest},
		{"POST", "/api/v1/evenings/{id}/lock", write, a.lockGuests},
		{"POST", "/api/v1/evenings/{id}/confirm", write, a.confirmEvening},

		{"GET", "/api/v1/programs/{id}/visitors", read, a.exportable(a.listVisitors, programList(app.ExportVisitors))},
		{"POST", "/api/v1/programs/{id}/visitors", write, a.visitorKind().post(a)},
		{"GET", "/api/v1/visitors/{id}", read, a.visitorKind().get(a)},
		{"PUT", "/api/v1/visitors/{id}", write, a.visitorKind().put(a)},
		{"PATCH", "/api/v1/visitors/{id}", write, a.visitorKind().patch(a)},
		{"DELETE", "/api/v1/visitors/{id}", write, a.visitorKind().del(a)},

		{"GET", "/api/v1/programs/{id}/interpreters", read, a.exportable(a.listInterpreters, programList(app.ExportInterpreters))},
		{"POST", "/api/v1/programs/{id}/interpreters", write, a.interpreterKind().post(a)},
		{"GET", "/api/v1/interpreters/{id}", read, a.interpreterKind().get(a)},
		{"PUT", "/api/v1/interpreters/{id}", write, a.interpreterKind().put(a)},
		{"PATCH", "/api/v1/interpreters/{id}", write, a.interpreterKind().patch(a)},
		{"DELETE", "/api/v1/interpreters/{id}", write, a.interpreterKind().del(a)},

		{"GET", "/api/v1/programs/{id}/meetings", read, a.exportable(a.listMeetings, programList(app.ExportMeetings))},
		{"POST", "/api/v1/programs/{id}/meetings", write, a.meetingKind().post(a)},
		{"GET", "/api/v1/meetings/{id}", read, a.meetingKind().get(a)},
		{"PUT", "/api/v1/meetings/{id}", write, a.meetingKind().put(a)},
		{"PATCH", "/api/v1/meetings/{id}", write, a.meetingKind().patch(a)},
		{"DELETE", "/api/v1/meetings/{id}", write, a.meetingKind().del(a)},
		{"POST", "/api/v1/meetings/{id}/cancel", write, a.cancelMeeting},

		{"GET", "/api/v1/programs/{id}/activities", read, a.exportable(a.listActivities, programList(app.ExportActivities))},
		{"POST", "/api/v1/programs/{id}/activities", write, a.activityKind().post(a)},
		{"GET", "/api/v1/activities/{id}", read, a.activityKind().get(a)},
		{"PUT", "/api/v1/activities/{id}", write, a.activityKind().put(a)},
		{"PATCH", "/api/v1/activities/{id}", write, a.activityKind().patch(a)},
		{"DELETE", "/api/v1/activities/{id}", write, a.activityKind().del(a)},
		{"POST", "/api/v1/activities/{id}/cancel", write, a.cancelActivity},

		{"GET", "/api/v1/programs/{id}/requests", read, a.exportable(a.listRequests, programList(app.ExportRequests))},
		{"POST", "/api/v1/meetings/{id}/requests", write, a.createRequest},
		{"GET", "/api/v1/requests/{id}", read, a.getRequest},
		{"POST", "/api/v1/requests/{id}/send", write, a.sendRequest},
		{"POST", "/api/v1/requests/{id}/withdraw", write, a.withdrawRequest},
		{"POST", "/api/v1/requests/{id}/unconfirm", write, a.unconfirmRequest},
		{"POST", "/api/v1/requests/{id}/confirm", write, a.confirmRequest},
		{"POST", "/api/v1/requests/{id}/decline", write, a.declineRequest},
		{"POST", "/api/v1/requests/{id}/accept-counter", write, a.acceptCounter},
		{"POST", "/api/v1/requests/{id}/decline-counter", write, a.declineCounter},

		{"GET", "/api/v1/outbox", read, a.exportable(a.listOutbox, organizationList(app.ExportOutbox))},
		{"GET", "/api/v1/outbox/{id}", read, a.getOutbox},
		{"POST", "/api/v1/outbox/{id}/retry", write, a.retryOutbox},
		{"POST", "/api/v1/inbound", write, a.postInbound},
		{"GET", "/api/v1/inbound/unmatched", read, a.listUnmatched},
		{"GET", "/api/v1/inbound/{id}", read, a.getInbound},
		{"POST", "/api/v1/inbound/{id}/attach", write, a.attachInbound},
		{"POST", "/api/v1/inbound/{id}/dismiss", write, a.dismissInbound},

		{"GET", "/api/v1/organizations", read, a.exportable(a.listOrganizations, organizationList(app.ExportOrganizations))},
		{"POST", "/api/v1/organizations", write, a.organizationKind().post(a)},
		{"GET", "/api/v1/organizations/{id}", read, a.organizationKind().get(a)},
		{"PUT", "/api/v1/organizations/{id}", write, a.organizationKind().put(a)},
		{"PATCH", "/api/v1/organizations/{id}", write, a.organizationKind().patch(a)},
		{"DELETE", "/api/v1/organizations/{id}", write, a.organizationKind().del(a)},

		{"GET", "/api/v1/contacts", read, a.exportable(a.listContacts, organizationList(app.ExportContacts))},
		{"POST", "/api/v1/contacts", write, a.contactKind().post(a)},
		{"GET", "/api/v1/contacts/{id}", read, a.contactKind().get(a)},
		{"PUT", "/api/v1/contacts/{id}", write, a.contactKind().put(a)},
		{"PATCH", "/api/v1/contacts/{id}", write, a.contactKind().patch(a)},
		{"DELETE", "/api/v1/contacts/{id}", write, a.contactKind().del(a)},

		{"GET", "/api/v1/places", read, a.exportable(a.listPlaces, organizationList(app.ExportPlaces))},
		{"POST", "/api/v1/places", write, a.placeKind().post(a)},
		{"GET", "/api/v1/places/{id}", read, a.placeKind().get(a)},
		{"PUT", "/api/v1/places/{id}", write, a.placeKind().put(a)},
		{"PATCH", "/api/v1/places/{id}", write, a.placeKind().patch(a)},
		{"DELETE", "/api/v1/places/{id}", write, a.placeKind().del(a)},

		{"GET", "/api/v1/geocode", read, a.geocode},
		{"GET", "/api/v1/topics", read, a.listTopics},
		{"GET", "/api/v1/import-templates/{kind}", read, a.getImportTemplate},

		{"POST", "/api/v1/imports", write, a.postImport},
		{"GET", "/api/v1/imports", read, a.listImports},
		{"GET", "/api/v1/imports/{id}", read, a.getImport},
		{"POST", "/api/v1/imports/{id}/undo", write, a.undoImport},

		{"GET", "/api/v1/users", admin, a.exportable(a.listUsers, organizationList(app.ExportUsers))},
		{"POST", "/api/v1/users", admin, a.addUser},
		{"GET", "/api/v1/users/{id}", admin, a.getUser},
		{"PUT", "/api/v1/users/{id}", admin, a.updateUser},
		{"PATCH", "/api/v1/users/{id}", admin, a.patchUser},
		{"DELETE", "/api/v1/users/{id}", admin, a.deleteUser},
		{"POST", "/api/v1/users/{id}/reset-password", admin, a.resetPassword},
		{"GET", "/api/v1/tokens", admin, a.listTokens},
		{"GET", "/api/v1/audit", admin, a.listAudit},
		{"GET", "/api/v1/search", read, a.search},
		{"POST", "/api/v1/tokens", own, a.createToken},
		{"POST", "/api/v1/tokens/{id}/revoke", own, a.revokeToken},
		{"GET", "/api/v1/settings", admin, a.getSettings},
		{"PUT", "/api/v1/settings", admin, a.putSettings},
		{"PATCH", "/api/v1/settings", admin, a.patchSettings},
		{"GET", "/api/v1/settings/mailbox", admin, a.getMailbox},
		{"PUT", "/api/v1/settings/mailbox", admin, a.putMailbox},
	}
}

// fallbackMethods are the methods for which unmatched /api/v1/ paths get a
// JSON 404 or 405 instead of the site's HTML pages. One pattern per method
// (rather than a method-less "/api/v1/") so that it cannot conflict with a
// "GET /" of the web UI on the same mux.
var fallbackMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// Register adds the API's routes to mux.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.routes() {
		mux.Handle(rt.method+" "+rt.path, a.serve(rt))
	}
	for _, m := range fallbackMethods {
		mux.Handle(m+" /api/v1/", http.HandlerFunc(a.fallback))
	}
}

// serve wraps a handler with what every API request shares: no caching,
// bearer authentication, the role check of write routes, and the JSON
// error answer.
func (a *API) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		var u itinera.User
		if rt.access != public {
			var rev app.Revision
			var err error
			if u, rev, err = a.authenticate(w, r); err != nil {
				a.writeError(w, r, err)
				return
			}
			if r.Method == http.MethodGet && rt.method == http.MethodGet {
				r = withRevision(r, rev) // a GET changes nothing: the revision stays its own
			}
			if rt.access == write && !u.Role.CanEdit() {
				a.writeError(w, r, itinera.Errorf(itinera.EFORBIDDEN,
					"Your role (%s) may read but not change records. Ask an administrator for officer access.", u.Role))
				return
			}
			if rt.access == admin && !u.Role.CanAdmin() {
				a.writeError(w, r, itinera.Errorf(itinera.EFORBIDDEN, "Only administrators may do this. Ask an administrator of your organization."))
				return
			}
		}
		if key := r.Header.Get("Idempotency-Key"); key != "" && r.Method == http.MethodPost && rt.access != public {
			a.idempotent(w, r, u, key, rt.h)
			return
		}
		h := rt.h
		if r.Method == http.MethodGet && rt.method == http.MethodGet && (byRevision[rt.path] || byStamp[rt.path]) {
			h = func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
				return a.serveByRevision(w, r, u, byStamp[rt.path], rt.h)
			}
		}
		if err := h(w, r, u); err != nil {
			a.writeError(w, r, err)
		}
	})
}

// fallback answers /api/v1/ requests that match no route.
func (a *API) fallback(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	var allowed []string
	for _, m := range fallbackMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.routesOnly.Handler(probe); pattern != "" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) == 0 {
		a.writeError(w, r, itinera.Errorf(itinera.ENOTFOUND, "There is no API endpoint at %s.", r.URL.Path))
		return
	}
	if slices.Contains(allowed, "GET") {
		allowed = append(allowed, "HEAD")
	}
	allow := strings.Join(allowed, ", ")
	w.Header().Set("Allow", allow)
	a.writeError(w, r, &statusError{status: http.StatusMethodNotAllowed,
		err: itinera.Errorf(itinera.EINVALID, "%s is not allowed here; use %s.", r.Method, allow)})
}
