package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The settings set the issuer in the database, and the minutes exported
// from the window print it on page 1.
func TestSettingsIssuer(t *testing.T) {
	ctx := context.Background()
	db := openExampleDB(t)
	u := NewMainWindow(test.NewTempApp(t), db, Options{
		DBPath:    db.Path(),
		Issuer:    func() (string, string, error) { return db.Issuer(ctx) },
		SetIssuer: func(authority, contact string) error { return db.SetIssuer(ctx, authority, contact) },
	})
	t.Cleanup(u.close)
	u.List.Wait()

	u.showSettings()
	top := u.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no settings dialog")
	}
	var entries []*dialogEntry
	var save *keyButton
	for _, o := range objects(top.(*widget.PopUp).Content) {
		switch o := o.(type) {
		case *dialogEntry:
			entries = append(entries, o)
		case *keyButton:
			if o.Text == "Save" {
				save = o
			}
		}
	}
	if len(entries) != 3 || save == nil {
		t.Fatalf("%d entries and Save %v: want the name, the authority and the contact", len(entries), save != nil)
	}
	entries[1].SetText("London Borough of Example")
	entries[2].SetText("MASH, 020 7946 0000")
	save.OnTapped()
	if a, c, err := db.Issuer(ctx); err != nil || a != "London Borough of Example" || c != "MASH, 020 7946 0000" {
		t.Fatalf("stored %q, %q, %v", a, c, err)
	}

	u.Open("6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13")
	_, doc, err := u.MinutesPDF(false)
	if err != nil {
		t.Fatal(err)
	}
	page1 := pdfPage1(t, doc)
	for _, want := range []string{"Issued by London Borough of Example", "Queries to MASH, 020 7946 0000"} {
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 lacks %q", want)
		}
	}
}

// pdfPage1 is the text of a PDF's first page, its spaces and line breaks
// made single spaces (pdftotext, which make test installs).
func pdfPage1(t *testing.T, doc []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, which make test installs): %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
