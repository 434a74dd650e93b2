package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPlanAppliesSubgroups: the Build-itinerary page's Sub-groups section
// has a form per split day; a stale digest is refused with a flash back on
// the page; applying goes to the day, where the sub-groups' items are drawn
// side by side, each list entry says who attends it (Ana only with Lucía's
// group), and each sub-group has its own map; the week view and the
// builder's timeline draw the lanes too.
func TestPlanAppliesSubgroups(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c, p := e.mustDemo()
	path := "/programs/" + itoa(p.ID) + "/plan"
	_, doc := c.page(path, http.StatusOK)
	forms := doc.all("#subgroups form.subgroups-apply")
	if len(forms) != 1 {
		t.Fatalf("%d forms to apply sub-groups, want 1 (the split day)", len(forms))
	}
	form := forms[0].formValues()
	date := form.Get("date")
	if !strings.Contains(forms[0].Text(), "Apply this day's sub-groups") || date == "" || form.Get("digest") == "" {
		t.Fatalf("form %v: %q", form, forms[0].Text())
	}
	if !strings.Contains(doc.one(t, "#subgroups").Text(), "To undo a split, apply the itinerary above") {
		t.Error("the page does not say how to undo a split")
	}

	stale := url.Values{"date": {date}, "digest": {"not-what-was-shown"}}
	res, _ := c.post("/programs/"+itoa(p.ID)+"/subgroups/apply", stale)
	if loc := res.Header.Get("Location"); loc != path+"#subgroups" {
		t.Fatalf("a stale digest goes to %q", loc)
	}
	if got := c.follow(res).Text(); !strings.Contains(got, "The sub-groups were not applied: The program changed") {
		t.Errorf("stale: no flash")
	}

	res, _ = c.post("/programs/"+itoa(p.ID)+"/subgroups/apply", form)
	day := "/programs/" + itoa(p.ID) + "/itinerary/" + date
	if loc := res.Header.Get("Location"); loc != day {
		t.Fatalf("applying goes to %q, want the day %s", loc, day)
	}
	page := c.follow(res)
	if !strings.Contains(page.Text(), "Itinerary version 2 saved: the sub-groups of Tue ") {
		t.Fatalf("after applying: %q", page.one(t, "main").Text())
	}
	if len(page.all(".wk-block.item.lane-1-2")) == 0 || len(page.all(".wk-block.item.lane-2-2")) == 0 {
		t.Error("the day does not draw the two sub-groups side by side")
	}
	for _, b := range page.all(".wk-block.item.lane") {
		if !strings.HasPrefix(b.one(t, ".wk-who").Text(), "Group ") {
			t.Errorf("block %q does not say its group", b.Text())
		}
	}
	who := page.all(".wk-entry p.who")
	if len(who) < 2 {
		t.Fatalf("%d items say who attends them", len(who))
	}
	for _, w := range who {
		txt := w.Text()
		if strings.Contains(txt, "Lucía Ramírez Ortega") != strings.Contains(txt, "with Ana Beltrán (interpreter)") {
			t.Errorf("item for %q", txt)
		}
	}
	page.one(t, "figure.day-map#map-"+date+"-group-1")
	page.one(t, "figure.day-map#map-"+date+"-group-2")

	_, week := c.page("/programs/"+itoa(p.ID)+"/itinerary", http.StatusOK)
	if len(week.all(".wk-block.item.lane")) < 2 {
		t.Error("the week view does not draw the sub-groups' lanes")
	}
	_, plan := c.page(path, http.StatusOK)
	if len(plan.all("svg.timeline g.item.lane")) < 2 || !strings.Contains(plan.Text(), "for Group 1") {
		t.Error("the builder's timeline of the current itinerary does not draw the lanes")
	}
	// Applied: the section says so instead of offering the same again.
	plan.one(t, "#subgroups-applied-"+date)
	if len(plan.all("#subgroups form.subgroups-apply")) != 0 {
		t.Error("the builder offers to apply the sub-groups the itinerary has")
	}
}
