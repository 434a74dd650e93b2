package app

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"itinera"
	"itinera/internal/importing"
	"itinera/internal/sheet"
)

// importer runs the rows of one kind of record, and undoes them.
type importer interface {
	rows(ctx context.Context, t sheet.Table, res *ImportResult, progress func(done, total int)) ([]itinera.ImportedRecord, error)
	undo(ctx context.Context, recs []itinera.ImportedRecord) error
	// setAudit names what records each write in the audit log.
	setAudit(fn auditFunc)
}

// auditFunc records one record's change in the audit log.
type auditFunc func(ctx context.Context, action string, before, after any) error

// kindImporter is an importer for records of type T: the spec of its
// columns and the application layer's own operations on it, the same
// rules every form and API call goes through.
type kindImporter[T any] struct {
	spec    importing.Spec[T]
	env     *importing.Env
	kind    itinera.ImportKind
	scope   int64
	tenant  int64
	s       itinera.ImportService
	list    func(ctx context.Context) ([]T, error)
	id      func(x *T) int64
	version func(x *T) int
	setVer  func(x *T, v int)
	label   func(x *T) string
	// check runs the record's rules (and fills tenant and program); create
	// and update write it; load reads it back; remove deletes it (undo).
	check  func(ctx context.Context, x *T, creating bool) error
	create func(ctx context.Context, x *T) error
	update func(ctx context.Context, old, x *T) error
	load   func(ctx context.Context, id int64) (T, error)
	remove func(ctx context.Context, id int64) error
	// same compares the imported fields of two records.
	same func(a, b *T) bool
	// audit records each write (setAudit).
	audit auditFunc
}

func (k *kindImporter[T]) setAudit(fn auditFunc) { k.audit = fn }

func (k *kindImporter[T]) rows(ctx context.Context, t sheet.Table, res *ImportResult, progress func(done, total int)) ([]itinera.ImportedRecord, error) {
	existing, err := k.list(ctx)
	if err != nil {
		return nil, err
	}
	ext, err := k.s.ExternalIDs(ctx, k.tenant, k.kind, k.scope)
	if err != nil {
		return nil, err
	}
	ix := importing.NewIndex(k.spec, k.env, k.id, existing, ext)
	headerOf := map[string]string{}
	for i, f := range res.Fields {
		if f != "" {
			headerOf[f] = t.Header[i]
		}
	}
	touched := map[int64]int{}
	var recs []itinera.ImportedRecord
	for i, row := range t.Rows {
		if progress != nil && i%250 == 0 {
			progress(i, len(t.Rows))
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, rec, err := k.row(ctx, ix, importing.RowCells(res.Fields, row.Cells), row.Number, touched)
		if err != nil {
			return nil, err
		}
		for i := range r.Problems {
			r.Problems[i].Column = headerOf[r.Problems[i].Field]
			res.Refused = append(res.Refused, RowProblem{Row: r.Row, Field: r.Problems[i].Field, Column: r.Problems[i].Column,
				Message: r.Problems[i].Message})
		}
		for _, w := range r.Warnings {
			res.Warnings = append(res.Warnings, RowWarning{Row: r.Row, Message: w})
		}
		switch r.Outcome {
		case importing.Created:
			res.Created++
		case importing.Updated:
			res.Updated++
		case importing.Unchanged:
			res.Unchanged++
		}
		if rec != nil {
			recs = append(recs, *rec)
		}
		res.Rows = append(res.Rows, r)
	}
	if progress != nil {
		progress(len(t.Rows), len(t.Rows))
	}
	return recs, nil
}

// row runs one row. Domain errors of the row's record refuse the row;
// any other error ends the import.
func (k *kindImporter[T]) row(ctx context.Context, ix *importing.Index[T], cells importing.Cells, n int,
	touched map[int64]int) (ImportRow, *itinera.ImportedRecord, error) {
	r := ImportRow{Row: n}
	refuse := func(ps ...importing.Problem) (ImportRow, *itinera.ImportedRecord, error) {
		r.Outcome, r.Problems = importing.Refused, ps
		return r, nil, nil
	}
	k.env.Warnings = nil
	extID := strings.TrimSpace(cells[importing.ExternalID])
	if len(extID) > 200 {
		return refuse(importing.Problem{Field: importing.ExternalID, Message: "An external id is at most 200 characters."})
	}
	var zero T
	probe, _ := importing.Build(k.spec, cells, zero, k.env)
	k.env.Warnings = nil
	r.Label = k.label(&probe)
	id, by, err := ix.Find(extID, &probe)
	if err != nil {
		return refuse(importing.Problem{Field: importing.ExternalID, Message: err.Error()})
	}
	if first, dup := touched[id]; dup && id != 0 {
		return refuse(importing.Problem{Field: importing.ExternalID,
			Message: fmt.Sprintf("Row %d is the same %s (by %s); keep one of the two rows.", first, k.kind.Singular(), by)})
	}
	old, base := zero, zero
	if id != 0 {
		old, _ = ix.Get(id)
		base = clone(old)
	}
	x, ps := importing.Build(k.spec, cells, base, k.env)
	k.env.Warnings, r.Warnings = nil, k.env.Warnings
	if len(ps) > 0 {
		return refuse(ps...)
	}
	if err := k.check(ctx, &x, id == 0); err != nil {
		if !rowError(err) {
			return r, nil, err
		}
		return refuse(importing.Problems(k.kind, err)...)
	}
	r.Label, r.MatchedBy = k.label(&x), by
	var rec *itinera.ImportedRecord
	switch {
	case id == 0:
		if dup, ok := ix.SameName(&x); ok {
			r.Warnings = append(r.Warnings, fmt.Sprintf("Possibly the same %s as %s, already in Itinera with another e-mail; check before you import.",
				k.kind.Singular(), k.label(&dup)))
		}
		if err := k.create(ctx, &x); err != nil {
			return r, nil, rowFailed(n, err)
		}
		// A new record is as checked and written, at version 1: reading it
		// back would double the import's queries.
		stored := x
		k.setVer(&stored, 1)
		if err := k.audit(ctx, "import", nil, stored); err != nil {
			return r, nil, err
		}
		ix.Put(stored)
		id, r.Outcome = k.id(&stored), importing.Created
		rec = &itinera.ImportedRecord{RecordID: id, Created: true, Version: k.version(&stored)}
	case k.same(&old, &x):
		r.Outcome = importing.Unchanged
	default:
		k.setVer(&x, k.version(&old))
		if err := k.update(ctx, &old, &x); err != nil {
			return r, nil, rowFailed(n, err)
		}
		stored, err := k.load(ctx, id)
		if err != nil {
			return r, nil, err
		}
		before, err := json.Marshal(old)
		if err != nil {
			return r, nil, err
		}
		if err := k.audit(ctx, "import", old, stored); err != nil {
			return r, nil, err
		}
		ix.Put(stored)
		r.Outcome = importing.Updated
		rec = &itinera.ImportedRecord{RecordID: id, Before: string(before), Version: k.version(&stored)}
	}
	r.RecordID, touched[id] = id, n
	if extID != "" {
		if err := k.s.SetExternalID(ctx, k.tenant, k.kind, k.scope, extID, id); err != nil {
			return r, nil, err
		}
		ix.SetExternal(extID, id)
	}
	return r, rec, nil
}

// rowError reports whether err is about the row's values (the row is
// refused) rather than the system (the import stops).
func rowError(err error) bool {
	switch itinera.ErrorCode(err) {
	case itinera.EINVALID, itinera.ENOTFOUND:
		return true
	}
	return false
}

// rowFailed names the row of a write the store refused after the rules
// passed (a conflict on a unique value): the import stops there, since the
// transaction may not go on.
func rowFailed(n int, err error) error {
	var e *itinera.Error
	if code := itinera.ErrorCode(err); code != itinera.EINTERNAL {
		e = itinera.Errorf(code, "Row %d: %s Nothing was imported.", n, itinera.ErrorMessage(err))
		return e
	}
	return err
}

// clone deep-copies a record through JSON, so that building a row over it
// never changes the stored copy the comparison uses.
func clone[T any](x T) T {
	var out T
	b, err := json.Marshal(x)
	if err == nil && json.Unmarshal(b, &out) == nil {
		return out
	}
	return x
}

func (k *kindImporter[T]) undo(ctx context.Context, recs []itinera.ImportedRecord) error {
	for _, r := range recs {
		cur, err := k.load(ctx, r.RecordID)
		if itinera.ErrorCode(err) == itinera.ENOTFOUND {
			return itinera.Errorf(itinera.ECONFLICT, "The import cannot be undone: a %s it brought in was deleted since.", k.kind.Singular())
		}
		if err != nil {
			return err
		}
		if k.version(&cur) != r.Version {
			return itinera.Errorf(itinera.ECONFLICT, "The import cannot be undone: %s was changed after it. Undo that change first, or change the record by hand.",
				k.label(&cur))
		}
	}
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		cur, err := k.load(ctx, r.RecordID)
		if err != nil {
			return err
		}
		if r.Created {
			if err := k.remove(ctx, r.RecordID); err != nil {
				return undoFailed(k.label(&cur), err)
			}
			if err := k.audit(ctx, "undo import", cur, nil); err != nil {
				return err
			}
			continue
		}
		var before T
		if err := json.Unmarshal([]byte(r.Before), &before); err != nil {
			return err
		}
		was := k.version(&before)
		k.setVer(&before, k.version(&cur))
		if err := k.update(ctx, &cur, &before); err != nil {
			return undoFailed(k.label(&cur), err)
		}
		back, err := k.load(ctx, r.RecordID)
		if err != nil {
			return err
		}
		if err := k.audit(ctx, "undo import", cur, back); err != nil {
			return err
		}
		if err := k.s.RestampImportRecords(ctx, k.tenant, k.kind, r.RecordID, was, k.version(&back)); err != nil {
			return err
		}
	}
	return nil
}

func undoFailed(label string, err error) error {
	if code := itinera.ErrorCode(err); code != itinera.EINTERNAL {
		return itinera.Errorf(itinera.ECONFLICT, "The import cannot be undone: %s: %s", label, itinera.ErrorMessage(err))
	}
	return err
}

// sameJSON compares records by their JSON after dropping the fields an
// import never sets.
func sameJSON[T any](a, b *T, ignore func(x *T)) bool {
	x, y := clone(*a), clone(*b)
	ignore(&x)
	ignore(&y)
	return reflect.DeepEqual(x, y)
}

// importer returns the importer of kind k.
func (a *App) importer(ctx context.Context, c Caller, k itinera.ImportKind, p *itinera.Program) (importer, error) {
	imp, err := a.kindImporter(ctx, c, k, p)
	if err != nil {
		return nil, err
	}
	imp.setAudit(func(ctx context.Context, action string, before, after any) error {
		return a.audit(ctx, c.actor(), c.tenant(), k.Singular(), action, before, after)
	})
	return imp, nil
}

func (a *App) kindImporter(ctx context.Context, c Caller, k itinera.ImportKind, p *itinera.Program) (importer, error) {
	t := c.tenant()
	var orgs []itinera.Organization
	var places []itinera.Place
	var contacts []itinera.Contact
	// Only the kinds whose cells name directory records read the directory.
	if k == itinera.ImportMeetings || k == itinera.ImportContacts || k == itinera.ImportOrganizations {
		var err error
		if orgs, err = a.s.Directory.Organizations(ctx, t, itinera.DirectoryFilter{}); err != nil {
			return nil, err
		}
		if places, err = a.s.Directory.Places(ctx, t, itinera.DirectoryFilter{}); err != nil {
			return nil, err
		}
		if k == itinera.ImportMeetings {
			if contacts, err = a.s.Directory.Contacts(ctx, t, itinera.DirectoryFilter{}); err != nil {
				return nil, err
			}
		}
	}
	env := importing.NewEnv(p, orgs, places, contacts)
	if k == itinera.ImportMeetings && p != nil {
		vs, err := a.s.People.Visitors(ctx, t, p.ID)
		if err != nil {
			return nil, err
		}
		env.Visitors = importing.NewNames("visitor")
		for _, v := range vs {
			env.Visitors.Add(v.Name(), v.ID)
		}
	}
	var pid int64
	if p != nil {
		pid = p.ID
	}
	switch k {
	case itinera.ImportVisitors:
		return a.visitorImporter(c, env, pid), nil
	case itinera.ImportInterpreters:
		return a.interpreterImporter(c, env, pid), nil
	case itinera.ImportOrganizations:
		return a.organizationImporter(c, env), nil
	case itinera.ImportContacts:
		return a.contactImporter(c, env), nil
	case itinera.ImportPlaces:
		return a.placeImporter(c, env), nil
	case itinera.ImportHouseholds:
		return a.householdImporter(c, env), nil
	case itinera.ImportMeetings:
		return a.meetingImporter(c, env, p), nil
	}
	return nil, itinera.Errorf(itinera.EINVALID, "%q is not something Itinera imports.", k)
}
