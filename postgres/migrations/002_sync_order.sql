-- Versions and follow-ups are pulled by number ("everything after 1041"):
-- numbers must become visible in order, or a laptop could pull 1042 before
-- 1041 commits and never see 1041. Every statement that appends takes one
-- lock for the rest of its transaction before any row takes its number
-- (a statement trigger runs before the rows' defaults are worked out), so
-- appends commit in the order of their numbers.
CREATE FUNCTION strategyminutes.append_in_order() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(hashtextextended('strategyminutes append', 0));
	RETURN NULL;
END
$$;
CREATE TRIGGER versions_in_order BEFORE INSERT ON strategyminutes.versions
	FOR EACH STATEMENT EXECUTE FUNCTION strategyminutes.append_in_order();
CREATE TRIGGER records_in_order BEFORE INSERT ON strategyminutes.records
	FOR EACH STATEMENT EXECUTE FUNCTION strategyminutes.append_in_order();

-- A meeting's heads: its versions no other version was made from. One head
-- is the meeting's state; two or more are a conflict, every one kept.
CREATE VIEW strategyminutes.heads AS
	SELECT v.meeting_id, v.revision FROM strategyminutes.versions v
	WHERE NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.parent = v.revision);
GRANT SELECT ON strategyminutes.heads TO strategyminutes_chair, strategyminutes_admin;
CREATE INDEX versions_parent ON strategyminutes.versions (parent);

-- A version pushed twice (a laptop killed after the server took it and
-- before it heard so) is stored once.
CREATE UNIQUE INDEX versions_once ON strategyminutes.versions (meeting_id, coalesce(parent, 0), sha256(payload));
