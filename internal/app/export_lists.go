package app

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"itinera"
	"itinera/internal/sheet"
)

// Exports of the lists the UI shows that are not import kinds (activities,
// the itinerary, requests, volunteer hours, the outbox, programs, users),
// and Export, the one entry point the web UI and the API download through.
// Times are written in the program's time zone, or the organization's for
// lists that are not a program's, and the header names the zone.

// ExportList names a list that can be downloaded as a spreadsheet.
type ExportList string

// The lists. The seven import kinds export in their import columns, so
// that a downloaded file imports back unchanged.
const (
	ExportVisitors                  = ExportList(itinera.ImportVisitors)
	ExportInterpreters              = ExportList(itinera.ImportInterpreters)
	ExportMeetings                  = ExportList(itinera.ImportMeetings)
	ExportOrganizations             = ExportList(itinera.ImportOrganizations)
	ExportContacts                  = ExportList(itinera.ImportContacts)
	ExportPlaces                    = ExportList(itinera.ImportPlaces)
	ExportHouseholds                = ExportList(itinera.ImportHouseholds)
	ExportActivities     ExportList = "activities"
	ExportItinerary      ExportList = "itinerary"
	ExportRequests       ExportList = "requests"
	ExportVolunteerHours ExportList = "volunteer-hours"
	ExportOutbox         ExportList = "outbox"
	ExportPrograms       ExportList = "programs"
	ExportUsers          ExportList = "users"
)

// ExportLists lists every list that can be exported.
var ExportLists = []ExportList{ExportVisitors, ExportInterpreters, ExportMeetings, ExportActivities, ExportItinerary,
	ExportRequests, ExportOrganizations, ExportContacts, ExportPlaces, ExportHouseholds, ExportVolunteerHours,
	ExportOutbox, ExportPrograms, ExportUsers}

// ParseExportList accepts the name of a list; an unknown name is not found.
func ParseExportList(s string) (ExportList, error) {
	if l := ExportList(s); slices.Contains(ExportLists, l) {
		return l, nil
	}
	return "", itinera.Errorf(itinera.ENOTFOUND, "There is no list called %q to download.", s)
}

// InProgram reports whether the list is always one program's. Volunteer
// hours are either one program's or, without a program, every program's.
func (l ExportList) InProgram() bool {
	switch l {
	case ExportVisitors, ExportInterpreters, ExportMeetings, ExportActivities, ExportItinerary, ExportRequests:
		return true
	}
	return false
}

// importKind returns the import kind the list exports as, if any.
func (l ExportList) importKind() (itinera.ImportKind, bool) {
	k, err := itinera.ParseImportKind(string(l))
	return k, err == nil
}

// ExportFilter narrows a list the way its page and its API list filter it;
// the zero value exports the whole list.
type ExportFilter struct {
	Query  string // name contains: the directory and households
	Topic  string // the directory: organizations with the topic
	Status string // households and the outbox: only those with the status
}

// directory checks f as the directory's filter (q and topic).
func (f ExportFilter) directory() (itinera.DirectoryFilter, error) {
	df := itinera.DirectoryFilter{Query: strings.TrimSpace(f.Query), Topic: strings.TrimSpace(f.Topic)}
	return df, df.Validate()
}

// households checks f as the households' filter (q and status).
func (f ExportFilter) households() (itinera.HouseholdFilter, error) {
	hf := itinera.HouseholdFilter{Query: strings.TrimSpace(f.Query)}
	st, err := itinera.ParseHouseholdStatus(f.Status)
	if err != nil {
		return hf, fieldError("status", "Use pending, approved, rejected or withdrawn.")
	}
	hf.Status = st
	return hf, hf.Validate()
}

func fieldError(field, msg string) error {
	return &itinera.Error{Code: itinera.EINVALID, Message: "The list cannot be filtered as asked.", Fields: map[string]string{field: msg}}
}

// ExportQuery says which list to export.
type ExportQuery struct {
	List ExportList
	// ProgramID is the program of a program's list; for volunteer hours, 0
	// exports those of every program. Other lists ignore it.
	ProgramID int64
	Filter    ExportFilter
}

// Export is a list ready to be written as a file.
type Export struct {
	Sheet sheet.Sheet
	// Name is the file name without its extension, in safe ASCII:
	// "<program or organization>-<list>-<date>", the date of today where
	// the list's times are.
	Name string
}

// The media types of the formats a list is written in.
const (
	CSVMediaType  = "text/csv; charset=utf-8; header=present"
	XLSXMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// File writes the list in format ("csv" or "xlsx") and returns the file,
// its media type and its name.
func (x Export) File(format string) (data []byte, mediaType, name string, err error) {
	var b bytes.Buffer
	switch format {
	case "csv":
		err, mediaType = sheet.WriteCSV(&b, x.Sheet), CSVMediaType
	case "xlsx":
		err, mediaType = sheet.WriteXLSX(&b, x.Sheet), XLSXMediaType
	default:
		return nil, "", "", itinera.Errorf(itinera.EINVALID, "Lists are written as csv or xlsx, not %q.", format)
	}
	return b.Bytes(), mediaType, x.Name + "." + format, err
}

// Export returns the list q names, whole (never a page of it), with the
// name of its file. Every user of the organization may export what they may
// read; the users list is the administrators' only.
func (a *App) Export(ctx context.Context, c Caller, q ExportQuery) (Export, error) {
	if _, err := ParseExportList(string(q.List)); err != nil {
		return Export{}, err
	}
	if q.List.InProgram() && q.ProgramID == 0 {
		return Export{}, itinera.Errorf(itinera.EINVALID, "The %s are a program's: choose the program.", q.List)
	}
	var sh sheet.Sheet
	var err error
	if k, ok := q.List.importKind(); ok {
		sh, err = a.exportRecords(ctx, c, k, q.ProgramID, q.Filter)
	} else {
		switch q.List {
		case ExportActivities:
			sh, err = a.ExportActivities(ctx, c, q.ProgramID)
		case ExportItinerary:
			sh, err = a.ExportItinerary(ctx, c, q.ProgramID)
		case ExportRequests:
			sh, err = a.ExportRequests(ctx, c, q.ProgramID)
		case ExportVolunteerHours:
			sh, err = a.ExportVolunteerHours(ctx, c, q.ProgramID)
		case ExportOutbox:
			sh, err = a.ExportOutbox(ctx, c, q.Filter.Status)
		case ExportPrograms:
			sh, err = a.ExportPrograms(ctx, c)
		case ExportUsers:
			sh, err = a.ExportUsers(ctx, c)
		}
	}
	if err != nil {
		return Export{}, err
	}
	name, err := a.exportName(ctx, c, q)
	return Export{Sheet: sh, Name: name}, err
}

// exportName names the file: the program's title, or the organization's
// short name, then the list and today's date there.
func (a *App) exportName(ctx context.Context, c Caller, q ExportQuery) (string, error) {
	owner, loc := "", time.UTC
	if q.List.InProgram() || q.List == ExportVolunteerHours && q.ProgramID != 0 {
		p, err := a.r.Programs.Program(ctx, c.tenant(), q.ProgramID)
		if err != nil {
			return "", err
		}
		owner, loc = p.Title, p.Location()
	} else {
		t, tz, err := a.tenantZone(ctx, c)
		if err != nil {
			return "", err
		}
		owner, loc = t.Slug, tz
	}
	return FileName(owner, string(q.List), itinera.DateOf(a.now().In(loc)).String()), nil
}

// FileName joins parts into a file name (without extension) that every
// system and browser takes as it is: lower-case ASCII letters and digits
// between single hyphens, accents dropped ("Café Société" → "cafe-societe").
// Each part is cut to 40 characters; an empty result is "itinera".
func FileName(parts ...string) string {
	var out []string
	for _, p := range parts {
		var b strings.Builder
		hyphen := false
		for _, r := range norm.NFD.String(strings.ToLower(p)) {
			switch {
			case unicode.Is(unicode.Mn, r):
			case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
				if hyphen && b.Len() > 0 {
					b.WriteByte('-')
				}
				hyphen = false
				b.WriteRune(r)
			default:
				hyphen = true
			}
		}
		s := b.String()
		if len(s) > 40 {
			s = strings.TrimRight(s[:40], "-")
		}
		if s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return "itinera"
	}
	return strings.Join(out, "-")
}

// tenantZone returns the caller's organization and its time zone.
func (a *App) tenantZone(ctx context.Context, c Caller) (itinera.Tenant, *time.Location, error) {
	t, err := a.r.Accounts.Tenant(ctx, c.tenant())
	if err != nil {
		return t, nil, err
	}
	loc, err := itinera.LoadZone(t.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return t, loc, nil
}

// Cells, as the import reads them back: local times without the zone (the
// header names it), lists separated by semicolons, yes and no.

func localTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

func zoned(label string, loc *time.Location) string { return label + " (" + loc.String() + ")" }

func windowsCell(ws []itinera.Window, loc *time.Location) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = itinera.WindowText(w, loc)
	}
	return strings.Join(out, "; ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// hoursCell writes minutes as decimal hours: 270 → "4.5".
func hoursCell(minutes int) string {
	return strconv.FormatFloat(float64(minutes)/60, 'f', -1, 64)
}

func newSheet(name string, header ...string) sheet.Sheet {
	return sheet.Sheet{Name: name, Header: header, Rows: [][]string{}}
}

// requestState is where a request stands, in one word: its status, or
// "confirmed" once the officer confirmed a time.
func requestState(rq itinera.Request) string {
	if rq.IsConfirmed() {
		return "confirmed"
	}
	return string(rq.Status)
}

// requestStates gives, per meeting of the program, the state of its
// latest request.
func (a *App) requestStates(ctx context.Context, tenantID, programID int64) (map[int64]string, error) {
	rqs, err := a.r.Requests.Requests(ctx, tenantID, programID)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, rq := range rqs { // newest first
		if _, seen := out[rq.MeetingID]; !seen {
			out[rq.MeetingID] = requestState(rq)
		}
	}
	return out, nil
}

// ExportActivities returns a program's activities (cultural visits, meals,
// travel, free time), opening hours in the program's time zone.
func (a *App) ExportActivities(ctx context.Context, c Caller, programID int64) (sheet.Sheet, error) {
	p, err := a.r.Programs.Program(ctx, c.tenant(), programID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	loc := p.Location()
	as, err := a.r.Candidates.Activities(ctx, c.tenant(), p.ID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	out := newSheet("activities", "Title", "Kind", "Place", "Topics", "Minutes", "Priority", "Mandatory", "Status",
		zoned("Opening hours", loc), "Notes")
	for _, x := range as {
		out.Rows = append(out.Rows, []string{x.Title, string(x.Kind), x.PlaceName, strings.Join(x.Topics, "; "),
			strconv.Itoa(x.DurationMinutes), strconv.Itoa(x.Priority), yesNo(x.Mandatory), string(x.Status),
			windowsCell(x.Windows, loc), x.Notes})
	}
	return out, nil
}

// ExportItinerary returns the current itinerary of a program, item by item
// in time order, with the day, the place and its address, and the travel
// before each; a program without an itinerary gives the header alone.
func (a *App) ExportItinerary(ctx context.Context, c Caller, programID int64) (sheet.Sheet, error) {
	t := c.tenant()
	p, err := a.r.Programs.Program(ctx, t, programID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	loc := p.Location()
	out := newSheet("itinerary", "Date", "Day", zoned("Start", loc), zoned("End", loc), "Item", "Kind", "Place", "Address",
		"Travel minutes before", "Status")
	it, err := a.r.Itineraries.CurrentItinerary(ctx, t, p.ID)
	switch itinera.ErrorCode(err) {
	case "":
	case itinera.ENOTFOUND:
		return out, nil
	default:
		return out, err
	}
	out.Name = "itinerary v" + strconv.Itoa(it.Version)
	ms, err := a.r.Candidates.Meetings(ctx, t, p.ID)
	if err != nil {
		return out, err
	}
	as, err := a.r.Candidates.Activities(ctx, t, p.ID)
	if err != nil {
		return out, err
	}
	places, err := a.r.Directory.Places(ctx, t, itinera.DirectoryFilter{})
	if err != nil {
		return out, err
	}
	meetings, activities, addresses := map[int64]itinera.Meeting{}, map[int64]itinera.Activity{}, map[int64]string{}
	for _, m := range ms {
		meetings[m.ID] = m
	}
	for _, x := range as {
		activities[x.ID] = x
	}
	for _, pl := range places {
		addresses[pl.ID] = pl.Address
	}
	items := slices.Clone(it.Items)
	slices.SortStableFunc(items, func(x, y itinera.ItineraryItem) int { return x.Start.Compare(y.Start) })
	for _, x := range items {
		kind, status := "meeting", ""
		if x.MeetingID != 0 {
			status = string(meetings[x.MeetingID].Status)
		} else {
			kind, status = string(activities[x.ActivityID].Kind), string(activities[x.ActivityID].Status)
		}
		s, e := x.Start.In(loc), x.End.In(loc)
		end := e.Format("15:04")
		if itinera.DateOf(e) != itinera.DateOf(s) {
			end = e.Format("2006-01-02 15:04")
		}
		out.Rows = append(out.Rows, []string{itinera.DateOf(s).String(), s.Weekday().String(), s.Format("15:04"), end,
			x.Title, kind, x.PlaceName, addresses[x.PlaceID], strconv.Itoa(x.TravelMinutes), status})
	}
	return out, nil
}

// ExportRequests returns a program's meeting requests, newest first: who
// was asked, where each stands, when it was sent and answered, the times
// proposed and those the resource offered or the officer confirmed.
func (a *App) ExportRequests(ctx context.Context, c Caller, programID int64) (sheet.Sheet, error) {
	p, err := a.r.Programs.Program(ctx, c.tenant(), programID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	loc := p.Location()
	rqs, err := a.r.Requests.Requests(ctx, c.tenant(), p.ID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	out := newSheet("requests", "Meeting", "Resource contact", "E-mail", "State", zoned("Sent", loc), zoned("Answered", loc),
		zoned("Proposed times", loc), zoned("Times answered", loc), zoned("Confirmed time", loc), zoned("Link expires", loc))
	for _, rq := range rqs {
		answered, times := "", ""
		if rq.Answer != nil {
			answered, times = localTime(rq.Answer.At, loc), windowsCell(rq.Answer.Times(), loc)
		}
		confirmed := ""
		if rq.IsConfirmed() {
			confirmed = itinera.WindowText(rq.Confirmed, loc)
		}
		out.Rows = append(out.Rows, []string{rq.MeetingTitle, rq.ContactName, rq.ContactEmail, requestState(rq),
			localTime(rq.SentAt, loc), answered, windowsCell(rq.Windows, loc), times, confirmed, localTime(rq.ExpiresAt, loc)})
	}
	return out, nil
}

// VolunteerRecord is the time one household gave to one confirmed
// hospitality evening, with the evening and its program.
type VolunteerRecord struct {
	itinera.VolunteerHours
	Program itinera.Program
	Evening itinera.HospitalityEvening
}

// VolunteerHours lists the volunteer time of one program's evenings or
// (programID 0) of every program's, in the order of the evenings, then of
// the households' names.
func (a *App) VolunteerHours(ctx context.Context, c Caller, programID int64) ([]VolunteerRecord, error) {
	t := c.tenant()
	var ps []itinera.Program
	if programID != 0 {
		p, err := a.r.Programs.Program(ctx, t, programID)
		if err != nil {
			return nil, err
		}
		ps = []itinera.Program{p}
	} else {
		var err error
		if ps, err = a.r.Programs.Programs(ctx, t); err != nil {
			return nil, err
		}
	}
	out := []VolunteerRecord{}
	for _, p := range ps {
		hours, err := a.r.Hospitality.VolunteerHours(ctx, t, p.ID)
		if err != nil {
			return nil, err
		}
		if len(hours) == 0 {
			continue
		}
		es, err := a.r.Hospitality.Evenings(ctx, t, p.ID)
		if err != nil {
			return nil, err
		}
		evenings := map[int64]itinera.HospitalityEvening{}
		for _, e := range es {
			evenings[e.ID] = e
		}
		for _, h := range hours {
			out = append(out, VolunteerRecord{VolunteerHours: h, Program: p, Evening: evenings[h.EveningID]})
		}
	}
	slices.SortStableFunc(out, func(x, y VolunteerRecord) int {
		if d := x.Evening.Start.Compare(y.Evening.Start); d != 0 {
			return d
		}
		return strings.Compare(x.HouseholdName, y.HouseholdName)
	})
	return out, nil
}

// ExportVolunteerHours returns the time households gave to confirmed
// hospitality evenings, one row per household and evening, of one program
// or (programID 0) of every program. Each evening is in its program's time
// zone, which its cell names.
func (a *App) ExportVolunteerHours(ctx context.Context, c Caller, programID int64) (sheet.Sheet, error) {
	recs, err := a.VolunteerHours(ctx, c, programID)
	if err != nil {
		return sheet.Sheet{}, err
	}
	out := newSheet("volunteer hours", "Program", "Evening date", "Evening (program's local time)", "Household", "Minutes", "Hours")
	for _, r := range recs {
		loc := r.Program.Location()
		s, end := r.Evening.Start.In(loc), r.Evening.End.In(loc)
		out.Rows = append(out.Rows, []string{r.Program.Title, itinera.DateOf(s).String(),
			s.Format("15:04") + "–" + end.Format("15:04 MST"), r.HouseholdName, strconv.Itoa(r.Minutes), hoursCell(r.Minutes)})
	}
	return out, nil
}

// outboxPage is how many messages the outbox export reads at a time.
const outboxPage = 1000

// ExportOutbox returns the organization's e-mail, newest first (only those
// with status, when given), as the Outbox page shows it to the caller:
// a viewer never sees the secret links.
func (a *App) ExportOutbox(ctx context.Context, c Caller, status string) (sheet.Sheet, error) {
	st, err := itinera.ParseOutboxStatus(status)
	if err != nil {
		return sheet.Sheet{}, fieldError("status", "Use queued, sending, sent or failed.")
	}
	_, loc, err := a.tenantZone(ctx, c)
	if err != nil {
		return sheet.Sheet{}, err
	}
	out := newSheet("outbox", zoned("Created", loc), "To", "Subject", "Kind", "Status", "Attempts", zoned("Sent", loc), "Last error")
	seen := map[int64]bool{}
	for after := int64(0); ; {
		// Keyset pages: each starts after the last message of the one before.
		msgs, err := a.r.Outbox.OutboxMessages(ctx, c.tenant(), itinera.OutboxFilter{Status: st, Limit: outboxPage, After: after})
		if err != nil {
			return out, err
		}
		for _, m := range msgs {
			if seen[m.ID] { // queued since the page before, which pushed it down
				continue
			}
			seen[m.ID] = true
			m = m.ForRole(c.User.Role)
			kind := "e-mail"
			if m.CalendarMethod != "" {
				kind = "calendar " + m.CalendarMethod
			}
			out.Rows = append(out.Rows, []string{localTime(m.CreatedAt, loc), m.To, m.Subject, kind, string(m.Status),
				strconv.Itoa(m.Attempts), localTime(m.SentAt, loc), m.LastError})
		}
		if len(msgs) < outboxPage {
			return out, nil
		}
		after = msgs[len(msgs)-1].ID
	}
}

// ExportPrograms returns the organization's programs.
func (a *App) ExportPrograms(ctx context.Context, c Caller) (sheet.Sheet, error) {
	ps, err := a.r.Programs.Programs(ctx, c.tenant())
	if err != nil {
		return sheet.Sheet{}, err
	}
	out := newSheet("programs", "Program", "Project type", "City", "Start date", "End date", "Time zone", "Language", "Visitors", "Hotel",
		"Status", "Objectives")
	for _, p := range ps {
		out.Rows = append(out.Rows, []string{p.Title, p.ProjectType, p.City, p.StartDate.String(), p.EndDate.String(), p.TimeZone, p.Language,
			strconv.Itoa(p.VisitorCount), p.HotelName, string(p.Status), strings.Join(p.Objectives, "; ")})
	}
	return out, nil
}

// ExportUsers returns the organization's staff accounts; administrators
// only, as the users page.
func (a *App) ExportUsers(ctx context.Context, c Caller) (sheet.Sheet, error) {
	if err := mustAdmin(c); err != nil {
		return sheet.Sheet{}, err
	}
	_, loc, err := a.tenantZone(ctx, c)
	if err != nil {
		return sheet.Sheet{}, err
	}
	us, err := a.r.Accounts.Users(ctx, c.tenant())
	if err != nil {
		return sheet.Sheet{}, err
	}
	out := newSheet("users", "Name", "E-mail", "Role", zoned("Added", loc), "Must choose a new password")
	for _, u := range us {
		out.Rows = append(out.Rows, []string{u.Name, u.Email, string(u.Role), localTime(u.CreatedAt, loc), yesNo(u.MustChangePassword)})
	}
	return out, nil
}
