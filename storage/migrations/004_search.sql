-- Strategy Minutes schema, version 4: what the meetings list searches
-- (reference, chair, children's names and case references), lower-cased by
-- the app with Unicode rules, in one column, so that a search reads one
-- table. The app fills it for existing meetings (storage/search.go).
ALTER TABLE meetings ADD COLUMN search TEXT NOT NULL DEFAULT '';

-- The list scans this narrow index newest first and checks the search text
-- in it, reading a meeting's row only for the matches it shows; a count
-- reads only the index. It replaces the plain ordering index, and
-- meetings_report (migration 2) makes meetings_held_on redundant.
CREATE INDEX meetings_list ON meetings (held_unix DESC, id, search);
DROP INDEX meetings_held;
DROP INDEX meetings_held_on;
