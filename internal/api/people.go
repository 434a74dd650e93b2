package api

import (
	"net/http"
	"strconv"

	"itinera"
)

// The delegation: visitors and interpreters of a program.

type visitorJSON struct {
	ID           int64    `json:"id"`
	ProgramID    int64    `json:"program_id"`
	Name         string   `json:"name"`
	GivenName    string   `json:"given_name"`
	FamilyName   string   `json:"family_name"`
	Country      string   `json:"country"`
	Position     string   `json:"position"`
	Organization string   `json:"organization"`
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
	Email        string   `json:"email"`
	Languages    []string `json:"languages"`
	Diets        []string `json:"diets"`
	Allergies    []string `json:"allergies"`
	AccessNeeds  string   `json:"access_needs"`
	Interests    []string `json:"interests"`
	Fictional    bool     `json:"fictional"`
}

func newVisitorJSON(v itinera.Visitor) visitorJSON {
	return visitorJSON{ID: v.ID, ProgramID: v.ProgramID, Name: v.Name(), GivenName: v.GivenName,
		FamilyName: v.FamilyName, Country: v.Country, Position: v.Position, Organization: v.Organization,
		Email: v.Email, Languages: list(v.Languages), Diets: list(v.Diets), Allergies: list(v.Allergies),
		AccessNeeds: v.AccessNeeds, Interests: list(v.Interests), Fictional: v.Fictional}
}

type interpreterJSON struct {
	ID        int64    `json:"id"`
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
	return interpreterJSON{ID: i.ID, ProgramID: i.ProgramID, Name: i.Name, Email: i.Email,
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
	return a.ok(w, r, map[string][]visitorJSON{"visitors": mapList(vs, newVisitorJSON)})
}

func (a *API) visitor(r *http.Request, u itinera.User) (itinera.Visitor, error) {
	id, err := pathID(r, "visitor")
	if err != nil {
		return itinera.Visitor{}, err
	}
	return a.svc.People.Visitor(r.Context(), u.TenantID, id)
}

func buildVisitor(w http.ResponseWriter, r *http.Request, u itinera.User, v *itinera.Visitor) error {
	var in visitorInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v.TenantID = u.TenantID
	v.GivenName, v.FamilyName, v.Country, v.Position = in.GivenName, in.FamilyName, in.Country, in.Position
	v.Organization, v.Email, v.Languages, v.Diets = in.Organization, in.Email, in.Languages, in.Diets
	v.Allergies, v.AccessNeeds, v.Interests, v.Fictional = in.Allergies, in.AccessNeeds, in.Interests, in.Fictional
	return validate("visitor", itinera.FieldErrors{}, v)
}

func (a *API) createVisitor(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	v := itinera.Visitor{TenantID: u.TenantID, ProgramID: p.ID}
	if err := buildVisitor(w, r, u, &v); err != nil {
		return err
	}
	if err := a.svc.People.CreateVisitor(r.Context(), &v); err != nil {
		return err
	}
	if v, err = a.svc.People.Visitor(r.Context(), u.TenantID, v.ID); err != nil {
		return err
	}
	return a.created(w, r, location("visitors", v.ID), newVisitorJSON(v))
}

func (a *API) getVisitor(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	v, err := a.visitor(r, u)
	if err != nil {
		return err
	}
	return a.ok(w, r, newVisitorJSON(v))
}

func (a *API) updateVisitor(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	v, err := a.visitor(r, u)
	if err != nil {
		return err
	}
	if err := buildVisitor(w, r, u, &v); err != nil {
		return err
	}
	if err := a.svc.People.UpdateVisitor(r.Context(), &v); err != nil {
		return err
	}
	if v, err = a.svc.People.Visitor(r.Context(), u.TenantID, v.ID); err != nil {
		return err
	}
	return a.ok(w, r, newVisitorJSON(v))
}

func (a *API) deleteVisitor(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	v, err := a.visitor(r, u)
	if err != nil {
		return err
	}
	if err := a.svc.People.DeleteVisitor(r.Context(), u.TenantID, v.ID); err != nil {
		return err
	}
	return noContent(w)
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
	return a.ok(w, r, map[string][]interpreterJSON{"interpreters": mapList(is, newInterpreterJSON)})
}

func (a *API) interpreter(r *http.Request, u itinera.User) (itinera.Interpreter, error) {
	id, err := pathID(r, "interpreter")
	if err != nil {
		return itinera.Interpreter{}, err
	}
	return a.svc.People.Interpreter(r.Context(), u.TenantID, id)
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

func (a *API) createInterpreter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	p, err := a.program(r, u)
	if err != nil {
		return err
	}
	i := itinera.Interpreter{TenantID: u.TenantID, ProgramID: p.ID}
	if err := buildInterpreter(w, r, u, &i); err != nil {
		return err
	}
	if err := a.svc.People.CreateInterpreter(r.Context(), &i); err != nil {
		return err
	}
	if i, err = a.svc.People.Interpreter(r.Context(), u.TenantID, i.ID); err != nil {
		return err
	}
	return a.created(w, r, location("interpreters", i.ID), newInterpreterJSON(i))
}

func (a *API) getInterpreter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	i, err := a.interpreter(r, u)
	if err != nil {
		return err
	}
	return a.ok(w, r, newInterpreterJSON(i))
}

func (a *API) updateInterpreter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	i, err := a.interpreter(r, u)
	if err != nil {
		return err
	}
	if err := buildInterpreter(w, r, u, &i); err != nil {
		return err
	}
	if err := a.svc.People.UpdateInterpreter(r.Context(), &i); err != nil {
		return err
	}
	if i, err = a.svc.People.Interpreter(r.Context(), u.TenantID, i.ID); err != nil {
		return err
	}
	return a.ok(w, r, newInterpreterJSON(i))
}

func (a *API) deleteInterpreter(w http.ResponseWriter, r *http.Request, u itinera.User) error {
	i, err := a.interpreter(r, u)
	if err != nil {
		return err
	}
	if err := a.svc.People.DeleteInterpreter(r.Context(), u.TenantID, i.ID); err != nil {
		return err
	}
	return noContent(w)
}
