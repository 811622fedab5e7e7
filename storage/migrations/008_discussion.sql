-- Strategy Minutes schema, version 8: the discussion (issue 13): what each
-- agency shared, the analysis, the police, medical and legal decisions, the
-- safety plan, what the family is told, the household, each child's views,
-- the next meeting, and the sign-off rules the minutes were signed off under.
-- Codes are validated by the meeting package before they reach the database.

ALTER TABLE children ADD COLUMN views TEXT NOT NULL DEFAULT '';

-- 0: signed off before the statutory questions were asked (or a draft);
-- 2: signed off with them answered (meeting.RulesChecklist).
ALTER TABLE meetings ADD COLUMN sign_off_rules INTEGER NOT NULL DEFAULT 0;

CREATE TABLE information (
    meeting     INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    agency      TEXT    NOT NULL,
    service     TEXT    NOT NULL DEFAULT '',
    shared_by   TEXT    NOT NULL DEFAULT '',
    summary     TEXT    NOT NULL DEFAULT '',
    checks      TEXT    NOT NULL DEFAULT '',
    outstanding TEXT    NOT NULL DEFAULT '',
    view        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position)
) WITHOUT ROWID;

-- What the family is told, one row per person.
CREATE TABLE family_plan (
    meeting         INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    person          TEXT    NOT NULL,
    relationship    TEXT    NOT NULL DEFAULT '',
    what            TEXT    NOT NULL DEFAULT '',
    told_by         TEXT    NOT NULL DEFAULT '',
    told_on         TEXT    NOT NULL DEFAULT '',
    withheld        INTEGER NOT NULL DEFAULT 0 CHECK (withheld IN (0, 1)),
    withheld_reason TEXT    NOT NULL DEFAULT '',
    withheld_until  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position)
) WITHOUT ROWID;

CREATE TABLE household (
    meeting          INTEGER NOT NULL REFERENCES meetings (rowid) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    member_id        TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    relationship     TEXT    NOT NULL DEFAULT '',
    date_of_birth    TEXT    NOT NULL DEFAULT '',
    lives_with_child INTEGER NOT NULL DEFAULT 0 CHECK (lives_with_child IN (0, 1)),
    alleged          INTEGER NOT NULL DEFAULT 0 CHECK (alleged IN (0, 1)),
    note             TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting, position)
) WITHOUT ROWID;

-- The parts of the discussion a meeting has once. A meeting with none of
-- them has no row.
CREATE TABLE discussions (
    meeting                 INTEGER PRIMARY KEY REFERENCES meetings (rowid) ON DELETE CASCADE,
    worries                 TEXT NOT NULL DEFAULT '',
    strengths               TEXT NOT NULL DEFAULT '',
    dissent                 TEXT NOT NULL DEFAULT '',
    police_investigation    TEXT NOT NULL DEFAULT '',
    police_reason           TEXT NOT NULL DEFAULT '',
    crime_reference         TEXT NOT NULL DEFAULT '',
    police_officer          TEXT NOT NULL DEFAULT '',
    police_plan             TEXT NOT NULL DEFAULT '',
    medical_decision        TEXT NOT NULL DEFAULT '',
    medical_reason          TEXT NOT NULL DEFAULT '',
    medical_arranged_by     TEXT NOT NULL DEFAULT '',
    legal_decision          TEXT NOT NULL DEFAULT '',
    legal_reason            TEXT NOT NULL DEFAULT '',
    safety_plan             TEXT NOT NULL DEFAULT '',
    other_children          TEXT NOT NULL DEFAULT '',
    next_meeting_at         TEXT NOT NULL DEFAULT ''
);
