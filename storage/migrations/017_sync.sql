-- Strategy Minutes schema, version 17: sync with the partnership server
-- (issue 15, docs/server.md). The laptop's database stays where the chair
-- types; these tables say how each meeting stands with the server.
--
-- sync_state: a meeting's revision on the server that this copy is, or was
-- last made from, and the copy's state then (token: its rows' checksum and
-- its latest follow-up), so that a copy changed since is pushed and one
-- unchanged may move on to a newer revision. seal and amendment are the
-- revision's seal and the copy's latest amendment then: a signed-off
-- meeting changed since is pushed as an amendment, with the reasons given
-- since. merges is the other head of a conflict the chair resolved, which
-- the next push settles on the server (0 for none).
CREATE TABLE sync_state (
    meeting   INTEGER PRIMARY KEY REFERENCES meetings (rowid) ON DELETE CASCADE,
    revision  INTEGER NOT NULL,
    token     TEXT    NOT NULL,
    seal      TEXT    NOT NULL DEFAULT '',
    amendment INTEGER NOT NULL DEFAULT 0,
    merges    INTEGER NOT NULL DEFAULT 0
);

-- Every revision of a meeting this laptop has pulled or pushed, and the
-- revision it was made from: a pulled version is placed by its parent.
CREATE TABLE sync_versions (
    meeting  INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    PRIMARY KEY (meeting, revision)
) WITHOUT ROWID;

-- A version on the server that conflicts with this copy (both changed
-- since their common revision): kept whole, in the interchange encoding,
-- for the chair to choose or merge. Nothing is overwritten. A later
-- version of the same branch takes its place.
CREATE TABLE sync_conflicts (
    meeting  INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    payload  BLOB    NOT NULL,
    made_by  TEXT    NOT NULL,
    made_at  TEXT    NOT NULL,
    PRIMARY KEY (meeting, revision)
);
