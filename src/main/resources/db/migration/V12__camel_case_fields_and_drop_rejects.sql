-- Custom field keys in the default fields' camelCase style (apptDate), as well as the older
-- lower_case ones; two keys that differ only in case would read alike in templates, so one of them.
ALTER TABLE contact_fields DROP CONSTRAINT contact_fields_key_check;
ALTER TABLE contact_fields ADD CONSTRAINT contact_fields_key_check CHECK (key ~ '^[a-z][A-Za-z0-9_]{0,39}$');
CREATE UNIQUE INDEX contact_fields_key_any_case ON contact_fields (account_id, lower(key));

-- The rows of a dropped file that were not sent and why, for the Drop & Go Summary (the result
-- file on the FTP site holds the same). Owned by io.herald.drop.
CREATE TABLE drop_file_rejects (
  file_id bigint NOT NULL REFERENCES drop_files (id) ON DELETE CASCADE,
  seq     integer NOT NULL,
  row_no  bigint NOT NULL,
  col     text,
  value   text,
  reason  text,
  PRIMARY KEY (file_id, seq)
);
