-- Strategy Minutes schema, version 7: tamper evidence (docs/data-safety.md).

-- Each meeting's checksum: SHA-256 of its stored rows, written with every
-- save, so that a changed byte in a meeting's data is found by check.
ALTER TABLE meetings ADD COLUMN checksum TEXT NOT NULL DEFAULT '';

-- The audit log becomes a hash chain. content is, for an event that makes
-- a signed-off version (sign_off, amend, import of signed-off minutes,
-- seal), the SHA-256 of the minutes and their amendments as they then
-- stood; seal is SHA-256 over the previous entry's seal and this entry.
ALTER TABLE audit ADD COLUMN content TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN seal TEXT NOT NULL DEFAULT '';
