package programfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"itinera"
)

// Errors Decode's error also matches (errors.Is), for callers that answer
// them differently: a body that is not JSON at all, or too large.
var (
	ErrNotJSON  = errors.New("programfile: not JSON")
	ErrTooLarge = errors.New("programfile: too large")
)

// decodeError is a user's error that also matches a sentinel.
type decodeError struct {
	user *itinera.Error
	kind error
}

func (e *decodeError) Error() string   { return e.user.Error() }
func (e *decodeError) Unwrap() []error { return []error{e.user, e.kind} }

func notJSON(format string, args ...any) error {
	return &decodeError{user: itinera.Errorf(itinera.EINVALID, format, args...), kind: ErrNotJSON}
}

func wrong(format string, args ...any) error {
	return itinera.Errorf(itinera.EINVALID, format, args...)
}

// wrongField is wrong about one of the file's top-level fields, which it
// names with what the field must hold.
func wrongField(field, must, format string, args ...any) error {
	e := itinera.Errorf(itinera.EINVALID, format, args...)
	e.Fields = map[string]string{field: must}
	return e
}

// Encode writes f as indented JSON.
func Encode(w io.Writer, f File) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// Decode reads a program file of at most MaxSize bytes and checks it: the
// format's name and version, every field known and of its type, every
// record valid, every reference to a record of the file. What is wrong is
// an EINVALID error whose message names it (the record and field, in the
// words of docs/program-file.md); a file of a newer version is refused
// with a message saying so.
func Decode(r io.Reader) (File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return File{}, err
	}
	if len(b) > MaxSize {
		return File{}, &decodeError{user: itinera.Errorf(itinera.EINVALID, "The file is too large for a program file: the limit is %d MiB.", MaxSize>>20), kind: ErrTooLarge}
	}
	return DecodeBytes(b)
}

// DecodeBytes is Decode of a file already read.
func DecodeBytes(b []byte) (File, error) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) // a byte order mark some editors add
	if len(bytes.TrimSpace(b)) == 0 {
		return File{}, notJSON("The file is empty: choose a program file exported from Itinera.")
	}
	if err := checkHeader(b); err != nil {
		return File{}, err
	}
	// encoding/json would silently turn bytes that are not UTF-8 into
	// U+FFFD, changing the text; such a file is refused instead.
	if !utf8.Valid(b) {
		at := 0
		for at < len(b) {
			r, n := utf8.DecodeRune(b[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		return File{}, wrong("The program file is not UTF-8 text: the byte at %d cannot be read. Program files are UTF-8, as Itinera writes them.", at)
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return File{}, readError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return File{}, notJSON("The program file goes on after its end: it must hold one JSON object and nothing after it.")
	}
	if err := f.Check(); err != nil {
		return File{}, err
	}
	return f, nil
}

// checkHeader reads the format's name and version first, so that a file
// of another kind, or of a newer version, is named as such rather than by
// its first unknown field.
func checkHeader(b []byte) error {
	var h struct {
		Format     *string         `json:"format"`
		Version    *int            `json:"version"`
		ExportedAt json.RawMessage `json:"exported_at"`
	}
	mustFormat := fmt.Sprintf("Must be %q.", Format)
	mustVersion := fmt.Sprintf("Must be a whole number from 1 to %d.", Version)
	// Only the first JSON value: what follows it is reported later.
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&h); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return notJSON("This is not a program file: it is not valid JSON (the error is at byte %d).", syn.Offset)
		case errors.As(err, &typ) && typ.Field == "":
			return notJSON("This is not a program file: it holds a JSON %s, not an object.", typ.Value)
		case errors.As(err, &typ) && typ.Field == "format":
			return wrongField("format", mustFormat, "This is not an Itinera program file: its \"format\" is not text.")
		case errors.As(err, &typ) && typ.Field == "version":
			return wrongField("version", mustVersion, "The program file's \"version\" must be a whole number such as %d.", Version)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return notJSON("This is not a program file: it is not valid JSON (it ends too early).")
		}
		return notJSON("This is not a program file: it could not be read as JSON.")
	}
	switch {
	case h.Format == nil:
		return wrongField("format", mustFormat, "This is not an Itinera program file: it has no \"format\" field (a program file starts with {\"format\": %q, \"version\": %d, …}).", Format, Version)
	case *h.Format != Format:
		return wrongField("format", mustFormat, "This is not an Itinera program file: its format is %q, not %q.", *h.Format, Format)
	case h.Version == nil:
		return wrongField("version", mustVersion, "The program file has no \"version\" field.")
	case *h.Version > Version:
		return wrongField("version", mustVersion, "This program file is of version %d of the format, newer than this Itinera reads (version %d): upgrade Itinera to import it.", *h.Version, Version)
	case *h.Version < 1:
		return wrongField("version", mustVersion, "The program file's version %d is not a version of the format (versions start at 1).", *h.Version)
	}
	if len(h.ExportedAt) > 0 && string(h.ExportedAt) != "null" {
		var at string
		if err := json.Unmarshal(h.ExportedAt, &at); err != nil || !validTime(at) {
			return wrongField("exported_at", "Must be a time such as 2026-05-04T13:00:00Z (RFC 3339).",
				"The program file's \"exported_at\" is not a time in the form 2026-05-04T13:00:00Z (RFC 3339).")
		}
	}
	return nil
}

func validTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// readError says what encoding/json found wrong, in words about the file.
func readError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &syn):
		return notJSON("This is not a program file: it is not valid JSON (the error is at byte %d).", syn.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return notJSON("The program file ends too early: it is cut off.")
	case errors.As(err, &typ):
		got, want := Mismatch(typ)
		return wrong("The program file's field %q holds %s where %s is expected.", typ.Field, got, want)
	case errors.As(err, &pe):
		return wrong("A time in the program file is not in the form 2026-05-04T13:00:00Z (RFC 3339): %s.", pe.Value)
	}
	// encoding/json has no typed error for an unknown field; its message is
	// about the file, not about Itinera.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return wrong("The program file has a field that version %d of the format does not know: %s.", Version, name)
	}
	if strings.Contains(err.Error(), "Time.UnmarshalJSON") {
		return wrong("A time in the program file is not text in the form 2026-05-04T13:00:00Z (RFC 3339).")
	}
	return wrong("The program file could not be read: a field holds a value of the wrong kind.")
}

// Mismatch says, in words for an officer, what a JSON value holds and
// what was expected instead, for encoding/json's type error (shared with
// internal/projectfile, whose packages carry a program file).
func Mismatch(typ *json.UnmarshalTypeError) (got, want string) {
	return jsonValue(typ.Value), jsonType(typ.Type.Kind().String())
}

func jsonValue(v string) string {
	switch v {
	case "string":
		return "text"
	case "number", "bool", "array", "object":
		return "a JSON " + v
	}
	if strings.HasPrefix(v, "number") {
		return "a number that is not a whole number of the right size"
	}
	return "a value of another kind"
}

func jsonType(kind string) string {
	switch {
	case kind == "string":
		return "text"
	case kind == "bool":
		return "true or false"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice", kind == "array":
		return "a list"
	}
	return "an object"
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Check checks a file already read: the format's name and version, every
// record valid by the rules of its kind, every id positive and unique in
// its list, every reference to a record of the file.
func (f *File) Check() error {
	c := &checker{}
	if f.Format != Format {
		c.Add("the file", "its format is %q, not %q", f.Format, Format)
	}
	if f.Version < 1 || f.Version > Version {
		c.Add("the file", "version %d is not one this Itinera reads (1 to %d)", f.Version, Version)
	}
	recs := f.records(c)
	checkRecords(c, f, recs)
	return c.err()
}

// named is a record's name in a message: its kind, file id and name.
func named(kind string, id int64, name string) string {
	if name == "" {
		return fmt.Sprintf("%s %d", kind, id)
	}
	return fmt.Sprintf("%s %d (“%s”)", kind, id, name)
}

// ids checks that the ids of a list are positive and unique and returns
// them as a set.
func ids[T any](c *checker, kind string, xs []T, id func(T) int64) map[int64]bool {
	set := map[int64]bool{}
	for i, x := range xs {
		n := id(x)
		switch {
		case n <= 0:
			c.Add(fmt.Sprintf("%s number %d in the list", kind, i+1), "its id must be a whole number from 1")
		case set[n]:
			c.Add(fmt.Sprintf("%s %d", kind, n), "the id is used twice in the list of %ss", kind)
		}
		set[n] = true
	}
	return set
}

// refTo checks one reference: 0 is none (refused when required).
func refTo(c *checker, where, field string, set map[int64]bool, id int64, kind string, required bool) {
	switch {
	case id == 0 && required:
		c.Add(where, "%s is missing", field)
	case id != 0 && !set[id]:
		c.Add(where, "%s %d is not %s of the file", field, id, article(kind))
	}
}

func article(kind string) string {
	if strings.ContainsAny(kind[:1], "aeiou") {
		return "an " + kind
	}
	return "a " + kind
}

func checkTime(c *checker, where, field string, t time.Time, required bool) {
	f := itinera.FieldErrors{}
	itinera.CheckTime(f, field, t)
	switch {
	case t.IsZero() && required:
		c.Add(where, "%s is missing", field)
	case f[field] != "":
		c.Add(where, "%s: %s", field, strings.TrimSuffix(f[field], "."))
	}
}

// placeholder stands for the program in records that must belong to one
// to pass their validation; the importer sets the real one.
const placeholder = 1

func checkRecords(c *checker, f *File, recs Records) {
	places := ids(c, "place", f.Places, func(x Place) int64 { return x.ID })
	orgs := ids(c, "organization", f.Organizations, func(x Organization) int64 { return x.ID })
	contacts := ids(c, "contact", f.Contacts, func(x Contact) int64 { return x.ID })
	visitors := ids(c, "visitor", f.Visitors, func(x Visitor) int64 { return x.ID })
	interps := ids(c, "interpreter", f.Interpreters, func(x Interpreter) int64 { return x.ID })
	meetings := ids(c, "meeting", f.Meetings, func(x Meeting) int64 { return x.ID })
	acts := ids(c, "activity", f.Activities, func(x Activity) int64 { return x.ID })
	ids(c, "request", f.Requests, func(x Request) int64 { return x.ID })
	homes := ids(c, "household", f.Households, func(x Household) int64 { return x.ID })
	evenings := ids(c, "evening", f.Evenings, func(x Evening) int64 { return x.ID })

	p := recs.Program
	c.AddErr("the program", p.Validate())
	refTo(c, "the program", "hotel_place_id", places, p.HotelPlaceID, "place", false)
	dates := map[itinera.Date]bool{}
	for _, d := range p.Dates() {
		dates[d] = true
	}
	seen := map[itinera.Date]bool{}
	for _, d := range recs.Days {
		where := "day " + d.Date.String()
		if d.Date.IsZero() {
			continue // reported as unreadable
		}
		if seen[d.Date] {
			c.Add(where, "the day is listed twice")
		}
		seen[d.Date] = true
		if len(dates) > 0 && !dates[d.Date] {
			c.Add(where, "it is not a day of the program (%s to %s)", p.StartDate, p.EndDate)
		}
		d.ProgramID = placeholder
		c.AddErr(where, d.Validate())
	}
	orgOf := map[int64]int64{}
	for _, x := range recs.Places {
		c.AddErr(named("place", x.ID, x.Name), x.Validate())
	}
	for _, x := range recs.Organizations {
		where := named("organization", x.ID, x.Name)
		refTo(c, where, "place_id", places, x.PlaceID, "place", false)
		c.AddErr(where, x.Validate())
	}
	for _, x := range recs.Contacts {
		where := named("contact", x.ID, x.Name)
		refTo(c, where, "organization_id", orgs, x.OrganizationID, "organization", true)
		orgOf[x.ID] = x.OrganizationID
		c.AddErr(where, x.Validate())
	}
	for _, x := range recs.Visitors {
		x.ProgramID = placeholder
		c.AddErr(named("visitor", x.ID, x.Name()), x.Validate())
	}
	for _, x := range recs.Interpreters {
		x.ProgramID = placeholder
		c.AddErr(named("interpreter", x.ID, x.Name), x.Validate())
	}
	for _, x := range recs.Meetings {
		where := named("meeting", x.ID, x.Title)
		refTo(c, where, "host_organization_id", orgs, x.HostOrganizationID, "organization", true)
		refTo(c, where, "contact_id", contacts, x.ContactID, "contact", false)
		if x.ContactID != 0 && contacts[x.ContactID] && orgOf[x.ContactID] != x.HostOrganizationID {
			c.Add(where, "contact %d does not work at the host organization", x.ContactID)
		}
		for _, o := range x.PartnerOrganizationIDs {
			refTo(c, where, "partner_organization_ids", orgs, o, "organization", true)
		}
		refTo(c, where, "place_id", places, x.PlaceID, "place", false)
		for _, v := range x.VisitorIDs {
			refTo(c, where, "visitor_ids", visitors, v, "visitor", true)
		}
		x.ProgramID = placeholder
		c.AddErr(where, x.Validate())
	}
	for _, x := range recs.Activities {
		where := named("activity", x.ID, x.Title)
		refTo(c, where, "place_id", places, x.PlaceID, "place", false)
		x.ProgramID = placeholder
		c.AddErr(where, x.Validate())
	}
	last := 0
	for _, it := range recs.Itineraries {
		where := fmt.Sprintf("itinerary version %d", it.Version)
		if it.Version <= last {
			c.Add(where, "versions must be listed oldest first, numbered from 1 without repeats")
		}
		last = it.Version
		checkTime(c, where, "created_at", it.CreatedAt, true)
		for i, x := range it.Items {
			item := fmt.Sprintf("%s, item %d", where, i+1)
			refTo(c, item, "meeting_id", meetings, x.MeetingID, "meeting", false)
			refTo(c, item, "activity_id", acts, x.ActivityID, "activity", false)
			if x.Sequence < 0 {
				c.Add(item, "sequence must be 0 or more")
			}
			if x.TravelMinutes < 0 || x.TravelMinutes > 24*60 {
				c.Add(item, "travel_minutes must be from 0 to 1440")
			}
			for _, v := range x.VisitorIDs {
				refTo(c, item, "visitor_ids", visitors, v, "visitor", true)
			}
			for _, v := range x.InterpreterIDs {
				refTo(c, item, "interpreter_ids", interps, v, "interpreter", true)
			}
		}
		c.AddErr(where, it.Validate())
	}
	for _, r := range recs.Requests {
		where := fmt.Sprintf("request %d", r.ID)
		refTo(c, where, "meeting_id", meetings, r.MeetingID, "meeting", true)
		refTo(c, where, "contact_id", contacts, r.ContactID, "contact", true)
		checkTime(c, where, "created_at", r.CreatedAt, true)
		checkTime(c, where, "sent_at", r.SentAt, false)
		checkTime(c, where, "viewed_at", r.ViewedAt, false)
		if r.Status != itinera.RequestDraft && r.Status != itinera.RequestWithdrawn && r.SentAt.IsZero() {
			c.Add(where, "a request that is %s has a sent_at time", r.Status)
		}
		if r.IsConfirmed() && !r.Confirmed.End.After(r.Confirmed.Start) {
			c.Add(where, "confirmed: the time must end after it starts")
		}
		c.AddErr(where, r.Validate())
		if a := r.Answer; a != nil {
			checkTime(c, where, "answer.at", a.At, true)
			if !oneOf(a.Kind, itinera.AnswerKinds) {
				c.Add(where, "answer.kind %q is not one of accept, available, decline or counter", a.Kind)
			} else {
				c.AddErr(where+", answer", a.Validate(r.Windows))
			}
		}
		for i, e := range r.Events {
			ev := fmt.Sprintf("%s, event %d", where, i+1)
			checkTime(c, ev, "at", e.At, true)
			lf := itinera.FieldErrors{}
			itinera.CheckLine(lf, "kind", &e.Kind, 200)
			if e.Kind == "" {
				lf.Add("kind", "It is missing.")
			}
			c.AddErr(ev, lf.Err(""))
			if msg := checkDetail(e.Detail); msg != "" {
				c.Add(ev, "detail: %s", msg)
			}
		}
	}
	for _, h := range recs.Households {
		c.AddErr(named("household", h.ID, h.Name), h.Validate())
	}
	for _, e := range recs.Evenings {
		checkEvening(c, e, visitors, interps, homes, acts)
	}
	for _, h := range recs.Hours {
		where := fmt.Sprintf("evening %d, volunteer hours", h.EveningID)
		refTo(c, where, "household_id", homes, h.HouseholdID, "household", true)
		if h.Minutes < 0 {
			c.Add(where, "minutes must be 0 or more")
		}
		checkTime(c, where, "recorded_at", h.RecordedAt, true)
	}
	for i, x := range recs.Pairs {
		where := fmt.Sprintf("pair %d", i+1)
		refTo(c, where, "visitor_a", visitors, x.VisitorA, "visitor", true)
		refTo(c, where, "visitor_b", visitors, x.VisitorB, "visitor", true)
		refTo(c, where, "evening_id", evenings, x.EveningID, "evening", false)
		x.ProgramID = placeholder
		c.AddErr(where, x.Validate())
	}
	legs := map[[2]int64]bool{}
	for i, x := range recs.Overrides {
		where := fmt.Sprintf("travel time %d", i+1)
		refTo(c, where, "from_place_id", places, x.From, "place", true)
		refTo(c, where, "to_place_id", places, x.To, "place", true)
		if legs[[2]int64{x.From, x.To}] {
			c.Add(where, "the leg from place %d to place %d is listed twice", x.From, x.To)
		}
		legs[[2]int64{x.From, x.To}] = true
		x.ProgramID = placeholder
		c.AddErr(where, x.Validate())
	}
}

func checkEvening(c *checker, e itinera.HospitalityEvening, visitors, interps, homes, acts map[int64]bool) {
	where := fmt.Sprintf("evening %d", e.ID)
	part, invited, placed := map[int64]bool{}, map[int64]bool{}, map[string]bool{}
	for _, v := range e.VisitorIDs {
		refTo(c, where, "visitor_ids", visitors, v, "visitor", true)
		part[v] = true
	}
	for _, i := range e.InterpreterIDs {
		refTo(c, where, "interpreter_ids", interps, i, "interpreter", true)
		part[-i] = true
	}
	for _, in := range e.Invitations {
		refTo(c, where+", invitations", "household_id", homes, in.HouseholdID, "household", true)
		if invited[in.HouseholdID] {
			c.Add(where, "household %d is invited twice", in.HouseholdID)
		}
		invited[in.HouseholdID] = true
		if in.Status != itinera.InvitationInvited && in.Status != itinera.InvitationUnavailable {
			c.Add(where, "invitation of household %d: status %q is not invited or unavailable", in.HouseholdID, in.Status)
		}
		if in.Answer != itinera.AnswerNone && in.Answer != itinera.AnswerYes && in.Answer != itinera.AnswerNo {
			c.Add(where, "invitation of household %d: answer %q is not yes, no or empty", in.HouseholdID, in.Answer)
		}
		checkTime(c, where+", invitations", "invited_at", in.InvitedAt, true)
		checkTime(c, where+", invitations", "answered_at", in.AnsweredAt, false)
		if msg := checkDetail(in.AnswerNote); msg != "" {
			c.Add(where, "invitation of household %d: answer_note: %s", in.HouseholdID, msg)
		}
	}
	for _, g := range e.Guests {
		key, who := fmt.Sprintf("visitor %d", g.VisitorID), g.VisitorID
		if g.VisitorID == 0 {
			key, who = fmt.Sprintf("interpreter %d", g.InterpreterID), -g.InterpreterID
		}
		switch {
		case (g.VisitorID == 0) == (g.InterpreterID == 0):
			c.Add(where, "each guest is either a visitor or an interpreter")
		case !part[who]:
			c.Add(where, "guest %s does not take part in the evening", key)
		case !invited[g.HouseholdID]:
			c.Add(where, "guest %s is placed at household %d, which is not invited", key, g.HouseholdID)
		case placed[key]:
			c.Add(where, "guest %s is placed twice", key)
		}
		placed[key] = true
	}
	for _, u := range e.Unplaced {
		if !part[u.VisitorID] || u.VisitorID <= 0 {
			c.Add(where, "unplaced visitor %d does not take part in the evening", u.VisitorID)
		}
		if msg := checkDetail(u.Reason); msg != "" || u.Reason == "" {
			c.Add(where, "unplaced visitor %d: the reason is missing or cannot be stored", u.VisitorID)
		}
	}
	refTo(c, where, "activity_id", acts, e.ActivityID, "activity", false)
	checkTime(c, where, "confirmed_at", e.ConfirmedAt, false)
	if e.Status != itinera.EveningPlanning && e.Status != itinera.EveningMatched && e.Status != itinera.EveningConfirmed {
		c.Add(where, "status %q is not planning, matched or confirmed", e.Status)
	}
	e.ProgramID = placeholder
	c.AddErr(where, e.Validate())
}

// checkDetail checks free text the domain keeps without a form of its
// own (history entries, reasons, answers' notes) as the records' long
// texts are checked: readable, without control characters other than line
// breaks and tabs, at most 10,000 characters. It returns what is wrong.
func checkDetail(s string) string {
	if !utf8.ValidString(s) {
		return "it has characters that cannot be read"
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return fmt.Sprintf("it holds the invisible control character U+%04X", r)
		}
	}
	if n := utf8.RuneCountInString(s); n > 10000 {
		return fmt.Sprintf("it is too long: at most 10,000 characters (it has %d)", n)
	}
	return ""
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
