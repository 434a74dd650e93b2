package itinera

import "time"

// OutcomeKind classifies what followed a program.
type OutcomeKind string

// Outcome kinds.
const (
	OutcomeJointProject OutcomeKind = "joint project"
	OutcomeInvitation   OutcomeKind = "invitation"
	OutcomeInfoSharing  OutcomeKind = "information sharing"
	OutcomeOther        OutcomeKind = "other"
)

// Outcome is a collaboration or follow-up linking a visitor with a resource
// contact or organization.
type Outcome struct {
	ID             int64
	TenantID       int64
	ProgramID      int64
	Kind           OutcomeKind
	VisitorID      int64
	ContactID      int64
	OrganizationID int64
	Description    string
	OccurredOn     Date
	RecordedAt     time.Time
}
