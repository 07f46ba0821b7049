-- Herald schema, version 3: mobile-originated messages (replies from phones) and the parts of
-- multipart replies that are still being put together. Owned by io.herald.smsc.mo (MoStore).

-- One row per reply, complete or (after the fragment max age) with the parts that did arrive.
CREATE TABLE inbound_messages (
  id             bigserial PRIMARY KEY,
  smsc           text NOT NULL,
  -- the phone; '+' added when the SMSC gave an international number as bare digits
  sender         text NOT NULL,
  -- our address the phone wrote to (a sender's long code, short code, ...), same rule
  recipient      text NOT NULL,
  body           text NOT NULL,
  -- SMPP data_coding of the first part: tells how the text was written on the phone
  data_coding    smallint NOT NULL,
  -- parts that arrived, and parts the message said it had (1 for a single-part reply)
  parts          smallint NOT NULL CHECK (parts > 0),
  parts_expected smallint NOT NULL CHECK (parts_expected >= parts),
  -- true when the fragment max age ran out before every part arrived
  incomplete     boolean NOT NULL DEFAULT false,
  -- when the (first) part reached the SMPP connection
  received_at    timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (incomplete = (parts < parts_expected))
);
-- an inbox lists the replies to one of our addresses, newest first
CREATE INDEX inbound_messages_recipient ON inbound_messages (recipient, received_at DESC, id DESC);

-- Parts of multipart replies waiting for the rest. Raw payload octets (UDH removed), not text:
-- a UCS-2 surrogate pair or a GSM escape can be split across two parts, so the text is decoded once,
-- from all parts joined. The key is how a phone tells its parts together (TS 23.040 concatenation
-- reference or SMPP sar_msg_ref_num); the primary key makes an SMSC redelivery a no-op.
CREATE TABLE inbound_fragments (
  smsc        text NOT NULL,
  source      text NOT NULL,
  destination text NOT NULL,
  reference   integer NOT NULL,
  total       smallint NOT NULL CHECK (total BETWEEN 2 AND 255),
  seq         smallint NOT NULL CHECK (seq BETWEEN 1 AND total),
  data_coding smallint NOT NULL,
  payload     bytea NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (smsc, source, destination, reference, total, seq)
);
-- the sweep looks for parts older than the max age
CREATE INDEX inbound_fragments_age ON inbound_fragments (received_at);

-- Multipart replies already put together, kept for the fragment max age with a SHA-256 of each part
-- (by seq), so that a part the SMSC redelivers after completion (its deliver_sm_resp was lost) is
-- recognised as a duplicate instead of starting a new reply that would never complete. A part with
-- the same key but different content is a new reply that reuses the reference.
CREATE TABLE inbound_completed (
  smsc         text NOT NULL,
  source       text NOT NULL,
  destination  text NOT NULL,
  reference    integer NOT NULL,
  total        smallint NOT NULL,
  digests      bytea[] NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (smsc, source, destination, reference, total)
);
CREATE INDEX inbound_completed_age ON inbound_completed (completed_at);
