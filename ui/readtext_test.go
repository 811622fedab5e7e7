package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// TestSignedOffMinutesReadByKeyboard: every text of signed-off minutes is
// a stop for Tab, shows its whole text, and typing at it changes nothing.
func TestSignedOffMinutesReadByKeyboard(t *testing.T) {
	u := newApp(t, openExampleDB(t))
	u.Open(signedOffID)
	e := u.Editor
	m := e.Meeting()
	if !m.SignedOff() {
		t.Fatal("the example's meeting is not signed off")
	}
	c := u.Win.Canvas()
	shown := map[string]bool{}
	for section := range sectionCount {
		texts := readTexts(e, section)
		if len(texts) == 0 {
			continue
		}
		seen := map[*readText]bool{}
		c.Focus(texts[0])
		for range 1000 {
			if r, ok := c.Focused().(*readText); ok {
				seen[r] = true
			}
			c.FocusNext()
			if c.Focused() == texts[0] {
				break
			}
		}
		for i, r := range texts {
			shown[r.Text] = true
			if !seen[r] {
				t.Errorf("section %s: Tab never reaches text %d (%q)", sectionTitles[section], i+1, r.Text)
			}
		}
	}
	for what, want := range map[string]string{
		"the reason": m.Reason, "the chair": m.Chair, "an attendee's name": m.Attendees[0].Name,
		"an attendee's role": m.Attendees[0].Role, "a decision's rationale": m.Decisions[0].Rationale,
		"a child's name": m.Children[0].Name, "an action": m.Actions[0].Description,
	} {
		if want == "" {
			t.Errorf("the example has no %s to show", what)
		} else if !shown[want] {
			t.Errorf("%s is not shown whole in a read-only text", what)
		}
	}

	// Typing, pasting and deleting at a text change neither it nor the record.
	reason := readTexts(e, sectionDetails)
	var r *readText
	for _, x := range reason {
		if x.Text == m.Reason {
			r = x
		}
	}
	c.Focus(r)
	test.Type(r, "typed")
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	r.TypedShortcut(&fyne.ShortcutPaste{Clipboard: fyne.CurrentApp().Clipboard()})
	if r.Text != m.Reason || e.Meeting().Reason != m.Reason {
		t.Error("typing at signed-off minutes changed them")
	}
	// Ctrl+C copies the whole text.
	r.TypedShortcut(&fyne.ShortcutCopy{Clipboard: fyne.CurrentApp().Clipboard()})
	if got := fyne.CurrentApp().Clipboard().Content(); got != m.Reason {
		t.Errorf("Ctrl+C copied %q, want the reason", got)
	}
}

// TestReadTextShowsItsWholeText: a long text is laid out at its full
// height, where an entry would show three rows of it.
func TestReadTextShowsItsWholeText(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("One line of what the police shared.\n", 12))
	r := newReadText(long)
	w := test.NewWindow(r)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 800))
	box := newTextBox()
	box.SetText(long)
	if r.MinSize().Height < 3*box.MinSize().Height {
		t.Errorf("12 lines take %.0f px, an entry of 3 rows %.0f px: the text is not shown whole", r.MinSize().Height, box.MinSize().Height)
	}
	if empty := newReadText(""); empty.label.Text != notRecorded {
		t.Errorf("an empty field shows %q", empty.label.Text)
	}
}

// TestButtonKeys: Space and Enter press a focused button, but not while
// words are being typed at it.
func TestButtonKeys(t *testing.T) {
	pressed := 0
	b := newButton("Add attendee", nil, func() { pressed++ })
	w := test.NewWindow(b)
	defer w.Close()
	w.Canvas().Focus(b)
	for _, k := range []fyne.KeyName{fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter} {
		before := pressed
		b.TypedKey(&fyne.KeyEvent{Name: k})
		if pressed != before+1 {
			t.Errorf("%s did not press the button", k)
		}
	}
	before := pressed
	test.Type(b, "Sarah ")
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pressed != before {
		t.Errorf("typing a word at the button pressed it %d times", pressed-before)
	}
	b.typedAt = time.Now().Add(-typingPause)
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if pressed != before+1 {
		t.Error("Space after a pause in typing did not press the button")
	}
	b.Disable()
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pressed != before+1 {
		t.Error("Enter pressed a disabled button")
	}
}

// TestDateFieldSelectsOnTab: a date is typed over, like every one-line field.
func TestDateFieldSelectsOnTab(t *testing.T) {
	d, _ := meeting.ParseDate("2026-03-04")
	var got meeting.Date
	f := newDateField(d, func(nd meeting.Date) { got = nd }, func(string) {})
	w := test.NewWindow(f)
	defer w.Close()
	w.Canvas().Focus(f)
	if f.SelectedText() != f.Text || f.Text == "" {
		t.Fatalf("selected %q of %q", f.SelectedText(), f.Text)
	}
	test.Type(f, "05/03/2026")
	w.Canvas().Unfocus()
	if f.Text != "05/03/2026" || got.String() != "2026-03-05" {
		t.Errorf("typed over the date: shows %q, stored %s", f.Text, got)
	}
}

// TestDecisionSaysWhomItCovers: unticking a decision's last child widens
// it to every child, and the line under the ticks says so.
func TestDecisionSaysWhomItCovers(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.AddChild()
	e.AddChild()
	e.AddDecision()
	covers := func() string {
		for _, o := range sectionObjects(e, sectionDecisions) {
			if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Covers") {
				return l.Text
			}
		}
		return ""
	}
	var group *widget.CheckGroup
	for _, o := range sectionObjects(e, sectionDecisions) {
		if g, ok := o.(*widget.CheckGroup); ok {
			group = g
		}
	}
	if group == nil {
		t.Fatal("no ticks for the children")
	}
	if got := covers(); got != "Covers: all 2 children (none ticked)" {
		t.Errorf("a new decision: %q", got)
	}
	group.SetSelected([]string{group.Options[0]})
	if got := covers(); got != "Covers only "+group.Options[0] {
		t.Errorf("one child ticked: %q", got)
	}
	if ids := e.Meeting().Decisions[0].Children; len(ids) != 1 {
		t.Errorf("the decision covers %v", ids)
	}
	group.SetSelected(nil)
	if got := covers(); got != "Covers: all 2 children (none ticked)" {
		t.Errorf("the last tick taken off: %q", got)
	}
}

// TestDecisionTicksNameChildrenTypedSince: a child added and named after
// the Decisions section was built is ticked by name there.
func TestDecisionTicksNameChildrenTypedSince(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.AddDecision()
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Full name", 0), "Ava Test")
	var group *widget.CheckGroup
	for _, o := range sectionObjects(e, sectionDecisions) {
		if g, ok := o.(*widget.CheckGroup); ok {
			group = g
		}
	}
	if group == nil || len(group.Options) != 1 || group.Options[0] != "1. Ava Test" {
		t.Fatalf("the decision's ticks: %v", group)
	}
}

// TestCancelAmendmentAsks: cancelling an amendment with changes asks
// first, starting on the answer that keeps them.
func TestCancelAmendmentAsks(t *testing.T) {
	u := newApp(t, openExampleDB(t))
	u.Open(signedOffID)
	e := u.Editor
	e.StartAmendment()
	mt := entry(t, e, sectionDetails, "Name", 0)
	mt.SetText(mt.Text + " (notes)")
	e.askCancelAmendment()
	c := u.Win.Canvas()
	if c.Overlays().Top() == nil {
		t.Fatal("cancelling an amendment with a change asked nothing")
	}
	b, ok := c.Focused().(*keyButton)
	if !ok || b.Text != "Keep amending" {
		t.Fatalf("the question starts on %T", c.Focused())
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !e.amending || !strings.HasSuffix(e.Meeting().MinuteTaker, "(notes)") {
		t.Error("keeping the amendment dropped it")
	}
	e.askCancelAmendment()
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		if k, ok := o.(*keyButton); ok && k.Text == "Drop them" {
			k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
	}
	if e.amending || strings.HasSuffix(e.Meeting().MinuteTaker, "(notes)") {
		t.Error("Drop them kept the amendment")
	}
}
