package itinera_test

import (
	"strings"
	"testing"

	"itinera"
)

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		password string
		inputs   []string
		want     string // "" accepted, else a word of the field message
	}{
		{"correct horse battery staple", nil, ""},
		{"a demo password", nil, ""},
		{"jx8-Kq2mP4wz", nil, ""},
		{"Hlavní nádraží v Brně", nil, ""},
		{strings.Repeat("x", 9) + "Gq7!kR2#vL9@wE4$", nil, ""},
		{"short", nil, "at least 12"},
		{"elevenchars", nil, "at least 12"},
		{"ünïcödé1234", nil, "at least 12"}, // 11 characters, more bytes
		{strings.Repeat("Gq7!kR2#", 33), nil, "at most 256"},
		{"Password1234", nil, "common"},
		{"passwordpassword", nil, "common"},
		{"P@ssw0rd2024!", nil, "common"},
		{"qwertyuiopasdf", nil, "common"},
		{"123456789012", nil, "common"},
		{"iloveyou1234", nil, "common"},
		{"aaaaaaaaaaaaaaaa", nil, "common"},
		{"abcdefghijklmnop", nil, "common"},
		{"welcome12345", nil, "common"},
		{"changeme1234", nil, "common"},
		{"ana.pereira@alpha.example.org", []string{"ana.pereira@alpha.example.org", "Ana Pereira"}, "your own details"},
		{"officer@gateway-global.example", []string{"officer@gateway-global.example"}, "your own details"},
		{"itineraitinera", nil, "common"},
		{strings.Repeat("password", 40), nil, "at most 256"},
		{strings.Repeat("passwords", 20), nil, "common"}, // long, but common where it is scored
	} {
		err := itinera.ValidatePassword(tc.password, tc.inputs...)
		msg := itinera.ErrorFields(err)["password"]
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("ValidatePassword(%q) = %v, want accepted", tc.password, err)
		case tc.want != "" && (itinera.ErrorCode(err) != itinera.EINVALID || !strings.Contains(msg, tc.want)):
			t.Errorf("ValidatePassword(%q) = %v, want a message with %q", tc.password, err, tc.want)
		}
	}
}
