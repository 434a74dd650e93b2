package app

import (
	"context"
	"errors"
	"fmt"

	"itinera"
)

// Rules about references between records, checked once here for every
// surface: a record may only point at records of its own tenant, and a
// meeting's contact works at its host organization.

// merge joins the field errors of f with those of err (a validation
// error) into one error about what; any other error wins.
func merge(f itinera.FieldErrors, err error, what string) error {
	if err != nil {
		var e *itinera.Error
		if !errors.As(err, &e) || e.Code != itinera.EINVALID {
			return err
		}
		for k, v := range e.Fields {
			if _, ok := f[k]; !ok {
				f.Add(k, v)
			}
		}
		if len(e.Fields) == 0 && len(f) == 0 {
			return err
		}
	}
	return f.Err(what)
}

// exists reports whether load finds the record; not found is false, any
// other error is returned.
func exists[T any](x T, err error) (T, bool, error) {
	switch itinera.ErrorCode(err) {
	case "":
		return x, true, nil
	case itinera.ENOTFOUND:
		return x, false, nil
	}
	return x, false, err
}

// checkOrganization adds a field error when id is not an organization of
// the tenant.
func (a *App) checkOrganization(ctx context.Context, tenantID, id int64, f itinera.FieldErrors, field string) (itinera.Organization, error) {
	if id == 0 {
		return itinera.Organization{}, nil
	}
	o, ok, err := exists(a.s.Directory.Organization(ctx, tenantID, id))
	if err == nil && !ok {
		f.Add(field, fmt.Sprintf("There is no organization %d in your directory.", id))
	}
	return o, err
}

func (a *App) checkContact(ctx context.Context, tenantID, id int64, f itinera.FieldErrors, field string) (itinera.Contact, error) {
	if id == 0 {
		return itinera.Contact{}, nil
	}
	c, ok, err := exists(a.s.Directory.Contact(ctx, tenantID, id))
	if err == nil && !ok {
		f.Add(field, fmt.Sprintf("There is no contact %d in your directory.", id))
	}
	return c, err
}

func (a *App) checkPlace(ctx context.Context, tenantID, id int64, f itinera.FieldErrors, field string) error {
	if id == 0 {
		return nil
	}
	_, ok, err := exists(a.s.Directory.Place(ctx, tenantID, id))
	if err == nil && !ok {
		f.Add(field, fmt.Sprintf("There is no place %d in your directory.", id))
	}
	return err
}

// checkMeetingRefs checks what a meeting points at: its host, contact,
// partners and place exist in the tenant's directory, and the contact
// works at the host organization.
func (a *App) checkMeetingRefs(ctx context.Context, m *itinera.Meeting, f itinera.FieldErrors) error {
	tid := m.TenantID
	if _, err := a.checkOrganization(ctx, tid, m.HostOrganizationID, f, "host_organization_id"); err != nil {
		return err
	}
	c, err := a.checkContact(ctx, tid, m.ContactID, f, "contact_id")
	if err != nil {
		return err
	}
	if c.ID != 0 && m.HostOrganizationID != 0 && c.OrganizationID != m.HostOrganizationID {
		f.Add("contact_id", c.Name+" does not work at the host organization.")
	}
	seen := map[int64]bool{}
	for i, id := range m.PartnerOrganizationIDs {
		if id <= 0 || seen[id] {
			f.Add("partner_organization_ids", fmt.Sprintf("Partner %d is listed twice or has no id.", i+1))
			continue
		}
		seen[id] = true
		if _, err := a.checkOrganization(ctx, tid, id, f, "partner_organization_ids"); err != nil {
			return err
		}
	}
	return a.checkPlace(ctx, tid, m.PlaceID, f, "place_id")
}
