package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/storetest"
)

// FuzzPublicPages sends arbitrary requests to every page that answers
// without an account (sign-in, the host sign-up form, the hosts' and
// resources' personal links, calendar feeds): whatever arrives, the answer
// is a page or a refusal, never a server error.
func FuzzPublicPages(f *testing.F) {
	s := storetest.SQLite(f)
	tenant := itinera.Tenant{Slug: "fuzz-org", Name: "Fuzz Hosts", TimeZone: "America/Chicago"}
	if err := s.CreateTenant(ctx, &tenant); err != nil {
		f.Fatal(err)
	}
	// Limits that never bite, so that every input reaches the handlers.
	open := func() *auth.Limiter { return auth.NewLimiter(1<<30, time.Nanosecond, storetest.Now) }
	ui, err := New(Config{App: mustApp(f, s, s.Services(), nil), Now: storetest.Now, Hasher: cheapHasher, LoginLimiter: open(), AddressLimiter: open(),
		Requests: RequestConfig{Limiter: open()}, Hosts: HostConfig{SignUpLimiter: open()}})
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	ui.Register(mux)
	token := strings.Repeat("A", 43)
	for _, seed := range [][3]string{
		{"POST", "/login", "email=a%40example.org&password=secret-secret"},
		{"POST", "/login", "email=%00&password=&next=%2F%2Fevil.example"},
		{"GET", "/host/fuzz-org", ""},
		{"POST", "/host/fuzz-org", "household_name=The+Smiths&address=1+Main+St&lat=38.6&lon=-90.2&capacity=3&languages=English&email=s%40example.org"},
		{"POST", "/host/fuzz-org", "capacity=-1&lat=nan&lon=1e999&website=x"},
		{"POST", "/host/nobody", "household_name=x"},
		{"GET", "/h/" + token, ""},
		{"POST", "/h/" + token, "nonce=00&capacity=2"},
		{"POST", "/h/" + token + "/withdraw", ""},
		{"GET", "/r/" + token, ""},
		{"POST", "/r/" + token, "answer=accept&slot=0"},
		{"GET", "/f/" + token, ""},
		{"POST", "/f/" + token, "nonce=00&rating=4&rating_1=5&comment_1=x"},
		{"POST", "/f/" + token + "/collaborations", "nonce=00&title=x&kind=training&evidence_url=javascript%3Aalert(1)"},
		{"GET", "/feeds/" + token + ".ics", ""},
		{"GET", "/feeds/%ff%fe", ""},
		{"GET", "/password/forgot", ""},
		{"POST", "/password/forgot", "email=%00%ff"},
		{"GET", "/password/reset/" + token, ""},
		{"POST", "/password/reset/" + token, "new_password=x&new_password_again=y"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	public := []string{"/login", "/host/", "/h/", "/r/", "/f/", "/feeds/", "/password/"}
	f.Fuzz(func(t *testing.T, method, path, body string) {
		if method != http.MethodGet && method != http.MethodPost {
			return
		}
		ok := false
		for _, p := range public {
			ok = ok || strings.HasPrefix(path, p)
		}
		if !ok {
			return
		}
		req, err := http.NewRequest(method, "http://itinera.test"+path, strings.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = "192.0.2.7:4242"
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s with %q: status %d\n%s", method, path, body, rec.Code, rec.Body.String())
		}
	})
}
