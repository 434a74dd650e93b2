package api

import (
	"context"
	"itinera/internal/app"
	"net/http"

	"itinera"
)

// kind describes one kind of record for the generic handlers that read,
// create, replace and delete a single record: every record of the API
// follows the same steps, so they are written once here. The writes are
// the application layer's workflows; the answer is built from the record
// the workflow returns (read inside its transaction), so a write that
// committed is never answered with an error.
type kind[T any] struct {
	name   string // "meeting": names the record in messages
	path   string // "meetings": the record's path segment under /api/v1/
	load   func(ctx context.Context, tenantID, id int64) (T, error)
	id     func(T) int64
	build  func(w http.ResponseWriter, r *http.Request, u itinera.User, x *T) error
	create func(ctx context.Context, c app.Caller, x T) (T, error)
	update func(ctx context.Context, c app.Caller, x T) (T, error)
	remove func(ctx context.Context, c app.Caller, id int64) error
	// view reads, before any write, what showing the record needs (its
	// program's time zone), and returns how to show it.
	view func(r *http.Request, u itinera.User, x T) (func(T) any, error)
	// fresh makes the record a POST fills in (for records of a program, it
	// checks the program of the path); nil: an empty record of the tenant.
	fresh func(r *http.Request, u itinera.User) (T, error)
	// version points at the record's version.
	version func(*T) *int
	// input is the record as the body of a PUT, which PATCH merges into.
	input func(r *http.Request, u itinera.User, x T) (any, error)
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

func (k kind[T]) get(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		show, err := k.view(r, u, x)
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(*k.version(&x)))
		return a.ok(w, r, show(x))
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
		show, err := k.view(r, u, x)
		if err != nil {
			return err
		}
		x, err = k.create(r.Context(), a.caller(r, u), x)
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(*k.version(&x)))
		return a.created(w, r, location(k.path, k.id(x)), show(x))
	}
}

func (k kind[T]) put(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		if err := againstVersion(r, k, &x); err != nil {
			return err
		}
		if err := k.build(w, r, u, &x); err != nil {
			return err
		}
		show, err := k.view(r, u, x)
		if err != nil {
			return err
		}
		if x, err = k.update(r.Context(), a.caller(r, u), x); err != nil {
			return err
		}
		w.Header().Set("ETag", etag(*k.version(&x)))
		return a.ok(w, r, show(x))
	}
}

func (k kind[T]) del(a *API) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u itinera.User) error {
		x, err := k.find(r, u)
		if err != nil {
			return err
		}
		if err := againstVersion(r, k, &x); err != nil {
			return err
		}
		if err := k.remove(r.Context(), a.caller(r, u), k.id(x)); err != nil {
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
func inProgramZone[T any](a *API, programOf func(T) int64, show func(T, *itinera.Program) any) func(*http.Request, itinera.User, T) (func(T) any, error) {
	return func(r *http.Request, u itinera.User, x T) (func(T) any, error) {
		p, err := a.svc.Programs.Program(r.Context(), u.TenantID, programOf(x))
		if err != nil {
			return nil, err
		}
		return func(x T) any { return show(x, &p) }, nil
	}
}

// plain shows a record that needs nothing else.
func plain[T, J any](f func(T) J) func(*http.Request, itinera.User, T) (func(T) any, error) {
	return func(_ *http.Request, _ itinera.User, _ T) (func(T) any, error) {
		return func(x T) any { return f(x) }, nil
	}
}

// The kinds below reach the services through a.svc at call time, so a
// route table can be built before (or without) the services.

func (a *API) programKind() kind[itinera.Program] {
	return kind[itinera.Program]{
		version: func(x *itinera.Program) *int { return &x.Version },
		input:   a.programInput,
		name:    "program",
		path:    "programs",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Program, error) {
			return a.svc.Programs.Program(ctx, tenantID, id)
		},
		id:     func(x itinera.Program) int64 { return x.ID },
		build:  a.buildProgram,
		create: a.app.CreateProgram,
		update: a.app.UpdateProgram,
		remove: a.app.DeleteProgram,
		view:   plain(newProgramJSON),
	}
}

func (a *API) visitorKind() kind[itinera.Visitor] {
	return kind[itinera.Visitor]{
		version: func(x *itinera.Visitor) *int { return &x.Version },
		input:   plainInput(visitorInputOf),
		name:    "visitor",
		path:    "visitors",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Visitor, error) {
			return a.svc.People.Visitor(ctx, tenantID, id)
		},
		id:     func(x itinera.Visitor) int64 { return x.ID },
		build:  buildVisitor,
		create: a.app.CreateVisitor,
		update: a.app.UpdateVisitor,
		remove: a.app.DeleteVisitor,
		view:   plain(newVisitorJSON),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Visitor {
			return itinera.Visitor{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) interpreterKind() kind[itinera.Interpreter] {
	return kind[itinera.Interpreter]{
		version: func(x *itinera.Interpreter) *int { return &x.Version },
		input:   plainInput(interpreterInputOf),
		name:    "interpreter",
		path:    "interpreters",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Interpreter, error) {
			return a.svc.People.Interpreter(ctx, tenantID, id)
		},
		id:     func(x itinera.Interpreter) int64 { return x.ID },
		build:  buildInterpreter,
		create: a.app.CreateInterpreter,
		update: a.app.UpdateInterpreter,
		remove: a.app.DeleteInterpreter,
		view:   plain(newInterpreterJSON),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Interpreter {
			return itinera.Interpreter{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) meetingKind() kind[itinera.Meeting] {
	return kind[itinera.Meeting]{
		version: func(x *itinera.Meeting) *int { return &x.Version },
		input:   a.meetingInput,
		name:    "meeting",
		path:    "meetings",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Meeting, error) {
			return a.svc.Candidates.Meeting(ctx, tenantID, id)
		},
		id:     func(x itinera.Meeting) int64 { return x.ID },
		build:  a.buildMeeting,
		create: a.app.CreateMeeting,
		update: func(ctx context.Context, c app.Caller, x itinera.Meeting) (itinera.Meeting, error) {
			res, err := a.app.UpdateMeeting(ctx, c, x)
			return res.Meeting, err
		},
		remove: a.app.DeleteMeeting,
		view: inProgramZone(a, func(x itinera.Meeting) int64 { return x.ProgramID },
			func(x itinera.Meeting, p *itinera.Program) any { return newMeetingJSON(x, p.Location()) }),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Meeting {
			return itinera.Meeting{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) activityKind() kind[itinera.Activity] {
	return kind[itinera.Activity]{
		version: func(x *itinera.Activity) *int { return &x.Version },
		input:   a.activityInput,
		name:    "activity",
		path:    "activities",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Activity, error) {
			return a.svc.Candidates.Activity(ctx, tenantID, id)
		},
		id:     func(x itinera.Activity) int64 { return x.ID },
		build:  a.buildActivity,
		create: a.app.CreateActivity,
		update: a.app.UpdateActivity,
		remove: a.app.DeleteActivity,
		view: inProgramZone(a, func(x itinera.Activity) int64 { return x.ProgramID },
			func(x itinera.Activity, p *itinera.Program) any { return newActivityJSON(x, p.Location()) }),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Activity {
			return itinera.Activity{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) organizationKind() kind[itinera.Organization] {
	return kind[itinera.Organization]{
		version: func(x *itinera.Organization) *int { return &x.Version },
		input:   plainInput(organizationInputOf),
		name:    "organization",
		path:    "organizations",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Organization, error) {
			return a.svc.Directory.Organization(ctx, tenantID, id)
		},
		id:     func(x itinera.Organization) int64 { return x.ID },
		build:  a.buildOrganization,
		create: a.app.CreateOrganization,
		update: a.app.UpdateOrganization,
		remove: a.app.DeleteOrganization,
		view:   plain(newOrganizationJSON),
	}
}

func (a *API) contactKind() kind[itinera.Contact] {
	return kind[itinera.Contact]{
		version: func(x *itinera.Contact) *int { return &x.Version },
		input:   plainInput(contactInputOf),
		name:    "contact",
		path:    "contacts",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Contact, error) {
			return a.svc.Directory.Contact(ctx, tenantID, id)
		},
		id:     func(x itinera.Contact) int64 { return x.ID },
		build:  a.buildContact,
		create: a.app.CreateContact,
		update: a.app.UpdateContact,
		remove: a.app.DeleteContact,
		view:   plain(newContactJSON),
	}
}

func (a *API) placeKind() kind[itinera.Place] {
	return kind[itinera.Place]{
		version: func(x *itinera.Place) *int { return &x.Version },
		input:   plainInput(placeInputOf),
		name:    "place",
		path:    "places",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Place, error) {
			return a.svc.Directory.Place(ctx, tenantID, id)
		},
		id:     func(x itinera.Place) int64 { return x.ID },
		build:  buildPlace,
		create: a.app.CreatePlace,
		update: a.app.UpdatePlace,
		remove: a.app.DeletePlace,
		view:   plain(newPlaceJSON),
	}
}
