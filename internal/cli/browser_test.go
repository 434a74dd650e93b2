package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"itinera/internal/demo"
	"itinera/internal/store"
)

// chromium returns the browser for browser tests. They fail, never skip,
// when it is missing: scripts/test.sh installs it and sets ITINERA_CHROMIUM.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("ITINERA_CHROMIUM=%s: %v", path, err)
	}
	return path
}

// mustBrowser starts headless Chromium with a fresh profile.
func mustBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelB(); cancelA() })
	return ctx
}

// signIn opens url, whose page asks to sign in, and signs in with email
// and password. It waits, by RunResponse, until the page the
// sign-in leads to has loaded: acting on the sign-in page while the next
// page replaces it failed now and then with "Could not find node with
// given id".
func signIn(ctx context.Context, t *testing.T, url, email, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), password),
	)
	if err != nil {
		t.Fatalf("sign-in page at %s: %v", url, err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`input[name="password"]`))); err != nil {
		t.Fatalf("sign in at %s: %v", url, err)
	}
}

// TestBrowserDemo signs in to the demo in Chromium, opens the seed program
// and checks that its visitors and meetings are shown. With
// ITINERA_SCREENSHOTS=DIR it saves what it saw there as PNG files.
func TestBrowserDemo(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	dir := t.TempDir()
	base, _ := mustServe(t, env, "demo", "--data", dir, "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	signIn(ctx, t, base+"/programs", DemoEmail, "browser-test-password")
	err := chromedp.Do(ctx,
		// Signing in returns to the page asked for: the programs list.
		chromedp.WaitVisible(chromedp.Search(`//main//a[contains(., "`+demo.ProgramTitle()+`")]`)),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	programs, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	shotPrograms, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(programs, demo.ProgramTitle()) {
		t.Fatalf("programs page does not list %q:\n%s", demo.ProgramTitle(), programs)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//main//a[contains(., "`+demo.ProgramTitle()+`")]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "`+demo.ProgramTitle()+`")]`)),
	)
	if err != nil {
		t.Fatalf("open program: %v", err)
	}
	shotProgram, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	// The delegation and the candidates are sections of the program.
	var program string
	for _, tab := range []string{"#tab-delegation", "#tab-candidates"} {
		if err := chromedp.Do(ctx, chromedp.Click(css(tab)), chromedp.WaitVisible(css(tab+`[aria-current="page"]`))); err != nil {
			t.Fatalf("open %s: %v", tab, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
		if err != nil {
			t.Fatal(err)
		}
		program += text
	}
	want := []string{"Rumi Price", "Shima Rostami", "St. Louis Post-Dispatch", "Healing Action Network", "Gateway Arch"}
	want = append(want, demoVisitorNames(t, dir)...)
	for _, w := range want {
		if !strings.Contains(program, w) {
			t.Errorf("program page does not show %q", w)
		}
	}
	// On a phone the page reflows: nothing is wider than the screen.
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	if err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Error("the program page is wider than a phone screen")
	}
	shotPhone, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}

	// Build the itinerary: the engine's proposal keeps the sent items.
	err = chromedp.Do(ctx,
		chromedp.Click(css(`#tab-itinerary`)),
		chromedp.WaitVisible(css(`#build-itinerary`)),
		chromedp.Click(css(`#build-itinerary`)),
		chromedp.WaitVisible(css(`#plan-summary`)),
	)
	if err != nil {
		t.Fatalf("open the itinerary builder: %v", err)
	}
	summary, err := chromedp.Run(ctx, chromedp.Text(css(`#plan-summary`)))
	if err != nil {
		t.Fatal(err)
	}
	// Building for the whole delegation would undo Tuesday's sub-groups: the
	// two meetings only a sub-group attends drop.
	if !strings.Contains(summary, "0 moved, 2 dropped") {
		t.Errorf("itinerary builder summary %q", summary)
	}
	shotPlan, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range map[string][]byte{"programs.png": shotPrograms, "program.png": shotProgram, "plan.png": shotPlan, "program-phone.png": shotPhone} {
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}

// demoVisitorNames reads the demo program's visitors from its database.
func demoVisitorNames(t *testing.T, dir string) []string {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: "sqlite:" + filepath.Join(dir, "itinera.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tenant, err := s.TenantBySlug(ctx, demo.Tenant().Slug)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.Programs(ctx, tenant.ID)
	// The demo program, upcoming, first; its two earlier programs after
	// it (demo.LoadHistory).
	if err != nil || len(ps) != 3 || ps[0].Title != demo.ProgramTitle() {
		t.Fatalf("demo programs: %v %d", err, len(ps))
	}
	vs, err := s.Visitors(ctx, tenant.ID, ps[0].ID)
	if err != nil || len(vs) != 9 {
		t.Fatalf("demo visitors: %v %d", err, len(vs))
	}
	var names []string
	for _, v := range vs {
		names = append(names, v.FamilyName)
	}
	return names
}
