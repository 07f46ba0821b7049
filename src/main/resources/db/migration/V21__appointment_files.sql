-- Files of appointments: what an import loads (contacts with their fields and a group, or
-- appointments), and what a drop profile does with its files (sends texts, or loads appointments).
ALTER TABLE contact_imports
  ADD COLUMN target text NOT NULL DEFAULT 'contacts' CHECK (target IN ('contacts', 'appointments'));
ALTER TABLE drop_profiles
  ADD COLUMN purpose text NOT NULL DEFAULT 'send' CHECK (purpose IN ('send', 'appointments'));
