package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// textProp is a text property of a request body, as openapi.json documents it.
type textProp struct {
	name      string
	list      bool // an array of strings
	max       int  // maxLength; 0: none documented
	multiLine bool // documented as spanning lines
	free      bool // text, not a date, time, address or choice
	plain     bool // free text of any characters (not a time zone)
}

// requestTextProps returns the text properties of the request body of the
// operation method path, read from openapi.json.
func requestTextProps(t *testing.T, method, path string) []textProp {
	t.Helper()
	doc := loadSpec(t)
	op, _ := dig(doc, "paths", path, strings.ToLower(method)).(map[string]any)
	rb, _ := op["requestBody"].(map[string]any)
	if rb == nil {
		return nil
	}
	rb = resolveRef(doc, rb)
	schema, _ := dig(rb, "content", "application/json", "schema").(map[string]any)
	schema = resolveRef(doc, schema)
	props, _ := schema["properties"].(map[string]any)
	var out []textProp
	for name, p := range props {
		prop := resolveRef(doc, p.(map[string]any))
		tp := textProp{name: name}
		if prop["type"] == "array" {
			items, _ := prop["items"].(map[string]any)
			items = resolveRef(doc, items)
			if items["type"] != "string" {
				continue
			}
			tp.list, prop = true, items
		}
		if prop["type"] != "string" {
			continue
		}
		if m, ok := prop["maxLength"].(float64); ok {
			tp.max = int(m)
		}
		desc, _ := p.(map[string]any)["description"].(string)
		tp.multiLine = strings.Contains(desc, "May span lines")
		tp.free = prop["format"] == nil && prop["enum"] == nil && prop["pattern"] == nil
		tp.plain = tp.free && name != "time_zone"
		out = append(out, tp)
	}
	slices.SortFunc(out, func(a, b textProp) int { return strings.Compare(a.name, b.name) })
	return out
}

// rawBody is body as JSON with the property name set to the JSON text
// raw, written as is: raw may hold what json.Marshal would repair, such
// as invalid UTF-8.
func rawBody(t *testing.T, body map[string]any, p textProp, raw string) string {
	t.Helper()
	const mark = "\u2603MARK\u2603"
	b := map[string]any{}
	for k, v := range body {
		b[k] = v
	}
	if p.list {
		b[p.name] = []string{"first", mark}
	} else {
		b[p.name] = mark
	}
	buf, err := json.Marshal(b)
	must(t, err)
	return string(bytes.Replace(buf, []byte(`"`+mark+`"`), []byte(raw), 1))
}

// Every text field of every write endpoint refuses NUL and other control
// characters, invalid UTF-8 and lone surrogates, line breaks in one-line
// fields and text longer than its documented maxLength: 422, naming the
// field, on both databases. Multi-line fields keep their lines, as LF.
func TestTextRefusedOnEveryWriteEndpoint(t *testing.T) {
	t.Parallel()
	// Workflows change other records (a cancelled meeting cannot be asked
	// for): they come last, and only their refusals are checked here —
	// they check their text before anything else.
	workflow := func(rt route) bool {
		if strings.HasPrefix(rt.path, "/api/v1/evenings/{id}/") || strings.HasPrefix(rt.path, "/api/v1/households/{id}/") ||
			strings.HasPrefix(rt.path, "/api/v1/users") || // a user's e-mail is unique: repeating a creation conflicts
			strings.HasPrefix(rt.path, "/api/v1/projects") || strings.HasPrefix(rt.path, "/api/v1/stops/") || // only an agency creates projects and moves arrivals
			strings.HasPrefix(rt.path, "/api/v1/trusted-keys") { // a key trusted twice conflicts
			return true
		}
		return strings.HasSuffix(rt.path, "/password") || strings.HasSuffix(rt.path, "/cancel") || strings.HasSuffix(rt.path, "/decline") || strings.HasSuffix(rt.path, "/unconfirm") || strings.HasSuffix(rt.path, "-counter") ||
			strings.HasSuffix(rt.path, "/confirm") || strings.HasSuffix(rt.path, "/plan") || strings.HasSuffix(rt.path, "/distribution") ||
			strings.HasSuffix(rt.path, "/subgroups/apply") ||
			strings.HasSuffix(rt.path, "/release") || strings.HasSuffix(rt.path, "/itinerary/moves")
	}
	forBothStores(t, func(t *testing.T, e *env) {
		routes := e.api.routes()
		slices.SortStableFunc(routes, func(a, b route) int {
			switch {
			case workflow(a) == workflow(b):
				return 0
			case workflow(a):
				return 1
			}
			return -1
		})
		for _, rt := range routes {
			if rt.method != "POST" && rt.method != "PUT" {
				continue
			}
			props := requestTextProps(t, rt.method, rt.path)
			if len(props) == 0 {
				continue
			}
			path, body := e.target(rt)
			valid, ok := body.(map[string]any)
			if !ok {
				continue // a file sent as is (a signed package): no text fields of its own
			}
			token := e.officerA
			if rt.access == admin {
				token = e.more().adminA
			}
			t.Run(rt.method+" "+rt.path, func(t *testing.T) {
				positive := !workflow(rt)
				if positive {
					e.do(rt.method, path, token, valid).expectOK()
				}
				for _, p := range props {
					long := p.max + 1
					if p.max == 0 {
						if p.free {
							t.Errorf("%s has no maxLength in openapi.json", p.name)
						}
						long = 300
					}
					bad := map[string]string{
						"NUL":            `Gate\u0000way`,
						"bell":           `Gate\u0007way`,
						"escape":         `Gate\u001b[2Jway`,
						"C1 control":     `Gate\u0085way`,
						"invalid UTF-8":  "\"Gate\xff\xfeway\"",
						"lone surrogate": `"Gate\ud800way"`,
						"too long":       `"` + strings.Repeat("a", long) + `"`,
					}
					for k, v := range bad {
						if !strings.HasPrefix(v, `"`) {
							bad[k] = `"` + v + `"`
						}
					}
					if p.list {
						delete(bad, "C1 control") // lists make it a space, like any white space
					}
					if !p.multiLine && !p.list {
						bad["CRLF"] = `"Gateway\r\nBcc: x@example.org"`
						bad["LF"] = `"Gate\nway"`
						bad["tab"] = `"Gate\tway"`
					}
					for what, raw := range bad {
						r := e.do(rt.method, path, token, rawBody(t, valid, p, raw))
						if r.Code != http.StatusUnprocessableEntity {
							t.Errorf("%s with %s: status %d, want 422; %s", p.name, what, r.Code, r.Body.String())
							continue
						}
						if _, _, fields := r.apiError(); fields[p.name] == nil {
							t.Errorf("%s with %s: fields %v do not name it", p.name, what, fields)
						}
					}
					if p.multiLine && positive {
						r := e.do(rt.method, path, token, rawBody(t, valid, p, `"First line\r\nsecond\tline\rthird"`)).expectOK()
						if got := r.object()[p.name]; got != "First line\nsecond\tline\nthird" {
							t.Errorf("%s: multi-line text stored as %q", p.name, got)
						}
					}
					if p.plain && positive {
						long := `"` + strings.Repeat("é", p.max) + `"`
						if r := e.do(rt.method, path, token, rawBody(t, valid, p, long)); r.Code >= 300 {
							t.Errorf("%s: %d characters (its maxLength) refused: %s", p.name, p.max, r.Body.String())
						}
					}
				}
			})
		}
	})
}

// List filters refuse what no name can hold, naming the parameter.
func TestListFiltersRefuseBadText(t *testing.T) {
	t.Parallel()
	forBothStores(t, func(t *testing.T, e *env) {
		bad := []string{"%00", "gate%00way", "%07", "%FF%FE", "a%0D%0Ab", strings.Repeat("a", 201)}
		for _, list := range []string{"organizations", "contacts", "places"} {
			for _, param := range []string{"q", "topic"} {
				for _, v := range bad {
					r := e.do("GET", "/api/v1/"+list+"?"+param+"="+v, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
					if _, _, fields := r.apiError(); fields[param] == nil {
						t.Errorf("%s?%s=%s: fields %v", list, param, v, fields)
					}
				}
			}
			e.do("GET", "/api/v1/"+list+"?q="+url.QueryEscape("Gateway Arch")+"&topic=hotlines", e.viewerA, nil).expect(http.StatusOK)
		}
		for _, v := range bad {
			r := e.do("GET", "/api/v1/outbox?status="+v, e.viewerA, nil).expect(http.StatusUnprocessableEntity)
			if _, _, fields := r.apiError(); fields["status"] == nil {
				t.Errorf("outbox?status=%s: fields %v", v, fields)
			}
		}
	})
}

// expectOK fails the test unless the status is 2xx.
func (r response) expectOK() response {
	r.t.Helper()
	if r.Code < 200 || r.Code > 299 {
		r.t.Fatalf("status %d, want 2xx; body: %s", r.Code, r.Body.String())
	}
	return r
}
