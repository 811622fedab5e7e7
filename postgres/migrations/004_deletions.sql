-- A meeting deleted everywhere: an administrator deletes it on the server
-- (at the end of its retention, or one made by mistake), and each laptop,
-- at its next sync, deletes its copy. The deletion is a numbered record,
-- numbered from the versions' own sequence and appended in the same order
-- (append_in_order), so that a laptop pulling by number meets it after
-- every version of the meeting. It names the meeting by id only.
CREATE TABLE strategyminutes.deletions (
	revision bigint PRIMARY KEY,
	meeting_id text NOT NULL,
	ground text NOT NULL CHECK (ground IN ('retention', 'mistake')),
	deleted_by name NOT NULL DEFAULT current_user,
	deleted_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON strategyminutes.deletions TO strategyminutes_chair, strategyminutes_admin;
CREATE TRIGGER deletions_never_change BEFORE UPDATE OR DELETE ON strategyminutes.deletions
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.refuse_change();

-- Whatever deletes a meeting records its deletion: the ground is the
-- session's strategyminutes.ground ('mistake', or by default 'retention').
-- It runs with its owner's rights, so that an administrator needs no
-- right on the sequence or the table.
CREATE FUNCTION strategyminutes.record_deletion() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(hashtextextended('strategyminutes append', 0));
	INSERT INTO strategyminutes.deletions (revision, meeting_id, ground, deleted_by)
		VALUES (nextval(pg_get_serial_sequence('strategyminutes.versions', 'revision')), OLD.id,
			coalesce(nullif(current_setting('strategyminutes.ground', true), ''), 'retention'), session_user);
	RETURN OLD;
END
$$;
REVOKE ALL ON FUNCTION strategyminutes.record_deletion() FROM PUBLIC;
CREATE TRIGGER meetings_deleted AFTER DELETE ON strategyminutes.meetings
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.record_deletion();
