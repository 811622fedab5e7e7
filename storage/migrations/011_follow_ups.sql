-- Strategy Minutes schema, version 11: one child across meetings, and what
-- happens after a meeting (issue 14).
--
-- An action has a stable id, unique across meetings, and the id of the
-- earlier meeting's action it carries on; a meeting, the meeting it
-- reconvenes. They are part of the minutes.
ALTER TABLE actions ADD COLUMN action_id TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN carried_from TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN previous_meeting_id TEXT NOT NULL DEFAULT '';

-- Follow-ups are not: an action done, the initial conference held or not
-- needed, the minutes sent to someone. They are appended, never changed,
-- at any time, signed-off minutes included, each with an entry of the audit
-- log whose content is the row's hash (storage/followup.go). A meeting's
-- state of each is its latest row: for an action (by its id, or "#" and its
-- number for one recorded before actions had ids), kind 'action_done' with
-- on_date ('' reopens it); kind 'icpc' with on_date (held on) or text (why
-- none is needed), both '' withdrawing it; each 'sent' a recipient: text
-- the name, agency, copy (full or initials), sent_at.
CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    meeting     INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    action      TEXT    NOT NULL DEFAULT '',
    on_date     TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    agency      TEXT    NOT NULL DEFAULT '',
    copy        TEXT    NOT NULL DEFAULT '',
    sent_at     TEXT    NOT NULL DEFAULT '',
    recorded_by TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL
);
CREATE INDEX follow_ups_meeting ON follow_ups (meeting, id);
