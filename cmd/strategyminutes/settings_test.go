package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The settings command shows and sets the issuer, and the PDF's first page
// prints it.
func TestSettingsIssuer(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	if code, _, stderr := cli(t, "--db", db, "import", example); code != exitOK {
		t.Fatal(stderr)
	}
	steps := []struct {
		args []string
		want string
	}{
		{nil, "Issuing authority:   (not set)\nContact for queries: (not set)\n"},
		{[]string{"--authority", "London Borough of Example"}, "Issuing authority:   London Borough of Example\nContact for queries: (not set)\n"},
		{[]string{"--contact", "MASH, 020 7946 0000"}, "Issuing authority:   London Borough of Example\nContact for queries: MASH, 020 7946 0000\n"},
		{nil, "Issuing authority:   London Borough of Example\nContact for queries: MASH, 020 7946 0000\n"},
	}
	for _, s := range steps {
		code, stdout, stderr := cli(t, append([]string{"--db", db, "settings"}, s.args...)...)
		if code != exitOK || stdout != s.want {
			t.Errorf("settings %v: exit %d\n%s%s\nwant\n%s", s.args, code, stdout, stderr, s.want)
		}
	}
	out := filepath.Join(dir, "m.pdf")
	if code, _, stderr := cli(t, "--db", db, "export-pdf", "--meeting", exampleID, "--out", out); code != exitOK {
		t.Fatal(stderr)
	}
	text := pdfToText(t, out)
	page1, _, _ := strings.Cut(text, "Page 1 of")
	for _, want := range []string{"Issued by London Borough of Example", "Queries to MASH, 020 7946 0000"} {
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 lacks %q", want)
		}
	}

	if code, stdout, _ := cli(t, "--db", db, "settings", "--contact", ""); code != exitOK || !strings.Contains(stdout, "Contact for queries: (not set)") {
		t.Errorf("clearing the contact: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := cli(t, "--db", db, "settings", "--authority", strings.Repeat("x", 201)); code != exitError || strings.Contains(stderr, "xxxx") {
		t.Errorf("too long: exit %d\n%s", code, stderr)
	}
}
