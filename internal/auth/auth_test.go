package auth

import (
	"testing"
	"time"
)

func cheap() PasswordHasher { return PasswordHasher{Memory: 1024, Time: 1, Threads: 1} }

func TestPasswordRoundTrip(t *testing.T) {
	t.Parallel()
	h, err := cheap().Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := VerifyPassword(h, "correct horse battery"); err != nil || !ok {
		t.Fatalf("right password rejected: %v %v", ok, err)
	}
	if ok, _ := VerifyPassword(h, "correct horse batterY"); ok {
		t.Fatal("wrong password accepted")
	}
	h2, _ := cheap().Hash("correct horse battery")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
}

func TestVerifyMalformed(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=0$AAAA$AAAA", "$bcrypt$x$y$z$w", "$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA"} {
		if ok, err := VerifyPassword(s, "x"); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want false, error", s, ok, err)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	h, _ := cheap().Hash("pw")
	f.Add(h, "pw")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", "x")
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		// Guard against absurd memory parameters an attacker cannot plant
		// (hashes are written by us), but a fuzzer can.
		if len(encoded) > 200 {
			return
		}
		var m, tt uint32
		var p uint8
		if n, _ := sscanParams(encoded, &m, &tt, &p); n == 3 && (m > 4096 || tt > 4) {
			return
		}
		_, _ = VerifyPassword(encoded, pw)
	})
}

func TestToken(t *testing.T) {
	t.Parallel()
	tok, hash, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if !WellFormedToken(tok) || HashToken(tok) != hash || len(hash) != 64 {
		t.Fatalf("token %q hash %q", tok, hash)
	}
	tok2, _, _ := NewToken()
	if tok2 == tok {
		t.Fatal("tokens repeat")
	}
	for _, bad := range []string{"", "abc", tok + "x", tok[:len(tok)-1] + "!"} {
		if WellFormedToken(bad) {
			t.Errorf("WellFormedToken(%q) = true", bad)
		}
	}
}

func TestLimiter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(3, time.Minute, func() time.Time { return now })
	for i := 0; i < 3; i++ {
		if !l.Allow("a") {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.Allow("a") {
		t.Fatal("fourth attempt allowed")
	}
	if !l.Allow("b") {
		t.Fatal("other key refused")
	}
	now = now.Add(time.Minute)
	if !l.Allow("a") {
		t.Fatal("refill did not happen")
	}
	if l.Allow("a") {
		t.Fatal("refilled more than one")
	}
}

// Take limits several keys at once, all or none; Refund gives an attempt
// back; Wait looks without taking.
func TestLimiterTakeRefundWait(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(2, time.Minute, func() time.Time { return now })
	for i := 0; i < 2; i++ {
		if ok, _ := l.Take("ip", "account"); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if ok, wait := l.Take("ip", "other account"); ok || wait != time.Minute {
		t.Fatalf("third attempt from ip: %v, wait %v", ok, wait)
	}
	// The refused attempt took nothing from the other account.
	if w := l.Wait("other account"); w != 0 {
		t.Fatalf("other account waits %v", w)
	}
	l.Refund("ip", "account")
	if w := l.Wait("ip"); w != 0 {
		t.Fatalf("after a refund ip waits %v", w)
	}
	if ok, _ := l.Take("ip"); !ok {
		t.Fatal("refunded attempt refused")
	}
	now = now.Add(30 * time.Second)
	if w := l.Wait("ip"); w != 30*time.Second {
		t.Fatalf("half refilled: wait %v", w)
	}
	if w := l.Wait("ip"); w != 30*time.Second {
		t.Fatal("Wait took an attempt")
	}
	l.Refund("new", "new")
	if ok, _ := l.Take("new", "new"); !ok {
		t.Fatal("a refund overfilled or broke a new key")
	}
}
