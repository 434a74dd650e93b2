package api

import (
	"net/http"
	"time"

	"itinera"
)

// Candidate meetings and activities of a program. Their windows are shown
// in the program's time zone, so every answer loads the program too.

type meetingJSON struct {
	ID                   int64        `json:"id"`
	Version              int          `json:"version"`
	ProgramID            int64        `json:"program_id"`
	Title                string       `json:"title"`
	HostOrganization     ref          `json:"host_organization"`
	Contact              *ref         `json:"contact"`
	PartnerOrganizations []ref        `json:"partner_organizations"`
	Place                *ref         `json:"place"`
	Topics               []string     `json:"topics"`
	DurationMinutes      int          `json:"duration_minutes"`
	Audience             string       `json:"audience"`
	Attendance           string       `json:"attendance"`
	MinVisitors          int          `json:"min_visitors"`
	MaxVisitors          int          `json:"max_visitors"`
	VisitorIDs           []int64      `json:"visitor_ids"`
	Languages            []string     `json:"languages"`
	Questions            string       `json:"questions"`
	Priority             int          `json:"priority"`
	Mandatory            bool         `json:"mandatory"`
	Status               string       `json:"status"`
	Windows              []windowJSON `json:"windows"`
	Notes                string       `json:"notes"`
}

type meetingInput struct {
	Title                  string       `json:"title"`
	HostOrganizationID     int64        `json:"host_organization_id"`
	ContactID              int64        `json:"contact_id"`
	PartnerOrganizationIDs []int64      `json:"partner_organization_ids"`
	PlaceID                int64        `json:"place_id"`
	Topics                 []string     `json:"topics"`
	DurationMinutes        int          `json:"duration_minutes"`
	Audience               string       `json:"audience"`
	Attendance             string       `json:"attendance"`
	MinVisitors            int          `json:"min_visitors"`
	MaxVisitors            int          `json:"max_visitors"`
	VisitorIDs             []int64      `json:"visitor_ids"`
	Languages              []string     `json:"languages"`
	Questions              string       `json:"questions"`
	Priority               int          `json:"priority"`
	Mandatory              bool         `json:"mandatory"`
	Status                 string       `json:"status"`
	Windows                []windowJSON `json:"windows"`
	Notes                  string       `json:"notes"`
}

func newMeetingJSON(m itinera.Meeting, loc *time.Location) meetingJSON {
	partners := make([]ref, len(m.PartnerOrganizationIDs))
	for i, id := range m.PartnerOrganizationIDs {
		partners[i].ID = id
		if i < len(m.PartnerOrganizations) {
			partners[i].Name = m.PartnerOrganizations[i]
		}
	}
	return meetingJSON{ID: m.ID, Version: m.Version, ProgramID: m.ProgramID, Title: m.Title,
		HostOrganization: ref{ID: m.HostOrganizationID, Name: m.HostOrganizationName},
		Contact:          optRef(m.ContactID, m.ContactName), PartnerOrganizations: partners,
		Place: optRef(m.PlaceID, m.PlaceName), Topics: list(m.Topics), DurationMinutes: m.DurationMinutes,
		Audience: m.Audience, Attendance: string(m.For), MinVisitors: m.MinVisitors, MaxVisitors: m.MaxVisitors,
		VisitorIDs: list(m.VisitorIDs), Languages: list(m.Languages),
		Questions: m.Questions, Priority: m.Priority, Mandatory: m.Mandatory, Status: string(m.Status),
		Windows: windowsJSON(m.Windows, loc), Notes: m.Notes}
}

type activityJSON struct {
	ID              int64        `json:"id"`
	Version         int          `json:"version"`
	ProgramID       int64        `json:"program_id"`
	Title           string       `json:"title"`
	Kind            string       `json:"kind"`
	Place           *ref         `json:"place"`
	Topics          []string     `json:"topics"`
	DurationMinutes int          `json:"duration_minutes"`
	Priority        int          `json:"priority"`
	Mandatory       bool         `json:"mandatory"`
	Status          string       `json:"status"`
	Windows         []windowJSON `json:"windows"`
	Notes           string       `json:"notes"`
}

type activityInput struct {
	Title           string       `json:"title"`
	Kind            string       `json:"kind"`
	PlaceID         int64        `json:"place_id"`
	Topics          []string     `json:"topics"`
	DurationMinutes int          `json:"duration_minutes"`
	Priority        int          `json:"priority"`
	Mandatory       bool         `json:"mandatory"`
	Status          string       `json:"status"`
	Windows         []windowJSON `json:"windows"`
	Notes           string       `json:"notes"`
}

func newActivityJSON(x itinera.Activity, loc *time.Location) activityJSON {
	return activityJSON{ID: x.ID, Version: x.Version, ProgramID: x.ProgramID, Title: x.Title, Kind: string(x.Kind),
		Place: optRef(x.PlaceID, x.PlaceName), Topics: list(x.Topics), DurationMinutes: x.DurationMinutes,
		Priority: x.Priority, Mandatory: x.Mandatory, Status: string(x.Status),
		Windows: windowsJSON(x.Windows, loc), Notes: x.Notes}
}

// Meetings.

func (a *API) listMeetings(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	ms, err := a.svc.Candidates.Meetings(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	loc := p.Location()
	return listed(w, r, a, "meetings", ms, func(m itinera.Meeting) int64 { return m.ID }, func(m itinera.Meeting) meetingJSON {
		return newMeetingJSON(m, loc)
	})
}

// meeting loads the meeting named by the path's id and its program.
func (a *API) meeting(r *http.Request, u itinera.User) (itinera.Meeting, itinera.Program, error) {
	id, err := pathID(r, "meeting")
	if err != nil {
		return itinera.Meeting{}, itinera.Program{}, err
	}
	m, err := a.svc.Candidates.Meeting(r.Context(), u.TenantID, id)
	if err != nil {
		return m, itinera.Program{}, err
	}
	p, err := a.svc.Programs.Program(r.Context(), u.TenantID, m.ProgramID)
	return m, p, err
}

func (a *API) buildMeeting(w http.ResponseWriter, r *http.Request, u itinera.User, m *itinera.Meeting) error {
	var in meetingInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	m.TenantID = u.TenantID
	m.Title, m.HostOrganizationID, m.ContactID = in.Title, in.HostOrganizationID, in.ContactID
	m.PartnerOrganizationIDs, m.PlaceID, m.Topics = list(in.PartnerOrganizationIDs), in.PlaceID, in.Topics
	m.DurationMinutes, m.Audience, m.Priority, m.Questions = in.DurationMinutes, in.Audience, in.Priority, in.Questions
	m.Mandatory, m.Status, m.Notes = in.Mandatory, itinera.MeetingStatus(in.Status), in.Notes
	m.Attendance = itinera.Attendance{For: itinera.AttendanceKind(in.Attendance), MinVisitors: in.MinVisitors,
		MaxVisitors: in.MaxVisitors, VisitorIDs: in.VisitorIDs}
	m.Languages = in.Languages
	m.Windows = parseWindows(f, in.Windows)
	return parsed("meeting", f, m)
}

// Activities.

func (a *API) listActivities(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	as, err := a.svc.Candidates.Activities(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	loc := p.Location()
	return listed(w, r, a, "activities", as, func(x itinera.Activity) int64 { return x.ID }, func(x itinera.Activity) activityJSON {
		return newActivityJSON(x, loc)
	})
}

func (a *API) buildActivity(w http.ResponseWriter, r *http.Request, u itinera.User, x *itinera.Activity) error {
	var in activityInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	x.TenantID = u.TenantID
	x.Title, x.Kind, x.PlaceID, x.Topics = in.Title, itinera.ActivityKind(in.Kind), in.PlaceID, in.Topics
	x.DurationMinutes, x.Priority, x.Mandatory = in.DurationMinutes, in.Priority, in.Mandatory
	x.Status, x.Notes = itinera.ActivityStatus(in.Status), in.Notes
	x.Windows = parseWindows(f, in.Windows)
	return parsed("activity", f, x)
}
