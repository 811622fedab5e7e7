//go:build !linux && !windows

package storage

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// Elsewhere (macOS, the BSDs) flock and SQLite's POSIX locks may share one
// lock table, so a lock on the database file could block SQLite's own: the
// lock is taken with flock on a file beside the database, one per lock
// byte, instead. Deleting that file bypasses it (docs/data-safety.md).
func openForLock(path string, off int64) (*os.File, error) {
	return os.OpenFile(fmt.Sprintf("%s.lock%d", path, off-openByte), os.O_RDWR|os.O_CREATE, 0o600)
}

func tryLock(f *os.File, _ int64, exclusive bool) error {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLocked
	}
	return err
}

func lockedFile(f *os.File, path string) (os.FileInfo, error) { return os.Stat(path) }

func shareLock(f *os.File, off int64) error { return tryLock(f, off, false) }
