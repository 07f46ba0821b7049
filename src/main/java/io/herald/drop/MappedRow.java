package io.herald.drop;

import io.herald.contacts.ContactValues;
import io.herald.ingest.RecipientRow;
import io.herald.ingest.Rejection;

/**
 * One data row of a drop file after the profile read it: a recipient ready for the job writer
 * (with its text's encoding and parts, and what it saves to the contact, if anything), or the reason
 * it was rejected.
 */
record MappedRow(RecipientRow recipient, String encoding, int segments, ContactValues contact, Rejection rejection) {
  static MappedRow rejected(Rejection rejection) {
    return new MappedRow(null, null, 0, null, rejection);
  }

  boolean accepted() {
    return rejection == null;
  }
}
