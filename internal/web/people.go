package web

import (
	"net/http"
	"net/url"
	"strings"

	"itinera"
)

// Visitors and interpreters: the delegation of a program.

func visitorFields() []field {
	return []field{
		{Name: "given_name", Label: "Given name", Type: "text", Autocomplete: "off"},
		{Name: "family_name", Label: "Family name", Type: "text", Autocomplete: "off"},
		{Name: "country", Label: "Country", Type: "text", Required: true},
		{Name: "position", Label: "Position", Type: "text"},
		{Name: "organization", Label: "Organization at home", Type: "text"},
		{Name: "sector", Label: "Sector", Type: "text", Hint: "The field they work in, for the reports: for example " + strings.Join(itinera.VisitorSectors[:6], ", ") + "."},
		{Name: "email", Label: "E-mail", Type: "email"},
		{Name: "languages", Label: "Languages", Type: "text", Required: true, Hint: "Separated by commas, for example Spanish, English."},
		{Name: "diets", Label: "Diets", Type: "text", Hint: "Separated by commas, for example vegetarian, halal."},
		{Name: "allergies", Label: "Allergies", Type: "text", Hint: "Separated by commas, for example cats, peanuts."},
		{Name: "access_needs", Label: "Access needs", Type: "textarea", Rows: 2},
		{Name: "interests", Label: "Interests", Type: "textarea", Rows: 2, Hint: "Topics, separated by commas."},
		{Name: "fictional", Label: "Fictional person (demo or training record)", Type: "checkbox"},
	}
}

func visitorValues(v itinera.Visitor) url.Values {
	x := url.Values{}
	setVersion(x, v.Version)
	x.Set("given_name", v.GivenName)
	x.Set("family_name", v.FamilyName)
	x.Set("country", v.Country)
	x.Set("position", v.Position)
	x.Set("organization", v.Organization)
	x.Set("sector", v.Sector)
	x.Set("email", v.Email)
	x.Set("languages", strings.Join(v.Languages, ", "))
	x.Set("diets", strings.Join(v.Diets, ", "))
	x.Set("allergies", strings.Join(v.Allergies, ", "))
	x.Set("access_needs", v.AccessNeeds)
	x.Set("interests", strings.Join(v.Interests, ", "))
	if v.Fictional {
		x.Set("fictional", "on")
	}
	return x
}

func readVisitor(v url.Values) (itinera.Visitor, itinera.FieldErrors) {
	fr := newFormReader(v)
	return itinera.Visitor{
		GivenName: fr.str("given_name"), FamilyName: fr.str("family_name"), Country: fr.str("country"),
		Position: fr.str("position"), Organization: fr.str("organization"), Sector: fr.str("sector"), Email: fr.str("email"),
		Languages: fr.list("languages"), Diets: fr.list("diets"), Allergies: fr.list("allergies"),
		AccessNeeds: fr.text("access_needs"), Interests: fr.list("interests"), Fictional: fr.bool("fictional"),
	}, fr.errs
}

func (ui *UI) visitorForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, v *itinera.Visitor, st formState) {
	info := pageInfo{Title: "New visitor", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	fv := formView{Action: "/programs/" + itoa(p.ID) + "/visitors", Submit: "Add visitor", Cancel: programLink(p, "visitors")}
	if v != nil {
		info.Title = "Edit visitor " + v.Name()
		fv = formView{Action: "/visitors/" + itoa(v.ID), Submit: "Save visitor", Cancel: programLink(p, "visitors"),
			Record: v.ID, Delete: "/visitors/" + itoa(v.ID) + "/delete", DeleteWhat: "visitor"}
	}
	ui.renderForm(w, r, s, info, st, fv, visitorFields())
}

// visitor loads the visitor named by the path and its program.
func (ui *UI) visitor(r *http.Request, s *session) (itinera.Visitor, itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Visitor{}, itinera.Program{}, err
	}
	v, err := ui.svc.People.Visitor(r.Context(), s.User.TenantID, id)
	if err != nil {
		return v, itinera.Program{}, err
	}
	p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, v.ProgramID)
	return v, p, err
}

func (ui *UI) visitorNew(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.visitorForm(w, r, s, p, nil, formState{values: url.Values{}})
}

func (ui *UI) visitorCreate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, perrs := readVisitor(r.PostForm)
	v.TenantID, v.ProgramID = s.User.TenantID, p.ID
	err = write(perrs, v.Validate, "visitor", func() (err error) {
		v, err = ui.app.CreateVisitor(r.Context(), ui.caller(r, s), v)
		return err
	})
	if ui.settle(w, r, s, err, func(st formState) { ui.visitorForm(w, r, s, p, nil, st) }) {
		ui.redirect(w, r, programLink(p, "visitors"), v.Name()+" was added to the delegation.")
	}
}

func (ui *UI) visitorEdit(w http.ResponseWriter, r *http.Request, s *session) {
	v, p, err := ui.visitor(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.visitorForm(w, r, s, p, &v, formState{values: visitorValues(v)})
}

func (ui *UI) visitorUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	old, p, err := ui.visitor(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	v, perrs := readVisitor(r.PostForm)
	v.ID, v.TenantID, v.ProgramID, v.Version = old.ID, old.TenantID, old.ProgramID, formVersion(r.PostForm)
	err = write(perrs, v.Validate, "visitor", func() (err error) {
		v, err = ui.app.UpdateVisitor(r.Context(), ui.caller(r, s), v)
		return err
	})
	current := func() (url.Values, error) {
		cur, err := ui.svc.People.Visitor(r.Context(), s.User.TenantID, old.ID)
		return visitorValues(cur), err
	}
	if ui.settleForm(w, r, s, err, visitorFields(), current, func(st formState) { ui.visitorForm(w, r, s, p, &old, st) }) {
		ui.redirect(w, r, programLink(p, "visitors"), v.Name()+" was saved.")
	}
}

func (ui *UI) visitorDelete(w http.ResponseWriter, r *http.Request, s *session) {
	v, p, err := ui.visitor(r, s)
	if err == nil {
		err = ui.app.DeleteVisitor(r.Context(), ui.caller(r, s), v.ID)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, programLink(p, "visitors"), v.Name()+" was removed from the delegation.")
}

func interpreterFields() []field {
	return []field{
		{Name: "name", Label: "Name", Type: "text", Required: true},
		{Name: "email", Label: "E-mail", Type: "email"},
		{Name: "phone", Label: "Phone", Type: "tel"},
		{Name: "languages", Label: "Languages", Type: "text", Required: true,
			Hint: "The languages the interpreter works between, separated by commas: any two of them make a pair (English, Spanish, French: English–Spanish, English–French and Spanish–French)."},
	}
}

func interpreterValues(i itinera.Interpreter) url.Values {
	x := url.Values{}
	setVersion(x, i.Version)
	x.Set("name", i.Name)
	x.Set("email", i.Email)
	x.Set("phone", i.Phone)
	x.Set("languages", strings.Join(i.Languages, ", "))
	return x
}

func readInterpreter(v url.Values) itinera.Interpreter {
	fr := newFormReader(v)
	return itinera.Interpreter{Name: fr.str("name"), Email: fr.str("email"), Phone: fr.str("phone"),
		Languages: fr.list("languages")}
}

func (ui *UI) interpreterForm(w http.ResponseWriter, r *http.Request, s *session, p itinera.Program, i *itinera.Interpreter, st formState) {
	info := pageInfo{Title: "New interpreter", Nav: "programs", Crumbs: []crumb{programsCrumb, programCrumb(p)}}
	fv := formView{Action: "/programs/" + itoa(p.ID) + "/interpreters", Submit: "Add interpreter",
		Cancel: programLink(p, "interpreters")}
	if i != nil {
		info.Title = "Edit interpreter " + i.Name
		fv = formView{Action: "/interpreters/" + itoa(i.ID), Submit: "Save interpreter",
			Cancel: programLink(p, "interpreters"), Record: i.ID, Delete: "/interpreters/" + itoa(i.ID) + "/delete",
			DeleteWhat: "interpreter"}
	}
	ui.renderForm(w, r, s, info, st, fv, interpreterFields())
}

func (ui *UI) interpreter(r *http.Request, s *session) (itinera.Interpreter, itinera.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return itinera.Interpreter{}, itinera.Program{}, err
	}
	i, err := ui.svc.People.Interpreter(r.Context(), s.User.TenantID, id)
	if err != nil {
		return i, itinera.Program{}, err
	}
	p, err := ui.svc.Programs.Program(r.Context(), s.User.TenantID, i.ProgramID)
	return i, p, err
}

func (ui *UI) interpreterNew(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.interpreterForm(w, r, s, p, nil, formState{values: url.Values{}})
}

func (ui *UI) interpreterCreate(w http.ResponseWriter, r *http.Request, s *session) {
	p, err := ui.program(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	i := readInterpreter(r.PostForm)
	i.TenantID, i.ProgramID = s.User.TenantID, p.ID
	i, err = ui.app.CreateInterpreter(r.Context(), ui.caller(r, s), i)
	if ui.settle(w, r, s, err, func(st formState) { ui.interpreterForm(w, r, s, p, nil, st) }) {
		ui.redirect(w, r, programLink(p, "interpreters"), i.Name+" was added as interpreter.")
	}
}

func (ui *UI) interpreterEdit(w http.ResponseWriter, r *http.Request, s *session) {
	i, p, err := ui.interpreter(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.interpreterForm(w, r, s, p, &i, formState{values: interpreterValues(i)})
}

func (ui *UI) interpreterUpdate(w http.ResponseWriter, r *http.Request, s *session) {
	old, p, err := ui.interpreter(r, s)
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	i := readInterpreter(r.PostForm)
	i.ID, i.TenantID, i.ProgramID, i.Version = old.ID, old.TenantID, old.ProgramID, formVersion(r.PostForm)
	i, err = ui.app.UpdateInterpreter(r.Context(), ui.caller(r, s), i)
	current := func() (url.Values, error) {
		cur, err := ui.svc.People.Interpreter(r.Context(), s.User.TenantID, old.ID)
		return interpreterValues(cur), err
	}
	if ui.settleForm(w, r, s, err, interpreterFields(), current, func(st formState) { ui.interpreterForm(w, r, s, p, &old, st) }) {
		ui.redirect(w, r, programLink(p, "interpreters"), i.Name+" was saved.")
	}
}

func (ui *UI) interpreterDelete(w http.ResponseWriter, r *http.Request, s *session) {
	i, p, err := ui.interpreter(r, s)
	if err == nil {
		err = ui.app.DeleteInterpreter(r.Context(), ui.caller(r, s), i.ID)
	}
	if err != nil {
		ui.fail(w, r, s, err)
		return
	}
	ui.redirect(w, r, programLink(p, "interpreters"), i.Name+" was removed.")
}
