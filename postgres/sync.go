package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

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

// Push stores versions, in one transaction, and says what became of
// each. A version the server's rules refuse (another chair's meeting, a
// draft after sign-off, a parent it does not hold) is refused alone, with
// the reason, and the others are stored: one meeting never holds up a
// laptop's sync.
func (s *Server) Push(ctx context.Context, vs []meeting.Version) ([]meeting.Pushed, error) {
	out := make([]meeting.Pushed, len(vs))
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for i, v := range vs {
			err := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error { // a savepoint
				var err error
				out[i], err = pushOne(ctx, sp, v)
				return err
			})
			var refused *refusal
			if errors.As(err, &refused) {
				out[i] = meeting.Pushed{Refused: refused.Error()}
				continue
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// A refusal is a version the server's rules refuse.
type refusal struct{ err error }

func (r *refusal) Error() string { return r.err.Error() }
func (r *refusal) Unwrap() error { return r.err }

// pushOne stores one version.
func pushOne(ctx context.Context, tx pgx.Tx, v meeting.Version) (meeting.Pushed, error) {
	var p meeting.Pushed
	if _, err := tx.Exec(ctx, `INSERT INTO strategyminutes.meetings (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, v.MeetingID); err != nil {
		return p, pushError(v, err)
	}
	// The engine refuses another's meeting (row-level security); asked
	// first, so that the refusal says why.
	var mine bool
	if err := tx.QueryRow(ctx, `SELECT owner = current_user FROM strategyminutes.meetings WHERE id = $1`, v.MeetingID).Scan(&mine); err != nil {
		return p, pushError(v, err)
	}
	if !mine {
		return p, pushError(v, ErrNotYours)
	}
	var parent, merges, reason, seal, held any
	if v.Parent != 0 {
		parent = v.Parent
	}
	if v.Merges != 0 {
		merges = v.Merges
	}
	if v.AmendmentReason != "" {
		reason = v.AmendmentReason
	}
	if v.Seal != "" {
		seal = v.Seal
	}
	if !v.HeldAt.IsZero() {
		held = v.HeldAt
	}
	// Pushed before (a laptop killed before it heard): the same version,
	// stored once.
	err := tx.QueryRow(ctx, `SELECT revision FROM strategyminutes.versions
		WHERE meeting_id = $1 AND coalesce(parent, 0) = $2 AND sha256(payload) = sha256($3)`,
		v.MeetingID, v.Parent, v.Payload).Scan(&p.Revision)
	if errors.Is(err, pgx.ErrNoRows) {
		err = tx.QueryRow(ctx, `INSERT INTO strategyminutes.versions (meeting_id, parent, merges, signed_off, amendment_reason, held_at, payload, seal)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING revision`,
			v.MeetingID, parent, merges, v.SignedOff, reason, held, v.Payload, seal).Scan(&p.Revision)
	}
	if err != nil {
		return p, pushError(v, err)
	}
	rows, err := tx.Query(ctx, `SELECT revision FROM strategyminutes.heads WHERE meeting_id = $1 ORDER BY revision`, v.MeetingID)
	if err != nil {
		return p, err
	}
	p.Heads, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	return p, err
}

// pushError names the meeting and says what the server's rules refused,
// never repeating the payload.
func pushError(v meeting.Version, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "42501": // row-level security, or no right
			err = ErrNotYours
		case "23000":
			err = ErrSignedOff
		case "23514": // the trigger's checks: a seal, a merge, a parent
			err = errors.New(strings.TrimPrefix(pe.Message, "strategy minutes: "))
		case "23503": // foreign key: the parent is no version
			err = fmt.Errorf("it was made from revision %d, which the server does not hold", v.Parent)
		default:
			// Data the server will not take (class 22) or another of its
			// rules (23), for this version alone: refused, the rest go on.
			if !strings.HasPrefix(pe.Code, "22") && !strings.HasPrefix(pe.Code, "23") {
				return fmt.Errorf("push meeting %s: %w", v.MeetingID, err)
			}
			err = errors.New(pe.Message)
		}
	}
	if errors.Is(err, ErrNotYours) || errors.Is(err, ErrSignedOff) || pe != nil {
		return &refusal{fmt.Errorf("meeting %s: %w", v.MeetingID, err)}
	}
	return fmt.Errorf("push meeting %s: %w", v.MeetingID, err)
}

// Pull returns up to limit versions after revision after, in order: a
// laptop that has pulled to n asks for those after n. Versions become
// visible in the order of their revisions (migration 2), so none is ever
// missed.
func (s *Server) Pull(ctx context.Context, after int64, limit int) ([]meeting.Version, error) {
	rows, err := s.pool.Query(ctx, `SELECT revision, meeting_id, coalesce(parent, 0), coalesce(merges, 0), signed_off, coalesce(amendment_reason, ''),
			coalesce(held_at, 'epoch'), payload, coalesce(seal, ''), made_by, made_at, false, ''
		FROM strategyminutes.versions WHERE revision > $1
		UNION ALL
		SELECT revision, meeting_id, 0, 0, false, '', 'epoch', '\x'::bytea, '', deleted_by, deleted_at, true, ground
		FROM strategyminutes.deletions WHERE revision > $1
		ORDER BY 1 LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("pull: %w", err)
	}
	vs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (meeting.Version, error) {
		var v meeting.Version
		err := row.Scan(&v.Revision, &v.MeetingID, &v.Parent, &v.Merges, &v.SignedOff, &v.AmendmentReason, &v.HeldAt, &v.Payload, &v.Seal, &v.MadeBy, &v.MadeAt, &v.Deleted, &v.Ground)
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
