-- Inbound mail (issue 17, first step): the messages that came back to an
-- organization — calendar answers (iMIP REPLY), bounces, auto-replies,
-- plain replies — each recorded once per Message-ID, with what was
-- understood and done.
--
-- kind: calendar-reply, calendar, bounce, auto-reply or mail.
-- matched: tied to one of the organization's records; outcome says what
-- was done, or why nothing was.
-- request_id, outbox_id: the request and the sent message it is about
-- (NULL when none); the row stays when they are deleted.
CREATE TABLE inbound_messages (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    received_at TSTZ NOT NULL,
    from_address TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('calendar-reply', 'calendar', 'bounce', 'auto-reply', 'mail')),
    matched BOOLEAN NOT NULL DEFAULT FALSE,
    outcome TEXT NOT NULL DEFAULT '',
    request_id BIGINT REFERENCES requests (id) ON DELETE SET NULL,
    outbox_id BIGINT REFERENCES outbox (id) ON DELETE SET NULL,
    body TEXT NOT NULL DEFAULT '',
    UNIQUE (tenant_id, message_id)
);
CREATE INDEX inbound_messages_tenant_received ON inbound_messages (tenant_id, received_at);
CREATE INDEX inbound_messages_request ON inbound_messages (request_id);
CREATE INDEX inbound_messages_outbox ON inbound_messages (outbox_id);
