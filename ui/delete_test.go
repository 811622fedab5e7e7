package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

const signedOffID = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13" // SM-2025-00412 in example.json

// fakeDeleter deletes through its function field, and is the database
// for the rest.
type fakeDeleter struct {
	*storage.DB
	deleteMeeting func(ctx context.Context, id string, d meeting.Deletion) (meeting.Deleted, error)
}

func (f *fakeDeleter) DeleteMeeting(ctx context.Context, id string, d meeting.Deletion) (meeting.Deleted, error) {
	return f.deleteMeeting(ctx, id, d)
}

// button finds the button of the Sign-off section with the text.
func signOffButton(t *testing.T, e *Editor, text string) *ringButton {
	t.Helper()
	for _, o := range sectionObjects(e, sectionSignOff) {
		if b, ok := o.(*ringButton); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q in the Sign-off section", text)
	return nil
}

func key(f fyne.Focusable, name fyne.KeyName) { f.TypedKey(&fyne.KeyEvent{Name: name}) }

// Signed-off minutes are deleted from a dialog that starts on the first
// ground, not the delete button; the button stays disabled until a ground
// is ticked and a reason given; Escape keeps the minutes; Tab past
// Keep the minutes to the button Tab and Enter deletes them, closes the editor and empties the list's
// row; the audit log has the reference, the ground and the reason.
func TestDeleteSignedOffMinutesByKeyboard(t *testing.T) {
	db := openExampleDB(t)
	db.SetUser("Priya Raman")
	u := newApp(t, db)
	ctx := context.Background()
	before := len(u.List.Rows())
	u.Open(signedOffID)
	e := u.Editor
	signOffButton(t, e, "Delete these minutes…").OnTapped()
	d := e.lastDelete
	if d == nil {
		t.Fatal("no dialog")
	}
	c := u.Win.Canvas()
	if c.Focused() != d.mistake {
		t.Fatalf("the dialog starts on %T, want the first ground", c.Focused())
	}
	if !d.delete.Disabled() || !strings.Contains(d.note.Text, "Tick why") {
		t.Errorf("delete enabled with nothing given; note %q", d.note.Text)
	}
	if !d.retention.Disabled() {
		t.Error("the retention ground is offered for minutes of 2025")
	}
	var hints []string
	for _, o := range objects(d.body) {
		if l, ok := o.(*widget.Label); ok {
			hints = append(hints, l.Text)
		}
	}
	if all := strings.Join(hints, "\n"); !strings.Contains(all, "do not name the child") || !strings.Contains(all, "SM-2025-00412") {
		t.Errorf("the dialog does not say to keep the child's name out of the reason, or which minutes:\n%s", all)
	}
	// Escape keeps the minutes.
	key(d.mistake, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Fatal("Escape left the dialog open")
	}
	if _, err := db.Meeting(ctx, signedOffID); err != nil {
		t.Fatalf("Escape deleted the minutes: %v", err)
	}

	u.Editor.ConfirmDelete()
	d = e.lastDelete
	d.mistake.TypedRune(' ') // the Space that opened the dialog, arriving late
	if d.mistake.Checked {
		t.Fatal("a Space typed before the dialog opened ticked the first ground")
	}
	key(d.mistake, fyne.KeySpace) // Space pressed on it ticks it
	d.mistake.TypedRune(' ')
	if !d.mistake.Checked || !d.delete.Disabled() {
		t.Fatalf("ticked %v, delete disabled %v: want ticked, still disabled without a reason", d.mistake.Checked, d.delete.Disabled())
	}
	c.Focus(d.reason)
	test.Type(d.reason, "oops")
	key(d.reason, fyne.KeyReturn) // Enter in the reason never deletes
	if !d.delete.Disabled() || c.Overlays().Top() == nil {
		t.Fatal("a short reason was taken, or Enter closed the dialog")
	}
	test.Type(d.reason, ": recorded against the wrong referral; the right minutes are SM-2025-00413")
	if d.delete.Disabled() {
		t.Fatalf("delete still disabled: %q", d.note.Text)
	}
	key(d.reason, fyne.KeyReturn)
	if _, err := db.Meeting(ctx, signedOffID); err != nil {
		t.Fatalf("Enter in the reason deleted the minutes: %v", err)
	}
	c.FocusNext()
	if b, ok := c.Focused().(*keyButton); !ok || b.Text != "Keep the minutes" {
		t.Fatalf("Tab from the reason goes to %T, want Keep the minutes", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != d.delete {
		t.Fatalf("Tab from Keep goes to %T, want the delete button", c.Focused())
	}
	key(d.delete, fyne.KeyReturn)

	if _, err := db.Meeting(ctx, signedOffID); !errors.Is(err, meeting.ErrNotFound) {
		t.Fatalf("the minutes after delete: %v", err)
	}
	if u.Editor != nil {
		t.Error("the editor stays open on deleted minutes")
	}
	u.List.Wait()
	if n := len(u.List.Rows()); n != before-1 {
		t.Errorf("the list shows %d meetings, want %d", n, before-1)
	}
	events, _ := db.AuditLog(ctx, signedOffID, 1)
	if len(events) != 1 || events[0].Event != meeting.EventDeleteSignedOff || events[0].Who != "Priya Raman" ||
		!strings.Contains(events[0].Detail, `reference "SM-2025-00412"; ground mistake; reason "oops: recorded against the wrong referral`) {
		t.Errorf("audit log: %+v", events)
	}
	if top := c.Overlays().Top(); top == nil {
		t.Error("no word that the minutes were deleted")
	}
}

// A delete that fails says so, and the minutes stay open as they were.
func TestFailedDeleteKeepsTheEditor(t *testing.T) {
	db := openExampleDB(t)
	var asked meeting.Deletion
	store := &fakeDeleter{DB: db, deleteMeeting: func(_ context.Context, _ string, d meeting.Deletion) (meeting.Deleted, error) {
		asked = d
		return meeting.Deleted{}, errors.New("delete meeting: disk I/O error")
	}}
	u := NewMainWindow(test.NewTempApp(t), store, Options{DBPath: db.Path()})
	t.Cleanup(u.close)
	u.List.Wait()
	u.Open(signedOffID)
	e := u.Editor
	e.ConfirmDelete()
	d := e.lastDelete
	d.mistake.SetChecked(true)
	d.reason.SetText("recorded against the wrong referral")
	d.delete.OnTapped()
	if asked.Ground != meeting.GroundMistake || asked.Reason != "recorded against the wrong referral" {
		t.Errorf("asked the store to delete with %+v", asked)
	}
	if u.Editor != e || e.deleted {
		t.Error("the editor closed after a failed delete")
	}
	if !e.readOnly {
		t.Error("signed-off minutes became editable after a failed delete")
	}
	if _, err := db.Meeting(context.Background(), signedOffID); err != nil {
		t.Error(err)
	}
}

// The menu item is there for drafts and signed-off minutes alike.
func TestDeleteMenuItem(t *testing.T) {
	u := newApp(t, openExampleDB(t))
	found := false
	for _, m := range u.Win.MainMenu().Items {
		for _, i := range m.Items {
			if i.Label == "Delete this meeting…" {
				found = true
			}
		}
	}
	if !found {
		t.Error("no File > Delete this meeting…")
	}
}
