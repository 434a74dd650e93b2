-- Meeting requests, part 2: what the resource's answer and its link need.
-- requests.viewed_at: when the resource first opened the link.
-- requests.confirmed_*: the time the officer confirmed; set, the request is
-- locked. The link's token is stored only as token_hash (0001).
-- request_answers: the resource's current answer, one per request,
-- replaced when they change it; request_answer_windows holds the times
-- they ticked (kind 'available') or proposed (kind 'proposed').

ALTER TABLE requests ADD COLUMN viewed_at TSTZ;
ALTER TABLE requests ADD COLUMN confirmed_start TSTZ;
ALTER TABLE requests ADD COLUMN confirmed_end TSTZ;
ALTER TABLE requests ADD COLUMN confirmed_at TSTZ;
CREATE INDEX requests_tenant_status ON requests (tenant_id, status);

CREATE TABLE request_answers (
    request_id BIGINT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('accept', 'available', 'decline', 'counter')),
    slot_start TSTZ,
    slot_end TSTZ,
    reason TEXT NOT NULL DEFAULT '',
    colleague_name TEXT NOT NULL DEFAULT '',
    colleague_email TEXT NOT NULL DEFAULT '',
    colleague_note TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '[]',
    comment TEXT NOT NULL DEFAULT '',
    answered_at TSTZ NOT NULL
);

CREATE TABLE request_answer_windows (
    request_id BIGINT NOT NULL REFERENCES request_answers (request_id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('available', 'proposed')),
    position INTEGER NOT NULL,
    starts_at TSTZ NOT NULL,
    ends_at TSTZ NOT NULL,
    PRIMARY KEY (request_id, kind, position),
    CHECK (ends_at > starts_at)
);
