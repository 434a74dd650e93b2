-- Follow-up links and the network across programs (issue 13, parts 3 and 4).
--
-- tenants.follow_up_months: when, after a program's last day, its visitors
-- and resources are asked what followed: months separated by commas, in
-- order ('' for never).
ALTER TABLE tenants ADD COLUMN follow_up_months TEXT NOT NULL DEFAULT '3,6,12';

-- followup_links: one person's follow-up link for one program and one
-- step of the schedule (months after the program's last day): a visitor or
-- the contact of a meeting held (person_id is their record's id). Only the
-- token's hash is stored. The unique key is what makes each scheduled
-- message go out once: the server claims it by inserting the row, in the
-- transaction that queues the e-mail. answer: '' (none yet), 'nothing yet'
-- or 'collaboration'.
CREATE TABLE followup_links (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('visitor', 'resource')),
    person_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 60),
    token_hash TEXT NOT NULL UNIQUE,
    sent_at TSTZ NOT NULL,
    expires_at TSTZ NOT NULL,
    answered_at TSTZ,
    answer TEXT NOT NULL DEFAULT '' CHECK (answer IN ('', 'nothing yet', 'collaboration')),
    UNIQUE (program_id, role, person_id, months)
);
CREATE INDEX followup_links_program ON followup_links (tenant_id, program_id);

-- collaborations.followup_link_id: the follow-up link a collaboration was
-- recorded through (NULL: by staff, or through a feedback link).
ALTER TABLE collaborations ADD COLUMN followup_link_id BIGINT REFERENCES followup_links (id) ON DELETE SET NULL;
