package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"strategyminutes/meeting"
)

// backupWithinFolder is backup for a file the user named: the folder is
// opened once and SQLite writes the copy through that open folder
// (/proc/self/fd/N/NAME), so that a symbolic link swapped meanwhile cannot
// send the copy, or its temporary file, beside the database; the copy is
// put in place only where no file has the name (RENAME_NOREPLACE).
func (db *DB) backupWithinFolder(ctx context.Context, abs string) (bool, error) {
	dir, base := resolve(filepath.Dir(abs)), filepath.Base(abs)
	dfd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return true, fmt.Errorf("back up to %s: %w", abs, &os.PathError{Op: "open", Path: dir, Err: err})
	}
	defer unix.Close(dfd)
	folder := "/proc/self/fd/" + strconv.Itoa(dfd)
	if _, err := os.Stat(folder); err != nil {
		return false, nil // no /proc: the name-based way
	}
	check := func() error {
		if err := checkWithinFolder(dfd, db.path, abs, base, meeting.KindBackup, false); err != nil {
			return err
		}
		var st unix.Stat_t
		if err := unix.Fstatat(dfd, base, &st, unix.AT_SYMLINK_NOFOLLOW); !errors.Is(err, unix.ENOENT) {
			return fmt.Errorf("back up to %s: the file exists; choose a new name", abs)
		}
		return nil
	}
	if err := check(); err != nil {
		return true, err
	}
	removeLeftovers(dir, "."+base+".*.partial", time.Hour)
	var suffix [6]byte
	rand.Read(suffix[:])
	tmp := "." + base + "." + hex.EncodeToString(suffix[:]) + ".partial"
	fd, err := unix.Openat(dfd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return true, fmt.Errorf("back up to %s: %w", abs, err)
	}
	unix.Close(fd)
	fail := func(err error) (bool, error) {
		unix.Unlinkat(dfd, tmp, 0)
		return true, fmt.Errorf("back up to %s: %w", abs, err)
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", folder+"/"+tmp); err != nil {
		return fail(err)
	}
	fd, err = unix.Openat(dfd, tmp, unix.O_RDWR|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return fail(err)
	}
	err = unix.Fsync(fd)
	unix.Close(fd)
	if err != nil {
		return fail(err)
	}
	if err := check(); err != nil {
		unix.Unlinkat(dfd, tmp, 0)
		return true, err
	}
	if err := unix.Renameat2(dfd, tmp, dfd, base, unix.RENAME_NOREPLACE); err != nil {
		return fail(err)
	}
	unix.Fsync(dfd)
	return true, nil
}
