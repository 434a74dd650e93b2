package app

import (
	"context"
	"time"

	"itinera"
	"itinera/internal/importing"
)

// The importers of each kind: the application layer's rules and writes
// for the records, as the forms and the API use them.

// lists turns nil lists into empty ones, so that a list never stored and
// one emptied compare equal.
func lists(ls ...*[]string) {
	for _, l := range ls {
		if *l == nil {
			*l = []string{}
		}
	}
}

func (a *App) visitorImporter(c Caller, env *importing.Env, programID int64) importer {
	type V = itinera.Visitor
	t := c.tenant()
	return &kindImporter[V]{spec: importing.Visitors(), env: env, kind: itinera.ImportVisitors, scope: programID, tenant: t, s: a.s.Imports,
		list:    func(ctx context.Context) ([]V, error) { return a.s.People.Visitors(ctx, t, programID) },
		id:      func(x *V) int64 { return x.ID },
		version: func(x *V) int { return x.Version },
		setVer:  func(x *V, v int) { x.Version = v },
		label:   func(x *V) string { return x.Name() },
		check: func(_ context.Context, x *V, _ bool) error {
			// checkVisitor's rules, but the program was found once, when
			// the import began: loading it again for each of ten thousand
			// rows (with its visitor count) made the import quadratic.
			x.TenantID, x.ProgramID = t, programID
			return x.Validate()
		},
		create: a.s.People.CreateVisitor,
		update: func(ctx context.Context, _, x *V) error { return a.s.People.UpdateVisitor(ctx, x) },
		load:   func(ctx context.Context, id int64) (V, error) { return a.s.People.Visitor(ctx, t, id) },
		remove: func(ctx context.Context, id int64) error { return a.s.People.DeleteVisitor(ctx, t, id) },
		same: func(x, y *V) bool {
			return sameJSON(x, y, func(v *V) { v.Version = 0; lists(&v.Languages, &v.Diets, &v.Allergies, &v.Interests) })
		},
	}
}

func (a *App) interpreterImporter(c Caller, env *importing.Env, programID int64) importer {
	type I = itinera.Interpreter
	t := c.tenant()
	return &kindImporter[I]{spec: importing.Interpreters(), env: env, kind: itinera.ImportInterpreters, scope: programID, tenant: t, s: a.s.Imports,
		list:    func(ctx context.Context) ([]I, error) { return a.s.People.Interpreters(ctx, t, programID) },
		id:      func(x *I) int64 { return x.ID },
		version: func(x *I) int { return x.Version },
		setVer:  func(x *I, v int) { x.Version = v },
		label:   func(x *I) string { return x.Name },
		check: func(_ context.Context, x *I, _ bool) error {
			x.TenantID, x.ProgramID = t, programID // checkInterpreter's rules; the program was found once
			return x.Validate()
		},
		create: a.s.People.CreateInterpreter,
		update: func(ctx context.Context, _, x *I) error { return a.s.People.UpdateInterpreter(ctx, x) },
		load:   func(ctx context.Context, id int64) (I, error) { return a.s.People.Interpreter(ctx, t, id) },
		remove: func(ctx context.Context, id int64) error { return a.s.People.DeleteInterpreter(ctx, t, id) },
		same:   func(x, y *I) bool { return sameJSON(x, y, func(v *I) { v.Version = 0; lists(&v.Languages) }) },
	}
}

func (a *App) organizationImporter(c Caller, env *importing.Env) importer {
	type O = itinera.Organization
	t := c.tenant()
	return &kindImporter[O]{spec: importing.Organizations(), env: env, kind: itinera.ImportOrganizations, tenant: t, s: a.s.Imports,
		list: func(ctx context.Context) ([]O, error) {
			return a.s.Directory.Organizations(ctx, t, itinera.DirectoryFilter{})
		},
		id:      func(x *O) int64 { return x.ID },
		version: func(x *O) int { return x.Version },
		setVer:  func(x *O, v int) { x.Version = v },
		label:   func(x *O) string { return x.Name },
		check: func(ctx context.Context, x *O, _ bool) error {
			if err := a.checkOrganizationRecord(c)(ctx, x); err != nil {
				return err
			}
			return a.checkImportedOffice(ctx, x)
		},
		create: func(ctx context.Context, x *O) error {
			if err := a.writeOrganization(ctx, &O{}, x); err != nil {
				return err
			}
			env.Orgs.Add(x.Name, x.ID)
			return nil
		},
		update: func(ctx context.Context, old, x *O) error {
			if err := a.writeOrganization(ctx, old, x); err != nil {
				return err
			}
			env.Orgs.Add(x.Name, x.ID)
			return nil
		},
		load:   func(ctx context.Context, id int64) (O, error) { return a.s.Directory.Organization(ctx, t, id) },
		remove: func(ctx context.Context, id int64) error { return a.deleteOrganization(ctx, t, id) },
		same: func(x, y *O) bool {
			return sameJSON(x, y, func(v *O) { v.Version, v.PlaceName = 0, ""; lists(&v.Topics) })
		},
	}
}

// checkImportedOffice refuses a row that gives an organization a new
// office address without its coordinates: an import asks no geocoder (it
// would hold the import's transaction a second a row), so the file gives
// them.
func (a *App) checkImportedOffice(ctx context.Context, x *itinera.Organization) error {
	if x.Address == "" || x.Lat != 0 || x.Lon != 0 {
		return nil
	}
	var old itinera.Organization
	if x.ID != 0 {
		var err error
		if old, err = a.s.Directory.Organization(ctx, x.TenantID, x.ID); err != nil {
			return err
		}
	}
	if !byAddress(&old, x) || officeKept(&old, x) {
		return nil
	}
	return itinera.FieldErrors{"lat": "Give the latitude and longitude of the address (the Latitude and Longitude columns): " +
		"an import does not look addresses up."}.Err("organization")
}

func (a *App) contactImporter(c Caller, env *importing.Env) importer {
	type C = itinera.Contact
	t := c.tenant()
	return &kindImporter[C]{spec: importing.Contacts(), env: env, kind: itinera.ImportContacts, tenant: t, s: a.s.Imports,
		list: func(ctx context.Context) ([]C, error) {
			return a.s.Directory.Contacts(ctx, t, itinera.DirectoryFilter{})
		},
		id:      func(x *C) int64 { return x.ID },
		version: func(x *C) int { return x.Version },
		setVer:  func(x *C, v int) { x.Version = v },
		label:   func(x *C) string { return x.Name },
		check:   func(ctx context.Context, x *C, _ bool) error { return a.checkContactRecord(c)(ctx, x) },
		create:  a.s.Directory.CreateContact,
		update:  func(ctx context.Context, _, x *C) error { return a.s.Directory.UpdateContact(ctx, x) },
		load:    func(ctx context.Context, id int64) (C, error) { return a.s.Directory.Contact(ctx, t, id) },
		remove:  func(ctx context.Context, id int64) error { return a.s.Directory.DeleteContact(ctx, t, id) },
		same: func(x, y *C) bool {
			return sameJSON(x, y, func(v *C) { v.Version, v.OrganizationName = 0, "" })
		},
	}
}

func (a *App) placeImporter(c Caller, env *importing.Env) importer {
	type P = itinera.Place
	t := c.tenant()
	return &kindImporter[P]{spec: importing.Places(), env: env, kind: itinera.ImportPlaces, tenant: t, s: a.s.Imports,
		list: func(ctx context.Context) ([]P, error) {
			all, err := a.s.Directory.Places(ctx, t, itinera.DirectoryFilter{})
			var out []P
			for _, p := range all {
				if p.Kind != itinera.PlaceHome { // homes are the households'
					out = append(out, p)
				}
			}
			return out, err
		},
		id:      func(x *P) int64 { return x.ID },
		version: func(x *P) int { return x.Version },
		setVer:  func(x *P, v int) { x.Version = v },
		label:   func(x *P) string { return x.Name },
		check:   func(ctx context.Context, x *P, _ bool) error { return a.checkPlaceRecord(c)(ctx, x) },
		create: func(ctx context.Context, x *P) error {
			if err := a.s.Directory.CreatePlace(ctx, x); err != nil {
				return err
			}
			env.Places.Add(x.Name, x.ID)
			return nil
		},
		update: func(ctx context.Context, _, x *P) error { return a.s.Directory.UpdatePlace(ctx, x) },
		load:   func(ctx context.Context, id int64) (P, error) { return a.s.Directory.Place(ctx, t, id) },
		remove: func(ctx context.Context, id int64) error { return a.s.Directory.DeletePlace(ctx, t, id) },
		same:   func(x, y *P) bool { return sameJSON(x, y, func(v *P) { v.Version = 0 }) },
	}
}

func (a *App) householdImporter(c Caller, env *importing.Env) importer {
	type H = itinera.HostHousehold
	t := c.tenant()
	return &kindImporter[H]{spec: importing.Households(), env: env, kind: itinera.ImportHouseholds, tenant: t, s: a.s.Imports,
		list: func(ctx context.Context) ([]H, error) {
			return a.s.Hospitality.Households(ctx, t, itinera.HouseholdFilter{})
		},
		id:      func(x *H) int64 { return x.ID },
		version: func(x *H) int { return x.Version },
		setVer:  func(x *H, v int) { x.Version = v },
		label:   func(x *H) string { return x.Name },
		check: func(ctx context.Context, x *H, creating bool) error {
			x.TenantID = t
			if creating && x.Status == "" {
				x.Status = itinera.HouseholdApproved
			}
			f := itinera.FieldErrors{}
			if x.Status == "" {
				f.Add("status", "Choose approved, pending, rejected or withdrawn.")
			}
			return merge(f, x.Validate(), "household")
		},
		create: a.s.Hospitality.CreateHousehold,
		update: func(ctx context.Context, _, x *H) error { return a.s.Hospitality.UpdateHousehold(ctx, x) },
		load:   func(ctx context.Context, id int64) (H, error) { return a.s.Hospitality.Household(ctx, t, id) },
		remove: func(ctx context.Context, id int64) error { return a.s.Hospitality.DeleteHousehold(ctx, t, id) },
		same: func(x, y *H) bool {
			return sameJSON(x, y, func(v *H) {
				v.Version, v.UpdatedAt, v.CreatedAt, v.LinkExpiresAt = 0, time.Time{}, time.Time{}, time.Time{}
				lists(&v.Languages, &v.CanServe, &v.Pets, &v.Interests)
				if len(v.FreeDates) == 0 {
					v.FreeDates = nil
				}
				if len(v.FreeWeekdays) == 0 {
					v.FreeWeekdays = nil
				}
			})
		},
	}
}

func (a *App) meetingImporter(c Caller, env *importing.Env, p *itinera.Program) importer {
	type M = itinera.Meeting
	t := c.tenant()
	return &kindImporter[M]{spec: importing.Meetings(), env: env, kind: itinera.ImportMeetings, scope: p.ID, tenant: t, s: a.s.Imports,
		list:    func(ctx context.Context) ([]M, error) { return a.s.Candidates.Meetings(ctx, t, p.ID) },
		id:      func(x *M) int64 { return x.ID },
		version: func(x *M) int { return x.Version },
		setVer:  func(x *M, v int) { x.Version = v },
		label:   func(x *M) string { return x.Title },
		check: func(ctx context.Context, x *M, _ bool) error {
			x.TenantID, x.ProgramID = t, p.ID
			return a.checkMeeting(ctx, *p, x)
		},
		create: a.s.Candidates.CreateMeeting,
		update: func(ctx context.Context, old, x *M) error {
			if err := a.s.Candidates.UpdateMeeting(ctx, x); err != nil {
				return err
			}
			_, _, err := a.followConfirmedPlace(ctx, c, *p, *old, *x)
			return err
		},
		load:   func(ctx context.Context, id int64) (M, error) { return a.s.Candidates.Meeting(ctx, t, id) },
		remove: func(ctx context.Context, id int64) error { return a.s.Candidates.DeleteMeeting(ctx, t, id) },
		same: func(x, y *M) bool {
			return sameJSON(x, y, func(v *M) {
				v.Version, v.HostOrganizationName, v.ContactName, v.PlaceName, v.PartnerOrganizations = 0, "", "", "", nil
				lists(&v.Topics)
				if len(v.PartnerOrganizationIDs) == 0 {
					v.PartnerOrganizationIDs = nil
				}
				if len(v.Windows) == 0 {
					v.Windows = nil
				}
				for i := range v.Windows {
					v.Windows[i].Start, v.Windows[i].End = v.Windows[i].Start.UTC(), v.Windows[i].End.UTC()
				}
			})
		},
	}
}
