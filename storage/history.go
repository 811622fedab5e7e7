package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// childHistorySQL finds the children of other meetings that are the child
// given: ?1 its case key (meeting.CaseKey, "" for none), ?2 its name in
// lower case, ?3 its date of birth ("" for none), ?4 and ?5 the times held
// (unix seconds, from inclusive, to exclusive), ?6 the meeting left out.
// The outcomes are those of the decisions that cover the child: with no
// child ticked, or with it ticked.
const childHistorySQL = `
WITH matched (meeting, child_id, name, how) AS (
	SELECT meeting, child_id, name, 'case_reference' FROM children
		WHERE ?1 != '' AND case_reference != '' AND upper(trim(case_reference)) = ?1
	UNION ALL
	SELECT meeting, child_id, name, 'name_and_date_of_birth' FROM children
		WHERE ?3 != '' AND date_of_birth != '' AND date_of_birth = ?3 AND lower(trim(name)) = ?2
			AND (?1 = '' OR trim(case_reference) = ''))
SELECT m.id, m.reference, m.type, m.held_at, m.chair, m.signed_off_at, c.name, c.how,
	(SELECT group_concat(outcome, ',') FROM (SELECT d.outcome FROM decisions d
		WHERE d.meeting = m.rowid AND (
			NOT EXISTS (SELECT 1 FROM decision_children x WHERE x.meeting = m.rowid AND x.decision = d.position)
			OR EXISTS (SELECT 1 FROM decision_children x WHERE x.meeting = m.rowid AND x.decision = d.position AND x.child_id = c.child_id))
		ORDER BY d.position))
FROM matched c JOIN meetings m ON m.rowid = c.meeting
WHERE m.held_unix >= ?4 AND m.held_unix < ?5 AND m.id != ?6
ORDER BY m.held_unix DESC, m.id`

// EarlierMeetings returns the meetings held from since to before that
// discussed the child, newest first (meeting.ChildHistory).
func (db *DB) EarlierMeetings(ctx context.Context, c meeting.Child, since, before time.Time, except string) ([]meeting.EarlierMeeting, error) {
	if !meeting.Matchable(c) {
		return nil, nil
	}
	key, dob := meeting.CaseKey(c.CaseReference), c.DateOfBirth.String()
	rows, err := db.sql.QueryContext(ctx, childHistorySQL, key, strings.ToLower(strings.TrimSpace(c.Name)), dob,
		since.Unix(), before.Unix(), except)
	if err != nil {
		return nil, fmt.Errorf("find the child's earlier meetings: %w", plain(err))
	}
	defer rows.Close()
	var out []meeting.EarlierMeeting
	for rows.Next() {
		var e meeting.EarlierMeeting
		var heldAt, signedOff, match string
		var outcomes sql.NullString
		if err := rows.Scan(&e.ID, &e.Reference, &e.Type, &heldAt, &e.Chair, &signedOff, &e.Child, &match, &outcomes); err != nil {
			return nil, fmt.Errorf("find the child's earlier meetings: %w", plain(err))
		}
		if e.HeldAt, err = parseTime("held_at", heldAt); err != nil {
			return nil, fmt.Errorf("find the child's earlier meetings: meeting %s: %w", meeting.QuoteID(e.ID), err)
		}
		e.SignedOff = signedOff != ""
		e.Match = meeting.ChildMatch(match)
		if outcomes.String != "" {
			for _, o := range strings.Split(outcomes.String, ",") {
				e.Outcomes = append(e.Outcomes, meeting.Outcome(o))
			}
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find the child's earlier meetings: %w", plain(err))
	}
	rows.Close()
	for i := range out {
		if out[i].OpenActions, err = openActions(ctx, db.sql, out[i].ID); err != nil {
			return nil, fmt.Errorf("find the child's earlier meetings: meeting %s: %w", meeting.QuoteID(out[i].ID), err)
		}
	}
	return out, nil
}

// openActions returns the actions of the meeting with the id that are
// open (actionOpen), in order.
func openActions(ctx context.Context, q querier, id string) ([]meeting.Action, error) {
	var out []meeting.Action
	err := eachRow(ctx, q, `SELECT a.description, a.owner, a.agency, a.due FROM actions a
		JOIN meetings m ON m.rowid = a.meeting WHERE m.id = ? AND `+actionOpen+` ORDER BY a.position`, []any{id},
		func(rows *sql.Rows) error {
			var a meeting.Action
			var due string
			if err := rows.Scan(&a.Description, &a.Owner, &a.Agency, &due); err != nil {
				return err
			}
			var err error
			a.Due, err = parseDate("actions.due", due)
			out = append(out, a)
			return err
		})
	return out, plain(err)
}
