package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"itinera"
	"itinera/internal/app"
)

// Candidate meetings and activities of a program.

var priorityOptions = []option{
	{Value: "1", Label: "1 – nice to have"}, {Value: "2", Label: "2"}, {Value: "3", Label: "3 – useful"},
	{Value: "4", Label: "4"}, {Value: "5", Label: "5 – essential"},
}

func windowsHint(p itinera.Program) string {
	return "One window a line, in the program's local time (" + p.TimeZone + "), as a date and a time range (9am–12pm or 09:00-12:00 both work), for example " +
		p.StartDate.AddDays(1).String() + " 09:00-12:00."
}

var attendanceOptions = []option{
	{Value: string(itinera.ForEveryone), Label: "Everyone in the delegation"},
	{Value: string(itinera.ForSubgroup), Label: "A sub-group (the planning chooses who)"},
	{Value: string(itinera.ForVisitors), Label: "The visitors named below"},
}

// countField shows a count where 0 means none: empty.
func countField(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func meetingFields(p itinera.Program, c choices) []field {
	return []field{
		{Name: "title", Label: "Title", Type: "text", Required: true},
		{Name: "host_organization_id", Label: "Host organization", Type: "select", Required: true,
			Options: with(option{Label: "Choose the host"}, c.orgs)},
		{Name: "contact_id", Label: "Host contact", Type: "select",
			Options: with(option{Label: "No contact yet"}, c.contacts), Hint: "A person at the host organization."},
		{Name: "partner_organization_ids", Label: "Invited partner organizations", Type: "multiselect",
			Options: c.orgs, Hint: "Hold Ctrl (Cmd on a Mac) to choose several."},
		{Name: "place_id", Label: "Place", Type: "select",
			Options: with(option{Label: "At the host's office (to be agreed)"}, c.places)},
		{Name: "topics", Label: "Topics", Type: "text", Hint: "Separated by commas."},
		{Name: "duration_minutes", Label: "Duration (minutes)", Type: "number", Required: true, Min: "10", Max: "720", Step: "5"},
		{Name: "audience", Label: "Audience", Type: "text", Hint: "Who joins from the host's side."},
		{Name: "attendance", Label: "For whom", Type: "select", Options: attendanceOptions},
		{Name: "visitor_ids", Label: "Named visitors", Type: "checkboxes", Options: c.visitors,
			Hint: "Only when the meeting is for named visitors."},
		{Name: "min_visitors", Label: "Fewest visitors the host receives", Type: "number", Min: "0", Max: itoa(itinera.MaxCapacity),
			Hint: "Empty: no minimum."},
		{Name: "max_visitors", Label: "Most visitors the host receives", Type: "number", Min: "0", Max: itoa(itinera.MaxCapacity),
			Hint: "Empty: no limit. A shelter often receives five."},
		{Name: "languages", Label: "Languages of the meeting", Type: "checkboxes", Options: languageOptions(),
			Hint: "Visitors who speak none of them need an interpreter there. None ticked: not known yet."},
		{Name: "questions", Label: "The visitors' questions", Type: "textarea", Rows: 3,
			Hint: "What the delegation wants to ask: in the briefing of their books and in the host's brief."},
		{Name: "priority", Label: "Priority", Type: "select", Options: priorityOptions},
		{Name: "mandatory", Label: "Must be in the itinerary", Type: "checkbox"},
		{Name: "status", Label: "Status", Type: "select", Options: enumOptions(itinera.MeetingStatuses)},
		{Name: "windows", Label: "Availability windows", Type: "textarea", Rows: 5, Hint: windowsHint(p)},
		{Name: "notes", Label: "Notes", Type: "textarea", Rows: 3},
	}
}

func meetingValues(m itinera.Meeting, loc *time.Location) url.Values {
	v := url.Values{}
	setVersion(v, m.Version)
	v.Set("title", m.Title)
	v.Set("host_organization_id", itoa(m.HostOrganizationID))
	if m.ContactID != 0 {
		v.Set("contact_id", itoa(m.ContactID))
	}
	for _, id := range m.PartnerOrganizationIDs {
		v.Add("partner_organization_ids", itoa(id))
	}
	if m.PlaceID != 0 {
		v.Set("place_id", itoa(m.PlaceID))
	}
	v.Set("topics", strings.Join(m.Topics, ", "))
	v.Set("duration_minutes", strconv.Itoa(m.DurationMinutes))
	v.Set("audience", m.Audience)
	v.Set("attendance", string(m.For))
	for _, id := range m.VisitorIDs {
		v.Add("visitor_ids", itoa(id))
	}
	v.Set("min_visitors", countField(m.MinVisitors))
	v.Set("max_visitors", countField(m.MaxVisitors))
	v["languages"] = append([]string{}, m.Languages...)
	v.Set("questions", m.Questions)
	v.Set("priority", strconv.Itoa(m.Priority))
	if m.Mandatory {
		v.Set("mandatory", "on")
	}
	v.Set("status", string(m.Status))
	v.Set("windows", formatWindows(m.Windows, loc))
	v.Set("notes", m.Notes)
	return v
}

func readMeeting(v url.Values, p itinera.Program, c choices) (itinera.Meeting, itinera.FieldErrors) {
	fr := newFormReader(v)
	m := itinera.Meeting{
		Title:                  fr.str("title"),
		HostOrganizationID:     fr.id("host_organization_id", c.orgIDs),
		ContactID:              fr.id("contact_id", nil),
		PartnerOrganizationIDs: fr.ids("partner_organization_ids", c.orgIDs),
		PlaceID:                fr.id("place_id", c.placeIDs),
		Topics:                 fr.list("topics"),
		DurationMinutes:        fr.int("duration_minutes", "Enter the duration as a whole number of minutes."),
		Audience:               fr.str("audience"),
		Attendance: itinera.Attendance{For: itinera.AttendanceKind(fr.str("attendance")),
			MinVisitors: fr.int("min_visitors", "Enter a whole number of visitors."),
			MaxVisitors: fr.int("max_visitors", "Enter a whole number of visitors."),
			VisitorIDs:  fr.ids("visitor_ids", c.visitorIDs)},
		Languages: v["languages"],
		Questions: fr.text("questions"),
		Priority:  fr.int("priority", "Choose a priority."),
		Mandatory: fr.bool("mandatory"),
		Status:    itinera.MeetingStatus(fr.str("status")),
		Notes:     fr.text("notes"),
	}
	if _, ok := c.contactOrg[m.ContactID]; m.ContactID != 0 && !ok {
		fr.errs.Add("contact_id", "Choose one of the listed entries.")
	}
	ws, msg := parseWindows(v.Get("windows"), p)
	if msg != "" {
		fr.errs.Add("windows", msg)
	}
	m.Windows = ws
	return m, fr.errs
}

func (ui *UI) meetingForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, m *itinera.Meeting, st formState) {
	c, err := ui.meetingChoices(r, s, p)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "New candidate meeting", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	fv := formView{Action: "/programs/" + itoa(p.ID) + "/meetings", Submit: "Add meeting", Cancel: programLink(p, "meetings")}
	if m != nil {
		info.Title = "Edit meeting " + m.Title
		fv = formView{Action: "/meetings/" + itoa(m.ID), Submit: "Save meeting", Cancel: programLink(p, "meetings"),
			Record: m.ID, Delete: "/meetings/" + itoa(m.ID) + "/delete", DeleteWhat: "meeting"}
	}
	ui.renderForm(w, r, s, info, st, fv, meetingFields(p, c))
}

func (ui *UI) meeting(r *http.Request, s *session) (itinera.Meeting, itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Meeting{}, itinera.Program{}, err
	}
	m, err := ui.svc.Candidates.Meeting(r.Context(), s.User.TenantID, id)
	if err != nil {
		return m, itinera.Program{}, err
	}
	p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, m.ProgramID)
	return m, p, err
}

func (ui *UI) meetingNew(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := url.Values{"duration_minutes": {"60"}, "priority": {"3"}, "status": {string(itinera.MeetingCandidate)}}
	ui.meetingForm(w, r, s, p, nil, formState{values: v})
}

// saveMeeting reads, validates and stores a meeting; old is nil to create.
func (ui *UI) saveMeeting(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, old *itinera.Meeting) {
	c, err := ui.meetingChoices(r, s, p)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	m, perrs := readMeeting(r.PostForm, p, c)
	m.TenantID, m.ProgramID, m.Version = s.User.TenantID, p.ID, formVersion(r.PostForm)
	var res app.MeetingResult
	err = write(perrs, m.Validate, "meeting", func() (err error) {
		if old == nil {
			res.Meeting, err = ui.app.CreateMeeting(r.Context(), ui.caller(r, s), m)
			return err
		}
		m.ID = old.ID
		res, err = ui.app.UpdateMeeting(r.Context(), ui.caller(r, s), m)
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.Candidates.Meeting(r.Context(), s.User.TenantID, old.ID)
		return meetingValues(cur, p.Location()), err
	}
	if !ui.settleForm(w, r, s, err, meetingFields(p, c), current, func(st formState) { ui.meetingForm(w, r, s, p, old, st) }) {
		return
	}
	msg := "The meeting “" + res.Meeting.Title + "” was saved."
	switch {
	case res.Meeting.Status == itinera.MeetingCancelled && (old == nil || old.Status != itinera.MeetingCancelled):
		msg = "The meeting “" + res.Meeting.Title + "” is cancelled."
		if res.Notified > 0 {
			msg += " Its resource receives a cancellation in the outbox."
		}
	case res.Notified > 0:
		msg += " Its resource receives an updated invitation in the outbox."
	case res.Pending > 0:
		msg += " Its resource receives an updated invitation at the next release."
	}
	ui.redirect(w, r, programLink(p, "meeting-"+itoa(res.Meeting.ID)), msg)
}

func (ui *UI) meetingCreate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.saveMeeting(w, r, s, p, nil)
}

func (ui *UI) meetingEdit(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.meetingForm(w, r, s, p, &m, formState{values: meetingValues(m, p.Location())})
}

func (ui *UI) meetingUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.saveMeeting(w, r, s, p, &m)
}

func (ui *UI) meetingDelete(w http.ResponseWriter, r *http.Request, s *session) {
	m, p, err := ui.meeting(r, s)
	if err == nil {
		err = ui.app.DeleteMeeting(r.Context(), ui.caller(r, s), m.ID)
	}
	if itinera.ErrorCode(err) == itinera.ECONFLICT {
		ui.redirect(w, r, programLink(p, "meetings"), itinera.ErrorMessage(err))
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, programLink(p, "meetings"), "The meeting “"+m.Title+"” was deleted.")
}

func activityFields(p itinera.Program, c choices) []field {
	return []field{
		{Name: "title", Label: "Title", Type: "text", Required: true},
		{Name: "kind", Label: "Kind", Type: "select", Required: true, Options: enumOptions(itinera.ActivityKinds)},
		{Name: "place_id", Label: "Place", Type: "select", Options: with(option{Label: "No place"}, c.places)},
		{Name: "topics", Label: "Topics", Type: "text", Hint: "Separated by commas."},
		{Name: "duration_minutes", Label: "Duration (minutes)", Type: "number", Required: true, Min: "10", Max: "720", Step: "5"},
		{Name: "priority", Label: "Priority", Type: "select", Options: priorityOptions},
		{Name: "mandatory", Label: "Must be in the itinerary", Type: "checkbox"},
		{Name: "status", Label: "Status", Type: "select", Options: enumOptions(itinera.ActivityStatuses)},
		{Name: "windows", Label: "Opening hours on the program days", Type: "textarea", Rows: 5, Hint: windowsHint(p)},
		{Name: "notes", Label: "Notes", Type: "textarea", Rows: 3},
	}
}

func activityValues(a itinera.Activity, loc *time.Location) url.Values {
	v := url.Values{}
	setVersion(v, a.Version)
	v.Set("title", a.Title)
	v.Set("kind", string(a.Kind))
	if a.PlaceID != 0 {
		v.Set("place_id", itoa(a.PlaceID))
	}
	v.Set("topics", strings.Join(a.Topics, ", "))
	v.Set("duration_minutes", strconv.Itoa(a.DurationMinutes))
	v.Set("priority", strconv.Itoa(a.Priority))
	if a.Mandatory {
		v.Set("mandatory", "on")
	}
	v.Set("status", string(a.Status))
	v.Set("windows", formatWindows(a.Windows, loc))
	v.Set("notes", a.Notes)
	return v
}

func readActivity(v url.Values, p itinera.Program, c choices) (itinera.Activity, itinera.FieldErrors) {
	fr := newFormReader(v)
	a := itinera.Activity{
		Title:           fr.str("title"),
		Kind:            itinera.ActivityKind(fr.str("kind")),
		PlaceID:         fr.id("place_id", c.placeIDs),
		Topics:          fr.list("topics"),
		DurationMinutes: fr.int("duration_minutes", "Enter the duration as a whole number of minutes."),
		Priority:        fr.int("priority", "Choose a priority."),
		Mandatory:       fr.bool("mandatory"),
		Status:          itinera.ActivityStatus(fr.str("status")),
		Notes:           fr.text("notes"),
	}
	ws, msg := parseWindows(v.Get("windows"), p)
	if msg != "" {
		fr.errs.Add("windows", msg)
	}
	a.Windows = ws
	return a, fr.errs
}

func (ui *UI) activityForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, a *itinera.Activity, st formState) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	info := pageInfo{Title: "New activity", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	fv := formView{Action: "/programs/" + itoa(p.ID) + "/activities", Submit: "Add activity", Cancel: programLink(p, "activities")}
	if a != nil {
		info.Title = "Edit activity " + a.Title
		fv = formView{Action: "/activities/" + itoa(a.ID), Submit: "Save activity", Cancel: programLink(p, "activities"),
			Record: a.ID, Delete: "/activities/" + itoa(a.ID) + "/delete", DeleteWhat: "activity"}
	}
	ui.renderForm(w, r, s, info, st, fv, activityFields(p, c))
}

func (ui *UI) activity(r *http.Request, s *session) (itinera.Activity, itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Activity{}, itinera.Program{}, err
	}
	a, err := ui.svc.Candidates.Activity(r.Context(), s.User.TenantID, id)
	if err != nil {
		return a, itinera.Program{}, err
	}
	p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, a.ProgramID)
	return a, p, err
}

func (ui *UI) activityNew(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v := url.Values{"duration_minutes": {"90"}, "priority": {"3"}, "kind": {string(itinera.ActivityCultural)},
		"status": {string(itinera.ActivityCandidate)}}
	ui.activityForm(w, r, s, p, nil, formState{values: v})
}

func (ui *UI) saveActivity(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, old *itinera.Activity) {
	c, err := ui.choices(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	a, perrs := readActivity(r.PostForm, p, c)
	a.TenantID, a.ProgramID, a.Version = s.User.TenantID, p.ID, formVersion(r.PostForm)
	err = write(perrs, a.Validate, "activity", func() (err error) {
		if old == nil {
			a, err = ui.app.CreateActivity(r.Context(), ui.caller(r, s), a)
			return err
		}
		a.ID = old.ID
		a, err = ui.app.UpdateActivity(r.Context(), ui.caller(r, s), a)
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.Candidates.Activity(r.Context(), s.User.TenantID, old.ID)
		return activityValues(cur, p.Location()), err
	}
	if ui.settleForm(w, r, s, err, activityFields(p, c), current, func(st formState) { ui.activityForm(w, r, s, p, old, st) }) {
		ui.redirect(w, r, programLink(p, "activity-"+itoa(a.ID)), "The activity “"+a.Title+"” was saved.")
	}
}

func (ui *UI) activityCreate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.saveActivity(w, r, s, p, nil)
}

func (ui *UI) activityEdit(w http.ResponseWriter, r *http.Request, s *session) {
	a, p, err := ui.activity(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.activityForm(w, r, s, p, &a, formState{values: activityValues(a, p.Location())})
}

func (ui *UI) activityUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	a, p, err := ui.activity(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.saveActivity(w, r, s, p, &a)
}

func (ui *UI) activityDelete(w http.ResponseWriter, r *http.Request, s *session) {
	a, p, err := ui.activity(r, s)
	if err == nil {
		err = ui.app.DeleteActivity(r.Context(), ui.caller(r, s), a.ID)
	}
	if itinera.ErrorCode(err) == itinera.ECONFLICT {
		ui.redirect(w, r, programLink(p, "activities"), itinera.ErrorMessage(err))
		return
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, programLink(p, "activities"), "The activity “"+a.Title+"” was deleted.")
}
