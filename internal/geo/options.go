package geo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Options are what every client needs besides its base URL.
type Options struct {
	// Client sends the requests; nil is a client with Timeout.
	Client *http.Client
	// UserAgent identifies the application and how to reach its operators,
	// such as "Itinera/1.4 (+https://itinera.example.org)"; required, as
	// Nominatim's usage policy asks (stock user agents are refused there).
	UserAgent string
	// Email is sent as Nominatim's email parameter, a contact for the
	// service's operators; optional, and used by Nominatim only.
	Email string
	// Interval is the least time between two requests. Zero takes the
	// default: one second for the geocoders (Nominatim's usage policy: an
	// absolute maximum of one request per second), none for the routers,
	// which are asked once per set of places. Negative turns the limit off,
	// for a service of one's own.
	Interval time.Duration
	// Timeout bounds each request, waiting for the rate limit aside; zero
	// is DefaultTimeout.
	Timeout time.Duration
	// Clock is the rate limit's time; nil is the real clock.
	Clock Clock
}

// DefaultTimeout bounds a request when Options.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// DefaultGeocoderInterval is the geocoders' default rate limit.
const DefaultGeocoderInterval = time.Second

// Clock is the time the rate limit reads and waits on.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, returning ctx's error then.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ErrUnknownKind is returned for a kind of service this package does not speak.
var ErrUnknownKind = errors.New("geo: unknown kind of service")

// NewGeocoder returns a geocoder for the service of the given kind,
// "nominatim" or "photon", at baseURL (such as http://localhost:8080 for a
// Nominatim whose search is at /search).
func NewGeocoder(kind, baseURL string, opts Options) (Geocoder, error) {
	switch kind {
	case "nominatim", "photon":
	default:
		return nil, fmt.Errorf("%w %q: use nominatim or photon", ErrUnknownKind, kind)
	}
	c, err := newClient(kind, baseURL, opts, DefaultGeocoderInterval)
	if err != nil {
		return nil, err
	}
	if kind == "nominatim" {
		return &nominatim{c: c, email: opts.Email}, nil
	}
	return &photon{c: c}, nil
}

// NewRouter returns a router for the service of the given kind, "osrm" or
// "valhalla", at baseURL (such as http://localhost:5000 for OSRM, or
// http://localhost:8002 for Valhalla).
func NewRouter(kind, baseURL string, opts Options) (Router, error) {
	switch kind {
	case "osrm", "valhalla":
	default:
		return nil, fmt.Errorf("%w %q: use osrm or valhalla", ErrUnknownKind, kind)
	}
	c, err := newClient(kind, baseURL, opts, 0)
	if err != nil {
		return nil, err
	}
	if kind == "osrm" {
		return &osrm{c: c}, nil
	}
	return &valhalla{c: c}, nil
}

// parseBaseURL accepts an absolute http or https URL without query or
// fragment; the path, if any, is kept without its trailing slash.
func parseBaseURL(service, raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("geo: the %s address is not a URL", service)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("geo: the %s address must start with http:// or https://", service)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("geo: the %s address has no host", service)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, fmt.Errorf("geo: the %s address must not have a query or fragment", service)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}
