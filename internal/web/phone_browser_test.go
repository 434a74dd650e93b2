package web

import (
	"context"
	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestPagesFitAPhone opens every page in Chromium on a 390 px phone, signed
// in as an administrator (who sees every page), and checks that none is
// wider than the screen: document.documentElement.scrollWidth is at most
// innerWidth, and that its touch targets are at least 44 px high. It needs Chromium (ITINERA_CHROMIUM; scripts/test.sh sets
// it) and fails without it.
func TestPagesFitAPhone(t *testing.T) {
	t.Parallel()
	n := walkPages(t, true, func(ctx context.Context, p string, rt route) {
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth,
			document.querySelector('form[action="/logout"]') || document.body.classList.contains("book") || document.body.classList.contains("paper") ? 1 : 0]`))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return
		}
		if rt.access != public && wide[2] == 0 {
			t.Errorf("%s: not signed in", p)
		}
		if wide[0] > wide[1] {
			t.Errorf("%s is %d px wide on a %d px phone", p, wide[0], wide[1])
		}
		// Touch targets: every control, and every link that stands on its
		// own (navigation, actions, pagers), is at least 44 px high; tick
		// boxes and radio buttons are exempt, their labels being the target.
		small, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(
			'button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, summary, textarea, nav a, .actions a, .pager a')]
			.filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
				getComputedStyle(el).visibility !== 'hidden' && r.height < 44 })
			.map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' (' + Math.round(el.getBoundingClientRect().height) + ' px)')`))
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if len(small) > 0 {
			t.Errorf("%s: touch targets under 44 px: %v", p, small)
		}
	})
	if n < 40 {
		t.Errorf("only %d pages opened", n)
	}
}

// walkPages opens every GET page of the route table in Chromium, signed in
// as an administrator, on a 390 px phone or a 1280 px screen, and calls
// check on each; it returns how many pages it opened.
func walkPages(t *testing.T, phone bool, check func(ctx context.Context, path string, rt route)) int {
	t.Helper()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	e := mustServe(t, nil)
	mustItinerary(t, e) // the week, the day and the move check with their items
	c := e.signIn(e.a.admin)
	base, err := url.Parse(e.srv.URL)
	must(t, err)
	var session *http.Cookie
	for _, k := range c.http.Jar.Cookies(base) {
		if k.Name == sessionCookie {
			session = k
		}
	}
	if session == nil {
		t.Fatal("no session cookie")
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancel := context.WithTimeout(bctx, 5*time.Minute)
	defer cancel()
	view := chromedp.EmulateViewport(1280, 900)
	if phone {
		view = chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	err = chromedp.Do(ctx, view,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: session.Name, Value: session.Value,
				Domain: base.Hostname(), Path: "/"})
			return err
		}),
	)
	must(t, err)

	// A password reset link's page, whose path holds its token.
	must(t, e.ui.app.RequestPasswordReset(context.Background(), "https://itinera.example.org", e.a.viewer.Email, "192.0.2.1"))
	resetPage := (&env{t: t, store: e.store}).resetPathFor(t, e.a.tenant.ID, e.a.viewer.Email)
	// The pages behind personal links and the host sign-up: a resource's
	// answer page, a household's page, the organization's sign-up page.
	resourceToken, resourceHash, err := auth.NewToken()
	must(t, err)
	rq := itinera.Request{TenantID: e.a.tenant.ID, MeetingID: e.a.meeting.ID, ContactID: e.a.contact.ID, Windows: e.a.meeting.Windows}
	must(t, e.store.CreateRequest(ctx, &rq))
	must(t, e.store.SendRequest(ctx, e.a.tenant.ID, rq.ID, itinera.RequestSending{TokenHash: resourceHash,
		ExpiresAt: time.Now().Add(24 * time.Hour), Mail: itinera.OutboxMessage{To: "resource@example.org", Subject: "Meeting request", TextBody: "A request"}}))
	hostToken, hostHash, err := auth.NewToken()
	must(t, err)
	h := itinera.HostHousehold{TenantID: e.a.tenant.ID, Name: "The Walker household", Address: "3915 Connecticut St, St. Louis, MO",
		Lat: 38.5957, Lon: -90.2559, ContactName: "Pat Walker", Email: "pat@example.com", Languages: []string{"English"}, Capacity: 4}
	must(t, e.store.SignUpHousehold(ctx, &h, itinera.HouseholdLink{TokenHash: hostHash, ExpiresAt: time.Now().Add(24 * time.Hour)}))
	feedbackToken, feedbackHash, err := auth.NewToken()
	must(t, err)
	must(t, e.store.IssueFeedbackLink(ctx, &itinera.FeedbackLink{TenantID: e.a.tenant.ID, ProgramID: e.a.program.ID,
		Role: itinera.FeedbackVisitor, PersonID: e.a.visitor.ID, Name: e.a.visitor.Name(), Email: "visitor@example.org",
		TokenHash: feedbackHash, SentAt: time.Now(), ExpiresAt: time.Now().Add(24 * time.Hour)}))
	followUpToken, followUpHash, err := auth.NewToken()
	must(t, err)
	_, err = e.store.ClaimFollowUpLink(ctx, &itinera.FollowUpLink{TenantID: e.a.tenant.ID, ProgramID: e.a.program.ID,
		Role: itinera.FeedbackResource, PersonID: e.a.contact.ID, Name: e.a.contact.Name, Email: "resource@example.org",
		OrganizationID: e.a.org.ID, Months: 3, TokenHash: followUpHash, SentAt: time.Now(), ExpiresAt: time.Now().Add(24 * time.Hour)})
	must(t, err)
	mustMailAnswers(t, e)
	special := map[string]string{
		"/f/{token}":                      "/f/" + feedbackToken,
		"/o/{token}":                      "/o/" + followUpToken,
		app.PasswordResetPath + "{token}": resetPage,
		"/r/{token}":                      "/r/" + resourceToken,
		"/h/{token}":                      "/h/" + hostToken,
		"/host/{slug}":                    "/host/" + e.a.tenant.Slug,
	}
	n := 0
	for _, rt := range e.ui.routes() {
		if rt.method != http.MethodGet || isDownload(rt) || isLookup(rt) || strings.HasSuffix(rt.pattern, "/file") ||
			strings.HasPrefix(rt.pattern, "/assets/") || (strings.Contains(rt.pattern, "{token}") || strings.Contains(rt.pattern, "{slug}")) && special[rt.pattern] == "" ||
			strings.HasSuffix(rt.pattern, ".csv") || strings.HasSuffix(rt.pattern, ".xlsx") || strings.Contains(rt.pattern, "{kind}") {
			continue
		}
		p := pathFor(rt, e.a)
		if sp := special[rt.pattern]; sp != "" {
			p = sp
		}
		if strings.HasSuffix(rt.pattern, "/book") {
			p += "?audience=delegation"
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+p)); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		n++
		check(ctx, p, rt)
		t.Logf("checked %s", p) // with -v, the list of pages checked
	}
	// A visitor's feedback form, whose path holds its token.
	fb := "/f/" + e.a.feedbackToken
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+fb)); err != nil {
		t.Errorf("%s: %v", fb, err)
	} else {
		n++
		check(ctx, fb, route{method: http.MethodGet, pattern: "/f/{token}", access: public})
	}
	// The notifications bell, open.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/programs"), chromedp.Click(chromedp.CSS(`#bell-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#bell .bell-panel`))); err != nil {
		t.Fatalf("open the bell: %v", err)
	}
	check(ctx, "/programs (the bell open)", route{method: http.MethodGet, pattern: "/programs", access: reader})
	return n
}
