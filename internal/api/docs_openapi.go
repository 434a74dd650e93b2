package api

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The part of OpenAPI 3.1 the reference page reads. Keywords it does not
// show are ignored; a $ref that does not resolve is an error, so that the
// server does not start with a page that links nowhere.

type oaDoc struct {
	Info struct {
		Title       string `json:"title"`
		Version     string `json:"version"`
		Summary     string `json:"summary"`
		Description string `json:"description"`
	} `json:"info"`
	Tags       []oaTag               `json:"tags"`
	Paths      map[string]oaPathItem `json:"paths"`
	Components struct {
		Schemas         map[string]*oaSchema   `json:"schemas"`
		Parameters      map[string]*oaParam    `json:"parameters"`
		Headers         map[string]*oaHeader   `json:"headers"`
		RequestBodies   map[string]*oaBody     `json:"requestBodies"`
		Responses       map[string]*oaResponse `json:"responses"`
		SecuritySchemes map[string]struct {
			Type        string `json:"type"`
			Scheme      string `json:"scheme"`
			Description string `json:"description"`
		} `json:"securitySchemes"`
	} `json:"components"`
}

type oaTag struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type oaPathItem struct {
	Parameters []*oaParam `json:"parameters"`
	Get        *oaOp      `json:"get"`
	Put        *oaOp      `json:"put"`
	Post       *oaOp      `json:"post"`
	Delete     *oaOp      `json:"delete"`
	Patch      *oaOp      `json:"patch"`
}

// ops returns the item's operations by upper-case method.
func (p oaPathItem) ops() map[string]*oaOp {
	m := map[string]*oaOp{}
	for method, op := range map[string]*oaOp{"GET": p.Get, "PUT": p.Put, "POST": p.Post, "DELETE": p.Delete, "PATCH": p.Patch} {
		if op != nil {
			m[method] = op
		}
	}
	return m
}

type oaOp struct {
	Tags        []string               `json:"tags"`
	OperationID string                 `json:"operationId"`
	Summary     string                 `json:"summary"`
	Description string                 `json:"description"`
	Parameters  []*oaParam             `json:"parameters"`
	RequestBody *oaBody                `json:"requestBody"`
	Responses   map[string]*oaResponse `json:"responses"`
}

type oaParam struct {
	Ref         string    `json:"$ref"`
	Name        string    `json:"name"`
	In          string    `json:"in"`
	Description string    `json:"description"`
	Required    bool      `json:"required"`
	Schema      *oaSchema `json:"schema"`
}

type oaHeader struct {
	Ref         string    `json:"$ref"`
	Description string    `json:"description"`
	Schema      *oaSchema `json:"schema"`
}

type oaMedia struct {
	Schema *oaSchema `json:"schema"`
}

type oaBody struct {
	Ref         string             `json:"$ref"`
	Description string             `json:"description"`
	Required    bool               `json:"required"`
	Content     map[string]oaMedia `json:"content"`
}

type oaResponse struct {
	Ref         string               `json:"$ref"`
	Description string               `json:"description"`
	Headers     map[string]*oaHeader `json:"headers"`
	Content     map[string]oaMedia   `json:"content"`
}

type oaSchema struct {
	Ref         string   `json:"$ref"`
	Type        oaTypes  `json:"type"`
	Format      string   `json:"format"`
	Description string   `json:"description"`
	Pattern     string   `json:"pattern"`
	Enum        []any    `json:"enum"`
	Const       any      `json:"const"`
	Default     any      `json:"default"`
	Examples    []any    `json:"examples"`
	MinLength   *int     `json:"minLength"`
	MaxLength   *int     `json:"maxLength"`
	MinItems    *int     `json:"minItems"`
	MaxItems    *int     `json:"maxItems"`
	UniqueItems bool     `json:"uniqueItems"`
	Minimum     *float64 `json:"minimum"`
	Maximum     *float64 `json:"maximum"`

	Items                *oaSchema            `json:"items"`
	Properties           map[string]*oaSchema `json:"properties"`
	Required             []string             `json:"required"`
	AdditionalProperties *oaSchemaOrBool      `json:"additionalProperties"`
	AllOf                []*oaSchema          `json:"allOf"`
	AnyOf                []*oaSchema          `json:"anyOf"`
	OneOf                []*oaSchema          `json:"oneOf"`
}

// oaTypes is a schema's type: one name or, in OpenAPI 3.1, a list.
type oaTypes []string

func (t *oaTypes) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*t = oaTypes{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("type is neither a name nor a list of names: %s", b)
	}
	*t = many
	return nil
}

func (t oaTypes) has(name string) bool {
	for _, n := range t {
		if n == name {
			return true
		}
	}
	return false
}

// oaSchemaOrBool is additionalProperties: false, true or a schema.
type oaSchemaOrBool struct {
	Allowed bool
	Schema  *oaSchema
}

func (s *oaSchemaOrBool) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &s.Allowed); err == nil {
		return nil
	}
	s.Allowed = true
	return json.Unmarshal(b, &s.Schema)
}

// refName returns the component name a $ref of kind points to:
// "#/components/schemas/Program" is "Program" for kind "schemas".
func refName(ref, kind string) (string, error) {
	name, ok := strings.CutPrefix(ref, "#/components/"+kind+"/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", fmt.Errorf("$ref %q is not a reference to components/%s", ref, kind)
	}
	return name, nil
}

// resolve follows $refs of kind in components until it reaches the
// definition; it returns the definition and the last name followed ("" if
// v was no reference).
func resolve[T any](v *T, ref func(*T) string, components map[string]*T, kind string) (*T, string, error) {
	name := ""
	for range 10 {
		if v == nil {
			return nil, "", fmt.Errorf("a definition is null")
		}
		r := ref(v)
		if r == "" {
			return v, name, nil
		}
		n, err := refName(r, kind)
		if err != nil {
			return nil, "", err
		}
		next, ok := components[n]
		if !ok || next == nil {
			return nil, "", fmt.Errorf("$ref %q does not resolve", r)
		}
		v, name = next, n
	}
	return nil, "", fmt.Errorf("$ref %q: too many references in a row", ref(v))
}

func (d *oaDoc) schema(s *oaSchema) (*oaSchema, string, error) {
	return resolve(s, func(s *oaSchema) string { return s.Ref }, d.Components.Schemas, "schemas")
}

func (d *oaDoc) param(p *oaParam) (*oaParam, string, error) {
	return resolve(p, func(p *oaParam) string { return p.Ref }, d.Components.Parameters, "parameters")
}

func (d *oaDoc) header(h *oaHeader) (*oaHeader, string, error) {
	return resolve(h, func(h *oaHeader) string { return h.Ref }, d.Components.Headers, "headers")
}

func (d *oaDoc) body(b *oaBody) (*oaBody, string, error) {
	return resolve(b, func(b *oaBody) string { return b.Ref }, d.Components.RequestBodies, "requestBodies")
}

func (d *oaDoc) response(r *oaResponse) (*oaResponse, string, error) {
	return resolve(r, func(r *oaResponse) string { return r.Ref }, d.Components.Responses, "responses")
}
