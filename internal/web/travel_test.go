package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestTravelTimesYouSet: on the itinerary builder the officer sets a
// leg's time, sees it listed, and removes it.
func TestTravelTimesYouSet(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	plan := "/programs/" + itoa(e.a.program.ID) + "/plan"
	_, doc := c.page(plan, http.StatusOK)
	doc.one(t, "form#travel-form select#travel-from")
	form := url.Values{"from_place_id": {itoa(e.a.place.ID)}, "to_place_id": {itoa(e.a.household.PlaceID)}, "minutes": {"50"},
		"note": {"The bus takes 50 minutes here"}}
	res, _ := c.post("/programs/"+itoa(e.a.program.ID)+"/travel", form)
	doc = c.follow(res)
	row := doc.one(t, "table#travel-overrides tbody tr")
	if !strings.Contains(row.Text(), "50") || !strings.Contains(row.Text(), "The bus takes 50 minutes here") {
		t.Fatalf("%q", row.Text())
	}
	// A place of another organization is refused, and nothing is saved.
	form.Set("to_place_id", itoa(e.b.place.ID))
	res, _ = c.post("/programs/"+itoa(e.a.program.ID)+"/travel", form)
	doc = c.follow(res)
	if n := len(doc.all("table#travel-overrides tbody tr")); n != 1 {
		t.Fatalf("%d legs after a refused one", n)
	}
	res, _ = c.post("/programs/"+itoa(e.a.program.ID)+"/travel/delete", url.Values{"from_place_id": {itoa(e.a.place.ID)},
		"to_place_id": {itoa(e.a.household.PlaceID)}})
	doc = c.follow(res)
	if doc.has("table#travel-overrides") {
		t.Error("the removed leg is still listed")
	}
}
