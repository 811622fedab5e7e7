package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

const richSignedOffID = "b7e4d2a0-5c1f-4e9a-8d3b-2f6a9c0e1d57" // SM-2026-00107 in the full example

// followUpsOfExample records one follow-up of each kind for the example's
// signed-off SM-2026-00107.
func followUpsOfExample(t *testing.T, db *DB) []meeting.FollowUp {
	t.Helper()
	ctx := context.Background()
	m, err := db.Meeting(ctx, richSignedOffID)
	if err != nil {
		t.Fatal(err)
	}
	held := m.HeldOn()
	fs := []meeting.FollowUp{
		{Kind: meeting.FollowUpActionDone, Action: m.ActionKey(2), On: held.AddDays(2)},
		{Kind: meeting.FollowUpICPC, On: held.AddDays(14)},
		{Kind: meeting.FollowUpSent, Recipient: meeting.Recipient{Name: "DS Tom Reed", Agency: meeting.AgencyPolice,
			Copy: meeting.CopyFull, SentAt: m.SignedOffAt.Add(time.Hour)}},
	}
	for _, f := range fs {
		if err := db.RecordFollowUp(ctx, m.ID, f); err != nil {
			t.Fatalf("record %s: %v", f.Kind, err)
		}
	}
	return fs
}

// A follow-up of signed-off minutes is recorded, shown with the meeting,
// and in the audit log with who recorded it; the minutes, their checksum
// and their seal stay exactly as they were.
func TestFollowUpsLeaveSignedOffMinutesAlone(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	db.SetUser("Follow Up Officer")
	before, err := db.Meeting(ctx, richSignedOffID)
	if err != nil {
		t.Fatal(err)
	}
	minutes, _ := meeting.MarshalMeeting(before.Minutes())
	seal, _ := stateHash(ctx, db.sql, richSignedOffID)
	var checksum string
	db.sql.QueryRow(`SELECT checksum FROM meetings WHERE id = ?`, richSignedOffID).Scan(&checksum)

	rowsBefore := followUpRows(t, db)
	fs := followUpsOfExample(t, db)

	after, err := db.Meeting(ctx, richSignedOffID)
	if err != nil {
		t.Fatal(err)
	}
	if d := after.Actions[2].Done; d == nil || d.On != fs[0].On || d.RecordedBy != "Follow Up Officer" || d.RecordedAt.IsZero() {
		t.Errorf("action done: %+v", d)
	}
	if after.ICPC == nil || after.ICPC.HeldOn != fs[1].On {
		t.Errorf("conference: %+v", after.ICPC)
	}
	if n := len(after.Distribution); n != len(before.Distribution)+1 || after.Distribution[n-1].Name != "DS Tom Reed" ||
		after.Distribution[n-1].RecordedBy != "Follow Up Officer" {
		t.Errorf("distribution: %+v", after.Distribution)
	}
	if got, _ := meeting.MarshalMeeting(after.Minutes()); !bytes.Equal(got, minutes) {
		t.Error("the signed-off minutes changed")
	}
	if got, _ := stateHash(ctx, db.sql, richSignedOffID); got != seal {
		t.Error("the minutes' seal changed")
	}
	var nowChecksum string
	db.sql.QueryRow(`SELECT checksum FROM meetings WHERE id = ?`, richSignedOffID).Scan(&nowChecksum)
	if nowChecksum != checksum {
		t.Error("the minutes' checksum changed")
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("verify after follow-ups: %v", err)
	}
	log, _ := db.AuditLog(ctx, richSignedOffID, 0)
	var followUps []string
	for _, e := range log {
		if e.Event == EventFollowUp && e.Who == "Follow Up Officer" {
			followUps = append(followUps, e.Who+": "+e.Detail)
			if strings.Contains(e.Detail, "Tom Reed") {
				t.Errorf("the audit log names the recipient: %q", e.Detail)
			}
		}
	}
	if len(followUps) != 3 || !strings.Contains(strings.Join(followUps, "\n"), "Follow Up Officer: follow-up 5: action "+before.ActionKey(2)+" done on") {
		t.Errorf("audit log of follow-ups:\n%s", strings.Join(followUps, "\n"))
	}

	// The same again changes nothing, is not recorded, and says so.
	if err := db.RecordFollowUp(ctx, richSignedOffID, fs[1]); !errors.Is(err, ErrAlreadyRecorded) {
		t.Fatalf("recorded again: %v, want ErrAlreadyRecorded", err)
	}
	if rows := followUpRows(t, db); rows != rowsBefore+3 {
		t.Errorf("%d follow-up rows after recording one again, want %d", rows, rowsBefore+3)
	}
	// An action done can be open again; the conference, not needed after all.
	for _, f := range []meeting.FollowUp{
		{Kind: meeting.FollowUpActionDone, Action: before.ActionKey(2)},
		{Kind: meeting.FollowUpICPC, Reason: "The enquiry found no risk of significant harm"},
	} {
		if err := db.RecordFollowUp(ctx, richSignedOffID, f); err != nil {
			t.Fatal(err)
		}
	}
	after, _ = db.Meeting(ctx, richSignedOffID)
	if after.Actions[2].Done != nil || after.ICPC == nil || !after.ICPC.HeldOn.IsZero() || after.ICPC.NotNeededReason == "" {
		t.Errorf("after reopening and not needed: action %+v, conference %+v", after.Actions[2].Done, after.ICPC)
	}
}

func followUpRows(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow(`SELECT count(*) FROM follow_ups`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A follow-up that does not fit the meeting is refused, naming the field.
func TestFollowUpRefused(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	m, _ := db.Meeting(ctx, richSignedOffID)
	rowsBefore := followUpRows(t, db)
	sent := fmt.Sprintf("distribution[%d]", len(m.Distribution))
	for _, tt := range []struct {
		f     meeting.FollowUp
		field string
	}{
		{meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: "no-such-action", On: m.HeldOn()}, "actions"},
		{meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: m.ActionKey(2), On: m.HeldOn().AddDays(-3)}, "actions[2].done.on"},
		{meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: m.ActionKey(2), On: meeting.UKDate(time.Now()).AddDays(2)}, "actions[2].done.on"},
		{meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: m.ActionKey(2)}, "actions[2].done.on"},              // open already
		{meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: m.ActionKey(0), On: m.HeldOn()}, "actions[0].done"}, // completed in the minutes
		{meeting.FollowUp{Kind: meeting.FollowUpICPC, On: meeting.UKDate(time.Now()).AddDays(1)}, "icpc.held_on"},
		{meeting.FollowUp{Kind: meeting.FollowUpSent, Recipient: meeting.Recipient{Name: "A", Copy: meeting.CopyFull, SentAt: time.Now().Add(time.Hour)}}, sent + ".sent_at"},
		{meeting.FollowUp{Kind: meeting.FollowUpSent, Recipient: meeting.Recipient{Name: "A", Copy: meeting.CopyFull, SentAt: m.HeldAt.AddDate(0, 0, -2)}}, sent + ".sent_at"},
		{meeting.FollowUp{Kind: meeting.FollowUpICPC, On: m.HeldOn().AddDays(-1)}, "icpc.held_on"},
		{meeting.FollowUp{Kind: meeting.FollowUpICPC, On: m.HeldOn().AddDays(3), Reason: "both"}, "icpc.not_needed_reason"},
		{meeting.FollowUp{Kind: meeting.FollowUpSent, Recipient: meeting.Recipient{Copy: meeting.CopyFull, SentAt: time.Now()}}, sent + ".name"},
		{meeting.FollowUp{Kind: meeting.FollowUpSent, Recipient: meeting.Recipient{Name: "A", Copy: "half", SentAt: time.Now()}}, sent + ".copy"},
	} {
		err := db.RecordFollowUp(ctx, richSignedOffID, tt.f)
		var ps meeting.Problems
		if !errors.As(err, &ps) || len(ps) == 0 || ps[0].Field != tt.field {
			t.Errorf("%+v: %v, want a problem with %s", tt.f, err, tt.field)
		}
	}
	if err := db.RecordFollowUp(ctx, "no-such-meeting", meeting.FollowUp{Kind: meeting.FollowUpICPC, On: m.HeldOn()}); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("a follow-up of no meeting: %v", err)
	}
	if rows := followUpRows(t, db); rows != rowsBefore {
		t.Errorf("%d follow-ups stored of refused ones", rows-rowsBefore)
	}
}

// A follow-up changed, added or removed outside the app is named by Verify.
func TestFollowUpsChangedOutsideTheApp(t *testing.T) {
	for name, change := range map[string]string{
		"changed": "UPDATE follow_ups SET on_date = '2026-03-30' WHERE kind = 'icpc'",
		"removed": "DELETE FROM follow_ups WHERE kind = 'sent'",
		"added": `INSERT INTO follow_ups (meeting, kind, text, copy, sent_at, recorded_by, recorded_at)
			SELECT meeting, 'sent', 'Someone Else', 'full', sent_at, recorded_by, recorded_at FROM follow_ups WHERE kind = 'sent'`,
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "minutes.db")
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			importPaths(t, db, fullExamplePath)
			followUpsOfExample(t, db)
			db.Close()
			tamper(t, path, change)
			db, err = Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			err = db.Verify(ctx)
			if err == nil || !strings.Contains(err.Error(), "follow-up") || !strings.Contains(err.Error(), "SM-2026-00107") {
				t.Errorf("verify after a follow-up %s outside the app: %v", name, err)
			}
		})
	}
}

// Follow-ups travel in the interchange file: exported, imported into
// another database (as follow-ups, not as a change to signed-off minutes),
// and imported again, changing nothing.
func TestFollowUpsRoundTrip(t *testing.T) {
	ctx := context.Background()
	from := openTemp(t)
	importPaths(t, from, fullExamplePath)
	followUpsOfExample(t, from)
	var file bytes.Buffer
	if _, err := from.Export(ctx, &file, meeting.Filter{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(path, file.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	to := openTemp(t)
	importPaths(t, to, fullExamplePath) // the same minutes, the example's follow-ups only
	res := importPaths(t, to, path)
	if res.FollowUps != 3 || len(res.Conflicts) != 0 || res.Updated != 0 {
		t.Errorf("import of follow-ups: %+v, want 3 follow-ups and no conflict", res)
	}
	want, _ := from.Meeting(ctx, richSignedOffID)
	got, _ := to.Meeting(ctx, richSignedOffID)
	if !meeting.Equal(got, want) {
		t.Errorf("imported follow-ups differ: %v", meeting.Diff(want, got))
	}
	if res := importPaths(t, to, path); res.FollowUps != 0 {
		t.Errorf("imported again: %d follow-ups recorded, want none", res.FollowUps)
	}
	if err := to.Verify(ctx); err != nil {
		t.Errorf("verify after importing follow-ups: %v", err)
	}
	// An export from before the follow-ups, imported again, opens no
	// action again and replaces no newer record.
	var older bytes.Buffer
	to2 := openTemp(t)
	importPaths(t, to2, fullExamplePath)
	to2.Export(ctx, &older, meeting.Filter{})
	olderPath := filepath.Join(t.TempDir(), "older.json")
	if err := os.WriteFile(olderPath, older.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if res := importPaths(t, to, olderPath); res.FollowUps != 0 {
		t.Errorf("an older export recorded %d follow-ups", res.FollowUps)
	}
	if got, _ := to.Meeting(ctx, richSignedOffID); !meeting.Equal(got, want) {
		t.Errorf("an older export changed the follow-ups: %v", meeting.Diff(want, got))
	}
	// Into an empty database, with the meeting.
	empty := openTemp(t)
	// The state it holds: two actions done (the example's, and one since),
	// the conference's latest record, three recipients.
	if res := importPaths(t, empty, path); res.FollowUps != 6 {
		t.Errorf("import into an empty database: %+v", res)
	}
	if got, _ := empty.Meeting(ctx, richSignedOffID); !meeting.Equal(got, want) {
		t.Errorf("follow-ups imported with their meeting differ: %v", meeting.Diff(want, got))
	}
}

// An autosave of a draft keeps the follow-ups recorded meanwhile, which
// the editor's copy of the meeting does not hold.
func TestAutosaveKeepsFollowUps(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	m := exampleMeetings(t)[1]
	m.Actions = []meeting.Action{{ID: meeting.NewID(), Description: "Visit", Owner: "A Worker", Due: m.HeldOn().AddDays(3)}}
	for range 2 {
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RecordFollowUp(ctx, m.ID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: m.Actions[0].ID, On: m.HeldOn().AddDays(1)}); err != nil {
		t.Fatal(err)
	}
	m.Reason += " typed on"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Meeting(ctx, m.ID)
	if got.Actions[0].Done == nil || got.Reason != m.Reason {
		t.Errorf("after an autosave: action done %+v, reason kept %v", got.Actions[0].Done, got.Reason == m.Reason)
	}
}

// An action recorded before actions had ids is followed up by its number.
func TestFollowUpOfActionWithoutID(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	const legacy = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13" // SM-2025-00412, signed off
	m, _ := db.Meeting(ctx, legacy)
	if m.Actions[2].ID != "" || m.ActionKey(2) != "#3" {
		t.Fatalf("the example's action 3 has id %q, key %q", m.Actions[2].ID, m.ActionKey(2))
	}
	on := m.HeldOn().AddDays(5)
	if err := db.RecordFollowUp(ctx, legacy, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: "#3", On: on}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Meeting(ctx, legacy)
	if got.Actions[2].Done == nil || got.Actions[2].Done.On != on || got.Actions[1].Done != nil || got.Actions[2].DoneOn() != on {
		t.Errorf("actions after #3 done: %+v", got.Actions)
	}
	if got.Actions[2].Overdue(on.AddDays(30)) {
		t.Error("an action done by a follow-up is overdue")
	}
	if err := db.Verify(ctx); err != nil {
		t.Error(err)
	}
}
