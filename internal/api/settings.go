package api

import (
	"net/http"

	"itinera"
)

// The organization's settings, for administrators: its name, time zone,
// the sender its e-mail shows and how its delegations travel.

type settingsJSON struct {
	Version         int    `json:"version"`
	Slug            string `json:"slug"`
	Name            string `json:"name"`
	TimeZone        string `json:"time_zone"`
	MailFromName    string `json:"mail_from_name"`
	MailFromAddress string `json:"mail_from_address"`
	TravelMode      string `json:"travel_mode"`
	WalkShortHops   bool   `json:"walk_short_hops"`
	PaperSize       string `json:"paper_size"`
	Phone           string `json:"phone"`
	EmergencyPhone  string `json:"emergency_phone"`
	ReminderMinutes int    `json:"reminder_minutes"`
	// FeedbackReminderDays: days after the feedback links before the one
	// reminder; 0: none.
	FeedbackReminderDays int `json:"feedback_reminder_days"`
	// FollowUpMonths: months after a program's last day when its visitors
	// and resources are asked what followed; empty: never.
	FollowUpMonths []int `json:"follow_up_months"`
	// VolunteerHourCents: the value of a volunteer hour, in cents; 0: none.
	VolunteerHourCents int    `json:"volunteer_hour_cents"`
	Address            string `json:"address"`
}

type settingsInput struct {
	Name            string `json:"name"`
	TimeZone        string `json:"time_zone"`
	MailFromName    string `json:"mail_from_name"`
	MailFromAddress string `json:"mail_from_address"`
	TravelMode      string `json:"travel_mode"`
	// WalkShortHops left out of a PUT means yes, as for a new organization.
	WalkShortHops  *bool  `json:"walk_short_hops"`
	PaperSize      string `json:"paper_size"`
	Phone          string `json:"phone"`
	EmergencyPhone string `json:"emergency_phone"`
	// ReminderMinutes left out of a PUT means none.
	ReminderMinutes int `json:"reminder_minutes"`
	// FeedbackReminderDays left out of a PUT means a week, as for a new
	// organization.
	FeedbackReminderDays *int `json:"feedback_reminder_days"`
	// FollowUpMonths left out of a PUT means 3, 6 and 12 months, as for a
	// new organization.
	FollowUpMonths *[]int `json:"follow_up_months"`
	// VolunteerHourCents and Address left out of a PUT mean none.
	VolunteerHourCents int    `json:"volunteer_hour_cents"`
	Address            string `json:"address"`
}

func newSettingsJSON(s itinera.Settings) settingsJSON {
	return settingsJSON{Version: s.Version, Slug: s.Slug, Name: s.Name, TimeZone: s.TimeZone, MailFromName: s.MailFromName,
		MailFromAddress: s.MailFromAddress, TravelMode: string(s.TravelMode), WalkShortHops: s.WalkShortHops,
		PaperSize: s.PaperSize, Phone: s.Phone, EmergencyPhone: s.EmergencyPhone, ReminderMinutes: s.ReminderMinutes,
		FeedbackReminderDays: s.FeedbackReminderDays, FollowUpMonths: s.FollowUpMonths, VolunteerHourCents: s.VolunteerHourCents, Address: s.Address}
}

func (a *API) getSettings(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	s, err := a.svc.Settings.Settings(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(s.Version))
	return a.ok(w, r, newSettingsJSON(s))
}

// putSettings replaces the settings; empty sender fields mean the
// organization's name and the installation's address.
func (a *API) putSettings(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.changeSettings(w, r, u, false)
}

// patchSettings changes the settings a merge patch names.
func (a *API) patchSettings(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	return a.changeSettings(w, r, u, true)
}

func (a *API) changeSettings(w http.ResponseWriter, r *http.Request, u itinera.User, patch bool) error {
	s, err := a.svc.Settings.Settings(r.Context(), u.TenantID)
	if err != nil {
		return err
	}
	if v, err := ifMatch(r); err != nil {
		return err
	} else if v != 0 && v != s.Version {
		return itinera.Stale("organization's settings", v, s.Version)
	}
	var in settingsInput
	if patch {
		err = decodePatch(w, r, settingsInput{Name: s.Name, TimeZone: s.TimeZone, MailFromName: s.MailFromName,
			MailFromAddress: s.MailFromAddress, TravelMode: string(s.TravelMode), WalkShortHops: &s.WalkShortHops,
			PaperSize: s.PaperSize, Phone: s.Phone, EmergencyPhone: s.EmergencyPhone, ReminderMinutes: s.ReminderMinutes,
			FeedbackReminderDays: &s.FeedbackReminderDays, FollowUpMonths: &s.FollowUpMonths, VolunteerHourCents: s.VolunteerHourCents, Address: s.Address}, &in)
	} else {
		err = decode(w, r, &in)
	}
	if err != nil {
		return err
	}
	s.Name, s.TimeZone, s.MailFromName, s.MailFromAddress = in.Name, in.TimeZone, in.MailFromName, in.MailFromAddress
	s.TravelMode, s.WalkShortHops = itinera.TravelMode(in.TravelMode), in.WalkShortHops == nil || *in.WalkShortHops
	s.PaperSize, s.Phone, s.EmergencyPhone, s.ReminderMinutes = in.PaperSize, in.Phone, in.EmergencyPhone, in.ReminderMinutes
	s.FeedbackReminderDays = itinera.DefaultFeedbackReminderDays
	if in.FeedbackReminderDays != nil {
		s.FeedbackReminderDays = *in.FeedbackReminderDays
	}
	s.FollowUpMonths = append([]int(nil), itinera.DefaultFollowUpMonths...)
	if in.FollowUpMonths != nil {
		s.FollowUpMonths = append([]int{}, *in.FollowUpMonths...)
	}
	s.VolunteerHourCents, s.Address = in.VolunteerHourCents, in.Address
	if s, err = a.app.UpdateSettings(r.Context(), a.caller(r, u), s); err != nil {
		return err
	}
	w.Header().Set("ETag", etag(s.Version))
	return a.ok(w, r, newSettingsJSON(s))
}
