-- Find and trace (issue 12, part 6).
--
-- search_entries: one row per record the search box finds (programs,
-- visitors, interpreters, organizations, contacts, places, meetings and
-- outbox messages), kept up to date by the store in the transaction of
-- each write of the record. The text is indexed by SQLite's FTS5 (an
-- external-content table over search_entries) or PostgreSQL's full-text
-- search (a tsvector column with a GIN index), both with the 'simple'
-- rules so that names in any language match as written.
CREATE TABLE search_entries (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    program_id BIGINT,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant_id, kind, record_id)
);
CREATE INDEX search_entries_program ON search_entries (program_id);

-- dialect: sqlite
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- dialect: postgres
-- PostgreSQL's parser keeps e-mail addresses, hosts and paths whole
-- ("amara@example.ng"); their punctuation becomes spaces first, so that
-- each part is a word, as in SQLite.
ALTER TABLE search_entries ADD COLUMN document tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(title || ' ' || body, '[-@./:_+~=&?#%]+', ' ', 'g'))) STORED;
CREATE INDEX search_entries_document ON search_entries USING GIN (document);
-- dialect: all

-- The records made before, indexed as the store indexes them (messages by
-- subject and recipient: their bodies, which may hold secret links, are
-- indexed without the links from now on).
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'program', id, id, title, city || ' · ' || project_type || ' · ' || description FROM programs;
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'visitor', id, program_id, given_name || ' ' || family_name,
       country || ' · ' || position || ' · ' || organization || ' · ' || email FROM visitors;
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'interpreter', id, program_id, name, email || ' · ' || phone FROM interpreters;
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'organization', id, NULL, name,
       kind || ' · ' || description || ' · ' || website || ' · ' || email || ' · ' || phone FROM organizations;
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'contact', id, NULL, name, title || ' · ' || email || ' · ' || phone || ' · ' || notes FROM contacts;
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'place', id, NULL, name, kind || ' · ' || address || ' · ' || notes FROM places WHERE kind <> 'home';
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'meeting', id, program_id, title, audience || ' · ' || notes || ' · ' || questions FROM meetings;
INSERT INTO search_entries (tenant_id, kind, record_id, program_id, title, body)
SELECT tenant_id, 'message', id, NULL, subject, to_address FROM outbox;

-- audit_log: every change of the organization's records — who, when, the
-- record (and its name then), the action and the fields it changed,
-- before and after (JSON
-- objects of the changed fields) — written in the transaction of the
-- change. Entries are never changed nor deleted (only with their
-- organization); they name their user and program without a foreign key
-- so that deleting either keeps the history.
CREATE TABLE audit_log (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    at TSTZ NOT NULL,
    user_id BIGINT,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    program_id BIGINT,
    action TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    old_values TEXT NOT NULL DEFAULT '{}',
    new_values TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);
CREATE INDEX audit_log_record ON audit_log (tenant_id, kind, record_id, id);
CREATE INDEX audit_log_program ON audit_log (tenant_id, program_id, id);
