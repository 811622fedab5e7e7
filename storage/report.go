package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"strategyminutes/meeting"
)

// Report computes the partner-participation report of the meetings held
// from from to to (UK local dates, inclusive) as of asOf, from the report
// entries of the period's meetings (entries.go): one small row per meeting,
// not every row of every meeting. It gives exactly what meeting.Report.Add
// gives over the same meetings (a test proves it on generated data and
// edge cases); the definitions live there and in docs/report.md.
func (db *DB) Report(ctx context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
	r := meeting.NewReport(from, to, asOf)
	cal, err := db.Calendar(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	r.Calendar = cal
	if to.Before(from) {
		r.Finish()
		return r, nil
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer conn.Close()
	// One read transaction: every figure comes from the same snapshot, even
	// while an import is writing.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "COMMIT")
	if err := countEntries(ctx, conn, r); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	r.Finish()
	return r, nil
}

// entryChunk is how many seconds of meetings one query reads: about a
// year's, so that each query's result stays a few megabytes at most.
const entryChunk = 1 << 25

// entriesSQL reads the entries of the meetings held in a range of times as
// one value, concatenated by SQLite: reading a million rows one at a time
// through database/sql costs more than the whole report.
const entriesSQL = `SELECT group_concat(entry, '') FROM report_entries WHERE held_unix >= ? AND held_unix < ?`

// countEntries adds the entries of the period's meetings to r, and each
// child's meetings (by case key) of the period: SQLite reads the entries,
// a year at a time, while other cores count them (Report.CountEntries).
func countEntries(ctx context.Context, q querier, r *meeting.Report) error {
	slots, index, err := caseSlots(ctx, q)
	if err != nil {
		return err
	}
	// The times of the period's first and last UK days, a day wider each
	// way: AddEntry takes exactly the period's UK dates.
	lo := r.From.Time(meeting.UK).Add(-24 * time.Hour).Unix()
	hi := r.To.AddDays(1).Time(meeting.UK).Add(24 * time.Hour).Unix()
	err = r.CountEntries(func(send func([]byte)) error {
		for start := lo; start < hi; start += entryChunk {
			var chunk []byte
			err := eachRow(ctx, q, entriesSQL, []any{start, min(start+entryChunk, hi)}, func(rows *sql.Rows) error { return rows.Scan(&chunk) })
			if err != nil {
				return fmt.Errorf("read report entries: %w", err)
			}
			if len(chunk) > 0 {
				send(chunk)
			}
		}
		return nil
	}, meeting.CaseSlots{N: slots, Index: index})
	if errors.Is(err, meeting.ErrEntry) {
		return errEntry
	}
	return err
}

// caseSlots says how many counts the children's case keys need: one per
// number up to the highest, when the numbers are dense (as the app numbers
// them: a deleted key's number leaves a gap at most), else one per key,
// with index giving each number its place. Numbers a key was given outside
// the app can be anything: they must cost neither a crash nor the memory
// of their size.
func caseSlots(ctx context.Context, q querier) (slots int, index map[int64]int32, err error) {
	var n, highest int64
	err = eachRow(ctx, q, `SELECT count(*), coalesce(max(id), 0) FROM case_keys`, nil, func(rows *sql.Rows) error {
		return rows.Scan(&n, &highest)
	})
	if err != nil {
		return 0, nil, fmt.Errorf("read case keys: %w", err)
	}
	if highest >= 0 && highest <= 2*n+1<<16 {
		return int(highest) + 1, nil, nil
	}
	index = make(map[int64]int32, n)
	err = eachRow(ctx, q, `SELECT id FROM case_keys`, nil, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		index[id] = int32(len(index))
		return err
	})
	if err != nil {
		return 0, nil, fmt.Errorf("read case keys: %w", err)
	}
	return len(index), index, nil
}
