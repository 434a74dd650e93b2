-- Project packages across installations (issue 16 part 4,
-- docs/project-package.md).
--
-- signing_keys: each organization's Ed25519 key pair, made on first use.
-- private_key is the PKCS #8 PEM: it signs the organization's packages and
-- is never shown, logged or audited; public_key (one line of base64) and
-- key_id (its fingerprint) are shown.
CREATE TABLE signing_keys (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    key_id TEXT NOT NULL,
    created_at TSTZ NOT NULL
);

-- trusted_keys: the partners' public keys an organization confirmed (their
-- fingerprint compared by another channel); a revoked one no longer opens
-- packages.
CREATE TABLE trusted_keys (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    key_id TEXT NOT NULL,
    created_at TSTZ NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    revoked_at TSTZ,
    revoked_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX trusted_keys_tenant ON trusted_keys (tenant_id, key_id);

-- project_packages: the packages an organization imported: a stop package
-- (program_id: the program it made) or a return package (stop_id: the
-- agency's stop it answers). digest is the SHA-256 of the signed payload,
-- unique per organization, so that one package is never imported twice;
-- payload is the verified payload (JSON).
CREATE TABLE project_packages (
    id ID_PK,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('stop', 'return')),
    digest TEXT NOT NULL,
    key_id TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    issued_at TSTZ NOT NULL,
    imported_at TSTZ NOT NULL,
    imported_by TEXT NOT NULL DEFAULT '',
    program_id BIGINT REFERENCES programs (id) ON DELETE SET NULL,
    stop_id BIGINT REFERENCES project_stops (id) ON DELETE SET NULL,
    payload TEXT NOT NULL
);
CREATE UNIQUE INDEX project_packages_digest ON project_packages (tenant_id, digest);
CREATE INDEX project_packages_program ON project_packages (tenant_id, program_id);
CREATE INDEX project_packages_stop ON project_packages (tenant_id, stop_id);
