package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"itinera/internal/demo"
)

// TestBrowserHosting submits the public host sign-up form in Chromium, then
// signs in as the demo officer and opens the matching page of the demo's
// Sunday evening. With ITINERA_SCREENSHOTS=DIR it saves signup.png and
// matching.png there.
func TestBrowserHosting(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	fill := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/host/" + demo.Tenant().Slug), chromedp.WaitVisible(css(`#host-form`))}
	for name, value := range map[string]string{
		"name": "The Ferreira household", "contact_name": "Rosa Ferreira", "email": "rosa.ferreira@example.com",
		"address": "5000 Delmar Blvd, St. Louis, MO 63108", "lat": "38.6556", "lon": "-90.2743",
		"languages": "English, Portuguese", "can_serve": "vegetarian, halal", "free_dates": "",
	} {
		if value != "" {
			fill = append(fill, chromedp.SendKeys(css(`[name="`+name+`"]`), value))
		}
	}
	// Free evenings are ticked on the calendar of the coming weeks.
	fill = append(fill, chromedp.Click(css(`#f-weekday_0`)), chromedp.Click(css(`fieldset#f-free_dates ul.days li:nth-child(3) input`)))
	if err := chromedp.Do(ctx, fill...); err != nil {
		t.Fatalf("fill in the sign-up form: %v", err)
	}
	shotSignUp, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#host-submit`)),
		chromedp.WaitVisible(css(`#signup-done`)),
	)
	if err != nil {
		t.Fatalf("submit the sign-up form: %v", err)
	}
	done, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(done, "The Ferreira household") {
		t.Errorf("confirmation page:\n%s", done)
	}

	signIn(ctx, t, base+"/programs", DemoEmail, "browser-test-password")
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.Search(`//main//a[contains(., "`+demo.ProgramTitle()+`")]`)),
		chromedp.Click(chromedp.Search(`//main//a[contains(., "`+demo.ProgramTitle()+`")]`)),
		chromedp.WaitVisible(css(`#tab-hospitality`)),
		chromedp.Click(css(`#tab-hospitality`)),
		chromedp.WaitVisible(css(`table#evenings tbody a`)),
		chromedp.Click(css(`table#evenings tbody a`)),
		chromedp.WaitVisible(css(`#host-cards`)),
	)
	if err != nil {
		t.Fatalf("open the demo's evening: %v", err)
	}
	page, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Households and their guests", "min from the hotel", "Every rule holds"} {
		if !strings.Contains(page, want) {
			t.Errorf("matching page does not show %q", want)
		}
	}
	guests, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.querySelectorAll("#host-cards li.guest:not(.interpreter)").length + document.querySelectorAll("#unplaced-list li").length`))
	if err != nil {
		t.Fatal(err)
	}
	if guests != 9 {
		t.Errorf("%d visitors placed or explained, want 9", guests)
	}
	shotMatching, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range map[string][]byte{"signup.png": shotSignUp, "matching.png": shotMatching} {
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
