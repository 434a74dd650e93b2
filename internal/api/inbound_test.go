package api

import (
	"net/http"
	"strings"
	"testing"
)

// calendarReply is an answer of tenant A's contact to the invitation of
// tenant A's meeting, as Outlook writes it (iMIP, METHOD:REPLY).
func (e *env) calendarReply(partstat, messageID string) string {
	cal := strings.Join([]string{"BEGIN:VCALENDAR", "METHOD:REPLY", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0",
		"BEGIN:VEVENT", "ATTENDEE;PARTSTAT=" + partstat + ";CN=Shima Rostami:mailto:" + e.contact.Email,
		"SUMMARY;LANGUAGE=en-US:Answer: " + e.meeting.Title,
		"DTSTART:20260505T140000Z", "DTEND:20260505T153000Z",
		"UID:meeting-" + id(e.meeting.ID) + "@" + e.tenantA.Slug + ".itinera", "SEQUENCE:0", "DTSTAMP:20260420T120000Z",
		"END:VEVENT", "END:VCALENDAR", ""}, "\r\n")
	return strings.Join([]string{"From: Shima Rostami <" + e.contact.Email + ">", "To: programs@stl.example.org",
		"Subject: Answer: " + e.meeting.Title, "Message-ID: " + messageID, "MIME-Version: 1.0",
		`Content-Type: multipart/alternative; boundary="b1"`, "", "--b1", "Content-Type: text/plain; charset=us-ascii", "",
		"See the calendar part.", "--b1", `Content-Type: text/calendar; charset="utf-8"; method=REPLY`, "", cal, "--b1--", ""}, "\r\n")
}

// TestInboundThroughTheAPI posts calendar answers to POST /api/v1/inbound:
// 202 with what was understood, a repeat recognised, a DECLINED declining
// the sent request; the wrong media type (415), an oversized message
// (413), a body that is no e-mail (422) and a viewer (403) are refused.
func TestInboundThroughTheAPI(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		e.do("POST", "/api/v1/requests/"+id(e.request.ID)+"/send", e.officerA, nil).expect(http.StatusOK)
		accept := fileBody{"message/rfc822", e.calendarReply("ACCEPTED", "<accept-1@example.org>")}
		o := e.do("POST", "/api/v1/inbound", e.officerA, accept).expect(http.StatusAccepted).object()
		if o["kind"] != "calendar-reply" || o["matched"] != true || o["changed"] != true || o["repeat"] != false ||
			o["request_id"] != float64(e.request.ID) {
			t.Fatalf("accept: %v", o)
		}
		o = e.do("POST", "/api/v1/inbound", e.officerA, accept).expect(http.StatusAccepted).object()
		if o["repeat"] != true || o["changed"] != false {
			t.Fatalf("repeat: %v", o)
		}
		decline := fileBody{"message/rfc822", e.calendarReply("DECLINED", "<decline-1@example.org>")}
		o = e.do("POST", "/api/v1/inbound", e.officerA, decline).expect(http.StatusAccepted).object()
		if o["changed"] != true || !strings.Contains(o["outcome"].(string), "declined") {
			t.Fatalf("decline: %v", o)
		}
		rq := e.do("GET", "/api/v1/requests/"+id(e.request.ID), e.officerA, nil).expect(http.StatusOK).object()
		if rq["status"] != "declined" {
			t.Fatalf("request after the decline: %v", rq["status"])
		}

		e.do("POST", "/api/v1/inbound", e.officerA, fileBody{"application/json", `{"message":"x"}`}).expect(http.StatusUnsupportedMediaType)
		big := fileBody{"message/rfc822", "Subject: big\r\n\r\n" + strings.Repeat("x", 10<<20)}
		r := e.do("POST", "/api/v1/inbound", e.officerA, big).expect(http.StatusRequestEntityTooLarge)
		if _, msg, _ := r.apiError(); !strings.Contains(msg, "10 MiB") {
			t.Errorf("413 message %q", msg)
		}
		r = e.do("POST", "/api/v1/inbound", e.officerA, fileBody{"message/rfc822", "no header at all"}).expect(http.StatusUnprocessableEntity)
		if _, _, fields := r.apiError(); fields["message"] == nil {
			t.Errorf("not mail: fields %v", fields)
		}
		e.do("POST", "/api/v1/inbound", e.viewerA, accept).expect(http.StatusForbidden)
		e.do("POST", "/api/v1/inbound", "", accept).expect(http.StatusUnauthorized)
	})
}
