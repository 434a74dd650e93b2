package web

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"itinera"
)

// field is one labelled control of a form, with what the user typed (or the
// record holds) and the message that says what is wrong with it.
type field struct {
	Name, Label, Type, Hint string
	Required                bool
	Value                   string
	Selected                map[string]bool // for select and multiselect
	Options                 []option
	Error                   string
	Min, Max, Step          string
	Rows                    int
	Autocomplete            string
	Class                   string // added to the field's box, for the stylesheet
}

// ID is the element id of the control; the error summary links to it.
func (f field) ID() string { return "f-" + f.Name }

// Checked reports whether a checkbox is ticked.
func (f field) Checked() bool { return f.Value != "" }

// option is one choice of a select; Group names an <optgroup>.
type option struct{ Value, Label, Group string }

// optGroup is options of one group, in order.
type optGroup struct {
	Label   string
	Options []option
}

// Groups returns the options grouped by their Group, keeping the order.
func (f field) Groups() []optGroup {
	var gs []optGroup
	for _, o := range f.Options {
		if len(gs) == 0 || gs[len(gs)-1].Label != o.Group {
			gs = append(gs, optGroup{Label: o.Group})
		}
		gs[len(gs)-1].Options = append(gs[len(gs)-1].Options, o)
	}
	return gs
}

// fieldError is one line of a form's error summary.
type fieldError struct{ ID, Label, Message string }

// formView is everything the form page shows.
type formView struct {
	Action, Submit, Cancel string
	Intro                  string
	Message                string // what went wrong as a whole
	Summary                []fieldError
	Fields                 []field
	Delete                 string // action of the delete form; empty: none
	DeleteWhat             string // "visitor", "meeting" …
	Version                string // the record's version, carried by the form
	Conflict               []conflictRow
	// Pin, when set, draws a map below the fields on which a click puts
	// the pin that fills the form's lat and lon fields; below the field
	// PinAfter names, when set.
	Pin      *pinMap
	PinAfter string
	// Record is the id of the record edited, of kind DeleteWhat: its
	// history shows below the form, to administrators.
	Record  int64
	History *historyView
}

// formState is what a form shows: values and per-field messages.
type formState struct {
	values url.Values
	errs   map[string]string
	msg    string
	// conflict lists the fields someone else changed meanwhile (a stale save).
	conflict []conflictRow
	code     int // the page's status; 0: 200, or 422 with messages
}

// build fills the fields from the state and assembles the view.
func (st formState) build(v formView, fs []field) formView {
	known := map[string]bool{}
	for i := range fs {
		f := &fs[i]
		known[f.Name] = true
		f.Value = shown(st.values.Get(f.Name))
		f.Selected = map[string]bool{}
		for _, x := range st.values[f.Name] {
			f.Selected[shown(x)] = true
		}
		f.Error = st.errs[f.Name]
		if f.Error != "" {
			v.Summary = append(v.Summary, fieldError{ID: f.ID(), Label: f.Label, Message: f.Error})
		}
	}
	for name, msg := range st.errs {
		if !known[name] {
			v.Summary = append(v.Summary, fieldError{Message: msg})
		}
	}
	v.Message, v.Fields = st.msg, fs
	v.Version, v.Conflict = shown(st.values.Get("version")), st.conflict
	return v
}

// shown is what a page shows of a value typed into a form: bytes that are
// not UTF-8 and control characters other than tab and line breaks become
// U+FFFD, so that the page stays valid HTML and the user sees where the
// wrong character was.
func shown(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return unicode.ReplacementChar
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// shownValues is shown for every value of a form.
func shownValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, xs := range v {
		for _, x := range xs {
			out[shown(k)] = append(out[shown(k)], shown(x))
		}
	}
	return out
}

// renderForm shows a form page: 200 when fresh, 422 when it comes back with
// messages.
func (ui *UI) renderForm(w http.ResponseWriter, r *http.Request, s *session, info pageInfo, st formState, v formView, fs []field) {
	code := http.StatusOK
	if len(st.errs) > 0 || st.msg != "" {
		code = http.StatusUnprocessableEntity
	}
	if st.code != 0 {
		code = st.code
	}
	v = st.build(v, fs)
	v.Summary = sortSummary(v.Summary, fs)
	if v.Record != 0 {
		h, err := ui.history(r, s, itinera.AuditFilter{Kind: v.DeleteWhat, RecordID: v.Record})
		if err != nil {
			ui.fail(w, r, s, err)
			return
		}
		v.History = h
	}
	ui.render(w, r, s, code, "form", info, v)
}

// sortSummary orders the summary as the fields appear; messages about no
// field of the form come first.
func sortSummary(sum []fieldError, fs []field) []fieldError {
	pos := map[string]int{}
	for i, f := range fs {
		pos[f.ID()] = i + 1
	}
	sort.SliceStable(sum, func(i, j int) bool {
		if pi, pj := pos[sum[i].ID], pos[sum[j].ID]; pi != pj {
			return pi < pj
		}
		return sum[i].Message < sum[j].Message
	})
	return sum
}

// invalid turns a save error into a form state when it is a validation
// error; ok is false for any other error, which the caller must fail with.
func invalid(values url.Values, err error) (formState, bool) {
	if itinera.ErrorCode(err) != itinera.EINVALID {
		return formState{}, false
	}
	errs := map[string]string{}
	for k, v := range itinera.ErrorFields(err) {
		errs[k] = v
	}
	return formState{values: values, errs: errs, msg: itinera.ErrorMessage(err)}, true
}

// merge adds the parse messages to a validation error, so one submission
// names every wrong field at once.
func merge(parse itinera.FieldErrors, validate error, what string) error {
	if len(parse) == 0 {
		return validate
	}
	for k, v := range itinera.ErrorFields(validate) {
		parse.Add(k, v)
	}
	if validate != nil && itinera.ErrorCode(validate) != itinera.EINVALID {
		return validate
	}
	return parse.Err(what)
}

// write runs do, the workflow that stores a form, unless the form could not
// be read: then it reports the parse errors together with the record's
// own validation, so that the officer sees every mistake at once.
func write(parse itinera.FieldErrors, validate func() error, what string, do func() error) error {
	if len(parse) > 0 {
		return merge(parse, validate(), what)
	}
	return do()
}

// formReader reads typed values from a posted form, collecting messages.
type formReader struct {
	v    url.Values
	errs itinera.FieldErrors
}

func newFormReader(v url.Values) *formReader { return &formReader{v: v, errs: itinera.FieldErrors{}} }

func (fr *formReader) str(name string) string { return strings.TrimSpace(fr.v.Get(name)) }

// text keeps line breaks but trims the ends.
func (fr *formReader) text(name string) string {
	return strings.TrimSpace(strings.ReplaceAll(fr.v.Get(name), "\r\n", "\n"))
}

// renameFields names a form's fields in err where the record's names
// differ (an amount typed in dollars, kept in cents): the message shows
// beside the field the person typed in.
func renameFields(err error, names map[string]string) error {
	f := itinera.ErrorFields(err)
	if len(f) == 0 {
		return err
	}
	out := itinera.FieldErrors{}
	for k, m := range f {
		if n, ok := names[k]; ok {
			k = n
		}
		out[k] = m
	}
	e := &itinera.Error{}
	if errors.As(err, &e) {
		c := *e
		c.Fields = out
		return &c
	}
	return err
}

// amount reads an amount of money into cents, naming a wrong one.
func (fr *formReader) amount(name string) int64 {
	c, ok := itinera.ParseAmount(fr.v.Get(name))
	if !ok {
		fr.errs.Add(name, "Enter an amount such as 34.79, with a point before the cents.")
	}
	return c
}

func (fr *formReader) list(name string) []string { return itinera.SplitList(fr.v.Get(name)) }

func (fr *formReader) bool(name string) bool { return fr.v.Get(name) != "" }

func (fr *formReader) int(name, msg string) int {
	s := fr.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fr.errs.Add(name, msg)
	}
	return n
}

func (fr *formReader) float(name, msg string) float64 {
	s := fr.str(name)
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		fr.errs.Add(name, msg)
	}
	return f
}

// id reads a record choice; "" and "0" mean none. allowed, when not nil,
// holds the ids the user was offered, all of their own tenant.
func (fr *formReader) id(name string, allowed map[int64]bool) int64 {
	s := fr.str(name)
	if s == "" || s == "0" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 || (allowed != nil && !allowed[id]) {
		fr.errs.Add(name, "Choose one of the listed entries.")
		return 0
	}
	return id
}

func (fr *formReader) ids(name string, allowed map[int64]bool) []int64 {
	var out []int64
	for _, s := range fr.v[name] {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 || (allowed != nil && !allowed[id]) {
			fr.errs.Add(name, "Choose only listed entries.")
			continue
		}
		out = append(out, id)
	}
	return out
}

func (fr *formReader) date(name string) itinera.Date {
	f := itinera.FieldErrors{}
	d := itinera.DateField(f, name, fr.str(name))
	if msg, wrong := f[name]; wrong {
		fr.errs.Add(name, msg)
		return itinera.Date{}
	}
	return d
}

func (fr *formReader) clock(name string) itinera.Clock {
	c, err := itinera.ParseClock(fr.str(name))
	if err != nil {
		fr.errs.Add(name, "Enter a time of day in the form HH:MM (24-hour).")
	}
	return c
}

// pathID reads the {id} of a route; anything but a positive number names
// no record.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound
	}
	return id, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// idSet returns the ids of records, for checking a submitted choice.
func idSet[T any](xs []T, id func(T) int64) map[int64]bool {
	m := make(map[int64]bool, len(xs))
	for _, x := range xs {
		m[id(x)] = true
	}
	return m
}

// settle ends a save: it re-shows the form on a validation error, fails the
// request on any other error and reports whether the save succeeded.
func (ui *UI) settle(w http.ResponseWriter, r *http.Request, s *session, err error, reshow func(formState)) bool {
	if err == nil {
		return true
	}
	if st, ok := invalid(r.PostForm, err); ok {
		reshow(st)
		return false
	}
	ui.fail(w, r, s, err)
	return false
}

// DescribedBy lists the ids of the hint and error that describe the control.
func (f field) DescribedBy() string {
	var ids []string
	if f.Hint != "" && f.Type != "checkbox" {
		ids = append(ids, f.ID()+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID()+"-error")
	}
	return strings.Join(ids, " ")
}

// Two people editing the same record: every edit form carries the
// record's version, and a save made against an older version is refused
// (the record changed meanwhile). The form then comes back with what this
// person typed, beside what the record holds now, field by field; it
// carries the new version, so saving again keeps what they typed, and
// nothing of either is lost.

// conflictRow is one field that differs between the stored record and
// what the person typed.
type conflictRow struct {
	Label, Saved, Typed string
}

// setVersion puts a record's version into its form's values.
func setVersion(v url.Values, version int) { v.Set("version", strconv.Itoa(version)) }

// formVersion is the version a posted form was made from; 0 (change
// whatever is stored) when it carries none.
func formVersion(v url.Values) int {
	n, err := strconv.Atoi(v.Get("version"))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// settleForm is settle for an edit form: a stale save shows the conflict.
// current returns the stored record's form values.
func (ui *UI) settleForm(w http.ResponseWriter, r *http.Request, s *session, err error, fs []field,
	current func() (url.Values, error), reshow func(formState)) bool {
	if itinera.ErrorCode(err) != itinera.ESTALE {
		return ui.settle(w, r, s, err, reshow)
	}
	saved, lerr := current()
	if lerr != nil {
		ui.fail(w, r, s, lerr)
		return false
	}
	reshow(staleState(err, fs, saved, r.PostForm))
	return false
}

// staleState is the form of a stale save: what was typed, on the saved
// version, with the fields that differ.
func staleState(err error, fs []field, saved, posted url.Values) formState {
	typed := url.Values{}
	for k, v := range posted {
		typed[k] = v
	}
	typed.Set("version", saved.Get("version"))
	return formState{values: typed, msg: itinera.ErrorMessage(err), conflict: conflicts(fs, saved, posted), code: http.StatusConflict}
}

// conflicts lists the fields whose stored value differs from the typed one.
func conflicts(fs []field, saved, typed url.Values) []conflictRow {
	var rows []conflictRow
	for _, f := range fs {
		a, b := describeValue(f, saved[f.Name]), describeValue(f, typed[f.Name])
		if a != b {
			rows = append(rows, conflictRow{Label: f.Label, Saved: a, Typed: b})
		}
	}
	return rows
}

// describeValue shows a field's value in words: the labels of chosen
// options, "yes"/"no" for a checkbox, the text trimmed.
func describeValue(f field, vs []string) string {
	switch f.Type {
	case "checkbox":
		if len(vs) > 0 && vs[0] != "" {
			return "yes"
		}
		return "no"
	case "select", "multiselect":
		labels := map[string]string{}
		for _, o := range f.Options {
			labels[o.Value] = o.Label
		}
		var out []string
		for _, v := range vs {
			if v == "" {
				continue
			}
			if l, ok := labels[v]; ok {
				v = l
			}
			out = append(out, shown(v))
		}
		sort.Strings(out)
		if len(out) == 0 {
			return "(none)"
		}
		return strings.Join(out, ", ")
	}
	v := ""
	if len(vs) > 0 {
		v = strings.TrimSpace(strings.ReplaceAll(vs[0], "\r\n", "\n"))
	}
	if v == "" {
		return "(empty)"
	}
	return shown(v)
}
