package storage

// The laptop's half of sync with the partnership server (meeting.Sync,
// docs/server.md; migration 17). The database stays where the chair
// types: a sync takes in what the server has that this laptop lacks, and
// pushes what changed here, each step its own transaction, so that a sync
// stopped anywhere (the laptop killed, the network gone) loses nothing and
// a rerun converges.
//
// A meeting's copy here is at a revision (sync_state): pulled from it,
// or pushed as it. The copy has changed since when its token (the rows'
// checksum and its latest follow-up) differs from the token then. A pulled
// version made from the copy's revision moves an unchanged copy on; if the
// copy changed too, and not only by follow-ups, both are kept: the
// server's in sync_conflicts, for the chair. Follow-ups merge, as an
// import merges them.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// EventSync is the audit log's event for a meeting taken in from the
// partnership server.
const EventSync = "sync"

// The laptop's database is sync's Replica.
var _ meeting.Replica = (*DB)(nil)

// Settings of sync: the server's identity, and the last revision pulled.
const (
	settingSyncServer = "sync.server"
	settingSyncCursor = "sync.cursor"
)

// unsyncedSQL selects, of meetings m and their sync_state s, those changed
// since they last synced, or never synced.
const unsyncedSQL = `(s.token IS NULL OR s.token != ` + tokenSQL + `)`

// tokenSQL is a meeting's state as sync compares it, for the meetings row
// m: its rows' checksum (which covers the minutes and their amendments)
// and its latest follow-up.
const tokenSQL = `m.checksum || '/' || coalesce((SELECT max(f.id) FROM follow_ups f WHERE f.meeting = m.rowid), 0)`

// SyncCursor returns the last revision pulled from the server with the id:
// 0 the first time, when the database takes that server for good. A
// database that syncs with another server is refused (ErrOtherServer), and
// so is a sample database, whose invented meetings never reach a server.
func (db *DB) SyncCursor(ctx context.Context, serverID string) (int64, error) {
	if serverID == "" {
		return 0, errors.New("sync: the server gave no identity")
	}
	var cursor int64
	err := db.write(ctx, func(w *writer) error {
		sample, err := isSample(ctx, w)
		if err != nil {
			return err
		}
		if sample {
			return fmt.Errorf("%s: %w: its invented meetings are never sent to a partnership server", db.path, ErrSampleDatabase)
		}
		var have, at string
		err = eachRow(ctx, w, `SELECT key, value FROM settings WHERE key IN (?, ?)`, []any{settingSyncServer, settingSyncCursor}, func(rows *sql.Rows) error {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			if k == settingSyncServer {
				have = v
			} else {
				at = v
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read settings: %w", err)
		}
		switch {
		case have == "":
			return w.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, settingSyncServer, serverID)
		case have != serverID:
			return meeting.ErrOtherServer
		case at != "":
			if _, err := fmt.Sscan(at, &cursor); err != nil {
				return fmt.Errorf("read settings: the sync cursor is not a number")
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("sync: %w", err)
	}
	return cursor, nil
}

// HoldForEditing names the meeting open in the window's editor, "" for
// none: a version of it pulled meanwhile is kept beside it as a conflict,
// never written under the chair's typing (whose next autosave would put
// the old words back).
func (db *DB) HoldForEditing(id string) { db.editing.Store(&id) }

// ApplyPulled takes in pulled versions in one transaction, and moves the
// cursor past the last of them.
func (db *DB) ApplyPulled(ctx context.Context, vs []meeting.Version) ([]meeting.PullResult, error) {
	out := make([]meeting.PullResult, len(vs))
	who, now := db.User(), time.Now()
	held := ""
	if p := db.editing.Load(); p != nil {
		held = *p
	}
	deleted := false
	err := db.write(ctx, func(w *writer) error {
		for i, v := range vs {
			if v.Deleted {
				res, err := applyDeletion(ctx, w, v, who, now)
				if err != nil {
					return fmt.Errorf("meeting %s, deleted everywhere: %w", meeting.QuoteID(v.MeetingID), err)
				}
				out[i], deleted = res, deleted || res.Outcome == meeting.PullDeleted
				continue
			}
			res, err := applyPulled(ctx, w, v, who, now, v.MeetingID == held)
			if err != nil {
				return fmt.Errorf("meeting %s, revision %d: %w", meeting.QuoteID(v.MeetingID), v.Revision, err)
			}
			out[i] = res
		}
		if len(vs) == 0 {
			return nil
		}
		return w.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			settingSyncCursor, fmt.Sprint(vs[len(vs)-1].Revision))
	})
	if err != nil {
		return nil, fmt.Errorf("sync: %w", err)
	}
	if deleted {
		// As a deletion here: no earlier version of its pages is left in
		// the write-ahead log.
		if err := db.eraseLog(ctx); err != nil {
			return out, err
		}
	}
	return out, nil
}

// applyDeletion deletes this laptop's copy of a meeting the server's
// administrator deleted everywhere, as a deletion here would (its text
// erased from the file), recording who deleted it on the server and on
// what ground. The retention rules were the administrator's to apply.
func applyDeletion(ctx context.Context, w *writer, v meeting.Version, who string, now time.Time) (meeting.PullResult, error) {
	ms, err := loadMeetings(ctx, w, "WHERE m.id = ?", v.MeetingID)
	if err != nil || len(ms) == 0 {
		return meeting.PullResult{Outcome: meeting.PullSkipped}, err
	}
	m := ms[0]
	var key int64
	if err := scanOne(ctx, w, fmt.Sprintf(`SELECT rowid FROM meetings WHERE id = '%s'`, strings.ReplaceAll(m.ID, "'", "''")), &key); err != nil {
		return meeting.PullResult{}, err
	}
	ground := meeting.DeleteGround(v.Ground)
	detail := deletionDetail(m.Reference, meeting.Deletion{Ground: ground}) + fmt.Sprintf("; deleted everywhere on the server by %s, revision %d", v.MadeBy, v.Revision)
	if err := removeMeeting(ctx, w, key, m, who, detail, now); err != nil {
		return meeting.PullResult{}, err
	}
	return meeting.PullResult{Outcome: meeting.PullDeleted}, nil
}

// syncStateCols are a meetings row's sync_state, s, as syncState holds it.
const syncStateCols = `coalesce(s.revision, 0), coalesce(s.token, ''), coalesce(s.seal, ''), coalesce(s.amendment, 0), coalesce(s.merges, 0)`

// syncState is a meeting's row of sync_state; revision 0 for none.
type syncState struct {
	revision, amendment, merges int64
	token, seal                 string
}

// readSyncState reads the meeting's sync state and its token now.
func readSyncState(ctx context.Context, q querier, key int64) (st syncState, now string, err error) {
	err = eachRow(ctx, q, `SELECT `+syncStateCols+`, `+tokenSQL+`
		FROM meetings m LEFT JOIN sync_state s ON s.meeting = m.rowid WHERE m.rowid = ?`, []any{key}, func(rows *sql.Rows) error {
		return rows.Scan(&st.revision, &st.token, &st.seal, &st.amendment, &st.merges, &now)
	})
	return st, now, err
}

// refused is a pulled version not taken in, and why.
func refused(why string) meeting.PullResult {
	return meeting.PullResult{Outcome: meeting.PullRefused, Refused: why}
}

// applyPulled takes in one pulled version.
func applyPulled(ctx context.Context, w *writer, v meeting.Version, who string, now time.Time, held bool) (meeting.PullResult, error) {
	// A version this laptop pushed, or took in before: nothing to do (the
	// common case, once per version pushed, so asked first).
	known := false
	err := eachRow(ctx, w, `SELECT 1 FROM sync_versions s JOIN meetings m ON m.rowid = s.meeting WHERE m.id = ? AND s.revision = ?`,
		[]any{v.MeetingID, v.Revision}, func(*sql.Rows) error { known = true; return nil })
	if err != nil || known {
		return meeting.PullResult{Outcome: meeting.PullSkipped}, err
	}
	m, err := v.Read()
	if err != nil {
		return refused(err.Error()), nil
	}
	old, err := w.stored(ctx, v.MeetingID)
	if err != nil {
		return meeting.PullResult{}, err
	}
	detail := fmt.Sprintf("revision %d from the server, by %s", v.Revision, v.MadeBy)
	if old == nil {
		// Deleted here (or its rows removed outside the app): not put
		// back by someone else's change; the audit log keeps why.
		if err := neverStored(ctx, w, m.ID); err != nil {
			return meeting.PullResult{Outcome: meeting.PullSkipped}, nil
		}
		img, err := w.save(ctx, m, nil, now)
		if err != nil {
			return meeting.PullResult{}, err
		}
		if m.SignedOff() {
			err = recordSealedAs(ctx, w, who, EventSync, m, detail, now)
		} else {
			err = record(ctx, w, who, EventSync, m.ID, detail, now)
		}
		if err == nil {
			err = recordPulledFollowUps(ctx, w, img.key, m, who, now, false)
		}
		if err == nil {
			err = settle(ctx, w, img.key, v, m)
		}
		return meeting.PullResult{Outcome: meeting.PullAdded}, err
	}
	key := old.key
	if err := w.exec(ctx, `INSERT INTO sync_versions (meeting, revision) VALUES (?, ?)`, key, v.Revision); err != nil {
		return meeting.PullResult{}, err
	}
	st, token, err := readSyncState(ctx, w, key)
	if err != nil {
		return meeting.PullResult{}, err
	}
	have, err := loadMeetings(ctx, w, "WHERE m.rowid = ?", key)
	if err != nil {
		return meeting.PullResult{}, err
	}
	here := have[0]
	// A version that settles a conflict settles it here too, however it
	// is taken in below.
	if v.Merges != 0 {
		if _, err := w.ExecContext(ctx, `DELETE FROM sync_conflicts WHERE meeting = ? AND revision IN (?, ?)`, key, v.Parent, v.Merges); err != nil {
			return meeting.PullResult{}, err
		}
	}
	// This laptop's own version (pushed, and the answer lost): the copy
	// is that revision.
	if enc, err := meeting.MarshalMeeting(here); err == nil && bytes.Equal(enc, v.Payload) {
		return meeting.PullResult{Outcome: meeting.PullSkipped}, settle(ctx, w, key, v, here)
	}
	changed := st.token != token
	if held {
		return keepConflict(ctx, w, key, v, who, now)
	}
	fromHere := v.Parent == st.revision || (v.Merges != 0 && v.Merges == st.revision)
	if !fromHere {
		// A branch this copy is not on: a version made from an earlier
		// conflict moves that conflict on; any other is a new one.
		if _, err := w.ExecContext(ctx, `DELETE FROM sync_conflicts WHERE meeting = ? AND revision IN (?, ?)`, key, v.Parent, v.Merges); err != nil {
			return meeting.PullResult{}, err
		}
		return keepConflict(ctx, w, key, v, who, now)
	}
	sameMinutes := meeting.Equal(here.Minutes(), m.Minutes())
	switch {
	case changed && !sameMinutes:
		return keepConflict(ctx, w, key, v, who, now)
	case here.SignedOff() && !sameMinutes && v.AmendmentReason == "":
		// The server refuses such a version; a laptop never takes one.
		return refused("it changes signed-off minutes without an amendment"), nil
	case here.SignedOff() && !v.SignedOff:
		return keepConflict(ctx, w, key, v, who, now)
	}
	if !sameMinutes {
		if here.SignedOff() {
			err = takeAmendment(ctx, w, here, m, v, who, now)
		} else {
			if _, err = w.save(ctx, m, old, now); err == nil {
				if m.SignedOff() {
					err = recordSealedAs(ctx, w, who, EventSync, m, detail, now)
				} else {
					err = record(ctx, w, who, EventSync, m.ID, detail, now)
				}
			}
		}
		if err != nil {
			return meeting.PullResult{}, err
		}
	}
	// Unchanged here, the copy becomes the version, follow-ups and all (an
	// action opened again, a conference's record withdrawn); changed here
	// too, the pulled ones are only added, as an import adds them.
	if err := recordPulledFollowUps(ctx, w, key, m, who, now, !changed); err != nil {
		return meeting.PullResult{}, err
	}
	if changed {
		// The copy's own changes (follow-ups) are still to push, now
		// from this revision.
		return meeting.PullResult{Outcome: meeting.PullUpdated}, w.exec(ctx, `INSERT INTO sync_state (meeting, revision, token, seal) VALUES (?, ?, '', ?)
			ON CONFLICT (meeting) DO UPDATE SET revision = excluded.revision, seal = excluded.seal`, key, v.Revision, v.Seal)
	}
	return meeting.PullResult{Outcome: meeting.PullUpdated}, settle(ctx, w, key, v, m)
}

// recordPulledFollowUps records the follow-ups that bring the stored copy
// to the pulled meeting m: every one (all: the copy becomes m's, an action
// opened again included), or only those the copy lacks, as an import adds
// them.
func recordPulledFollowUps(ctx context.Context, w *writer, key int64, m *meeting.Meeting, who string, now time.Time, all bool) error {
	have, err := loadMeetings(ctx, w, "WHERE m.rowid = ?", key)
	if err != nil {
		return err
	}
	fs := meeting.FollowUpsToImport(have[0], m)
	if all {
		fs = meeting.FollowUpsTo(have[0], m)
	}
	if len(fs) == 0 {
		return nil
	}
	_, err = recordFollowUps(ctx, w, key, have[0], fs, who, now)
	return err
}

// takeAmendment stores the pulled amendment m of the signed-off minutes
// here, as Amend stores one made here: who made it on the server, when,
// why, what changed, and the version it replaced.
func takeAmendment(ctx context.Context, w *writer, here, m *meeting.Meeting, v meeting.Version, who string, now time.Time) error {
	if !m.SignedOffAt.Equal(here.SignedOffAt) || m.SignedOffBy != here.SignedOffBy || m.SignOffRules != here.SignOffRules {
		return fmt.Errorf("the amendment changes the sign-off itself, which is never amended")
	}
	changes := meeting.Diff(here.Minutes(), m.Minutes())
	changesJSON, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	previous, err := meeting.MarshalMeeting(here.Minutes())
	if err != nil {
		return err
	}
	if err := w.writeOne(ctx, m, now); err != nil {
		return err
	}
	at := v.MadeAt
	if at.IsZero() {
		at = now
	}
	_, err = w.ExecContext(ctx, `INSERT INTO amendments (meeting, at, who, reason, changes, previous)
		SELECT rowid, ?, ?, ?, ?, ? FROM meetings WHERE id = ?`,
		at.UTC().Format(time.RFC3339), v.MadeBy, v.AmendmentReason, string(changesJSON), string(previous), m.ID)
	if err != nil {
		return fmt.Errorf("store the amendment: %w", err)
	}
	return recordSealed(ctx, w, who, EventSync, m.ID, fmt.Sprintf("amendment, revision %d from the server, by %s: %d fields", v.Revision, v.MadeBy, len(changes)), now)
}

// keepConflict keeps the pulled version beside the copy, for the chair.
func keepConflict(ctx context.Context, w *writer, key int64, v meeting.Version, who string, now time.Time) (meeting.PullResult, error) {
	err := w.exec(ctx, `INSERT INTO sync_conflicts (meeting, revision, payload, made_by, made_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, key, v.Revision, v.Payload, v.MadeBy, formatTime(v.MadeAt.UTC()))
	if err == nil {
		err = record(ctx, w, who, EventSync, v.MeetingID, fmt.Sprintf("conflict: revision %d from the server, by %s, kept beside this copy", v.Revision, v.MadeBy), now)
	}
	return meeting.PullResult{Outcome: meeting.PullConflict}, err
}

// settle records that the meeting's copy, as it now stands, is the
// version v (whose minutes are m's).
func settle(ctx context.Context, w *writer, key int64, v meeting.Version, m *meeting.Meeting) error {
	_, token, err := readSyncState(ctx, w, key)
	if err != nil {
		return err
	}
	return synced(ctx, w, key, v.Revision, token, v.Seal, 0, 0)
}

// synced records that the meeting (rowid key) is on the server as
// revision, the copy's token then being token, and as far as the
// amendment upTo (0: the latest now); merged, when not 0, is the other
// head a settlement pushed as revision merged, and is done with.
func synced(ctx context.Context, w *writer, key, revision int64, token, seal string, merged, upTo int64) error {
	if err := w.exec(ctx, `INSERT INTO sync_versions (meeting, revision) VALUES (?, ?) ON CONFLICT DO NOTHING`, key, revision); err != nil {
		return err
	}
	return w.exec(ctx, `INSERT INTO sync_state (meeting, revision, token, seal, amendment)
		VALUES (?1, ?2, ?3, ?4, CASE WHEN ?6 > 0 THEN ?6 ELSE (SELECT coalesce(max(id), 0) FROM amendments WHERE meeting = ?1) END)
		ON CONFLICT (meeting) DO UPDATE SET revision = excluded.revision, token = excluded.token, seal = excluded.seal, amendment = excluded.amendment,
			merges = CASE WHEN merges = ?5 AND ?5 != 0 THEN 0 ELSE merges END`,
		key, revision, token, seal, merged, upTo)
}

// Unsynced returns the meetings changed since they last synced, oldest
// first, each as a version made from the revision it last synced at. A
// signed-off meeting the server holds signed off goes as an amendment,
// with the reasons of the amendments made here since, or as follow-ups
// alone, its seal unchanged.
func (db *DB) Unsynced(ctx context.Context) ([]meeting.LocalVersion, error) {
	type pending struct {
		key     int64
		id, now string
		st      syncState
	}
	var ps []pending
	var out []meeting.LocalVersion
	err := db.snapshot(ctx, func(conn *sql.Conn) error {
		err := eachRow(ctx, conn, `SELECT m.rowid, m.id, `+syncStateCols+`, `+tokenSQL+`
			FROM meetings m LEFT JOIN sync_state s ON s.meeting = m.rowid
			WHERE `+unsyncedSQL+` ORDER BY m.held_unix, m.id`, nil, func(rows *sql.Rows) error {
			var p pending
			if err := rows.Scan(&p.key, &p.id, &p.st.revision, &p.st.token, &p.st.seal, &p.st.amendment, &p.st.merges, &p.now); err != nil {
				return err
			}
			ps = append(ps, p)
			return nil
		})
		if err != nil {
			return err
		}
		for start := 0; start < len(ps); start += exportBatch {
			batch := ps[start:min(start+exportBatch, len(ps))]
			keys := make([]any, len(batch))
			for i, p := range batch {
				keys[i] = p.key
			}
			ms, err := loadMeetings(ctx, conn, "WHERE m.rowid IN ("+strings.Repeat("?,", len(keys)-1)+"?)", keys...)
			if err != nil {
				return err
			}
			byID := map[string]*meeting.Meeting{}
			for _, m := range ms {
				byID[m.ID] = m
			}
			for _, p := range batch {
				lvs, err := localVersions(ctx, conn, p.key, p.id, p.st, p.now, byID[p.id])
				if err != nil {
					return err
				}
				out = append(out, lvs...)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sync: read the meetings to push: %w", err)
	}
	return out, nil
}

// localVersions makes the versions to push of the meeting m (rowid key):
// one, or, for signed-off minutes amended here more than once since they
// last synced, one for each amendment, in order (each made from the one
// before), so that every signed-off version, whose PDF may have gone to
// partners, reaches every laptop with its seal.
func localVersions(ctx context.Context, conn querier, key int64, id string, st syncState, token string, m *meeting.Meeting) ([]meeting.LocalVersion, error) {
	if m == nil {
		return nil, fmt.Errorf("meeting %s: not loaded", meeting.QuoteID(id))
	}
	lv, err := versionOf(id, st, token, m)
	if err != nil {
		return nil, err
	}
	if st.seal == "" || lv.Seal == st.seal {
		return []meeting.LocalVersion{lv}, nil
	}
	// Signed off on the server and changed here since: an amendment, for
	// each amendment recorded here since.
	type amendment struct {
		id               int64
		reason, previous string
	}
	var as []amendment
	err = eachRow(ctx, conn, `SELECT id, reason, previous FROM amendments WHERE meeting = ? AND id > ? ORDER BY id`, []any{key, st.amendment}, func(rows *sql.Rows) error {
		var a amendment
		err := rows.Scan(&a.id, &a.reason, &a.previous)
		as = append(as, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		// With no amendment recorded here, the minutes were changed some
		// other way: pushed as they are, for the server to refuse.
		return []meeting.LocalVersion{lv}, nil
	}
	var out []meeting.LocalVersion
	for i, a := range as[:len(as)-1] {
		// The minutes as amendment i left them are those the next one
		// replaced, with the follow-ups recorded since.
		mid, err := meeting.UnmarshalMeeting([]byte(as[i+1].previous))
		if err != nil {
			return nil, fmt.Errorf("meeting %s: an amendment's earlier minutes cannot be read: %w", meeting.QuoteID(id), err)
		}
		withFollowUpsOf(mid, m)
		v, err := versionOf(id, st, amendmentToken(a.id), mid)
		if err != nil {
			return nil, err
		}
		v.AmendmentReason, v.AfterPrevious = a.reason, i > 0
		if i > 0 {
			v.Merges = 0
		}
		out = append(out, v)
	}
	lv.AmendmentReason, lv.AfterPrevious = as[len(as)-1].reason, len(as) > 1
	if len(as) > 1 {
		lv.Merges = 0
	}
	return append(out, lv), nil
}

// versionOf makes the version to push of m, made from the revision it
// last synced at.
func versionOf(id string, st syncState, token string, m *meeting.Meeting) (meeting.LocalVersion, error) {
	payload, err := meeting.MarshalMeeting(m)
	if err != nil {
		return meeting.LocalVersion{}, fmt.Errorf("meeting %s: %w", meeting.QuoteID(id), err)
	}
	minutes, seal, err := meeting.SyncSeal(m)
	if err != nil {
		return meeting.LocalVersion{}, err
	}
	lv := meeting.LocalVersion{Token: token, Version: meeting.Version{
		MeetingID: id, Parent: st.revision, Merges: st.merges, SignedOff: m.SignedOff(), HeldAt: m.HeldAt, Payload: payload, Minutes: minutes, Seal: seal,
	}}
	lv.SetEntry(m)
	return lv, nil
}

// withFollowUpsOf gives earlier minutes mid the follow-ups of the meeting
// m as it is now (the actions' by their keys), so that a laptop taking
// the earlier version keeps every follow-up it holds.
func withFollowUpsOf(mid, m *meeting.Meeting) {
	mid.ICPC, mid.Distribution = m.ICPC, m.Distribution
	for i := range mid.Actions {
		if j := m.ActionByKey(mid.ActionKey(i)); j >= 0 {
			mid.Actions[i].Done = m.Actions[j].Done
		}
	}
}

// amendmentPrefix begins the token of a version that stops at an amendment
// made here (localVersions): once pushed, the meeting is on the server as
// far as that amendment, and still to sync.
const amendmentPrefix = "amendment:"

func amendmentToken(id int64) string { return fmt.Sprintf("%s%d", amendmentPrefix, id) }

// MarkPushed records, in one transaction, that each lvs[i] is on the
// server as ps[i].Revision: its meeting is synced unless it changed since
// lvs[i] was made.
func (db *DB) MarkPushed(ctx context.Context, lvs []meeting.LocalVersion, ps []meeting.Pushed) error {
	if len(lvs) == 0 {
		return nil
	}
	err := db.write(ctx, func(w *writer) error {
		for i, lv := range lvs {
			var key int64
			err := eachRow(ctx, w, `SELECT rowid FROM meetings WHERE id = ?`, []any{lv.MeetingID},
				func(rows *sql.Rows) error { return rows.Scan(&key) })
			if err != nil {
				return err
			}
			if key == 0 {
				continue // deleted here meanwhile
			}
			token, upTo := lv.Token, int64(0)
			if after, ok := strings.CutPrefix(lv.Token, amendmentPrefix); ok {
				// As far as that amendment: the later ones are still to go.
				if upTo, err = strconv.ParseInt(after, 10, 64); err != nil {
					return err
				}
				token = ""
			}
			if err := synced(ctx, w, key, ps[i].Revision, token, lv.Seal, lv.Merges, upTo); err != nil {
				return fmt.Errorf("meeting %s: %w", meeting.QuoteID(lv.MeetingID), err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sync: record what was pushed: %w", err)
	}
	return nil
}

// SyncConflicts returns the conflicts kept, by meeting then revision.
func (db *DB) SyncConflicts(ctx context.Context) ([]meeting.SyncConflict, error) {
	var out []meeting.SyncConflict
	err := eachRow(ctx, db.sql, `SELECT m.id, c.revision, c.payload, c.made_by, c.made_at FROM sync_conflicts c
		JOIN meetings m ON m.rowid = c.meeting ORDER BY m.id, c.revision`, nil, func(rows *sql.Rows) error {
		var c meeting.SyncConflict
		var payload []byte
		var at string
		if err := rows.Scan(&c.MeetingID, &c.Revision, &payload, &c.MadeBy, &at); err != nil {
			return err
		}
		theirs, err := meeting.UnmarshalMeeting(payload)
		if err != nil {
			return fmt.Errorf("meeting %s, revision %d: %w", meeting.QuoteID(c.MeetingID), c.Revision, err)
		}
		c.Theirs = theirs
		c.MadeAt, _ = parseTime("made_at", at)
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read sync conflicts: %w", err)
	}
	return out, nil
}

// Resolutions of a conflict (ResolveConflict).
const (
	KeepMine   = "mine"   // this laptop's copy stands
	TakeTheirs = "theirs" // the other version replaces this laptop's copy
)

// ResolveConflict settles a conflict kept for the meeting: this laptop's
// copy stands (KeepMine) or the other version at revision replaces it
// (TakeTheirs; the copy replaced is in the audit log's care: the audit log
// records the choice, and the server keeps both versions for good). The
// next sync pushes a version made from both, so that every laptop settles
// on it. A copy that is signed off is never replaced by a draft; a draft
// is not kept over minutes the other laptop signed off (take theirs, then
// amend them).
func (db *DB) ResolveConflict(ctx context.Context, id string, revision int64, keep string) error {
	if keep != KeepMine && keep != TakeTheirs {
		return fmt.Errorf("resolve: keep %q or %q", KeepMine, TakeTheirs)
	}
	who, now := db.User(), time.Now()
	err := db.write(ctx, func(w *writer) error {
		old, err := w.stored(ctx, id)
		if err != nil {
			return err
		}
		if old == nil {
			return meeting.ErrNotFound
		}
		var payload []byte
		err = eachRow(ctx, w, `SELECT payload FROM sync_conflicts WHERE meeting = ? AND revision = ?`, []any{old.key, revision}, func(rows *sql.Rows) error {
			return rows.Scan(&payload)
		})
		if err != nil {
			return err
		}
		if payload == nil {
			return fmt.Errorf("no conflict with revision %d is kept for it", revision)
		}
		theirs, err := meeting.UnmarshalMeeting(payload)
		if err != nil {
			return err
		}
		mine, err := loadMeetings(ctx, w, "WHERE m.rowid = ?", old.key)
		if err != nil {
			return err
		}
		here := mine[0]
		if _, err := w.ExecContext(ctx, `DELETE FROM sync_conflicts WHERE meeting = ? AND revision = ?`, old.key, revision); err != nil {
			return err
		}
		st, _, err := readSyncState(ctx, w, old.key)
		if err != nil {
			return err
		}
		switch {
		case keep == KeepMine && theirs.SignedOff() && !here.SignedOff():
			return errors.New("the other laptop signed these minutes off: take theirs, then amend them")
		case keep == TakeTheirs && here.SignedOff() && !theirs.SignedOff():
			return errors.New("these minutes are signed off here: the other laptop's draft cannot replace them")
		case keep == TakeTheirs && theirs.SignedOff():
			// Signed off on the server: the server's history after sign-off
			// is one line, so this copy simply becomes that revision.
			if err := w.writeOne(ctx, theirs, now); err != nil {
				return err
			}
			if err := recordSealedAs(ctx, w, who, EventSync, theirs, fmt.Sprintf("conflict resolved: took revision %d", revision), now); err != nil {
				return err
			}
			if err := recordPulledFollowUps(ctx, w, old.key, theirs, who, now, false); err != nil {
				return err
			}
			_, seal, err := meeting.SyncSeal(theirs)
			if err != nil {
				return err
			}
			return settle(ctx, w, old.key, meeting.Version{Revision: revision, Seal: seal}, theirs)
		case keep == TakeTheirs:
			if err := w.writeOne(ctx, theirs, now); err != nil {
				return err
			}
			if err := record(ctx, w, who, EventSync, id, fmt.Sprintf("conflict resolved: took revision %d", revision), now); err != nil {
				return err
			}
			if err := recordPulledFollowUps(ctx, w, old.key, theirs, who, now, false); err != nil {
				return err
			}
		default:
			if err := record(ctx, w, who, EventSync, id, fmt.Sprintf("conflict resolved: kept this copy over revision %d", revision), now); err != nil {
				return err
			}
		}
		// Pushed next as made from both heads: this copy's revision, and
		// the other.
		return w.exec(ctx, `INSERT INTO sync_state (meeting, revision, token, seal, merges) VALUES (?, ?, '', ?, ?)
			ON CONFLICT (meeting) DO UPDATE SET token = '', merges = excluded.merges`, old.key, st.revision, st.seal, revision)
	})
	if err != nil {
		return fmt.Errorf("resolve the conflict of meeting %s: %w", meeting.QuoteID(id), err)
	}
	return nil
}

// SyncStatus counts what waits for the next sync.
func (db *DB) SyncStatus(ctx context.Context) (meeting.SyncStatus, error) {
	var st meeting.SyncStatus
	err := db.sql.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM settings WHERE key = '`+settingSyncServer+`'),
		(SELECT count(*) FROM meetings m LEFT JOIN sync_state s ON s.meeting = m.rowid WHERE `+unsyncedSQL+`),
		(SELECT count(DISTINCT meeting) FROM sync_conflicts)`).Scan(&st.Server, &st.Waiting, &st.Conflicts)
	if err != nil {
		return st, fmt.Errorf("read the sync status: %w", err)
	}
	return st, nil
}

// settingSyncAddress is the server's address set in the window's Settings
// (never with a password: the caller checks).
const settingSyncAddress = "sync.address"

// SyncAddress returns the server's address set in Settings, "" for none.
func (db *DB) SyncAddress(ctx context.Context) (string, error) {
	var v string
	err := scanOne(ctx, db.sql, `SELECT value FROM settings WHERE key = '`+settingSyncAddress+`'`, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read settings: %w", err)
	}
	return v, nil
}

// SetSyncAddress keeps the server's address, "" for none.
func (db *DB) SetSyncAddress(ctx context.Context, address string) error {
	return db.write(ctx, func(w *writer) error {
		if address == "" {
			return w.exec(ctx, `DELETE FROM settings WHERE key = ?`, settingSyncAddress)
		}
		return w.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingSyncAddress, address)
	})
}
