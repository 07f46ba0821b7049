-- A message whose delivery receipt never comes ends as 'unknown' after its connection's receipt
-- timeout: final, counted as sent but not as delivered, so that its job can complete. A receipt
-- that arrives later still settles it.
ALTER TABLE messages DROP CONSTRAINT messages_state_check;
ALTER TABLE messages ADD CONSTRAINT messages_state_check
  CHECK (state IN ('queued', 'sending', 'submitted', 'delivered', 'undeliverable', 'expired', 'unknown',
                   'failed', 'skipped', 'cancelled'));
-- what the receipt timeout looks at: submitted messages by the time they went out
CREATE INDEX messages_awaiting_receipt ON messages (updated_at) WHERE state = 'submitted';
