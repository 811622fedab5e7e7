package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dirState is every file of dir with its bytes, to show that a refused
// command changed nothing.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	state := map[string]string{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			state[path] = string(b)
		} else if info.Mode()&os.ModeSymlink != 0 {
			state[path] = "symlink"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return state
}

// TestOutputsNeverReplaceTheDatabase points every command that writes a
// file at the database, its companions and backups, by every kind of path,
// and checks that each is refused with a clear message and that no byte of
// the folder changed.
func TestOutputsNeverReplaceTheDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "minutes.db")
	if code, _, stderr := cli(t, "--db", db, "import", example); code != exitOK {
		t.Fatal(stderr)
	}
	other := filepath.Join(dir, "other.db") // another Strategy Minutes database
	cli(t, "--db", other, "import", example)
	// Another database's -wal and journal hold its saves: SQLite's magic numbers.
	os.WriteFile(filepath.Join(dir, "foreign.db-wal"), []byte{0x37, 0x7f, 0x06, 0x82, 0, 0x2d, 0xe2, 0x18}, 0o600)
	os.WriteFile(filepath.Join(dir, "foreign.db-journal"), []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}, 0o600)
	if code, _, stderr := cli(t, "--db", db, "backup", "--out", filepath.Join(dir, "data", "backups", "minutes-2026-01-01.db")); code != exitError {
		t.Errorf("backup into the backups folder: %d %s", code, stderr)
	}
	os.MkdirAll(filepath.Join(dir, "data", "backups"), 0o700)
	// An automatic backup: a copy of the database as it is now.
	os.WriteFile(filepath.Join(dir, "data", "backups", "minutes-2026-01-02.db"), readFile(t, db), 0o600)
	os.Symlink(db, filepath.Join(dir, "link.json"))
	os.Link(db, filepath.Join(dir, "hardlink.json"))
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("a chair's own notes"), 0o600)
	meetingID := "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"

	targets := []string{
		db,
		filepath.Join(dir, "data", "..", "data", "minutes.db"),
		filepath.Join(dir, "data", "minutes.db-wal"),
		filepath.Join(dir, "data", "minutes.db-shm"),
		filepath.Join(dir, "data", "minutes.db-journal"),
		filepath.Join(dir, "data", "minutes.db.lock"),
		filepath.Join(dir, "data", "backups"),
		filepath.Join(dir, "data", "backups", "minutes-2026-01-02.db"),
		filepath.Join(dir, "data", "backups", "new.json"),
		filepath.Join(dir, "link.json"),
		filepath.Join(dir, "hardlink.json"),
		other,
		filepath.Join(dir, "foreign.db-wal"),
		filepath.Join(dir, "foreign.db-journal"),
		filepath.Join(dir, "notes.txt"),
	}
	commands := [][]string{
		{"export", "--out"},
		{"audit", "--out"},
		{"report", "--out"},
		{"report", "--format", "csv", "--out"},
		{"report", "--format", "json", "--out"},
		{"report", "--format", "pdf", "--out"},
		{"report", "--format", "xlsx", "--out"},
		{"export-pdf", "--meeting", meetingID, "--out"},
		{"backup", "--out"},
	}
	before := dirState(t, dir)
	for _, c := range commands {
		for _, target := range targets {
			args := append(append([]string{"--db", db}, c...), target)
			code, stdout, stderr := cli(t, args...)
			name := strings.Join(c, " ") + " " + strings.TrimPrefix(target, dir)
			if code != exitError {
				t.Errorf("%s: exit %d, want %d (%s%s)", name, code, exitError, stdout, stderr)
				continue
			}
			if !strings.Contains(stderr, "never written over") && !strings.Contains(stderr, "left as it is") &&
				!strings.Contains(stderr, "folder") && !strings.Contains(stderr, "exists") {
				t.Errorf("%s: unclear message %q", name, stderr)
			}
		}
	}
	after := dirState(t, dir)
	for path, b := range before {
		if strings.HasPrefix(path, db) || strings.HasPrefix(path, other) {
			continue // SQLite's own files move as it works; checked below
		}
		if after[path] != b {
			t.Errorf("%s changed", path)
		}
	}
	if code, out, stderr := cli(t, "--db", db, "check"); code != exitOK || !strings.Contains(out, "sound: 2 meetings") {
		t.Errorf("the database after the attempts: %s %s", out, stderr)
	}
	if _, out, _ := cli(t, "--db", db, "audit"); strings.Contains(out, ",export,") || strings.Contains(out, ",backup,") {
		t.Errorf("a refused command was recorded as done:\n%s", out)
	}
	// --force replaces a file of another kind, never the database.
	if code, _, stderr := cli(t, "--db", db, "export", "--force", "--out", filepath.Join(dir, "notes.txt")); code != exitOK {
		t.Errorf("--force on a text file: %s", stderr)
	}
	for _, p := range []string{db, filepath.Join(dir, "foreign.db-wal"), filepath.Join(dir, "foreign.db-journal")} {
		if code, _, _ := cli(t, "--db", db, "export", "--force", "--out", p); code != exitError {
			t.Errorf("--force replaced %s", p)
		}
	}
	// An export of the same kind replaces the last one.
	out := filepath.Join(dir, "week.json")
	for i := 0; i < 2; i++ {
		if code, _, stderr := cli(t, "--db", db, "export", "--out", out); code != exitOK {
			t.Errorf("export %d over an export: %s", i, stderr)
		}
	}
	if code, _, stderr := cli(t, "--db", db, "export-pdf", "--meeting", meetingID, "--out", out); code != exitError || !strings.Contains(stderr, "is not a PDF") {
		t.Errorf("a PDF over an export: %d %s", code, stderr)
	}
}

// A symbolic link to a folder, swapped between a safe folder and the
// database's while exports run, never sends an export onto the database:
// the folder is opened once and the file written and renamed within it.
func TestOutputThroughASwappedFolderLink(t *testing.T) {
	dir := t.TempDir()
	dbDir, safe := filepath.Join(dir, "R"), filepath.Join(dir, "safe")
	os.MkdirAll(safe, 0o700)
	db := filepath.Join(dbDir, "minutes.db")
	if code, _, stderr := cli(t, "--db", db, "import", example); code != exitOK {
		t.Fatal(stderr)
	}
	link := filepath.Join(dir, "x")
	os.Symlink(safe, link)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			target := safe
			if i%2 == 1 {
				target = dbDir
			}
			tmp := link + ".new"
			os.Remove(tmp)
			os.Symlink(target, tmp)
			os.Rename(tmp, link) // atomic: x is always a link to one or the other
		}
	}()
	for i := 0; i < 300; i++ {
		cli(t, "--db", db, "export", "--out", filepath.Join(link, "minutes.db"))
		if head := readFile(t, db); len(head) < 16 || string(head[:15]) != "SQLite format 3" {
			close(stop)
			<-done
			t.Fatalf("attempt %d: the database was replaced by an export", i)
		}
		os.Remove(filepath.Join(safe, "minutes.db"))
		// A backup named as the database's journal: never beside it, and
		// no copy of the database left there either.
		cli(t, "--db", db, "backup", "--out", filepath.Join(link, "minutes.db-journal"))
		entries, _ := os.ReadDir(dbDir)
		for _, e := range entries {
			if n := e.Name(); n != "minutes.db" && n != "minutes.db-wal" && n != "minutes.db-shm" {
				close(stop)
				<-done
				t.Fatalf("attempt %d: a backup left %s beside the database", i, n)
			}
		}
		os.Remove(filepath.Join(safe, "minutes.db-journal"))
	}
	close(stop)
	<-done
	if code, out, stderr := cli(t, "--db", db, "check"); code != exitOK {
		t.Errorf("check: %s %s", out, stderr)
	}
}

// Standard output opened on the database ("export --out - 1<>minutes.db")
// is refused before anything is written.
func TestStandardOutputOnTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "minutes.db")
	cli(t, "--db", db, "import", example)
	before := readFile(t, db)
	for _, args := range [][]string{{"export", "--out", "-"}, {"audit"}, {"report", "--format", "json"}, {"list"}} {
		f, err := os.OpenFile(db, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		code := run(context.Background(), append([]string{"--db", db}, args...), f, &stderr)
		f.Close()
		if code != exitError || !strings.Contains(stderr.String(), "standard output is the database") {
			t.Errorf("%v: exit %d %s", args, code, stderr.String())
		}
	}
	if after := readFile(t, db); string(after) != string(before) {
		t.Error("the database changed")
	}
}
