package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"strategyminutes/meeting"
)

// EventDelete is the audit log's event for a deleted draft.
const EventDelete = meeting.EventDelete

// DeleteDraft deletes a draft meeting and every row of it, records the
// deletion (who, when, which meeting id) in the audit log, and erases the
// text from the file: secure_delete overwrites the freed pages, and a
// checkpoint empties the write-ahead log, which holds earlier versions of
// the pages. Signed-off minutes are refused (ErrSignedOff); a correction
// to them is an amendment. Backups made before keep their copy.
func (db *DB) DeleteDraft(ctx context.Context, id string) error {
	who, now := db.User(), time.Now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var signedOff string
		err := tx.QueryRowContext(ctx, `SELECT signed_off_at FROM meetings WHERE id = ?`, id).Scan(&signedOff)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return meeting.ErrNotFound
		case err != nil:
			return err
		case signedOff != "":
			return ErrSignedOff
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE id = ?`, id); err != nil {
			return err
		}
		return record(ctx, tx, who, EventDelete, id, "", now)
	})
	if err != nil {
		return fmt.Errorf("delete draft: %w", err)
	}
	return db.eraseLog(ctx)
}

// eraseLog copies the write-ahead log into the database and truncates it
// to nothing, so that no earlier version of a deleted page is left in it.
// A reader in the middle of a query can hold the log back for a moment.
func (db *DB) eraseLog(ctx context.Context) error {
	for try := 0; ; try++ {
		var busy, logFrames, checkpointed int
		err := db.sql.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed)
		if err != nil {
			return fmt.Errorf("erase the write-ahead log: %w", plain(err))
		}
		if busy == 0 {
			return nil
		}
		if try == 50 {
			return errors.New("erase the write-ahead log: the database stayed busy; the deleted text will be erased at the next checkpoint")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
