package itinera_test

import (
	"testing"

	"itinera"
)

// TestDateField: one reading of a date field for forms, bodies and files.
func TestDateField(t *testing.T) {
	for _, c := range []struct{ in, msg string }{
		{"", ""},
		{"2026-12-05", ""},
		{"5 December", "Enter a date in the form YYYY-MM-DD."},
		{"1999-12-31", "Enter a date in the years 2000 to 2100."},
	} {
		f := itinera.FieldErrors{}
		d := itinera.DateField(f, "start_date", c.in)
		if f["start_date"] != c.msg || (c.msg != "" && !d.IsZero()) {
			t.Errorf("%q: %v, %q", c.in, d, f["start_date"])
		}
	}
}
