package web

import (
	"strconv"

	"itinera"
)

// visitorPageSize is how many visitors the delegation page shows at once.
const visitorPageSize = 200

// delegationPage is where a page of the delegation's visitors stands.
type delegationPage struct {
	Total int    // visitors in the program
	Shown int    // visitors on this page
	Next  string // the next page's address; "" on the last
	First string // the first page's address; "" on the first
}

// pageOfVisitors trims *page (up to visitorPageSize+1 visitors read after
// the visitor after) to a page and says where it stands in a delegation
// of total. Keyset paging: the next page's link names the last visitor
// shown, so a visitor added or removed meanwhile shifts nothing. Nil when
// the whole delegation fits on the first page.
func pageOfVisitors(page *[]itinera.Visitor, total int, after int64, base string) *delegationPage {
	vs := *page
	more := len(vs) > visitorPageSize
	if more {
		vs = vs[:visitorPageSize]
		*page = vs
	}
	if !more && after == 0 {
		return nil
	}
	pg := &delegationPage{Total: total, Shown: len(vs)}
	if more {
		pg.Next = base + "?after=" + strconv.FormatInt(vs[len(vs)-1].ID, 10) + "#visitors"
	}
	if after != 0 {
		pg.First = base + "#visitors"
	}
	return pg
}
