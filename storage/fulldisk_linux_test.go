package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"strategyminutes/meeting"
)

// mountSmallDisk mounts a tmpfs of size bytes for the test, or skips the
// test where it cannot make one (it needs root, or CAP_SYS_ADMIN).
func mountSmallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(dir, 0o700)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a small disk here (%v): the full-disk test needs root", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// On a disk that fills up: saves fail with ErrDiskFull, every save that
// returned is intact, a backup and an export fail leaving no file behind,
// and once space is freed the next save goes in.
func TestFullDisk(t *testing.T) {
	ctx := context.Background()
	disk := mountSmallDisk(t, "3m")
	filler := filepath.Join(disk, "filler")
	if err := os.WriteFile(filler, make([]byte, 600<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(filepath.Join(disk, "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	drafts := saverMeetings()
	saved := map[string]string{}
	var full error
	for i := 0; i < 400 && full == nil; i++ {
		m := drafts[i%len(drafts)].Clone()
		m.Reason = strings.Repeat("the disk fills ", 400) + m.ID
		if err := db.SaveMeeting(ctx, m); err != nil {
			full = err
			break
		}
		saved[m.ID] = m.Reason
	}
	if !errors.Is(full, ErrDiskFull) {
		t.Fatalf("the disk never filled, or the error is not ErrDiskFull: %v (%d saved)", full, len(saved))
	}
	for id, reason := range saved {
		m, err := db.Meeting(ctx, id)
		if err != nil || m.Reason != reason {
			t.Fatalf("acknowledged save of %s lost: %v", id, err)
		}
	}
	if err := integrityCheck(ctx, db.sql, db.path); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, filepath.Join(disk, "backup.db")); err == nil {
		t.Error("a backup onto the full disk succeeded")
	}
	err = WriteOutput(db.Path(), filepath.Join(disk, "export.json"), meeting.KindInterchange, false, func(f *os.File) error {
		_, err := db.Export(ctx, f, meeting.Filter{})
		return err
	})
	if err == nil {
		t.Error("an export onto the full disk succeeded")
	}
	entries, _ := os.ReadDir(disk)
	for _, e := range entries {
		if n := e.Name(); n != "minutes.db" && n != "minutes.db-wal" && n != "minutes.db-shm" && n != "filler" {
			t.Errorf("left on the full disk: %s", n)
		}
	}
	// Space freed (as a chair deleting a file would): saving works again.
	os.Remove(filler)
	m := drafts[1].Clone()
	m.Reason = "after the disk was full"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatalf("save once space was freed: %v", err)
	}
	if got, _ := db.Meeting(ctx, m.ID); got == nil || got.Reason != m.Reason {
		t.Error("the save after the disk was full is not there")
	}
	t.Logf("%d saves before the disk filled", len(saved))
}
