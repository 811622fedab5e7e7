package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

// Reconvening signed-off minutes opens their review meeting: the same
// children and invitees, a link back, and the action not done carried
// forward, which the review drops with a reason; once typed into, it is
// stored as a draft and the earlier minutes are as they were.
func TestReconveneFromTheWindow(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if _, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
		return meeting.EachInFiles([]string{"../meeting/testdata/example.json"}, fn)
	}); err != nil {
		t.Fatal(err)
	}
	const prevID = "b7e4d2a0-5c1f-4e9a-8d3b-2f6a9c0e1d57" // SM-2026-00107
	before, _ := db.Meeting(ctx, prevID)
	u := newApp(t, db)
	u.Open(prevID)
	test.Tap(buttonIn(t, u.Editor, sectionSignOff, "Reconvene as a review meeting…"))
	e := u.Editor
	e.saver.delay = time.Hour // the test decides when it saves (Flush), as newMeeting does
	m := e.Meeting()
	if m.ID == prevID || m.Type != meeting.TypeReview || m.PreviousMeetingID != prevID || len(m.Children) != 2 || len(m.Actions) != 1 {
		t.Fatalf("the review: type %s previous %q, %d children, %d actions", m.Type, m.PreviousMeetingID, len(m.Children), len(m.Actions))
	}
	if !strings.Contains(m.Reason, "Review of the strategy meeting SM-2026-00107") {
		t.Errorf("reason %q", m.Reason)
	}
	var details []string
	for _, o := range sectionObjects(e, sectionDetails) {
		if l, ok := o.(*widget.Label); ok {
			details = append(details, l.Text)
		}
	}
	if !strings.Contains(strings.Join(details, "\n"), "Reviews SM-2026-00107 of Tuesday 10 March 2026") {
		t.Errorf("Details does not say which meeting it reviews:\n%s", strings.Join(details, "\n"))
	}
	dropped := entry(t, e, sectionActions, "Carried from the earlier meeting: set a new due date, record it done, or say here why it is dropped", 0)
	typeInto(t, dropped, "Done by the family support service instead")
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	stored, err := db.Meeting(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := stored.Actions[0]; a.DroppedReason != "Done by the family support service instead" || a.CarriedFrom != before.Actions[2].ID || a.Overdue(meeting.UKDate(m.HeldAt).AddDays(30)) {
		t.Errorf("the carried action: %+v", a)
	}
	if after, _ := db.Meeting(ctx, prevID); !meeting.Equal(after, before) {
		t.Error("reconvening changed the earlier minutes")
	}
	// A dropped action is not open.
	open, _, _ := db.OpenActions(ctx, meeting.OpenActionFilter{})
	for _, o := range open {
		if o.Meeting == m.ID {
			t.Error("the dropped action is listed as open")
		}
	}
}
