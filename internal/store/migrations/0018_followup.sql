-- After the visit (issue 13): feedback through personal links, and the
-- collaborations that followed a program.
--
-- tenants.feedback_reminder_days: how many days after the feedback links
-- went out the one reminder goes to those who have not answered.
ALTER TABLE tenants ADD COLUMN feedback_reminder_days INTEGER NOT NULL DEFAULT 7;

-- feedback_links: one person's feedback link for one program (a visitor,
-- an interpreter, a resource contact or a host household; person_id is
-- their record's id), with their answer once given. Only the token's hash
-- is stored; a reminder replaces it. rating 0: not rated; host_again ''
-- not said.
CREATE TABLE feedback_links (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('visitor', 'interpreter', 'resource', 'household')),
    person_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    token_hash TEXT NOT NULL UNIQUE,
    sent_at TSTZ NOT NULL,
    expires_at TSTZ NOT NULL,
    reminded_at TSTZ,
    answered_at TSTZ,
    rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    host_again TEXT NOT NULL DEFAULT '' CHECK (host_again IN ('', 'yes', 'maybe', 'no')),
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (program_id, role, person_id)
);
CREATE INDEX feedback_links_program ON feedback_links (tenant_id, program_id);
CREATE INDEX feedback_links_sent ON feedback_links (sent_at);

-- feedback_ratings: a visitor's or interpreter's rating of one meeting.
CREATE TABLE feedback_ratings (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    link_id BIGINT NOT NULL REFERENCES feedback_links (id) ON DELETE CASCADE,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (link_id, meeting_id)
);
CREATE INDEX feedback_ratings_meeting ON feedback_ratings (tenant_id, meeting_id);

-- collaborations: what followed a program. visitor_ids and
-- organization_ids are JSON lists of ids of the tenant's records,
-- countries a JSON list of names; started_on YYYY-MM-DD or ''.
-- recorded_by: 'staff' or the name of the visitor who wrote it from their
-- feedback link (feedback_link_id).
CREATE TABLE collaborations (
    id ID_PK,
    version INTEGER NOT NULL DEFAULT 1,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('joint project', 'training', 'exchange of materials', 'policy change', 'publication', 'further visit', 'funding', 'other')),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    visitor_ids TEXT NOT NULL DEFAULT '[]',
    organization_ids TEXT NOT NULL DEFAULT '[]',
    countries TEXT NOT NULL DEFAULT '[]',
    started_on TEXT NOT NULL DEFAULT '',
    evidence_url TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT 'staff',
    feedback_link_id BIGINT REFERENCES feedback_links (id) ON DELETE SET NULL,
    created_at TSTZ NOT NULL,
    updated_at TSTZ NOT NULL
);
CREATE INDEX collaborations_program ON collaborations (tenant_id, program_id);

-- Thank-you letters (issue 13, part 2). tenants.thank_you_subject and
-- thank_you_body: the organization's template, as last used ('' for the
-- built-in one). thank_you_drafts: one letter per resource (contact of a
-- meeting held) or household (of a confirmed evening) of a program, drafted
-- from the template with their part filled in, edited by the officer and
-- sent through the outbox (sent_at; NULL while a draft).
ALTER TABLE tenants ADD COLUMN thank_you_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN thank_you_body TEXT NOT NULL DEFAULT '';
CREATE TABLE thank_you_drafts (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('resource', 'household')),
    person_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    sent_at TSTZ,
    UNIQUE (program_id, role, person_id)
);
CREATE INDEX thank_you_drafts_program ON thank_you_drafts (tenant_id, program_id);
