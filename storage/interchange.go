package storage

import (
	"context"
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
}

// Import stores the meetings that each yields, in one transaction: all of
// them or none. A meeting whose id is stored replaces it, except that a
// stored signed-off meeting is never replaced by a different one: that is a
// conflict, reported and left alone. each should yield meetings already
// checked (meeting.CheckFiles); an invalid one aborts the import.
func (db *DB) Import(ctx context.Context, each func(fn func(*meeting.Meeting) error) error) (ImportResult, error) {
	return db.importTx(ctx, each, "")
}

// importTx imports in one transaction, first running the statement first
// when it is not empty.
func (db *DB) importTx(ctx context.Context, each func(fn func(*meeting.Meeting) error) error, first string) (ImportResult, error) {
	var res ImportResult
	err := db.write(ctx, func(w *writer) error {
		if first != "" {
			if err := w.exec(ctx, first); err != nil {
				return err
			}
		}
		now, who := time.Now(), db.User()
		return each(func(m *meeting.Meeting) error {
			if err := m.Validate(); err != nil {
				return fmt.Errorf("meeting %q: %w", m.ID, err)
			}
			old, err := w.stored(ctx, m.ID)
			if err != nil {
				return fmt.Errorf("look up meeting %q: %w", m.ID, err)
			}
			if old == nil {
				res.Added++
				if err := w.save(ctx, m, nil, now); err != nil {
					return err
				}
				if m.SignedOff() {
					return recordSealed(ctx, w, who, EventImport, m.ID, "added", now)
				}
				return record(ctx, w, who, EventImport, m.ID, "added", now)
			}
			stored, err := db.loadTx(ctx, w, m.ID)
			if err != nil {
				return err
			}
			switch {
			case meeting.Equal(stored, m):
				res.Unchanged++
				return nil
			case old.signedOff:
				res.Conflicts = append(res.Conflicts, m.ID)
				return nil
			}
			res.Updated++
			if err := w.save(ctx, m, old, now); err != nil {
				return err
			}
			if m.SignedOff() {
				return recordSealed(ctx, w, who, EventImport, m.ID, "updated", now)
			}
			return record(ctx, w, who, EventImport, m.ID, "updated", now)
		})
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

// loadTx reads one meeting inside the import's transaction, which holds the
// only write connection, so that it sees the transaction's own writes.
func (db *DB) loadTx(ctx context.Context, tx querier, id string) (*meeting.Meeting, error) {
	ms, err := loadMeetings(ctx, tx, "WHERE m.id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("load meeting %q: %w", id, err)
	}
	return ms[0], nil
}

// Export writes the meetings f selects to w in the interchange format,
// oldest first then by id, so the same records always give the same bytes.
// It returns the number of meetings written.
func (db *DB) Export(ctx context.Context, w io.Writer, f meeting.Filter) (int, error) {
	enc := meeting.NewEncoder(w)
	n := 0
	err := db.EachMeeting(ctx, f, func(m *meeting.Meeting) error {
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
