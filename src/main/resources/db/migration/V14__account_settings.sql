-- What operators set per account: the products it may use, its limits, and whether it is disabled.
ALTER TABLE accounts
  ADD COLUMN two_way             boolean NOT NULL DEFAULT false,
  ADD COLUMN alerts              boolean NOT NULL DEFAULT false,
  ADD COLUMN campaigns           boolean NOT NULL DEFAULT false,
  ADD COLUMN broadcasts          boolean NOT NULL DEFAULT false,
  -- messages per second for the whole account, on top of its senders' own rates; NULL: no cap
  ADD COLUMN rate_tps            numeric(9, 3) CHECK (rate_tps > 0),
  ADD COLUMN max_list_recipients integer NOT NULL DEFAULT 3500 CHECK (max_list_recipients > 0),
  -- a disabled account's jobs do not send, its users cannot log in and its FTP users cannot either
  ADD COLUMN disabled_at         timestamptz;

CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));
