package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/store"
)

// TestBrowserPasswordReset: in Chromium, the demo officer forgets their
// password, asks for a link on the sign-in page, opens the link read from
// the outbox message, chooses a new password and signs in with it; then
// opens the notifications bell by keyboard and makes an API token on the
// tokens page, whose secret is shown once. With ITINERA_SCREENSHOTS=DIR it
// saves the reset page, the bell and the tokens page, desktop and phone.
func TestBrowserPasswordReset(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ITINERA_DEMO_PASSWORD": "browser-test-password"}
	dir := t.TempDir()
	base, _ := mustServe(t, env, "demo", "--data", dir, "--addr", "127.0.0.1:0")
	ctx := mustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	shots := map[string][]byte{}
	shoot := func(name string, full bool) {
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
	phone := func(on bool) {
		t.Helper()
		var err error
		if on {
			err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
		} else {
			err = chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	fits := func(what string) {
		t.Helper()
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if wide {
			t.Errorf("%s is wider than a phone", what)
		}
	}

	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.Click(css(`#forgot-password`)),
		chromedp.WaitVisible(css(`#f-email`)),
		chromedp.SendKeys(css(`#f-email`), DemoEmail),
		chromedp.Submit(css(`#f-email`)),
		chromedp.WaitVisible(css(`#flash`)),
	)
	if err != nil {
		t.Fatalf("ask for a link: %v", err)
	}
	flash, err := chromedp.Run(ctx, chromedp.Text(css(`#flash`)))
	if err != nil || !strings.Contains(flash, "If an account uses that address") {
		t.Fatalf("answer %q, %v", flash, err)
	}

	// The link, as the officer reads it in the e-mail the outbox holds.
	s, err := store.Open(context.Background(), store.Options{URL: "sqlite:" + filepath.Join(dir, "itinera.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tenant, err := s.TenantBySlug(context.Background(), demo.Tenant().Slug)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.OutboxMessages(context.Background(), tenant.ID, itinera.OutboxFilter{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	var letter itinera.OutboxMessage
	for _, m := range msgs {
		if strings.Contains(m.To, DemoEmail) && strings.Contains(m.Subject, "new password") {
			letter = m
		}
	}
	link := regexp.MustCompile(`https?://[^/\s]+(/password/reset/[A-Za-z0-9_-]{43})`).FindStringSubmatch(letter.TextBody)
	if link == nil {
		t.Fatalf("no reset link in:\n%s", letter.TextBody)
	}

	const mine = "lanterns over the mississippi"
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+link[1]),
		chromedp.WaitVisible(css(`#f-new_password`)),
	)
	if err != nil {
		t.Fatalf("open the link: %v", err)
	}
	shoot("password-reset.png", false)
	phone(true)
	fits("the reset page")
	shoot("password-reset-phone.png", false)
	phone(false)
	// The answer redirects to the sign-in page. RunResponse waits until
	// that page has loaded: acting on the form's page while the redirect
	// replaces it failed now and then with "Could not find node with
	// given id".
	resp, err := chromedp.RunResponse(ctx,
		chromedp.SendKeys(css(`#f-new_password`), mine),
		chromedp.SendKeys(css(`#f-new_password_again`), mine),
		chromedp.Submit(css(`#f-new_password`)),
	)
	if err != nil {
		t.Fatalf("set the new password: %v", err)
	}
	if !strings.HasSuffix(resp.URL, "/login") {
		t.Fatalf("after the new password: %s, not the sign-in page", resp.URL)
	}
	signIn(ctx, t, base+"/login", DemoEmail, mine)
	err = chromedp.Do(ctx, chromedp.WaitVisible(css(`#bell-button`)))
	if err != nil {
		t.Fatalf("sign in with the new password: %v", err)
	}

	// Something for the bell: the reset letter could not be delivered.
	claimed, err := s.ClaimDue(context.Background(), time.Now().Add(time.Hour), time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range claimed {
		f := itinera.OutboxFailure{At: time.Now(), Reason: "Mailbox unavailable", NextAttempt: time.Now()}
		if m.ID == letter.ID {
			f.Permanent = true
		}
		if err := s.MarkFailed(context.Background(), m.ID, f); err != nil {
			t.Fatal(err)
		}
	}
	openBell := func() {
		t.Helper()
		// By keyboard: focus the bell and press Enter.
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/programs"),
			chromedp.WaitVisible(css(`#bell-button`)),
			chromedp.Focus(css(`#bell-button`)),
			chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(css(`#bell .bell-panel`)),
		)
		if err != nil {
			t.Fatalf("open the bell: %v", err)
		}
	}
	openBell()
	panel, err := chromedp.Run(ctx, chromedp.Text(css(`#bell .bell-panel`)))
	if err != nil || !strings.Contains(panel, "could not be delivered") {
		t.Errorf("bell %q, %v", panel, err)
	}
	count, err := chromedp.Run(ctx, chromedp.Text(css(`#bell-count`)))
	if err != nil || !strings.Contains(count, "new") {
		t.Errorf("count %q, %v", count, err)
	}
	shoot("bell.png", false)
	phone(true)
	openBell()
	fits("the open bell")
	shoot("bell-phone.png", false)
	phone(false)

	// An API token, made in the page and shown once.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/tokens"),
		chromedp.WaitVisible(css(`#token-form`)),
		chromedp.SendKeys(css(`#f-name`), "Calendar sync"),
		chromedp.SetValue(css(`#f-access`), "read"),
		chromedp.Submit(css(`#f-name`)),
		chromedp.WaitVisible(css(`#token-secret`)),
	)
	if err != nil {
		t.Fatalf("make a token: %v", err)
	}
	secret, err := chromedp.Run(ctx, chromedp.Value(css(`#token-secret`)))
	if err != nil || len(secret) != 43 {
		t.Errorf("secret %q, %v", secret, err)
	}
	shoot("tokens.png", true)
	phone(true)
	fits("the tokens page")
	shoot("tokens-phone.png", false)
	phone(false)

	// The account page says when they last signed in (before this one).
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/account"), chromedp.WaitVisible(css(`#last-sign-in`)))
	if err != nil {
		t.Fatalf("account page: %v", err)
	}
	last, err := chromedp.Run(ctx, chromedp.Text(css(`#last-sign-in`)))
	if err != nil || !strings.Contains(last, "first recorded sign-in") {
		t.Errorf("last sign-in %q, %v", last, err)
	}
	shoot("account.png", false)
	phone(true)
	fits("the account page")
	phone(false)

	if dir := os.Getenv("ITINERA_SCREENSHOTS"); dir != "" {
		for name, png := range shots {
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
