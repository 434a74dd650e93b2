package store

import (
	"context"
	"database/sql"

	"itinera"
)

var _ itinera.SettingsService = (*Store)(nil)

// Settings returns the tenant's settings as configured: an empty sender
// name or address means the default.
func (s *Store) Settings(ctx context.Context, tenantID int64) (itinera.Settings, error) {
	st := itinera.Settings{TenantID: tenantID}
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT version, slug, name, time_zone, mail_from_name, mail_from_address, travel_mode, walk_short_hops,
		paper_size, phone, emergency_phone, calendar_reminder_minutes, feedback_reminder_days, follow_up_months, volunteer_hour_cents, address FROM tenants WHERE id = $1`),
		tenantID).Scan(&st.Version, &st.Slug, &st.Name, &st.TimeZone, &st.MailFromName, &st.MailFromAddress, &st.TravelMode, &st.WalkShortHops,
		&st.PaperSize, &st.Phone, &st.EmergencyPhone, &st.ReminderMinutes, &st.FeedbackReminderDays, followUpScanner{&st.FollowUpMonths}, &st.VolunteerHourCents, &st.Address)
	return st, s.d.normalize(scanOne(err, "organization"))
}

// UpdateSettings stores the tenant's name, time zone, sender and travel
// defaults together.
func (s *Store) UpdateSettings(ctx context.Context, st *itinera.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if st.Version != 0 {
			var current int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT version FROM tenants WHERE id = $1`), st.TenantID).Scan(&current); err != nil {
				return scanOne(err, "organization")
			}
			if current != st.Version {
				return itinera.Stale("organization's settings", st.Version, current)
			}
		}
		t := itinera.Tenant{ID: st.TenantID, Name: st.Name, TimeZone: st.TimeZone}
		if err := s.updateTenantTx(ctx, tx, &t); err != nil {
			return err
		}
		st.Slug = t.Slug
		return s.execOne(ctx, tx, "organization", `UPDATE tenants SET version = version + 1, mail_from_name = $2, mail_from_address = $3,
			travel_mode = $4, walk_short_hops = $5, paper_size = $6, phone = $7, emergency_phone = $8,
			calendar_reminder_minutes = $9, feedback_reminder_days = $10, follow_up_months = $11, volunteer_hour_cents = $12, address = $13 WHERE id = $1`,
			st.TenantID, st.MailFromName, st.MailFromAddress, string(st.TravelMode), st.WalkShortHops, st.PaperSize, st.Phone, st.EmergencyPhone,
			st.ReminderMinutes, st.FeedbackReminderDays, followUpMonthsColumn(st.FollowUpMonths), st.VolunteerHourCents, st.Address)
	})
}

// followUpScanner scans the follow-up schedule column.
type followUpScanner struct{ p *[]int }

func (f followUpScanner) Scan(v any) error {
	var s sql.NullString
	if err := s.Scan(v); err != nil {
		return err
	}
	*f.p = parseFollowUpMonthsColumn(s.String)
	return nil
}
