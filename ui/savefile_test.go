package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

// dialogLabels returns the text of every label in the top dialog.
func dialogLabels(c fyne.Canvas) string {
	top := c.Overlays().Top()
	if top == nil {
		return ""
	}
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			texts = append(texts, o.Text)
		case *fyne.Container:
			for _, child := range o.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(o).Objects() {
				walk(child)
			}
		}
	}
	walk(top)
	return strings.Join(texts, "\n")
}

// The window's own Save dialog refuses the database and its files before
// anything is written (Fyne's would have emptied the chosen file at once),
// asks before replacing a file of the kind, and writes nothing itself.
func TestSaveDialogNeverEmptiesTheDatabase(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	check := func(path string, kind meeting.OutputKind) error {
		return storage.CheckOutput(db.Path(), path, kind, false)
	}
	c := u.Win.Canvas()
	before, _ := os.ReadFile(db.Path())
	var saved []string
	ask := func(path string, kind meeting.OutputKind) *dialogEntry {
		saveFileDialog(u.Win, check)("x", kind, func(p string) { saved = append(saved, p) })
		e, ok := c.Focused().(*dialogEntry)
		if !ok {
			t.Fatalf("focus on %T in the Save dialog, want its path", c.Focused())
		}
		e.SetText(path)
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		return e
	}
	for _, p := range []string{db.Path(), db.Path() + "-wal", filepath.Join(filepath.Dir(db.Path()), ".", "minutes.db")} {
		ask(p, meeting.KindAuditCSV)
		if msg := dialogLabels(c); !strings.Contains(msg, "never written over") {
			t.Errorf("saving as %s: the dialog says %q", p, msg)
		}
		// OK goes back to the Save dialog, with the path kept to correct.
		c.Focused().(*keyButton).TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if e, ok := c.Focused().(*dialogEntry); !ok || e.Text != p {
			t.Errorf("after the refusal, focus on %T", c.Focused())
		}
		c.Focused().(*dialogEntry).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	if after, _ := os.ReadFile(db.Path()); string(after) != string(before) || len(saved) != 0 {
		t.Fatalf("the database changed (%v) or a save went ahead: %v", string(after) != string(before), saved)
	}

	// A new file is handed to the writer; an existing one of its kind is
	// replaced only after a question whose safe answer has the focus.
	out := filepath.Join(t.TempDir(), "audit.csv")
	ask(out, meeting.KindAuditCSV)
	if len(saved) != 1 || saved[0] != out {
		t.Fatalf("saved %v", saved)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Error("the dialog made the file itself")
	}
	os.WriteFile(out, []byte("at,who,event,meeting,detail\n"), 0o600)
	ask(out, meeting.KindAuditCSV)
	if b, ok := c.Focused().(*keyButton); !ok || b.Text != "Cancel" {
		t.Fatalf("replacing a file starts on %T, want Cancel", c.Focused())
	}
	c.FocusNext()
	c.Focused().(*keyButton).TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(saved) != 2 {
		t.Errorf("Replace did not save: %v", saved)
	}
	os.WriteFile(out, []byte("my own notes"), 0o600)
	ask(out, meeting.KindAuditCSV)
	if msg := dialogLabels(c); !strings.Contains(msg, "is not an audit log") {
		t.Errorf("a file of another kind: %q", msg)
	}
}
