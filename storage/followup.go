package storage

// Follow-ups (meeting/followup.go) are rows of follow_ups (migration 11),
// appended and never changed, each with an entry of the audit log whose
// content is the row's hash: the minutes' rows, checksum and seal are not
// touched, so signed-off minutes stay exactly as signed off. A meeting's
// follow-ups are the latest row of each: loading folds them into the
// meeting (foldFollowUps), and Verify finds a row changed, added or
// removed outside the app (verifyFollowUps).

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// EventFollowUp is the audit log's event for a follow-up recorded.
const EventFollowUp = "follow_up"

// ErrAlreadyRecorded is RecordFollowUp's for a follow-up the meeting holds
// already: nothing was recorded.
var ErrAlreadyRecorded = errors.New("the meeting already holds this: nothing was recorded")

// A followUpRow is one row of follow_ups.
type followUpRow struct {
	id                                                    int64
	kind, action, on, text, agency, copy, sentAt, who, at string
}

const followUpCols = "id, kind, action, on_date, text, agency, copy, sent_at, recorded_by, recorded_at"

func (r *followUpRow) scan(rows *sql.Rows, meetingKey *int64) error {
	return rows.Scan(meetingKey, &r.id, &r.kind, &r.action, &r.on, &r.text, &r.agency, &r.copy, &r.sentAt, &r.who, &r.at)
}

// hash is the row as its audit entry holds it: a hash of its meeting's id
// and every column.
func (r *followUpRow) hash(meetingID string) string {
	h := sha256.New()
	fmt.Fprintf(h, "strategy-minutes follow-up 1\n%d", r.id)
	for _, s := range []string{meetingID, r.kind, r.action, r.on, r.text, r.agency, r.copy, r.sentAt, r.who, r.at} {
		fmt.Fprintf(h, "\x1e%d:%s", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// detail says in the audit log what the row recorded, naming no one, and
// ends with the row's hash.
func (r *followUpRow) detail(meetingID string) string {
	var what string
	switch meeting.FollowUpKind(r.kind) {
	case meeting.FollowUpActionDone:
		if r.on == "" {
			what = "action " + r.action + " open again"
		} else {
			what = "action " + r.action + " done on " + r.on
		}
	case meeting.FollowUpICPC:
		switch {
		case r.on != "":
			what = "initial conference held on " + r.on
		case r.text != "":
			what = "initial conference not needed"
		default:
			what = "initial conference record withdrawn"
		}
	case meeting.FollowUpSent:
		what = "minutes sent: " + meeting.Copies.Label(meeting.Copy(r.copy))
		if r.agency != "" {
			what += ", " + meeting.Agency(r.agency).Label()
		}
	default:
		what = r.kind
	}
	return "follow-up " + strconv.FormatInt(r.id, 10) + ": " + what + " (row " + r.hash(meetingID) + ")"
}

// parseFollowUpDetail returns the follow-up id and row hash an audit
// entry's detail names.
func parseFollowUpDetail(detail string) (int64, string, bool) {
	n, rest, ok := strings.Cut(strings.TrimPrefix(detail, "follow-up "), ":")
	i := strings.LastIndex(rest, " (row ")
	if !ok || i < 0 || !strings.HasSuffix(rest, ")") {
		return 0, "", false
	}
	id, err := strconv.ParseInt(n, 10, 64)
	return id, rest[i+len(" (row ") : len(rest)-1], err == nil
}

// fold puts the row's state into m.
func (r *followUpRow) fold(m *meeting.Meeting) error {
	at, err := parseTime("follow_ups.recorded_at", r.at)
	if err != nil {
		return err
	}
	on, err := parseDate("follow_ups.on_date", r.on)
	if err != nil {
		return err
	}
	switch meeting.FollowUpKind(r.kind) {
	case meeting.FollowUpActionDone:
		i := m.ActionByKey(r.action)
		if i < 0 {
			return nil // an action an amendment has since removed
		}
		if on.IsZero() {
			m.Actions[i].Done = nil
		} else {
			m.Actions[i].Done = &meeting.ActionDone{On: on, RecordedBy: r.who, RecordedAt: at}
		}
	case meeting.FollowUpICPC:
		if on.IsZero() && r.text == "" {
			m.ICPC = nil
		} else {
			m.ICPC = &meeting.ICPC{HeldOn: on, NotNeededReason: r.text, RecordedBy: r.who, RecordedAt: at}
		}
	case meeting.FollowUpSent:
		sent, err := parseTime("follow_ups.sent_at", r.sentAt)
		if err != nil {
			return err
		}
		m.Distribution = append(m.Distribution, meeting.Recipient{Name: r.text, Agency: meeting.Agency(r.agency),
			Copy: meeting.Copy(r.copy), SentAt: sent, RecordedBy: r.who})
	default:
		return fmt.Errorf("follow_ups.kind is not a kind of follow-up (the database may be damaged: run check)")
	}
	return nil
}

// foldFollowUps folds the follow-ups of the meetings with the keys
// (rowids) into them.
func foldFollowUps(ctx context.Context, q querier, in string, keys []any, byKey map[int64]*meeting.Meeting) error {
	var key int64
	err := eachRow(ctx, q, `SELECT meeting, `+followUpCols+` FROM follow_ups WHERE meeting IN `+in+` ORDER BY meeting, id`, keys,
		func(rows *sql.Rows) error {
			var r followUpRow
			if err := r.scan(rows, &key); err != nil {
				return err
			}
			m := byKey[key]
			if err := r.fold(m); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(m.ID), err)
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("load follow-ups: %w", err)
	}
	return nil
}

// RecordFollowUp records a follow-up of the meeting with the id, by the
// user, now (meeting.FollowUps). One that changes nothing is not recorded.
func (db *DB) RecordFollowUp(ctx context.Context, id string, f meeting.FollowUp) error {
	who, now := db.User(), time.Now()
	err := db.write(ctx, func(w *writer) error {
		old, err := w.stored(ctx, id) // its rows match their checksum
		if err != nil {
			return err
		}
		if old == nil {
			return meeting.ErrNotFound
		}
		m, err := db.loadTx(ctx, w, id)
		if err != nil {
			return err
		}
		after, err := recordFollowUps(ctx, w, old.key, m, []meeting.FollowUp{f}, who, now)
		if err == nil && after == m {
			err = ErrAlreadyRecorded
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("record follow-up of meeting %s: %w", meeting.QuoteID(id), err)
	}
	return nil
}

// recordFollowUps appends the follow-ups fs of the stored meeting m (with
// the rowid key) that change it, each with its audit entry, and returns m
// with them.
func recordFollowUps(ctx context.Context, w *writer, key int64, m *meeting.Meeting, fs []meeting.FollowUp, who string, now time.Time) (*meeting.Meeting, error) {
	stamp := formatTime(now.UTC())
	before := m
	for _, f := range fs {
		next, err := m.Apply(f, who, now)
		if err != nil {
			return nil, err
		}
		if followUpsEqual(m, next) {
			continue
		}
		r := followUpRow{kind: string(f.Kind), who: who, at: stamp}
		if f.RecordedBy != "" {
			r.who = f.RecordedBy
		}
		if !f.RecordedAt.IsZero() {
			r.at = formatTime(f.RecordedAt)
		}
		switch f.Kind {
		case meeting.FollowUpActionDone:
			r.action, r.on = f.Action, f.On.String()
		case meeting.FollowUpICPC:
			r.on, r.text = f.On.String(), strings.TrimSpace(f.Reason)
		case meeting.FollowUpSent:
			rc := f.Recipient
			r.text, r.agency, r.copy, r.sentAt = strings.TrimSpace(rc.Name), string(rc.Agency), string(rc.Copy), formatTime(rc.SentAt)
		}
		s, err := w.stmt(ctx, `INSERT INTO follow_ups (meeting, kind, action, on_date, text, agency, copy, sent_at, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
		if err != nil {
			return nil, err
		}
		if err := s.QueryRowContext(ctx, key, r.kind, r.action, r.on, r.text, r.agency, r.copy, r.sentAt, r.who, r.at).Scan(&r.id); err != nil {
			return nil, fmt.Errorf("store follow-up: %w", err)
		}
		err = appendAudit(ctx, w, auditEntry{at: now.UTC().Format(time.RFC3339), who: who, event: EventFollowUp,
			meeting: m.ID, detail: r.detail(m.ID)})
		if err != nil {
			return nil, err
		}
		m = next
	}
	if m == before {
		return m, nil
	}
	// The report entry counts the follow-ups as recorded.
	st, err := readEntryState(ctx, w, key)
	if err == nil {
		err = w.putEntry(ctx, key, m, &st)
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// followUpsEqual reports whether a and b, the same minutes, hold the same
// follow-ups, whoever recorded them and when.
func followUpsEqual(a, b *meeting.Meeting) bool {
	return len(meeting.FollowUpsTo(a, b)) == 0
}

// verifyFollowUps finds follow-ups changed, added or removed outside the
// app: every row must have its audit entry, with the row's hash, and every
// entry of a meeting still stored its row.
func verifyFollowUps(ctx context.Context, q querier) ([]TamperProblem, error) {
	entries := map[int64]string{} // follow-up id: the row's hash
	names := map[int64]string{}   // and its meeting's reference, else id
	err := eachRow(ctx, q, `SELECT a.meeting, m.reference, a.detail FROM audit a JOIN meetings m ON m.id = a.meeting
		WHERE a.event = ?`, []any{EventFollowUp}, func(rows *sql.Rows) error {
		var id, ref, detail string
		if err := rows.Scan(&id, &ref, &detail); err != nil {
			return err
		}
		id = cmpOr(ref, id)
		k, hash, ok := parseFollowUpDetail(detail)
		if !ok {
			return fmt.Errorf("an audit entry of a follow-up names none")
		}
		entries[k], names[k] = hash, id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the follow-ups' audit entries: %w", err)
	}
	var problems []TamperProblem
	var key int64
	err = eachRow(ctx, q, `SELECT f.meeting, m.id, m.reference, `+prefixed("f.", followUpCols)+` FROM follow_ups f
		JOIN meetings m ON m.rowid = f.meeting ORDER BY f.id`, nil, func(rows *sql.Rows) error {
		var r followUpRow
		var id, ref string
		if err := rows.Scan(&key, &id, &ref, &r.id, &r.kind, &r.action, &r.on, &r.text, &r.agency, &r.copy, &r.sentAt, &r.who, &r.at); err != nil {
			return err
		}
		name := cmpOr(ref, id)
		content, ok := entries[r.id]
		switch {
		case !ok:
			problems = append(problems, TamperProblem{Meeting: name, What: fmt.Sprintf("follow-up %d has no entry in the audit log: it was added outside the app", r.id)})
		case content != r.hash(id):
			problems = append(problems, TamperProblem{Meeting: name, What: fmt.Sprintf("follow-up %d does not match its entry in the audit log: it was changed outside the app", r.id)})
		}
		delete(entries, r.id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the follow-ups: %w", err)
	}
	for k := range entries {
		problems = append(problems, TamperProblem{Meeting: names[k], What: fmt.Sprintf("follow-up %d, in the audit log, is missing: it was removed outside the app", k)})
	}
	return problems, nil
}

func prefixed(prefix, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = prefix + parts[i]
	}
	return strings.Join(parts, ", ")
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
