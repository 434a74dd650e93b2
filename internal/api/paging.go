package api

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"

	"itinera"
)

// Every list is paged: ?limit= (1 to MaxPageSize, DefaultPageSize by
// default) and ?cursor=, the opaque next_cursor of the page before. The
// answer is an object with the list under its name and "next_cursor",
// null on the last page.

// Page sizes.
const (
	DefaultPageSize = 100
	MaxPageSize     = 500
)

// cursor is where the next page starts: after offset records, the last of
// which had id last. If records were added or removed before it since, the
// page starts after the record last wherever it now is.
type cursor struct {
	Offset int   `json:"o"`
	Last   int64 `json:"l"`
	// The last record's sort key, for lists paged in SQL (keyset): a
	// program's arrival date, an organization's name.
	Date string `json:"d,omitempty"`
	Name string `json:"n,omitempty"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// paging is what a list request asks for.
type paging struct {
	limit int
	after cursor
}

// readPaging reads ?limit= and ?cursor=; wrong values are named.
func readPaging(r *http.Request) (paging, error) {
	q := r.URL.Query()
	p := paging{limit: DefaultPageSize}
	f := itinera.FieldErrors{}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			f.Add("limit", "Use a whole number from 1 to "+strconv.Itoa(MaxPageSize)+".")
		}
		p.limit = n
	}
	if s := q.Get("cursor"); s != "" {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || json.Unmarshal(b, &p.after) != nil || p.after.Offset < 1 || p.after.Last < 1 {
			f.Add("cursor", "Use the next_cursor of the page before, unchanged.")
		}
	}
	return p, f.Err("query")
}

// page cuts the page of xs (in their order) that p asks for, and returns
// the cursor of the next page (nil after the last).
func page[T any](p paging, xs []T, id func(T) int64) ([]T, *string) {
	start := 0
	if p.after.Offset > 0 {
		start = min(p.after.Offset, len(xs))
		if start == 0 || id(xs[start-1]) != p.after.Last {
			// The list changed before the cursor: find the last record shown.
			for i, x := range xs {
				if id(x) == p.after.Last {
					start = i + 1
					break
				}
			}
		}
	}
	end := min(start+p.limit, len(xs))
	out := xs[start:end]
	if end >= len(xs) || end == start {
		return out, nil
	}
	next := cursor{Offset: end, Last: id(xs[end-1])}.encode()
	return out, &next
}

// listed answers a page of a list: {"<name>": [...], "next_cursor": …}.
func listed[T, J any](w http.ResponseWriter, r *http.Request, a *API, name string, xs []T, id func(T) int64, show func(T) J) error {
	p, err := readPaging(r)
	if err != nil {
		return err
	}
	pg, next := page(p, xs, id)
	return a.ok(w, r, map[string]any{name: mapList(pg, show), "next_cursor": next})
}

// badCursor is the error of a cursor that names no record of the list.
func badCursor() error {
	f := itinera.FieldErrors{}
	f.Add("cursor", "Use the next_cursor of the page before, unchanged.")
	return f.Err("query")
}
