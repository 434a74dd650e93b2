package web

import (
	"net/http"

	"itinera"
)

// choices are the directory records a form offers, all of the user's
// tenant; a submitted id outside them is refused.
type choices struct {
	orgs, contacts, places []option
	orgIDs, placeIDs       map[int64]bool
	contactOrg             map[int64]int64 // contact -> organization
	// visitors of the program, for a meeting's named visitors
	visitors   []option
	visitorIDs map[int64]bool
}

// meetingChoices are the choices of a meeting's form: the directory's and
// the program's visitors.
func (ui *UI) meetingChoices(r *http.Request, s *session, p itinera.Program) (choices, error) {
	c, err := ui.choices(r, s)
	if err != nil {
		return c, err
	}
	vs, err := ui.svc.People.Visitors(r.Context(), s.User.TenantID, p.ID)
	if err != nil {
		return c, err
	}
	c.visitorIDs = idSet(vs, func(v itinera.Visitor) int64 { return v.ID })
	for _, v := range vs {
		c.visitors = append(c.visitors, option{Value: itoa(v.ID), Label: v.Name() + " (" + v.Country + ")"})
	}
	return c, nil
}

func (ui *UI) choices(r *http.Request, s *session) (choices, error) {
	ctx, tid, all := r.Context(), s.User.TenantID, itinera.DirectoryFilter{}
	var c choices
	orgs, err := ui.svc.Directory.Organizations(ctx, tid, all)
	if err != nil {
		return c, err
	}
	contacts, err := ui.svc.Directory.Contacts(ctx, tid, all)
	if err != nil {
		return c, err
	}
	if c.places, c.placeIDs, err = ui.placeOptions(r, s, ""); err != nil {
		return c, err
	}
	c.places = c.places[1:]
	c.orgIDs = idSet(orgs, func(o itinera.Organization) int64 { return o.ID })
	for _, o := range orgs {
		c.orgs = append(c.orgs, option{Value: itoa(o.ID), Label: o.Name})
	}
	c.contactOrg = map[int64]int64{}
	for _, ct := range contacts {
		c.contactOrg[ct.ID] = ct.OrganizationID
		c.contacts = append(c.contacts, option{Value: itoa(ct.ID), Label: ct.Name, Group: ct.OrganizationName})
	}
	return c, nil
}

// with puts a first option (such as "None") before opts.
func with(first option, opts []option) []option {
	return append([]option{first}, opts...)
}
