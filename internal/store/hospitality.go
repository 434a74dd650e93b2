package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"itinera"
)

var _ itinera.HospitalityService = (*Store)(nil)

// Host households. Officer methods are scoped by tenant; the host's own
// methods find the household by the hash of its personal link's token,
// which is unique across tenants. A household's home is a place of kind
// home, written together with it.

const householdCols = `h.id, h.tenant_id, h.version, h.name, h.place_id, COALESCE(p.address, ''), COALESCE(p.lat, 0), COALESCE(p.lon, 0),
	h.contact_name, h.email, h.phone, h.languages, h.can_serve, h.pets, h.interests, h.smoking, h.stairs, h.capacity,
	h.availability, h.free_dates, h.free_weekdays, h.note, h.status, h.created_at, h.updated_at, h.token_expires_at`
const householdFrom = ` FROM host_households h LEFT JOIN places p ON p.id = h.place_id`

func scanHousehold(row interface{ Scan(...any) error }) (itinera.HostHousehold, error) {
	var h itinera.HostHousehold
	var status string
	var dates, days []string
	err := row.Scan(&h.ID, &h.TenantID, &h.Version, &h.Name, idOrZero{&h.PlaceID}, &h.Address, &h.Lat, &h.Lon,
		&h.ContactName, &h.Email, &h.Phone, listScanner{&h.Languages}, listScanner{&h.CanServe}, listScanner{&h.Pets},
		listScanner{&h.Interests}, &h.Smoking, &h.Stairs, &h.Capacity, &h.Availability, listScanner{&dates}, listScanner{&days},
		&h.Note, &status, dbTime{&h.CreatedAt}, dbTime{&h.UpdatedAt}, dbTime{&h.LinkExpiresAt})
	h.Status = itinera.HouseholdStatus(status)
	for _, d := range dates {
		if x, err := itinera.ParseDate(d); err == nil {
			h.FreeDates = append(h.FreeDates, x)
		}
	}
	for _, d := range days {
		if wd, ok := weekdayByName[d]; ok {
			h.FreeWeekdays = append(h.FreeWeekdays, wd)
		}
	}
	return h, err
}

var weekdayByName = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		m[d.String()] = d
	}
	return m
}()

func datesJSON(ds []itinera.Date) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return jsonList(out)
}

func weekdaysJSON(ws []time.Weekday) string {
	out := make([]string, len(ws))
	for i, d := range ws {
		out[i] = d.String()
	}
	return jsonList(out)
}

func (s *Store) selectHouseholds(ctx context.Context, q querier, where, tail string, args ...any) ([]itinera.HostHousehold, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT `+householdCols+householdFrom+` WHERE `+where+tail), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []itinera.HostHousehold{}
	for rows.Next() {
		h, err := scanHousehold(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func (s *Store) oneHousehold(ctx context.Context, q querier, where string, args ...any) (itinera.HostHousehold, error) {
	hs, err := s.selectHouseholds(ctx, q, where, "", args...)
	if err != nil {
		return itinera.HostHousehold{}, err
	}
	if len(hs) == 0 {
		return itinera.HostHousehold{}, notFound("household")
	}
	return hs[0], nil
}

// Households lists the tenant's households by name.
func (s *Store) Households(ctx context.Context, tenantID int64, f itinera.HouseholdFilter) ([]itinera.HostHousehold, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	where, args := `h.tenant_id = $1`, []any{tenantID}
	if f.Status != "" {
		args = append(args, string(f.Status))
		where += ` AND h.status = $` + itoa(len(args))
	}
	if strings.TrimSpace(f.Query) != "" {
		args = append(args, likePattern(f.Query))
		where += ` AND lower(h.name) LIKE $` + itoa(len(args)) + ` ESCAPE '\'`
	}
	tail := ` ORDER BY lower(h.name), h.id`
	if f.Limit > 0 {
		tail += ` LIMIT ` + itoa(f.Limit) + ` OFFSET ` + itoa(max(f.Offset, 0))
	}
	var out []itinera.HostHousehold
	err := s.view(ctx, func(q querier) error {
		var err error
		out, err = s.selectHouseholds(ctx, q, where, tail, args...)
		return err
	})
	return out, err
}

// Household returns one household of the tenant.
func (s *Store) Household(ctx context.Context, tenantID, id int64) (itinera.HostHousehold, error) {
	var h itinera.HostHousehold
	err := s.view(ctx, func(q querier) error {
		var err error
		h, err = s.oneHousehold(ctx, q, `h.tenant_id = $1 AND h.id = $2`, tenantID, id)
		return err
	})
	return h, err
}

// HouseholdCounts counts the tenant's households by status.
func (s *Store) HouseholdCounts(ctx context.Context, tenantID int64) (map[itinera.HouseholdStatus]int, error) {
	return countByStatus[itinera.HouseholdStatus](ctx, s, "host_households", tenantID)
}

// SignUpHousehold stores a new pending household with its home.
func (s *Store) SignUpHousehold(ctx context.Context, h *itinera.HostHousehold, link itinera.HouseholdLink) error {
	h.Status = itinera.HouseholdPending
	if err := h.Validate(); err != nil {
		return err
	}
	if len(link.TokenHash) != 64 || link.ExpiresAt.IsZero() {
		return itinera.Errorf(itinera.EINVALID, "A household signs up with a new personal link.")
	}
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		pid, err := s.insertHomeTx(ctx, tx, h)
		if err != nil {
			return err
		}
		h.PlaceID, h.CreatedAt, h.UpdatedAt, h.LinkExpiresAt = pid, now, now, link.ExpiresAt.UTC()
		id, err := s.insertID(ctx, tx, `INSERT INTO host_households (tenant_id, name, place_id, contact_name, email, phone, languages,
			can_serve, pets, interests, smoking, stairs, capacity, availability, free_dates, free_weekdays, note, status, token_hash,
			token_expires_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
			h.TenantID, h.Name, pid, h.ContactName, h.Email, h.Phone, jsonList(h.Languages), jsonList(h.CanServe), jsonList(h.Pets),
			jsonList(h.Interests), h.Smoking, h.Stairs, h.Capacity, h.Availability, datesJSON(h.FreeDates), weekdaysJSON(h.FreeWeekdays),
			h.Note, string(h.Status), link.TokenHash, s.d.timeArg(h.LinkExpiresAt), s.d.timeArg(now), s.d.timeArg(now))
		if err != nil {
			return err
		}
		h.ID = id
		if link.Mail.To == "" {
			return nil
		}
		m := link.Mail
		m.TenantID = h.TenantID
		return s.EnqueueTx(ctx, tx, &m)
	})
}

// SetHouseholdStatus approves or rejects a household (or records that it
// withdrew). A household no longer approved drops out of every evening
// that has not ended.
func (s *Store) SetHouseholdStatus(ctx context.Context, tenantID, id int64, st itinera.HouseholdStatus) error {
	if st == "" || !householdStatusOK(st) {
		return itinera.FieldErrors{"status": "Choose approved, rejected, pending or withdrawn."}.Err("household")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, "household", `UPDATE host_households SET version = version + 1, status = $1, updated_at = $2 WHERE tenant_id = $3 AND id = $4`,
			string(st), s.d.timeArg(s.now().UTC()), tenantID, id); err != nil {
			return err
		}
		if st == itinera.HouseholdApproved {
			return nil
		}
		return s.dropOutTx(ctx, tx, id)
	})
}

func householdStatusOK(st itinera.HouseholdStatus) bool {
	for _, x := range itinera.HouseholdStatuses {
		if x == st {
			return true
		}
	}
	return false
}

// dropOutTx marks the household unavailable for every evening that has
// not ended; its guests stay until the officer matches again.
func (s *Store) dropOutTx(ctx context.Context, tx *sql.Tx, householdID int64) error {
	_, err := tx.ExecContext(ctx, s.q(`UPDATE hospitality_invitations SET status = 'unavailable' WHERE household_id = $1
		AND evening_id IN (SELECT id FROM hospitality_evenings WHERE ends_at > $2)`), householdID, s.d.timeArg(s.now().UTC()))
	return err
}

// HouseholdByToken returns the household of a personal link. A link past
// its expiry is reported as a conflict, so the page can say so.
func (s *Store) HouseholdByToken(ctx context.Context, tokenHash string) (itinera.HostHousehold, error) {
	var h itinera.HostHousehold
	err := s.view(ctx, func(q querier) error {
		var err error
		h, err = s.householdByTokenTx(ctx, q, tokenHash)
		return err
	})
	return h, err
}

func (s *Store) householdByTokenTx(ctx context.Context, q querier, tokenHash string) (itinera.HostHousehold, error) {
	if len(tokenHash) != 64 {
		return itinera.HostHousehold{}, notFound("household")
	}
	h, err := s.oneHousehold(ctx, q, `h.token_hash = $1`, tokenHash)
	if err != nil {
		return h, err
	}
	if !h.LinkExpiresAt.IsZero() && !s.now().Before(h.LinkExpiresAt) {
		return h, itinera.Errorf(itinera.ECONFLICT, "This link has expired.")
	}
	return h, nil
}

// UpdateHouseholdByToken stores the host's changes to their household and
// home. The status is kept: a pending household stays pending.
func (s *Store) UpdateHouseholdByToken(ctx context.Context, tokenHash string, h *itinera.HostHousehold) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.householdByTokenTx(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		if old.Status == itinera.HouseholdWithdrawn || old.Status == itinera.HouseholdRejected {
			return itinera.Errorf(itinera.ECONFLICT, "This household is no longer on our list of hosts.")
		}
		h.ID, h.TenantID, h.PlaceID, h.Status, h.CreatedAt = old.ID, old.TenantID, old.PlaceID, old.Status, old.CreatedAt
		h.LinkExpiresAt = old.LinkExpiresAt
		if err := h.Validate(); err != nil {
			return err
		}
		h.UpdatedAt = s.now().UTC()
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE places SET version = version + 1, name = $1, address = $2, lat = $3, lon = $4 WHERE tenant_id = $5 AND id = $6`),
			h.Home().Name, h.Address, h.Lat, h.Lon, h.TenantID, h.PlaceID); err != nil {
			return err
		}
		return s.execOne(ctx, tx, "household", `UPDATE host_households SET version = version + 1, name = $1, contact_name = $2, email = $3, phone = $4,
			languages = $5, can_serve = $6, pets = $7, interests = $8, smoking = $9, stairs = $10, capacity = $11, availability = $12,
			free_dates = $13, free_weekdays = $14, note = $15, updated_at = $16 WHERE id = $17`,
			h.Name, h.ContactName, h.Email, h.Phone, jsonList(h.Languages), jsonList(h.CanServe), jsonList(h.Pets), jsonList(h.Interests),
			h.Smoking, h.Stairs, h.Capacity, h.Availability, datesJSON(h.FreeDates), weekdaysJSON(h.FreeWeekdays), h.Note,
			s.d.timeArg(h.UpdatedAt), h.ID)
	})
}

// WithdrawHouseholdByToken withdraws the household of a personal link.
func (s *Store) WithdrawHouseholdByToken(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		h, err := s.householdByTokenTx(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE host_households SET version = version + 1, status = $1, updated_at = $2 WHERE id = $3`),
			string(itinera.HouseholdWithdrawn), s.d.timeArg(s.now().UTC()), h.ID); err != nil {
			return err
		}
		return s.dropOutTx(ctx, tx, h.ID)
	})
}
