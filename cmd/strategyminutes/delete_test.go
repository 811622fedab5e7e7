package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"strategyminutes/storage"
)

const draftID = "legacy-2019-0042" // the draft in example.json

func TestDeleteUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	cli(t, "--db", db, "import", example)
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"listed in help", []string{"help"}, exitOK, "delete     --meeting ID"},
		{"help says not to name the child", []string{"help"}, exitOK, "never name the child"},
		{"command help", []string{"delete", "-h"}, exitOK, "do not name the child"},
		{"no meeting", []string{"--db", db, "delete", "--reason", "x"}, exitUsage, "--meeting ID is required"},
		{"extra argument", []string{"--db", db, "delete", "--meeting", draftID, "more"}, exitUsage, `unexpected argument "more"`},
		{"bad ground", []string{"--db", db, "delete", "--meeting", exampleID, "--reason", "recorded by mistake", "--ground", "whim"}, exitUsage, "--ground is"},
		{"unknown id", []string{"--db", db, "delete", "--meeting", "no-such-id"}, exitError, `no meeting has the id "no-such-id"`},
		{"signed off, no reason", []string{"--db", db, "delete", "--meeting", exampleID}, exitError, "only with a reason (--reason TEXT); nothing was deleted. The audit log keeps the reason for good"},
		{"signed off, short reason", []string{"--db", db, "delete", "--meeting", exampleID, "--reason", "oops"}, exitError, "at least 10 characters"},
		{"retention not over", []string{"--db", db, "delete", "--meeting", exampleID, "--reason", "our schedule says so", "--ground", "retention"}, exitError, "retention period of these minutes is not over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
				t.Errorf("exit %d, want %d; output:\n%s%s\nwant it to contain %q", code, tt.code, stdout, stderr, tt.out)
			}
		})
	}
	if code, out, _ := cli(t, "--db", db, "list"); code != exitOK || !strings.Contains(out, exampleID) || !strings.Contains(out, draftID) {
		t.Errorf("refused deletes changed the list:\n%s", out)
	}
}

// An id that is not shaped like one (a name typed by mistake) is not
// repeated.
func TestDeleteNeverEchoesAName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	cli(t, "--db", db, "import", example)
	code, stdout, stderr := cli(t, "--db", db, "delete", "--meeting", "Amelia Kowalczyk")
	if code != exitError || strings.Contains(stdout+stderr, "Amelia") || !strings.Contains(stderr, "no meeting has that id") {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
}

// Signed-off minutes go with a reason, a draft without; the audit log has
// the reference and the reason, and no byte of the child's name is left
// in the database or its write-ahead log.
func TestDeleteCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	cli(t, "--db", db, "import", example)
	if code, _, stderr := cli(t, "--db", db, "backup", "--out", filepath.Join(dir, "before.db")); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, "--db", db, "--user", "Priya Raman", "delete", "--meeting", exampleID,
		"--reason", "Recorded against the wrong referral; the right minutes are SM-2025-00413")
	if code != exitOK || stdout != "Deleted the meeting SM-2025-00412 (signed off); the audit log records who, when and why.\n" || stderr != "" {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = cli(t, "--db", db, "delete", "--meeting", draftID)
	if code != exitOK || !strings.HasPrefix(stdout, "Deleted the meeting "+draftID+" (draft); the audit log records who and when.") {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	if code, out, _ := cli(t, "--db", db, "list"); code != exitOK || strings.Contains(out, exampleID) || strings.Contains(out, draftID) {
		t.Errorf("list after the deletes:\n%s", out)
	}
	var audit bytes.Buffer
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.WriteAuditCSV(context.Background(), &audit); err != nil {
		t.Fatal(err)
	}
	store.Close()
	log := audit.String()
	for _, want := range []string{
		`Priya Raman,delete_signed_off,` + exampleID + `,"reference ""SM-2025-00412""; ground mistake; reason ""Recorded against the wrong referral; the right minutes are SM-2025-00413"""`,
		`,delete,` + draftID + `,no reference`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("audit log lacks %s:\n%s", want, log)
		}
	}
	for _, name := range []string{"Kowalczyk", "kowalczyk", "Hương", "hương"} {
		if strings.Contains(log, name) {
			t.Errorf("the audit log holds %q", name)
		}
		for _, path := range []string{db, db + "-wal"} {
			b, err := os.ReadFile(path)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(name)) {
				t.Errorf("%s still holds %q", path, name)
			}
		}
	}
	if code, _, stderr := cli(t, "--db", db, "check"); code != exitOK {
		t.Errorf("check after the deletes: %s", stderr)
	}
}

// The command refuses a reason that names the child of the meeting, so
// that the audit log never keeps it.
func TestDeleteReasonNamingTheChildIsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	cli(t, "--db", db, "import", example)
	for _, reason := range []string{"Amelia Kowalczyk CS204817 2016-09-14", "recorded for AMELIA by mistake", "the wrong Kowalczyk family"} {
		code, _, stderr := cli(t, "--db", db, "delete", "--meeting", exampleID, "--reason", reason)
		if code != exitError || !strings.Contains(stderr, "names a child") {
			t.Errorf("%q: exit %d %s", reason, code, stderr)
		}
	}
	if code, out, _ := cli(t, "--db", db, "list"); code != exitOK || !strings.Contains(out, "SM-2025-00412") {
		t.Error("the minutes were deleted")
	}
	if _, out, _ := cli(t, "--db", db, "audit"); strings.Contains(out, "Amelia") || strings.Contains(out, "Kowalczyk") {
		t.Error("a refused reason is in the audit log")
	}
}
