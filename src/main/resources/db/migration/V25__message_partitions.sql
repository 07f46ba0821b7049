-- Messages, their parts and their events in one partition a month, so that a month past every
-- account's retention goes with a DROP TABLE instead of millions of deleted rows (and the vacuum
-- after them). The three tables are partitioned by message id, not by time: every lookup and
-- update names the id, so it reaches one partition; and the id says the month. A month's ids are
-- one block, its number of months since 2000-01 times 2^34 (17 billion ids a month; ids stay
-- below 2^53, so a browser reads them exactly); the sequence is moved to the block when the month
-- begins (MessageRetention, within the hour), so texts of the first minutes of a month may sit
-- with the month before.
CREATE FUNCTION message_id_block(month date) RETURNS bigint IMMUTABLE LANGUAGE sql AS $$
  SELECT ((extract(year FROM month)::int - 2000) * 12 + extract(month FROM month)::int - 1)::bigint << 34
$$;

-- The month's partitions of the three tables, when they are not there yet (made together, in one transaction). Named for the month,
-- which is how retention reads them.
CREATE FUNCTION message_partitions_ensure(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month)::date;
  lo bigint := message_id_block(first);
  hi bigint := message_id_block((first + interval '1 month')::date);
  suffix text := to_char(first, 'YYYY_MM');
BEGIN
  IF to_regclass('messages_' || suffix) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF messages FOR VALUES FROM (%s) TO (%s) WITH (fillfactor = 80)',
                 'messages_' || suffix, lo, hi);
  EXECUTE format('CREATE TABLE %I PARTITION OF message_parts FOR VALUES FROM (%s) TO (%s) WITH (fillfactor = 70)',
                 'message_parts_' || suffix, lo, hi);
  EXECUTE format('CREATE TABLE %I PARTITION OF message_events FOR VALUES FROM (%s) TO (%s)',
                 'message_events_' || suffix, lo, hi);
END $$;

-- Herald never deletes a message but by retention, which takes its events and confirmations with it.
ALTER TABLE message_events DROP CONSTRAINT message_events_message_id_fkey;
ALTER TABLE reply_confirmations DROP CONSTRAINT reply_confirmations_message_id_fkey;
-- statement triggers that read transition tables are not allowed on a partition: they move to the parent
DROP TRIGGER messages_counted_insert ON messages;
DROP TRIGGER messages_counted_update ON messages;

-- What exists now becomes one partition of each table, named for the month before this one and
-- holding every id below this month's block, so retention drops it with that month.
DO $$
DECLARE
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
  suffix text := to_char(this_month - interval '1 month', 'YYYY_MM');
  lo bigint := message_id_block(this_month);
BEGIN
  EXECUTE format('ALTER TABLE messages RENAME TO %I', 'messages_' || suffix);
  EXECUTE format('ALTER INDEX messages_pkey RENAME TO %I', 'messages_' || suffix || '_pkey');
  EXECUTE format('ALTER INDEX messages_account RENAME TO %I', 'messages_' || suffix || '_account');
  EXECUTE format('ALTER INDEX messages_job RENAME TO %I', 'messages_' || suffix || '_job');
  EXECUTE format('ALTER INDEX messages_recipient RENAME TO %I', 'messages_' || suffix || '_recipient');
  EXECUTE format('ALTER TABLE message_parts RENAME TO %I', 'message_parts_' || suffix);
  EXECUTE format('ALTER INDEX message_parts_pkey RENAME TO %I', 'message_parts_' || suffix || '_pkey');
  EXECUTE format('ALTER INDEX message_parts_receipt_key RENAME TO %I', 'message_parts_' || suffix || '_receipt_key');
  EXECUTE format('ALTER TABLE message_events RENAME TO %I', 'message_events_' || suffix);
  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT message_events_pkey', 'message_events_' || suffix);
  EXECUTE 'DROP INDEX message_events_message';

  EXECUTE format('CREATE TABLE messages (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (id)',
                 'messages_' || suffix);
  EXECUTE format('CREATE TABLE message_parts (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                 'PARTITION BY RANGE (message_id)', 'message_parts_' || suffix);
  EXECUTE format('CREATE TABLE message_events (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                 'PARTITION BY RANGE (message_id)', 'message_events_' || suffix);
  EXECUTE format('ALTER TABLE messages ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%s)', 'messages_' || suffix, lo);
  EXECUTE format('ALTER TABLE message_parts ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%s)',
                 'message_parts_' || suffix, lo);
  EXECUTE format('ALTER TABLE message_events ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%s)',
                 'message_events_' || suffix, lo);
  -- The lowest id of a month's partition: its block, but for the month that holds what came before.
  EXECUTE format('CREATE FUNCTION message_id_floor(month date) RETURNS bigint IMMUTABLE LANGUAGE sql AS '
                 '$f$ SELECT CASE WHEN month < %L::date THEN ''-9223372036854775808''::bigint ELSE message_id_block(month) END $f$',
                 this_month);
END $$;


-- the partitions' own indexes are attached to these, not built again
ALTER TABLE messages ADD PRIMARY KEY (id);
CREATE INDEX messages_account ON messages (account_id, id DESC);
CREATE INDEX messages_job ON messages (job_id, id) WHERE job_id IS NOT NULL;
CREATE INDEX messages_recipient ON messages (recipient, id DESC);
ALTER TABLE message_parts ADD PRIMARY KEY (message_id, seq);
CREATE INDEX message_parts_receipt_key ON message_parts (smsc, smsc_message_id);
ALTER TABLE message_events ADD PRIMARY KEY (message_id, id);

-- the ids' sequences outlive the partitions that held their first values
ALTER SEQUENCE messages_id_seq OWNED BY messages.id;
ALTER SEQUENCE message_events_id_seq OWNED BY message_events.id;

CREATE TRIGGER messages_counted_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_insert();
CREATE TRIGGER messages_counted_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_update();

SELECT message_partitions_ensure((now() AT TIME ZONE 'UTC')::date);
SELECT message_partitions_ensure((now() AT TIME ZONE 'UTC' + interval '1 month')::date);
SELECT setval('messages_id_seq', message_id_block((now() AT TIME ZONE 'UTC')::date), false);

-- How long an account's texts are kept, in days. A month's partitions go when every account's time
-- has passed the month; an account that keeps less than the longest has its older rows deleted.
ALTER TABLE accounts ADD COLUMN retention_days integer NOT NULL DEFAULT 400
  CHECK (retention_days BETWEEN 7 AND 3660);
