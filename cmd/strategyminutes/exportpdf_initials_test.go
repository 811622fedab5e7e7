package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"strategyminutes/storage"
)

// export-pdf --initials says, field by field, what the copy hid, and which
// words that may be names it left, without a name.
func TestExportPDFInitialsSaysWhatChanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	if code, _, stderr := cli(t, "--db", path, "import", example); code != exitOK {
		t.Fatal(stderr)
	}
	noNames := func(out string) {
		t.Helper()
		for _, name := range []string{"Amelia", "Jakub", "Kowalczyk", "May ", "14/09/2016"} {
			if strings.Contains(out, name) {
				t.Errorf("the command printed %q:\n%s", name, out)
			}
		}
	}

	code, stdout, stderr := cli(t, "--db", path, "export-pdf", "--meeting", exampleID, "--out", filepath.Join(dir, "a.pdf"), "--initials")
	if code != exitOK {
		t.Fatal(stderr)
	}
	for _, want := range []string{
		"What the copy changed in the text:\n",
		"  Reason for the meeting: 2 children's names replaced\n",
		"  Attendee 3, Note: 1 child's name replaced\n",
		"  Children's views (recorded together): 1 child's name replaced\n",
		"  Decision 1, Rationale: 1 child's name replaced\n",
		"  Action 1, Action: 1 child's name replaced\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "left as written") {
		t.Errorf("nothing was left, yet:\n%s", stdout)
	}
	noNames(stdout)

	// A child called May, a date of birth and an NHS number in the text.
	ctx := context.Background()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.Meeting(ctx, exampleID)
	if err != nil {
		t.Fatal(err)
	}
	m.Children[1].Name = "May Kowalczyk"
	m.Reason = "In May 2026 May said she was scared. Amelia, DOB 14/09/2016, NHS number 943 476 5919."
	if err := db.Amend(ctx, m, "The younger child's name corrected"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, stdout, stderr = cli(t, "--db", path, "export-pdf", "--meeting", exampleID, "--out", "-", "--initials")
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") {
		t.Fatalf("exit %d: %.20q %s", code, stdout, stderr)
	}
	for _, want := range []string{
		"  Reason for the meeting: 2 children's names, 1 date of birth and 1 NHS number replaced; 1 word that may be a name left as written\n",
		"1 word that is a name of the family and also an everyday word (such as a month) was read as the word and left as written: check it",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	noNames(stderr)

	// The full copy says nothing of the kind.
	code, stdout, _ = cli(t, "--db", path, "export-pdf", "--meeting", exampleID, "--out", filepath.Join(dir, "full.pdf"))
	if code != exitOK || strings.Contains(stdout, "changed in the text") {
		t.Errorf("full copy: exit %d, %s", code, stdout)
	}
}
