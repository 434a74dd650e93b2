package cli

import (
	"itinera"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserWeekMoves opens the demo program's Overview and week view in
// Chromium, then moves two meetings: one with its Move form from the
// keyboard (the check explains the move, Enter saves it), one by dragging
// it to another time in the week (the drop fills the same form and opens
// the check). Each move saves the next itinerary version. The week and
// the Overview fit a 390 px phone with text of at least 14 px. With
// ITINERA_SCREENSHOTS set, it saves both pages on a desktop and a phone.
func TestBrowserWeekMoves(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	shots := map[string][]byte{}
	phone := func(name, at string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		fit, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth,
			Math.min(...[...document.querySelectorAll(".wk-block span, .readiness p")].map(e => parseFloat(getComputedStyle(e).fontSize)), 99)]`))
		if err != nil || fit[0] > fit[1] || fit[2] < 14 {
			t.Errorf("%s on a phone: %d px wide on %d, smallest text %d px (%v)", name, fit[0], fit[1], fit[2], err)
		}
		if err := chromedp.Do(ctx, chromedp.ScrollIntoView(css(at))); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		shots[name] = png
		if err := chromedp.Do(ctx, chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
	}

	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
	signIn(ctx, t, base+"/programs/1", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#readiness`)),
	)
	if err != nil {
		t.Fatalf("overview: %v", err)
	}
	current, err := chromedp.Run(ctx, chromedp.Text(css(`nav.tabs a[aria-current="page"]`)))
	if err != nil || current != "Overview" {
		t.Errorf("current section %q (%v)", current, err)
	}
	shot, _ := chromedp.Run(ctx, chromedp.Screenshot(css("main")))
	shots["workspace-overview.png"] = shot
	phone("workspace-overview-phone.png", "main")

	// The week: the demo's five days side by side.
	err = chromedp.Do(ctx, chromedp.Click(css(`#tab-itinerary`)), chromedp.WaitVisible(css(`#week .wk-block.item`)))
	if err != nil {
		t.Fatalf("week: %v", err)
	}
	layout, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
		const days = [...document.querySelectorAll("#week .wk-day")].map(d => d.getBoundingClientRect());
		return [days.length, days.every(d => Math.abs(d.top - days[0].top) < 2) ? 1 : 0];
	})()`))
	if err != nil || layout[0] != 5 || layout[1] != 1 {
		t.Errorf("week: %v days side by side (%v)", layout, err)
	}
	shot, _ = chromedp.Run(ctx, chromedp.Screenshot(css("#itinerary")))
	shots["workspace-week.png"] = shot
	phone("workspace-week-phone.png", "#week .wk-day:nth-child(2)")

	// The demo's meetings are confirmed: their resources hold their
	// times, so a meeting's move is refused with the reason.
	meeting, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#week .wk-block.item.meeting").dataset.key`))
	if err != nil {
		t.Fatal(err)
	}
	mstart, err := chromedp.Run(ctx, chromedp.Value(css(`#move-`+meeting+`-time`)))
	if err != nil || len(mstart) != 5 {
		t.Fatalf("meeting start %q (%v)", mstart, err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(css(`#move-`+meeting+`-time`), plus(t, mstart, 15)),
		chromedp.Focus(css(`#move-`+meeting+` button[type="submit"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css(`#move-check`)),
	)
	if err != nil {
		t.Fatalf("check a confirmed meeting's move: %v", err)
	}
	if refused, _ := chromedp.Run(ctx, chromedp.Text(css(`#move-check`))); !strings.Contains(refused, "cannot move") {
		t.Errorf("a confirmed meeting's move: %q", refused)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/programs/1/itinerary"), chromedp.WaitVisible(css(`#week .wk-block.item`))); err != nil {
		t.Fatal(err)
	}

	// The keyboard path: the first activity's Move form, 15 minutes later.
	key, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#week .wk-block.item.activity").dataset.key`))
	if err != nil {
		t.Fatal(err)
	}
	start, err := chromedp.Run(ctx, chromedp.Value(css(`#move-`+key+`-time`)))
	if err != nil || len(start) != 5 {
		t.Fatalf("start %q (%v)", start, err)
	}
	later := plus(t, start, 15)
	err = chromedp.Do(ctx,
		chromedp.SetValue(css(`#move-`+key+`-time`), later),
		chromedp.Focus(css(`#move-`+key+` button[type="submit"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css(`#move-check`)),
	)
	if err != nil {
		t.Fatalf("check by keyboard: %v", err)
	}
	explained, _ := chromedp.Run(ctx, chromedp.Text(css(`#move-check`)))
	if !strings.Contains(explained, "Moves the activity to "+later+" C") || !strings.Contains(explained, "inside its window") {
		t.Fatalf("check: %q", explained)
	}
	shot, _ = chromedp.Run(ctx, chromedp.Screenshot(css("main")))
	shots["workspace-move-check.png"] = shot
	err = chromedp.Do(ctx,
		chromedp.Focus(css(`#move-save button[type="submit"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css(`#flash`)),
	)
	if err != nil {
		t.Fatalf("save by keyboard: %v", err)
	}
	flash, _ := chromedp.Run(ctx, chromedp.Text(css(`#flash`)))
	entry, _ := chromedp.Run(ctx, chromedp.Text(css(`#item-`+key)))
	if !strings.HasPrefix(flash, "Itinerary version 3 saved.") || !strings.HasPrefix(strings.TrimSpace(entry), later+"–") {
		t.Errorf("after the keyboard move: flash %q, entry %q", flash, entry)
	}

	// Drag and drop: the art museum, dropped 15 minutes later.
	js := `(() => {
		const items = [...document.querySelectorAll("#week .wk-block.item.activity")];
		const item = items.find(b => b.dataset.key !== "` + key + `" && b.textContent.includes("Art Museum"));
		const grid = item.parentElement, week = document.getElementById("week");
		const rows = +week.dataset.rows, slot = +week.dataset.slot, from = +week.dataset.axisStart;
		const box = grid.getBoundingClientRect(), row = box.height / rows;
		const time = document.getElementById("move-" + item.dataset.key + "-time").value;
		const at = +time.slice(0, 2) * 60 + +time.slice(3) + 15;
		const dt = new DataTransfer();
		const ib = item.getBoundingClientRect();
		item.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt, clientY: ib.top + 1, clientX: ib.left + 5}));
		const y = box.top + ((at - from) / slot) * row + 1;
		grid.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt, clientY: y, clientX: ib.left + 5}));
		grid.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt, clientY: y, clientX: ib.left + 5}));
		return [item.dataset.key, String(Math.floor(at / 60)).padStart(2, "0") + ":" + String(at % 60).padStart(2, "0")];
	})()`
	dropped, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		t.Fatalf("drag: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(css(`#move-check`))); err != nil {
		t.Fatalf("the drop did not open the check: %v", err)
	}
	explained, _ = chromedp.Run(ctx, chromedp.Text(css(`#move-check`)))
	if !strings.Contains(explained, "Moves the activity to "+dropped[1]+" C") {
		t.Fatalf("check after the drop of %v: %q", dropped, explained)
	}
	err = chromedp.Do(ctx, chromedp.Click(css(`#move-save button[type="submit"]`)), chromedp.WaitVisible(css(`#flash`)))
	if err != nil {
		t.Fatalf("save the drop: %v", err)
	}
	flash, _ = chromedp.Run(ctx, chromedp.Text(css(`#flash`)))
	entry, _ = chromedp.Run(ctx, chromedp.Text(css(`#item-`+dropped[0])))
	if !strings.HasPrefix(flash, "Itinerary version 4 saved.") || !strings.HasPrefix(strings.TrimSpace(entry), dropped[1]+"–") {
		t.Errorf("after the drop: flash %q, entry %q", flash, entry)
	}
	// The day view: a day of meetings, larger, with its map.
	err = chromedp.Do(ctx, chromedp.Click(css(`#week .wk-day:nth-child(3) .wk-head a`)), chromedp.WaitVisible(css(`#day-maps`)))
	if err != nil {
		t.Fatalf("day view: %v", err)
	}
	shot, _ = chromedp.Run(ctx, chromedp.Screenshot(css("main")))
	shots["workspace-day.png"] = shot
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}

// plus is a clock time ("09:30") n minutes later.
func plus(t *testing.T, hhmm string, n int) string {
	t.Helper()
	c, err := itinera.ParseClock(hhmm)
	if err != nil {
		t.Fatal(err)
	}
	return (c + itinera.Clock(n)).String()
}
