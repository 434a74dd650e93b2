package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"itinera"
)

// TestProgramSections opens each section of a program: its own address,
// the section navigation with the current section marked, and what the
// section holds; the old anchors of the single program page now live in
// their sections.
func TestProgramSections(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	base := "/programs/" + pid
	for _, sc := range []struct {
		path, tab string
		has       []string
	}{
		{base, "overview", []string{"h1", "#program-facts", "#readiness #ready-itinerary a[href=" + base + "/plan]", "#readiness #ready-not-requested",
			"form#program-file", "#at-a-glance a[href=" + base + "/delegation]"}},
		{base + "/delegation", "delegation", []string{"#visitors table", "#interpreters", "a[href=" + base + "/visitors/new]"}},
		{base + "/candidates", "candidates", []string{"#meetings article#meeting-" + itoa(e.a.meeting.ID), "#activities article#activity-" + itoa(e.a.activity.ID),
			"form#cancel-meeting-" + itoa(e.a.meeting.ID)}},
		{base + "/itinerary", "itinerary", []string{"#no-itinerary", "#days table", "a#build-itinerary"}},
		{base + "/requests", "requests", []string{"#request-board"}},
		{base + "/hospitality", "hospitality", []string{"#evenings"}},
		{base + "/evenings", "hospitality", []string{"#evenings"}},
		{base + "/book-and-releases", "books", []string{"#books", "#feeds table", "#releases"}},
		{base + "/follow-up", "follow-up", []string{"#feedback #feedback-counts", "#collaborations #collaboration-list", "form#collab-form"}},
	} {
		_, doc := c.page(sc.path, http.StatusOK)
		nav := doc.one(t, "nav.tabs[aria-label=Sections of the program]")
		if n := len(nav.all("a")); n != 8 {
			t.Errorf("%s: %d sections", sc.path, n)
		}
		cur := nav.all("a[aria-current=page]")
		if len(cur) != 1 || cur[0].attr("id") != "tab-"+sc.tab {
			t.Errorf("%s: current section %v", sc.path, cur)
		}
		for _, sel := range sc.has {
			doc.one(t, sel)
		}
	}
	// Each part is in one section only.
	_, doc := c.page(base, http.StatusOK)
	for _, sel := range []string{"#visitors", "#meetings", "#days", "#feeds"} {
		if doc.has(sel) {
			t.Errorf("the Overview holds %s", sel)
		}
	}
}

// TestActionsReturnToTheirSection: every form started in a section sends
// the officer back to it, at the changed part.
func TestActionsReturnToTheirSection(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	base := "/programs/" + pid
	// Edit forms sent back unchanged.
	for _, sc := range []struct{ form, want string }{
		{"/visitors/" + itoa(e.a.visitor.ID) + "/edit", base + "/delegation#visitors"},
		{"/interpreters/" + itoa(e.a.interpreter.ID) + "/edit", base + "/delegation#interpreters"},
		{"/meetings/" + itoa(e.a.meeting.ID) + "/edit", base + "/candidates#meeting-" + itoa(e.a.meeting.ID)},
		{"/activities/" + itoa(e.a.activity.ID) + "/edit", base + "/candidates#activity-" + itoa(e.a.activity.ID)},
		{base + "/days/2026-12-07/edit", base + "/itinerary#days"},
		{base + "/edit", base},
	} {
		_, doc := c.page(sc.form, http.StatusOK)
		form := doc.one(t, "form#record-form")
		if cancel := doc.one(t, "#record-form a.cancel, #record-form .actions a").attr("href"); !strings.HasPrefix(sc.want, strings.Split(cancel, "#")[0]) {
			t.Errorf("%s: cancel goes to %q, want %q", sc.form, cancel, sc.want)
		}
		res, body := c.post(form.attr("action"), form.formValues())
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != sc.want {
			t.Errorf("%s: %d → %q, want %q\n%s", sc.form, res.StatusCode, res.Header.Get("Location"), sc.want, body)
		}
	}
	// Cancelling a meeting, revoking a feed.
	res, _ := c.post("/meetings/"+itoa(e.a.meeting.ID)+"/cancel", url.Values{"reason": {"The host is away."}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != base+"/candidates#meeting-"+itoa(e.a.meeting.ID) {
		t.Errorf("cancel: %d → %q", res.StatusCode, loc)
	}
	res, _ = c.post("/feeds/"+itoa(e.a.feed.ID)+"/revoke", url.Values{"program_id": {pid}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != base+"/book-and-releases#feeds" {
		t.Errorf("revoke: %d → %q", res.StatusCode, loc)
	}
}

// TestWeekView draws a saved itinerary as the week: each day a column on
// one hour axis, items placed by their time on 5-minute rows, their kind
// in words, the travel before them labelled, the lunch where it fits,
// times with their zone; under it each item's Move form. The day view
// shows one day with the day's map.
func TestWeekView(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	mustItinerary(t, e)
	days, err := e.store.Days(ctx, e.a.tenant.ID, e.a.program.ID)
	must(t, err)
	arrival := days[0]
	arrival.Start, arrival.End, arrival.LunchMinutes = itinera.MustClock("18:30"), itinera.MustClock("22:00"), 0
	arrival.LunchFrom, arrival.LunchTo = 0, 0
	must(t, e.store.UpdateDay(ctx, e.a.tenant.ID, &arrival))

	_, doc := c.page("/programs/"+pid+"/itinerary", http.StatusOK)
	week := doc.one(t, "#week")
	if n := len(week.all(".wk-day")); n != 5 {
		t.Fatalf("%d day columns, want the program's 5", n)
	}
	if week.attr("data-axis-start") != "480" || week.attr("data-slot") != "5" {
		t.Errorf("axis from %s, slot %s", week.attr("data-axis-start"), week.attr("data-slot"))
	}
	mon := week.one(t, ".wk-day#day-2026-12-07")
	mon.one(t, "h3 a[href=/programs/"+pid+"/itinerary/2026-12-07]")
	m := mon.one(t, ".wk-block.item.meeting.pinned[data-key=m"+itoa(e.a.meeting.ID)+"]")
	// 09:30 is row (570-480)/5+1 = 19; 90 minutes are 18 rows.
	// On a phone Monday is drawn on its own hours, from 08:00 too.
	if cls := m.attr("class"); !strings.HasSuffix(cls, " wk-r19 wk-s18 wk-p19 wk-q18") {
		t.Errorf("meeting placed by %q", cls)
	}
	if got := m.Text(); !strings.HasPrefix(got, "Meeting · pinned 09:30–11:00 CST "+e.a.meeting.Title) {
		t.Errorf("meeting block %q", got)
	}
	a := mon.one(t, ".wk-block.item.activity")
	if !strings.HasPrefix(a.Text(), "Activity 14:00–16:00 CST") {
		t.Errorf("activity block %q", a.Text())
	}
	travel := mon.all(".wk-block.travel")
	if len(travel) != 2 || travel[0].Text() != "20 min by van" || !strings.Contains(travel[0].attr("class"), "wk-r15 wk-s4 ") {
		t.Errorf("travel %v", travel)
	}
	if got := mon.one(t, ".wk-block.lunch").Text(); got != "Lunch 11:30–12:30 CST" {
		t.Errorf("lunch %q", got)
	}
	if n := len(mon.all(".wk-hour")); n < 10 {
		t.Errorf("%d hour lines", n)
	}
	sat := week.one(t, ".wk-day#day-2026-12-05")
	if sat.has(".wk-block.item") {
		t.Error("an empty day has items")
	}
	// Its own hours are its limits (arrival, 18:30–22:00): on a phone
	// the hours before are not drawn.
	if g := sat.one(t, ".wk-grid"); g.attr("data-phone-start") != "1080" || g.attr("data-phone-rows") != "48" || len(sat.all(".wk-hour.wk-out")) != 10 {
		t.Errorf("Saturday on a phone from %s, %s rows, %d hours not drawn", g.attr("data-phone-start"), g.attr("data-phone-rows"), len(sat.all(".wk-hour.wk-out")))
	}
	if off := sat.all(".wk-block.off"); len(off) != 1 || !strings.HasSuffix(off[0].attr("class"), "wk-r1 wk-s126 wk-p1 wk-q6") {
		t.Errorf("Saturday's hours before its limits: %v", off)
	}
	// The list and the Move forms.
	key := "m" + itoa(e.a.meeting.ID)
	li := doc.one(t, "#items li#item-"+key)
	if !strings.Contains(li.Text(), "09:30–11:00 CST Meeting pinned "+e.a.meeting.Title) {
		t.Errorf("list entry %q", li.Text())
	}
	f := li.one(t, "form#move-"+key+"[method=get][action=/programs/"+pid+"/itinerary/move]")
	f.one(t, "select#move-"+key+"-date option[selected][value=2026-12-07]")
	f.one(t, "input#move-"+key+"-time[type=time][value=09:30]")
	if !hasWeekScript(doc) {
		t.Error("no week.js")
	}

	// A viewer sees the week without the forms.
	_, vdoc := e.signIn(e.a.viewer).page("/programs/"+pid+"/itinerary", http.StatusOK)
	if vdoc.has("form.move-form") || hasWeekScript(vdoc) {
		t.Error("a viewer is offered to move items")
	}

	// The day view.
	_, doc = c.page("/programs/"+pid+"/itinerary/2026-12-07", http.StatusOK)
	if got := doc.one(t, "main h1").Text(); got != "Mon 7 Dec 2026" {
		t.Errorf("day view h1 %q", got)
	}
	doc.one(t, "#week.day-view .wk-day#day-2026-12-07 .wk-block.item.meeting")
	doc.one(t, "#day-maps figure.day-map#map-2026-12-07")
	doc.one(t, "a[rel=prev][href=/programs/"+pid+"/itinerary/2026-12-06]")
	doc.one(t, "#items form#move-"+key)
	if res, _ := c.get("/programs/" + pid + "/itinerary/2027-01-01"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a day outside the program: %d", res.StatusCode)
	}
}

// mustItinerary saves an itinerary for the fixture's program: the meeting
// Monday 09:30–11:00 (pinned, 20 min from the hotel) and the activity
// 14:00–16:00.
func mustItinerary(t *testing.T, e *env) itinera.Itinerary {
	t.Helper()
	loc := e.a.program.Location()
	mon := itinera.MustDate("2026-12-07")
	it := itinera.Itinerary{TenantID: e.a.tenant.ID, ProgramID: e.a.program.ID, Note: "First draft", Items: []itinera.ItineraryItem{
		{MeetingID: e.a.meeting.ID, Start: mon.At(itinera.MustClock("09:30"), loc), End: mon.At(itinera.MustClock("11:00"), loc),
			TravelMinutes: 20, Pinned: true},
		{ActivityID: e.a.activity.ID, Start: mon.At(itinera.MustClock("14:00"), loc), End: mon.At(itinera.MustClock("16:00"), loc),
			TravelMinutes: 15},
	}}
	must(t, e.store.SaveItinerary(ctx, &it))
	return it
}

// TestMoveByForm moves the meeting with the keyboard path: the check
// explains the move before anything is saved, saving makes the next
// version and returns to the item in the week; a move outside the
// meeting's window is refused with its reason, and so is a stale one.
func TestMoveByForm(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	pid := itoa(e.a.program.ID)
	it := mustItinerary(t, e)
	key := "m" + itoa(e.a.meeting.ID)
	check := "/programs/" + pid + "/itinerary/move?item=" + key + "&date=2026-12-07&version=1&time="

	_, doc := c.page(check+"10:15", http.StatusOK)
	got := doc.one(t, "#move-check[role=status]").Text()
	if !strings.Contains(got, "Moves the meeting to 10:15 CST: inside its window 09:00–12:00;") || !strings.Contains(got, "It is now Mon 7 Dec 09:30–11:00 CST") {
		t.Errorf("check %q", got)
	}
	save := doc.one(t, "form#move-save[method=post]")
	if now, _ := e.store.CurrentItinerary(ctx, e.a.tenant.ID, e.a.program.ID); now.Version != it.Version {
		t.Fatal("the check saved")
	}

	_, doc = c.page(check+"11:00", http.StatusOK)
	if got := doc.one(t, "#move-check[role=alert]").Text(); !strings.Contains(got, "is available only 09:00–12:00 on Mon 7 Dec; 11:00–12:30 is outside.") {
		t.Errorf("refusal %q", got)
	}
	if doc.has("form#move-save") {
		t.Error("a refused move may be saved")
	}
	doc.one(t, "form#move-form select#move-item option[selected][value="+key+"]")
	res, body := c.post(save.attr("action"), withValue(save.formValues(), "time", "11:00"))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(parseHTML(t, body).one(t, "#move-error").Text(), "11:00–12:30 is outside") {
		t.Errorf("refused save: %d", res.StatusCode)
	}

	res, _ = c.post(save.attr("action"), save.formValues())
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/programs/"+pid+"/itinerary#item-"+key {
		t.Fatalf("save: %d → %q", res.StatusCode, loc)
	}
	doc = c.follow(res)
	if got := doc.one(t, "#flash").Text(); !strings.HasPrefix(got, "Itinerary version 2 saved. Moves the meeting to 10:15 CST") {
		t.Errorf("flash %q", got)
	}
	if got := doc.one(t, "li#item-"+key).Text(); !strings.HasPrefix(got, "10:15–11:45 CST") {
		t.Errorf("after the move %q", got)
	}
	// The form was made on version 1: saving it again is a conflict.
	res, body = c.post(save.attr("action"), withValue(save.formValues(), "time", "10:30"))
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "The itinerary changed since it was shown") {
		t.Errorf("stale save: %d", res.StatusCode)
	}
}

func hasWeekScript(doc *node) bool {
	for _, s := range doc.all("script") {
		if strings.HasPrefix(s.attr("src"), "/assets/week.") {
			return true
		}
	}
	return false
}

// TestWeekCSSRows: workspace.css places a block on any row of a whole
// day, on the week's axis and on a phone.
func TestWeekCSSRows(t *testing.T) {
	t.Parallel()
	b, err := assetFS.ReadFile("assets/workspace.css")
	must(t, err)
	css := string(b)
	for n := 1; n <= weekMaxRows+1; n++ {
		for _, rule := range []string{fmt.Sprintf(".wk-r%d { grid-row-start: %d; }", n, n), fmt.Sprintf(".wk-p%d { grid-row-start: %d; }", n, n)} {
			if !strings.Contains(css, rule) {
				t.Fatalf("no %q", rule)
			}
		}
		if n > weekMaxRows {
			continue
		}
		for _, rule := range []string{fmt.Sprintf(".wk-s%d { grid-row-end: span %d; }", n, n), fmt.Sprintf(".wk-q%d { grid-row-end: span %d; }", n, n)} {
			if !strings.Contains(css, rule) {
				t.Fatalf("no %q", rule)
			}
		}
	}
}
