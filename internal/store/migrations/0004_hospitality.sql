-- Home hospitality, part 2: what host sign-up, matching and confirmation
-- need beyond the tables of 0001.
-- host_households: the personal link's expiry (its hash is token_hash,
-- 0001), professional interests, usual free dates ("YYYY-MM-DD") and
-- weekdays ("Sunday") as JSON lists, and the time of the last change.
-- hospitality_evenings: the smallest group, pick-up note, confirmation
-- time and the itinerary activity the evening became.
-- hospitality_participants: who takes part in an evening (a visitor or an
-- interpreter) and, for a visitor the saved matching left out, why.
-- hospitality_invitations: the households asked to host an evening;
-- 'unavailable' when one dropped out.
-- hospitality_pairs: visitors who dine together or apart, for every
-- evening of a program (evening_id NULL) or one.
-- volunteer_hours: the time each household gave to a confirmed evening.
-- Guests of an evening (0001) are a visitor or an interpreter, which is
-- their role; locked guests stay put when the matching is run again.

ALTER TABLE host_households ADD COLUMN token_expires_at TSTZ;
ALTER TABLE host_households ADD COLUMN interests TEXT NOT NULL DEFAULT '[]';
ALTER TABLE host_households ADD COLUMN free_dates TEXT NOT NULL DEFAULT '[]';
ALTER TABLE host_households ADD COLUMN free_weekdays TEXT NOT NULL DEFAULT '[]';
ALTER TABLE host_households ADD COLUMN updated_at TSTZ;
CREATE INDEX host_households_tenant_status ON host_households (tenant_id, status);

ALTER TABLE hospitality_evenings ADD COLUMN min_group INTEGER NOT NULL DEFAULT 2;
ALTER TABLE hospitality_evenings ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE hospitality_evenings ADD COLUMN confirmed_at TSTZ;
ALTER TABLE hospitality_evenings ADD COLUMN activity_id BIGINT REFERENCES activities (id) ON DELETE SET NULL;
CREATE INDEX hospitality_evenings_program ON hospitality_evenings (tenant_id, program_id);

CREATE TABLE hospitality_participants (
    evening_id BIGINT NOT NULL REFERENCES hospitality_evenings (id) ON DELETE CASCADE,
    visitor_id BIGINT REFERENCES visitors (id) ON DELETE CASCADE,
    interpreter_id BIGINT REFERENCES interpreters (id) ON DELETE CASCADE,
    unplaced_reason TEXT NOT NULL DEFAULT '',
    CHECK ((visitor_id IS NULL) <> (interpreter_id IS NULL))
);
CREATE INDEX hospitality_participants_evening ON hospitality_participants (evening_id);

CREATE TABLE hospitality_invitations (
    evening_id BIGINT NOT NULL REFERENCES hospitality_evenings (id) ON DELETE CASCADE,
    household_id BIGINT NOT NULL REFERENCES host_households (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('invited', 'unavailable')),
    invited_at TSTZ NOT NULL,
    PRIMARY KEY (evening_id, household_id)
);
CREATE INDEX hospitality_invitations_household ON hospitality_invitations (household_id);

CREATE TABLE hospitality_pairs (
    id ID_PK,
    tenant_id BIGINT NOT NULL,
    program_id BIGINT NOT NULL,
    evening_id BIGINT REFERENCES hospitality_evenings (id) ON DELETE CASCADE,
    visitor_a BIGINT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    visitor_b BIGINT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('together', 'apart')),
    FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX hospitality_pairs_program ON hospitality_pairs (tenant_id, program_id);

CREATE TABLE volunteer_hours (
    evening_id BIGINT NOT NULL REFERENCES hospitality_evenings (id) ON DELETE CASCADE,
    household_id BIGINT NOT NULL REFERENCES host_households (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    recorded_at TSTZ NOT NULL,
    PRIMARY KEY (evening_id, household_id)
);
CREATE INDEX volunteer_hours_tenant ON volunteer_hours (tenant_id);
