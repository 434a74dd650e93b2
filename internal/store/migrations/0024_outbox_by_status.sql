-- The outbox page of an organization with many messages (issue 14): its
-- tabs list one status newest first and count each status up to a bound,
-- both read from this index instead of the organization's whole outbox.
CREATE INDEX outbox_tenant_status ON outbox (tenant_id, status, created_at);
