package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// ErrNotSignedOff is returned for an amendment to a draft, which is simply edited.
var ErrNotSignedOff = errors.New("the minutes are not signed off: edit them directly")

// Amend changes signed-off minutes to m, keeping the version it replaces,
// with the reason, who and when, and what changed field by field. The
// sign-off itself (who and when) cannot be amended.
func (db *DB) Amend(ctx context.Context, m *meeting.Meeting, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return errors.New("amend: give the reason for the amendment")
	}
	who, now := db.User(), time.Now()
	return db.write(ctx, func(w *writer) error {
		stored, err := loadMeetings(ctx, w, "WHERE m.id = ?", m.ID)
		if err != nil {
			return fmt.Errorf("amend: %w", err)
		}
		if len(stored) == 0 {
			return fmt.Errorf("amend %s: %w", meeting.QuoteID(m.ID), meeting.ErrNotFound)
		}
		before := stored[0]
		if !before.SignedOff() {
			return fmt.Errorf("amend %s: %w", meeting.QuoteID(m.ID), ErrNotSignedOff)
		}
		if !m.SignedOffAt.Equal(before.SignedOffAt) || m.SignedOffBy != before.SignedOffBy {
			return fmt.Errorf("amend %s: the sign-off cannot be changed", meeting.QuoteID(m.ID))
		}
		if m.SignOffRules != before.SignOffRules {
			return fmt.Errorf("amend %s: the rules the minutes were signed off under cannot be changed", meeting.QuoteID(m.ID))
		}
		if err := m.Validate(); err != nil {
			return fmt.Errorf("amend: %w", err)
		}
		// An amendment never makes the minutes less complete than they were
		// signed off: no statutory question left unanswered, no reason taken
		// away.
		if added := meeting.Added(before.SignOffProblems(), m.SignOffProblems()); len(added) > 0 {
			return fmt.Errorf("amend: the amended minutes would not pass sign-off: %w", added)
		}
		// An amendment changes the minutes only: follow-ups are recorded
		// as such (followup.go), whatever the copy amended holds of them.
		changes := meeting.Diff(before.Minutes(), m.Minutes())
		if len(changes) == 0 {
			return fmt.Errorf("amend %s: nothing was changed", meeting.QuoteID(m.ID))
		}
		changesJSON, err := json.Marshal(changes)
		if err != nil {
			return fmt.Errorf("amend: %w", err)
		}
		previous, err := meeting.MarshalMeeting(before.Minutes())
		if err != nil {
			return fmt.Errorf("amend: %w", err)
		}
		if err := w.writeOne(ctx, m, now); err != nil {
			return err
		}
		_, err = w.ExecContext(ctx, `INSERT INTO amendments (meeting, at, who, reason, changes, previous)
			SELECT rowid, ?, ?, ?, ?, ? FROM meetings WHERE id = ?`,
			now.UTC().Format(time.RFC3339), who, reason, string(changesJSON), string(previous), m.ID)
		if err != nil {
			return fmt.Errorf("amend: store the amendment: %w", err)
		}
		return recordSealed(ctx, w, who, EventAmend, m.ID, fmt.Sprintf("%d fields", len(changes)), now)
	})
}

// Amendments returns the amendments of a meeting, oldest first.
func (db *DB) Amendments(ctx context.Context, id string) ([]meeting.Amendment, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT a.at, a.who, a.reason, a.changes FROM amendments a
		JOIN meetings m ON m.rowid = a.meeting WHERE m.id = ? ORDER BY a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("read amendments: %w", err)
	}
	defer rows.Close()
	var out []meeting.Amendment
	for rows.Next() {
		var a meeting.Amendment
		var at, changes string
		if err := rows.Scan(&at, &a.By, &a.Reason, &changes); err != nil {
			return nil, fmt.Errorf("read amendments: %w", err)
		}
		a.At, _ = time.Parse(time.RFC3339, at)
		if err := json.Unmarshal([]byte(changes), &a.Changes); err != nil {
			return nil, fmt.Errorf("read amendments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SignedOffVersion returns the minutes as they were signed off, before any
// amendment.
func (db *DB) SignedOffVersion(ctx context.Context, id string) (*meeting.Meeting, error) {
	var previous string
	err := db.sql.QueryRowContext(ctx, `SELECT a.previous FROM amendments a JOIN meetings m ON m.rowid = a.meeting
		WHERE m.id = ? ORDER BY a.id LIMIT 1`, id).Scan(&previous)
	if errors.Is(err, sql.ErrNoRows) {
		m, err := db.Meeting(ctx, id)
		if err != nil {
			return nil, err
		}
		if !m.SignedOff() {
			return nil, fmt.Errorf("meeting %s: %w", meeting.QuoteID(id), ErrNotSignedOff)
		}
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read signed-off version: %w", err)
	}
	return meeting.UnmarshalMeeting([]byte(previous))
}
