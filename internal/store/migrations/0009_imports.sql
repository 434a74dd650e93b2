-- Spreadsheet imports.
-- imports: each file applied to the records (who, when, which file, what
-- it did); undone_at is set when it was undone as a whole.
-- import_records: the records an import created or changed, with the
-- record as it was before (JSON) and the version the import left, so that
-- an undo can tell whether a later change touched them.
-- import_mappings: the officer's choice of field per column, remembered
-- per kind and file shape (its header row).
-- external_ids: the ids another system gives records (the agency's roster
-- number, a CRM key), per kind and program (scope 0: the directory), so a
-- corrected file updates the same records.
-- import_uploads: a file between upload and apply, kept for a day.
-- visitors_program_email: each visitor of a program has their own e-mail,
-- checked on every save; without it a 10,000-row roster took quadratic
-- time. It replaces visitors_program (its first column serves the same
-- lookups): with both, PostgreSQL's planner, once it had statistics, chose
-- the narrower one for the e-mail check of a program it had no statistics
-- for, and read every visitor of the program on each check.

CREATE TABLE imports (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT REFERENCES programs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TSTZ NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    undone_at TSTZ,
    undone_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX imports_tenant_program ON imports (tenant_id, program_id, created_at);

CREATE TABLE import_records (
    import_id BIGINT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    record_id BIGINT NOT NULL,
    created BOOLEAN NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL
);
CREATE INDEX import_records_import ON import_records (import_id);

CREATE TABLE import_mappings (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    shape TEXT NOT NULL,
    fields TEXT NOT NULL,
    updated_at TSTZ NOT NULL,
    PRIMARY KEY (tenant_id, kind, shape)
);

CREATE TABLE external_ids (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    scope BIGINT NOT NULL,
    external_id TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, scope, external_id)
);

CREATE TABLE import_uploads (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT REFERENCES programs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sheet TEXT NOT NULL DEFAULT '',
    data BYTES NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TSTZ NOT NULL
);
CREATE INDEX import_uploads_created ON import_uploads (created_at);

CREATE INDEX visitors_program_email ON visitors (program_id, lower(email));
DROP INDEX visitors_program;
