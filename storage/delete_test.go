package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
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
	keep.SignedOffAt, keep.SignedOffBy, keep.SignOffRules = time.Time{}, "", 0
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

// markedMeeting returns a copy of the signed-off example with a marker in a
// child's name, the reason for the meeting, a rationale, an action and an
// attendee's note, under a new id and reference.
func markedMeeting(t *testing.T, marker string) *meeting.Meeting {
	t.Helper()
	var signed *meeting.Meeting
	for _, m := range exampleMeetings(t) {
		if m.SignedOff() {
			signed = m.Clone()
		}
	}
	if signed == nil {
		t.Fatal("no signed-off example")
	}
	signed.ID, signed.Reference = meeting.NewID(), "SM-2026-0042"
	signed.Children[0].Name = "Amelia " + marker
	signed.Children[0].CaseReference = "CR-" + marker
	signed.Reason = "Referral about " + marker + " from school"
	signed.Decisions[0].Rationale = "Because " + marker + " said so"
	signed.Actions[0].Description = "Visit " + marker + " at home"
	signed.Attendees[0].Note = "Knows " + marker
	return signed
}

// fileHolds reports which of the database's files hold s in any case.
func fileHolds(t *testing.T, db *DB, s string) []string {
	t.Helper()
	var in []string
	for _, path := range []string{db.Path(), db.Path() + "-wal", db.Path() + "-shm"} {
		data, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		lower := bytes.ToLower(data)
		if bytes.Contains(lower, bytes.ToLower([]byte(s))) {
			in = append(in, path)
		}
	}
	return in
}

// trigramsIn returns the trigrams of s, lower-cased as the search index
// keeps them, that the database's files hold. The index stores its terms
// prefix-compressed, so a whole word is never in its pages, but the first
// term of a page is, in full.
func trigramsIn(t *testing.T, db *DB, s string) []string {
	t.Helper()
	var data []byte
	for _, path := range []string{db.Path(), db.Path() + "-wal"} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		data = append(data, b...)
	}
	var found []string
	r := []rune(strings.ToLower(s))
	for i := 0; i+3 <= len(r); i++ {
		if g := string(r[i : i+3]); bytes.Contains(data, []byte(g)) {
			found = append(found, g)
		}
	}
	return found
}

// Signed-off minutes are deleted only with a ground and a reason; then the
// record, its amendments and its search entries are gone, no byte of its
// text is left in the database or its write-ahead log, not even a trigram
// in the search index, and the audit log keeps who, when, the reference,
// the ground and the reason, never the child's name.
func TestDeleteSignedOffErasesEveryTrace(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	db.SetUser("Chair Person")
	// A database whose index lost its secure-delete setting is erased too.
	if _, err := db.sql.Exec(`INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 0)`); err != nil {
		t.Fatal(err)
	}
	const marker = "Xqjzvk"
	keep := exampleMeetings(t)[0]
	if err := db.SaveMeeting(ctx, keep); err != nil {
		t.Fatal(err)
	}
	m := markedMeeting(t, marker)
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	amended := m.Clone()
	amended.Decisions[0].Rationale = "Because " + marker + " said so, and more"
	if err := db.Amend(ctx, amended, "Typo about "+marker); err != nil {
		t.Fatal(err)
	}
	// The search index holds the name (a search moves waiting entries in).
	if found, err := db.Summaries(ctx, meeting.Filter{Text: strings.ToLower(marker)}); err != nil || len(found) != 1 {
		t.Fatalf("search for the marker before the delete: %d found, %v", len(found), err)
	}
	if grams := trigramsIn(t, db, " "+marker); len(grams) == 0 {
		t.Fatal("no trigram of the marker is in the files before the delete: the test proves nothing")
	}
	if in := fileHolds(t, db, marker); len(in) == 0 {
		t.Fatal("the marker is in no file before the delete: the test proves nothing")
	}

	refusals := []struct {
		name string
		d    meeting.Deletion
		want error
	}{
		{"no ground", meeting.Deletion{Reason: "recorded against the wrong referral"}, meeting.ErrDeleteGround},
		{"unknown ground", meeting.Deletion{Ground: "bored", Reason: "recorded against the wrong referral"}, meeting.ErrDeleteGround},
		{"no reason", meeting.Deletion{Ground: meeting.GroundMistake}, meeting.ErrDeleteReason},
		{"blank reason", meeting.Deletion{Ground: meeting.GroundMistake, Reason: " \n\t "}, meeting.ErrDeleteReason},
		{"short reason", meeting.Deletion{Ground: meeting.GroundMistake, Reason: "oops"}, meeting.ErrDeleteReason},
		{"retention not over", meeting.Deletion{Ground: meeting.GroundRetention, Reason: "our schedule says so now"}, meeting.ErrRetentionNotDue},
	}
	for _, r := range refusals {
		if _, err := db.DeleteMeeting(ctx, m.ID, r.d); !errors.Is(err, r.want) {
			t.Errorf("%s: %v, want %v", r.name, err, r.want)
		}
	}
	if _, err := db.DeleteMeeting(ctx, m.ID, meeting.Deletion{Ground: meeting.GroundMistake, Reason: strings.Repeat("long ", 101)}); err == nil {
		t.Error("a reason of 505 characters was accepted")
	}
	if err := db.DeleteDraft(ctx, m.ID); !errors.Is(err, ErrSignedOff) {
		t.Errorf("DeleteDraft of signed-off minutes: %v", err)
	}
	if _, err := db.Meeting(ctx, m.ID); err != nil {
		t.Fatalf("the minutes after refused deletes: %v", err)
	}

	reason := "  Recorded against the wrong\nreferral; the right minutes are SM-2026-0043  "
	done, err := db.DeleteMeeting(ctx, m.ID, meeting.Deletion{Ground: meeting.GroundMistake, Reason: reason})
	if err != nil {
		t.Fatal(err)
	}
	if done != (meeting.Deleted{ID: m.ID, Reference: "SM-2026-0042", SignedOff: true}) || done.Name() != "SM-2026-0042" {
		t.Errorf("deleted: %+v", done)
	}
	if _, err := db.Meeting(ctx, m.ID); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("deleted minutes still load: %v", err)
	}
	if _, err := db.DeleteMeeting(ctx, m.ID, meeting.Deletion{Ground: meeting.GroundMistake, Reason: reason}); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("deleting it again: %v", err)
	}
	for _, q := range []string{
		`SELECT count(*) FROM children WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM attendees WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM actions WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM decisions WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM decision_children WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM consents WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM amendments WHERE meeting NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM search_entries WHERE rowid / 1024 NOT IN (SELECT rowid FROM meetings)`,
		`SELECT count(*) FROM search_pending WHERE rowid / 1024 NOT IN (SELECT rowid FROM meetings)`,
	} {
		var n int
		if err := db.sql.QueryRowContext(ctx, q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d rows left (%v)", q, n, err)
		}
	}
	if found, err := db.Summaries(ctx, meeting.Filter{Text: strings.ToLower(marker)}); err != nil || len(found) != 0 {
		t.Errorf("search for the marker after the delete: %d found, %v", len(found), err)
	}
	if grams := trigramsIn(t, db, " "+marker); len(grams) != 0 {
		t.Errorf("the files still hold the trigrams %q of the marker (the search index?)", grams)
	}
	if in := fileHolds(t, db, marker); len(in) != 0 {
		t.Errorf("the marker is still in %v", in)
	}
	if _, err := db.Meeting(ctx, keep.ID); err != nil {
		t.Errorf("the other meeting: %v", err)
	}

	events, err := db.AuditLog(ctx, m.ID, 1)
	if err != nil || len(events) != 1 {
		t.Fatalf("audit log: %v %v", events, err)
	}
	e := events[0]
	if e.Event != EventDeleteSignedOff || e.Who != "Chair Person" || e.Meeting != m.ID || time.Since(e.At) > time.Minute {
		t.Errorf("audit entry: %+v", e)
	}
	for _, want := range []string{`reference "SM-2026-0042"`, "ground mistake", `reason "Recorded against the wrong referral; the right minutes are SM-2026-0043"`} {
		if !strings.Contains(e.Detail, want) {
			t.Errorf("audit detail %q lacks %q", e.Detail, want)
		}
	}
	if strings.Contains(strings.ToLower(e.Detail), strings.ToLower(marker)) || strings.Contains(e.Detail, "Amelia") {
		t.Errorf("audit detail %q holds the record's content", e.Detail)
	}
	integrityOK(t, db)
}

// A draft is erased the same way, with or without a reason, and its
// audit entry names its reference.
func TestDeleteDraftWithReasonErasesEveryTrace(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	const marker = "Wkpqzj"
	m := markedMeeting(t, marker)
	m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0
	for i := range 5 { // autosave: versions of the pages in the log
		m.Attendees[0].Note = fmt.Sprintf("Knows %s (%d)", marker, i)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if found, err := db.Summaries(ctx, meeting.Filter{Text: strings.ToLower(marker)}); err != nil || len(found) != 1 {
		t.Fatalf("search before the delete: %d %v", len(found), err)
	}
	done, err := db.DeleteMeeting(ctx, m.ID, meeting.Deletion{Ground: meeting.GroundRetention, Reason: "started twice"})
	if err != nil {
		t.Fatal(err)
	}
	if done.SignedOff || done.Reference != "SM-2026-0042" {
		t.Errorf("deleted: %+v", done)
	}
	if grams := trigramsIn(t, db, " "+marker); len(grams) != 0 {
		t.Errorf("the files still hold the trigrams %q of the marker (the search index?)", grams)
	}
	if in := fileHolds(t, db, marker); len(in) != 0 {
		t.Errorf("the marker is still in %v", in)
	}
	events, _ := db.AuditLog(ctx, m.ID, 1)
	if len(events) != 1 || events[0].Event != EventDelete || events[0].Detail != `reference "SM-2026-0042"; reason "started twice"` {
		t.Errorf("audit log: %+v", events)
	}
}

// Signed-off minutes whose retention period is over may be deleted on that
// ground; the period runs from the day of the meeting.
func TestDeleteSignedOffAfterRetention(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	m := markedMeeting(t, "Retained")
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	until := db.Retention().KeptUntil(m)
	if want := meeting.UKDate(m.HeldAt).Year + db.Retention().Years; until.Year != want {
		t.Fatalf("kept until %s, want the year %d", until, want)
	}
	d := meeting.Deletion{Ground: meeting.GroundRetention, Reason: "retention period over (schedule item 4.2)"}
	defer func(c func() time.Time) { deleteClock = c }(deleteClock)
	deleteClock = func() time.Time { return until.Time(meeting.UK).Add(-time.Hour) }
	if _, err := db.DeleteMeeting(ctx, m.ID, d); !errors.Is(err, meeting.ErrRetentionNotDue) || !strings.Contains(err.Error(), until.String()) {
		t.Errorf("the day before: %v", err)
	}
	deleteClock = func() time.Time { return until.Time(meeting.UK).Add(time.Hour) }
	if _, err := db.DeleteMeeting(ctx, m.ID, d); err != nil {
		t.Errorf("on the day: %v", err)
	}
	events, _ := db.AuditLog(ctx, m.ID, 1)
	if len(events) != 1 || !strings.Contains(events[0].Detail, "ground retention") {
		t.Errorf("audit log: %+v", events)
	}
}

// The files that may still hold a deleted meeting are the daily backups
// and the databases a restore kept aside, nothing else.
func TestOlderCopies(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if copies, err := OlderCopies(db.Path()); err != nil || len(copies) != 0 {
		t.Fatalf("a new database: %v %v", copies, err)
	}
	if _, err := db.DailyBackup(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	aside := db.Path() + ".replaced-20260301-101500"
	if err := os.WriteFile(aside, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db.Path()+".other", []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	copies, err := OlderCopies(db.Path())
	if err != nil || len(copies) != 2 || copies[1] != aside {
		t.Errorf("older copies %v %v", copies, err)
	}
}
