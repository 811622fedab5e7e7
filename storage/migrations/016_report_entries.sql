-- Strategy Minutes schema, version 16: one report entry per meeting
-- (meeting.ReportEntry, encoded by storage/entries.go), written with the
-- meeting's rows and follow-ups, so that the partnership report reads one
-- small row per meeting instead of every row of every meeting (issue 14).
-- They are clustered by the time held, for a period's range. An entry holds
-- its children's case keys (meeting.CaseKey) by their numbers in case_keys,
-- which counts the entries holding each, so that no key outlives the last
-- meeting that had it (a deleted meeting's case reference is erased).
-- Entries are never sealed: they are worked out from the sealed rows and
-- the recorded follow-ups, and `check` works every one out again. The
-- entries of the meetings already stored are made once this migration's
-- SQL has run (fillReportEntries).
CREATE TABLE case_keys (
    id   INTEGER PRIMARY KEY,
    key  TEXT    NOT NULL UNIQUE,
    uses INTEGER NOT NULL  -- the entries that hold it; a key none holds is removed
);
CREATE TABLE report_entries (
    held_unix INTEGER NOT NULL,
    meeting   INTEGER NOT NULL UNIQUE REFERENCES meetings (rowid) ON DELETE CASCADE,
    entry     BLOB    NOT NULL,
    PRIMARY KEY (held_unix, meeting)
) WITHOUT ROWID;
