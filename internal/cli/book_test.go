package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"itinera/internal/store"
	"itinera/internal/storetest"
)

// TestBookCommand writes the demo's delegation book as PDF with the
// Chromium of ITINERA_CHROMIUM and as HTML; pdftotext finds the program and
// its page numbers. The release command says what it would send, sends it,
// then has nothing more to release. Wrong use is refused with exit code 2
// and writes nothing.
func TestBookCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	lite := "sqlite:" + filepath.Join(dir, "itinera.db")
	s, err := store.Open(ctx, store.Options{URL: lite})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ensureDemo(ctx, s, storetest.Clock, "http://127.0.0.1:8080"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	env := map[string]string{"ITINERA_DATABASE": lite, "ITINERA_CHROMIUM": chromium(t)}

	out := filepath.Join(dir, "book.pdf")
	code, stdout, errs := runCmd(t, env, "", "book", "--program", "1", "--audience", "delegation", "--out", out)
	if code != 0 || !strings.Contains(stdout, "Wrote "+out) {
		t.Fatalf("book: %d %q %q", code, stdout, errs)
	}
	text, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Combating Trafficking in Persons", "Delegation book", "Page 1 of"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	html := filepath.Join(dir, "driver.html")
	if code, _, errs := runCmd(t, env, "", "book", "--program", "1", "--audience", "driver", "--out", html); code != 0 {
		t.Fatalf("book as HTML: %d %q", code, errs)
	}
	if b, err := os.ReadFile(html); err != nil || !strings.Contains(string(b), "Driver sheet") {
		t.Errorf("the HTML sheet: %v", err)
	}

	// The release, said first, then made (without books here).
	code, stdout, errs = runCmd(t, env, "", "release", "--program", "1", "--dry-run")
	if code != 0 || !strings.Contains(stdout, "Releasing itinerary version") || !strings.Contains(stdout, "(visitor-") || !strings.Contains(stdout, "- New: ") {
		t.Fatalf("release --dry-run: %d %q %q", code, stdout, errs)
	}
	code, stdout, errs = runCmd(t, env, "", "release", "--program", "1", "--chromium", "none", "--note", "Welcome!")
	if code != 0 || !strings.Contains(stdout, "is release 1: 10 message(s) queued") {
		t.Fatalf("release: %d %q %q", code, stdout, errs)
	}
	if code, stdout, _ = runCmd(t, env, "", "release", "--program", "1", "--dry-run"); code != 0 || !strings.Contains(stdout, "Nothing can be released") {
		t.Errorf("release --dry-run after the release: %d %q", code, stdout)
	}
	if code, _, errs = runCmd(t, env, "", "release", "--program", "1", "--chromium", "none"); code == 0 || !strings.Contains(errs, "nothing changed") {
		t.Errorf("a second release: %d %q", code, errs)
	}

	for _, args := range [][]string{
		{"book", "--program", "1", "--out", filepath.Join(dir, "book.doc")},
		{"book", "--out", filepath.Join(dir, "x.pdf")},
		{"book", "--program", "1", "--audience", "visitor", "--out", filepath.Join(dir, "y.pdf")},
	} {
		code, _, errs := runCmd(t, env, "", args...)
		if code == 0 || errs == "" {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	for _, f := range []string{"book.doc", "x.pdf", "y.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was written", f)
		}
	}
}
