package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

// The open actions across meetings are listed overdue first, filtered by
// owner, and Enter on one opens its meeting.
func TestOpenActionsView(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		return meeting.EachInFiles([]string{"../meeting/testdata/example.json"}, fn)
	}); err != nil {
		t.Fatal(err)
	}
	u := newApp(t, db)
	u.ShowOpenActions()
	v := u.OpenActions
	if len(v.Buttons) != 2 || !strings.HasPrefix(v.Buttons[0].Text, "Overdue since 6 Jun 2025 · Share GP records for both children (Dr Adebayo Okafor, Health) · SM-2025-00412") ||
		!strings.HasPrefix(v.Buttons[1].Text, "Overdue since 12 Mar 2026 · Home visit") {
		var texts []string
		for _, b := range v.Buttons {
			texts = append(texts, b.Text)
		}
		t.Fatalf("open actions:\n%s", strings.Join(texts, "\n"))
	}
	if v.status.Text != "2 actions not done." {
		t.Errorf("status %q", v.status.Text)
	}
	if u.Win.Canvas().Focused() != v.Buttons[0] {
		t.Errorf("the focus is on %T, want the first action", u.Win.Canvas().Focused())
	}
	v.owner.SetText("sam")
	if len(v.Buttons) != 1 || !strings.Contains(v.Buttons[0].Text, "Sam Okafor") {
		t.Errorf("Sam's: %d", len(v.Buttons))
	}
	u.Win.Canvas().Focus(v.Buttons[0])
	v.Buttons[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.Editor == nil || u.Editor.Meeting().Reference != "SM-2026-00107" {
		t.Fatal("Enter did not open the action's meeting")
	}
	if u.Editor.Tabs.SelectedIndex() != sectionActions {
		t.Errorf("the meeting opened on section %d, want its actions", u.Editor.Tabs.SelectedIndex())
	}
}
