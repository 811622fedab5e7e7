package storage

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// Events of the audit log (defined by the domain; named here too for the
// callers of storage).
const (
	EventCreate    = meeting.EventCreate
	EventChange    = meeting.EventChange
	EventSignOff   = meeting.EventSignOff
	EventAmend     = meeting.EventAmend
	EventImport    = meeting.EventImport
	EventExport    = meeting.EventExport
	EventExportPDF = meeting.EventExportPDF
	EventBackup    = meeting.EventBackup
	EventRestore   = meeting.EventRestore
)

// changeSession is how long one person's edits to one meeting count as one
// "change" in the audit log, so that autosave does not flood it.
const changeSession = 15 * time.Minute

// DefaultUser is the name of the operating system account, which the audit
// log records unless the user gives another name in the settings.
func DefaultUser() string {
	if u, err := user.Current(); err == nil {
		if name := strings.TrimSpace(u.Name); name != "" {
			return name
		}
		if u.Username != "" {
			return u.Username
		}
	}
	for _, env := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(env); v != "" {
			return v
		}
	}
	return "unknown user"
}

// SetUser sets who the audit log records as acting from now on.
func (db *DB) SetUser(name string) {
	if name = strings.TrimSpace(name); name != "" {
		db.user.Store(&name)
	}
}

// User returns who the audit log records as acting.
func (db *DB) User() string {
	if u := db.user.Load(); u != nil {
		return *u
	}
	return DefaultUser()
}

// Record adds an event to the audit log, for what happens outside storage
// (a PDF exported, a file written).
func (db *DB) Record(ctx context.Context, event, meetingID, detail string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return record(ctx, tx, db.User(), event, meetingID, detail, time.Now())
	})
}

func record(ctx context.Context, tx execQuerier, who, event, meetingID, detail string, at time.Time) error {
	return appendAudit(ctx, tx, auditEntry{at: at.UTC().Format(time.RFC3339), who: who, event: event, meeting: meetingID, detail: detail})
}

// recordChange logs an edit, unless the same person's last event on the
// meeting was an edit in the same session. last is that event when the
// caller knows it (an autosave following another, writeconn.go), nil to
// read it. It returns the meeting's newest event afterwards.
func recordChange(ctx context.Context, tx execQuerier, who, meetingID string, at time.Time, last *lastEvent) (lastEvent, error) {
	if last == nil {
		last = &lastEvent{}
		err := eachRow(ctx, tx, `SELECT at, who, event FROM audit WHERE meeting = ? ORDER BY id DESC LIMIT 1`, []any{meetingID},
			func(rows *sql.Rows) error {
				return rows.Scan(&last.at, &last.who, &last.event)
			})
		if err != nil {
			return lastEvent{}, fmt.Errorf("read audit log: %w", err)
		}
	}
	if last.who == who && (last.event == EventChange || last.event == EventCreate) {
		if t, perr := time.Parse(time.RFC3339, last.at); perr == nil && at.Sub(t) < changeSession {
			return *last, nil
		}
	}
	stamp := at.UTC().Format(time.RFC3339)
	if err := record(ctx, tx, who, EventChange, meetingID, "", at); err != nil {
		return lastEvent{}, err
	}
	return lastEvent{stamp, who, EventChange}, nil
}

// AuditLog returns the events about one meeting, or about everything for
// "", newest first, at most limit (0: all).
func (db *DB) AuditLog(ctx context.Context, meetingID string, limit int) ([]meeting.AuditEvent, error) {
	query := `SELECT at, who, event, meeting, detail FROM audit`
	var args []any
	if meetingID != "" {
		query += ` WHERE meeting = ?`
		args = append(args, meetingID)
	}
	query += ` ORDER BY id DESC`
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []meeting.AuditEvent
	for rows.Next() {
		var e meeting.AuditEvent
		var at string
		if err := rows.Scan(&at, &e.Who, &e.Event, &e.Meeting, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		e.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// WriteAuditCSV writes the whole audit log, oldest first, as CSV.
func (db *DB) WriteAuditCSV(ctx context.Context, w io.Writer) error {
	events, err := db.AuditLog(ctx, "", 0)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"at", "who", "event", "meeting", "detail"})
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		cw.Write([]string{e.At.UTC().Format(time.RFC3339), csvSafe(e.Who), e.Event, csvSafe(e.Meeting), csvSafe(e.Detail)})
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe stops a spreadsheet from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
