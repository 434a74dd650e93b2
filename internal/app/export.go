package app

import (
	"context"
	"strings"

	"itinera"
	"itinera/internal/importing"
	"itinera/internal/sheet"
)

// Exports of the records an import brings in, in the import's own columns:
// an exported file imports back unchanged, and a template is the same
// header with an example row.

// ExportRecords returns the tenant's records of kind (of a program for
// visitors, interpreters and meetings) as a sheet.
func (a *App) ExportRecords(ctx context.Context, c Caller, kind itinera.ImportKind, programID int64) (sheet.Sheet, error) {
	return a.exportRecords(ctx, c, kind, programID, ExportFilter{})
}

// exportRecords is ExportRecords of the records f selects: the directory by
// name and topic, households by name and status, as their lists filter.
func (a *App) exportRecords(ctx context.Context, c Caller, kind itinera.ImportKind, programID int64, f ExportFilter) (sheet.Sheet, error) {
	if _, err := itinera.ParseImportKind(string(kind)); err != nil {
		return sheet.Sheet{}, err
	}
	var df itinera.DirectoryFilter
	var hf itinera.HouseholdFilter
	var err error
	switch kind {
	case itinera.ImportOrganizations, itinera.ImportContacts, itinera.ImportPlaces:
		df, err = f.directory()
	case itinera.ImportHouseholds:
		hf, err = f.households()
	}
	if err != nil {
		return sheet.Sheet{}, err
	}
	t := c.tenant()
	var p *itinera.Program
	if kind.InProgram() {
		prog, err := a.r.Programs.Program(ctx, t, programID)
		if err != nil {
			return sheet.Sheet{}, err
		}
		p = &prog
	} else {
		programID = 0
	}
	ext, err := a.r.Imports.ExternalIDs(ctx, t, kind, programID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	byRecord := map[int64]string{}
	for k, id := range ext {
		if old, ok := byRecord[id]; !ok || k < old {
			byRecord[id] = k
		}
	}
	env := &importing.Env{Program: p}
	d := a.r.Directory
	switch kind {
	case itinera.ImportVisitors:
		vs, err := a.r.People.Visitors(ctx, t, programID)
		return export(importing.Visitors(), vs, func(x *itinera.Visitor) int64 { return x.ID }, byRecord, env), err
	case itinera.ImportInterpreters:
		is, err := a.r.People.Interpreters(ctx, t, programID)
		return export(importing.Interpreters(), is, func(x *itinera.Interpreter) int64 { return x.ID }, byRecord, env), err
	case itinera.ImportMeetings:
		ms, err := a.r.Candidates.Meetings(ctx, t, programID)
		if err != nil {
			return sheet.Sheet{}, err
		}
		if env.RequestStates, err = a.requestStates(ctx, t, programID); err != nil {
			return sheet.Sheet{}, err
		}
		return export(importing.Meetings(), ms, func(x *itinera.Meeting) int64 { return x.ID }, byRecord, env), nil
	case itinera.ImportOrganizations:
		os, err := d.Organizations(ctx, t, df)
		return export(importing.Organizations(), os, func(x *itinera.Organization) int64 { return x.ID }, byRecord, env), err
	case itinera.ImportContacts:
		cs, err := d.Contacts(ctx, t, df)
		return export(importing.Contacts(), cs, func(x *itinera.Contact) int64 { return x.ID }, byRecord, env), err
	case itinera.ImportPlaces:
		all, err := d.Places(ctx, t, df)
		var ps []itinera.Place
		for _, x := range all {
			if x.Kind != itinera.PlaceHome {
				ps = append(ps, x)
			}
		}
		return export(importing.Places(), ps, func(x *itinera.Place) int64 { return x.ID }, byRecord, env), err
	default: // households
		hs, err := a.r.Hospitality.Households(ctx, t, hf)
		return export(importing.Households(), hs, func(x *itinera.HostHousehold) int64 { return x.ID }, byRecord, env), err
	}
}

func export[T any](s importing.Spec[T], recs []T, id func(*T) int64, ext map[int64]string, env *importing.Env) sheet.Sheet {
	out := header(s)
	for i := range recs {
		row := make([]string, len(s.Columns))
		for j, col := range s.Columns {
			switch {
			case col.Key == importing.ExternalID:
				row[j] = ext[id(&recs[i])]
			case col.Get != nil:
				row[j] = col.Get(&recs[i], env)
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// header is a sheet with the kind's header, its value lists and help.
func header[T any](s importing.Spec[T]) sheet.Sheet {
	out := sheet.Sheet{Name: string(s.Kind), Lists: map[int][]string{}, Notes: map[int]string{}, Rows: [][]string{}}
	for j, col := range s.Columns {
		out.Header = append(out.Header, col.Label)
		if len(col.Values) > 0 && !col.Multiple { // a list cell may hold several: no drop-down
			out.Lists[j] = col.Values
		}
		if col.Help != "" {
			out.Notes[j] = col.Help
		}
	}
	return out
}

// ImportTemplate returns the template of a kind: its header, value lists
// and help, and one example row.
func ImportTemplate(kind itinera.ImportKind) (sheet.Sheet, error) {
	if _, err := itinera.ParseImportKind(string(kind)); err != nil {
		return sheet.Sheet{}, err
	}
	fields := importing.Fields(kind)
	out := sheet.Sheet{Name: string(kind), Lists: map[int][]string{}, Notes: map[int]string{}}
	example := make([]string, len(fields))
	for j, f := range fields {
		out.Header = append(out.Header, f.Label)
		example[j] = f.Example
		help := f.Help
		switch {
		case len(f.Values) > 0 && f.Multiple:
			help += " For example: " + strings.Join(f.Values, ", ") + "."
		case len(f.Values) > 0:
			out.Lists[j] = f.Values
		}
		if f.Required {
			help = "Required. " + help
		}
		if f.ReadOnly {
			help = "Read only: exports write it, imports leave it alone. " + f.Help
			example[j] = ""
		}
		if help != "" {
			out.Notes[j] = help
		}
	}
	out.Rows = [][]string{example}
	return out, nil
}
