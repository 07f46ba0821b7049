-- A job's counts are written by every transaction that changes its messages: claims, outcomes,
-- receipts and ingest run side by side, and one row per (job, state) made them queue behind each
-- other's row locks until commit. Each backend now adds to its own slot; readers sum the slots.
ALTER TABLE job_counts ADD COLUMN slot smallint NOT NULL DEFAULT 0;
ALTER TABLE job_counts DROP CONSTRAINT job_counts_pkey;
ALTER TABLE job_counts ADD PRIMARY KEY (job_id, state, slot);

CREATE OR REPLACE FUNCTION job_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_counts (job_id, state, slot, n)
  SELECT job_id, state, pg_backend_pid() % 64, count(*) FROM new_rows WHERE job_id IS NOT NULL
  GROUP BY job_id, state ORDER BY job_id, state  -- one lock order for every writer: no deadlocks
  ON CONFLICT (job_id, state, slot) DO UPDATE SET n = job_counts.n + excluded.n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION job_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_counts (job_id, state, slot, n)
  SELECT job_id, state, pg_backend_pid() % 64, sum(d) FROM (
    SELECT o.job_id, o.state, -1 AS d FROM old_rows o WHERE o.job_id IS NOT NULL
    UNION ALL
    SELECT n.job_id, n.state, 1 AS d FROM new_rows n WHERE n.job_id IS NOT NULL) changes
  GROUP BY job_id, state HAVING sum(d) <> 0 ORDER BY job_id, state
  ON CONFLICT (job_id, state, slot) DO UPDATE SET n = job_counts.n + excluded.n;
  RETURN NULL;
END $$;
