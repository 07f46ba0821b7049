-- Log-ins: one normalised form of each e-mail, and the failed attempts of every way of logging in.

-- The e-mail as users are found by: NFKC-normalised and lower-cased once, in Java (EmailKey), so
-- that the lookup, the uniqueness and the throttle all agree. Existing rows get PostgreSQL's
-- equivalent, which is the same for every address Herald accepted so far.
ALTER TABLE users ADD COLUMN email_key text;
UPDATE users SET email_key = lower(normalize(email, NFKC));
ALTER TABLE users ALTER COLUMN email_key SET NOT NULL;
DROP INDEX users_email_key;
CREATE UNIQUE INDEX users_email_key ON users (email_key);

-- A failed log-in: web:<e-mail key> for HTTP Basic and the admin UI, ftp:<user name> for the Drop &
-- Go site; address is the client's IP address. Rows older than the throttle window are deleted as
-- new ones come in. Kept in the database so that every node counts the same failures.
CREATE TABLE login_failures (
  login     text NOT NULL,
  address   text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_login ON login_failures (login, failed_at);
CREATE INDEX login_failures_address ON login_failures (address, failed_at);
CREATE INDEX login_failures_age ON login_failures (failed_at);
