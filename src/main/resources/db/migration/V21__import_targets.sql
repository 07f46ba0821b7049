-- What an import loads: contacts (with their fields and a group) or appointments.
ALTER TABLE contact_imports
  ADD COLUMN target text NOT NULL DEFAULT 'contacts' CHECK (target IN ('contacts', 'appointments'));
