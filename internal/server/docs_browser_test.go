package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the browser for browser tests. They fail, never skip,
// when it is missing: scripts/test.sh installs it and sets ITINERA_CHROMIUM.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("ITINERA_CHROMIUM=%s: %v", path, err)
	}
	return path
}

// mustBrowser starts headless Chromium with a fresh profile.
func mustBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelB(); cancelA() })
	return ctx
}

// overflowing lists the elements that reach past the right edge of the
// window, leaving out those inside a box that scrolls on its own.
const overflowing = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".table-wrap, pre")) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > document.documentElement.clientWidth + 1) out.push(el.tagName + (el.id ? "#" + el.id : "") + "." + el.className);
  }
  return out.slice(0, 10);
})()`

// TestBrowserAPIDocs opens the API reference in Chromium through the
// server's middleware (so under its Content-Security-Policy): the
// stylesheet applies, the keyboard reaches the skip link first, and on a
// 390 px phone the page does not scroll sideways. With
// ITINERA_SCREENSHOTS=DIR it saves api-docs.png (1280×900, the top of the
// page) and api-docs-phone.png (390×844, at POST /api/v1/programs) there.
func TestBrowserAPIDocs(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(mustServer(t, nil).Handler())
	t.Cleanup(ts.Close)
	ctx := mustBrowser(t)

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+"/api/docs"),
		chromedp.WaitVisible(chromedp.CSS(`#createProgram`)),
	)
	if err != nil {
		t.Fatalf("open /api/docs: %v", err)
	}
	// #0b5cad, the colour of POST: the stylesheet was loaded and allowed.
	badge, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("#createProgram .method")).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if badge != "rgb(11, 92, 173)" {
		t.Errorf("the POST badge's background is %q: the stylesheet did not apply", badge)
	}
	shotDesktop, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("href") || document.activeElement.tagName`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "#main" {
		t.Errorf("the first Tab reaches %q, not the skip link", focused)
	}

	// On a phone the page reflows: nothing but a box that scrolls on its
	// own is wider than the screen. The screenshot shows an operation, its
	// tables turned into one block per row.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(ts.URL+"/api/docs#createProgram"),
		chromedp.WaitVisible(chromedp.CSS(`#createProgram`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
	if err != nil || width != 390 {
		t.Fatalf("the page is laid out %d px wide, not 390: %v", width, err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	culprits, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowing))
	if err != nil {
		t.Fatal(err)
	}
	if wide || len(culprits) > 0 {
		t.Errorf("the page is wider than a 390 px phone: %v", culprits)
	}
	shotPhone, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range map[string][]byte{"api-docs.png": shotDesktop, "api-docs-phone.png": shotPhone} {
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
