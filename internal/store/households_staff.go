package store

import (
	"context"
	"database/sql"

	"itinera"
)

// The staff's own writes of households, for the households they keep in
// their spreadsheets: no personal link is made (the officer sends one when
// they write to the host), and the status is the staff's to set.

// CreateHousehold stores a household and its home.
func (s *Store) CreateHousehold(ctx context.Context, h *itinera.HostHousehold) error {
	if h.Status == "" {
		h.Status = itinera.HouseholdApproved
	}
	if !householdStatusOK(h.Status) {
		return itinera.FieldErrors{"status": "Choose approved, rejected, pending or withdrawn."}.Err("household")
	}
	if err := h.Validate(); err != nil {
		return err
	}
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		pid, err := s.insertHomeTx(ctx, tx, h)
		if err != nil {
			return err
		}
		h.PlaceID, h.CreatedAt, h.UpdatedAt, h.Version = pid, now, now, 1
		id, err := s.insertID(ctx, tx, `INSERT INTO host_households (tenant_id, name, place_id, contact_name, email, phone, languages,
			can_serve, pets, interests, smoking, stairs, capacity, availability, free_dates, free_weekdays, note, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
			h.TenantID, h.Name, pid, h.ContactName, h.Email, h.Phone, jsonList(h.Languages), jsonList(h.CanServe), jsonList(h.Pets),
			jsonList(h.Interests), h.Smoking, h.Stairs, h.Capacity, h.Availability, datesJSON(h.FreeDates), weekdaysJSON(h.FreeWeekdays),
			h.Note, string(h.Status), s.d.timeArg(now), s.d.timeArg(now))
		h.ID = id
		return err
	})
}

// UpdateHousehold stores the staff's changes to a household and its home.
// A household no longer approved drops out of the evenings to come.
func (s *Store) UpdateHousehold(ctx context.Context, h *itinera.HostHousehold) error {
	if !householdStatusOK(h.Status) {
		return itinera.FieldErrors{"status": "Choose approved, rejected, pending or withdrawn."}.Err("household")
	}
	if err := h.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.oneHousehold(ctx, tx, `h.tenant_id = $1 AND h.id = $2`, h.TenantID, h.ID)
		if err != nil {
			return err
		}
		h.PlaceID, h.CreatedAt, h.UpdatedAt = old.PlaceID, old.CreatedAt, s.now().UTC()
		if err := s.execVersioned(ctx, tx, "household", "host_households", h.TenantID, h.ID, h.Version,
			`UPDATE host_households SET version = version + 1, name = $1, contact_name = $2, email = $3, phone = $4,
			languages = $5, can_serve = $6, pets = $7, interests = $8, smoking = $9, stairs = $10, capacity = $11, availability = $12,
			free_dates = $13, free_weekdays = $14, note = $15, status = $16, updated_at = $17 WHERE tenant_id = $18 AND id = $19`,
			h.Name, h.ContactName, h.Email, h.Phone, jsonList(h.Languages), jsonList(h.CanServe), jsonList(h.Pets), jsonList(h.Interests),
			h.Smoking, h.Stairs, h.Capacity, h.Availability, datesJSON(h.FreeDates), weekdaysJSON(h.FreeWeekdays), h.Note, string(h.Status),
			s.d.timeArg(h.UpdatedAt), h.TenantID, h.ID); err != nil {
			return err
		}
		if old.PlaceID != 0 {
			home := h.Home()
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE places SET version = version + 1, name = $1, address = $2, lat = $3, lon = $4
				WHERE tenant_id = $5 AND id = $6`), home.Name, h.Address, h.Lat, h.Lon, h.TenantID, old.PlaceID); err != nil {
				return err
			}
		}
		if h.Status != itinera.HouseholdApproved && old.Status == itinera.HouseholdApproved {
			return s.dropOutTx(ctx, tx, h.ID)
		}
		return nil
	})
}

// DeleteHousehold removes a household that no evening refers to, and its home.
func (s *Store) DeleteHousehold(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.oneHousehold(ctx, tx, `h.tenant_id = $1 AND h.id = $2`, tenantID, id)
		if err != nil {
			return err
		}
		if err := s.refuseIfUsed(ctx, tx, "host_households", "household", tenantID, id, []usage{
			{`SELECT COUNT(*) FROM hospitality_invitations WHERE household_id = $1`, "evening invitation"},
			{`SELECT COUNT(*) FROM hospitality_guests WHERE household_id = $1`, "guest placed there"},
		}); err != nil {
			return err
		}
		if err := s.execOne(ctx, tx, "household", `DELETE FROM host_households WHERE tenant_id = $1 AND id = $2`, tenantID, id); err != nil {
			return err
		}
		if old.PlaceID == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, s.q(`DELETE FROM places WHERE tenant_id = $1 AND id = $2`), tenantID, old.PlaceID)
		return err
	})
}

// insertHomeTx stores a household's home as a place of kind home.
func (s *Store) insertHomeTx(ctx context.Context, tx *sql.Tx, h *itinera.HostHousehold) (int64, error) {
	home := h.Home()
	return s.insertID(ctx, tx, `INSERT INTO places (tenant_id, name, kind, address, lat, lon, notes)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, h.TenantID, home.Name, string(itinera.PlaceHome), h.Address, h.Lat, h.Lon,
		"Home of a volunteer host household.")
}
