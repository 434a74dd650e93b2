package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
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

// TestListsPagedInSQL: the programs and organizations lists are read a
// page at a time from the database (keyset on the last record's sort key
// in the cursor): a walk sees every record once, in the list's order,
// names of mixed case included, and another tenant's records never.
func TestListsPagedInSQL(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		for i := range 7 {
			e.do("POST", "/api/v1/programs", e.officerA, map[string]any{"title": "P" + strconv.Itoa(i), "city": "St. Louis",
				"time_zone": "America/Chicago", "start_date": "2026-05-0" + strconv.Itoa(1+i%3), "end_date": "2026-05-09"}).expect(http.StatusCreated)
		}
		for _, n := range []string{"alpha Group", "Alpha group", "beta", "Beta", "BETA", "gamma"} {
			e.do("POST", "/api/v1/organizations", e.officerA, map[string]any{"name": n, "kind": "nonprofit"}).expect(http.StatusCreated)
		}
		e.do("POST", "/api/v1/organizations", e.officerB, map[string]any{"name": "beta of B", "kind": "nonprofit"}).expect(http.StatusCreated)
		walk := func(list, key string) []string {
			t.Helper()
			var got []string
			next := ""
			for pages := 0; ; pages++ {
				path := "/api/v1/" + list + "?limit=2"
				if next != "" {
					path += "&cursor=" + url.QueryEscape(next)
				}
				m := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK).object()
				for _, x := range m[list].([]any) {
					got = append(got, x.(map[string]any)[key].(string))
				}
				if m["next_cursor"] == nil || pages > 20 {
					return got
				}
				next = m["next_cursor"].(string)
			}
		}
		for _, c := range []struct{ list, key string }{{"programs", "title"}, {"organizations", "name"}} {
			all := e.do("GET", "/api/v1/"+c.list+"?limit=500", e.viewerA, nil).expect(http.StatusOK).object()[c.list].([]any)
			var want []string
			for _, x := range all {
				want = append(want, x.(map[string]any)[c.key].(string))
			}
			if got := walk(c.list, c.key); strings.Join(got, "|") != strings.Join(want, "|") || len(got) < 7 {
				t.Errorf("%s, two at a time: %q\nwhole: %q", c.list, got, want)
			}
			if strings.Contains(strings.Join(want, "|"), "of B") {
				t.Errorf("another tenant's %s listed: %q", c.list, want)
			}
		}
	})
}
