-- Strategy Minutes schema, version 15: the list's index holds a copy of the
-- search column, list_search, that is brought up to date with the search
-- index (when the meetings are next searched, or by the next save that is
-- not an autosave), not by every autosave. A save that changes a child's
-- name then writes the child's row and the meeting's row, and not also the
-- meeting's entry in this index, while the chair types (issue 13).
-- list_search is never sealed: it is worked out from the sealed rows, and
-- `check` compares the two (storage/checksums.go).
DROP INDEX meetings_list;
ALTER TABLE meetings ADD COLUMN list_search TEXT NOT NULL DEFAULT '';
UPDATE meetings SET list_search = search;
CREATE INDEX meetings_list ON meetings (held_unix DESC, id, list_search);
