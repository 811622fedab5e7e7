package storage

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

func openForLock(path string, _ int64) (*os.File, error) { return os.OpenFile(path, os.O_RDWR, 0) }

// tryLock uses open file description locks (F_OFD_SETLK): they belong to
// our handle, so SQLite closing one of its own handles on the file does not
// release them, as it would a classic POSIX lock.
func tryLock(f *os.File, off int64, exclusive bool) error {
	lk := unix.Flock_t{Type: unix.F_RDLCK, Whence: 0, Start: off, Len: 1}
	if exclusive {
		lk.Type = unix.F_WRLCK
	}
	err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk)
	if errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EACCES) {
		return errLocked
	}
	return err
}

func lockedFile(f *os.File, _ string) (os.FileInfo, error) { return f.Stat() }

// shareLock converts the lock at once: F_OFD_SETLK replaces our own lock.
func shareLock(f *os.File, off int64) error { return tryLock(f, off, false) }
