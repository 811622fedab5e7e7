-- Found by an attacking review (2026-12-03).
--
-- A meeting's heads, asked at every push: "no version made from it, nor
-- merging it" as two lookups, each by its index (one with OR read every
-- version of every meeting: a first sync of 20,000 meetings went
-- quadratic).
CREATE OR REPLACE VIEW strategyminutes.heads AS
	SELECT v.meeting_id, v.revision FROM strategyminutes.versions v
	WHERE NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.parent = v.revision)
		AND NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.merges = v.revision);

-- Meeting ids as long as the interchange allows (200 characters).
ALTER TABLE strategyminutes.meetings DROP CONSTRAINT meetings_id_text;
ALTER TABLE strategyminutes.meetings ADD CONSTRAINT meetings_id_text CHECK (id <> '' AND length(id) <= 200);

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

-- Signed-off minutes are judged by the engine itself, not by the seal a
-- laptop says they have: each version carries its minutes alone (the
-- interchange encoding of the minutes without their follow-ups, which a
-- laptop checks the payload against), and the engine checks that the seal
-- is theirs, and that a follow-up after sign-off keeps the minutes, and
-- the time held, byte for byte.
ALTER TABLE strategyminutes.versions ADD COLUMN minutes bytea;

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

-- The push, with the minutes; a meeting deleted everywhere is refused.
DROP FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text);
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
