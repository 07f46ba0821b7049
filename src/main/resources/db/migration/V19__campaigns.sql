-- Proactive SMS: reusable message texts, campaigns, and the recipient lists each campaign texts
-- through a job of its own (kind 'campaign').
CREATE TABLE answers (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name       text NOT NULL,
  language   text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, language, name)
);

CREATE TABLE campaigns (
  id          bigserial PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  sender      text NOT NULL,
  language    text NOT NULL,
  answer_id   bigint NOT NULL REFERENCES answers (id),
  schedule    jsonb NOT NULL,
  state       text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'archived')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  bigint
);
CREATE INDEX campaigns_account ON campaigns (account_id, id DESC);

-- A list that was refused keeps no recipients: only its reason and error log, for the user to fix the file.
CREATE TABLE campaign_lists (
  id          bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  account_id  bigint NOT NULL,
  name        text NOT NULL,
  job_id      bigint REFERENCES jobs (id),
  start_at    timestamptz NOT NULL,
  end_at      timestamptz,
  recipients  integer NOT NULL DEFAULT 0,
  duplicates  integer NOT NULL DEFAULT 0,
  -- numbers already opted out when the list came: counted as not contacted
  opted_out   integer NOT NULL DEFAULT 0,
  reason      text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((job_id IS NULL) = (reason IS NOT NULL))
);
CREATE INDEX campaign_lists_campaign ON campaign_lists (campaign_id, id DESC);

CREATE TABLE campaign_list_errors (
  list_id bigint NOT NULL REFERENCES campaign_lists (id) ON DELETE CASCADE,
  row_no  bigint NOT NULL,
  reason  text NOT NULL,
  cells   text[] NOT NULL,
  PRIMARY KEY (list_id, row_no, reason)
);
