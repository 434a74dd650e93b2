-- Outgoing e-mail, part 2: what the worker and the composer need.
-- lease_until: a worker's claim on a 'sending' row; when it passes, the
-- worker is presumed dead and the message is due again (same Message-ID).
-- calendar_method: the iTIP METHOD of the calendar part (REQUEST, CANCEL).
-- tenants.mail_from_*: the sender an organization's messages show; empty
-- means the organization's name and the installation's address.

ALTER TABLE outbox ADD COLUMN calendar_method TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until TSTZ;
CREATE INDEX outbox_lease ON outbox (status, lease_until);
CREATE INDEX outbox_tenant_created ON outbox (tenant_id, created_at);

ALTER TABLE tenants ADD COLUMN mail_from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN mail_from_address TEXT NOT NULL DEFAULT '';
