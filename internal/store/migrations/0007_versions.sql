-- Record versions and idempotent creates.
-- version: every change of a record raises it by one. The API shows it as
-- the record's ETag and refuses a change sent with a stale If-Match; the
-- web forms carry it, so two officers editing the same record do not
-- silently overwrite each other.
-- idempotency_keys: the answer to a POST sent with an Idempotency-Key,
-- stored in the transaction of the change, so that a client's retry
-- returns the first answer and creates nothing new.

ALTER TABLE programs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE program_days ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visitors ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE interpreters ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE places ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE host_households ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE hospitality_evenings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tenants ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE idempotency_keys (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
