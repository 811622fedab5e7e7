package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A -wal left by a killed process replays without a word; one damaged in
// its middle, which SQLite would replay only up to the damage and then
// reuse, is kept aside, byte for byte, and the open says so.
func TestDamagedLogIsKeptAside(t *testing.T) {
	t.Run("whole", func(t *testing.T) {
		dir, dbPath, _, old, _ := restoreFixture(t)
		db, err := Open(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		n := countOpen(t, db)
		if db.Warning() != "" || n != old {
			t.Errorf("a whole log: warning %q, %d meetings, want none and %d", db.Warning(), n, old)
		}
		db.Close()
		if kept, _ := filepath.Glob(filepath.Join(dir, "*unreplayed*")); len(kept) != 0 {
			t.Errorf("kept %v", kept)
		}
	})
	t.Run("damaged", func(t *testing.T) {
		dir, dbPath, _, old, _ := restoreFixture(t)
		wal, _ := os.ReadFile(dbPath + "-wal")
		dropped, replayed, err := walDamage(dbPath + "-wal")
		if err != nil || dropped != 0 || replayed == 0 {
			t.Fatalf("the fixture's log: %d dropped, %d replayed, %v", dropped, replayed, err)
		}
		wal[len(wal)/3] ^= 0x10 // a byte of a frame in the middle
		os.WriteFile(dbPath+"-wal", wal, 0o600)
		db, err := Open(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if !strings.Contains(db.Warning(), "cannot replay") {
			t.Errorf("warning %q", db.Warning())
		}
		kept, _ := filepath.Glob(filepath.Join(dir, "minutes.db-wal.unreplayed-*"))
		if len(kept) != 1 {
			t.Fatalf("kept %v", kept)
		}
		if b, _ := os.ReadFile(kept[0]); !bytes.Equal(b, wal) {
			t.Error("the kept log is not the damaged one byte for byte")
		}
		if info, _ := os.Stat(kept[0]); info.Mode().Perm() != 0o600 {
			t.Errorf("kept log mode %v", info.Mode())
		}
		if n := countOpen(t, db); n >= old {
			t.Logf("%d meetings of %d replayed", n, old)
		}
	})
	t.Run("twice in a second", func(t *testing.T) {
		// Two crashes in the same second: each damaged log is kept, and
		// the second open is not refused for the first one's copy.
		dir, dbPath, _, _, _ := restoreFixture(t)
		wal, _ := os.ReadFile(dbPath + "-wal")
		wal[len(wal)/3] ^= 0x10
		os.WriteFile(dbPath+"-wal", wal, 0o600)
		for range 2 {
			os.WriteFile(dbPath+"-wal", wal, 0o600)
			if _, err := keepDamagedLog(dbPath); err != nil {
				t.Fatal(err)
			}
		}
		if kept, _ := filepath.Glob(filepath.Join(dir, "minutes.db-wal.unreplayed-*")); len(kept) != 2 {
			t.Errorf("kept %v, want two copies", kept)
		}
	})
}

func countOpen(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow("SELECT count(*) FROM meetings").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
