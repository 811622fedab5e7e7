-- Strategy Minutes schema, version 3: the audit log and amendments to
-- signed-off minutes.

-- Who did what, when, to which meeting. Append-only: the app never updates
-- or deletes a row. No free text: the meeting is named by its id.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,              -- RFC 3339, UTC
    who     TEXT NOT NULL,
    event   TEXT NOT NULL,              -- create, change, sign_off, amend, import, export, export_pdf, backup, restore
    meeting TEXT NOT NULL DEFAULT '',   -- meeting id, '' for events about the database
    detail  TEXT NOT NULL DEFAULT ''    -- counts and the like, never personal data
);
CREATE INDEX audit_meeting ON audit (meeting, id);

-- A change to minutes after sign-off: why, who, when, what changed, and the
-- version it replaced, so that the agreed minutes stay retrievable.
CREATE TABLE amendments (
    id       INTEGER PRIMARY KEY,
    meeting  INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    at       TEXT NOT NULL,             -- RFC 3339
    who      TEXT NOT NULL,
    reason   TEXT NOT NULL,
    changes  TEXT NOT NULL,             -- JSON: [{"field", "before", "after"}]
    previous TEXT NOT NULL              -- the replaced version, one meeting in the interchange format
);
CREATE INDEX amendments_meeting ON amendments (meeting, id);
