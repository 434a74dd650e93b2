package itinera

import "time"

// RequestStatus is where a meeting request stands.
type RequestStatus string

// Request statuses.
const (
	RequestDraft     RequestStatus = "draft"
	RequestSent      RequestStatus = "sent"
	RequestViewed    RequestStatus = "viewed"
	RequestAccepted  RequestStatus = "accepted"
	RequestDeclined  RequestStatus = "declined"
	RequestCountered RequestStatus = "counter-proposed"
	RequestExpired   RequestStatus = "expired"
	RequestWithdrawn RequestStatus = "withdrawn"
)

// Request asks one contact to host a meeting. The resource answers from a
// personal link whose token is stored only as a hash.
type Request struct {
	ID        int64
	TenantID  int64
	MeetingID int64
	ContactID int64
	Status    RequestStatus
	Windows   []Window // proposed times
	Message   string
	ExpiresAt time.Time
	SentAt    time.Time
	CreatedAt time.Time
	Events    []RequestEvent
}

// RequestEvent is one entry of a request's history.
type RequestEvent struct {
	ID     int64
	At     time.Time
	Kind   string // sent, viewed, accepted, declined, countered, suggested colleague, …
	Detail string
}
