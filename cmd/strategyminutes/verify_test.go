package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"strategyminutes/pdf"
	"strategyminutes/storage"
)

// A partner's PDF of signed-off minutes can be checked against the
// database by its seal: it matches until the minutes are amended, and never
// once they have been changed outside the app.
func TestVerifyACopyBySeal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	cli(t, "--db", db, "import", example)
	copy1 := filepath.Join(dir, "minutes.pdf")
	if code, _, stderr := cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", copy1); code != exitOK {
		t.Fatal(stderr)
	}
	text := pdfToText(t, copy1)
	seal := regexp.MustCompile(`Seal ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})`).FindStringSubmatch(text)
	if seal == nil {
		t.Fatalf("the PDF prints no seal:\n%s", text)
	}
	code, out, stderr := cli(t, "--db", db, "verify", copy1)
	if code != exitOK || !strings.Contains(out, seal[1]) || !strings.Contains(out, "SM-2025-00412") {
		t.Fatalf("verify the PDF: %d %s %s", code, out, stderr)
	}
	// A copy changed after export, or a file made up around the seal, is
	// not vouched for, though it carries the seal.
	doc := readFile(t, copy1)
	changed := bytes.Replace(doc, []byte("/Producer"), []byte("/Producex"), 1)
	forged := []byte("%PDF-1.3\n1 0 obj << /Keywords (" + pdf.SealKeyword + seal[1] + ") >> endobj\n%%EOF\n")
	for name, b := range map[string][]byte{"changed.pdf": changed, "forged.pdf": forged} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o600)
		if code, _, stderr := cli(t, "--db", db, "verify", p); code != exitError || !strings.Contains(stderr, "not a file exported") {
			t.Errorf("verify %s: %d %s", name, code, stderr)
		}
	}
	typed := strings.ToLower(strings.ReplaceAll(seal[1], "-", " ")) // as someone might type it
	if code, out, stderr := cli(t, "--db", db, "verify", "--seal", typed); code != exitOK {
		t.Errorf("verify --seal %q: %s %s", typed, out, stderr)
	}

	// An amendment makes the old copy out of date.
	s, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.Meeting(context.Background(), exampleID)
	m.Consent.ParentsViews = "Mother agrees with the plan."
	if err := s.Amend(context.Background(), m, "views added"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if code, _, stderr := cli(t, "--db", db, "verify", copy1); code != exitError || !strings.Contains(stderr, "out of date") {
		t.Errorf("verify an old copy: %d %s", code, stderr)
	}
	copy2 := filepath.Join(dir, "amended.pdf")
	cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", copy2)
	if code, _, stderr := cli(t, "--db", db, "verify", copy2); code != exitOK {
		t.Errorf("verify the amended copy: %s", stderr)
	}

	// A change made with the sqlite3 shell: no copy verifies, and no new
	// PDF is made with a seal.
	raw, _ := sql.Open("sqlite3", "file:"+db)
	if _, err := raw.Exec(`UPDATE meetings SET signed_off_by = 'Someone Else' WHERE id = ?`, exampleID); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if code, _, stderr := cli(t, "--db", db, "verify", copy2); code != exitError || !strings.Contains(stderr, "do not match") {
		t.Errorf("verify after tampering: %d %s", code, stderr)
	}
	if code, _, stderr := cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", filepath.Join(dir, "x.pdf")); code != exitError {
		t.Errorf("a sealed PDF of tampered minutes: %d %s", code, stderr)
	}
	if code, _, stderr := cli(t, "--db", db, "check"); code != exitError || !strings.Contains(stderr, "SM-2025-00412") {
		t.Errorf("check after tampering: %d %s", code, stderr)
	}

	// Minutes deleted through the app: said so, not taken for tampering.
	other := filepath.Join(dir, "deleted.db")
	cli(t, "--db", other, "import", example)
	copy3 := filepath.Join(dir, "deleted.pdf")
	cli(t, "--db", other, "export-pdf", "--meeting", exampleID, "--out", copy3)
	if code, _, stderr := cli(t, "--db", other, "delete", "--meeting", exampleID, "--reason", "recorded against the wrong referral"); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := cli(t, "--db", other, "verify", copy3); code != exitError || !strings.Contains(stderr, "were deleted on") {
		t.Errorf("verify a copy of deleted minutes: %d %s", code, stderr)
	}

	// Not a seal of this database; not a PDF of signed-off minutes.
	if code, _, stderr := cli(t, "--db", filepath.Join(dir, "another.db"), "verify", "--seal", seal[1]); code != exitError || !strings.Contains(stderr, "no minutes") {
		t.Errorf("another database: %d %s", code, stderr)
	}
	if code, _, stderr := cli(t, "--db", db, "verify", example); code != exitError || !strings.Contains(stderr, "not a PDF") {
		t.Errorf("not a PDF: %d %s", code, stderr)
	}
}
