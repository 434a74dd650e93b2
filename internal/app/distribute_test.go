package app_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

var feedLinkRE = regexp.MustCompile(`/feeds/([A-Za-z0-9_-]+)\.ics`)

// TestDistribute sends the demo's visitors and interpreter their packages,
// on both databases: the officer sees who gets what first; one visitor is
// held back; each other person's message waits in the outbox with their
// book as PDF and their program as .ics (with the organization's
// reminders), and a calendar address that works (the old one no longer
// does); the worker's claim reads the files back byte for byte. Without a
// printer, a viewer, or a note of many lines, nothing is sent.
func TestDistribute(t *testing.T) {
	t.Parallel()
	p := mustPrinter(t)
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustRichDemo(t, s)
			a, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap, Printer: p})
			must(t, err)
			st, err := s.Settings(ctx, f.tenant.ID)
			must(t, err)
			st.ReminderMinutes = 30
			_, err = a.UpdateSettings(ctx, f.c, st)
			must(t, err)

			plan, err := a.PlanDistribution(ctx, f.c, f.program.ID)
			must(t, err)
			vs, err := s.Visitors(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			is, err := s.Interpreters(ctx, f.tenant.ID, f.program.ID)
			must(t, err)
			if plan.Why != "" || len(plan.Parcels) != len(vs)+len(is) {
				t.Fatalf("plan: %q, %d parcels for %d people", plan.Why, len(plan.Parcels), len(vs)+len(is))
			}
			old, err := a.IssueFeed(ctx, f.c, f.program.ID, itinera.FeedVisitor, vs[1].ID)
			must(t, err)
			before, err := s.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{Limit: 1000})
			must(t, err)

			held := plan.Parcels[0]
			out, err := a.Distribute(ctx, f.c, f.program.ID, app.DistributeOptions{Hold: map[string]bool{held.Key(): true},
				Note: "Welcome! Your driver waits in the lobby at 8:15."})
			must(t, err)
			sendable := 0
			for _, pc := range plan.Parcels {
				if pc.Skip == "" {
					sendable++
				}
			}
			if out.Queued != sendable-1 || out.Held != 1 {
				t.Fatalf("queued %d, held %d; %d could go", out.Queued, out.Held, sendable)
			}
			after, err := s.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{Limit: 1000})
			must(t, err)
			if len(after)-len(before) != out.Queued {
				t.Fatalf("%d new messages, want %d", len(after)-len(before), out.Queued)
			}
			got := map[string]itinera.OutboxMessage{}
			for _, m := range after[:out.Queued] { // newest first
				full, err := s.OutboxMessage(ctx, f.tenant.ID, m.ID)
				must(t, err)
				got[full.To] = full
			}
			for _, v := range vs {
				var m itinera.OutboxMessage
				for to, x := range got {
					if strings.Contains(to, v.Email) {
						m = x
					}
				}
				if v.ID == held.PersonID {
					if m.ID != 0 {
						t.Errorf("%s was held back but got %q", v.Name(), m.Subject)
					}
					continue
				}
				if m.ID == 0 {
					t.Errorf("%s got nothing", v.Name())
					continue
				}
				if len(m.Attachments) != 2 || !bytes.HasPrefix(m.Attachments[0].Data, []byte("%PDF-")) ||
					m.Attachments[1].ContentType != "text/calendar" {
					t.Fatalf("%s's files: %d", v.Name(), len(m.Attachments))
				}
				ics := string(m.Attachments[1].Data)
				if !strings.Contains(ics, "METHOD:PUBLISH") || !strings.Contains(ics, "BEGIN:VALARM") || !strings.Contains(ics, "TRIGGER:-PT30M") {
					t.Errorf("%s's calendar lacks the method or the reminders", v.Name())
				}
				if !strings.Contains(m.TextBody, "Welcome! Your driver waits") || !strings.Contains(m.TextBody, "a reminder 30 minutes before") {
					t.Errorf("%s's message: %s", v.Name(), m.TextBody)
				}
				link := feedLinkRE.FindStringSubmatch(m.TextBody)
				if link == nil {
					t.Fatalf("%s's message has no calendar address", v.Name())
				}
				feed, err := s.FeedByTokenHash(ctx, auth.HashToken(link[1]))
				if err != nil || feed.Kind != itinera.FeedVisitor || feed.SubjectID != v.ID {
					t.Errorf("%s's calendar address: %+v %v", v.Name(), feed, err)
				}
			}
			if old.URL != "" {
				token := feedLinkRE.FindStringSubmatch(old.URL)[1]
				if feed, err := s.FeedByTokenHash(ctx, auth.HashToken(token)); err == nil && feed.RevokedAt.IsZero() {
					t.Error("the visitor's old calendar address still works")
				}
			}

			// The worker reads each message with its files.
			claimed, err := s.ClaimDue(ctx, storetest.Now().Add(time.Hour), time.Minute, 1000)
			must(t, err)
			files := 0
			for _, m := range claimed {
				for _, x := range m.Attachments {
					if len(x.Data) == 0 || x.Size != len(x.Data) {
						t.Errorf("claimed file %s: %d bytes, size %d", x.Name, len(x.Data), x.Size)
					}
					files++
				}
			}
			if files != 2*out.Queued {
				t.Errorf("the worker claimed %d files, want %d", files, 2*out.Queued)
			}

			noPrinter, err := app.New(app.Config{Store: s.Services(), Tx: s, Now: storetest.Now, Hasher: cheap})
			must(t, err)
			if _, err := noPrinter.Distribute(ctx, f.c, f.program.ID, app.DistributeOptions{}); itinera.ErrorCode(err) != itinera.EINVALID ||
				!strings.Contains(itinera.ErrorMessage(err), "Chromium") {
				t.Errorf("without a printer: %v", err)
			}
			viewer := f.c
			viewer.User.Role = itinera.RoleViewer
			if _, err := a.Distribute(ctx, viewer, f.program.ID, app.DistributeOptions{}); itinera.ErrorCode(err) != itinera.EFORBIDDEN {
				t.Errorf("a viewer: %v", err)
			}
			if _, err := a.Distribute(ctx, f.c, f.program.ID, app.DistributeOptions{Note: strings.Repeat("x", 3000)}); itinera.ErrorFields(err)["note"] == "" {
				t.Errorf("a long note: %v", err)
			}
		})
	}
}
