package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

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
		Decisions: []meeting.Decision{{Outcome: meeting.OutcomeS47Joint}}}
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
}
