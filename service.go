package itinera

import (
	"context"
	"time"
)

// The service interfaces below are implemented by the store. Every method
// that reads or writes tenant data takes the tenant explicitly, so no query
// can forget it; a record of another tenant is reported as not found.

// The service interfaces below are split in two: an XReader with what the
// web UI, the API and the CLI may read directly, and the XService that adds
// the writes, which only the application layer (internal/app) calls, inside
// its transactions. Readers bundles the readers for the adapters.

// AccountReader reads tenants, staff users and API tokens.
type AccountReader interface {
	TenantBySlug(ctx context.Context, slug string) (Tenant, error)
	Tenant(ctx context.Context, id int64) (Tenant, error)
	Users(ctx context.Context, tenantID int64) ([]User, error)
	User(ctx context.Context, tenantID, id int64) (User, error)
	// APITokens lists the tenant's API tokens, revoked ones included,
	// newest first; TokenHash is left empty.
	APITokens(ctx context.Context, tenantID int64) ([]APIToken, error)
	// Alerts lists the tenant's notifications that happened in [from,
	// to), newest first, at most limit (alert.go).
	Alerts(ctx context.Context, tenantID int64, from, to time.Time, limit int) ([]Alert, error)
	// AlertsRevision returns, in one read, the tenant's newest audit
	// entry's id and its alerts counter, bumped by the changes that make
	// or remove a notification without an audit entry: together they
	// change with every change of the notifications but the passing of
	// time.
	AlertsRevision(ctx context.Context, tenantID int64) (AlertsRevision, error)
}

// Authenticator finds who a credential belongs to and keeps the browser
// sessions: what signing in and bearer authentication need.
type Authenticator interface {
	// UserByEmail returns the user and their password hash, for signing in.
	UserByEmail(ctx context.Context, email string) (User, string, error)
	// UserByAPITokenHash returns the user a live API token belongs to.
	UserByAPITokenHash(ctx context.Context, tokenHash string) (User, error)
	CreateSession(ctx context.Context, s *Session) error
	// SessionByTokenHash returns a live session and its user, with the
	// user's tenant's AlertsRevision in Session.Alerts.
	SessionByTokenHash(ctx context.Context, tokenHash string, now time.Time) (Session, User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}

// AccountService keeps tenants, staff users, sessions and API tokens.
// Secrets arrive already hashed: the store never sees a password or token.
type AccountService interface {
	AccountReader
	Authenticator
	CreateTenant(ctx context.Context, t *Tenant) error

	// CreateUser stores u, with MustChangePassword, and the hash of their
	// password.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	// SetPassword stores a password the user chose themselves, and ends
	// their sessions.
	SetPassword(ctx context.Context, userID int64, passwordHash string) error
	// ResetPassword stores a password made for the tenant's user, which
	// they must change at their next sign-in, and ends their sessions.
	ResetPassword(ctx context.Context, tenantID, userID int64, passwordHash string) error
	// UpdateUser stores u's e-mail, name and role. Demoting the tenant's
	// last administrator is a conflict.
	UpdateUser(ctx context.Context, u *User) error
	// DeleteUser removes the user with their sessions and API tokens.
	// Deleting the tenant's last administrator is a conflict.
	DeleteUser(ctx context.Context, tenantID, id int64) error
	// UpdateTenant stores t's name and time zone; the slug never changes.
	UpdateTenant(ctx context.Context, t *Tenant) error

	CreateAPIToken(ctx context.Context, t *APIToken) error
	// RevokeAPIToken ends a token; revoking a revoked token is not an error.
	RevokeAPIToken(ctx context.Context, tenantID, id int64) error
	// APITokenUser returns a live token and its owner, and records the
	// token's use at now (at most once a minute).
	APITokenUser(ctx context.Context, tokenHash string, now time.Time) (User, APIToken, error)

	// RecordSignIn notes a sign-in at at: the previous latest becomes
	// LastSignedInAt. It returns the user as stored after.
	RecordSignIn(ctx context.Context, userID int64, at time.Time) (User, error)
	// SetUserName stores the name the user gave themselves.
	SetUserName(ctx context.Context, tenantID, userID int64, version int, name string) error

	// CreatePasswordReset stores the hash of a user's reset link, replacing
	// any link they had.
	CreatePasswordReset(ctx context.Context, userID int64, tokenHash string, createdAt, expiresAt time.Time) error
	// UserByPasswordReset returns the user of a reset link live at now.
	UserByPasswordReset(ctx context.Context, tokenHash string, now time.Time) (User, error)
	// DeletePasswordReset ends the user's reset link, if any.
	DeletePasswordReset(ctx context.Context, userID int64) error

	// SetAlertsSeen marks the user's notifications up to at as seen.
	SetAlertsSeen(ctx context.Context, tenantID, userID int64, at time.Time) error
	// SetDailyDigest turns the user's daily digest on or off.
	SetDailyDigest(ctx context.Context, tenantID, userID int64, on bool) error
	// DigestUsers lists the users of every tenant who want a daily digest.
	DigestUsers(ctx context.Context) ([]User, error)
	// ClaimDigestDay records that the user's digest of day (YYYY-MM-DD,
	// local) is queued; false when it already was, or a later day's.
	ClaimDigestDay(ctx context.Context, userID int64, day string) (bool, error)
}

// SettingsService keeps an organization's settings: its name, time zone
// and the sender of its e-mail, saved together.
type SettingsService interface {
	SettingsReader
	UpdateSettings(ctx context.Context, s *Settings) error
}

// SettingsReader reads an organization's settings.
type SettingsReader interface {
	Settings(ctx context.Context, tenantID int64) (Settings, error)
}

// Session is a signed-in browser. Only the hash of its cookie is stored.
type Session struct {
	TokenHash string
	UserID    int64
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
	// Alerts is the user's tenant's AlertsRevision, read in the same
	// query as the session by SessionByTokenHash (not stored): a page
	// needs no second read to know whether its kept bell is current.
	Alerts AlertsRevision
}

// AlertsRevision names the state of a tenant's notifications
// (AccountReader.AlertsRevision): its newest audit entry's id and its
// alerts counter.
type AlertsRevision struct{ Audit, Alerts int64 }

// APIToken lets an API client act as a user. Only its hash is stored.
type APIToken struct {
	ID        int64
	UserID    int64
	Name      string
	TokenHash string
	CreatedAt time.Time
	RevokedAt time.Time // zero while the token works
	UserEmail string    // filled by listings
	// Access is what the token may do: TokenFull or TokenRead.
	Access TokenAccess
	// LastUsedAt is the token's latest use (to the minute); zero if unused.
	LastUsedAt time.Time
	// Revision is the id of the newest audit entry of the user's tenant,
	// read with the token by APITokenUser (not stored): a GET answered by
	// revision needs no second read.
	Revision int64
}

// Revoked reports whether the token has stopped working.
func (t APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// ProgramCursor is a place in the list of programs, latest arrival first:
// the arrival date and id of the last program of a page.
type ProgramCursor struct {
	StartDate Date
	ID        int64
}

// ProgramReader reads programs and their days.
type ProgramReader interface {
	Programs(ctx context.Context, tenantID int64) ([]Program, error)
	// ProgramsPage is a page of Programs' list (latest arrival first):
	// up to limit programs after the one at after (the first page when
	// after is zero), read from the index rather than the whole list.
	ProgramsPage(ctx context.Context, tenantID int64, after ProgramCursor, limit int) ([]Program, error)
	// ProgramsEndingFrom lists, as Programs does, the programs whose
	// departure day is from or after from.
	ProgramsEndingFrom(ctx context.Context, tenantID int64, from Date) ([]Program, error)
	// CountPrograms counts the tenant's programs.
	CountPrograms(ctx context.Context, tenantID int64) (int, error)
	Program(ctx context.Context, tenantID, id int64) (Program, error)
	Days(ctx context.Context, tenantID, programID int64) ([]Day, error)
}

// ProgramService keeps programs and their days.
type ProgramService interface {
	ProgramReader
	// CreateProgram stores p and a default Day for each of its dates.
	CreateProgram(ctx context.Context, p *Program) error
	// UpdateProgram stores p; days added by new dates get defaults, days
	// outside the new dates are removed.
	UpdateProgram(ctx context.Context, p *Program) error
	DeleteProgram(ctx context.Context, tenantID, id int64) error
	UpdateDay(ctx context.Context, tenantID int64, d *Day) error
}

// PeopleReader reads the delegation.
type PeopleReader interface {
	Visitors(ctx context.Context, tenantID, programID int64) ([]Visitor, error)
	// VisitorPage is the page of up to limit visitors that follows the
	// visitor after in Visitors' order (keyset paging; after 0, or a
	// visitor not of the program: the first page), and how many visitors
	// the program has.
	VisitorPage(ctx context.Context, tenantID, programID, after int64, limit int) (page []Visitor, total int, err error)
	Visitor(ctx context.Context, tenantID, id int64) (Visitor, error)
	Interpreters(ctx context.Context, tenantID, programID int64) ([]Interpreter, error)
	Interpreter(ctx context.Context, tenantID, id int64) (Interpreter, error)
}

// PeopleService keeps the delegation: visitors and interpreters.
type PeopleService interface {
	PeopleReader
	CreateVisitor(ctx context.Context, v *Visitor) error
	UpdateVisitor(ctx context.Context, v *Visitor) error
	DeleteVisitor(ctx context.Context, tenantID, id int64) error
	CreateInterpreter(ctx context.Context, i *Interpreter) error
	UpdateInterpreter(ctx context.Context, i *Interpreter) error
	DeleteInterpreter(ctx context.Context, tenantID, id int64) error
}

// CandidateReader reads a program's candidate meetings and activities.
type CandidateReader interface {
	Meetings(ctx context.Context, tenantID, programID int64) ([]Meeting, error)
	Meeting(ctx context.Context, tenantID, id int64) (Meeting, error)
	Activities(ctx context.Context, tenantID, programID int64) ([]Activity, error)
	Activity(ctx context.Context, tenantID, id int64) (Activity, error)
}

// CandidateService keeps a program's candidate meetings and activities.
type CandidateService interface {
	CandidateReader
	CreateMeeting(ctx context.Context, m *Meeting) error
	UpdateMeeting(ctx context.Context, m *Meeting) error
	DeleteMeeting(ctx context.Context, tenantID, id int64) error
	CreateActivity(ctx context.Context, a *Activity) error
	UpdateActivity(ctx context.Context, a *Activity) error
	DeleteActivity(ctx context.Context, tenantID, id int64) error
}

// ItineraryReader reads a program's itinerary.
type ItineraryReader interface {
	// CurrentItinerary returns the newest version; ENOTFOUND if none.
	CurrentItinerary(ctx context.Context, tenantID, programID int64) (Itinerary, error)
	// ItineraryVersions returns every version, oldest first, with its
	// items as saved (their place then, their SEQUENCE then).
	ItineraryVersions(ctx context.Context, tenantID, programID int64) ([]Itinerary, error)
	// Releases returns the program's releases, newest first.
	Releases(ctx context.Context, tenantID, programID int64) ([]Release, error)
	// ReleasedTo returns the newest release that brought the person up to
	// date; ENOTFOUND if none did.
	ReleasedTo(ctx context.Context, tenantID, programID int64, r ReleaseRecipient) (Release, error)
}

// ItineraryService keeps the versions of a program's itinerary.
type ItineraryService interface {
	ItineraryReader
	// SaveItinerary stores it as the next version of its program.
	SaveItinerary(ctx context.Context, it *Itinerary) error
	// ApplyItinerary is SaveItinerary that also queues, in the same
	// transaction, the messages notify composes for the items whose time
	// or place changed or that left the itinerary.
	ApplyItinerary(ctx context.Context, it *Itinerary, notify ItineraryNotify) error
	// VersionsWith counts the program's itinerary versions that hold the
	// meeting (or, with meetingID 0, the activity).
	VersionsWith(ctx context.Context, tenantID, programID, meetingID, activityID int64) (int, error)
	// RestoreItinerary stores it as version it.Version, made at
	// it.CreatedAt, with its items' SEQUENCEs as given: a version of a
	// program file being imported.
	RestoreItinerary(ctx context.Context, it *Itinerary) error
	// CreateRelease records r (its Version the next number) and the
	// people it brought up to date.
	CreateRelease(ctx context.Context, r *Release, to []ReleaseRecipient) error
}

// DirectoryReader reads the resource directory.
type DirectoryReader interface {
	Organizations(ctx context.Context, tenantID int64, f DirectoryFilter) ([]Organization, error)
	Organization(ctx context.Context, tenantID, id int64) (Organization, error)
	Contacts(ctx context.Context, tenantID int64, f DirectoryFilter) ([]Contact, error)
	Contact(ctx context.Context, tenantID, id int64) (Contact, error)
	Places(ctx context.Context, tenantID int64, f DirectoryFilter) ([]Place, error)
	Place(ctx context.Context, tenantID, id int64) (Place, error)
	// PlaceUses counts the records that point at a place: organizations,
	// programs (their hotel), meetings, activities and households.
	PlaceUses(ctx context.Context, tenantID, id int64) (int, error)
	Topics(ctx context.Context, tenantID int64) ([]Topic, error)
}

// DirectoryService keeps the resource directory: organizations, contacts,
// places and topics.
type DirectoryService interface {
	DirectoryReader
	CreateOrganization(ctx context.Context, o *Organization) error
	UpdateOrganization(ctx context.Context, o *Organization) error
	DeleteOrganization(ctx context.Context, tenantID, id int64) error
	CreateContact(ctx context.Context, c *Contact) error
	UpdateContact(ctx context.Context, c *Contact) error
	DeleteContact(ctx context.Context, tenantID, id int64) error
	CreatePlace(ctx context.Context, p *Place) error
	UpdatePlace(ctx context.Context, p *Place) error
	DeletePlace(ctx context.Context, tenantID, id int64) error
}

// RequestReader reads a program's meeting requests.
type RequestReader interface {
	Requests(ctx context.Context, tenantID, programID int64) ([]Request, error)
	Request(ctx context.Context, tenantID, id int64) (Request, error)
}

// RequestService keeps meeting requests and the resources' answers. The
// token methods serve the resource's page: they find the request by the
// hash of its link's token, across tenants, and never by id.
type RequestService interface {
	RequestReader
	// SetToldSequence records that the request's resource was sent the
	// meeting's invitation with that SEQUENCE.
	SetToldSequence(ctx context.Context, tenantID, requestID int64, sequence int) error
	// CreateRequest stores a draft request for a meeting of the tenant.
	CreateRequest(ctx context.Context, r *Request) error
	// SendRequest sends a draft, or re-sends a sent request with a new link
	// (the old one stops working): it stores the token hash and expiry,
	// queues the e-mail in the same transaction and marks the meeting
	// requested.
	SendRequest(ctx context.Context, tenantID, id int64, s RequestSending) error
	// WithdrawRequest ends a request; its link then shows that it was withdrawn.
	WithdrawRequest(ctx context.Context, tenantID, id int64) error
	// ConfirmRequest fixes the meeting at one of the answered times: the
	// meeting is confirmed with exactly that window, the request locked, and
	// the meeting moved there in the current itinerary (a new version) when
	// it is in it and the time is free. notify, when not nil, composes the
	// messages the confirmation causes; they are queued in the same
	// transaction.
	ConfirmRequest(ctx context.Context, tenantID, id int64, at Window, notify ConfirmNotify) error
	// CancelMeeting cancels a meeting: its live requests are withdrawn and
	// it leaves the current itinerary (a new version). notify, when not
	// nil, composes the cancellations to send, queued in the same
	// transaction; it is called only when the meeting was confirmed.
	CancelMeeting(ctx context.Context, tenantID, meetingID int64, reason string, notify CancelNotify) error
	// WithdrawConfirmation takes back a confirmed request: the request is
	// withdrawn, the meeting goes back to the candidates with the times the
	// request proposed (so it can be requested again), and notify, when not
	// nil, composes the resource's calendar cancellation, queued in the same
	// transaction. The meeting keeps its place in the itinerary until the
	// officer builds it again.
	WithdrawConfirmation(ctx context.Context, tenantID, id int64, reason string, notify CancelNotify) error
	// DeclineRequest records that the resource declined by other means
	// than their link (a call, an e-mail): the request is declined with the
	// reason, and the meeting too unless another request for it is live.
	DeclineRequest(ctx context.Context, tenantID, id int64, reason string) error

	// RequestByToken returns the request a link's token hash belongs to. On
	// the first call of a sent request it records that the resource viewed
	// it; a request past its expiry is marked expired.
	RequestByToken(ctx context.Context, tokenHash string) (Request, error)
	// AnswerRequest stores (or replaces) the resource's answer.
	AnswerRequest(ctx context.Context, tokenHash string, a RequestAnswer) (Request, error)

	// RestoreRequest stores a request in the state r gives — status,
	// times, answer, confirmed time, history — without a link: a request
	// of a program file being imported.
	RestoreRequest(ctx context.Context, r *Request) error
}

// Transactor runs a workflow in one transaction: every service method
// called with the context fn receives takes part in it, and the whole
// commits when fn returns nil or rolls back when it returns an error. An
// InTx inside fn is a savepoint of the same transaction: its error rolls
// back only its own part, and the outer fn may go on.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Services bundles the storage services the application layer
// (internal/app) runs its workflows on. The store implements all of them.
type Services struct {
	Accounts    AccountService
	Programs    ProgramService
	People      PeopleService
	Candidates  CandidateService
	Itineraries ItineraryService
	Directory   DirectoryService
	Requests    RequestService
	Outbox      OutboxService
	Feeds       FeedService
	Hospitality HospitalityService
	Settings    SettingsService
	Idempotency IdempotencyService
	Imports     ImportService
	Travel      TravelService
	Search      SearchReader
	Audit       AuditService
	Feedback    FeedbackService
	Inbound     InboundService
	Mailboxes   MailboxService
	Reports     ReportService
	// Projects has no reader half in Readers: internal/app decides who
	// reads a project (project.go).
	Projects ProjectService
}

// Readers bundles what the web UI, the API and the CLI read directly; every
// change goes through the application layer.
type Readers struct {
	Accounts    AccountReader
	Programs    ProgramReader
	People      PeopleReader
	Candidates  CandidateReader
	Itineraries ItineraryReader
	Directory   DirectoryReader
	Requests    RequestReader
	Outbox      OutboxReader
	Feeds       FeedReader
	Hospitality HospitalityReader
	Settings    SettingsReader
	Imports     ImportReader
	Travel      TravelReader
	Search      SearchReader
	Audit       AuditReader
	Feedback    FeedbackReader
	Mailboxes   MailboxReader
	Reports     ReportReader
}

// Readers returns the readers of s.
func (s Services) Readers() Readers {
	return Readers{Accounts: s.Accounts, Programs: s.Programs, People: s.People, Candidates: s.Candidates,
		Itineraries: s.Itineraries, Directory: s.Directory, Requests: s.Requests, Outbox: s.Outbox, Feeds: s.Feeds,
		Hospitality: s.Hospitality, Settings: s.Settings, Imports: s.Imports, Travel: s.Travel,
		Search: s.Search, Audit: s.Audit, Feedback: s.Feedback, Mailboxes: s.Mailboxes, Reports: s.Reports}
}

// IdempotentAnswer is the answer to a POST sent with an Idempotency-Key,
// kept so that a client's retry gets the same answer and creates nothing.
type IdempotentAnswer struct {
	Key         string
	Fingerprint string // of the request: method, path and body
	Status      int
	Location    string
	Body        string
	CreatedAt   time.Time
}

// IdempotencyService keeps the answers of idempotent requests per tenant.
type IdempotencyService interface {
	// IdempotentAnswer returns the answer kept for key; ENOTFOUND if none.
	IdempotentAnswer(ctx context.Context, tenantID int64, key string) (IdempotentAnswer, error)
	// SaveIdempotentAnswer keeps a for key; a key already kept (by a
	// request that ran at the same time) is a conflict. Answers older than
	// before are forgotten.
	SaveIdempotentAnswer(ctx context.Context, tenantID int64, a IdempotentAnswer, before time.Time) error
}
