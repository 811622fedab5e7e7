package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"strategyminutes/meeting"
	"strategyminutes/postgres"
	"strategyminutes/storage"
	"strategyminutes/ui"
)

// checkDelay is how long after the window's event loop starts the
// database's check starts.
const checkDelay = 250 * time.Millisecond

// appID identifies the app to the desktop (preferences, data folder); it
// matches FyneApp.toml.
const appID = "uk.org.strategyminutes.app"

// runGUI opens the database and shows the main window until it is closed.
// Whatever stops it (a second window on the same database, a file that is
// not ours, damage) is explained in a window, for people who started the
// app from an icon, and returned for a terminal.
func runGUI(opts *options) error {
	a := app.NewWithID(appID)
	path, err := dbPath(opts.db)
	if err != nil {
		ui.NewStartupErrorWindow(a, err, nil).ShowAndRun()
		return err
	}
	lock, err := storage.LockInstance(path)
	if err != nil {
		ui.NewStartupErrorWindow(a, err, nil).ShowAndRun()
		return err
	}
	defer lock.Release()

	g := &gui{app: a, path: path, opts: opts, lock: lock}
	db, err := g.open()
	if err != nil {
		// A damaged or unreadable database is never written to; the latest
		// good automatic backup can replace it.
		var restore *ui.Recovery
		if latest, _ := storage.LatestGoodBackup(context.Background(), path); latest != "" {
			restore = &ui.Recovery{Backup: latest, Restore: func() error {
				if _, err := lock.Restore(context.Background(), latest, g.user()); err != nil {
					return err
				}
				db, err := g.open()
				if err != nil {
					return err
				}
				g.show(db)
				return nil
			}}
		}
		ui.NewStartupErrorWindow(a, err, restore).ShowAndRun()
		g.close()
		return g.err(err)
	}
	g.show(db)
	a.Run()
	g.close()
	return g.shotErr
}

// gui holds what the window runs on, so that a restore can swap the database.
type gui struct {
	app     fyne.App
	path    string
	opts    *options
	lock    *storage.InstanceLock
	db      *storage.DB
	shotErr error
	shown   bool
}

// open opens the database. Its check (storage.DB.StartCheck), which every
// write waits for, starts once the window is up (show): the window opens
// at once, and a damaged file is never written to.
func (g *gui) open() (*storage.DB, error) {
	return storage.Open(g.path)
}

func (g *gui) close() {
	if g.db != nil {
		g.db.Close()
		g.db = nil
	}
}

func (g *gui) err(startErr error) error {
	if g.shown {
		return nil // recovered by a restore
	}
	return startErr
}

// show opens the main window on db and makes today's automatic backup.
func (g *gui) show(db *storage.DB) {
	g.db, g.shown = db, true
	db.SetUser(g.opts.user) // a name given in the app's settings replaces it
	ctx := context.Background()
	sample, _ := db.IsSample(ctx)
	u := ui.NewMainWindow(g.app, db, ui.Options{
		DBPath: db.Path(), Sample: sample, Version: version, User: db.User(),
		Backup:  func(path string) error { return g.db.Backup(ctx, path) },
		Restore: g.restore,
		SetUser: func(name string) { g.db.SetUser(name) },
		Issuer:  func() (string, string, error) { return g.db.Issuer(ctx) },
		SetIssuer: func(authority, contact string) error {
			return g.db.SetIssuer(ctx, authority, contact)
		},
		CheckOutput: func(path string, kind meeting.OutputKind) error {
			return storage.CheckOutput(g.path, path, kind, false)
		},
		WriteOutput: func(path string, kind meeting.OutputKind, write func(*os.File) error) error {
			return storage.WriteOutput(g.path, path, kind, false, write)
		},
		Sync: g.syncing(sample),
	})
	go func() {
		// The check reads the whole file: it starts once the window's
		// event loop runs and has drawn, not to slow its first frame on a
		// laptop's two cores. A save made meanwhile waits for it.
		started := make(chan struct{})
		fyne.Do(func() { close(started) })
		<-started
		time.Sleep(checkDelay)
		db.StartCheck()
		if w := db.Warning(); w != "" {
			fyne.Do(func() { u.ShowWarning(w) })
		}
		// The check runs while the chair reads; if it fails, the window
		// says so at once, not at the first save.
		if err := db.Writable(ctx); err != nil {
			latest, _ := storage.LatestGoodBackup(ctx, g.path)
			fyne.Do(func() { u.ShowUnwritable(err, latest) })
			return
		}
		fyne.Do(u.StartSync)
		// The daily backup reads one snapshot; the chair can type meanwhile.
		if _, err := db.DailyBackup(ctx, time.Now().In(meeting.UK)); err != nil {
			log.Printf("daily backup failed: %v", err)
		}
	}()
	// Fyne ends the app on SIGTERM and SIGINT (the session ending, Ctrl+C in
	// a terminal), and the window saves what is pending as it stops; SIGHUP
	// (the terminal closed) would kill it unsaved, so it quits the same way.
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	go func() {
		<-hangup
		fyne.Do(u.Quit)
	}()
	if g.opts.screenshots != "" {
		go func() { g.shotErr = u.TakeScreenshots(g.opts.screenshots, grabScreen) }()
	}
	u.Win.Show()
}

// restore swaps the open database for a checked backup.
func (g *gui) restore(backup string) (meeting.Store, string, error) {
	ctx := context.Background()
	if err := storage.VerifyBackup(ctx, backup); err != nil {
		return nil, "", err
	}
	user := g.db.User()
	g.close() // the file is replaced only while nothing has it open
	aside, rerr := g.lock.Restore(ctx, backup, user)
	db, err := g.open()
	if err != nil {
		return nil, aside, errors.Join(rerr, err)
	}
	g.db = db
	db.SetUser(user)
	return db, aside, rerr
}

// user is who the audit log records as acting before a database is open.
func (g *gui) user() string {
	if g.opts.user != "" {
		return g.opts.user
	}
	return storage.DefaultUser()
}

// grabScreen saves the X screen as a PNG with ImageMagick's import; make
// screenshots runs the app alone on an Xvfb screen of the window's size.
func grabScreen(path string) error {
	out, err := exec.Command("import", "-window", "root", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import -window root: %v: %s", err, out)
	}
	return nil
}

// syncing wires the window's sync with the partnership server to the
// database open (g.db: a restore swaps it) and the server set in Settings;
// a sample database never syncs.
func (g *gui) syncing(sample bool) *ui.Syncing {
	if sample {
		return nil
	}
	return &ui.Syncing{
		Address: func() string {
			a, err := g.db.SyncAddress(context.Background())
			if err != nil {
				return ""
			}
			return a
		},
		SetAddress: func(address string) error {
			if err := postgres.CheckAddress(address); err != nil {
				return fmt.Errorf("the partnership server: %w", err)
			}
			return g.db.SetSyncAddress(context.Background(), address)
		},
		Sync: func(ctx context.Context) (meeting.SyncResult, error) {
			address, err := g.db.SyncAddress(ctx)
			if err != nil {
				return meeting.SyncResult{}, err
			}
			s, err := postgres.Open(ctx, address)
			if err != nil {
				return meeting.SyncResult{}, err
			}
			defer s.Close()
			return meeting.Sync(ctx, g.db, s)
		},
		Status:    func(ctx context.Context) (meeting.SyncStatus, error) { return g.db.SyncStatus(ctx) },
		Conflicts: func(ctx context.Context) ([]meeting.SyncConflict, error) { return g.db.SyncConflicts(ctx) },
		Resolve: func(ctx context.Context, id string, revision int64, theirs bool) error {
			keep := storage.KeepMine
			if theirs {
				keep = storage.TakeTheirs
			}
			return g.db.ResolveConflict(ctx, id, revision, keep)
		},
		Hold: func(id string) { g.db.HoldForEditing(id) },
	}
}
