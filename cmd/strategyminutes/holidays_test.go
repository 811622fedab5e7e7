package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The holidays command shows the calendar, imports gov.uk's list (refusing
// a file that is not one, and keeping the list it had), and the minutes'
// conference due date follows the list imported.
func TestHolidays(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	rich := filepath.Join("..", "..", "meeting", "testdata", "example.json")
	if code, _, stderr := cli(t, "--db", db, "import", rich); code != exitOK {
		t.Fatal(stderr)
	}
	code, stdout, stderr := cli(t, "--db", db, "holidays")
	if code != exitOK || !strings.Contains(stdout, "Bank holidays: the built-in days") || !strings.Contains(stdout, "Next bank holidays:\n  ") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	dueIn := func() string {
		out := filepath.Join(t.TempDir(), "m.pdf")
		if code, _, stderr := cli(t, "--db", db, "export-pdf", "--meeting", "b7e4d2a0-5c1f-4e9a-8d3b-2f6a9c0e1d57", "--out", out); code != exitOK {
			t.Fatal(stderr)
		}
		return strings.Join(strings.Fields(pdfToText(t, out)), " ")
	}
	if text := dueIn(); !strings.Contains(text, "due by 31 March 2026") {
		t.Fatalf("the built-in calendar's due date is not printed:\n%s", text)
	}

	// gov.uk's list for 2026, with a day proclaimed on 16 March.
	days := []string{"2026-01-01", "2026-03-16", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}
	var events []string
	for _, d := range days {
		events = append(events, `{"title":"A bank holiday","date":"`+d+`","notes":"","bunting":true}`)
	}
	list := filepath.Join(dir, "bank-holidays.json")
	os.WriteFile(list, []byte(`{"england-and-wales":{"division":"england-and-wales","events":[`+strings.Join(events, ",")+`]}}`), 0o600)
	code, stdout, stderr = cli(t, "--db", db, "holidays", "--import", list)
	if code != exitOK || !strings.Contains(stdout, "gov.uk's list for 2026 to 2026") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	if text := dueIn(); !strings.Contains(text, "due by 1 April 2026") {
		t.Errorf("the imported day does not move the due date:\n%s", text)
	}

	// A file that is not the list is refused, naming what is wrong, and the
	// list imported stays.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"england-and-wales":{"events":[{"title":"Amelia Kowalczyk","date":"16/03/2026"}]}}`), 0o600)
	code, stdout, stderr = cli(t, "--db", db, "holidays", "--import", bad)
	if code != exitError || !strings.Contains(stderr, "events[0].date is not a date") || strings.Contains(stderr, "Amelia") {
		t.Errorf("a bad list: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, _ := cli(t, "--db", db, "holidays", "--import", list, "--built-in"); code != exitUsage {
		t.Errorf("--import with --built-in: exit %d", code)
	}
	if text := dueIn(); !strings.Contains(text, "due by 1 April 2026") {
		t.Error("a refused list changed the calendar")
	}
	code, stdout, _ = cli(t, "--db", db, "holidays", "--built-in")
	if code != exitOK || !strings.Contains(stdout, "the built-in days") {
		t.Errorf("--built-in: exit %d\n%s", code, stdout)
	}
	if text := dueIn(); !strings.Contains(text, "due by 31 March 2026") {
		t.Error("--built-in kept the imported list")
	}
}
