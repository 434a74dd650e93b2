package api

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/inbound/inboundtest"
	"itinera/internal/storetest"
)

// clientMail is a message of internal/inbound/testdata as its client
// wrote it, with the invitation's UID, SEQUENCE and Message-ID and the
// times it proposes replaced by this test's — in its plain and its base64
// parts alike.
func clientMail(t *testing.T, file string, swap *strings.Replacer) string {
	t.Helper()
	return string(inboundtest.Fixture(t, file, swap.Replace))
}

// TestInboundDoneMeans is issue 17's "Done means" through POST
// /api/v1/inbound, on SQLite and PostgreSQL: the demo's invitation to a
// resource (the Missouri Attorney General's office, requested, accepted
// and confirmed through the API) is answered with a COUNTER as Outlook
// writes it (accepted: the meeting moves, a new REQUEST with a raised
// SEQUENCE goes out), a COUNTER as Google Calendar writes it (declined: a
// DECLINECOUNTER goes out), a DECLINED REPLY as Outlook writes it (the
// confirmation is taken back, the meeting is no longer confirmed, the
// officer is told), and a Postfix bounce marks the contact's address
// failing and the request undelivered.
func TestInboundDoneMeans(t *testing.T) {
	t.Parallel()
	for name, s := range storetest.Both(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := mustEnvOn(t, s)
			ctx := context.Background()
			tn := demo.Tenant()
			must(t, e.store.CreateTenant(ctx, &tn))
			pid, err := demo.Load(ctx, e.store.Services(), tn.ID, storetest.Now())
			must(t, err)
			u := itinera.User{TenantID: tn.ID, Email: "lead@demo.example.org", Name: "Lead", Role: itinera.RoleOfficer}
			hash, err := cheapHasher.Hash(userPassword)
			must(t, err)
			must(t, e.store.CreateUser(ctx, &u, hash))
			tok, th, err := auth.NewToken()
			must(t, err)
			must(t, e.store.CreateAPIToken(ctx, &itinera.APIToken{UserID: u.ID, Name: "test", TokenHash: th}))
			a, c := e.api.app, app.Caller{User: u, Site: "https://itinera.example.org"}
			st, err := e.store.Settings(ctx, tn.ID)
			must(t, err)
			st.MailFromAddress, st.MailFromName = "programs@stl-global.example.org", "St. Louis Global Programs"
			must(t, e.store.UpdateSettings(ctx, &st))
			p, err := e.store.Program(ctx, tn.ID, pid)
			must(t, err)
			loc := p.Location()
			officerMail := func(prefix string) int {
				n := 0
				for _, m := range e.do("GET", "/api/v1/outbox?limit=200", tok, nil).expect(http.StatusOK).object()["messages"].([]any) {
					o := m.(map[string]any)
					if o["to"] == st.MailFromAddress && strings.HasPrefix(o["subject"].(string), prefix) {
						n++
					}
				}
				return n
			}
			latest := func() map[string]any {
				return e.do("GET", "/api/v1/outbox?limit=1", tok, nil).expect(http.StatusOK).object()["messages"].([]any)[0].(map[string]any)
			}
			post := func(raw string) map[string]any {
				t.Helper()
				return e.do("POST", "/api/v1/inbound", tok, fileBody{"message/rfc822", raw}).expect(http.StatusAccepted).object()
			}

			// The invitation: requested, accepted from the link, confirmed.
			ms, err := e.store.Meetings(ctx, tn.ID, pid)
			must(t, err)
			var m itinera.Meeting
			for _, x := range ms {
				if strings.Contains(x.Title, "Missouri Attorney General") {
					m = x
				}
			}
			slot := itinera.Window{Start: m.Windows[0].Start, End: m.Windows[0].Start.Add(90 * time.Minute)}
			rqj := e.do("POST", "/api/v1/meetings/"+id(m.ID)+"/requests", tok, map[string]any{"contact_id": m.ContactID, "send": true,
				"windows": []map[string]string{{"start": slot.Start.Format(time.RFC3339), "end": slot.End.Format(time.RFC3339)}}}).
				expect(http.StatusCreated).object()
			rqID := int64(rqj["id"].(float64))
			link := regexp.MustCompile(`/r/([A-Za-z0-9_-]+)`).FindStringSubmatch(latest()["text_body"].(string))
			_, err = a.AnswerRequest(ctx, auth.HashToken(link[1]), itinera.RequestAnswer{Kind: itinera.AnswerAccept, Slot: slot})
			must(t, err)
			e.do("POST", "/api/v1/requests/"+id(rqID)+"/confirm", tok, map[string]any{"start": slot.Start.Format(time.RFC3339),
				"end": slot.End.Format(time.RFC3339)}).expect(http.StatusOK)
			invitation := latest()
			if invitation["calendar_method"] != "REQUEST" || !strings.Contains(invitation["to"].(string), "marcus.hale@example.org") {
				t.Fatalf("invitation: %v", invitation)
			}
			uid := regexp.MustCompile(`UID:(\S+)`).FindStringSubmatch(invitation["calendar"].(string))[1]
			seq0, _ := strconv.Atoi(regexp.MustCompile(`SEQUENCE:(\d+)`).FindStringSubmatch(invitation["calendar"].(string))[1])
			answer := func(file string, seq int, counter itinera.Window, messageID string) string {
				return clientMail(t, file, strings.NewReplacer("meeting-17@stl-global.itinera", uid,
					"<k3v7q2xw5m4n6p8r2t4y6u8i0o@itinera.example.org>", invitation["message_id"].(string),
					"SEQUENCE:0", "SEQUENCE:"+strconv.Itoa(seq),
					"20261208T140000", counter.Start.In(loc).Format("20060102T150405"),
					"20261208T153000", counter.End.In(loc).Format("20060102T150405"),
					"20261208T200000Z", counter.Start.UTC().Format("20060102T150405Z"),
					"20261208T213000Z", counter.End.UTC().Format("20060102T150405Z"),
					"<DM6PR10MB41239F2C7A1E4B0D8C6AA3E1F7C52@DM6PR10MB4123.namprd10.prod.outlook.com>", messageID))
			}

			// Outlook's COUNTER: kept on the request, the officer told.
			later := itinera.Window{Start: slot.Start.Add(2 * time.Hour), End: slot.End.Add(2 * time.Hour)}
			o := post(answer("outlook_counter.eml", seq0, later, "<outlook-counter@example.org>"))
			if o["kind"] != "calendar" || o["matched"] != true || o["changed"] != true {
				t.Fatalf("outlook counter: %v", o)
			}
			rq := e.do("GET", "/api/v1/requests/"+id(rqID), tok, nil).expect(http.StatusOK).object()
			counter, _ := rq["counter"].(map[string]any)
			if counter == nil || counter["start"] != later.Start.In(loc).Format(time.RFC3339) || officerMail("New time proposed:") != 1 {
				t.Fatalf("the request after Outlook's counter: %v", rq["counter"])
			}
			al, err := a.Alerts(ctx, c)
			must(t, err)
			bell := false
			for _, n := range al.Items {
				bell = bell || n.Kind == itinera.AlertMail && n.SubjectID == rqID && strings.Contains(n.Text(), "proposed a new time")
			}
			if !bell {
				t.Errorf("the bell does not show the counter-proposal: %+v", al.Items)
			}
			// Accepted: the meeting moves, the resource gets the raised SEQUENCE.
			rq = e.do("POST", "/api/v1/requests/"+id(rqID)+"/accept-counter", tok, nil).expect(http.StatusOK).object()
			update := latest()
			seq1, _ := strconv.Atoi(regexp.MustCompile(`SEQUENCE:(\d+)`).FindStringSubmatch(update["calendar"].(string))[1])
			if rq["counter"] != nil || rq["confirmed"].(map[string]any)["start"] != later.Start.In(loc).Format(time.RFC3339) ||
				update["calendar_method"] != "REQUEST" || seq1 <= seq0 {
				t.Fatalf("accepted: request %v, update %v (sequence %d after %d)", rq["confirmed"], update["subject"], seq1, seq0)
			}
			mj := e.do("GET", "/api/v1/meetings/"+id(m.ID), tok, nil).expect(http.StatusOK).object()
			if w := mj["windows"].([]any); len(w) != 1 || w[0].(map[string]any)["start"] != later.Start.In(loc).Format(time.RFC3339) {
				t.Fatalf("the meeting after accepting: %v", mj["windows"])
			}

			// Google's COUNTER to the new invitation: declined.
			earlier := itinera.Window{Start: slot.Start.Add(-time.Hour), End: slot.End.Add(-time.Hour)}
			if o = post(answer("google_counter.eml", seq1, earlier, "")); o["changed"] != true {
				t.Fatalf("google counter: %v", o)
			}
			e.do("POST", "/api/v1/requests/"+id(rqID)+"/decline-counter", tok, map[string]any{"comment": "The delegation is at the museum then."}).
				expect(http.StatusOK)
			if d := latest(); d["calendar_method"] != "DECLINECOUNTER" || !strings.Contains(d["text_body"].(string), "at the museum") {
				t.Fatalf("decline: %v", d)
			}

			// Outlook's DECLINED: the confirmation is taken back, the officer told.
			if o = post(answer("outlook_decline.eml", seq1, itinera.Window{}, "")); o["changed"] != true {
				t.Fatalf("decline: %v", o)
			}
			rq = e.do("GET", "/api/v1/requests/"+id(rqID), tok, nil).expect(http.StatusOK).object()
			mj = e.do("GET", "/api/v1/meetings/"+id(m.ID), tok, nil).expect(http.StatusOK).object()
			if rq["status"] != "withdrawn" || mj["status"] == "confirmed" || officerMail("Declined:") != 1 {
				t.Fatalf("after the decline: request %v, meeting %v", rq["status"], mj["status"])
			}
			sources := map[string]bool{}
			for _, ev := range rq["events"].([]any) {
				sources[ev.(map[string]any)["source"].(string)] = true
			}
			if !sources["calendar"] || !sources["link"] {
				t.Errorf("the history's sources: %v", sources)
			}

			// The bounce of the invitation marks the address and the request.
			if o = post(clientMail(t, "postfix_bounce.eml", strings.NewReplacer("<k3v7q2xw5m4n6p8r2t4y6u8i0o@itinera.example.org>",
				invitation["message_id"].(string)))); o["changed"] != true {
				t.Fatalf("bounce: %v", o)
			}
			ct := e.do("GET", "/api/v1/contacts/"+id(m.ContactID), tok, nil).expect(http.StatusOK).object()
			rq = e.do("GET", "/api/v1/requests/"+id(rqID), tok, nil).expect(http.StatusOK).object()
			if !strings.Contains(ct["email_failing"].(string), "5.1.1") || !strings.Contains(rq["undelivered"].(string), "5.1.1") {
				t.Fatalf("after the bounce: contact %q, request %q", ct["email_failing"], rq["undelivered"])
			}

			// Mail that answers nothing waits in the unmatched list; attached, it leaves it.
			o = post("From: Dana <dana@example.org>\r\nTo: programs@stl-global.example.org\r\nSubject: Hello\r\nMessage-ID: <hello@example.org>\r\n\r\nA question.\r\n")
			list := e.do("GET", "/api/v1/inbound/unmatched", tok, nil).expect(http.StatusOK).object()
			if list["total"] != float64(1) {
				t.Fatalf("unmatched: %v", list)
			}
			e.do("POST", "/api/v1/inbound/"+id(int64(o["id"].(float64)))+"/attach", tok, map[string]any{"request_id": rqID}).expect(http.StatusOK)
			if list = e.do("GET", "/api/v1/inbound/unmatched", tok, nil).expect(http.StatusOK).object(); list["total"] != float64(0) {
				t.Fatalf("unmatched after attaching: %v", list)
			}
		})
	}
}
