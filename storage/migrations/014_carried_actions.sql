-- Strategy Minutes schema, version 14: the actions that carry on an
-- earlier meeting's action, by the key they name (carried_from): an action
-- a later meeting carries on, marks done or drops is no longer open
-- against the meeting that agreed it (storage/openactions.go).
CREATE INDEX actions_carried_from ON actions (carried_from) WHERE carried_from != '';
