package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// restoreSteps are the moments restoreHook names, in order.
// ("log-moved" only when the old database's -wal could not be checkpointed).
var restoreSteps = []string{"locked", "checkpointed", "copied", "kept", "renamed"}

// runRestorer restores args[1] over args[0] and kills itself with SIGKILL
// at step args[2].
func runRestorer(args []string) {
	restoreHook = func(step string) {
		if step == args[2] {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	if _, err := Restore(context.Background(), args[1], args[0]); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// runHolder opens the database, says "open", and waits to be killed.
func runHolder(path string) {
	db, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	defer db.Close()
	fmt.Println("open")
	select {}
}

// child runs this test binary as a child process with env set.
func child(t *testing.T, env string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env)
	return cmd
}

// holdOpen starts a process that has the database open, until the test ends.
func holdOpen(t *testing.T, path string) {
	t.Helper()
	cmd := child(t, envHold+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "open" {
		t.Fatalf("holder: %q", line)
	}
}

// countIn opens the database at path and counts its meetings.
func countIn(t *testing.T, path string) int {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("open after restore: %v", err)
	}
	defer db.Close()
	integrityOK(t, db)
	n, err := db.Count(context.Background(), meeting.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A database with saves only in its -wal (a checkpoint never ran) and a
// backup with a different number of meetings: what each restore test uses.
func restoreFixture(t *testing.T) (dir, dbPath, backup string, old, restored int) {
	t.Helper()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, "minutes.db")
	backup = filepath.Join(dir, "backup.db")
	db, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	fillDemo(t, db, 20, 3)
	if err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	// Keep what comes next in the -wal: no checkpoint when the last
	// connection closes, as if the app had been killed.
	if _, err := db.sql.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatal(err)
	}
	fillDemo(t, db, 50, 4)
	killClose(t, db)
	if info, err := os.Stat(dbPath + "-wal"); err != nil || info.Size() == 0 {
		t.Fatalf("the fixture needs saves in the -wal: %v", err)
	}
	return dir, dbPath, backup, 70, 20
}

// killClose leaves the database as a killed process would: its -wal not
// checkpointed. A child process holds it and is killed.
func killClose(t *testing.T, db *DB) {
	t.Helper()
	path := db.Path()
	// Copy the files as they are while open: that is what a kill leaves.
	tmp := t.TempDir()
	for _, s := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + s)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(tmp, "m"+s), b, 0o600)
	}
	db.Close()
	for _, s := range []string{"", "-wal"} {
		b, _ := os.ReadFile(filepath.Join(tmp, "m"+s))
		if err := os.WriteFile(path+s, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(path + "-shm")
}

// A restore killed at any step leaves the old database, whole (its saves
// in the -wal too), or the restored one: never an empty or mixed one.
func TestRestoreKilledAtEveryStep(t *testing.T) {
	for _, step := range restoreSteps {
		t.Run(step, func(t *testing.T) {
			dir, dbPath, backup, old, restored := restoreFixture(t)
			cmd := child(t, fmt.Sprintf("%s=%s %s %s", envRestore, dbPath, backup, step))
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the restore was not killed at %s: %v %s", step, err, out)
			}
			n := countIn(t, dbPath)
			if n != old && n != restored {
				t.Fatalf("after a kill at %s the database holds %d meetings, want %d (old) or %d (restored)", step, n, old, restored)
			}
			// The old database is whole somewhere: in place, or kept aside.
			if n == restored {
				asides, _ := filepath.Glob(filepath.Join(dir, "minutes.db.replaced-*[0-9]"))
				if len(asides) != 1 || countIn(t, asides[0]) != old {
					t.Fatalf("after a kill at %s the replaced database is not kept whole: %v", step, asides)
				}
			}
			// Nothing of the killed restore is left once the database is opened.
			left, _ := filepath.Glob(filepath.Join(dir, ".minutes.db.restoring-*"))
			if len(left) != 0 {
				t.Errorf("leftovers after a kill at %s: %v", step, left)
			}
			// And a restore run again completes.
			if _, err := Restore(context.Background(), backup, dbPath); err != nil {
				t.Fatal(err)
			}
			if n := countIn(t, dbPath); n != restored {
				t.Errorf("the restore run again gives %d meetings, want %d", n, restored)
			}
		})
	}
}

// A restore completes with every save of the old database kept aside.
func TestRestoreKeepsTheOldDatabaseWhole(t *testing.T) {
	dir, dbPath, backup, old, restored := restoreFixture(t)
	aside, err := Restore(context.Background(), backup, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := countIn(t, dbPath); n != restored {
		t.Errorf("restored: %d meetings, want %d", n, restored)
	}
	if n := countIn(t, aside); n != old {
		t.Errorf("kept aside: %d meetings, want %d", n, old)
	}
	if info, err := os.Stat(aside); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("kept aside: %v %v", info, err)
	}
	_ = dir
}

// Restore is refused while any process has the database open, by any
// name: an import or a window would go on writing into the file moved
// aside.
func TestRestoreRefusedWhileOpen(t *testing.T) {
	dir, dbPath, backup, old, _ := restoreFixture(t)
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(dbPath, link); err != nil {
		t.Fatal(err)
	}
	holdOpen(t, link) // through the symbolic link
	os.Remove(dbPath + ".lock")
	for _, name := range []string{dbPath, link} {
		if _, err := Restore(context.Background(), backup, name); !errors.Is(err, ErrInUse) {
			t.Errorf("restore of %s while open: %v, want ErrInUse", name, err)
		}
	}
	db, err := Open(dbPath) // sharing with the holder is fine
	if err != nil {
		t.Fatal(err)
	}
	n, _ := db.Count(context.Background(), meeting.Filter{})
	db.Close()
	if n != old {
		t.Errorf("after refused restores: %d meetings, want %d", n, old)
	}
}

// A second window is refused by any name of the file, and deleting files
// beside it does not lift the lock; a window's restore takes its lock along.
func TestInstanceLockCannotBeBypassed(t *testing.T) {
	_, dbPath, backup, _, restored := restoreFixture(t)
	first, err := LockInstance(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	os.Remove(dbPath + ".lock")
	link := filepath.Join(t.TempDir(), "elsewhere.db")
	os.Symlink(dbPath, link)
	for _, name := range []string{dbPath, link, filepath.Join(filepath.Dir(dbPath), ".", "minutes.db")} {
		if l, err := LockInstance(name); !errors.Is(err, ErrInUse) {
			if l != nil {
				l.Release()
			}
			t.Errorf("second window by %s: %v", name, err)
		}
	}
	if _, err := Restore(context.Background(), backup, dbPath); !errors.Is(err, ErrInUse) {
		t.Errorf("a command's restore under a window: %v", err)
	}
	if _, err := first.Restore(context.Background(), backup, "Priya Raman"); err != nil {
		t.Fatal(err)
	}
	if l, err := LockInstance(dbPath); !errors.Is(err, ErrInUse) {
		if l != nil {
			l.Release()
		}
		t.Errorf("after the window's restore, a second window: %v", err)
	}
	if n := countIn(t, dbPath); n != restored {
		t.Errorf("%d meetings, want %d", n, restored)
	}
}

// A -wal without its database is kept, never taken for an empty database's.
func TestOrphanLogIsKept(t *testing.T) {
	_, dbPath, _, _, _ := restoreFixture(t)
	wal, _ := os.ReadFile(dbPath + "-wal")
	os.Remove(dbPath)
	if _, err := Open(dbPath); !errors.Is(err, ErrOrphanLog) {
		t.Errorf("open with only a -wal: %v", err)
	}
	if got, _ := os.ReadFile(dbPath + "-wal"); string(got) != string(wal) {
		t.Error("the -wal was changed")
	}
	if _, err := os.Stat(dbPath); err == nil {
		if info, _ := os.Stat(dbPath); info.Size() != 0 {
			t.Error("a database was made beside the -wal")
		}
	}
}

// Planted names beside the database do not redirect restore's writes.
func TestRestoreIgnoresPlantedFiles(t *testing.T) {
	dir, dbPath, backup, _, restored := restoreFixture(t)
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	for _, name := range []string{"minutes.db.restoring", ".minutes.db.restoring-1", "minutes.db.partial"} {
		os.Symlink(victim, filepath.Join(dir, name))
	}
	if _, err := Restore(context.Background(), backup, dbPath); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Error("restore wrote through a planted link")
	}
	if n := countIn(t, dbPath); n != restored {
		t.Errorf("%d meetings", n)
	}
}

// A damaged database whose -wal cannot be checkpointed is kept aside with
// its -wal, byte for byte, at every step of a restore over it.
func TestRestoreOverDamagedKeepsItsLog(t *testing.T) {
	for _, step := range []string{"kept", "log-moved", "renamed", ""} {
		t.Run("kill at "+step, func(t *testing.T) {
			dir, dbPath, backup, _, restored := restoreFixture(t)
			main, _ := os.ReadFile(dbPath)
			copy(main, "damaged header!!") // SQLite can no longer read it
			os.WriteFile(dbPath, main, 0o600)
			wal, _ := os.ReadFile(dbPath + "-wal")
			if step == "" {
				if _, err := Restore(context.Background(), backup, dbPath); err != nil {
					t.Fatal(err)
				}
			} else {
				cmd := child(t, fmt.Sprintf("%s=%s %s %s", envRestore, dbPath, backup, step))
				if out, err := cmd.CombinedOutput(); err == nil {
					t.Fatalf("not killed: %s", out)
				}
			}
			asides, _ := filepath.Glob(filepath.Join(dir, "minutes.db.replaced-*[0-9]"))
			if len(asides) != 1 {
				t.Fatalf("kept aside: %v", asides)
			}
			for suffix, want := range map[string][]byte{"": main, "-wal": wal} {
				if got, _ := os.ReadFile(asides[0] + suffix); string(got) != string(want) {
					t.Errorf("the old database's %q is not kept byte for byte", suffix)
				}
			}
			if step == "renamed" || step == "" {
				if n := countIn(t, dbPath); n != restored {
					t.Errorf("%d meetings, want %d", n, restored)
				}
			}
		})
	}
}

// A backup changed outside the app, or with a flipped bit in its records,
// is not put in place.
func TestRestoreRefusesATamperedBackup(t *testing.T) {
	_, dbPath, backup, old, _ := restoreFixture(t)
	tamper(t, backup, "UPDATE meetings SET reason = 'x' WHERE rowid = 1")
	if _, err := Restore(context.Background(), backup, dbPath); !errors.Is(err, ErrTampered) {
		t.Errorf("restore of a changed backup: %v", err)
	}
	if n := countIn(t, dbPath); n != old {
		t.Errorf("%d meetings after the refused restore, want %d", n, old)
	}
}

// Twenty processes opening the database at once all open it: the open that
// reads the -wal alone holds the lock only for a moment.
func TestManyProcessesOpenAtOnce(t *testing.T) {
	_, dbPath, _, _, _ := restoreFixture(t)
	errs := make(chan error, 20)
	for range 20 {
		go func() {
			cmd := child(t, envHold+"="+dbPath)
			out, err := cmd.StdoutPipe()
			if err != nil {
				errs <- err
				return
			}
			if err := cmd.Start(); err != nil {
				errs <- err
				return
			}
			defer func() { cmd.Process.Kill(); cmd.Wait() }()
			line, _ := bufio.NewReader(out).ReadString('\n')
			if strings.TrimSpace(line) != "open" {
				errs <- fmt.Errorf("holder: %q", line)
				return
			}
			errs <- nil
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// A backup made by the previous version of the app (every backup is, just
// after an update) is checked and restored, brought up to this version; a
// changed one is still refused.
func TestRestoreABackupOfThePreviousVersion(t *testing.T) {
	ctx := context.Background()
	_, dbPath, backup, old, restored := restoreFixture(t)
	older := backup + ".v15"
	if err := os.WriteFile(older, readAll(t, backup), 0o600); err != nil {
		t.Fatal(err)
	}
	tamper(t, older, dropReportEntries)
	changed := backup + ".v15-changed"
	if err := os.WriteFile(changed, readAll(t, older), 0o600); err != nil {
		t.Fatal(err)
	}
	tamper(t, changed, "UPDATE meetings SET reason = 'x' WHERE rowid = 1")

	if err := VerifyBackup(ctx, older); err != nil {
		t.Fatalf("the previous version's backup: %v", err)
	}
	if _, err := Restore(ctx, changed, dbPath); !errors.Is(err, ErrTampered) || strings.Contains(err.Error(), os.TempDir()+string(os.PathSeparator)+"strategyminutes-check-") {
		t.Errorf("restore of a changed backup of the previous version: %v", err)
	}
	if n := countIn(t, dbPath); n != old {
		t.Errorf("%d meetings after the refused restore, want %d", n, old)
	}
	if _, err := Restore(ctx, older, dbPath); err != nil {
		t.Fatalf("restore of the previous version's backup: %v", err)
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		if info, _ := os.Stat(dbPath + "-wal"); info.Size() > 0 {
			t.Error("the restored database has a -wal beside it")
		}
	}
	db, err := Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := countIn(t, dbPath); n != restored {
		t.Errorf("%d meetings restored, want %d", n, restored)
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("check of the restored database: %v", err)
	}
	from, to := reportDate("1990-01-01"), reportDate("2030-12-31")
	got, err := db.Report(ctx, from, to, demo.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	if want := pureReport(t, db, from, to, demo.AsOf, meeting.Filter{}); !equalReports(got, want) {
		t.Error("the restored database's report differs from the definitions")
	}
	// Nothing of the check's copies is left in the temporary folder.
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "strategyminutes-check-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
