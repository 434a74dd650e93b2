-- Accounts (issue 12, part 7): password resets by e-mailed link, the last
-- sign-in, API tokens' access and last use, and the in-app notifications.
--
-- password_resets: the one live reset link of a user; only its token's
-- hash is stored. A new request replaces the old one; using it deletes it.
CREATE TABLE password_resets (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TSTZ NOT NULL,
    expires_at TSTZ NOT NULL
);
CREATE INDEX password_resets_expiry ON password_resets (expires_at);

-- users.signed_in_at: the latest sign-in; users.last_signed_in_at: the one
-- before it, which the pages show. NULL for users made before (never
-- recorded).
-- users.alerts_seen_at: the user has seen the notifications up to then;
-- NULL: none seen.
-- users.daily_digest: the user wants a daily e-mail of their
-- notifications; users.digest_day: the last local day (YYYY-MM-DD) whose
-- digest was queued, '' for none, so that a day is sent at most once.
ALTER TABLE users ADD COLUMN signed_in_at TSTZ;
ALTER TABLE users ADD COLUMN last_signed_in_at TSTZ;
ALTER TABLE users ADD COLUMN alerts_seen_at TSTZ;
ALTER TABLE users ADD COLUMN daily_digest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN digest_day TEXT NOT NULL DEFAULT '';

-- api_tokens.access: 'full' acts with the owner's role (every token made
-- before), 'read' only reads. api_tokens.last_used_at: the token's latest
-- use; NULL for tokens not used since this release.
ALTER TABLE api_tokens ADD COLUMN access TEXT NOT NULL DEFAULT 'full' CHECK (access IN ('full', 'read'));
ALTER TABLE api_tokens ADD COLUMN last_used_at TSTZ;
