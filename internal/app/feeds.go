package app

import (
	"context"
	"strings"

	"itinera"
	"itinera/internal/auth"
)

// Calendar subscription feeds: a secret address per program, visitor,
// interpreter and resource contact. The address is returned once, when it
// is issued; issuing again revokes the old one.

// IssuedFeed is a new feed and its secret address, shown once.
type IssuedFeed struct {
	Feed itinera.Feed
	// URL is the https address; Webcal the same for calendar applications.
	URL    string
	Webcal string
}

// IssueFeed makes a new secret address for one person of a program (or,
// with kind program, the whole program), revoking the person's old one.
func (a *App) IssueFeed(ctx context.Context, c Caller, programID int64, kind itinera.FeedKind, subjectID int64) (IssuedFeed, error) {
	if err := mustEdit(c); err != nil {
		return IssuedFeed{}, err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return IssuedFeed{}, err
	}
	var out IssuedFeed
	err = a.inTx(ctx, func(ctx context.Context) error {
		if _, err := a.s.Programs.Program(ctx, c.tenant(), programID); err != nil {
			return err
		}
		if err := a.checkFeedSubject(ctx, c, programID, kind, subjectID); err != nil {
			return err
		}
		f := itinera.Feed{TenantID: c.tenant(), ProgramID: programID, Kind: kind, SubjectID: subjectID, TokenHash: hash}
		if err := a.s.Feeds.IssueFeed(ctx, &f); err != nil {
			return err
		}
		f.TokenHash = ""
		out.Feed = f
		return a.auditAt(ctx, c.actor(), c.tenant(), "feed", f.ID, programID, "issue", nil,
			map[string]any{"Kind": f.Kind, "SubjectID": f.SubjectID})
	})
	if err != nil {
		return IssuedFeed{}, err
	}
	out.URL = strings.TrimRight(c.Site, "/") + "/feeds/" + token + ".ics"
	out.Webcal = "webcal" + strings.TrimPrefix(strings.TrimPrefix(out.URL, "https"), "http")
	return out, nil
}

// checkFeedSubject checks that the feed's person belongs to the program: a
// visitor or interpreter of it, or the contact of one of its meetings.
func (a *App) checkFeedSubject(ctx context.Context, c Caller, programID int64, kind itinera.FeedKind, id int64) error {
	bad := func(msg string) error { return itinera.FieldErrors{"subject_id": msg}.Err("calendar feed") }
	switch kind {
	case itinera.FeedProgram:
		if id != 0 {
			return bad("A program feed has no person.")
		}
	case itinera.FeedVisitor:
		v, ok, err := exists(a.s.People.Visitor(ctx, c.tenant(), id))
		if err != nil {
			return err
		}
		if !ok || v.ProgramID != programID {
			return bad("Choose a visitor of this program.")
		}
	case itinera.FeedInterpreter:
		i, ok, err := exists(a.s.People.Interpreter(ctx, c.tenant(), id))
		if err != nil {
			return err
		}
		if !ok || i.ProgramID != programID {
			return bad("Choose an interpreter of this program.")
		}
	case itinera.FeedContact:
		ms, err := a.s.Candidates.Meetings(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.ContactID == id && id != 0 {
				return nil
			}
		}
		return bad("Choose the contact of one of this program's meetings.")
	default:
		return itinera.FieldErrors{"kind": "Choose program, visitor, interpreter or contact."}.Err("calendar feed")
	}
	return nil
}

// RevokeFeed ends a feed: its address stops working at once.
func (a *App) RevokeFeed(ctx context.Context, c Caller, id int64) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		if err := a.s.Feeds.RevokeFeed(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "feed", id, 0, "revoke", nil, nil)
	})
}
