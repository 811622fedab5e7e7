package storage

// Tamper evidence. Three things make a change made outside the app show:
//
//   - every meeting's rows have a checksum, written with each save, so a
//     flipped byte or an edit with the sqlite3 shell is found by check;
//   - the audit log is a hash chain: each entry's seal is SHA-256 over the
//     previous entry's seal and the entry itself, so an entry edited,
//     removed or put out of order breaks every seal after it;
//   - each event that makes a signed-off version (sign-off, amendment,
//     import of signed-off minutes) carries the SHA-256 of the minutes and
//     their amendments as they then stood (the content), over the
//     interchange encoding: the signed-off minutes must match the content
//     of their latest such event.
//
// What it cannot catch alone: someone who rewrites the whole chain from the
// changed entry on, with this code, leaves a consistent database. Such a
// rewrite is found against a seal kept elsewhere: the one printed on every
// PDF of signed-off minutes (verify), a backup, or the partnership server.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// EventSeal is the audit event that seals minutes signed off before the
// database had seals (added by migration 7).
const EventSeal = "seal"

// checksum is the SHA-256 of the rows, each value tagged with its type and
// length, so that no two different sets of rows give the same bytes.
func (img *image) checksum() string {
	h := sha256.New()
	var n [8]byte
	num := func(v int64) {
		binary.BigEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	put := func(tag byte, r row) {
		h.Write([]byte{tag})
		num(int64(len(r)))
		for _, v := range r {
			switch v := v.(type) {
			case int64:
				h.Write([]byte{'i'})
				num(v)
			case string:
				h.Write([]byte{'s'})
				num(int64(len(v)))
				h.Write([]byte(v))
			default:
				h.Write([]byte{'?'})
			}
		}
	}
	put('M', sealed(img.meeting, meetingSealed))
	for _, list := range []struct {
		tag   byte
		table *table
	}{{'C', childrenTable}, {'A', attendeesTable}, {'D', decisionsTable}, {'T', actionsTable}} {
		rows := *list.table.list(img)
		num(int64(len(rows)))
		for _, r := range rows {
			put(list.tag, sealed(r, list.table.sealed))
		}
	}
	if img.consent != nil {
		put('S', img.consent)
	} else {
		h.Write([]byte{'-'})
	}
	for _, ids := range img.decisionChildren {
		r := make(row, len(ids))
		for i, id := range ids {
			r[i] = id
		}
		put('K', r)
	}
	// The tables of schema version 8, only when the meeting has rows in
	// them: a meeting stored before keeps its checksum.
	for _, list := range []struct {
		tag  byte
		rows []row
	}{{'I', img.information}, {'F', img.familyPlan}, {'H', img.household}} {
		if len(list.rows) > 0 {
			h.Write([]byte{list.tag})
			num(int64(len(list.rows)))
			for _, r := range list.rows {
				put(list.tag, r)
			}
		}
	}
	if img.discussion != nil {
		put('W', img.discussion)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sealed returns the columns of r the checksum covers: the first n, and
// those after them up to the last that holds a value (table.sealed), so
// that a row stored before a column was added keeps its checksum, however
// many are added after it. A row shorter than n (another table's) is
// covered whole.
func sealed(r row, n int) row {
	k := min(n, len(r))
	for i := len(r) - 1; i >= k; i-- {
		if r[i] != "" && r[i] != int64(0) {
			return r[:i+1]
		}
	}
	return r[:k]
}

// stateHash is the content of a signed-off meeting: SHA-256 over its
// interchange encoding and each of its amendments (when, who, why, what
// changed, and the version it replaced), in order.
func stateHash(ctx context.Context, q querier, id string) (string, error) {
	ms, err := loadMeetings(ctx, q, "WHERE m.id = ?", id)
	if err != nil {
		return "", err
	}
	if len(ms) == 0 {
		return "", meeting.ErrNotFound
	}
	return stateHashOf(ctx, q, ms[0])
}

// eachSignedOff calls fn with every signed-off meeting, loaded a batch at
// a time (as an export loads them): far quicker than one by one.
func eachSignedOff(ctx context.Context, q querier, fn func(m *meeting.Meeting) error) error {
	after := ""
	for {
		ms, err := loadMeetings(ctx, q, fmt.Sprintf("WHERE m.signed_off_at != '' AND m.id > ? ORDER BY m.id LIMIT %d", exportBatch), after)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(ms) < exportBatch {
			return nil
		}
		after = ms[len(ms)-1].ID
	}
}

// stateHashOf is stateHash of the meeting m, loaded through q.
func stateHashOf(ctx context.Context, q querier, m *meeting.Meeting) (string, error) {
	id := m.ID
	// The minutes: follow-ups are recorded without changing them.
	enc, err := meeting.MarshalMeeting(m.Minutes())
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte("strategy-minutes state 1\n"))
	h.Write(enc)
	err = eachRow(ctx, q, `SELECT a.at, a.who, a.reason, a.changes, a.previous FROM amendments a
		JOIN meetings m ON m.rowid = a.meeting WHERE m.id = ? ORDER BY a.id`, []any{id}, func(rows *sql.Rows) error {
		var at, who, reason, changes, previous string
		if err := rows.Scan(&at, &who, &reason, &changes, &previous); err != nil {
			return err
		}
		p := sha256.Sum256([]byte(previous))
		for _, s := range []string{at, who, reason, changes, hex.EncodeToString(p[:])} {
			fmt.Fprintf(h, "\x1e%d:%s", len(s), s)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// An auditEntry is one row of the audit log as the chain covers it.
type auditEntry struct {
	id                                       int64
	at, who, event, meeting, detail, content string
}

// seal is the entry's seal given the previous entry's.
func (e auditEntry) seal(previous string) string {
	h := sha256.New()
	fmt.Fprintf(h, "strategy-minutes audit 1\n%s\n%d", previous, e.id)
	for _, s := range []string{e.at, e.who, e.event, e.meeting, e.detail, e.content} {
		fmt.Fprintf(h, "\x1e%d:%s", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendAudit adds an entry to the audit log, sealed onto the last one.
func appendAudit(ctx context.Context, tx execQuerier, e auditEntry) error {
	var lastID int64
	var lastSeal string
	err := eachRow(ctx, tx, `SELECT id, seal FROM audit ORDER BY id DESC LIMIT 1`, nil, func(rows *sql.Rows) error {
		return rows.Scan(&lastID, &lastSeal)
	})
	if err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	e.id = lastID + 1
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (id, at, who, event, meeting, detail, content, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.id, e.at, e.who, e.event, e.meeting, e.detail, e.content, e.seal(lastSeal))
	if err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// recordSealed adds an event that makes a signed-off version of a meeting,
// with the meeting's content as it now stands in tx.
// recordSealedAs is recordSealed for the meeting m just written in tx, as
// it was given: the rows written are m's, so its content is hashed from m
// and its amendments, without reading every table back. An import of
// thousands of signed-off meetings spent half its time reading each one
// back; check still hashes what the tables hold, so a difference would
// show there.
func recordSealedAs(ctx context.Context, tx execQuerier, who, event string, m *meeting.Meeting, detail string, at time.Time) error {
	content, err := stateHashOf(ctx, tx, m)
	if err != nil {
		return fmt.Errorf("seal the minutes: %w", err)
	}
	return appendAudit(ctx, tx, auditEntry{at: at.UTC().Format(time.RFC3339), who: who, event: event,
		meeting: m.ID, detail: detail, content: content})
}

func recordSealed(ctx context.Context, tx execQuerier, who, event, meetingID, detail string, at time.Time) error {
	content, err := stateHash(ctx, tx, meetingID)
	if err != nil {
		return fmt.Errorf("seal the minutes: %w", err)
	}
	return appendAudit(ctx, tx, auditEntry{at: at.UTC().Format(time.RFC3339), who: who, event: event,
		meeting: meetingID, detail: detail, content: content})
}

// sealExisting runs after migration 7: it writes every meeting's checksum,
// seals the audit log as it stands, and seals each signed-off meeting with
// an event of its own. What was there before the upgrade is trusted as it
// was; from then on, changes show.
func sealExisting(ctx context.Context, tx *sql.Tx) error {
	var signedOff []string
	err := eachRow(ctx, tx, `SELECT id FROM meetings WHERE signed_off_at != '' ORDER BY rowid`, nil, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		signedOff = append(signedOff, id)
		return nil
	})
	if err != nil {
		return err
	}
	// The checksums are read in one pass, then written: the pass holds
	// its statements open over the tables it reads.
	sums := map[int64]string{}
	err = eachImage(ctx, tx, func(img *image, _, _ string, _ bool) error {
		sums[img.key] = img.checksum()
		return nil
	})
	if err != nil {
		return err
	}
	for key, sum := range sums {
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET checksum = ? WHERE rowid = ?`, sum, key); err != nil {
			return err
		}
	}
	var entries []auditEntry
	err = eachRow(ctx, tx, `SELECT id, at, who, event, meeting, detail FROM audit ORDER BY id`, nil, func(rows *sql.Rows) error {
		var e auditEntry
		if err := rows.Scan(&e.id, &e.at, &e.who, &e.event, &e.meeting, &e.detail); err != nil {
			return err
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return err
	}
	previous := ""
	for _, e := range entries {
		s := e.seal(previous)
		if _, err := tx.ExecContext(ctx, `UPDATE audit SET seal = ? WHERE id = ?`, s, e.id); err != nil {
			return err
		}
		previous = s
	}
	// Each signed-off meeting's content, then its seal event: loading
	// holds no statement open while the log is written.
	type sealed struct{ id, content string }
	var contents []sealed
	err = eachSignedOff(ctx, tx, func(m *meeting.Meeting) error {
		content, err := stateHashOf(ctx, tx, m)
		contents = append(contents, sealed{m.ID, content})
		return err
	})
	if err != nil {
		return err
	}
	at := time.Now().UTC().Format(time.RFC3339)
	// A draft stored before the audit log existed gets an entry too: every
	// meeting must have one (a meeting put in outside the app has none).
	var unlogged []string
	err = eachRow(ctx, tx, `SELECT id FROM meetings m WHERE signed_off_at = '' AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.meeting = m.id) ORDER BY rowid`, nil, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		unlogged = append(unlogged, id)
		return err
	})
	if err != nil {
		return err
	}
	for _, id := range unlogged {
		if err := appendAudit(ctx, tx, auditEntry{at: at, who: "Strategy Minutes", event: EventSeal, meeting: id, detail: "stored before the audit log"}); err != nil {
			return err
		}
	}
	for _, c := range contents {
		err := appendAudit(ctx, tx, auditEntry{at: at, who: "Strategy Minutes", event: EventSeal, meeting: c.id, detail: "sealed when the app was updated", content: c.content})
		if err != nil {
			return err
		}
	}
	return nil
}

// A TamperProblem is one thing Verify found: a meeting or audit entry that
// does not match its checksum or seal.
type TamperProblem struct {
	Meeting string // the meeting's reference, else its id; "" for the log
	Entry   int64  // the audit entry, 0 for none
	What    string
}

func (p TamperProblem) String() string {
	switch {
	case p.Meeting != "" && p.Entry != 0:
		return fmt.Sprintf("meeting %s (audit entry %d): %s", p.Meeting, p.Entry, p.What)
	case p.Meeting != "":
		return fmt.Sprintf("meeting %s: %s", p.Meeting, p.What)
	case p.Entry != 0:
		return fmt.Sprintf("audit entry %d: %s", p.Entry, p.What)
	}
	return p.What
}

// ErrTampered is returned by Verify when the records do not match their
// checksums or seals.
var ErrTampered = errors.New("the records do not match their seals: something was changed outside the app, or the file is damaged")

// VerifyError lists what Verify found, the first first.
type VerifyError struct {
	Problems []TamperProblem
}

func (e *VerifyError) Error() string {
	var b strings.Builder
	b.WriteString(ErrTampered.Error())
	for i, p := range e.Problems {
		if i == 10 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(e.Problems)-10)
			break
		}
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

func (e *VerifyError) Unwrap() error { return ErrTampered }

// sealState is what the audit log says of one meeting: the content of its
// latest sealed event, and whether it was deleted since.
type sealState struct {
	content string
	entry   int64
	deleted bool
}

// walkChain reads the audit log in order, checking each seal, and returns
// the problems found (the first break; every later seal fails with it) and
// each meeting's latest sealed state.
//
// Without states (the check before writes), no state is kept: at a million
// meetings they would hold hundreds of megabytes.
func walkChain(ctx context.Context, q querier, states bool) ([]TamperProblem, map[string]*sealState, error) {
	var problems []TamperProblem
	latest := map[string]*sealState{}
	previous := ""
	var lastID int64
	broken := false
	err := eachRow(ctx, q, `SELECT id, at, who, event, meeting, detail, content, seal FROM audit ORDER BY id`, nil, func(rows *sql.Rows) error {
		var e auditEntry
		var seal string
		if err := rows.Scan(&e.id, &e.at, &e.who, &e.event, &e.meeting, &e.detail, &e.content, &seal); err != nil {
			return err
		}
		if !broken && e.seal(previous) != seal {
			what := "does not match its seal: the entry was edited, or entries before it were removed"
			if e.id != lastID+1 {
				what = fmt.Sprintf("does not match its seal: entries %d to %d are missing", lastID+1, e.id-1)
			}
			problems = append(problems, TamperProblem{Entry: e.id, What: what})
			broken = true
		}
		previous, lastID = seal, e.id
		if states && e.meeting != "" {
			s := latest[e.meeting]
			if s == nil {
				s = &sealState{}
				latest[e.meeting] = s
			}
			switch {
			case e.event == EventFollowUp: // never a seal of the minutes, nor a deletion
			case e.content != "":
				s.content, s.entry, s.deleted = e.content, e.id, false
			case strings.HasPrefix(e.event, meeting.EventDelete):
				s.deleted = true
			case e.event == EventCreate || e.event == EventImport || e.event == EventSync:
				s.deleted = false
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read audit log: %w", err)
	}
	return problems, latest, nil
}

// verifyAgainstBackup compares the audit log with the newest automatic
// backup made since the last restore: the backup's last entry must be in
// the log, with the same seal. Entries removed from the end of the log, or
// a chain rewritten, since that backup show; the chain alone cannot show
// them. A backup that cannot be read is left to LatestGoodBackup.
//
// An unreadable backup is a problem for check (unreadable says so), not for
// the check before writes: a damaged backup must not stop the chair.
func (db *DB) verifyAgainstBackup(ctx context.Context, q querier, unreadable bool) []TamperProblem {
	if db.copy {
		return nil // a backup being checked itself
	}
	var lastRestore string
	eachRow(ctx, q, `SELECT coalesce(max(at), '') FROM audit WHERE event = ?`, []any{EventRestore}, func(rows *sql.Rows) error {
		return rows.Scan(&lastRestore)
	})
	restoredAt, _ := time.Parse(time.RFC3339, lastRestore)
	backups, _ := DailyBackupFiles(db.path)
	for i := len(backups) - 1; i >= 0; i-- {
		info, err := os.Stat(backups[i])
		if err != nil || !info.ModTime().Truncate(time.Second).After(restoredAt) {
			return nil
		}
		id, seal, ok := lastEntry(ctx, backups[i])
		if !ok {
			if !unreadable {
				return nil
			}
			// Damaged or emptied: the log cannot be checked against it,
			// and that is said, not passed over.
			return []TamperProblem{{What: fmt.Sprintf("the newest automatic backup, %s, cannot be read, so the end of the audit log cannot be checked against it: the backup is damaged or was changed", filepath.Base(backups[i]))}}
		}
		if id == 0 {
			return nil // a backup of an empty log: nothing to compare
		}
		var here string
		err = eachRow(ctx, q, `SELECT seal FROM audit WHERE id = ?`, []any{id}, func(rows *sql.Rows) error { return rows.Scan(&here) })
		if err == nil && here != seal {
			return []TamperProblem{{Entry: id, What: fmt.Sprintf("the audit log does not hold this entry as the backup %s does: entries were removed from the log, or it was rewritten, since that backup", filepath.Base(backups[i]))}}
		}
		return nil
	}
	return nil
}

// lastEntry reads the last audit entry of the database at path, without
// writing to it: ok is false for a file that cannot be read as one of the
// app's databases; id is 0 for an audit log with no entries.
func lastEntry(ctx context.Context, path string) (id int64, seal string, ok bool) {
	ro, err := sql.Open("sqlite3", "file:"+uriPath(path)+"?mode=ro&immutable=1")
	if err != nil {
		return 0, "", false
	}
	defer ro.Close()
	err = ro.QueryRowContext(ctx, `SELECT id, seal FROM audit ORDER BY id DESC LIMIT 1`).Scan(&id, &seal)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, "", true
	case err != nil || seal == "":
		return 0, "", false
	}
	return id, seal, true
}

// snapshot runs fn in one read transaction on a connection of its own,
// begun DEFERRED: it reads one snapshot and takes no write lock. (The
// driver begins every sql.Tx, read-only or not, with the connection's
// _txlock, IMMEDIATE: a check held that way would keep every other
// process's saves waiting for as long as it ran.)
func (db *DB) snapshot(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	return fn(conn)
}

// verifyRows checks the schema, the audit log's chain and every meeting's
// checksum and search entries, in one snapshot, one pass over each table:
// what every write waits for.
func (db *DB) verifyRows(ctx context.Context) error {
	return db.snapshot(ctx, func(tx *sql.Conn) error { return db.verifyIn(ctx, tx, false) })
}

// Verify is verifyRows and more: every signed-off meeting against the
// content of its latest sealed event, every meeting against the audit log
// (none missing without a recorded deletion, none without an entry), and
// the newest automatic backup readable. It returns a *VerifyError naming
// the first meeting or entry that does not match, and every other.
func (db *DB) Verify(ctx context.Context) error {
	return db.snapshot(ctx, func(tx *sql.Conn) error { return db.verifyIn(ctx, tx, true) })
}

func (db *DB) verifyIn(ctx context.Context, tx *sql.Conn, seals bool) error {
	problems, latest, err := walkChain(ctx, tx, seals)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	schema, err := verifySchema(ctx, tx)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	problems = append(schema, problems...)
	rows, err := checksumAll(ctx, tx)
	if err != nil {
		return fmt.Errorf("verify: read meetings: %w", err)
	}
	problems = append(problems, rows...)
	followUps, err := verifyFollowUps(ctx, tx)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	problems = append(problems, followUps...)
	problems = append(problems, db.verifyAgainstBackup(ctx, tx, seals)...)
	if seals {
		sealed, err := verifySeals(ctx, tx, latest)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		problems = append(problems, sealed...)
		// Not in the check before writes: it reads every meeting whole.
		entries, err := verifyReportEntries(ctx, tx)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		problems = append(problems, entries...)
	}
	if len(problems) > 0 {
		return &VerifyError{Problems: problems}
	}
	return nil
}

// verifySeals compares each meeting with what the audit log says of it
// (latest, walkChain's): signed-off minutes with the content of their
// latest sealed event; no meeting without an entry; none missing without a
// recorded deletion.
func verifySeals(ctx context.Context, tx *sql.Conn, latest map[string]*sealState) ([]TamperProblem, error) {
	contents := map[string]string{} // each signed-off meeting's, as it stands
	err := eachSignedOff(ctx, tx, func(m *meeting.Meeting) error {
		if c, err := stateHashOf(ctx, tx, m); err == nil {
			contents[m.ID] = c
		}
		return nil
	})
	if err != nil {
		// A meeting that cannot be loaded stops its batch: one by one, so
		// that it alone is named ("cannot be read").
		var ids []string
		eachRow(ctx, tx, `SELECT id FROM meetings WHERE signed_off_at != ''`, nil, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			ids = append(ids, id)
			return err
		})
		for _, id := range ids {
			if c, err := stateHash(ctx, tx, id); err == nil {
				contents[id] = c
			}
		}
	}
	var problems []TamperProblem
	present := map[string]bool{}
	err = eachRow(ctx, tx, `SELECT id, reference, signed_off_at != '' FROM meetings ORDER BY rowid`, nil, func(rows *sql.Rows) error {
		var id, name string
		var signedOff bool
		if err := rows.Scan(&id, &name, &signedOff); err != nil {
			return err
		}
		present[id] = true
		if name == "" {
			name = id
		}
		s := latest[id]
		switch {
		case s == nil:
			problems = append(problems, TamperProblem{Meeting: name, What: "it has no entry in the audit log: it was put in outside the app"})
		case signedOff && s.content == "":
			problems = append(problems, TamperProblem{Meeting: name, What: "it is signed off, but the audit log has no seal of it: it was signed off outside the app"})
		case signedOff:
			content, ok := contents[id]
			if !ok {
				problems = append(problems, TamperProblem{Meeting: name, What: "its minutes cannot be read"})
			} else if content != s.content {
				problems = append(problems, TamperProblem{Meeting: name, Entry: s.entry,
					What: "the signed-off minutes or their amendments do not match their seal: they were changed outside the app"})
			}
		case s.content != "":
			problems = append(problems, TamperProblem{Meeting: name, Entry: s.entry, What: "it was signed off (sealed) but is now a draft: the sign-off was removed outside the app"})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read meetings: %w", err)
	}
	for id, s := range latest {
		switch {
		case s.deleted || present[id]:
		case s.content != "":
			problems = append(problems, TamperProblem{Meeting: id, Entry: s.entry, What: "signed-off minutes are missing, and no deletion is recorded"})
		default:
			problems = append(problems, TamperProblem{Meeting: id, What: "the meeting is in the audit log but missing, and no deletion is recorded"})
		}
	}
	return problems, nil
}

// Seal returns the seal of a signed-off meeting's minutes as they stand:
// the seal of its latest sealed event, and that event's time.
func (db *DB) Seal(ctx context.Context, id string) (seal string, at time.Time, err error) {
	var atText string
	err = db.sql.QueryRowContext(ctx, `SELECT seal, at FROM audit WHERE meeting = ? AND content != '' ORDER BY id DESC LIMIT 1`, id).Scan(&seal, &atText)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, fmt.Errorf("meeting %q: %w", id, ErrNotSignedOff)
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read seal: %w", err)
	}
	at, _ = time.Parse(time.RFC3339, atText)
	return seal, at, nil
}

// MinutesSeal is the short seal (ShortSeal) of a signed-off meeting's
// minutes as they stand: it implements meeting.Sealer. It is given only
// when the audit log's chain is whole (Writable) and the minutes match the
// seal, so that no PDF vouches for minutes changed outside the app.
func (db *DB) MinutesSeal(ctx context.Context, id string) (string, error) {
	if err := db.Writable(ctx); err != nil {
		return "", err
	}
	var seal, content string
	tx, err := db.sql.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Close()
	if _, err := tx.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return "", err
	}
	defer tx.ExecContext(context.Background(), "ROLLBACK")
	err = tx.QueryRowContext(ctx, `SELECT seal, content FROM audit WHERE meeting = ? AND content != '' ORDER BY id DESC LIMIT 1`, id).Scan(&seal, &content)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &VerifyError{Problems: []TamperProblem{{Meeting: id, What: "it is signed off, but the audit log has no seal of it"}}}
	}
	if err != nil {
		return "", fmt.Errorf("read seal: %w", err)
	}
	if now, err := stateHash(ctx, tx, id); err != nil || now != content {
		return "", &VerifyError{Problems: []TamperProblem{{Meeting: id, What: "the signed-off minutes or their amendments do not match their seal"}}}
	}
	return ShortSeal(seal), nil
}

// sealAlphabet is Crockford's base 32: no I, L, O or U to misread.
var sealAlphabet = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// ShortSeal is the form of a seal people read out and type: its first 80
// bits as 16 characters of Crockford's base 32, in groups of four.
func ShortSeal(seal string) string {
	b, err := hex.DecodeString(seal)
	if err != nil || len(b) < 10 {
		return ""
	}
	s := sealAlphabet.EncodeToString(b[:10])
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// normalSeal reads a short seal as typed: any case, with or without the
// dashes and spaces, O for 0 and I or L for 1.
func normalSeal(s string) string {
	s = strings.ToUpper(s)
	s = strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1").Replace(s)
	return s
}

// A SealMatch is what a seal was found to be.
type SealMatch struct {
	Meeting   string    // the meeting's id
	Reference string    // and reference
	At        time.Time // when the sealed version was made
	Event     string
	Current   bool // the minutes in the database are still this version
	// CurrentSeal is the seal of the minutes as they stand.
	CurrentSeal string
	// DeletedAt is when the minutes were deleted through the app (the
	// audit log records it), zero while they stand.
	DeletedAt time.Time
}

// A PDFExport is an export of a PDF the audit log records (EventExportPDF).
type PDFExport struct {
	Meeting string
	At      time.Time
	Who     string
}

// ErrNotExported is returned by FindPDFExport for a file no export made.
var ErrNotExported = errors.New("no PDF with exactly these bytes was exported from this database")

// FindPDFExport finds the export of the PDF whose bytes have the digest
// (meeting.PDFDigest), from the audit log, whose chain must be whole.
func (db *DB) FindPDFExport(ctx context.Context, digest string) (PDFExport, error) {
	if err := db.Writable(ctx); err != nil {
		return PDFExport{}, err
	}
	var e PDFExport
	var at string
	err := db.sql.QueryRowContext(ctx, `SELECT meeting, at, who FROM audit WHERE event = ? AND detail LIKE ? ORDER BY id DESC LIMIT 1`,
		EventExportPDF, "%"+meeting.PDFDigestPrefix+digest).Scan(&e.Meeting, &at, &e.Who)
	if errors.Is(err, sql.ErrNoRows) {
		return PDFExport{}, ErrNotExported
	}
	if err != nil {
		return PDFExport{}, fmt.Errorf("read audit log: %w", err)
	}
	e.At, _ = time.Parse(time.RFC3339, at)
	return e, nil
}

// ErrNoSuchSeal is returned by FindSeal for a seal no minutes here have had.
var ErrNoSuchSeal = errors.New("no minutes in this database have that seal")

// FindSeal finds the sealed version whose short seal is short, and says
// whether it is the one the database holds now. It does not verify the
// database; Verify does.
func (db *DB) FindSeal(ctx context.Context, short string) (SealMatch, error) {
	want := normalSeal(short)
	if len(want) != 16 {
		return SealMatch{}, errors.New("a seal has 16 letters and digits, as XXXX-XXXX-XXXX-XXXX")
	}
	var m SealMatch
	var at string
	found := false
	err := eachRow(ctx, db.sql, `SELECT meeting, at, event, seal FROM audit WHERE content != '' ORDER BY id`, nil, func(rows *sql.Rows) error {
		var meetingID, atText, event, seal string
		if err := rows.Scan(&meetingID, &atText, &event, &seal); err != nil {
			return err
		}
		if normalSeal(ShortSeal(seal)) == want {
			m, at, found = SealMatch{Meeting: meetingID, Event: event}, atText, true
		}
		return nil
	})
	if err != nil {
		return SealMatch{}, fmt.Errorf("find seal: %w", err)
	}
	if !found {
		return SealMatch{}, ErrNoSuchSeal
	}
	m.At, _ = time.Parse(time.RFC3339, at)
	if err := db.sql.QueryRowContext(ctx, `SELECT reference FROM meetings WHERE id = ?`, m.Meeting).Scan(&m.Reference); errors.Is(err, sql.ErrNoRows) {
		// Deleted through the app: say so, not that something was changed.
		var deletedAt string
		err := db.sql.QueryRowContext(ctx, `SELECT at FROM audit WHERE meeting = ? AND event LIKE 'delete%' ORDER BY id DESC LIMIT 1`, m.Meeting).Scan(&deletedAt)
		if err == nil {
			m.DeletedAt, _ = time.Parse(time.RFC3339, deletedAt)
			return m, nil
		}
	}
	// The minutes as they stand must match their seal, in a database
	// whose chain is whole: MinutesSeal checks both.
	current, err := db.MinutesSeal(ctx, m.Meeting)
	if err != nil {
		return m, err
	}
	m.CurrentSeal = current
	m.Current = normalSeal(current) == want
	return m, nil
}
