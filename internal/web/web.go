// Package web is Itinera's server-rendered HTML interface for program
// officers: sign-in, programs, their people, candidate meetings, activities,
// itineraries and the resource directory. Templates and assets are embedded
// and parsed when the UI is built, so a broken template fails start-up.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/pagecache"
)

// Config is what the web UI needs from its surroundings.
type Config struct {
	// App runs every workflow; the UI reads through its readers.
	App           *app.App
	Logger        *slog.Logger
	Now           func() time.Time
	Hasher        auth.PasswordHasher
	SecureCookies bool
	SessionTTL    time.Duration
	// LoginLimiter bounds failed sign-ins, and wrong current passwords on
	// the password page, per account; nil allows 10, then one every 90
	// seconds. A right password does not count.
	LoginLimiter *auth.Limiter
	// AddressLimiter bounds failed sign-ins per client address; nil allows
	// 30, then one every 30 seconds. A successful sign-in does not count.
	AddressLimiter *auth.Limiter
	// BaseURL is the public address of the site, for the links in e-mails
	// ("https://itinera.example.org"); empty uses the request's host.
	BaseURL string
	// Requests configures meeting requests and the resource's page.
	Requests RequestConfig
	// MailEnabled says whether a worker sends the outbox; without it (the
	// demo) messages wait in the outbox and the UI says so.
	MailEnabled bool
	// Hosts configures the public host sign-up and the hosts' personal links.
	Hosts HostConfig
	// Maps says where map tiles come from (default: OpenStreetMap's).
	Maps MapConfig
}

// UI serves the HTML pages. Build it with New.
type UI struct {
	app       *app.App
	svc       itinera.Readers
	auth      itinera.Authenticator
	log       *slog.Logger
	now       func() time.Time
	secure    bool
	ttl       time.Duration
	signIns   auth.SignInLimits
	dummyHash string // verified against for unknown e-mails, so timing does not tell them apart
	pages     *pageSet
	assets    *assetSet
	req       requestSettings
	mailOn    bool
	hosts     hostSettings
	maps      MapConfig
	// cache keeps feeds' bodies and pages' records by the organization's
	// revision (internal/pagecache): keys name it, so a change is seen at once.
	cache *pagecache.Cache[[]byte]
	views *pagecache.Cache[any]
}

// DefaultSessionTTL is how long a browser stays signed in.
const DefaultSessionTTL = 12 * time.Hour

// New checks cfg, parses the embedded templates and fingerprints the assets.
func New(cfg Config) (*UI, error) {
	if cfg.App == nil {
		return nil, errors.New("web: Config.App is required")
	}
	ui := &UI{app: cfg.App, svc: cfg.App.Readers(), auth: cfg.App.Auth(), log: cfg.Logger, now: cfg.Now, secure: cfg.SecureCookies,
		ttl: cfg.SessionTTL, signIns: auth.SignInLimits{Account: cfg.LoginLimiter, Address: cfg.AddressLimiter}, mailOn: cfg.MailEnabled,
		cache: pagecache.New[[]byte](32 << 20), views: pagecache.New[any](2000)}
	if ui.log == nil {
		ui.log = slog.New(slog.DiscardHandler)
	}
	if ui.now == nil {
		ui.now = time.Now
	}
	if ui.ttl <= 0 {
		ui.ttl = DefaultSessionTTL
	}
	if ui.signIns.Account == nil {
		ui.signIns.Account = auth.NewLimiterIn(cfg.App.Limits(), "password account", 10, 90*time.Second, ui.now)
	}
	if ui.signIns.Address == nil {
		ui.signIns.Address = auth.NewLimiterIn(cfg.App.Limits(), "sign-in address", 30, 30*time.Second, ui.now)
	}
	hasher := cfg.Hasher
	if hasher.Memory == 0 || hasher.Time == 0 || hasher.Threads == 0 {
		hasher = auth.DefaultPasswordHasher()
	}
	var err error
	if ui.dummyHash, err = hasher.Hash("itinera: no such user"); err != nil {
		return nil, err
	}
	if ui.req, err = newRequestSettings(cfg); err != nil {
		return nil, err
	}
	ui.hosts = newHostSettings(cfg, ui.now)
	ui.maps = cfg.Maps
	if ui.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if ui.pages, err = parsePages(ui.assets); err != nil {
		return nil, err
	}
	return ui, nil
}

// route is one entry of the route table; tests walk the table.
type route struct {
	method, pattern string
	access          access
	handler         handlerFunc
}

// access says who may use a route.
type access int

const (
	public   access = iota // anyone, signed in or not
	reader                 // any signed-in user
	writer                 // officers and admins, with a valid CSRF token on POST
	admin                  // admins only, with a valid CSRF token on POST
	uploader               // as writer, and its POST may carry a file (multipart) of an import's size
)

// routes is the one route table of the web UI.
func (ui *UI) routes() []route {
	return []route{
		{"GET", "/{$}", reader, ui.home},
		{"GET", "/login", public, ui.loginForm},
		{"POST", "/login", public, ui.login},
		{"POST", "/logout", reader, ui.logout},
		{"GET", passwordPath, reader, ui.passwordForm},
		{"POST", passwordPath, reader, ui.passwordChange},
		{"GET", forgotPath, public, ui.forgotForm},
		{"POST", forgotPath, public, ui.forgotSend},
		{"GET", app.PasswordResetPath + "{token}", public, ui.resetForm},
		{"POST", app.PasswordResetPath + "{token}", public, ui.resetSet},
		{"GET", app.AccountPath, reader, ui.accountShow},
		{"POST", app.AccountPath, reader, ui.accountUpdate},
		{"POST", app.AccountPath + "/digest", reader, ui.accountDigest},
		{"GET", "/notifications", reader, ui.alertList},
		{"POST", "/notifications/read", reader, ui.alertsRead},

		{"GET", "/programs", reader, ui.programList},
		{"GET", "/programs/new", writer, ui.programNew},
		{"POST", "/programs", writer, ui.programCreate},
		{"GET", "/programs/{id}", reader, ui.programShow},
		{"GET", "/programs/{id}/delegation", reader, ui.programDelegation},
		{"GET", "/programs/{id}/candidates", reader, ui.programCandidates},
		{"GET", "/programs/{id}/itinerary", reader, ui.itineraryShow},
		{"GET", "/programs/{id}/itinerary/move", writer, ui.itemMoveCheck},
		{"POST", "/programs/{id}/itinerary/move", writer, ui.itemMove},
		{"GET", "/programs/{id}/itinerary/{date}", reader, ui.itineraryDay},
		{"GET", "/programs/{id}/hospitality", reader, ui.eveningList},
		{"GET", "/programs/{id}/book-and-releases", reader, ui.programBooks},
		{"GET", "/programs/{id}/follow-up", reader, ui.programFollowUp},
		{"POST", "/programs/{id}/feedback", writer, ui.feedbackIssue},
		{"GET", "/programs/{id}/economic-inputs/edit", writer, ui.economicsEdit},
		{"POST", "/programs/{id}/economic-inputs", writer, ui.economicsUpdate},
		{"POST", "/programs/{id}/collaborations", writer, ui.collaborationCreate},
		{"POST", "/collaborations/{id}/delete", writer, ui.collaborationDelete},
		{"POST", "/programs/{id}/thank-yous", writer, ui.thankYouDraft},
		{"POST", "/programs/{id}/thank-yous/send", writer, ui.thankYouSend},
		{"POST", "/thank-yous/{id}", writer, ui.thankYouUpdate},
		{"GET", "/thank-yous/{id}/letter", reader, ui.thankYouLetter},
		{"GET", "/f/{token}", public, ui.feedbackPage},
		{"POST", "/f/{token}", public, ui.feedbackAnswer},
		{"POST", "/f/{token}/collaborations", public, ui.feedbackCollaboration},
		{"GET", "/o/{token}", public, ui.followUpPage},
		{"POST", "/o/{token}/nothing", public, ui.followUpNothing},
		{"POST", "/o/{token}/collaborations", public, ui.followUpCollaboration},
		{"GET", "/organizations/{id}", reader, ui.organizationShow},
		{"GET", "/visitors/{id}", reader, ui.visitorShow},
		{"GET", "/network", reader, ui.networkShow},
		{"GET", "/programs/{id}/ranking", reader, ui.rankingShow},
		{"GET", "/programs/{id}/roster", reader, ui.programRoster},
		{"GET", "/projects", reader, ui.projectList},
		{"GET", "/projects/{id}", reader, ui.projectShow},
		{"GET", "/stops/{id}", reader, ui.stopShow},
		{"POST", "/stops/{id}/accept", writer, ui.stopAccept},
		{"POST", "/grants/{id}/revoke", writer, ui.grantRevoke},
		{"GET", "/programs/{id}/edit", writer, ui.programEdit},
		{"POST", "/programs/{id}", writer, ui.programUpdate},
		{"POST", "/programs/{id}/delete", writer, ui.programDelete},
		{"GET", "/programs/{id}/file", reader, ui.programFileDownload},
		{"GET", "/programs/{id}/book", reader, ui.bookShow},
		{"GET", "/programs/{id}/distribute", writer, ui.distributeShow},
		{"POST", "/programs/{id}/distribute", writer, ui.distributeSend},
		{"GET", "/programs/{id}/release", writer, ui.releaseShow},
		{"POST", "/programs/{id}/release", writer, ui.releaseSend},
		{"POST", "/programs/import", uploader, ui.programFileImport},
		{"GET", "/programs/{id}/plan", writer, ui.planShow},
		{"POST", "/programs/{id}/plan", writer, ui.planApply},
		{"POST", "/programs/{id}/subgroups/apply", writer, ui.subgroupsApply},
		{"POST", "/programs/{id}/travel", writer, ui.travelSet},
		{"POST", "/programs/{id}/travel/delete", writer, ui.travelDelete},
		{"GET", "/programs/{id}/days/{date}/edit", writer, ui.dayEdit},
		{"POST", "/programs/{id}/days/{date}", writer, ui.dayUpdate},
		{"GET", "/programs/{id}/downloads/{file}", reader, ui.programDownload},
		{"GET", "/downloads/{file}", reader, ui.download},
		{"GET", "/templates/{file}", reader, ui.importTemplate},

		{"GET", "/programs/{id}/visitors/new", writer, ui.visitorNew},
		{"POST", "/programs/{id}/visitors", writer, ui.visitorCreate},
		{"GET", "/visitors/{id}/edit", writer, ui.visitorEdit},
		{"POST", "/visitors/{id}", writer, ui.visitorUpdate},
		{"POST", "/visitors/{id}/delete", writer, ui.visitorDelete},

		{"GET", "/programs/{id}/interpreters/new", writer, ui.interpreterNew},
		{"POST", "/programs/{id}/interpreters", writer, ui.interpreterCreate},
		{"GET", "/interpreters/{id}/edit", writer, ui.interpreterEdit},
		{"POST", "/interpreters/{id}", writer, ui.interpreterUpdate},
		{"POST", "/interpreters/{id}/delete", writer, ui.interpreterDelete},

		{"GET", "/programs/{id}/meetings/new", writer, ui.meetingNew},
		{"POST", "/programs/{id}/meetings", writer, ui.meetingCreate},
		{"GET", "/meetings/{id}/edit", writer, ui.meetingEdit},
		{"POST", "/meetings/{id}", writer, ui.meetingUpdate},
		{"POST", "/meetings/{id}/delete", writer, ui.meetingDelete},
		{"POST", "/meetings/{id}/cancel", writer, ui.meetingCancel},

		{"GET", "/programs/{id}/activities/new", writer, ui.activityNew},
		{"POST", "/programs/{id}/activities", writer, ui.activityCreate},
		{"GET", "/activities/{id}/edit", writer, ui.activityEdit},
		{"POST", "/activities/{id}", writer, ui.activityUpdate},
		{"POST", "/activities/{id}/delete", writer, ui.activityDelete},

		{"GET", "/programs/{id}/requests", reader, ui.requestBoard},
		{"GET", "/meetings/{id}/requests/new", writer, ui.requestNew},
		{"POST", "/meetings/{id}/requests", writer, ui.requestCreate},
		{"GET", "/requests/{id}", reader, ui.requestShow},
		{"POST", "/requests/{id}/send", writer, ui.requestSend},
		{"POST", "/requests/{id}/withdraw", writer, ui.requestWithdraw},
		{"POST", "/requests/{id}/unconfirm", writer, ui.requestUnconfirm},
		{"POST", "/requests/{id}/confirm", writer, ui.requestConfirm},
		{"POST", "/requests/{id}/decline", writer, ui.requestDecline},
		{"POST", "/requests/{id}/accept-counter", writer, ui.requestAcceptCounter},
		{"POST", "/requests/{id}/decline-counter", writer, ui.requestDeclineCounter},
		{"GET", "/r/{token}", public, ui.resourcePage},
		{"POST", "/r/{token}", public, ui.resourceAnswer},

		{"POST", "/programs/{id}/feeds", writer, ui.feedIssue},
		{"POST", "/feeds/{id}/revoke", writer, ui.feedRevoke},
		{"GET", "/feeds/{token}", public, ui.feedServe},

		{"GET", "/reports", reader, ui.reportPage},
		{"GET", "/reports/year-end", reader, ui.yearEnd},
		{"GET", "/reports/{file}", reader, ui.reportDownload},
		{"GET", "/help/statuses", reader, ui.helpStatuses},
		{"GET", "/outbox", reader, ui.outboxList},
		{"GET", "/outbox/{id}", reader, ui.outboxShow},
		{"POST", "/outbox/{id}/retry", writer, ui.outboxRetry},
		{"GET", "/outbox/{id}/files/{n}", reader, ui.outboxFile},
		{"GET", "/mail/unmatched", reader, ui.unmatchedMail},
		{"POST", "/mail/{id}/attach", writer, ui.mailAttach},
		{"POST", "/mail/{id}/dismiss", writer, ui.mailDismiss},

		{"GET", "/host/{slug}", public, ui.hostSignUpForm},
		{"POST", "/host/{slug}", public, ui.hostSignUp},
		{"GET", "/h/{token}", public, ui.hostPage},
		{"POST", "/h/{token}", public, ui.hostUpdate},
		{"POST", "/h/{token}/withdraw", public, ui.hostWithdraw},
		{"POST", "/h/{token}/evenings/{id}", public, ui.hostAnswer},
		{"GET", "/host/{slug}/geocode", public, ui.hostGeocode},
		{"GET", "/h/{token}/geocode", public, ui.hostLinkGeocode},
		{"GET", "/households", reader, ui.householdList},
		{"POST", "/households/{id}/status", writer, ui.householdStatus},
		{"GET", "/programs/{id}/evenings", reader, ui.eveningList},
		{"GET", "/programs/{id}/evenings/new", writer, ui.eveningNew},
		{"POST", "/programs/{id}/evenings", writer, ui.eveningCreate},
		{"GET", "/evenings/{id}", reader, ui.eveningShow},
		{"POST", "/evenings/{id}/match", writer, ui.eveningMatch},
		{"POST", "/evenings/{id}/move", writer, ui.eveningMove},
		{"POST", "/evenings/{id}/lock", writer, ui.eveningLock},
		{"POST", "/evenings/{id}/confirm", writer, ui.eveningConfirm},
		{"POST", "/evenings/{id}/invite", writer, ui.eveningInvite},
		{"POST", "/evenings/{id}/availability", writer, ui.eveningAvailability},
		{"POST", "/evenings/{id}/pairs", writer, ui.eveningPairAdd},
		{"POST", "/evenings/{id}/pairs/delete", writer, ui.eveningPairDelete},

		{"GET", "/directory", reader, ui.directory},
		{"GET", "/organizations/new", writer, ui.organizationNew},
		{"POST", "/organizations", writer, ui.organizationCreate},
		{"GET", "/organizations/{id}/edit", writer, ui.organizationEdit},
		{"POST", "/organizations/{id}", writer, ui.organizationUpdate},
		{"POST", "/organizations/{id}/delete", writer, ui.organizationDelete},

		{"GET", "/contacts/new", writer, ui.contactNew},
		{"POST", "/contacts", writer, ui.contactCreate},
		{"GET", "/contacts/{id}/edit", writer, ui.contactEdit},
		{"POST", "/contacts/{id}", writer, ui.contactUpdate},
		{"POST", "/contacts/{id}/delete", writer, ui.contactDelete},

		{"GET", "/geocode", reader, ui.geocode},
		{"GET", "/places/new", writer, ui.placeNew},
		{"POST", "/places", writer, ui.placeCreate},
		{"GET", "/places/{id}/edit", writer, ui.placeEdit},
		{"POST", "/places/{id}", writer, ui.placeUpdate},
		{"POST", "/places/{id}/delete", writer, ui.placeDelete},

		{"GET", "/imports/new", writer, ui.importNew},
		{"POST", "/imports", uploader, ui.importUpload},
		{"GET", "/imports/uploads/{id}", writer, ui.importMap},
		{"POST", "/imports/uploads/{id}/preview", writer, ui.importPreview},
		{"POST", "/imports/uploads/{id}/apply", writer, ui.importApply},
		{"GET", "/imports/{id}", reader, ui.importShow},
		{"POST", "/imports/{id}/undo", writer, ui.importUndo},

		{"GET", "/admin/users", admin, ui.userList},
		{"GET", "/admin/users/new", admin, ui.userNew},
		{"POST", "/admin/users", admin, ui.userCreate},
		{"GET", "/admin/users/{id}/edit", admin, ui.userEdit},
		{"POST", "/admin/users/{id}", admin, ui.userUpdate},
		{"POST", "/admin/users/{id}/password", admin, ui.userResetPassword},
		{"POST", "/admin/users/{id}/delete", admin, ui.userDelete},
		{"GET", "/admin/settings", admin, ui.settingsEdit},
		{"GET", "/admin/audit", admin, ui.auditList},
		{"GET", "/admin/audit/{file}", admin, ui.auditDownload},
		{"GET", "/search", reader, ui.search},
		{"POST", "/admin/settings", admin, ui.settingsUpdate},
		{"GET", "/admin/mailbox", admin, ui.mailboxEdit},
		{"POST", "/admin/mailbox", admin, ui.mailboxUpdate},
		{"GET", "/admin/tokens", admin, ui.tokenList},
		{"POST", "/admin/tokens", admin, ui.tokenCreate},
		{"POST", "/admin/tokens/{id}/revoke", admin, ui.tokenRevoke},
	}
}

// Register adds every UI route, and the assets, to mux.
func (ui *UI) Register(mux *http.ServeMux) {
	mux.Handle("GET /assets/", ui.assets)
	for _, rt := range ui.routes() {
		h := rt.handler
		if rt.method == http.MethodGet && keptPages[rt.pattern] {
			h = ui.keptPage(h)
		}
		mux.Handle(rt.method+" "+rt.pattern, ui.guard(rt.access, h))
	}
}

// caller is who acts in a workflow: the signed-in user, with the site
// address the links in the e-mails it causes point to.
func (ui *UI) caller(r *http.Request, s *session) app.Caller {
	c := app.Caller{Site: ui.siteURL(r)}
	if s != nil {
		c.User = s.User
	}
	return c
}
