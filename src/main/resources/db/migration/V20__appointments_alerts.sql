-- Appointments as clinics export them (upserted by their own id), and the mass text alerts sent to
-- the clients who have one in a range. A client is the account's contact with that phone.
CREATE TABLE appointments (
  id          bigserial PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  external_id text NOT NULL,
  client_name text NOT NULL DEFAULT '',
  -- E.164, or NULL when the export had no number that can be texted (the raw value is kept)
  phone       text,
  phone_given text NOT NULL DEFAULT '',
  patient     text,
  start_at    timestamptz NOT NULL,
  provider    text,
  location    text,
  status      text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, external_id)
);
CREATE INDEX appointments_start ON appointments (account_id, start_at) WHERE status = 'booked';

CREATE TABLE alerts (
  id          bigserial PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  job_id      bigint NOT NULL REFERENCES jobs (id),
  range_from  timestamptz NOT NULL,
  range_to    timestamptz NOT NULL,
  body        text NOT NULL,
  recipients  integer NOT NULL,
  skipped     integer NOT NULL DEFAULT 0,
  unreachable integer NOT NULL DEFAULT 0,
  per_minute  integer NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_account ON alerts (account_id, id DESC);

-- The clients an alert did not text, and why (opted out, no textable number): its report lists them too.
CREATE TABLE alert_exclusions (
  alert_id    bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  client_name text NOT NULL,
  phone       text NOT NULL,
  reason      text NOT NULL
);
CREATE INDEX alert_exclusions_alert ON alert_exclusions (alert_id);

-- An account's own pace for alerts, texts a minute; NULL: the server's alerts.perMinute.
ALTER TABLE accounts ADD COLUMN alert_per_minute integer CHECK (alert_per_minute > 0);
