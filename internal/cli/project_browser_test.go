package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"itinera/internal/demo"
)

// TestBrowserDemoProject: in the demo, the national agency's officer signs
// in and opens the project: its timeline shows the four stops with no
// route problem and St. Louis's confirmed meetings; St. Louis's officer
// opens the roster the agency shares on the demo program, without having
// typed it. On a desktop and a phone; with ITINERA_SCREENSHOTS=DIR it saves
// demo-project-timeline(-phone).png and demo-shared-roster(-phone).png.
func TestBrowserDemoProject(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	shots := map[string][]byte{}
	look := func(email, page, ready, name, phoneAt string, check func(text string)) {
		ctx := mustBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+page),
			chromedp.WaitVisible(css(`input[name="email"]`)),
			chromedp.SendKeys(css(`input[name="email"]`), email),
			chromedp.SendKeys(css(`input[name="password"]`), "browser-test-password"),
			chromedp.Submit(css(`input[name="password"]`)),
			chromedp.WaitVisible(css(ready)),
		)
		if err != nil {
			t.Fatalf("%s opens %s: %v", email, page, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
		if err != nil {
			t.Fatal(err)
		}
		check(text)
		if shots[name+".png"], err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), chromedp.Reload(),
			chromedp.WaitVisible(css(ready))); err != nil {
			t.Fatal(err)
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth]`))
		if err != nil || wide[0] > wide[1] {
			t.Errorf("%s on a phone: %v (%v)", page, wide, err)
		}
		// On the phone: the whole page, or the screen at phoneAt.
		shot := chromedp.FullScreenshot(100)
		if phoneAt != "" {
			if err := chromedp.Do(ctx, chromedp.ScrollIntoView(css(phoneAt))); err != nil {
				t.Fatal(err)
			}
			shot = chromedp.CaptureScreenshot()
		}
		if shots[name+"-phone.png"], err = chromedp.Run(ctx, shot); err != nil {
			t.Fatal(err)
		}
	}
	// The demo's first project and first program: the agency's and St. Louis's.
	look(DemoAgencyEmail, "/projects/1", "#timeline", "demo-project-timeline", "#timeline-h", func(text string) {
		for _, want := range []string{demo.ProgramTitle(), "Washington, D.C.", "St. Louis", "Kansas City, Missouri", "Seattle, Washington",
			"travel days and times are consistent", "XE 1375"} {
			if !strings.Contains(text, want) {
				t.Errorf("the agency's project page lacks %q", want)
			}
		}
	})
	look(DemoEmail, "/programs/1/roster", "main table", "demo-shared-roster", "", func(text string) {
		for _, want := range []string{demo.Agency().Name, "Ramírez Ortega", "Beltrán"} {
			if !strings.Contains(text, want) {
				t.Errorf("St. Louis's shared roster lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "DEMO-1001") {
			t.Error("St. Louis sees a passport number")
		}
	})
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
