package itinera_test

import (
	"reflect"
	"strings"
	"testing"

	"itinera"
)

const token = "3q2-7wEeRkQ_xZ9aB0cD1eF2gH3iJ4kL5mN6oP7qR8s"

func TestRedactSecretLinks(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Answer here: https://x.org/r/" + token + "\nThanks":     "Answer here: https://x.org/r/…\nThanks",
		`<a href="https://x.org/h/` + token + `#evening-3">`:     `<a href="https://x.org/h/…#evening-3">`,
		"webcal://x.org/feeds/" + token + ".ics":                 "webcal://x.org/feeds/….ics",
		"https://x.org/o/" + token + " (follow-up)":              "https://x.org/o/… (follow-up)",
		"https://x.org%2Fr%2F" + token:                           "https://x.org%2Fr%2F…",
		"/R/" + token + " and /h/" + token:                       "/R/… and /h/…",
		"/r/" + token + "/answer":                                "/r/…/answer",
		"/programs/3 /requests/4/send /host/stl /r/ /hr/x /rr/x": "/programs/3 /requests/4/send /host/stl /r/ /hr/x /rr/x",
	} {
		if got := itinera.RedactSecretLinks(in); got != want {
			t.Errorf("RedactSecretLinks(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutboxMessageForRole(t *testing.T) {
	t.Parallel()
	m := itinera.OutboxMessage{Subject: "Meeting request", TextBody: "Open https://x.org/r/" + token,
		HTMLBody: `<a href="https://x.org/r/` + token + `">`, Calendar: "URL:https://x.org/feeds/" + token + ".ics"}
	for _, r := range []itinera.Role{itinera.RoleAdmin, itinera.RoleOfficer} {
		if got := m.ForRole(r); !reflect.DeepEqual(got, m) {
			t.Errorf("%s sees %+v", r, got)
		}
	}
	got := m.ForRole(itinera.RoleViewer)
	for _, s := range []string{got.TextBody, got.HTMLBody, got.Calendar} {
		if strings.Contains(s, token) || !strings.Contains(s, "…") {
			t.Errorf("viewer sees %q", s)
		}
	}
	if !strings.Contains(m.TextBody, token) {
		t.Error("ForRole changed the original")
	}
}

// TestResetLinksAreHiddenFromEveryone: a password reset link in the
// outbox is hidden from officers and administrators too, and in logs.
func TestResetLinksAreHiddenFromEveryone(t *testing.T) {
	const reset = "Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3_Ab3"
	link := "https://itinera.example.org/password/reset/" + reset
	m := itinera.OutboxMessage{TextBody: "open " + link + "\n", HTMLBody: `<a href="` + link + `">` + link + `</a>`}
	for _, r := range []itinera.Role{itinera.RoleAdmin, itinera.RoleOfficer, itinera.RoleViewer} {
		got := m.ForRole(r)
		if strings.Contains(got.TextBody+got.HTMLBody, reset) || !strings.Contains(got.TextBody, "/password/reset/…") {
			t.Errorf("%s reads %q", r, got.TextBody)
		}
	}
	if got := itinera.RedactSecretLinks("GET /password/reset/" + reset); got != "GET /password/reset/…" {
		t.Errorf("logged %q", got)
	}
	if got := itinera.RedactSecretLinks("GET %2Fpassword%2Freset%2F" + reset); strings.Contains(got, reset) {
		t.Errorf("logged %q", got)
	}
}
