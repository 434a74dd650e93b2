package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

var (
	specOnce sync.Once
	spec     map[string]any
	specErr  error
)

// loadSpec parses the embedded OpenAPI document once.
func loadSpec(t testing.TB) map[string]any {
	t.Helper()
	specOnce.Do(func() {
		var doc []byte
		if doc, specErr = document(); specErr == nil {
			specErr = json.Unmarshal(doc, &spec)
		}
	})
	if specErr != nil {
		t.Fatalf("openapi.json is not JSON: %v", specErr)
	}
	return spec
}

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	schemes, _ := dig(doc, "components", "securitySchemes", "bearerAuth").(map[string]any)
	if schemes["type"] != "http" || schemes["scheme"] != "bearer" {
		t.Errorf("bearerAuth security scheme = %v, want http bearer", schemes)
	}
	if dig(doc, "components", "schemas", "Error") == nil {
		t.Error("no Error schema")
	}

	// The document and the route table list the same operations.
	documented := map[string]map[string]any{}
	paths, _ := doc["paths"].(map[string]any)
	for p, item := range paths {
		for _, m := range httpMethods {
			if op, ok := item.(map[string]any)[m].(map[string]any); ok {
				documented[strings.ToUpper(m)+" "+p] = op
			}
		}
	}
	a := New(Config{})
	registered := map[string]route{}
	for _, rt := range a.routes() {
		registered[rt.method+" "+rt.path] = rt
	}
	for k := range registered {
		if _, ok := documented[k]; !ok {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for k := range documented {
		if _, ok := registered[k]; !ok {
			t.Errorf("openapi.json documents %s, which is not a route", k)
		}
	}

	operationIDs := map[string]bool{}
	paramRE := regexp.MustCompile(`\{(\w+)\}`)
	for k, op := range documented {
		rt := registered[k]
		id, _ := op["operationId"].(string)
		if id == "" || operationIDs[id] {
			t.Errorf("%s: operationId %q missing or repeated", k, id)
		}
		operationIDs[id] = true
		responses, _ := op["responses"].(map[string]any)
		sec, hasSec := op["security"].([]any)
		isPublic := hasSec && len(sec) == 0
		if isPublic != (rt.access == public) {
			t.Errorf("%s: public in document = %v, in route table = %v", k, isPublic, rt.access == public)
		}
		want := []string{}
		if rt.access != public {
			want = append(want, "401", "429", "500")
		}
		if rt.access == write {
			want = append(want, "403")
		}
		if rt.access == admin || rt.access == own {
			want = append(want, "403")
		}
		if strings.Contains(rt.path, "{") {
			want = append(want, "404")
		}
		if rt.method == "POST" || rt.method == "PUT" || rt.method == "PATCH" {
			want = append(want, "400", "413", "415", "422")
			if dig(op, "requestBody") == nil {
				t.Errorf("%s: no requestBody", k)
			}
		}
		for _, status := range want {
			if responses[status] == nil {
				t.Errorf("%s: response %s is not documented", k, status)
			}
		}
		// Every path parameter is declared.
		path := strings.SplitN(k, " ", 2)[1]
		declared := map[string]bool{}
		for _, ps := range [][]any{asList(dig(paths, path, "parameters")), asList(op["parameters"])} {
			for _, p := range ps {
				pm := resolveRef(doc, p.(map[string]any))
				if pm["in"] == "path" {
					declared[pm["name"].(string)] = true
				}
			}
		}
		for _, m := range paramRE.FindAllStringSubmatch(path, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter %s is not declared", k, m[1])
			}
			delete(declared, m[1])
		}
		if len(declared) > 0 {
			t.Errorf("%s: declares path parameters %v that are not in the path", k, slices.Collect(maps.Keys(declared)))
		}
	}

	// Every reference resolves.
	refRE := regexp.MustCompile(`"\$ref":\s*"([^"]+)"`)
	merged, _ := document()
	for _, m := range refRE.FindAllStringSubmatch(string(merged), -1) {
		if lookupRef(doc, m[1]) == nil {
			t.Errorf("$ref %s does not resolve", m[1])
		}
	}
}

func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	e := mustEnv(t)
	r := e.do("GET", "/api/v1/openapi.json", "", nil).expect(http.StatusOK)
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	if merged, _ := document(); r.Body.String() != string(merged) {
		t.Error("served document differs from the embedded one")
	}
}

func dig(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func asList(v any) []any { l, _ := v.([]any); return l }

// lookupRef finds a local reference such as #/components/schemas/Program.
func lookupRef(doc map[string]any, ref string) map[string]any {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	m, _ := dig(doc, strings.Split(p, "/")...).(map[string]any)
	return m
}

func resolveRef(doc, node map[string]any) map[string]any {
	for i := 0; i < 10; i++ {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		node = lookupRef(doc, ref)
	}
	return node
}

// checkResponse reports how body differs from what the document declares
// for the operation at pattern ("GET /api/v1/programs") and status.
func checkResponse(t testing.TB, pattern string, status int, contentType string, body []byte) {
	t.Helper()
	doc := loadSpec(t)
	method, path, _ := strings.Cut(pattern, " ")
	op, ok := dig(doc, "paths", path, strings.ToLower(method)).(map[string]any)
	if !ok {
		if path != "/api/v1/" { // the fallback of unknown paths is not an operation
			t.Errorf("%s is not an operation of openapi.json", pattern)
		}
		return
	}
	resp, ok := dig(op, "responses", strconv.Itoa(status)).(map[string]any)
	if !ok {
		t.Errorf("%s answered %d, which openapi.json does not document", pattern, status)
		return
	}
	resp = resolveRef(doc, resp)
	// A spreadsheet or a book is declared by its media type (export_test.go
	// and book_test.go read them).
	for _, mt := range []string{"text/csv", xlsxMediaType, "text/html", "application/pdf"} {
		if strings.HasPrefix(contentType, mt) {
			if dig(resp, "content", mt) == nil {
				t.Errorf("%s %d: answered %s, which openapi.json does not declare", pattern, status, mt)
			}
			return
		}
	}
	schema, ok := dig(resp, "content", "application/json", "schema").(map[string]any)
	if !ok {
		if len(body) > 0 {
			t.Errorf("%s %d: document declares no body, got %s", pattern, status, body)
		}
		return
	}
	if !strings.HasPrefix(contentType, "application/json") {
		t.Errorf("%s %d: Content-Type %q, want application/json", pattern, status, contentType)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s %d: body is not JSON: %v", pattern, status, err)
		return
	}
	c := &schemaChecker{doc: doc}
	c.check(v, schema, "$")
	for _, e := range c.errs {
		t.Errorf("%s %d: %s", pattern, status, e)
	}
}

// schemaChecker validates JSON against the subset of JSON Schema 2020-12
// the document uses: $ref, allOf, anyOf, type, enum, required, properties,
// additionalProperties/unevaluatedProperties false, items, date formats.
type schemaChecker struct {
	doc  map[string]any
	errs []string
}

func (c *schemaChecker) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

// check validates v and returns the object properties it evaluated.
func (c *schemaChecker) check(v any, s map[string]any, at string) map[string]bool {
	evaluated := map[string]bool{}
	if ref, ok := s["$ref"].(string); ok {
		target := lookupRef(c.doc, ref)
		if target == nil {
			c.errorf("%s: $ref %s does not resolve", at, ref)
		} else {
			maps.Copy(evaluated, c.check(v, target, at))
		}
	}
	for _, sub := range asList(s["allOf"]) {
		maps.Copy(evaluated, c.check(v, sub.(map[string]any), at))
	}
	if subs := asList(s["anyOf"]); len(subs) > 0 {
		matched := false
		for _, sub := range subs {
			trial := &schemaChecker{doc: c.doc}
			ev := trial.check(v, sub.(map[string]any), at)
			if len(trial.errs) == 0 {
				matched = true
				maps.Copy(evaluated, ev)
			}
		}
		if !matched {
			c.errorf("%s: %s matches none of anyOf", at, short(v))
		}
	}
	if typ, ok := s["type"]; ok && !c.hasType(v, typ) {
		c.errorf("%s: %s is not of type %v", at, short(v), typ)
		return evaluated
	}
	if enum := asList(s["enum"]); len(enum) > 0 && !slices.Contains(enum, v) {
		c.errorf("%s: %s is not one of %v", at, short(v), enum)
	}
	if str, ok := v.(string); ok {
		if max, ok := s["maxLength"].(float64); ok && float64(utf8.RuneCountInString(str)) > max {
			c.errorf("%s: %d characters, more than maxLength %v", at, utf8.RuneCountInString(str), max)
		}
		switch s["format"] {
		case "date":
			if _, err := time.Parse(time.DateOnly, str); err != nil {
				c.errorf("%s: %q is not a date", at, str)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, str); err != nil {
				c.errorf("%s: %q is not an RFC 3339 date-time", at, str)
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := x[r.(string)]; !ok {
				c.errorf("%s: required property %q is missing", at, r)
			}
		}
		for k, sub := range props {
			if pv, ok := x[k]; ok {
				c.check(pv, sub.(map[string]any), at+"."+k)
			}
			evaluated[k] = true
		}
		if s["additionalProperties"] == false {
			for k := range x {
				if _, ok := props[k]; !ok {
					c.errorf("%s: property %q is not in the schema", at, k)
				}
			}
		}
		if s["unevaluatedProperties"] == false {
			for k := range x {
				if !evaluated[k] {
					c.errorf("%s: property %q is not in the schema", at, k)
				}
			}
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range x {
				c.check(it, items, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	}
	return evaluated
}

func (c *schemaChecker) hasType(v any, typ any) bool {
	if l, ok := typ.([]any); ok {
		for _, t := range l {
			if c.hasType(v, t) {
				return true
			}
		}
		return false
	}
	switch typ {
	case "null":
		return v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}
