package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserDayMaps: the demo's program page draws a map of each day with
// its stops numbered in order, from and back to the hotel, without any
// tile server (offline: --map-tiles none); the list beside each map names
// the same stops; the map is reached and moved by keyboard; a phone shows
// it within its width. With ITINERA_SCREENSHOTS set, it saves the first
// day's map on a desktop and a phone.
func TestBrowserDayMaps(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0") // maps without tiles
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	signIn(ctx, t, base+"/programs/1/itinerary", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#week .wk-head a`)),
	)
	if err != nil {
		t.Fatalf("itinerary: %v", err)
	}
	// Each day's map is on the day's own page, opened from the week.
	days, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#week .wk-head a")].map(a => a.href)`))
	if err != nil || len(days) < 2 {
		t.Fatalf("days of the week: %q (%v)", days, err)
	}
	type mapInfo struct {
		ID      string   `json:"id"`
		Markers []string `json:"markers"`
		Titles  []string `json:"titles"`
		List    []string `json:"list"`
		Lines   int      `json:"lines"`
		Focus   bool     `json:"focus"`
		URL     string   `json:"url"`
	}
	var maps []mapInfo
	for _, day := range days {
		err := chromedp.Do(ctx, chromedp.Navigate(day), chromedp.WaitVisible(css(`#week`)))
		if err != nil {
			t.Fatalf("day page %s: %v", day, err)
		}
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.day-map").length`)); err != nil || n == 0 {
			continue // a day without items has no map
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(css(`#day-maps .leaflet-marker-icon`))); err != nil {
			t.Fatalf("day page %s: %v", day, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]mapInfo](`[...document.querySelectorAll("figure.day-map")].map(f => ({
		id: f.id,
		markers: [...f.querySelectorAll(".leaflet-marker-icon")].map(m => m.textContent),
		titles: [...f.querySelectorAll(".leaflet-marker-icon")].map(m => m.getAttribute("title")),
		list: [...f.querySelectorAll("ol.stops li")].map(li => li.textContent.replace(/\s+/g, " ").trim()),
		lines: f.querySelectorAll("path.leaflet-interactive").length,
		focus: f.querySelector(".map-canvas").tabIndex >= 0,
		url: location.href,
	}))`))
		if err != nil {
			t.Fatal(err)
		}
		// The demo's Tuesday splits: a map per sub-group, each its own route.
		split := len(got) == 2 && strings.HasSuffix(got[0].ID, "-group-1") && strings.HasSuffix(got[1].ID, "-group-2")
		if len(got) != 1 && !split {
			t.Errorf("%s: %d maps, want the day's (or one per sub-group)", day, len(got))
		}
		maps = append(maps, got...)
	}
	if len(maps) < 2 {
		t.Fatalf("%d day maps", len(maps))
	}
	for _, m := range maps {
		if len(m.Markers) < 2 || m.Markers[0] != "H" || m.Lines != 1 || !m.Focus {
			t.Errorf("%s: markers %q, %d lines, focusable %v", m.ID, m.Markers, m.Lines, m.Focus)
			continue
		}
		for i, n := range m.Markers[1:] {
			if want := strconv.Itoa(i + 1); n != want || !strings.HasPrefix(m.Titles[i+1], want+". ") {
				t.Errorf("%s: marker %d is %q (%q)", m.ID, i+1, n, m.Titles[i+1])
			}
		}
		// The list names the same stops, in the same order, with the hotel first and last.
		if !strings.HasPrefix(m.List[0], "H Start at the hotel") || !strings.HasPrefix(m.List[len(m.List)-1], "H Back to the hotel") {
			t.Errorf("%s: list %q", m.ID, m.List)
		}
		for i, title := range m.Titles[1:] {
			name := strings.SplitN(title, ", ", 2)[0][len(strconv.Itoa(i+1))+2:] // "09:30–11:00 Title"
			if !strings.Contains(m.List[i+1], name[strings.Index(name, " ")+1:]) {
				t.Errorf("%s: stop %d %q is not in the list %q", m.ID, i+1, title, m.List[i+1])
			}
		}
	}
	// The fullest day is looked at: by keyboard, the map takes the focus
	// and the arrow keys pan it.
	full := maps[0]
	for _, m := range maps {
		if len(m.Markers) > len(full.Markers) {
			full = m
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(full.URL), chromedp.WaitVisible(css(`#day-maps .leaflet-marker-icon`))); err != nil {
		t.Fatal(err)
	}
	first := "#" + full.ID + " .map-canvas"
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("`+first+` .leaflet-map-pane").style.transform`))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Focus(css(first)), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if err != nil {
		t.Fatal(err)
	}
	// The pan is animated: wait for it to end.
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(done => setTimeout(() =>
		done(document.querySelector("`+first+` .leaflet-map-pane").style.transform), 600))`, chromedp.EvalAwaitPromise))
	if err != nil || after == before {
		t.Errorf("the arrow keys did not move the map: %q → %q (%v)", before, after, err)
	}
	err = chromedp.Do(ctx, chromedp.ScrollIntoView(css("#"+full.ID)))
	if err != nil {
		t.Fatal(err)
	}
	desktop, err := chromedp.Run(ctx, chromedp.Screenshot(css("#"+full.ID)))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.ScrollIntoView(css("#"+full.ID)))
	if err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const r = document.querySelector("#`+full.ID+`").getBoundingClientRect(); return r.right > document.documentElement.clientWidth + 1; })()`))
	if err != nil || wide {
		t.Errorf("the map is wider than a 390 px phone (%v)", err)
	}
	phone, err := chromedp.Run(ctx, chromedp.Screenshot(css("#"+full.ID)))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
	// The directory's places, one marker each, named.
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/directory"), chromedp.WaitVisible(css(`#places-map .leaflet-marker-icon`)))
	if err != nil {
		t.Fatalf("directory map: %v", err)
	}
	counts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll("#places-map .leaflet-marker-icon[title]").length,
		JSON.parse(document.querySelector("#places-map .map-canvas").dataset.points).length,
		document.querySelectorAll("#places-table tbody tr").length]`))
	if err != nil || counts[0] == 0 || counts[0] != counts[1] || counts[1] > counts[2] {
		t.Errorf("directory map: %v markers, points and rows (%v)", counts, err)
	}

	// A new place from its address and a pin: a click on the map fills the
	// coordinates, nothing is typed but the name and the address.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/places/new"),
		chromedp.WaitVisible(css(`#pin-map .leaflet-container`)),
		chromedp.SendKeys(css(`input[name="name"]`), "Soulard Farmers Market"),
		chromedp.SendKeys(css(`textarea[name="address"]`), "730 Carroll St, St. Louis, MO 63104"),
		chromedp.Click(css(`#pin-map .map-canvas`)),
		chromedp.WaitVisible(css(`#pin-map .leaflet-marker-icon`)),
	)
	if err != nil {
		t.Fatalf("place form: %v", err)
	}
	coords, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector("input[name=lat]").value, document.querySelector("input[name=lon]").value]`))
	if err != nil || len(coords) != 2 || !strings.HasPrefix(coords[0], "38.") || !strings.HasPrefix(coords[1], "-90.") {
		t.Fatalf("the pin filled %q (%v)", coords, err)
	}
	formDesktop, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	if err != nil {
		t.Fatal(err)
	}
	formPhone, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.EmulateReset(),
		chromedp.Click(css(`#record-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#places-table`)),
	)
	if err != nil {
		t.Fatalf("save the place: %v", err)
	}
	if text, _ := chromedp.Run(ctx, chromedp.Text(css(`#places-table`))); !strings.Contains(text, "Soulard Farmers Market") {
		t.Errorf("the new place is not in the directory: %q", text)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range map[string][]byte{"day-map.png": desktop, "day-map-phone.png": phone,
			"place-form.png": formDesktop, "place-form-phone.png": formPhone} {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
