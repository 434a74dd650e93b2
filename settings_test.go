package itinera

import (
	"maps"
	"slices"
	"testing"
)

func TestSettingsValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		in     Settings
		fields []string
	}{
		{"defaults for the sender", Settings{Name: "Global STL", TimeZone: "America/Chicago"}, nil},
		{"full", Settings{Name: " Global STL ", TimeZone: "America/Chicago", MailFromName: "Programs",
			MailFromAddress: " Programs@Example.org"}, nil},
		{"everything wrong", Settings{TimeZone: "Mars/Base", MailFromName: "a\r\nBcc: x@example.org",
			MailFromAddress: "nope"}, []string{"mail_from_address", "mail_from_name", "name", "time_zone"}},
		{"no zone", Settings{Name: "x"}, []string{"time_zone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.in
			err := s.Validate()
			got := slices.Sorted(maps.Keys(ErrorFields(err)))
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v (%v)", got, tc.fields, err)
			}
			if err == nil && (s.Name != "Global STL" || (s.MailFromAddress != "" && s.MailFromAddress != "programs@example.org")) {
				t.Errorf("not normalised: %+v", s)
			}
		})
	}
}
