-- The IMAP mailbox each organization receives answers in (issue 17): its
-- settings, and where reading it stands, so that no message is taken twice,
-- across restarts too.
--
-- security: tls, starttls, or none (only for a server on loopback).
-- password: stored as given, since Itinera must present it to the server;
-- it is never shown back, logged or audited (README, Inbound mail).
-- uid_validity, last_uid: the mailbox's IMAP UIDVALIDITY and the last UID
-- handed to the inbound handler; a new UIDVALIDITY starts again at 0
-- (the inbound handler's Message-ID check keeps it from acting twice).
-- last_error: the last poll's problem in plain words, '' when it went well.
-- taken: messages handed to the handler that were new to it.
CREATE TABLE mailboxes (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    version INTEGER NOT NULL DEFAULT 1,
    host TEXT NOT NULL DEFAULT '',
    port INTEGER NOT NULL DEFAULT 993,
    security TEXT NOT NULL DEFAULT 'tls' CHECK (security IN ('tls', 'starttls', 'none')),
    username TEXT NOT NULL DEFAULT '',
    password TEXT NOT NULL DEFAULT '',
    folder TEXT NOT NULL DEFAULT 'INBOX',
    uid_validity BIGINT NOT NULL DEFAULT 0,
    last_uid BIGINT NOT NULL DEFAULT 0,
    last_poll_at TSTZ,
    last_error TEXT NOT NULL DEFAULT '',
    last_error_at TSTZ,
    idle BOOLEAN NOT NULL DEFAULT FALSE,
    taken BIGINT NOT NULL DEFAULT 0
);

-- The messages of a mailbox not taken (yet): failing ones are tried again
-- at next_attempt_at; too-large and refused ones stay in the mailbox,
-- unread, for a person to look at.
CREATE TABLE mailbox_problems (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    uid_validity BIGINT NOT NULL,
    uid BIGINT NOT NULL,
    size BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('failing', 'too-large', 'refused')),
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    first_at TSTZ NOT NULL,
    next_attempt_at TSTZ,
    UNIQUE (tenant_id, uid_validity, uid)
);
