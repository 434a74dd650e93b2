package api

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestPaging walks a list of 23 places 5 at a time: every place once, in
// order, the last page without a cursor; a place added mid-walk does not
// make the walk repeat or skip one; wrong limits and cursors are named.
func TestPaging(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		for i := 0; i < 22; i++ { // the fixture has one
			e.do("POST", "/api/v1/places", e.officerA, map[string]any{"name": "Place " + strconv.Itoa(100+i), "kind": "venue",
				"address": "1 Main St", "lat": 38.6, "lon": -90.2}).expect(http.StatusCreated)
		}
		seen := map[string]bool{}
		next, pages := "", 0
		for {
			path := "/api/v1/places?limit=5"
			if next != "" {
				path += "&cursor=" + url.QueryEscape(next)
			}
			m := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
			pages++
			for _, p := range m["places"].([]any) {
				name := p.(map[string]any)["name"].(string)
				if seen[name] {
					t.Fatalf("%s listed twice", name)
				}
				seen[name] = true
			}
			if pages == 2 { // a place sorted before the cursor arrives
				e.do("POST", "/api/v1/places", e.officerA, map[string]any{"name": "AAA first", "kind": "venue",
					"address": "1 Main St", "lat": 38.6, "lon": -90.2}).expect(http.StatusCreated)
			}
			if m["next_cursor"] == nil {
				break
			}
			next = m["next_cursor"].(string)
			if pages > 10 {
				t.Fatal("the walk does not end")
			}
		}
		if len(seen) != 23 || pages != 5 {
			t.Errorf("%d places in %d pages, want 23 in 5", len(seen), pages)
		}
		for _, q := range []string{"limit=0", "limit=501", "limit=x", "cursor=not-a-cursor", "cursor=e30"} {
			r := e.do("GET", "/api/v1/places?"+q, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
			if _, _, f := r.apiError(); len(f) == 0 {
				t.Errorf("%s: no field named", q)
			}
		}
	})
}
