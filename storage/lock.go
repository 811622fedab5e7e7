package storage

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"
)

// ErrInUse is returned when another window of the app has the database
// open, or, for restore, when any process has it open.
var ErrInUse = errors.New("Strategy Minutes is already open on this database")

// ErrRestoring is returned by Open while a restore replaces the database.
var ErrRestoring = errors.New("a restore is replacing this database right now; try again when it has finished")

// An InstanceLock keeps a second window of the app off the same database:
// two chairs' autosaves would overwrite each other's typing. It is a lock
// on the database file itself (windowByte), which the operating system
// releases however the app ends; the command line does not take it.
type InstanceLock struct {
	path string
	lock *fileLock
}

// LockInstance takes the instance lock of the database at dbPath, creating
// the database file (owner-only) when there is none.
func LockInstance(dbPath string) (*InstanceLock, error) {
	path, err := lockTarget(dbPath)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dbPath, err)
	}
	l, err := lockFile(path, windowByte, true)
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("%w (%s): use the window that is open, or close it first", ErrInUse, path)
	}
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &InstanceLock{path: path, lock: l}, nil
}

// Release gives the lock up.
func (l *InstanceLock) Release() error { return l.lock.release() }

// databaseFile makes path absolute, checks or creates the file
// (prepareFile) and returns the file's own path, symbolic links followed:
// SQLite's -wal goes beside the file itself, and the locks are on it.
func databaseFile(path string) (string, error) {
	abs, err := filepathAbs(path)
	if err != nil {
		return "", err
	}
	if err := prepareFile(abs); err != nil {
		return "", err
	}
	return resolve(abs), nil
}

func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// rawOpen opens the database file at path through SQLite without the
// app's locks, for restore, which holds them itself.
func rawOpen(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
