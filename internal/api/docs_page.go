package api

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// docsPage is what the reference page shows, built from the OpenAPI
// document and the route table.
type docsPage struct {
	Title, Version, Summary, Description string
	DocumentPath                         string // the JSON document's address
	Stylesheet                           string // the stylesheet's address

	Auth            string // the bearer scheme's description
	ErrorFields     []fieldRow
	SharedResponses []sharedResponse
	Paging          []topicItem
	Versions        []topicItem
	MergePatch      []topicItem
	Idempotency     []topicItem

	Tags    []tagView
	Schemas []schemaView
}

// topicItem is a term of the introduction (a parameter, header or field)
// with the document's description of it.
type topicItem struct{ Term, Text string }

// sharedResponse is an answer described once in components/responses and
// used by many operations, mostly errors.
type sharedResponse struct {
	ID, Name, Status, StatusText, Description string
	Headers                                   []topicItem
}

type tagView struct {
	ID, Name, Description string
	Ops                   []*opView
}

type opView struct {
	ID, Method, Path, Summary, Description string
	Access                                 string
	Params                                 []paramView
	Body                                   *bodyView
	Responses                              []responseView
	Errors                                 []pageLink
}

type paramView struct {
	Name, In    string
	Required    bool
	Type        []typePart
	Rules       []string
	Description string
}

// bodyView is a request or response body.
type bodyView struct {
	Required    bool
	Description string
	MediaTypes  []string
	Schema      string // the named schema, if any
	Type        []typePart
	Fields      []fieldRow
	SameAs      *pageLink // for a merge patch: the operation whose body lists the fields
	MergePatch  bool      // it may be sent as a JSON Merge Patch
}

type responseView struct {
	Status, StatusText, Description string
	Headers                         []topicItem
	Body                            *bodyView
}

type schemaView struct {
	ID, Name, Description string
	Type                  []typePart
	Rules                 []string
	Fields                []fieldRow
	UsedBy                []pageLink
}

// accessText says who may call a route, in the words of the UI's roles.
var accessText = map[access]string{
	public: "Anyone: no token needed.",
	read:   "Any user: viewers, officers and administrators.",
	write:  "Officers and administrators; viewers get 403.",
	self:   "Any user, for their own account only.",
	admin:  "Administrators only.",
	own:    "Any user, for their own API tokens; administrators also for other users' tokens.",
}

var methodOrder = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// buildDocsPage reads the document and lays out the page. Every operation
// must be a route of rts, so that the page can say who may call it.
func buildDocsPage(document []byte, rts []route) (*docsPage, error) {
	var doc oaDoc
	if err := json.Unmarshal(document, &doc); err != nil {
		return nil, fmt.Errorf("OpenAPI document: %w", err)
	}
	b := &pageBuilder{doc: &doc, w: &schemaWriter{doc: &doc, linked: map[string][]pageLink{}}}
	p := &docsPage{
		Title:        doc.Info.Title,
		Version:      doc.Info.Version,
		Summary:      doc.Info.Summary,
		Description:  doc.Info.Description,
		DocumentPath: "/api/v1/openapi.json",
	}
	if p.Title == "" {
		return nil, fmt.Errorf("OpenAPI document: no info.title")
	}
	for _, name := range slices.Sorted(maps.Keys(doc.Components.SecuritySchemes)) {
		if s := doc.Components.SecuritySchemes[name]; s.Type == "http" && strings.EqualFold(s.Scheme, "bearer") && p.Auth == "" {
			p.Auth = s.Description
		}
	}

	routeAt := map[string]int{}
	for i, rt := range rts {
		routeAt[rt.method+" "+rt.path] = i
	}
	var ops []*opView
	opTag := map[*opView]string{}
	opRoute := map[*opView]int{}
	ids := map[string]bool{}
	for path, item := range doc.Paths {
		for method, op := range item.ops() {
			i, ok := routeAt[method+" "+path]
			if !ok {
				return nil, fmt.Errorf("OpenAPI document: %s %s is not a route", method, path)
			}
			if op.OperationID == "" || ids[op.OperationID] {
				return nil, fmt.Errorf("OpenAPI document: %s %s: operationId %q missing or repeated", method, path, op.OperationID)
			}
			ids[op.OperationID] = true
			v := &opView{ID: anchor(op.OperationID), Method: method, Path: path, Summary: op.Summary,
				Description: op.Description, Access: accessText[rts[i].access]}
			ops = append(ops, v)
			opRoute[v] = i
			if len(op.Tags) > 0 {
				opTag[v] = op.Tags[0]
			}
		}
	}
	// The page follows the route table, which keeps an area's operations
	// together and in the order a client meets them.
	sort.Slice(ops, func(i, j int) bool { return opRoute[ops[i]] < opRoute[ops[j]] })

	// Response bodies of a schema that several operations answer are
	// linked; others are shown in place.
	b.answeredBy = map[string]int{}
	for _, item := range doc.Paths {
		for _, op := range item.ops() {
			for _, r := range op.Responses {
				if r == nil || r.Ref != "" {
					continue
				}
				for _, mt := range slices.Sorted(maps.Keys(r.Content)) {
					if m := r.Content[mt]; m.Schema != nil && m.Schema.Ref != "" {
						name, _ := refName(m.Schema.Ref, "schemas")
						b.answeredBy[name]++
						break
					}
				}
			}
		}
	}

	for _, v := range ops {
		if err := b.operation(v, doc.Paths[v.Path], v.Method); err != nil {
			return nil, fmt.Errorf("OpenAPI document: %s %s: %w", v.Method, v.Path, err)
		}
	}
	b.linkPatches(ops)

	// Tags in the document's order; operations without a known tag last.
	byTag := map[string][]*opView{}
	for _, v := range ops {
		byTag[opTag[v]] = append(byTag[opTag[v]], v)
	}
	for _, t := range doc.Tags {
		if len(byTag[t.Name]) > 0 {
			p.Tags = append(p.Tags, tagView{ID: anchor("tag-" + t.Name), Name: t.Name, Description: t.Description, Ops: byTag[t.Name]})
			delete(byTag, t.Name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(byTag)) {
		label := name
		if label == "" {
			label = "other"
		}
		p.Tags = append(p.Tags, tagView{ID: anchor("tag-" + label), Name: label, Ops: byTag[name]})
	}

	if err := b.introduction(p); err != nil {
		return nil, fmt.Errorf("OpenAPI document: %w", err)
	}
	schemas, err := b.schemas()
	if err != nil {
		return nil, fmt.Errorf("OpenAPI document: %w", err)
	}
	p.Schemas = schemas
	return p, nil
}

type pageBuilder struct {
	doc        *oaDoc
	w          *schemaWriter
	answeredBy map[string]int // schema name → operations answering with it
	// sharedUse holds, for each shared response, the statuses it answers.
	sharedUse map[string][]string
}

func responseID(name string) string { return anchor("response-" + name) }

func (b *pageBuilder) operation(v *opView, item oaPathItem, method string) error {
	op := item.ops()[method]
	b.w.owner = pageLink{ID: v.ID, Label: v.Method + " " + v.Path}

	// Parameters of the path, replaced by the operation's of the same name.
	var params []*oaParam
	for _, list := range [][]*oaParam{item.Parameters, op.Parameters} {
		for _, raw := range list {
			prm, _, err := b.doc.param(raw)
			if err != nil {
				return err
			}
			params = slices.DeleteFunc(params, func(q *oaParam) bool { return q.Name == prm.Name && q.In == prm.In })
			params = append(params, prm)
		}
	}
	where := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	slices.SortStableFunc(params, func(a, c *oaParam) int { return where[a.In] - where[c.In] })
	for _, prm := range params {
		parts, rules, desc, err := b.w.typeOf(prm.Schema, 0)
		if err != nil {
			return fmt.Errorf("parameter %s: %w", prm.Name, err)
		}
		v.Params = append(v.Params, paramView{Name: prm.Name, In: prm.In, Required: prm.Required || prm.In == "path",
			Type: parts, Rules: rules, Description: joinSentences(prm.Description, desc)})
	}

	if op.RequestBody != nil {
		body, _, err := b.doc.body(op.RequestBody)
		if err != nil {
			return err
		}
		bv, err := b.body(body.Content, true)
		if err != nil {
			return fmt.Errorf("request body: %w", err)
		}
		// The body's own words first; the schema's are often more general.
		bv.Required = body.Required
		if body.Description != "" {
			bv.Description = body.Description
		}
		bv.MergePatch = slices.Contains(bv.MediaTypes, "application/merge-patch+json")
		v.Body = bv
	}

	for _, status := range slices.Sorted(maps.Keys(op.Responses)) {
		raw := op.Responses[status]
		r, name, err := b.doc.response(raw)
		if err != nil {
			return fmt.Errorf("response %s: %w", status, err)
		}
		// Shared errors are listed by name and explained once; anything
		// else is shown here in full.
		if name != "" && status >= "400" {
			if b.sharedUse == nil {
				b.sharedUse = map[string][]string{}
			}
			if !slices.Contains(b.sharedUse[name], status) {
				b.sharedUse[name] = append(b.sharedUse[name], status)
			}
			v.Errors = append(v.Errors, pageLink{ID: responseID(name), Label: status + " " + statusText(status)})
			continue
		}
		rv := responseView{Status: status, StatusText: statusText(status), Description: r.Description}
		if rv.Headers, err = b.headers(r.Headers); err != nil {
			return fmt.Errorf("response %s: %w", status, err)
		}
		if len(r.Content) > 0 {
			if rv.Body, err = b.body(r.Content, false); err != nil {
				return fmt.Errorf("response %s: %w", status, err)
			}
		}
		v.Responses = append(v.Responses, rv)
	}
	return nil
}

// body renders a request or response body. A request body's fields are
// always shown; a response's are linked when several operations answer
// with the same schema.
func (b *pageBuilder) body(content map[string]oaMedia, request bool) (*bodyView, error) {
	bv := &bodyView{}
	for mt := range content {
		bv.MediaTypes = append(bv.MediaTypes, mt)
	}
	// application/json first, then the others by name.
	slices.SortFunc(bv.MediaTypes, func(a, c string) int {
		switch {
		case a == c:
			return 0
		case a == "application/json":
			return -1
		case c == "application/json":
			return 1
		}
		return strings.Compare(a, c)
	})
	if len(bv.MediaTypes) == 0 {
		return bv, nil
	}
	s := content[bv.MediaTypes[0]].Schema
	if s == nil {
		return bv, nil
	}
	target, name, err := b.doc.schema(s)
	if err != nil {
		return nil, err
	}
	bv.Schema = name
	if name != "" && isObject(target) && !request && b.answeredBy[name] > 1 {
		bv.Type = []typePart{b.w.link(name)}
		return bv, nil
	}
	bv.Description = target.Description
	if bv.Type, _, bv.Fields, err = b.w.shape(target); err != nil {
		return nil, err
	}
	return bv, nil
}

// linkPatches points the body of a merge patch without fields of its own
// to the operation of the same path whose body lists them (its PUT).
func (b *pageBuilder) linkPatches(ops []*opView) {
	put := map[string]*opView{}
	for _, v := range ops {
		if v.Method == "PUT" && v.Body != nil && len(v.Body.Fields) > 0 {
			put[v.Path] = v
		}
	}
	for _, v := range ops {
		if v.Method != "PATCH" || v.Body == nil || len(v.Body.Fields) > 0 {
			continue
		}
		if p, ok := put[v.Path]; ok {
			v.Body.SameAs = &pageLink{ID: p.ID, Label: p.Method + " " + p.Path}
		}
	}
}

func (b *pageBuilder) headers(hs map[string]*oaHeader) ([]topicItem, error) {
	var items []topicItem
	for name, raw := range hs {
		h, _, err := b.doc.header(raw)
		if err != nil {
			return nil, fmt.Errorf("header %s: %w", name, err)
		}
		items = append(items, topicItem{Term: name, Text: h.Description})
	}
	slices.SortFunc(items, func(a, c topicItem) int { return strings.Compare(a.Term, c.Term) })
	return items, nil
}

// introduction gathers the conventions every operation shares from the
// components and operations that carry them; a convention the document
// does not describe is left out of the page.
func (b *pageBuilder) introduction(p *docsPage) error {
	// The shared answers, and the shape of their bodies: the errors.
	for _, name := range slices.Sorted(maps.Keys(b.sharedUse)) {
		if p.ErrorFields != nil {
			break
		}
		m, ok := b.doc.Components.Responses[name].Content["application/json"]
		if !ok || m.Schema == nil {
			continue
		}
		s, _, err := b.doc.schema(m.Schema)
		if err != nil {
			return fmt.Errorf("response %s: %w", name, err)
		}
		b.w.owner = pageLink{ID: "errors", Label: "Errors"}
		if p.ErrorFields, err = b.w.fields(s, "", 0); err != nil {
			return fmt.Errorf("response %s: %w", name, err)
		}
	}
	for name, statuses := range b.sharedUse {
		r := b.doc.Components.Responses[name]
		hs, err := b.headers(r.Headers)
		if err != nil {
			return fmt.Errorf("response %s: %w", name, err)
		}
		slices.Sort(statuses)
		p.SharedResponses = append(p.SharedResponses, sharedResponse{ID: responseID(name), Name: name,
			Status: strings.Join(statuses, ", "), StatusText: statusText(statuses[0]), Description: r.Description, Headers: hs})
	}
	slices.SortFunc(p.SharedResponses, func(a, c sharedResponse) int {
		return cmp.Or(strings.Compare(a.Status, c.Status), strings.Compare(a.Name, c.Name))
	})

	// Paging, versions and retries, from the parameters and headers that
	// carry them.
	add := func(list *[]topicItem, term, text string) {
		if text != "" {
			*list = append(*list, topicItem{Term: term, Text: text})
		}
	}
	param := func(in, name string) string {
		for _, prm := range b.allParams() {
			if prm.In == in && strings.EqualFold(prm.Name, name) {
				return prm.Description
			}
		}
		return ""
	}
	add(&p.Paging, "limit", param("query", "limit"))
	add(&p.Paging, "cursor", param("query", "cursor"))
	add(&p.Paging, "next_cursor", b.propertyDescription("next_cursor"))
	add(&p.Versions, "ETag", b.responseHeader("ETag"))
	add(&p.Versions, "If-Match", param("header", "If-Match"))
	add(&p.Versions, "412 Precondition Failed", b.statusDescription("412"))
	add(&p.Idempotency, "Idempotency-Key", param("header", "Idempotency-Key"))
	add(&p.Idempotency, "Idempotent-Replayed", b.responseHeader("Idempotent-Replayed"))
	for _, path := range slices.Sorted(maps.Keys(b.doc.Paths)) {
		for _, m := range methodOrder {
			op := b.doc.Paths[path].ops()[m]
			if op == nil || op.RequestBody == nil || len(p.MergePatch) > 0 {
				continue
			}
			body, _, err := b.doc.body(op.RequestBody)
			if err != nil {
				return err
			}
			if m, ok := body.Content["application/merge-patch+json"]; ok {
				// Operations link here, so the section is never left out.
				text := joinSentences(body.Description, "Only the fields sent change (RFC 7396).")
				if m.Schema != nil {
					s, _, err := b.doc.schema(m.Schema)
					if err != nil {
						return err
					}
					text = cmp.Or(s.Description, text)
				}
				add(&p.MergePatch, "application/merge-patch+json", text)
			}
		}
	}
	return nil
}

// allParams lists the parameters of the components and of every path and
// operation, resolved.
func (b *pageBuilder) allParams() []*oaParam {
	var all []*oaParam
	for _, n := range slices.Sorted(maps.Keys(b.doc.Components.Parameters)) {
		all = append(all, b.doc.Components.Parameters[n])
	}
	for _, path := range slices.Sorted(maps.Keys(b.doc.Paths)) {
		item := b.doc.Paths[path]
		lists := [][]*oaParam{item.Parameters}
		for _, m := range methodOrder {
			if op := item.ops()[m]; op != nil {
				lists = append(lists, op.Parameters)
			}
		}
		for _, l := range lists {
			for _, raw := range l {
				if prm, _, err := b.doc.param(raw); err == nil {
					all = append(all, prm)
				}
			}
		}
	}
	return all
}

// responseHeader returns the description of the first response header
// called name.
func (b *pageBuilder) responseHeader(name string) string {
	for _, path := range slices.Sorted(maps.Keys(b.doc.Paths)) {
		for _, m := range methodOrder {
			op := b.doc.Paths[path].ops()[m]
			if op == nil {
				continue
			}
			for _, status := range slices.Sorted(maps.Keys(op.Responses)) {
				r, _, err := b.doc.response(op.Responses[status])
				if err != nil {
					continue
				}
				for _, hn := range slices.Sorted(maps.Keys(r.Headers)) {
					if h, _, err := b.doc.header(r.Headers[hn]); err == nil && strings.EqualFold(hn, name) && h.Description != "" {
						return h.Description
					}
				}
			}
		}
	}
	return ""
}

// statusDescription returns the description of the first answer with
// status.
func (b *pageBuilder) statusDescription(status string) string {
	for _, path := range slices.Sorted(maps.Keys(b.doc.Paths)) {
		for _, m := range methodOrder {
			op := b.doc.Paths[path].ops()[m]
			if op == nil || op.Responses[status] == nil {
				continue
			}
			if r, _, err := b.doc.response(op.Responses[status]); err == nil && r.Description != "" {
				return r.Description
			}
		}
	}
	return ""
}

// propertyDescription returns the description of the first schema property
// called name (through its $ref when it has none of its own).
func (b *pageBuilder) propertyDescription(name string) string {
	for _, sn := range slices.Sorted(maps.Keys(b.doc.Components.Schemas)) {
		s := b.doc.Components.Schemas[sn]
		if s == nil || s.Properties[name] == nil {
			continue
		}
		p := s.Properties[name]
		if p.Description != "" {
			return p.Description
		}
		if t, _, err := b.doc.schema(p); err == nil && t.Description != "" {
			return t.Description
		}
	}
	return ""
}

// schemas renders every schema the page links to, and those they link to
// in turn, in the order of their names.
func (b *pageBuilder) schemas() ([]schemaView, error) {
	done := map[string]bool{}
	var views []schemaView
	for len(done) < len(b.w.order) {
		for _, name := range slices.Clone(b.w.order) {
			if done[name] {
				continue
			}
			done[name] = true
			s := b.doc.Components.Schemas[name]
			b.w.owner = pageLink{ID: schemaID(name), Label: name}
			sv := schemaView{ID: schemaID(name), Name: name, Description: s.Description}
			var err error
			if sv.Type, sv.Rules, sv.Fields, err = b.w.shape(s); err != nil {
				return nil, fmt.Errorf("schema %s: %w", name, err)
			}
			views = append(views, sv)
		}
	}
	for i := range views {
		views[i].UsedBy = slices.DeleteFunc(slices.Clone(b.w.linked[views[i].Name]), func(l pageLink) bool { return l.ID == views[i].ID })
	}
	slices.SortFunc(views, func(a, c schemaView) int { return strings.Compare(a.Name, c.Name) })
	return views, nil
}

// anchor makes name a safe id: letters, digits, "-" and "_" are kept,
// anything else becomes "-".
func anchor(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, name)
}

func statusText(status string) string {
	var code int
	if _, err := fmt.Sscanf(status, "%d", &code); err != nil {
		return ""
	}
	return http.StatusText(code)
}
