package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestSplitDayInABrowser: the demo's Tuesday sub-groups applied from the
// Build-itinerary page, then the day, the week and the builder seen in
// Chromium on a desktop and a 390 px phone: no page is wider than the
// phone, axe-core finds no serious violation, and the two sub-groups'
// items are drawn side by side, each labelled with its group. With
// ITINERA_SCREENSHOTS set, it saves the Sub-groups section with its
// apply forms and the split day, desktop and phone.
func TestSplitDayInABrowser(t *testing.T) {
	t.Parallel()
	bin := os.Getenv("ITINERA_CHROMIUM")
	if bin == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	axe := axeScript(t)
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
	ctx, cancel := context.WithTimeout(bctx, 3*time.Minute)
	defer cancel()
	must(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: session.Name, Value: session.Value,
			Domain: base.Hostname(), Path: "/"})
		return err
	})))
	dir := os.Getenv("ITINERA_SCREENSHOTS")
	shoot := func(sel, name string) {
		t.Helper()
		if dir == "" {
			return
		}
		must(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(sel))))
		png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
	}
	check := func(page string, phone bool) {
		t.Helper()
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > innerWidth + 1`))
		if err != nil || (phone && wide) {
			t.Errorf("%s is wider than a 390 px phone (%v)", page, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
		vs, err := runAxe(ctx)
		must(t, err)
		for _, v := range vs {
			t.Errorf("%s (phone %v): %s %s: %s at %s", page, phone, v.Impact, v.ID, v.Help, strings.Join(v.Targets, "; "))
		}
	}

	plan := e.srv.URL + "/programs/" + itoa(p.ID) + "/plan"
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(plan),
		chromedp.WaitVisible(chromedp.CSS("#subgroups form.subgroups-apply"))))
	shoot("#subgroups", "plan-subgroups-apply.png")
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#subgroups form.subgroups-apply button")),
		chromedp.WaitVisible(chromedp.CSS(".wk-block.item.lane-2-2"))))
	day, err := chromedp.Run(ctx, chromedp.Location())
	must(t, err)
	if !strings.Contains(day, "/itinerary/20") {
		t.Fatalf("applying went to %s", day)
	}
	for _, phone := range []bool{false, true} {
		view, suffix := chromedp.EmulateViewport(1280, 900), ""
		if phone {
			view, suffix = chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), "-phone"
		}
		must(t, chromedp.Do(ctx, view, chromedp.Navigate(day), chromedp.WaitVisible(chromedp.CSS(".wk-block.item.lane-1-2"))))
		// The two lanes side by side: the second starts right of the first.
		xs, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[".lane-1-2", ".lane-2-2"].map(c =>
			document.querySelector(".wk-block.item" + c).getBoundingClientRect().left)`))
		if err != nil || len(xs) != 2 || xs[1] <= xs[0] {
			t.Errorf("phone %v: the lanes start at %v (%v)", phone, xs, err)
		}
		check("the split day", phone)
		shoot("#week", "split-day-timeline"+suffix+".png")
		if dir != "" {
			shoot("#items", "split-day-items"+suffix+".png")
		}
		must(t, chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/programs/"+itoa(p.ID)+"/itinerary"),
			chromedp.WaitVisible(chromedp.CSS(".wk-block.item.lane"))))
		check("the week", phone)
		must(t, chromedp.Do(ctx, chromedp.Navigate(plan), chromedp.WaitVisible(chromedp.CSS("#subgroups"))))
		check("the builder", phone)
	}
}
