package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

func fillDemo(t *testing.T, db *DB, n int, seed uint64) []*meeting.Meeting {
	t.Helper()
	ms := demo.Generate(n, seed)
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
	return ms
}

// A backup taken while the app writes is consistent, and restoring it
// brings back exactly what it held, keeping the replaced database aside.
func TestBackupWhileWritingThenRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(filepath.Join(dir, "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	ms := fillDemo(t, db, 300, 5)

	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // keep writing while the backup runs
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			m := ms[i%len(ms)].Clone()
			m.Reason = strings.Repeat("x", i%50)
			if !m.SignedOff() {
				db.SaveMeeting(ctx, m)
			}
		}
	}()
	backup := filepath.Join(dir, "backup.db")
	err = db.Backup(ctx, backup)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(backup); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("backup mode %v", info.Mode().Perm())
	}
	if err := VerifyBackup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, backup); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	var want int
	b, _ := Open(backup)
	want, _ = b.Count(ctx, meeting.Filter{})
	b.Close()

	// Change the live database, then restore the backup over it.
	extra := ms[0].Clone()
	extra.ID = "after-the-backup"
	extra.SignedOffAt, extra.SignOffRules = time.Time{}, 0
	if err := db.SaveMeeting(ctx, extra); err != nil {
		t.Fatal(err)
	}
	db.Close()
	aside, err := Restore(ctx, backup, filepath.Join(dir, "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	restored, err := Open(filepath.Join(dir, "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if n, _ := restored.Count(ctx, meeting.Filter{}); n != want || want != 300 {
		t.Errorf("restored %d meetings, backup had %d", n, want)
	}
	if _, err := restored.Meeting(ctx, "after-the-backup"); !errors.Is(err, meeting.ErrNotFound) {
		t.Error("the restored database has a meeting saved after the backup")
	}
	old, err := Open(aside)
	if err != nil {
		t.Fatalf("the replaced database was not kept: %v", err)
	}
	defer old.Close()
	if _, err := old.Meeting(ctx, "after-the-backup"); err != nil {
		t.Errorf("the database kept aside lacks the newest meeting: %v", err)
	}
}

// damage overwrites part of a page in the middle of a database file.
func damage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	if _, err := f.WriteAt(junk, info.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
}

func TestDamageIsFound(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fillDemo(t, db, 300, 6)
	if err := db.Check(ctx); err != nil {
		t.Fatalf("a good database: %v", err)
	}
	backup := filepath.Join(dir, "b.db")
	db.Backup(ctx, backup)
	db.Close()

	damage(t, path)
	db, err = Open(path)
	if err == nil {
		err = db.Check(ctx)
		db.Close()
	}
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged database: %v", err)
	}

	damage(t, backup)
	before, _ := os.ReadFile(path)
	if _, err := Restore(ctx, backup, path); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "nothing was replaced") {
		t.Errorf("restore from a damaged backup: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("a refused restore changed the database")
	}
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a backup"), 0o600)
	if _, err := Restore(ctx, text, path); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("restore from a text file: %v", err)
	}
}

func TestDailyBackupsKeepFourteen(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	fillDemo(t, db, 20, 1)
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, meeting.UK)
	for i := range 20 {
		written, err := db.DailyBackup(ctx, day.AddDate(0, 0, i))
		if err != nil || written == "" {
			t.Fatalf("day %d: %q %v", i, written, err)
		}
		if again, _ := db.DailyBackup(ctx, day.AddDate(0, 0, i).Add(3*time.Hour)); again != "" {
			t.Fatal("a second backup on the same day")
		}
	}
	files, _ := DailyBackupFiles(db.Path())
	if len(files) != DailyBackups || !strings.HasSuffix(files[len(files)-1], "minutes-2026-01-20.db") || !strings.HasSuffix(files[0], "minutes-2026-01-07.db") {
		t.Errorf("kept %v", files)
	}
	latest, err := LatestGoodBackup(ctx, db.Path())
	if err != nil || !strings.HasSuffix(latest, "minutes-2026-01-20.db") {
		t.Errorf("latest good backup %q %v", latest, err)
	}
	damage(t, latest)
	if latest, _ := LatestGoodBackup(ctx, db.Path()); !strings.HasSuffix(latest, "minutes-2026-01-19.db") {
		t.Errorf("after damaging the newest, latest good is %q", latest)
	}
}

// Two databases in one folder (a real one and a sample one) keep their own
// automatic backups: neither's is taken for the other's, nor removed by it.
func TestDailyBackupsOfTwoDatabasesInOneFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	real, err := Open(filepath.Join(dir, "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	sample, err := Open(filepath.Join(dir, "minutes-sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sample.Close()
	fillDemo(t, sample, 5, 1)
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, meeting.UK)
	if w, err := real.DailyBackup(ctx, day); err != nil || !strings.HasSuffix(w, "minutes-2026-01-01.db") {
		t.Fatalf("real: %q %v", w, err)
	}
	for i := range 20 {
		if w, err := sample.DailyBackup(ctx, day.AddDate(0, 0, i)); err != nil || w == "" {
			t.Fatalf("sample day %d: %q %v", i, w, err)
		}
	}
	realFiles, _ := DailyBackupFiles(real.Path())
	sampleFiles, _ := DailyBackupFiles(sample.Path())
	if len(realFiles) != 1 || len(sampleFiles) != DailyBackups {
		t.Errorf("real keeps %v, sample %d", realFiles, len(sampleFiles))
	}
}

// What a killed daily backup left in the backups folder, of any day, is
// removed by the next daily backup once it is an hour old; a fresh one is
// another process's and is kept, and so is another database's.
func TestDailyBackupRemovesKilledBackupsLeftovers(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	dir := BackupDir(db.Path())
	os.MkdirAll(dir, 0o700)
	old := filepath.Join(dir, ".minutes-2026-01-01.db.123.partial")
	fresh := filepath.Join(dir, ".minutes-2026-01-02.db.456.partial")
	other := filepath.Join(dir, ".sample-2026-01-01.db.789.partial")
	for _, p := range []string{old, fresh, other} {
		os.WriteFile(p, []byte("half a backup"), 0o600)
	}
	hours := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, hours, hours)
	os.Chtimes(other, hours, hours)
	if _, err := db.DailyBackup(ctx, time.Date(2026, 1, 5, 9, 0, 0, 0, meeting.UK)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("an old leftover was kept")
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
}
