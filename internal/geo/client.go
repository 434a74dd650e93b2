package geo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// client is what the four services share: the base URL, identification,
// rate limit, time limit and bounded reading.
type client struct {
	service   string
	base      *url.URL
	http      *http.Client
	userAgent string
	timeout   time.Duration
	limit     *limiter
}

func newClient(service, baseURL string, opts Options, defaultInterval time.Duration) (*client, error) {
	base, err := parseBaseURL(service, baseURL)
	if err != nil {
		return nil, err
	}
	ua := strings.TrimSpace(opts.UserAgent)
	if ua == "" {
		return nil, errors.New("geo: a User-Agent identifying the application is required")
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	hc := opts.Client
	if hc == nil {
		hc = &http.Client{Timeout: timeout}
	}
	interval := opts.Interval
	if interval == 0 {
		interval = defaultInterval
	}
	clock := opts.Clock
	if clock == nil {
		clock = realClock{}
	}
	return &client{
		service:   service,
		base:      base,
		http:      hc,
		userAgent: ua,
		timeout:   timeout,
		limit:     newLimiter(interval, clock),
	}, nil
}

// endpoint is the base URL with path appended and the query set.
func (c *client) endpoint(path string, query url.Values) *url.URL {
	u := *c.base
	u.Path = c.base.Path + path
	u.RawQuery = query.Encode()
	return &u
}

// answer is a response read whole: its status and at most maxBody bytes.
type answer struct {
	status int
	body   []byte
}

// ok reports a 2xx status.
func (a answer) ok() bool { return a.status >= 200 && a.status < 300 }

// statusError is the error for an answer with an error status, with the
// service's code and message when the caller found them in the body.
func (c *client) statusError(a answer, code, message string) error {
	return &ServiceError{Service: c.service, Status: a.status, Code: shorten(code), Message: shorten(message)}
}

// send waits for the rate limit, then sends the request (method, URL and
// body) identified by the User-Agent and reads the whole answer within the
// time limit. Transport errors name the service but not the URL, which
// holds the searched address.
func (c *client) send(ctx context.Context, method string, u *url.URL, body []byte) (answer, error) {
	if err := c.limit.wait(ctx); err != nil {
		return answer{}, fmt.Errorf("%s: waiting for the rate limit: %w", c.service, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return answer{}, fmt.Errorf("%s: %w", c.service, err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("%s: %w", c.service, withoutURL(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return answer{}, fmt.Errorf("%s: reading the response: %w", c.service, withoutURL(err))
	}
	if len(data) > maxBody {
		return answer{}, badResponse(c.service, fmt.Errorf("larger than %d bytes", maxBody))
	}
	return answer{status: resp.StatusCode, body: data}, nil
}

// withoutURL drops the URL a *url.Error adds to its message.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
