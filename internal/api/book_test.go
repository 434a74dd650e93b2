package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"itinera"
)

// TestBookEndpoint: the delegation book and a visitor's come as HTML; PDF
// without Chromium is refused on "format" saying how to enable it; a
// person of no program of the organization, or an unknown audience, is
// named; another organization's program has no book.
func TestBookEndpoint(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	path := "/api/v1/programs/" + id(e.program.ID) + "/book"
	r := e.do("GET", path, e.viewerA, nil).expect(http.StatusOK)
	if !strings.HasPrefix(r.Header().Get("Content-Type"), "text/html") || !strings.Contains(r.Body.String(), "<h1>"+e.program.Title+"</h1>") {
		t.Fatalf("delegation book: %s", r.Header().Get("Content-Type"))
	}
	r = e.do("GET", path+"?audience=visitor&person="+id(e.visitor.ID), e.viewerA, nil).expect(http.StatusOK)
	if !strings.Contains(r.Body.String(), "For "+e.visitor.Name()) {
		t.Error("the visitor's book does not name them")
	}
	r = e.do("GET", path+"?format=pdf", e.viewerA, nil).expect(http.StatusUnprocessableEntity)
	if _, _, f := r.apiError(); f["format"] == nil || !strings.Contains(f["format"].(string), "ITINERA_CHROMIUM") {
		t.Errorf("PDF without Chromium: %s", r.Body)
	}
	for q, field := range map[string]string{"?audience=everyone": "audience", "?audience=visitor": "person",
		"?audience=visitor&person=abc": "person", "?audience=resource&person=999999": "person", "?format=doc": "format"} {
		r := e.do("GET", path+q, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
		if _, _, f := r.apiError(); f[field] == nil {
			t.Errorf("%s: no message on %s: %s", q, field, r.Body)
		}
	}
	e.do("GET", path, e.officerB, nil).expect(http.StatusNotFound)
}

// TestBookOnSplitDay, on both databases: when the delegation splits, a
// visitor's book and an interpreter's schedule from the book endpoint hold
// only their own items, the schedule naming whom she interprets for.
func TestBookOnSplitDay(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		amina := itinera.Visitor{TenantID: e.tenantA.ID, ProgramID: e.program.ID, GivenName: "Amina", FamilyName: "Yusuf",
			Country: "Kenya", Languages: []string{"Swahili"}}
		if err := e.store.CreateVisitor(ctx, &amina); err != nil {
			t.Fatal(err)
		}
		start := e.meeting.Windows[0].Start
		it := itinera.Itinerary{TenantID: e.tenantA.ID, ProgramID: e.program.ID, Items: []itinera.ItineraryItem{
			{MeetingID: e.meeting.ID, Start: start, End: start.Add(time.Hour), VisitorIDs: []int64{e.visitor.ID},
				InterpreterIDs: []int64{e.interpreter.ID}},
			{ActivityID: e.activity.ID, Start: start, End: start.Add(time.Hour), VisitorIDs: []int64{amina.ID}}}}
		if err := e.store.SaveItinerary(ctx, &it); err != nil {
			t.Fatal(err)
		}
		path := "/api/v1/programs/" + id(e.program.ID) + "/book"
		for q, c := range map[string]struct{ has, lacks string }{
			"?audience=interpreter&person=" + id(e.interpreter.ID): {"You interpret for: " + e.visitor.Name(), e.activity.Title + "</h3>"},
			"?audience=visitor&person=" + id(amina.ID):             {e.activity.Title + "</h3>", e.meeting.Title + "</h3>"},
		} {
			body := e.do("GET", path+q, e.viewerA, nil).expect(http.StatusOK).Body.String()
			if !strings.Contains(body, c.has) || strings.Contains(body, c.lacks) {
				t.Errorf("%s: has %q %v, has %q %v", q, c.has, strings.Contains(body, c.has), c.lacks, strings.Contains(body, c.lacks))
			}
		}
	})
}
