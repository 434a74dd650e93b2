package web

import (
	"net/http"
	"net/url"
	"strings"

	"itinera"
)

// The officer's list of host households, /households: filter by status,
// search by name, approve or reject sign-ups.

// householdPage bounds one page of the list; the filter narrows it.
const householdPage = 200

type householdsView struct {
	Status    string
	Query     string
	Tabs      []statusTab
	Rows      []householdRow
	More      bool
	SignUpURL string
	Errors    map[string]string // beside the search box
}

type statusTab struct {
	Label, Href string
	Count       int
	Current     bool
}

type householdRow struct {
	H       itinera.HostHousehold
	Free    string
	Minutes int // volunteer time over every confirmed evening
}

// freeWords says when a household is usually free.
func freeWords(h itinera.HostHousehold) string {
	var parts []string
	for _, d := range h.FreeWeekdays {
		parts = append(parts, d.String()+"s")
	}
	for _, d := range h.FreeDates {
		parts = append(parts, dateLabel(d))
	}
	if h.Availability != "" {
		parts = append(parts, "“"+h.Availability+"”")
	}
	if len(parts) == 0 {
		return "not said"
	}
	return strings.Join(parts, ", ")
}

func (ui *UI) householdList(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	st, err := itinera.ParseHouseholdStatus(r.URL.Query().Get("status"))
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	filter := itinera.HouseholdFilter{Status: st, Query: q, Limit: householdPage + 1}
	code, errs := http.StatusOK, map[string]string(nil)
	var hs []itinera.HostHousehold
	if err := filter.Validate(); err != nil {
		// Nothing is searched: the page says what is wrong beside the box.
		code, errs = http.StatusUnprocessableEntity, itinera.ErrorFields(err)
	} else if hs, err = ui.svc.Hospitality.Households(ctx, s.User.TenantID, filter); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	counts, err := ui.svc.Hospitality.HouseholdCounts(ctx, s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	minutes, err := ui.svc.Hospitality.HouseholdMinutes(ctx, s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	t, err := ui.svc.Accounts.Tenant(ctx, s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := householdsView{Status: string(st), Query: q, SignUpURL: ui.siteURL(r) + "/host/" + t.Slug}
	total := 0
	for _, n := range counts {
		total += n
	}
	v.Tabs = append(v.Tabs, statusTab{Label: "All", Href: "/households", Count: total, Current: st == ""})
	for _, x := range itinera.HouseholdStatuses {
		label := strings.ToUpper(string(x[:1])) + string(x[1:])
		v.Tabs = append(v.Tabs, statusTab{Label: label, Href: "/households?status=" + url.QueryEscape(string(x)),
			Count: counts[x], Current: st == x})
	}
	if len(hs) > householdPage {
		hs, v.More = hs[:householdPage], true
	}
	for _, h := range hs {
		v.Rows = append(v.Rows, householdRow{H: h, Free: freeWords(h), Minutes: minutes[h.ID]})
	}
	v.Errors, v.Query = errs, shown(v.Query)
	ui.render(w, r, s, code, "households", pageInfo{Title: "Host households", Nav: "households"}, v)
}

func (ui *UI) householdStatus(w http.ResponseWriter, r *http.Request, s *session) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	st := itinera.HouseholdStatus(r.PostForm.Get("status"))
	h, err := ui.app.SetHouseholdStatus(r.Context(), ui.caller(r, s), id, st)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	back := safeNext(r.PostForm.Get("back"))
	if !strings.HasPrefix(back, "/households") {
		back = "/households"
	}
	ui.redirect(w, r, back, h.Name+" is now "+string(st)+".")
}
