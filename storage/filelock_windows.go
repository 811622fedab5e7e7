package storage

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// openForLock opens a handle that lets others rename and delete the file
// (FILE_SHARE_DELETE): restore renames the database it holds locked.
func openForLock(path string, _ int64) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// tryLock uses LockFileEx on one byte far past the file's data: Windows
// locks are per handle, and mandatory only for the bytes they cover, which
// SQLite never reads.
func tryLock(f *os.File, off int64, exclusive bool) error {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	ol := &windows.Overlapped{Offset: uint32(off), OffsetHigh: uint32(off >> 32)}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errLocked
	}
	return err
}

func lockedFile(f *os.File, _ string) (os.FileInfo, error) { return f.Stat() }

// shareLock gives the exclusive lock up and takes a shared one: Windows
// cannot convert a lock. A restore that takes the lock in between makes
// this fail, and the open with it (ErrRestoring).
func shareLock(f *os.File, off int64) error {
	ol := &windows.Overlapped{Offset: uint32(off), OffsetHigh: uint32(off >> 32)}
	if err := windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol); err != nil {
		return err
	}
	return tryLock(f, off, false)
}
