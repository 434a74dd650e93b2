package planning_test

import (
	"testing"

	"itinera"
	"itinera/internal/planning"
	"itinera/internal/travel"
)

// dayTripInput is a one-day program in St. Louis with a mandatory meeting
// 96 km west of the downtown hotel (the day trip), open all day.
func dayTripInput(t *testing.T) planning.Input {
	t.Helper()
	d := itinera.MustDate("2027-03-16")
	loc, err := itinera.LoadZone("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	hotel := itinera.Place{ID: 1, Name: "Hotel", Kind: itinera.PlaceHotel, Lat: 38.6270, Lon: -90.1910}
	// 96 km due west in a straight line, on I-70 near Warrenton.
	far := itinera.Place{ID: 2, Name: "Partner office", Kind: itinera.PlaceVenue, Lat: 38.6270, Lon: -90.1910 - 96/(111.195*0.78123)}
	if km := travel.DistanceKm(travel.Point{Lat: hotel.Lat, Lon: hotel.Lon}, travel.Point{Lat: far.Lat, Lon: far.Lon}); km < 95.5 || km > 96.5 {
		t.Fatalf("the meeting is %.1f km away", km)
	}
	return planning.Input{
		Program: itinera.Program{ID: 1, Title: "Day trip", City: "St. Louis", TimeZone: "America/Chicago",
			StartDate: d, EndDate: d, HotelPlaceID: hotel.ID},
		Days:   []itinera.Day{itinera.DefaultDay(1, d)},
		Places: []itinera.Place{hotel, far},
		Meetings: []itinera.Meeting{{ID: 7, ProgramID: 1, Title: "Partners in the next town", PlaceID: far.ID,
			DurationMinutes: 90, Priority: 3, Mandatory: true, Status: itinera.MeetingConfirmed,
			Windows: []itinera.Window{{Start: d.At(itinera.MustClock("08:30"), loc), End: d.At(itinera.MustClock("18:00"), loc)}}}},
	}
}

// A meeting 96 km away gets a realistic travel time by van (the single city
// speed gave it 259 minutes each way), and the day holds the trip both ways.
func TestDayTripTravelIsRealistic(t *testing.T) {
	t.Parallel()
	p, err := planning.Build(ctx, dayTripInput(t), planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Days) != 1 || len(p.Days[0].Items) != 1 {
		t.Fatalf("the day trip is not scheduled: %+v, left out %+v", p.Days, p.LeftOut)
	}
	it := p.Days[0].Items[0]
	if it.TravelMinutes < 75 || it.TravelMinutes > 110 {
		t.Errorf("travel to the meeting 96 km away: %d minutes, want 75-110 by van", it.TravelMinutes)
	}
	if back := p.Days[0].TravelMinutes - it.TravelMinutes; back != it.TravelMinutes {
		t.Errorf("travel back %d minutes, there %d", back, it.TravelMinutes)
	}
}

// The officer's time for a leg wins over the model, one direction only.
func TestDayTripOverride(t *testing.T) {
	t.Parallel()
	in := dayTripInput(t)
	in.Travel = travel.Service{Overrides: travel.Overrides{{From: 1, To: 2}: 50}}
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Days[0].Items) != 1 {
		t.Fatalf("not scheduled: %+v", p.LeftOut)
	}
	it := p.Days[0].Items[0]
	back := travel.Service{}.Between(travel.Place{ID: 2, Point: travel.Point{Lat: in.Places[1].Lat, Lon: in.Places[1].Lon}},
		travel.Place{ID: 1, Point: travel.Point{Lat: in.Places[0].Lat, Lon: in.Places[0].Lon}})
	if it.TravelMinutes != 50 || p.Days[0].TravelMinutes != 50+back {
		t.Errorf("travel there %d and in all %d minutes, want 50 and %d", it.TravelMinutes, p.Days[0].TravelMinutes, 50+back)
	}
}
