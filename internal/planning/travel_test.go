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

// Each day is timed in its own mode: a day on foot takes the walk to a
// venue 5 km away, the other days the van, as the travel service says.
func TestEachDayTravelsInItsMode(t *testing.T) {
	t.Parallel()
	d1, d2 := itinera.MustDate("2027-03-16"), itinera.MustDate("2027-03-17")
	loc, err := itinera.LoadZone("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	hotel := itinera.Place{ID: 1, Name: "Hotel", Kind: itinera.PlaceHotel, Lat: 38.6270, Lon: -90.1910}
	venue := itinera.Place{ID: 2, Name: "Venue", Kind: itinera.PlaceVenue, Lat: 38.6270, Lon: -90.1910 + 5/(111.195*0.78123)}
	meeting := func(id int64, d itinera.Date) itinera.Meeting {
		return itinera.Meeting{ID: id, ProgramID: 1, Title: "Meeting " + d.String(), PlaceID: venue.ID, DurationMinutes: 60,
			Priority: 3, Mandatory: true, Status: itinera.MeetingConfirmed,
			Windows: []itinera.Window{{Start: d.At(itinera.MustClock("09:00"), loc), End: d.At(itinera.MustClock("17:00"), loc)}}}
	}
	days := []itinera.Day{itinera.DefaultDay(1, d1), itinera.DefaultDay(1, d2)}
	days[1].TravelMode = itinera.TravelWalking
	in := planning.Input{
		Program: itinera.Program{ID: 1, Title: "Two days", City: "St. Louis", TimeZone: "America/Chicago",
			StartDate: d1, EndDate: d2, HotelPlaceID: hotel.ID},
		Days: days, Places: []itinera.Place{hotel, venue}, Meetings: []itinera.Meeting{meeting(7, d1), meeting(8, d2)},
		Travel: travel.ForProgram(itinera.Settings{TravelMode: itinera.TravelVan, WalkShortHops: true}, days, nil),
	}
	p, err := planning.Build(ctx, in, planning.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Days) != 2 || len(p.Days[0].Items) != 1 || len(p.Days[1].Items) != 1 {
		t.Fatalf("not both scheduled: %+v, left out %+v", p.Days, p.LeftOut)
	}
	from, to := travel.Place{ID: 1, Point: travel.Point{Lat: hotel.Lat, Lon: hotel.Lon}}, travel.Place{ID: 2, Point: travel.Point{Lat: venue.Lat, Lon: venue.Lon}}
	van, walk := in.Travel.OnDay(d1).Between(from, to), in.Travel.OnDay(d2).Between(from, to)
	if walk < 2*van {
		t.Fatalf("walking %d minutes, by van %d: the modes do not differ", walk, van)
	}
	if got := p.Days[0].Items[0].TravelMinutes; got != van {
		t.Errorf("the van day's leg: %d minutes, want %d", got, van)
	}
	if got := p.Days[1].Items[0].TravelMinutes; got != walk {
		t.Errorf("the walking day's leg: %d minutes, want %d", got, walk)
	}
	if p.Days[1].TravelMinutes != 2*walk {
		t.Errorf("the walking day travels %d minutes, want %d there and back", p.Days[1].TravelMinutes, 2*walk)
	}
}
