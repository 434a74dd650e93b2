package mail_test

import (
	"strings"
	"testing"
	"time"

	"itinera/internal/mail"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	if _, ok, err := mail.ConfigFromEnv(env(nil)); ok || err != nil {
		t.Fatalf("no host: ok=%v err=%v, want mail off without error", ok, err)
	}
	c, ok, err := mail.ConfigFromEnv(env(map[string]string{
		mail.EnvHost: "smtp.example.org", mail.EnvSecurity: "TLS", mail.EnvUsername: "u", mail.EnvPassword: "p",
		mail.EnvFrom: "World Affairs <programs@worldaffairs.example>", mail.EnvTimeout: "10s",
	}))
	if err != nil || !ok {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
	if c.Host != "smtp.example.org" || c.Port != 465 || c.Security != mail.SecurityTLS || c.Timeout != 10*time.Second ||
		c.From.Name != "World Affairs" || c.From.Address != "programs@worldaffairs.example" || c.Username != "u" {
		t.Fatalf("config %+v", c)
	}
	c, _, err = mail.ConfigFromEnv(env(map[string]string{mail.EnvHost: "relay", mail.EnvFrom: "a@b.example"}))
	if err != nil || c.Port != 587 || c.Security != mail.SecuritySTARTTLS || c.Timeout != mail.DefaultTimeout {
		t.Fatalf("defaults %+v (%v)", c, err)
	}
	bad := map[string]map[string]string{
		"security":  {mail.EnvHost: "relay", mail.EnvFrom: "a@b.example", mail.EnvSecurity: "ssl3"},
		"port":      {mail.EnvHost: "relay", mail.EnvFrom: "a@b.example", mail.EnvPort: "70000"},
		"timeout":   {mail.EnvHost: "relay", mail.EnvFrom: "a@b.example", mail.EnvTimeout: "soon"},
		"no sender": {mail.EnvHost: "relay"},
		"two from":  {mail.EnvHost: "relay", mail.EnvFrom: "a@b.example, c@d.example"},
		"password":  {mail.EnvHost: "relay", mail.EnvFrom: "a@b.example", mail.EnvPassword: "p"},
	}
	for name, vars := range bad {
		if _, ok, err := mail.ConfigFromEnv(env(vars)); err == nil || ok {
			t.Errorf("%s: ok=%v err=%v, want an error", name, ok, err)
		} else if !strings.Contains(err.Error(), "ITINERA_") && name != "password" {
			t.Errorf("%s: error %q does not name the variable", name, err)
		}
	}
}

func FuzzConfigFromEnv(f *testing.F) {
	f.Add("smtp.example.org", "587", "starttls", "World Affairs <programs@example.org>", "30s")
	f.Add("relay", "", "none", "a@b", "")
	f.Add("relay", "0", "TLS", "\"x\" <a@b>", "-1s")
	f.Fuzz(func(t *testing.T, host, port, security, from, timeout string) {
		c, ok, err := mail.ConfigFromEnv(env(map[string]string{mail.EnvHost: host, mail.EnvPort: port,
			mail.EnvSecurity: security, mail.EnvFrom: from, mail.EnvTimeout: timeout}))
		if err != nil || !ok {
			return
		}
		if c.Host == "" || c.Port < 1 || c.Port > 65535 || c.Timeout <= 0 || !strings.Contains(c.From.Address, "@") ||
			strings.ContainsAny(c.From.Name, "\r\n") {
			t.Fatalf("accepted a bad config %+v", c)
		}
		if _, err := mail.NewSMTP(c); err != nil {
			t.Fatalf("accepted config is refused by NewSMTP: %v", err)
		}
	})
}
