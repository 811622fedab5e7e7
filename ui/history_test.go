package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"strategyminutes/meeting"
)

// TestChildsEarlierMeetingsShown: typing a child's case reference shows,
// under the child, the strategy meetings that discussed them in the 12
// months before, once the typing pauses.
func TestChildsEarlierMeetingsShown(t *testing.T) {
	db := openEmptyDB(t)
	ctx := context.Background()
	held := time.Date(2026, 2, 3, 10, 0, 0, 0, meeting.UK)
	earlier := &meeting.Meeting{ID: meeting.NewID(), Reference: "SM-2026-00012", Type: meeting.TypeInitial, Mode: meeting.ModeInPerson, HeldAt: held,
		Children:  []meeting.Child{{ID: "c1", Name: "Leah Osei", CaseReference: "CS-4401"}},
		Decisions: []meeting.Decision{{Outcome: meeting.OutcomeS47Joint}},
		Actions: []meeting.Action{{Description: "Visit Leah at home", Owner: "PC Amy Jones", Agency: meeting.AgencyPolice,
			Due: meeting.Date{Year: 2026, Month: time.February, Day: 10}},
			{Description: "Already done", Owner: "A Worker", Due: meeting.Date{Year: 2026, Month: time.February, Day: 4},
				Completed: meeting.Date{Year: 2026, Month: time.February, Day: 4}}}}
	older := &meeting.Meeting{ID: meeting.NewID(), Reference: "SM-2024-00001", Type: meeting.TypeInitial, Mode: meeting.ModeInPerson, HeldAt: held.AddDate(-2, 0, 0),
		Children: []meeting.Child{{ID: "c1", Name: "Leah Osei", CaseReference: "CS-4401"}}}
	for _, m := range []*meeting.Meeting{earlier, older} {
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	u := newApp(t, db)
	e := newMeeting(t, u)
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Case reference", 0), "cs-4401")
	want := "1 earlier strategy meeting in the 12 months before this one: SM-2026-00012 on 3 Feb 2026 (Section 47 enquiry, joint with police)."
	deadline := time.Now().Add(5 * time.Second)
	for {
		// The labels belong to the window's goroutine.
		var got []string
		shown := false
		fyne.DoAndWait(func() {
			e.history.mu.Lock()
			defer e.history.mu.Unlock()
			for _, l := range e.history.lines {
				got = append(got, l.Text)
				shown = l.Visible()
			}
		})
		if len(got) == 1 && got[0] == want && shown {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("under the child: %q, want %q", strings.Join(got, " | "), want)
		}
		time.Sleep(20 * time.Millisecond)
	}

	// The button under the line opens the child's whole history: the
	// meeting two years before as well, each with its decisions for the
	// child and its open actions.
	var button *ringButton
	fyne.DoAndWait(func() {
		e.history.mu.Lock()
		defer e.history.mu.Unlock()
		button = e.history.buttons[0]
	})
	if want := "This child's history: 2 other strategy meetings…"; button.Text != want || !button.Visible() {
		t.Fatalf("history button %q (shown %v), want %q", button.Text, button.Visible(), want)
	}
	test.Tap(button)
	shown := dialogLabels(u.Win.Canvas())
	for _, want := range []string{
		"Strategy meetings for child 1 (cs-4401)", // the title names the child
		"SM-2026-00012, Tue 3 Feb 2026: Initial strategy meeting, a draft.",
		"Decided for this child: Section 47 enquiry, joint with police.",
		"Open action: Visit Leah at home (PC Amy Jones, Police), due 10 Feb 2026, overdue",
		"SM-2024-00001, Sat 3 Feb 2024",
		"No decision recorded for this child.\nNo open actions.",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the child's history lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Already done") {
		t.Error("the child's history lists an action already done as open")
	}
	// It is read by keyboard: the first meeting has the focus, and Escape closes it.
	if _, ok := u.Win.Canvas().Focused().(*readText); !ok {
		t.Errorf("focus in the child's history on %T, want the first meeting", u.Win.Canvas().Focused())
	}
	u.Win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.Win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the child's history open")
	}
}
