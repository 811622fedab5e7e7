package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"strategyminutes/meeting"
)

// Report computes the partner-participation report of the meetings held
// from from to to (UK local dates, inclusive) as of asOf, with SQL
// aggregation instead of loading every meeting. It gives exactly what
// meeting.Report gives over the same meetings (a test proves it on
// generated data); the definitions live there and in docs/report.md.
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

	q := reportQuerier{ctx: ctx, conn: conn, args: []any{from.String(), to.String(), asOf.String()}}
	for _, step := range []struct {
		what string
		fn   func(*meeting.Report, reportQuerier) error
	}{
		{"meetings by month", reportMonths},
		{"agency states", reportAgencies},
		{"health services", reportHealthServices},
		{"statutory partners", reportMissingStatutory},
		{"consent", reportConsent},
		{"outcomes", reportOutcomes},
		{"actions", reportActions},
		{"referral times", reportReferralTimes},
		{"initial conferences", reportICPC},
		{"repeat meetings", reportRepeats},
	} {
		if err := step.fn(r, q); err != nil {
			return nil, fmt.Errorf("report: %s: %w", step.what, err)
		}
	}
	r.Finish()
	return r, nil
}

// reportQuerier runs the report's queries inside its transaction with the
// period as ?1 and ?2 and the as-of date as ?3.
type reportQuerier struct {
	ctx  context.Context
	conn *sql.Conn
	args []any
}

// each runs query and calls scan for every row.
func (q reportQuerier) each(query string, scan func(*sql.Rows) error) error {
	return eachRow(q.ctx, q.conn, query, q.args, scan)
}

// inPeriod selects the meetings m held in the period.
const inPeriod = `m.held_on BETWEEN ?1 AND ?2`

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sqlList quotes codes as a list for IN.
func sqlList[C ~string](codes ...C) string {
	q := make([]string, len(codes))
	for i, c := range codes {
		q[i] = sqlString(string(c))
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// Agency states as numbers, best first, so that min() over an agency's
// rows is its state (meeting.Meeting.AgencyState).
const (
	rankAttended = iota + 1
	rankInformationOnly
	rankAbsent
	rankNotInvited
)

// attendanceRank is the SQL for the rank of attendee row a.
var attendanceRank = fmt.Sprintf(`CASE WHEN a.attendance IN %s THEN %d WHEN a.attendance = %s THEN %d WHEN a.attendance IN %s THEN %d ELSE %d END`,
	sqlList(meeting.Attended, meeting.AttendedPart), rankAttended,
	sqlString(string(meeting.ApologiesInfo)), rankInformationOnly,
	sqlList(meeting.Apologies, meeting.DidNotAttend), rankAbsent,
	rankNotInvited)

// attendedRow is the SQL condition that attendee row a attended.
var attendedRow = `a.attendance IN ` + sqlList(meeting.Attended, meeting.AttendedPart)

// blankSQL is the SQL condition that the text column is blank (meeting.Blank).
func blankSQL(column string) string {
	return fmt.Sprintf(`trim(%s, %s) = ''`, column, sqlString(meeting.BlankRunes))
}

func reportMonths(r *meeting.Report, q reportQuerier) error {
	return q.each(`SELECT substr(m.held_on, 1, 7), count(*) FROM meetings m WHERE `+inPeriod+` GROUP BY 1`,
		func(rows *sql.Rows) error {
			var month string
			var n int
			if err := rows.Scan(&month, &n); err != nil {
				return err
			}
			mc, err := monthOf(r, month)
			if err != nil {
				return err
			}
			mc.Meetings += n
			r.Meetings += n
			return nil
		})
}

// monthOf returns the entry of Monthly for a YYYY-MM month of the period.
func monthOf(r *meeting.Report, month string) (*meeting.MonthCount, error) {
	d, err := meeting.ParseDate(month + "-01")
	if err != nil {
		return nil, fmt.Errorf("stored held_on: %w", err)
	}
	i := r.MonthIndex(d)
	if i < 0 || i >= len(r.Monthly) {
		return nil, fmt.Errorf("month %s is outside the period", month)
	}
	return &r.Monthly[i], nil
}

// reportAgencies counts each agency's best state per meeting, month by
// month. Meetings where an agency has no row, or only "not invited" rows,
// are what is left: not invited.
func reportAgencies(r *meeting.Report, q reportQuerier) error {
	err := q.each(`SELECT substr(s.held_on, 1, 7), s.agency, s.state, count(*) FROM (
			SELECT m.held_on, a.agency, min(`+attendanceRank+`) AS state
			FROM meetings m JOIN attendees a ON a.meeting = m.rowid
			WHERE `+inPeriod+`
			GROUP BY m.held_on, m.rowid, a.agency
		) s WHERE s.state < `+fmt.Sprint(rankNotInvited)+` GROUP BY 1, 2, 3`,
		func(rows *sql.Rows) error {
			var month string
			var agency meeting.Agency
			var state, n int
			if err := rows.Scan(&month, &agency, &state, &n); err != nil {
				return err
			}
			ac := agencyCount(r, agency)
			if ac == nil {
				return nil // not a known agency: not reported, as in meeting.Report
			}
			switch state {
			case rankAttended:
				ac.Attended += n
				mc, err := monthOf(r, month)
				if err != nil {
					return err
				}
				mc.Attended.Add(agency, n)
			case rankInformationOnly:
				ac.InformationOnly += n
			case rankAbsent:
				ac.Absent += n
			}
			return nil
		})
	if err != nil {
		return err
	}
	for i := range r.Agencies {
		ac := &r.Agencies[i]
		ac.NotInvited = r.Meetings - ac.Attended - ac.InformationOnly - ac.Absent
	}
	return nil
}

func agencyCount(r *meeting.Report, a meeting.Agency) *meeting.AgencyCount {
	for i := range r.Agencies {
		if r.Agencies[i].Agency == a {
			return &r.Agencies[i]
		}
	}
	return nil
}

// reportHealthServices counts each health service's best state per
// meeting, as reportAgencies does for agencies: once per meeting however
// many of its people came.
func reportHealthServices(r *meeting.Report, q reportQuerier) error {
	return q.each(`SELECT s.service, s.state, count(*) FROM (
			SELECT a.service, min(`+attendanceRank+`) AS state
			FROM meetings m JOIN attendees a ON a.meeting = m.rowid
			WHERE `+inPeriod+` AND a.agency = `+sqlString(string(meeting.AgencyHealth))+`
			GROUP BY m.rowid, a.service
		) s WHERE s.state < `+fmt.Sprint(rankNotInvited)+` GROUP BY 1, 2`,
		func(rows *sql.Rows) error {
			var service meeting.Service
			var state, n int
			if err := rows.Scan(&service, &state, &n); err != nil {
				return err
			}
			if service == "" {
				if state == rankAttended {
					r.HealthServiceNotRecorded += n
				}
				return nil
			}
			for i := range r.HealthServices {
				sc := &r.HealthServices[i]
				if sc.Service != service {
					continue
				}
				switch state {
				case rankAttended:
					sc.Attended += n
				case rankInformationOnly:
					sc.InformationOnly += n
				case rankAbsent:
					sc.Absent += n
				}
			}
			return nil
		})
}

// reportMissingStatutory finds the meetings at which a statutory partner
// did not attend, in the report's order: by time held, then id.
func reportMissingStatutory(r *meeting.Report, q reportQuerier) error {
	partners := meeting.StatutoryPartners
	var cols, names []string
	for i, a := range partners {
		cols = append(cols, fmt.Sprintf(`EXISTS (SELECT 1 FROM attendees a WHERE a.meeting = m.rowid AND a.agency = %s AND %s) AS p%d`,
			sqlString(string(a)), attendedRow, i))
		names = append(names, fmt.Sprintf("p%d", i))
	}
	ms := &r.MissingStatutory
	return q.each(`SELECT id, reference, month, `+strings.Join(names, ", ")+` FROM (
			SELECT m.id, m.reference, m.held_unix, substr(m.held_on, 1, 7) AS month, `+strings.Join(cols, ", ")+`
			FROM meetings m WHERE `+inPeriod+`
		) WHERE NOT (`+strings.Join(names, " AND ")+`)
		ORDER BY held_unix, id`,
		func(rows *sql.Rows) error {
			var id, reference, month string
			attended := make([]bool, len(partners))
			dst := []any{&id, &reference, &month}
			for i := range attended {
				dst = append(dst, &attended[i])
			}
			if err := rows.Scan(dst...); err != nil {
				return err
			}
			mc, err := monthOf(r, month)
			if err != nil {
				return err
			}
			ms.Count++
			mc.MissingStatutory++
			ms.Meetings = append(ms.Meetings, id)
			ms.References = append(ms.References, reference)
			for i, ok := range attended {
				if !ok {
					ms.ByAgency.Add(partners[i], 1)
				}
			}
			return nil
		})
}

func reportConsent(r *meeting.Report, q reportQuerier) error {
	err := q.each(`SELECT c.status, `+blankSQL("c.reason")+`, `+blankSQL("c.parents_views")+`, count(*)
		FROM meetings m JOIN consents c ON c.meeting = m.rowid
		WHERE `+inPeriod+` GROUP BY 1, 2, 3`,
		func(rows *sql.Rows) error {
			var status meeting.ConsentStatus
			var noReason, noViews bool
			var n int
			if err := rows.Scan(&status, &noReason, &noViews, &n); err != nil {
				return err
			}
			c := &r.Consent
			switch status {
			case meeting.ConsentGiven:
				c.Given += n
			case meeting.ConsentRefused:
				c.Refused += n
			case meeting.ConsentOverridden:
				c.Overridden += n
			case meeting.ConsentNotSought:
				c.NotSought += n
			}
			if status == meeting.ConsentOverridden || status == meeting.ConsentNotSought {
				c.WithoutConsent += n
				if noReason {
					c.WithoutConsentNoReason += n
				}
			}
			if noViews {
				c.ParentsViewsNotRecorded += n
			}
			return nil
		})
	if err != nil {
		return err
	}
	c := &r.Consent
	c.NotRecorded = r.Meetings - c.Given - c.Refused - c.Overridden - c.NotSought
	c.ParentsViewsNotRecorded += c.NotRecorded
	return nil
}

// reportOutcomes counts, for each outcome, the meetings that decided it,
// and the meetings that started a section 47 enquiry.
func reportOutcomes(r *meeting.Report, q reportQuerier) error {
	err := q.each(`SELECT d.outcome, count(DISTINCT d.meeting)
		FROM meetings m JOIN decisions d ON d.meeting = m.rowid
		WHERE `+inPeriod+` GROUP BY d.outcome`,
		func(rows *sql.Rows) error {
			var outcome meeting.Outcome
			var n int
			if err := rows.Scan(&outcome, &n); err != nil {
				return err
			}
			r.Outcomes.Add(outcome, n)
			return nil
		})
	if err != nil {
		return err
	}
	return q.each(`SELECT count(DISTINCT d.meeting)
		FROM meetings m JOIN decisions d ON d.meeting = m.rowid
		WHERE `+inPeriod+` AND d.outcome IN `+sqlList(meeting.OutcomeS47Joint, meeting.OutcomeS47Single),
		func(rows *sql.Rows) error { return rows.Scan(&r.Section47) })
}

// reportActions counts the actions of the period's meetings. Dates are
// stored YYYY-MM-DD, so comparing the strings compares the dates. An
// action is done on its completed date, or on the date of its latest
// follow-up (meeting.Action.DoneOn); a dropped one is never overdue.
func reportActions(r *meeting.Report, q reportQuerier) error {
	return q.each(`SELECT count(*),
			coalesce(sum(x.due = ''), 0),
			coalesce(sum(x.due <> '' AND x.dropped_reason = '' AND x.done = '' AND x.due < ?3), 0),
			coalesce(sum(x.due <> '' AND x.done <> '' AND x.done > x.due), 0)
		FROM meetings m JOIN (SELECT a.meeting, a.due, a.dropped_reason,
				coalesce(nullif(a.completed, ''), `+actionDoneSince+`, '') AS done
			FROM actions a) x ON x.meeting = m.rowid
		WHERE `+inPeriod,
		func(rows *sql.Rows) error {
			a := &r.Actions
			return rows.Scan(&a.Total, &a.NoDueDate, &a.Overdue, &a.CompletedLate)
		})
}

// reportReferralTimes counts the working days from each meeting's referral
// to the meeting. A time held with its offset gives its UK date in Go, once
// for every meeting sharing it.
func reportReferralTimes(r *meeting.Report, q reportQuerier) error {
	cal := r.Calendar
	return q.each(`SELECT m.referral_received_at, m.held_on, count(*) FROM meetings m
		WHERE `+inPeriod+` AND m.referral_received_at <> '' GROUP BY 1, 2`,
		func(rows *sql.Rows) error {
			var referral, held string
			var n int
			if err := rows.Scan(&referral, &held, &n); err != nil {
				return err
			}
			at, err := parseTime("referral_received_at", referral)
			if err != nil {
				return err
			}
			day, err := meeting.ParseDate(held)
			if err != nil {
				return fmt.Errorf("stored held_on: %w", err)
			}
			r.Timeliness.ReferralToMeeting.AddReferralDays(cal.WorkingDays(meeting.UKDate(at), day), n)
			return nil
		})
}

// reportICPC counts the initial conferences of the meetings with a section
// 47 decision, by the latest 'icpc' follow-up of each (storage/followup.go):
// held on a date, not needed with a reason, or, with neither, none.
func reportICPC(r *meeting.Report, q reportQuerier) error {
	cal := r.Calendar
	return q.each(`SELECT m.held_on, coalesce(f.on_date, ''), coalesce(f.text, ''), count(*) FROM meetings m
		LEFT JOIN follow_ups f ON f.id = (SELECT max(g.id) FROM follow_ups g WHERE g.meeting = m.rowid AND g.kind = `+
		sqlString(string(meeting.FollowUpICPC))+`)
		WHERE `+inPeriod+` AND EXISTS (SELECT 1 FROM decisions d WHERE d.meeting = m.rowid AND d.outcome IN `+
		sqlList(meeting.OutcomeS47Joint, meeting.OutcomeS47Single)+`)
		GROUP BY 1, 2, 3`,
		func(rows *sql.Rows) error {
			var held, heldOn, reason string
			var n int
			if err := rows.Scan(&held, &heldOn, &reason, &n); err != nil {
				return err
			}
			day, err := meeting.ParseDate(held)
			if err != nil {
				return fmt.Errorf("stored held_on: %w", err)
			}
			var icpc *meeting.ICPC
			if heldOn != "" || reason != "" {
				icpc = &meeting.ICPC{NotNeededReason: reason}
				if icpc.HeldOn, err = parseDate("icpc.held_on", heldOn); err != nil {
					return err
				}
			}
			state, due := cal.ICPCState(day, icpc)
			r.AddICPC(state, due, n)
			return nil
		})
}

// reportRepeats counts the children of the period's meetings by case
// reference (meeting.CaseKey, worked out in Go: SQLite's upper and trim
// know only ASCII), and those entered without one.
func reportRepeats(r *meeting.Report, q reportQuerier) error {
	children := map[string]map[int64]bool{}
	err := q.each(`SELECT c.case_reference, c.meeting, count(*) FROM meetings m JOIN children c ON c.meeting = m.rowid
		WHERE `+inPeriod+` GROUP BY 1, 2`,
		func(rows *sql.Rows) error {
			var ref string
			var key int64
			var n int
			if err := rows.Scan(&ref, &key, &n); err != nil {
				return err
			}
			ck := meeting.CaseKey(ref)
			if ck == "" {
				r.Repeats.NoCaseReference += n
				return nil
			}
			if children[ck] == nil {
				children[ck] = map[int64]bool{}
			}
			children[ck][key] = true
			return nil
		})
	for _, meetings := range children {
		r.AddChild(len(meetings))
	}
	return err
}
