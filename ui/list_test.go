package ui

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

func openExampleDB(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	paths := []string{"../meeting/testdata/example-v1.json"}
	_, err = db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		return meeting.EachInFiles(paths, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestMainWindowListsMeetingsNewestFirst(t *testing.T) {
	a := test.NewTempApp(t)
	db := openExampleDB(t)
	u := NewMainWindow(a, db, Options{DBPath: db.Path()})
	w, list := u.Win, u.List
	defer u.close()
	list.Wait()
	rows := list.Rows()
	if len(rows) != 2 || rows[0].Reference != "SM-2025-00412" {
		t.Fatalf("rows %+v", rows)
	}
	if got := list.Status.Text; got != "2 meetings." {
		t.Errorf("status %q", got)
	}
	if text, _ := cell(rows[0], 5); text != "Missing: Health" {
		t.Errorf("missing partners cell %q", text)
	}
	if text, _ := cell(rows[0], 0); text != "03 Jun 2025 10:30" {
		t.Errorf("date cell %q (want UK local time)", text)
	}
	if w.Title() != "Strategy Minutes" {
		t.Errorf("title %q", w.Title())
	}
}

func TestSearchFiltersTheList(t *testing.T) {
	a := test.NewTempApp(t)
	db := openExampleDB(t)
	u := NewMainWindow(a, db, Options{DBPath: db.Path()})
	list := u.List
	defer u.close()
	list.Wait()
	// The search runs once typing pauses; the test driver shows its result on
	// the timer's goroutine, so the pause must outlast the typing, however
	// slow the machine.
	list.searchDelay = time.Second
	test.Type(list.Search, "hương")
	list.Wait()
	if rows := list.Rows(); len(rows) != 1 || rows[0].ID != "legacy-2019-0042" {
		t.Errorf("found %+v", rows)
	}
	list.Search.SetText("zzz")
	list.Wait()
	if len(list.Rows()) != 0 || !strings.Contains(list.Status.Text, "No meetings match") {
		t.Errorf("rows %d, status %q", len(list.Rows()), list.Status.Text)
	}
}

// The window renders; the capture is kept for a person to look at when
// STRATEGYMINUTES_SCREENSHOTS names a folder.
func TestMainWindowRenders(t *testing.T) {
	a := test.NewTempApp(t)
	db := openExampleDB(t)
	u := NewMainWindow(a, db, Options{DBPath: db.Path()})
	w, list := u.Win, u.List
	defer u.close()
	list.Wait()
	img := w.Canvas().Capture()
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 500 {
		t.Errorf("window captured at %v", b)
	}
	if dir := os.Getenv("STRATEGYMINUTES_SCREENSHOTS"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "main-window.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		png.Encode(f, img)
	}
}

func TestStartupErrorWindowSaysWhy(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewStartupErrorWindow(a, errors.New("open database /x/minutes.db: written by a newer version of Strategy Minutes"), nil)
	defer w.Close()
	found := false
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "newer version") {
			found = true
		}
	}
	if !found {
		t.Error("the error is not shown")
	}
}

func TestStartupErrorOffersTheLatestGoodBackup(t *testing.T) {
	a := test.NewTempApp(t)
	restored := false
	w := NewStartupErrorWindow(a, errors.New("check /x/minutes.db: the database file is damaged"),
		&Recovery{Backup: "/x/backups/minutes-2026-11-23.db", Restore: func() error { restored = true; return nil }})
	var restore *ringButton
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*ringButton); ok && strings.HasPrefix(b.Text, "Restore") {
			restore = b
		}
	}
	if restore == nil {
		t.Fatal("no restore button")
	}
	test.Tap(restore) // closes the window on success
	if !restored {
		t.Error("the restore was not run")
		w.Close()
	}
}

// A child's name typed in the editor is found by the list's search once
// the meeting is closed (the autosaves leave the index to the next search).
func TestListFindsANameJustTyped(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Full name", 0), "Zqxwv Newchild")
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	u.ShowList()
	u.List.Wait()
	u.List.searchDelay = time.Second
	u.List.Search.SetText("zqxwv")
	u.List.Wait()
	if rows := u.List.Rows(); len(rows) != 1 || rows[0].ID != e.Meeting().ID {
		t.Errorf("searching the name just typed found %+v", rows)
	}
}
