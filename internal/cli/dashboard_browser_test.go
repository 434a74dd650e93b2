package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDashboard: the demo officer signs in and opens the home page
// (Itinera, top left): it shows the demo program to come with its
// readiness, on a desktop and on a phone. With ITINERA_SCREENSHOTS=DIR it
// saves dashboard.png and dashboard-phone.png there.
func TestBrowserDashboard(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
	signIn(ctx, t, base+"/programs", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#programs`)),
		chromedp.Click(css(`a.brand`)),
		chromedp.WaitVisible(css(`#coming`)),
	)
	if err != nil {
		t.Fatalf("home page: %v", err)
	}
	card, err := chromedp.Run(ctx, chromedp.Text(css(`.dashboard-program`)))
	if err != nil || !strings.Contains(card, "Combating Trafficking in Persons") || !strings.Contains(card, "4 of 6 meetings in the itinerary confirmed") {
		t.Errorf("the demo program on the home page: %q (%v)", card, err)
	}
	desk, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), chromedp.Reload(),
		chromedp.WaitVisible(css(`#coming`))); err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth]`))
	if err != nil || wide[0] > wide[1] {
		t.Errorf("the home page on a phone: %v (%v)", wide, err)
	}
	phone, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		must(t, os.WriteFile(filepath.Join(dir, "dashboard.png"), desk, 0o644))
		must(t, os.WriteFile(filepath.Join(dir, "dashboard-phone.png"), phone, 0o644))
	}
}
