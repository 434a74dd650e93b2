package importing

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"itinera"
)

// Field is a column Itinera knows for a kind of record.
type Field struct {
	Key      string   // the field's name, as the API names it: "given_name"
	Label    string   // the header templates and exports write: "Given name"
	Synonyms []string // other headers that mean the field
	Required bool     // a new record needs a value
	Values   []string // the values the field takes, when fixed
	Example  string   // a value for the template's example row
	Help     string   // what to write, for the template and the mapping page
	// Multiple fields hold a list in one cell ("English; French"); their
	// Values are suggestions, not the only values a cell may hold.
	Multiple bool
	// ReadOnly fields are written by exports (a meeting's status) and
	// recognised on import, but never imported: workflows change them.
	ReadOnly bool
}

// normalHeader makes a header comparable: lower case, no accents, no
// "(s)", only letters and digits.
func normalHeader(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "(s)", ""))
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Match chooses a field for each header cell: the cell is the field's
// key, label or one of its synonyms (case, accents, spaces and punctuation
// aside). Each field is chosen once, for its first column; "" leaves a
// column out.
func Match(k itinera.ImportKind, header []string) []string {
	byName := map[string]string{}
	for _, f := range Fields(k) {
		for _, n := range append([]string{f.Key, f.Label}, f.Synonyms...) {
			if _, taken := byName[normalHeader(n)]; !taken {
				byName[normalHeader(n)] = f.Key
			}
		}
	}
	out := make([]string, len(header))
	used := map[string]bool{}
	for i, h := range header {
		if key := byName[normalHeader(h)]; key != "" && !used[key] {
			out[i], used[key] = key, true
		}
	}
	return out
}

// CheckMapping checks an officer's mapping of a file's columns: one field
// per column at most, each field for one column, and every field a new
// record needs among them. Its messages name the columns.
func CheckMapping(k itinera.ImportKind, header, fields []string) error {
	f := itinera.FieldErrors{}
	if len(fields) != len(header) {
		f.Add("mapping", fmt.Sprintf("The mapping names %d columns but the file has %d; give one field (or nothing) for each column.", len(fields), len(header)))
		return f.Err("import")
	}
	known := map[string]Field{}
	for _, x := range Fields(k) {
		known[x.Key] = x
	}
	seen := map[string]int{}
	for i, key := range fields {
		if key == "" {
			continue
		}
		x, ok := known[key]
		if !ok {
			f.Add("mapping", fmt.Sprintf("Column %s (%s): %q is not a field of %s.", ColumnName(i), headerName(header[i]), key, k))
			continue
		}
		if j, dup := seen[key]; dup {
			f.Add("mapping", fmt.Sprintf("Columns %s and %s are both mapped to %q; choose one.", ColumnName(j), ColumnName(i), x.Label))
			continue
		}
		seen[key] = i
	}
	for _, x := range Fields(k) {
		if _, ok := seen[x.Key]; x.Required && !ok {
			f.Add("mapping", fmt.Sprintf("No column is mapped to %q, which every %s needs.", x.Label, k.Singular()))
		}
	}
	if len(f) > 0 {
		return f.Err("import")
	}
	return nil
}

func headerName(h string) string {
	if h == "" {
		return "no header"
	}
	return fmt.Sprintf("%q", h)
}

// ColumnName is a spreadsheet's name of the column at index i: A, B … Z, AA.
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
