-- Reports (issue 13, part 5): what the year-end report counts and the
-- records held nothing for.
--
-- visitors.sector: the field a visitor works in (government, civil
-- society, academia, media, …), free text; '' not given.
ALTER TABLE visitors ADD COLUMN sector TEXT NOT NULL DEFAULT '';

-- tenants.volunteer_hour_cents: the value of one volunteer hour the
-- administrator enters (e.g. the Independent Sector's estimate), in
-- cents; 0: none, the report gives hours only. tenants.address: the
-- organization's postal address, for its letterhead.
ALTER TABLE tenants ADD COLUMN volunteer_hour_cents INTEGER NOT NULL DEFAULT 0 CHECK (volunteer_hour_cents >= 0);
ALTER TABLE tenants ADD COLUMN address TEXT NOT NULL DEFAULT '';

-- program_economics: a program's local economic inputs as the officer
-- entered them (they are not in the other records): hotel nights and
-- what they cost, meals and what they cost, local transport's cost;
-- amounts in cents of the organization's currency. One row per program at
-- most; no row: nothing entered.
CREATE TABLE program_economics (
    program_id BIGINT PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1,
    hotel_nights INTEGER NOT NULL DEFAULT 0 CHECK (hotel_nights >= 0),
    hotel_cents BIGINT NOT NULL DEFAULT 0 CHECK (hotel_cents >= 0),
    meals INTEGER NOT NULL DEFAULT 0 CHECK (meals >= 0),
    meals_cents BIGINT NOT NULL DEFAULT 0 CHECK (meals_cents >= 0),
    transport_cents BIGINT NOT NULL DEFAULT 0 CHECK (transport_cents >= 0),
    note TEXT NOT NULL DEFAULT '',
    updated_at TSTZ NOT NULL
);
CREATE INDEX program_economics_tenant ON program_economics (tenant_id);
