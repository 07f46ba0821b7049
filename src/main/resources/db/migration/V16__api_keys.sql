-- API keys: named credentials of an account for programs, with a role; only a hash is kept.
CREATE TABLE api_keys (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('user', 'admin')),
  -- SHA-256 of the key: a key is 256 random bits, so a slow hash would add nothing
  key_hash     bytea NOT NULL UNIQUE,
  -- the first characters of the key, shown so people can tell their keys apart
  prefix       text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE UNIQUE INDEX api_keys_live_name ON api_keys (account_id, lower(name)) WHERE revoked_at IS NULL;
