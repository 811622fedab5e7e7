-- What laptops need to sync safely.
--
-- A meeting's id is the interchange's: a UUID for meetings made in the
-- app, but any text for records brought in from elsewhere
-- ("legacy-2019-0042"), so text, as the laptops hold it. The views and the
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
ALTER TABLE strategyminutes.meetings ADD CONSTRAINT meetings_id_text CHECK (id <> '' AND length(id) <= 100);
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

CREATE VIEW strategyminutes.current AS
	SELECT DISTINCT ON (meeting_id) * FROM strategyminutes.versions ORDER BY meeting_id, revision DESC;
GRANT SELECT ON strategyminutes.current TO strategyminutes_chair, strategyminutes_admin;
CREATE VIEW strategyminutes.report_meetings AS
	SELECT meeting_id, held_at, signed_off FROM strategyminutes.current;
GRANT SELECT ON strategyminutes.report_meetings TO strategyminutes_analyst;

CREATE VIEW strategyminutes.heads AS
	SELECT v.meeting_id, v.revision FROM strategyminutes.versions v
	WHERE NOT EXISTS (SELECT 1 FROM strategyminutes.versions c WHERE c.parent = v.revision OR c.merges = v.revision);
GRANT SELECT ON strategyminutes.heads TO strategyminutes_chair, strategyminutes_admin;

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
