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

-- A chair who leaves: an administrator hands the meetings their login
-- created to another chair's login, who may then write them (drafts to
-- finish, minutes to amend). Nothing else about a meeting ever changes.
CREATE OR REPLACE FUNCTION strategyminutes.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND pg_has_role(current_user, 'strategyminutes_admin', 'member') THEN
		RETURN OLD;
	END IF;
	IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'meetings' AND current_setting('strategyminutes.transfer', true) = 'on'
		AND NEW.id = OLD.id AND NEW.created_at = OLD.created_at THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'strategy minutes: % is appended to, never changed: add a new version (an amendment, for signed-off minutes)', TG_TABLE_NAME
		USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE FUNCTION strategyminutes.transfer_meetings(from_login name, to_login name) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
	n bigint;
BEGIN
	IF NOT pg_has_role(session_user, 'strategyminutes_admin', 'member') THEN
		RAISE EXCEPTION 'strategy minutes: only an administrator hands meetings to another chair' USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = to_login) OR NOT pg_has_role(to_login, 'strategyminutes_chair', 'member') THEN
		RAISE EXCEPTION 'strategy minutes: meetings go only to a chair''s login' USING ERRCODE = 'check_violation';
	END IF;
	PERFORM set_config('strategyminutes.transfer', 'on', true);
	UPDATE strategyminutes.meetings SET owner = to_login WHERE owner = from_login;
	GET DIAGNOSTICS n = ROW_COUNT;
	PERFORM set_config('strategyminutes.transfer', '', true);
	RETURN n;
END
$$;
REVOKE ALL ON FUNCTION strategyminutes.transfer_meetings(name, name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategyminutes.transfer_meetings(name, name) TO strategyminutes_admin;
