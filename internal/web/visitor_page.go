package web

import (
	"strconv"

	"itinera"
)

// visitorPageSize is how many visitors the delegation page shows at once.
const visitorPageSize = 200

// delegationPage is where a page of the delegation's visitors stands.
type delegationPage struct {
	Total    int    // visitors in the program
	From, To int    // the 1-based positions shown
	Next     string // the next page's address; "" on the last
	First    string // the first page's address; "" on the first
}

// pageVisitors keeps, of vs (in the program's order: family name, given
// name, id), the page of visitorPageSize after the visitor whose id is
// after (keyset paging: the link names the last visitor shown, so that a
// visitor added or removed meanwhile shifts nothing). An unknown or
// malformed cursor shows the first page. Nil when everything fits on one
// page.
func pageVisitors(vs *[]itinera.Visitor, after, base string) *delegationPage {
	all := *vs
	if len(all) <= visitorPageSize {
		return nil
	}
	start := 0
	if id, err := strconv.ParseInt(after, 10, 64); err == nil {
		for i, v := range all {
			if v.ID == id {
				start = i + 1
				break
			}
		}
	}
	end := min(start+visitorPageSize, len(all))
	pg := &delegationPage{Total: len(all), From: start + 1, To: end}
	if start >= len(all) {
		start, end = 0, min(visitorPageSize, len(all))
		pg.From, pg.To = 1, end
	}
	if end < len(all) {
		pg.Next = base + "?after=" + strconv.FormatInt(all[end-1].ID, 10) + "#visitors"
	}
	if start > 0 {
		pg.First = base + "#visitors"
	}
	*vs = all[start:end:end]
	return pg
}
