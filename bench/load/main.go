// Command load is a closed-loop HTTP load generator for Itinera's
// benchmarks: each of -c connections sends a request, waits for the whole
// answer, and sends the next, for -d. It prints requests per second, the
// 50th and 99th percentile latencies, errors and bytes as one line of
// JSON. It refuses any address outside loopback: benchmarks never leave
// the machine.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

type headers []string

func (h *headers) String() string     { return strings.Join(*h, ", ") }
func (h *headers) Set(s string) error { *h = append(*h, s); return nil }

type result struct {
	Name     string  `json:"name"`
	URL      string  `json:"url"`
	Conns    int     `json:"connections"`
	Seconds  float64 `json:"seconds"`
	Requests int     `json:"requests"`
	RPS      float64 `json:"rps"`
	P50ms    float64 `json:"p50_ms"`
	P99ms    float64 `json:"p99_ms"`
	Errors   int     `json:"errors"`
	Bytes    int64   `json:"bytes_per_answer"`
	Status   int     `json:"status"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	target := fs.String("url", "", "the address to load (loopback only)")
	name := fs.String("name", "", "a name for the result")
	conns := fs.Int("c", 50, "connections")
	dur := fs.Duration("d", 10*time.Second, "how long")
	want := fs.Int("status", 200, "the status every answer must have")
	var hs headers
	fs.Var(&hs, "H", "a header 'Name: value' (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*target)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q is not an address", *target)
	}
	if err := loopbackOnly(u.Hostname()); err != nil {
		return err
	}
	tr := &http.Transport{MaxIdleConns: *conns, MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	ctx, cancel := context.WithTimeout(context.Background(), *dur)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	errs, size := 0, int64(0)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < *conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad, n := 0, int64(0)
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "GET", *target, nil)
				for _, h := range hs {
					k, v, _ := strings.Cut(h, ":")
					req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						bad++
					}
					continue
				}
				n, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if err != nil || res.StatusCode != *want {
					if ctx.Err() == nil {
						bad++
					}
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat, errs, size = append(lat, mine...), errs+bad, max(size, n)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start).Seconds()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	r := result{Name: *name, URL: *target, Conns: *conns, Seconds: elapsed, Requests: len(lat), RPS: float64(len(lat)) / elapsed,
		P50ms: pct(0.50), P99ms: pct(0.99), Errors: errs, Bytes: size, Status: *want}
	return json.NewEncoder(out).Encode(r)
}

// loopbackOnly refuses a host that is not a loopback address.
func loopbackOnly(host string) error {
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return errors.New("only loopback addresses are loaded (127.0.0.1, ::1, localhost): " + host)
	}
	return nil
}
