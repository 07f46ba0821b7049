-- Herald schema, version 5: contacts, their custom fields and groups, suppressions (opt-outs) with
-- their history, reply keywords, and contact imports. Owned by io.herald.contacts.

-- Up to 20 custom fields per account (the default fields are built in and not stored here).
CREATE TABLE contact_fields (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  key        text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label      text NOT NULL,
  type       text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, key)
);

-- A person with a phone and/or an e-mail detail. Whether a detail is active or opted out is not
-- stored here: it is whether the address has a row in suppressions, so the two always agree.
CREATE TABLE contacts (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  phone      text CHECK (phone ~ '^\+[1-9][0-9]{5,14}$'),
  email      text CHECK (email = lower(email)),
  first_name text,
  last_name  text,
  time_zone  text,
  language   text,
  -- custom field values by key: text and dates ('YYYY-MM-DD') as strings, numbers, booleans
  fields     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT contacts_has_detail CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
-- contacts are matched by phone, then by e-mail: each is unique within an account
CREATE UNIQUE INDEX contacts_phone ON contacts (account_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX contacts_email ON contacts (account_id, email) WHERE email IS NOT NULL;
CREATE INDEX contacts_account ON contacts (account_id, id);

CREATE TABLE contact_groups (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name       text NOT NULL,
  category   text,
  type       text NOT NULL CHECK (type IN ('static', 'dynamic')),
  -- dynamic groups: [{"field", "op", "value"}], all must hold; members are computed from them
  conditions jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((type = 'dynamic') = (conditions IS NOT NULL))
);
CREATE UNIQUE INDEX contact_groups_name ON contact_groups (account_id, lower(name));

-- members of static groups
CREATE TABLE group_members (
  group_id   bigint NOT NULL REFERENCES contact_groups (id) ON DELETE CASCADE,
  contact_id bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, contact_id)
);
CREATE INDEX group_members_contact ON group_members (contact_id);

-- An address (phone in E.164 with '+', e-mail in lower case) has a row exactly while it is opted
-- out of the account's messages; dispatch and ingest skip such recipients.
CREATE TABLE suppressions (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  address    text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('phone', 'email')),
  source     text NOT NULL CHECK (source IN ('reply', 'import', 'manual', 'api')),
  actor      text,
  reason     text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, address)
);

-- Every opt-out and every opt-out taken back, kept after the suppression is lifted.
CREATE TABLE suppression_events (
  id         bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  address    text NOT NULL,
  action     text NOT NULL CHECK (action IN ('opted-out', 'opted-in')),
  source     text NOT NULL CHECK (source IN ('reply', 'import', 'manual', 'api')),
  -- who or what: a user's e-mail, or the reply's id and number
  actor      text,
  reason     text,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suppression_events_address ON suppression_events (account_id, address, id);

-- Keywords in replies and the texts Herald answers them with; an account without a row uses the
-- defaults. An empty reply text means no answer.
CREATE TABLE reply_keywords (
  account_id    bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  opt_out       text[] NOT NULL,
  opt_in        text[] NOT NULL,
  help          text[] NOT NULL,
  opt_out_reply text NOT NULL,
  opt_in_reply  text NOT NULL,
  help_reply    text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The answers Herald queued to keyword replies. A STOP confirmation goes to an address that is
-- suppressed by then, so the suppression check before submit lets these messages through.
CREATE TABLE reply_confirmations (
  message_id bigint PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  inbound_id bigint REFERENCES inbound_messages (id) ON DELETE SET NULL,
  keyword    text NOT NULL CHECK (keyword IN ('opt-out', 'opt-in', 'help')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The import wizard: one row per upload, from columns to summary. The uploaded file itself waits
-- on disk until the import runs.
CREATE TABLE contact_imports (
  id          bigserial PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_by  text,
  file_name   text NOT NULL,
  format      text NOT NULL CHECK (format IN ('csv', 'xlsx', 'text')),
  encoding    text,
  delimiter   text,
  has_header  boolean NOT NULL,
  headers     text[] NOT NULL,
  -- the first few rows, cells as text, to show beside the columns
  samples     jsonb NOT NULL,
  row_count   integer NOT NULL,
  -- where the upload waits on disk until the import runs
  stored_path text,
  -- the field key (or 'ignore') per column; NULL where the column still needs a choice
  mapping     text[] NOT NULL,
  -- {"mode": "none"} | {"mode": "new", "name", "category"} | {"mode": "existing", "groupId"}
  group_choice jsonb NOT NULL DEFAULT '{"mode": "none"}'::jsonb,
  status      text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'running', 'completed')),
  created     integer,
  updated     integer,
  rejected    integer,
  group_id    bigint REFERENCES contact_groups (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX contact_imports_account ON contact_imports (account_id, id DESC);

-- The rows an import rejected: the original cells and why, for the rejects file.
CREATE TABLE contact_import_rejects (
  import_id bigint NOT NULL REFERENCES contact_imports (id) ON DELETE CASCADE,
  line      integer NOT NULL,
  cells     jsonb NOT NULL,
  -- the column at fault, when one is; the value in it
  col       text,
  value     text,
  reason    text NOT NULL,
  PRIMARY KEY (import_id, line)
);
