package api

import (
	"net/http"
	"strconv"

	"itinera"
)

// The delegation: visitors and interpreters of a program.

type visitorJSON struct {
	ID           int64    `json:"id"`
	Version      int      `json:"version"`
	ProgramID    int64    `json:"program_id"`
	Name         string   `json:"name"`
	GivenName    string   `json:"given_name"`
	FamilyName   string   `json:"family_name"`
	Country      string   `json:"country"`
	Position     string   `json:"position"`
	Organization string   `json:"organization"`
	Sector       string   `json:"sector"`
	Email        string   `json:"email"`
	Languages    []string `json:"languages"`
	Diets        []string `json:"diets"`
	Allergies    []string `json:"allergies"`
	AccessNeeds  string   `json:"access_needs"`
	Interests    []string `json:"interests"`
	Fictional    bool     `json:"fictional"`
}

type visitorInput struct {
	GivenName    string   `json:"given_name"`
	FamilyName   string   `json:"family_name"`
	Country      string   `json:"country"`
	Position     string   `json:"position"`
	Organization string   `json:"organization"`
	Sector       string   `json:"sector"`
	Email        string   `json:"email"`
	Languages    []string `json:"languages"`
	Diets        []string `json:"diets"`
	Allergies    []string `json:"allergies"`
	AccessNeeds  string   `json:"access_needs"`
	Interests    []string `json:"interests"`
	Fictional    bool     `json:"fictional"`
}

func newVisitorJSON(v itinera.Visitor) visitorJSON {
	return visitorJSON{ID: v.ID, Version: v.Version, ProgramID: v.ProgramID, Name: v.Name(), GivenName: v.GivenName,
		FamilyName: v.FamilyName, Country: v.Country, Position: v.Position, Organization: v.Organization,
		Sector: v.Sector, Email: v.Email, Languages: list(v.Languages), Diets: list(v.Diets), Allergies: list(v.Allergies),
		AccessNeeds: v.AccessNeeds, Interests: list(v.Interests), Fictional: v.Fictional}
}

type interpreterJSON struct {
	ID        int64    `json:"id"`
	Version   int      `json:"version"`
	ProgramID int64    `json:"program_id"`
	Name      string   `json:"name"`
	Email     string   `json:"email"`
	Phone     string   `json:"phone"`
	Languages []string `json:"languages"`
}

type interpreterInput struct {
	Name      string   `json:"name"`
	Email     string   `json:"email"`
	Phone     string   `json:"phone"`
	Languages []string `json:"languages"`
}

func newInterpreterJSON(i itinera.Interpreter) interpreterJSON {
	return interpreterJSON{ID: i.ID, Version: i.Version, ProgramID: i.ProgramID, Name: i.Name, Email: i.Email,
		Phone: i.Phone, Languages: list(i.Languages)}
}

func location(kind string, id int64) string {
	return "/api/v1/" + kind + "/" + strconv.FormatInt(id, 10)
}

// Visitors.

func (a *API) listVisitors(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	vs, err := a.svc.People.Visitors(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "visitors", vs, func(v itinera.Visitor) int64 { return v.ID }, newVisitorJSON)
}

func buildVisitor(w http.ResponseWriter, r *http.Request, u itinera.User, v *itinera.Visitor) error {
	var in visitorInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v.TenantID = u.TenantID
	v.GivenName, v.FamilyName, v.Country, v.Position = in.GivenName, in.FamilyName, in.Country, in.Position
	v.Organization, v.Email, v.Languages, v.Diets = in.Organization, in.Email, in.Languages, in.Diets
	v.Sector = in.Sector
	v.Allergies, v.AccessNeeds, v.Interests, v.Fictional = in.Allergies, in.AccessNeeds, in.Interests, in.Fictional
	return validate("visitor", itinera.FieldErrors{}, v)
}

// Interpreters.

func (a *API) listInterpreters(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	is, err := a.svc.People.Interpreters(r.Context(), u.TenantID, p.ID)
	if err != nil {
		return err
	}
	return listed(w, r, a, "interpreters", is, func(i itinera.Interpreter) int64 { return i.ID }, newInterpreterJSON)
}

func buildInterpreter(w http.ResponseWriter, r *http.Request, u itinera.User, i *itinera.Interpreter) error {
	var in interpreterInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	i.TenantID = u.TenantID
	i.Name, i.Email, i.Phone, i.Languages = in.Name, in.Email, in.Phone, in.Languages
	return validate("interpreter", itinera.FieldErrors{}, i)
}
