package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"itinera"
)

var _ itinera.DirectoryService = (*Store)(nil)

// filterSQL appends the name and topic conditions of f to a query over
// alias a with a topic link table; args continue after the given ones.
func filterSQL(f itinera.DirectoryFilter, alias, linkTable, linkCol string, args []any) (string, []any) {
	var b strings.Builder
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, likePattern(q))
		b.WriteString(" AND lower(" + alias + ".name) LIKE $" + itoa(len(args)) + ` ESCAPE '\'`)
	}
	if t := strings.TrimSpace(f.Topic); t != "" && linkTable != "" {
		args = append(args, strings.ToLower(t))
		b.WriteString(" AND EXISTS (SELECT 1 FROM " + linkTable + " lt JOIN topics tp ON tp.id = lt.topic_id WHERE lt." + linkCol +
			" = " + alias + ".id AND tp.name_key = $" + itoa(len(args)) + ")")
	}
	return b.String(), args
}

func limitSQL(f itinera.DirectoryFilter) string {
	if f.Limit > 0 {
		return " LIMIT " + itoa(f.Limit)
	}
	return ""
}

// ---- Organizations

// An organization's address and coordinates are its office's: the place
// it points at, joined.
const orgCols = `o.id, o.tenant_id, o.version, o.name, o.kind, o.description, o.website, o.email, o.phone, o.place_id, COALESCE(p.name, ''),
	COALESCE(p.address, ''), COALESCE(p.lat, 0), COALESCE(p.lon, 0), COALESCE(p.coordinates_source, '')`
const orgFrom = ` FROM organizations o LEFT JOIN places p ON p.id = o.place_id`

func scanOrg(row interface{ Scan(...any) error }) (itinera.Organization, error) {
	var o itinera.Organization
	var kind, source string
	err := row.Scan(&o.ID, &o.TenantID, &o.Version, &o.Name, &kind, &o.Description, &o.Website, &o.Email, &o.Phone, idOrZero{&o.PlaceID}, &o.PlaceName,
		&o.Address, &o.Lat, &o.Lon, &source)
	o.Kind, o.Source = itinera.OrganizationKind(kind), itinera.CoordinatesSource(source)
	o.Topics = []string{}
	return o, err
}

// Organizations lists the tenant's organizations by name, filtered by f.
// With a topic filter, organizations whose contacts' meetings cover the
// topic are not included: the filter is on the organization's own topics.
func (s *Store) Organizations(ctx context.Context, tenantID int64, f itinera.DirectoryFilter) ([]itinera.Organization, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out []itinera.Organization
	err := s.view(ctx, func(q querier) error {
		cond, args := filterSQL(f, "o", "organization_topics", "organization_id", []any{tenantID})
		if f.AfterID > 0 { // keyset: on index organizations_tenant_lower_name (migration 0027)
			args = append(args, f.AfterName, f.AfterID)
			n, m := itoa(len(args)-1), itoa(len(args))
			cond += ` AND (lower(o.name) > lower($` + n + `) OR (lower(o.name) = lower($` + n + `) AND o.id > $` + m + `))`
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+orgCols+orgFrom+` WHERE o.tenant_id = $1`+cond+` ORDER BY lower(o.name), o.id`+limitSQL(f)), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOrg(rows)
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		topicsSQL := `SELECT ot.organization_id, t.name FROM organization_topics ot JOIN topics t ON t.id = ot.topic_id
			WHERE t.tenant_id = $1 ORDER BY ot.organization_id, t.name_key`
		if f.Limit > 0 && len(out) > 0 { // a page: the topics of its organizations only
			topicsSQL = `SELECT ot.organization_id, t.name FROM organization_topics ot JOIN topics t ON t.id = ot.topic_id
			WHERE t.tenant_id = $1 AND ot.organization_id IN (` + orgIDList(out) + `) ORDER BY ot.organization_id, t.name_key`
		}
		topics, err := s.namesBy(ctx, q, topicsSQL, tenantID)
		if err != nil {
			return err
		}
		for i := range out {
			if ts := topics[out[i].ID]; ts != nil {
				out[i].Topics = ts
			}
		}
		return nil
	})
	return out, err
}

// Organization returns one organization of the tenant.
func (s *Store) Organization(ctx context.Context, tenantID, id int64) (itinera.Organization, error) {
	var o itinera.Organization
	err := s.view(ctx, func(q querier) error {
		var err error
		o, err = scanOrg(q.QueryRowContext(ctx, s.q(`SELECT `+orgCols+orgFrom+` WHERE o.tenant_id = $1 AND o.id = $2`), tenantID, id))
		if err = scanOne(err, "organization"); err != nil {
			return err
		}
		topics, err := s.namesBy(ctx, q, `SELECT ot.organization_id, t.name FROM organization_topics ot JOIN topics t ON t.id = ot.topic_id
			WHERE ot.organization_id = $1 ORDER BY t.name_key`, id)
		if ts := topics[id]; ts != nil {
			o.Topics = ts
		}
		return err
	})
	return o, err
}

func (s *Store) checkOrgRefs(ctx context.Context, tx *sql.Tx, o *itinera.Organization) error {
	f := itinera.FieldErrors{}
	if err := s.owns(ctx, tx, f, "places", o.TenantID, o.PlaceID, "place_id", "Choose a place from the directory."); err != nil {
		return err
	}
	return f.Err("organization")
}

// CreateOrganization stores a new organization and its topics.
func (s *Store) CreateOrganization(ctx context.Context, o *itinera.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkOrgRefs(ctx, tx, o); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO organizations (tenant_id, name, kind, description, website, email, phone, place_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			o.TenantID, o.Name, string(o.Kind), o.Description, o.Website, o.Email, o.Phone, nullID(o.PlaceID))
		if err != nil {
			return err
		}
		o.ID = id
		return s.withIndex(ctx, tx, s.setTopicsTx(ctx, tx, o.TenantID, "organization_topics", "organization_id", o.ID, o.Topics),
			itinera.SearchOrganization, o.TenantID, o.ID)
	})
}

// UpdateOrganization stores changes to an organization.
func (s *Store) UpdateOrganization(ctx context.Context, o *itinera.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "organizations", "organization", o.TenantID, o.ID); err != nil {
			return err
		}
		if err := s.checkOrgRefs(ctx, tx, o); err != nil {
			return err
		}
		if err := s.execVersioned(ctx, tx, "organization", "organizations", o.TenantID, o.ID, o.Version, `UPDATE organizations SET version = version + 1, name = $1, kind = $2, description = $3, website = $4,
			email = $5, phone = $6, place_id = $7 WHERE tenant_id = $8 AND id = $9`,
			o.Name, string(o.Kind), o.Description, o.Website, o.Email, o.Phone, nullID(o.PlaceID), o.TenantID, o.ID); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.setTopicsTx(ctx, tx, o.TenantID, "organization_topics", "organization_id", o.ID, o.Topics),
			itinera.SearchOrganization, o.TenantID, o.ID)
	})
}

// DeleteOrganization removes an organization that no meeting or contact
// refers to.
func (s *Store) DeleteOrganization(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.refuseIfUsed(ctx, tx, "organizations", "organization", tenantID, id, []usage{
			{`SELECT COUNT(*) FROM contacts WHERE organization_id = $1`, "contact"},
			{`SELECT COUNT(*) FROM meetings WHERE host_organization_id = $1`, "meeting it hosts"},
			{`SELECT COUNT(*) FROM meeting_partners WHERE organization_id = $1`, "meeting it joins as partner"},
		}); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.execOne(ctx, tx, "organization", `DELETE FROM organizations WHERE tenant_id = $1 AND id = $2`, tenantID, id),
			itinera.SearchOrganization, tenantID, id)
	})
}

type usage struct {
	query string
	what  string
}

// refuseIfUsed returns a conflict naming how many records still use id.
func (s *Store) refuseIfUsed(ctx context.Context, tx *sql.Tx, table, what string, tenantID, id int64, us []usage) error {
	if err := s.exists(ctx, tx, table, what, tenantID, id); err != nil {
		return err
	}
	for _, u := range us {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(u.query), id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			noun := u.what
			if n > 1 {
				noun = plural(u.what)
			}
			return itinera.Errorf(itinera.ECONFLICT, "This %s cannot be deleted: it still has %d %s. Change or delete those first.", what, n, noun)
		}
	}
	return nil
}

func plural(s string) string {
	first, rest, _ := strings.Cut(s, " ")
	if rest != "" {
		return plural(first) + " " + rest
	}
	if strings.HasSuffix(s, "y") {
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// ---- Contacts

const contactCols = `c.id, c.tenant_id, c.version, c.organization_id, o.name, c.name, c.title, c.email, c.phone, c.notes, c.email_failing`
const contactFrom = ` FROM contacts c JOIN organizations o ON o.id = c.organization_id`

func scanContact(row interface{ Scan(...any) error }) (itinera.Contact, error) {
	var c itinera.Contact
	err := row.Scan(&c.ID, &c.TenantID, &c.Version, &c.OrganizationID, &c.OrganizationName, &c.Name, &c.Title, &c.Email, &c.Phone, &c.Notes, &c.EmailFailing)
	return c, err
}

// Contacts lists the tenant's contacts by name. The query matches the
// person's or the organization's name; the topic filter uses the
// organization's topics.
func (s *Store) Contacts(ctx context.Context, tenantID int64, f itinera.DirectoryFilter) ([]itinera.Contact, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out []itinera.Contact
	err := s.view(ctx, func(q querier) error {
		args := []any{tenantID}
		cond := ""
		if qs := strings.TrimSpace(f.Query); qs != "" {
			args = append(args, likePattern(qs))
			cond += ` AND (lower(c.name) LIKE $2 ESCAPE '\' OR lower(o.name) LIKE $2 ESCAPE '\')`
		}
		if t := strings.TrimSpace(f.Topic); t != "" {
			args = append(args, strings.ToLower(t))
			cond += ` AND EXISTS (SELECT 1 FROM organization_topics lt JOIN topics tp ON tp.id = lt.topic_id
				WHERE lt.organization_id = c.organization_id AND tp.name_key = $` + itoa(len(args)) + `)`
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+contactCols+contactFrom+` WHERE c.tenant_id = $1`+cond+` ORDER BY lower(c.name), c.id`+limitSQL(f)), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanContact(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Contact returns one contact of the tenant.
func (s *Store) Contact(ctx context.Context, tenantID, id int64) (itinera.Contact, error) {
	c, err := scanContact(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+contactCols+contactFrom+` WHERE c.tenant_id = $1 AND c.id = $2`), tenantID, id))
	return c, s.d.normalize(scanOne(err, "contact"))
}

func (s *Store) checkContactRefs(ctx context.Context, tx *sql.Tx, c *itinera.Contact) error {
	f := itinera.FieldErrors{}
	if err := s.owns(ctx, tx, f, "organizations", c.TenantID, c.OrganizationID, "organization_id", "Choose an organization from the directory."); err != nil {
		return err
	}
	return f.Err("contact")
}

// CreateContact stores a new contact.
func (s *Store) CreateContact(ctx context.Context, c *itinera.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkContactRefs(ctx, tx, c); err != nil {
			return err
		}
		id, err := s.insertID(ctx, tx, `INSERT INTO contacts (tenant_id, organization_id, name, title, email, phone, notes)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, c.TenantID, c.OrganizationID, c.Name, c.Title, c.Email, c.Phone, c.Notes)
		c.ID = id
		return s.withIndex(ctx, tx, err, itinera.SearchContact, c.TenantID, c.ID)
	})
}

// UpdateContact stores changes to a contact.
func (s *Store) UpdateContact(ctx context.Context, c *itinera.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.exists(ctx, tx, "contacts", "contact", c.TenantID, c.ID); err != nil {
			return err
		}
		if err := s.checkContactRefs(ctx, tx, c); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.execVersioned(ctx, tx, "contact", "contacts", c.TenantID, c.ID, c.Version, `UPDATE contacts SET version = version + 1, organization_id = $1, name = $2, title = $3, email = $4, phone = $5, notes = $6,
			email_failing = CASE WHEN email = $4 THEN email_failing ELSE '' END
			WHERE tenant_id = $7 AND id = $8`, c.OrganizationID, c.Name, c.Title, c.Email, c.Phone, c.Notes, c.TenantID, c.ID),
			itinera.SearchContact, c.TenantID, c.ID)
	})
}

// DeleteContact removes a contact that no meeting or request refers to.
func (s *Store) DeleteContact(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.refuseIfUsed(ctx, tx, "contacts", "contact", tenantID, id, []usage{
			{`SELECT COUNT(*) FROM meetings WHERE contact_id = $1`, "meeting"},
			{`SELECT COUNT(*) FROM requests WHERE contact_id = $1`, "meeting request"},
		}); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.execOne(ctx, tx, "contact", `DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, tenantID, id),
			itinera.SearchContact, tenantID, id)
	})
}

// ---- Places

const placeCols = `p.id, p.tenant_id, p.version, p.name, p.kind, p.address, p.lat, p.lon, p.coordinates_source, p.notes`

func scanPlace(row interface{ Scan(...any) error }) (itinera.Place, error) {
	var p itinera.Place
	var kind, source string
	err := row.Scan(&p.ID, &p.TenantID, &p.Version, &p.Name, &kind, &p.Address, &p.Lat, &p.Lon, &source, &p.Notes)
	p.Kind, p.Source = itinera.PlaceKind(kind), itinera.CoordinatesSource(source)
	return p, err
}

// Places lists the tenant's places by name; the query matches the name or
// the address. Places have no topics, so a topic filter matches none.
func (s *Store) Places(ctx context.Context, tenantID int64, f itinera.DirectoryFilter) ([]itinera.Place, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out []itinera.Place
	if strings.TrimSpace(f.Topic) != "" {
		return out, nil
	}
	err := s.view(ctx, func(q querier) error {
		args := []any{tenantID}
		cond := ""
		if qs := strings.TrimSpace(f.Query); qs != "" {
			args = append(args, likePattern(qs))
			cond = ` AND (lower(p.name) LIKE $2 ESCAPE '\' OR lower(p.address) LIKE $2 ESCAPE '\')`
		}
		rows, err := q.QueryContext(ctx, s.q(`SELECT `+placeCols+` FROM places p WHERE p.tenant_id = $1`+cond+` ORDER BY lower(p.name), p.id`+limitSQL(f)), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlace(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// Place returns one place of the tenant.
func (s *Store) Place(ctx context.Context, tenantID, id int64) (itinera.Place, error) {
	p, err := scanPlace(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+placeCols+` FROM places p WHERE p.tenant_id = $1 AND p.id = $2`), tenantID, id))
	return p, s.d.normalize(scanOne(err, "place"))
}

// CreatePlace stores a new place.
func (s *Store) CreatePlace(ctx context.Context, p *itinera.Place) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.insertID(ctx, tx, `INSERT INTO places (tenant_id, name, kind, address, lat, lon, coordinates_source, notes)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, p.TenantID, p.Name, string(p.Kind), p.Address, p.Lat, p.Lon, string(p.Source), p.Notes)
		p.ID = id
		return s.withIndex(ctx, tx, err, itinera.SearchPlace, p.TenantID, p.ID)
	})
}

// UpdatePlace stores changes to a place.
func (s *Store) UpdatePlace(ctx context.Context, p *itinera.Place) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.withIndex(ctx, tx, s.execVersioned(ctx, tx, "place", "places", p.TenantID, p.ID, p.Version, `UPDATE places SET version = version + 1, name = $1, kind = $2, address = $3, lat = $4, lon = $5, notes = $6,
			coordinates_source = $7 WHERE tenant_id = $8 AND id = $9`, p.Name, string(p.Kind), p.Address, p.Lat, p.Lon, p.Notes, string(p.Source), p.TenantID, p.ID),
			itinera.SearchPlace, p.TenantID, p.ID)
	})
}

// placeUsages are the records that point at a place.
var placeUsages = []usage{
	{`SELECT COUNT(*) FROM organizations WHERE place_id = $1`, "organization"},
	{`SELECT COUNT(*) FROM programs WHERE hotel_place_id = $1`, "program using it as hotel"},
	{`SELECT COUNT(*) FROM meetings WHERE place_id = $1`, "meeting"},
	{`SELECT COUNT(*) FROM activities WHERE place_id = $1`, "activity"},
	{`SELECT COUNT(*) FROM host_households WHERE place_id = $1`, "host household"},
}

// PlaceUses counts the records that point at a place of the tenant:
// organizations, programs (as their hotel), meetings, activities and
// households.
func (s *Store) PlaceUses(ctx context.Context, tenantID, id int64) (int, error) {
	n := 0
	err := s.view(ctx, func(q querier) error {
		if err := s.exists(ctx, q, "places", "place", tenantID, id); err != nil {
			return err
		}
		for _, u := range placeUsages {
			var k int
			if err := q.QueryRowContext(ctx, s.q(u.query), id).Scan(&k); err != nil {
				return err
			}
			n += k
		}
		return nil
	})
	return n, err
}

// DeletePlace removes a place that nothing refers to.
func (s *Store) DeletePlace(ctx context.Context, tenantID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.refuseIfUsed(ctx, tx, "places", "place", tenantID, id, placeUsages); err != nil {
			return err
		}
		return s.withIndex(ctx, tx, s.execOne(ctx, tx, "place", `DELETE FROM places WHERE tenant_id = $1 AND id = $2`, tenantID, id),
			itinera.SearchPlace, tenantID, id)
	})
}

// orgIDList is the organizations' ids, for an IN list (integers only).
func orgIDList(os []itinera.Organization) string {
	var b strings.Builder
	for i, o := range os {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(o.ID, 10))
	}
	return b.String()
}
