package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// sealedFixture is a database with the example meetings (one signed off,
// one draft), an amendment and a few events, closed; it returns its path
// and the signed-off meeting.
func sealedFixture(t *testing.T) (string, *meeting.Meeting) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	importPaths(t, db, examplePath)
	signed, _ := db.Meeting(ctx, exampleMeetings(t)[0].ID)
	changed := signed.Clone()
	changed.Consent.ParentsViews = "Mother agrees with the plan."
	if err := db.Amend(ctx, changed, "mother's views added"); err != nil {
		t.Fatal(err)
	}
	db.Record(ctx, EventExportPDF, signed.ID, "minutes")
	db.Record(ctx, EventBackup, "", "")
	if err := db.Verify(ctx); err != nil {
		t.Fatalf("a database the app wrote does not verify: %v", err)
	}
	db.Close()
	return path, signed
}

// tamper runs SQL on the file directly, as the sqlite3 shell would.
func tamper(t *testing.T, path string, statements ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range statements {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// Every change made outside the app to a signed-off meeting, a draft or
// the audit log is named by Verify.
func TestTamperingIsNamed(t *testing.T) {
	const signedID = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"
	const signedRow = "(SELECT rowid FROM meetings WHERE id = '" + signedID + "')"
	tests := []struct {
		name       string
		statements []string
		want       string // in the message
	}{
		{"reason", []string{"UPDATE meetings SET reason = 'Something else' WHERE id = '" + signedID + "'"}, "SM-2025-00412"},
		{"signer", []string{"UPDATE meetings SET signed_off_by = 'Someone Else' WHERE id = '" + signedID + "'"}, "SM-2025-00412"},
		{"decision", []string{"UPDATE decisions SET outcome = 'nfa' WHERE meeting = " + signedRow}, "SM-2025-00412"},
		{"attendance", []string{"UPDATE attendees SET attendance = 'attended' WHERE meeting = " + signedRow}, "SM-2025-00412"},
		{"a child removed", []string{"DELETE FROM decision_children WHERE meeting = " + signedRow, "DELETE FROM children WHERE meeting = " + signedRow + " AND position = 1"}, "SM-2025-00412"},
		{"the amendment's reason", []string{"UPDATE amendments SET reason = 'typo'"}, "do not match their seal"},
		{"the amendment removed", []string{"DELETE FROM amendments"}, "do not match their seal"},
		{"its audit rows removed", []string{"DELETE FROM audit WHERE meeting = '" + signedID + "'"}, "audit entry"},
		{"the last entries removed", []string{"DELETE FROM audit WHERE id >= (SELECT max(id) - 2 FROM audit)"}, "SM-2025-00412"},
		{"an audit entry edited", []string{"UPDATE audit SET who = 'Someone Else' WHERE id = 1"}, "audit entry 1"},
		{"entries reordered", []string{"UPDATE audit SET id = id + 1000 WHERE id = 1"}, "audit entry"},
		{"sign-off removed", []string{"UPDATE meetings SET signed_off_at = '', signed_off_by = '' WHERE id = '" + signedID + "'"}, "now a draft"},
		{"the meeting deleted", []string{"DELETE FROM meetings WHERE id = '" + signedID + "'"}, "no deletion is recorded"},
		{"a trigger that hides exports", []string{"CREATE TRIGGER evil AFTER INSERT ON audit WHEN new.event = 'export' BEGIN DELETE FROM audit WHERE id = new.id; END"}, "trigger evil"},
		{"an index dropped", []string{"DROP INDEX audit_meeting"}, "removed outside the app: index audit_meeting"},
		{"a draft edited", []string{"UPDATE meetings SET reason = 'x' WHERE id = 'legacy-2019-0042'"}, "legacy-2019-0042"},
		{"a draft's child renamed", []string{"UPDATE children SET name = 'x' WHERE meeting = (SELECT rowid FROM meetings WHERE id = 'legacy-2019-0042')"}, "checksum"},
		{"a signed-off meeting with its checksum made again", []string{
			"UPDATE meetings SET reason = 'Something else' WHERE id = '" + signedID + "'",
			"__rechecksum__"}, "do not match their seal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := sealedFixture(t)
			var statements []string
			for _, s := range tc.statements {
				if s != "__rechecksum__" {
					statements = append(statements, s)
				}
			}
			tamper(t, path, statements...)
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if tc.statements[len(tc.statements)-1] == "__rechecksum__" {
				// The attacker knows the checksum's recipe and writes it again.
				img, _ := readImage(context.Background(), db.sql, signedID)
				db.sql.Exec("UPDATE meetings SET checksum = ? WHERE id = ?", img.checksum(), signedID)
			}
			err = db.Verify(context.Background())
			if !errors.Is(err, ErrTampered) {
				t.Fatalf("Verify: %v, want ErrTampered", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Verify says %q, want it to name %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "Amelia") || strings.Contains(err.Error(), "Someone Else") {
				t.Errorf("Verify's message quotes a record: %q", err)
			}
			// A meeting's rows changed leave its search entries its own.
			if tc.name != "the meeting deleted" && strings.Contains(err.Error(), "entries of no meeting") {
				t.Errorf("Verify blames the search index too: %q", err)
			}
		})
	}
}

// The app's own work always verifies: saves, sign-off, amendments,
// imports, deletion of a draft, a restore.
func TestAppsOwnWorkVerifies(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	ms := fillDemo(t, db, 300, 9)
	draft := exampleMeetings(t)[1]
	for i := range 5 {
		draft.Reason = strings.Repeat("typing ", i)
		if err := db.SaveMeeting(ctx, draft); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteDraft(ctx, draft.ID); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:20] {
		if m.SignedOff() {
			c := m.Clone()
			c.Reason += " (amended)"
			if err := db.Amend(ctx, c, "reason corrected"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// A database from before seals is sealed as it stands when the app is
// updated, and changes show from then on.
func TestMigrationSealsExistingRecords(t *testing.T) {
	path, _ := sealedFixture(t)
	tamper(t, path, dropSeals)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := db.Verify(ctx); err != nil {
		t.Fatalf("after the upgrade: %v", err)
	}
	var seals int
	db.sql.QueryRow(`SELECT count(*) FROM audit WHERE event = ?`, EventSeal).Scan(&seals)
	if seals != 1 {
		t.Errorf("%d seal events, want 1 (one signed-off meeting)", seals)
	}
	db.Close()
	tamper(t, path, "UPDATE meetings SET reason = 'x' WHERE reference = 'SM-2025-00412'")
	db, _ = Open(path)
	defer db.Close()
	if err := db.Verify(ctx); !errors.Is(err, ErrTampered) {
		t.Errorf("a change after the upgrade: %v", err)
	}
}

// Single bit flips in a copy of the database: each one is found by Check
// or Verify, or it changed nothing that the meetings hold (the export is
// byte for byte the same).
func TestBitFlipsAreFoundOrHarmless(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "minutes.db")
	db, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	fillDemo(t, db, 40, 5)
	var want bytes.Buffer
	db.Export(ctx, &want, meeting.Filter{})
	db.Close()
	orig, _ := os.ReadFile(src)
	rng := rand.New(rand.NewPCG(1, 2))
	found, harmless, flips := 0, 0, 120
	for i := range flips {
		b := append([]byte(nil), orig...)
		bit := rng.IntN(len(b)*8-800) + 800 // past the header, whose damage Open refuses
		b[bit/8] ^= 1 << (bit % 8)
		path := filepath.Join(dir, "flip.db")
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := Open(path)
		if err != nil {
			found++
			continue
		}
		if db.Check(ctx) != nil || db.Verify(ctx) != nil {
			found++
			db.Close()
			continue
		}
		var got bytes.Buffer
		_, err = db.Export(ctx, &got, meeting.Filter{})
		db.Close()
		if err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("flip %d (bit %d): not found, and the meetings changed (%v)", i, bit, err)
			continue
		}
		harmless++
	}
	t.Logf("%d flips: %d found, %d changed nothing", flips, found, harmless)
}

// Nothing is written into a database whose check fails: a changed audit
// log stops every write; a meeting changed outside the app is not written
// over.
func TestNoWriteOverTampering(t *testing.T) {
	ctx := context.Background()
	t.Run("audit log", func(t *testing.T) {
		path, _ := sealedFixture(t)
		tamper(t, path, "UPDATE audit SET who = 'Someone Else' WHERE id = 2")
		before, _ := os.ReadFile(path)
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		draft := exampleMeetings(t)[1]
		draft.Reason = "typed after the tampering"
		if err := db.SaveMeeting(ctx, draft); !errors.Is(err, ErrTampered) {
			t.Errorf("save: %v, want ErrTampered", err)
		}
		if err := db.Record(ctx, EventExport, "", "1 meeting"); !errors.Is(err, ErrTampered) {
			t.Errorf("audit: %v, want ErrTampered", err)
		}
		db.Close()
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("the file changed")
		}
	})
	t.Run("search entries", func(t *testing.T) {
		path, _ := sealedFixture(t)
		db, _ := Open(path)
		db.searchReady(ctx)
		db.Close()
		tamper(t, path, "DELETE FROM search_entries WHERE rowid = (SELECT min(rowid) FROM search_entries)")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Record(ctx, EventExport, "", "1 meeting"); !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "search index") {
			t.Errorf("a write over a changed search index: %v", err)
		}
	})
	t.Run("a draft", func(t *testing.T) {
		path, _ := sealedFixture(t)
		tamper(t, path, "UPDATE meetings SET minute_taker = 'x' WHERE id = 'legacy-2019-0042'")
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		draft := exampleMeetings(t)[1]
		draft.Reason = "typed after the tampering"
		if err := db.SaveMeeting(ctx, draft); !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "legacy-2019-0042") {
			t.Errorf("save: %v, want ErrTampered naming the meeting", err)
		}
		// And a change made after the check: the save itself refuses.
		tamper(t, path, "UPDATE meetings SET chair = 'y' WHERE id = 'legacy-2019-0042'")
		db.checked.err = nil
		if err := db.SaveMeeting(ctx, draft); !errors.Is(err, ErrChecksum) {
			t.Errorf("save after the check: %v, want ErrChecksum", err)
		}
		var taker string
		db.sql.QueryRow(`SELECT minute_taker FROM meetings WHERE id = 'legacy-2019-0042'`).Scan(&taker)
		if taker != "x" {
			t.Error("the changed meeting was written over: the evidence is gone")
		}
	})
}

// Rows deleted behind the app's back: a draft with foreign keys off (its
// children's names stay in the file), search entries (the minutes hidden
// from every search).
func TestDeletionsOutsideTheAppShow(t *testing.T) {
	ctx := context.Background()
	for name, tc := range map[string]struct {
		statements []string
		check      func(db *DB) error
		want       string
	}{
		"a draft, foreign keys off": {[]string{"DELETE FROM meetings WHERE id = 'legacy-2019-0042'"}, func(db *DB) error { return db.Check(ctx) }, "belong to no meeting"},
		"a draft with its rows":     {[]string{"PRAGMA foreign_keys = ON", "DELETE FROM meetings WHERE id = 'legacy-2019-0042'"}, func(db *DB) error { return db.Verify(ctx) }, "no deletion is recorded"},
		"the search entries":        {[]string{"DELETE FROM search_entries", "DELETE FROM search_pending"}, func(db *DB) error { return db.Verify(ctx) }, "search index"},
		"an entry renamed":          {[]string{"UPDATE search_entries SET text = 'someone else' WHERE rowid = (SELECT max(rowid) FROM search_entries)"}, func(db *DB) error { return db.Verify(ctx) }, "search index"},
	} {
		t.Run(name, func(t *testing.T) {
			path, _ := sealedFixture(t)
			db, _ := Open(path)
			db.searchReady(ctx) // the entries waiting go into the index, as a search does
			db.Close()
			tamper(t, path, tc.statements...)
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := tc.check(db); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%v, want it to say %q", err, tc.want)
			}
		})
	}
}

// Entries removed from the end of the audit log, which the chain alone
// cannot show, show against the newest automatic backup; a restore from an
// older backup is not taken for a truncation.
func TestTruncatedLogShowsAgainstTheBackup(t *testing.T) {
	ctx := context.Background()
	path, _ := sealedFixture(t)
	db, _ := Open(path)
	if _, err := db.DailyBackup(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Record(ctx, EventExport, "", "2 meetings")
	db.Close()
	tamper(t, path, "DELETE FROM audit WHERE id >= (SELECT max(id) - 3 FROM audit)")
	db, _ = Open(path)
	if err := db.Verify(ctx); !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "since that backup") {
		t.Errorf("a truncated log: %v", err)
	}
	if err := db.Writable(ctx); !errors.Is(err, ErrTampered) {
		t.Errorf("a write into a truncated log: %v", err)
	}
	db.Close()

	// Restored from an older backup: the newer daily backup is ahead, rightly.
	path2, _ := sealedFixture(t)
	older := filepath.Join(t.TempDir(), "older.db")
	db, _ = Open(path2)
	db.Backup(ctx, older)
	db.Record(ctx, EventExport, "", "1 meeting")
	db.DailyBackup(ctx, time.Now())
	db.Close()
	if _, err := Restore(ctx, older, path2); err != nil {
		t.Fatal(err)
	}
	db, _ = Open(path2)
	defer db.Close()
	if err := db.Verify(ctx); err != nil {
		t.Errorf("after a restore from an older backup: %v", err)
	}
}

// An entry taken out of the trigram index with FTS5's own command hides a
// meeting from every search: check names it.
func TestSearchIndexCommandsShow(t *testing.T) {
	ctx := context.Background()
	path, _ := sealedFixture(t)
	db, _ := Open(path)
	db.searchReady(ctx)
	db.Close()
	tamper(t, path, "INSERT INTO search_index (search_index, rowid, text) SELECT 'delete', rowid, text FROM search_entries WHERE rowid = (SELECT min(rowid) FROM search_entries)")
	db, _ = Open(path)
	defer db.Close()
	if err := db.Check(ctx); !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "search index") {
		t.Errorf("check: %v", err)
	}
}

// A meeting with no entry in the audit log was put in outside the app:
// even with the log's chain made again around it, check names it.
func TestMeetingWithoutAuditEntryShows(t *testing.T) {
	ctx := context.Background()
	path, _ := sealedFixture(t)
	tamper(t, path, "DELETE FROM audit WHERE meeting = 'legacy-2019-0042'")
	db, _ := Open(path)
	defer db.Close()
	// The attacker knows the chain's recipe and seals the log again.
	var entries []auditEntry
	rows, _ := db.sql.Query(`SELECT id, at, who, event, meeting, detail, content FROM audit ORDER BY id`)
	for rows.Next() {
		var e auditEntry
		rows.Scan(&e.id, &e.at, &e.who, &e.event, &e.meeting, &e.detail, &e.content)
		entries = append(entries, e)
	}
	rows.Close()
	previous := ""
	for i, e := range entries {
		e.id = int64(i + 1)
		s := e.seal(previous)
		db.sql.Exec(`UPDATE audit SET id = ?, seal = ? WHERE id = ?`, e.id, s, entries[i].id)
		previous = s
	}
	if err := db.Verify(ctx); !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "legacy-2019-0042: it has no entry in the audit log") {
		t.Errorf("verify: %v", err)
	}
}

// A check holds no write lock: another process's save goes in while it
// runs, not after it.
func TestCheckDoesNotHoldSavesBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fillDemo(t, db, 3000, 8)
	other, err := Open(path) // another pool of connections, as another process has
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Writable(ctx); err != nil {
		t.Fatal(err)
	}
	draft := exampleMeetings(t)[1]
	verified := make(chan time.Time, 1)
	started := make(chan struct{})
	go func() {
		close(started)
		db.Verify(ctx)
		verified <- time.Now()
	}()
	<-started
	time.Sleep(30 * time.Millisecond) // the check is reading
	if err := other.SaveMeeting(ctx, draft); err != nil {
		t.Fatal(err)
	}
	saved := time.Now()
	if done := <-verified; !saved.Before(done) {
		t.Errorf("the save waited for the check to end (saved %v after it)", saved.Sub(done))
	}
}

// A damaged or emptied automatic backup does not silently turn off the
// check of the end of the audit log against it.
func TestUnreadableBackupIsSaid(t *testing.T) {
	ctx := context.Background()
	path, _ := sealedFixture(t)
	db, _ := Open(path)
	written, err := db.DailyBackup(ctx, time.Now())
	if err != nil || written == "" {
		t.Fatal(written, err)
	}
	db.Close()
	os.WriteFile(written, nil, 0o600)
	db, _ = Open(path)
	defer db.Close()
	if err := db.Verify(ctx); !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("verify with an emptied backup: %v", err)
	}
}
