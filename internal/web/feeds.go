package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/auth"
	"itinera/internal/calendar"
)

// Calendar feeds: each person of a program can subscribe to their own
// items through a secret address. The address is shown once, when it is
// issued; issuing it again revokes the old one.

// siteURL is the public address of the site: the configured base URL, or
// the host the request came to.
func (ui *UI) siteURL(r *http.Request) string {
	if ui.req.baseURL != "" {
		return ui.req.baseURL
	}
	scheme := "http"
	if r.TLS != nil || ui.secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

type feedRow struct {
	Kind      itinera.FeedKind
	SubjectID int64
	Who       string
	Live      *itinera.Feed
}

// feedRows lists every person of a program who can have a feed, with
// their live feed if any.
func (ui *UI) feedRows(r *http.Request, s *session, p itinera.Program, vs []itinera.Visitor, is []itinera.Interpreter, ms []itinera.Meeting) ([]feedRow, error) {
	feeds, err := ui.svc.Feeds.Feeds(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		return nil, err
	}
	live := map[itinera.FeedKind]map[int64]*itinera.Feed{}
	for i := range feeds {
		f := &feeds[i]
		if live[f.Kind] == nil {
			live[f.Kind] = map[int64]*itinera.Feed{}
		}
		live[f.Kind][f.SubjectID] = f
	}
	rows := []feedRow{{Kind: itinera.FeedProgram, Who: "The whole program (staff)", Live: live[itinera.FeedProgram][0]}}
	for _, v := range vs {
		rows = append(rows, feedRow{Kind: itinera.FeedVisitor, SubjectID: v.ID, Who: v.Name() + " (visitor)", Live: live[itinera.FeedVisitor][v.ID]})
	}
	for _, i := range is {
		rows = append(rows, feedRow{Kind: itinera.FeedInterpreter, SubjectID: i.ID, Who: i.Name + " (interpreter)", Live: live[itinera.FeedInterpreter][i.ID]})
	}
	seen := map[int64]bool{}
	for _, m := range ms {
		if m.ContactID == 0 || seen[m.ContactID] {
			continue
		}
		seen[m.ContactID] = true
		rows = append(rows, feedRow{Kind: itinera.FeedContact, SubjectID: m.ContactID,
			Who: m.ContactName + " (" + m.HostOrganizationName + ")", Live: live[itinera.FeedContact][m.ContactID]})
	}
	return rows, nil
}

type feedIssuedView struct {
	P       itinera.Program
	Who     string
	HTTPS   string
	Webcal  string
	Revoked bool
}

// feedIssue makes a new secret address for one person and shows it once.
func (ui *UI) feedIssue(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	kind := itinera.FeedKind(r.PostFormValue("kind"))
	subject, _ := strconv.ParseInt(r.PostFormValue("subject_id"), 10, 64)
	issued, err := ui.app.IssueFeed(r.Context(), ui.caller(r, s), p.ID, kind, subject)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	in, err := calendar.Load(r.Context(), ui.svc, s.User.TenantID, p.ID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	who := calendarWho(in, issued.Feed)
	v := feedIssuedView{P: p, Who: who, HTTPS: issued.URL, Webcal: issued.Webcal}
	ui.render(w, r, s, http.StatusOK, "feed", pageInfo{Title: "Calendar address for " + who, Nav: "programs",
		Crumbs: []crumb{programsCrumb, programCrumb(p)}}, v)
}

// calendarWho names a feed's person for the page.
func calendarWho(in calendar.Input, f itinera.Feed) string {
	switch f.Kind {
	case itinera.FeedVisitor:
		for _, v := range in.Visitors {
			if v.ID == f.SubjectID {
				return v.Name()
			}
		}
	case itinera.FeedInterpreter:
		for _, i := range in.Interpreters {
			if i.ID == f.SubjectID {
				return i.Name
			}
		}
	case itinera.FeedContact:
		for _, m := range in.Meetings {
			if m.ContactID == f.SubjectID {
				return m.ContactName
			}
		}
	}
	return "the whole program"
}

// feedRevoke ends a feed: its address stops working at once.
func (ui *UI) feedRevoke(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	programID, _ := strconv.ParseInt(r.PostFormValue("program_id"), 10, 64)
	if err := ui.app.RevokeFeed(r.Context(), ui.caller(r, s), id); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	target := "/programs"
	if programID > 0 {
		target = sectionPath(programID, "books") + "#feeds"
	}
	ui.redirect(w, r, target, "The calendar address was revoked; it no longer works.")
}

// feedServe answers a calendar client's subscription: public, the token is
// the credential. Unknown or revoked addresses get 404 and count against
// the client's tries.
func (ui *UI) feedServe(w http.ResponseWriter, r *http.Request, s *session) {
	token := strings.TrimSuffix(r.PathValue("token"), ".ics")
	key := "feed:" + clientIP(r)
	if wait := ui.req.blockedFor(key); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		http.Error(w, "Too many wrong calendar addresses from your network. Please wait a few minutes.", http.StatusTooManyRequests)
		return
	}
	var f itinera.Feed
	var err error = itinera.Errorf(itinera.ENOTFOUND, "no such feed")
	if auth.WellFormedToken(token) {
		f, err = ui.svc.Feeds.FeedByTokenHash(r.Context(), auth.HashToken(token))
	}
	if itinera.ErrorCode(err) == itinera.ENOTFOUND {
		ui.req.failed(key)
		http.Error(w, "This calendar address does not exist or was revoked.", http.StatusNotFound)
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	// Calendars poll: a feed is validated by the organization's newest
	// change (every change is in the audit log, written in the change's
	// own transaction), so an unchanged feed answers 304 without loading
	// the program, and any change gives a new ETag at once.
	rev, err := ui.app.Revision(r.Context(), f.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	modified := f.CreatedAt
	if rev.At.After(modified) {
		modified = rev.At
	}
	etag := fmt.Sprintf(`"f%d-r%d"`, f.ID, rev.ID)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache, private")
	if notModified(r, h.Get("ETag"), modified) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	// The body is made once per feed and revision (the ETag names both).
	// Made once however many calendars ask at the same moment.
	body, err := ui.cache.Load("feed:"+etag, func() ([]byte, int, error) {
		in, err := calendar.Load(r.Context(), ui.svc, f.TenantID, f.ProgramID)
		if err != nil {
			return nil, 0, err
		}
		body, err := calendar.Feed(in, f)
		return body, len(body), err
	})
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="itinerary.ics"`)
	_, _ = w.Write(body)
}

// notModified applies a conditional GET (RFC 9110, 13.1): If-None-Match
// wins over If-Modified-Since, which is read to the second.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.Truncate(time.Second).After(ims)
}
