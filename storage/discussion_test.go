package storage

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

const richID = "b7e4d2a0-5c1f-4e9a-8d3b-2f6a9c0e1d57" // SM-2026-00107 in example.json, every field of version 2

// Every field of version 2 is stored and read back: the export of the
// imported example is the example, oldest first.
func TestDiscussionRoundTrips(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	var got bytes.Buffer
	if _, err := db.Export(ctx, &got, meeting.Filter{}); err != nil {
		t.Fatal(err)
	}
	var ms []*meeting.Meeting
	if err := meeting.EachInFiles([]string{fullExamplePath}, func(m *meeting.Meeting) error { ms = append(ms, m); return nil }); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := meeting.NewEncoder(&want)
	for _, i := range []int{1, 0, 2} { // 2019, 2025, 2026
		enc.Encode(ms[i])
	}
	enc.Close()
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("export differs from the example:\n%s", got.String())
	}
	if err := db.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// A save writes only the discussion's rows that changed, and every edit of
// them reads back as saved.
func TestDiscussionSaves(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	m, err := db.Meeting(ctx, richID)
	if err != nil {
		t.Fatal(err)
	}
	// A draft copy of its minutes (follow-ups are recorded, not saved), to
	// edit as a chair would.
	m = m.Minutes()
	m.ID, m.SignedOffAt, m.SignedOffBy, m.SignOffRules = "draft-copy", time.Time{}, "", 0
	edits := []func(m *meeting.Meeting){
		func(m *meeting.Meeting) { m.Information[1].Summary += " More." },
		func(m *meeting.Meeting) { m.Information = append(m.Information[:1], m.Information[2:]...) },
		func(m *meeting.Meeting) { m.Analysis.Dissent = "" },
		func(m *meeting.Meeting) { m.Police.Investigation = meeting.InvestigationToBeDecided },
		func(m *meeting.Meeting) { m.FamilyPlan[1].Withheld = false; m.FamilyPlan[1].WithheldReason = "" },
		func(m *meeting.Meeting) {
			m.Household = append([]meeting.Member{{ID: "h9", Name: "New"}}, m.Household...)
		},
		func(m *meeting.Meeting) { m.Children[0].Views = "" },
		func(m *meeting.Meeting) {
			m.Analysis, m.Police, m.Medical, m.Legal = meeting.Analysis{}, meeting.Police{}, meeting.Medical{}, meeting.Legal{}
			m.SafetyPlan, m.OtherChildren, m.NextMeetingAt = "", "", time.Time{}
		},
		func(m *meeting.Meeting) { m.SafetyPlan = "Back again" },
	}
	for i, edit := range edits {
		edit(m)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		got, err := db.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !meeting.Equal(got, m) {
			t.Fatalf("edit %d: read back %v", i, meeting.Diff(m, got))
		}
	}
	var rows int
	db.sql.QueryRow(`SELECT count(*) FROM discussions WHERE meeting = (SELECT rowid FROM meetings WHERE id = 'draft-copy')`).Scan(&rows)
	if rows != 1 {
		t.Errorf("%d discussion rows", rows)
	}
	if err := db.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// A change made outside the app to any of the discussion's rows shows.
func TestDiscussionTamperingShows(t *testing.T) {
	for _, stmt := range []string{
		`UPDATE information SET summary = 'nothing known' WHERE position = 0`,
		`DELETE FROM information WHERE position = 4`,
		`UPDATE family_plan SET withheld = 0`,
		`UPDATE household SET alleged = 0`,
		`DELETE FROM household`,
		`UPDATE discussions SET safety_plan = ''`,
		`DELETE FROM discussions`,
		`UPDATE children SET views = 'changed' WHERE child_id = 'c1'`,
		`UPDATE meetings SET sign_off_rules = 0`,
		`INSERT INTO household (meeting, position, member_id, name) SELECT meeting, 9, 'h9', 'Planted' FROM household LIMIT 1`,
	} {
		t.Run(stmt, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "minutes.db")
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			importPaths(t, db, fullExamplePath)
			db.Close()
			tamper(t, path, stmt)
			db, err = Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			err = db.Verify(context.Background())
			if !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "SM-2026-00107") {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

// A database of schema version 7 keeps every checksum and seal when the
// discussion's tables and columns are added: check passes after the
// update, and a change after it shows.
func TestDiscussionMigrationKeepsSeals(t *testing.T) {
	path, _ := sealedFixture(t)
	tamper(t, path, dropDiscussion)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := db.Verify(ctx); err != nil {
		t.Fatalf("after the update: %v", err)
	}
	var version int
	db.sql.QueryRow(`PRAGMA user_version`).Scan(&version)
	if version != SchemaVersion() {
		t.Errorf("schema version %d", version)
	}
	signed, err := db.Meeting(ctx, exampleMeetings(t)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if signed.SignOffRules != meeting.RulesLegacy {
		t.Errorf("sign-off rules %d for minutes signed off before the checklist", signed.SignOffRules)
	}
	// Amended under the rules it was signed off under: no questions asked.
	changed := signed.Clone()
	changed.Children[0].Views = "Amelia wants to see her dad."
	if err := db.Amend(ctx, changed, "child's views added"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tamper(t, path, "UPDATE children SET views = 'x' WHERE child_id = 'c1'")
	db, _ = Open(path)
	defer db.Close()
	if err := db.Verify(ctx); !errors.Is(err, ErrTampered) {
		t.Errorf("a change after the update: %v", err)
	}
}

// An amendment of minutes signed off with the statutory questions answered
// cannot unanswer one, nor change the rules they were signed off under.
func TestAmendKeepsTheQuestionsAnswered(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	signed, err := db.Meeting(ctx, richID)
	if err != nil {
		t.Fatal(err)
	}
	for name, spoil := range map[string]func(m *meeting.Meeting){
		"safety plan removed":  func(m *meeting.Meeting) { m.SafetyPlan = "" },
		"legal reason removed": func(m *meeting.Meeting) { m.Legal.Reason = "" },
		"family plan removed":  func(m *meeting.Meeting) { m.FamilyPlan = nil },
		"rules changed":        func(m *meeting.Meeting) { m.SignOffRules = meeting.RulesLegacy },
	} {
		m := signed.Clone()
		spoil(m)
		if err := db.Amend(ctx, m, "tidying up"); err == nil {
			t.Errorf("%s: amended", name)
		}
	}
	m := signed.Clone()
	m.SafetyPlan += " Reviewed on 12 March."
	if err := db.Amend(ctx, m, "safety plan reviewed"); err != nil {
		t.Errorf("an amendment that keeps every answer: %v", err)
	}
}
