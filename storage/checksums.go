package storage

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"strings"
)

// checksumAll compares every meeting's rows with their checksum (eachImage)
// and its search entries with those its rows give, in the same pass (the
// entries are in meeting order too), and returns the meetings that do not
// match: a meeting taken out of the search index is hidden from every
// search.
func checksumAll(ctx context.Context, tx querier) ([]TamperProblem, error) {
	// The entries waiting take their text from their meeting (indexPending).
	pending := map[int64]bool{}
	err := eachRow(ctx, tx, `SELECT rowid FROM search_pending`, nil, func(rows *sql.Rows) error {
		var key int64
		err := rows.Scan(&key)
		pending[key] = true
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the search entries: %w", err)
	}
	entries, err := openCursor(ctx, tx, `SELECT rowid, text FROM search_entries ORDER BY rowid`, 1)
	if err != nil {
		return nil, err
	}
	defer entries.close()
	var problems []TamperProblem
	orphans := 0
	err = eachImage(ctx, tx, func(img *image, _, name string, readable bool) error {
		first := img.key * searchSlots
		// Entries before this meeting's belong to no meeting.
		for entries.ok && entries.key < first {
			orphans++
			entries.next()
		}
		if !readable || img.checksum() != img.storedChecksum {
			problems = append(problems, TamperProblem{Meeting: name, What: "its stored rows do not match their checksum: they were changed outside the app, or damaged"})
			// Its entries are its own, whatever its rows now say.
			for entries.ok && entries.key < first+searchSlots {
				entries.next()
			}
			return nil
		}
		have := map[int64]string{}
		for entries.ok && entries.key < first+searchSlots {
			text, _ := entries.values[1].(string)
			have[entries.key] = text
			entries.next()
		}
		want := map[int64]string{}
		for slot, part := range searchEntries(img.searchParts()) {
			if part != "" {
				want[first+int64(slot)] = part
			}
		}
		for key := range pending {
			if key >= first && key < first+searchSlots {
				if text, ok := want[key]; ok {
					have[key] = text
				} else {
					delete(have, key)
				}
				delete(pending, key)
			}
		}
		if !maps.Equal(have, want) {
			problems = append(problems, TamperProblem{Meeting: name, What: "its entries in the search index do not match it: a search may not find it"})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for entries.ok {
		orphans++
		entries.next()
	}
	// A rowid still waiting is of no meeting: it only removes an entry.
	if orphans > 0 {
		problems = append(problems, TamperProblem{What: fmt.Sprintf("the search index holds %d entries of no meeting", orphans)})
	}
	// The list's copy of the search column (migration 15) lags only behind
	// an autosave whose entries still wait.
	err = eachRow(ctx, tx, fmt.Sprintf(`SELECT coalesce(nullif(reference, ''), id) FROM meetings
		WHERE list_search IS NOT search AND rowid NOT IN (SELECT rowid / %d FROM search_pending)`, searchSlots), nil,
		func(rows *sql.Rows) error {
			var name string
			err := rows.Scan(&name)
			problems = append(problems, TamperProblem{Meeting: name, What: "its entry in the meetings list does not match it: a search may not find it"})
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read the meetings list: %w", err)
	}
	return problems, nil
}

// eachImage calls fn with every meeting's stored rows, in one pass over each
// table (in meeting order), which is quick at any size, unlike reading the
// meetings one by one; name is the meeting's reference, else its id, and
// readable is false for rows of the wrong type.
func eachImage(ctx context.Context, tx querier, fn func(img *image, id, name string, readable bool) error) error {
	meetings, err := tx.QueryContext(ctx, "SELECT rowid, id, reference, checksum, "+strings.Join(meetingCols, ", ")+" FROM meetings ORDER BY rowid")
	if err != nil {
		return err
	}
	defer meetings.Close()
	type source struct {
		cur  *cursor
		cols []string
		list func(img *image) *[]row
	}
	var sources []source
	for _, t := range storedTables {
		c, err := openCursor(ctx, tx, "SELECT meeting, "+strings.Join(t.cols, ", ")+" FROM "+t.name+" ORDER BY meeting, position", len(t.cols))
		if err != nil {
			return err
		}
		defer c.close()
		sources = append(sources, source{c, t.cols, t.list})
	}
	consents, err := openCursor(ctx, tx, "SELECT meeting, "+strings.Join(consentCols, ", ")+" FROM consents ORDER BY meeting", len(consentCols))
	if err != nil {
		return err
	}
	defer consents.close()
	discussions, err := openCursor(ctx, tx, "SELECT meeting, "+strings.Join(discussionCols, ", ")+" FROM discussions ORDER BY meeting", len(discussionCols))
	if err != nil {
		return err
	}
	defer discussions.close()
	links, err := openCursor(ctx, tx, "SELECT meeting, decision, child_id FROM decision_children ORDER BY meeting, decision, position", 2)
	if err != nil {
		return err
	}
	defer links.close()

	values := make([]any, 4+len(meetingCols))
	dest := make([]any, len(values))
	for i := range dest {
		dest[i] = &values[i]
	}
	for meetings.Next() {
		if err := meetings.Scan(dest...); err != nil {
			return err
		}
		key, _ := values[0].(int64)
		id, _ := values[1].(string)
		ref, _ := values[2].(string)
		stored, _ := values[3].(string)
		name := ref
		if name == "" {
			name = id
		}
		img := &image{key: key, storedChecksum: stored}
		bad := false
		if img.meeting, err = rowOf(meetingCols, values[4:]); err != nil {
			bad = true
		}
		for _, s := range sources {
			err := s.cur.take(key, func(v []any) error {
				r, err := rowOf(s.cols, v)
				*s.list(img) = append(*s.list(img), r)
				return err
			})
			bad = bad || err != nil
		}
		err := consents.take(key, func(v []any) error {
			img.consent, err = rowOf(consentCols, v)
			return err
		})
		bad = bad || err != nil
		err = discussions.take(key, func(v []any) error {
			img.discussion, err = rowOf(discussionCols, v)
			return err
		})
		bad = bad || err != nil
		img.decisionChildren = make([][]string, len(img.decisions))
		err = links.take(key, func(v []any) error {
			d, _ := v[0].(int64)
			child, _ := v[1].(string)
			if d >= 0 && d < int64(len(img.decisions)) {
				img.decisionChildren[d] = append(img.decisionChildren[d], child)
			}
			return nil
		})
		bad = bad || err != nil
		if err := fn(img, id, name, !bad); err != nil {
			return err
		}
	}
	return meetings.Err()
}

// A cursor reads rows whose first column is a meeting's rowid, in order.
type cursor struct {
	rows   *sql.Rows
	values []any
	dest   []any
	ok     bool
	key    int64
	err    error
}

func openCursor(ctx context.Context, tx querier, query string, cols int) (*cursor, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("read rows: %w", err)
	}
	c := &cursor{rows: rows, values: make([]any, 1+cols), dest: make([]any, 1+cols)}
	for i := range c.dest {
		c.dest[i] = &c.values[i]
	}
	c.next()
	return c, nil
}

func (c *cursor) next() {
	c.ok = c.rows.Next()
	if c.ok {
		if c.err = c.rows.Scan(c.dest...); c.err != nil {
			c.ok = false
			return
		}
		c.key, _ = c.values[0].(int64)
	}
}

// take calls fn with each row of the meeting with the key, skipping rows
// of meetings before it (which belong to none: foreign_key_check finds them).
func (c *cursor) take(key int64, fn func(values []any) error) error {
	for c.ok && c.key < key {
		c.next()
	}
	var err error
	for c.ok && c.key == key {
		if e := fn(c.values[1:]); e != nil && err == nil {
			err = e
		}
		c.next()
	}
	if c.err != nil {
		return c.err
	}
	return err
}

func (c *cursor) close() { c.rows.Close() }
