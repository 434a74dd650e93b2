-- Answers by e-mail and from calendar applications (issue 17, parts 2–4).
--
-- requests.counter_*: the time a resource proposed from their calendar
-- (iMIP COUNTER), waiting for the officer to accept or decline it; NULL
-- when none waits. counter_inbound_id is the message it came in.
-- contacts.email_failing: why the contact's address is failing (a hard
-- bounce), '' while it is not; editing the address clears it.
-- inbound_messages.dismissed: the officer put the message aside.
-- outbox.request_id: the request a sent message is about (its request
-- e-mail, confirmation, change), so that a reply finds its request.
ALTER TABLE requests ADD COLUMN counter_start TSTZ;
ALTER TABLE requests ADD COLUMN counter_end TSTZ;
ALTER TABLE requests ADD COLUMN counter_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN counter_inbound_id BIGINT REFERENCES inbound_messages (id) ON DELETE SET NULL;
ALTER TABLE contacts ADD COLUMN email_failing TEXT NOT NULL DEFAULT '';
ALTER TABLE inbound_messages ADD COLUMN dismissed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE outbox ADD COLUMN request_id BIGINT REFERENCES requests (id) ON DELETE SET NULL;
-- outbox.reply_to: the per-request reply address a message carries as its
-- Reply-To ('' for none). tenants.reply_key: the organization's secret for
-- those addresses (an HMAC key, made on first use; '' until then).
ALTER TABLE outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN reply_key TEXT NOT NULL DEFAULT '';
CREATE INDEX inbound_messages_unmatched ON inbound_messages (tenant_id, matched, dismissed, received_at);
