package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/postgres"
	"strategyminutes/postgres/pgtest"
	"strategyminutes/storage"
)

// syncServer makes a server database with server init, and returns its
// name.
func syncServer(t *testing.T) string {
	t.Helper()
	pgtest.Need(t, cluster)
	name := cluster.NewDatabase(context.Background(), t)
	if code, stdout, stderr := cli(t, "server", "init", "--server", cluster.SuperURL(name)); code != exitOK {
		t.Fatalf("server init: %d %s %s", code, stdout, stderr)
	}
	return name
}

// laptop is a chair's database, with the demo meetings of seed imported
// as real ones (n of them; none for 0).
func laptop(t *testing.T, n int, seed uint64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "minutes.db")
	mustOpen(t, path).Close()
	if n > 0 {
		importInto(t, path, demo.Generate(n, seed))
	}
	return path
}

// syncAs runs sync on the laptop's database as the login at url.
func syncAs(t *testing.T, path, url string) (int, string, string) {
	t.Helper()
	return cli(t, "sync", "--db", path, "--server", url)
}

// mustSync syncs and fails t unless it succeeded.
func mustSync(t *testing.T, path, url string) string {
	t.Helper()
	code, stdout, stderr := syncAs(t, path, url)
	if code != exitOK {
		t.Fatalf("sync: exit %d: %s %s", code, stdout, stderr)
	}
	return stdout
}

// exported is the laptop's meetings in the interchange format.
func exported(t *testing.T, path string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.json")
	if code, stdout, stderr := cli(t, "export", "--db", path, "--out", out); code != exitOK {
		t.Fatalf("export: %d %s %s", code, stdout, stderr)
	}
	return readFile(t, out)
}

// mustOpen opens the database at path, or fails t.
func mustOpen(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// onLaptop opens the laptop's database for fn, and closes it.
func onLaptop(t *testing.T, path string, fn func(db *storage.DB)) {
	t.Helper()
	db := mustOpen(t, path)
	defer db.Close()
	fn(db)
}

// pick returns the first of the laptop's meetings that ok takes.
func pick(t *testing.T, path string, ok func(m *meeting.Meeting) bool) *meeting.Meeting {
	t.Helper()
	var found *meeting.Meeting
	onLaptop(t, path, func(db *storage.DB) {
		ms, err := db.Meetings(context.Background(), meeting.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if ok(m) {
				found = m
				return
			}
		}
	})
	if found == nil {
		t.Fatal("no such meeting among the demo meetings")
	}
	return found
}

// openActions counts a meeting's actions that are neither done nor
// dropped.
func openActions(m *meeting.Meeting) int {
	n := 0
	for _, a := range m.Actions {
		if !a.Closed() {
			n++
		}
	}
	return n
}

// openAction is the key of the meeting's n-th open action.
func openAction(m *meeting.Meeting, n int) string {
	for i, a := range m.Actions {
		if !a.Closed() {
			if n == 0 {
				return m.ActionKey(i)
			}
			n--
		}
	}
	return ""
}

// meetingsOn counts the laptop's meetings.
func meetingsOn(t *testing.T, path string) int {
	t.Helper()
	n := 0
	onLaptop(t, path, func(db *storage.DB) {
		var err error
		if n, err = db.Count(context.Background(), meeting.Filter{}); err != nil {
			t.Fatal(err)
		}
	})
	return n
}

// date reads a date, or fails t.
func date(t *testing.T, s string) meeting.Date {
	t.Helper()
	d, err := meeting.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Two chairs' laptops sync through the server: each ends with every
// meeting, byte for byte the same; a sync with nothing changed moves
// nothing; a draft edited, signed off, amended and followed up on one
// laptop reaches the other as such, seal and all, and both pass check.
func TestSyncTwoLaptops(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	a, b := laptop(t, 30, 1), laptop(t, 20, 2)

	if out := mustSync(t, a, alice); !strings.Contains(out, "0 versions pulled") || !strings.Contains(out, "30 meetings pushed") {
		t.Errorf("alice's first sync: %s", out)
	}
	if out := mustSync(t, b, bob); !strings.Contains(out, "30 versions pulled (30 new, 0 updated), 20 meetings pushed") {
		t.Errorf("bob's first sync: %s", out)
	}
	if out := mustSync(t, a, alice); !strings.Contains(out, "20 new") || !strings.Contains(out, "0 meetings pushed") {
		t.Errorf("alice's second sync: %s", out)
	}
	if out := mustSync(t, b, bob); !strings.Contains(out, "0 versions pulled") || !strings.Contains(out, "0 meetings pushed") {
		t.Errorf("a sync with nothing changed: %s", out)
	}
	if ea, eb := exported(t, a), exported(t, b); !bytes.Equal(ea, eb) || bytes.Count(ea, []byte(`"reference"`)) < 50 {
		t.Fatalf("the laptops hold different meetings after sync (%d and %d bytes)", len(ea), len(eb))
	}

	// Alice's draft, edited on her laptop, reaches Bob's.
	ctx := context.Background()
	draft := pick(t, a, func(m *meeting.Meeting) bool { return !m.SignedOff() && openActions(m) > 0 && len(m.Children) > 0 })
	onLaptop(t, a, func(db *storage.DB) {
		draft.Reason = "Edited on Alice's laptop after the first sync."
		if err := db.SaveMeeting(ctx, draft); err != nil {
			t.Fatal(err)
		}
	})
	if out := mustSync(t, a, alice); !strings.Contains(out, "1 meeting pushed") {
		t.Errorf("the edit: %s", out)
	}
	if out := mustSync(t, b, bob); !strings.Contains(out, "1 version pulled (0 new, 1 updated)") {
		t.Errorf("the edit reaching bob: %s", out)
	}
	onLaptop(t, b, func(db *storage.DB) {
		if m, err := db.Meeting(ctx, draft.ID); err != nil || m.Reason != draft.Reason {
			t.Errorf("bob's copy of the edited draft: %v", err)
		}
	})

	// Signed off, then amended, then an action done: each reaches Bob.
	onLaptop(t, a, func(db *storage.DB) {
		m, _ := db.Meeting(ctx, draft.ID)
		m.SignedOffAt, m.SignedOffBy = time.Now().UTC().Truncate(time.Second), "Alice Chair"
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	})
	mustSync(t, a, alice)
	mustSync(t, b, bob)
	onLaptop(t, a, func(db *storage.DB) {
		m, _ := db.Meeting(ctx, draft.ID)
		m.Reason = "Amended on Alice's laptop: a date was wrong."
		if err := db.Amend(ctx, m, "The referral date was wrong"); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordFollowUp(ctx, m.ID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: openAction(m, 0), On: date(t, "2026-11-30")}); err != nil {
			t.Fatal(err)
		}
	})
	if out := mustSync(t, a, alice); !strings.Contains(out, "1 meeting pushed") {
		t.Errorf("the amendment and follow-up: %s", out)
	}
	mustSync(t, b, bob)
	onLaptop(t, b, func(db *storage.DB) {
		m, err := db.Meeting(ctx, draft.ID)
		if err != nil || !m.SignedOff() || m.Reason != "Amended on Alice's laptop: a date was wrong." || openActions(m) != openActions(draft)-1 {
			t.Fatalf("bob's copy: %v", err)
		}
		as, err := db.Amendments(ctx, draft.ID)
		if err != nil || len(as) != 1 || as[0].Reason != "The referral date was wrong" {
			t.Errorf("bob's amendments: %+v %v", as, err)
		}
		if _, err := db.MinutesSeal(ctx, draft.ID); err != nil {
			t.Errorf("bob's copy does not match its seal: %v", err)
		}
	})
	for _, path := range []string{a, b} {
		if code, stdout, stderr := cli(t, "check", "--db", path); code != exitOK {
			t.Errorf("check: %d %s %s", code, stdout, stderr)
		}
	}
	if ea, eb := exported(t, a), exported(t, b); !bytes.Equal(ea, eb) {
		t.Errorf("the laptops differ after the amendment and follow-up")
	}

	// Amended twice more before the next sync: each amendment reaches Bob
	// as one, the minutes between them with their seal (a PDF of them may
	// have gone to partners), and the follow-ups untouched.
	for _, reason := range []string{"The chair's name was misspelt", "A decision's rationale was incomplete"} {
		onLaptop(t, a, func(db *storage.DB) {
			m, _ := db.Meeting(ctx, draft.ID)
			m.Reason += " " + reason + "."
			if err := db.Amend(ctx, m, reason); err != nil {
				t.Fatal(err)
			}
		})
	}
	if out := mustSync(t, a, alice); !strings.Contains(out, "1 meeting pushed") {
		t.Errorf("two amendments: %s", out)
	}
	if out := mustSync(t, b, bob); !strings.Contains(out, "2 versions pulled") {
		t.Errorf("bob's sync of two amendments: %s", out)
	}
	onLaptop(t, b, func(db *storage.DB) {
		as, err := db.Amendments(ctx, draft.ID)
		if err != nil || len(as) != 3 || as[1].Reason != "The chair's name was misspelt" || as[2].Reason != "A decision's rationale was incomplete" {
			t.Errorf("bob's amendments: %+v %v", as, err)
		}
		// The second took the reason as the first left it.
		if len(as) == 3 && (len(as[2].Changes) != 1 || !strings.HasSuffix(as[2].Changes[0].Before, "misspelt.") || !strings.HasSuffix(as[2].Changes[0].After, "incomplete.")) {
			t.Errorf("bob's second amendment is not made from the minutes between: %+v", as[2].Changes)
		}
		m, _ := db.Meeting(ctx, draft.ID)
		if openActions(m) != openActions(draft)-1 {
			t.Errorf("the action done was lost on the way: %d open", openActions(m))
		}
	})
	for _, path := range []string{a, b} {
		if code, stdout, stderr := cli(t, "check", "--db", path); code != exitOK {
			t.Errorf("check: %d %s %s", code, stdout, stderr)
		}
		if out := mustSync(t, path, alice); !strings.Contains(out, "0 meetings pushed") {
			t.Errorf("a rerun: %s", out)
		}
	}
	if ea, eb := exported(t, a), exported(t, b); !bytes.Equal(ea, eb) {
		t.Errorf("the laptops differ after two amendments")
	}
}

// What the server's rules refuse is refused, said, and kept on the laptop:
// another chair's meeting changed here; signed-off minutes rewritten
// outside the app. A sample database never syncs, and a laptop syncs with
// one server only.
func TestSyncRefuses(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	a, b := laptop(t, 30, 1), laptop(t, 0, 0)
	mustSync(t, a, alice)
	mustSync(t, b, bob)
	ctx := context.Background()
	theirs := pick(t, b, func(m *meeting.Meeting) bool { return !m.SignedOff() })
	onLaptop(t, b, func(db *storage.DB) {
		theirs.Reason = "Bob changed Alice's draft."
		if err := db.SaveMeeting(ctx, theirs); err != nil {
			t.Fatal(err)
		}
	})
	code, stdout, stderr := syncAs(t, b, bob)
	if code != exitError || !strings.Contains(stderr, "created by another chair's login") || !strings.Contains(stderr, theirs.ID) ||
		strings.Contains(stdout+stderr, "Bob changed") {
		t.Errorf("bob pushes alice's draft: %d %s %s", code, stdout, stderr)
	}
	onLaptop(t, b, func(db *storage.DB) {
		if m, _ := db.Meeting(ctx, theirs.ID); m.Reason != "Bob changed Alice's draft." {
			t.Error("bob's words were lost")
		}
	})
	// Alice changes it too: Bob's laptop keeps both; he takes hers, and
	// his laptop settles on it with nothing more refused.
	onLaptop(t, a, func(db *storage.DB) {
		m, _ := db.Meeting(ctx, theirs.ID)
		m.Reason = "Alice's own change."
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	})
	mustSync(t, a, alice)
	if code, stdout, stderr := syncAs(t, b, bob); code != exitError || !strings.Contains(stdout, theirs.ID) {
		t.Errorf("bob's sync after alice's change: %d %s %s", code, stdout, stderr)
	}
	if code, stdout, stderr := cli(t, "conflicts", "--db", b, "--meeting", theirs.ID, "--keep", "theirs"); code != exitOK {
		t.Fatalf("take alice's: %d %s %s", code, stdout, stderr)
	}
	if out := mustSync(t, b, bob); strings.Contains(out, "changed both") {
		t.Errorf("bob's sync after taking alice's version: %s", out)
	}
	if out := mustSync(t, b, bob); !strings.Contains(out, "0 meetings pushed") {
		t.Errorf("bob's laptop does not settle: %s", out)
	}
	if !bytes.Equal(exported(t, a), exported(t, b)) {
		t.Error("the laptops differ")
	}

	sample := filepath.Join(t.TempDir(), "sample.db")
	cli(t, "demo", "--db", sample, "--meetings", "3")
	if code, _, stderr := syncAs(t, sample, alice); code != exitError || !strings.Contains(stderr, "sample") {
		t.Errorf("a sample database syncs: %d %s", code, stderr)
	}
	other := syncServer(t)
	if code, _, stderr := syncAs(t, a, cluster.Login(t, other, postgres.RoleChair, "alice")); code != exitError || !strings.Contains(stderr, "another partnership server") {
		t.Errorf("a laptop syncs with a second server: %d %s", code, stderr)
	}
}

// A laptop whose signed-off minutes were rewritten (here: a database made
// again with other words under the same id, every checksum and seal
// consistent, so that check passes, then given the first laptop's sync
// state) is refused by the server at its next sync, and the server's copy
// is untouched: its history does not extend the server's.
func TestSyncRefusesRewrittenMinutes(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	a := laptop(t, 12, 1)
	mustSync(t, a, alice)
	ctx := context.Background()
	signed := pick(t, a, func(m *meeting.Meeting) bool { return m.SignedOff() })
	rewritten := *signed
	rewritten.Reason = "Rewritten outside the app."
	forged := laptop(t, 0, 0)
	onLaptop(t, forged, func(db *storage.DB) {
		_, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error { return fn(&rewritten) })
		if err != nil {
			t.Fatal(err)
		}
	})
	if code, stdout, stderr := cli(t, "check", "--db", forged); code != exitOK {
		t.Fatalf("check of the rewritten laptop: %d %s %s", code, stdout, stderr)
	}
	raw, err := sql.Open("sqlite3", "file:"+forged)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`ATTACH DATABASE ? AS a`, "file:"+a); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO settings SELECT * FROM a.settings WHERE key LIKE 'sync.%'`,
		`INSERT INTO sync_state (meeting, revision, token, seal, amendment)
			SELECT m.rowid, s.revision, 'taken from the other laptop', s.seal, 0 FROM a.sync_state s
			JOIN a.meetings am ON am.rowid = s.meeting JOIN meetings m ON m.id = am.id`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	code, stdout, stderr := syncAs(t, forged, alice)
	if code != exitError || !strings.Contains(stderr, "signed off on the server") || !strings.Contains(stderr, signed.ID) {
		t.Errorf("the rewritten minutes: %d %s %s", code, stdout, stderr)
	}
	// Nor can the chair's login rewrite them on the server by hand, as a
	// "follow-up" that keeps the seal: the engine checks the minutes.
	for _, forge := range []string{
		`INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, held_at, payload, seal, minutes)
			SELECT '\x01'::bytea, meeting_id, revision, true, held_at,
				convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{reason}', '"Rewritten on the server."')::text, 'UTF8'), seal, minutes
			FROM strategyminutes.current WHERE meeting_id = $1 AND $2 <> ''`,
		`INSERT INTO strategyminutes.versions (entry, meeting_id, parent, signed_off, held_at, payload, seal, minutes)
			SELECT '\x01'::bytea, meeting_id, revision, true, '2030-01-01', payload, seal, minutes FROM strategyminutes.current WHERE meeting_id = $1 AND $2 <> ''`,
	} {
		conn, err := pgx.Connect(ctx, alice)
		if err != nil {
			t.Fatal(err)
		}
		_, err = conn.Exec(ctx, forge, signed.ID, signed.Reason)
		conn.Close(ctx)
		if err == nil {
			t.Errorf("the server took signed-off minutes rewritten by hand: %s", forge)
		}
	}
	b := laptop(t, 0, 0)
	mustSync(t, b, cluster.Login(t, server, postgres.RoleChair, "bob"))
	onLaptop(t, b, func(db *storage.DB) {
		if m, err := db.Meeting(ctx, signed.ID); err != nil || m.Reason != signed.Reason {
			t.Errorf("the server's copy changed: %v", err)
		}
	})
}

// One chair on two laptops changes the same draft on both: both versions
// are kept on both laptops and on the server, nothing overwritten. Follow-
// ups recorded on both for the same signed-off minutes merge, with no
// conflict.
func TestSyncConflictKeepsBoth(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	one, two := laptop(t, 30, 1), laptop(t, 0, 0)
	mustSync(t, one, alice)
	mustSync(t, two, alice)
	ctx := context.Background()
	var draftID, signedID string
	edit := func(path, reason string) {
		onLaptop(t, path, func(db *storage.DB) {
			m, err := db.Meeting(ctx, draftID)
			if err != nil {
				t.Fatal(err)
			}
			m.Reason = reason
			if err := db.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
		})
	}
	draftID = pick(t, one, func(m *meeting.Meeting) bool { return !m.SignedOff() }).ID
	signed := pick(t, one, func(m *meeting.Meeting) bool { return m.SignedOff() && openActions(m) > 1 })
	signedID = signed.ID
	edit(one, "Typed on the first laptop.")
	edit(two, "Typed on the second laptop.")
	done := func(path string, action int) {
		onLaptop(t, path, func(db *storage.DB) {
			if err := db.RecordFollowUp(ctx, signedID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: openAction(signed, action), On: date(t, "2026-12-01")}); err != nil {
				t.Fatal(err)
			}
		})
	}
	done(one, 0)
	done(two, 1)

	mustSync(t, one, alice)
	if out := mustSync(t, two, alice); !strings.Contains(out, "1 meeting changed both here and on another laptop") || !strings.Contains(out, draftID) {
		t.Errorf("the second laptop: %s", out)
	}
	if out := mustSync(t, one, alice); !strings.Contains(out, draftID) {
		t.Errorf("the first laptop, again: %s", out)
	}
	for path, mine := range map[string]string{one: "Typed on the first laptop.", two: "Typed on the second laptop."} {
		onLaptop(t, path, func(db *storage.DB) {
			m, _ := db.Meeting(ctx, draftID)
			if m.Reason != mine {
				t.Errorf("a laptop's own words were overwritten")
			}
			cs, err := db.SyncConflicts(ctx)
			if err != nil || len(cs) != 1 || cs[0].MeetingID != draftID || cs[0].Theirs.Reason == mine || !strings.HasPrefix(cs[0].Theirs.Reason, "Typed on the") {
				t.Errorf("the other laptop's version is not kept beside it: %+v %v", cs, err)
			}
			s, _ := db.Meeting(ctx, signedID)
			if openActions(s) != openActions(signed)-2 {
				t.Errorf("follow-ups on both laptops did not merge: %d actions open, want %d", openActions(s), openActions(signed)-2)
			}
		})
	}
	// A rerun changes nothing more.
	for _, path := range []string{one, two} {
		if out := mustSync(t, path, alice); !strings.Contains(out, "0 meetings pushed") {
			t.Errorf("rerun: %s", out)
		}
	}

	// The chair settles it on the first laptop, keeping its words; the
	// next syncs bring the second laptop to them, and the server to one
	// head.
	if code, stdout, stderr := cli(t, "conflicts", "--db", one); code != exitOK || !strings.Contains(stdout, draftID) || !strings.Contains(stdout, "1 conflict.") {
		t.Errorf("conflicts: %d %s %s", code, stdout, stderr)
	}
	if code, stdout, stderr := cli(t, "conflicts", "--db", one, "--meeting", draftID, "--keep", "mine"); code != exitOK || !strings.Contains(stdout, "Settled") {
		t.Fatalf("settle: %d %s %s", code, stdout, stderr)
	}
	if out := mustSync(t, one, alice); !strings.Contains(out, "1 meeting pushed") || strings.Contains(out, "changed both") {
		t.Errorf("the first laptop's sync after settling: %s", out)
	}
	if out := mustSync(t, two, alice); strings.Contains(out, "changed both") {
		t.Errorf("the second laptop's sync after settling: %s", out)
	}
	for _, path := range []string{one, two} {
		onLaptop(t, path, func(db *storage.DB) {
			m, _ := db.Meeting(ctx, draftID)
			cs, _ := db.SyncConflicts(ctx)
			if m.Reason != "Typed on the first laptop." || len(cs) != 0 {
				t.Errorf("after settling: %q, %d conflicts", m.Reason, len(cs))
			}
		})
	}
	if ea, eb := exported(t, one), exported(t, two); !bytes.Equal(ea, eb) {
		t.Error("the laptops differ after the conflict was settled")
	}
	// A laptop that pulls both heads and the settlement sees no conflict.
	third := laptop(t, 0, 0)
	if out := mustSync(t, third, alice); strings.Contains(out, "changed both") {
		t.Errorf("a third laptop's sync reports a conflict settled before it: %s", out)
	}
	if code, stdout, _ := cli(t, "conflicts", "--db", third); code != exitOK || !strings.Contains(stdout, "No conflicts") {
		t.Errorf("a third laptop after the settlement: %s", stdout)
	}
	if !bytes.Equal(exported(t, third), exported(t, one)) {
		t.Error("a third laptop differs after the settlement")
	}
	heads, _ := countOn(t, cluster.SuperURL(server), `SELECT count(*) FROM strategyminutes.heads h JOIN strategyminutes.versions v USING (revision) WHERE v.meeting_id = $1`, draftID)
	if heads != 1 {
		t.Errorf("the server holds %d heads of the settled meeting, want 1", heads)
	}

	// A version pulled while the meeting is open in the window's editor
	// is kept beside it, never written under the chair's typing.
	edit(two, "Typed on the second laptop again.")
	mustSync(t, two, alice)
	onLaptop(t, one, func(db *storage.DB) {
		db.HoldForEditing(draftID)
		s, err := postgres.Open(ctx, alice)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		res, err := meeting.Sync(ctx, db, s)
		if err != nil || len(res.Conflicts) != 1 {
			t.Errorf("sync with the meeting open: %+v %v", res, err)
		}
		if m, _ := db.Meeting(ctx, draftID); m.Reason != "Typed on the first laptop." {
			t.Error("a pulled version was written under the open editor")
		}
	})
	if code, stdout, stderr := cli(t, "conflicts", "--db", one, "--meeting", draftID, "--keep", "theirs"); code != exitOK {
		t.Fatalf("take theirs: %d %s %s", code, stdout, stderr)
	}
	mustSync(t, one, alice)
	mustSync(t, two, alice)
	if ea, eb := exported(t, one), exported(t, two); !bytes.Equal(ea, eb) || !bytes.Contains(ea, []byte("Typed on the second laptop again.")) {
		t.Error("the laptops differ after taking the other laptop's version")
	}
}

// countOn runs a count on the server at url.
func countOn(t *testing.T, url, query string, args ...any) (int, error) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, query, args...).Scan(&n)
	return n, err
}

// Meetings brought in from elsewhere keep their ids, which need not be
// UUIDs ("legacy-2019-0042"): they sync like any other.
func TestSyncLegacyIDs(t *testing.T) {
	server := syncServer(t)
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	b := laptop(t, 0, 0)
	if code, stdout, stderr := cli(t, "import", "--db", b, "../../meeting/testdata/example.json"); code != exitOK {
		t.Fatalf("import: %d %s %s", code, stdout, stderr)
	}
	if out := mustSync(t, b, bob); !strings.Contains(out, "3 meetings pushed") {
		t.Errorf("sync: %s", out)
	}
	other := laptop(t, 0, 0)
	mustSync(t, other, cluster.Login(t, server, postgres.RoleChair, "carol"))
	if !bytes.Equal(exported(t, b), exported(t, other)) {
		t.Error("the legacy meetings did not arrive whole")
	}
}

// A meeting the server's administrator deletes everywhere goes from every
// laptop at its next sync, its text erased from the file, the audit log
// saying who deleted it and on what ground; nothing else is touched.
func TestSyncDeletesEverywhere(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	admin := cluster.Login(t, server, postgres.RoleAdmin, "adam")
	a, b := laptop(t, 30, 1), laptop(t, 0, 0)
	mustSync(t, a, alice)
	mustSync(t, b, bob)
	gone := pick(t, a, func(m *meeting.Meeting) bool { return m.SignedOff() && len(m.Reason) > 30 })
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `BEGIN; SET LOCAL strategyminutes.ground = 'mistake'; DELETE FROM strategyminutes.meetings WHERE id = '`+gone.ID+`'; COMMIT`)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{a, b} {
		if out := mustSync(t, path, map[string]string{a: alice, b: bob}[path]); !strings.Contains(out, "1 meeting deleted everywhere") {
			t.Errorf("sync after the deletion: %s", out)
		}
		if n := meetingsOn(t, path); n != 29 {
			t.Errorf("%d meetings left, want 29", n)
		}
		if file := readFile(t, path); bytes.Contains(file, []byte(gone.Reason)) {
			t.Error("the deleted meeting's text is still in the file")
		}
		code, stdout, _ := cli(t, "audit", "--db", path)
		if code != exitOK || !strings.Contains(stdout, "deleted everywhere on the server by adam_") || !strings.Contains(stdout, "ground mistake") {
			t.Errorf("the audit log does not say who deleted it and why: %d", code)
		}
		if code, stdout, stderr := cli(t, "check", "--db", path); code != exitOK {
			t.Errorf("check: %d %s %s", code, stdout, stderr)
		}
	}
	if !bytes.Equal(exported(t, a), exported(t, b)) {
		t.Error("the laptops differ after the deletion")
	}
	// A chair cannot delete, nor record a deletion.
	if code, _ := countOn(t, alice, `SELECT count(*) FROM strategyminutes.deletions`); code != 1 {
		t.Errorf("a chair reads %d deletions, want 1", code)
	}
}

// An action opened again on one laptop is open again on the other: the
// laptop that had not changed the meeting takes the newer version whole.
func TestSyncFollowUpOpenedAgain(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	one, two := laptop(t, 30, 1), laptop(t, 0, 0)
	mustSync(t, one, alice)
	mustSync(t, two, alice)
	signed := pick(t, one, func(m *meeting.Meeting) bool { return m.SignedOff() && openActions(m) > 0 })
	action := openAction(signed, 0)
	if code, stdout, stderr := cli(t, "followup", "--db", one, "--meeting", signed.ID, "--action", action, "--done", "2026-11-30"); code != exitOK {
		t.Fatalf("done: %d %s %s", code, stdout, stderr)
	}
	mustSync(t, one, alice)
	mustSync(t, two, alice)
	if code, stdout, stderr := cli(t, "followup", "--db", two, "--meeting", signed.ID, "--action", action, "--open"); code != exitOK {
		t.Fatalf("open again: %d %s %s", code, stdout, stderr)
	}
	mustSync(t, two, alice)
	mustSync(t, one, alice)
	if m := pick(t, one, func(m *meeting.Meeting) bool { return m.ID == signed.ID }); openActions(m) != openActions(signed) {
		t.Errorf("the action opened again on the second laptop is still done on the first")
	}
	if !bytes.Equal(exported(t, one), exported(t, two)) {
		t.Error("the laptops differ")
	}
}

// A meeting deleted on a laptop is not put back there by another chair's
// change to it.
func TestSyncKeepsALocalDeletion(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	a, b := laptop(t, 30, 1), laptop(t, 0, 0)
	mustSync(t, a, alice)
	mustSync(t, b, bob)
	draft := pick(t, b, func(m *meeting.Meeting) bool { return !m.SignedOff() })
	if code, stdout, stderr := cli(t, "delete", "--db", b, "--meeting", draft.ID); code != exitOK {
		t.Fatalf("delete: %d %s %s", code, stdout, stderr)
	}
	onLaptop(t, a, func(db *storage.DB) {
		m, _ := db.Meeting(context.Background(), draft.ID)
		m.Reason = "Changed by its chair after the other laptop deleted its copy."
		if err := db.SaveMeeting(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	})
	mustSync(t, a, alice)
	mustSync(t, b, bob)
	onLaptop(t, b, func(db *storage.DB) {
		if _, err := db.Meeting(context.Background(), draft.ID); err == nil {
			t.Error("the meeting deleted here came back with the next sync")
		}
	})
}
