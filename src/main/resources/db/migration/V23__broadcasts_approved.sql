-- An approved broadcast waits for the send that claims it (status approved), so approving answers
-- at once and a send a node did not finish is taken again.
ALTER TABLE broadcasts DROP CONSTRAINT broadcasts_status_check;
ALTER TABLE broadcasts ADD CONSTRAINT broadcasts_status_check CHECK (status IN ('draft', 'awaiting approval', 'approved',
  'scheduled', 'sending', 'completed', 'rejected', 'cancelled'));
DROP INDEX broadcasts_due;
CREATE INDEX broadcasts_due ON broadcasts (send_at) WHERE status IN ('approved', 'scheduled');
