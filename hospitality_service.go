package itinera

import "context"

// HospitalityReader reads host households and hospitality evenings.
type HospitalityReader interface {
	Households(ctx context.Context, tenantID int64, f HouseholdFilter) ([]HostHousehold, error)
	Household(ctx context.Context, tenantID, id int64) (HostHousehold, error)
	// HouseholdCounts counts the tenant's households by status, for the filter.
	HouseholdCounts(ctx context.Context, tenantID int64) (map[HouseholdStatus]int, error)
	// HouseholdByToken returns the household of a personal link that works.
	HouseholdByToken(ctx context.Context, tokenHash string) (HostHousehold, error)
	// HostEvenings lists the evenings not yet over that the household of a
	// personal link is invited to.
	HostEvenings(ctx context.Context, tokenHash string) ([]HostEvening, error)
	Evenings(ctx context.Context, tenantID, programID int64) ([]HospitalityEvening, error)
	Evening(ctx context.Context, tenantID, id int64) (HospitalityEvening, error)
	Pairs(ctx context.Context, tenantID, programID int64) ([]HospitalityPair, error)
	// PendingNotices says what confirming the evening's saved matching now
	// would tell its households (the same decision ConfirmEvening makes):
	// those never told, those whose guests or time changed, and
	// cancellations for those told before that receive nobody now.
	PendingNotices(ctx context.Context, tenantID, eveningID int64) ([]HospitalityNotice, error)
	// VolunteerHours lists the hours recorded for a program's evenings.
	VolunteerHours(ctx context.Context, tenantID, programID int64) ([]VolunteerHours, error)
	// HouseholdMinutes totals the volunteer minutes of each of the tenant's
	// households over every confirmed evening.
	HouseholdMinutes(ctx context.Context, tenantID int64) (map[int64]int, error)
}

// HospitalityService keeps volunteer host households and the
// home-hospitality evenings of programs. The token methods serve the
// host's personal page: they find the household by the hash of its link's
// token, across tenants, and never by id.
type HospitalityService interface {
	HospitalityReader
	// SignUpHousehold stores a new pending household, its home as a place
	// and the hash of its personal link.
	SignUpHousehold(ctx context.Context, h *HostHousehold, link HouseholdLink) error
	// CreateHousehold stores a household the staff bring in (from their
	// own list or a program file, with the status given; approved when
	// none), its home as a place, without a personal link: inviting it to
	// an evening by e-mail gives it one.
	CreateHousehold(ctx context.Context, h *HostHousehold) error
	// UpdateHousehold stores the staff's changes to a household and its
	// home, status included, against h.Version (0: any).
	UpdateHousehold(ctx context.Context, h *HostHousehold) error
	// DeleteHousehold removes a household no evening refers to, with its home.
	DeleteHousehold(ctx context.Context, tenantID, id int64) error
	// SetHouseholdStatus approves or rejects a household; a household that
	// is no longer approved is marked unavailable for evenings not confirmed.
	SetHouseholdStatus(ctx context.Context, tenantID, id int64, st HouseholdStatus) error
	// UpdateHouseholdByToken stores the host's changes (never the status).
	UpdateHouseholdByToken(ctx context.Context, tokenHash string, h *HostHousehold) error
	// AnswerInvitationByToken records the host's answer for one evening:
	// no makes the household unavailable for it, yes available again.
	AnswerInvitationByToken(ctx context.Context, tokenHash string, eveningID int64, a HostAnswer) error
	// WithdrawHouseholdByToken withdraws the household: it drops out of every
	// evening it was invited to that has not yet taken place.
	WithdrawHouseholdByToken(ctx context.Context, tokenHash string) error
	// CreateEvening stores an evening with the visitors and interpreters
	// taking part.
	CreateEvening(ctx context.Context, e *HospitalityEvening) error
	// InviteHouseholds adds approved households to an evening's invitations.
	InviteHouseholds(ctx context.Context, tenantID, eveningID int64, householdIDs []int64) error
	// InviteHouseholdsByMail invites approved households and, in the same
	// transaction, gives each a new personal link and queues its e-mail.
	InviteHouseholdsByMail(ctx context.Context, tenantID, eveningID int64, invites []EveningInvite) error
	// SetInvitation marks an invited household available or unavailable
	// (dropped out) for the evening.
	SetInvitation(ctx context.Context, tenantID, eveningID, householdID int64, st InvitationStatus) error
	// SaveMatching replaces the evening's guests and unplaced visitors.
	SaveMatching(ctx context.Context, tenantID, eveningID int64, guests []HospitalityGuest, unplaced []HospitalityUnplaced) error
	// ConfirmEvening confirms the saved matching: it records volunteer
	// hours, queues the e-mails of the households whose part changed since
	// they were last told (and cancellations for those without guests now)
	// in the same transaction, and puts the evening into the program's
	// itinerary. It returns the notices sent.
	ConfirmEvening(ctx context.Context, tenantID, eveningID int64, c HospitalityConfirmation) ([]HospitalityNotice, error)
	CreatePair(ctx context.Context, p *HospitalityPair) error
	DeletePair(ctx context.Context, tenantID, id int64) error

	// RestoreEvening stores an evening in the state e gives (invitations
	// and answers, guests, unplaced visitors, confirmation) with its
	// volunteer hours: an evening of a program file being imported.
	RestoreEvening(ctx context.Context, e *HospitalityEvening, hours []VolunteerHours) error
}
