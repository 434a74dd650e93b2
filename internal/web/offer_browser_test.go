package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"itinera"
)

// TestBrowserResourceOffersTimes: on a 390 px phone, a resource who can
// do none of the proposed times offers two of their own with the date and
// time pickers (no format typed), adding a row with "Add another time";
// the answer on record is those two times. With ITINERA_SCREENSHOTS=DIR
// it saves slot-picker.png and slot-picker-phone.png there.
func TestBrowserResourceOffersTimes(t *testing.T) {
	t.Parallel()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	e, _ := mustServeClock(t, nil)
	rq, token := e.sendRequest(e.signIn(e.a.officer))

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		// The resource reads in Paris: the times also say their own clock.
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/Paris"})
			return err
		}),
		chromedp.Navigate(e.srv.URL+"/r/"+token),
		chromedp.WaitVisible(css("#add-offer")),
		chromedp.Click(css("#answer-counter")),
		chromedp.SetValue(css("#offer-day-1"), "2026-12-08"),
		chromedp.SetValue(css("#offer-from-1"), "14:00"),
		chromedp.SetValue(css("#offer-to-1"), "15:30"),
		chromedp.Click(css("#add-offer")),
		chromedp.WaitVisible(css("#offer-day-4")),
		chromedp.SetValue(css("#offer-day-4"), "2026-12-09"),
		chromedp.SetValue(css("#offer-from-4"), "09:00"),
		chromedp.SetValue(css("#offer-to-4"), "10:30"),
	)
	if err != nil {
		t.Fatalf("fill the times: %v", err)
	}
	// The resource's page passes axe-core too (it is reached by a token,
	// which the page walkers leave out).
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeScript(t)+";true")); err != nil {
		t.Fatal(err)
	}
	vs, err := runAxe(ctx)
	must(t, err)
	for _, v := range vs {
		t.Errorf("resource page: %s %s: %s at %s", v.Impact, v.ID, v.Help, strings.Join(v.Targets, "; "))
	}
	own, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('label[for="slot-0"] .your-time').textContent`))
	if err != nil || !strings.Contains(own, "16:00–17:30 your time, Europe/Paris") {
		t.Errorf("the first time on the reader's clock: %q (%v)", own, err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil || focused != "offer-day-4" {
		t.Errorf("after adding a row the focus is on %q (%v)", focused, err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth]`))
	if err != nil || len(wide) != 2 || wide[0] > wide[1] {
		t.Errorf("the page is %v px wide on a phone (%v)", wide, err)
	}
	phone, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css("#send-answer")), chromedp.WaitVisible(css("#current-answer"))); err != nil {
		t.Fatalf("send: %v", err)
	}
	got, err := e.store.Request(ctx, e.a.tenant.ID, rq.ID)
	must(t, err)
	loc := e.a.program.Location()
	if got.Status != itinera.RequestCountered || got.Answer == nil || len(got.Answer.Proposed) != 2 ||
		itinera.WindowText(got.Answer.Proposed[0], loc) != "2026-12-08 14:00-15:30" ||
		itinera.WindowText(got.Answer.Proposed[1], loc) != "2026-12-09 09:00-10:30" {
		t.Fatalf("answer on record: %q %+v", got.Status, got.Answer)
	}
	// The page comes back with the two times in its rows, and an empty one.
	vals, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('input[name=offer_day]')].map(i => i.value)`))
	if err != nil || len(vals) != 3 || vals[0] != "2026-12-08" || vals[1] != "2026-12-09" || vals[2] != "" {
		t.Errorf("rows after answering %q (%v)", vals, err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		must(t, os.WriteFile(filepath.Join(dir, "slot-picker-phone.png"), phone, 0o644))
		must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
		desk, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, "slot-picker.png"), desk, 0o644))
	}
}
