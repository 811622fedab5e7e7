-- Strategy Minutes schema, version 1.
-- Codes (type, agency, outcome...) are validated by the meeting package before
-- they reach the database; the schema keeps the shape and the links.

PRAGMA application_id = 1397573966; -- 'SMIN': tells our files from other SQLite files

CREATE TABLE meetings (
    rowid                INTEGER PRIMARY KEY,
    id                   TEXT    NOT NULL UNIQUE,
    reference            TEXT    NOT NULL DEFAULT '',
    type                 TEXT    NOT NULL,
    mode                 TEXT    NOT NULL,
    held_at              TEXT    NOT NULL,          -- RFC 3339, with the offset it was recorded in
    held_unix            INTEGER NOT NULL,          -- for ordering
    held_on              TEXT    NOT NULL,          -- UK local date, YYYY-MM-DD, for periods
    referral_received_at TEXT    NOT NULL DEFAULT '',
    chair                TEXT    NOT NULL DEFAULT '',
    minute_taker         TEXT    NOT NULL DEFAULT '',
    reason               TEXT    NOT NULL DEFAULT '',
    signed_off_at        TEXT    NOT NULL DEFAULT '',
    signed_off_by        TEXT    NOT NULL DEFAULT '',
    missing_partners_reason TEXT NOT NULL DEFAULT '',  -- why a statutory partner did not attend
    missing_statutory    TEXT    NOT NULL DEFAULT '', -- comma-separated agency codes, for the list
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
CREATE INDEX meetings_held ON meetings (held_unix DESC, id);
CREATE INDEX meetings_held_on ON meetings (held_on);

CREATE TABLE children (
    meeting        INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    child_id       TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    date_of_birth  TEXT    NOT NULL DEFAULT '',
    case_reference TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position),
    UNIQUE (meeting, child_id)
) WITHOUT ROWID;

CREATE TABLE attendees (
    meeting    INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL DEFAULT '',
    agency     TEXT    NOT NULL,
    service    TEXT    NOT NULL DEFAULT '',
    attendance TEXT    NOT NULL,
    referrer   INTEGER NOT NULL DEFAULT 0 CHECK (referrer IN (0, 1)),
    note       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position)
) WITHOUT ROWID;
CREATE INDEX attendees_name ON attendees (name);

CREATE TABLE consents (
    meeting                 INTEGER PRIMARY KEY REFERENCES meetings (rowid) ON DELETE CASCADE,
    status                  TEXT NOT NULL,
    reason                  TEXT NOT NULL DEFAULT '',
    decided_by              TEXT NOT NULL DEFAULT '',
    authorised_by           TEXT NOT NULL DEFAULT '',
    lawful_basis            TEXT NOT NULL DEFAULT '',
    parents_informed        TEXT NOT NULL DEFAULT '',
    parents_informed_on     TEXT NOT NULL DEFAULT '',
    parents_informed_reason TEXT NOT NULL DEFAULT '',
    parents_views           TEXT NOT NULL DEFAULT '',
    child_views             TEXT NOT NULL DEFAULT ''
);

CREATE TABLE decisions (
    meeting   INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    outcome   TEXT    NOT NULL,
    rationale TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position)
) WITHOUT ROWID;

CREATE TABLE decision_children (
    meeting  INTEGER NOT NULL,
    decision INTEGER NOT NULL,
    position INTEGER NOT NULL,
    child_id TEXT    NOT NULL,
    PRIMARY KEY (meeting, decision, position),
    FOREIGN KEY (meeting, decision) REFERENCES decisions (meeting, position) ON DELETE CASCADE,
    FOREIGN KEY (meeting, child_id) REFERENCES children (meeting, child_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE actions (
    meeting     INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    description TEXT    NOT NULL,
    owner       TEXT    NOT NULL DEFAULT '',
    agency      TEXT    NOT NULL DEFAULT '',
    due         TEXT    NOT NULL DEFAULT '',
    completed   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position)
) WITHOUT ROWID;

-- Facts about the database itself, e.g. sample = 'true' for a database of
-- invented meetings made by the demo command, which must never mix with real ones.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
