-- Releases (issue 11): who each release brought up to date. A person's
-- changes at the next release are counted from the newest release that
-- names them; one held back at a release is not named, so their next
-- release tells them everything since theirs.

CREATE TABLE release_recipients (
    release_id BIGINT NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('visitor', 'interpreter')),
    person_id BIGINT NOT NULL,
    PRIMARY KEY (release_id, kind, person_id)
);
CREATE INDEX release_recipients_person ON release_recipients (kind, person_id);
