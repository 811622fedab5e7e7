package storage

// Every meeting has one report entry (meeting.ReportEntry) in
// report_entries (migration 16), written in the same transaction as the
// rows and follow-ups it is worked out from, so that the report reads one
// small row per meeting (report.go). A save that changes nothing the report
// counts (most of a chair's typing) leaves the entry as it is. The entry is
// never sealed: it is worked out from sealed rows and recorded follow-ups,
// and `check` works it out again for every meeting (verifyReportEntries).
//
// An entry holds its children's case keys as numbers (case_keys), so that
// the report counts each child's meetings in an array rather than a map of
// strings: at a million meetings that is most of the report's time.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"strategyminutes/meeting"
)

// errEntry is the error of an entry that is not one this app wrote.
var errEntry = fmt.Errorf("%w (run 'strategyminutes check')", meeting.ErrEntry)

// entryOf works out the report entry of the meeting m whose stored
// follow-ups are followUps (in the order recorded): m's own follow-up
// fields are replaced by theirs, since only what is recorded counts.
func entryOf(m *meeting.Meeting, followUps []followUpRow) (*meeting.ReportEntry, error) {
	c := *m
	c.Actions = slices.Clone(m.Actions)
	for i := range c.Actions {
		c.Actions[i].Done = nil
	}
	c.ICPC, c.Distribution = nil, nil
	for i := range followUps {
		if err := followUps[i].fold(&c); err != nil {
			return nil, err
		}
	}
	return meeting.EntryOf(&c), nil
}

// numberCases returns the numbers of the case keys, numbering any new one
// (with no uses yet: adjustCases counts them), remembering them in known
// when it is not nil.
func numberCases(ctx context.Context, q querier, keys []string, known map[string]int64) ([]int64, error) {
	ids := make([]int64, len(keys))
	for i, k := range keys {
		id, ok := known[k]
		for _, query := range []string{`SELECT id FROM case_keys WHERE key = ?`, `INSERT INTO case_keys (key, uses) VALUES (?, 0) RETURNING id`} {
			if ok {
				break
			}
			err := eachRow(ctx, q, query, []any{k}, func(rows *sql.Rows) error {
				ok = true
				return rows.Scan(&id)
			})
			if err != nil {
				return nil, fmt.Errorf("number a case key: %w", err)
			}
		}
		ids[i] = id
		if known != nil {
			known[k] = id
		}
	}
	return ids, nil
}

// adjustCases counts the uses of the case keys an entry holds now (new)
// instead of before (old), and removes a key no entry holds any more: a
// deleted meeting's, or what a chair typed on the way to the reference.
func adjustCases(ctx context.Context, q execer, old, new []int64) error {
	for _, step := range []struct {
		from, without []int64
		sql           string
	}{
		{new, old, `UPDATE case_keys SET uses = uses + 1 WHERE id = ?`},
		{old, new, `UPDATE case_keys SET uses = uses - 1 WHERE id = ?`},
		{old, new, `DELETE FROM case_keys WHERE id = ? AND uses <= 0`},
	} {
		for _, id := range step.from {
			if slices.Contains(step.without, id) {
				continue
			}
			if _, err := q.ExecContext(ctx, step.sql, id); err != nil {
				return fmt.Errorf("count a case key's uses: %w", err)
			}
		}
	}
	return nil
}

// An execer runs statements in a transaction: a *sql.Tx or a writer.
type execer interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// entryCases returns the case numbers of a stored entry, and false for an
// entry that is not one this app wrote (damaged, or changed outside it),
// whose numbers are unknown: recountCases then puts the uses right.
func entryCases(b []byte) ([]int64, bool) {
	if b == nil {
		return nil, true // none stored yet
	}
	var r meeting.EntryReader
	r.Reset(b)
	if !r.Next() {
		return nil, false
	}
	return r.Cases(), true
}

// recountCases counts every case key's uses again from the stored
// entries, and removes the keys none holds: after a damaged entry was
// written over or deleted, whose keys could not be read to count down.
// It reads every entry, so only damage calls for it.
func recountCases(ctx context.Context, q execer) error {
	held := map[int64]int64{}
	err := eachRow(ctx, q, `SELECT entry FROM report_entries`, nil, func(rows *sql.Rows) error {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return err
		}
		cases, _ := entryCases(b) // another damaged entry: check names it
		for _, c := range cases {
			held[c]++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("count case keys' uses: %w", err)
	}
	uses := map[int64]int64{}
	err = eachRow(ctx, q, `SELECT id, uses FROM case_keys`, nil, func(rows *sql.Rows) error {
		var id, n int64
		err := rows.Scan(&id, &n)
		uses[id] = n
		return err
	})
	if err != nil {
		return fmt.Errorf("count case keys' uses: %w", err)
	}
	for id, n := range uses {
		var err error
		switch h := held[id]; {
		case h == 0:
			_, err = q.ExecContext(ctx, `DELETE FROM case_keys WHERE id = ?`, id)
		case h != n:
			_, err = q.ExecContext(ctx, `UPDATE case_keys SET uses = ? WHERE id = ?`, h, id)
		}
		if err != nil {
			return fmt.Errorf("count case keys' uses: %w", err)
		}
	}
	return nil
}

// An entryState is a stored meeting's report entry and what it is worked
// out from besides the meeting's rows.
type entryState struct {
	entry     []byte        // as stored; nil when it has none
	followUps []followUpRow // its follow-ups, in the order recorded
}

// readEntryState reads the report entry and the follow-ups of the meeting
// with the rowid key.
func readEntryState(ctx context.Context, q querier, key int64) (entryState, error) {
	var st entryState
	err := eachRow(ctx, q, `SELECT entry FROM report_entries WHERE meeting = ?`, []any{key}, func(rows *sql.Rows) error {
		return rows.Scan(&st.entry)
	})
	if err != nil {
		return st, fmt.Errorf("read report entry: %w", err)
	}
	err = eachRow(ctx, q, `SELECT meeting, `+followUpCols+` FROM follow_ups WHERE meeting = ? ORDER BY id`, []any{key}, func(rows *sql.Rows) error {
		var r followUpRow
		var k int64
		err := r.scan(rows, &k)
		st.followUps = append(st.followUps, r)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("read follow-ups: %w", err)
	}
	return st, nil
}

// putEntry writes the report entry of the meeting m with the rowid key,
// whose stored entry and follow-ups are st, unless it is the one stored;
// st is then what is stored.
func (w *writer) putEntry(ctx context.Context, key int64, m *meeting.Meeting, st *entryState) error {
	e, err := entryOf(m, st.followUps)
	if err != nil {
		return err
	}
	cases, err := numberCases(ctx, w, e.CaseKeys, nil)
	if err != nil {
		return err
	}
	enc := meeting.AppendEntry(nil, e, cases)
	if bytes.Equal(enc, st.entry) {
		return nil
	}
	old, known := entryCases(st.entry)
	if err := adjustCases(ctx, w, old, cases); err != nil {
		return err
	}
	if err := w.exec(ctx, putEntrySQL, e.HeldUnix, key, enc); err != nil {
		return fmt.Errorf("store report entry: %w", err)
	}
	st.entry = enc
	if !known {
		return recountCases(ctx, w)
	}
	return nil
}

const putEntrySQL = `INSERT INTO report_entries (held_unix, meeting, entry) VALUES (?, ?, ?)
	ON CONFLICT (meeting) DO UPDATE SET held_unix = excluded.held_unix, entry = excluded.entry`

// eachMeetingIn calls fn with every stored meeting, with its follow-ups, in
// rowid order, loading them in batches through q. A meeting that cannot
// be read (damaged, or changed outside the app) is an error, unless
// unreadable is given: it is then called with that meeting's key instead.
func eachMeetingIn(ctx context.Context, q querier, fn func(key int64, m *meeting.Meeting) error, unreadable func(key int64) error) error {
	last := int64(0)
	for {
		var keys []int64
		err := eachRow(ctx, q, fmt.Sprintf(`SELECT rowid FROM meetings WHERE rowid > ? ORDER BY rowid LIMIT %d`, exportBatch), []any{last},
			func(rows *sql.Rows) error {
				var k int64
				keys = append(keys, k)
				return rows.Scan(&keys[len(keys)-1])
			})
		if err != nil || len(keys) == 0 {
			return err
		}
		last = keys[len(keys)-1]
		ms, err := loadMeetings(ctx, q, `WHERE m.rowid BETWEEN ? AND ? ORDER BY m.rowid`, keys[0], last)
		if err == nil && len(ms) != len(keys) {
			err = fmt.Errorf("read %d meetings of %d", len(ms), len(keys))
		}
		if err != nil && unreadable != nil {
			// One by one, to find the meetings that cannot be read.
			ms, err = make([]*meeting.Meeting, len(keys)), nil
			for i, k := range keys {
				one, lerr := loadMeetings(ctx, q, `WHERE m.rowid = ? ORDER BY m.rowid`, k)
				if lerr == nil && len(one) == 1 {
					ms[i] = one[0]
				} else if err = unreadable(k); err != nil {
					return err
				}
			}
		}
		if err != nil {
			return err
		}
		for i, m := range ms {
			if m == nil {
				continue
			}
			if err := fn(keys[i], m); err != nil {
				return err
			}
		}
	}
}

// fillReportEntries makes the report entry of every meeting stored before
// migration 16.
func fillReportEntries(ctx context.Context, tx *sql.Tx) error {
	known := map[string]int64{}
	err := eachMeetingIn(ctx, tx, func(key int64, m *meeting.Meeting) error {
		e := meeting.EntryOf(m) // loaded with its follow-ups
		cases, err := numberCases(ctx, tx, e.CaseKeys, known)
		if err == nil {
			err = adjustCases(ctx, tx, nil, cases)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, putEntrySQL, e.HeldUnix, key, meeting.AppendEntry(nil, e, cases))
		}
		return err
	}, func(key int64) error {
		// A meeting that cannot be read (which check names) must not keep
		// the database from opening: its entry is one of no format (a
		// body of one 0 byte), which the report refuses as damaged,
		// rather than none, which it would silently leave out. Its time,
		// when the row still has one, puts it in its period.
		_, err := tx.ExecContext(ctx, `INSERT INTO report_entries (held_unix, meeting, entry)
			SELECT coalesce(unixepoch(held_at), 0), rowid, x'0100' FROM meetings WHERE rowid = ?`, key)
		return err
	})
	if err != nil {
		return fmt.Errorf("make the report entries: %w", err)
	}
	return nil
}

// verifyReportEntries works out every meeting's report entry again and
// compares it with the stored one, and counts the case keys' uses: an
// entry changed outside the app, or left behind by a bug, would have the
// report miscount while every record is intact.
func verifyReportEntries(ctx context.Context, q querier) ([]TamperProblem, error) {
	keys := map[string]int64{}
	uses := map[int64]int64{}
	err := eachRow(ctx, q, `SELECT id, key, uses FROM case_keys`, nil, func(rows *sql.Rows) error {
		var id, n int64
		var key string
		err := rows.Scan(&id, &key, &n)
		keys[key], uses[id] = id, n
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read case keys: %w", err)
	}
	entries, err := openCursor(ctx, q, `SELECT meeting, entry, held_unix FROM report_entries ORDER BY meeting`, 2)
	if err != nil {
		return nil, err
	}
	defer entries.close()
	var problems []TamperProblem
	held := map[int64]int64{} // the entries holding each case key
	orphans := 0
	err = eachMeetingIn(ctx, q, func(key int64, m *meeting.Meeting) error {
		for entries.ok && entries.key < key {
			orphans++
			entries.next()
		}
		var have []byte
		var heldUnix int64
		n := 0
		err := entries.take(key, func(v []any) error {
			have, _ = v[0].([]byte)
			heldUnix, _ = v[1].(int64)
			n++
			return nil
		})
		if err != nil {
			return err
		}
		stored, _ := entryCases(have)
		for _, c := range stored {
			held[c]++
		}
		e := meeting.EntryOf(m)
		cases := make([]int64, len(e.CaseKeys))
		for i, k := range e.CaseKeys {
			cases[i] = keys[k] // 0, no key's number, when it has none
		}
		// The time too: the report picks a period's entries by it.
		if n != 1 || heldUnix != e.HeldUnix || !bytes.Equal(have, meeting.AppendEntry(nil, e, cases)) {
			name := m.Reference
			if name == "" {
				name = m.ID
			}
			problems = append(problems, TamperProblem{Meeting: name, What: "its entry in the report does not match it: the report would miscount it"})
		}
		return nil
	}, nil)
	if err != nil {
		// A meeting that cannot be read is named by the checksums' check.
		return append(problems, TamperProblem{What: "the report's entries could not all be checked: a meeting cannot be read"}), nil
	}
	for entries.ok {
		orphans++
		entries.next()
	}
	if orphans > 0 {
		problems = append(problems, TamperProblem{What: fmt.Sprintf("the report holds %d entries of no meeting", orphans)})
	}
	wrong := 0
	for id, n := range uses {
		if n != held[id] || n <= 0 {
			wrong++
		}
	}
	for id := range held {
		if _, ok := uses[id]; !ok {
			wrong++
		}
	}
	if wrong > 0 {
		problems = append(problems, TamperProblem{What: fmt.Sprintf("the report's list of case references has %d that do not match the meetings' (a child's meetings would be miscounted)", wrong)})
	}
	return problems, nil
}
