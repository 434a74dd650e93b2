-- The API's organizations list pages in SQL by name without case, then id
-- (keyset, issue 14): this index answers a page without sorting the
-- organization's whole directory.
CREATE INDEX organizations_tenant_lower_name ON organizations (tenant_id, lower(name), id);
