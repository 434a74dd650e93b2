package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// messyRoster is a roster as an agency sends it, saved by Excel as "CSV
// (semicolon-separated)" with a byte-order mark: one row lacks the
// country, one has a mistyped e-mail, one repeats an earlier visitor, and
// a column Itinera does not keep (the arrival flight) is left out.
const messyRoster = "\ufeffParticipant ID;Given name(s);Surname;Nationality;E-mail;Languages;Dietary requirements;Arrival flight\r\n" +
	"IV-01;Zoë;Müller;Germany;zoe.mueller@example.de;German, English;vegetarian;LH 436\r\n" +
	"IV-02;Kofi;Mensah;Ghana;kofi.mensah@example.gh;English, Twi;;DL 123\r\n" +
	"IV-03;Ama;Owusu;;ama.owusu@example.gh;English;halal;DL 123\r\n" +
	"IV-04;Лариса;Иванова;Russia;larisa@example;Russian, English;;SU 100\r\n" +
	"IV-05;Wei;Chen;China;wei.chen@example.cn;Mandarin;no pork;UA 858\r\n" +
	"IV-02;Kofi;Mensah;Ghana;kofi.mensah@example.gh;English;;DL 123\r\n"

// TestBrowserImport: in Chromium, an officer uploads the messy roster,
// checks the columns, sees every bad row explained on the preview, and
// the pages fit a 390 px phone. With ITINERA_SCREENSHOTS set, it saves
// the mapping and preview pages.
func TestBrowserImport(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	dir := t.TempDir()
	base, _ := mustServe(t, env, "demo", "--data", dir, "--addr", "127.0.0.1:0")
	file := filepath.Join(t.TempDir(), "roster.csv")
	must(t, os.WriteFile(file, []byte(messyRoster), 0o600))
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	signIn(ctx, t, base+"/imports/new?kind=visitors&program=1", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(css(`#import-form`)),
		chromedp.SetUploadFiles(css(`#import-file`), []string{file}),
		chromedp.Click(css(`#import-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#mapping-form`)),
	)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	mapped, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#mapping-form select")].map(s => s.value)`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(mapped, ","); got != "external_id,given_name,family_name,country,email,languages,diets," {
		t.Errorf("columns matched as %s", got)
	}
	shots := map[string][]byte{}
	shot := func(name string, full bool) {
		t.Helper()
		var png []byte
		var err error
		if full {
			png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		} else {
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			t.Fatal(err)
		}
		shots[name] = png
	}
	phone := func(name string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))); err != nil {
			t.Fatal(err)
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		  const out = [];
		  for (const el of document.querySelectorAll("body *")) {
		    if (el.closest(".table-wrap, .leaflet-container")) continue; // boxes that clip or scroll their content
		    const r = el.getBoundingClientRect();
		    if (r.width > 0 && r.right > document.documentElement.clientWidth + 1) out.push(el.tagName + "." + el.className);
		  }
		  return out.slice(0, 10);
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(wide) > 0 {
			t.Errorf("%s is wider than a 390 px phone: %v", name, wide)
		}
		shot(name, true)
		if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
			t.Fatal(err)
		}
	}
	shot("import-map.png", true)
	phone("import-map-phone.png")

	err = chromedp.Do(ctx,
		chromedp.Click(css(`#mapping-form button[type=submit]`)),
		chromedp.WaitVisible(css(`table.preview`)),
	)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	refused, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("tr.outcome-refused")].map(r => r.innerText.replace(/\s+/g, " "))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(refused) != 3 || !strings.Contains(refused[0], "Nationality") || !strings.Contains(refused[1], "E-mail") ||
		!strings.Contains(refused[2], "Row 3") {
		t.Errorf("refused rows: %q", refused)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#apply-form").length`)); n != 0 {
		t.Error("a file with refused rows offers to import")
	}
	shot("import-preview.png", true)
	phone("import-preview-phone.png")

	// The upload page, and the program page with its Import buttons, on a phone.
	for _, page := range []struct{ path, wait, name string }{
		{"/imports/new?kind=meetings&program=1", "#import-form", "import-new-phone.png"},
		{"/programs/1/delegation", "#visitors-h", "program-import-phone.png"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page.path), chromedp.WaitVisible(css(page.wait))); err != nil {
			t.Fatal(err)
		}
		phone(page.name)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
