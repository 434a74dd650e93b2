package importing

import (
	"fmt"
	"sort"
	"strings"

	"itinera"
)

// Outcome is what applying a row does.
type Outcome string

// Row outcomes.
const (
	Created   Outcome = "created"
	Updated   Outcome = "updated"
	Unchanged Outcome = "unchanged"
	Refused   Outcome = "refused"
)

// Problem is why a row is refused: the field (and its column in the file)
// and what is wrong, in words.
type Problem struct {
	Field   string `json:"field"`
	Column  string `json:"column,omitempty"` // the file's header of the field's column
	Message string `json:"message"`
}

// Cells are a row's values by field key, for the fields the mapping
// chose; a field without a column is absent (and keeps its value on an
// update).
type Cells map[string]string

// RowCells reads a row through a mapping.
func RowCells(fields, cells []string) Cells {
	out := Cells{}
	for i, key := range fields {
		if key == "" || i >= len(cells) {
			continue
		}
		out[key] = cells[i]
	}
	return out
}

// Build writes the row's cells over base, in the order of the kind's
// columns (so a meeting's host is known before its contact), and returns
// the problems of the cells it could not read.
func Build[T any](s Spec[T], c Cells, base T, e *Env) (T, []Problem) {
	var ps []Problem
	for _, col := range s.Columns {
		v, ok := c[col.Key]
		if !ok || col.Set == nil || col.ReadOnly {
			continue
		}
		if err := col.Set(&base, v, e); err != nil {
			ps = append(ps, Problem{Field: col.Key, Message: err.Error()})
		}
	}
	return base, ps
}

// Index finds the existing record a row stands for: by external id, else
// by e-mail, else by the kind's name key.
type Index[T any] struct {
	spec    Spec[T]
	env     *Env
	id      func(*T) int64
	byExt   map[string]int64
	byEmail map[string][]int64
	byName  map[string][]int64
	records map[int64]T
}

// NewIndex indexes the existing records; ext maps external ids to records.
func NewIndex[T any](s Spec[T], e *Env, id func(*T) int64, existing []T, ext map[string]int64) *Index[T] {
	ix := &Index[T]{spec: s, env: e, id: id, byExt: map[string]int64{}, byEmail: map[string][]int64{}, byName: map[string][]int64{},
		records: map[int64]T{}}
	for _, x := range existing {
		ix.Put(x)
	}
	for k, v := range ext {
		if _, ok := ix.records[v]; ok {
			ix.byExt[k] = v
		}
	}
	return ix
}

// Put adds or replaces a record, as stored.
func (ix *Index[T]) Put(x T) {
	id := ix.id(&x)
	if old, ok := ix.records[id]; ok {
		ix.drop(&old, id)
	}
	ix.records[id] = x
	if ix.spec.Email != nil {
		if m := strings.ToLower(ix.spec.Email(&x)); m != "" {
			ix.byEmail[m] = append(ix.byEmail[m], id)
		}
	}
	k := ix.spec.NameKey(&x, ix.env)
	ix.byName[k] = append(ix.byName[k], id)
}

func (ix *Index[T]) drop(x *T, id int64) {
	if ix.spec.Email != nil {
		m := strings.ToLower(ix.spec.Email(x))
		ix.byEmail[m] = without(ix.byEmail[m], id)
	}
	k := ix.spec.NameKey(x, ix.env)
	ix.byName[k] = without(ix.byName[k], id)
}

// SetExternal points an external id at a record.
func (ix *Index[T]) SetExternal(ext string, id int64) { ix.byExt[ext] = id }

// Get returns a record by id.
func (ix *Index[T]) Get(id int64) (T, bool) {
	x, ok := ix.records[id]
	return x, ok
}

// Find returns the record the row (read into x, with its external id ext)
// stands for, and how it was found; id 0 when it is new. Several records
// sharing the row's e-mail or name is an error naming the way out.
func (ix *Index[T]) Find(ext string, x *T) (id int64, by string, err error) {
	if ext != "" {
		if id, ok := ix.byExt[ext]; ok {
			return id, "external id", nil
		}
	}
	if ix.spec.Email != nil {
		if m := strings.ToLower(ix.spec.Email(x)); m != "" {
			switch ids := ix.byEmail[m]; len(ids) {
			case 1:
				return ids[0], "e-mail", nil
			case 0:
			default:
				return 0, "", fmt.Errorf("%d %ss have the e-mail %s; give this row an external id.", len(ids),
					ix.spec.Kind.Singular(), ix.spec.Email(x))
			}
		}
	}
	switch ids := ix.byName[ix.spec.NameKey(x, ix.env)]; len(ids) {
	case 0:
		return 0, "", nil
	case 1:
		if ix.spec.Email != nil {
			// Someone with the same name but another e-mail is another person.
			if old := ix.records[ids[0]]; ix.spec.Email(&old) != "" && ix.spec.Email(x) != "" {
				return 0, "", nil
			}
		}
		return ids[0], ix.spec.ByName, nil
	default:
		return 0, "", fmt.Errorf("%d %ss have the same %s; give this row an e-mail or an external id.", len(ids),
			ix.spec.Kind.Singular(), ix.spec.ByName)
	}
}

// SameName returns another record with the name key of x, for the
// "possible duplicate" warning of a row that creates a record.
func (ix *Index[T]) SameName(x *T) (T, bool) {
	var zero T
	for _, id := range ix.byName[ix.spec.NameKey(x, ix.env)] {
		return ix.records[id], true
	}
	return zero, false
}

// Problems turns the field errors of a record's rules into a row's
// problems; fields that are not columns of the kind (program_id, or
// host_organization_id for host_organization) are named by their column.
func Problems(k itinera.ImportKind, err error) []Problem {
	fe := itinera.ErrorFields(err)
	if len(fe) == 0 {
		return []Problem{{Message: itinera.ErrorMessage(err)}}
	}
	keys := make([]string, 0, len(fe))
	for field := range fe {
		keys = append(keys, field)
	}
	sort.Strings(keys)
	var ps []Problem
	for _, field := range keys {
		ps = append(ps, Problem{Field: columnOf(k, field), Message: fe[field]})
	}
	return ps
}

// columnOf maps a record's field name to the import column that sets it.
func columnOf(k itinera.ImportKind, field string) string {
	switch field {
	case "host_organization_id":
		return "host_organization"
	case "contact_id":
		return "contact"
	case "partner_organization_ids":
		return "partner_organizations"
	case "place_id":
		return "place"
	case "organization_id":
		if k == itinera.ImportContacts {
			return "organization"
		}
	case "lon":
		return "lon"
	}
	return field
}
