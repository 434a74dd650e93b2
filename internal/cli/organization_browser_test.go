package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOrganizationByAddress: on the organization form, picking a
// place of the directory hides the office's address and the map, and
// choosing none shows them again (the stylesheet alone, no script); a
// click on the map fills the office's coordinates; saved, the
// organization is listed with its address. With ITINERA_SCREENSHOTS set,
// it saves the form.
func TestBrowserOrganizationByAddress(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	signIn(ctx, t, base+"/organizations/new", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#pin-map .leaflet-container`)),
	)
	if err != nil {
		t.Fatalf("organization form: %v", err)
	}
	// shown reports, after choosing the select's option i, whether the
	// address, the latitude, the map and the select show.
	shown := func(i int) []bool {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`(() => {
			document.querySelector("#f-place_id").selectedIndex = `+itoa(int64(i))+`;
			const on = el => el.getClientRects().length > 0;
			return [on(document.querySelector("#f-address")), on(document.querySelector("#f-lat")),
				on(document.querySelector("#pin-map")), on(document.querySelector("#f-place_id"))];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := shown(1); strings.Join(words(got), " ") != "hidden hidden hidden shown" {
		t.Errorf("a place picked: address, latitude, map, select %v", words(got))
	}
	if got := shown(0); strings.Join(words(got), " ") != "shown shown shown shown" {
		t.Errorf("no place picked: address, latitude, map, select %v", words(got))
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(css(`input[name="name"]`), "Soulard Legal Clinic"),
		chromedp.SendKeys(css(`textarea[name="address"]`), "730 Carroll St, St. Louis, MO 63104"),
		chromedp.ScrollIntoView(css(`#pin-map`)),
		chromedp.Click(css(`#pin-map .map-canvas`)),
		chromedp.WaitVisible(css(`#pin-map .leaflet-marker-icon`)),
	)
	if err != nil {
		t.Fatalf("put the pin: %v", err)
	}
	filled, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector("input[name=lat]").value,
		document.querySelector("input[name=coordinates_source]").value]`))
	if err != nil || len(filled) != 2 || !strings.HasPrefix(filled[0], "38.") || filled[1] != "map" {
		t.Fatalf("the pin filled %q (%v)", filled, err)
	}
	form, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#record-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#organizations-table`)),
	)
	if err != nil {
		t.Fatalf("save the organization: %v", err)
	}
	if text, _ := chromedp.Run(ctx, chromedp.Text(css(`#organizations-table`))); !strings.Contains(text, "730 Carroll St") {
		t.Errorf("the organization is not listed with its address: %q", text)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		must(t, os.WriteFile(filepath.Join(dir, "organization-form.png"), form, 0o644))
	}
}

func words(bs []bool) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = map[bool]string{true: "shown", false: "hidden"}[b]
	}
	return out
}
