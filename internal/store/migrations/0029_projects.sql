-- Multi-city projects (issue 16, docs/projects.md).
--
-- tenants.kind: a community organization (every existing one) or a
-- national program agency, which designs projects.
ALTER TABLE tenants ADD COLUMN kind TEXT NOT NULL DEFAULT 'community' CHECK (kind IN ('community', 'agency'));

-- projects: an agency's multi-city project. objectives and shared are
-- JSON lists of text; shared names the roster fields the cities see;
-- retention_days how long after a stop's last day its city still sees
-- the roster.
CREATE TABLE projects (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1,
    title TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '[]',
    retention_days INTEGER NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 0 AND 365),
    shared TEXT NOT NULL DEFAULT '[]',
    created_at TSTZ NOT NULL,
    updated_at TSTZ NOT NULL
);
CREATE INDEX projects_tenant ON projects (tenant_id, id);

-- project_roster: the project's visitors, interpreters and escorts, kept
-- by the agency (tenant_id) with their private data.
CREATE TABLE project_roster (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1,
    role TEXT NOT NULL CHECK (role IN ('visitor', 'interpreter', 'escort')),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    diets TEXT NOT NULL DEFAULT '[]',
    allergies TEXT NOT NULL DEFAULT '[]',
    access_needs TEXT NOT NULL DEFAULT '',
    passport TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    withdrawn BOOLEAN NOT NULL DEFAULT FALSE,
    fictional BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX project_roster_project ON project_roster (project_id, id);

-- project_stops: one city of the route. tenant_id is the organization
-- that programs it; program_id its program there once it accepted. The
-- arrival (mode, reference, instants) is the journey that brings the
-- delegation to the stop; notes are the city's own.
CREATE TABLE project_stops (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1,
    city TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined')),
    program_id BIGINT REFERENCES programs (id) ON DELETE SET NULL,
    arrival_mode TEXT NOT NULL DEFAULT 'flight' CHECK (arrival_mode IN ('flight', 'ground')),
    arrival_ref TEXT NOT NULL DEFAULT '',
    departs_at TSTZ,
    arrives_at TSTZ,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_stops_project ON project_stops (project_id, start_date);
CREATE INDEX project_stops_tenant ON project_stops (tenant_id, project_id);
CREATE INDEX project_stops_program ON project_stops (program_id);

-- project_grants: one organization's access to another's data for one
-- stop: the grantee reads scope ('roster': the project's objectives and
-- shared roster; 'program': the stop's program) from since_at until until_at
-- (NULL: until revoked).
CREATE TABLE project_grants (
    id ID_PK,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    stop_id BIGINT NOT NULL REFERENCES project_stops (id) ON DELETE CASCADE,
    grantor_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    grantee_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('roster', 'program')),
    since_at TSTZ NOT NULL,
    until_at TSTZ,
    created_by TEXT NOT NULL DEFAULT '',
    revoked_at TSTZ,
    revoked_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_grants_stop ON project_grants (stop_id, scope);
CREATE INDEX project_grants_project ON project_grants (project_id, id);

-- project_notices: a hand-off told to one organization (tenant_id), on
-- its bell; itinerary ones are listed on the stop's next release, which
-- release_id records once it carried them.
CREATE TABLE project_notices (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    stop_id BIGINT REFERENCES project_stops (id) ON DELETE CASCADE,
    program_id BIGINT REFERENCES programs (id) ON DELETE SET NULL,
    noticed_at TSTZ NOT NULL,
    text TEXT NOT NULL,
    itinerary BOOLEAN NOT NULL DEFAULT FALSE,
    release_id BIGINT REFERENCES releases (id) ON DELETE SET NULL
);
CREATE INDEX project_notices_tenant ON project_notices (tenant_id, noticed_at);
CREATE INDEX project_notices_program ON project_notices (tenant_id, program_id);
