package api

import (
	"context"
	"net/http"

	"itinera"
)

// kind describes one kind of record for the generic handlers that read,
// create, replace and delete a single record: every record of the API
// follows the same steps, so they are written once here.
type kind[T any] struct {
	name   string // "meeting": names the record in messages
	path   string // "meetings": the record's path segment under /api/v1/
	load   func(ctx context.Context, tenantID, id int64) (T, error)
	id     func(T) int64
	build  func(w http.ResponseWriter, r *http.Request, u itinera.User, x *T) error
	create func(ctx context.Context, x *T) error
	update func(ctx context.Context, x *T) error
	remove func(ctx context.Context, tenantID, id int64) error
	show   func(r *http.Request, u itinera.User, x T) (any, error)
	// fresh makes the record a POST fills in (for records of a program, it
	// checks the program of the path); nil: an empty record of the tenant.
	fresh func(r *http.Request, u itinera.User) (T, error)
}

// find loads the record named by the path's {id}, of the user's tenant.
func (k kind[T]) find(r *http.Request, u itinera.User) (T, error) {
	id, err := pathID(r, k.name)
	if err != nil {
		var zero T
		return zero, err
	}
	return k.load(r.Context(), u.TenantID, id)
}

// answer reads the record back (the store fills in derived fields) and
// shows it.
func (k kind[T]) answer(r *http.Request, u itinera.User, x T) (any, error) {
	x, err := k.load(r.Context(), u.TenantID, k.id(x))
	if err != nil {
		return nil, err
	}
	return k.show(r, u, x)
}

func (k kind[T]) get(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		v, err := k.show(r, u, x)
		if err != nil {
			return err
		}
		return a.ok(w, r, v)
	}
}

func (k kind[T]) post(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		var x T
		if k.fresh != nil {
			var err error
			if x, err = k.fresh(r, u); err != nil {
				return err
			}
		}
		if err := k.build(w, r, u, &x); err != nil {
			return err
		}
		if err := k.create(r.Context(), &x); err != nil {
			return err
		}
		v, err := k.answer(r, u, x)
		if err != nil {
			return err
		}
		return a.created(w, r, location(k.path, k.id(x)), v)
	}
}

func (k kind[T]) put(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		if err := k.build(w, r, u, &x); err != nil {
			return err
		}
		if err := k.update(r.Context(), &x); err != nil {
			return err
		}
		v, err := k.answer(r, u, x)
		if err != nil {
			return err
		}
		return a.ok(w, r, v)
	}
}

func (k kind[T]) del(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		if err := k.remove(r.Context(), u.TenantID, k.id(x)); err != nil {
			return err
		}
		return noContent(w)
	}
}

// inProgram makes the fresh record of a program-scoped kind: the program
// of the path must be the user's tenant's.
func inProgram[T any](a *API, make func(tenantID, programID int64) T) func(*http.Request, itinera.User) (T, error) {
	return func(r *http.Request, u itinera.User) (T, error) {
		p, err := a.program(r, u)
		if err != nil {
			var zero T
			return zero, err
		}
		return make(u.TenantID, p.ID), nil
	}
}

// inProgramZone shows a program-scoped record with its times in the
// program's time zone.
func inProgramZone[T any](a *API, programOf func(T) int64, show func(T, *itinera.Program) any) func(*http.Request, itinera.User, T) (any, error) {
	return func(r *http.Request, u itinera.User, x T) (any, error) {
		p, err := a.svc.Programs.Program(r.Context(), u.TenantID, programOf(x))
		if err != nil {
			return nil, err
		}
		return show(x, &p), nil
	}
}

// plain shows a record that needs nothing else.
func plain[T, J any](f func(T) J) func(*http.Request, itinera.User, T) (any, error) {
	return func(_ *http.Request, _ itinera.User, x T) (any, error) { return f(x), nil }
}

// The kinds below reach the services through a.svc at call time, so a
// route table can be built before (or without) the services.

func (a *API) programKind() kind[itinera.Program] {
	return kind[itinera.Program]{
		name: "program",
		path: "programs",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Program, error) {
			return a.svc.Programs.Program(ctx, tenantID, id)
		},
		id:     func(x itinera.Program) int64 { return x.ID },
		build:  a.buildProgram,
		create: func(ctx context.Context, x *itinera.Program) error { return a.svc.Programs.CreateProgram(ctx, x) },
		update: func(ctx context.Context, x *itinera.Program) error { return a.svc.Programs.UpdateProgram(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.Programs.DeleteProgram(ctx, tenantID, id)
		},
		show: plain(newProgramJSON),
	}
}

func (a *API) visitorKind() kind[itinera.Visitor] {
	return kind[itinera.Visitor]{
		name: "visitor",
		path: "visitors",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Visitor, error) {
			return a.svc.People.Visitor(ctx, tenantID, id)
		},
		id:     func(x itinera.Visitor) int64 { return x.ID },
		build:  buildVisitor,
		create: func(ctx context.Context, x *itinera.Visitor) error { return a.svc.People.CreateVisitor(ctx, x) },
		update: func(ctx context.Context, x *itinera.Visitor) error { return a.svc.People.UpdateVisitor(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.People.DeleteVisitor(ctx, tenantID, id)
		},
		show: plain(newVisitorJSON),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Visitor {
			return itinera.Visitor{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) interpreterKind() kind[itinera.Interpreter] {
	return kind[itinera.Interpreter]{
		name: "interpreter",
		path: "interpreters",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Interpreter, error) {
			return a.svc.People.Interpreter(ctx, tenantID, id)
		},
		id:     func(x itinera.Interpreter) int64 { return x.ID },
		build:  buildInterpreter,
		create: func(ctx context.Context, x *itinera.Interpreter) error { return a.svc.People.CreateInterpreter(ctx, x) },
		update: func(ctx context.Context, x *itinera.Interpreter) error { return a.svc.People.UpdateInterpreter(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.People.DeleteInterpreter(ctx, tenantID, id)
		},
		show: plain(newInterpreterJSON),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Interpreter {
			return itinera.Interpreter{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) meetingKind() kind[itinera.Meeting] {
	return kind[itinera.Meeting]{
		name: "meeting",
		path: "meetings",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Meeting, error) {
			return a.svc.Candidates.Meeting(ctx, tenantID, id)
		},
		id:     func(x itinera.Meeting) int64 { return x.ID },
		build:  a.buildMeeting,
		create: func(ctx context.Context, x *itinera.Meeting) error { return a.svc.Candidates.CreateMeeting(ctx, x) },
		update: func(ctx context.Context, x *itinera.Meeting) error { return a.svc.Candidates.UpdateMeeting(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.Candidates.DeleteMeeting(ctx, tenantID, id)
		},
		show: inProgramZone(a, func(x itinera.Meeting) int64 { return x.ProgramID },
			func(x itinera.Meeting, p *itinera.Program) any { return newMeetingJSON(x, p.Location()) }),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Meeting {
			return itinera.Meeting{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) activityKind() kind[itinera.Activity] {
	return kind[itinera.Activity]{
		name: "activity",
		path: "activities",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Activity, error) {
			return a.svc.Candidates.Activity(ctx, tenantID, id)
		},
		id:     func(x itinera.Activity) int64 { return x.ID },
		build:  a.buildActivity,
		create: func(ctx context.Context, x *itinera.Activity) error { return a.svc.Candidates.CreateActivity(ctx, x) },
		update: func(ctx context.Context, x *itinera.Activity) error { return a.svc.Candidates.UpdateActivity(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.Candidates.DeleteActivity(ctx, tenantID, id)
		},
		show: inProgramZone(a, func(x itinera.Activity) int64 { return x.ProgramID },
			func(x itinera.Activity, p *itinera.Program) any { return newActivityJSON(x, p.Location()) }),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Activity {
			return itinera.Activity{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) organizationKind() kind[itinera.Organization] {
	return kind[itinera.Organization]{
		name: "organization",
		path: "organizations",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Organization, error) {
			return a.svc.Directory.Organization(ctx, tenantID, id)
		},
		id:    func(x itinera.Organization) int64 { return x.ID },
		build: a.buildOrganization,
		create: func(ctx context.Context, x *itinera.Organization) error {
			return a.svc.Directory.CreateOrganization(ctx, x)
		},
		update: func(ctx context.Context, x *itinera.Organization) error {
			return a.svc.Directory.UpdateOrganization(ctx, x)
		},
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.Directory.DeleteOrganization(ctx, tenantID, id)
		},
		show: plain(newOrganizationJSON),
	}
}

func (a *API) contactKind() kind[itinera.Contact] {
	return kind[itinera.Contact]{
		name: "contact",
		path: "contacts",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Contact, error) {
			return a.svc.Directory.Contact(ctx, tenantID, id)
		},
		id:     func(x itinera.Contact) int64 { return x.ID },
		build:  a.buildContact,
		create: func(ctx context.Context, x *itinera.Contact) error { return a.svc.Directory.CreateContact(ctx, x) },
		update: func(ctx context.Context, x *itinera.Contact) error { return a.svc.Directory.UpdateContact(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.Directory.DeleteContact(ctx, tenantID, id)
		},
		show: plain(newContactJSON),
	}
}

func (a *API) placeKind() kind[itinera.Place] {
	return kind[itinera.Place]{
		name: "place",
		path: "places",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Place, error) {
			return a.svc.Directory.Place(ctx, tenantID, id)
		},
		id:     func(x itinera.Place) int64 { return x.ID },
		build:  buildPlace,
		create: func(ctx context.Context, x *itinera.Place) error { return a.svc.Directory.CreatePlace(ctx, x) },
		update: func(ctx context.Context, x *itinera.Place) error { return a.svc.Directory.UpdatePlace(ctx, x) },
		remove: func(ctx context.Context, tenantID, id int64) error {
			return a.svc.Directory.DeletePlace(ctx, tenantID, id)
		},
		show: plain(newPlaceJSON),
	}
}
