package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"strategyminutes/meeting"
)

// The report on the server: the partnership's report over every chair's
// meetings, counted as a laptop counts its own (storage.DB.Report) from
// the same entries, so that both give the same figures, byte for byte in
// JSON. Each version a laptop pushes carries its meeting's entry
// (meeting.Version.SetEntry); the server keeps each meeting's in
// report_entries (migration 4). An analyst's login reads them only through
// functions that leave out the children's case keys and give the children
// as counts.

// ErrNotAnalyst is returned for a report asked for by a login that may not
// compute it.
var ErrNotAnalyst = errors.New("the login may not compute the partnership's report: it needs the role " + RoleAnalyst + " (or " + RoleAdmin + "); a chair's laptop computes the report of the meetings it holds")

// Report computes the partner-participation report of the meetings held
// from from to to (UK local dates, inclusive) as of asOf, from every
// meeting on the server, with the server's bank holidays (Calendar).
// Every figure comes from one snapshot of the server, however many chairs
// sync meanwhile. It needs the analyst's or the administrator's role.
func (s *Server) Report(ctx context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
	r := meeting.NewReport(from, to, asOf)
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		cal, err := calendarIn(ctx, tx)
		if err != nil {
			return err
		}
		r.Calendar = cal
		if to.Before(from) {
			return nil
		}
		err = r.CountEntries(func(send func([]byte)) error { return readEntries(ctx, tx, from, to, send) }, meeting.CaseSlots{})
		if err != nil {
			return err
		}
		counts, err := readChildren(ctx, tx, from, to)
		for n, children := range counts {
			for range children {
				r.AddChild(n + 1)
			}
		}
		return err
	})
	if errors.Is(err, meeting.ErrEntry) {
		return nil, fmt.Errorf("report on the server: %w: the server's owner runs 'strategyminutes server check', which names its meeting", err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return nil, fmt.Errorf("report on the server: %w", ErrNotAnalyst)
	}
	if err != nil {
		return nil, fmt.Errorf("report on the server: %w", err)
	}
	r.Finish()
	return r, nil
}

// readEntries sends the report entries of the meetings held from from to
// to, a year's a chunk, each read while the one before is counted: a few
// megabytes at most.
func readEntries(ctx context.Context, tx pgx.Tx, from, to meeting.Date, send func([]byte)) error {
	var first, last *string
	if err := tx.QueryRow(ctx, `SELECT first::text, last::text FROM strategyminutes.report_span($1::date, $2::date)`, from.String(), to.String()).Scan(&first, &last); err != nil {
		return err
	}
	if first == nil {
		return nil // no meeting held in the period
	}
	lo, err := meeting.ParseDate(*first)
	if err != nil {
		return err
	}
	hi, err := meeting.ParseDate(*last)
	if err != nil {
		return err
	}
	for start := lo; !hi.Before(start); start = start.AddDays(reportChunkDays) {
		end := start.AddDays(reportChunkDays - 1)
		if hi.Before(end) {
			end = hi
		}
		var chunk []byte
		var missing int64
		if err := tx.QueryRow(ctx, `SELECT entries, missing FROM strategyminutes.report_entries($1::date, $2::date)`, start.String(), end.String()).Scan(&chunk, &missing); err != nil {
			return err
		}
		if missing > 0 {
			return fmt.Errorf("%s held from %s to %s have no report entry yet: the server's owner runs 'strategyminutes server init' again", meeting.Plural(int(missing), "meeting"), start, end)
		}
		if len(chunk) > 0 {
			send(chunk)
		}
	}
	return nil
}

// readChildren returns how many children of the meetings held from from
// to to are at one of them, at two, and at three or more.
func readChildren(ctx context.Context, tx pgx.Tx, from, to meeting.Date) ([3]int64, error) {
	var n [3]int64
	err := tx.QueryRow(ctx, `SELECT once, twice, more FROM strategyminutes.report_children($1::date, $2::date)`, from.String(), to.String()).Scan(&n[0], &n[1], &n[2])
	return n, err
}

// reportChunkDays is how many days of meetings one query of the report
// reads.
const reportChunkDays = 366

// fillReportEntries makes the report entry of each meeting that has none
// (its versions were pushed before migration 4) from the payload of the
// version it counts, as the laptop that pushed it would have: run by
// server init in the migration's transaction.
func fillReportEntries(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT r.meeting_id, v.payload FROM strategyminutes.report_entries r
		JOIN strategyminutes.versions v ON v.revision = r.revision WHERE r.entry IS NULL`)
	if err != nil {
		return err
	}
	type filled struct {
		id string
		v  meeting.Version
	}
	var fs []filled
	for rows.Next() {
		var f filled
		var payload []byte
		if err := rows.Scan(&f.id, &payload); err != nil {
			rows.Close()
			return err
		}
		m, err := meeting.UnmarshalMeeting(payload)
		if err != nil {
			rows.Close()
			return fmt.Errorf("meeting %s: its version on the server cannot be read: %w", meeting.QuoteID(f.id), err)
		}
		f.v.SetEntry(m)
		fs = append(fs, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range fs {
		if _, err := tx.Exec(ctx, `UPDATE strategyminutes.report_entries SET entry = $2, held_on = $3::date, case_keys = coalesce($4, '{}'::text[]) WHERE meeting_id = $1`,
			f.id, f.v.Entry, nullDate(f.v.HeldOn), f.v.CaseKeys); err != nil {
			return err
		}
	}
	return nil
}

// CheckReportEntries reads every meeting's version the report counts as a
// laptop reads it (Version.Read), works its report entry out again, and
// returns the meetings (by id) whose version a laptop would refuse or
// whose stored entry does not match: a client that is not the app (or a
// fault) could push either, and the partnership's report would then
// count what no laptop holds. Run by the server's owner (server check), who may read the
// entries.
func (s *Server) CheckReportEntries(ctx context.Context) ([]string, error) {
	var wrong []string
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT r.meeting_id, r.entry, coalesce(r.held_on::text, ''), r.case_keys, v.payload, v.signed_off, v.minutes, coalesce(v.seal, '')
			FROM strategyminutes.report_entries r JOIN strategyminutes.versions v ON v.revision = r.revision ORDER BY r.meeting_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var heldOn string
			var entry []byte
			var keys []string
			var v meeting.Version
			if err := rows.Scan(&v.MeetingID, &entry, &heldOn, &keys, &v.Payload, &v.SignedOff, &v.Minutes, &v.Seal); err != nil {
				return err
			}
			// A version a laptop would refuse (a client not the app)
			// is counted here and nowhere else.
			m, err := v.Read()
			if err == nil {
				v.SetEntry(m)
			}
			if err != nil || !bytes.Equal(entry, v.Entry) || heldOn != v.HeldOn.String() || !sameKeys(keys, v.CaseKeys) {
				wrong = append(wrong, v.MeetingID)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("check the report's entries: %w", err)
	}
	return wrong, nil
}

// sameKeys reports whether a and b hold the same case keys.
func sameKeys(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
