package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const example = "../../meeting/testdata/example-v1.json"

// cli runs the command line as a user would, returning the exit status and
// what it printed.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{"help", []string{"help"}, exitOK, "Commands:"},
		{"-h", []string{"-h"}, exitOK, "Commands:"},
		{"command help", []string{"export", "-h"}, exitOK, "-out"},
		{"version", []string{"version"}, exitOK, "strategyminutes "},
		{"unknown command", []string{"--db", db, "frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"unknown flag", []string{"--db", db, "list", "--colour"}, exitUsage, "flag provided but not defined"},
		{"bad date", []string{"--db", db, "list", "--from", "2025-13-01"}, exitUsage, `--from: "2025-13-01" is not a date`},
		{"reversed period", []string{"--db", db, "export", "--out", "x", "--from", "2025-05-01", "--to", "2025-04-01"}, exitUsage, "before --from"},
		{"import nothing", []string{"--db", db, "import"}, exitUsage, "at least one file"},
		{"export without out", []string{"--db", db, "export"}, exitUsage, "--out FILE is required"},
		{"demo zero", []string{"--db", db, "demo", "--meetings", "0"}, exitUsage, "--meetings"},
		{"missing file", []string{"--db", db, "import", "nope.json"}, exitError, "nope.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
				t.Errorf("exit %d, want %d; output:\n%s%s\nwant it to contain %q", code, tt.code, stdout, stderr, tt.out)
			}
		})
	}
}

func TestImportListExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	code, stdout, stderr := cli(t, "import", "--db", db, example)
	if code != exitOK || !strings.Contains(stdout, "2 added") {
		t.Fatalf("import: %d %s %s", code, stdout, stderr)
	}
	t.Setenv(dbEnv, db) // the environment variable names the database too
	code, stdout, _ = cli(t, "list", "--search", "kowalczyk")
	if code != exitOK || !strings.Contains(stdout, "SM-2025-00412") || !strings.Contains(stdout, "Health") || !strings.Contains(stdout, "1 of 1 meeting.") {
		t.Errorf("list: %d\n%s", code, stdout)
	}
	out := filepath.Join(dir, "out.json")
	code, stdout, stderr = cli(t, "export", "--out", out, "--from", "2025-06-03", "--to", "2025-06-03")
	if code != exitOK || !strings.Contains(stdout, "Exported 1 meeting") {
		t.Fatalf("export: %d %s %s", code, stdout, stderr)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("export file mode: %v %v", info.Mode(), err)
	}
	if !bytes.Contains(readFile(t, out), []byte(`"id": "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"`)) {
		t.Error("export lacks the meeting")
	}
}

// One invalid meeting among many: the import is refused, the error names the
// meeting and field, and the database file is not changed.
func TestInvalidImportChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	if code, _, stderr := cli(t, "--db", db, "demo", "--meetings", "30", "--seed", "7"); code != exitOK {
		t.Fatal(stderr)
	}
	exported := filepath.Join(dir, "all.json")
	if code, _, stderr := cli(t, "--db", db, "export", "--out", exported); code != exitOK {
		t.Fatal(stderr)
	}
	// Spoil the agency of one attendee in one meeting, far into the file.
	data := readFile(t, exported)
	at := bytes.LastIndex(data, []byte(`"agency": "police"`))
	spoiled := append(append(append([]byte{}, data[:at]...), []byte(`"agency": "polise"`)...), data[at+len(`"agency": "police"`):]...)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, spoiled, 0o600)

	fresh := filepath.Join(dir, "fresh.db")
	cli(t, "--db", fresh, "import", example)
	before := readFile(t, fresh)
	code, _, stderr := cli(t, "--db", fresh, "import", bad)
	if code != exitError {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"nothing was imported", "bad.json: line ", "meetings[", `(id "`, `agency: unknown agency (did you mean "police"?)`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("error lacks %q:\n%s", want, stderr)
		}
	}
	if !bytes.Equal(before, readFile(t, fresh)) {
		t.Error("the database file changed")
	}
}

func TestDemoExportImportExportIsIdentical(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	if code, _, stderr := cli(t, "--db", a, "demo", "--meetings", "200", "--seed", "3"); code != exitOK {
		t.Fatal(stderr)
	}
	first, second := filepath.Join(dir, "1.json"), filepath.Join(dir, "2.json")
	cli(t, "--db", a, "export", "--out", first)
	if code, stdout, stderr := cli(t, "--db", b, "import", first); code != exitOK || !strings.Contains(stdout, "200 added") {
		t.Fatalf("import: %s %s", stdout, stderr)
	}
	cli(t, "--db", b, "export", "--out", second)
	if !bytes.Equal(readFile(t, first), readFile(t, second)) {
		t.Error("export, import, export gave different files")
	}
	// The same seed again changes nothing.
	if code, stdout, _ := cli(t, "--db", a, "demo", "--meetings", "200", "--seed", "3"); code != exitOK || !strings.Contains(stdout, "200 unchanged") {
		t.Errorf("demo again: %s", stdout)
	}
}

func TestRefusesNewerDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newer.db")
	// A valid header of ours with user_version 99, as a newer app would leave it.
	header := make([]byte, 100)
	copy(header, "SQLite format 3\x00")
	header[63] = 99
	copy(header[68:], []byte{0x53, 0x4D, 0x49, 0x4E})
	os.WriteFile(path, header, 0o600)
	code, _, stderr := cli(t, "--db", path, "list")
	if code != exitError || !strings.Contains(stderr, "newer version") || !strings.Contains(stderr, "update Strategy Minutes") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if !bytes.Equal(header, readFile(t, path)) {
		t.Error("the file changed")
	}
}

func TestDemoRefusesRealDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "real.db")
	cli(t, "--db", db, "import", example)
	before := readFile(t, db)
	code, _, stderr := cli(t, "--db", db, "demo", "--meetings", "5")
	if code != exitError || !strings.Contains(stderr, "holds real records") || !strings.Contains(stderr, "separate sample database") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if !bytes.Equal(before, readFile(t, db)) {
		t.Error("the real database changed")
	}
}

// The same ids with different content: signed-off meetings are conflicts,
// reported rather than silently skipped.
func TestConflictsAreReported(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sample.db")
	cli(t, "--db", db, "demo", "--meetings", "40", "--seed", "1")
	code, stdout, stderr := cli(t, "--db", db, "demo", "--meetings", "3", "--seed", "1")
	if code != exitOK || !strings.Contains(stdout, "not imported (conflicts)") || !strings.Contains(stderr, "left as they are") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestBackupCheckRestoreAudit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	backup := filepath.Join(dir, "backup.db")
	cli(t, "--db", db, "import", example)
	if code, out, stderr := cli(t, "--db", db, "backup", "--out", backup); code != exitOK || !strings.Contains(out, "Backed up") {
		t.Fatalf("backup: %s %s", out, stderr)
	}
	if code, out, _ := cli(t, "--db", db, "check"); code != exitOK || !strings.Contains(out, "is sound: 2 meetings") {
		t.Errorf("check: %s", out)
	}
	if _, out, _ := cli(t, "--db", db, "audit"); !strings.Contains(out, ",backup,") {
		t.Errorf("the backup is not in the audit log:\n%s", out)
	}
	cli(t, "--db", db, "export", "--out", filepath.Join(dir, "x.json"))
	code, out, stderr := cli(t, "--db", db, "restore", backup)
	if code != exitOK || !strings.Contains(out, "kept at") {
		t.Fatalf("restore: %s %s", out, stderr)
	}
	code, out, _ = cli(t, "--db", db, "audit")
	for _, want := range []string{"at,who,event,meeting,detail", ",import,6f1c2b9e", ",restore,"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("audit lacks %q:\n%s", want, out)
		}
	}
	// The backup holds the log as it was: not the backup's own event, nor the export after it.
	if strings.Contains(out, ",export,") || strings.Contains(out, ",backup,") {
		t.Error("the restored audit log has an event from after the backup")
	}
	os.WriteFile(filepath.Join(dir, "bad.db"), []byte("not a backup"), 0o600)
	if code, _, stderr := cli(t, "--db", db, "restore", filepath.Join(dir, "bad.db")); code != exitError || !strings.Contains(stderr, "nothing was replaced") {
		t.Errorf("bad backup: %d %s", code, stderr)
	}
}

func TestUserNamesTheAuditLog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	cli(t, "--db", db, "--user", "Mark Benson", "import", example)
	t.Setenv(userEnv, "Priya Raman")
	cli(t, "--db", db, "export", "--out", filepath.Join(t.TempDir(), "x.json"))
	_, out, _ := cli(t, "--db", db, "audit")
	if !strings.Contains(out, ",Mark Benson,import,") || !strings.Contains(out, ",Priya Raman,export,") {
		t.Errorf("audit log:\n%s", out)
	}
}
