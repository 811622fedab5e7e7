package ui

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

// fakeSyncing is a Syncing whose server is a function field each test
// sets.
type fakeSyncing struct {
	mu       sync.Mutex
	address  string
	sync     func() (meeting.SyncResult, error)
	status   meeting.SyncStatus
	held     []string
	resolved []string
}

func (f *fakeSyncing) syncing(db *storage.DB) *Syncing {
	return &Syncing{
		Address:    func() string { f.mu.Lock(); defer f.mu.Unlock(); return f.address },
		SetAddress: func(a string) error { f.mu.Lock(); defer f.mu.Unlock(); f.address = a; return nil },
		Sync: func(ctx context.Context) (meeting.SyncResult, error) {
			f.mu.Lock()
			sync := f.sync
			f.mu.Unlock()
			return sync()
		},
		Status: func(ctx context.Context) (meeting.SyncStatus, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.status, nil
		},
		Conflicts: func(ctx context.Context) ([]meeting.SyncConflict, error) { return db.SyncConflicts(ctx) },
		Resolve: func(ctx context.Context, id string, revision int64, theirs bool) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.resolved = append(f.resolved, map[bool]string{true: "theirs", false: "mine"}[theirs])
			return nil
		},
		Hold: func(id string) { f.mu.Lock(); defer f.mu.Unlock(); f.held = append(f.held, id) },
	}
}

// waitSynced waits for the window to show the outcome of the next sync.
func waitSynced(t *testing.T, shown chan struct{}) {
	t.Helper()
	select {
	case <-shown:
	case <-time.After(10 * time.Second):
		t.Fatal("no sync shown")
	}
}

// watch has the sync bar say on shown when each outcome is on screen.
func watch(u *App) chan struct{} {
	shown := make(chan struct{}, 8)
	u.sync.shown = func() { shown <- struct{}{} }
	return shown
}

// The footer says how sync stands: synced at what time, offline with how
// many waiting, the conflicts; the sync before it saves the editor's
// typing, and the meeting open is held from sync.
func TestSyncBarSaysHowItStands(t *testing.T) {
	db := openExampleDB(t)
	f := &fakeSyncing{address: "postgres://alice@127.0.0.1/minutes",
		sync: func() (meeting.SyncResult, error) { return meeting.SyncResult{}, nil }}
	u := NewMainWindow(test.NewTempApp(t), db, Options{DBPath: db.Path(), Sync: f.syncing(db)})
	t.Cleanup(u.close)
	u.List.Wait()
	u.sync.Now = func() time.Time { return time.Date(2026, 12, 3, 10, 32, 0, 0, time.UTC) }
	shown := watch(u)
	u.StartSync()
	waitSynced(t, shown)
	if got := u.sync.Label.Text; got != "Synced 10:32" || !u.sync.box.Visible() || u.sync.Settle.Visible() {
		t.Errorf("after a sync: %q (shown %v, conflicts button %v)", got, u.sync.box.Visible(), u.sync.Settle.Visible())
	}

	// Offline, with typing waiting: said so, and the typing was saved
	// before the sync tried.
	e := newMeeting(t, u)
	typeInto(t, entry(t, e, sectionDetails, "Why the meeting was called: the concern, the referral", 0), "Typed just before the sync.")
	f.mu.Lock()
	f.sync = func() (meeting.SyncResult, error) {
		if m, err := db.Meeting(context.Background(), e.Meeting().ID); err != nil || m.Reason != "Typed just before the sync." {
			t.Errorf("the editor's typing was not saved before the sync: %v", err)
		}
		return meeting.SyncResult{}, &net.OpError{Op: "dial", Err: errors.New("connection refused")}
	}
	f.status = meeting.SyncStatus{Server: true, Waiting: 3, Conflicts: 1}
	f.mu.Unlock()
	u.SyncNow()
	waitSynced(t, shown)
	if got := u.sync.Label.Text; !strings.HasPrefix(got, "Offline: 3 meetings waiting") {
		t.Errorf("offline: %q", got)
	}
	if !u.sync.Settle.Visible() || u.sync.Settle.Text != "1 conflict…" {
		t.Errorf("the conflicts button: %v %q", u.sync.Settle.Visible(), u.sync.Settle.Text)
	}
	f.mu.Lock()
	held := append([]string(nil), f.held...)
	f.mu.Unlock()
	if len(held) == 0 || held[len(held)-1] != e.Meeting().ID {
		t.Errorf("the open meeting is not held from sync: %q", held)
	}
	u.ShowList()
	u.List.Wait()
	f.mu.Lock()
	if f.held[len(f.held)-1] != "" {
		t.Errorf("the meeting is still held after the editor closed: %q", f.held)
	}
	f.mu.Unlock()

	// Refused versions are listed, with the server's reasons.
	f.mu.Lock()
	f.sync = func() (meeting.SyncResult, error) {
		return meeting.SyncResult{Refused: []string{"meeting x: the minutes are signed off on the server"}}, nil
	}
	f.mu.Unlock()
	u.SyncNow()
	waitSynced(t, shown)
	if !u.sync.Refused.Visible() || u.sync.Refused.Text != "1 not accepted…" {
		t.Errorf("refusals: %v %q", u.sync.Refused.Visible(), u.sync.Refused.Text)
	}
	// With no server set, nothing is shown.
	f.mu.Lock()
	f.address = ""
	f.mu.Unlock()
	u.sync.Soon()
	waitSynced(t, shown)
	if u.sync.box.Visible() {
		t.Error("the sync status shows with no server set")
	}
}

// A conflict shows the differing fields side by side, and the buttons
// settle it one way or the other.
func TestConflictSideBySide(t *testing.T) {
	db := openExampleDB(t)
	ctx := context.Background()
	const id = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"
	mine, err := db.Meeting(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	theirs := *mine
	theirs.Reason = "The other laptop's reason."
	f := &fakeSyncing{address: "x", sync: func() (meeting.SyncResult, error) { return meeting.SyncResult{}, nil }}
	u := NewMainWindow(test.NewTempApp(t), db, Options{DBPath: db.Path(), Sync: f.syncing(db)})
	t.Cleanup(u.close)
	u.List.Wait()
	u.showConflict(meeting.SyncConflict{MeetingID: id, Revision: 7, Theirs: &theirs, MadeBy: "alice", MadeAt: time.Now()}, mine, 1)
	top := u.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no conflict dialog")
	}
	var texts []string
	buttons := map[string]*keyButton{}
	for _, o := range objects(top.(*widget.PopUp).Content) {
		switch o := o.(type) {
		case *readText:
			texts = append(texts, o.Text)
		case *keyButton:
			buttons[o.Text] = o
		}
	}
	if len(texts) != 2 || texts[0] != mine.Reason || texts[1] != theirs.Reason {
		t.Errorf("side by side: %q, want this laptop's reason beside the other's", texts)
	}
	b := buttons["Keep the other laptop's"]
	if b == nil || buttons["Keep this laptop's"] == nil || buttons["Later"] == nil {
		t.Fatalf("buttons: %v", buttons)
	}
	b.OnTapped()
	u.List.Wait()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.resolved) != 1 || f.resolved[0] != "theirs" {
		t.Errorf("resolved %q, want theirs", f.resolved)
	}
}

// An address Settings refuses (one with a password) is said so, and the
// settings come back with it as typed, to be put right.
func TestSettingsServerRefusedKeepsTyping(t *testing.T) {
	db := openExampleDB(t)
	f := &fakeSyncing{sync: func() (meeting.SyncResult, error) { return meeting.SyncResult{}, nil }}
	s := f.syncing(db)
	s.SetAddress = func(a string) error {
		if strings.Contains(a, ":pw@") {
			return errors.New("the partnership server: the address holds a password")
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		f.address = a
		return nil
	}
	u := NewMainWindow(test.NewTempApp(t), db, Options{DBPath: db.Path(), Sync: s})
	t.Cleanup(u.close)
	u.List.Wait()
	entries := func() ([]*dialogEntry, *keyButton) {
		top := u.Win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog")
		}
		var es []*dialogEntry
		var save *keyButton
		for _, o := range objects(top.(*widget.PopUp).Content) {
			switch o := o.(type) {
			case *dialogEntry:
				es = append(es, o)
			case *keyButton:
				if o.Text == "Save" || o.Text == "OK" {
					save = o
				}
			}
		}
		return es, save
	}
	u.showSettings()
	es, save := entries()
	if len(es) != 2 {
		t.Fatalf("%d entries: want the name and the server", len(es))
	}
	typed := "postgres://alice:pw@127.0.0.1/minutes"
	es[1].SetText(typed)
	save.OnTapped()
	_, ok := entries()
	if !ok.Visible() || ok.Text != "OK" {
		t.Fatal("no error said")
	}
	ok.OnTapped()
	es, save = entries()
	if len(es) != 2 || es[1].Text != typed {
		t.Fatalf("the settings came back without the address as typed: %d entries", len(es))
	}
	es[1].SetText("postgres://alice@127.0.0.1/minutes")
	save.OnTapped()
	if f.address != "postgres://alice@127.0.0.1/minutes" {
		t.Errorf("stored %q", f.address)
	}
}
