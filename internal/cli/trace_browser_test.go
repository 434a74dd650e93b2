package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearchAndAudit signs in to the demo as its officer (an
// administrator), searches from the header's box with the keyboard, changes
// an organization and a visitor found by the search, and reads those
// changes in the audit log and the visitor's history; at 1280 px and on a
// 390 px phone no page is wider than the screen. With
// ITINERA_SCREENSHOTS=DIR it saves search*.png and audit*.png there.
func TestBrowserSearchAndAudit(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
	signIn(ctx, t, base+"/programs", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`header #site-q`)),
		// The header's box, by keyboard: type, Enter.
		chromedp.Focus(chromedp.CSS(`#site-q`)),
		chromedp.SendKeys(chromedp.CSS(`#site-q`), "traff\r"),
		chromedp.WaitVisible(chromedp.CSS(`#search-count`)),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	groups, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("section.search-group h2")].map(h => h.textContent)`))
	if err != nil || len(groups) < 2 {
		t.Fatalf("traff found groups %q, %v", groups, err)
	}
	shots := map[string][]byte{}
	shot := func(name string) {
		t.Helper()
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		if wide {
			culprits, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowing))
			t.Errorf("%s is wider than the screen: %v", name, culprits)
		}
		if shots[name], err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			t.Fatal(err)
		}
	}
	shot("search")

	// Change an organization and a visitor the search finds.
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Click(chromedp.CSS(`section#results-organization li a`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-description`)),
		chromedp.SetValue(chromedp.CSS(`#f-description`), "Shelter, hotline and legal help for survivors; public awareness."),
		chromedp.Submit(chromedp.CSS(`#record-form`)),
		chromedp.WaitVisible(chromedp.CSS(`#flash`)),
		chromedp.Navigate(base + "/search?kind=visitor&q=a"),
		chromedp.WaitVisible(chromedp.CSS(`section#results-visitor li a`)),
		chromedp.Click(chromedp.CSS(`section#results-visitor li a`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-position`)),
		chromedp.SetValue(chromedp.CSS(`#f-position`), "Chief prosecutor"),
		chromedp.Submit(chromedp.CSS(`#record-form`)),
		chromedp.WaitVisible(chromedp.CSS(`#flash`)),
		chromedp.Navigate(base + "/admin/audit"),
		chromedp.WaitVisible(chromedp.CSS(`table.audit`)),
	}
	for i, step := range steps {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err = chromedp.Do(sctx, step)
		cancel()
		if err != nil {
			where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.querySelector("main").innerText.slice(0, 300)`))
			t.Fatalf("step %d at %s: %v", i, where, err)
		}
	}
	if err != nil {
		t.Fatalf("change and read the log: %v", err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.audit tbody tr")].map(r => r.textContent)`))
	if err != nil || len(rows) < 2 {
		t.Fatalf("audit rows %q, %v", rows, err)
	}
	shot("audit")
	history, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const a = [...document.querySelectorAll("table.audit a")].find(a => a.textContent.includes("(visitor"));
		const r = await fetch(a.href); return await r.text(); })()`, chromedp.EvalAwaitPromise))
	if err != nil || !containsAll(history, `id="history"`, "Chief prosecutor") {
		t.Errorf("the visitor's page lacks its history: %v", err)
	}

	// On a phone.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(base+"/search?q=traff"),
		chromedp.WaitVisible(chromedp.CSS(`#search-count`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot("search-phone")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/audit"), chromedp.WaitVisible(chromedp.CSS(`table.audit`))); err != nil {
		t.Fatal(err)
	}
	shot("audit-phone")

	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
