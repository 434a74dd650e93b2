// Package pdf prints HTML documents to PDF with headless Chromium, through
// the Chrome DevTools protocol (github.com/chromedp/chromedp). One browser
// is started on first use and kept; each document gets a tab of its own,
// loaded from memory (nothing is fetched: the document must be
// self-contained, as internal/book's are), laid out by its own @page rules
// and printed. Close stops the browser.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrUnavailable says that no Chromium is set up to print with.
var ErrUnavailable = errors.New("pdf: no Chromium to print with")

// Config says which Chromium prints.
type Config struct {
	// Chromium is the browser's executable; empty: the first of
	// chromium, chromium-browser, google-chrome and google-chrome-stable
	// on the PATH.
	Chromium string
	// Timeout bounds one document (default 60 s).
	Timeout time.Duration
	// Parallel is how many documents print at once (default 2).
	Parallel int
}

// Printer prints HTML to PDF. Its zero value is not usable: call New.
type Printer struct {
	path    string
	timeout time.Duration
	slots   chan struct{}

	mu      sync.Mutex
	browser context.Context // nil until first use
	stop    func()
}

// New returns a printer, or ErrUnavailable when no Chromium is found.
// Nothing starts until the first document.
func New(cfg Config) (*Printer, error) {
	path := cfg.Chromium
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		return nil, ErrUnavailable
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	parallel := cfg.Parallel
	if parallel <= 0 {
		parallel = 2
	}
	p := &Printer{path: path, timeout: cfg.Timeout, slots: make(chan struct{}, parallel)}
	if p.timeout == 0 {
		p.timeout = 60 * time.Second
	}
	return p, nil
}

// start starts the browser once.
func (p *Printer) start() (context.Context, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.browser != nil && p.browser.Err() == nil {
		return p.browser, nil
	}
	if p.stop != nil {
		p.stop() // the browser died: start another
	}
	dir, err := os.MkdirTemp("", "itinera-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(p.path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	// Starting the browser with an empty first tab.
	if err := chromedp.Do(bctx); err != nil {
		cancelB()
		cancelA()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pdf: starting %s: %w", p.path, err)
	}
	p.browser = bctx
	p.stop = func() { cancelB(); cancelA(); os.RemoveAll(dir) }
	return bctx, nil
}

// Print lays html out by its own @page rules and returns the PDF.
func (p *Printer) Print(ctx context.Context, html []byte) ([]byte, error) {
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	browser, err := p.start()
	if err != nil {
		return nil, err
	}
	tab, cancelTab := chromedp.NewContext(browser)
	defer cancelTab()
	tab, cancel := context.WithTimeout(tab, p.timeout)
	defer cancel()
	stopWatch := context.AfterFunc(ctx, cancel) // the caller gave up
	defer stopWatch()

	err = chromedp.Do(tab,
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = cdp.Call(ctx, t, page.SetDocumentContent,
				page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
			return err
		}),
	)
	var out []byte
	if err == nil {
		// Fonts load before the layout that is printed.
		_, err = chromedp.Run(tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise))
	}
	if err == nil {
		out, err = chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(),
			chromedp.PDFOutlineAndTagged(), chromedp.PDFStream()))
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("pdf: printing: %w", err)
	}
	return out, nil
}

// Close stops the browser, if it started.
func (p *Printer) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
		p.stop, p.browser = nil, nil
	}
}
