package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"itinera"
)

// Load stores the demo program for the tenant and returns the program's ID:
// the directory (places, organizations, contacts; topics are created by
// name), the program with its day limits, visitors and interpreter, the
// candidate meetings and activities with their availability windows, and
// version 1 of the itinerary as the program officer planned it.
//
// The caller loads the demo only into a tenant without programs. Directory
// records that already exist under the same name are reused rather than
// duplicated, and if loading fails after the program was created the
// program is deleted again, so a failed load can simply be retried.
func Load(ctx context.Context, s itinera.Services, tenantID int64, created time.Time) (programID int64, err error) {
	l, err := newLoader(s, tenantID, created)
	if err != nil {
		return 0, err
	}
	if err := l.directory(ctx); err != nil {
		return 0, err
	}
	id, err := l.program(ctx)
	if err != nil {
		return 0, err
	}
	if err := l.programContents(ctx, id); err != nil {
		// Best effort: leave no half-loaded program behind. The context may
		// be the reason for the failure, so the clean-up gets its own.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if derr := s.Programs.DeleteProgram(cctx, tenantID, id); derr != nil {
			err = errors.Join(err, fmt.Errorf("demo: removing the half-loaded program: %w", derr))
		}
		return 0, err
	}
	return id, nil
}

// LoadInto stores the demo program into programID, a program the tenant
// already has: the St. Louis stop's program, which the application layer
// created when the organization accepted the agency's stop (LoadProject).
// The program's record takes the demo's fields but its title, city and
// dates, which are the stop's and the demo's alike; the rest is stored as
// Load stores it.
func LoadInto(ctx context.Context, s itinera.Services, tenantID, programID int64, created time.Time) error {
	l, err := newLoader(s, tenantID, created)
	if err != nil {
		return err
	}
	if err := l.directory(ctx); err != nil {
		return err
	}
	p, err := s.Programs.Program(ctx, tenantID, programID)
	if err != nil {
		return fmt.Errorf("demo: the stop's program: %w", err)
	}
	if p.StartDate != l.start || p.EndDate != l.date(l.d.Program.DepartureDay) {
		return fmt.Errorf("demo: the stop's program runs %s to %s, not the demo's days", p.StartDate, p.EndDate)
	}
	want := l.record()
	p.ProjectType, p.Description, p.HotelPlaceID = want.ProjectType, want.Description, want.HotelPlaceID
	p.Status, p.SplitLunch, p.SplitCost = want.Status, want.SplitLunch, want.SplitCost
	if err := s.Programs.UpdateProgram(ctx, &p); err != nil {
		return fmt.Errorf("demo: the stop's program: %w", err)
	}
	return l.programContents(ctx, programID)
}

// newLoader prepares one load for the tenant.
func newLoader(s itinera.Services, tenantID int64, created time.Time) (*loader, error) {
	d, err := embedded()
	if err != nil {
		return nil, err
	}
	loc, err := location()
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return &loader{d: d, s: s, tenant: tenantID, loc: loc, start: StartDate(created),
		places: map[string]int64{}, orgs: map[string]int64{}, contacts: map[string]int64{},
		meetings: map[string]int64{}, activities: map[string]int64{}}, nil
}

// loader carries the state of one Load: the IDs given to the data's keys.
type loader struct {
	d      *dataFile
	s      itinera.Services
	tenant int64
	loc    *time.Location
	start  itinera.Date

	places, orgs, contacts, meetings, activities map[string]int64
}

func (l *loader) date(day int) itinera.Date { return l.start.AddDays(day) }

func (l *loader) windows(ws []windowData) []itinera.Window {
	out := make([]itinera.Window, 0, len(ws))
	for _, w := range ws {
		d := l.date(w.Day)
		out = append(out, itinera.Window{
			Start: d.At(itinera.Clock(w.From), l.loc),
			End:   d.At(itinera.Clock(w.To), l.loc),
		})
	}
	return out
}

// directory stores places, organizations and contacts, reusing records of
// the same name.
func (l *loader) directory(ctx context.Context) error {
	dir := l.s.Directory
	all := itinera.DirectoryFilter{}

	existingPlaces, err := dir.Places(ctx, l.tenant, all)
	if err != nil {
		return fmt.Errorf("demo: listing places: %w", err)
	}
	placeByName := map[string]int64{}
	for _, p := range existingPlaces {
		placeByName[strings.ToLower(p.Name)] = p.ID
	}
	for _, pd := range l.d.Places {
		if id, ok := placeByName[strings.ToLower(pd.Name)]; ok {
			l.places[pd.Key] = id
			continue
		}
		p := itinera.Place{TenantID: l.tenant, Name: pd.Name, Kind: pd.Kind, Address: pd.Address,
			Lat: pd.Lat, Lon: pd.Lon, Notes: pd.Notes}
		if err := dir.CreatePlace(ctx, &p); err != nil {
			return fmt.Errorf("demo: place %q: %w", pd.Name, err)
		}
		l.places[pd.Key] = p.ID
	}

	existingOrgs, err := dir.Organizations(ctx, l.tenant, all)
	if err != nil {
		return fmt.Errorf("demo: listing organizations: %w", err)
	}
	orgByName := map[string]int64{}
	for _, o := range existingOrgs {
		orgByName[strings.ToLower(o.Name)] = o.ID
	}
	for _, od := range l.d.Organizations {
		if id, ok := orgByName[strings.ToLower(od.Name)]; ok {
			l.orgs[od.Key] = id
			continue
		}
		o := itinera.Organization{TenantID: l.tenant, Name: od.Name, Kind: od.Kind,
			Description: od.Description, Website: od.Website, PlaceID: l.places[od.Place],
			Topics: slices.Clone(od.Topics)}
		if err := dir.CreateOrganization(ctx, &o); err != nil {
			return fmt.Errorf("demo: organization %q: %w", od.Name, err)
		}
		l.orgs[od.Key] = o.ID
	}

	existingContacts, err := dir.Contacts(ctx, l.tenant, all)
	if err != nil {
		return fmt.Errorf("demo: listing contacts: %w", err)
	}
	type contactKey struct {
		org  int64
		name string
	}
	contactByName := map[contactKey]int64{}
	for _, c := range existingContacts {
		contactByName[contactKey{c.OrganizationID, strings.ToLower(c.Name)}] = c.ID
	}
	for _, cd := range l.d.Contacts {
		org := l.orgs[cd.Organization]
		if id, ok := contactByName[contactKey{org, strings.ToLower(cd.Name)}]; ok {
			l.contacts[cd.Key] = id
			continue
		}
		c := itinera.Contact{TenantID: l.tenant, OrganizationID: org, Name: cd.Name, Title: cd.Title,
			Email: cd.Email, Phone: cd.Phone, Notes: cd.Notes}
		if err := dir.CreateContact(ctx, &c); err != nil {
			return fmt.Errorf("demo: contact %q: %w", cd.Name, err)
		}
		l.contacts[cd.Key] = c.ID
	}
	return nil
}

// program creates the program record (the store adds its default days).
func (l *loader) program(ctx context.Context) (int64, error) {
	p := l.record()
	if err := l.s.Programs.CreateProgram(ctx, &p); err != nil {
		return 0, fmt.Errorf("demo: program: %w", err)
	}
	return p.ID, nil
}

// record is the demo program's record.
func (l *loader) record() itinera.Program {
	pd := l.d.Program
	return itinera.Program{
		TenantID:     l.tenant,
		Title:        pd.Title,
		ProjectType:  pd.ProjectType,
		Description:  pd.Description,
		Objectives:   slices.Clone(pd.Objectives),
		City:         pd.City,
		TimeZone:     pd.TimeZone,
		StartDate:    l.start,
		EndDate:      l.date(pd.DepartureDay),
		HotelPlaceID: l.places[pd.Hotel],
		Status:       itinera.ProgramPlanning,
		SplitLunch:   itinera.LunchTogether,
		SplitCost:    itinera.DefaultSplitCost,
	}
}

// programContents stores everything that belongs to the program.
func (l *loader) programContents(ctx context.Context, programID int64) error {
	steps := []func(context.Context, int64) error{l.days, l.people, l.candidates, l.itinerary}
	for _, step := range steps {
		if err := step(ctx, programID); err != nil {
			return err
		}
	}
	return nil
}

// days sets each day's limits over the store's defaults.
func (l *loader) days(ctx context.Context, programID int64) error {
	days, err := l.s.Programs.Days(ctx, l.tenant, programID)
	if err != nil {
		return fmt.Errorf("demo: days: %w", err)
	}
	for _, dd := range l.d.Days {
		date := l.date(dd.Day)
		i := slices.IndexFunc(days, func(d itinera.Day) bool { return d.Date == date })
		day := itinera.DefaultDay(programID, date)
		if i >= 0 {
			day = days[i]
		}
		day.Start, day.End = itinera.Clock(dd.Start), itinera.Clock(dd.End)
		day.LunchMinutes, day.MaxMeetings, day.Note = dd.LunchMinutes, dd.MaxMeetings, dd.Note
		f := itinera.FieldErrors{}
		day.Together = itinera.ParseDayParts(f, "together", strings.Join(dd.Together, "\n"))
		if err := f.Err("day"); err != nil {
			return fmt.Errorf("demo: day %s: %w", date, err)
		}
		if dd.LunchMinutes > 0 {
			day.LunchFrom, day.LunchTo = itinera.Clock(dd.LunchFrom), itinera.Clock(dd.LunchTo)
		} else {
			// No lunch break: an empty window at the start of the day, so
			// nothing reads a stale default lunch outside the day's hours.
			day.LunchFrom, day.LunchTo = day.Start, day.Start
		}
		if err := l.s.Programs.UpdateDay(ctx, l.tenant, &day); err != nil {
			return fmt.Errorf("demo: day %s: %w", date, err)
		}
	}
	return nil
}

// people stores the visitors, all marked fictional, and the interpreters.
func (l *loader) people(ctx context.Context, programID int64) error {
	for _, vd := range l.d.Visitors {
		v := itinera.Visitor{TenantID: l.tenant, ProgramID: programID,
			GivenName: vd.GivenName, FamilyName: vd.FamilyName, Country: vd.Country,
			Position: vd.Position, Organization: vd.Organization, Sector: vd.Sector, Email: vd.Email,
			Languages: slices.Clone(vd.Languages), Diets: slices.Clone(vd.Diets),
			Allergies: slices.Clone(vd.Allergies), AccessNeeds: vd.AccessNeeds,
			Interests: slices.Clone(vd.Interests), Fictional: true}
		if err := l.s.People.CreateVisitor(ctx, &v); err != nil {
			return fmt.Errorf("demo: visitor %q: %w", v.Name(), err)
		}
	}
	for _, id := range l.d.Interpreters {
		i := itinera.Interpreter{TenantID: l.tenant, ProgramID: programID, Name: id.Name,
			Email: id.Email, Phone: id.Phone, Languages: slices.Clone(id.Languages)}
		if err := l.s.People.CreateInterpreter(ctx, &i); err != nil {
			return fmt.Errorf("demo: interpreter %q: %w", id.Name, err)
		}
	}
	return nil
}

// candidates stores the candidate meetings and activities.
func (l *loader) candidates(ctx context.Context, programID int64) error {
	for _, md := range l.d.Meetings {
		m := itinera.Meeting{TenantID: l.tenant, ProgramID: programID, Title: md.Title,
			HostOrganizationID: l.orgs[md.Host], ContactID: l.contacts[md.Contact],
			PlaceID: l.places[md.Place], Topics: slices.Clone(md.Topics),
			DurationMinutes: md.DurationMinutes, Audience: md.Audience, Priority: md.Priority,
			Mandatory: md.Mandatory, Status: md.Status, Windows: l.windows(md.Windows), Notes: md.Notes,
			Attendance: itinera.Attendance{For: md.For, MinVisitors: md.MinVisitors, MaxVisitors: md.MaxVisitors},
			Languages:  slices.Clone(md.Languages)}
		for _, p := range md.Partners {
			m.PartnerOrganizationIDs = append(m.PartnerOrganizationIDs, l.orgs[p])
		}
		if err := l.s.Candidates.CreateMeeting(ctx, &m); err != nil {
			return fmt.Errorf("demo: meeting %q: %w", md.Title, err)
		}
		l.meetings[md.Key] = m.ID
	}
	for _, ad := range l.d.Activities {
		a := itinera.Activity{TenantID: l.tenant, ProgramID: programID, Title: ad.Title, Kind: ad.Kind,
			PlaceID: l.places[ad.Place], Topics: slices.Clone(ad.Topics),
			DurationMinutes: ad.DurationMinutes, Priority: ad.Priority, Mandatory: ad.Mandatory,
			Status: ad.Status, Windows: l.windows(ad.Windows), Notes: ad.Notes}
		if err := l.s.Candidates.CreateActivity(ctx, &a); err != nil {
			return fmt.Errorf("demo: activity %q: %w", ad.Title, err)
		}
		l.activities[ad.Key] = a.ID
	}
	return nil
}

// itinerary stores version 1: the program officer's plan. Each item lasts
// its record's duration; its travel is estimated from the previous place of
// the day, or from the hotel for the day's first item.
func (l *loader) itinerary(ctx context.Context, programID int64) error {
	items := l.d.plannedItems()
	it := itinera.Itinerary{TenantID: l.tenant, ProgramID: programID, Note: l.d.Itinerary.Note}
	for _, pi := range items {
		date := l.date(pi.Day)
		start := date.At(itinera.Clock(pi.Start), l.loc)
		x := itinera.ItineraryItem{
			Start:         start,
			End:           start.Add(time.Duration(pi.Minutes) * time.Minute),
			TravelMinutes: pi.TravelMinutes,
		}
		if pi.Meeting != "" {
			x.MeetingID = l.meetings[pi.Meeting]
		} else {
			x.ActivityID = l.activities[pi.Activity]
		}
		it.Items = append(it.Items, x)
	}
	if err := l.s.Itineraries.SaveItinerary(ctx, &it); err != nil {
		return fmt.Errorf("demo: itinerary: %w", err)
	}
	return nil
}

// plannedItem is an itinerary item of the data with its duration, place and
// travel resolved.
type plannedItem struct {
	itemData
	Minutes       int
	Place         placeData
	TravelMinutes int
}

// plannedItems returns the itinerary's items in time order with the travel
// before each.
func (d *dataFile) plannedItems() []plannedItem {
	places := map[string]placeData{}
	for _, p := range d.Places {
		places[p.Key] = p
	}
	items := make([]plannedItem, 0, len(d.Itinerary.Items))
	for _, it := range d.Itinerary.Items {
		pi := plannedItem{itemData: it}
		if it.Meeting != "" {
			i := slices.IndexFunc(d.Meetings, func(m meetingData) bool { return m.Key == it.Meeting })
			pi.Minutes, pi.Place = d.Meetings[i].DurationMinutes, places[d.Meetings[i].Place]
		} else {
			i := slices.IndexFunc(d.Activities, func(a activityData) bool { return a.Key == it.Activity })
			pi.Minutes, pi.Place = d.Activities[i].DurationMinutes, places[d.Activities[i].Place]
		}
		items = append(items, pi)
	}
	slices.SortStableFunc(items, func(a, b plannedItem) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Start, b.Start))
	})
	hotel := places[d.Program.Hotel]
	for i := range items {
		prev := hotel
		if i > 0 && items[i-1].Day == items[i].Day {
			prev = items[i-1].Place
		}
		items[i].TravelMinutes = travelMinutes(prev, items[i].Place)
	}
	return items
}
