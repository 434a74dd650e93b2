package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestPagesFitAPhone opens every page in Chromium on a 390 px phone, signed
// in as an administrator (who sees every page), and checks that none is
// wider than the screen: document.documentElement.scrollWidth is at most
// innerWidth. It needs Chromium (ITINERA_CHROMIUM; scripts/test.sh sets
// it) and fails without it.
func TestPagesFitAPhone(t *testing.T) {
	t.Parallel()
	path := os.Getenv("ITINERA_CHROMIUM")
	if path == "" {
		t.Fatal("ITINERA_CHROMIUM is not set: the browser tests need Chromium (scripts/test.sh installs it and sets it)")
	}
	e := mustServe(t, nil)
	mustItinerary(t, e) // the week, the day and the move check with their items
	c := e.signIn(e.a.admin)
	base, err := url.Parse(e.srv.URL)
	must(t, err)
	var session *http.Cookie
	for _, k := range c.http.Jar.Cookies(base) {
		if k.Name == sessionCookie {
			session = k
		}
	}
	if session == nil {
		t.Fatal("no session cookie")
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancel := context.WithTimeout(bctx, 3*time.Minute)
	defer cancel()
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: session.Name, Value: session.Value,
				Domain: base.Hostname(), Path: "/"})
			return err
		}),
	)
	must(t, err)

	n := 0
	for _, rt := range e.ui.routes() {
		if rt.method != http.MethodGet || isDownload(rt) || isLookup(rt) || strings.HasSuffix(rt.pattern, "/file") ||
			strings.HasPrefix(rt.pattern, "/assets/") || strings.Contains(rt.pattern, "{token}") || strings.Contains(rt.pattern, "{slug}") ||
			strings.HasSuffix(rt.pattern, ".csv") || strings.HasSuffix(rt.pattern, ".xlsx") || strings.Contains(rt.pattern, "{kind}") {
			continue
		}
		p := pathFor(rt, e.a)
		if strings.HasSuffix(rt.pattern, "/book") {
			p += "?audience=delegation"
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+p)); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, innerWidth,
			document.querySelector('form[action="/logout"]') || document.body.classList.contains("book") ? 1 : 0]`))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		n++
		if rt.access != public && wide[2] == 0 {
			t.Errorf("%s: not signed in", p)
		}
		if wide[0] > wide[1] {
			t.Errorf("%s is %d px wide on a %d px phone", p, wide[0], wide[1])
		}
	}
	if n < 40 {
		t.Errorf("only %d pages opened", n)
	}
}
