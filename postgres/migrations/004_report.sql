-- The report on the server (report --server), computed as each laptop
-- computes its own: from one small entry a meeting (meeting.ReportEntry,
-- in the encoding laptops keep, meeting.AppendEntry), counted by the app.
--
-- Each version carries its entry (worked out from its payload by the
-- laptop that pushed it, with no children's case numbers), its UK date
-- held, and its children's case keys. The report counts, for each
-- meeting, the version a laptop holds that has no change of its own:
-- the meeting's first version, then each version made from the one it
-- counts. A conflict's other head is not counted until a version made
-- from both settles it, as on every such laptop, so that the server's
-- report and theirs are the same, byte for byte.
ALTER TABLE strategyminutes.versions ADD COLUMN entry bytea, ADD COLUMN held_on date, ADD COLUMN case_keys text[];
-- Versions pushed before this migration have none (server init makes
-- their meetings' entries from their payloads); every one pushed since
-- must.
ALTER TABLE strategyminutes.versions ADD CONSTRAINT versions_entry
	CHECK (entry IS NOT NULL AND octet_length(entry) <= 65536 AND coalesce(cardinality(case_keys), 0) <= 100) NOT VALID;

-- Each meeting's entry in the report. No role reads it: analysts read it
-- through report_entries() and report_children(), which give the
-- entries without the children's case keys, and the children as counts.
CREATE TABLE strategyminutes.report_entries (
	meeting_id text PRIMARY KEY REFERENCES strategyminutes.meetings ON DELETE CASCADE,
	revision bigint NOT NULL REFERENCES strategyminutes.versions ON DELETE CASCADE,
	held_on date,
	entry bytea, -- NULL only while server init makes it
	case_keys text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX report_entries_held_on ON strategyminutes.report_entries (held_on);
CREATE INDEX report_entries_revision ON strategyminutes.report_entries (revision);
REVOKE ALL ON strategyminutes.report_entries FROM PUBLIC;

-- counted_next says whether a meeting's next version (made from parent,
-- merging merges, holding payload) is the one its report entry moves to,
-- as a laptop with no change of its own moves to it (storage's
-- applyPulled): one made from the version it counts, or its first, or one
-- whose payload is the very bytes of the version it counts (the same
-- meeting, which a laptop takes as its own, whatever it was made from).
-- Any other is a conflict's other head, which waits.
-- (PL/pgSQL, whose plans are kept: a SQL function's are made again at
-- every call, a tenth of a millisecond a version.)
CREATE FUNCTION strategyminutes.counted_next(p_meeting text, p_parent bigint, p_merges bigint, p_payload bytea) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $$
BEGIN
	RETURN (p_parent IS NULL AND NOT EXISTS (SELECT 1 FROM strategyminutes.report_entries r WHERE r.meeting_id = p_meeting))
		OR EXISTS (SELECT 1 FROM strategyminutes.report_entries r
			WHERE r.meeting_id = p_meeting AND (r.revision = p_parent OR r.revision = p_merges))
		OR EXISTS (SELECT 1 FROM strategyminutes.report_entries r JOIN strategyminutes.versions c ON c.revision = r.revision
			WHERE r.meeting_id = p_meeting AND c.payload = p_payload);
END
$$;
REVOKE ALL ON FUNCTION strategyminutes.counted_next(text, bigint, bigint, bytea) FROM PUBLIC;

-- count_in_report moves the entry as each version is stored. It runs with
-- its owner's rights: no role writes report_entries itself.
CREATE FUNCTION strategyminutes.count_in_report() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
	-- (A meeting's writers take turns already: signed_off_only_amended's lock.)
	IF strategyminutes.counted_next(NEW.meeting_id, NEW.parent, NEW.merges, NEW.payload) THEN
		INSERT INTO strategyminutes.report_entries AS r (meeting_id, revision, held_on, entry, case_keys)
			VALUES (NEW.meeting_id, NEW.revision, NEW.held_on, NEW.entry, coalesce(NEW.case_keys, '{}'))
			ON CONFLICT (meeting_id) DO UPDATE SET revision = excluded.revision, held_on = excluded.held_on,
				entry = excluded.entry, case_keys = excluded.case_keys;
	END IF;
	RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION strategyminutes.count_in_report() FROM PUBLIC;

-- The meetings already held: their versions in order, as they were
-- pushed, each moving its meeting's entry as the trigger will (server
-- init then makes each entry from its version's payload).
DO $$
DECLARE
	v record;
BEGIN
	FOR v IN SELECT revision, meeting_id, parent, merges, payload FROM strategyminutes.versions ORDER BY revision LOOP
		IF strategyminutes.counted_next(v.meeting_id, v.parent, v.merges, v.payload) THEN
			INSERT INTO strategyminutes.report_entries AS r (meeting_id, revision)
				VALUES (v.meeting_id, v.revision)
				ON CONFLICT (meeting_id) DO UPDATE SET revision = excluded.revision, entry = NULL;
		END IF;
	END LOOP;
END
$$;

CREATE TRIGGER versions_in_report AFTER INSERT ON strategyminutes.versions
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.count_in_report();

-- What an analyst reads: the report's entries of the meetings held from
-- p_from to p_to (UK dates, inclusive), concatenated, and how many of
-- those meetings have no entry yet (server init not finished), which the
-- report refuses rather than leave them out. An entry holds what the
-- report counts of one meeting (attendance by agency, consent's status,
-- outcomes, action counts and dates, the times held and referred) and,
-- for a meeting a statutory partner missed, its id and reference, which
-- the report lists; never a name, free text, or a child's id.
CREATE FUNCTION strategyminutes.report_entries(p_from date, p_to date)
RETURNS TABLE (entries bytea, missing bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT coalesce(string_agg(entry, ''::bytea), ''::bytea), count(*) FILTER (WHERE entry IS NULL)
	FROM strategyminutes.report_entries WHERE held_on BETWEEN p_from AND p_to
$$;

-- The children, by case key, at the meetings the report counts: one row a
-- child a meeting, with the dates of the child's three meetings before it
-- (in order of date held, then meeting id), kept up to date as entries
-- change. A period's children are then counted in one pass, with no
-- grouping (grouping a million meetings' children took seconds): a child
-- is at a meeting of the period whose previous is before it (its first
-- in the period), at two or more when one has its previous within the
-- period and the one before that outside, and so on.
CREATE TABLE strategyminutes.case_meetings (
	key text NOT NULL,
	meeting_id text NOT NULL REFERENCES strategyminutes.meetings ON DELETE CASCADE,
	held_on date NOT NULL,
	prev1 date,
	prev2 date,
	prev3 date,
	PRIMARY KEY (key, meeting_id)
);
CREATE INDEX case_meetings_meeting ON strategyminutes.case_meetings (meeting_id);
CREATE INDEX case_meetings_held_on ON strategyminutes.case_meetings (held_on);
REVOKE ALL ON strategyminutes.case_meetings FROM PUBLIC;

CREATE FUNCTION strategyminutes.index_children() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
	keys text[] := '{}';
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.case_keys = OLD.case_keys AND NEW.held_on IS NOT DISTINCT FROM OLD.held_on THEN
		RETURN NULL;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM strategyminutes.case_meetings WHERE meeting_id = OLD.meeting_id;
		keys := OLD.case_keys;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.held_on IS NOT NULL THEN
		INSERT INTO strategyminutes.case_meetings (key, meeting_id, held_on)
			SELECT DISTINCT k, NEW.meeting_id, NEW.held_on FROM unnest(NEW.case_keys) AS k;
		keys := keys || NEW.case_keys;
	END IF;
	UPDATE strategyminutes.case_meetings c SET prev1 = s.p1, prev2 = s.p2, prev3 = s.p3
	FROM (SELECT key, meeting_id, lag(held_on, 1) OVER w AS p1, lag(held_on, 2) OVER w AS p2, lag(held_on, 3) OVER w AS p3
		FROM strategyminutes.case_meetings WHERE key = ANY (keys)
		WINDOW w AS (PARTITION BY key ORDER BY held_on, meeting_id)) s
	-- (The key named on both sides, so that each is read by its index:
	-- without, a first sync of 20,000 meetings went quadratic.)
	WHERE c.key = ANY (keys) AND c.key = s.key AND c.meeting_id = s.meeting_id
		AND (c.prev1, c.prev2, c.prev3) IS DISTINCT FROM (s.p1, s.p2, s.p3);
	RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION strategyminutes.index_children() FROM PUBLIC;
CREATE TRIGGER report_entries_children AFTER INSERT OR UPDATE OR DELETE ON strategyminutes.report_entries
	FOR EACH ROW EXECUTE FUNCTION strategyminutes.index_children();

-- The children of the meetings held from p_from to p_to, as the report
-- counts them: how many case references are at one meeting, at two, and
-- at three or more. The references themselves never leave the server.
CREATE FUNCTION strategyminutes.report_children(p_from date, p_to date)
RETURNS TABLE (once bigint, twice bigint, more bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT n1 - n2, n2 - n3, n3 FROM (SELECT
		count(*) FILTER (WHERE prev1 IS NULL OR prev1 < p_from) AS n1,
		count(*) FILTER (WHERE prev1 >= p_from AND (prev2 IS NULL OR prev2 < p_from)) AS n2,
		count(*) FILTER (WHERE prev2 >= p_from AND (prev3 IS NULL OR prev3 < p_from)) AS n3
		FROM strategyminutes.case_meetings WHERE held_on BETWEEN p_from AND p_to) s
$$;
REVOKE ALL ON FUNCTION strategyminutes.report_entries(date, date), strategyminutes.report_children(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategyminutes.report_entries(date, date), strategyminutes.report_children(date, date)
	TO strategyminutes_analyst, strategyminutes_admin;

-- push() as before, with the version's report entry, UK date held and
-- children's case keys.
DROP FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text, bytea);
CREATE FUNCTION strategyminutes.push(p_meeting text, p_parent bigint, p_merges bigint, p_signed_off boolean,
	p_reason text, p_held_at timestamptz, p_payload bytea, p_seal text, p_minutes bytea,
	p_entry bytea, p_held_on date, p_case_keys text[])
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
			INSERT INTO strategyminutes.versions (meeting_id, parent, merges, signed_off, amendment_reason, held_at, payload, seal, minutes,
					entry, held_on, case_keys)
				VALUES (p_meeting, p_parent, p_merges, p_signed_off, p_reason, p_held_at, p_payload, p_seal, p_minutes,
					p_entry, p_held_on, p_case_keys)
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
REVOKE ALL ON FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text, bytea, bytea, date, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text, bytea, bytea, date, text[]) TO strategyminutes_chair;

-- The first and last UK dates held of the meetings held from p_from to
-- p_to: the report reads the years between, a year at a time.
CREATE FUNCTION strategyminutes.report_span(p_from date, p_to date)
RETURNS TABLE (first date, last date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT min(held_on), max(held_on) FROM strategyminutes.report_entries WHERE held_on BETWEEN p_from AND p_to
$$;
REVOKE ALL ON FUNCTION strategyminutes.report_span(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategyminutes.report_span(date, date) TO strategyminutes_analyst, strategyminutes_admin;

-- The partnership's bank holidays: gov.uk's list, as an administrator
-- imported it (holidays --import FILE --server URL), counted with the
-- built-in days for the years it covers, as a laptop counts with the list
-- imported on it. Every login reads it; only an administrator changes it.
CREATE TABLE strategyminutes.bank_holidays (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	list bytea NOT NULL CHECK (octet_length(list) <= 1048576),
	imported_by name NOT NULL DEFAULT current_user,
	imported_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON strategyminutes.bank_holidays FROM PUBLIC;
GRANT SELECT (list) ON strategyminutes.bank_holidays TO strategyminutes_chair, strategyminutes_analyst;
GRANT SELECT ON strategyminutes.bank_holidays TO strategyminutes_admin;

-- An analyst reads the report's functions and nothing else: the view of
-- every meeting's id, time held and sign-off (migration 1's, before the
-- report's entries) goes.
REVOKE SELECT ON strategyminutes.report_meetings FROM strategyminutes_analyst;
GRANT INSERT, UPDATE, DELETE ON strategyminutes.bank_holidays TO strategyminutes_admin;

-- Signed-off minutes judged as before (migration 3), with the payload's
-- minutes read once.
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
	-- The minutes hold no follow-ups: read as they are, against the
	-- payload's without its own (stricter than reading both without
	-- theirs, and half the work: a first sync spent a third of its time
	-- here).
	IF NEW.signed_off AND NEW.payload IS DISTINCT FROM NEW.minutes -- (no follow-ups: the same bytes, nothing to parse)
		AND strategyminutes.minutes_of(NEW.payload) IS DISTINCT FROM convert_from(NEW.minutes, 'UTF8')::jsonb THEN
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
