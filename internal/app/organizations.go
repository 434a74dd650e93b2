package app

import (
	"context"
	"strings"

	"itinera"
)

// Organizations of the directory and their office. An organization's
// office is a place of the directory: chosen from the directory, or given
// by its address, when the place is added (or changed) together with the
// organization, in the same transaction.

func (a *App) checkOrganizationRecord(c Caller) func(context.Context, *itinera.Organization) error {
	return func(ctx context.Context, o *itinera.Organization) error {
		o.TenantID = c.tenant()
		if o.ID != 0 {
			if _, err := a.s.Directory.Organization(ctx, c.tenant(), o.ID); err != nil {
				return err
			}
		}
		f := itinera.FieldErrors{}
		if err := a.checkPlace(ctx, c.tenant(), o.PlaceID, f, "place_id"); err != nil {
			return err
		}
		return merge(f, o.Validate(), "organization")
	}
}

// CreateOrganization adds an organization to the directory. Given by its
// address (and no place_id), its office is added to the directory's places
// with it: see UpdateOrganization.
func (a *App) CreateOrganization(ctx context.Context, c Caller, o itinera.Organization) (itinera.Organization, error) {
	o.ID = 0
	return a.saveOrganization(ctx, c, o)
}

// UpdateOrganization changes an organization of the directory. Its office
// is, by what the change gives:
//
//   - a place_id other than its office's now: that place of the directory,
//     whose address is the office's (an address given with it is not used);
//   - an address, with no place_id or its office's: the office at that
//     address. Its office's address now (case and spacing aside), without
//     other coordinates, changes nothing. Else the office moved: its own
//     office (a place of kind office named after it, that nothing else
//     points at, as giving its address made it) gets the new address and
//     coordinates. Any other place stays as it is — a place of the
//     directory chosen for it, or one that a meeting, an activity, a
//     program or another organization also points at (a meeting confirmed
//     there must not move without its people being told) — and a new
//     office is added;
//   - neither: no office.
//
// The coordinates given with an address (the pin, or typed) are kept;
// without them the address is looked up before the transaction opens, as
// for a place, and without a geocoder the officer is asked for the pin.
// Its own office is renamed with the organization.
func (a *App) UpdateOrganization(ctx context.Context, c Caller, o itinera.Organization) (itinera.Organization, error) {
	return a.saveOrganization(ctx, c, o)
}

func (a *App) saveOrganization(ctx context.Context, c Caller, o itinera.Organization) (itinera.Organization, error) {
	if err := mustEdit(c); err != nil {
		return o, err
	}
	o.TenantID = c.tenant()
	var old itinera.Organization
	if o.ID != 0 {
		var err error
		if old, err = a.s.Directory.Organization(ctx, c.tenant(), o.ID); err != nil {
			return o, err
		}
	}
	if err := a.locateOffice(ctx, &old, &o); err != nil {
		return o, err
	}
	var out itinera.Organization
	err := a.inTx(ctx, func(ctx context.Context) error {
		var old itinera.Organization // as it is now, inside the transaction
		if o.ID != 0 {
			var err error
			if old, err = a.s.Directory.Organization(ctx, c.tenant(), o.ID); err != nil {
				return err
			}
		}
		if err := a.checkOrganizationRecord(c)(ctx, &o); err != nil {
			return err
		}
		creating := o.ID == 0
		if err := a.writeOrganization(ctx, &old, &o); err != nil {
			return err
		}
		var err error
		if out, err = a.s.Directory.Organization(ctx, c.tenant(), o.ID); err != nil {
			return err
		}
		if creating {
			return a.audit(ctx, c.actor(), c.tenant(), "organization", actCreate, nil, out)
		}
		return a.audit(ctx, c.actor(), c.tenant(), "organization", actUpdate, old, out)
	})
	return out, err
}

// byAddress reports whether a change gives the organization's office by
// its address: an address, and no place_id other than the office's now.
func byAddress(old, o *itinera.Organization) bool {
	return o.Address != "" && (o.PlaceID == 0 || o.PlaceID == old.PlaceID)
}

// officeKept reports whether a change by address leaves the office as it
// is: the same address, and no other coordinates.
func officeKept(old, o *itinera.Organization) bool {
	return old.PlaceID != 0 && itinera.SameAddress(old.Address, o.Address) &&
		((o.Lat == 0 && o.Lon == 0) || (o.Lat == old.Lat && o.Lon == old.Lon))
}

// locateOffice looks up the address of an organization's new office that
// comes without coordinates, before any transaction opens (see locate).
func (a *App) locateOffice(ctx context.Context, old, o *itinera.Organization) error {
	if !byAddress(old, o) || o.Lat != 0 || o.Lon != 0 || officeKept(old, o) {
		return nil
	}
	if err := o.Validate(); err != nil {
		return err // a wrong address is named before anyone looks it up
	}
	p := o.Office()
	if err := a.locate(ctx, &p); err != nil {
		if itinera.ErrorCode(err) == itinera.EINVALID {
			return itinera.FieldErrors(itinera.ErrorFields(err)).Err("organization")
		}
		return err
	}
	o.Lat, o.Lon, o.Source = p.Lat, p.Lon, p.Source
	return nil
}

// writeOrganization stores o, changed from old (the zero organization
// when o is new), with its office as UpdateOrganization says.
func (a *App) writeOrganization(ctx context.Context, old, o *itinera.Organization) error {
	if err := a.settleOffice(ctx, old, o); err != nil {
		return err
	}
	if o.ID == 0 {
		return a.s.Directory.CreateOrganization(ctx, o)
	}
	return a.s.Directory.UpdateOrganization(ctx, o)
}

// settleOffice points o at the place of its office when the change gives
// it by its address, adding or changing that place; the organization's own
// office is renamed with it.
func (a *App) settleOffice(ctx context.Context, old, o *itinera.Organization) error {
	own, err := a.ownOffice(ctx, old)
	if err != nil {
		return err
	}
	if byAddress(old, o) {
		o.PlaceID = old.PlaceID
		if !officeKept(old, o) {
			if own == nil { // a place of the directory stays as it is
				p := o.Office()
				p.ID = 0
				if err := officeErr(p.Validate()); err != nil {
					return err
				}
				if err := a.s.Directory.CreatePlace(ctx, &p); err != nil {
					return err
				}
				o.PlaceID = p.ID
				return nil
			}
			p := o.Office()
			own.Address, own.Lat, own.Lon, own.Source = p.Address, p.Lat, p.Lon, p.Source
			own.Name = o.Name
			if err := officeErr(own.Validate()); err != nil {
				return err
			}
			return a.s.Directory.UpdatePlace(ctx, own)
		}
	}
	if own != nil && o.PlaceID == own.ID && own.Name != o.Name {
		own.Name = o.Name
		return a.s.Directory.UpdatePlace(ctx, own)
	}
	return nil
}

// ownOffice returns the organization's own office, as giving it its
// address made it: a place of kind office named after it, that nothing
// else points at; nil when its place is not that.
func (a *App) ownOffice(ctx context.Context, o *itinera.Organization) (*itinera.Place, error) {
	if o.PlaceID == 0 || !strings.EqualFold(o.PlaceName, o.Name) {
		return nil, nil
	}
	p, err := a.s.Directory.Place(ctx, o.TenantID, o.PlaceID)
	if err != nil || p.Kind != itinera.PlaceOffice {
		return nil, err
	}
	n, err := a.s.Directory.PlaceUses(ctx, o.TenantID, p.ID)
	if err != nil || n != 1 {
		return nil, err
	}
	return &p, nil
}

// officeErr names the office's wrong fields as the organization's.
func officeErr(err error) error {
	if itinera.ErrorCode(err) != itinera.EINVALID {
		return err
	}
	return itinera.FieldErrors(itinera.ErrorFields(err)).Err("organization")
}

// DeleteOrganization removes an organization no record refers to. Its
// own office goes with it (see ownOffice).
func (a *App) DeleteOrganization(ctx context.Context, c Caller, id int64) error {
	return remove(a, ctx, c, "organization", func(ctx context.Context) (itinera.Organization, error) {
		return a.s.Directory.Organization(ctx, c.tenant(), id)
	},
		func(ctx context.Context) error { return a.deleteOrganization(ctx, c.tenant(), id) })
}

func (a *App) deleteOrganization(ctx context.Context, tenantID, id int64) error {
	o, err := a.s.Directory.Organization(ctx, tenantID, id)
	if err != nil {
		return err
	}
	own, err := a.ownOffice(ctx, &o)
	if err != nil {
		return err
	}
	if err := a.s.Directory.DeleteOrganization(ctx, tenantID, id); err != nil || own == nil {
		return err
	}
	return a.s.Directory.DeletePlace(ctx, tenantID, own.ID)
}
