package auth

import (
	"net/url"
	"path"
	"strings"
)

// maxRedirectLen bounds a destination; the site's own addresses are short.
const maxRedirectLen = 2048

// LocalPath checks a destination to send a browser to after it signs in
// (the sign-in page's "next"). It returns the cleaned path and query when
// next is a single-slash absolute path on this site, and false for anything
// a browser could read as another site or a script: "//host", "/\host",
// tabs, line breaks and other controls (which browsers drop, turning
// "/\t/host" into "//host"), spaces, non-ASCII, schemes, and their
// percent-encoded forms ("/%2F/host", "/%5Chost", "/%09/host").
func LocalPath(next string) (string, bool) {
	if next == "" || len(next) > maxRedirectLen || !plainPath(next) {
		return "", false
	}
	if next[0] != '/' || strings.HasPrefix(next, "//") {
		return "", false
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	// The decoded path must pass the same test: a browser or a proxy that
	// decodes it once must not find another site in it.
	if !plainDecoded(u.Path) || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "", false
	}
	clean := path.Clean(u.Path)
	out := (&url.URL{Path: clean, RawQuery: u.RawQuery}).RequestURI()
	if len(out) > maxRedirectLen || !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") {
		return "", false
	}
	return out, true
}

// plainDecoded is plainPath for a decoded path, which may hold the
// non-ASCII letters of a percent-encoded name.
func plainDecoded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// plainPath reports whether s holds only printable ASCII and no backslash,
// which browsers read as a slash.
func plainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}
