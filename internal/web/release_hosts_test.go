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

	"itinera"
	"itinera/internal/app"
	"itinera/internal/hosting"
)

// TestReleasePageTellsHouseholds: after the demo evening is confirmed and
// released, moving one guest puts exactly the two households concerned on
// the release page, with their change in plain words (the page, opened in
// Chromium, fits a 390 px phone; with ITINERA_SCREENSHOTS=DIR it is saved
// as release-households.png and release-households-phone.png); releasing
// tells them (two messages) and the page then lists no household.
func TestReleasePageTellsHouseholds(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	d := e.mustDemoEvening()
	u := e.mustUser(d.tenant.ID, "lead@demo.example.org", itinera.RoleOfficer)
	o := e.signIn(u)
	a, c := e.ui.app, app.Caller{User: u, Site: "https://itinera.example.org"}
	pl, err := a.Propose(ctx, c, d.programID, nil)
	must(t, err)
	_, err = a.ApplyPlan(ctx, c, d.programID, nil, pl.Digest)
	must(t, err)
	_, err = a.ConfirmEvening(ctx, c, d.eveningID)
	must(t, err)
	pid := itoa(d.programID)
	release := func() {
		t.Helper()
		_, doc := o.page("/programs/"+pid+"/release", http.StatusOK)
		form := url.Values{}
		for _, in := range doc.all("input[name=tell]") {
			form.Add("tell", in.attr("value"))
		}
		res, _ := o.post("/programs/"+pid+"/release", form)
		if flash := o.follow(res).one(t, "#flash").Text(); !strings.Contains(flash, "to the Outbox") {
			t.Fatalf("release: %s", flash)
		}
	}
	release()
	households := func() []*node {
		_, doc := o.page("/programs/"+pid+"/release", http.StatusOK)
		var out []*node
		for _, in := range doc.all("input[name=tell]") {
			if strings.HasPrefix(in.attr("value"), "household-") {
				out = append(out, in)
			}
		}
		return out
	}
	if hs := households(); len(hs) != 0 {
		t.Fatalf("after the first release %d households are listed", len(hs))
	}

	ev, err := a.ShowEvening(ctx, c, d.eveningID)
	must(t, err)
	from, to := int64(0), int64(0)
	view := ev.Records.Describe(ev.Result)
moving:
	for _, card := range view.Cards {
		for _, g := range card.Visitors {
			for _, dest := range append(append([]hosting.Card{}, view.Cards...), view.Idle...) {
				if dest.Household.ID != card.Household.ID && dest.Available &&
					len(ev.Records.Describe(hosting.Move(ev.Result, g.Label, dest.Label)).Problems) == 0 {
					_, err := a.MoveGuest(ctx, c, d.eveningID, g.Visitor.ID, dest.Household.ID)
					must(t, err)
					from, to = card.Household.ID, dest.Household.ID
					break moving
				}
			}
		}
	}
	if from == 0 {
		t.Fatal("no guest can move")
	}
	hs := households()
	keys := map[string]bool{}
	for _, in := range hs {
		keys[in.attr("value")] = true
		label := in.parent.one(t, "label").Text()
		if !strings.Contains(label, "host household") {
			t.Errorf("label %q", label)
		}
	}
	if len(hs) != 2 || !keys["household-"+itoa(from)] || !keys["household-"+itoa(to)] {
		t.Fatalf("after one move the page lists %v, want households %d and %d", keys, from, to)
	}
	_, doc := o.page("/programs/"+pid+"/release", http.StatusOK)
	if !strings.Contains(doc.one(t, "#release-form").Text(), "Now receives") {
		t.Error("the page does not say what changed for the households")
	}
	shootRelease(t, e, o, "/programs/"+pid+"/release")
	_, before := sentTo(t, e, d.tenant.ID)
	release()
	if _, after := sentTo(t, e, d.tenant.ID); after-before != 2 {
		t.Errorf("the release queued %d messages, want 2 (the households)", after-before)
	}
	if hs := households(); len(hs) != 0 {
		t.Errorf("after the release %d households are listed", len(hs))
	}
}

// shootRelease opens path in Chromium as the client o, on a desktop and on
// a 390 px phone, fails when the phone must scroll sideways, and saves
// both views in ITINERA_SCREENSHOTS when it is set.
func shootRelease(t *testing.T, e *env, o *client, path string) {
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
	ctx, cancel := context.WithTimeout(bctx, time.Minute)
	defer cancel()
	setCookie := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: session.Name, Value: session.Value,
			Domain: base.Hostname(), Path: "/"})
		return err
	})
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), setCookie, chromedp.Navigate(e.srv.URL+path),
		chromedp.WaitVisible(chromedp.CSS(`#release-form`))))
	shots := map[string][]byte{}
	must(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('input[value^="household-"]').scrollIntoView({block: "center"})`)))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(t, err)
	shots["release-households.png"] = png
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(e.srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`#release-form`))))
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > innerWidth + 1`))
	if err != nil || wide {
		t.Errorf("the release page is wider than a 390 px phone (%v)", err)
	}
	must(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('input[value^="household-"]').scrollIntoView({block: "center"})`)))
	png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(t, err)
	shots["release-households-phone.png"] = png
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
