-- Herald schema, version 1: accounts and their people, senders, jobs, messages with their wire parts
-- and their history.

CREATE TABLE accounts (
  id             bigserial PRIMARY KEY,
  name           text NOT NULL,
  default_region text NOT NULL DEFAULT 'US' CHECK (default_region ~ '^[A-Z]{2}$'),
  time_zone      text NOT NULL DEFAULT 'UTC',
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  account_id    bigint REFERENCES accounts (id) ON DELETE CASCADE,
  email         text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'user', 'operator')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- operators belong to no account; everyone else to exactly one
  CHECK ((role = 'operator') = (account_id IS NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE senders (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  address    text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('long_code', 'short_code', 'alphanumeric')),
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, address)
);
CREATE UNIQUE INDEX senders_one_default ON senders (account_id) WHERE is_default;

CREATE TABLE jobs (
  id          bigserial PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('api', 'drop', 'campaign', 'alert', 'broadcast')),
  sender_id   bigint REFERENCES senders (id),
  lane        text NOT NULL DEFAULT 'bulk' CHECK (lane IN ('conversation', 'alert', 'bulk')),
  status      text NOT NULL DEFAULT 'running'
              CHECK (status IN ('scheduled', 'running', 'paused', 'completed', 'cancelled')),
  start_at    timestamptz,
  end_at      timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_account ON jobs (account_id, id DESC);

CREATE TABLE messages (
  id           bigserial PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  job_id       bigint REFERENCES jobs (id) ON DELETE CASCADE,
  lane         text NOT NULL DEFAULT 'bulk' CHECK (lane IN ('conversation', 'alert', 'bulk')),
  sender       text NOT NULL,
  recipient    text NOT NULL,
  body         text NOT NULL,
  encoding     text NOT NULL CHECK (encoding IN ('GSM7', 'UCS2')),
  segments     smallint NOT NULL CHECK (segments > 0),
  state        text NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'sending', 'submitted', 'delivered', 'undeliverable',
                                'expired', 'failed', 'skipped', 'cancelled')),
  not_before   timestamptz NOT NULL DEFAULT now(),
  lease_until  timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  smsc         text,
  error_code   text,
  error_detail text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- what dispatch claims next, and what lease recovery looks at
CREATE INDEX messages_due ON messages (not_before, id) WHERE state = 'queued';
CREATE INDEX messages_leased ON messages (lease_until) WHERE state = 'sending';
CREATE INDEX messages_account ON messages (account_id, id DESC);
CREATE INDEX messages_job ON messages (job_id, state) WHERE job_id IS NOT NULL;

-- one row per SMPP segment as it went on the wire
CREATE TABLE message_parts (
  message_id      bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  seq             smallint NOT NULL,
  smsc            text NOT NULL,
  smsc_message_id text NOT NULL,
  state           text NOT NULL DEFAULT 'submitted'
                  CHECK (state IN ('submitted', 'delivered', 'undeliverable', 'expired')),
  receipt_status  text,
  receipt_error   text,
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  receipt_at      timestamptz,
  PRIMARY KEY (message_id, seq)
);
CREATE INDEX message_parts_receipt_key ON message_parts (smsc, smsc_message_id);

-- receipts whose part is not (yet) known: a receipt can overtake its submit_sm_resp
CREATE TABLE receipts_unmatched (
  id              bigserial PRIMARY KEY,
  smsc            text NOT NULL,
  smsc_message_id text NOT NULL,
  state           text NOT NULL,
  receipt_status  text NOT NULL,
  receipt_error   text,
  received_at     timestamptz NOT NULL DEFAULT now(),
  raw             text
);
CREATE INDEX receipts_unmatched_key ON receipts_unmatched (smsc, smsc_message_id);

CREATE TABLE message_events (
  id         bigserial PRIMARY KEY,
  message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  state      text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  detail     text
);
CREATE INDEX message_events_message ON message_events (message_id, id);
