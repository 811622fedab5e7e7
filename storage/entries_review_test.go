package storage

// Writes and damage that once left a report entry or a case key wrong,
// found by a review that tried to break the report entries (issue 14).

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// openDraftAction returns a stored draft with an action that has a due date
// and is open, and that action's index.
func openDraftAction(t *testing.T, db *DB, ms []*meeting.Meeting) (*meeting.Meeting, int) {
	t.Helper()
	for _, m := range ms {
		if m.SignedOff() {
			continue
		}
		s, err := db.Meeting(context.Background(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range s.Actions {
			if !a.Due.IsZero() && !a.Closed() && len(s.Attendees) > 0 {
				return s, i
			}
		}
	}
	t.Fatal("no draft with an open action")
	return nil, 0
}

// An import over a stored draft whose file changes the minutes and adds a
// follow-up: the entry must count the follow-up.
func TestImportOverADraftWithAFollowUpKeepsItsEntry(t *testing.T) {
	db := openTemp(t)
	ms := demo.Generate(100, 8)
	importAll(t, db, ms)
	reportMatchesDefinitions(t, db, "imported")

	s, i := openDraftAction(t, db, ms)
	f := s.Clone()
	// The minutes change in a way the report counts...
	f.Attendees = append(f.Attendees, meeting.Attendee{Name: "A housing officer", Agency: meeting.AgencyHousing, Attendance: meeting.DidNotAttend})
	// ...and the file records the action done (late) since.
	on := s.Actions[i].Due.AddDays(3)
	f.Actions[i].Done = &meeting.ActionDone{On: on, RecordedBy: "Someone", RecordedAt: on.Time(meeting.UK).Add(12 * time.Hour)}
	importAll(t, db, []*meeting.Meeting{f})
	reportMatchesDefinitions(t, db, "imported over, with a follow-up")
}

// A damaged entry (the report refuses it) and then an ordinary save and a
// deletion of the meeting: the case keys must end as the meetings have them
// (none left of a deleted child).
func TestSaveAndDeleteOverADamagedEntryCountCasesAgain(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms := demo.Generate(100, 8)
	importAll(t, db, ms)
	var d *meeting.Meeting
	for _, m := range ms {
		if !m.SignedOff() && len(m.Children) > 0 {
			d = m
			break
		}
	}
	if d == nil {
		t.Fatal("no draft")
	}
	d.Children[0].CaseReference = "ONLY-HERE-1"
	if err := db.SaveMeeting(ctx, d); err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec(`UPDATE report_entries SET entry = x'05FFFFFFFF01' WHERE meeting = (SELECT rowid FROM meetings WHERE id = ?)`, d.ID); err != nil {
		t.Fatal(err)
	}
	// The chair goes on typing: the save works, and writes the entry again.
	d.Reason += " More."
	db.writing.close() // as another process would: no kept image
	if err := db.SaveMeeting(ctx, d); err != nil {
		t.Fatalf("save after a damaged entry: %v", err)
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("check after the entry was written again: %v", err)
	}
	if err := db.DeleteDraft(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	db.sql.QueryRow(`SELECT count(*) FROM case_keys WHERE key = 'ONLY-HERE-1'`).Scan(&n)
	if n != 0 {
		t.Error("the deleted meeting's case reference is still in case_keys")
	}
}

// The entry's held_unix (the column the report selects a period by) changed
// outside the app: check must say so, since the report then leaves the
// meeting out of its period.
func TestCheckFindsAnEntrysTimeChanged(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importAll(t, db, demo.Generate(20, 2))
	if _, err := db.sql.Exec(`UPDATE report_entries SET held_unix = held_unix + 400*86400 WHERE meeting = 3`); err != nil {
		t.Fatal(err)
	}
	if err := db.Verify(ctx); err == nil {
		t.Error("check finds nothing wrong, yet the report leaves the meeting out of its period")
	}
}

// Random mixtures of every kind of write, the report checked after each.
func TestReportEntriesFollowMixedWrites(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms := demo.Generate(120, 11)
	importAll(t, db, ms)
	r := rand.New(rand.NewPCG(5, 6))
	refs := []string{"MIX-1", " mix-1 ", "Mix-1\u00a0", "MIX-2", ""}
	for step := 0; step < 600; step++ {
		m := ms[r.IntN(len(ms))]
		s, err := db.Meeting(ctx, m.ID)
		if err != nil {
			continue // deleted
		}
		what := ""
		switch k := r.IntN(7); {
		case k == 0 && !s.SignedOff(): // autosaves in a row
			what = "autosaves"
			for range 3 {
				c := s.Clone()
				if len(c.Children) > 0 {
					c.Children[0].CaseReference = refs[r.IntN(len(refs))]
				}
				if len(c.Attendees) > 0 {
					c.Attendees[0].Attendance = meeting.Attendances.Codes()[r.IntN(len(meeting.Attendances.Codes()))]
				}
				if err := db.SaveMeeting(ctx, c); err != nil {
					t.Logf("save: %v", err)
				}
				s = c
			}
		case k == 1 && s.SignedOff():
			what = "amend"
			c := s.Clone()
			if len(c.Children) > 0 {
				c.Children[0].CaseReference = refs[r.IntN(len(refs)-1)]
			}
			if err := db.Amend(ctx, c, "Corrected the case reference"); err != nil {
				t.Logf("amend: %v", err)
			}
		case k == 2 && len(s.Actions) > 0:
			what = "action done or open"
			i := r.IntN(len(s.Actions))
			f := meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: s.ActionKey(i)}
			if s.Actions[i].Done == nil {
				f.On = s.HeldOn().AddDays(r.IntN(40))
				if f.On.After(meeting.UKDate(time.Now())) {
					f.On = meeting.UKDate(time.Now())
				}
			}
			db.RecordFollowUp(ctx, s.ID, f)
		case k == 3 && meeting.StartsSection47(s):
			what = "icpc"
			f := meeting.FollowUp{Kind: meeting.FollowUpICPC}
			if r.IntN(2) == 0 {
				f.On = s.HeldOn().AddDays(r.IntN(30))
			} else {
				f.Reason = "Not needed after the enquiry"
			}
			db.RecordFollowUp(ctx, s.ID, f)
		case k == 4 && !s.SignedOff():
			what = "import over a draft, with a follow-up"
			c := s.Clone()
			c.Reason += " (file)"
			if len(c.Attendees) > 0 {
				c.Attendees[0].Attendance = meeting.Attendances.Codes()[r.IntN(len(meeting.Attendances.Codes()))]
			}
			for i, a := range c.Actions {
				if a.Done == nil && a.Completed.IsZero() && a.DroppedReason == "" {
					on := s.HeldOn().AddDays(5)
					c.Actions[i].Done = &meeting.ActionDone{On: on, RecordedBy: "File", RecordedAt: time.Now().Add(-time.Hour)}
					break
				}
			}
			res, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error { return fn(c) })
			if err != nil {
				t.Logf("import: %+v %v", res, err)
			}
		case k == 5:
			what = "reconvene"
			n := meeting.Reconvene(s, s.HeldAt.Add(14*24*time.Hour))
			if err := db.SaveMeeting(ctx, n); err != nil {
				t.Logf("reconvene: %v", err)
			} else {
				ms = append(ms, n)
			}
		case k == 6 && !s.SignedOff():
			what = "delete"
			if err := db.DeleteDraft(ctx, s.ID); err != nil {
				t.Logf("delete: %v", err)
			}
		default:
			continue
		}
		from, to := reportDate("1990-01-01"), reportDate("2030-12-31")
		got, err := db.Report(ctx, from, to, demo.AsOf)
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		if want := pureReport(t, db, from, to, demo.AsOf, meeting.Filter{}); !equalReports(got, want) {
			t.Fatalf("step %d (%s) on %s: the report from the entries differs from the definitions", step, what, s.ID)
		}
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("check at the end: %v", err)
	}
}

func equalReports(a, b *meeting.Report) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// Two handles on one file, as the app and the command line: the app
// autosaves a draft over and over while the other records follow-ups on
// it and imports over it; the report must stay the definitions'.
func TestReportEntriesWithTwoWritersOnOneDraft(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms := demo.Generate(100, 8)
	importAll(t, db, ms)
	other, err := Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	s, i := openDraftAction(t, db, ms)
	for round := 0; round < 20; round++ {
		c := s.Clone()
		c.Reason += "."
		if len(c.Attendees) > 0 {
			c.Attendees[0].Attendance = meeting.Attendances.Codes()[round%len(meeting.Attendances.Codes())]
		}
		if err := db.SaveMeeting(ctx, c); err != nil {
			t.Fatal(err)
		}
		s = c
		f := meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: s.ActionKey(i)}
		if round%2 == 0 {
			f.On = s.HeldOn().AddDays(round + 1)
		}
		if err := other.RecordFollowUp(ctx, s.ID, f); err != nil {
			t.Logf("follow-up: %v", err)
		}
		if err := db.SaveMeeting(ctx, s); err != nil { // the editor's copy, without the follow-up
			t.Fatal(err)
		}
		reportMatchesDefinitions(t, db, "round")
	}
}

// A database of the previous version with one meeting that cannot be read
// (damaged, which the previous version's check named): after the update it
// must still open, so that check can name that meeting and the rest can be
// exported.
func TestMigrationOpensWithAnUnreadableMeeting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	importAll(t, db, demo.Generate(20, 2))
	if _, err := db.sql.Exec(dropReportEntries + `UPDATE meetings SET referral_received_at = 'yesterday' WHERE rowid = 5;`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatalf("the updated app cannot open the database at all: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Verify(ctx); err == nil {
		t.Error("check finds nothing wrong with a meeting that cannot be read")
	}
	// The report refuses the damaged meeting's period rather than leave it out.
	var held string
	if err := db.sql.QueryRow(`SELECT held_at FROM meetings WHERE rowid = 5`).Scan(&held); err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse(time.RFC3339, held)
	if err != nil {
		t.Fatalf("held_at %q: %v", held, err)
	}
	day := meeting.UKDate(at)
	if _, err := db.Report(ctx, day, day, demo.AsOf); err == nil || !strings.Contains(err.Error(), "check") {
		t.Errorf("the report of the unreadable meeting's day: %v, want an error that says to run check", err)
	}
}

// One extra row in case_keys, with a large id, put in with sqlite3: the
// report must fail with an error, not panic.
func TestReportWithAHugeCaseKeyNumber(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importAll(t, db, demo.Generate(20, 2))
	if _, err := db.sql.Exec(`INSERT INTO case_keys (id, key, uses) VALUES (9000000000000000000, 'X', 1)`); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("the report panics: %v", p)
		}
	}()
	// A key no meeting holds counts for nothing: the report is the definitions'.
	from, to := reportDate("2025-04-01"), reportDate("2026-03-31")
	got, err := db.Report(ctx, from, to, demo.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	if want := pureReport(t, db, from, to, demo.AsOf, meeting.Filter{}); !equalReports(got, want) {
		t.Error("with a stray case key, the report differs from the definitions")
	}
	if err := db.Verify(ctx); err == nil {
		t.Error("check finds nothing wrong with a case key of no meeting")
	}
}
