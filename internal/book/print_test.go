package book_test

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/pdf"
)

// chromium is the Chromium of ITINERA_CHROMIUM.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the PDF tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	return path
}

// mustPrinter is a PDF printer on the Chromium of ITINERA_CHROMIUM.
func mustPrinter(t *testing.T) *pdf.Printer {
	t.Helper()
	p, err := pdf.New(pdf.Config{Chromium: chromium(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// pdfText is the text of a PDF as pdftotext reads it, with every run of
// white space one space, and its number of pages.
func pdfText(t *testing.T, file string) (string, int) {
	t.Helper()
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; scripts/test.sh installs it): %v", err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return strings.Join(strings.Fields(string(out)), " "), pages
}

// pdfFonts lists the fonts a PDF embeds, by the names their descriptors
// give without the subset's prefix ("NotoSansDevanagari-Regular").
// (pdffonts prints "[none]" for the Type 3 fonts Chromium makes of fonts
// with CFF outlines, such as Noto Sans CJK; their descriptors name them.)
func pdfFonts(t *testing.T, file string) []string {
	t.Helper()
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var fonts []string
	for _, m := range regexp.MustCompile(`/FontName\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)`).FindAllSubmatch(doc, -1) {
		fonts = append(fonts, string(m[1]))
	}
	return fonts
}

// mustBrowser starts headless Chromium to lay books out in, with a fresh
// profile.
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
		chromedp.Flag("font-render-hinting", "none"),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return bctx
}

// pageWidth is the width in CSS pixels between the margins of the paper
// internal/book lays books out for (16 mm each side, render.go).
func pageWidth(paper string) int64 {
	mm := 215.9 // US Letter
	if paper == itinera.PaperA4 {
		mm = 210
	}
	return int64(math.Floor((mm - 2*16) / 25.4 * 96))
}

// overflowJS lists what sticks out in a laid-out page: an element whose
// content is wider than its box (what a printed page clips, or draws over
// its neighbour), or whose box reaches past the page's width. What the
// maps draw inside their SVG and the text only screen readers read are
// left out. (Heights are
// not compared: a heading's glyphs are taller than its line height in
// most fonts, and the page breaks wherever the content ends.)
const overflowJS = `(() => {
  const W = document.documentElement.clientWidth, out = [];
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().replace(/\s+/g, ".") : "");
  const text = el => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 70);
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".sr-only") || el.parentElement.closest("svg") || getComputedStyle(el).display === "none") continue;
    const r = el.getBoundingClientRect();
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      out.push(name(el) + " is " + el.scrollWidth + " px wide in " + el.clientWidth + ": " + text(el));
    if (r.width > 0 && (r.left < -1 || r.right > W + 1))
      out.push(name(el) + " spans " + Math.round(r.left) + "–" + Math.round(r.right) + " px of the page's " + W + ": " + text(el));
  }
  if (document.documentElement.scrollWidth > W + 1) out.push("the page is " + document.documentElement.scrollWidth + " px wide in " + W);
  return out;
})()`

// overflows lays html out in a tab of browser, as media ("print" or
// "screen") width CSS pixels wide, and returns what sticks out
// (overflowJS).
func overflows(t *testing.T, browser context.Context, html []byte, media string, width int64) []string {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 30*time.Second)
	defer cancelT()
	err := chromedp.Do(tab,
		chromedp.Navigate("about:blank"),
		chromedp.EmulateViewport(width, 1000),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
				return err
			}
			tree, err := cdp.Call(ctx, tg, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = cdp.Call(ctx, tg, page.SetDocumentContent,
				page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
			return err
		}),
	)
	if err != nil {
		t.Fatalf("laying the book out: %v", err)
	}
	out, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`document.fonts.ready.then(() => `+overflowJS+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("measuring the book: %v", err)
	}
	return out
}

// save writes a book's PDF to a file of the test's, and to
// ITINERA_SCREENSHOTS when set.
func save(t *testing.T, name string, doc []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return file
}
