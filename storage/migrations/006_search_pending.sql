-- Strategy Minutes schema, version 6: the search entries of a meeting being
-- typed into wait here, and go into the trigram index (migration 5) when the
-- meetings are next searched. Taking an entry out of the index with FTS5's
-- secure-delete rewrites every list of its trigrams, several pages: done on
-- every autosave of a child's name, it made that save four times the cost of
-- a one-row update. Here it is one row, rewritten as the chair types.
-- rowid and text are as in search_entries; text '' removes the entry.
CREATE TABLE search_pending (
    rowid INTEGER PRIMARY KEY,
    text  TEXT NOT NULL
);
CREATE TRIGGER meetings_search_pending_delete AFTER DELETE ON meetings BEGIN
    DELETE FROM search_pending WHERE rowid BETWEEN old.rowid * 1024 AND old.rowid * 1024 + 1023;
END;
