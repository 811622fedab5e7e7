package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"strategyminutes/meeting"
)

// This file is the server's half of sync: laptops push versions of their
// meetings and pull everyone's, by revision. The server keeps every
// version; a version made from one that is no longer its meeting's head
// is a conflict, kept beside the other head for the chair to resolve.

// The server is the laptops' Remote.
var _ meeting.Remote = (*Server)(nil)

// ErrNotYours is returned for a version of a meeting another login made:
// only the login that created a meeting writes it.
var ErrNotYours = errors.New("the meeting was created by another chair's login: only theirs may change it")

// ErrSignedOff is returned for a version after signed-off minutes that is
// not an amendment made from the latest version.
var ErrSignedOff = errors.New("the minutes are signed off on the server: only an amendment made from its latest version may follow")

// ServerID is the server's identity, made once by server init: a laptop
// syncs with one server, whose revisions it remembers.
func (s *Server) ServerID(ctx context.Context) (string, error) {
	var id string
	if err := s.pool.QueryRow(ctx, `SELECT id::text FROM strategyminutes.server`).Scan(&id); err != nil {
		return "", fmt.Errorf("read the server's identity (is it made, with server init, and is the login a chair?): %w", err)
	}
	return id, nil
}

// Push stores versions, in one transaction and one round trip
// (strategyminutes.push, a call a version, sent as one batch), and says
// what became of each. A version the server's rules refuse (another
// chair's meeting, a draft after sign-off, a parent it does not hold) is
// refused alone, with the reason, and the others are stored: one meeting
// never holds up a laptop's sync.
func (s *Server) Push(ctx context.Context, vs []meeting.Version) ([]meeting.Pushed, error) {
	out := make([]meeting.Pushed, len(vs))
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, v := range vs {
			b.Queue(`SELECT revision, coalesce(heads, '{}'), coalesce(refused, ''), coalesce(code, '') FROM strategyminutes.push($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12)`,
				v.MeetingID, nullable(v.Parent), nullable(v.Merges), v.SignedOff, nullText(v.AmendmentReason), nullTime(v.HeldAt), v.Payload, nullText(v.Seal), v.Minutes,
				v.Entry, nullDate(v.HeldOn), v.CaseKeys)
		}
		results := tx.SendBatch(ctx, b)
		for i, v := range vs {
			var code, why string
			if err := results.QueryRow().Scan(&out[i].Revision, &out[i].Heads, &why, &code); err != nil {
				results.Close()
				return fmt.Errorf("push meeting %s: %w", v.MeetingID, err)
			}
			if code != "" {
				out[i] = meeting.Pushed{Refused: refusalOf(v, code, why).Error()}
			}
		}
		return results.Close()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// refusalOf says why the server's rules refused v: code is the SQLSTATE,
// why the message.
func refusalOf(v meeting.Version, code, why string) error {
	var err error
	switch {
	case code == "42501":
		err = ErrNotYours
	case code == "23000":
		err = ErrSignedOff
	case code == "23503":
		err = fmt.Errorf("it was made from revision %d, which the server does not hold", v.Parent)
	default:
		err = errors.New(strings.TrimPrefix(why, "strategy minutes: "))
	}
	return fmt.Errorf("meeting %s: %w", v.MeetingID, err)
}

func nullable(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullDate(d meeting.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// Pull returns up to limit versions after revision after, in order: a
// laptop that has pulled to n asks for those after n. Versions become
// visible in the order of their revisions (migration 2), so none is ever
// missed.
func (s *Server) Pull(ctx context.Context, after int64, limit int) ([]meeting.Version, error) {
	rows, err := s.pool.Query(ctx, `SELECT revision, meeting_id, coalesce(parent, 0), coalesce(merges, 0), signed_off, coalesce(amendment_reason, ''),
			coalesce(held_at, 'epoch'), payload, coalesce(seal, ''), made_by, made_at, false, '', minutes
		FROM strategyminutes.versions WHERE revision > $1
		UNION ALL
		SELECT revision, meeting_id, 0, 0, false, '', 'epoch', '\x'::bytea, '', deleted_by, deleted_at, true, ground, NULL::bytea
		FROM strategyminutes.deletions WHERE revision > $1
		ORDER BY 1 LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("pull: %w", err)
	}
	vs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (meeting.Version, error) {
		var v meeting.Version
		err := row.Scan(&v.Revision, &v.MeetingID, &v.Parent, &v.Merges, &v.SignedOff, &v.AmendmentReason, &v.HeldAt, &v.Payload, &v.Seal, &v.MadeBy, &v.MadeAt, &v.Deleted, &v.Ground, &v.Minutes)
		if v.HeldAt.Equal(time.Unix(0, 0)) {
			v.HeldAt = time.Time{}
		}
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("pull: %w", err)
	}
	return vs, nil
}
