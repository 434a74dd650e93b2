package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrTooLarge is wrapped by the ParseError of an input over the limits.
var ErrTooLarge = errors.New("calendar is too large")

// ParseError says what is wrong with an iCalendar input and on which line
// (the physical line where the faulty content line starts; 0: the whole input).
type ParseError struct {
	Line int
	Msg  string
	Err  error // a wrapped cause such as ErrTooLarge; may be nil
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("ical: line %d: %s", e.Line, e.Msg)
	}
	return "ical: " + e.Msg
}

func (e *ParseError) Unwrap() error { return e.Err }

func errorf(line int, format string, args ...any) *ParseError {
	return &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Limits bound what the parser accepts; answers from calendar clients are
// small, so anything far larger is refused before it costs memory.
type Limits struct {
	Bytes      int64 // whole input
	Lines      int   // physical lines
	Depth      int   // nesting of components, VCALENDAR counting as 1
	Components int
}

// DefaultLimits are the limits Parse applies.
func DefaultLimits() Limits {
	return Limits{Bytes: 1 << 20, Lines: 20000, Depth: 6, Components: 2000}
}

// Property is one content line: a name, parameters and the raw value (TEXT
// still escaped; see Text).
type Property struct {
	Name   string              // upper case
	Params map[string][]string // names upper case, values decoded (RFC 6868)
	Value  string
	Line   int
}

// Param returns the first value of the named parameter, or "".
func (p *Property) Param(name string) string {
	if vs := p.Params[strings.ToUpper(name)]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Text returns the value as unescaped TEXT.
func (p *Property) Text() string { return unescapeText(p.Value) }

// Component is a BEGIN/END block with its properties and sub-components.
type Component struct {
	Name       string // upper case, e.g. VEVENT
	Line       int    // line of its BEGIN
	Props      []*Property
	Components []*Component
}

// Prop returns the first property with the name, or nil.
func (c *Component) Prop(name string) *Property {
	for _, p := range c.Props {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// All returns every property with the name.
func (c *Component) All(name string) []*Property {
	var ps []*Property
	for _, p := range c.Props {
		if p.Name == name {
			ps = append(ps, p)
		}
	}
	return ps
}

// Sub returns the sub-components with the name.
func (c *Component) Sub(name string) []*Component {
	var cs []*Component
	for _, s := range c.Components {
		if s.Name == name {
			cs = append(cs, s)
		}
	}
	return cs
}

// Calendar is a parsed VCALENDAR.
type Calendar struct {
	Component
}

// Method returns the calendar's iTIP method, or "" for none.
func (c *Calendar) Method() Method {
	if p := c.Prop("METHOD"); p != nil {
		return Method(strings.ToUpper(strings.TrimSpace(p.Value)))
	}
	return ""
}

// Parse reads one VCALENDAR within DefaultLimits.
func Parse(r io.Reader) (*Calendar, error) { return DefaultLimits().Parse(r) }

// Parse reads one VCALENDAR within the limits l; a zero field takes the
// default.
func (l Limits) Parse(r io.Reader) (*Calendar, error) {
	d := DefaultLimits()
	if l.Bytes <= 0 {
		l.Bytes = d.Bytes
	}
	if l.Lines <= 0 {
		l.Lines = d.Lines
	}
	if l.Depth <= 0 {
		l.Depth = d.Depth
	}
	if l.Components <= 0 {
		l.Components = d.Components
	}
	data, err := io.ReadAll(io.LimitReader(r, l.Bytes+1))
	if err != nil {
		return nil, &ParseError{Msg: "cannot read the calendar: " + err.Error(), Err: err}
	}
	if int64(len(data)) > l.Bytes {
		return nil, &ParseError{Msg: fmt.Sprintf("the calendar is larger than %d bytes", l.Bytes), Err: ErrTooLarge}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines, err := unfold(string(data), l.Lines)
	if err != nil {
		return nil, err
	}
	return build(lines, l)
}

// logical is one unfolded content line and where it starts.
type logical struct {
	text string
	line int
}

// unfold joins continuation lines (RFC 5545 3.1), accepting CRLF or bare LF
// line ends and skipping blank lines.
func unfold(s string, maxLines int) ([]logical, error) {
	var out []logical
	var cur strings.Builder // the logical line being joined
	start := 0
	flush := func() {
		if start > 0 {
			out = append(out, logical{strings.ToValidUTF8(cur.String(), "\uFFFD"), start})
		}
		cur.Reset()
	}
	n := 0
	for len(s) > 0 {
		n++
		if n > maxLines {
			return nil, &ParseError{Line: n, Msg: fmt.Sprintf("the calendar has more than %d lines", maxLines), Err: ErrTooLarge}
		}
		raw, rest, _ := strings.Cut(s, "\n")
		s = rest
		raw = strings.TrimSuffix(raw, "\r")
		switch {
		case raw == "":
		case raw[0] == ' ' || raw[0] == '\t':
			if start == 0 {
				return nil, errorf(n, "a continuation line (starting with a space) has no line before it")
			}
			cur.WriteString(raw[1:])
		default:
			flush()
			cur.WriteString(raw)
			start = n
		}
	}
	flush()
	return out, nil
}

// build turns content lines into the component tree.
func build(lines []logical, l Limits) (*Calendar, error) {
	if len(lines) == 0 {
		return nil, errorf(0, "the input is empty; expected BEGIN:VCALENDAR")
	}
	var root *Component
	var stack []*Component
	count := 0
	for _, ln := range lines {
		p, err := parseLine(ln.text, ln.line)
		if err != nil {
			return nil, err
		}
		if root != nil && len(stack) == 0 {
			return nil, errorf(ln.line, "%s after END:VCALENDAR; only one calendar is read", p.Name)
		}
		switch p.Name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if !isName(name) {
				return nil, errorf(ln.line, "BEGIN needs a component name, got %q", p.Value)
			}
			if root == nil && name != "VCALENDAR" {
				return nil, errorf(ln.line, "expected BEGIN:VCALENDAR, got BEGIN:%s", name)
			}
			if count++; count > l.Components {
				return nil, &ParseError{Line: ln.line, Msg: fmt.Sprintf("more than %d components", l.Components), Err: ErrTooLarge}
			}
			if len(stack) >= l.Depth {
				return nil, &ParseError{Line: ln.line, Msg: fmt.Sprintf("components nested deeper than %d", l.Depth), Err: ErrTooLarge}
			}
			c := &Component{Name: name, Line: ln.line}
			if root == nil {
				root = c
			} else {
				top := stack[len(stack)-1]
				top.Components = append(top.Components, c)
			}
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.Value))
			if len(stack) == 0 {
				return nil, errorf(ln.line, "END:%s with no BEGIN before it", name)
			}
			top := stack[len(stack)-1]
			if top.Name != name {
				return nil, errorf(ln.line, "END:%s does not close BEGIN:%s of line %d", name, top.Name, top.Line)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, errorf(ln.line, "expected BEGIN:VCALENDAR, got %s", p.Name)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return nil, errorf(top.Line, "BEGIN:%s is never closed by END:%s", top.Name, top.Name)
	}
	return &Calendar{Component: *root}, nil
}

// parseLine splits one content line: name *(";" param) ":" value.
func parseLine(s string, line int) (*Property, error) {
	i := nameEnd(s, 0)
	if i == 0 {
		return nil, errorf(line, "expected a property name at the start of %q", clip(s))
	}
	p := &Property{Name: strings.ToUpper(s[:i]), Line: line}
	for i < len(s) && s[i] == ';' {
		j := nameEnd(s, i+1)
		if j == i+1 || j == len(s) || s[j] != '=' {
			return nil, errorf(line, "property %s has a parameter without a name or '='", p.Name)
		}
		pname := strings.ToUpper(s[i+1 : j])
		i = j
		for {
			i++ // skip '=' or ','
			var v string
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return nil, errorf(line, "property %s: the value of parameter %s opens a quote it never closes", p.Name, pname)
				}
				v, i = s[i+1:i+1+end], i+end+2
			} else {
				end := i
				for end < len(s) && !strings.ContainsRune(";:,\"", rune(s[end])) {
					end++
				}
				if end < len(s) && s[end] == '"' {
					return nil, errorf(line, "property %s: the value of parameter %s has a quote inside it", p.Name, pname)
				}
				v, i = s[i:end], end
			}
			if p.Params == nil {
				p.Params = map[string][]string{}
			}
			p.Params[pname] = append(p.Params[pname], unescapeParam(v))
			if i >= len(s) || s[i] != ',' {
				break
			}
		}
	}
	if i >= len(s) || s[i] != ':' {
		return nil, errorf(line, "property %s has no ':' before its value", p.Name)
	}
	p.Value = s[i+1:]
	return p, nil
}

// nameEnd returns the end of the name (letters, digits, '-') starting at i.
func nameEnd(s string, i int) int {
	for i < len(s) && (s[i] == '-' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	return i
}

func isName(s string) bool { return s != "" && nameEnd(s, 0) == len(s) }

// clip shortens s for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
