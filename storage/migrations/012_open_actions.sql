-- Strategy Minutes schema, version 12: the actions not done, by due date,
-- for the view of open actions across meetings (storage/openactions.go),
-- which reads them oldest due first without sorting every action.
CREATE INDEX actions_open ON actions (due) WHERE completed = '';
