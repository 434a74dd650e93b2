-- The header's notifications bell is kept in memory by the organization's
-- revision (its newest audit entry) and this counter: the changes that
-- make or remove a notification without an audit entry (a message that
-- failed for good or bounced, sent again; a received message recorded,
-- tied to a request or put aside) add one to it in their own transaction,
-- so every server sees the new bell at once (issue 14).
ALTER TABLE tenants ADD COLUMN alerts_rev BIGINT NOT NULL DEFAULT 0;
