package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/ical/icaljstest"
	"itinera/internal/store"
)

var outboxLinkRE = regexp.MustCompile(`https?://[^\s/]+/r/[A-Za-z0-9_-]{43}`)

// TestBrowserMeetingRequest: the demo's confirmed meetings have their
// requests, so the officer's itinerary first holds the Attorney General's
// Office meeting on Monday morning in place of Washington University's
// (a new version); the officer sends a request to Marcus Hale for it; the test reads the link
// from the outbox in the database, opens it as the resource (on a phone's
// screen), accepts the Monday-morning time and sees the confirmation; the
// officer confirms; an expired link shows the friendly page. With
// ITINERA_SCREENSHOTS=DIR it saves board.png and resource.png there.
func TestBrowserMeetingRequest(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	dir := t.TempDir()
	base, _ := mustServe(t, env, "demo", "--data", dir, "--addr", "127.0.0.1:0")
	s, tenant, program, washu := demoRequestRecords(t, dir)
	inPlaceOfWashU(t, s, tenant, program, washu)
	ctx := mustBrowser(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}

	// The officer signs in and asks Dr. Price from the meeting's card.
	signIn(ctx, t, base+"/programs/"+itoa(program.ID)+"/candidates", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#request-meeting-`+itoa(washu.ID))),
		chromedp.Click(css(`#request-meeting-`+itoa(washu.ID))),
		chromedp.WaitVisible(css(`#f-windows`)),
	)
	if err != nil {
		t.Fatalf("open the request form: %v", err)
	}
	contact, err := chromedp.Run(ctx, chromedp.Value(css(`#f-contact_id`)))
	if err != nil || contact != itoa(washu.ContactID) {
		t.Fatalf("the form asks contact %q (%v), want Marcus Hale (%d)", contact, err, washu.ContactID)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#record-form button[type="submit"]`)),
		chromedp.WaitVisible(css(`#flash`)),
	)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if f := text(`#flash`); !strings.Contains(f, "The request was sent") {
		t.Fatalf("after sending: %q", f)
	}

	// The link, as the e-mail in the outbox carries it.
	msgs, err := s.OutboxMessages(context.Background(), tenant.ID, itinera.OutboxFilter{})
	if err != nil || len(msgs) == 0 {
		t.Fatalf("outbox: %v, %d messages", err, len(msgs))
	}
	if !strings.Contains(msgs[0].To, "marcus.hale@example.org") {
		t.Fatalf("the e-mail goes to %q", msgs[0].To)
	}
	link := outboxLinkRE.FindString(msgs[0].TextBody)
	if link == "" {
		t.Fatalf("no link in the e-mail:\n%s", msgs[0].TextBody)
	}

	// The resource opens it on a phone, in a browser of their own (no
	// session), and accepts Monday morning.
	officerCtx := ctx
	ctx, cancel := chromedp.NewContext(officerCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`#answer-form`)),
	)
	if err != nil {
		t.Fatalf("open the link: %v", err)
	}
	// The time as the program's zone says it (the label may add the
	// reader's own clock after it).
	slot, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('label[for="slot-0"]').firstChild.textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(slot, "Mon ") || !strings.Contains(slot, "09:00") {
		t.Fatalf("the first proposed time is %q, want Monday morning", slot)
	}
	if who := text(`#who`); !strings.Contains(who, "9 visitors from 9 countries") || !strings.Contains(who, "interpreter") {
		t.Errorf("who is coming: %q", who)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#answer-accept`)),
		chromedp.Click(css(`label[for="slot-0"]`)),
		chromedp.Click(css(`#send-answer`)),
		chromedp.WaitVisible(css(`#current-answer`)),
	)
	if err != nil {
		t.Fatalf("accept: %v", err)
	}
	if f := text(`#flash`); !strings.Contains(f, "Thank you") {
		t.Errorf("after answering: %q", f)
	}
	if cur := text(`#current-answer`); !strings.Contains(cur, slot) {
		t.Errorf("answer on record %q, want %q", cur, slot)
	}
	shotResource, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}

	// The officer sees the answer on the board and confirms the time.
	resourceCtx := ctx
	ctx = officerCtx
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/programs/"+itoa(program.ID)+"/requests"),
		chromedp.WaitVisible(css(`#request-board`)),
	)
	if err != nil {
		t.Fatalf("board: %v", err)
	}
	if board := text(`#request-board tbody`); !strings.Contains(board, "Marcus Hale") || !strings.Contains(board, "accepted") {
		t.Errorf("board: %q", board)
	}
	shotBoard, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#request-`+itoa(requestOf(t, s, tenant, program, washu))+` th a`)),
		chromedp.WaitVisible(css(`ul.confirm-times button`)),
		chromedp.Click(css(`ul.confirm-times button`)),
		chromedp.WaitVisible(css(`#confirmed`)),
	)
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	m, err := s.Meeting(context.Background(), tenant.ID, washu.ID)
	if err != nil || m.Status != itinera.MeetingConfirmed || len(m.Windows) != 1 {
		t.Fatalf("meeting after confirming: %v %q %v", err, m.Status, m.Windows)
	}
	checkConfirmedEverywhere(t, s, base, tenant, program, m)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/outbox"), chromedp.WaitVisible(css(`#mail-off`))); err != nil {
		t.Fatalf("outbox: %v", err)
	}
	shotOutbox, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}

	// The resource's page now shows the final time.
	ctx = resourceCtx
	err = chromedp.Do(ctx, chromedp.Navigate(link), chromedp.WaitVisible(css(`#confirmed-time`)))
	if err != nil {
		t.Fatalf("confirmed page: %v", err)
	}
	if got := text(`#confirmed-time`); got != slot {
		t.Errorf("confirmed time %q, want %q", got, slot)
	}

	// An expired link gets the friendly page.
	expired := mustExpiredLink(t, s, tenant.ID, program.ID, washu.ID)
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/r/"+expired), chromedp.WaitVisible(css(`#gone-text`)))
	if err != nil {
		t.Fatalf("expired link: %v", err)
	}
	if h := text(`h1`); h != "This link has expired" {
		t.Errorf("expired link heading %q", h)
	}

	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range map[string][]byte{"board.png": shotBoard, "resource.png": shotResource, "outbox.png": shotOutbox} {
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}

// demoRequestRecords opens the demo database and finds the program and
// the Washington University meeting.
func demoRequestRecords(t *testing.T, dir string) (*store.Store, itinera.Tenant, itinera.Program, itinera.Meeting) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + filepath.Join(dir, "itinera.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	tenant, err := s.TenantBySlug(ctx, demo.Tenant().Slug)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.Programs(ctx, tenant.ID)
	// The demo program, upcoming, first; its two earlier programs after
	// it (demo.LoadHistory).
	if err != nil || len(ps) != 3 || ps[0].Title != demo.ProgramTitle() {
		t.Fatalf("demo programs: %v %d", err, len(ps))
	}
	ms, err := s.Meetings(ctx, tenant.ID, ps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.ContactName == "Marcus Hale" {
			return s, tenant, ps[0], m
		}
	}
	t.Fatal("the demo has no meeting with Marcus Hale")
	return nil, tenant, ps[0], itinera.Meeting{}
}

// mustExpiredLink sends a request whose link expires at once and returns
// its token.
func mustExpiredLink(t *testing.T, s *store.Store, tenantID, programID, meetingID int64) string {
	t.Helper()
	ctx := context.Background()
	m, err := s.Meeting(ctx, tenantID, meetingID)
	if err != nil {
		t.Fatal(err)
	}
	rq := itinera.Request{TenantID: tenantID, MeetingID: meetingID, ContactID: m.ContactID, Windows: m.Windows}
	if err := s.CreateRequest(ctx, &rq); err != nil {
		t.Fatal(err)
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	err = s.SendRequest(ctx, tenantID, rq.ID, itinera.RequestSending{TokenHash: hash, ExpiresAt: time.Now().Add(time.Second),
		Mail: itinera.OutboxMessage{To: "rumi.price@example.org", Subject: "Meeting request", TextBody: "A link that expires at once"}})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	return token
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// checkConfirmedEverywhere: the confirmed meeting is in the itinerary at
// its confirmed time, in a visitor's calendar feed, and in the invitation
// queued for the resource, which ical.js reads at the right local time.
func checkConfirmedEverywhere(t *testing.T, s *store.Store, base string, tenant itinera.Tenant, p itinera.Program, m itinera.Meeting) {
	t.Helper()
	ctx := context.Background()
	at := m.Windows[0]
	it, err := s.CurrentItinerary(ctx, tenant.ID, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var inItinerary bool
	for _, x := range it.Items {
		if x.MeetingID == m.ID && x.Start.Equal(at.Start) && x.End.Equal(at.End) {
			inItinerary = true
		}
	}
	if !inItinerary {
		t.Errorf("the itinerary (version %d) does not hold the meeting at %v", it.Version, at)
	}
	uid := fmt.Sprintf("meeting-%d@%s.itinera", m.ID, tenant.Slug)
	local := at.Start.In(p.Location()).Format("2006-01-02T15:04:05")
	check := func(what string, cal icaljstest.Calendar) {
		t.Helper()
		for _, ev := range cal.Events {
			if ev.UID != uid {
				continue
			}
			start, _ := time.Parse(time.RFC3339, ev.Start.UTC)
			if !start.Equal(at.Start) || !strings.HasPrefix(ev.Start.Local, local) || ev.Start.TZID != p.TimeZone || ev.Status != "CONFIRMED" {
				t.Errorf("%s: the meeting reads as %+v (%s), want %s local", what, ev.Start, ev.Status, local)
			}
			return
		}
		t.Errorf("%s: no event with UID %s", what, uid)
	}

	vs, err := s.Visitors(ctx, tenant.ID, p.ID)
	if err != nil || len(vs) == 0 {
		t.Fatal(err)
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.IssueFeed(ctx, &itinera.Feed{TenantID: tenant.ID, ProgramID: p.ID, Kind: itinera.FeedVisitor, SubjectID: vs[0].ID, TokenHash: hash}); err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(base + "/feeds/" + token + ".ics")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("visitor feed: %d %v", res.StatusCode, err)
	}
	check("visitor feed", icaljstest.Read(t, "visitor.ics", feed))

	msgs, err := s.OutboxMessages(ctx, tenant.ID, itinera.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range msgs {
		if msg.CalendarMethod == "REQUEST" && strings.Contains(msg.Subject, m.Title) {
			check("invitation", icaljstest.Read(t, "invitation.ics", []byte(msg.Calendar)))
			return
		}
	}
	t.Error("no invitation for the confirmed meeting in the outbox")
}

// requestOf is the newest request for meeting m.
func requestOf(t *testing.T, s *store.Store, tenant itinera.Tenant, p itinera.Program, m itinera.Meeting) int64 {
	t.Helper()
	rs, err := s.Requests(context.Background(), tenant.ID, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, r := range rs {
		if r.MeetingID == m.ID && r.ID > id {
			id = r.ID
		}
	}
	if id == 0 {
		t.Fatalf("no request for %q", m.Title)
	}
	return id
}

// inPlaceOfWashU saves an itinerary version holding meeting m on the
// program's Monday 09:00-10:00 where the Washington University meeting was.
func inPlaceOfWashU(t *testing.T, s *store.Store, tenant itinera.Tenant, p itinera.Program, m itinera.Meeting) {
	t.Helper()
	ctx := context.Background()
	cur, err := s.CurrentItinerary(ctx, tenant.ID, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Meetings(ctx, tenant.ID, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var washu int64
	for _, x := range ms {
		if x.ContactName == "Dr. Rumi Price" {
			washu = x.ID
		}
	}
	it := itinera.Itinerary{TenantID: tenant.ID, ProgramID: p.ID, Note: "The Attorney General's Office in place of Washington University"}
	for _, x := range cur.Items {
		if x.MeetingID == m.ID {
			continue // the demo's Tuesday sub-group has it: it moves to Monday, for everyone
		}
		if x.MeetingID != washu {
			it.Items = append(it.Items, x)
			continue
		}
		day := itinera.DateOf(x.Start.In(p.Location()))
		it.Items = append(it.Items, itinera.ItineraryItem{MeetingID: m.ID, Start: day.At(itinera.MustClock("09:00"), p.Location()),
			End: day.At(itinera.MustClock("10:00"), p.Location()), TravelMinutes: x.TravelMinutes})
	}
	if err := s.SaveItinerary(ctx, &it); err != nil {
		t.Fatal(err)
	}
}
