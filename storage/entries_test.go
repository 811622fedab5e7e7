package storage

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// importAll imports the meetings into db.
func importAll(t testing.TB, db *DB, ms []*meeting.Meeting) {
	t.Helper()
	_, err := db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// reportMatchesDefinitions checks that the report of every year, from the
// entries, is what the definitions count over the stored meetings, and
// that check finds every entry right.
func reportMatchesDefinitions(t *testing.T, db *DB, when string) *meeting.Report {
	t.Helper()
	ctx := context.Background()
	from, to := reportDate("1990-01-01"), reportDate("2030-12-31")
	got, err := db.Report(ctx, from, to, demo.AsOf)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	if want := pureReport(t, db, from, to, demo.AsOf, meeting.Filter{}); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the entries give\n%+v\nthe definitions\n%+v", when, got, want)
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("%s: check: %v", when, err)
	}
	return got
}

// A database of the previous version gains an entry for every meeting, with
// its follow-ups, when it is opened: the report is as before.
func TestReportEntriesMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ms := demo.Generate(400, 3)
	// One child at three meetings.
	for _, m := range ms[1:3] {
		m.Children[0].CaseReference = " " + strings.ToLower(ms[0].Children[0].CaseReference)
	}
	importAll(t, db, append(ms, reportEdgeCases()...))
	before := reportMatchesDefinitions(t, db, "before")
	if before.Timeliness.ICPC.HeldInTime+before.Timeliness.ICPC.HeldLate == 0 || before.Repeats.MoreThanOne == 0 {
		t.Fatalf("no conference held or child seen twice to carry over: %+v %+v", before.Timeliness.ICPC, before.Repeats)
	}
	if _, err := db.sql.Exec(dropReportEntries); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var meetings, entries int
	db.sql.QueryRow(`SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM report_entries)`).Scan(&meetings, &entries)
	if meetings == 0 || entries != meetings {
		t.Fatalf("%d entries for %d meetings", entries, meetings)
	}
	if after := reportMatchesDefinitions(t, db, "after"); !reflect.DeepEqual(after, before) {
		t.Errorf("the report changed with the migration:\n%+v\n%+v", after, before)
	}
	if _, err := db.Report(ctx, reportDate("2025-04-01"), reportDate("2026-03-31"), demo.AsOf); err != nil {
		t.Fatal(err)
	}
}

// Every kind of write keeps the entries right: a save, an amendment, a
// follow-up, an import over a stored meeting, a deletion.
func TestReportEntriesFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms := demo.Generate(200, 8)
	importAll(t, db, ms)
	reportMatchesDefinitions(t, db, "imported")

	var draft, signed, s47 *meeting.Meeting
	for _, m := range ms {
		switch {
		case draft == nil && !m.SignedOff() && len(m.Children) > 0:
			draft = m
		case signed == nil && m.SignedOff() && len(m.Attendees) > 1 && len(m.Actions) > 0:
			signed = m
		case s47 == nil && meeting.StartsSection47(m) && m.ICPC == nil:
			s47 = m
		}
	}
	if draft == nil || signed == nil || s47 == nil {
		t.Fatal("the demo lacks a draft, a signed-off meeting or a conference to record")
	}

	// A save: another agency, a case reference, a consent.
	d := draft.Minutes()
	d.Attendees = append(d.Attendees, meeting.Attendee{Name: "A new officer", Agency: meeting.AgencyPolice, Attendance: meeting.Attended})
	d.Children[0].CaseReference = "NEW-CASE-1"
	d.Consent = &meeting.Consent{Status: meeting.ConsentOverridden, Reason: " "}
	if err := db.SaveMeeting(ctx, d); err != nil {
		t.Fatal(err)
	}
	reportMatchesDefinitions(t, db, "saved")

	// An amendment of signed-off minutes: an attendee now absent, an action dropped.
	a := signed.Minutes()
	a.Attendees[0].Attendance = meeting.DidNotAttend
	a.Actions[0].CarriedFrom, a.Actions[0].DroppedReason = "an-earlier-action", "Overtaken by the enquiry"
	if err := db.Amend(ctx, a, "Attendance corrected"); err != nil {
		t.Fatal(err)
	}
	reportMatchesDefinitions(t, db, "amended")

	// Follow-ups: the conference held late, an action done.
	held := meeting.BuiltInCalendar().AddWorkingDays(s47.HeldOn(), 20)
	if err := db.RecordFollowUp(ctx, s47.ID, meeting.FollowUp{Kind: meeting.FollowUpICPC, On: held}); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordFollowUp(ctx, signed.ID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: signed.ActionKey(1 % len(signed.Actions)), On: signed.HeldOn().AddDays(30)}); err != nil && !errors.Is(err, ErrAlreadyRecorded) {
		t.Fatal(err)
	}
	r := reportMatchesDefinitions(t, db, "followed up")
	if r.Timeliness.ICPC.HeldLate == 0 {
		t.Error("the conference held late is not counted")
	}

	// An import over a stored draft: its children change.
	d2 := d.Minutes()
	d2.Children = append(d2.Children, meeting.Child{ID: "another-child", Name: "Another Child", CaseReference: "new-case-1"})
	importAll(t, db, []*meeting.Meeting{d2})
	reportMatchesDefinitions(t, db, "imported over")

	// A deletion.
	if err := db.DeleteDraft(ctx, d2.ID); err != nil {
		t.Fatal(err)
	}
	reportMatchesDefinitions(t, db, "deleted")
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM case_keys WHERE key = 'NEW-CASE-1'`).Scan(&n)
	if n != 0 {
		t.Error("the deleted meeting's case reference is still among the case keys")
	}
}

// A case reference typed one letter at a time leaves only the reference:
// each key is kept while an entry holds it, and goes with the last.
func TestCaseKeysFollowTyping(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	keys := func() map[string]int {
		got := map[string]int{}
		eachRow(ctx, db.sql, `SELECT key, uses FROM case_keys`, nil, func(rows *sql.Rows) error {
			var k string
			var n int
			err := rows.Scan(&k, &n)
			got[k] = n
			return err
		})
		return got
	}
	ms := demo.Generate(2, 4)
	for _, m := range ms {
		m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0 // drafts
		m.Children = m.Children[:1]
		for i := 1; i <= len("cs-12"); i++ {
			m.Children[0].CaseReference = "cs-12"[:i]
			if err := db.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := keys(); !reflect.DeepEqual(got, map[string]int{"CS-12": 2}) {
		t.Errorf("case keys %v, want CS-12 held by 2", got)
	}
	if err := db.DeleteDraft(ctx, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := keys(); !reflect.DeepEqual(got, map[string]int{"CS-12": 1}) {
		t.Errorf("case keys %v, want CS-12 held by 1", got)
	}
	if err := db.DeleteDraft(ctx, ms[1].ID); err != nil {
		t.Fatal(err)
	}
	if got := keys(); len(got) != 0 {
		t.Errorf("case keys %v, want none", got)
	}
}

// check finds an entry changed, removed or left without its meeting, and
// case keys that do not match the entries.
func TestCheckFindsReportEntriesChanged(t *testing.T) {
	for _, c := range []struct{ name, sql, want string }{
		{"another's entry", `UPDATE report_entries SET entry = (SELECT entry FROM report_entries WHERE meeting = 2) WHERE meeting = 1`, "its entry in the report does not match it"},
		{"removed", `DELETE FROM report_entries WHERE meeting = 3`, "its entry in the report does not match it"},
		{"a byte changed", `UPDATE report_entries SET entry = entry || x'00' WHERE meeting = 4`, "its entry in the report does not match it"},
		{"a case key changed", `UPDATE case_keys SET key = key || 'X' WHERE id = (SELECT min(id) FROM case_keys)`, "its entry in the report does not match it"},
		{"uses changed", `UPDATE case_keys SET uses = uses + 1 WHERE id = (SELECT min(id) FROM case_keys)`, "list of case references has 1 that do not match"},
		{"of no meeting", `PRAGMA foreign_keys = OFF; INSERT INTO report_entries SELECT held_unix, 99999, entry FROM report_entries WHERE meeting = 5`, "the report holds 1 entries of no meeting"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openTemp(t)
			importAll(t, db, demo.Generate(20, 2))
			ctx := context.Background()
			if err := db.Verify(ctx); err != nil {
				t.Fatal(err)
			}
			conn, err := db.sql.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.ExecContext(ctx, c.sql); err != nil {
				t.Fatal(err)
			}
			conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
			conn.Close()
			err = db.Verify(ctx)
			var ve *VerifyError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("check says %v, want %q", err, c.want)
			}
		})
	}
}
