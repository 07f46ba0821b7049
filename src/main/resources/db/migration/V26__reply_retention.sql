-- Replies are kept for their account's retention too: found by account and age.
CREATE INDEX inbound_messages_account_age ON inbound_messages (account_id, received_at);
