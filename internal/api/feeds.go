package api

import (
	"context"
	"net/http"
	"time"

	"itinera"
)

// Calendar subscription feeds of a program: a secret address per program,
// visitor, interpreter and resource contact. Only the answer that issues a
// feed holds its address; lists never do (the store keeps only the hash of
// its token).

type feedJSON struct {
	ID        int64  `json:"id"`
	ProgramID int64  `json:"program_id"`
	Kind      string `json:"kind"`
	Subject   *ref   `json:"subject"`
	CreatedAt string `json:"created_at"`
}

// issuedFeedJSON is a new feed with its address, shown this once.
type issuedFeedJSON struct {
	feedJSON
	URL    string `json:"url"`
	Webcal string `json:"webcal"`
}

type feedInput struct {
	Kind      string `json:"kind"`
	SubjectID int64  `json:"subject_id"`
}

// feedSubjects names the people of a program who can have a feed: its
// visitors, interpreters and the contacts of its meetings.
func (a *API) feedSubjects(ctx context.Context, tenantID, programID int64) (map[itinera.FeedKind]map[int64]string, error) {
	vs, err := a.svc.People.Visitors(ctx, tenantID, programID)
	if err != nil {
		return nil, err
	}
	is, err := a.svc.People.Interpreters(ctx, tenantID, programID)
	if err != nil {
		return nil, err
	}
	ms, err := a.svc.Candidates.Meetings(ctx, tenantID, programID)
	if err != nil {
		return nil, err
	}
	names := map[itinera.FeedKind]map[int64]string{
		itinera.FeedVisitor: {}, itinera.FeedInterpreter: {}, itinera.FeedContact: {}}
	for _, v := range vs {
		names[itinera.FeedVisitor][v.ID] = v.Name()
	}
	for _, i := range is {
		names[itinera.FeedInterpreter][i.ID] = i.Name
	}
	for _, m := range ms {
		if m.ContactID != 0 {
			names[itinera.FeedContact][m.ContactID] = m.ContactName
		}
	}
	return names, nil
}

func newFeedJSON(f itinera.Feed, names map[itinera.FeedKind]map[int64]string, loc *time.Location) feedJSON {
	j := feedJSON{ID: f.ID, ProgramID: f.ProgramID, Kind: string(f.Kind), CreatedAt: instant(f.CreatedAt, loc)}
	if f.Kind != itinera.FeedProgram {
		j.Subject = &ref{ID: f.SubjectID, Name: names[f.Kind][f.SubjectID]}
	}
	return j
}

// listFeeds answers the program's live feeds, without their addresses.
func (a *API) listFeeds(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	fs, err := a.svc.Feeds.Feeds(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	names, err := a.feedSubjects(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	loc := p.Location()
	return listed(w, r, a, "feeds", fs, func(f itinera.Feed) int64 { return f.ID }, func(f itinera.Feed) feedJSON {
		return newFeedJSON(f, names, loc)
	})
}

// issueFeed makes a new secret address for one person of the program (or
// the whole program), revoking their old one; the answer is the only place
// the address is shown.
func (a *API) issueFeed(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	var in feedInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	// Read before the write, so that a feed issued is never answered with an error.
	names, err := a.feedSubjects(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	out, err := a.app.IssueFeed(r.Context(), a.caller(r, u), p.ID, itinera.FeedKind(in.Kind), in.SubjectID)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, issuedFeedJSON{feedJSON: newFeedJSON(out.Feed, names, p.Location()),
		URL: out.URL, Webcal: out.Webcal})
	return nil
}

// revokeFeed ends a feed: its address stops working at once.
func (a *API) revokeFeed(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "calendar feed")
	if err != nil {
		return err
	}
	if err := a.app.RevokeFeed(r.Context(), a.caller(r, u), id); err != nil {
		return err
	}
	return noContent(w)
}
