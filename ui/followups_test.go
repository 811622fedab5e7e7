package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// buttonIn finds the button of a section with the text.
func buttonIn(t *testing.T, e *Editor, section int, text string) *ringButton {
	t.Helper()
	for _, o := range sectionObjects(e, section) {
		if b, ok := o.(*ringButton); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q in section %d", text, section)
	return nil
}

// enter types text into the focused field of the dialog open and presses Enter.
func enter(t *testing.T, u *App, text string) {
	t.Helper()
	f, ok := u.Win.Canvas().Focused().(*dialogEntry)
	if !ok {
		t.Fatalf("the dialog starts on %T, want its first field", u.Win.Canvas().Focused())
	}
	f.SetText(text)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// closed fails unless no dialog is open.
func closed(t *testing.T, u *App) {
	t.Helper()
	if u.Win.Canvas().Overlays().Top() != nil {
		t.Fatalf("a dialog is open: %s", dialogLabels(u.Win.Canvas()))
	}
}

// Signed-off minutes take follow-ups from the window, by keyboard: an
// action marked done, the conference not needed, the minutes sent; each is
// stored and shown, and the minutes stay as signed off.
func TestFollowUpsRecordedFromTheWindow(t *testing.T) {
	db := openExampleDB(t)
	db.SetUser("Priya Raman")
	ctx := context.Background()
	u := newApp(t, db)
	u.Open(signedOffID)
	e := u.Editor
	before, _ := db.Meeting(ctx, signedOffID)

	test.Tap(buttonIn(t, e, sectionActions, "Mark done…"))
	enter(t, u, "10/06/2025")
	closed(t, u)
	// The keyboard stays where it was: on the action's button, now to open it again.
	if b, ok := u.Win.Canvas().Focused().(*ringButton); !ok || b.Text != "Not done after all" {
		t.Errorf("after recording, the focus is on %T, want the action's button", u.Win.Canvas().Focused())
	}
	// A conference held before the meeting is refused, naming the field.
	test.Tap(buttonIn(t, e, sectionSignOff, "Record the conference…"))
	enter(t, u, "01/06/2025")
	if msg := dialogLabels(u.Win.Canvas()); !strings.Contains(msg, "Not recorded") || !strings.Contains(msg, "before the meeting") {
		t.Fatalf("a conference before the meeting: %q", msg)
	}
	u.Win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	closed(t, u)
	test.Tap(buttonIn(t, e, sectionSignOff, "Record the conference…"))
	u.Win.Canvas().FocusNext() // to the reason
	enter(t, u, "The enquiry found no risk of significant harm")
	closed(t, u)
	test.Tap(buttonIn(t, e, sectionSignOff, "Record the minutes sent…"))
	enter(t, u, "Dr Ayo Bello")
	closed(t, u)

	stored, err := db.Meeting(ctx, signedOffID)
	if err != nil {
		t.Fatal(err)
	}
	if d := stored.Actions[2].Done; d == nil || d.On != (meeting.Date{Year: 2025, Month: 6, Day: 10}) || d.RecordedBy != "Priya Raman" {
		t.Errorf("action 3 done: %+v", d)
	}
	if stored.ICPC == nil || stored.ICPC.NotNeededReason != "The enquiry found no risk of significant harm" {
		t.Errorf("conference: %+v", stored.ICPC)
	}
	if len(stored.Distribution) != 1 || stored.Distribution[0].Name != "Dr Ayo Bello" || stored.Distribution[0].Copy != meeting.CopyFull {
		t.Errorf("distribution: %+v", stored.Distribution)
	}
	if !meeting.Equal(stored.Minutes(), before.Minutes()) {
		t.Errorf("the signed-off minutes changed: %v", meeting.Diff(before.Minutes(), stored.Minutes()))
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("verify: %v", err)
	}
	// Shown: the action's state, the conference, the recipient.
	var shown []string
	for _, section := range []int{sectionActions, sectionSignOff} {
		for _, o := range sectionObjects(e, section) {
			switch o := o.(type) {
			case *readText:
				shown = append(shown, o.Text)
			case *widget.Label:
				shown = append(shown, o.Text)
			}
		}
	}
	all := strings.Join(shown, "\n")
	for _, want := range []string{"Done 10 Jun 2025, recorded by Priya Raman", "No initial child protection conference is needed: The enquiry found no risk",
		"Dr Ayo Bello, full copy"} {
		if !strings.Contains(all, want) {
			t.Errorf("the window does not show %q:\n%s", want, all)
		}
	}
	// Open again, by mistake: the button says so.
	test.Tap(buttonIn(t, e, sectionActions, "Not done after all"))
	if stored, _ := db.Meeting(ctx, signedOffID); stored.Actions[2].Done != nil {
		t.Error("the action is still done")
	}
}
