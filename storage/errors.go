package storage

import (
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"
)

// Errors of the disk, in words a chair can act on. Saves that fail with
// them leave what was typed on screen; the next change tries again.
var (
	ErrReadOnly = errors.New("the database file cannot be written (it, or its folder, is read-only)")
	ErrDiskFull = errors.New("the disk is full")
)

// plain turns SQLite's errors about the disk into ErrReadOnly or
// ErrDiskFull, keeping the original for the details.
func plain(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
		return fmt.Errorf("%w: %v", ErrReadOnly, err)
	case sqlite3.ErrFull:
		return fmt.Errorf("%w: free some space and keep typing; nothing typed is lost (%v)", ErrDiskFull, err)
	}
	return err
}
