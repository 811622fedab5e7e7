package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/mattn/go-sqlite3"
)

// ErrInUse is returned when another window of the app has the database open.
var ErrInUse = errors.New("Strategy Minutes is already open on this database")

// An InstanceLock keeps a second window of the app off the same database:
// two chairs' autosaves would overwrite each other's typing. The command
// line does not take it (SQLite's WAL keeps reads and single saves safe);
// restore does, as it replaces the file.
type InstanceLock struct {
	db   *sql.DB
	path string
}

// LockInstance takes the instance lock of the database at dbPath. It is an
// SQLite database beside it held in exclusive locking mode, so the
// operating system releases it if the app is killed, on every platform.
func LockInstance(dbPath string) (*InstanceLock, error) {
	path := dbPath + ".lock"
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			f.Close()
		}
	}
	db, err := sql.Open("sqlite3", "file:"+uriPath(path)+"?_locking_mode=EXCLUSIVE&_busy_timeout=0&_journal_mode=MEMORY")
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dbPath, err)
	}
	db.SetMaxOpenConns(1) // the lock lives on this one connection
	// A write takes the exclusive lock, and exclusive locking mode keeps it.
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder; INSERT INTO holder VALUES (?)`, os.Getpid()); err != nil {
		db.Close()
		if isBusy(err) {
			return nil, fmt.Errorf("%w (%s): use the window that is open, or close it first", ErrInUse, dbPath)
		}
		return nil, fmt.Errorf("lock %s: %w", dbPath, err)
	}
	return &InstanceLock{db: db, path: path}, nil
}

// Release gives the lock up.
func (l *InstanceLock) Release() error { return l.db.Close() }

func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}
