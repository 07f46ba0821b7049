-- Senders as account admins and operators manage them: whether replies come back to the address,
-- the SMSC connection its texts must use, and short codes operators share between accounts.
ALTER TABLE senders
  ADD COLUMN takes_replies boolean NOT NULL DEFAULT true,
  ADD COLUMN smsc          text,
  ADD COLUMN shared        boolean NOT NULL DEFAULT false;

-- nobody can answer a name (accounts.Senders refuses replies for a new alphanumeric sender)
UPDATE senders SET takes_replies = false WHERE kind = 'alphanumeric';

ALTER TABLE senders ADD CONSTRAINT senders_only_short_codes_shared CHECK (kind = 'short_code' OR NOT shared);

CREATE INDEX senders_address ON senders (address);
