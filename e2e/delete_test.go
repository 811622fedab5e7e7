package e2e

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/storage"
)

// Signed-off minutes are deleted by keyboard alone: Space on "Delete these
// minutes…" opens the dialog on its first ground, unticked (the Space's
// character must not tick it); Escape keeps them; Space ticks the ground,
// the reason is typed, Tab past "Keep the minutes" to the delete button and
// Enter deletes them. The audit log has the reason and the reference, and
// the database none of the children's names.
func TestDeleteSignedOffByKeyboard(t *testing.T) {
	s := newScreen(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "minutes.db")
	imp := exec.Command(binary, "--db", db, "import", "../meeting/testdata/example-v1.json")
	imp.Env = append(os.Environ(), "LANG=en_GB.UTF-8")
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import: %v: %s", err, out)
	}
	a := startApp(t, s, db, t.TempDir())
	open := func() {
		a.typeText("SM-2025-00412") // the list's search has the cursor
		time.Sleep(500 * time.Millisecond)
		a.tabs(4)        // the dates, the status: the table
		a.keys("Return") // opens the meeting
		time.Sleep(500 * time.Millisecond)
		a.keys("ctrl+Prior") // Sign-off: "Amend the minutes…"
		// After the meeting: the conference, its button, the minutes sent,
		// its button; Reconvene; then "Delete these minutes…", last.
		a.tabs(6)
		a.keys("space") // the dialog, on the first ground
		time.Sleep(300 * time.Millisecond)
	}
	open()
	a.screenshot("delete-signed-off-dialog")
	a.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	if n := count(t, db); n != 2 {
		t.Fatalf("%d meetings after Escape, want 2", n)
	}
	a.keys("space") // "Delete these minutes…" still has the cursor
	time.Sleep(300 * time.Millisecond)
	a.keys("space") // ticks "Recorded by mistake"
	a.keys("Tab")   // the retention ground is disabled: the reason
	a.typeText("Recorded against the wrong referral; see SM-2025-00413")
	a.keys("Return") // Enter in the reason deletes nothing
	time.Sleep(300 * time.Millisecond)
	if n := count(t, db); n != 2 {
		t.Fatalf("%d meetings after Enter in the reason, want 2", n)
	}
	a.keys("Tab", "Tab") // "Keep the minutes", "Delete the minutes"
	a.screenshot("delete-signed-off-ready")
	a.keys("Return")
	time.Sleep(700 * time.Millisecond)
	a.screenshot("delete-signed-off-done")
	if n := count(t, db); n != 1 {
		t.Fatalf("%d meetings after Enter on the delete button, want 1 (was the ground ticked before Space?)", n)
	}
	a.keys("Return") // OK
	a.quit()
	ms := meetings(t, db)
	if len(ms) != 1 || ms[0].SignedOff() {
		t.Fatalf("%d meetings after the delete, want the draft only", len(ms))
	}
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	events, err := store.AuditLog(context.Background(), "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13", 1)
	if err != nil || len(events) != 1 || events[0].Who != "e2e" ||
		events[0].Detail != `reference "SM-2025-00412"; ground mistake; reason "Recorded against the wrong referral; see SM-2025-00413"` {
		t.Errorf("audit log: %+v %v", events, err)
	}
	for _, path := range []string{db, db + "-wal"} {
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), "Kowalczyk") {
			t.Errorf("%s still holds the children's name", path)
		}
	}
}

// count reads how many meetings are stored while the app runs, read-only,
// as peek does.
func count(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM meetings").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
