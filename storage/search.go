package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"strategyminutes/meeting"
)

// searchParts are the texts the meetings list matches typed text against,
// lower-cased with Unicode rules (SQLite's own lower() knows only ASCII, so
// "HƯƠNG" would not find "Hương"): the reference, the chair, and each
// child's name and case reference.
func searchParts(m *meeting.Meeting) []string {
	parts := make([]string, 0, 2+2*len(m.Children))
	parts = append(parts, strings.ToLower(m.Reference), strings.ToLower(m.Chair))
	for _, c := range m.Children {
		parts = append(parts, strings.ToLower(c.Name), strings.ToLower(c.CaseReference))
	}
	return parts
}

// searchSeparator separates the parts in the search column. Stored text
// holds no control character (meeting.Validate), so a text looked for that
// holds none is found in the column exactly when it is in one part.
const searchSeparator = "\x1f"

// searchText is the search column: every part in one text.
func searchText(m *meeting.Meeting) string { return strings.Join(searchParts(m), searchSeparator) }

// searchedText is the text a filter looks for, lower-cased as the search
// column is.
func searchedText(f meeting.Filter) string { return strings.ToLower(strings.TrimSpace(f.Text)) }

// How a search runs. Every part of every meeting (searchParts) is an entry
// (the table search_entries) at rowid meeting rowid * searchSlots + its
// slot, indexed by trigrams (search_index: migration 5, SQLite FTS5), so
// that a save writes only the entries of the parts that changed. The index
// is case-sensitive over the lower-cased parts: it finds exactly the
// entries that hold the text, at once, for text of 3 characters or more. Shorter text cannot be looked up by trigrams, and
// is looked for in the search column of every meeting, as before the index.
// The column is checked again for every meeting the index finds, so that
// what is listed never depends on the index alone.
//
// A list of the newest matches (a page) can be made two ways: look up every
// meeting the index finds and sort them (quick when they are few), or read
// the list's index of all meetings newest first, checking the column of
// each, until the page is full (quick when matches are many, since the page
// fills early). useIndex chooses, from how many entries the index finds.

// searchSlots is how many index entries a meeting has room for: the
// reference, the chair and 511 children; the parts of any more children
// share the last entry, joined as in the search column.
const searchSlots = 1024

// searchEntries returns the index entries of a meeting's parts, by slot.
func searchEntries(parts []string) []string {
	if len(parts) <= searchSlots {
		return parts
	}
	entries := slices.Clone(parts[:searchSlots-1])
	return append(entries, strings.Join(parts[searchSlots-1:], searchSeparator))
}

// indexable reports whether the trigram index can find text: 3 characters
// or more, and no control characters (which no part holds).
func indexable(text string) bool {
	if utf8.RuneCountInString(text) < 3 {
		return false
	}
	return strings.IndexFunc(text, unicode.IsControl) < 0
}

// matchPhrase writes text as an FTS5 string: a phrase of its trigrams, with
// nothing in it taken as query syntax.
func matchPhrase(text string) string {
	return `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
}

// searchMeetingsSQL selects the rowids of the meetings with an entry
// holding the text ?.
var searchMeetingsSQL = fmt.Sprintf("SELECT rowid / %d FROM search_index WHERE search_index MATCH ?", searchSlots)

// meetingsTotal returns about how many meetings there are: the largest
// rowid, which costs nothing to read.
func (db *DB) meetingsTotal(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM meetings`).Scan(&n)
	return n, err
}

// candidates returns how many entries the index finds for text (at least
// as many as the meetings that hold it), counting no further than upTo.
func (db *DB) candidates(ctx context.Context, text string, upTo int) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)`,
		matchPhrase(text), upTo).Scan(&n)
	return n, err
}

// useIndex reports whether the meetings of a filter with indexable text
// are best found from the index: for a page at offset of limit (0: all),
// when the index finds few enough (indexFirstMost); for a count, when it finds
// fewer than half the meetings.
func (db *DB) useIndex(ctx context.Context, text string, offset, limit int, count bool) (bool, error) {
	total, err := db.meetingsTotal(ctx)
	if err != nil {
		return false, err
	}
	most := total / 2 // the most candidates for which the index is quicker
	if !count {
		most = indexFirstMost(total, offset, limit)
	}
	found, err := db.candidates(ctx, text, most+1)
	return found <= most, err
}

// countFound returns how many meetings hold text, from the index alone.
func (db *DB) countFound(ctx context.Context, text string) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, fmt.Sprintf("SELECT count(DISTINCT rowid / %d) FROM search_index WHERE search_index MATCH ?",
		searchSlots), matchPhrase(text)).Scan(&n)
	return n, err
}

// indexFirstMost returns the most matches among total meetings for which
// a page at offset of limit (0: all) is made quicker by looking up every
// match (found of them), at a cost of about found, than by reading the list
// until it has offset+limit matches, at a cost of about
// (offset+limit) * total / found entries of the list (each a quarter of the
// cost of a look-up and sort): found * found <= (offset+limit) * total / 4.
func indexFirstMost(total, offset, limit int) int {
	want := offset + limit
	if limit <= 0 || want > total {
		want = total
	}
	return int(math.Sqrt(float64(want) * float64(total) / 4))
}

// index notes the search entries of the meeting with the key that differ
// between its stored parts and its new ones, to be written with the others
// of the transaction (writeEntries).
func (w *writer) index(ctx context.Context, key int64, old, new []string) error {
	old, new = searchEntries(old), searchEntries(new)
	for slot := range max(len(old), len(new)) {
		var was, is string
		if slot < len(old) {
			was = old[slot]
		}
		if slot < len(new) {
			is = new[slot]
		}
		if was != is {
			w.entries[key*searchSlots+int64(slot)] = is
		}
	}
	if len(w.entries) >= entriesBatch {
		return w.writeEntries(ctx)
	}
	return nil
}

// entriesBatch is how many search entries an import gathers before writing
// them. FTS5 writes what it holds to the file at the end of every statement
// that changes it, so one statement for many entries (not one each) makes
// an import or a migration several times quicker.
const entriesBatch = 5000

// clearIndex removes every search entry of the meeting with the key.
func (w *writer) clearIndex(ctx context.Context, key int64) error {
	if err := w.writeEntries(ctx); err != nil {
		return err
	}
	err := w.exec(ctx, "DELETE FROM search_entries WHERE rowid BETWEEN ? AND ?", key*searchSlots, key*searchSlots+searchSlots-1)
	if err == nil {
		err = w.exec(ctx, "DELETE FROM search_pending WHERE rowid BETWEEN ? AND ?", key*searchSlots, key*searchSlots+searchSlots-1)
	}
	if err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// writeEntries writes the search entries the writer holds, to the index or,
// for an autosave, to search_pending.
func (w *writer) writeEntries(ctx context.Context) error {
	var err error
	if w.pend {
		err = pendEntries(ctx, w, w.entries)
	} else {
		err = writeEntries(ctx, w, w.entries)
	}
	clear(w.entries)
	return err
}

// pendEntries puts the rowids of search entries in search_pending: a rowid
// already waiting is left as it is, so that an autosave after the first
// writes nothing there (migration 10). The text each takes is its
// meeting's when the index is next brought up to date (indexPending).
func pendEntries(ctx context.Context, q execQuerier, entries map[int64]string) error {
	if len(entries) == 0 {
		return nil
	}
	b, err := json.Marshal(slices.Sorted(maps.Keys(entries)))
	if err == nil {
		_, err = q.ExecContext(ctx, `INSERT INTO search_pending (rowid, text)
			SELECT value, '' FROM json_each(?) WHERE true
			ON CONFLICT (rowid) DO NOTHING`, string(b))
	}
	if err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// pendingEntry is the text the waiting entry in slot of a meeting whose
// search column is search takes: the part in the slot, or "" (none, and
// for a meeting no longer stored: the entry is removed).
func pendingEntry(search sql.NullString, slot int) string {
	if !search.Valid {
		return ""
	}
	entries := searchEntries(strings.Split(search.String, searchSeparator))
	if slot < len(entries) {
		return entries[slot]
	}
	return ""
}

// indexPending moves the entries waiting in search_pending into the index,
// each with the text its meeting now gives it.
func indexPending(ctx context.Context, q execQuerier) error {
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT p.rowid, m.search FROM search_pending p
		LEFT JOIN meetings m ON m.rowid = p.rowid / %d`, searchSlots))
	if err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	entries := map[int64]string{}
	for rows.Next() {
		var rowid int64
		var search sql.NullString
		if err := rows.Scan(&rowid, &search); err != nil {
			rows.Close()
			return fmt.Errorf("update the search index: %w", err)
		}
		entries[rowid] = pendingEntry(search, int(rowid%searchSlots))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if err := writeEntries(ctx, q, entries); err != nil {
		return err
	}
	// The list's copy of the search column catches up too (migration 15).
	if _, err := q.ExecContext(ctx, fmt.Sprintf(`UPDATE meetings SET list_search = search
		WHERE rowid IN (SELECT DISTINCT rowid / %d FROM search_pending) AND list_search IS NOT search`, searchSlots)); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM search_pending`); err != nil {
		return fmt.Errorf("update the search index: %w", err)
	}
	return nil
}

// searchReady puts the entries autosaves left waiting into the index, so
// that a search finds what was typed; it costs one read when none wait.
func (db *DB) searchReady(ctx context.Context) error {
	var waiting bool
	if err := db.sql.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_pending)`).Scan(&waiting); err != nil || !waiting {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return indexPending(ctx, tx) })
}

// searchReadyFor is searchReady for a filter with text (of any length: the
// list's copy of the search column waits too); without text it does nothing.
func (db *DB) searchReadyFor(ctx context.Context, f meeting.Filter) error {
	if searchedText(f) == "" {
		return nil
	}
	return db.searchReady(ctx)
}

// writeEntries writes search entries (by rowid: the text, or "" to remove
// the entry) with two statements, whose triggers keep the index in step.
func writeEntries(ctx context.Context, q execQuerier, entries map[int64]string) error {
	if len(entries) == 0 {
		return nil
	}
	var removed []int64
	var kept [][2]any
	for _, rowid := range slices.Sorted(maps.Keys(entries)) {
		if text := entries[rowid]; text == "" {
			removed = append(removed, rowid)
		} else {
			kept = append(kept, [2]any{rowid, text})
		}
	}
	if len(removed) > 0 {
		list, err := json.Marshal(removed)
		if err == nil {
			_, err = q.ExecContext(ctx, `DELETE FROM search_entries WHERE rowid IN (SELECT value FROM json_each(?))`, string(list))
		}
		if err != nil {
			return fmt.Errorf("update the search index: %w", err)
		}
	}
	if len(kept) > 0 {
		list, err := json.Marshal(kept)
		if err == nil {
			// WHERE true: SQLite's rule for an upsert from a SELECT.
			_, err = q.ExecContext(ctx, `INSERT INTO search_entries (rowid, text)
				SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
				ON CONFLICT (rowid) DO UPDATE SET text = excluded.text WHERE text <> excluded.text`, string(list))
		}
		if err != nil {
			return fmt.Errorf("update the search index: %w", err)
		}
	}
	return nil
}

// fillSearchIndex writes the search entries of every stored meeting, then
// merges the index into one segment (quickest to search and to change).
func fillSearchIndex(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.rowid, m.reference, m.chair, c.name, c.case_reference
		FROM meetings m LEFT JOIN children c ON c.meeting = m.rowid ORDER BY m.rowid, c.position`)
	if err != nil {
		return fmt.Errorf("fill search index: %w", err)
	}
	defer rows.Close()
	entries := map[int64]string{}
	var key int64 = -1
	var parts []string
	// add notes the entries of the meeting read so far, writing them when
	// there are enough, or at the end.
	add := func(last bool) error {
		for slot, text := range searchEntries(parts) {
			if text != "" {
				entries[key*searchSlots+int64(slot)] = text
			}
		}
		if len(entries) < entriesBatch && !last {
			return nil
		}
		err := writeEntries(ctx, tx, entries)
		clear(entries)
		return err
	}
	for rows.Next() {
		var k int64
		var reference, chair string
		var name, caseReference sql.NullString
		if err := rows.Scan(&k, &reference, &chair, &name, &caseReference); err != nil {
			return fmt.Errorf("fill search index: %w", err)
		}
		if k != key {
			if err := add(false); err != nil {
				return fmt.Errorf("fill search index: %w", err)
			}
			key, parts = k, []string{strings.ToLower(reference), strings.ToLower(chair)}
		}
		if name.Valid {
			parts = append(parts, strings.ToLower(name.String), strings.ToLower(caseReference.String))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fill search index: %w", err)
	}
	if err := add(true); err != nil {
		return fmt.Errorf("fill search index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO search_index (search_index) VALUES ('optimize')"); err != nil {
		return fmt.Errorf("fill search index: %w", err)
	}
	return nil
}

// afterMigration holds the steps that need Go after a migration's SQL, by
// schema version, run in the same transaction.
var afterMigration = map[int]func(ctx context.Context, tx *sql.Tx) error{
	4: fillSearch,
	5: fillSearchIndex,
}

// afterMigrations holds the steps that read whole meetings, by the schema
// version that needs them: they run once every migration's SQL has, in the
// same transaction, because they read every column of today's schema.
var afterMigrations = map[int]func(ctx context.Context, tx *sql.Tx) error{
	7:  sealExisting,
	16: fillReportEntries,
}

// fillSearch computes the search column of every stored meeting, reading
// only the columns it needs, so that it is quick at any size.
func fillSearch(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.reference, m.chair,
			(SELECT group_concat(c.name || char(31) || c.case_reference, char(31))
			 FROM (SELECT name, case_reference FROM children c WHERE c.meeting = m.rowid ORDER BY position) c)
		FROM meetings m`)
	if err != nil {
		return fmt.Errorf("fill search: %w", err)
	}
	type row struct{ id, text string }
	var all []row
	for rows.Next() {
		var id, reference, chair string
		var children sql.NullString
		if err := rows.Scan(&id, &reference, &chair, &children); err != nil {
			rows.Close()
			return fmt.Errorf("fill search: %w", err)
		}
		parts := []string{reference, chair}
		if children.Valid {
			parts = append(parts, children.String)
		}
		all = append(all, row{id, strings.ToLower(strings.Join(parts, "\x1f"))})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fill search: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE meetings SET search = ? WHERE id = ?`)
	if err != nil {
		return fmt.Errorf("fill search: %w", err)
	}
	defer stmt.Close()
	for _, r := range all {
		if _, err := stmt.ExecContext(ctx, r.text, r.id); err != nil {
			return fmt.Errorf("fill search: %w", err)
		}
	}
	return nil
}
