package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestBrowserDemoProject: in the demo, the national agency's officer signs
// in and opens the project: its timeline shows the four stops with no
// route problem and St. Louis's confirmed meetings; St. Louis's officer
// opens the roster the agency shares on the demo program, without having
// typed it. On a desktop and a phone; with ITINERA_SCREENSHOTS=DIR it saves
// demo-project-timeline(-phone).png and demo-shared-roster(-phone).png.
func TestBrowserDemoProject(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	base, _ := mustServe(t, env, "demo", "--data", t.TempDir(), "--addr", "127.0.0.1:0")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	shots := map[string][]byte{}
	look := func(email, page, ready, name, phoneAt string, check func(text string)) {
		ctx := mustBrowser(t)
		must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
		signIn(ctx, t, base+page, email, "browser-test-password")
		err := chromedp.Do(ctx, chromedp.WaitVisible(css(ready)))
		if err != nil {
			t.Fatalf("%s opens %s: %v", email, page, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
		if err != nil {
			t.Fatal(err)
		}
		check(text)
		if shots[name+".png"], err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)), chromedp.Reload(),
			chromedp.WaitVisible(css(ready))); err != nil {
			t.Fatal(err)
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth]`))
		if err != nil || wide[0] > wide[1] {
			t.Errorf("%s on a phone: %v (%v)", page, wide, err)
		}
		// On the phone: the whole page, or the screen at phoneAt.
		shot := chromedp.FullScreenshot(100)
		if phoneAt != "" {
			if err := chromedp.Do(ctx, chromedp.ScrollIntoView(css(phoneAt))); err != nil {
				t.Fatal(err)
			}
			shot = chromedp.CaptureScreenshot()
		}
		if shots[name+"-phone.png"], err = chromedp.Run(ctx, shot); err != nil {
			t.Fatal(err)
		}
	}
	// The demo's first project and first program: the agency's and St. Louis's.
	look(DemoAgencyEmail, "/projects/1", "#timeline", "demo-project-timeline", "#timeline-h", func(text string) {
		for _, want := range []string{demo.ProgramTitle(), "Washington, D.C.", "St. Louis", "Kansas City, Missouri", "Seattle, Washington",
			"travel days and times are consistent", "XE 1375"} {
			if !strings.Contains(text, want) {
				t.Errorf("the agency's project page lacks %q", want)
			}
		}
	})
	look(DemoEmail, "/programs/1/roster", "main table", "demo-shared-roster", "", func(text string) {
		for _, want := range []string{demo.Agency().Name, "Ramírez Ortega", "Beltrán"} {
			if !strings.Contains(text, want) {
				t.Errorf("St. Louis's shared roster lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "DEMO-1001") {
			t.Error("St. Louis sees a passport number")
		}
	})
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			must(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
		}
	}
}

// TestEnsureDemoProject: on both databases the demo loads with the
// agency's project, in one transaction: where the load fails (here the
// agency's short name is taken by a community organization, which cannot
// create projects) nothing is left behind — no program, no organization of
// the project's — and the next start loads it again.
func TestEnsureDemoProject(t *testing.T) {
	t.Parallel()
	dbs := map[string]func() string{
		"sqlite":   func() string { return "sqlite:" + filepath.Join(t.TempDir(), "itinera.db") },
		"postgres": func() string { return storetest.PostgresSchemaURL(t) },
	}
	for name, db := range dbs {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			open := func() *store.Store {
				s, err := store.Open(ctx, store.Options{URL: db()})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				if _, err := s.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return s
			}
			s := open()
			taken := demo.Agency()
			taken.Kind = itinera.TenantCommunity
			must(t, s.CreateTenant(ctx, &taken))
			city, loaded, err := ensureDemo(ctx, s, time.Now(), "http://127.0.0.1:8080")
			if err == nil || loaded {
				t.Fatalf("the demo loaded beside a community organization of the agency's slug: %v", err)
			}
			if ps, err := s.Programs(ctx, city.ID); err != nil || len(ps) != 0 {
				t.Fatalf("a failed load left %d programs (%v)", len(ps), err)
			}
			if _, err := s.TenantBySlug(ctx, "heartland-exchange"); itinera.ErrorCode(err) != itinera.ENOTFOUND {
				t.Fatalf("a failed load left the Kansas City organization: %v", err)
			}

			s = open()
			city, loaded, err = ensureDemo(ctx, s, time.Now(), "http://127.0.0.1:8080")
			if err != nil || !loaded {
				t.Fatalf("the demo: %v %v", loaded, err)
			}
			agency, err := s.TenantBySlug(ctx, demo.Agency().Slug)
			if err != nil || agency.Kind != itinera.TenantAgency {
				t.Fatalf("the agency: %+v %v", agency, err)
			}
			ps, err := s.ProjectsOf(ctx, agency.ID)
			if err != nil || len(ps) != 1 {
				t.Fatalf("the agency's projects: %d %v", len(ps), err)
			}
			stop, err := s.StopOfProgram(ctx, city.ID, 1)
			if err != nil || stop.ProjectID != ps[0].ID || stop.Status != itinera.StopAccepted {
				t.Fatalf("the demo program is not St. Louis's accepted stop: %+v %v", stop, err)
			}
			if _, loaded, err := ensureDemo(ctx, s, time.Now(), "http://127.0.0.1:8080"); err != nil || loaded {
				t.Fatalf("second start: loaded %v, %v", loaded, err)
			}
		})
	}
}
