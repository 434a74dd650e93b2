package itinera

import "testing"

func TestParseAmount(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in    string
		cents int64
		ok    bool
	}{{"", 0, true}, {"34.79", 3479, true}, {"$1,234.5", 123450, true}, {"12", 1200, true}, {".5", 50, true},
		{"1.234", 0, false}, {"abc", 0, false}, {"-3", 0, false}, {"1 234", 0, false}, {".", 0, false}, {"9999999999999", 0, false}} {
		got, ok := ParseAmount(c.in)
		if got != c.cents || ok != c.ok {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d, %v", c.in, got, ok, c.cents, c.ok)
		}
	}
	if AmountText(3479) != "34.79" || AmountText(0) != "" {
		t.Error("AmountText")
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"", "34.79", "$1,234.5", ".5", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := ParseAmount(s)
		if !ok {
			return
		}
		if c < 0 {
			t.Fatalf("%q: %d", s, c)
		}
		if back, ok := ParseAmount(AmountText(c)); !ok || back != c {
			t.Fatalf("%q: %d, read back %d %v", s, c, back, ok)
		}
	})
}
