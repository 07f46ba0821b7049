-- Who an account's notifications go to, and which kinds it turned off (a kind not listed is on).
CREATE TABLE notification_settings (
  account_id bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  recipients text[] NOT NULL DEFAULT '{}',
  turned_off text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Kinds a user does not want, whatever their account's settings say.
CREATE TABLE notification_mutes (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind    text NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- Every mail is written here first, then sent. (event_key, recipient) is unique: one event never
-- mails the same address twice, whichever node or retry writes it.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  event_key       text NOT NULL,
  kind            text NOT NULL,
  account_id      bigint REFERENCES accounts (id) ON DELETE CASCADE,
  recipient       text NOT NULL,
  subject         text NOT NULL,
  text_body       text NOT NULL,
  html_body       text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  UNIQUE (event_key, recipient)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_newest ON outbox (id DESC);

-- Why a job paused itself; cleared when it is resumed.
ALTER TABLE jobs ADD COLUMN paused_reason text;
