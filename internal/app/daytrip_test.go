package app_test

import (
	"strings"
	"testing"

	"itinera"
	"itinera/internal/storetest"
)

// TestDayTrip: a mandatory meeting about 115 km from the hotel, available
// the whole day, is planned with realistic travel both ways (not the city
// speed's four hours), and the day's other candidates fit around it or are
// left out because the trip takes the day.
func TestDayTrip(t *testing.T) {
	t.Parallel()
	f := mustDemo(t, storetest.Default(t))
	a, c := f.a, f.c
	place, err := a.CreatePlace(ctx, c, itinera.Place{Name: "Gasconade County Courthouse", Kind: itinera.PlaceOffice,
		Address: "119 E 1st St, Hermann, MO 65041", Lat: 38.7045, Lon: -91.4371})
	must(t, err)
	org, err := a.CreateOrganization(ctx, c, itinera.Organization{Name: "Gasconade County Prosecuting Attorney",
		Kind: itinera.OrgLaw, PlaceID: place.ID})
	must(t, err)
	day := f.program.StartDate.AddDays(2)
	loc := f.program.Location()
	m, err := a.CreateMeeting(ctx, c, itinera.Meeting{ProgramID: f.program.ID, Title: "Rural trafficking cases in Gasconade County",
		HostOrganizationID: org.ID, PlaceID: place.ID, DurationMinutes: 120, Priority: 5, Mandatory: true,
		Windows: []itinera.Window{{Start: day.At(itinera.MustClock("09:00"), loc), End: day.At(itinera.MustClock("17:00"), loc)}}})
	must(t, err)
	pl, err := a.Propose(ctx, c, f.program.ID, nil)
	must(t, err)
	var found bool
	for _, d := range pl.Proposal.Days {
		for i, x := range d.Items {
			if x.MeetingID != m.ID {
				continue
			}
			found = true
			back := 0
			if i+1 < len(d.Items) {
				back = d.Items[i+1].TravelMinutes
			}
			t.Logf("%s %s–%s, %d min there; next leg %d min", d.Date, x.Start.In(loc).Format("15:04"), x.End.In(loc).Format("15:04"),
				x.TravelMinutes, back)
			if x.TravelMinutes < 75 || x.TravelMinutes > 150 {
				t.Errorf("travel to the day trip: %d min", x.TravelMinutes)
			}
		}
	}
	if !found || !pl.Proposal.Complete {
		t.Fatalf("the day trip is not planned: %+v", pl.Proposal.LeftOut)
	}
	trip := 0
	for _, l := range pl.Proposal.LeftOut {
		if strings.Contains(strings.ToLower(l.Explanation), "the trip to rural trafficking cases in gasconade county takes the day") {
			trip++
		}
		t.Logf("left out: %s: %s", l.Title, l.Explanation)
	}
	if trip == 0 {
		t.Error("no candidate is left out because of the day trip")
	}
}
