package storage

// A save writes only what changed.
//
// The editor saves the whole meeting several times a second while the chair
// types into one field. Rewriting every row of the meeting each time wrote
// tens of pages for a change of one character. Instead, a save reads the
// meeting's stored rows inside its own transaction (which holds the write
// lock, so nothing changes them meanwhile), works out the rows the meeting
// should have, and writes the difference: the changed columns of a changed
// row, the rows added and removed, and the positions of the rows that moved.
//
// Rows are matched to stored rows by position: the rows before and after a
// change keep their match (a common prefix and suffix), so that adding or
// removing a row in the middle deletes or inserts that one row and moves the
// ones after it. Children are matched by their id, which decisions refer to.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"strategyminutes/meeting"
)

// A row holds a table row's values in its table's column order: string, or
// int64 for integerColumns.
type row []any

// integerColumns are the columns stored as integers; every other is text.
var integerColumns = map[string]bool{"held_unix": true, "referrer": true, "sign_off_rules": true,
	"withheld": true, "lives_with_child": true, "alleged": true}

// A table is one of a meeting's tables of rows kept at positions 0, 1, 2...
// under the primary key (meeting, position).
type table struct {
	name string
	cols []string // the columns after meeting and position
	// sealed is how many of the columns the checksum always covers: those
	// added later are covered only when one holds a value, so that rows
	// stored before they existed keep their checksum (seal.go).
	sealed int
	list   func(img *image) *[]row // the image's rows of the table
	// rows returns the rows a meeting has in the table; load adds the
	// entry a stored row holds to a meeting (columns.go).
	rows func(m *meeting.Meeting) []row
	load func(m *meeting.Meeting, r row) error

	insertSQL, deleteSQL, moveSQL string
}

func newTable(name string, cols ...string) *table {
	return &table{
		name: name, cols: cols, sealed: len(cols),
		insertSQL: "INSERT INTO " + name + " (meeting, position, " + strings.Join(cols, ", ") + ") VALUES (?, ?" +
			strings.Repeat(", ?", len(cols)) + ")",
		deleteSQL: "DELETE FROM " + name + " WHERE meeting = ? AND position = ?",
		moveSQL:   "UPDATE " + name + " SET position = ? WHERE meeting = ? AND position = ?",
	}
}

// updateSQL sets the columns changed (indexes into cols) of one row. Only
// the changed columns are named, so that SQLite leaves alone the indexes of
// the others.
func (t *table) updateSQL(changed []int) string {
	return "UPDATE " + t.name + " SET " + setList(t.cols, changed) + " WHERE meeting = ? AND position = ?"
}

func setList(cols []string, changed []int) string {
	var b strings.Builder
	for k, i := range changed {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(cols[i])
		b.WriteString(" = ?")
	}
	return b.String()
}

// Indexes of columns in rows.
var (
	meetingSignedOffAt = slices.Index(meetingCols, "signed_off_at")
	meetingReference   = slices.Index(meetingCols, "reference")
	meetingChair       = slices.Index(meetingCols, "chair")
	meetingSearch      = slices.Index(meetingCols, "search")
	childName          = slices.Index(childrenTable.cols, "name")
	childCaseReference = slices.Index(childrenTable.cols, "case_reference")
)

var (
	insertMeetingSQL = "INSERT INTO meetings (id, " + strings.Join(meetingCols, ", ") + ", list_search, created_at, updated_at, checksum) VALUES (?" +
		strings.Repeat(", ?", len(meetingCols)+4) + ") RETURNING rowid"
	insertConsentSQL = "INSERT INTO consents (meeting, " + strings.Join(consentCols, ", ") + ") VALUES (?" +
		strings.Repeat(", ?", len(consentCols)) + ")"
	insertDiscussionSQL = "INSERT INTO discussions (meeting, " + strings.Join(discussionCols, ", ") + ") VALUES (?" +
		strings.Repeat(", ?", len(discussionCols)) + ")"
	insertDecisionChildSQL   = "INSERT INTO decision_children (meeting, decision, position, child_id) VALUES (?, ?, ?, ?)"
	clearDecisionChildrenSQL = "DELETE FROM decision_children WHERE meeting = ? AND decision = ?"
)

// An image is the rows one meeting has in the database.
type image struct {
	meeting             row
	children, attendees []row
	consent             row // nil: no consent recorded
	decisions, actions  []row
	information         []row
	familyPlan          []row
	household           []row
	discussion          row        // nil: none of its parts recorded
	decisionChildren    [][]string // the child ids of each decision, in order

	// Of a stored meeting only:
	report         entryState // its report entry and follow-ups (entries.go)
	key            int64      // meetings.rowid
	storedChecksum string
	signedOff      bool
	irregular      bool // positions not 0, 1, 2...: not written by this app; rewrite every row
}

// imageOf returns the rows that meeting m is stored as.
func imageOf(m *meeting.Meeting) *image {
	img := &image{meeting: meetingColumns.row(m)}
	for _, t := range storedTables {
		*t.list(img) = t.rows(m)
	}
	for _, d := range m.Decisions {
		// A copy: a kept image (writeconn.go) must not change with the
		// meeting the editor goes on changing.
		img.decisionChildren = append(img.decisionChildren, slices.Clone(d.Children))
	}
	if m.Consent != nil {
		img.consent = consentColumns.row(m.Consent)
	}
	if d := discussionColumns.row(m); !allZero(d) {
		img.discussion = d
	}
	return img
}

func boolean(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// allZero reports whether every value of r is "" or 0.
func allZero(r row) bool {
	for _, v := range r {
		if v != "" && v != int64(0) {
			return false
		}
	}
	return true
}

// searchParts returns the parts of the search column (searchParts) of the
// meeting the rows are, as its index entries hold them: none for no rows.
func (img *image) searchParts() []string {
	if img.meeting == nil {
		return nil
	}
	parts := []string{strings.ToLower(img.meeting[meetingReference].(string)), strings.ToLower(img.meeting[meetingChair].(string))}
	for _, c := range img.children {
		parts = append(parts, strings.ToLower(c[childName].(string)), strings.ToLower(c[childCaseReference].(string)))
	}
	return parts
}

// changedColumns returns the indexes of the columns whose values differ.
func changedColumns(old, new row) []int {
	var changed []int
	for i := range new {
		if old[i] != new[i] {
			changed = append(changed, i)
		}
	}
	return changed
}

func equalRows(a, b row) bool { return len(changedColumns(a, b)) == 0 }

// An execQuerier is a transaction, or a writer within one.
type execQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// A writer writes meetings within one transaction. Its statements are
// prepared once for the database (see statements) and reused by every
// transaction, so that neither an autosave nor an import of thousands of
// meetings parses the same SQL again each time.
type writer struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // this transaction's, by query
	cold  []string             // queries to prepare for the next transactions
	// entries are the search entries to write (search.go), by rowid: the
	// text, or "" to remove the entry.
	entries map[int64]string
	// pend sends the entries to search_pending instead (an autosave): the
	// index takes them when the meetings are next searched.
	pend bool
}

func (db *DB) newWriter(tx *sql.Tx) *writer {
	return &writer{db: db, tx: tx, stmts: map[string]*sql.Stmt{}, entries: map[int64]string{}}
}

// write runs fn in a transaction with a writer. The search entries waiting
// in search_pending go into the index first, so that the stored rows and
// the index agree when fn works out what changed.
func (db *DB) write(ctx context.Context, fn func(w *writer) error) error {
	return db.writeWith(ctx, false, fn)
}

// writePending is write for an autosave: the search entries it changes
// wait in search_pending (migration 6).
func (db *DB) writePending(ctx context.Context, fn func(w *writer) error) error {
	return db.writeWith(ctx, true, fn)
}

func (db *DB) writeWith(ctx context.Context, pend bool, fn func(w *writer) error) error {
	var cold []string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		w := db.newWriter(tx)
		w.pend = pend
		defer w.close()
		var err error
		if !pend {
			err = indexPending(ctx, w)
		}
		if err == nil {
			err = fn(w)
		}
		if err == nil {
			err = w.writeEntries(ctx)
		}
		cold = w.cold
		return err
	})
	db.statements.prepare(ctx, db.sql, cold)
	return err
}

func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s := w.stmts[query]; s != nil {
		return s, nil
	}
	var s *sql.Stmt
	var err error
	if prepared := w.db.statements.get(query); prepared != nil {
		s = w.tx.StmtContext(ctx, prepared)
	} else {
		s, err = w.tx.PrepareContext(ctx, query)
		w.cold = append(w.cold, query)
	}
	if err != nil {
		return nil, fmt.Errorf("prepare statement: %w", err)
	}
	w.stmts[query] = s
	return s, nil
}

// ExecContext runs a statement in the writer's transaction.
func (w *writer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (w *writer) exec(ctx context.Context, query string, args ...any) error {
	_, err := w.ExecContext(ctx, query, args...)
	return err
}

// QueryContext runs a query in the writer's transaction.
func (w *writer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// close closes the transaction's statements (its end would too).
func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// statements are the database's prepared statements, by query. database/sql
// prepares each again on a pooled connection the first time a transaction
// on that connection uses it, and keeps it there. A statement is prepared
// for the database only between transactions (prepare), never inside one:
// that would wait for a second connection while holding the write lock.
type statements struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxStatements bounds the cache: the updates of changed columns make one
// query for each set of columns that change together.
const maxStatements = 256

func (c *statements) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query]
}

// prepare prepares the queries for the database; failures only mean the
// next transaction prepares them itself.
func (c *statements) prepare(ctx context.Context, db *sql.DB, queries []string) {
	for _, q := range queries {
		c.mu.Lock()
		skip := c.m[q] != nil || len(c.m) >= maxStatements
		c.mu.Unlock()
		if skip {
			continue
		}
		s, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		if c.m[q] == nil && len(c.m) < maxStatements {
			c.m[q], s = s, nil
		}
		c.mu.Unlock()
		if s != nil {
			s.Close()
		}
	}
}

func (c *statements) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = nil
}

// storedSQL reads one meeting's rows, in every table, with one query. Each
// result row says which table it is from (storedMeeting, an index into
// storedTables, storedConsent or storedDecisionChildren) and its position
// (for a decision's children, the decision's then the child's), then holds
// the table's columns.
var storedSQL, storedWidth = func() (string, int) {
	width := max(len(meetingCols)+1, len(consentCols), len(discussionCols))
	pad := func(n int) string { return strings.Repeat(", NULL", width-n) }
	const key = "meeting = (SELECT rowid FROM meetings WHERE id = ?1)"
	parts := []string{fmt.Sprintf("SELECT %d, rowid, 0, %s, checksum%s FROM meetings WHERE id = ?1",
		storedMeeting, strings.Join(meetingCols, ", "), pad(len(meetingCols)+1))}
	for i, t := range storedTables {
		parts = append(parts, fmt.Sprintf("SELECT %d, position, 0, %s%s FROM %s WHERE %s",
			i, strings.Join(t.cols, ", "), pad(len(t.cols)), t.name, key))
	}
	parts = append(parts,
		fmt.Sprintf("SELECT %d, 0, 0, %s%s FROM consents WHERE %s", storedConsent, strings.Join(consentCols, ", "), pad(len(consentCols)), key),
		fmt.Sprintf("SELECT %d, 0, 0, %s%s FROM discussions WHERE %s", storedDiscussion, strings.Join(discussionCols, ", "), pad(len(discussionCols)), key),
		fmt.Sprintf("SELECT %d, decision, position, child_id%s FROM decision_children WHERE %s", storedDecisionChildren, pad(1), key))
	return strings.Join(parts, "\nUNION ALL "), 3 + width
}()

var storedTables = [...]*table{childrenTable, attendeesTable, decisionsTable, actionsTable, informationTable,
	familyPlanTable, householdTable}

// What a row of storedSQL is from, besides storedTables.
const (
	storedConsent = int64(len(storedTables)) + iota
	storedDiscussion
	storedDecisionChildren
	storedMeeting
)

// stored reads the rows of the stored meeting with the id, or returns nil
// when there is none.
//
// A meeting whose rows do not match their checksum is never written over:
// ErrChecksum, naming the meeting by its id.
func (w *writer) stored(ctx context.Context, id string) (*image, error) {
	img, err := readImage(ctx, w, id)
	if err == nil && img != nil && img.storedChecksum != img.checksum() {
		return nil, fmt.Errorf("meeting %q: %w", id, ErrChecksum)
	}
	if err == nil && img != nil {
		img.report, err = readEntryState(ctx, w, img.key)
	}
	return img, err
}

// ErrChecksum is returned for a meeting whose stored rows were changed
// outside the app, or damaged.
var ErrChecksum = errors.New("its stored rows do not match their checksum (changed outside the app, or damaged), so it was not written over; run 'strategyminutes check'")

// readImage reads the rows of the stored meeting with the id through q, or
// returns nil when there is none.
func readImage(ctx context.Context, q querier, id string) (*image, error) {
	img := &image{}
	found := false
	type positioned struct {
		at  [2]int64 // position; for a decision's children, the decision's and the child's
		row row
	}
	var lists [len(storedTables) + 1][]positioned // the last: decision_children
	values := make([]any, storedWidth)
	dest := make([]any, storedWidth)
	for i := range dest {
		dest[i] = &values[i]
	}
	err := eachRow(ctx, q, storedSQL, []any{id}, func(rows *sql.Rows) error {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		which, _ := values[0].(int64)
		a, _ := values[1].(int64)
		b, _ := values[2].(int64)
		var err error
		switch which {
		case storedMeeting:
			found, img.key = true, a
			img.meeting, err = rowOf(meetingCols, values[3:])
			img.storedChecksum, _ = values[3+len(meetingCols)].(string)
		case storedConsent:
			img.consent, err = rowOf(consentCols, values[3:])
		case storedDiscussion:
			img.discussion, err = rowOf(discussionCols, values[3:])
		case storedDecisionChildren:
			var r row
			r, err = rowOf([]string{"child_id"}, values[3:])
			lists[len(storedTables)] = append(lists[len(storedTables)], positioned{[2]int64{a, b}, r})
		default:
			if which < 0 || which >= int64(len(storedTables)) {
				return fmt.Errorf("unknown table %d", which)
			}
			var r row
			r, err = rowOf(storedTables[which].cols, values[3:])
			lists[which] = append(lists[which], positioned{[2]int64{a}, r})
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read stored meeting: %w", err)
	}
	if !found {
		return nil, nil
	}
	img.signedOff = img.meeting[meetingSignedOffAt] != ""
	// In the order of the positions; a gap or a repeat means rows this app
	// did not write.
	for k := range lists {
		slices.SortStableFunc(lists[k], func(x, y positioned) int {
			return cmp.Or(cmp.Compare(x.at[0], y.at[0]), cmp.Compare(x.at[1], y.at[1]))
		})
	}
	for k, t := range storedTables {
		dst := t.list(img)
		for i, p := range lists[k] {
			img.irregular = img.irregular || p.at[0] != int64(i)
			*dst = append(*dst, p.row)
		}
	}
	img.decisionChildren = make([][]string, len(img.decisions))
	for _, p := range lists[len(storedTables)] {
		d := p.at[0]
		if d < 0 || d >= int64(len(img.decisions)) || p.at[1] != int64(len(img.decisionChildren[d])) {
			img.irregular = true
			continue
		}
		img.decisionChildren[d] = append(img.decisionChildren[d], p.row[0].(string))
	}
	return img, nil
}

// rowOf makes a row of cols from values scanned into any.
func rowOf(cols []string, values []any) (row, error) {
	r := make(row, len(cols))
	for i, c := range cols {
		switch v := values[i].(type) {
		case int64:
			if !integerColumns[c] {
				return nil, fmt.Errorf("%s is a number", c)
			}
			r[i] = v
		case string:
			if integerColumns[c] {
				return nil, fmt.Errorf("%s is not a number", c)
			}
			r[i] = v
		default:
			return nil, fmt.Errorf("%s is %T", c, v)
		}
	}
	return r, nil
}

// save stores the validated meeting m, whose stored rows are old (nil for a
// meeting not stored yet), writing only the rows that differ. It returns
// the rows m is now stored as.
func (w *writer) save(ctx context.Context, m *meeting.Meeting, old *image, now time.Time) (*image, error) {
	img := imageOf(m)
	img.storedChecksum = img.checksum()
	img.signedOff = m.SignedOff()
	stamp := formatTime(now.UTC())
	if old == nil {
		old = &image{}
		s, err := w.stmt(ctx, insertMeetingSQL)
		if err != nil {
			return nil, err
		}
		args := append(append([]any{m.ID}, img.meeting...), img.meeting[meetingSearch], stamp, stamp, img.storedChecksum)
		if err := s.QueryRowContext(ctx, args...).Scan(&old.key); err != nil {
			return nil, fmt.Errorf("store meeting: %w", err)
		}
	} else {
		changed := changedColumns(old.meeting, img.meeting)
		args := make([]any, 0, len(changed)+2)
		for _, i := range changed {
			args = append(args, img.meeting[i])
		}
		set := setList(meetingCols, changed)
		if slices.Contains(changed, meetingSearch) && !w.pend {
			// An autosave leaves the list's copy to indexPending (migration 15).
			set += ", list_search = ?"
			args = append(args, img.meeting[meetingSearch])
		}
		if set != "" {
			set += ", "
		}
		if err := w.exec(ctx, "UPDATE meetings SET "+set+"updated_at = ?, checksum = ? WHERE rowid = ?", append(args, stamp, img.storedChecksum, old.key)...); err != nil {
			return nil, fmt.Errorf("store meeting: %w", err)
		}
		if old.irregular {
			// Not written by this version of the app: replace every row, as saves once did.
			for _, t := range []string{"decision_children", "decisions", "children", "attendees", "consents", "actions",
				"information", "family_plan", "household", "discussions"} {
				if err := w.exec(ctx, "DELETE FROM "+t+" WHERE meeting = ?", old.key); err != nil {
					return nil, fmt.Errorf("replace meeting rows: %w", err)
				}
			}
			if err := w.clearIndex(ctx, old.key); err != nil {
				return nil, err
			}
			old = &image{key: old.key, report: old.report}
		}
	}
	key := old.key
	img.key = key
	if err := w.index(ctx, key, old.searchParts(), img.searchParts()); err != nil {
		return nil, err
	}

	// The order keeps every foreign key satisfied after each statement:
	// decision_children refer to decisions by position and to children by
	// id, and deleting either deletes the decision_children referring to it.
	decisions := alignedPlan(len(old.decisions), len(img.decisions), func(i, j int) bool {
		return equalRows(old.decisions[i], img.decisions[j]) && slices.Equal(old.decisionChildren[i], img.decisionChildren[j])
	})
	// The decisions whose children are written again: new ones, moved ones,
	// and those whose children changed. Their stored children go first, so
	// that no decision_children row is left pointing at a moved decision or
	// a removed child.
	rewrite := make([]bool, len(img.decisions))
	for j, i := range decisions.src {
		rewrite[j] = i < 0 || i != j || !slices.Equal(old.decisionChildren[i], img.decisionChildren[j])
		if i >= 0 && rewrite[j] && len(old.decisionChildren[i]) > 0 {
			if err := w.exec(ctx, clearDecisionChildrenSQL, key, i); err != nil {
				return nil, fmt.Errorf("store decisions[%d].children: %w", j, err)
			}
		}
	}
	for _, i := range decisions.deleted {
		if len(old.decisionChildren[i]) > 0 {
			if err := w.exec(ctx, clearDecisionChildrenSQL, key, i); err != nil {
				return nil, fmt.Errorf("remove decision children: %w", err)
			}
		}
	}
	if err := w.apply(ctx, childrenTable, key, keyedPlan(old.children, img.children), old.children, img.children); err != nil {
		return nil, err
	}
	if err := w.apply(ctx, decisionsTable, key, decisions, old.decisions, img.decisions); err != nil {
		return nil, err
	}
	for j, ids := range img.decisionChildren {
		if !rewrite[j] {
			continue
		}
		for k, id := range ids {
			if err := w.exec(ctx, insertDecisionChildSQL, key, j, k, id); err != nil {
				return nil, fmt.Errorf("store decisions[%d].children[%d]: %w", j, k, err)
			}
		}
	}
	for _, t := range []struct {
		table    *table
		old, new []row
	}{
		{attendeesTable, old.attendees, img.attendees},
		{actionsTable, old.actions, img.actions},
		{informationTable, old.information, img.information},
		{familyPlanTable, old.familyPlan, img.familyPlan},
		{householdTable, old.household, img.household},
	} {
		p := alignedPlan(len(t.old), len(t.new), func(i, j int) bool { return equalRows(t.old[i], t.new[j]) })
		if err := w.apply(ctx, t.table, key, p, t.old, t.new); err != nil {
			return nil, err
		}
	}
	if err := w.saveSingle(ctx, consentsTable, key, old.consent, img.consent); err != nil {
		return nil, err
	}
	if err := w.saveSingle(ctx, discussionsTable, key, old.discussion, img.discussion); err != nil {
		return nil, err
	}
	img.report = old.report
	if err := w.putEntry(ctx, key, m, &img.report); err != nil {
		return nil, err
	}
	return img, nil
}

// A single is a table of one row per meeting at most.
type single struct {
	name, insertSQL string
	cols            []string
}

var (
	consentsTable    = single{"consents", insertConsentSQL, consentCols}
	discussionsTable = single{"discussions", insertDiscussionSQL, discussionCols}
)

// saveSingle writes the one row of t a meeting has, or removes it: new is
// nil for none.
func (w *writer) saveSingle(ctx context.Context, t single, key int64, old, new row) error {
	var err error
	switch {
	case old == nil && new == nil:
	case old == nil:
		err = w.exec(ctx, t.insertSQL, append([]any{key}, new...)...)
	case new == nil:
		err = w.exec(ctx, "DELETE FROM "+t.name+" WHERE meeting = ?", key)
	default:
		changed := changedColumns(old, new)
		if len(changed) == 0 {
			return nil
		}
		args := make([]any, 0, len(changed)+1)
		for _, i := range changed {
			args = append(args, new[i])
		}
		err = w.exec(ctx, "UPDATE "+t.name+" SET "+setList(t.cols, changed)+" WHERE meeting = ?", append(args, key)...)
	}
	if err != nil {
		return fmt.Errorf("store %s: %w", t.name, err)
	}
	return nil
}

// A plan says which stored row each new row is: src[j] is the index of the
// stored row that becomes row j (moved to position j if it is elsewhere,
// updated if its values differ), or -1 for a row to insert. The stored rows
// that no new row is, deleted, are deleted.
type plan struct {
	src     []int
	deleted []int
}

// alignedPlan matches rows by position, except that the rows after the
// first and last difference keep their match: a row added or removed in the
// middle is one insert or delete, and the rows after it move.
func alignedPlan(nOld, nNew int, equal func(i, j int) bool) plan {
	prefix := 0
	for prefix < nOld && prefix < nNew && equal(prefix, prefix) {
		prefix++
	}
	suffix := 0
	for suffix < nOld-prefix && suffix < nNew-prefix && equal(nOld-1-suffix, nNew-1-suffix) {
		suffix++
	}
	p := plan{src: make([]int, nNew)}
	midOld, midNew := nOld-prefix-suffix, nNew-prefix-suffix
	for j := range p.src {
		switch {
		case j < prefix:
			p.src[j] = j
		case j >= nNew-suffix:
			p.src[j] = j - nNew + nOld
		case j-prefix < midOld:
			p.src[j] = j // changed in place
		default:
			p.src[j] = -1
		}
	}
	for i := prefix + midNew; i < prefix+midOld; i++ {
		p.deleted = append(p.deleted, i)
	}
	return p
}

// keyedPlan matches rows by their first column.
func keyedPlan(old, new []row) plan {
	at := make(map[any]int, len(old))
	for i, r := range old {
		at[r[0]] = i
	}
	p := plan{src: make([]int, len(new))}
	for j, r := range new {
		i, ok := at[r[0]]
		if !ok {
			i = -1
		}
		delete(at, r[0]) // a second row with the same key is new (and refused by the database)
		p.src[j] = i
	}
	for _, i := range at {
		p.deleted = append(p.deleted, i)
	}
	slices.Sort(p.deleted)
	return p
}

// A move takes a row from one position to another.
type move struct{ from, to int }

// sequence orders moves so that no row is moved onto a position another
// row still holds; a cycle (rows swapping places) goes through a negative
// position, which no stored row has. occupied holds the positions taken
// when the moves start.
func sequence(moves []move, occupied map[int]bool) []move {
	var out []move
	for len(moves) > 0 {
		rest := moves[:0:0]
		for _, mv := range moves {
			if occupied[mv.to] {
				rest = append(rest, mv)
				continue
			}
			out = append(out, mv)
			delete(occupied, mv.from)
			occupied[mv.to] = true
		}
		if len(rest) == len(moves) { // a cycle: park one row aside
			mv := &rest[0]
			aside := -1 - mv.to
			out = append(out, move{mv.from, aside})
			delete(occupied, mv.from)
			occupied[aside] = true
			mv.from = aside
		}
		moves = rest
	}
	return out
}

// apply writes what p says to table t of the meeting with the key: deletes,
// moves, updates of the changed columns, inserts.
func (w *writer) apply(ctx context.Context, t *table, key int64, p plan, old, new []row) error {
	for _, i := range p.deleted {
		if err := w.exec(ctx, t.deleteSQL, key, i); err != nil {
			return fmt.Errorf("remove %s: %w", t.name, err)
		}
	}
	var moves []move
	occupied := make(map[int]bool, len(old))
	for i := range old {
		occupied[i] = true
	}
	for _, i := range p.deleted {
		delete(occupied, i)
	}
	for j, i := range p.src {
		if i >= 0 && i != j {
			moves = append(moves, move{i, j})
		}
	}
	for _, mv := range sequence(moves, occupied) {
		if err := w.exec(ctx, t.moveSQL, mv.to, key, mv.from); err != nil {
			return fmt.Errorf("move %s[%d]: %w", t.name, mv.to, err)
		}
	}
	for j, i := range p.src {
		if i < 0 {
			continue
		}
		changed := changedColumns(old[i], new[j])
		if len(changed) == 0 {
			continue
		}
		args := make([]any, 0, len(changed)+2)
		for _, c := range changed {
			args = append(args, new[j][c])
		}
		if err := w.exec(ctx, t.updateSQL(changed), append(args, key, j)...); err != nil {
			return fmt.Errorf("store %s[%d]: %w", t.name, j, err)
		}
	}
	for j, i := range p.src {
		if i >= 0 {
			continue
		}
		if err := w.exec(ctx, t.insertSQL, append([]any{key, j}, new[j]...)...); err != nil {
			return fmt.Errorf("store %s[%d]: %w", t.name, j, err)
		}
	}
	return nil
}

// writeOne stores one validated meeting.
func (w *writer) writeOne(ctx context.Context, m *meeting.Meeting, now time.Time) error {
	old, err := w.stored(ctx, m.ID)
	if err != nil {
		return err
	}
	_, err = w.save(ctx, m, old, now)
	return err
}
