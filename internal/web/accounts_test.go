package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

var resetPathRE = regexp.MustCompile(`/password/reset/[A-Za-z0-9_-]{43}`)

// resetPathFor is the path of the newest reset link e-mailed to email, as
// the recipient reads it in the outbox message the worker would send.
func (e *env) resetPathFor(t *testing.T, tenant int64, email string) string {
	t.Helper()
	msgs, err := e.store.OutboxMessages(ctx, tenant, itinera.OutboxFilter{Limit: 100})
	must(t, err)
	for _, m := range msgs {
		if strings.Contains(m.To, email) && strings.Contains(m.Subject, "new password") {
			if p := resetPathRE.FindString(m.TextBody); p != "" {
				return p
			}
		}
	}
	t.Fatalf("no reset letter to %s", email)
	return ""
}

// TestForgotPassword: "Forgot your password?" on the sign-in page; the
// same answer for a known and an unknown address; the e-mailed link's
// page sets a new password under the rules, once; other sessions end;
// nobody sees the link in the outbox, not even an administrator.
func TestForgotPassword(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		anon := e.client()
		_, doc := anon.page("/login", http.StatusOK)
		if href := doc.one(t, "a#forgot-password").attr("href"); href != forgotPath {
			t.Fatalf("forgot link to %q", href)
		}
		_, doc = anon.page(forgotPath, http.StatusOK)
		doc.one(t, "form#record-form input#f-email[type=email]")

		answers := map[string]string{}
		for _, email := range []string{e.a.officer.Email, "nobody@alpha.example.org"} {
			c := e.client()
			res, _ := c.postRaw(forgotPath, url.Values{"email": {email}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
				t.Fatalf("%s: %d to %q", email, res.StatusCode, res.Header.Get("Location"))
			}
			answers[email] = c.follow(res).one(t, "#flash").Text()
		}
		if answers[e.a.officer.Email] != answers["nobody@alpha.example.org"] || !strings.Contains(answers[e.a.officer.Email], "If an account uses that address") {
			t.Errorf("answers differ or say too much: %q", answers)
		}
		res, body := anon.postRaw(forgotPath, url.Values{"email": {"not an address"}})
		wantFieldMessage(t, "malformed address", res, body, "#f-email-error")
		for what, v := range badText {
			res, body := e.client().postRaw(forgotPath, url.Values{"email": {v + "@alpha.example.org"}})
			wantFieldMessage(t, "address with "+what, res, body, "#f-email-error")
		}

		// Another browser of the officer, which the reset signs out.
		other := e.signIn(e.a.officer)
		link := e.resetPathFor(t, e.a.tenant.ID, e.a.officer.Email)

		admin := e.signIn(e.a.admin)
		_, box := admin.page("/outbox", http.StatusOK)
		if strings.Contains(box.Text(), link) {
			t.Error("the outbox list shows the reset link")
		}
		msgs, err := e.store.OutboxMessages(ctx, e.a.tenant.ID, itinera.OutboxFilter{Limit: 1})
		must(t, err)
		if _, page := admin.get("/outbox/" + itoa(msgs[0].ID)); strings.Contains(page, link) || !strings.Contains(page, "/password/reset/…") {
			t.Error("an administrator can read the reset link in the outbox")
		}

		_, doc = anon.page(link, http.StatusOK)
		if !strings.Contains(doc.one(t, "main").Text(), e.a.officer.Email) {
			t.Error("the page does not say whose password")
		}
		doc.one(t, "input#f-new_password[type=password][autocomplete=new-password]")
		res, body = anon.postRaw(link, url.Values{"new_password": {"lanterns over the river"}, "new_password_again": {"lanterns over the rivers"}})
		wantFieldMessage(t, "different passwords", res, body, "#f-new_password_again-error")
		res, body = anon.postRaw(link, url.Values{"new_password": {"password1234"}, "new_password_again": {"password1234"}})
		wantFieldMessage(t, "weak password", res, body, "#f-new_password-error")
		for what, v := range badText {
			res, body := anon.postRaw(link, url.Values{"new_password": {"lanterns " + v}, "new_password_again": {"lanterns " + v}})
			wantFieldMessage(t, "password with "+what, res, body, "#f-new_password-error")
		}
		const mine = "lanterns over the mississippi"
		res, _ = anon.postRaw(link, url.Values{"new_password": {mine}, "new_password_again": {mine}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
			t.Fatalf("reset: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		if !strings.Contains(anon.follow(res).one(t, "#flash").Text(), "signed out") {
			t.Error("no word of the other browsers")
		}
		if res, _ := other.get("/programs"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the other browser is still signed in: %d", res.StatusCode)
		}
		if _, code := e.signInWith(e.a.officer.Email, mine); code != http.StatusSeeOther {
			t.Errorf("sign-in with the new password: %d", code)
		}
		if _, code := e.signInWith(e.a.officer.Email, password); code != http.StatusUnauthorized {
			t.Errorf("sign-in with the old password: %d", code)
		}
		res, body = anon.get(link)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "expired or was already used") {
			t.Errorf("a used link: %d", res.StatusCode)
		}
		if res, _ := anon.postRaw(link, url.Values{"new_password": {mine + "s"}, "new_password_again": {mine + "s"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("a used link, posted: %d", res.StatusCode)
		}
	})
}

// TestForgotPasswordIsLimited: the sign-in page's reset is limited per
// address typed, known or not.
func TestForgotPasswordIsLimited(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.client()
	for _, email := range []string{e.a.viewer.Email, "nobody@alpha.example.org"} {
		for range 3 {
			if res, _ := c.postRaw(forgotPath, url.Values{"email": {email}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: %d", email, res.StatusCode)
			}
		}
		res, body := c.postRaw(forgotPath, url.Values{"email": {email}})
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many requests") {
			t.Errorf("%s, fourth time: %d", email, res.StatusCode)
		}
	}
}

// TestAccountPage: users name themselves, see their last sign-in in the
// organization's zone, and choose the daily digest.
func TestAccountPage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	first := e.signIn(e.a.officer)
	_, doc := first.page("/programs", http.StatusOK)
	if href := doc.one(t, "header a#account-link").attr("href"); href != "/account" {
		t.Fatalf("header link to %q", href)
	}
	c := e.client()
	res, _ := c.postRaw("/login", url.Values{"email": {e.a.officer.Email}, "password": {password}})
	doc = c.follow(res)
	// storetest.Clock, 15:00 UTC, is 09:00 in Chicago.
	if got := doc.one(t, "#flash").Text(); got != "Welcome back. You last signed in Monday 2 November 09:00 CST." {
		t.Errorf("flash %q", got)
	}
	c.csrf = doc.one(t, "form[action=\"/logout\"] input[name=csrf_token]").attr("value")
	_, doc = c.page("/account", http.StatusOK)
	if got := doc.one(t, "#last-sign-in").Text(); got != "Monday 2 November 09:00 CST" {
		t.Errorf("last sign-in %q", got)
	}
	if got := doc.one(t, "#account-email").Text(); got != e.a.officer.Email {
		t.Errorf("e-mail %q", got)
	}
	form := doc.one(t, "form#name-form")
	v := form.formValues()
	v.Set("name", "Jordan Lee")
	res, _ = c.post("/account", v)
	doc = c.follow(res)
	if got := doc.one(t, "header a#account-link").Text(); !strings.Contains(got, "Jordan Lee") {
		t.Errorf("header after the change: %q", got)
	}
	// The old form is stale now.
	res, body := c.post("/account", v)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "changed meanwhile") {
		t.Errorf("stale name form: %d", res.StatusCode)
	}
	v.Set("name", strings.Repeat("n", 300))
	v.Set("version", doc.one(t, "form#name-form input[name=version]").attr("value"))
	res, body = c.post("/account", v)
	wantFieldMessage(t, "long name", res, body, "#f-name-error")

	res, _ = c.post("/account/digest", url.Values{"daily_digest": {"on"}})
	doc = c.follow(res)
	if !doc.has("input#f-daily_digest[checked]") {
		t.Error("the digest is not ticked")
	}
	u, err := e.store.User(ctx, e.a.tenant.ID, e.a.officer.ID)
	must(t, err)
	if !u.DailyDigest || u.Name != "Jordan Lee" || u.Role != itinera.RoleOfficer {
		t.Errorf("stored %+v", u)
	}
	res, _ = c.post("/account/digest", url.Values{})
	if doc = c.follow(res); doc.has("input#f-daily_digest[checked]") {
		t.Error("the digest is still ticked")
	}
}

// TestTokensPage: administrators make API tokens for users of their
// organization with an access level, see the secret once, list tokens
// without secrets, and never reach another organization's users.
func TestTokensPage(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.admin)
	_, doc := c.page("/admin/tokens", http.StatusOK)
	if doc.has("#new-token") {
		t.Error("a secret on the list")
	}
	owners := doc.all("select#f-user_id option")
	if len(owners) != 3 {
		t.Errorf("%d owners offered, want alpha's 3 users", len(owners))
	}
	res, body := c.post("/admin/tokens", url.Values{"name": {"Reports"}, "user_id": {itoa(e.a.officer.ID)}, "access": {"read"}})
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	doc = parseHTML(t, body)
	secret := doc.one(t, "#new-token input#token-secret").attr("value")
	if !auth.WellFormedToken(secret) {
		t.Fatalf("secret %q", secret)
	}
	u, err := e.ui.app.AuthenticateToken(ctx, auth.HashToken(secret))
	must(t, err)
	if u.ID != e.a.officer.ID || u.Role != itinera.RoleViewer {
		t.Errorf("the token acts as %d %s", u.ID, u.Role)
	}
	_, body = c.get("/admin/tokens")
	if strings.Contains(body, secret) {
		t.Error("the secret is shown again")
	}
	row := parseHTML(t, body).one(t, "#token-list tbody tr")
	if txt := row.Text(); !strings.Contains(txt, "Reports") || !strings.Contains(txt, "read only") || !strings.Contains(txt, e.a.officer.Email) ||
		!strings.Contains(txt, "CST") {
		t.Errorf("row %q", txt)
	}
	res, body = c.post("/admin/tokens", url.Values{"name": {"Odd"}, "user_id": {itoa(e.a.officer.ID)}, "access": {"admin"}})
	wantFieldMessage(t, "unknown access", res, body, "#f-access-error")
	res, body = c.post("/admin/tokens", url.Values{"name": {"x"}, "user_id": {"abc"}, "access": {"full"}})
	wantFieldMessage(t, "no owner", res, body, "#f-user_id-error")
	// Another organization's user: not found, and no token made.
	before, err := e.store.APITokens(ctx, e.b.tenant.ID)
	must(t, err)
	if res, _ := c.post("/admin/tokens", url.Values{"name": {"x"}, "user_id": {itoa(e.b.officer.ID)}, "access": {"full"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("token for beta's officer: %d", res.StatusCode)
	}
	if after, _ := e.store.APITokens(ctx, e.b.tenant.ID); len(after) != len(before) {
		t.Error("a token was made in another organization")
	}
}

// TestBell: the header's bell counts the notifications new to the user,
// lists them with links, and marks them read; another organization's
// users see none of them.
func TestBell(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	_, doc := c.page("/programs", http.StatusOK)
	if doc.has("#bell-count") {
		t.Fatalf("a count before anything happened: %q", doc.one(t, "#bell-count").Text())
	}
	doc.one(t, "details#bell summary")

	// A message to a resource fails for good.
	claimed, err := e.store.ClaimDue(ctx, storetest.Now().Add(time.Hour), time.Minute, 100)
	must(t, err)
	for _, m := range claimed {
		if m.ID == e.a.outbox.ID {
			must(t, e.store.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: storetest.Now().Add(-time.Minute), Reason: "no such mailbox", Permanent: true}))
		}
	}
	_, doc = c.page("/programs", http.StatusOK)
	if got := doc.one(t, "#bell-count").Text(); got != "1 new" {
		t.Errorf("count %q", got)
	}
	summary := doc.one(t, "details#bell summary").Text()
	if !strings.Contains(summary, "Notifications") {
		t.Errorf("the bell is not labelled: %q", summary)
	}
	item := doc.one(t, "details#bell li.new a")
	if item.attr("href") != "/outbox/"+itoa(e.a.outbox.ID) || !strings.Contains(item.Text(), "could not be delivered") {
		t.Errorf("item %q → %s", item.Text(), item.attr("href"))
	}
	if !strings.Contains(doc.one(t, "details#bell li.new time").Text(), "CST") {
		t.Error("the time does not say its zone")
	}
	_, page := c.page("/notifications", http.StatusOK)
	page.one(t, "#alert-list li.new a[href=\"/outbox/"+itoa(e.a.outbox.ID)+"\"]")

	// Beta sees nothing of alpha's.
	for _, u := range []itinera.User{e.b.officer, e.b.admin} {
		_, bdoc := e.signIn(u).page("/notifications", http.StatusOK)
		bdoc.one(t, "#alerts-empty")
	}

	form := doc.one(t, "details#bell form[action=\"/notifications/read\"]")
	res, _ := c.post("/notifications/read", form.formValues())
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programs" {
		t.Fatalf("mark read: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	doc = c.follow(res)
	if doc.has("#bell-count") || doc.has("details#bell li.new") {
		t.Error("still new after marking read")
	}
	doc.one(t, "details#bell li a[href=\"/outbox/"+itoa(e.a.outbox.ID)+"\"]")
	if res, _ := c.post("/notifications/read", url.Values{"up_to": {"yesterday"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bad up_to: %d", res.StatusCode)
	}
}

// TestBellSeesMailAtOnce: the bell is kept in memory between pages, yet a
// message that fails for good (not an audited change) shows in it on the
// very next page, and leaves it as soon as it is sent again; a received
// message no one could tie to a request shows at once too.
func TestBellSeesMailAtOnce(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	for range 2 { // the second page is answered from the kept bell
		if _, doc := c.page("/programs", http.StatusOK); doc.has("#bell-count") {
			t.Fatalf("a count before anything happened: %q", doc.one(t, "#bell-count").Text())
		}
	}
	claimed, err := e.store.ClaimDue(ctx, storetest.Now().Add(time.Hour), time.Minute, 100)
	must(t, err)
	for _, m := range claimed {
		if m.ID == e.a.outbox.ID {
			must(t, e.store.MarkFailed(ctx, m.ID, itinera.OutboxFailure{At: storetest.Now().Add(-time.Minute), Reason: "no such mailbox", Permanent: true}))
		}
	}
	_, doc := c.page("/programs", http.StatusOK)
	if got := doc.one(t, "#bell-count").Text(); got != "1 new" {
		t.Fatalf("right after the failure: count %q", got)
	}
	doc.one(t, "details#bell li.new a[href=\"/outbox/"+itoa(e.a.outbox.ID)+"\"]")

	must(t, e.store.RetryOutboxMessage(ctx, e.a.tenant.ID, e.a.outbox.ID))
	if _, doc = c.page("/programs", http.StatusOK); doc.has("#bell-count") {
		t.Errorf("the message sent again is still in the bell: %q", doc.one(t, "#bell-count").Text())
	}

	in := itinera.InboundMessage{TenantID: e.a.tenant.ID, MessageID: "<stray-1@example.org>", ReceivedAt: storetest.Now().Add(-time.Minute),
		From: "someone@example.org", Subject: "About the visit", Kind: itinera.InboundMail}
	must(t, e.store.RecordInbound(ctx, &in))
	if _, doc = c.page("/programs", http.StatusOK); !doc.has("#bell-count") {
		t.Error("a received message no one tied is not in the bell at once")
	}
}
