package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// TestFollowUpPagesOnAPhone: the Follow-up section with answers and what
// followed, and a visitor's feedback form, fit a 390 px phone; with
// ITINERA_SCREENSHOTS=DIR they are saved there (follow-up.png,
// follow-up-phone.png, feedback-form-phone.png).
func TestFollowUpPagesOnAPhone(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	f := e.a
	must(t, e.store.AnswerFeedback(ctx, auth.HashToken(f.feedbackToken), itinera.FeedbackAnswer{Rating: 4, Comment: "Very well organised.",
		Meetings: []itinera.MeetingRating{{MeetingID: f.meeting.ID, Rating: 5, Comment: "The most useful meeting of the week."}}}, storetest.Now()))
	o := e.signIn(f.officer)
	shootPages(t, e, o, []shot{
		{path: "/programs/" + itoa(f.program.ID) + "/follow-up", name: "follow-up", wait: "#feedback"},
		{path: "/f/" + f.feedbackToken, name: "feedback-form", wait: "#feedback-form"},
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
