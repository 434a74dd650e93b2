-- Calendar subscription feeds, and the iCalendar SEQUENCE of each item.
-- feeds: one live secret address per person and program; only the hash of
-- its token is kept; re-issuing revokes the old address.
-- itinerary_items.sequence: raised whenever an item's time or place changes
-- from one itinerary version to the next, so subscribed calendars and
-- invitations update in place (RFC 5545 SEQUENCE).

CREATE TABLE feeds (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('program', 'visitor', 'interpreter', 'contact')),
    subject_id BIGINT NOT NULL DEFAULT 0,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TSTZ NOT NULL,
    revoked_at TSTZ,
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX feeds_program ON feeds (program_id, kind, subject_id);

ALTER TABLE itinerary_items ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE itinerary_items ADD COLUMN place_id BIGINT;
