package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"strategyminutes/meeting"
)

// actionOpen is the condition that the action a (of the meeting m) is
// open: no completed date in the minutes, not dropped, no follow-up since
// whose latest says done, and not taken up by a later meeting, which
// carries it on, marks it done or drops it there (carried_from: its id, or
// for an action without one, its meeting's id, "#" and its number; see
// meeting.Reconvene). In follow_ups an action is named by its id, or "#"
// and its number.
const actionOpen = `a.completed = '' AND a.dropped_reason = ''
	AND coalesce(` + actionDoneSince + `, '') = ''
	AND NOT EXISTS (SELECT 1 FROM actions c WHERE c.carried_from != ''
		AND c.carried_from = CASE WHEN a.action_id != '' THEN a.action_id ELSE m.id || '#' || (a.position + 1) END)`

// actionDoneSince is the date the latest follow-up of the action a says
// it was done on: ” when it opened it again, NULL when there is none.
const actionDoneSince = `(SELECT f.on_date FROM follow_ups f WHERE f.meeting = a.meeting AND f.kind = 'action_done'
		AND f.action = CASE WHEN a.action_id != '' THEN a.action_id ELSE '#' || (a.position + 1) END
		ORDER BY f.id DESC LIMIT 1)`

// openActionsFrom selects the open actions of every meeting.
const openActionsFrom = `FROM actions a JOIN meetings m ON m.rowid = a.meeting
WHERE ` + actionOpen + `
	AND (?1 = '' OR a.agency = ?1)`

// OpenActions returns the actions not done across meetings
// (meeting.OpenActions): those with a due date by it, oldest first, read
// in the order of the index of open actions (migration 12), then those
// with none.
func (db *DB) OpenActions(ctx context.Context, f meeting.OpenActionFilter) ([]meeting.OpenAction, int, error) {
	// The owner is matched here, not in SQL: SQLite's lower() knows only
	// ASCII, and owners are named in every script.
	owner := strings.ToLower(strings.TrimSpace(f.Owner))
	args := []any{string(f.Agency)}
	total := 0
	if owner == "" {
		if err := db.sql.QueryRowContext(ctx, `SELECT count(*) `+openActionsFrom, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("list open actions: %w", plain(err))
		}
	}
	var out []meeting.OpenAction
	matched := 0
	for _, part := range []string{` AND a.due != '' ORDER BY a.due, m.held_unix, a.position`, ` AND a.due = '' ORDER BY m.held_unix, a.position`} {
		limit := -1
		if f.Limit > 0 && owner == "" {
			limit = f.Limit - len(out)
			if limit <= 0 {
				break
			}
		}
		err := eachRow(ctx, db.sql, `SELECT m.id, m.reference, m.held_at, m.signed_off_at != '', a.position, a.action_id,
			a.description, a.owner, a.agency, a.due, a.carried_from `+openActionsFrom+part+` LIMIT ?2`, append(args, limit),
			func(rows *sql.Rows) error {
				var o meeting.OpenAction
				var held, due string
				var position int
				if err := rows.Scan(&o.Meeting, &o.Reference, &held, &o.SignedOff, &position, &o.Action.ID,
					&o.Action.Description, &o.Action.Owner, &o.Action.Agency, &due, &o.Action.CarriedFrom); err != nil {
					return err
				}
				if owner != "" {
					if !strings.Contains(strings.ToLower(o.Action.Owner), owner) {
						return nil
					}
					matched++
					if f.Limit > 0 && len(out) >= f.Limit {
						return nil
					}
				}
				var err error
				if o.HeldAt, err = parseTime("held_at", held); err != nil {
					return err
				}
				if o.Action.Due, err = parseDate("actions.due", due); err != nil {
					return err
				}
				o.Key = o.Action.ID
				if o.Key == "" {
					o.Key = fmt.Sprintf("#%d", position+1)
				}
				out = append(out, o)
				return nil
			})
		if err != nil {
			return nil, 0, fmt.Errorf("list open actions: %w", plain(err))
		}
	}
	if owner != "" {
		total = matched
	}
	return out, total, nil
}
