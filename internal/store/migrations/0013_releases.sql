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

-- requests.told_sequence: the SEQUENCE of the meeting's invitation its
-- resource was last sent (at confirmation, at each change before the
-- program's first release, then at each release that changed it); -1
-- until confirmed. Every change was sent at once before, so a confirmed
-- request made before was told its meeting's SEQUENCE in the newest
-- version (0 when the meeting is not in it).
ALTER TABLE requests ADD COLUMN told_sequence INTEGER NOT NULL DEFAULT -1;
UPDATE requests SET told_sequence = COALESCE((
    SELECT ii.sequence FROM itinerary_items ii JOIN itineraries i ON i.id = ii.itinerary_id
    WHERE ii.meeting_id = requests.meeting_id
      AND i.version = (SELECT MAX(i2.version) FROM itineraries i2 WHERE i2.program_id = i.program_id)), 0)
WHERE confirmed_start IS NOT NULL;

-- meetings.questions: what the visitors want to ask, for the briefings of
-- the books and the resource's brief; '' for every meeting made before.
ALTER TABLE meetings ADD COLUMN questions TEXT NOT NULL DEFAULT '';
