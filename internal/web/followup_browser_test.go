package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/app"
	"itinera/internal/auth"
	"itinera/internal/demo"
	"itinera/internal/storetest"
)

// TestFollowUpPagesOnAPhone: a visitor's feedback form, and the demo's
// Follow-up section (its answers and what followed) and report of its year,
// fit a 390 px phone; with
// ITINERA_SCREENSHOTS=DIR they are saved there (follow-up.png,
// follow-up-phone.png, feedback-form.png, feedback-form-phone.png, reports.png,
// reports-phone.png, year-end.png, year-end-phone.png, economic-inputs.png,
// economic-inputs-phone.png).
func TestFollowUpPagesOnAPhone(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	must(t, e.store.AnswerFeedback(ctx, auth.HashToken(f.feedbackToken), itinera.FeedbackAnswer{Rating: 4, Comment: "Very well organised.",
		Meetings: []itinera.MeetingRating{{MeetingID: f.meeting.ID, Rating: 5, Comment: "The most useful meeting of the week."}}}, storetest.Now()))
	o := e.signIn(f.officer)
	shootPages(t, e, o, []shot{{path: "/f/" + f.feedbackToken, name: "feedback-form", wait: "#feedback-form"}})

	// The demo after its dates: its follow-up and the report of its year.
	d := e.mustDemoEvening()
	_, err := demo.LoadRequests(ctx, e.store.Services(), d.tenant.ID, d.programID, "https://itinera.example.org")
	must(t, err)
	u := e.mustUser(d.tenant.ID, "lead@demo.example.org", itinera.RoleOfficer)
	c := app.Caller{User: u, Site: "https://itinera.example.org"}
	_, err = e.ui.app.MatchEvening(ctx, c, d.eveningID)
	must(t, err)
	_, err = e.ui.app.ConfirmEvening(ctx, c, d.eveningID)
	must(t, err)
	_, err = demo.LoadFollowUp(ctx, e.store.Services(), d.tenant.ID, d.programID)
	must(t, err)
	p, err := e.store.Program(ctx, d.tenant.ID, d.programID)
	must(t, err)
	year := strconv.Itoa(p.StartDate.Year)
	shootPages(t, e, d.officer, []shot{
		{path: "/programs/" + itoa(d.programID) + "/follow-up", name: "follow-up", wait: "#feedback"},
		{path: "/reports?from=" + year + "-01-01&to=" + year + "-12-31", name: "reports", wait: "#figures"},
		{path: "/reports/year-end?from=" + year + "-01-01&to=" + year + "-12-31", name: "year-end", wait: "#figures"},
		{path: "/programs/" + itoa(d.programID) + "/economic-inputs/edit", name: "economic-inputs", wait: "#record-form"},
	})
}

type shot struct{ path, name, wait string }

// shootPages opens each page in Chromium as the client o, on a desktop
// and on a 390 px phone, fails when the phone must scroll sideways, and
// saves full-page views in ITINERA_SCREENSHOTS when it is set.
func shootPages(t *testing.T, e *env, o *client, shots []shot) {
	t.Helper()
	bin := os.Getenv("ITINERA_CHROMIUM")
	if bin == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	base, err := url.Parse(e.srv.URL)
	must(t, err)
	var session *http.Cookie
	for _, k := range o.http.Jar.Cookies(base) {
		if k.Name == sessionCookie {
			session = k
		}
	}
	if session == nil {
		t.Fatal("no session cookie")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()
	must(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: session.Name, Value: session.Value,
			Domain: base.Hostname(), Path: "/"})
		return err
	})))
	dir := os.Getenv("ITINERA_SCREENSHOTS")
	for _, s := range shots {
		for _, phone := range []bool{false, true} {
			view, name := chromedp.EmulateViewport(1280, 900), s.name+".png"
			if phone {
				view, name = chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), s.name+"-phone.png"
			}
			must(t, chromedp.Do(ctx, view, chromedp.Navigate(e.srv.URL+s.path), chromedp.WaitVisible(chromedp.CSS(s.wait))))
			if phone {
				wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > innerWidth + 1`))
				if err != nil || wide {
					t.Errorf("%s is wider than a 390 px phone (%v)", s.path, err)
				}
			}
			if dir != "" {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				must(t, err)
				must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
			}
		}
	}
}
