package api

import (
	"fmt"
	"time"

	"itinera"
)

// Values that JSON carries as strings (dates, times of day, instants) are
// parsed by the handlers, not by encoding/json, so that a wrong one is
// reported like any other wrong field (422, named in "fields").

// ref names another record: {"id":…, "name":…}.
type ref struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// optRef is a ref, or nil (JSON null) for id 0.
func optRef(id int64, name string) *ref {
	if id == 0 {
		return nil
	}
	return &ref{ID: id, Name: name}
}

// list returns s, or an empty slice so that JSON shows [] and never null.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// mapList converts every element of s.
func mapList[T, U any](s []T, f func(T) U) []U {
	out := make([]U, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	return out
}

// parseDate reads an optional YYYY-MM-DD field.
func parseDate(f itinera.FieldErrors, field, s string) itinera.Date {
	return itinera.DateField(f, field, s)
}

// parseClock reads a required HH:MM field.
func parseClock(f itinera.FieldErrors, field, s string) itinera.Clock {
	c, err := itinera.ParseClock(s)
	if err != nil {
		f.Add(field, "Enter a time of day in the form HH:MM (24-hour).")
	}
	return c
}

// windowJSON is a span of time; instants are RFC 3339 with an offset.
type windowJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// parseWindows reads the windows of a meeting or activity. Each instant must
// carry its UTC offset, so that no time is read in the server's zone.
func parseWindows(f itinera.FieldErrors, in []windowJSON) []itinera.Window {
	out := make([]itinera.Window, 0, len(in))
	for i, w := range in {
		start, err1 := time.Parse(time.RFC3339, w.Start)
		end, err2 := time.Parse(time.RFC3339, w.End)
		if err1 != nil || err2 != nil {
			f.Add("windows", fmt.Sprintf("Window %d: give start and end as date and time with offset, such as 2026-05-04T09:00:00-05:00.", i+1))
			continue
		}
		out = append(out, itinera.Window{Start: start.UTC(), End: end.UTC()})
	}
	return out
}

// windowsJSON shows windows in the program's time zone.
func windowsJSON(ws []itinera.Window, loc *time.Location) []windowJSON {
	return mapList(ws, func(w itinera.Window) windowJSON {
		return windowJSON{Start: instant(w.Start, loc), End: instant(w.End, loc)}
	})
}

// instant formats t in loc as RFC 3339 with offset; "" for the zero time.
func instant(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// validator is a domain record.
type validator interface{ Validate() error }

// validate runs the record's own validation and merges it with the field
// errors found while reading the body, so that one answer names every wrong
// field. The first message for a field wins: a date that could not be read
// is reported as such, not as missing.
func validate(what string, f itinera.FieldErrors, v validator) error {
	err := v.Validate()
	if err != nil && itinera.ErrorCode(err) != itinera.EINVALID {
		return err
	}
	for k, msg := range itinera.ErrorFields(err) {
		f.Add(k, msg)
	}
	return f.Err(what)
}

// parsed reports what could not be read from the body, together with the
// record's own validation, so that one answer names every wrong field; a
// body read without trouble goes to the application layer, which checks
// every rule (and the records it points at) itself.
func parsed(what string, f itinera.FieldErrors, v validator) error {
	if len(f) == 0 {
		return nil
	}
	return validate(what, f, v)
}
