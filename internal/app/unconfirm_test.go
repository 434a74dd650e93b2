package app_test

import (
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// TestWithdrawConfirmation: a confirmed meeting cannot be asked again;
// once the officer withdraws the confirmation (the resource is sent the
// calendar cancellation with the reason), the meeting is a candidate
// again with the times the request proposed, and can be requested.
func TestWithdrawConfirmation(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := mustDemo(t, s)
			a, c := f.a, f.c
			m := f.meeting("Missouri Attorney General")
			asked := m.Windows[:1]
			rq, err := a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: asked}, true)
			must(t, err)
			link := linkRE.FindStringSubmatch(f.outbox()[0].TextBody)
			if link == nil {
				t.Fatal("no link")
			}
			slot := itinera.Window{Start: asked[0].Start, End: asked[0].Start.Add(time.Hour)}
			rq, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, true)
			must(t, err)
			link = linkRE.FindStringSubmatch(f.outbox()[0].TextBody)
			_, err = a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
			must(t, err)
			_, err = a.ConfirmRequest(ctx, c, rq.ID, slot)
			must(t, err)

			// Asking again is refused while it is confirmed.
			_, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, false)
			wantCode(t, err, itinera.ECONFLICT)
			if !strings.Contains(itinera.ErrorMessage(err), "withdraw that confirmation first") {
				t.Errorf("refusal %q", itinera.ErrorMessage(err))
			}
			// A reason with a control character is refused, nothing changes.
			_, err = a.WithdrawConfirmation(ctx, c, rq.ID, "bad\x00reason")
			wantField(t, err, "reason")

			got, err := a.WithdrawConfirmation(ctx, c, rq.ID, "The delegation's day changed.")
			must(t, err)
			if got.Status != itinera.RequestWithdrawn || got.LastEvent().Kind != itinera.EventUnconfirmed {
				t.Fatalf("request %s, last event %+v", got.Status, got.LastEvent())
			}
			mm := f.meeting("Missouri Attorney General")
			if mm.Status != itinera.MeetingRequested || len(mm.Windows) != 1 || !mm.Windows[0].Start.Equal(slot.Start) {
				// the first request is still out: requested, with the second request's times
				t.Fatalf("meeting after: %s %v", mm.Status, mm.Windows)
			}
			msg := f.outbox()[0]
			if msg.CalendarMethod != "CANCEL" || !strings.Contains(msg.TextBody, "The delegation's day changed.") ||
				!strings.Contains(msg.To, m.ContactName) {
				t.Fatalf("cancellation: %q to %q\n%s", msg.CalendarMethod, msg.To, msg.TextBody)
			}
			// The audit log says who took it back.
			if es := mustLog(t, a, c); len(es) == 0 || es[0].Kind != "meeting" && es[0].Action != "unconfirm" {
				t.Errorf("audit log: %+v", es[:min(2, len(es))])
			}
			found := false
			for _, e := range mustLog(t, a, c) {
				found = found || (e.Kind == "request" && e.Action == "unconfirm" && e.RecordID == rq.ID)
			}
			if !found {
				t.Error("the withdrawal of the confirmation is not in the audit log")
			}
			// Twice is refused; the meeting may be asked again.
			_, err = a.WithdrawConfirmation(ctx, c, rq.ID, "")
			wantCode(t, err, itinera.ECONFLICT)
			_, err = a.CreateRequest(ctx, c, itinera.Request{MeetingID: m.ID, ContactID: m.ContactID, Windows: []itinera.Window{slot}}, false)
			must(t, err)
		})
	}
}
