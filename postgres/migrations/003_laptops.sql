-- What laptops need to sync safely.
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

CREATE OR REPLACE VIEW strategyminutes.heads AS
	SELECT v.meeting_id, v.revision FROM strategyminutes.versions v
	WHERE NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.parent = v.revision OR c.merges = v.revision);

-- Signed-off minutes carry their seal: the SHA-256 of the minutes'
-- interchange encoding (meeting.SyncSeal), the same on every laptop. After
-- sign-off a version either amends the minutes (a reason, a new seal) or
-- keeps the seal of the version it follows (follow-ups only: an action
-- done, the conference held, the minutes sent), and always follows the
-- latest version: a laptop whose signed-off minutes were rewritten, or
-- whose history forked from the server's, is refused at its next sync.
CREATE OR REPLACE FUNCTION strategyminutes.signed_off_only_amended() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	latest bigint;
	latest_seal text;
	sealed boolean;
BEGIN
	-- One writer of a meeting at a time, so that two amendments cannot
	-- both be made from the same latest version (a lock that needs no
	-- right on the table, which a chair lacks for FOR UPDATE).
	PERFORM pg_advisory_xact_lock(hashtextextended(NEW.meeting_id::text, 0));
	IF NEW.signed_off AND coalesce(NEW.seal, '') !~ '^[0-9a-f]{64}$' THEN
		RAISE EXCEPTION 'strategy minutes: signed-off minutes need their seal' USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.merges IS NOT NULL AND NOT EXISTS (SELECT 1 FROM strategyminutes.versions o
			WHERE o.revision = NEW.merges AND o.meeting_id = NEW.meeting_id) THEN
		RAISE EXCEPTION 'strategy minutes: a version merges only a version of its own meeting' USING ERRCODE = 'check_violation';
	END IF;
	IF NEW.parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM strategyminutes.versions o
			WHERE o.revision = NEW.parent AND o.meeting_id = NEW.meeting_id) THEN
		RAISE EXCEPTION 'strategy minutes: a version follows only a version of its own meeting' USING ERRCODE = 'check_violation';
	END IF;
	SELECT bool_or(signed_off), max(revision) INTO sealed, latest
		FROM strategyminutes.versions WHERE meeting_id = NEW.meeting_id;
	IF NOT coalesce(sealed, false) THEN
		IF NEW.amendment_reason IS NOT NULL THEN
			RAISE EXCEPTION 'strategy minutes: only signed-off minutes are amended' USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END IF;
	SELECT seal INTO latest_seal FROM strategyminutes.versions WHERE revision = latest;
	IF NOT NEW.signed_off OR NEW.parent IS DISTINCT FROM latest OR NEW.merges IS NOT NULL
		OR (NEW.amendment_reason IS NULL AND NEW.seal IS DISTINCT FROM latest_seal)
		OR (NEW.amendment_reason IS NOT NULL AND NEW.seal IS NOT DISTINCT FROM latest_seal) THEN
		RAISE EXCEPTION 'strategy minutes: the minutes are signed off: only an amendment (signed off, with a reason and a new seal, made from the latest version) or a follow-up (the same seal) may follow'
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END
$$;
