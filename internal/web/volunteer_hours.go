package web

import "strconv"

// hoursLabel shows volunteer time as hours and minutes, as reports count
// it: "4 h 30 min", "45 min", "0 h".
func hoursLabel(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case m == 0:
		return strconv.Itoa(h) + " h"
	case h == 0:
		return strconv.Itoa(m) + " min"
	}
	return strconv.Itoa(h) + " h " + strconv.Itoa(m) + " min"
}
