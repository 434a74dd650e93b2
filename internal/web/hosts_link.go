package web

import (
	"crypto/hmac"
	"net/http"
	"time"

	"itinera"
)

// The household's personal page, /h/{token}: the same rules as the
// resource's link. Wrong or malformed links count against the client's
// address; an expired link or a withdrawn household gets a friendly page.

var unknownHostLink = goneView{Status: http.StatusNotFound, Heading: "We could not find your household",
	Text: "The link may be incomplete (check that you copied all of it). Each e-mail we send gives a new link that replaces the earlier ones: please open the link in our most recent e-mail, or reply to it and we will help."}

// hostHousehold checks the rate limit and the token and loads the
// household; ok is false when a friendly page was written instead.
func (ui *UI) hostHousehold(w http.ResponseWriter, r *http.Request, s *session) (itinera.HostHousehold, string, bool) {
	h, hash, ok := linkRecord(ui, w, r, s, "host", unknownHostLink, map[string]goneView{
		itinera.ECONFLICT: {Status: http.StatusGone, Heading: "This link has expired",
			Text: "Personal links work for a year. Please reply to the last e-mail you received from us and we will send you a new one."},
	}, ui.svc.Hospitality.HouseholdByToken)
	if !ok {
		return h, "", false
	}
	switch h.Status {
	case itinera.HouseholdWithdrawn:
		ui.gone(w, r, s, goneView{Status: http.StatusGone, Heading: "You have withdrawn",
			Text: "Your household is no longer on our list of hosts. Thank you for your generosity. If you would like to host again, please sign up anew or reply to our last e-mail."})
		return h, "", false
	case itinera.HouseholdRejected:
		ui.gone(w, r, s, goneView{Status: http.StatusGone, Heading: "Thank you for your offer",
			Text: "We cannot include your household among our hosts at the moment. If you have questions, please reply to our last e-mail."})
		return h, "", false
	}
	return h, hash, true
}

var statusWords = map[itinera.HouseholdStatus]string{
	itinera.HouseholdPending:  "We have your sign-up and will review it soon.",
	itinera.HouseholdApproved: "You are on our list of hosts. We will write to you before an evening.",
}

func (ui *UI) personalView(r *http.Request, h itinera.HostHousehold, hash string) hostView {
	loc, err := ui.zoneOfTenant(r.Context(), h.TenantID)
	if err != nil {
		ui.log.ErrorContext(r.Context(), "the organization's zone", "err", err)
		loc = time.UTC
	}
	return hostView{Personal: true, Action: r.URL.Path, Submit: "Save changes", Nonce: ui.linkNonce("host", hash), tenantID: h.TenantID,
		Intro:  "Hello " + h.ContactName + ". Here you can update what we know about your household, or withdraw.",
		Status: statusWords[h.Status], Withdraw: "/h/" + r.PathValue("token") + "/withdraw",
		Expires: itinera.LinkLastDayLabel(h.LinkExpiresAt, loc)}
}

func (ui *UI) hostPage(w http.ResponseWriter, r *http.Request, s *session) {
	h, hash, ok := ui.hostHousehold(w, r, s)
	if !ok {
		return
	}
	v := ui.personalView(r, h, hash)
	evenings, err := ui.hostEvenings(r, hash)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v.Evenings = evenings
	ui.renderHost(w, r, s, http.StatusOK, h.Name, v, formState{values: householdValues(h)})
}

func (ui *UI) hostUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	h, hash, ok := ui.hostHousehold(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("host", hash))) {
		ui.renderHost(w, r, s, http.StatusUnprocessableEntity, h.Name, ui.personalView(r, h, hash),
			formState{values: r.PostForm, msg: "This page was open for a long time. Please check your changes and save again."})
		return
	}
	nh, perrs := readHousehold(r.PostForm)
	nh.TenantID, nh.Status = h.TenantID, h.Status
	err := merge(perrs, homeValidate(nh)(), "household")
	if err == nil {
		err = ui.app.UpdateHousehold(r.Context(), hash, nh)
	}
	if st, ok := invalid(r.PostForm, err); ok {
		ui.renderHost(w, r, s, http.StatusUnprocessableEntity, h.Name, ui.personalView(r, h, hash), st)
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.log.InfoContext(r.Context(), "host updated household", "household", h.ID, "tenant", h.TenantID)
	ui.redirect(w, r, r.URL.Path, "Thank you! Your changes were saved.")
}

func (ui *UI) hostWithdraw(w http.ResponseWriter, r *http.Request, s *session) {
	h, hash, ok := ui.hostHousehold(w, r, s)
	if !ok {
		return
	}
	if !hmac.Equal([]byte(r.PostForm.Get("nonce")), []byte(ui.linkNonce("host", hash))) {
		ui.renderHost(w, r, s, http.StatusUnprocessableEntity, h.Name, ui.personalView(r, h, hash),
			formState{values: householdValues(h), msg: "This page was open for a long time. Please press Withdraw again."})
		return
	}
	if err := ui.app.WithdrawHousehold(r.Context(), hash); err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.log.InfoContext(r.Context(), "host withdrew", "household", h.ID, "tenant", h.TenantID)
	ui.gone(w, r, s, goneView{Status: http.StatusOK, Heading: "You have withdrawn",
		Text: "Your household is no longer on our list of hosts, and we will not match guests to you. Thank you for your generosity."})
}
