-- What laptops need to sync safely.
--
-- A meeting's id is the interchange's: a UUID for meetings made in the
-- app, but any text for records brought in from elsewhere
-- ("legacy-2019-0042"), so text, as the laptops hold it, up to the 200
-- characters the interchange allows. The views and the
-- policies that name the column are made again around the change.
DROP VIEW strategyminutes.report_meetings;
DROP VIEW strategyminutes.current;
DROP VIEW strategyminutes.heads;
DROP POLICY write_own ON strategyminutes.versions;
DROP POLICY write_own ON strategyminutes.records;
ALTER TABLE strategyminutes.versions DROP CONSTRAINT versions_meeting_id_fkey;
ALTER TABLE strategyminutes.records DROP CONSTRAINT records_meeting_id_fkey;
ALTER TABLE strategyminutes.meetings ALTER COLUMN id TYPE text;
ALTER TABLE strategyminutes.versions ALTER COLUMN meeting_id TYPE text;
ALTER TABLE strategyminutes.records ALTER COLUMN meeting_id TYPE text;
ALTER TABLE strategyminutes.meetings ADD CONSTRAINT meetings_id_text CHECK (id <> '' AND length(id) <= 200);
ALTER TABLE strategyminutes.versions ADD CONSTRAINT versions_meeting_id_fkey
	FOREIGN KEY (meeting_id) REFERENCES strategyminutes.meetings ON DELETE CASCADE;
ALTER TABLE strategyminutes.records ADD CONSTRAINT records_meeting_id_fkey
	FOREIGN KEY (meeting_id) REFERENCES strategyminutes.meetings ON DELETE CASCADE;
CREATE POLICY write_own ON strategyminutes.versions FOR INSERT TO strategyminutes_chair
	WITH CHECK (made_by = current_user AND EXISTS (
		SELECT 1 FROM strategyminutes.meetings m WHERE m.id = meeting_id AND m.owner = current_user));
CREATE POLICY write_own ON strategyminutes.records FOR INSERT TO strategyminutes_chair
	WITH CHECK (made_by = current_user AND EXISTS (
		SELECT 1 FROM strategyminutes.meetings m WHERE m.id = meeting_id AND m.owner = current_user));
--
-- The server's identity: a laptop remembers the server it syncs with, and
-- refuses to sync its meetings to another (or to this one made again from
-- nothing), where its revisions would mean other versions.
CREATE TABLE strategyminutes.server (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	id uuid NOT NULL DEFAULT gen_random_uuid(),
	made_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO strategyminutes.server DEFAULT VALUES;
GRANT SELECT ON strategyminutes.server TO strategyminutes_chair, strategyminutes_admin;
CREATE TRIGGER server_never_changes BEFORE UPDATE OR DELETE ON strategyminutes.server
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.refuse_change();

-- A chair resolving a conflict makes one version from both heads: its
-- parent and the other head it merges, so that the meeting has one head
-- again. Both must be versions of the same meeting.
ALTER TABLE strategyminutes.versions ADD COLUMN merges bigint REFERENCES strategyminutes.versions;
CREATE INDEX versions_merges ON strategyminutes.versions (merges);

-- Signed-off minutes are judged by the engine itself, not by the seal a
-- laptop says they have: each version carries its minutes alone (the
-- interchange encoding of the minutes without their follow-ups, which a
-- laptop checks the payload against), and the engine checks that the seal
-- is theirs, and that a follow-up after sign-off keeps the minutes, and
-- the time held, byte for byte.
ALTER TABLE strategyminutes.versions ADD COLUMN minutes bytea;

CREATE VIEW strategyminutes.current AS
	SELECT DISTINCT ON (meeting_id) * FROM strategyminutes.versions ORDER BY meeting_id, revision DESC;
GRANT SELECT ON strategyminutes.current TO strategyminutes_chair, strategyminutes_admin;
CREATE VIEW strategyminutes.report_meetings AS
	SELECT meeting_id, held_at, signed_off FROM strategyminutes.current;
GRANT SELECT ON strategyminutes.report_meetings TO strategyminutes_analyst;

-- A meeting's heads, asked at every push: "no version made from it, nor
-- merging it" as two lookups, each by its index (one with OR read every
-- version of every meeting: a first sync of 20,000 meetings went
-- quadratic).
CREATE VIEW strategyminutes.heads AS
	SELECT v.meeting_id, v.revision FROM strategyminutes.versions v
	WHERE NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.parent = v.revision)
		AND NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.merges = v.revision);

GRANT SELECT ON strategyminutes.heads TO strategyminutes_chair, strategyminutes_admin;

-- Signed-off minutes carry their seal: the SHA-256 of the minutes'
-- interchange encoding (meeting.SyncSeal), the same on every laptop. After
-- sign-off a version either amends the minutes (a reason, a new seal) or
-- keeps the seal of the version it follows (follow-ups only: an action
-- done, the conference held, the minutes sent), and always follows the
-- latest version: a laptop whose signed-off minutes were rewritten, or
-- whose history forked from the server's, is refused at its next sync.


-- A meeting in the interchange encoding without its follow-ups (the
-- conference's record, the recipients, each action's "done"), as JSON
-- values compare: a version's payload must hold the minutes it carries.
CREATE FUNCTION strategyminutes.minutes_of(doc bytea) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
	SELECT CASE WHEN jsonb_typeof(j -> 'actions') = 'array'
		THEN jsonb_set(j, '{actions}', coalesce((SELECT jsonb_agg(a - 'done' ORDER BY n)
			FROM jsonb_array_elements(j -> 'actions') WITH ORDINALITY AS t(a, n)), '[]'::jsonb))
		ELSE j END
	FROM (SELECT convert_from(doc, 'UTF8')::jsonb - 'icpc' - 'distribution' AS j) s
$$;

CREATE OR REPLACE FUNCTION strategyminutes.signed_off_only_amended() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	latest strategyminutes.versions%ROWTYPE;
	sealed boolean;
BEGIN
	-- One writer of a meeting at a time, so that two amendments cannot
	-- both be made from the same latest version (a lock that needs no
	-- right on the table, which a chair lacks for FOR UPDATE).
	PERFORM pg_advisory_xact_lock(hashtextextended(NEW.meeting_id, 0));
	IF NEW.signed_off AND (NEW.minutes IS NULL OR NEW.seal IS DISTINCT FROM
			encode(sha256(convert_to(E'strategy-minutes sync seal 1\n', 'UTF8') || NEW.minutes), 'hex')) THEN
		RAISE EXCEPTION 'strategy minutes: signed-off minutes need their seal, and the seal must be of their minutes' USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.signed_off AND NEW.payload IS DISTINCT FROM NEW.minutes -- (no follow-ups: the same bytes, nothing to parse)
		AND strategyminutes.minutes_of(NEW.payload) IS DISTINCT FROM strategyminutes.minutes_of(NEW.minutes) THEN
		RAISE EXCEPTION 'strategy minutes: the version''s minutes are not those its seal is of' USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.merges IS NOT NULL AND NOT EXISTS (SELECT 1 FROM strategyminutes.versions o
			WHERE o.revision = NEW.merges AND o.meeting_id = NEW.meeting_id) THEN
		RAISE EXCEPTION 'strategy minutes: a version merges only a version of its own meeting' USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM strategyminutes.versions o
			WHERE o.revision = NEW.parent AND o.meeting_id = NEW.meeting_id) THEN
		RAISE EXCEPTION 'strategy minutes: a version follows only a version of its own meeting' USING ERRCODE = 'check_violation';
	END IF;
	SELECT bool_or(v.signed_off) INTO sealed FROM strategyminutes.versions v WHERE v.meeting_id = NEW.meeting_id;
	IF NOT coalesce(sealed, false) THEN
		IF NEW.amendment_reason IS NOT NULL THEN
			RAISE EXCEPTION 'strategy minutes: only signed-off minutes are amended' USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END IF;
	SELECT * INTO latest FROM strategyminutes.versions v WHERE v.meeting_id = NEW.meeting_id ORDER BY v.revision DESC LIMIT 1;
	IF NOT NEW.signed_off OR NEW.parent IS DISTINCT FROM latest.revision OR NEW.merges IS NOT NULL
		OR (NEW.amendment_reason IS NULL AND (NEW.seal IS DISTINCT FROM latest.seal OR NEW.minutes IS DISTINCT FROM latest.minutes
			OR NEW.held_at IS DISTINCT FROM latest.held_at))
		OR (NEW.amendment_reason IS NOT NULL AND NEW.seal IS NOT DISTINCT FROM latest.seal) THEN
		RAISE EXCEPTION 'strategy minutes: the minutes are signed off: only an amendment (signed off, with a reason and a new seal, made from the latest version) or a follow-up (the same minutes and seal) may follow'
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END
$$;

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

-- An administrator deletes a meeting whole, never one version or one
-- follow-up of it: a laptop whose revision went would be refused for good.
-- A version or follow-up goes only with its meeting: the foreign key's
-- cascade, a trigger within a trigger, which runs as the tables' owner
-- (so not asked for the administrator's role: only an administrator may
-- delete the meeting it cascades from).
CREATE OR REPLACE FUNCTION strategyminutes.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'meetings' AND pg_has_role(current_user, 'strategyminutes_admin', 'member') THEN
		RETURN OLD;
	END IF;
	IF TG_OP = 'DELETE' AND TG_TABLE_NAME IN ('versions', 'records') AND pg_trigger_depth() > 1 THEN
		RETURN OLD;
	END IF;
	-- (Nested, so that only a meetings row's fields are read.)
	IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'meetings' AND current_setting('strategyminutes.transfer', true) = 'on' THEN
		IF NEW.id = OLD.id AND NEW.created_at = OLD.created_at THEN
			RETURN NEW;
		END IF;
	END IF;
	RAISE EXCEPTION 'strategy minutes: % is appended to, never changed: add a new version (an amendment, for signed-off minutes)', TG_TABLE_NAME
		USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- A chair who leaves: an administrator hands the meetings their login
-- created to another chair's login, who may then write them (drafts to
-- finish, minutes to amend). Nothing else about a meeting ever changes.

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

-- A laptop's push, one call a version, so that a batch of versions goes to
-- the server in one round trip (pgx's batch) rather than five statements
-- and a savepoint each: a first sync of 20,000 meetings took a minute that
-- way. The function runs with the caller's rights: row-level security, the
-- triggers and the grants judge each version as before. A version the
-- rules refuse (another chair's meeting, data the server will not take, a
-- history that does not extend the server's) is answered with the reason
-- and its SQLSTATE, not raised, so that the others in the batch go on.
CREATE FUNCTION strategyminutes.push(p_meeting text, p_parent bigint, p_merges bigint, p_signed_off boolean,
	p_reason text, p_held_at timestamptz, p_payload bytea, p_seal text, p_minutes bytea)
RETURNS TABLE (revision bigint, heads bigint[], refused text, code text)
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
	mine boolean;
	rev bigint;
BEGIN
	-- A meeting deleted everywhere is not made again by a laptop that
	-- still held it (or an old export imported).
	IF EXISTS (SELECT 1 FROM strategyminutes.deletions d WHERE d.meeting_id = p_meeting) THEN
		RETURN QUERY SELECT 0::bigint, NULL::bigint[], 'the meeting was deleted everywhere by the partnership''s administrator'::text, 'P0001'::text;
		RETURN;
	END IF;
	BEGIN
		INSERT INTO strategyminutes.meetings (id) VALUES (p_meeting) ON CONFLICT (id) DO NOTHING;
		SELECT m.owner = current_user INTO mine FROM strategyminutes.meetings m WHERE m.id = p_meeting;
		IF NOT coalesce(mine, false) THEN
			-- Another chair's meeting, as the server holds it already (a
			-- laptop that took its chair's version over its own): nothing
			-- to write; the laptop is told which revision it has.
			SELECT v.revision INTO rev FROM strategyminutes.versions v
				WHERE v.meeting_id = p_meeting AND sha256(v.payload) = sha256(p_payload) ORDER BY v.revision DESC LIMIT 1;
			IF rev IS NOT NULL THEN
				RETURN QUERY SELECT rev, ARRAY(SELECT h.revision FROM strategyminutes.heads h WHERE h.meeting_id = p_meeting ORDER BY h.revision), NULL::text, NULL::text;
				RETURN;
			END IF;
			RETURN QUERY SELECT 0::bigint, NULL::bigint[], 'the meeting was created by another chair''s login'::text, '42501'::text;
			RETURN;
		END IF;
		-- Pushed before (a laptop killed before it heard): stored once.
		SELECT v.revision INTO rev FROM strategyminutes.versions v
			WHERE v.meeting_id = p_meeting AND coalesce(v.parent, 0) = coalesce(p_parent, 0) AND sha256(v.payload) = sha256(p_payload);
		IF rev IS NULL THEN
			INSERT INTO strategyminutes.versions (meeting_id, parent, merges, signed_off, amendment_reason, held_at, payload, seal, minutes)
				VALUES (p_meeting, p_parent, p_merges, p_signed_off, p_reason, p_held_at, p_payload, p_seal, p_minutes)
				RETURNING versions.revision INTO rev;
		END IF;
	EXCEPTION WHEN OTHERS THEN
		IF SQLSTATE NOT LIKE '22%' AND SQLSTATE NOT LIKE '23%' AND SQLSTATE <> '42501' THEN
			RAISE;
		END IF;
		RETURN QUERY SELECT 0::bigint, NULL::bigint[], SQLERRM, SQLSTATE::text;
		RETURN;
	END;
	RETURN QUERY SELECT rev, ARRAY(SELECT h.revision FROM strategyminutes.heads h WHERE h.meeting_id = p_meeting ORDER BY h.revision), NULL::text, NULL::text;
END
$$;
REVOKE ALL ON FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text, bytea) TO strategyminutes_chair;
