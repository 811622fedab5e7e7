package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// followup records what happened after a meeting, signed off or not, and
// the minutes stay as signed off: check passes, and the export carries it.
func TestFollowUpCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	rich := filepath.Join("..", "..", "meeting", "testdata", "example.json")
	if code, _, stderr := cli(t, "--db", db, "import", rich); code != exitOK {
		t.Fatal(stderr)
	}
	const legacy = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13" // SM-2025-00412, signed off, actions without ids
	for _, args := range [][]string{
		{"--meeting", legacy, "--action", "#3", "--done", "2025-06-10"},
		{"--meeting", legacy, "--icpc-not-needed", "The enquiry found no risk of significant harm"},
		{"--meeting", legacy, "--sent-to", "Dr Ayo Bello", "--agency", "health", "--copy", "initials", "--sent-at", "2025-06-05T09:00:00+01:00"},
	} {
		code, stdout, stderr := cli(t, append([]string{"--db", db, "--user", "Priya Raman", "followup"}, args...)...)
		if code != exitOK || !strings.Contains(stdout, "the minutes are unchanged") {
			t.Fatalf("followup %v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	// The same recipient again: nothing is recorded, and it says so.
	code, stdout, _ := cli(t, "--db", db, "followup", "--meeting", legacy, "--sent-to", "Dr Ayo Bello", "--agency", "health", "--copy", "initials", "--sent-at", "2025-06-05T09:00:00+01:00")
	if code != exitOK || !strings.Contains(stdout, "Nothing recorded") {
		t.Errorf("a recipient again: exit %d %s", code, stdout)
	}
	if code, stdout, stderr := cli(t, "--db", db, "check"); code != exitOK {
		t.Fatalf("check after follow-ups: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "export.json")
	if code, _, stderr := cli(t, "--db", db, "export", "--out", out); code != exitOK {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(out)
	// Imported elsewhere, the import says how many follow-ups it recorded.
	other := filepath.Join(dir, "other.db")
	cli(t, "--db", other, "import", rich)
	if code, stdout, stderr := cli(t, "--db", other, "import", out); code != exitOK || !strings.Contains(stdout, "3 follow-ups recorded from the file") {
		t.Errorf("import of follow-ups: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{`"not_needed_reason": "The enquiry found no risk of significant harm"`, `"name": "Dr Ayo Bello"`,
		`"recorded_by": "Priya Raman"`, `"on": "2025-06-10"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the export lacks %s", want)
		}
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--meeting", legacy, "--action", "#3"}, exitUsage, "--done DATE or --open"},
		{[]string{"--meeting", legacy, "--icpc-held", "2025-06-20", "--sent-to", "X"}, exitUsage, "give one of"},
		{[]string{"--meeting", legacy, "--action", "#9", "--done", "2025-06-10"}, exitError, "actions: has no action"},
		{[]string{"--meeting", legacy, "--icpc-held", "2025-06-01"}, exitError, "icpc.held_on: is before the meeting"},
		{[]string{"--meeting", legacy, "--sent-to", "Dr Ayo Bello", "--copy", "most"}, exitError, "copy: unknown copy"},
		{[]string{"--meeting", "no-such-meeting", "--icpc-held", "2025-06-20"}, exitError, "not found"},
		{[]string{"--meeting", legacy, "--icpc-not-needed", "   "}, exitUsage, "needs the reason"},
		{[]string{"--meeting", legacy, "--action", "#3", "--done", "2099-01-01"}, exitError, "done.on: is in the future"},
	} {
		code, stdout, stderr := cli(t, append([]string{"--db", db, "followup"}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "Ayo Bello") {
			t.Errorf("followup %v: exit %d, want %d with %q\n%s%s", tt.args, code, tt.code, tt.want, stdout, stderr)
		}
	}
}

// actions lists the actions not done across meetings, the overdue first,
// and drops one marked done by a follow-up.
func TestActionsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	rich := filepath.Join("..", "..", "meeting", "testdata", "example.json")
	if code, _, stderr := cli(t, "--db", db, "import", rich); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, "--db", db, "actions")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != exitOK || len(lines) != 4 || !strings.HasPrefix(lines[1], "2025-06-06  overdue") || !strings.Contains(lines[1], "#3") ||
		!strings.HasPrefix(lines[2], "2026-03-12  overdue") || lines[3] != "2 of 2 actions not done." {
		t.Fatalf("actions: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := cli(t, "--db", db, "actions", "--agency", "health"); code != exitOK || !strings.Contains(stdout, "1 of 1 action not done.") {
		t.Errorf("health's actions:\n%s", stdout)
	}
	if code, _, stderr := cli(t, "--db", db, "actions", "--agency", "nhs"); code != exitUsage || !strings.Contains(stderr, "health") {
		t.Errorf("an unknown agency: exit %d %s", code, stderr)
	}
	const legacy = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"
	if code, _, stderr := cli(t, "--db", db, "followup", "--meeting", legacy, "--action", "#3", "--done", "2025-06-09"); code != exitOK {
		t.Fatal(stderr)
	}
	if _, stdout, _ := cli(t, "--db", db, "actions"); !strings.Contains(stdout, "1 of 1 action not done.") || strings.Contains(stdout, "#3") {
		t.Errorf("after the follow-up:\n%s", stdout)
	}
}
