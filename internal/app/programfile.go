package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"itinera"
	"itinera/internal/programfile"
)

// Moving a whole program: its program file (internal/programfile) is
// written from one transaction's reads, so that it is consistent, and
// imported in one transaction, so that nothing is ever half imported.

// ExportProgram returns the program file of a program of the caller's
// tenant: the program with its days, people, candidates, itinerary
// versions, requests, evenings and pairs, and the directory records and
// households they refer to.
func (a *App) ExportProgram(ctx context.Context, c Caller, programID int64) (programfile.File, error) {
	var f programfile.File
	err := a.inTx(ctx, func(ctx context.Context) error {
		recs, err := a.programRecords(ctx, c.tenant(), programID)
		if err != nil {
			return err
		}
		f, err = programfile.Build(recs, a.now())
		return err
	})
	return f, err
}

// programRecords reads everything a program file carries.
func (a *App) programRecords(ctx context.Context, tid, programID int64) (programfile.Records, error) {
	var recs programfile.Records
	var err error
	if recs.Program, err = a.s.Programs.Program(ctx, tid, programID); err != nil {
		return recs, err
	}
	steps := []func() error{
		func() (err error) { recs.Days, err = a.s.Programs.Days(ctx, tid, programID); return },
		func() (err error) { recs.Visitors, err = a.s.People.Visitors(ctx, tid, programID); return },
		func() (err error) { recs.Interpreters, err = a.s.People.Interpreters(ctx, tid, programID); return },
		func() (err error) { recs.Meetings, err = a.s.Candidates.Meetings(ctx, tid, programID); return },
		func() (err error) { recs.Activities, err = a.s.Candidates.Activities(ctx, tid, programID); return },
		func() (err error) {
			recs.Itineraries, err = a.s.Itineraries.ItineraryVersions(ctx, tid, programID)
			return
		},
		func() (err error) { recs.Requests, err = a.s.Requests.Requests(ctx, tid, programID); return },
		func() (err error) { recs.Evenings, err = a.s.Hospitality.Evenings(ctx, tid, programID); return },
		func() (err error) { recs.Hours, err = a.s.Hospitality.VolunteerHours(ctx, tid, programID); return },
		func() (err error) { recs.Pairs, err = a.s.Hospitality.Pairs(ctx, tid, programID); return },
		func() (err error) { recs.Overrides, err = a.s.Travel.TravelOverrides(ctx, tid, programID); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return recs, err
		}
	}

	// The directory records and households the program refers to.
	places, orgs, contacts, homes := idSet{}, idSet{}, idSet{}, idSet{}
	places.add(recs.Program.HotelPlaceID)
	for _, m := range recs.Meetings {
		orgs.add(m.HostOrganizationID)
		orgs.add(m.PartnerOrganizationIDs...)
		contacts.add(m.ContactID)
		places.add(m.PlaceID)
	}
	for _, x := range recs.Activities {
		places.add(x.PlaceID)
	}
	for _, r := range recs.Requests {
		contacts.add(r.ContactID)
	}
	for _, e := range recs.Evenings {
		for _, in := range e.Invitations {
			homes.add(in.HouseholdID)
		}
		for _, g := range e.Guests {
			homes.add(g.HouseholdID)
		}
	}
	for _, h := range recs.Hours {
		homes.add(h.HouseholdID)
	}
	for _, o := range recs.Overrides {
		places.add(o.From, o.To)
	}
	for _, id := range contacts.sorted() {
		x, err := a.s.Directory.Contact(ctx, tid, id)
		if err != nil {
			return recs, err
		}
		orgs.add(x.OrganizationID)
		recs.Contacts = append(recs.Contacts, x)
	}
	for _, id := range orgs.sorted() {
		x, err := a.s.Directory.Organization(ctx, tid, id)
		if err != nil {
			return recs, err
		}
		places.add(x.PlaceID)
		recs.Organizations = append(recs.Organizations, x)
	}
	for _, id := range places.sorted() {
		x, err := a.s.Directory.Place(ctx, tid, id)
		if err != nil {
			return recs, err
		}
		recs.Places = append(recs.Places, x)
	}
	for _, id := range homes.sorted() {
		x, err := a.s.Hospitality.Household(ctx, tid, id)
		if err != nil {
			return recs, err
		}
		recs.Households = append(recs.Households, x)
	}
	return recs, nil
}

// idSet collects the ids of the records to carry.
type idSet map[int64]bool

func (s idSet) add(ids ...int64) {
	for _, id := range ids {
		if id != 0 {
			s[id] = true
		}
	}
}

func (s idSet) sorted() []int64 {
	out := make([]int64, 0, len(s))
	for id := range s {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// ImportedProgram is what importing a program file made.
type ImportedProgram struct {
	Program itinera.Program
	// Created counts the records made, by kind ("places", "visitors",
	// "itinerary_versions" …); Reused counts the directory records and
	// households of the organization that the file's matched.
	Created map[string]int
	Reused  map[string]int
	// SendAgain counts the requests whose resource could still answer from
	// their link, which a file does not carry: they must be sent again.
	SendAgain int
}

// ImportProgram makes a new program of the caller's tenant from a program
// file, in one transaction: nothing is written unless all of it is. The
// directory records it refers to are matched in the organization's
// directory — an organization by name, a contact by name at its
// organization, a place by name and address, a household by name and
// address — and reused; the others are created. Every record gets a new
// id and every reference follows. Requests and households arrive without
// links (see programfile.Moved). A wrong file is an EINVALID error naming
// the record.
func (a *App) ImportProgram(ctx context.Context, c Caller, f programfile.File) (ImportedProgram, error) {
	if err := mustEdit(c); err != nil {
		return ImportedProgram{}, err
	}
	if err := f.Check(); err != nil {
		return ImportedProgram{}, err
	}
	recs, err := f.Records()
	if err != nil {
		return ImportedProgram{}, err
	}
	var out ImportedProgram
	err = a.inTx(ctx, func(ctx context.Context) error {
		im := &programImport{a: a, tid: c.tenant(), recs: recs,
			out: ImportedProgram{Created: map[string]int{}, Reused: map[string]int{}}}
		if err := im.run(ctx); err != nil {
			return err
		}
		out = im.out
		var err error
		if out.Program, err = a.s.Programs.Program(ctx, c.tenant(), im.program); err != nil {
			return err
		}
		// One entry for the whole file: the records it brought are listed
		// by kind and number.
		return a.auditAt(ctx, c.actor(), c.tenant(), "program", out.Program.ID, out.Program.ID, "import program file", nil,
			map[string]any{"Title": out.Program.Title, "Created": out.Created, "Reused": out.Reused})
	})
	return out, err
}

// programImport carries one import of a program file: the new id of
// every record of the file.
type programImport struct {
	a    *App
	tid  int64
	recs programfile.Records
	out  ImportedProgram

	program int64
	// The new id of each record, by its id in the file.
	places, orgs, contacts map[int64]int64
	visitors, interps      map[int64]int64
	meetings, activities   map[int64]int64
	households, evenings   map[int64]int64
}

func (im *programImport) run(ctx context.Context) error {
	steps := []func(context.Context) error{im.directory, im.programAndDays, im.people, im.candidates,
		im.itineraries, im.requests, im.hospitality}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// matchKey is how records are matched: without case and extra spaces.
func matchKey(parts ...string) string {
	for i, p := range parts {
		parts[i] = strings.ToLower(strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(parts, "\x00")
}

// inFile names the record of the file a store error is about; an error
// about the data becomes an EINVALID error on the file.
func inFile(what string, err error) error {
	if err == nil {
		return nil
	}
	switch itinera.ErrorCode(err) {
	case itinera.EINVALID, itinera.ENOTFOUND:
	default:
		return err
	}
	detail := strings.TrimSuffix(itinera.ErrorMessage(err), ".")
	if fields := itinera.ErrorFields(err); len(fields) > 0 {
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + strings.TrimSuffix(fields[k], ".")
		}
		detail = strings.Join(parts, "; ")
	}
	return itinera.Errorf(itinera.EINVALID, "The program file cannot be imported: %s: %s.", what, detail)
}

func named(kind string, id int64, name string) string {
	if name == "" {
		return fmt.Sprintf("%s %d", kind, id)
	}
	return fmt.Sprintf("%s %d (“%s”)", kind, id, name)
}

// directory matches or creates the places, organizations and contacts.
func (im *programImport) directory(ctx context.Context) error {
	dir := im.a.s.Directory
	im.places, im.orgs, im.contacts = map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	places, err := dir.Places(ctx, im.tid, itinera.DirectoryFilter{})
	if err != nil {
		return err
	}
	byKey := map[string]int64{}
	for _, p := range places {
		if _, ok := byKey[matchKey(p.Name, p.Address)]; !ok {
			byKey[matchKey(p.Name, p.Address)] = p.ID
		}
	}
	for _, p := range im.recs.Places {
		k, fileID := matchKey(p.Name, p.Address), p.ID
		if id, ok := byKey[k]; ok {
			im.places[fileID] = id
			im.out.Reused["places"]++
			continue
		}
		p.ID, p.TenantID = 0, im.tid
		if err := dir.CreatePlace(ctx, &p); err != nil {
			return inFile(named("place", fileID, p.Name), err)
		}
		im.places[fileID], byKey[k] = p.ID, p.ID
		im.out.Created["places"]++
	}

	orgs, err := dir.Organizations(ctx, im.tid, itinera.DirectoryFilter{})
	if err != nil {
		return err
	}
	byKey = map[string]int64{}
	for _, o := range orgs {
		if _, ok := byKey[matchKey(o.Name)]; !ok {
			byKey[matchKey(o.Name)] = o.ID
		}
	}
	for _, o := range im.recs.Organizations {
		k, fileID := matchKey(o.Name), o.ID
		if id, ok := byKey[k]; ok {
			im.orgs[fileID] = id
			im.out.Reused["organizations"]++
			continue
		}
		o.ID, o.TenantID, o.PlaceID = 0, im.tid, im.places[o.PlaceID]
		if err := dir.CreateOrganization(ctx, &o); err != nil {
			return inFile(named("organization", fileID, o.Name), err)
		}
		im.orgs[fileID], byKey[k] = o.ID, o.ID
		im.out.Created["organizations"]++
	}

	contacts, err := dir.Contacts(ctx, im.tid, itinera.DirectoryFilter{})
	if err != nil {
		return err
	}
	byKey = map[string]int64{}
	for _, x := range contacts {
		k := matchKey(fmt.Sprint(x.OrganizationID), x.Name)
		if _, ok := byKey[k]; !ok {
			byKey[k] = x.ID
		}
	}
	for _, x := range im.recs.Contacts {
		fileID := x.ID
		x.ID, x.TenantID, x.OrganizationID = 0, im.tid, im.orgs[x.OrganizationID]
		k := matchKey(fmt.Sprint(x.OrganizationID), x.Name)
		if id, ok := byKey[k]; ok {
			im.contacts[fileID] = id
			im.out.Reused["contacts"]++
			continue
		}
		if err := dir.CreateContact(ctx, &x); err != nil {
			return inFile(named("contact", fileID, x.Name), err)
		}
		im.contacts[fileID], byKey[k] = x.ID, x.ID
		im.out.Created["contacts"]++
	}
	return nil
}

// programAndDays creates the program (with a default day for each date)
// and gives its days the file's limits.
func (im *programImport) programAndDays(ctx context.Context) error {
	p := im.recs.Program
	p.ID, p.TenantID, p.HotelPlaceID = 0, im.tid, im.places[p.HotelPlaceID]
	if err := im.a.s.Programs.CreateProgram(ctx, &p); err != nil {
		return inFile("the program", err)
	}
	im.program = p.ID
	for _, d := range im.recs.Days {
		d.ProgramID, d.Version = p.ID, 0
		if err := im.a.s.Programs.UpdateDay(ctx, im.tid, &d); err != nil {
			return inFile("day "+d.Date.String(), err)
		}
	}
	im.out.Created["days"] = len(im.recs.Days)
	for i, o := range im.recs.Overrides {
		o.TenantID, o.ProgramID, o.From, o.To = im.tid, p.ID, im.places[o.From], im.places[o.To]
		if err := im.a.s.Travel.SetTravelOverride(ctx, &o); err != nil {
			return inFile(fmt.Sprintf("travel time %d", i+1), err)
		}
	}
	if n := len(im.recs.Overrides); n > 0 {
		im.out.Created["travel_times"] = n
	}
	return nil
}

func (im *programImport) people(ctx context.Context) error {
	im.visitors, im.interps = map[int64]int64{}, map[int64]int64{}
	for _, v := range im.recs.Visitors {
		fileID := v.ID
		v.ID, v.TenantID, v.ProgramID = 0, im.tid, im.program
		if err := im.a.s.People.CreateVisitor(ctx, &v); err != nil {
			return inFile(named("visitor", fileID, v.Name()), err)
		}
		im.visitors[fileID] = v.ID
	}
	for _, x := range im.recs.Interpreters {
		fileID := x.ID
		x.ID, x.TenantID, x.ProgramID = 0, im.tid, im.program
		if err := im.a.s.People.CreateInterpreter(ctx, &x); err != nil {
			return inFile(named("interpreter", fileID, x.Name), err)
		}
		im.interps[fileID] = x.ID
	}
	im.out.Created["visitors"], im.out.Created["interpreters"] = len(im.visitors), len(im.interps)
	return nil
}

// candidates creates the meetings and activities in the status the file
// gives. Their windows are carried as they are, even outside the
// program's days (a program's dates may have changed after they were set).
func (im *programImport) candidates(ctx context.Context) error {
	im.meetings, im.activities = map[int64]int64{}, map[int64]int64{}
	for _, m := range im.recs.Meetings {
		fileID := m.ID
		m.ID, m.TenantID, m.ProgramID = 0, im.tid, im.program
		m.HostOrganizationID, m.ContactID, m.PlaceID = im.orgs[m.HostOrganizationID], im.contacts[m.ContactID], im.places[m.PlaceID]
		partners := make([]int64, 0, len(m.PartnerOrganizationIDs))
		for _, o := range m.PartnerOrganizationIDs {
			partners = append(partners, im.orgs[o])
		}
		m.PartnerOrganizationIDs = partners
		going := make([]int64, 0, len(m.VisitorIDs))
		for _, v := range m.VisitorIDs {
			going = append(going, im.visitors[v])
		}
		m.VisitorIDs = going
		if err := im.a.s.Candidates.CreateMeeting(ctx, &m); err != nil {
			return inFile(named("meeting", fileID, m.Title), err)
		}
		im.meetings[fileID] = m.ID
	}
	for _, x := range im.recs.Activities {
		fileID := x.ID
		x.ID, x.TenantID, x.ProgramID, x.PlaceID = 0, im.tid, im.program, im.places[x.PlaceID]
		if err := im.a.s.Candidates.CreateActivity(ctx, &x); err != nil {
			return inFile(named("activity", fileID, x.Title), err)
		}
		im.activities[fileID] = x.ID
	}
	im.out.Created["meetings"], im.out.Created["activities"] = len(im.meetings), len(im.activities)
	return nil
}

// itineraries restores every version with its number, time and
// SEQUENCEs; who made each is not carried.
func (im *programImport) itineraries(ctx context.Context) error {
	for _, it := range im.recs.Itineraries {
		it.ID, it.TenantID, it.ProgramID, it.CreatedBy = 0, im.tid, im.program, 0
		items := make([]itinera.ItineraryItem, len(it.Items))
		for i, x := range it.Items {
			x.MeetingID, x.ActivityID = im.meetings[x.MeetingID], im.activities[x.ActivityID]
			x.VisitorIDs, x.InterpreterIDs = remap(x.VisitorIDs, im.visitors), remap(x.InterpreterIDs, im.interps)
			items[i] = x
		}
		it.Items = items
		if err := im.a.s.Itineraries.RestoreItinerary(ctx, &it); err != nil {
			return inFile(fmt.Sprintf("itinerary version %d", it.Version), err)
		}
	}
	im.out.Created["itinerary_versions"] = len(im.recs.Itineraries)
	return nil
}

// requests restores the requests; one the resource could still answer
// from their link says that it must be sent again.
func (im *programImport) requests(ctx context.Context) error {
	now := im.a.now()
	for _, r := range im.recs.Requests {
		fileID := r.ID
		moved := programfile.Moved(r, now)
		if len(moved.Events) != len(r.Events) {
			im.out.SendAgain++
		}
		moved.ID, moved.TenantID = 0, im.tid
		moved.MeetingID, moved.ContactID = im.meetings[r.MeetingID], im.contacts[r.ContactID]
		if err := im.a.s.Requests.RestoreRequest(ctx, &moved); err != nil {
			return inFile(fmt.Sprintf("request %d", fileID), err)
		}
	}
	im.out.Created["requests"] = len(im.recs.Requests)
	return nil
}

// hospitality matches or creates the households, then restores the
// evenings and the pairs.
func (im *programImport) hospitality(ctx context.Context) error {
	hs := im.a.s.Hospitality
	im.households, im.evenings = map[int64]int64{}, map[int64]int64{}
	existing, err := hs.Households(ctx, im.tid, itinera.HouseholdFilter{})
	if err != nil {
		return err
	}
	byKey := map[string]int64{}
	for _, h := range existing {
		if _, ok := byKey[matchKey(h.Name, h.Address)]; !ok {
			byKey[matchKey(h.Name, h.Address)] = h.ID
		}
	}
	for _, h := range im.recs.Households {
		k, fileID := matchKey(h.Name, h.Address), h.ID
		if id, ok := byKey[k]; ok {
			im.households[fileID] = id
			im.out.Reused["households"]++
			continue
		}
		h.ID, h.TenantID = 0, im.tid
		if err := hs.CreateHousehold(ctx, &h); err != nil {
			return inFile(named("household", fileID, h.Name), err)
		}
		im.households[fileID], byKey[k] = h.ID, h.ID
		im.out.Created["households"]++
	}
	for _, e := range im.recs.Evenings {
		fileID := e.ID
		e.ID, e.TenantID, e.ProgramID, e.ActivityID = 0, im.tid, im.program, im.activities[e.ActivityID]
		e.VisitorIDs = remap(e.VisitorIDs, im.visitors)
		e.InterpreterIDs = remap(e.InterpreterIDs, im.interps)
		invs := make([]itinera.HospitalityInvitation, len(e.Invitations))
		for i, in := range e.Invitations {
			in.HouseholdID = im.households[in.HouseholdID]
			invs[i] = in
		}
		guests := make([]itinera.HospitalityGuest, len(e.Guests))
		for i, g := range e.Guests {
			g.HouseholdID, g.VisitorID, g.InterpreterID = im.households[g.HouseholdID], im.visitors[g.VisitorID], im.interps[g.InterpreterID]
			guests[i] = g
		}
		unplaced := make([]itinera.HospitalityUnplaced, len(e.Unplaced))
		for i, u := range e.Unplaced {
			u.VisitorID = im.visitors[u.VisitorID]
			unplaced[i] = u
		}
		e.Invitations, e.Guests, e.Unplaced = invs, guests, unplaced
		var hours []itinera.VolunteerHours
		for _, h := range im.recs.Hours {
			if h.EveningID == fileID {
				h.HouseholdID = im.households[h.HouseholdID]
				hours = append(hours, h)
			}
		}
		if err := hs.RestoreEvening(ctx, &e, hours); err != nil {
			return inFile(fmt.Sprintf("evening %d", fileID), err)
		}
		im.evenings[fileID] = e.ID
	}
	for i, p := range im.recs.Pairs {
		p.ID, p.TenantID, p.ProgramID = 0, im.tid, im.program
		p.VisitorA, p.VisitorB, p.EveningID = im.visitors[p.VisitorA], im.visitors[p.VisitorB], im.evenings[p.EveningID]
		if err := hs.CreatePair(ctx, &p); err != nil {
			return inFile(fmt.Sprintf("pair %d", i+1), err)
		}
	}
	im.out.Created["evenings"], im.out.Created["pairs"] = len(im.evenings), len(im.recs.Pairs)
	return nil
}

func remap(ids []int64, to map[int64]int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		out = append(out, to[id])
	}
	return out
}
