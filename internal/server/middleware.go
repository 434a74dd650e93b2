package server

import (
	"itinera/internal/compress"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"itinera"
)

// middleware wraps every request: the client's address behind trusted
// proxies, panic recovery, security headers, cross-origin protection for
// unsafe methods, and a log line.
func (s *Server) middleware(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"error":{"code":"forbidden","message":"Cross-origin requests are not allowed.","fields":{}}}` + "\n"))
			return
		}
		http.Error(w, "This form was sent from another site, so it was refused. Go back, reload the page and try again.", http.StatusForbidden)
	}))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		withClientAddr(r, s.cfg.TrustedProxies)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				s.cfg.Logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				if !rec.wrote {
					http.Error(rec, "Something went wrong on our side.", http.StatusInternalServerError)
				}
			}
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			s.cfg.Logger.Log(r.Context(), level, "request", "method", r.Method, "path", redactPath(r.URL.Path),
				"status", rec.status, "duration", time.Since(start).Round(time.Microsecond), "client", clientHost(r))
		}()
		h := rec.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", s.csp)
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		compress.Wrap(protected, rec, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.wrote = true
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// redactPath hides the token of a secret link (a resource's or host's
// link, a calendar address), so that logs never show it: "/r/abc…" becomes
// "/r/…".
func redactPath(p string) string { return itinera.RedactSecretLinks(p) }
