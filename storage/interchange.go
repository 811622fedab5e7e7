package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"strategyminutes/meeting"
)

// ImportResult says what an import did with each meeting.
type ImportResult struct {
	Added, Updated, Unchanged int
	// Conflicts are the ids of meetings signed off here that differ in the
	// file; they were left as they are.
	Conflicts []string
	// SignOffConflicts are the ids of meetings that are drafts here and
	// signed off in the file: a file cannot sign off minutes (the chair does,
	// in the app), so they were left as drafts.
	SignOffConflicts []string
	// EarlierRules counts the signed-off meetings added that were signed
	// off under the rules from before the statutory questions (no
	// sign_off_rules): a file can say so of any minutes, so the import says
	// how many it took on that word.
	EarlierRules int
	// FollowUps counts the follow-ups recorded from the file (an action
	// done, the conference's record, a recipient of the minutes), of
	// meetings added, updated or otherwise unchanged.
	FollowUps int
}

// ErrSampleDatabase is returned when real meetings would be mixed with
// invented ones.
var ErrSampleDatabase = errors.New("the database holds sample (invented) meetings")

// Import stores real meetings, the meetings that each yields, in one
// transaction: all of them or none. A meeting whose id is stored replaces
// it, except that a stored signed-off meeting is never replaced by a
// different one, and a stored draft is never replaced by a signed-off
// version: those are conflicts, reported and left alone. each should yield
// meetings already checked (meeting.Inputs.Check, which also holds a
// signed-off meeting to the app's sign-off rules); an invalid one aborts
// the import. A sample database (IsSample) that holds meetings is refused:
// sample and real records never mix.
func (db *DB) Import(ctx context.Context, each func(fn func(*meeting.Meeting) error) error) (ImportResult, error) {
	return db.importTx(ctx, each, false)
}

// importTx imports in one transaction. sample says the meetings are
// invented: they go only in a sample database or an empty one, which is
// then marked as sample; real ones go only in a database that is not a
// sample one, or an empty one, whose sample mark is then removed.
func (db *DB) importTx(ctx context.Context, each func(fn func(*meeting.Meeting) error) error, sample bool) (ImportResult, error) {
	var res ImportResult
	err := db.write(ctx, func(w *writer) error {
		if err := db.admit(ctx, w, sample); err != nil {
			return err
		}
		now, who := time.Now(), db.User()
		return each(func(m *meeting.Meeting) error {
			if err := m.Validate(); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(m.ID), err)
			}
			old, err := w.stored(ctx, m.ID)
			if err != nil {
				return fmt.Errorf("look up meeting %s: %w", meeting.QuoteID(m.ID), err)
			}
			if old == nil {
				res.Added++
				if m.SignedOff() && !m.ChecklistRules() {
					res.EarlierRules++
				}
				img, err := w.save(ctx, m, nil, now)
				if err != nil {
					return err
				}
				if m.SignedOff() {
					err = recordSealedAs(ctx, w, who, EventImport, m, "added", now)
				} else {
					err = record(ctx, w, who, EventImport, m.ID, "added", now)
				}
				if err != nil {
					return err
				}
				return importFollowUps(ctx, w, img.key, m.Minutes(), m, who, now, &res)
			}
			stored, err := db.loadTx(ctx, w, m.ID)
			if err != nil {
				return err
			}
			// Follow-ups are recorded whatever the minutes: they never
			// change them (followup.go).
			recorded := res.FollowUps
			if err := importFollowUps(ctx, w, old.key, stored, m, who, now, &res); err != nil {
				return err
			}
			if res.FollowUps != recorded {
				// The entry now counts them: the save below must start
				// from it, not from the one read before.
				if old.report, err = readEntryState(ctx, w, old.key); err != nil {
					return err
				}
			}
			switch {
			case meeting.Equal(stored.Minutes(), m.Minutes()):
				res.Unchanged++
				return nil
			case old.signedOff:
				res.Conflicts = append(res.Conflicts, m.ID)
				return nil
			case m.SignedOff():
				res.SignOffConflicts = append(res.SignOffConflicts, m.ID)
				return nil
			}
			res.Updated++
			if _, err := w.save(ctx, m, old, now); err != nil {
				return err
			}
			if m.SignedOff() {
				return recordSealedAs(ctx, w, who, EventImport, m, "updated", now)
			}
			return record(ctx, w, who, EventImport, m.ID, "updated", now)
		})
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

// importFollowUps records the follow-ups that bring the stored meeting
// have's to the file's m.
func importFollowUps(ctx context.Context, w *writer, key int64, have, m *meeting.Meeting, who string, now time.Time, res *ImportResult) error {
	fs := meeting.FollowUpsToImport(have, m)
	if len(fs) == 0 {
		return nil
	}
	if _, err := recordFollowUps(ctx, w, key, have, fs, who, now); err != nil {
		return fmt.Errorf("meeting %s: %w", meeting.QuoteID(m.ID), err)
	}
	res.FollowUps += len(fs)
	return nil
}

// admit refuses, inside the import's transaction, sample meetings for a
// database of real ones and real meetings for a sample database. An empty
// database takes either and is marked as what it received.
func (db *DB) admit(ctx context.Context, w *writer, sample bool) error {
	isSample, err := isSample(ctx, w)
	if err != nil {
		return err
	}
	var n, history int
	if err := scanOne(ctx, w, `SELECT count(*) FROM meetings`, &n); err != nil {
		return fmt.Errorf("count meetings: %w", err)
	}
	// A database whose meetings were all deleted is still what it was:
	// its audit log is of those meetings.
	if err := scanOne(ctx, w, `SELECT count(*) FROM audit WHERE meeting != ''`, &history); err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	held := meeting.Plural(n, "meeting")
	if n == 0 && history > 0 {
		held = "its meetings were deleted, but its audit log is of them"
	}
	switch {
	case sample && !isSample && (n > 0 || history > 0):
		return fmt.Errorf("%s %w (%s); the file holds sample (invented) meetings, which go in a separate sample database: use --db with a new file", db.path, ErrRealRecords, held)
	case !sample && isSample && (n > 0 || history > 0):
		return fmt.Errorf("%s: %w (%s), made by the demo command or from a sample file; real meetings go in a separate database: use --db with another file", db.path, ErrSampleDatabase, held)
	case sample && !isSample:
		return w.exec(ctx, `INSERT INTO settings (key, value) VALUES ('sample', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'`)
	case !sample && isSample:
		return w.exec(ctx, `DELETE FROM settings WHERE key = 'sample'`) // empty: it becomes a real one
	}
	return nil
}

// scanOne reads one row of one column.
func scanOne(ctx context.Context, q querier, query string, dest any) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest); err != nil {
		return err
	}
	return rows.Close()
}

// loadTx reads one meeting inside the import's transaction, which holds the
// only write connection, so that it sees the transaction's own writes.
func (db *DB) loadTx(ctx context.Context, tx querier, id string) (*meeting.Meeting, error) {
	ms, err := loadMeetings(ctx, tx, "WHERE m.id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("load meeting %s: %w", meeting.QuoteID(id), err)
	}
	return ms[0], nil
}

// Export writes the meetings f selects to w in the interchange format,
// oldest first then by id, so the same records always give the same bytes.
// The file of a sample database says so ("sample": true), so that its
// invented meetings are never imported among real ones. It returns the
// number of meetings written.
func (db *DB) Export(ctx context.Context, w io.Writer, f meeting.Filter) (int, error) {
	enc := meeting.NewEncoder(w)
	sample, err := db.IsSample(ctx)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	if sample {
		enc.MarkSample()
	}
	n := 0
	err = db.EachMeeting(ctx, f, func(m *meeting.Meeting) error {
		n++
		return enc.Encode(m)
	})
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	if err := enc.Close(); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	return n, nil
}
