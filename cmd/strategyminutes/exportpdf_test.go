package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"strategyminutes/storage"
)

const exampleID = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13" // SM-2025-00412 in example.json

// pdfToText returns the text of a PDF file, or skips the test without
// pdftotext.
func pdfToText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: poppler-utils; make test installs it)")
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestExportPDFUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	cli(t, "--db", db, "import", example)
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"listed in help", []string{"help"}, exitOK, "export-pdf"},
		{"command help", []string{"export-pdf", "-h"}, exitOK, "-initials"},
		{"no meeting", []string{"--db", db, "export-pdf", "--out", "x.pdf"}, exitUsage, "--meeting ID is required"},
		{"no out", []string{"--db", db, "export-pdf", "--meeting", exampleID}, exitUsage, "--out FILE is required"},
		{"extra argument", []string{"--db", db, "export-pdf", "--meeting", exampleID, "--out", "x.pdf", "more"}, exitUsage, `unexpected argument "more"`},
		{"unknown meeting", []string{"--db", db, "export-pdf", "--meeting", "nope", "--out", "x.pdf"}, exitError, `no meeting has the id "nope"`},
		{"folder missing", []string{"--db", db, "export-pdf", "--meeting", exampleID, "--out", filepath.Join(t.TempDir(), "no", "x.pdf")}, exitError, "create"},
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

func TestExportPDF(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	if code, _, stderr := cli(t, "--db", db, "import", example); code != exitOK {
		t.Fatal(stderr)
	}

	out := filepath.Join(dir, "minutes.pdf")
	code, stdout, stderr := cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "Wrote the minutes of SM-2025-00412 to "+out) {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "Amelia") {
		t.Error("the command printed a child's name")
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("file mode: %v %v", info.Mode(), err)
	}
	if !bytes.HasPrefix(readFile(t, out), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	text := pdfToText(t, out)
	for _, want := range []string{"OFFICIAL-SENSITIVE", "SM-2025-00412", "Amelia Kowalczyk", "DC Şükrü Yılmaz", "Page 1 of", "by Strategy Minutes " + version} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	// --initials into a folder: the proposed name, no child's name.
	code, stdout, stderr = cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", dir, "--initials")
	named := filepath.Join(dir, "SM-2025-00412 2025-06-03 minutes (initials).pdf")
	if code != exitOK || !strings.Contains(stdout, "distribution copy (initials)") || !strings.Contains(stdout, named) {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	text = pdfToText(t, named)
	if !strings.Contains(text, "A.K.") || strings.Contains(text, "Amelia") || strings.Contains(text, "Kowalczyk") {
		t.Errorf("the distribution copy: %s", text)
	}

	// Standard output; a draft says so.
	code, stdout, stderr = cli(t, "--db", db, "export-pdf", "--meeting", "legacy-2019-0042", "--out", "-")
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") || stderr != "" {
		t.Errorf("to standard output: exit %d, %.20q, %s", code, stdout, stderr)
	}
	code, stdout, _ = cli(t, "--db", db, "export-pdf", "--meeting", "legacy-2019-0042", "--out", dir)
	if code != exitOK || !strings.Contains(stdout, "draft minutes") {
		t.Errorf("draft: exit %d, %s", code, stdout)
	}
}

// Each export is in the audit log, and amendments made after sign-off are
// in the minutes.
func TestExportPDFAuditAndAmendments(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	cli(t, "--db", path, "import", example)

	ctx := context.Background()
	db, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.Meeting(ctx, exampleID)
	if err != nil {
		t.Fatal(err)
	}
	m.Attendees[3].Role = "GP, Riverside Surgery"
	if err := db.Amend(ctx, m, "The GP's surgery was missing"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out := filepath.Join(dir, "m.pdf")
	if code, _, stderr := cli(t, "--db", path, "export-pdf", "--meeting", exampleID, "--out", out, "--initials"); code != exitOK {
		t.Fatal(stderr)
	}
	text := pdfToText(t, out)
	for _, want := range []string{"Amended since sign-off", "The GP's surgery was missing", "Attendee 4, Role", "GP, Riverside Surgery"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	db, err = storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	events, err := db.AuditLog(ctx, exampleID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[0].Event != storage.EventExportPDF || !strings.HasPrefix(events[0].Detail, "minutes, distribution copy (initials); file sha256 ") {
		t.Errorf("audit log: %+v", events)
	}
	for _, ev := range events {
		if strings.Contains(ev.Detail, "m.pdf") {
			t.Errorf("the audit log holds the file's name: %+v", ev)
		}
	}
}

// A character no font of the PDF has is printed as a substitute, and the
// export warns, naming the field, never quoting its text.
func TestExportPDFWarnsOfUnprintableText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "m.json")
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(file, bytes.Replace(data, []byte(`"Jakub Kowalczyk"`), []byte(`"김민준 Kowalczyk"`), 1), 0o600)
	db := filepath.Join(dir, "m.db")
	cli(t, "--db", db, "import", file)
	code, _, stderr := cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", filepath.Join(dir, "x.pdf"))
	if code != exitOK || !strings.Contains(stderr, "warning: Child 2, Name has characters the PDF cannot print") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(stderr, "김") || strings.Contains(stderr, "Kowalczyk") {
		t.Errorf("the warning quotes the name: %q", stderr)
	}
	if text := pdfToText(t, filepath.Join(dir, "x.pdf")); !strings.Contains(text, "\uFFFD") {
		t.Error("the PDF has no visible substitute")
	}
}
