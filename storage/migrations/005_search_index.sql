-- Strategy Minutes schema, version 5: an index by trigrams (SQLite FTS5,
-- built with the Go tag sqlite_fts5) of what the meetings list searches, so
-- that a search of 3 characters or more reads only the meetings that hold
-- the text, not every meeting's search column (migration 4).

-- Each text searched is an entry of its own: a meeting's reference, its
-- chair, each child's name and each child's case reference, lower-cased by
-- the app with Unicode rules, at rowid meeting rowid * 1024 + slot
-- (storage/search.go). So typing into a child's name changes that entry
-- only. The app writes the entries with each save (storage/save.go), and
-- fills them for the meetings stored before this migration.
CREATE TABLE search_entries (
    rowid INTEGER PRIMARY KEY,
    text  TEXT NOT NULL
);

-- The index of the entries. case_sensitive 1: the entries are lower-cased
-- already and indexed exactly as they are, so that an entry matches exactly
-- when the text looked for is a substring of it. columnsize 0: no ranking,
-- so no table of entry sizes to keep. Small pages (pgsz) make taking an
-- entry out cheaper.
CREATE VIRTUAL TABLE search_index USING fts5(
    text,
    content = 'search_entries', content_rowid = 'rowid',
    tokenize = 'trigram case_sensitive 1', columnsize = 0
);
INSERT INTO search_index (search_index, rank) VALUES ('pgsz', 500);
-- An entry changed or removed is taken out of the index at once, not only
-- marked deleted, so that no old name stays in the file.
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

-- The index follows the entries; the entries follow the meetings.
CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN
    INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER search_entries_update AFTER UPDATE ON search_entries BEGIN
    INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO search_index (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER meetings_search_delete AFTER DELETE ON meetings BEGIN
    DELETE FROM search_entries WHERE rowid BETWEEN old.rowid * 1024 AND old.rowid * 1024 + 1023;
END;
