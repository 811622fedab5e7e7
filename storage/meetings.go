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
		old, err := w.stored(ctx, m.ID)
		switch {
		case err != nil:
			return fmt.Errorf("save meeting: %w", err)
		case old != nil && old.signedOff:
			return fmt.Errorf("save meeting %s: %w", meeting.QuoteID(m.ID), ErrSignedOff)
		}
		if err := w.save(ctx, m, old, now); err != nil {
			return err
		}
		switch {
		case old == nil && m.SignedOff(): // stored for the first time already signed off
			return recordSealed(ctx, w, who, EventCreate, m.ID, "", now)
		case old == nil:
			return record(ctx, w, who, EventCreate, m.ID, "", now)
		case m.SignedOff():
			return recordSealed(ctx, w, who, EventSignOff, m.ID, "", now)
		}
		return recordChange(ctx, w, who, m.ID, now)
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
// in the search column of every meeting the clause reads.
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
		conds = append(conds, "instr(m.search, ?) > 0")
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
	if text := searchedText(f); indexable(text) {
		if err := db.searchReady(ctx); err != nil {
			return 0, fmt.Errorf("count meetings: %w", err)
		}
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
	if text := searchedText(f); indexable(text) {
		if err := db.searchReady(ctx); err != nil {
			return nil, fmt.Errorf("list meetings: %w", err)
		}
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
	rows, err := conn.QueryContext(ctx, `SELECT m.rowid, m.id, m.reference, m.type, m.mode, m.held_at, m.referral_received_at,
		m.chair, m.minute_taker, m.reason, m.signed_off_at, m.signed_off_by, m.missing_partners_reason, m.sign_off_rules FROM meetings m `+clause, args...)
	if err != nil {
		return nil, err
	}
	var list []*meeting.Meeting
	byKey := map[int64]*meeting.Meeting{}
	var keys []any
	for rows.Next() {
		m := &meeting.Meeting{}
		var key int64
		var heldAt, referral, signedOff string
		if err := rows.Scan(&key, &m.ID, &m.Reference, &m.Type, &m.Mode, &heldAt, &referral,
			&m.Chair, &m.MinuteTaker, &m.Reason, &signedOff, &m.SignedOffBy, &m.MissingPartnersReason, &m.SignOffRules); err != nil {
			rows.Close()
			return nil, err
		}
		var errs [3]error
		m.HeldAt, errs[0] = parseTime("held_at", heldAt)
		m.ReferralReceivedAt, errs[1] = parseTime("referral_received_at", referral)
		m.SignedOffAt, errs[2] = parseTime("signed_off_at", signedOff)
		if err := errors.Join(errs[:]...); err != nil {
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

	each := func(query string, scan func(rows *sql.Rows) error) error {
		return eachRow(ctx, conn, query, keys, scan)
	}
	var key int64
	err = each(`SELECT meeting, child_id, name, date_of_birth, case_reference, views FROM children WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var c meeting.Child
			var dob string
			if err := rows.Scan(&key, &c.ID, &c.Name, &dob, &c.CaseReference, &c.Views); err != nil {
				return err
			}
			var err error
			if c.DateOfBirth, err = parseDate(fmt.Sprintf("children[%d].date_of_birth", len(byKey[key].Children)), dob); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(byKey[key].ID), err)
			}
			byKey[key].Children = append(byKey[key].Children, c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load children: %w", err)
	}
	err = each(`SELECT meeting, name, role, agency, service, attendance, referrer, note FROM attendees WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var a meeting.Attendee
			if err := rows.Scan(&key, &a.Name, &a.Role, &a.Agency, &a.Service, &a.Attendance, &a.Referrer, &a.Note); err != nil {
				return err
			}
			byKey[key].Attendees = append(byKey[key].Attendees, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load attendees: %w", err)
	}
	err = each(`SELECT meeting, status, reason, decided_by, authorised_by, lawful_basis, parents_informed, parents_informed_on,
			parents_informed_reason, parents_views, child_views FROM consents WHERE meeting IN `+in,
		func(rows *sql.Rows) error {
			var c meeting.Consent
			var informedOn string
			if err := rows.Scan(&key, &c.Status, &c.Reason, &c.DecidedBy, &c.AuthorisedBy, &c.LawfulBasis, &c.ParentsInformed,
				&informedOn, &c.ParentsInformedReason, &c.ParentsViews, &c.ChildViews); err != nil {
				return err
			}
			var err error
			if c.ParentsInformedOn, err = parseDate("consent.parents_informed_on", informedOn); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(byKey[key].ID), err)
			}
			byKey[key].Consent = &c
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load consent: %w", err)
	}
	err = each(`SELECT meeting, outcome, rationale FROM decisions WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var d meeting.Decision
			if err := rows.Scan(&key, &d.Outcome, &d.Rationale); err != nil {
				return err
			}
			byKey[key].Decisions = append(byKey[key].Decisions, d)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load decisions: %w", err)
	}
	err = each(`SELECT meeting, decision, child_id FROM decision_children WHERE meeting IN `+in+` ORDER BY meeting, decision, position`,
		func(rows *sql.Rows) error {
			var decision int
			var child string
			if err := rows.Scan(&key, &decision, &child); err != nil {
				return err
			}
			d := &byKey[key].Decisions[decision]
			d.Children = append(d.Children, child)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load decision children: %w", err)
	}
	err = each(`SELECT meeting, description, owner, agency, due, completed FROM actions WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var a meeting.Action
			var due, completed string
			if err := rows.Scan(&key, &a.Description, &a.Owner, &a.Agency, &due, &completed); err != nil {
				return err
			}
			var err error
			field := fmt.Sprintf("actions[%d].", len(byKey[key].Actions))
			if a.Due, err = parseDate(field+"due", due); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(byKey[key].ID), err)
			}
			if a.Completed, err = parseDate(field+"completed", completed); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(byKey[key].ID), err)
			}
			byKey[key].Actions = append(byKey[key].Actions, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("load actions: %w", err)
	}
	if err := loadDiscussion(each, byKey); err != nil {
		return nil, err
	}
	return list, nil
}

// loadDiscussion reads the discussion's rows (schema version 8) of the
// meetings byKey holds.
func loadDiscussion(each func(query string, scan func(rows *sql.Rows) error) error, byKey map[int64]*meeting.Meeting) error {
	var key int64
	in := meetingsIn(len(byKey))
	err := each(`SELECT meeting, agency, service, shared_by, summary, checks, outstanding, view FROM information WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var x meeting.Information
			if err := rows.Scan(&key, &x.Agency, &x.Service, &x.SharedBy, &x.Summary, &x.Checks, &x.Outstanding, &x.View); err != nil {
				return err
			}
			byKey[key].Information = append(byKey[key].Information, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("load information: %w", err)
	}
	err = each(`SELECT meeting, person, relationship, what, told_by, told_on, withheld, withheld_reason, withheld_until FROM family_plan WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var x meeting.FamilyLine
			var on, until string
			if err := rows.Scan(&key, &x.Person, &x.Relationship, &x.What, &x.By, &on, &x.Withheld, &x.WithheldReason, &until); err != nil {
				return err
			}
			field := fmt.Sprintf("family_plan[%d].", len(byKey[key].FamilyPlan))
			var errs [2]error
			x.On, errs[0] = parseDate(field+"on", on)
			x.WithheldUntil, errs[1] = parseDate(field+"withheld_until", until)
			if err := errors.Join(errs[:]...); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(byKey[key].ID), err)
			}
			byKey[key].FamilyPlan = append(byKey[key].FamilyPlan, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("load family plan: %w", err)
	}
	err = each(`SELECT meeting, member_id, name, relationship, date_of_birth, lives_with_child, alleged, note FROM household WHERE meeting IN `+in+` ORDER BY meeting, position`,
		func(rows *sql.Rows) error {
			var x meeting.Member
			var dob string
			if err := rows.Scan(&key, &x.ID, &x.Name, &x.Relationship, &dob, &x.LivesWithChild, &x.Alleged, &x.Note); err != nil {
				return err
			}
			var err error
			if x.DateOfBirth, err = parseDate(fmt.Sprintf("household[%d].date_of_birth", len(byKey[key].Household)), dob); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(byKey[key].ID), err)
			}
			byKey[key].Household = append(byKey[key].Household, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("load household: %w", err)
	}
	err = each(`SELECT meeting, `+strings.Join(discussionCols, ", ")+` FROM discussions WHERE meeting IN `+in,
		func(rows *sql.Rows) error {
			var m meeting.Meeting
			var next string
			if err := rows.Scan(&key, &m.Analysis.Worries, &m.Analysis.Strengths, &m.Analysis.Dissent,
				&m.Police.Investigation, &m.Police.Reason, &m.Police.CrimeReference, &m.Police.Officer, &m.Police.Plan,
				&m.Medical.Decision, &m.Medical.Reason, &m.Medical.ArrangedBy, &m.Legal.Decision, &m.Legal.Reason,
				&m.SafetyPlan, &m.OtherChildren, &next); err != nil {
				return err
			}
			to := byKey[key]
			var err error
			if to.NextMeetingAt, err = parseTime("next_meeting_at", next); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(to.ID), err)
			}
			to.Analysis, to.Police, to.Medical, to.Legal = m.Analysis, m.Police, m.Medical, m.Legal
			to.SafetyPlan, to.OtherChildren = m.SafetyPlan, m.OtherChildren
			return nil
		})
	if err != nil {
		return fmt.Errorf("load discussion: %w", err)
	}
	return nil
}

// meetingsIn is the list of n parameters, "(?,?,?)".
func meetingsIn(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
}
