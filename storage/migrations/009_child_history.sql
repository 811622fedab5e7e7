-- Strategy Minutes schema, version 9: a child across meetings (issue 14).
-- A child's earlier meetings are found by case reference, or by name and
-- date of birth where one has no case reference (meeting/history.go);
-- without these the editor's question would read every child of every
-- meeting. The case reference is indexed as meeting.CaseKey compares it.

CREATE INDEX children_case_key ON children (upper(trim(case_reference))) WHERE case_reference != '';
CREATE INDEX children_birth ON children (date_of_birth) WHERE date_of_birth != '';
