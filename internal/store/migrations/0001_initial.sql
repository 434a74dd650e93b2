-- Itinera's initial schema. Written once for both databases: the migrator
-- replaces ID_PK, TSTZ and the like with each dialect's spelling.
-- Every tenant-owned table carries tenant_id, and references between such
-- tables include the tenant, so no row can point into another tenant.

CREATE TABLE tenants (
    id ID_PK,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at TSTZ NOT NULL
);

CREATE TABLE users (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at TSTZ NOT NULL
);
CREATE INDEX users_tenant ON users (tenant_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    expires_at TSTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id ID_PK,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE,
    created_at TSTZ NOT NULL,
    revoked_at TSTZ
);

CREATE TABLE topics (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    UNIQUE (tenant_id, name_key),
    UNIQUE (tenant_id, id)
);

CREATE TABLE places (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    address TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant_id, id)
);
CREATE INDEX places_tenant_name ON places (tenant_id, name);

CREATE TABLE organizations (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    place_id BIGINT,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id)
);
CREATE INDEX organizations_tenant_name ON organizations (tenant_id, name);

CREATE TABLE organization_topics (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (organization_id, topic_id)
);
CREATE INDEX organization_topics_topic ON organization_topics (topic_id);

CREATE TABLE contacts (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id)
);
CREATE INDEX contacts_org ON contacts (organization_id);

CREATE TABLE programs (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    project_type TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    hotel_place_id BIGINT,
    status TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    updated_at TSTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, hotel_place_id) REFERENCES places (tenant_id, id)
);
CREATE INDEX programs_tenant_start ON programs (tenant_id, start_date);

CREATE TABLE program_objectives (
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (program_id, topic_id)
);

CREATE TABLE program_days (
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    lunch_from_minute INTEGER NOT NULL,
    lunch_to_minute INTEGER NOT NULL,
    lunch_minutes INTEGER NOT NULL,
    max_meetings INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (program_id, day)
);

CREATE TABLE visitors (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    country TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    diets TEXT NOT NULL DEFAULT '[]',
    allergies TEXT NOT NULL DEFAULT '[]',
    access_needs TEXT NOT NULL DEFAULT '',
    fictional BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX visitors_program ON visitors (program_id);

CREATE TABLE visitor_interests (
    visitor_id BIGINT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (visitor_id, topic_id)
);

CREATE TABLE interpreters (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX interpreters_program ON interpreters (program_id);

CREATE TABLE meetings (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    host_organization_id BIGINT NOT NULL,
    contact_id BIGINT,
    place_id BIGINT,
    duration_minutes INTEGER NOT NULL,
    audience TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL,
    mandatory BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, host_organization_id) REFERENCES organizations (tenant_id, id),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id),
    FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id)
);
CREATE INDEX meetings_program ON meetings (program_id);
CREATE INDEX meetings_host ON meetings (host_organization_id);
CREATE INDEX meetings_contact ON meetings (contact_id);
CREATE INDEX meetings_place ON meetings (place_id);

CREATE TABLE meeting_partners (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, organization_id)
);
CREATE INDEX meeting_partners_org ON meeting_partners (organization_id);

CREATE TABLE meeting_topics (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, topic_id)
);

CREATE TABLE activities (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    place_id BIGINT,
    duration_minutes INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    mandatory BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id)
);
CREATE INDEX activities_program ON activities (program_id);
CREATE INDEX activities_place ON activities (place_id);

CREATE TABLE activity_topics (
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (activity_id, topic_id)
);

-- Availability windows of a meeting or an activity (exactly one is set).
CREATE TABLE availability_windows (
    id ID_PK,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE CASCADE,
    activity_id BIGINT REFERENCES activities (id) ON DELETE CASCADE,
    starts_at TSTZ NOT NULL,
    ends_at TSTZ NOT NULL,
    CHECK ((meeting_id IS NULL) <> (activity_id IS NULL)),
    CHECK (ends_at > starts_at)
);
CREATE INDEX availability_windows_meeting ON availability_windows (meeting_id);
CREATE INDEX availability_windows_activity ON availability_windows (activity_id);

CREATE TABLE itineraries (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    created_at TSTZ NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (program_id, version),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE itinerary_items (
    itinerary_id BIGINT NOT NULL REFERENCES itineraries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE CASCADE,
    activity_id BIGINT REFERENCES activities (id) ON DELETE CASCADE,
    starts_at TSTZ NOT NULL,
    ends_at TSTZ NOT NULL,
    travel_minutes INTEGER NOT NULL DEFAULT 0,
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (itinerary_id, position),
    CHECK ((meeting_id IS NULL) <> (activity_id IS NULL))
);
CREATE INDEX itinerary_items_meeting ON itinerary_items (meeting_id);
CREATE INDEX itinerary_items_activity ON itinerary_items (activity_id);

CREATE TABLE releases (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    itinerary_id BIGINT NOT NULL REFERENCES itineraries (id),
    version INTEGER NOT NULL,
    released_at TSTZ NOT NULL,
    released_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (program_id, version),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);

-- Meeting requests to resource contacts; the answer link's token is hashed.
CREATE TABLE requests (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    meeting_id BIGINT NOT NULL,
    contact_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    token_hash TEXT UNIQUE,
    expires_at TSTZ,
    sent_at TSTZ,
    created_at TSTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id)
);
CREATE INDEX requests_meeting ON requests (meeting_id);
CREATE INDEX requests_contact ON requests (contact_id);

CREATE TABLE request_windows (
    request_id BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    starts_at TSTZ NOT NULL,
    ends_at TSTZ NOT NULL,
    PRIMARY KEY (request_id, position)
);

CREATE TABLE request_events (
    id ID_PK,
    request_id BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at TSTZ NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request ON request_events (request_id);

CREATE TABLE host_households (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    place_id BIGINT,
    contact_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    can_serve TEXT NOT NULL DEFAULT '[]',
    pets TEXT NOT NULL DEFAULT '[]',
    smoking BOOLEAN NOT NULL DEFAULT FALSE,
    stairs BOOLEAN NOT NULL DEFAULT FALSE,
    capacity INTEGER NOT NULL,
    availability TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    created_at TSTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, place_id) REFERENCES places (tenant_id, id)
);

CREATE TABLE hospitality_evenings (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    starts_at TSTZ NOT NULL,
    ends_at TSTZ NOT NULL,
    status TEXT NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE hospitality_guests (
    evening_id BIGINT NOT NULL REFERENCES hospitality_evenings (id) ON DELETE CASCADE,
    household_id BIGINT NOT NULL REFERENCES host_households (id),
    visitor_id BIGINT REFERENCES visitors (id) ON DELETE CASCADE,
    interpreter_id BIGINT REFERENCES interpreters (id) ON DELETE CASCADE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK ((visitor_id IS NULL) <> (interpreter_id IS NULL))
);
CREATE INDEX hospitality_guests_evening ON hospitality_guests (evening_id);

CREATE TABLE outcomes (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT REFERENCES programs (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    visitor_id BIGINT REFERENCES visitors (id) ON DELETE SET NULL,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    occurred_on TEXT NOT NULL DEFAULT '',
    recorded_at TSTZ NOT NULL
);

-- Outgoing e-mail, written in the same transaction as the change causing it.
CREATE TABLE outbox (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    message_id TEXT NOT NULL UNIQUE,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL DEFAULT '',
    calendar TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TSTZ NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TSTZ NOT NULL,
    sent_at TSTZ
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
