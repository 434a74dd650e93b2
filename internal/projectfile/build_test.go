package projectfile

import (
	"bytes"
	"slices"
	"testing"

	"itinera"
	"itinera/internal/programfile"
)

// TestNewStop: the agency's records make the golden stop package: the
// program built and shared, the roster naming each person by the file id
// Build gives them (in the order of their database ids, whatever the
// order they come in) and by the agency's reference.
func TestNewStop(t *testing.T) {
	t.Parallel()
	want := stLouisStop(t)
	full := programfile.File{Format: programfile.Format, Version: 1, Program: want.Program.Program, Places: []programfile.Place{stLouisHotel},
		Visitors: stLouisVisitors(), Interpreters: stLouisCompanions()}
	recs, err := full.Records()
	if err != nil {
		t.Fatal(err)
	}
	// Database ids are not the file's: 100, 200, … and the list reversed.
	in := StopInput{Issuer: want.Issuer.Organization, IssuedAt: want.IssuedAt, Project: want.Project, Stop: want.Stop,
		Route: *want.Route, Program: recs.Program, Hotel: &recs.Places[0], Shared: DefaultSharedFields(),
		VisitorRefs: map[int64]string{}, InterpreterRefs: map[int64]string{100: "I-01", 200: "E-01"}, Escorts: map[int64]bool{200: true}}
	for _, v := range slices.Backward(recs.Visitors) {
		in.VisitorRefs[v.ID*100] = want.Roster.Visitors[v.ID-1].Ref
		v.ID *= 100
		in.Visitors = append(in.Visitors, v)
	}
	for _, x := range slices.Backward(recs.Interpreters) {
		x.ID *= 100
		in.Interpreters = append(in.Interpreters, x)
	}
	p, err := NewStop(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Sign(p, agencyKey)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, readGolden(t, "stlouis-stop.json")) {
		got, _ := encodePayload(p)
		t.Fatalf("NewStop does not make the golden package:\n%s", firstDifference(got, readGolden(t, "stlouis-stop.payload.json")))
	}
	// A person without a reference is named by their database id.
	delete(in.VisitorRefs, 300)
	p, _ = NewStop(in)
	if r := p.Roster.Visitors[2]; r.ID != 3 || r.Ref != "v300" {
		t.Errorf("roster visitor 3 %+v", r)
	}
}

// TestNewReturn: the city's records make the golden return package: the
// answered feedback by role, the collaborations, each reference turned
// into the program file's ids; unanswered feedback, and feedback of
// people no longer in the program, are left out.
func TestNewReturn(t *testing.T) {
	t.Parallel()
	want := stLouisReturn(t)
	recs, err := want.Program.Records()
	if err != nil {
		t.Fatal(err)
	}
	// Visitors' and interpreters' database ids are not the file's.
	for i := range recs.Visitors {
		recs.Visitors[i].ID *= 100
	}
	for i := range recs.Interpreters {
		recs.Interpreters[i].ID *= 100
	}
	slices.Reverse(recs.Visitors)
	// The directory's details the program file would carry.
	recs.Contacts[0].Email, recs.Meetings[0].Notes = "rumi.price@example.org", "Dr. Price books a room."
	answer := func(fb Feedback) itinera.FeedbackAnswer {
		a := itinera.FeedbackAnswer{Rating: fb.Rating, HostAgain: itinera.HostAgain(fb.HostAgain), Comment: fb.Comment}
		for _, m := range fb.Meetings {
			a.Meetings = append(a.Meetings, itinera.MeetingRating{MeetingID: m.MeetingID, Rating: m.Rating, Comment: m.Comment})
		}
		return a
	}
	fb := want.Feedback
	links := []itinera.FeedbackLink{
		{ID: 9, Role: itinera.FeedbackHousehold, PersonID: 4, AnsweredAt: fb[3].AnsweredAt, FeedbackAnswer: answer(fb[3])},
		{ID: 8, Role: itinera.FeedbackResource, PersonID: 1, OrganizationID: 1, AnsweredAt: fb[2].AnsweredAt, FeedbackAnswer: answer(fb[2])},
		{ID: 7, Role: itinera.FeedbackVisitor, PersonID: 100, AnsweredAt: fb[0].AnsweredAt, FeedbackAnswer: answer(fb[0])},
		{ID: 6, Role: itinera.FeedbackInterpreter, PersonID: 100, AnsweredAt: fb[1].AnsweredAt, FeedbackAnswer: answer(fb[1])},
		{ID: 5, Role: itinera.FeedbackVisitor, PersonID: 200}, // not answered
		{ID: 4, Role: itinera.FeedbackVisitor, PersonID: 4000, AnsweredAt: fb[0].AnsweredAt, FeedbackAnswer: itinera.FeedbackAnswer{Rating: 3}},
	}
	cols := []itinera.Collaboration{
		{ID: 2, Kind: itinera.CollabMaterials, Status: itinera.CollabDone, Title: want.Collaborations[1].Title,
			Description: want.Collaborations[1].Description, VisitorIDs: []int64{600}, OrganizationIDs: []int64{41}, Countries: []string{"Morocco"}},
		{ID: 1, Kind: itinera.CollabTraining, Status: itinera.CollabPlanned, Title: want.Collaborations[0].Title,
			Description: want.Collaborations[0].Description, VisitorIDs: []int64{100, 5000}, OrganizationIDs: []int64{40, 99},
			Countries: []string{"Mexico"}, StartedOn: itinera.MustDate("2026-06-15")},
	}
	p, err := NewReturn(ReturnInput{Issuer: want.Issuer.Organization, IssuedAt: want.IssuedAt, Project: want.Project, Stop: want.Stop,
		Records: recs, Release: itinera.Release{Version: 1, ItineraryVersion: 1, ReleasedAt: want.Release.ReleasedAt, Note: want.Release.Note},
		Feedback: links, Collaborations: cols,
		OrganizationNames: map[int64]string{40: "St. Charles County Prosecuting Attorney", 41: "St. Louis Post-Dispatch"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Sign(p, cityKey)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, readGolden(t, "stlouis-return.json")) {
		got, _ := encodePayload(p)
		t.Fatalf("NewReturn does not make the golden package:\n%s", firstDifference(got, readGolden(t, "stlouis-return.payload.json")))
	}
}
