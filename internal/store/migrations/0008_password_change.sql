-- A password someone else made (a new account's, or an administrator's
-- reset) must be replaced by the user at their next sign-in; until then
-- must_change_password is true and only the password page is reachable.
-- Existing users chose their passwords: false.

ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
