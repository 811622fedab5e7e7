package storage

import (
	"errors"
	"fmt"
	"os"
)

// Byte-range locks on the database file itself, far past any byte it will
// hold and past SQLite's own lock bytes (at 1 GiB), so that they never meet
// SQLite's locks or data. They are held on a handle of our own, released by
// the operating system when the process ends however it ends, and cannot be
// bypassed by deleting a file beside the database or by naming it through
// a symbolic link (the lock is on the file, not a name).
const (
	// openByte is held shared by every process that has the database
	// open, the window and every command alike, and exclusively by
	// restore, which replaces the file: a restore never runs under a
	// process that reads or writes the database, nor one under it.
	openByte = int64(1) << 50
	// windowByte is held exclusively by the app's window: one window per
	// database, so that two chairs' autosaves never overwrite each other.
	windowByte = openByte + 1
)

// errLocked is returned by tryLock when another process holds a lock that
// conflicts.
var errLocked = errors.New("locked by another process")

// A fileLock is one byte-range lock on a file, on its own handle.
type fileLock struct {
	f   *os.File
	off int64
}

// lockFile takes the lock at byte off of the file at path without waiting:
// shared unless exclusive. It returns errLocked when another process holds
// one that conflicts. The file must exist.
func lockFile(path string, off int64, exclusive bool) (*fileLock, error) {
	f, err := openForLock(path, off)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f, off, exclusive); err != nil {
		f.Close()
		return nil, err
	}
	// The name may have been given to another file between the open and
	// the lock (a restore renaming in its database): the lock must be on
	// the file that the name now holds.
	held, err1 := lockedFile(f, path)
	now, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		f.Close()
		return nil, fmt.Errorf("%w (the file was replaced while it was being locked)", errLocked)
	}
	return &fileLock{f: f, off: off}, nil
}

// share turns an exclusive lock into a shared one.
func (l *fileLock) share() error { return shareLock(l.f, l.off) }

// release gives the lock up.
func (l *fileLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
