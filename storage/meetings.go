package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"strategyminutes/meeting"
)

var (
	_ meeting.Store    = (*DB)(nil)
	_ meeting.Reporter = (*DB)(nil)
	_ meeting.Records  = (*DB)(nil)
)

const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(timeLayout)
}

// parseTime reads a stored time. Its error names the field, never the
// value (time.Parse's own error quotes it): load errors reach standard
// error and the log, where no record content may go.
func parseTime(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored %s is not a date and time in RFC 3339 form (the database may be damaged: run check)", field)
	}
	return t, nil
}

// parseDate reads a stored date, naming the field, never the value, in its
// error: it may be a date of birth.
func parseDate(field, s string) (meeting.Date, error) {
	d, err := meeting.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("stored %s is not a date written YYYY-MM-DD (the database may be damaged: run check)", field)
	}
	return d, nil
}

// ErrSignedOff is returned for a plain save over signed-off minutes: they
// change only by an amendment, with a reason (Amend).
var ErrSignedOff = errors.New("the minutes are signed off: change them with an amendment")

// Errors of a save of a meeting that is not stored but was.
var (
	ErrDeleted = errors.New("it was deleted (the audit log records it), so it is not stored again; what is on screen is all that is left of it")
	ErrRemoved = errors.New("its stored rows are gone (removed outside the app, or damaged), so it is not stored again over the evidence; run 'strategyminutes check'")
)

// neverStored returns nil when the audit log knows nothing of the meeting
// with the id, else ErrDeleted or ErrRemoved.
func neverStored(ctx context.Context, q querier, id string) error {
	var event string
	err := eachRow(ctx, q, `SELECT event FROM audit WHERE meeting = ? ORDER BY id DESC LIMIT 1`, []any{id}, func(rows *sql.Rows) error {
		return rows.Scan(&event)
	})
	switch {
	case err != nil:
		return fmt.Errorf("read audit log: %w", err)
	case event == "":
		return nil
	case strings.HasPrefix(event, meeting.EventDelete):
		return ErrDeleted
	}
	return ErrRemoved
}

// SaveMeeting validates m and stores it in one transaction, replacing the
// stored meeting with the same id, and notes it in the audit log. It writes
// only the rows that differ from the stored ones (save.go). Signed-off
// minutes are never replaced this way.
func (db *DB) SaveMeeting(ctx context.Context, m *meeting.Meeting) error {
	if err := m.Validate(); err != nil {
		return fmt.Errorf("save meeting: %w", err)
	}
	who, now := db.User(), time.Now()
	return db.writePending(ctx, func(w *writer) error {
		old, last, version, err := w.storedForSave(ctx, m.ID)
		switch {
		case err != nil:
			return fmt.Errorf("save meeting: %w", err)
		case old != nil && old.signedOff:
			return fmt.Errorf("save meeting %s: %w", meeting.QuoteID(m.ID), ErrSignedOff)
		case old == nil:
			// A meeting is stored for the first time only once: one the
			// audit log knows was deleted, or whose rows were removed
			// outside the app, is not put back by the next autosave.
			if err := neverStored(ctx, w, m.ID); err != nil {
				return fmt.Errorf("save meeting %s: %w", meeting.QuoteID(m.ID), err)
			}
		}
		img, err := w.save(ctx, m, old, now)
		if err != nil {
			return err
		}
		switch {
		case old == nil && m.SignedOff(): // stored for the first time already signed off
			return recordSealedAs(ctx, w, who, EventCreate, m, "", now)
		case old == nil:
			if err := record(ctx, w, who, EventCreate, m.ID, "", now); err != nil {
				return err
			}
			w.keep(m.ID, img, version, lastEvent{now.UTC().Format(time.RFC3339), who, EventCreate})
			return nil
		case m.SignedOff():
			return recordSealedAs(ctx, w, who, EventSignOff, m, "", now)
		}
		entry, err := recordChange(ctx, w, who, m.ID, now, last)
		if err == nil {
			w.keep(m.ID, img, version, entry)
		}
		return err
	})
}

// Meeting returns the stored meeting with the id, or meeting.ErrNotFound.
func (db *DB) Meeting(ctx context.Context, id string) (*meeting.Meeting, error) {
	ms, err := db.load(ctx, "WHERE m.id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("load meeting: %w", err)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("load meeting %s: %w", meeting.QuoteID(id), meeting.ErrNotFound)
	}
	return ms[0], nil
}

// Meetings returns the complete meetings f selects, oldest first then by id:
// the order of an export.
func (db *DB) Meetings(ctx context.Context, f meeting.Filter) ([]*meeting.Meeting, error) {
	var out []*meeting.Meeting
	err := db.EachMeeting(ctx, f, func(m *meeting.Meeting) error {
		out = append(out, m)
		return nil
	})
	return out, err
}

// exportBatch is how many meetings EachMeeting loads at a time: large enough
// to amortise the queries, small enough to keep memory flat.
const exportBatch = 500

// EachMeeting calls fn for every meeting f selects, oldest first then by id,
// loading them in batches so that memory stays flat for any number.
func (db *DB) EachMeeting(ctx context.Context, f meeting.Filter, fn func(*meeting.Meeting) error) error {
	if err := db.searchReadyFor(ctx, f); err != nil {
		return fmt.Errorf("load meetings: %w", err)
	}
	where, args := filterSQL(f, false)
	// Keyset pagination over (held_unix, id) keeps each batch's query cheap.
	lastUnix, lastID := int64(-1<<62), ""
	for {
		cond := where
		if cond == "" {
			cond = "WHERE "
		} else {
			cond += " AND "
		}
		cond += "(m.held_unix > ? OR (m.held_unix = ? AND m.id > ?))"
		batchArgs := append(append([]any{}, args...), lastUnix, lastUnix, lastID)
		ms, err := db.load(ctx, cond+fmt.Sprintf(" ORDER BY m.held_unix, m.id LIMIT %d", exportBatch), batchArgs...)
		if err != nil {
			return fmt.Errorf("load meetings: %w", err)
		}
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(ms) < exportBatch {
			return nil
		}
		last := ms[len(ms)-1]
		lastUnix, lastID = last.HeldAt.Unix(), last.ID
	}
}

// filterSQL turns a filter's period, status and text into a WHERE clause
// over meetings m. indexed: the text is looked for first in the search
// index, which finds the candidates at once (storage/search.go); otherwise
// in the list's copy of the search column (list_search) of every meeting the
// clause reads, which is current once searchReady has run.
func filterSQL(f meeting.Filter, indexed bool) (string, []any) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds = append(conds, "m.held_on >= ?")
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		conds = append(conds, "m.held_on <= ?")
		args = append(args, f.To.String())
	}
	switch f.Status {
	case meeting.StatusDraft:
		conds = append(conds, "m.signed_off_at = ''")
	case meeting.StatusSignedOff:
		conds = append(conds, "m.signed_off_at <> ''")
	}
	if text := searchedText(f); text != "" {
		if indexed {
			conds = append(conds, "m.rowid IN ("+searchMeetingsSQL+")")
			args = append(args, matchPhrase(text))
		}
		// The list's copy, which its index holds: brought up to date by
		// searchReady (migration 15).
		conds = append(conds, "instr(m.list_search, ?) > 0")
		args = append(args, text)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// People returns attendees of earlier meetings whose name contains text
// (everyone for ""), each with the roles and agencies they came with, most
// frequent first.
func (db *DB) People(ctx context.Context, text string, limit int) ([]meeting.Person, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT name, role, agency, service FROM attendees
		WHERE name LIKE ? ESCAPE '\'
		GROUP BY name, agency, role, service
		ORDER BY count(*) DESC, name LIMIT ?`, "%"+escapeLike(strings.TrimSpace(text))+"%", limit)
	if err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	defer rows.Close()
	var out []meeting.Person
	for rows.Next() {
		var p meeting.Person
		if err := rows.Scan(&p.Name, &p.Role, &p.Agency, &p.Service); err != nil {
			return nil, fmt.Errorf("find people: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Count returns how many meetings f selects.
func (db *DB) Count(ctx context.Context, f meeting.Filter) (int, error) {
	indexed := false
	if err := db.searchReadyFor(ctx, f); err != nil {
		return 0, fmt.Errorf("count meetings: %w", err)
	}
	if text := searchedText(f); indexable(text) {
		if f.From.IsZero() && f.To.IsZero() && f.Status == "" {
			// What the index finds is exactly what the column holds.
			n, err := db.countFound(ctx, text)
			if err != nil {
				return 0, fmt.Errorf("count meetings: %w", err)
			}
			return n, nil
		}
		// Each candidate is a look-up; a scan reads every meeting once.
		var err error
		if indexed, err = db.useIndex(ctx, text, 0, 0, true); err != nil {
			return 0, fmt.Errorf("count meetings: %w", err)
		}
	}
	return db.count(ctx, f, indexed)
}

// count counts the meetings f selects, finding its text in the search index
// first when indexed.
func (db *DB) count(ctx context.Context, f meeting.Filter, indexed bool) (int, error) {
	where, args := filterSQL(f, indexed)
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM meetings m "+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count meetings: %w", err)
	}
	return n, nil
}

// Summaries lists the meetings f selects, newest first, a page at a time.
func (db *DB) Summaries(ctx context.Context, f meeting.Filter) ([]meeting.Summary, error) {
	indexed := false
	if err := db.searchReadyFor(ctx, f); err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	if text := searchedText(f); indexable(text) {
		var err error
		if indexed, err = db.useIndex(ctx, text, f.Offset, f.Limit, false); err != nil {
			return nil, fmt.Errorf("list meetings: %w", err)
		}
	}
	return db.summaries(ctx, f, indexed)
}

// summaries lists the meetings f selects, finding its text in the search
// index first when indexed.
func (db *DB) summaries(ctx context.Context, f meeting.Filter, indexed bool) ([]meeting.Summary, error) {
	where, args := filterSQL(f, indexed)
	limit := f.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	const columns = `m.id, m.reference, m.type, m.held_at, m.chair, m.signed_off_at, m.missing_statutory,
		(SELECT group_concat(name, char(31)) FROM (SELECT c.name FROM children c WHERE c.meeting = m.rowid ORDER BY c.position))`
	query := `SELECT ` + columns + ` FROM meetings m ` + where + ` ORDER BY m.held_unix DESC, m.id LIMIT ? OFFSET ?`
	if indexed {
		// The matches are sorted, not read in order: the page is chosen
		// first, so that the children's names are read for its meetings only.
		query = `WITH page AS (SELECT m.rowid AS key, m.held_unix, m.id FROM meetings m ` + where +
			` ORDER BY m.held_unix DESC, m.id LIMIT ? OFFSET ?)
			SELECT ` + columns + ` FROM page CROSS JOIN meetings m ON m.rowid = page.key ORDER BY page.held_unix DESC, page.id`
	}
	rows, err := db.sql.QueryContext(ctx, query, append(args, limit, f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	defer rows.Close()
	var out []meeting.Summary
	for rows.Next() {
		var s meeting.Summary
		var heldAt, signedOff, missing string
		var children sql.NullString
		if err := rows.Scan(&s.ID, &s.Reference, &s.Type, &heldAt, &s.Chair, &signedOff, &missing, &children); err != nil {
			return nil, fmt.Errorf("list meetings: %w", err)
		}
		if s.HeldAt, err = parseTime("held_at", heldAt); err != nil {
			return nil, fmt.Errorf("list meetings: meeting %s: %w", meeting.QuoteID(s.ID), err)
		}
		s.SignedOff = signedOff != ""
		if missing != "" {
			for _, a := range strings.Split(missing, ",") {
				s.MissingStatutory = append(s.MissingStatutory, meeting.Agency(a))
			}
		}
		if children.Valid {
			s.Children = strings.Split(children.String, "\x1f")
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	return out, nil
}

// load reads the meetings selected by a clause over meetings m, with all
// their rows, in the clause's order, as one snapshot.
func (db *DB) load(ctx context.Context, clause string, args ...any) ([]*meeting.Meeting, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	// A deferred transaction reads one WAL snapshot without taking the write lock.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "COMMIT")
	return loadMeetings(ctx, conn, clause, args...)
}

// querier is what loadMeetings needs of a connection or transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query and calls scan for every row.
func eachRow(ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func loadMeetings(ctx context.Context, conn querier, clause string, args ...any) ([]*meeting.Meeting, error) {
	rows, err := conn.QueryContext(ctx, `SELECT m.rowid, m.id, `+columnList("m.", meetingCols)+` FROM meetings m `+clause, args...)
	if err != nil {
		return nil, err
	}
	var list []*meeting.Meeting
	byKey := map[int64]*meeting.Meeting{}
	var keys []any
	values := make([]any, 2+len(meetingCols))
	dest := make([]any, len(values))
	for i := range dest {
		dest[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, err
		}
		m := &meeting.Meeting{}
		key, _ := values[0].(int64)
		m.ID, _ = values[1].(string)
		if err := scanRow(meetingColumns, m, meetingCols, values[2:], ""); err != nil {
			rows.Close()
			return nil, fmt.Errorf("meeting %s: %w", meeting.QuoteID(m.ID), err)
		}
		list = append(list, m)
		byKey[key] = m
		keys = append(keys, key)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, nil
	}
	in := meetingsIn(len(keys))
	// Each table's rows of the meetings, in their order.
	each := func(what, query string, cols []string, fn func(m *meeting.Meeting, r row) error) error {
		values := make([]any, 1+len(cols))
		dest := make([]any, len(values))
		for i := range dest {
			dest[i] = &values[i]
		}
		err := eachRow(ctx, conn, query, keys, func(rows *sql.Rows) error {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			key, _ := values[0].(int64)
			m := byKey[key]
			r, err := rowOf(cols, values[1:])
			if err == nil {
				err = fn(m, r)
			}
			if err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(m.ID), err)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("load %s: %w", what, err)
		}
		return nil
	}
	for _, t := range storedTables {
		err := each(t.name, `SELECT meeting, `+strings.Join(t.cols, ", ")+` FROM `+t.name+` WHERE meeting IN `+in+` ORDER BY meeting, position`, t.cols, t.load)
		if err != nil {
			return nil, err
		}
	}
	err = each("consent", `SELECT meeting, `+strings.Join(consentCols, ", ")+` FROM consents WHERE meeting IN `+in, consentCols,
		func(m *meeting.Meeting, r row) error {
			m.Consent = &meeting.Consent{}
			return consentColumns.scan(m.Consent, r, "consent")
		})
	if err != nil {
		return nil, err
	}
	err = each("discussion", `SELECT meeting, `+strings.Join(discussionCols, ", ")+` FROM discussions WHERE meeting IN `+in, discussionCols,
		func(m *meeting.Meeting, r row) error { return discussionColumns.scan(m, r, "") })
	if err != nil {
		return nil, err
	}
	var key int64
	err = eachRow(ctx, conn, `SELECT meeting, decision, child_id FROM decision_children WHERE meeting IN `+in+` ORDER BY meeting, decision, position`, keys,
		func(rows *sql.Rows) error {
			var decision int
			var child string
			if err := rows.Scan(&key, &decision, &child); err != nil {
				return err
			}
			m := byKey[key]
			if decision < 0 || decision >= len(m.Decisions) {
				return fmt.Errorf("meeting %s: a decision's child refers to no decision (the database may be damaged: run check)", meeting.QuoteID(m.ID))
			}
			d := &m.Decisions[decision]
			d.Children = append(d.Children, child)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load decision children: %w", err)
	}
	if err := foldFollowUps(ctx, conn, in, keys, byKey); err != nil {
		return nil, err
	}
	return list, nil
}

// scanRow puts the values of a stored row, scanned into any, into x.
func scanRow[T any](cs columns[T], x *T, names []string, values []any, prefix string) error {
	r, err := rowOf(names, values)
	if err != nil {
		return err
	}
	return cs.scan(x, r, prefix)
}

// columnList is the columns' names, each after prefix, for a SELECT.
func columnList(prefix string, names []string) string {
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(prefix + n)
	}
	return b.String()
}

// meetingsIn is the list of n parameters, "(?,?,?)".
func meetingsIn(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
}
