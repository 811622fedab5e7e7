package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// Events of the audit log for deletions.
const (
	EventDelete          = meeting.EventDelete          // a draft
	EventDeleteSignedOff = meeting.EventDeleteSignedOff // signed-off minutes
)

// retention is the retention policy that deleting signed-off minutes on
// meeting.GroundRetention obeys (README, "Deleting meetings and
// retention"). The same for every partnership for now.
var retention = meeting.DefaultRetention

// Retention returns the retention policy that DeleteMeeting enforces.
func (db *DB) Retention() meeting.Retention { return retention }

// deleteClock is the time of a deletion; tests move it.
var deleteClock = time.Now

// DeleteDraft deletes a draft meeting: DeleteMeeting with no reason, which
// refuses signed-off minutes (ErrSignedOff).
func (db *DB) DeleteDraft(ctx context.Context, id string) error {
	_, err := db.deleteMeeting(ctx, id, meeting.Deletion{}, true)
	return err
}

// DeleteMeeting deletes the meeting with the id and every row of it:
// children, attendees, consent, decisions, actions and amendments (ON
// DELETE CASCADE), and its search entries, those waiting and those in the
// trigram index (triggers of migrations 5 and 6). A draft needs no reason;
// signed-off minutes need a reason and a ground that the retention policy
// allows (meeting.CheckDeletion).
//
// The audit log records who, when, the meeting's id and reference, and for
// signed-off minutes the ground and the reason: never a name or any text of
// the record. (The reason is the person's own words; the dialogs ask that
// it does not name the child.)
//
// The text is then erased from the file: secure_delete overwrites the
// deleted cells and freed pages, the trigram index was built with FTS5's
// secure-delete so that a removed entry leaves no term behind, and a
// checkpoint empties the write-ahead log, which holds earlier versions of
// the pages. Backups made before keep their copy (OlderCopies lists them).
func (db *DB) DeleteMeeting(ctx context.Context, id string, d meeting.Deletion) (meeting.Deleted, error) {
	return db.deleteMeeting(ctx, id, d, false)
}

func (db *DB) deleteMeeting(ctx context.Context, id string, d meeting.Deletion, draftOnly bool) (meeting.Deleted, error) {
	who, now := db.User(), deleteClock()
	var done meeting.Deleted
	var refused error // what the rule refuses, said as it is
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var key int64
		var reference, heldAt, signedOffAt string
		err := tx.QueryRowContext(ctx, `SELECT rowid, reference, held_at, signed_off_at FROM meetings WHERE id = ?`, id).
			Scan(&key, &reference, &heldAt, &signedOffAt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return meeting.ErrNotFound
		case err != nil:
			return err
		case signedOffAt != "" && draftOnly:
			return ErrSignedOff
		}
		// The whole meeting: the rules look at its children (a reason
		// must not name them) as well as its dates.
		ms, err := loadMeetings(ctx, tx, "WHERE m.id = ?", id)
		if err != nil {
			return err
		}
		if len(ms) == 0 {
			return meeting.ErrNotFound
		}
		m := ms[0]
		checked, err := meeting.CheckDeletion(m, d, meeting.UKDate(now), retention)
		if err != nil {
			refused = err
			return err
		}
		done = meeting.Deleted{ID: id, Reference: reference, SignedOff: m.SignedOff()}
		return removeMeeting(ctx, tx, key, m, who, deletionDetail(reference, checked), now)
	})
	switch {
	case refused != nil:
		return meeting.Deleted{}, refused
	case err != nil:
		return meeting.Deleted{}, fmt.Errorf("delete meeting: %w", err)
	}
	return done, db.eraseLog(ctx)
}

// removeMeeting deletes the stored meeting m (rowid key) in tx, with every
// row of it, and records the deletion in the audit log with detail.
func removeMeeting(ctx context.Context, tx execQuerier, key int64, m *meeting.Meeting, who, detail string, now time.Time) error {
	// Migration 5 set it; set again, so that no database (an old backup
	// restored, a file edited by hand) keeps a deleted name as an index
	// term.
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)`); err != nil {
		return err
	}
	// Its case keys go with it, where no other meeting has them.
	st, err := readEntryState(ctx, tx, key)
	if err != nil {
		return err
	}
	cases, known := entryCases(st.entry)
	if err := adjustCases(ctx, tx, cases, nil); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE rowid = ?`, key); err != nil {
		return err
	}
	if !known { // a damaged entry, whose keys could not be counted down
		if err := recountCases(ctx, tx); err != nil {
			return err
		}
	}
	event := EventDelete
	if m.SignedOff() {
		event = EventDeleteSignedOff
	}
	return record(ctx, tx, who, event, m.ID, detail, now)
}

// deletionDetail is the audit log's detail of a deletion: the reference,
// the ground and the reason, each labelled, e.g.
// `reference "SM-2026-0042"; ground mistake; reason "…"`.
func deletionDetail(reference string, d meeting.Deletion) string {
	var parts []string
	if reference != "" {
		parts = append(parts, fmt.Sprintf("reference %q", reference))
	} else {
		parts = append(parts, "no reference")
	}
	if d.Ground != "" {
		parts = append(parts, "ground "+string(d.Ground))
	}
	if d.Reason != "" {
		parts = append(parts, fmt.Sprintf("reason %q", d.Reason))
	}
	return strings.Join(parts, "; ")
}

// OlderCopies lists the files beside the database at dbPath that may still
// hold a deleted meeting: the automatic backups and the databases that a
// restore kept aside. A deletion does not touch them (they are the record
// of the past); they go as backups are rotated out or removed by hand.
func OlderCopies(dbPath string) ([]string, error) {
	copies, err := DailyBackupFiles(dbPath)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Dir(dbPath))
	if err != nil {
		return nil, fmt.Errorf("list the database's folder: %w", err)
	}
	prefix := filepath.Base(dbPath) + ".replaced-"
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			copies = append(copies, filepath.Join(filepath.Dir(dbPath), e.Name()))
		}
	}
	return copies, nil
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
