-- The two-way inbox: a conversation is an account's sender address and one phone. Replies are
-- routed to one as they are stored; staff replies sent from a thread are recorded against it.
CREATE TABLE conversations (
  id              bigserial PRIMARY KEY,
  account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  sender          text NOT NULL,
  phone           text NOT NULL,
  state           text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closed')),
  unread          integer NOT NULL DEFAULT 0 CHECK (unread >= 0),
  last_message_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz,
  UNIQUE (account_id, sender, phone)
);
CREATE INDEX conversations_account_recent ON conversations (account_id, last_message_at DESC);

-- the account and conversation a reply was routed to; NULL: no account has the address (unrouted)
ALTER TABLE inbound_messages
  ADD COLUMN account_id      bigint REFERENCES accounts (id) ON DELETE SET NULL,
  ADD COLUMN conversation_id bigint REFERENCES conversations (id) ON DELETE SET NULL;
CREATE INDEX inbound_messages_conversation ON inbound_messages (conversation_id, id);

CREATE TABLE conversation_replies (
  message_id      bigint PRIMARY KEY,
  conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  sent_by         text NOT NULL,
  sent_at         timestamptz NOT NULL DEFAULT now()
);

-- a thread shows the texts to its phone, and a reply to a shared code goes to the account that
-- last texted the phone from it: both look messages up by recipient
CREATE INDEX messages_recipient ON messages (recipient, id DESC);
