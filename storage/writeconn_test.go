package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"strategyminutes/meeting"
)

// An autosave starts from what the last one wrote only while nothing else
// has written: each way something else can write is tried between two
// autosaves, and the meeting must then read back exactly as the second
// saved it (checkStored), whatever the first left behind.
func TestAutosaveAfterOtherWrites(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		// between writes to the meeting, stored as m, by some other way.
		between func(t *testing.T, db *DB, path string, m *meeting.Meeting)
	}{
		{"another process's save", func(t *testing.T, _ *DB, path string, m *meeting.Meeting) {
			other, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			c := m.Clone()
			c.Children = append(c.Children, meeting.Child{ID: "child-from-elsewhere", Name: "Added Elsewhere"})
			c.Actions = nil
			if err := other.SaveMeeting(ctx, c); err != nil {
				t.Fatal(err)
			}
		}},
		{"an import in this process", func(t *testing.T, db *DB, _ string, m *meeting.Meeting) {
			c := m.Clone()
			c.Attendees = c.Attendees[:1]
			c.Reason = "imported over"
			res, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error { return fn(c) })
			if err != nil || res.Updated != 1 {
				t.Fatalf("import: %+v, %v", res, err)
			}
		}},
		{"a save of another meeting", func(t *testing.T, db *DB, _ string, m *meeting.Meeting) {
			c := m.Clone()
			c.ID = "another-meeting"
			c.Reference = "SM-OTHER"
			if err := db.SaveMeeting(ctx, c); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "minutes.db")
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			m := exampleMeetings(t)[1]
			for i := range 3 { // the later ones start from what the earlier wrote
				m.Reason = fmt.Sprint("typed ", i)
				if err := db.SaveMeeting(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			stored, err := db.Meeting(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			tt.between(t, db, path, stored)
			m.Reason = "typed after"
			if err := db.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			checkStored(t, db, m, tt.name)
			if err := db.Verify(ctx); err != nil {
				t.Errorf("verify: %v", err)
			}
		})
	}
}

// Rows changed outside the app between two autosaves are never written
// over, though the second would otherwise start from what the first wrote.
func TestAutosaveRefusesRowsChangedBetween(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := exampleMeetings(t)[1]
	for i := range 2 {
		m.Reason = fmt.Sprint("typed ", i)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	tamper(t, path, "UPDATE children SET name = 'Changed Outside' WHERE position = 0")
	m.Reason = "typed after"
	if err := db.SaveMeeting(ctx, m); !errors.Is(err, ErrChecksum) {
		t.Fatalf("save over changed rows: %v, want ErrChecksum", err)
	}
	var name, reason string
	db.sql.QueryRow(`SELECT c.name, m.reason FROM children c JOIN meetings m ON m.rowid = c.meeting WHERE c.position = 0`).Scan(&name, &reason)
	if name != "Changed Outside" || reason != "typed 1" {
		t.Error("the changed meeting was written over: the evidence is gone")
	}
}

// What an autosave keeps for the next is its own: the editor changing the
// meeting afterwards, in place, changes what the next save writes, never
// what the last is taken to have written.
func TestAutosaveKeepsNoSliceOfTheMeeting(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	m := exampleMeetings(t)[1]
	if len(m.Decisions) == 0 {
		t.Fatal("the example needs a decision")
	}
	if len(m.Children) < 2 {
		m.Children = append(m.Children, meeting.Child{ID: "second-child", Name: "Second Child"})
	}
	m.Decisions[0].Children = []string{m.Children[0].ID}
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	m.Decisions[0].Children[0] = m.Children[1].ID // a tick moved, in place
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	checkStored(t, db, m, "a decision's child changed in place")
	got, _ := db.Meeting(ctx, m.ID)
	if !slices.Equal(got.Decisions[0].Children, []string{m.Children[1].ID}) {
		t.Errorf("decision covers %v, want the second child", got.Decisions[0].Children)
	}
}

// The audit log of autosaves one after another, by one person and then
// another and then the first again, is what reading it each time gave.
func TestAutosaveAuditWithoutReadingIt(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	m := exampleMeetings(t)[1]
	for _, who := range []string{"First Person", "First Person", "Second Person", "Second Person", "First Person"} {
		db.SetUser(who)
		m.Reason += "."
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := auditWho(t, db, m.ID), "change First Person,change Second Person,create First Person"; got != want {
		t.Errorf("audit log %q, want %q", got, want)
	}
}

// An autosave never puts back a meeting that was deleted, or whose rows
// were removed outside the app: the chair's window may still hold it.
func TestAutosaveDoesNotBringBackAMeetingGone(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		gone func(t *testing.T, db *DB, path, id string)
		want error
	}{
		{"deleted by the app", func(t *testing.T, db *DB, _, id string) {
			if err := db.DeleteDraft(ctx, id); err != nil {
				t.Fatal(err)
			}
		}, ErrDeleted},
		{"removed outside the app", func(t *testing.T, _ *DB, path, id string) {
			tamper(t, path, "PRAGMA foreign_keys = ON; DELETE FROM meetings WHERE id = '"+id+"'")
		}, ErrRemoved},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "minutes.db")
			db, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			m := exampleMeetings(t)[1]
			for range 2 {
				if err := db.SaveMeeting(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			tt.gone(t, db, path, m.ID)
			m.Reason = "typed after"
			if err := db.SaveMeeting(ctx, m); !errors.Is(err, tt.want) {
				t.Fatalf("autosave of a meeting %s: %v, want %v", tt.name, err, tt.want)
			}
			if _, err := db.Meeting(ctx, m.ID); !errors.Is(err, meeting.ErrNotFound) {
				t.Errorf("the meeting is back: %v", err)
			}
		})
	}
}
