package web

import (
	"encoding/xml"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// A tiny DOM over encoding/xml in its lenient HTML mode, and a selector
// subset (tag, #id, .class, [attr], [attr=value], descendant), so tests
// assert pages by structure rather than by strings.

type node struct {
	tag      string
	attrs    map[string]string
	children []*node
	text     strings.Builder
	parent   *node
}

func parseHTML(t *testing.T, body string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	root := &node{tag: "#root", attrs: map[string]string{}}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse HTML: %v\n%s", err, body)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{tag: strings.ToLower(tok.Name.Local), attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				name := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "xmlns" {
					name = a.Name.Space + ":" + name
				}
				n.attrs[strings.ToLower(name)] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			for p := cur; p != nil; p = p.parent {
				if p.tag == strings.ToLower(tok.Name.Local) {
					cur = p.parent
					break
				}
			}
		case xml.CharData:
			for p := cur; p != nil; p = p.parent {
				p.text.Write(tok)
			}
		}
	}
	return root
}

// Text returns the element's text with white space collapsed.
func (n *node) Text() string { return strings.Join(strings.Fields(n.text.String()), " ") }

func (n *node) attr(name string) string { return n.attrs[name] }

func (n *node) hasAttr(name string) bool { _, ok := n.attrs[name]; return ok }

// formValues collects what a browser would submit from the form.
func (n *node) formValues() url.Values {
	v := url.Values{}
	for _, f := range n.all("input, textarea, select") {
		name := f.attr("name")
		switch {
		case name == "":
		case f.tag == "textarea":
			v.Add(name, f.text.String())
		case f.tag == "select":
			for _, o := range f.all("option[selected]") {
				v.Add(name, o.attr("value"))
			}
		case f.attr("type") == "checkbox":
			if f.hasAttr("checked") {
				v.Add(name, f.attr("value"))
			}
		default:
			v.Add(name, f.attr("value"))
		}
	}
	return v
}

var compoundRE = regexp.MustCompile(`^([a-z0-9]*)((?:[#.][\w-]+|\[[\w-]+(?:=[^\]]*)?\])*)$`)
var partRE = regexp.MustCompile(`[#.][\w-]+|\[[\w-]+(?:=[^\]]*)?\]`)

func (n *node) matches(compound string) bool {
	m := compoundRE.FindStringSubmatch(compound)
	if m == nil {
		panic("bad selector " + compound)
	}
	if m[1] != "" && m[1] != n.tag {
		return false
	}
	for _, p := range partRE.FindAllString(m[2], -1) {
		switch p[0] {
		case '#':
			if n.attrs["id"] != p[1:] {
				return false
			}
		case '.':
			if !containsWord(n.attrs["class"], p[1:]) {
				return false
			}
		case '[':
			name, val, hasVal := strings.Cut(p[1:len(p)-1], "=")
			got, ok := n.attrs[name]
			if !ok || (hasVal && got != strings.Trim(val, `"'`)) {
				return false
			}
		}
	}
	return true
}

func containsWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// all returns the descendants matching a selector (a comma-separated group
// of them), in document order.
func (n *node) all(sel string) []*node {
	if strings.Contains(sel, ",") {
		in := map[*node]bool{}
		for _, one := range strings.Split(sel, ",") {
			for _, m := range n.all(one) {
				in[m] = true
			}
		}
		var out []*node
		n.walk(func(d *node) {
			if in[d] {
				out = append(out, d)
			}
		})
		return out
	}
	parts := splitSelector(sel)
	set := []*node{n}
	for _, p := range parts {
		var next []*node
		seen := map[*node]bool{}
		for _, s := range set {
			s.walk(func(d *node) {
				if d != s && !seen[d] && d.matches(p) {
					seen[d] = true
					next = append(next, d)
				}
			})
		}
		set = next
	}
	return set
}

// splitSelector splits at spaces outside [attribute] brackets.
func splitSelector(sel string) []string {
	var parts []string
	var cur strings.Builder
	depth := 0
	for _, r := range strings.TrimSpace(sel) {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == ' ' && depth == 0:
			if cur.Len() > 0 {
				parts = append(parts, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		parts = append(parts, cur.String())
	}
	return parts
}

// one returns the first match, failing the test when there is none.
func (n *node) one(t *testing.T, sel string) *node {
	t.Helper()
	all := n.all(sel)
	if len(all) == 0 {
		t.Fatalf("no element matches %q", sel)
	}
	return all[0]
}

func (n *node) has(sel string) bool { return len(n.all(sel)) > 0 }

func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}
