package store_test

import (
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/store"
)

// TestCollaborationsAndFeedbackLinks, on both databases: a collaboration
// is stored with its lists, changed only at its current version, never
// seen or changed from another tenant, and may not name another tenant's
// organization; a feedback link issued twice keeps one row with the new
// token, and its reminder is claimed once.
func TestCollaborationsAndFeedbackLinks(t *testing.T) {
	t.Parallel()
	forBoth(t, func(t *testing.T, s *store.Store) {
		a, b := mustFixture(t, s, "fu-a"), mustFixture(t, s, "fu-b")
		c := itinera.Collaboration{TenantID: a.tenant.ID, ProgramID: a.program.ID, Kind: itinera.CollabPublication, Title: "A joint report",
			OrganizationIDs: []int64{a.org.ID, a.partner.ID}, Countries: []string{"Brazil", "Nigeria"}, StartedOn: itinera.MustDate("2027-01-15"),
			EvidenceURL: "https://example.org/report", RecordedBy: "staff"}
		must(t, s.CreateCollaboration(ctx, &c))
		got, err := s.Collaboration(ctx, a.tenant.ID, c.ID)
		must(t, err)
		if got.Version != 1 || got.Status != itinera.CollabPlanned || len(got.OrganizationIDs) != 2 || got.Countries[1] != "Nigeria" ||
			got.StartedOn.String() != "2027-01-15" || len(got.VisitorIDs) != 0 {
			t.Fatalf("stored %+v", got)
		}
		got.Status = itinera.CollabDone
		must(t, s.UpdateCollaboration(ctx, &got))
		if got.Version != 2 {
			t.Fatalf("version %d after a change", got.Version)
		}
		old := got
		old.Version = 1
		wantCode(t, s.UpdateCollaboration(ctx, &old), itinera.ESTALE)
		_, err = s.Collaboration(ctx, b.tenant.ID, c.ID)
		wantCode(t, err, itinera.ENOTFOUND)
		stranger := got
		stranger.TenantID = b.tenant.ID
		stranger.ProgramID = b.program.ID
		wantCode(t, s.UpdateCollaboration(ctx, &stranger), itinera.ENOTFOUND)
		wantCode(t, s.DeleteCollaboration(ctx, b.tenant.ID, c.ID), itinera.ENOTFOUND)
		bad := itinera.Collaboration{TenantID: b.tenant.ID, ProgramID: b.program.ID, Kind: itinera.CollabOther, Title: "x",
			OrganizationIDs: []int64{a.org.ID}}
		err = s.CreateCollaboration(ctx, &bad)
		if itinera.ErrorFields(err)["organization_ids"] == "" {
			t.Fatalf("another tenant's organization: %v", err)
		}
		if cs, err := s.Collaborations(ctx, a.tenant.ID, 0); err != nil || len(cs) != 1 {
			t.Fatalf("all of a's collaborations: %d (%v)", len(cs), err)
		}

		now := time.Date(2026, 12, 10, 15, 0, 0, 0, time.UTC)
		_, h1, _ := auth.NewToken()
		l := itinera.FeedbackLink{TenantID: a.tenant.ID, ProgramID: a.program.ID, Role: itinera.FeedbackResource, PersonID: a.contact.ID,
			Name: a.contact.Name, Email: a.contact.Email, OrganizationID: a.org.ID, TokenHash: h1, SentAt: now, ExpiresAt: now.Add(itinera.FeedbackLinkTTL)}
		must(t, s.IssueFeedbackLink(ctx, &l))
		_, h2, _ := auth.NewToken()
		l2 := l
		l2.ID, l2.TokenHash = 0, h2
		must(t, s.IssueFeedbackLink(ctx, &l2))
		if l2.ID != l.ID {
			t.Fatalf("a second issue made a new link %d (was %d)", l2.ID, l.ID)
		}
		_, err = s.FeedbackLinkByToken(ctx, h1)
		wantCode(t, err, itinera.ENOTFOUND)
		if due, err := s.DueFeedbackReminders(ctx, now.Add(6*24*time.Hour)); err != nil || len(due) != 0 {
			t.Fatalf("due after 6 days: %d (%v)", len(due), err)
		}
		due, err := s.DueFeedbackReminders(ctx, now.Add(7*24*time.Hour))
		if err != nil || len(due) != 1 {
			t.Fatalf("due after 7 days: %d (%v)", len(due), err)
		}
		_, h3, _ := auth.NewToken()
		ok, err := s.ClaimFeedbackReminder(ctx, l.ID, h3, now.Add(7*24*time.Hour), now.Add(60*24*time.Hour))
		must(t, err)
		again, err := s.ClaimFeedbackReminder(ctx, l.ID, h1, now.Add(7*24*time.Hour), now.Add(60*24*time.Hour))
		must(t, err)
		if !ok || again {
			t.Fatalf("claims: %v then %v", ok, again)
		}
		must(t, s.AnswerFeedback(ctx, h3, itinera.FeedbackAnswer{Rating: 5, HostAgain: itinera.HostAgainYes, Comment: "Glad to."}, now.Add(8*24*time.Hour)))
		ls, err := s.FeedbackLinks(ctx, a.tenant.ID, a.program.ID)
		must(t, err)
		if len(ls) != 1 || !ls[0].Answered() || ls[0].Rating != 5 || ls[0].HostAgain != itinera.HostAgainYes {
			t.Fatalf("links %+v", ls)
		}
		if ls, _ := s.FeedbackLinks(ctx, b.tenant.ID, a.program.ID); len(ls) != 0 {
			t.Fatal("another tenant sees the links")
		}
	})
}
