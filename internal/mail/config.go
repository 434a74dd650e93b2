// Package mail composes Itinera's outgoing e-mail (text and HTML, with an
// iMIP calendar part when the message carries an invitation) and hands it to
// an SMTP server. It reports whether a failure is permanent, so that the
// outbox worker knows whether to try again.
package mail

import (
	"crypto/tls"
	"fmt"
	netmail "net/mail"
	"strconv"
	"strings"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// Security modes.
const (
	SecurityNone     Security = "none"     // plain text; only for a relay on the same host or network
	SecuritySTARTTLS Security = "starttls" // upgrade a plain connection; required, never optional
	SecurityTLS      Security = "tls"      // TLS from the first byte ("SMTPS", usually port 465)
)

// ParseSecurity accepts none, starttls or tls; "" means starttls.
func ParseSecurity(s string) (Security, error) {
	switch v := Security(strings.ToLower(strings.TrimSpace(s))); v {
	case "":
		return SecuritySTARTTLS, nil
	case SecurityNone, SecuritySTARTTLS, SecurityTLS:
		return v, nil
	}
	return "", fmt.Errorf("SMTP security %q: use none, starttls or tls", s)
}

// defaultPort is the usual port of each security mode.
func (s Security) defaultPort() int {
	switch s {
	case SecurityNone:
		return 25
	case SecurityTLS:
		return 465
	}
	return 587
}

// Config says how to reach the SMTP server.
type Config struct {
	Host     string
	Port     int // 0: 25, 587 or 465 by Security
	Security Security
	Username string // empty: no authentication
	Password string
	// From is the installation's sender. A tenant may show its own name and
	// address; the envelope sender (where bounces go) is always From.
	From    netmail.Address
	Timeout time.Duration // per connection, including the whole conversation; 0: 30s
	HELO    string        // name to greet the server with; empty: "localhost"
	// TLSConfig overrides the TLS settings (tests trust their own CA with
	// it); nil verifies the server's certificate for Host with system roots.
	TLSConfig *tls.Config
	Now       func() time.Time // the clock for the Date header; nil: time.Now
}

// DefaultTimeout bounds one SMTP conversation when Config.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Validate checks the settings and fills in defaults.
func (c *Config) Validate() error {
	c.Host = strings.TrimSpace(c.Host)
	if c.Host == "" {
		return fmt.Errorf("SMTP host: required")
	}
	sec, err := ParseSecurity(string(c.Security))
	if err != nil {
		return err
	}
	c.Security = sec
	if c.Port == 0 {
		c.Port = sec.defaultPort()
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("SMTP port %d: use 1 to 65535", c.Port)
	}
	if c.From.Address == "" || !strings.Contains(c.From.Address, "@") {
		return fmt.Errorf("mail sender address: required (e.g. programs@example.org)")
	}
	if c.Password != "" && c.Username == "" {
		return fmt.Errorf("SMTP password given without a user name")
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Timeout < 0 {
		return fmt.Errorf("SMTP timeout %s: must be positive", c.Timeout)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// Environment variables read by ConfigFromEnv.
const (
	EnvHost     = "ITINERA_SMTP_HOST"
	EnvPort     = "ITINERA_SMTP_PORT"
	EnvSecurity = "ITINERA_SMTP_SECURITY"
	EnvUsername = "ITINERA_SMTP_USERNAME"
	EnvPassword = "ITINERA_SMTP_PASSWORD"
	EnvTimeout  = "ITINERA_SMTP_TIMEOUT"
	EnvFrom     = "ITINERA_MAIL_FROM"
)

// ConfigFromEnv reads the SMTP settings through getenv. ok is false when no
// host is set: then no mail is sent and messages wait in the outbox.
func ConfigFromEnv(getenv func(string) string) (c Config, ok bool, err error) {
	c.Host = strings.TrimSpace(getenv(EnvHost))
	if c.Host == "" {
		return Config{}, false, nil
	}
	if c.Security, err = ParseSecurity(getenv(EnvSecurity)); err != nil {
		return Config{}, false, fmt.Errorf("%s: %w", EnvSecurity, err)
	}
	if p := strings.TrimSpace(getenv(EnvPort)); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port < 1 || c.Port > 65535 {
			return Config{}, false, fmt.Errorf("%s: %q is not a port number", EnvPort, p)
		}
	}
	c.Username, c.Password = getenv(EnvUsername), getenv(EnvPassword)
	if d := strings.TrimSpace(getenv(EnvTimeout)); d != "" {
		if c.Timeout, err = time.ParseDuration(d); err != nil || c.Timeout <= 0 {
			return Config{}, false, fmt.Errorf("%s: %q is not a duration such as 30s", EnvTimeout, d)
		}
	}
	from, err := ParseFrom(getenv(EnvFrom))
	if err != nil {
		return Config{}, false, fmt.Errorf("%s: %w", EnvFrom, err)
	}
	c.From = from
	if err := c.Validate(); err != nil {
		return Config{}, false, err
	}
	return c, true, nil
}

// ParseFrom reads one sender, "programs@example.org" or
// "World Affairs <programs@example.org>".
func ParseFrom(s string) (netmail.Address, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return netmail.Address{}, fmt.Errorf("the sender address is required (e.g. programs@example.org)")
	}
	a, err := netmail.ParseAddress(s)
	if err != nil || !strings.Contains(a.Address, "@") || strings.ContainsAny(a.Name, "\r\n") {
		return netmail.Address{}, fmt.Errorf("%q is not one e-mail address", s)
	}
	return *a, nil
}
