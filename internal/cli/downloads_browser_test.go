package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"itinera/internal/demo"
)

// downloadLink is a download link as Chromium lays it out.
type downloadLink struct {
	Href   string  `json:"href"`
	Name   string  `json:"name"` // the accessible name: the text with the screen readers' words
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
	Height float64 `json:"height"`
}

const readDownloadLinks = `[...document.querySelectorAll("p.downloads a")].map(a => {
	const r = a.getBoundingClientRect();
	return {href: a.getAttribute("href"), name: a.textContent.replace(/\s+/g, " ").trim(), left: r.left, right: r.right, height: r.height};
})`

// overflowing names the elements that reach past the right edge of the
// screen, but for those in a box that scrolls on its own.
const overflowing = `(() => {
	const out = [];
	for (const el of document.querySelectorAll("body *")) {
		if (el.closest(".table-wrap, pre")) continue;
		const r = el.getBoundingClientRect();
		if (r.width > 0 && r.right > document.documentElement.clientWidth + 1) out.push(el.tagName + (el.id ? "#" + el.id : "") + "." + el.className);
	}
	return out.slice(0, 10);
})()`

var downloadDisposition = regexp.MustCompile(`^attachment; filename="[a-z0-9-]+\.(csv|xlsx)"$`)

// TestBrowserDownloads signs in to the demo on a 390 px phone and opens
// each list page: its Download CSV and Download XLSX links stay on the
// screen, are targets at least 24 px high, say what they download, and
// answer a file to save; no page is wider than the screen. With
// ITINERA_SCREENSHOTS=DIR it saves downloads-*.png there.
func TestBrowserDownloads(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	program := chromedp.Search(`//main//a[contains(., "` + demo.ProgramTitle() + `")]`)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))))
	signIn(ctx, t, base+"/programs", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(program),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	programPath, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`[...document.querySelectorAll("main a")].find(a => a.textContent.includes(`+"`"+demo.ProgramTitle()+"`"+`)).getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	pages := []struct {
		name, path string
		links      int // at least
	}{
		{"programs", "/programs", 2},
		{"delegation", programPath + "/delegation", 4}, // visitors, interpreters
		{"candidates", programPath + "/candidates", 4}, // meetings, activities
		{"itinerary", programPath + "/itinerary", 2},
		{"requests", programPath + "/requests", 0},
		{"evenings", programPath + "/evenings", 0},
		{"directory", "/directory", 6},
		{"households", "/households", 2},
		{"outbox", "/outbox", 0},
	}
	shots := map[string][]byte{}
	for _, pg := range pages {
		err := chromedp.Do(ctx, chromedp.Navigate(base+pg.path), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		if err != nil {
			t.Fatalf("%s: %v", pg.path, err)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.clientWidth`))
		if err != nil || width != 390 {
			t.Fatalf("%s is laid out %v px wide, not 390: %v", pg.path, width, err)
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		if wide {
			culprits, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowing))
			t.Errorf("%s is wider than a 390 px phone: %v", pg.path, culprits)
		}
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]downloadLink](readDownloadLinks))
		if err != nil {
			t.Fatal(err)
		}
		if len(links) < pg.links {
			t.Errorf("%s: %d download links, want at least %d", pg.path, len(links), pg.links)
		}
		for i, l := range links {
			format := []string{"CSV", "XLSX"}[i%2]
			if !strings.HasPrefix(l.Name, "Download "+format+" of the ") {
				t.Errorf("%s: link %q named %q", pg.path, l.Href, l.Name)
			}
			if l.Left < 0 || l.Right > width || l.Height < 24 {
				t.Errorf("%s: link %q at %.0f–%.0f px, %.0f px high", pg.path, l.Href, l.Left, l.Right, l.Height)
			}
		}
		if len(links) > 0 {
			// The page's first list, fetched as the link would: a file to save.
			disposition, err := chromedp.Run(ctx, chromedp.Evaluate[string](
				`fetch(document.querySelector("p.downloads a").href).then(r => r.ok ? r.headers.get("Content-Disposition") : "status " + r.status)`,
				chromedp.EvalAwaitPromise))
			if err != nil || !downloadDisposition.MatchString(disposition) {
				t.Errorf("%s: the first download answers %q, %v", pg.path, disposition, err)
			}
		}
		// The screenshot shows the first list's links, or the top of the page.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`(() => { const p = document.querySelector("p.downloads"); if (p) p.scrollIntoView({block: "center"}); return !!p })()`)); err != nil {
			t.Fatal(err)
		}
		if shots[pg.name], err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			t.Fatal(err)
		}
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			if err := os.WriteFile(filepath.Join(dir, "downloads-"+name+".png"), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
