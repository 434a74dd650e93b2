package auth

import (
	"net/url"
	"strings"
	"testing"
)

// hostile are destinations a browser could follow to another site, or
// read as something other than a page of this one.
var hostile = []string{
	"", "evil.example", "programs",
	"//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
	"/\t/evil.example", "\t//evil.example", "/\r\n/evil.example", "/\n/evil.example", "/\r/evil.example",
	" //evil.example", "/ /evil.example", "/\x00/evil.example", "/\x7f/evil.example", "/\u3000/evil.example",
	"/%09/evil.example", "/%0a/evil.example", "/%0D%0A/evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
	"/%5Cevil.example", "/%5c%5cevil.example", "/%20/evil.example", "%2F%2Fevil.example",
	"https://evil.example", "http:evil.example", "HTTPS://evil.example/programs", "https:/evil.example",
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,hi", "mailto:a@evil.example",
	"//evil.example/%2F..", "/%zz", "/" + strings.Repeat("a", maxRedirectLen),
}

func TestLocalPath(t *testing.T) {
	t.Parallel()
	for _, in := range hostile {
		if got, ok := LocalPath(in); ok {
			t.Errorf("LocalPath(%q) = %q, true; want false", in, got)
		}
	}
	for in, want := range map[string]string{
		"/":                              "/",
		"/programs":                      "/programs",
		"/programs/3":                    "/programs/3",
		"/programs/3/":                   "/programs/3",
		"/directory?q=a%20b":             "/directory?q=a%20b",
		"/outbox?status=failed&page=2":   "/outbox?status=failed&page=2",
		"/programs#feeds":                "/programs",
		"/programs/../directory":         "/directory",
		"/.//evil.example":               "/evil.example",
		"/a/b/../../..//evil.example":    "/evil.example",
		"/organizations/%C3%A9t%C3%A9":   "/organizations/%C3%A9t%C3%A9",
		"/directory?next=//evil.example": "/directory?next=//evil.example",
	} {
		if got, ok := LocalPath(in); !ok || got != want {
			t.Errorf("LocalPath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzLocalPath checks that whatever LocalPath accepts stays on the site
// in a browser, which drops tabs and line breaks and reads a backslash as
// a slash, and that its answer is stable.
func FuzzLocalPath(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	for _, s := range []string{"/programs/3", "/directory?q=a", "/a/../b", "/%2e%2e/x", "/x?y=%0a"} {
		f.Add(s)
	}
	base, _ := url.Parse("https://itinera.example.org/login")
	browser := strings.NewReplacer("\t", "", "\r", "", "\n", "", "\\", "/")
	f.Fuzz(func(t *testing.T, next string) {
		out, ok := LocalPath(next)
		if !ok {
			if out != "" {
				t.Fatalf("LocalPath(%q) refused but returned %q", next, out)
			}
			return
		}
		if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || !plainPath(out) {
			t.Fatalf("LocalPath(%q) = %q: not a plain single-slash path", next, out)
		}
		u, err := url.Parse(browser.Replace(out))
		if err != nil {
			t.Fatalf("LocalPath(%q) = %q: %v", next, out, err)
		}
		if got := base.ResolveReference(u); got.Host != base.Host || got.Scheme != base.Scheme {
			t.Fatalf("LocalPath(%q) = %q leads to %s", next, out, got)
		}
		if again, ok := LocalPath(out); !ok || again != out {
			t.Fatalf("LocalPath(%q) = %q, %v; not stable", out, again, ok)
		}
	})
}
