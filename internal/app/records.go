package app

import (
	"context"
	"reflect"

	"itinera"
)

// The records without side effects beyond themselves: programs and their
// days, visitors and interpreters, and the directory (organizations,
// contacts, places). Each change is one transaction that checks the
// record's rules and the records it points at, and returns the record as
// stored, read inside the same transaction (so a write that committed
// never answers with an error).

// change runs the create, update or delete of one record kind.
// The change is recorded in the audit log as a record of kind, with the
// record as load read it before and after.
func change[T any](a *App, ctx context.Context, c Caller, kind string, check func(ctx context.Context, x *T) error,
	write func(ctx context.Context, x *T) error, load func(ctx context.Context, x T) (T, error), x T) (T, error) {
	if err := mustEdit(c); err != nil {
		return x, err
	}
	var out T
	err := a.inTx(ctx, func(ctx context.Context) error {
		if check != nil {
			if err := check(ctx, &x); err != nil {
				return err
			}
		}
		var before any
		if id := reflect.ValueOf(x).FieldByName("ID"); !id.IsValid() || id.Int() != 0 {
			old, err := load(ctx, x)
			if err != nil {
				return err
			}
			before = old
		}
		if err := write(ctx, &x); err != nil {
			return err
		}
		var err error
		if out, err = load(ctx, x); err != nil {
			return err
		}
		action := actCreate
		if before != nil {
			action = actUpdate
		}
		return a.audit(ctx, c.actor(), c.tenant(), kind, action, before, out)
	})
	return out, err
}

// remove runs the deletion of one record of kind, which load reads
// before for the audit log.
func remove[T any](a *App, ctx context.Context, c Caller, kind string, load func(ctx context.Context) (T, error), del func(ctx context.Context) error) error {
	if err := mustEdit(c); err != nil {
		return err
	}
	return a.inTx(ctx, func(ctx context.Context) error {
		old, err := load(ctx)
		if err != nil {
			return err
		}
		if err := del(ctx); err != nil {
			return err
		}
		return a.audit(ctx, c.actor(), c.tenant(), kind, actDelete, old, nil)
	})
}

// Programs.

func (a *App) loadProgram(c Caller) func(context.Context, itinera.Program) (itinera.Program, error) {
	return func(ctx context.Context, p itinera.Program) (itinera.Program, error) {
		return a.s.Programs.Program(ctx, c.tenant(), p.ID)
	}
}

func (a *App) checkProgram(c Caller) func(context.Context, *itinera.Program) error {
	return func(ctx context.Context, p *itinera.Program) error {
		p.TenantID = c.tenant()
		f := itinera.FieldErrors{}
		if err := a.checkPlace(ctx, c.tenant(), p.HotelPlaceID, f, "hotel_place_id"); err != nil {
			return err
		}
		return merge(f, p.Validate(), "program")
	}
}

// CreateProgram adds a program, with a day for each of its dates.
func (a *App) CreateProgram(ctx context.Context, c Caller, p itinera.Program) (itinera.Program, error) {
	p.ID = 0
	return change(a, ctx, c, "program", a.checkProgram(c), a.s.Programs.CreateProgram, a.loadProgram(c), p)
}

// UpdateProgram changes a program; days added by new dates get defaults,
// days outside the new dates are removed.
func (a *App) UpdateProgram(ctx context.Context, c Caller, p itinera.Program) (itinera.Program, error) {
	check := func(ctx context.Context, x *itinera.Program) error {
		if _, err := a.s.Programs.Program(ctx, c.tenant(), x.ID); err != nil {
			return err
		}
		return a.checkProgram(c)(ctx, x)
	}
	return change(a, ctx, c, "program", check, a.s.Programs.UpdateProgram, a.loadProgram(c), p)
}

// DeleteProgram removes a program and everything in it.
func (a *App) DeleteProgram(ctx context.Context, c Caller, id int64) error {
	return remove(a, ctx, c, "program", func(ctx context.Context) (itinera.Program, error) { return a.s.Programs.Program(ctx, c.tenant(), id) },
		func(ctx context.Context) error { return a.s.Programs.DeleteProgram(ctx, c.tenant(), id) })
}

// UpdateDay changes one day of a program: its hours, lunch and limits.
func (a *App) UpdateDay(ctx context.Context, c Caller, d itinera.Day) (itinera.Day, error) {
	check := func(ctx context.Context, d *itinera.Day) error {
		days, err := a.s.Programs.Days(ctx, c.tenant(), d.ProgramID)
		if err != nil {
			return err
		}
		for _, x := range days {
			if x.Date == d.Date {
				return d.Validate()
			}
		}
		return itinera.Errorf(itinera.ENOTFOUND, "%s is not a day of this program.", d.Date)
	}
	write := func(ctx context.Context, d *itinera.Day) error { return a.s.Programs.UpdateDay(ctx, c.tenant(), d) }
	load := func(ctx context.Context, d itinera.Day) (itinera.Day, error) {
		days, err := a.s.Programs.Days(ctx, c.tenant(), d.ProgramID)
		if err != nil {
			return d, err
		}
		for _, x := range days {
			if x.Date == d.Date {
				return x, nil
			}
		}
		return d, itinera.Errorf(itinera.ENOTFOUND, "%s is not a day of this program.", d.Date)
	}
	return change(a, ctx, c, "day", check, write, load, d)
}

// People.

func (a *App) checkVisitor(c Caller, creating bool) func(context.Context, *itinera.Visitor) error {
	return func(ctx context.Context, v *itinera.Visitor) error {
		v.TenantID = c.tenant()
		if creating {
			if _, err := a.s.Programs.Program(ctx, c.tenant(), v.ProgramID); err != nil {
				return err
			}
		} else {
			old, err := a.s.People.Visitor(ctx, c.tenant(), v.ID)
			if err != nil {
				return err
			}
			v.ProgramID = old.ProgramID
		}
		return v.Validate()
	}
}

func (a *App) loadVisitor(c Caller) func(context.Context, itinera.Visitor) (itinera.Visitor, error) {
	return func(ctx context.Context, v itinera.Visitor) (itinera.Visitor, error) {
		return a.s.People.Visitor(ctx, c.tenant(), v.ID)
	}
}

// CreateVisitor adds a visitor to a program's delegation.
func (a *App) CreateVisitor(ctx context.Context, c Caller, v itinera.Visitor) (itinera.Visitor, error) {
	v.ID = 0
	return change(a, ctx, c, "visitor", a.checkVisitor(c, true), a.s.People.CreateVisitor, a.loadVisitor(c), v)
}

// UpdateVisitor changes a visitor.
func (a *App) UpdateVisitor(ctx context.Context, c Caller, v itinera.Visitor) (itinera.Visitor, error) {
	return change(a, ctx, c, "visitor", a.checkVisitor(c, false), a.s.People.UpdateVisitor, a.loadVisitor(c), v)
}

// DeleteVisitor removes a visitor.
func (a *App) DeleteVisitor(ctx context.Context, c Caller, id int64) error {
	return remove(a, ctx, c, "visitor", func(ctx context.Context) (itinera.Visitor, error) { return a.s.People.Visitor(ctx, c.tenant(), id) },
		func(ctx context.Context) error { return a.s.People.DeleteVisitor(ctx, c.tenant(), id) })
}

func (a *App) checkInterpreter(c Caller, creating bool) func(context.Context, *itinera.Interpreter) error {
	return func(ctx context.Context, i *itinera.Interpreter) error {
		i.TenantID = c.tenant()
		if creating {
			if _, err := a.s.Programs.Program(ctx, c.tenant(), i.ProgramID); err != nil {
				return err
			}
		} else {
			old, err := a.s.People.Interpreter(ctx, c.tenant(), i.ID)
			if err != nil {
				return err
			}
			i.ProgramID = old.ProgramID
		}
		return i.Validate()
	}
}

func (a *App) loadInterpreter(c Caller) func(context.Context, itinera.Interpreter) (itinera.Interpreter, error) {
	return func(ctx context.Context, i itinera.Interpreter) (itinera.Interpreter, error) {
		return a.s.People.Interpreter(ctx, c.tenant(), i.ID)
	}
}

// CreateInterpreter adds an interpreter to a program.
func (a *App) CreateInterpreter(ctx context.Context, c Caller, i itinera.Interpreter) (itinera.Interpreter, error) {
	i.ID = 0
	return change(a, ctx, c, "interpreter", a.checkInterpreter(c, true), a.s.People.CreateInterpreter, a.loadInterpreter(c), i)
}

// UpdateInterpreter changes an interpreter.
func (a *App) UpdateInterpreter(ctx context.Context, c Caller, i itinera.Interpreter) (itinera.Interpreter, error) {
	return change(a, ctx, c, "interpreter", a.checkInterpreter(c, false), a.s.People.UpdateInterpreter, a.loadInterpreter(c), i)
}

// DeleteInterpreter removes an interpreter.
func (a *App) DeleteInterpreter(ctx context.Context, c Caller, id int64) error {
	return remove(a, ctx, c, "interpreter", func(ctx context.Context) (itinera.Interpreter, error) {
		return a.s.People.Interpreter(ctx, c.tenant(), id)
	},
		func(ctx context.Context) error { return a.s.People.DeleteInterpreter(ctx, c.tenant(), id) })
}

// The directory.

func (a *App) checkContactRecord(c Caller) func(context.Context, *itinera.Contact) error {
	return func(ctx context.Context, x *itinera.Contact) error {
		x.TenantID = c.tenant()
		if x.ID != 0 {
			if _, err := a.s.Directory.Contact(ctx, c.tenant(), x.ID); err != nil {
				return err
			}
		}
		f := itinera.FieldErrors{}
		if x.OrganizationID == 0 {
			f.Add("organization_id", "Choose the organization this person works at.")
		} else if _, err := a.checkOrganization(ctx, c.tenant(), x.OrganizationID, f, "organization_id"); err != nil {
			return err
		}
		return merge(f, x.Validate(), "contact")
	}
}

func (a *App) loadContact(c Caller) func(context.Context, itinera.Contact) (itinera.Contact, error) {
	return func(ctx context.Context, x itinera.Contact) (itinera.Contact, error) {
		return a.s.Directory.Contact(ctx, c.tenant(), x.ID)
	}
}

// CreateContact adds a person at an organization of the directory.
func (a *App) CreateContact(ctx context.Context, c Caller, x itinera.Contact) (itinera.Contact, error) {
	x.ID = 0
	return change(a, ctx, c, "contact", a.checkContactRecord(c), a.s.Directory.CreateContact, a.loadContact(c), x)
}

// UpdateContact changes a contact.
func (a *App) UpdateContact(ctx context.Context, c Caller, x itinera.Contact) (itinera.Contact, error) {
	return change(a, ctx, c, "contact", a.checkContactRecord(c), a.s.Directory.UpdateContact, a.loadContact(c), x)
}

// DeleteContact removes a contact no record refers to.
func (a *App) DeleteContact(ctx context.Context, c Caller, id int64) error {
	return remove(a, ctx, c, "contact", func(ctx context.Context) (itinera.Contact, error) { return a.s.Directory.Contact(ctx, c.tenant(), id) },
		func(ctx context.Context) error { return a.s.Directory.DeleteContact(ctx, c.tenant(), id) })
}

func (a *App) checkPlaceRecord(c Caller) func(context.Context, *itinera.Place) error {
	return func(ctx context.Context, p *itinera.Place) error {
		p.TenantID = c.tenant()
		if p.ID != 0 {
			if _, err := a.s.Directory.Place(ctx, c.tenant(), p.ID); err != nil {
				return err
			}
		}
		return p.Validate()
	}
}

func (a *App) loadPlace(c Caller) func(context.Context, itinera.Place) (itinera.Place, error) {
	return func(ctx context.Context, p itinera.Place) (itinera.Place, error) {
		return a.s.Directory.Place(ctx, c.tenant(), p.ID)
	}
}

// CreatePlace adds a place to the directory. A place given by its address
// alone gets its coordinates from the geocoder.
func (a *App) CreatePlace(ctx context.Context, c Caller, p itinera.Place) (itinera.Place, error) {
	p.ID = 0
	if err := mustEdit(c); err != nil {
		return p, err
	}
	if err := a.locate(ctx, &p); err != nil {
		return p, err
	}
	return change(a, ctx, c, "place", a.checkPlaceRecord(c), a.s.Directory.CreatePlace, a.loadPlace(c), p)
}

// UpdatePlace changes a place; without coordinates, the geocoder finds its
// address.
func (a *App) UpdatePlace(ctx context.Context, c Caller, p itinera.Place) (itinera.Place, error) {
	if err := mustEdit(c); err != nil {
		return p, err
	}
	if err := a.locate(ctx, &p); err != nil {
		return p, err
	}
	return change(a, ctx, c, "place", a.checkPlaceRecord(c), a.s.Directory.UpdatePlace, a.loadPlace(c), p)
}

// DeletePlace removes a place no record refers to.
func (a *App) DeletePlace(ctx context.Context, c Caller, id int64) error {
	return remove(a, ctx, c, "place", func(ctx context.Context) (itinera.Place, error) { return a.s.Directory.Place(ctx, c.tenant(), id) },
		func(ctx context.Context) error { return a.s.Directory.DeletePlace(ctx, c.tenant(), id) })
}

// The outbox.

// RetryOutboxMessage queues a failed message again, with fresh attempts.
func (a *App) RetryOutboxMessage(ctx context.Context, c Caller, id int64) (itinera.OutboxMessage, error) {
	if err := mustEdit(c); err != nil {
		return itinera.OutboxMessage{}, err
	}
	var out itinera.OutboxMessage
	err := a.inTx(ctx, func(ctx context.Context) error {
		before, err := a.s.Outbox.OutboxMessage(ctx, c.tenant(), id)
		if err != nil {
			return err
		}
		if err := a.s.Outbox.RetryOutboxMessage(ctx, c.tenant(), id); err != nil {
			return err
		}
		if out, err = a.s.Outbox.OutboxMessage(ctx, c.tenant(), id); err != nil {
			return err
		}
		return a.auditAt(ctx, c.actor(), c.tenant(), "message", id, 0, "retry",
			map[string]any{"Status": before.Status, "Attempts": before.Attempts}, map[string]any{"Status": out.Status, "Attempts": out.Attempts})
	})
	return out, err
}
