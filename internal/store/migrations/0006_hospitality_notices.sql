-- Home hospitality, part 3: hosts answer invitations, and are told only
-- when their part changes.
-- hospitality_invitations: the host's own answer to an evening ('' none
-- yet, 'yes', 'no'), an optional note and when they gave it.
-- hospitality_notices: what each household was last told about an
-- evening it received guests at: the fingerprint of its guests and the
-- evening's time ('' once cancelled), and the calendar SEQUENCE of that
-- e-mail, so a re-confirmation writes only to households whose part
-- changed, with the same UID and a higher SEQUENCE.

ALTER TABLE hospitality_invitations ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE hospitality_invitations ADD COLUMN answer_note TEXT NOT NULL DEFAULT '';
ALTER TABLE hospitality_invitations ADD COLUMN answered_at TSTZ;

CREATE TABLE hospitality_notices (
    evening_id BIGINT NOT NULL REFERENCES hospitality_evenings (id) ON DELETE CASCADE,
    household_id BIGINT NOT NULL REFERENCES host_households (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    cancelled BOOLEAN NOT NULL DEFAULT FALSE,
    sent_at TSTZ NOT NULL,
    PRIMARY KEY (evening_id, household_id)
);
CREATE INDEX hospitality_notices_tenant ON hospitality_notices (tenant_id);
