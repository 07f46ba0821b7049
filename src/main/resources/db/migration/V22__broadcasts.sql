-- Broadcasts: saved messages (the SMS library), and sends of one to all contacts or some groups,
-- counted, checked and approved before anything goes. Owned by the broadcasts package.

-- A custom field can hold a further phone number (a parent's): a broadcast can text it.
ALTER TABLE contact_fields DROP CONSTRAINT contact_fields_type_check;
ALTER TABLE contact_fields ADD CONSTRAINT contact_fields_type_check
  CHECK (type IN ('text', 'number', 'date', 'boolean', 'phone'));

CREATE TABLE sms_library (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name       text NOT NULL,
  text       text NOT NULL,
  -- sender address; null = the account's default sender
  sender     text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sms_library_name ON sms_library (account_id, lower(name));

-- An account's rules for broadcasts; an account without a row has the defaults.
CREATE TABLE broadcast_settings (
  account_id        bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  -- the one who prepared a broadcast may not approve it
  four_eyes         boolean NOT NULL DEFAULT false,
  -- recipients' local hours a broadcast may be sent in
  quiet_until       time NOT NULL DEFAULT '08:00',
  quiet_from        time NOT NULL DEFAULT '21:00',
  price_per_segment numeric(12, 5)
);

CREATE TABLE broadcasts (
  id            bigserial PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  sms_id        bigint REFERENCES sms_library (id) ON DELETE SET NULL,
  -- the message as it was when the broadcast was confirmed: what is approved is what is sent
  text          text,
  sender        text,
  -- null = all active contacts; else these groups' members
  group_ids     bigint[],
  -- null = the contact's phone; else the key of a custom field of phone type
  phone_field   text,
  duplicates    text NOT NULL DEFAULT 'perNumber' CHECK (duplicates IN ('perContact', 'perNumber')),
  -- null = when approved
  send_at       timestamptz,
  time_zone     text NOT NULL,
  refresh       boolean NOT NULL DEFAULT false,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting approval', 'scheduled',
                  'sending', 'completed', 'rejected', 'cancelled')),
  -- the last count and the last checks, as shown before the decision
  counts        jsonb,
  checks        jsonb,
  prepared_by   text,
  prepared_at   timestamptz,
  decided_by    text,
  decided_at    timestamptz,
  reject_reason text,
  job_id        bigint,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX broadcasts_account ON broadcasts (account_id, id DESC);
CREATE INDEX broadcasts_due ON broadcasts (send_at) WHERE status = 'scheduled';

-- The recipients, with their texts, frozen when a broadcast without refresh is confirmed.
CREATE TABLE broadcast_recipients (
  broadcast_id bigint NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
  contact_id   bigint NOT NULL,
  phone        text NOT NULL,
  body         text NOT NULL,
  PRIMARY KEY (broadcast_id, contact_id)
);

-- Who did what when.
CREATE TABLE broadcast_events (
  broadcast_id bigint NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text,
  action       text NOT NULL,
  detail       text
);
CREATE INDEX broadcast_events_broadcast ON broadcast_events (broadcast_id, at);
