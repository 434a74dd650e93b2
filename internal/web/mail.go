package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"itinera"
)

// Unmatched mail: the messages the organization received that answer
// none of its requests or sent messages. The officer reads their text
// (never their HTML), attaches one to the request it is about, or
// dismisses it.

const mailPageSize = 25

type unmatchedView struct {
	Rows       []mailRow
	Total      int
	Page       int
	Prev, Next string
	Requests   []requestChoice // what a message may be attached to
}

// requestChoice is a request in the attach list: its meeting and contact,
// by program.
type requestChoice struct {
	ID    int64
	Label string
	// Sender: the request's contact sent the message.
	Sender string
}

func (ui *UI) unmatchedMail(w http.ResponseWriter, r *http.Request, s *session) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	res, err := ui.app.UnmatchedMail(r.Context(), ui.caller(r, s), mailPageSize, (page-1)*mailPageSize)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	loc, err := ui.tenantZone(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := unmatchedView{Total: res.Total, Page: page}
	if page > 1 {
		v.Prev = "/mail/unmatched?page=" + strconv.Itoa(page-1)
	}
	if page*mailPageSize < res.Total {
		v.Next = "/mail/unmatched?page=" + strconv.Itoa(page+1)
	}
	for _, m := range res.Items {
		v.Rows = append(v.Rows, newMailRow(m, loc))
	}
	if len(v.Rows) > 0 && s.User.Role.CanEdit() {
		if v.Requests, err = ui.attachChoices(r, s); err != nil {
			ui.fail(w, r, s, err)
			return
		}
	}
	info := pageInfo{Title: "Unmatched mail", Nav: "outbox", Crumbs: []crumb{{Href: "/outbox", Label: "Outbox"}}}
	ui.render(w, r, s, http.StatusOK, "mail_unmatched", info, v)
}

// attachChoices are the requests of the programs not yet over (and of
// those that ended in the last 60 days), newest program first.
func (ui *UI) attachChoices(r *http.Request, s *session) ([]requestChoice, error) {
	ps, err := ui.svc.Programs.Programs(r.Context(), s.User.TenantID)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[j].StartDate.Before(ps[i].StartDate) })
	since := itinera.DateOf(ui.now().Add(-60 * 24 * time.Hour))
	var out []requestChoice
	for _, p := range ps {
		if p.EndDate.Before(since) {
			continue
		}
		rqs, err := ui.svc.Requests.Requests(r.Context(), s.User.TenantID, p.ID)
		if err != nil {
			return nil, err
		}
		for _, rq := range rqs {
			if rq.Status == itinera.RequestDraft {
				continue
			}
			out = append(out, requestChoice{ID: rq.ID, Label: rq.MeetingTitle + " — " + rq.ContactName + " (" + p.Title + ")",
				Sender: strings.ToLower(strings.TrimSpace(rq.ContactEmail))})
		}
		if len(out) > 500 {
			break
		}
	}
	return out, nil
}

func (ui *UI) mailAttach(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	requestID, _ := strconv.ParseInt(r.PostForm.Get("request_id"), 10, 64)
	_, err = ui.app.AttachMail(r.Context(), ui.caller(r, s), id, requestID)
	switch itinera.ErrorCode(err) {
	case "":
		ui.redirect(w, r, "/requests/"+itoa(requestID), "The message is attached; its text is on the request's history.")
	case itinera.EINVALID, itinera.ECONFLICT:
		ui.redirect(w, r, "/mail/unmatched", "The message was not attached: "+itinera.ErrorMessage(err))
	default:
		ui.fail(w, r, s, err)
	}
}

func (ui *UI) mailDismiss(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	if _, err := ui.app.DismissMail(r.Context(), ui.caller(r, s), id); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/mail/unmatched", "The message is dismissed.")
}
