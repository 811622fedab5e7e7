package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// A deleted draft is gone from every table, its text is gone from the
// database file and its write-ahead log, and the audit log says who
// deleted which meeting and when.
func TestDeleteDraftErasesItsText(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	db.SetUser("Chair Person")
	keep := exampleMeetings(t)[0].Clone()
	keep.SignedOffAt, keep.SignedOffBy = time.Time{}, ""
	if err := db.SaveMeeting(ctx, keep); err != nil {
		t.Fatal(err)
	}
	const secret = "Qzwx recorded for the wrong child Vbnm"
	draft := &meeting.Meeting{ID: meeting.NewID(), Type: meeting.TypeInitial, Mode: meeting.ModeVirtual,
		HeldAt: time.Date(2026, 3, 2, 10, 0, 0, 0, meeting.UK), Chair: "Chair Person",
		Children:  []meeting.Child{{ID: "c1", Name: "Wrongchild Qzwxvbnm"}},
		Attendees: []meeting.Attendee{{Name: "DC Qzwx", Agency: meeting.AgencyPolice, Attendance: meeting.Attended}},
		Actions:   []meeting.Action{{Description: "Visit Qzwxvbnm", Owner: "Qzwx Owner"}}}
	for i := range 20 { // autosave: many versions of the pages in the log
		draft.Reason = secret[:len(secret)*(i+1)/20]
		if err := db.SaveMeeting(ctx, draft); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteDraft(ctx, draft.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Meeting(ctx, draft.ID); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("deleted draft still loads: %v", err)
	}
	for _, table := range []string{"children", "attendees", "actions", "decisions", "consents"} {
		var n int
		db.sql.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE meeting NOT IN (SELECT rowid FROM meetings)`).Scan(&n)
		if n != 0 {
			t.Errorf("%d rows of the deleted draft left in %s", n, table)
		}
	}
	if _, err := db.Meeting(ctx, keep.ID); err != nil {
		t.Errorf("the other meeting: %v", err)
	}
	for _, path := range []string{db.Path(), db.Path() + "-wal"} {
		data, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, s := range []string{"Qzwx", "qzwx", "Vbnm", "vbnm"} {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s still holds the deleted text %q", path, s)
			}
		}
	}
	events, err := db.AuditLog(ctx, draft.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[0].Event != EventDelete || events[0].Who != "Chair Person" || time.Since(events[0].At) > time.Minute {
		t.Errorf("audit log after delete: %+v", events)
	}
	integrityOK(t, db)
}

// Signed-off minutes are never deleted, and a meeting not stored is said so.
func TestDeleteDraftRefusesSignedOffMinutes(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	var signed *meeting.Meeting
	for _, m := range exampleMeetings(t) {
		if m.SignedOff() {
			signed = m
		}
	}
	if signed == nil {
		t.Fatal("no signed-off example")
	}
	if err := db.SaveMeeting(ctx, signed); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteDraft(ctx, signed.ID); !errors.Is(err, ErrSignedOff) {
		t.Errorf("deleting signed-off minutes: %v", err)
	}
	if _, err := db.Meeting(ctx, signed.ID); err != nil {
		t.Errorf("signed-off minutes after a refused delete: %v", err)
	}
	if err := db.DeleteDraft(ctx, "no-such-meeting"); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("deleting a meeting not stored: %v", err)
	}
}
