-- The partnership's meetings: every version of every meeting, appended,
-- never changed; who may write what is the engine's rule (row-level
-- security, triggers, grants), so that no client, ours or another, can
-- break it.

-- The roles are the cluster's, shared by its databases: made once.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategyminutes_chair') THEN
		CREATE ROLE strategyminutes_chair NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategyminutes_analyst') THEN
		CREATE ROLE strategyminutes_analyst NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategyminutes_admin') THEN
		CREATE ROLE strategyminutes_admin NOLOGIN;
	END IF;
END
$$;

CREATE SCHEMA strategyminutes;
REVOKE ALL ON SCHEMA strategyminutes FROM PUBLIC;
GRANT USAGE ON SCHEMA strategyminutes TO strategyminutes_chair, strategyminutes_analyst, strategyminutes_admin;

-- A meeting, and the login that created it: only that login writes it.
CREATE TABLE strategyminutes.meetings (
	id uuid PRIMARY KEY,
	owner name NOT NULL DEFAULT current_user,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- Every version of a meeting, in the interchange encoding (payload), with
-- the revision it was made from (parent): a draft changed on two laptops
-- since their common revision is two versions with one parent, both kept.
CREATE TABLE strategyminutes.versions (
	revision bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	meeting_id uuid NOT NULL REFERENCES strategyminutes.meetings ON DELETE CASCADE,
	parent bigint REFERENCES strategyminutes.versions,
	signed_off boolean NOT NULL,
	-- Set on a version that amends signed-off minutes: the reason given.
	amendment_reason text CHECK (amendment_reason IS NULL OR amendment_reason <> ''),
	held_at timestamptz,
	-- The interchange encoding's very bytes: nothing reorders or reformats
	-- what a chair's laptop sent.
	payload bytea NOT NULL,
	seal text,
	made_by name NOT NULL DEFAULT current_user,
	made_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX versions_meeting ON strategyminutes.versions (meeting_id, revision);

-- Follow-ups (an action completed, the conference held or not needed, the
-- minutes sent), appended: they never change the minutes.
CREATE TABLE strategyminutes.records (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	meeting_id uuid NOT NULL REFERENCES strategyminutes.meetings ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind <> ''),
	payload bytea NOT NULL,
	made_by name NOT NULL DEFAULT current_user,
	made_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX records_meeting ON strategyminutes.records (meeting_id, id);

-- Nothing appended is ever changed, and only an administrator deletes (a
-- meeting, everywhere, at the end of its retention: the cascade).
CREATE FUNCTION strategyminutes.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND pg_has_role(current_user, 'strategyminutes_admin', 'member') THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'strategy minutes: % is appended to, never changed: add a new version (an amendment, for signed-off minutes)', TG_TABLE_NAME
		USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER versions_never_change BEFORE UPDATE OR DELETE ON strategyminutes.versions
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.refuse_change();
CREATE TRIGGER records_never_change BEFORE UPDATE OR DELETE ON strategyminutes.records
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.refuse_change();
CREATE TRIGGER meetings_never_change BEFORE UPDATE ON strategyminutes.meetings
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.refuse_change();

-- Once a meeting has a signed-off version, a new version must amend it:
-- signed off, with a reason, made from the latest version.
CREATE FUNCTION strategyminutes.signed_off_only_amended() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	latest bigint;
	sealed boolean;
BEGIN
	-- One writer of a meeting at a time, so that two amendments cannot
	-- both be made from the same latest version (a lock that needs no
	-- right on the table, which a chair lacks for FOR UPDATE).
	PERFORM pg_advisory_xact_lock(hashtextextended(NEW.meeting_id::text, 0));
	SELECT bool_or(signed_off), max(revision) INTO sealed, latest
		FROM strategyminutes.versions WHERE meeting_id = NEW.meeting_id;
	IF NOT coalesce(sealed, false) THEN
		IF NEW.amendment_reason IS NOT NULL THEN
			RAISE EXCEPTION 'strategy minutes: only signed-off minutes are amended' USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END IF;
	IF NOT NEW.signed_off OR NEW.amendment_reason IS NULL OR NEW.parent IS DISTINCT FROM latest THEN
		RAISE EXCEPTION 'strategy minutes: the minutes are signed off: only an amendment (signed off, with a reason, made from the latest version) may follow'
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER versions_after_sign_off BEFORE INSERT ON strategyminutes.versions
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.signed_off_only_amended();

-- Who may read and write which rows.
ALTER TABLE strategyminutes.meetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategyminutes.versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategyminutes.records ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON strategyminutes.meetings FOR SELECT TO strategyminutes_chair, strategyminutes_admin USING (true);
CREATE POLICY create_own ON strategyminutes.meetings FOR INSERT TO strategyminutes_chair WITH CHECK (owner = current_user);
CREATE POLICY delete_any ON strategyminutes.meetings FOR DELETE TO strategyminutes_admin USING (true);

CREATE POLICY read_all ON strategyminutes.versions FOR SELECT TO strategyminutes_chair, strategyminutes_admin USING (true);
CREATE POLICY write_own ON strategyminutes.versions FOR INSERT TO strategyminutes_chair
	WITH CHECK (made_by = current_user AND EXISTS (
		SELECT 1 FROM strategyminutes.meetings m WHERE m.id = meeting_id AND m.owner = current_user));
CREATE POLICY delete_any ON strategyminutes.versions FOR DELETE TO strategyminutes_admin USING (true);

CREATE POLICY read_all ON strategyminutes.records FOR SELECT TO strategyminutes_chair, strategyminutes_admin USING (true);
CREATE POLICY write_own ON strategyminutes.records FOR INSERT TO strategyminutes_chair
	WITH CHECK (made_by = current_user AND EXISTS (
		SELECT 1 FROM strategyminutes.meetings m WHERE m.id = meeting_id AND m.owner = current_user));
CREATE POLICY delete_any ON strategyminutes.records FOR DELETE TO strategyminutes_admin USING (true);

GRANT SELECT, INSERT ON strategyminutes.meetings, strategyminutes.versions, strategyminutes.records TO strategyminutes_chair;
GRANT SELECT, DELETE ON strategyminutes.meetings, strategyminutes.versions, strategyminutes.records TO strategyminutes_admin;

-- The latest version of each meeting.
CREATE VIEW strategyminutes.current AS
	SELECT DISTINCT ON (meeting_id) * FROM strategyminutes.versions ORDER BY meeting_id, revision DESC;
GRANT SELECT ON strategyminutes.current TO strategyminutes_chair, strategyminutes_admin;

-- What an analyst reads: figures, never names, free text or children's
-- ids. The report's own figures are added to it by the report's migration;
-- this view has each meeting's time and state only. A view runs with its
-- owner's rights, so analysts need (and have) no right on the tables.
CREATE VIEW strategyminutes.report_meetings AS
	SELECT meeting_id, held_at, signed_off FROM strategyminutes.current;
GRANT SELECT ON strategyminutes.report_meetings TO strategyminutes_analyst;
