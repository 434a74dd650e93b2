package itinera

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time zone, such as a program day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date written as YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD.", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for constants in tests and embedded data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// In returns the instant at which d starts in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// At returns the instant of clock time c on day d in loc.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, loc)
}

// AddDays returns d shifted by n days.
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	return d.In(time.UTC).Compare(o.In(time.UTC))
}

// DaysUntil returns the number of days from d to o.
func (d Date) DaysUntil(o Date) int {
	return int(o.In(time.UTC).Sub(d.In(time.UTC)).Hours()+12) / 24
}

// Clock is a time of day in minutes after midnight, local to a program.
type Clock int

// ParseClock reads a time of day written as HH:MM (24-hour).
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("%q is not a time of day in the form HH:MM.", s)
	}
	return Clock(hh*60 + mm), nil
}

// MustClock is ParseClock for constants.
func MustClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// LoadZone loads an IANA time zone, rejecting the empty name and "Local",
// which would silently depend on the server's settings.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("A time zone such as America/Chicago is required.")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not a known time zone; use a name such as America/Chicago.", name)
	}
	return loc, nil
}

// The years a date or time may fall in. Anything else is a typing mistake
// (such as 0202 for 2026) and would reach calendars and the databases,
// which store years differently.
const (
	MinYear = 2000
	MaxYear = 2100
)

// dateRangeMessage says which dates are accepted.
var dateRangeMessage = fmt.Sprintf("Enter a date in the years %d to %d.", MinYear, MaxYear)

// CheckDate adds a message for field when d is set and outside the years
// MinYear to MaxYear.
func CheckDate(f FieldErrors, field string, d Date) {
	if !d.IsZero() && (d.Year < MinYear || d.Year > MaxYear) {
		f.Add(field, dateRangeMessage)
	}
}

// DateField reads an optional YYYY-MM-DD field of a form, body or file:
// the zero Date when s is empty; a message for field, and the zero Date,
// when s is no date or outside the years CheckDate accepts.
func DateField(f FieldErrors, field, s string) Date {
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		f.Add(field, "Enter a date in the form YYYY-MM-DD.")
		return Date{}
	}
	if d.Year < MinYear || d.Year > MaxYear {
		CheckDate(f, field, d)
		return Date{}
	}
	return d
}

// CheckTime adds a message for field when t is set and its date (in UTC)
// is outside the years MinYear to MaxYear.
func CheckTime(f FieldErrors, field string, t time.Time) {
	if !t.IsZero() {
		CheckDate(f, field, DateOf(t.UTC()))
	}
}
