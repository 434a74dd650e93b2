package web

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/ical/icaljstest"
)

// TestRequestSaysWhoComes, on both databases: when the current itinerary
// has the meeting for part of the delegation, the request e-mail and the
// resource's page say how many of the visitors come, who, and with which
// interpreter.
func TestRequestSaysWhoComes(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		f := e.a
		f.contact.Email = "shima@example.org"
		must(t, e.store.UpdateContact(ctx, &f.contact))
		kenji := itinera.Visitor{TenantID: f.tenant.ID, ProgramID: f.program.ID, GivenName: "Kenji", FamilyName: "Watanabe", Country: "Japan", Languages: []string{"Japanese"}}
		amina := itinera.Visitor{TenantID: f.tenant.ID, ProgramID: f.program.ID, GivenName: "Amina", FamilyName: "Yusuf", Country: "Kenya", Languages: []string{"Swahili"}}
		must(t, e.store.CreateVisitor(ctx, &kenji))
		must(t, e.store.CreateVisitor(ctx, &amina))
		start := f.meeting.Windows[0].Start
		it := itinera.Itinerary{TenantID: f.tenant.ID, ProgramID: f.program.ID, Note: "split", Items: []itinera.ItineraryItem{
			{MeetingID: f.meeting.ID, Start: start, End: start.Add(90 * time.Minute), VisitorIDs: []int64{f.visitor.ID, kenji.ID},
				InterpreterIDs: []int64{f.interpreter.ID}},
			{ActivityID: f.activity.ID, Start: start, End: start.Add(2 * time.Hour), VisitorIDs: []int64{amina.ID}}}}
		must(t, e.store.SaveItinerary(ctx, &it))

		_, err := e.ui.app.SendRequest(ctx, app.Caller{User: f.officer, Site: e.srv.URL}, f.request.ID)
		must(t, err)
		msgs, err := e.store.OutboxMessages(ctx, f.tenant.ID, itinera.OutboxFilter{})
		must(t, err)
		const want = "2 of the delegation's 3 visitors will come (Brazil; Japan), with an interpreter; their names come with the brief."
		mail := msgs[0]
		if !strings.Contains(strings.Join(strings.Fields(mail.TextBody), " "), want) || !strings.Contains(mail.HTMLBody, "(Brazil; Japan)") {
			t.Fatalf("the request e-mail does not say who comes:\n%s", mail.TextBody)
		}
		// Names stay out of a request (the brief, once confirmed, has them).
		for _, name := range []string{"Amina", "Kenji", "Pereira", "Lena Ortiz"} {
			if strings.Contains(mail.TextBody, name) || strings.Contains(mail.HTMLBody, name) {
				t.Errorf("the request names %s", name)
			}
		}
		link := regexp.MustCompile(`/r/([A-Za-z0-9_-]{43})`).FindStringSubmatch(mail.TextBody)
		if link == nil {
			t.Fatalf("no link in the e-mail:\n%s", mail.TextBody)
		}
		_, doc := e.client().page("/r/"+link[1], http.StatusOK)
		if got := doc.one(t, "#who").Text(); got != want {
			t.Errorf("the resource's page says %q, want %q", got, want)
		}
	})
}

// TestSplitBookPages, on both databases: on a split day the books page
// offers each interpreter's schedule, the delegation page links it; a visitor's book shows only what
// they attend, the interpreter's schedule only where she interprets, with
// the visitors she interprets for.
func TestSplitBookPages(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		f := e.a
		amina := itinera.Visitor{TenantID: f.tenant.ID, ProgramID: f.program.ID, GivenName: "Amina", FamilyName: "Yusuf", Country: "Kenya",
			Languages: []string{"Swahili"}}
		must(t, e.store.CreateVisitor(ctx, &amina))
		start := f.meeting.Windows[0].Start
		it := itinera.Itinerary{TenantID: f.tenant.ID, ProgramID: f.program.ID, Note: "split", Items: []itinera.ItineraryItem{
			{MeetingID: f.meeting.ID, Start: start, End: start.Add(90 * time.Minute), VisitorIDs: []int64{f.visitor.ID},
				InterpreterIDs: []int64{f.interpreter.ID}},
			{ActivityID: f.activity.ID, Start: start, End: start.Add(2 * time.Hour), VisitorIDs: []int64{amina.ID}}}}
		must(t, e.store.SaveItinerary(ctx, &it))
		c := e.signIn(f.viewer)
		base := "/programs/" + itoa(f.program.ID)
		_, doc := c.page(base+"/book-and-releases", http.StatusOK)
		if !strings.Contains(doc.one(t, "main").Text(), "Interpreter's schedule") {
			t.Error("the books page does not offer the interpreter's schedule")
		}
		_, doc = c.page(base+"/delegation", http.StatusOK)
		if got := doc.one(t, "#interpreters a.schedule").attr("href"); got != base+"/book?audience=interpreter&person="+itoa(f.interpreter.ID) {
			t.Errorf("the delegation page links the interpreter's schedule as %q", got)
		}
		for _, tc := range []struct {
			path, has, lacks, group string
		}{
			{"/book?audience=visitor&person=" + itoa(amina.ID), f.activity.Title, f.meeting.Title,
				"Group: Amina Yusuf · No interpreter"},
			{"/book?audience=interpreter&person=" + itoa(f.interpreter.ID), f.meeting.Title, f.activity.Title,
				"You interpret for: Ana Pereira"},
			{"/book", f.meeting.Title, "", "Group: Ana Pereira · Interpreter: Lena Ortiz"},
		} {
			_, body := c.get(base + tc.path)
			d := parseHTML(t, body)
			var titles, groups []string
			for _, h := range d.all("li.item h3") {
				titles = append(titles, h.Text())
			}
			for _, g := range d.all("li.item.part p.group") {
				groups = append(groups, g.Text())
			}
			all := strings.Join(titles, "|")
			if !strings.Contains(all, tc.has) || tc.lacks != "" && strings.Contains(all, tc.lacks) || !slices.Contains(groups, tc.group) {
				t.Errorf("%s: items %q, groups %q", tc.path, titles, groups)
			}
		}
	})
}

// TestSplitFeedsServed, on both databases: on a split day the feed
// address of a visitor serves, as ical.js reads it, only what that visitor
// attends; the interpreter's only where she interprets; the program's
// every item, the split ones saying who goes.
func TestSplitFeedsServed(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		f := e.a
		amina := itinera.Visitor{TenantID: f.tenant.ID, ProgramID: f.program.ID, GivenName: "Amina", FamilyName: "Yusuf", Country: "Kenya",
			Languages: []string{"Swahili"}}
		must(t, e.store.CreateVisitor(ctx, &amina))
		start := f.meeting.Windows[0].Start
		it := itinera.Itinerary{TenantID: f.tenant.ID, ProgramID: f.program.ID, Note: "split", Items: []itinera.ItineraryItem{
			{MeetingID: f.meeting.ID, Start: start, End: start.Add(90 * time.Minute), VisitorIDs: []int64{f.visitor.ID},
				InterpreterIDs: []int64{f.interpreter.ID}},
			{ActivityID: f.activity.ID, Start: start, End: start.Add(2 * time.Hour), VisitorIDs: []int64{amina.ID}}}}
		must(t, e.store.SaveItinerary(ctx, &it))
		officer := app.Caller{User: f.officer, Site: e.srv.URL}
		for _, tc := range []struct {
			kind    itinera.FeedKind
			subject int64
			want    []string
		}{
			{itinera.FeedVisitor, amina.ID, []string{f.activity.Title}},
			{itinera.FeedVisitor, f.visitor.ID, []string{f.meeting.Title}},
			{itinera.FeedInterpreter, f.interpreter.ID, []string{f.meeting.Title}},
			{itinera.FeedProgram, 0, []string{f.meeting.Title, f.activity.Title}},
		} {
			issued, err := e.ui.app.IssueFeed(ctx, officer, f.program.ID, tc.kind, tc.subject)
			must(t, err)
			_, body := e.client().get(strings.TrimPrefix(issued.URL, e.srv.URL))
			cal := icaljstest.Read(t, string(tc.kind)+".ics", []byte(body))
			var got []string
			for _, ev := range cal.Events {
				got = append(got, ev.Summary)
				if tc.kind == itinera.FeedProgram && ev.Summary == f.activity.Title && !strings.Contains(ev.Description, "With: Amina Yusuf; no interpreter") {
					t.Errorf("the program's feed does not say who goes to %s: %q", ev.Summary, ev.Description)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s %d: %v, want %v", tc.kind, tc.subject, got, tc.want)
			}
		}
	})
}
