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
)

// TestPlanSubgroupsInABrowser opens the demo's Build-itinerary page on a
// desktop and a 390 px phone: the sub-groups section is visible and the
// phone does not scroll sideways (ITINERA_SCREENSHOTS=DIR saves the
// section as plan-subgroups.png and plan-subgroups-phone.png).
func TestPlanSubgroupsInABrowser(t *testing.T) {
	t.Parallel()
	bin := os.Getenv("ITINERA_CHROMIUM")
	if bin == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	e := mustServe(t, nil)
	o, p := e.mustDemo()
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
	for _, phone := range []bool{false, true} {
		view, name := chromedp.EmulateViewport(1280, 900), "plan-subgroups.png"
		if phone {
			view, name = chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), "plan-subgroups-phone.png"
		}
		must(t, chromedp.Do(ctx, view, chromedp.Navigate(e.srv.URL+"/programs/"+itoa(p.ID)+"/plan"),
			chromedp.WaitVisible(chromedp.CSS("#subgroups li.subgroup"))))
		if phone {
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > innerWidth + 1`))
			if err != nil || wide {
				t.Errorf("the plan page is wider than a 390 px phone (%v)", err)
			}
		}
		if dir != "" {
			must(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("#subgroups"))))
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#subgroups")))
			must(t, err)
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
