package web

import (
	"net/url"
	"strings"
	"testing"

	"itinera"
)

// FuzzFeedbackForms reads arbitrary feedback and collaboration forms:
// never a panic; an answer the form reader and the record accept rates
// only the meetings offered, each from 0 to 5; a collaboration accepted
// has no evidence address but an http or https one.
func FuzzFeedbackForms(f *testing.F) {
	for _, seed := range []string{
		"rating=4&comment=Good&rating_1=5&comment_1=Useful&rating_2=",
		"rating=9&rating_1=-1&host_again=perhaps",
		"rating=%00&comment=%ff%fe&rating_3=2",
		"title=A+joint+report&kind=publication&status=done&evidence_url=https%3A%2F%2Fexample.org&started_on=2027-02-01&countries=Brazil%2C+Chad",
		"title=x&kind=training&evidence_url=javascript%3Aalert(1)&started_on=2027-02-30&visitor_ids=abc",
	} {
		f.Add(seed)
	}
	meetings := []itinera.Meeting{{ID: 1, Title: "Newsroom"}, {ID: 2, Title: "Shelter"}}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		for _, role := range itinera.FeedbackRoles {
			a, perrs := readFeedback(v, meetings)
			if len(perrs) > 0 || a.Validate(role, []int64{1, 2}) != nil {
				continue
			}
			if a.Rating < 0 || a.Rating > 5 {
				t.Fatalf("%s: accepted rating %d", role, a.Rating)
			}
			for _, m := range a.Meetings {
				if m.MeetingID != 1 && m.MeetingID != 2 || m.Rating < 0 || m.Rating > 5 {
					t.Fatalf("%s: accepted %+v", role, m)
				}
			}
			if !role.RatesMeetings() && len(a.Meetings) > 0 {
				t.Fatalf("%s rates meetings", role)
			}
		}
		c, perrs := readCollaboration(v)
		c.ProgramID = 1
		if len(perrs) == 0 && c.Validate() == nil {
			if c.EvidenceURL != "" && !strings.HasPrefix(c.EvidenceURL, "http://") && !strings.HasPrefix(c.EvidenceURL, "https://") {
				t.Fatalf("accepted evidence %q", c.EvidenceURL)
			}
			if !strings.Contains(" planned ongoing done ", " "+string(c.Status)+" ") {
				t.Fatalf("accepted status %q", c.Status)
			}
		}
	})
}
