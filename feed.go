package itinera

import (
	"context"
	"time"
)

// FeedKind says whose calendar a subscription feed is.
type FeedKind string

// Feed kinds: the whole program (staff), one visitor, one interpreter, or
// one resource contact (only the meetings they host).
const (
	FeedProgram     FeedKind = "program"
	FeedVisitor     FeedKind = "visitor"
	FeedInterpreter FeedKind = "interpreter"
	FeedContact     FeedKind = "contact"
)

// FeedKinds lists the kinds.
var FeedKinds = []FeedKind{FeedProgram, FeedVisitor, FeedInterpreter, FeedContact}

// Feed is a secret calendar subscription address for one person's items of
// one program. Only the hash of its token is stored; re-issuing a feed
// revokes the old address.
type Feed struct {
	ID        int64
	TenantID  int64
	ProgramID int64
	Kind      FeedKind
	SubjectID int64 // the visitor, interpreter or contact; 0 for the program feed
	TokenHash string
	CreatedAt time.Time
	RevokedAt time.Time // zero while live
}

// Validate checks the feed's fields.
func (f *Feed) Validate() error {
	fe := FieldErrors{}
	if !oneOf(f.Kind, FeedKinds) {
		fe.Add("kind", "Choose program, visitor, interpreter or contact.")
	}
	if (f.Kind == FeedProgram) != (f.SubjectID == 0) {
		fe.Add("subject_id", "A program feed has no person; every other feed has one.")
	}
	if f.ProgramID == 0 {
		fe.Add("program_id", "A feed belongs to a program.")
	}
	if len(f.TokenHash) != 64 {
		fe.Add("token", "A feed needs a token.")
	}
	return fe.Err("calendar feed")
}

// FeedReader reads calendar subscription feeds.
type FeedReader interface {
	// Feeds lists the live feeds of a program.
	Feeds(ctx context.Context, tenantID, programID int64) ([]Feed, error)
	// FeedByTokenHash returns a live feed for its token's hash.
	FeedByTokenHash(ctx context.Context, tokenHash string) (Feed, error)
}

// FeedService keeps calendar subscription feeds.
type FeedService interface {
	FeedReader
	// IssueFeed stores f as the live feed of its person, revoking the one
	// it replaces.
	IssueFeed(ctx context.Context, f *Feed) error
	// RevokeFeed ends a live feed.
	RevokeFeed(ctx context.Context, tenantID, id int64) error
}
