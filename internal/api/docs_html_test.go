package api

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// A strict little HTML tree for the reference page's tests, over
// encoding/xml's tokenizer: unlike a browser it refuses an end tag that
// does not close the innermost open element and an element never closed
// (void elements aside), so a page it parses is well nested.

type htmlNode struct {
	tag      string
	attrs    map[string]string
	children []*htmlNode
	parent   *htmlNode
	text     strings.Builder
}

// voidElements have no end tag.
var voidElements = map[string]bool{"meta": true, "link": true, "br": true, "wbr": true, "img": true, "input": true, "hr": true, "col": true}

func parseStrictHTML(page string) (*htmlNode, error) {
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict, d.Entity = false, xml.HTMLEntity
	root := &htmlNode{tag: "#root", attrs: map[string]string{}}
	cur := root
	for {
		// RawToken, because Token would quietly mend a misplaced end tag.
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &htmlNode{tag: strings.ToLower(tok.Name.Local), attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attrs[strings.ToLower(a.Name.Local)] = a.Value
			}
			cur.children = append(cur.children, n)
			if !voidElements[n.tag] {
				cur = n
			}
		case xml.EndElement:
			name := strings.ToLower(tok.Name.Local)
			if voidElements[name] {
				continue // the decoder closes some of them itself
			}
			if name != cur.tag {
				line, _ := d.InputPos()
				return nil, fmt.Errorf("line %d: </%s> closes <%s>", line, name, cur.tag)
			}
			cur = cur.parent
		case xml.CharData:
			for p := cur; p != nil; p = p.parent {
				p.text.Write(tok)
			}
		}
	}
	if cur != root {
		return nil, fmt.Errorf("<%s> is never closed", cur.tag)
	}
	return root, nil
}

// Text returns the element's text with white space collapsed.
func (n *htmlNode) Text() string { return strings.Join(strings.Fields(n.text.String()), " ") }

// walk calls fn for n and every element below it, in document order.
func (n *htmlNode) walk(fn func(*htmlNode)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}

// all returns the elements below n for which match is true.
func (n *htmlNode) all(match func(*htmlNode) bool) []*htmlNode {
	var out []*htmlNode
	for _, c := range n.children {
		c.walk(func(e *htmlNode) {
			if match(e) {
				out = append(out, e)
			}
		})
	}
	return out
}

// tagged returns the elements called tag below n, with class cls if given.
func (n *htmlNode) tagged(tag string, cls ...string) []*htmlNode {
	return n.all(func(e *htmlNode) bool {
		if e.tag != tag {
			return false
		}
		for _, c := range cls {
			if !containsWord(e.attrs["class"], c) {
				return false
			}
		}
		return true
	})
}

func containsWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// within reports whether n has an ancestor called tag.
func (n *htmlNode) within(tag string) bool {
	for p := n.parent; p != nil; p = p.parent {
		if p.tag == tag {
			return true
		}
	}
	return false
}
