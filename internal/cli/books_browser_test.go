package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"itinera/internal/demo"
)

// TestBrowserBooks: in the demo served with Chromium for PDF, the program
// page's "Books and sheets" opens the delegation book, a standalone page
// with the program's days, drawn maps and a link to its PDF, which the
// server prints; the book fits a 390 px phone. The settings say how
// delegations travel. With ITINERA_SCREENSHOTS=DIR it saves the book, the
// books section and the travel settings, on a desktop and a phone.
func TestBrowserBooks(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password", "ITINERA_CHROMIUM": chromium(t)}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	shots := map[string][]byte{}
	// shoot saves what the window shows from the element sel on, on a
	// desktop or a phone.
	shoot := func(name, sel string, phone bool) {
		t.Helper()
		if phone {
			must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2))))
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`))
			if err != nil || wide {
				t.Errorf("%s is wider than a 390 px phone (%v)", name, err)
			}
		}
		must(t, chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("`+sel+`").scrollIntoView()`)))
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		must(t, err)
		shots[name] = png
		if phone {
			must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
		}
	}
	signIn(ctx, t, base+"/programs", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.Search(`//main//a[contains(., "`+demo.ProgramTitle()+`")]`)),
		chromedp.Click(chromedp.Search(`//main//a[contains(., "`+demo.ProgramTitle()+`")]`)),
		chromedp.WaitVisible(css(`#tab-books`)),
	)
	if err != nil {
		t.Fatalf("program page: %v", err)
	}
	programPath, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	must(t, err)
	err = chromedp.Do(ctx, chromedp.Click(css(`#tab-books`)), chromedp.WaitVisible(css(`#books`)), chromedp.ScrollIntoView(css(`#books`)))
	if err != nil {
		t.Fatalf("book & releases: %v", err)
	}
	section, err := chromedp.Run(ctx, chromedp.Screenshot(css(`#books`)))
	must(t, err)
	shots["books-section.png"] = section
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(css(`#books a[href$="audience=delegation&format=pdf"]`), "href"))
	pdfLink := attr.Value
	if err != nil || pdfLink == "" {
		t.Fatalf("no PDF link of the delegation book: %v", err)
	}
	// The PDF, fetched as the signed-in officer.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("`+pdfLink+`").then(async r => r.status + " " + r.headers.get("Content-Type") + " " + (await r.arrayBuffer()).byteLength)`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(got, "200 application/pdf ") {
		t.Fatalf("the delegation book's PDF: %q %v", got, err)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(css(`#book-delegation`)),
		chromedp.WaitVisible(css(`body.book h1`)),
	)
	if err != nil {
		t.Fatalf("delegation book: %v", err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("section.day").length`))
	if err != nil || n != 5 {
		t.Errorf("the book shows %d days, want the demo's 5 (%v)", n, err)
	}
	maps, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.map svg .mark").length`))
	if err != nil || maps < 5 {
		t.Errorf("the book's maps draw %d stops (%v)", maps, err)
	}
	shoot("book.png", "section.day ~ section.day ~ section.day", false)
	shoot("book-phone.png", "section.day ~ section.day ~ section.day", true)

	// Everyone's package: the page lists who receives what; sending
	// prints the books and opens the outbox.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+programPath+"/distribute"),
		chromedp.WaitVisible(css(`#distribute-form`)),
	)
	if err != nil {
		t.Fatalf("distribution page: %v", err)
	}
	parcels, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#distribute-form input[name=send]:checked").length`))
	if err != nil || parcels != 10 {
		t.Errorf("%d packages ticked, want the demo's 9 visitors and its interpreter (%v)", parcels, err)
	}
	shoot("distribute.png", "h1", false)
	shoot("distribute-phone.png", "h1", true)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(css(`#f-note`), "Welcome to St. Louis!"),
		chromedp.Click(css(`#distribute-send`)),
		chromedp.WaitVisible(css(`#flash`)),
	)
	if err != nil {
		t.Fatalf("sending the packages: %v", err)
	}
	flash, err := chromedp.Run(ctx, chromedp.Text(css(`#flash`)))
	if err != nil || !strings.Contains(flash, "10 packages are in the Outbox") {
		t.Errorf("after sending: %q (%v)", flash, err)
	}

	// The first release: everyone is told the whole program.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+programPath+"/release"),
		chromedp.WaitVisible(css(`#release-form`)),
	)
	if err != nil {
		t.Fatalf("release page: %v", err)
	}
	shoot("release.png", "h1", false)
	shoot("release-phone.png", "h1", true)
	err = chromedp.Do(ctx, chromedp.Click(css(`#release-send`)), chromedp.WaitVisible(css(`#flash`)))
	if err != nil {
		t.Fatalf("releasing: %v", err)
	}
	flash, err = chromedp.Run(ctx, chromedp.Text(css(`#flash`)))
	if err != nil || !strings.Contains(flash, "is release 1: 10 messages to the Outbox") {
		t.Errorf("after releasing: %q (%v)", flash, err)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/settings"),
		chromedp.WaitVisible(css(`#f-travel_mode`)),
		chromedp.SetValue(css(`#f-travel_mode`), "transit"),
		chromedp.Submit(css(`#f-travel_mode`)),
		chromedp.WaitVisible(css(`#flash`)),
	)
	if err != nil {
		t.Fatalf("travel settings: %v", err)
	}
	mode, err := chromedp.Run(ctx, chromedp.Value(css(`#f-travel_mode`)))
	if err != nil || mode != "transit" {
		t.Errorf("saved travel mode %q (%v)", mode, err)
	}
	shoot("settings-travel.png", "#f-mail_from_address", false)
	shoot("settings-travel-phone.png", "#f-travel_mode", true)

	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}
