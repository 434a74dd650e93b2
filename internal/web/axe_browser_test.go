package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeViolation is what the tests keep of an axe-core violation.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeScript is axe-core, installed for the tests by scripts/test.sh
// (npm ci --prefix tools/axe); without it the test fails, never skips.
func axeScript(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "tools", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run `npm ci --prefix tools/axe`, as scripts/test.sh does): %v", err)
	}
	return string(b)
}

// TestPagesPassAxe runs axe-core (WCAG 2.1 A and AA rules) on every page of
// the web UI, on a desktop screen and on a 390 px phone, and fails on any
// serious or critical violation.
func TestPagesPassAxe(t *testing.T) {
	t.Parallel()
	axe := axeScript(t)
	for _, phone := range []bool{false, true} {
		screen := "desktop"
		if phone {
			screen = "phone"
		}
		selfChecked := false
		n := walkPages(t, phone, func(ctx context.Context, p string, rt route) {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
				t.Errorf("%s (%s): injecting axe-core: %v", p, screen, err)
				return
			}
			vs, err := runAxe(ctx)
			if err != nil {
				t.Errorf("%s (%s): axe-core: %v", p, screen, err)
				return
			}
			for _, v := range vs {
				t.Errorf("%s (%s): %s %s: %s at %s", p, screen, v.Impact, v.ID, v.Help, strings.Join(v.Targets, "; "))
			}
			if selfChecked {
				return
			}
			// The check can fail: an image without a text alternative
			// added to the page is found.
			selfChecked = true
			_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main").insertAdjacentHTML("beforeend",
				'<img src="/assets/none.png" id="axe-self-check">'); true`))
			must(t, err)
			vs, err = runAxe(ctx)
			must(t, err)
			found := false
			for _, v := range vs {
				found = found || (v.ID == "image-alt" && strings.Contains(strings.Join(v.Targets, " "), "axe-self-check"))
			}
			if !found {
				t.Errorf("%s (%s): axe-core did not find an image without alt text: %+v", p, screen, vs)
			}
		})
		if n < 40 {
			t.Errorf("%s: only %d pages opened", screen, n)
		}
	}
}

// runAxe runs the injected axe-core on the page and returns its serious
// and critical violations of the WCAG 2.1 A and AA rules.
func runAxe(ctx context.Context) ([]axeViolation, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: "tag",
		values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
}
