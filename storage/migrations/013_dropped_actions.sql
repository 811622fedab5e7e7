-- Strategy Minutes schema, version 13: a review meeting's action carried
-- from an earlier meeting and not carried on says why (reconvene.go in the
-- meeting package). An action dropped is not open.
ALTER TABLE actions ADD COLUMN dropped_reason TEXT NOT NULL DEFAULT '';
