package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"itinera/internal/demo"
	"itinera/internal/geo/geotest"
)

// TestBrowserGeocodeChoices: with a geocoder (a Nominatim on loopback), the
// place form's "Find the address on the map" puts the pin on the one place
// found, says when none is, and lists the places when several match; the
// second is chosen by keyboard, which moves the pin, fills the latitude and
// longitude and marks them as the geocoder's; the place is saved with
// them. A household on the sign-up page chooses its home the same way.
// With ITINERA_SCREENSHOTS set, it saves the choices on a desktop
// and a 390 px phone, before one is chosen.
func TestBrowserGeocodeChoices(t *testing.T) {
	t.Parallel()
	srv := geotest.NewNominatim(t, map[string][]geotest.Place{
		"730 Carroll St": {{Label: "Soulard Farmers Market, 730, Carroll Street, St. Louis, Missouri, 63104, United States",
			Lat: 38.6102, Lon: -90.2070, Category: "amenity", Type: "marketplace"}},
		"100 Main Street": {
			{Label: "100, North Main Street, Saint Charles, Missouri, 63301, United States", Lat: 38.7836, Lon: -90.4812},
			{Label: "100, East Main Street, Belleville, Illinois, 62220, United States", Lat: 38.5134, Lon: -89.9846},
			{Label: "100, North Main Street, Edwardsville, Illinois, 62025, United States", Lat: 38.8114, Lon: -89.9532},
		},
	})
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password", "ITINERA_GEOCODER_URL": srv.URL}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	const address, button, status = `textarea[name="address"]`, `#pin-map .pin-lookup-button`, `#pin-map .pin-lookup-status`
	// find types the address and presses the button; it returns what the
	// status then says.
	find := func(text string) string {
		t.Helper()
		err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('`+address+`').value = ""`), chromedp.SendKeys(css(address), text),
			chromedp.Click(css(button)))
		if err != nil {
			t.Fatalf("find %q: %v", text, err)
		}
		said, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const s = document.querySelector("`+status+`").textContent;
			return s && !s.startsWith("Looking up") ? s : ""; })()`, chromedp.WithPollingTimeout(20*time.Second)))
		if err != nil {
			t.Fatalf("find %q: no answer: %v", text, err)
		}
		return said
	}
	fields := func() []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`["lat", "lon", "coordinates_source"].map(n => document.querySelector("#record-form [name=" + n + "]").value)`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	signIn(ctx, t, base+"/places/new", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#pin-map .leaflet-container`)),
		chromedp.WaitVisible(css(button)),
		chromedp.SendKeys(css(`input[name="name"]`), "Main Street office"),
	)
	if err != nil {
		t.Fatalf("place form: %v", err)
	}

	// One place found: the pin goes there at once.
	if said := find("730 Carroll St, St. Louis"); !strings.HasPrefix(said, "Found: Soulard Farmers Market") {
		t.Errorf("one place: %q", said)
	}
	if got := fields(); got[0] != "38.610200" || got[1] != "-90.207000" || got[2] != "geocoder" {
		t.Errorf("one place: the fields hold %q", got)
	}
	// None found: said, and nothing to choose.
	if said := find("1 Nowhere Lane, Atlantis"); !strings.HasPrefix(said, "No place matches \u201c1 Nowhere Lane, Atlantis\u201d") {
		t.Errorf("no place: %q", said)
	}

	// Several, on a new form: listed, each a button, and drawn numbered
	// on the map.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/places/new"),
		chromedp.WaitVisible(css(button)),
		chromedp.SendKeys(css(`input[name="name"]`), "Main Street office"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if said := find("100 Main Street"); said != "3 places match: choose one." {
		t.Errorf("several places: %q", said)
	}
	type choice struct {
		Label   string `json:"label"`
		Pressed string `json:"pressed"`
	}
	listed, err := chromedp.Run(ctx, chromedp.Evaluate[[]choice](`[...document.querySelectorAll("#pin-map .pin-choices li button[type=button]")].map(b => ({
		label: b.textContent.replace(/\s+/g, " ").trim(), pressed: b.getAttribute("aria-pressed")}))`))
	if err != nil || len(listed) != 3 || listed[1].Label != "2 100, East Main Street, Belleville, Illinois, 62220, United States" {
		t.Fatalf("the choices: %+v (%v)", listed, err)
	}
	markers, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#pin-map .choice-marker")].map(m => m.textContent)`))
	if err != nil || strings.Join(markers, ",") != "1,2,3" {
		t.Errorf("numbered markers %q (%v)", markers, err)
	}
	if got := fields(); got[0] != "" || got[1] != "" || listed[0].Pressed != "false" {
		t.Errorf("several places: the pin was put before a choice (%q, %+v)", got, listed[0])
	}
	// The map zooms to the places, animated: let it end.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`new Promise(done => setTimeout(done, 600))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	desktop, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Evaluate[chromedp.Void](`new Promise(done => setTimeout(done, 300))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#pin-map").getBoundingClientRect().right > document.documentElement.clientWidth + 1`))
	if err != nil || wide {
		t.Errorf("the map and its choices are wider than a 390 px phone (%v)", err)
	}
	phone, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}

	if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
	// The second, by keyboard.
	err = chromedp.Do(ctx, chromedp.Focus(css(`#pin-map .pin-choices li:nth-child(2) button`)), chromedp.KeyEvent(kb.Enter))
	if err != nil {
		t.Fatal(err)
	}
	if got := fields(); got[0] != "38.513400" || got[1] != "-89.984600" || got[2] != "geocoder" {
		t.Errorf("the second place chosen: the fields hold %q", got)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[
		document.querySelector("`+status+`").textContent,
		[...document.querySelectorAll("#pin-map .pin-choices button")].map(b => b.getAttribute("aria-pressed")).join(","),
		document.querySelector("#pin-map .leaflet-marker-icon.stop-marker").getAttribute("title")]`))
	if err != nil || !strings.Contains(state[0], "Belleville") || state[1] != "false,true,false" || state[2] != "The place" {
		t.Errorf("after the choice: %q (%v)", state, err)
	}
	// Saved where it was chosen.
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#record-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#places-table`)),
	)
	if err != nil {
		t.Fatalf("save the place: %v", err)
	}
	edit, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#places-table a")].find(a => a.textContent.includes("Main Street office")).href`))
	if err != nil {
		t.Fatalf("the new place is not in the directory: %v", err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(edit), chromedp.WaitVisible(css(`#record-form`)))
	if err != nil {
		t.Fatal(err)
	}
	if got := fields(); got[0] != "38.5134" || got[1] != "-89.9846" || got[2] != "geocoder" {
		t.Errorf("saved: %q", got)
	}

	// A household on the public sign-up page finds its home the same way.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/host/"+demo.Tenant().Slug),
		chromedp.WaitVisible(css(`#host-form #pin-map .pin-lookup-button`)),
		chromedp.SendKeys(css(`#host-form input[name="address"]`), "100 Main Street"),
		chromedp.Click(css(`#host-form #pin-map .pin-lookup-button`)),
		chromedp.WaitVisible(css(`#host-form #pin-map .pin-choices li:nth-child(3) button`)),
		chromedp.Click(css(`#host-form #pin-map .pin-choices li:nth-child(3) button`)),
	)
	if err != nil {
		t.Fatalf("sign-up page: %v", err)
	}
	home, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`["lat", "lon"].map(n => document.querySelector("#host-form [name=" + n + "]").value)`))
	if err != nil || strings.Join(home, ",") != "38.811400,-89.953200" {
		t.Errorf("sign-up page: the third place chosen fills %q (%v)", home, err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range map[string][]byte{"place-geocode-choices.png": desktop, "place-geocode-choices-phone.png": phone} {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
