-- Custom field keys in the default fields' camelCase style (apptDate), as well as the older
-- lower_case ones; two keys that differ only in case would read alike in templates, so one of them.
ALTER TABLE contact_fields DROP CONSTRAINT contact_fields_key_check;
ALTER TABLE contact_fields ADD CONSTRAINT contact_fields_key_check CHECK (key ~ '^[a-z][A-Za-z0-9_]{0,39}$');
CREATE UNIQUE INDEX contact_fields_key_any_case ON contact_fields (account_id, lower(key));
