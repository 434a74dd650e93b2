package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"itinera"
	"itinera/internal/app"
)

// The audit log: the organization's changes for administrators at /admin/audit
// (filtered by user, kind of record, program and dates, a page at a time,
// downloadable), and each record's history on its page.

const auditPageSize = 50

type auditView struct {
	Rows     []auditRow
	Zone     string
	Users    []option
	Programs []option
	Kinds    []string
	F        auditForm
	Errors   map[string]string
	Page     int
	Prev     string
	Next     string
	Download downloadLinks
}

// auditForm is the filter as typed.
type auditForm struct {
	User, Kind, Program, From, To string
}

type auditRow struct {
	When    string
	Actor   string
	Kind    string
	Record  string
	Href    string
	Action  string
	Changes []app.AuditChange
}

// auditKinds are the kinds of record the log names, for its filter.
var auditKinds = []string{"program", "day", "visitor", "interpreter", "meeting", "activity", "request", "itinerary", "release",
	"organization", "contact", "place", "household", "evening", "pair", "travel", "feed", "import", "message", "user", "token", "settings",
	"project", "project stop", "project grant", "roster member"}

// auditFilter reads the filter of the query; wrong values are named.
func auditFilter(q url.Values, loc *time.Location) (itinera.AuditFilter, auditForm, map[string]string) {
	form := auditForm{User: q.Get("user"), Kind: q.Get("kind"), Program: q.Get("program"), From: q.Get("from"), To: q.Get("to")}
	f := itinera.AuditFilter{Kind: form.Kind}
	errs := map[string]string{}
	id := func(name, s string) int64 {
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			errs[name] = "Choose one from the list."
		}
		return n
	}
	f.UserID, f.ProgramID = id("user", form.User), id("program", form.Program)
	day := func(name, s string) itinera.Date {
		if s == "" {
			return itinera.Date{}
		}
		d, err := itinera.ParseDate(s)
		if err != nil {
			errs[name] = "Enter a date such as 2026-12-05."
		}
		return d
	}
	from, to := day("from", form.From), day("to", form.To)
	if len(errs) == 0 && !from.IsZero() && !to.IsZero() && to.Before(from) {
		errs["to"] = "The last day must not come before the first."
	}
	f.From, f.To = app.AuditDay(from, to, loc)
	return f, form, errs
}

func (ui *UI) auditList(w http.ResponseWriter, r *http.Request, s *session) {
	ctx, c := r.Context(), ui.caller(r, s)
	loc, err := ui.app.AuditZone(ctx, c)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	f, form, errs := auditFilter(r.URL.Query(), loc)
	v := auditView{F: form, Errors: errs, Kinds: auditKinds, Zone: loc.String()}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	v.Page = max(page, 1)
	var es []itinera.AuditEntry
	if len(errs) == 0 {
		f.Limit = v.Page*auditPageSize + 1
		if es, err = ui.app.AuditLog(ctx, c, f); err != nil {
			ui.fail(w, r, s, err)
			return
		}
	}
	users, err := ui.svc.Accounts.Users(ctx, s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Users = []option{{Value: "", Label: "Anyone"}}
	for _, u := range users {
		v.Users = append(v.Users, option{Value: itoa(u.ID), Label: u.Name + " (" + u.Email + ")"})
	}
	ps, err := ui.svc.Programs.Programs(ctx, s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Programs = []option{{Value: "", Label: "Any program, or none"}}
	for _, p := range ps {
		v.Programs = append(v.Programs, option{Value: itoa(p.ID), Label: p.Title})
	}
	link := func(p int) string {
		u := url.Values{"page": {strconv.Itoa(p)}}
		for k, x := range map[string]string{"user": form.User, "kind": form.Kind, "program": form.Program, "from": form.From, "to": form.To} {
			if x != "" {
				u.Set(k, x)
			}
		}
		return "/admin/audit?" + u.Encode()
	}
	start := min((v.Page-1)*auditPageSize, len(es))
	if len(es) > v.Page*auditPageSize {
		es = es[:v.Page*auditPageSize]
		v.Next = link(v.Page + 1)
	}
	if v.Page > 1 {
		v.Prev = link(v.Page - 1)
	}
	v.Rows = auditRows(es[start:], loc)
	v.Download = newDownloadLinks("/admin/audit/log", "the audit log as filtered", "user", form.User, "kind", form.Kind,
		"program", form.Program, "from", form.From, "to", form.To)
	code := http.StatusOK
	if len(errs) > 0 {
		code = http.StatusUnprocessableEntity
	}
	ui.render(w, r, s, code, "audit", pageInfo{Title: "Audit log", Nav: "audit"}, v)
}

// auditDownload sends the audit log, filtered as its page, as CSV or XLSX.
func (ui *UI) auditDownload(w http.ResponseWriter, r *http.Request, s *session) {
	name, format, err := downloadPath(r)
	if err == nil && name != "log" {
		err = notFound
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ctx, c := r.Context(), ui.caller(r, s)
	loc, err := ui.app.AuditZone(ctx, c)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	f, _, errs := auditFilter(r.URL.Query(), loc)
	if len(errs) > 0 {
		ui.fail(w, r, s, itinera.FieldErrors(errs).Err("audit"))
		return
	}
	x, err := ui.app.ExportAudit(ctx, c, f)
	ui.sendExport(w, r, s, x, format, err)
}

// auditRows shows entries with their times in loc, zone named.
func auditRows(es []itinera.AuditEntry, loc *time.Location) []auditRow {
	rows := make([]auditRow, 0, len(es))
	for _, e := range es {
		row := auditRow{When: e.At.In(loc).Format("Mon 2 Jan 2006 15:04 MST"), Actor: e.Actor, Kind: e.Kind, Action: e.Action,
			Changes: app.AuditChanges(e)}
		if e.RecordID != 0 {
			row.Record = e.Kind + " " + itoa(e.RecordID)
			if e.Label != "" {
				row.Record = e.Label + " (" + row.Record + ")"
			}
			if e.Action != "delete" {
				row.Href = recordLink(e.Kind, e.RecordID, e.ProgramID)
			}
		} else {
			row.Record = e.Kind
		}
		rows = append(rows, row)
	}
	return rows
}

// recordLink is the page of a record the log names, where there is one.
func recordLink(kind string, id, programID int64) string {
	switch kind {
	case "program":
		return "/programs/" + itoa(id)
	case "visitor", "interpreter", "meeting", "activity", "organization", "contact", "place":
		return editPaths[kind] + "/" + itoa(id) + "/edit"
	case "request":
		return "/requests/" + itoa(id)
	case "evening":
		return "/evenings/" + itoa(id)
	case "import":
		return "/imports/" + itoa(id)
	case "message":
		return "/outbox/" + itoa(id)
	case "user":
		return "/admin/users/" + itoa(id) + "/edit"
	}
	if programID != 0 {
		return "/programs/" + itoa(programID)
	}
	return ""
}

// editPaths are where the records with an edit page have it.
var editPaths = map[string]string{"visitor": "/visitors", "interpreter": "/interpreters", "meeting": "/meetings",
	"activity": "/activities", "organization": "/organizations", "contact": "/contacts", "place": "/places"}

// historyView is a record's history on its page: administrators only.
type historyView struct {
	Rows []auditRow
	Zone string
	More string // the whole log of the record's program, when shown for one
}

// history reads the history of a record for its page; nil for those who
// may not read the audit log.
func (ui *UI) history(r *http.Request, s *session, f itinera.AuditFilter) (*historyView, error) {
	c := ui.caller(r, s)
	if !app.CanReadAudit(c) {
		return nil, nil
	}
	loc, err := ui.app.AuditZone(r.Context(), c)
	if err != nil {
		return nil, err
	}
	f.Limit = 20
	es, err := ui.app.AuditLog(r.Context(), c, f)
	if err != nil {
		return nil, err
	}
	return &historyView{Rows: auditRows(es, loc), Zone: loc.String()}, nil
}
