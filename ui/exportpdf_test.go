package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// exportThroughDialog exports the open meeting's minutes as the chair
// does: the Export dialog, the copy ticked or not, a path chosen.
func exportThroughDialog(t *testing.T, u *App, initials bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "minutes.pdf")
	u.ChooseSave = func(_ string, _ meeting.OutputKind, save func(string)) { save(path) }
	u.exportPDF()
	top := u.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no Export dialog")
	}
	var save *keyButton
	for _, o := range objects(top.(*widget.PopUp).Content) {
		switch o := o.(type) {
		case *dialogCheck:
			o.SetChecked(initials)
		case *keyButton:
			if strings.HasPrefix(o.Text, "Choose where to save") {
				save = o
			}
		}
	}
	if save == nil {
		t.Fatal("no save button")
	}
	save.OnTapped()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("not saved: %v", err)
	}
	return dialogLabels(u.Win.Canvas())
}

// After a distribution copy is saved, the chair is told what it changed in
// the text, field by field, and shown the words that may be names it left.
func TestExportInitialsTellsTheChairWhatChanged(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	u.Open("6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13")
	msg := exportThroughDialog(t, u, true)
	for _, want := range []string{
		"The distribution copy is in", "What the copy changed in the text:",
		"• Reason for the meeting: 2 children's names replaced", "• Attendee 3, Note: 1 child's name replaced",
		"addresses, schools",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "Check before sending") {
		t.Errorf("nothing was left, yet:\n%s", msg)
	}
	u.Win.Canvas().Overlays().Top().Hide()

	// The full copy says where it is, and nothing more.
	if msg := exportThroughDialog(t, u, false); strings.Contains(msg, "changed in the text") || !strings.Contains(msg, "The minutes are in") {
		t.Errorf("full copy: %s", msg)
	}
	u.Win.Canvas().Overlays().Top().Hide()

	// A child called May: the month is left, and quoted for the chair.
	ctx := context.Background()
	m, err := db.Meeting(ctx, "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13")
	if err != nil {
		t.Fatal(err)
	}
	m.Children[1].Name = "May Kowalczyk"
	m.Reason = "Police attended in May 2026. May said she was scared."
	if err := db.Amend(ctx, m, "The younger child's name corrected"); err != nil {
		t.Fatal(err)
	}
	u.ShowList()
	u.List.Wait() // the list reloads from another goroutine
	u.Open(m.ID)
	msg = exportThroughDialog(t, u, true)
	for _, want := range []string{
		"• Reason for the meeting: 1 child's name replaced; 1 word that may be a name left as written",
		"Check before sending: 1 word is a name of the family and also an everyday word.",
		"• Reason for the meeting: “Police attended in May 2026. M. said she was…”",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, msg)
		}
	}
}
