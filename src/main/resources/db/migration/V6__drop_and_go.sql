-- Herald schema, version 6: Drop & Go. CSV files dropped on the FTP site (or uploaded over HTTP)
-- become jobs, per the settings of a drop profile. Owned by io.herald.drop.

-- An operator turns Drop & Go on for an account.
ALTER TABLE accounts ADD COLUMN drop_enabled boolean NOT NULL DEFAULT false;

-- Keywords of mobile campaigns with their numbered messages (#001 first); a drop file's keyword
-- column picks the keyword whose #001 message a row is sent.
CREATE TABLE keywords (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  keyword    text NOT NULL CHECK (keyword ~ '^[A-Za-z0-9]{1,30}$'),
  messages   text[] NOT NULL CHECK (cardinality(messages) BETWEEN 1 AND 999),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX keywords_account_keyword ON keywords (account_id, upper(keyword));

-- One FTP login and the way its files are read. columns says where things are in a file:
-- {"mobile": 2 | "Mobile", "phones": [...], "keyword": ..., "message": ..., "sendAt": ...,
--  "timeZone": ..., "fields": [{"column": ..., "label": "appt_date", "contactField": "apptDate"}]},
-- a column being a 1-based position or, in files with a header row, the header's text.
CREATE TABLE drop_profiles (
  id                bigserial PRIMARY KEY,
  account_id        bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name              text NOT NULL,
  username          text NOT NULL,
  password_hash     text NOT NULL,
  enabled           boolean NOT NULL DEFAULT true,
  has_header        boolean NOT NULL DEFAULT true,
  columns           jsonb NOT NULL,
  -- with ~label~ placeholders; null when texts come from a message or keyword column only
  template          text,
  send_at_format    text NOT NULL,
  -- IANA zone of the send times in files; null = the account's
  time_zone         text,
  conversation_lock boolean NOT NULL DEFAULT false,
  -- sender address; null = the account's default sender
  sender            text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
-- FTP user names are global: one login, one profile
CREATE UNIQUE INDEX drop_profiles_username ON drop_profiles (lower(username));
CREATE INDEX drop_profiles_account ON drop_profiles (account_id, id);

-- Every file received: the Drop & Go Summary.
CREATE TABLE drop_files (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  profile_id   bigint REFERENCES drop_profiles (id) ON DELETE SET NULL,
  -- kept so the report still names a profile that was deleted since
  profile_name text NOT NULL,
  name         text NOT NULL,
  source       text NOT NULL CHECK (source IN ('ftp', 'http')),
  size_bytes   bigint NOT NULL DEFAULT 0,
  sha256       text,
  status       text NOT NULL DEFAULT 'processing'
               CHECK (status IN ('processing', 'processed', 'error', 'duplicate')),
  -- why a file went to error/ (null when processed)
  reason       text,
  rows         bigint NOT NULL DEFAULT 0,
  accepted     bigint NOT NULL DEFAULT 0,
  rejected     bigint NOT NULL DEFAULT 0,
  job_id       bigint REFERENCES jobs (id) ON DELETE SET NULL,
  duplicate_of bigint REFERENCES drop_files (id) ON DELETE SET NULL,
  -- where the file waits while it is processed, for recovery after a crash
  staged_path  text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX drop_files_account ON drop_files (account_id, received_at DESC, id DESC);
CREATE INDEX drop_files_job ON drop_files (job_id) WHERE job_id IS NOT NULL;
-- the same content is sent once per profile
CREATE UNIQUE INDEX drop_files_content ON drop_files (profile_id, sha256) WHERE status = 'processed';
CREATE INDEX drop_files_processing ON drop_files (id) WHERE status = 'processing';

-- Conversation lock: replies from a recipient to a sender belong to the account that texted them.
CREATE TABLE conversation_locks (
  sender     text NOT NULL,
  recipient  text NOT NULL,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  job_id     bigint REFERENCES jobs (id) ON DELETE SET NULL,
  locked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sender, recipient)
);
CREATE INDEX conversation_locks_account ON conversation_locks (account_id);
