package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestLoopbackOnly(t *testing.T) {
	for host, ok := range map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "127.0.0.2": true,
		"example.org": false, "10.0.0.1": false, "192.168.1.1": false, "": false, "0.0.0.0": false} {
		if err := loopbackOnly(host); (err == nil) != ok {
			t.Errorf("%q: %v", host, err)
		}
	}
	if err := run([]string{"-url", "http://93.184.216.34/", "-d", "1ms"}, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "loopback") {
		t.Errorf("a remote address was loaded: %v", err)
	}
}

// The generator counts answers, sizes and wrong statuses.
func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Test") != "yes" {
			w.WriteHeader(http.StatusTeapot)
		}
		_, _ = w.Write([]byte("hello"))
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := run([]string{"-url", srv.URL, "-c", "2", "-d", "200ms", "-H", "X-Test: yes"}, &out); err != nil {
		t.Fatal(err)
	}
	var r result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Requests == 0 || r.Errors != 0 || r.Bytes != 5 || r.P99ms <= 0 {
		t.Fatalf("result %+v (%v)", r, err)
	}
	out.Reset()
	if err := run([]string{"-url", srv.URL, "-c", "1", "-d", "100ms"}, &out); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(out.Bytes(), &r)
	if r.Errors == 0 || r.Requests != 0 {
		t.Errorf("wrong statuses not counted: %+v", r)
	}
}
