package importing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"itinera"
)

// Cells as officers type them, read into field values. Every error says
// what is wrong with the value in words and gives an example.

// splitCell splits a list cell: items separated by semicolons, commas or
// line breaks.
func splitCell(s string) []string { return itinera.SplitList(s) }

// joinCell writes a list back as splitCell reads it.
func joinCell(items []string) string { return strings.Join(items, "; ") }

var yes = map[string]bool{"yes": true, "y": true, "true": true, "1": true, "x": true, "✓": true, "oui": true, "sí": true, "si": true, "ja": true, "sim": true}
var no = map[string]bool{"no": true, "n": true, "false": true, "0": true, "": true, "non": true, "nein": true, "não": true, "nao": true, "-": true}

func parseBool(s string) (bool, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch {
	case yes[k]:
		return true, nil
	case no[k]:
		return false, nil
	}
	return false, fmt.Errorf("%q is not yes or no.", s)
}

func boolCell(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// parseInt reads a whole number; a spreadsheet's "3.0" is 3.
func parseInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e9 {
		return int(f), nil
	}
	return 0, fmt.Errorf("%q is not a whole number.", s)
}

// parseFloat reads a decimal number with a point or, as European
// spreadsheets write it, a comma.
func parseFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number.", s)
	}
	return f, nil
}

func floatCell(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// parseDuration reads minutes: "90", "90 min", "1h30", "1:30", "1.5 h".
func parseDuration(s string) (int, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if t == "" {
		return 0, nil
	}
	for _, suf := range []string{"minutes", "minute", "mins", "min", "m"} {
		if strings.HasSuffix(t, suf) {
			if n, err := strconv.Atoi(strings.TrimSuffix(t, suf)); err == nil {
				return n, nil
			}
		}
	}
	if n, err := parseInt(t); err == nil {
		return n, nil
	}
	if h, m, ok := strings.Cut(t, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 == nil && err2 == nil && mm < 60 {
			return hh*60 + mm, nil
		}
	}
	if h, m, ok := strings.Cut(strings.TrimSuffix(strings.TrimSuffix(t, "hours"), "hrs"), "h"); ok {
		hf, err1 := strconv.ParseFloat(strings.Replace(h, ",", ".", 1), 64)
		mm := 0
		var err2 error
		if m = strings.TrimSuffix(strings.TrimSuffix(m, "min"), "m"); m != "" {
			mm, err2 = strconv.Atoi(m)
		}
		if err1 == nil && err2 == nil && hf >= 0 && mm >= 0 && mm < 60 {
			return int(math.Round(hf*60)) + mm, nil
		}
	}
	return 0, fmt.Errorf("%q is not a length of time: give minutes, for example 60 or 1h30.", s)
}

// excelEpoch is day 0 of spreadsheet serial dates (1899-12-30, so that
// serial 60 is Excel's phantom 29 February 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

var dateLayouts = []string{"2006-01-02", "2 January 2006", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006", "2006/01/02",
	"Monday 2 January 2006", "Mon 2 Jan 2006", "Monday, January 2, 2006", "02.01.2006", "2.1.2006"}

// parseDate reads a date as ISO (2026-03-02), in words (2 March 2026,
// March 2, 2026), as a spreadsheet serial number (46083), or as the
// German/European 02.03.2026. Slashed dates other than year first are
// refused: 03/02/2026 is 2 March in Chicago and 3 February in Lagos.
func parseDate(s string) (itinera.Date, error) {
	s = strings.Join(strings.Fields(s), " ")
	if d, err := itinera.ParseDate(s); err == nil {
		return d, nil
	}
	if len(s) > 10 && s[4] == '-' && s[10] == ' ' { // a date-time cell: its date
		if d, err := itinera.ParseDate(s[:10]); err == nil {
			return d, nil
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 1 && n < 2958466 {
		return itinera.DateOf(excelEpoch.AddDate(0, 0, int(n))), nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return itinera.DateOf(t), nil
		}
	}
	if strings.Count(s, "/") == 2 {
		return itinera.Date{}, fmt.Errorf("%q could be read two ways (day/month or month/day): write it as YYYY-MM-DD, for example 2026-03-02.", s)
	}
	return itinera.Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, for example 2026-03-02.", s)
}

func parseDates(s string) ([]itinera.Date, error) {
	var out []itinera.Date
	var bad []string
	for _, it := range splitDates(s) {
		d, err := parseDate(it)
		if err != nil {
			bad = append(bad, err.Error())
			continue
		}
		out = append(out, d)
	}
	if bad != nil {
		return out, fmt.Errorf("%s", strings.Join(bad, " "))
	}
	return out, nil
}

// splitDates splits a list of dates on semicolons and line breaks, and on
// commas only when no date in words (which has commas) is in it.
func splitDates(s string) []string {
	sep := func(r rune) bool { return r == ';' || r == '\n' }
	if !strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		sep = func(r rune) bool { return r == ';' || r == '\n' || r == ',' }
	}
	var out []string
	for _, it := range strings.FieldsFunc(s, sep) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

func datesCell(ds []itinera.Date) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return strings.Join(out, "; ")
}

var weekdayNames = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		m[strings.ToLower(d.String())] = d
		m[strings.ToLower(d.String()[:3])] = d
	}
	return m
}()

func parseWeekdays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, it := range splitCell(s) {
		d, ok := weekdayNames[strings.ToLower(strings.TrimSuffix(it, "s"))]
		if !ok {
			d, ok = weekdayNames[strings.ToLower(it)]
		}
		if !ok {
			return nil, fmt.Errorf("%q is not a day of the week: write Monday, Tuesday … Sunday.", it)
		}
		out = append(out, d)
	}
	return out, nil
}

func weekdaysCell(ws []time.Weekday) string {
	out := make([]string, len(ws))
	for i, d := range ws {
		out[i] = d.String()
	}
	return strings.Join(out, "; ")
}
