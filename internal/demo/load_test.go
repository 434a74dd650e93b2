package demo_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"itinera"
	"itinera/internal/demo"
	"itinera/internal/store"
)

// created is the fixed moment the test database is created: a Wednesday.
var created = time.Date(2026, time.March, 4, 15, 0, 0, 0, time.UTC)

func mustOpenStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{
		URL:    "sqlite:" + filepath.Join(t.TempDir(), "itinera.db"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now:    func() time.Time { return created },
	})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// loaded is the demo program as read back from the store.
type loaded struct {
	svc          itinera.Services
	tenant       int64
	program      itinera.Program
	loc          *time.Location
	days         []itinera.Day
	visitors     []itinera.Visitor
	interpreters []itinera.Interpreter
	meetings     map[int64]itinera.Meeting
	activities   map[int64]itinera.Activity
	places       map[int64]itinera.Place
	itinerary    itinera.Itinerary
}

func mustLoad(t *testing.T) loaded {
	t.Helper()
	ctx := context.Background()
	s := mustOpenStore(t)
	svc := s.Services()
	tn := demo.Tenant()
	if err := svc.Accounts.CreateTenant(ctx, &tn); err != nil {
		t.Fatalf("create tenant: %v", err)
	}
	id, err := demo.Load(ctx, svc, tn.ID, created)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return mustRead(t, svc, tn.ID, id)
}

func mustRead(t *testing.T, svc itinera.Services, tenant, programID int64) loaded {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	l := loaded{svc: svc, tenant: tenant, meetings: map[int64]itinera.Meeting{},
		activities: map[int64]itinera.Activity{}, places: map[int64]itinera.Place{}}
	var err error
	l.program, err = svc.Programs.Program(ctx, tenant, programID)
	must(err)
	l.loc = l.program.Location()
	l.days, err = svc.Programs.Days(ctx, tenant, programID)
	must(err)
	l.visitors, err = svc.People.Visitors(ctx, tenant, programID)
	must(err)
	l.interpreters, err = svc.People.Interpreters(ctx, tenant, programID)
	must(err)
	ms, err := svc.Candidates.Meetings(ctx, tenant, programID)
	must(err)
	for _, m := range ms {
		l.meetings[m.ID] = m
	}
	as, err := svc.Candidates.Activities(ctx, tenant, programID)
	must(err)
	for _, a := range as {
		l.activities[a.ID] = a
	}
	ps, err := svc.Directory.Places(ctx, tenant, itinera.DirectoryFilter{})
	must(err)
	for _, p := range ps {
		l.places[p.ID] = p
	}
	l.itinerary, err = svc.Itineraries.CurrentItinerary(ctx, tenant, programID)
	must(err)
	return l
}

func TestLoadProgram(t *testing.T) {
	t.Parallel()
	l := mustLoad(t)
	p := l.program
	start := demo.StartDate(created)
	if p.Title != "Combating Trafficking in Persons" || p.ProjectType != "IVLP" || p.TimeZone != "America/Chicago" {
		t.Errorf("program = %q (%s, %s)", p.Title, p.ProjectType, p.TimeZone)
	}
	if p.StartDate != start || start.String() != "2026-03-21" || p.StartDate.Weekday() != time.Saturday {
		t.Errorf("arrival %s (%s), want Saturday %s", p.StartDate, p.StartDate.Weekday(), start)
	}
	if p.EndDate != start.AddDays(4) || p.EndDate.Weekday() != time.Wednesday {
		t.Errorf("departure %s (%s), want the following Wednesday", p.EndDate, p.EndDate.Weekday())
	}
	if h, ok := l.places[p.HotelPlaceID]; !ok || h.Kind != itinera.PlaceHotel {
		t.Errorf("hotel %d is not a hotel place", p.HotelPlaceID)
	}
	if len(p.Objectives) < 5 {
		t.Errorf("objectives = %v", p.Objectives)
	}
	if len(l.days) != 5 {
		t.Fatalf("days = %d, want 5", len(l.days))
	}
	for _, d := range l.days {
		if err := d.Validate(); err != nil {
			t.Errorf("day %s: %v", d.Date, err)
		}
	}
	if d := l.days[2]; d.MaxMeetings != 2 || !d.HasLunch() {
		t.Errorf("Monday limits = %+v, want two meetings and a lunch break", d)
	}
}

func TestLoadDelegation(t *testing.T) {
	t.Parallel()
	l := mustLoad(t)
	if len(l.visitors) != 9 {
		t.Fatalf("visitors = %d, want 9", len(l.visitors))
	}
	countries := map[string]bool{}
	for _, v := range l.visitors {
		countries[v.Country] = true
		if !v.Fictional {
			t.Errorf("visitor %s is not marked fictional", v.Name())
		}
	}
	if len(countries) != 9 {
		t.Errorf("visitors come from %d countries, want 9", len(countries))
	}
	if len(l.interpreters) != 1 {
		t.Fatalf("interpreters = %d, want 1", len(l.interpreters))
	}
	needs := 0
	for _, v := range l.visitors {
		if !slices.Contains(v.Languages, "English") {
			needs++
			if !slices.ContainsFunc(v.Languages, func(s string) bool { return slices.Contains(l.interpreters[0].Languages, s) }) {
				t.Errorf("%s shares no language with the interpreter", v.Name())
			}
		}
	}
	if needs == 0 {
		t.Error("no visitor needs the interpreter")
	}
}

func TestLoadDirectory(t *testing.T) {
	t.Parallel()
	l := mustLoad(t)
	ctx := context.Background()
	contacts, err := l.svc.Directory.Contacts(ctx, l.tenant, itinera.DirectoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Dr. Rumi Price": "Washington University School of Medicine",
		"Shima Rostami":  "Gateway Human Trafficking",
	}
	for _, c := range contacts {
		if org, ok := want[c.Name]; ok && c.OrganizationName == org {
			delete(want, c.Name)
		}
	}
	if len(want) != 0 {
		t.Errorf("contacts missing: %v", want)
	}
	topics, err := l.svc.Directory.Topics(ctx, l.tenant)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tp := range topics {
		names = append(names, tp.Name)
	}
	for _, tp := range []string{"prosecution of traffickers", "victim services and resources", "healthcare",
		"mental health", "local vs. national hotlines", "policy and legislation", "public awareness",
		"media and reporting", "U.S. citizen and foreign national victims", "faith communities", "community education"} {
		if !slices.Contains(names, tp) {
			t.Errorf("topic %q missing from %v", tp, names)
		}
	}
	for _, p := range l.places {
		if p.Address == "" || p.Lat == 0 || p.Lon == 0 {
			t.Errorf("place %q lacks an address or coordinates", p.Name)
		}
	}
}

// windowsOf returns the availability windows of an itinerary item's record.
func (l loaded) windowsOf(x itinera.ItineraryItem) ([]itinera.Window, itinera.Place, string) {
	if x.MeetingID != 0 {
		m := l.meetings[x.MeetingID]
		return m.Windows, l.places[m.PlaceID], m.HostOrganizationName
	}
	a := l.activities[x.ActivityID]
	return a.Windows, l.places[a.PlaceID], a.Title
}

func TestLoadCandidates(t *testing.T) {
	t.Parallel()
	l := mustLoad(t)
	first := l.program.StartDate.In(l.loc)
	last := l.program.EndDate.AddDays(1).In(l.loc)
	inside := func(ws []itinera.Window) bool {
		return slices.ContainsFunc(ws, func(w itinera.Window) bool {
			return !w.Start.Before(first) && !w.End.After(last)
		})
	}
	for _, m := range l.meetings {
		if err := m.Validate(); err != nil {
			t.Errorf("meeting %q: %v", m.Title, err)
		}
		if !inside(m.Windows) {
			t.Errorf("meeting %q has no window inside the program dates", m.Title)
		}
		if m.PlaceID == 0 {
			t.Errorf("meeting %q has no place", m.Title)
		}
	}
	for _, a := range l.activities {
		if !inside(a.Windows) {
			t.Errorf("activity %q has no window inside the program dates", a.Title)
		}
	}
	// Windows are local clock times of the program's zone.
	for _, m := range l.meetings {
		if m.HostOrganizationName == "Washington University School of Medicine" {
			if got := m.Windows[0].Start.In(l.loc).Format("Mon 15:04"); got != "Mon 09:00" {
				t.Errorf("network meeting window starts %s, want Mon 09:00", got)
			}
		}
	}
	used := 0
	for _, x := range l.itinerary.Items {
		if x.MeetingID != 0 {
			used++
		}
	}
	if len(l.meetings) <= used+3 {
		t.Errorf("%d candidate meetings for %d planned: the engine needs more choices", len(l.meetings), used)
	}
}

func TestLoadItinerary(t *testing.T) {
	t.Parallel()
	l := mustLoad(t)
	it := l.itinerary
	if it.Version != 1 || it.Note != "Entered from the program officer's plan" {
		t.Errorf("itinerary version %d note %q", it.Version, it.Note)
	}
	if err := it.Validate(); err != nil {
		t.Errorf("itinerary: %v", err)
	}
	items := slices.Clone(it.Items)
	slices.SortFunc(items, func(a, b itinera.ItineraryItem) int { return a.Start.Compare(b.Start) })
	hotel := l.places[l.program.HotelPlaceID]

	perDay := map[itinera.Date][]string{}
	meetingsPerDay := map[itinera.Date]int{}
	for i, x := range items {
		ws, place, name := l.windowsOf(x)
		date := itinera.DateOf(x.Start.In(l.loc))
		perDay[date] = append(perDay[date], name)
		if x.MeetingID != 0 {
			meetingsPerDay[date]++
		}
		if !slices.ContainsFunc(ws, func(w itinera.Window) bool { return !x.Start.Before(w.Start) && !x.End.After(w.End) }) {
			t.Errorf("%s at %s lies in none of its windows", name, x.Start.In(l.loc))
		}
		di := slices.IndexFunc(l.days, func(d itinera.Day) bool { return d.Date == date })
		if di < 0 {
			t.Fatalf("%s on %s is outside the program", name, date)
		}
		day := l.days[di]
		prevEnd := date.At(day.Start, l.loc)
		if i > 0 && itinera.DateOf(items[i-1].Start.In(l.loc)) == date {
			prevEnd = items[i-1].End
		} else if x.TravelMinutes > 0 && place.ID == hotel.ID {
			t.Errorf("%s is at the hotel but records %d minutes of travel", name, x.TravelMinutes)
		}
		if x.Start.Add(-time.Duration(x.TravelMinutes) * time.Minute).Before(prevEnd) {
			t.Errorf("%s at %s: %d minutes of travel do not fit after %s",
				name, x.Start.In(l.loc).Format("15:04"), x.TravelMinutes, prevEnd.In(l.loc).Format("15:04"))
		}
		if x.End.After(date.At(day.End, l.loc)) {
			t.Errorf("%s ends after the day's end", name)
		}
	}
	for date, n := range meetingsPerDay {
		di := slices.IndexFunc(l.days, func(d itinera.Day) bool { return d.Date == date })
		if max := l.days[di].MaxMeetings; max > 0 && n > max {
			t.Errorf("%s has %d meetings, cap %d", date, n, max)
		}
	}
	// Lunch fits on every day with a lunch break: some gap of the lunch's
	// length inside the lunch window, between the end of one item and the
	// travel towards the next.
	for _, day := range l.days {
		if !day.HasLunch() {
			continue
		}
		from, to := day.Date.At(day.LunchFrom, l.loc), day.Date.At(day.LunchTo, l.loc)
		free := []itinera.Window{{Start: from, End: to}}
		for _, x := range items {
			busy := itinera.Window{Start: x.Start.Add(-time.Duration(x.TravelMinutes) * time.Minute), End: x.End}
			free = subtract(free, busy)
		}
		if !slices.ContainsFunc(free, func(w itinera.Window) bool { return w.Minutes() >= day.LunchMinutes }) {
			t.Errorf("%s: no %d-minute lunch between %s and %s", day.Date, day.LunchMinutes, day.LunchFrom, day.LunchTo)
		}
	}

	// The seed's days, in the seed's order.
	d0 := l.program.StartDate
	want := []struct {
		day   int
		names []string
	}{
		{0, []string{"Arrival and hotel check-in"}},
		{1, []string{"Gateway Arch", "Saint Louis Art Museum", "Home-hospitality"}},
		{2, []string{"Washington University School of Medicine", "St. Louis Post-Dispatch"}},
		{3, []string{"Gateway Human Trafficking", "Healing Action Network"}},
		{4, []string{"transfer to the airport"}},
	}
	for _, w := range want {
		got := perDay[d0.AddDays(w.day)]
		ok := len(got) == len(w.names)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.Contains(got[i], w.names[i])
		}
		if !ok {
			t.Errorf("day %d (%s) = %q, want %q", w.day, d0.AddDays(w.day).Weekday(), got, w.names)
		}
	}
	for _, x := range items {
		if x.ActivityID != 0 && strings.Contains(l.activities[x.ActivityID].Title, "hospitality") &&
			l.activities[x.ActivityID].Kind != itinera.ActivityHospitality {
			t.Error("the home-hospitality evening is not a hospitality activity")
		}
	}

	// The seed's partners are invited to the two network meetings.
	partners := map[string][]string{
		"Washington University School of Medicine": {"University of Missouri-St. Louis School of Social Work",
			"International Institute of St. Louis", "United Nations Association St. Louis Chapter",
			"Barnes-Jewish Hospital (OB/GYN clinic)", "National Council of Jewish Women St. Louis"},
		"Gateway Human Trafficking": {"Interfaith Partnership of Greater St. Louis",
			"St. Charles County Prosecuting Attorney", "Systems of Care", "Local police detectives", "Federal investigators"},
	}
	for _, m := range l.meetings {
		if want, ok := partners[m.HostOrganizationName]; ok {
			got := slices.Sorted(slices.Values(m.PartnerOrganizations))
			if !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("%s partners = %q, want %q", m.HostOrganizationName, got, want)
			}
			delete(partners, m.HostOrganizationName)
		}
	}
	if len(partners) != 0 {
		t.Errorf("meetings missing: %v", partners)
	}
}

// subtract removes busy from each free window.
func subtract(free []itinera.Window, busy itinera.Window) []itinera.Window {
	var out []itinera.Window
	for _, f := range free {
		if !busy.Start.Before(f.End) || !f.Start.Before(busy.End) {
			out = append(out, f)
			continue
		}
		if f.Start.Before(busy.Start) {
			out = append(out, itinera.Window{Start: f.Start, End: busy.Start})
		}
		if busy.End.Before(f.End) {
			out = append(out, itinera.Window{Start: busy.End, End: f.End})
		}
	}
	return out
}

// TestLoadAgainReusesDirectory: after a program is removed (or a load
// failed half-way), loading again reuses the directory instead of
// duplicating it.
func TestLoadAgainReusesDirectory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mustOpenStore(t)
	svc := s.Services()
	tn := demo.Tenant()
	if err := svc.Accounts.CreateTenant(ctx, &tn); err != nil {
		t.Fatal(err)
	}
	count := func() [3]int {
		t.Helper()
		ps, err1 := svc.Directory.Places(ctx, tn.ID, itinera.DirectoryFilter{})
		os, err2 := svc.Directory.Organizations(ctx, tn.ID, itinera.DirectoryFilter{})
		cs, err3 := svc.Directory.Contacts(ctx, tn.ID, itinera.DirectoryFilter{})
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				t.Fatal(err)
			}
		}
		return [3]int{len(ps), len(os), len(cs)}
	}
	id, err := demo.Load(ctx, svc, tn.ID, created)
	if err != nil {
		t.Fatal(err)
	}
	before := count()
	if err := svc.Programs.DeleteProgram(ctx, tn.ID, id); err != nil {
		t.Fatal(err)
	}
	id2, err := demo.Load(ctx, svc, tn.ID, created)
	if err != nil {
		t.Fatalf("second load: %v", err)
	}
	if after := count(); after != before {
		t.Errorf("directory grew from %v to %v on the second load", before, after)
	}
	l := mustRead(t, svc, tn.ID, id2)
	if len(l.visitors) != 9 || len(l.itinerary.Items) == 0 {
		t.Errorf("second load: %d visitors, %d items", len(l.visitors), len(l.itinerary.Items))
	}
}

// TestLoadSubgroupModel: every demo meeting is held in English; the two
// survivor-services visits take five visitors at most; the Attorney
// General's office and Healing Action receive a sub-group too (so that the
// sub-group planner splits Tuesday afternoon between them and the two
// visits); the other meetings are for everyone; the arrival, the
// cultural day and the departure keep the delegation together; Lucía, who
// speaks only Spanish, needs the interpreter, whom Ana covers.
func TestLoadSubgroupModel(t *testing.T) {
	t.Parallel()
	l := mustLoad(t)
	small := 0
	var english []string
	for _, m := range l.meetings {
		if !slices.Equal(m.Languages, []string{"en"}) {
			t.Errorf("%s: languages %v", m.Title, m.Languages)
		}
		english = m.Languages
		if m.MaxVisitors == 5 {
			small++
			if m.For != itinera.ForSubgroup {
				t.Errorf("%s: for %s", m.Title, m.For)
			}
			continue
		}
		want, most := itinera.ForEveryone, 0
		if strings.HasPrefix(m.Title, "Missouri Attorney General") || strings.HasPrefix(m.Title, "Healing Action") {
			want = itinera.ForSubgroup
		}
		if strings.HasPrefix(m.Title, "Missouri Attorney General") {
			most = 6 // the conference room seats six
		}
		if m.For != want || m.MaxVisitors != most {
			t.Errorf("%s: %+v", m.Title, m.Attendance)
		}
	}
	if small != 2 {
		t.Errorf("%d meetings take five visitors, want 2", small)
	}
	if l.program.SplitLunch != itinera.LunchTogether || l.program.SplitCost != itinera.DefaultSplitCost {
		t.Errorf("split settings %q %d", l.program.SplitLunch, l.program.SplitCost)
	}
	if len(l.days[0].Together) != 1 || l.days[0].Together[0].Label != "Arrival and welcome" || len(l.days[1].Together) != 1 ||
		len(l.days[2].Together) != 0 || len(l.days[4].Together) != 1 {
		t.Errorf("days together: %+v", l.days)
	}
	var need []string
	for _, v := range l.visitors {
		if itinera.NeedsInterpreter(v, english) {
			need = append(need, v.GivenName)
		}
	}
	if !slices.Equal(need, []string{"Lucía"}) {
		t.Errorf("need an interpreter: %v", need)
	}
	if left := itinera.Uninterpreted(english, l.visitors, l.interpreters); len(left) != 0 {
		t.Errorf("left without interpretation: %v", left)
	}
}
