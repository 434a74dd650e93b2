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
