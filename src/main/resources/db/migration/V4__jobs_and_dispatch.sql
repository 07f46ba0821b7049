-- Jobs carry what dispatch needs to decide what goes next: lane, schedule, sender, limits.
ALTER TABLE jobs
  ADD COLUMN name        text,
  ADD COLUMN sender      text,
  -- weekly send window in each recipient's time zone: {"mon": ["09:00", "17:00"], "sun": null, ...}
  ADD COLUMN schedule    jsonb,
  ADD COLUMN started_at  timestamptz,
  ADD COLUMN created_by  bigint REFERENCES users (id) ON DELETE SET NULL;

-- a sender may be limited to a rate of its own (a long code at 1 message/s, say)
ALTER TABLE senders ADD COLUMN tps numeric CHECK (tps IS NULL OR tps > 0);

ALTER TABLE messages
  ADD COLUMN recipient_name text,
  -- the recipient's IANA time zone for send windows; null = the account's
  ADD COLUMN time_zone      text;

-- claims look for due messages per job (fairness) and per account for messages without a job
DROP INDEX messages_due;
CREATE INDEX messages_due_job ON messages (job_id, not_before, id) WHERE state = 'queued' AND job_id IS NOT NULL;
CREATE INDEX messages_due_direct ON messages (account_id, lane, not_before, id) WHERE state = 'queued' AND job_id IS NULL;

-- counts by state per job, kept in the same statement (and so the same transaction) as the
-- messages' own changes, so the job page never disagrees with its messages
CREATE TABLE job_counts (
  job_id bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  state  text NOT NULL,
  n      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (job_id, state)
);

CREATE FUNCTION job_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_counts (job_id, state, n)
  SELECT job_id, state, count(*) FROM new_rows WHERE job_id IS NOT NULL
  GROUP BY job_id, state ORDER BY job_id, state  -- one lock order for every writer: no deadlocks
  ON CONFLICT (job_id, state) DO UPDATE SET n = job_counts.n + excluded.n;
  RETURN NULL;
END $$;

CREATE FUNCTION job_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_counts (job_id, state, n)
  SELECT job_id, state, sum(d) FROM (
    SELECT o.job_id, o.state, -1 AS d FROM old_rows o WHERE o.job_id IS NOT NULL
    UNION ALL
    SELECT n.job_id, n.state, 1 AS d FROM new_rows n WHERE n.job_id IS NOT NULL) changes
  GROUP BY job_id, state HAVING sum(d) <> 0 ORDER BY job_id, state
  ON CONFLICT (job_id, state) DO UPDATE SET n = job_counts.n + excluded.n;
  RETURN NULL;
END $$;

CREATE TRIGGER messages_counted_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_insert();
CREATE TRIGGER messages_counted_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_update();

CREATE INDEX jobs_running ON jobs (lane, id) WHERE status = 'running';
