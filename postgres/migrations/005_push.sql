-- A laptop's push, one call a version, so that a batch of versions goes to
-- the server in one round trip (pgx's batch) rather than five statements
-- and a savepoint each: a first sync of 20,000 meetings took a minute that
-- way. The function runs with the caller's rights: row-level security, the
-- triggers and the grants judge each version as before. A version the
-- rules refuse (another chair's meeting, data the server will not take, a
-- history that does not extend the server's) is answered with the reason
-- and its SQLSTATE, not raised, so that the others in the batch go on.
CREATE FUNCTION strategyminutes.push(p_meeting text, p_parent bigint, p_merges bigint, p_signed_off boolean,
	p_reason text, p_held_at timestamptz, p_payload bytea, p_seal text)
RETURNS TABLE (revision bigint, heads bigint[], refused text, code text)
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
	mine boolean;
	rev bigint;
BEGIN
	BEGIN
		INSERT INTO strategyminutes.meetings (id) VALUES (p_meeting) ON CONFLICT (id) DO NOTHING;
		SELECT m.owner = current_user INTO mine FROM strategyminutes.meetings m WHERE m.id = p_meeting;
		IF NOT coalesce(mine, false) THEN
			RETURN QUERY SELECT 0::bigint, NULL::bigint[], 'the meeting was created by another chair''s login'::text, '42501'::text;
			RETURN;
		END IF;
		-- Pushed before (a laptop killed before it heard): stored once.
		SELECT v.revision INTO rev FROM strategyminutes.versions v
			WHERE v.meeting_id = p_meeting AND coalesce(v.parent, 0) = coalesce(p_parent, 0) AND sha256(v.payload) = sha256(p_payload);
		IF rev IS NULL THEN
			INSERT INTO strategyminutes.versions (meeting_id, parent, merges, signed_off, amendment_reason, held_at, payload, seal)
				VALUES (p_meeting, p_parent, p_merges, p_signed_off, p_reason, p_held_at, p_payload, p_seal)
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
REVOKE ALL ON FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategyminutes.push(text, bigint, bigint, boolean, text, timestamptz, bytea, text) TO strategyminutes_chair;
