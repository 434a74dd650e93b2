package api

import (
	"net/http"

	"itinera"
)

// programSummary is a program in the list of programs.
type programSummary struct {
	ID           int64  `json:"id"`
	Title        string `json:"title"`
	ProjectType  string `json:"project_type"`
	City         string `json:"city"`
	TimeZone     string `json:"time_zone"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date"`
	Status       string `json:"status"`
	VisitorCount int    `json:"visitor_count"`
}

// programJSON is one program with all its own fields.
type programJSON struct {
	programSummary
	Version     int      `json:"version"`
	Language    string   `json:"language"`
	SplitLunch  string   `json:"split_lunch"`
	SplitCost   int      `json:"split_cost"`
	Description string   `json:"description"`
	Objectives  []string `json:"objectives"`
	Hotel       *ref     `json:"hotel"`
	CreatedAt   string   `json:"created_at"`
	UpdatedAt   string   `json:"updated_at"`
}

// programDetail is a program with everything that belongs to it.
type programDetail struct {
	programJSON
	Days         []dayJSON         `json:"days"`
	Visitors     []visitorJSON     `json:"visitors"`
	Interpreters []interpreterJSON `json:"interpreters"`
	Meetings     []meetingJSON     `json:"meetings"`
	Activities   []activityJSON    `json:"activities"`
	Itinerary    *itineraryJSON    `json:"itinerary"`
}

// programInput is the body of POST and PUT; PUT replaces every field.
type programInput struct {
	Title        string   `json:"title"`
	ProjectType  string   `json:"project_type"`
	Description  string   `json:"description"`
	Objectives   []string `json:"objectives"`
	City         string   `json:"city"`
	TimeZone     string   `json:"time_zone"`
	Language     string   `json:"language"`
	StartDate    string   `json:"start_date"`
	EndDate      string   `json:"end_date"`
	HotelPlaceID int64    `json:"hotel_place_id"`
	Status       string   `json:"status"`
	SplitLunch   string   `json:"split_lunch"`
	// SplitCost nil: itinera.DefaultSplitCost.
	SplitCost *int `json:"split_cost"`
}

func newProgramSummary(p itinera.Program) programSummary {
	return programSummary{ID: p.ID, Title: p.Title, ProjectType: p.ProjectType, City: p.City,
		TimeZone: p.TimeZone, StartDate: p.StartDate.String(), EndDate: p.EndDate.String(),
		Status: string(p.Status), VisitorCount: p.VisitorCount}
}

func newProgramJSON(p itinera.Program) programJSON {
	loc := p.Location()
	return programJSON{programSummary: newProgramSummary(p), Version: p.Version, Language: p.Language,
		SplitLunch: string(p.SplitLunch), SplitCost: p.SplitCost, Description: p.Description,
		Objectives: list(p.Objectives), Hotel: optRef(p.HotelPlaceID, p.HotelName),
		CreatedAt: instant(p.CreatedAt, loc), UpdatedAt: instant(p.UpdatedAt, loc)}
}

// program loads the program named by the path's id.
func (a *API) program(r *http.Request, u itinera.User) (itinera.Program, error) {
	id, err := pathID(r, "program")
	if err != nil {
		return itinera.Program{}, err
	}
	return a.svc.Programs.Program(r.Context(), u.TenantID, id)
}

// listPrograms pages in SQL (ProgramsPage, keyset on the arrival date
// and id of the cursor's last program), latest arrival first.
func (a *API) listPrograms(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := readPaging(r)
	if err != nil {
		return err
	}
	var after itinera.ProgramCursor
	if p.after.Last > 0 {
		after.ID = p.after.Last
		if after.StartDate, err = itinera.ParseDate(p.after.Date); err != nil {
			// A cursor without the date: find it from the program.
			last, err := a.svc.Programs.Program(r.Context(), u.TenantID, p.after.Last)
			if err != nil {
				return badCursor()
			}
			after.StartDate = last.StartDate
		}
	}
	ps, err := a.svc.Programs.ProgramsPage(r.Context(), u.TenantID, after, p.limit+1)
	if err != nil {
		return err
	}
	var next *string
	if len(ps) > p.limit {
		ps = ps[:p.limit]
		last := ps[len(ps)-1]
		c := cursor{Offset: p.after.Offset + p.limit, Last: last.ID, Date: last.StartDate.String()}.encode()
		next = &c
	}
	return a.ok(w, r, map[string]any{"programs": mapList(ps, newProgramSummary), "next_cursor": next})
}

func (a *API) getProgram(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	id, err := pathID(r, "program")
	if err != nil {
		return err
	}
	return a.okCached(w, r, u, "program", id, func() (any, error) { return a.programDetail(r, u) })
}

// programDetail loads the program of the path with its records.
func (a *API) programDetail(r *http.Request, u itinera.User) (programDetail, error) {
	p, err := a.program(r, u)
	if err != nil {
		return programDetail{}, err
	}
	ctx, loc := r.Context(), p.Location()
	d := programDetail{programJSON: newProgramJSON(p)}
	days, err := a.svc.Programs.Days(ctx, u.TenantID, p.ID)
	if err != nil {
		return d, err
	}
	d.Days = mapList(days, newDayJSON)
	vs, err := a.svc.People.Visitors(ctx, u.TenantID, p.ID)
	if err != nil {
		return d, err
	}
	d.Visitors = mapList(vs, newVisitorJSON)
	is, err := a.svc.People.Interpreters(ctx, u.TenantID, p.ID)
	if err != nil {
		return d, err
	}
	d.Interpreters = mapList(is, newInterpreterJSON)
	ms, err := a.svc.Candidates.Meetings(ctx, u.TenantID, p.ID)
	if err != nil {
		return d, err
	}
	d.Meetings = mapList(ms, func(m itinera.Meeting) meetingJSON { return newMeetingJSON(m, loc) })
	as, err := a.svc.Candidates.Activities(ctx, u.TenantID, p.ID)
	if err != nil {
		return d, err
	}
	d.Activities = mapList(as, func(x itinera.Activity) activityJSON { return newActivityJSON(x, loc) })
	d.Itinerary, err = a.currentItinerary(r, u, p)
	return d, err
}

// buildProgram makes the program record of a request body.
func (a *API) buildProgram(w http.ResponseWriter, r *http.Request, u itinera.User, p *itinera.Program) error {
	var in programInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f := itinera.FieldErrors{}
	p.TenantID = u.TenantID
	p.Title, p.ProjectType, p.Description = in.Title, in.ProjectType, in.Description
	p.Objectives, p.City, p.TimeZone, p.Language = in.Objectives, in.City, in.TimeZone, in.Language
	p.StartDate = parseDate(f, "start_date", in.StartDate)
	p.EndDate = parseDate(f, "end_date", in.EndDate)
	p.Status = itinera.ProgramStatus(in.Status)
	p.HotelPlaceID = in.HotelPlaceID
	p.SplitLunch, p.SplitCost = itinera.SplitLunch(in.SplitLunch), itinera.DefaultSplitCost
	if in.SplitCost != nil {
		p.SplitCost = *in.SplitCost
	}
	return parsed("program", f, p)
}
