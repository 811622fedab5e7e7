package storage

// Every write transaction of a DB runs on one connection, one at a time.
//
// SQLite lets one connection write at a time anyway; what one connection
// adds is that an autosave can know nothing else has written since the last
// one. Before each write, a save reads the meeting's stored rows and checks
// them against their checksum, so that rows changed outside the app are
// never written over: with the discussion's tables that read was a quarter
// of an autosave's time. PRAGMA data_version on a connection changes when,
// and only when, another connection (of this process or any other) commits.
// So on the one writing connection, a data_version unchanged since the last
// autosave's transaction means the meeting's rows are still exactly those
// that autosave wrote, checksum and audit log included: the next autosave of
// the same meeting starts from them and skips the read. Any other write
// transaction of this process runs on the same connection and forgets them
// first (inTxUnchecked).

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
)

type writeConn struct {
	mu   sync.Mutex
	conn *sql.Conn // nil until the first write, or after it went bad
	// Within a transaction: prev is what the last autosave left, if that
	// was the last transaction; next is what this one leaves, if it is an
	// autosave and it commits. Between transactions, prev is nil.
	prev, next *savedMeeting
	last       *savedMeeting // what the last transaction left, if it was an autosave
}

// A savedMeeting is a meeting as an autosave left it in the database.
type savedMeeting struct {
	id      string
	img     *image // its rows, checksum and rowid
	version int64  // data_version within the autosave's transaction
	audit   lastEvent
}

// A lastEvent is the newest event of a meeting's audit log.
type lastEvent struct{ at, who, event string }

// begin starts a transaction on the writing connection, which must be
// held (mu). A connection that went bad (a cancelled transaction can leave
// it so) is replaced once.
func (w *writeConn) begin(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	for try := 0; ; try++ {
		if w.conn == nil {
			c, err := db.Conn(ctx)
			if err != nil {
				return nil, err
			}
			w.conn = c
		}
		tx, err := w.conn.BeginTx(ctx, nil)
		if err != nil && try == 0 && (errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn)) {
			w.conn.Close()
			w.conn = nil
			continue
		}
		return tx, err
	}
}

func (w *writeConn) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.last = nil
	if w.conn == nil {
		return nil
	}
	err := w.conn.Close()
	w.conn = nil
	return err
}

// dataVersion returns PRAGMA data_version in the writer's transaction.
func (w *writer) dataVersion(ctx context.Context) (int64, error) {
	s, err := w.stmt(ctx, "PRAGMA data_version")
	if err != nil {
		return 0, err
	}
	var v int64
	if err := s.QueryRowContext(ctx).Scan(&v); err != nil {
		return 0, fmt.Errorf("read data_version: %w", err)
	}
	return v, nil
}

// storedForSave is stored for an autosave: the stored rows of the meeting
// with the id (nil when there is none), its newest audit event (nil: read
// it), and the data_version that an autosave of the meeting next in line
// compares with its own.
func (w *writer) storedForSave(ctx context.Context, id string) (*image, *lastEvent, int64, error) {
	version, err := w.dataVersion(ctx)
	if err != nil {
		return nil, nil, 0, err
	}
	if p := w.db.writing.prev; p != nil && p.img.meeting != nil && p.version == version && p.id == id {
		return p.img, &p.audit, version, nil
	}
	img, err := w.stored(ctx, id)
	return img, nil, version, err
}

// keep has the transaction leave the meeting's new rows for the next
// autosave, if it commits.
func (w *writer) keep(id string, img *image, version int64, audit lastEvent) {
	w.db.writing.next = &savedMeeting{id: id, img: img, version: version, audit: audit}
}
