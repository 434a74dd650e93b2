package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestValidationNamesFieldsAndKeepsInput posts wrong forms: the page comes
// back with 422, a message next to every wrong field, a summary linking to
// each, and what the user typed.
func TestValidationNamesFieldsAndKeepsInput(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	a := e.a
	pid := itoa(a.program.ID)
	cases := []struct {
		name   string
		path   string
		form   url.Values
		fields []string
		kept   map[string]string
		says   []string // parts of the messages
	}{
		{name: "program", path: "/programs",
			form: url.Values{"title": {" "}, "city": {"Springfield"}, "time_zone": {"Mars/Base"}, "start_date": {"2026-13-01"},
				"language": {"de"}},
			fields: []string{"title", "time_zone", "start_date", "language"},
			kept:   map[string]string{"city": "Springfield", "time_zone": "Mars/Base", "start_date": "2026-13-01"}},
		{name: "program dates", path: "/programs/" + pid,
			form: url.Values{"title": {"T"}, "city": {"C"}, "time_zone": {"America/Chicago"}, "start_date": {"2026-12-10"},
				"end_date": {"2026-12-01"}},
			fields: []string{"end_date"}, kept: map[string]string{"end_date": "2026-12-01"},
			says: []string{"before the arrival"}},
		{name: "visitor", path: "/programs/" + pid + "/visitors",
			form:   url.Values{"email": {"not-mail"}, "position": {"Judge"}},
			fields: []string{"given_name", "country", "languages", "email"},
			kept:   map[string]string{"position": "Judge", "email": "not-mail"}},
		{name: "interpreter", path: "/interpreters/" + itoa(a.interpreter.ID),
			form: url.Values{"name": {""}, "languages": {"English"}}, fields: []string{"name", "languages"},
			kept: map[string]string{"languages": "English"}},
		{name: "meeting", path: "/programs/" + pid + "/meetings",
			form: url.Values{"title": {"Keep me"}, "duration_minutes": {"5"},
				"windows": {"2026-12-07 09:00-12:00\nMonday morning\n2026-12-20 09:00-10:00\n2026-12-08 14:00-13:00\n2026-12-08 25:00-26:00"}},
			fields: []string{"host_organization_id", "duration_minutes", "windows"},
			kept: map[string]string{"title": "Keep me",
				"windows": "2026-12-07 09:00-12:00\nMonday morning\n2026-12-20 09:00-10:00\n2026-12-08 14:00-13:00\n2026-12-08 25:00-26:00"},
			says: []string{"Line 2", "Line 3", "not a day of the program", "Line 4", "ends (13:00) before it starts", "Line 5", "not a time of day"}},
		{name: "meeting contact elsewhere", path: "/meetings/" + itoa(a.meeting.ID),
			form: url.Values{"title": {"M"}, "host_organization_id": {itoa(a.partner.ID)}, "contact_id": {itoa(a.contact.ID)},
				"duration_minutes": {"60"}},
			fields: []string{"contact_id"}, says: []string{"does not work at the host"}},
		{name: "meeting of another tenant's organization", path: "/programs/" + pid + "/meetings",
			form:   url.Values{"title": {"M"}, "host_organization_id": {itoa(e.b.org.ID)}, "duration_minutes": {"60"}},
			fields: []string{"host_organization_id"}},
		{name: "activity", path: "/programs/" + pid + "/activities",
			form: url.Values{"title": {"Zoo"}, "kind": {"circus"}}, fields: []string{"kind", "duration_minutes"},
			kept: map[string]string{"title": "Zoo"}},
		{name: "organization", path: "/organizations",
			form: url.Values{"website": {"ftp://example.org"}, "phone": {"314"}}, fields: []string{"name", "website"},
			kept: map[string]string{"website": "ftp://example.org", "phone": "314"}},
		{name: "contact", path: "/contacts",
			form: url.Values{"name": {"Dr. X"}}, fields: []string{"organization_id"}, kept: map[string]string{"name": "Dr. X"}},
		{name: "place", path: "/places/" + itoa(a.place.ID),
			form:   url.Values{"name": {""}, "kind": {"site"}, "address": {"1 Main St"}, "lat": {"north"}, "lon": {"200"}},
			fields: []string{"name", "lat", "lon"}, kept: map[string]string{"lat": "north", "lon": "200", "address": "1 Main St"}},
		{name: "day", path: "/programs/" + pid + "/days/2026-12-07",
			form: url.Values{"start": {"10:00"}, "end": {"09:00"}, "lunch_minutes": {"lots"}}, fields: []string{"end", "lunch_minutes"},
			kept: map[string]string{"start": "10:00", "lunch_minutes": "lots"}},
	}
	for _, tc := range cases {
		res, body := c.post(tc.path, tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tc.name, res.StatusCode)
			continue
		}
		doc := parseHTML(t, body)
		summary := doc.one(t, "#errors[role=alert]")
		for _, f := range tc.fields {
			if !doc.has("#f-" + f + "-error") {
				t.Errorf("%s: no message next to %s", tc.name, f)
			}
			if !doc.has("#f-" + f + "[aria-invalid=true]") {
				t.Errorf("%s: %s not marked invalid", tc.name, f)
			}
			if !summary.has("a[href=#f-" + f + "]") {
				t.Errorf("%s: summary does not link to %s", tc.name, f)
			}
			if d := doc.one(t, "#f-"+f).attr("aria-describedby"); !strings.Contains(d, "f-"+f+"-error") {
				t.Errorf("%s: %s not described by its message", tc.name, f)
			}
		}
		for f, want := range tc.kept {
			if got := valueOf(t, doc, "f-"+f); got != want {
				t.Errorf("%s: %s shows %q, want the typed %q", tc.name, f, got, want)
			}
		}
		text := summary.Text()
		for _, s := range tc.says {
			if !strings.Contains(text, s) {
				t.Errorf("%s: messages %q lack %q", tc.name, text, s)
			}
		}
		if !doc.has("input[name=csrf_token]") {
			t.Errorf("%s: re-rendered form lost its CSRF token", tc.name)
		}
	}
	// Nothing was saved.
	if ms, _ := e.store.Meetings(ctx, a.tenant.ID, a.program.ID); len(ms) != 1 {
		t.Errorf("%d meetings after invalid posts", len(ms))
	}
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	form := url.Values{"name": {"Forged place"}, "kind": {"venue"}, "address": {"1 Main St"}, "lat": {"38.6"}, "lon": {"-90.2"}}
	for name, token := range map[string][]string{
		"missing": nil, "empty": {""}, "wrong": {wrongToken(c.csrf)}, "another session's": {e.signIn(e.a.admin).csrf},
	} {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f["csrf_token"] = token
		if res, _ := c.postRaw("/places", f); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s token: %d, want 403", name, res.StatusCode)
		}
	}
	if res, _ := c.postRaw("/logout", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-out without token: %d", res.StatusCode)
	}
	if ps, _ := e.store.Places(ctx, e.a.tenant.ID, itinerq("Forged")); len(ps) != 0 {
		t.Fatal("a forged form was saved")
	}
	if res, _ := c.post("/places", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("with the token: %d", res.StatusCode)
	}
}

// wrongToken differs from token in its first character, always.
func wrongToken(token string) string {
	if strings.HasPrefix(token, "x") {
		return "y" + token[1:]
	}
	return "x" + token[1:]
}
