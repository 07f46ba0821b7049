-- A receipt may write the SMSC's id in another form than the submit_sm_resp did (hex vs decimal);
-- a held receipt keeps the other readings of its id so a late submit_sm_resp still finds it.
ALTER TABLE receipts_unmatched ADD COLUMN alt_id_1 text, ADD COLUMN alt_id_2 text;
CREATE INDEX receipts_unmatched_alt_1 ON receipts_unmatched (smsc, alt_id_1) WHERE alt_id_1 IS NOT NULL;
CREATE INDEX receipts_unmatched_alt_2 ON receipts_unmatched (smsc, alt_id_2) WHERE alt_id_2 IS NOT NULL;
-- the sweep of old unmatched receipts
CREATE INDEX receipts_unmatched_age ON receipts_unmatched (received_at);
