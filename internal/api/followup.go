package api

import (
	"context"
	"net/http"

	"itinera"
	"itinera/internal/app"
)

// After the visit: what followed a program (collaborations, a record
// like the others, with versions and merge patches), and its feedback.

type collaborationJSON struct {
	ID              int64    `json:"id"`
	Version         int      `json:"version"`
	ProgramID       int64    `json:"program_id"`
	Kind            string   `json:"kind"`
	Status          string   `json:"status"`
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	VisitorIDs      []int64  `json:"visitor_ids"`
	OrganizationIDs []int64  `json:"organization_ids"`
	Countries       []string `json:"countries"`
	StartedOn       *string  `json:"started_on"`
	EvidenceURL     string   `json:"evidence_url"`
	RecordedBy      string   `json:"recorded_by"`
}

type collaborationInput struct {
	Kind            string   `json:"kind"`
	Status          string   `json:"status"`
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	VisitorIDs      []int64  `json:"visitor_ids"`
	OrganizationIDs []int64  `json:"organization_ids"`
	Countries       []string `json:"countries"`
	StartedOn       string   `json:"started_on"`
	EvidenceURL     string   `json:"evidence_url"`
}

func ids(xs []int64) []int64 {
	if xs == nil {
		return []int64{}
	}
	return xs
}

func newCollaborationJSON(c itinera.Collaboration) collaborationJSON {
	j := collaborationJSON{ID: c.ID, Version: c.Version, ProgramID: c.ProgramID, Kind: string(c.Kind), Status: string(c.Status),
		Title: c.Title, Description: c.Description, VisitorIDs: ids(c.VisitorIDs), OrganizationIDs: ids(c.OrganizationIDs),
		Countries: list(c.Countries), EvidenceURL: c.EvidenceURL, RecordedBy: c.RecordedBy}
	if !c.StartedOn.IsZero() {
		s := c.StartedOn.String()
		j.StartedOn = &s
	}
	return j
}

func collaborationInputOf(c itinera.Collaboration) collaborationInput {
	return collaborationInput{Kind: string(c.Kind), Status: string(c.Status), Title: c.Title, Description: c.Description,
		VisitorIDs: ids(c.VisitorIDs), OrganizationIDs: ids(c.OrganizationIDs), Countries: list(c.Countries),
		StartedOn: c.StartedOn.String(), EvidenceURL: c.EvidenceURL}
}

func buildCollaboration(w http.ResponseWriter, r *http.Request, u itinera.User, c *itinera.Collaboration) error {
	var in collaborationInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	c.TenantID = u.TenantID
	c.Kind, c.Status, c.Title, c.Description = itinera.CollaborationKind(in.Kind), itinera.CollaborationStatus(in.Status), in.Title, in.Description
	c.VisitorIDs, c.OrganizationIDs, c.Countries, c.EvidenceURL = in.VisitorIDs, in.OrganizationIDs, in.Countries, in.EvidenceURL
	c.StartedOn = parseDate(f, "started_on", in.StartedOn)
	return validate("collaboration", f, c)
}

func (a *API) collaborationKind() kind[itinera.Collaboration] {
	return kind[itinera.Collaboration]{
		version: func(x *itinera.Collaboration) *int { return &x.Version },
		input:   plainInput(collaborationInputOf),
		name:    "collaboration",
		path:    "collaborations",
		load: func(ctx context.Context, tenantID, id int64) (itinera.Collaboration, error) {
			return a.svc.Feedback.Collaboration(ctx, tenantID, id)
		},
		id:     func(x itinera.Collaboration) int64 { return x.ID },
		build:  buildCollaboration,
		create: a.app.CreateCollaboration,
		update: a.app.UpdateCollaboration,
		remove: a.app.DeleteCollaboration,
		view:   plain(newCollaborationJSON),
		fresh: inProgram(a, func(tenantID, programID int64) itinera.Collaboration {
			return itinera.Collaboration{TenantID: tenantID, ProgramID: programID}
		}),
	}
}

func (a *API) listCollaborations(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	cs, err := a.svc.Feedback.Collaborations(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "collaborations", cs, func(c itinera.Collaboration) int64 { return c.ID }, newCollaborationJSON)
}

// Feedback.

type averageJSON struct {
	Average *float64 `json:"average"`
	Count   int      `json:"count"`
}

func newAverageJSON(v app.Average) averageJSON {
	j := averageJSON{Count: v.Count}
	if v.Count > 0 {
		x := float64(int(v.Value()*100+0.5)) / 100
		j.Average = &x
	}
	return j
}

type feedbackAnswerJSON struct {
	Role       string           `json:"role"`
	Name       string           `json:"name"`
	Answered   bool             `json:"answered"`
	AnsweredAt *string          `json:"answered_at"`
	Reminded   bool             `json:"reminded"`
	Rating     int              `json:"rating"`
	HostAgain  string           `json:"host_again"`
	Comment    string           `json:"comment"`
	Meetings   []meetingRatingJ `json:"meetings"`
}

type meetingRatingJ struct {
	MeetingID int64  `json:"meeting_id"`
	Rating    int    `json:"rating"`
	Comment   string `json:"comment"`
}

type meetingAverageJSON struct {
	MeetingID    int64  `json:"meeting_id"`
	Title        string `json:"title"`
	Organization string `json:"organization"`
	averageJSON
}

type organizationAverageJSON struct {
	OrganizationID int64       `json:"organization_id"`
	Name           string      `json:"name"`
	Meetings       averageJSON `json:"meetings"`
	Resources      averageJSON `json:"resources"`
}

type feedbackJSON struct {
	ProgramID     int64                     `json:"program_id"`
	Sent          int                       `json:"sent"`
	Answered      int                       `json:"answered"`
	Overall       averageJSON               `json:"overall"`
	Hosts         averageJSON               `json:"hosts"`
	Meetings      []meetingAverageJSON      `json:"meetings"`
	Organizations []organizationAverageJSON `json:"organizations"`
	Answers       []feedbackAnswerJSON      `json:"answers"`
}

func (a *API) getFeedback(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	sum, err := a.app.FeedbackSummary(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	j := feedbackJSON{ProgramID: p.ID, Sent: sum.Sent, Answered: sum.Answered, Overall: newAverageJSON(sum.Overall),
		Hosts: newAverageJSON(sum.Hosts), Meetings: []meetingAverageJSON{}, Organizations: []organizationAverageJSON{},
		Answers: []feedbackAnswerJSON{}}
	for _, m := range sum.Meetings {
		j.Meetings = append(j.Meetings, meetingAverageJSON{MeetingID: m.MeetingID, Title: m.Title, Organization: m.Organization,
			averageJSON: newAverageJSON(m.Average)})
	}
	for _, o := range sum.Organizations {
		j.Organizations = append(j.Organizations, organizationAverageJSON{OrganizationID: o.OrganizationID, Name: o.Name,
			Meetings: newAverageJSON(o.Meetings), Resources: newAverageJSON(o.Resources)})
	}
	for _, l := range sum.Links {
		x := feedbackAnswerJSON{Role: string(l.Role), Name: l.Name, Answered: l.Answered(), Reminded: !l.RemindedAt.IsZero(),
			Rating: l.Rating, HostAgain: string(l.HostAgain), Comment: l.Comment, Meetings: []meetingRatingJ{}}
		if l.Answered() {
			s := l.AnsweredAt.UTC().Format("2006-01-02T15:04:05Z")
			x.AnsweredAt = &s
		}
		for _, m := range l.Meetings {
			x.Meetings = append(x.Meetings, meetingRatingJ{MeetingID: m.MeetingID, Rating: m.Rating, Comment: m.Comment})
		}
		j.Answers = append(j.Answers, x)
	}
	return a.ok(w, r, j)
}

type feedbackIssuedJSON struct {
	Sent    int      `json:"sent"`
	Without []string `json:"without"`
}

func (a *API) postFeedback(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	out, err := a.app.IssueFeedback(r.Context(), a.caller(r, u), p.ID)
	if err != nil {
		return err
	}
	return a.ok(w, r, feedbackIssuedJSON{Sent: out.Sent, Without: list(out.Without)})
}
