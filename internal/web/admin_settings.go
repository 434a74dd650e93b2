package web

import (
	"net/http"
	"net/url"
	"strconv"

	"itinera"
)

// The organization's settings (name, time zone, the sender of its e-mail,
// how its delegations travel), for administrators.

type settingsView struct {
	Form formView
	Slug string
}

func settingsFields() []field {
	return []field{
		{Name: "name", Label: "Organization name", Type: "text", Required: true, Autocomplete: "organization"},
		{Name: "time_zone", Label: "Time zone", Type: "zone", Required: true,
			Hint: "Type the city or its region to choose, such as Chicago for America/Chicago. Organization-wide lists (the Outbox, imports, users and tokens) show times in it."},
		{Name: "mail_from_name", Label: "E-mail sender name", Type: "text",
			Hint: "The name the organization's e-mails come from. Leave empty to use the organization name."},
		{Name: "mail_from_address", Label: "E-mail sender address", Type: "email", Autocomplete: "off",
			Hint: "Leave empty to use the installation's address. Use an address your mail server may send for."},
		{Name: "travel_mode", Label: "How delegations usually travel", Type: "select", Required: true, Options: travelModeOptions(""),
			Hint: "The itinerary engine times trips between places in this mode; a program day may say otherwise."},
		{Name: "walk_short_hops", Label: "Walk short hops (under about 800 m) whatever the mode", Type: "checkbox"},
		{Name: "address", Label: "Postal address", Type: "textarea", Rows: 3, Autocomplete: "street-address",
			Hint: "On the letterhead of the thank-you letters and the year-end report."},
		{Name: "phone", Label: "Office phone", Type: "tel", Autocomplete: "tel",
			Hint: "Printed in the program books, with the e-mail address."},
		{Name: "emergency_phone", Label: "Emergency phone (answers around the clock)", Type: "tel", Autocomplete: "off",
			Hint: "Printed in the program books for visitors who need help at any hour."},
		{Name: "paper_size", Label: "Paper for printed books", Type: "select", Required: true,
			Options: []option{{Value: itinera.PaperLetter, Label: "US Letter"}, {Value: itinera.PaperA4, Label: "A4"}}},
		{Name: "reminder_minutes", Label: "Reminders in the calendars sent to visitors and interpreters", Type: "select",
			Options: []option{{Value: "0", Label: "No reminders"}, {Value: "15", Label: "15 minutes before"},
				{Value: "30", Label: "30 minutes before"}, {Value: "60", Label: "1 hour before"}, {Value: "120", Label: "2 hours before"},
				{Value: "1440", Label: "1 day before"}}},
		{Name: "feedback_reminder_days", Label: "Remind those who have not given their feedback", Type: "select",
			Options: []option{{Value: "0", Label: "Never"}, {Value: "3", Label: "3 days after the links went out"},
				{Value: "7", Label: "7 days after the links went out"}, {Value: "14", Label: "14 days after the links went out"}},
			Hint: "Once, with a new link, to each visitor, interpreter, resource and household who has not answered."},
		{Name: "follow_up_months", Label: "Ask what followed, months after each program", Type: "text", Autocomplete: "off",
			Hint: "Months after a program's last day, separated by commas, such as 3, 6, 12: each visitor and resource gets a personal link to tell what came of the visit. Leave empty to never ask."},
		{Name: "volunteer_hour_value", Label: "Value of a volunteer hour (dollars)", Type: "text", Autocomplete: "off",
			Hint: "For the reports: the volunteer hours are valued at this rate, e.g. Independent Sector's estimate for your state. Leave empty for hours only."},
	}
}

func settingsValues(st itinera.Settings) url.Values {
	v := url.Values{"name": {st.Name}, "time_zone": {st.TimeZone},
		"mail_from_name": {st.MailFromName}, "mail_from_address": {st.MailFromAddress}, "travel_mode": {string(st.TravelMode)},
		"phone": {st.Phone}, "emergency_phone": {st.EmergencyPhone}, "paper_size": {st.PaperSize},
		"reminder_minutes": {strconv.Itoa(st.ReminderMinutes)}, "feedback_reminder_days": {strconv.Itoa(st.FeedbackReminderDays)},
		"follow_up_months": {itinera.FollowUpMonthsText(st.FollowUpMonths)},
		"address":          {st.Address}, "volunteer_hour_value": {itinera.AmountText(int64(st.VolunteerHourCents))}}
	if st.WalkShortHops {
		v.Set("walk_short_hops", "on")
	}
	setVersion(v, st.Version)
	return v
}

func (ui *UI) settingsPage(w http.ResponseWriter, r *http.Request, s *session, slug string, st formState, code int) {
	fs := settingsFields()
	v := settingsView{Slug: slug,
		Form: st.build(formView{Action: "/admin/settings", Submit: "Save settings", Cancel: "/admin/settings"}, fs)}
	v.Form.Summary = sortSummary(v.Form.Summary, fs)
	ui.render(w, r, s, code, "settings", pageInfo{Title: "Settings", Nav: "admin"}, v)
}

func (ui *UI) settingsEdit(w http.ResponseWriter, r *http.Request, s *session) {
	st, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.settingsPage(w, r, s, st.Slug, formState{values: settingsValues(st)}, http.StatusOK)
}

func (ui *UI) settingsUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	fr := newFormReader(r.PostForm)
	st := itinera.Settings{TenantID: s.User.TenantID, Name: fr.str("name"), TimeZone: fr.str("time_zone"),
		MailFromName: fr.str("mail_from_name"), MailFromAddress: fr.str("mail_from_address"), Version: formVersion(r.PostForm),
		TravelMode: itinera.TravelMode(fr.str("travel_mode")), WalkShortHops: fr.bool("walk_short_hops"),
		Phone: fr.str("phone"), EmergencyPhone: fr.str("emergency_phone"), PaperSize: fr.str("paper_size"),
		ReminderMinutes:      fr.int("reminder_minutes", "Choose how long before each item to remind."),
		FeedbackReminderDays: fr.int("feedback_reminder_days", "Choose when to remind those who have not given their feedback."),
		Address:              fr.text("address"), VolunteerHourCents: int(fr.amount("volunteer_hour_value"))}
	months, merr := itinera.ParseFollowUpMonths(r.PostForm.Get("follow_up_months"))
	st.FollowUpMonths = months
	// Name every wrong field at once, the schedule's with the others.
	for k, msg := range itinera.ErrorFields(merr) {
		fr.errs.Add(k, msg)
	}
	err := write(fr.errs, st.Validate, "settings", func() error {
		_, err := ui.app.UpdateSettings(r.Context(), ui.caller(r, s), st)
		return err
	})
	if err = renameFields(err, map[string]string{"volunteer_hour_cents": "volunteer_hour_value"}); err != nil {
		if itinera.ErrorCode(err) == itinera.ESTALE {
			cur, lerr := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
			if lerr != nil {
				ui.fail(w, r, s, lerr)
				return
			}
			ui.settingsPage(w, r, s, cur.Slug, staleState(err, settingsFields(), settingsValues(cur), r.PostForm), http.StatusConflict)
			return
		}
		if fs, ok := formError(r.PostForm, err); ok {
			old, err := ui.svc.Settings.Settings(r.Context(), s.User.TenantID)
			if err != nil {
				ui.fail(w, r, s, err)
				return
			}
			ui.settingsPage(w, r, s, old.Slug, fs, http.StatusUnprocessableEntity)
			return
		}
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, "/admin/settings", "The settings were saved.")
}
