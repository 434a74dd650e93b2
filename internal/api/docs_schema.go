package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// How the reference page shows a JSON schema: a type made of words and
// links, rules (the constraints, as sentences) and, for objects, one row per
// field. Named object schemas are linked, never repeated: the page lists
// each once at its end. Named schemas of other shapes (enums, nullable
// wrappers, lists of strings) are shown in place, where they are read.

// typePart is a piece of a type; Link, when set, is the anchor of the
// schema it names.
type typePart struct{ Text, Link string }

// fieldRow is one field of an object. Nested fields of inline objects are
// named by path, as the API's own messages name them ("error.code",
// "hosts[].guest").
type fieldRow struct {
	Name        string
	Depth       int
	Type        []typePart
	Required    bool
	Rules       []string // sentences; `backticks` mark code
	Description string
}

// pageLink is a link to a place on the page.
type pageLink struct{ ID, Label string }

// schemaWriter renders schemas and remembers which named schemas it
// linked, and from where, so that the page can list them at its end with
// the places that use them.
type schemaWriter struct {
	doc    *oaDoc
	owner  pageLink              // what is being rendered
	linked map[string][]pageLink // schema name → where it was linked from
	order  []string              // schema names in the order first linked
}

// maxDepth bounds nested inline objects and chains of named non-object
// schemas, which is also what stops a schema that contains itself.
const maxDepth = 8

func schemaID(name string) string { return anchor("schema-" + name) }

// link returns the type part naming schema name and records the owner.
func (w *schemaWriter) link(name string) typePart {
	owners, seen := w.linked[name]
	if !seen {
		w.order = append(w.order, name)
	}
	if !slices.Contains(owners, w.owner) {
		w.linked[name] = append(owners, w.owner)
	}
	return typePart{Text: name, Link: schemaID(name)}
}

// isObject reports whether s (resolved) is an object with fields, which the
// page links to rather than repeats.
func isObject(s *oaSchema) bool {
	return len(s.Properties) > 0 || len(s.AllOf) > 0 || (s.Type.has("object") && s.AdditionalProperties == nil)
}

// typeOf renders the type of s with its rules and description.
func (w *schemaWriter) typeOf(s *oaSchema, depth int) (parts []typePart, rules []string, desc string, err error) {
	if depth > maxDepth {
		return nil, nil, "", fmt.Errorf("schemas nest deeper than %d levels", maxDepth)
	}
	if s == nil {
		return []typePart{{Text: "any"}}, nil, "", nil
	}
	if s.Ref != "" {
		target, name, err := w.doc.schema(s)
		if err != nil {
			return nil, nil, "", err
		}
		if isObject(target) {
			return []typePart{w.link(name)}, nil, s.Description, nil
		}
		parts, rules, desc, err := w.typeOf(target, depth+1)
		return parts, rules, joinSentences(s.Description, desc), err
	}
	rules = schemaRules(s)
	desc = s.Description
	switch {
	case len(s.AnyOf) > 0 || len(s.OneOf) > 0:
		for i, alt := range append(slices.Clone(s.AnyOf), s.OneOf...) {
			p, r, d, err := w.typeOf(alt, depth+1)
			if err != nil {
				return nil, nil, "", err
			}
			if i > 0 {
				parts = append(parts, typePart{Text: " or "})
			}
			parts = append(parts, p...)
			rules = append(rules, r...)
			if desc == "" {
				desc = d
			}
		}
		return parts, rules, desc, nil
	case len(s.AllOf) == 1 && len(s.Properties) == 0:
		p, r, d, err := w.typeOf(s.AllOf[0], depth+1)
		return p, append(rules, r...), joinSentences(desc, d), err
	case len(s.AllOf) > 0 || len(s.Properties) > 0:
		return []typePart{{Text: "object"}}, rules, desc, nil
	case len(s.Type) == 0:
		return []typePart{{Text: "any"}}, rules, desc, nil
	}
	for i, t := range s.Type {
		if i > 0 {
			parts = append(parts, typePart{Text: " or "})
		}
		switch t {
		case "array":
			items, itemRules, itemDesc, err := w.typeOf(s.Items, depth+1)
			if err != nil {
				return nil, nil, "", err
			}
			if s.Items != nil && s.Items.Ref == "" && isObject(s.Items) {
				items = []typePart{{Text: "objects"}}
			}
			parts = append(parts, typePart{Text: "array of "})
			parts = append(parts, items...)
			for _, r := range itemRules {
				rules = append(rules, "Each: "+lowerFirst(r))
			}
			if desc == "" {
				desc = itemDesc
			}
		case "object":
			if ap := s.AdditionalProperties; ap != nil && ap.Schema != nil && len(s.Properties) == 0 {
				values, _, _, err := w.typeOf(ap.Schema, depth+1)
				if err != nil {
					return nil, nil, "", err
				}
				parts = append(parts, typePart{Text: "object of "})
				parts = append(parts, values...)
				parts = append(parts, typePart{Text: " values"})
				continue
			}
			parts = append(parts, typePart{Text: "object"})
		default:
			text := t
			if s.Format != "" && t != "null" {
				text += " (" + s.Format + ")"
			}
			parts = append(parts, typePart{Text: text})
		}
	}
	return parts, rules, desc, nil
}

// shape renders schema s (resolved) as a whole: an object is "object" with
// its fields; anything else its type and rules.
func (w *schemaWriter) shape(s *oaSchema) (parts []typePart, rules []string, rows []fieldRow, err error) {
	if !isObject(s) {
		parts, rules, _, err = w.typeOf(s, 0)
		return parts, rules, nil, err
	}
	rows, err = w.fields(s, "", 0)
	return []typePart{{Text: "object"}}, schemaRules(s), rows, err
}

// fields returns the rows of the fields of object s (resolved), with those
// of its allOf parts and of its inline objects.
func (w *schemaWriter) fields(s *oaSchema, prefix string, depth int) ([]fieldRow, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("schemas nest deeper than %d levels", maxDepth)
	}
	props := map[string]*oaSchema{}
	required := map[string]bool{}
	if err := w.collect(s, props, required, depth); err != nil {
		return nil, err
	}
	var rows []fieldRow
	for _, n := range slices.Sorted(maps.Keys(props)) {
		p := props[n]
		parts, rules, desc, err := w.typeOf(p, depth)
		if err != nil {
			return nil, fmt.Errorf("%s%s: %w", prefix, n, err)
		}
		rows = append(rows, fieldRow{Name: prefix + n, Depth: depth, Type: parts, Required: required[n], Rules: rules, Description: desc})
		var nested []fieldRow
		switch {
		case p.Ref == "" && len(p.Properties) > 0:
			nested, err = w.fields(p, prefix+n+".", depth+1)
		case p.Ref == "" && p.Items != nil && p.Items.Ref == "" && len(p.Items.Properties) > 0:
			nested, err = w.fields(p.Items, prefix+n+"[].", depth+1)
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, nested...)
	}
	return rows, nil
}

// collect adds the properties of s and of its allOf parts.
func (w *schemaWriter) collect(s *oaSchema, props map[string]*oaSchema, required map[string]bool, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("allOf nests deeper than %d levels", maxDepth)
	}
	s, _, err := w.doc.schema(s)
	if err != nil {
		return err
	}
	for _, part := range s.AllOf {
		if err := w.collect(part, props, required, depth+1); err != nil {
			return err
		}
	}
	for n, p := range s.Properties {
		if p == nil {
			return fmt.Errorf("property %s is null", n)
		}
		props[n] = p
	}
	for _, n := range s.Required {
		required[n] = true
	}
	return nil
}

// schemaRules turns the constraints of s into sentences.
func schemaRules(s *oaSchema) []string {
	var rules []string
	if s.Const != nil {
		rules = append(rules, "Always "+codeText(s.Const)+".")
	}
	if len(s.Enum) > 0 {
		values := make([]string, len(s.Enum))
		for i, v := range s.Enum {
			values[i] = codeText(v)
		}
		rules = append(rules, "One of "+strings.Join(values, ", ")+".")
	}
	if r := rangeRule(s.MinLength, s.MaxLength, "character"); r != "" {
		rules = append(rules, r)
	}
	switch {
	case s.Minimum != nil && s.Maximum != nil:
		rules = append(rules, "From "+number(*s.Minimum)+" to "+number(*s.Maximum)+".")
	case s.Minimum != nil:
		rules = append(rules, "At least "+number(*s.Minimum)+".")
	case s.Maximum != nil:
		rules = append(rules, "At most "+number(*s.Maximum)+".")
	}
	if r := rangeRule(s.MinItems, s.MaxItems, "item"); r != "" {
		rules = append(rules, r)
	}
	if s.UniqueItems {
		rules = append(rules, "No item twice.")
	}
	if s.Pattern != "" {
		rules = append(rules, "Matches "+codeText(s.Pattern)+".")
	}
	if s.Default != nil {
		rules = append(rules, "Default "+codeText(s.Default)+".")
	}
	if len(s.Examples) > 0 {
		rules = append(rules, "For example "+codeText(s.Examples[0])+".")
	}
	return rules
}

// rangeRule says how many characters or items are allowed.
func rangeRule(lo, hi *int, unit string) string {
	plural := func(n int) string {
		if n == 1 {
			return "1 " + unit
		}
		return strconv.Itoa(n) + " " + unit + "s"
	}
	switch {
	case lo != nil && hi != nil && *lo == *hi:
		return "Exactly " + plural(*hi) + "."
	case lo != nil && hi != nil:
		return strconv.Itoa(*lo) + " to " + plural(*hi) + "."
	case hi != nil:
		return "At most " + plural(*hi) + "."
	case lo != nil && *lo > 0:
		return "At least " + plural(*lo) + "."
	}
	return ""
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// codeText shows a JSON value as code: strings as they are, other values
// as JSON.
func codeText(v any) string {
	s, ok := v.(string)
	if !ok {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		s = string(b)
	}
	if strings.Contains(s, "`") || s == "" {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// joinSentences joins two descriptions, leaving out an empty or repeated one.
func joinSentences(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
