package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"itinera"
)

// TestSubgroupForms: the meeting form offers whom it is for, the
// program's visitors, the capacity and the languages; the day form the
// parts together; the program form the split settings. What is saved is
// shown again, wrong values come back with the field named, on both
// databases; the Overview warns of visitors left without interpretation.
func TestSubgroupForms(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		c := e.signIn(e.a.officer)
		p, m := e.a.program, e.a.meeting
		lucia := itinera.Visitor{TenantID: e.a.tenant.ID, ProgramID: p.ID, GivenName: "Lucía", FamilyName: "Ramírez",
			Country: "Mexico", Languages: []string{"Spanish"}}
		kenji := itinera.Visitor{TenantID: e.a.tenant.ID, ProgramID: p.ID, GivenName: "Kenji", FamilyName: "Watanabe",
			Country: "Japan", Languages: []string{"Japanese"}}
		must(t, e.store.CreateVisitor(ctx, &lucia))
		must(t, e.store.CreateVisitor(ctx, &kenji))

		// The meeting form.
		path := "/meetings/" + itoa(m.ID)
		_, doc := c.page(path+"/edit", http.StatusOK)
		doc.one(t, "select#f-attendance option[value=everyone][selected]")
		doc.one(t, "fieldset#f-visitor_ids input[type=checkbox][value='"+itoa(lucia.ID)+"']")
		doc.one(t, "fieldset#f-languages input[type=checkbox][value=fr]")
		doc.one(t, "input#f-max_visitors[type=number]")
		form := meetingValues(m, p.Location())
		form.Set("attendance", "visitors")
		form["visitor_ids"] = []string{itoa(lucia.ID), itoa(kenji.ID)}
		form.Set("max_visitors", "5")
		form["languages"] = []string{"en"}
		form.Set("status", "confirmed")
		if res, _ := c.post(path, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the meeting: %d", res.StatusCode)
		}
		got, err := e.store.Meeting(ctx, e.a.tenant.ID, m.ID)
		must(t, err)
		if got.For != itinera.ForVisitors || got.MaxVisitors != 5 || got.MinVisitors != 0 ||
			!reflect.DeepEqual(got.VisitorIDs, []int64{lucia.ID, kenji.ID}) || !reflect.DeepEqual(got.Languages, []string{"en"}) {
			t.Fatalf("saved %+v %v", got.Attendance, got.Languages)
		}
		_, doc = c.page(path+"/edit", http.StatusOK)
		doc.one(t, "select#f-attendance option[value=visitors][selected]")
		doc.one(t, "fieldset#f-visitor_ids input[value='"+itoa(kenji.ID)+"'][checked]")
		doc.one(t, "fieldset#f-languages input[value=en][checked]")
		if v := doc.one(t, "input#f-max_visitors").attr("value"); v != "5" {
			t.Errorf("max visitors shown as %q", v)
		}
		if v := doc.one(t, "input#f-min_visitors").attr("value"); v != "" {
			t.Errorf("no minimum shown as %q", v)
		}
		_, doc = c.page("/programs/"+itoa(p.ID)+"/candidates", http.StatusOK)
		if txt := doc.one(t, "#meeting-"+itoa(m.ID)).Text(); !strings.Contains(txt, "ForLucía Ramírez, Kenji Watanabe · at most 5 visitors") ||
			!strings.Contains(txt, "LanguagesEnglish") {
			t.Errorf("the candidate says %q", txt)
		}
		// Wrong values come back with the fields named.
		form = meetingValues(got, p.Location())
		form.Set("min_visitors", "6")
		form.Set("max_visitors", "3")
		form.Del("visitor_ids")
		form["languages"] = []string{"de"}
		res, body := c.post(path, form)
		doc = parseHTML(t, body)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong values: %d", res.StatusCode)
		}
		for sel, want := range map[string]string{"#f-max_visitors-error": "fewer than the minimum of 6",
			"#f-visitor_ids-error": "Choose at least one visitor", "#f-languages-error": "choose one of en (English)"} {
			if txt := doc.one(t, sel).Text(); !strings.Contains(txt, want) {
				t.Errorf("%s: %q", sel, txt)
			}
		}

		// Tenant B's visitor cannot be named.
		form = meetingValues(got, p.Location())
		form["visitor_ids"] = []string{itoa(e.b.visitor.ID)}
		res, body = c.post(path, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(parseHTML(t, body).one(t, "#f-visitor_ids-error").Text(), "Choose only listed entries") {
			t.Fatalf("another organization's visitor: %d", res.StatusCode)
		}

		// The Overview: Kenji speaks no English and Lena (English-Spanish)
		// does not cover him; Lucía is covered.
		_, doc = c.page("/programs/"+itoa(p.ID), http.StatusOK)
		if txt := doc.one(t, "#ready-interpretation").Text(); !strings.Contains(txt, "1 confirmed meeting where visitors would be left without interpretation") ||
			!strings.Contains(txt, "(in English): Kenji Watanabe") || strings.Contains(txt, "Lucía") {
			t.Errorf("readiness says %q", txt)
		}

		// The day form: parts together.
		day := p.StartDate.AddDays(1)
		dpath := "/programs/" + itoa(p.ID) + "/days/" + day.String()
		_, doc = c.page(dpath+"/edit", http.StatusOK)
		dform := doc.one(t, "form[action='"+dpath+"']").formValues()
		dform.Set("together", "09:30-13:00 Gateway Arch\n18:00 - 21:30 Home-hospitality dinners")
		if res, _ := c.post(dpath, dform); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the day: %d", res.StatusCode)
		}
		days, err := e.store.Days(ctx, e.a.tenant.ID, p.ID)
		must(t, err)
		if len(days[1].Together) != 2 || days[1].Together[1].Label != "Home-hospitality dinners" {
			t.Fatalf("together: %+v", days[1].Together)
		}
		_, doc = c.page(dpath+"/edit", http.StatusOK)
		if v := doc.one(t, "textarea#f-together").Text(); v != "09:30-13:00 Gateway Arch 18:00-21:30 Home-hospitality dinners" {
			t.Errorf("together shown as %q", v)
		}
		_, doc = c.page("/programs/"+itoa(p.ID)+"/itinerary", http.StatusOK)
		if txt := doc.one(t, "#days").Text(); !strings.Contains(txt, "18:00-21:30 Home-hospitality dinners") {
			t.Errorf("days table: %q", txt)
		}
		_, doc = c.page(dpath+"/edit", http.StatusOK)
		dform = doc.one(t, "form[action='"+dpath+"']").formValues()
		dform.Set("together", "evening")
		res, body = c.post(dpath, dform)
		doc = parseHTML(t, body)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.one(t, "#f-together-error").Text(), "Line 1: write a part as 18:00-21:30") {
			t.Fatalf("a bad line: %d", res.StatusCode)
		}

		// The program form: lunch and cost when the delegation splits.
		ppath := "/programs/" + itoa(p.ID)
		_, doc = c.page(ppath+"/edit", http.StatusOK)
		doc.one(t, "select#f-split_lunch option[value=together][selected]")
		pform := programValues(p)
		pform.Set("split_lunch", "apart")
		pform.Set("split_cost", "8")
		if res, _ := c.post(ppath, pform); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the program: %d", res.StatusCode)
		}
		gp, err := e.store.Program(ctx, e.a.tenant.ID, p.ID)
		must(t, err)
		if gp.SplitLunch != itinera.LunchApart || gp.SplitCost != 8 {
			t.Fatalf("program: %q %d", gp.SplitLunch, gp.SplitCost)
		}
		_, doc = c.page(ppath, http.StatusOK)
		if txt := doc.one(t, "#program-split").Text(); txt != "Lunch apart; cost of splitting 8" {
			t.Errorf("program page: %q", txt)
		}
		pform = programValues(gp)
		pform.Set("split_cost", "99")
		res, body = c.post(ppath, pform)
		doc = parseHTML(t, body)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.one(t, "#f-split_cost-error").Text(), "from 0 (split freely) to 50") {
			t.Fatalf("a wrong cost: %d", res.StatusCode)
		}
	})
}

// TestSubgroupFormsInABrowser opens the edited forms and the pages that
// show them on a desktop and a 390 px phone (ITINERA_SCREENSHOTS=DIR
// saves them).
func TestSubgroupFormsInABrowser(t *testing.T) {
	t.Parallel()
	e := mustServe(t, nil)
	c := e.signIn(e.a.officer)
	p, m := e.a.program, e.a.meeting
	var ids []int64
	for _, v := range []itinera.Visitor{
		{GivenName: "Lucía", FamilyName: "Ramírez Ortega", Country: "Mexico", Languages: []string{"Spanish"}},
		{GivenName: "Youssef", FamilyName: "El Amrani", Country: "Morocco", Languages: []string{"Arabic", "French"}},
		{GivenName: "Priya", FamilyName: "Raghunathan", Country: "India", Languages: []string{"Tamil", "English"}},
	} {
		v.TenantID, v.ProgramID = e.a.tenant.ID, p.ID
		must(t, e.store.CreateVisitor(ctx, &v))
		ids = append(ids, v.ID)
	}
	m.Attendance = itinera.Attendance{For: itinera.ForVisitors, MaxVisitors: 5, VisitorIDs: ids[:2]}
	m.Languages, m.Status = []string{"en"}, itinera.MeetingConfirmed
	must(t, e.store.UpdateMeeting(ctx, &m))
	days, err := e.store.Days(ctx, e.a.tenant.ID, p.ID)
	must(t, err)
	d := days[1]
	d.Together = []itinera.DayPart{{From: itinera.MustClock("09:30"), To: itinera.MustClock("13:00"), Label: "Gateway Arch"},
		{From: itinera.MustClock("18:00"), To: itinera.MustClock("21:30"), Label: "Welcome dinner"}}
	must(t, e.store.UpdateDay(ctx, e.a.tenant.ID, &d))
	pid := itoa(p.ID)
	shootPages(t, e, c, []shot{
		{path: "/meetings/" + itoa(m.ID) + "/edit", name: "meeting-form-subgroups", wait: "#f-visitor_ids"},
		{path: "/programs/" + pid + "/days/" + d.Date.String() + "/edit", name: "day-form-together", wait: "#f-together"},
		{path: "/programs/" + pid + "/edit", name: "program-form-split", wait: "#f-split_cost"},
		{path: "/programs/" + pid + "/candidates", name: "candidates-subgroups", wait: "#meeting-" + itoa(m.ID)},
		{path: "/programs/" + pid, name: "overview-interpretation", wait: "#ready-interpretation"},
	})
}
