package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// formatDuration writes a DURATION value (RFC 5545 3.3.6) such as PT1H or
// P1DT30M; fractions of a second are dropped.
func formatDuration(d time.Duration) string {
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		d = -d
	}
	b.WriteByte('P')
	sec := int64(d / time.Second)
	days, sec := sec/86400, sec%86400
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if sec > 0 || days == 0 {
		b.WriteByte('T')
		h, m, s := sec/3600, sec/60%60, sec%60
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if s > 0 || sec == 0 {
			fmt.Fprintf(&b, "%dS", s)
		}
	}
	return b.String()
}

// parseDuration reads a DURATION value such as PT1H, P1D, -PT15M or P2W.
func parseDuration(s string) (time.Duration, error) {
	orig := s
	bad := fmt.Errorf("%q is not a duration such as PT1H", orig)
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, bad
	}
	s = s[1:]
	var total time.Duration
	inTime, seen := false, false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime || len(s) == 1 {
				return 0, bad
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 9 {
			return 0, bad
		}
		n, _ := strconv.ParseInt(s[:i], 10, 64)
		var unit time.Duration
		switch {
		case s[i] == 'W' && !inTime:
			unit = 7 * 24 * time.Hour
		case s[i] == 'D' && !inTime:
			unit = 24 * time.Hour
		case s[i] == 'H' && inTime:
			unit = time.Hour
		case s[i] == 'M' && inTime:
			unit = time.Minute
		case s[i] == 'S' && inTime:
			unit = time.Second
		default:
			return 0, bad
		}
		if time.Duration(n) > (1<<62)/unit {
			return 0, bad
		}
		total += time.Duration(n) * unit
		seen = true
		s = s[i+1:]
	}
	if !seen || total < 0 {
		return 0, bad
	}
	if neg {
		total = -total
	}
	return total, nil
}
