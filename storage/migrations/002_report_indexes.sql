-- Strategy Minutes schema, version 2: indexes for the partner-participation
-- report (storage/report.go). Each covers what the report reads of its table,
-- in the order it groups by, so that the report neither reads the free text
-- beside those columns nor sorts a meeting's rows.

-- Each agency's best attendance per meeting, and health services.
CREATE INDEX attendees_report ON attendees (meeting, agency, attendance, service);
-- Outcomes once per meeting.
CREATE INDEX decisions_report ON decisions (meeting, outcome);
-- Overdue, late and undated actions.
CREATE INDEX actions_report ON actions (meeting, due, completed);
-- The period, and the order of the meetings missing a statutory partner.
CREATE INDEX meetings_report ON meetings (held_on, held_unix, id);
