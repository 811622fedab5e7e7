package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// examplePath is version 1's example (two meetings); fullExamplePath is
// version 2's, the same two and a meeting with every field of version 2.
const (
	examplePath     = "../meeting/testdata/example-v1.json"
	fullExamplePath = "../meeting/testdata/example.json"
)

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func exampleMeetings(t testing.TB) []*meeting.Meeting {
	t.Helper()
	var ms []*meeting.Meeting
	err := meeting.EachInFiles([]string{examplePath}, func(m *meeting.Meeting) error {
		ms = append(ms, m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func importPaths(t testing.TB, db *DB, paths ...string) ImportResult {
	t.Helper()
	if _, err := meeting.CheckFiles(paths...); err != nil {
		t.Fatal(err)
	}
	res, err := db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		return meeting.EachInFiles(paths, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestNewDatabaseIsOwnerOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new folder")
	path := filepath.Join(dir, "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SaveMeeting(context.Background(), exampleMeetings(t)[0]); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if err != nil {
			continue // WAL files come and go
		}
		if perm := info.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has mode %v, want owner-only", filepath.Base(p), perm)
		}
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("folder mode %v, %v", info.Mode().Perm(), err)
	}
}

// Every pooled connection must get the pragmas, not only the first.
func TestPragmasOnEveryConnection(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	var conns []*sql.Conn
	for range 4 {
		c, err := db.sql.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var fk, sync int
		var mode string
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
		if fk != 1 || mode != "wal" || sync != 2 {
			t.Errorf("connection %d: foreign_keys=%d journal_mode=%s synchronous=%d", i, fk, mode, sync)
		}
		c.Close()
	}
}

func TestSaveAndLoadRoundTrip(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	for _, m := range exampleMeetings(t) {
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		got, err := db.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !meeting.Equal(got, m) {
			t.Errorf("meeting %s changed on the way through the database:\n got %+v\nwant %+v", m.ID, got, m)
		}
	}
	if _, err := db.Meeting(ctx, "nope"); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("missing meeting: %v", err)
	}
}

func TestSaveReplacesRows(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[0]
	m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0 // a draft: signed-off minutes change only by amendment
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	m.Attendees = m.Attendees[:2]
	m.Actions = nil
	m.Consent = nil
	m.Decisions = m.Decisions[1:]
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, err := db.Meeting(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !meeting.Equal(got, m) || len(got.Attendees) != 2 || got.Consent != nil {
		t.Errorf("saved again: got %+v", got)
	}
	if n, _ := db.Count(ctx, meeting.Filter{}); n != 1 {
		t.Errorf("%d meetings stored, want 1", n)
	}
}

func TestSaveRefusesInvalidAndKeepsStored(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[0]
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	bad := *m
	bad.Attendees = append([]meeting.Attendee{}, m.Attendees...)
	bad.Attendees[2].Agency = "polise"
	err := db.SaveMeeting(ctx, &bad)
	var ps meeting.Problems
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), `attendees[2].agency: unknown agency (did you mean "police"?)`) {
		t.Fatalf("got %v", err)
	}
	got, _ := db.Meeting(ctx, m.ID)
	if !meeting.Equal(got, m) {
		t.Error("a refused save changed the stored meeting")
	}
}

// fileBytes reads a file, failing the test if it cannot.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRefusedFilesAreUnchanged(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	db, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	db.SaveMeeting(context.Background(), exampleMeetings(t)[0])
	if _, err := db.sql.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	foreign := filepath.Join(dir, "foreign.sqlite")
	raw, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("Strategy meeting notes, not a database\n"), 0o600)
	truncated := filepath.Join(dir, "truncated.db")
	os.WriteFile(truncated, []byte("SQLite format 3\x00\x10\x00"), 0o600)

	tests := []struct {
		path string
		want error
		msg  string
	}{
		{newer, ErrNewerDatabase, "version 99"},
		{foreign, ErrNotDatabase, "another program"},
		{text, ErrNotDatabase, "not an SQLite database"},
		{truncated, ErrNotDatabase, "not an SQLite database"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			before := fileBytes(t, tt.path)
			db, err := Open(tt.path)
			if err == nil {
				db.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q; want %v mentioning %q and the path", err, tt.want, tt.msg)
			}
			if !bytes.Equal(before, fileBytes(t, tt.path)) {
				t.Error("the refused file was changed")
			}
			for _, suffix := range []string{"-wal", "-journal"} {
				if _, err := os.Stat(tt.path + suffix); err == nil {
					t.Errorf("a %s file was created beside the refused file", suffix)
				}
			}
		})
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("folder: %v", err)
	}
}

func TestEmptyFileBecomesDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(path, nil, 0o600)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	db.sql.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("user_version %d, want %d", v, SchemaVersion())
	}
}

func TestReopenKeepsData(t *testing.T) {
	// Characters that mean something in a SQLite URI must not cut the path.
	path := filepath.Join(t.TempDir(), "Ünïcødé ? # % folder", "minutes 2025.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := exampleMeetings(t)[0]
	if err := db.SaveMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the path asked for: %v", err)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Meeting(context.Background(), m.ID)
	if err != nil || !meeting.Equal(got, m) {
		t.Errorf("after reopening: %v", err)
	}
}

func TestImportAddsUpdatesAndReportsConflicts(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	res := importPaths(t, db, examplePath)
	if res.Added != 2 || res.Updated != 0 {
		t.Errorf("first import: %+v", res)
	}
	res = importPaths(t, db, examplePath)
	if res.Added != 0 || res.Unchanged != 2 {
		t.Errorf("same file again: %+v", res)
	}

	// A changed copy: the signed-off meeting conflicts, the draft updates.
	changed := bytes.ReplaceAll(fileBytes(t, examplePath), []byte("Kwame Mensah"), []byte("Kwame Mensah-Boateng"))
	changed = bytes.Replace(changed, []byte("Tom Ellis"), []byte("Tom Ellison"), 1)
	path := filepath.Join(t.TempDir(), "changed.json")
	os.WriteFile(path, changed, 0o600)
	res = importPaths(t, db, path)
	if res.Updated != 1 || len(res.Conflicts) != 1 || res.Conflicts[0] != "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13" {
		t.Errorf("changed file: %+v", res)
	}
	signed, _ := db.Meeting(ctx, "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13")
	if signed.MinuteTaker != "Tom Ellis" {
		t.Error("a signed-off meeting was replaced")
	}
	draft, _ := db.Meeting(ctx, "legacy-2019-0042")
	if draft.Chair != "Kwame Mensah-Boateng" {
		t.Error("the draft was not updated")
	}
	if n, _ := db.Count(ctx, meeting.Filter{}); n != 2 {
		t.Errorf("%d meetings, want 2 (no duplicates)", n)
	}
}

// An error part-way through an import leaves none of its meetings.
func TestImportIsAllOrNothing(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	ms := exampleMeetings(t)
	_, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
		if err := fn(ms[0]); err != nil {
			return err
		}
		return errors.New("disk on fire")
	})
	if err == nil {
		t.Fatal("import succeeded")
	}
	if n, _ := db.Count(ctx, meeting.Filter{}); n != 0 {
		t.Errorf("%d meetings stored after a failed import", n)
	}
}

func TestExportImportExportIsIdentical(t *testing.T) {
	ctx := context.Background()
	first := openTemp(t)
	importPaths(t, first, examplePath)
	var a bytes.Buffer
	if _, err := first.Export(ctx, &a, meeting.Filter{}); err != nil {
		t.Fatal(err)
	}
	// The example is oldest first already, so the export is the example itself.
	if !bytes.Equal(a.Bytes(), exampleSorted(t)) {
		t.Errorf("export differs from the example:\n%s", a.String())
	}
	path := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(path, a.Bytes(), 0o600)
	second := openTemp(t)
	importPaths(t, second, path)
	var b bytes.Buffer
	second.Export(ctx, &b, meeting.Filter{})
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("export, import, export gave different bytes")
	}
}

// exampleSorted is the example file with its meetings oldest first, as an
// export writes them.
func exampleSorted(t *testing.T) []byte {
	ms := exampleMeetings(t)
	var buf bytes.Buffer
	enc := meeting.NewEncoder(&buf)
	enc.Encode(ms[1]) // 2019
	enc.Encode(ms[0]) // 2025
	enc.Close()
	return buf.Bytes()
}

// Periods are UK local calendar dates: 23:30 UTC on 31 March in summer time
// is 1 April in the UK.
func TestFilterUsesUKLocalDates(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	base := exampleMeetings(t)[1]
	at := func(id, ts string) {
		m := *base
		m.ID = id
		m.HeldAt, _ = time.Parse(time.RFC3339, ts)
		if err := db.SaveMeeting(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	at("march", "2025-03-31T22:30:00Z")       // 23:30 BST, 31 March
	at("april", "2025-03-31T23:30:00Z")       // 00:30 BST, 1 April
	at("winter", "2025-01-31T23:30:00Z")      // 23:30 GMT, 31 January
	at("offset", "2025-04-01T01:30:00+02:00") // 00:30 BST, 1 April
	tests := []struct {
		from, to string
		want     int
	}{
		{"2025-04-01", "2025-04-30", 2},
		{"2025-03-31", "2025-03-31", 1},
		{"2025-01-31", "2025-01-31", 1},
		{"", "2025-03-31", 2},
		{"2025-02-01", "", 3},
	}
	for _, tt := range tests {
		from, _ := meeting.ParseDate(tt.from)
		to, _ := meeting.ParseDate(tt.to)
		n, err := db.Count(ctx, meeting.Filter{From: from, To: to})
		if err != nil || n != tt.want {
			t.Errorf("%s..%s: %d meetings (%v), want %d", tt.from, tt.to, n, err, tt.want)
		}
		ms, _ := db.Meetings(ctx, meeting.Filter{From: from, To: to})
		if len(ms) != tt.want {
			t.Errorf("%s..%s: Meetings gave %d", tt.from, tt.to, len(ms))
		}
	}
}

func TestSummariesAndSearch(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	importPaths(t, db, examplePath)
	list, err := db.Summaries(ctx, meeting.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13" {
		t.Fatalf("not newest first: %+v", list)
	}
	first := list[0]
	if !first.SignedOff || strings.Join(first.Children, "|") != "Amelia Kowalczyk|Jakub Kowalczyk" ||
		len(first.MissingStatutory) != 1 || first.MissingStatutory[0] != meeting.AgencyHealth {
		t.Errorf("summary %+v", first)
	}
	tests := []struct {
		text string
		want int
	}{
		{"amelia", 1},   // child name, any case
		{"CS204818", 1}, // case reference
		{"SM-2025", 1},  // meeting reference
		{"mensah", 1},   // chair
		{"Hương", 1},    // non-ASCII child name
		{"%", 0},        // LIKE wildcards are literal
		{"_", 0},
		{"nobody", 0},
	}
	for _, tt := range tests {
		n, err := db.Count(ctx, meeting.Filter{Text: tt.text})
		list, err2 := db.Summaries(ctx, meeting.Filter{Text: tt.text})
		if err != nil || err2 != nil || n != tt.want || len(list) != tt.want {
			t.Errorf("search %q: count %d, list %d (%v %v), want %d", tt.text, n, len(list), err, err2, tt.want)
		}
	}
	page, _ := db.Summaries(ctx, meeting.Filter{Limit: 1, Offset: 1})
	if len(page) != 1 || page[0].ID != "legacy-2019-0042" {
		t.Errorf("second page: %+v", page)
	}
}

// Readers and a writer at once: WAL lets them work without "database is locked".
func TestConcurrentReadersAndWriter(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[0]
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				if i == 0 {
					c := *m
					c.ID = m.ID + string(rune('a'+j))
					errs <- db.SaveMeeting(ctx, &c)
					continue
				}
				_, err := db.Summaries(ctx, meeting.Filter{Limit: 10})
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestSampleDataNeverMixesWithReal(t *testing.T) {
	ctx := context.Background()
	ms := exampleMeetings(t)
	each := func(fn func(*meeting.Meeting) error) error { return fn(ms[1]) }

	real := openTemp(t)
	importPaths(t, real, examplePath)
	if _, err := real.ImportSample(ctx, each); !errors.Is(err, ErrRealRecords) {
		t.Errorf("sample into a real database: %v", err)
	}

	sample := openTemp(t)
	for range 2 { // a sample database takes more sample meetings
		if _, err := sample.ImportSample(ctx, each); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := sample.IsSample(ctx); !ok || err != nil {
		t.Errorf("IsSample = %v, %v", ok, err)
	}
	if ok, _ := real.IsSample(ctx); ok {
		t.Error("a real database is marked sample")
	}
	// A real database whose meetings were all deleted is still real.
	for _, m := range ms {
		if _, err := real.DeleteMeeting(ctx, m.ID, meeting.Deletion{Ground: meeting.GroundMistake, Reason: "recorded against the wrong referral"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := real.ImportSample(ctx, each); !errors.Is(err, ErrRealRecords) {
		t.Errorf("sample into a real database emptied by deletion: %v", err)
	}
}

func TestPeopleAndStatusFilter(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	importPaths(t, db, examplePath)
	people, err := db.People(ctx, "yılmaz", 5)
	if err != nil || len(people) != 1 || people[0].Agency != meeting.AgencyPolice || people[0].Role == "" {
		t.Errorf("People = %+v, %v", people, err)
	}
	if people, _ := db.People(ctx, "%", 5); len(people) != 0 {
		t.Errorf("wildcard matched %+v", people)
	}
	for status, want := range map[meeting.Status]string{meeting.StatusDraft: "legacy-2019-0042", meeting.StatusSignedOff: "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"} {
		list, err := db.Summaries(ctx, meeting.Filter{Status: status})
		if err != nil || len(list) != 1 || list[0].ID != want {
			t.Errorf("status %s: %+v %v", status, list, err)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	m := exampleMeetings(t)[0]
	c := m.Clone()
	c.Attendees[0].Name = "changed"
	c.Decisions[1].Children[0] = "c2"
	c.Consent.Reason = "changed"
	if m.Attendees[0].Name == "changed" || m.Decisions[1].Children[0] != "c1" || m.Consent.Reason == "changed" {
		t.Error("Clone shares memory with the original")
	}
	if !meeting.Equal(m, m.Clone()) {
		t.Error("Clone differs")
	}
}

// Migration 4 fills the search column of meetings stored before it, exactly
// as a save would.
func TestSearchMigrationFillsExistingMeetings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	importPaths(t, db, examplePath)
	want := map[string]string{}
	for _, m := range exampleMeetings(t) {
		want[m.ID] = searchText(m)
	}
	// Go back to before migration 4, as a database of the previous version.
	if _, err := db.sql.Exec(dropSearchIndex + `DROP INDEX meetings_list; ALTER TABLE meetings DROP COLUMN search;
		CREATE INDEX meetings_held ON meetings (held_unix DESC, id); CREATE INDEX meetings_held_on ON meetings (held_on);
		PRAGMA user_version = 3`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, text := range want {
		var got string
		db.sql.QueryRow(`SELECT search FROM meetings WHERE id = ?`, id).Scan(&got)
		if got != text {
			t.Errorf("%s: search %q, want %q", id, got, text)
		}
	}
	if n, _ := db.Count(context.Background(), meeting.Filter{Text: "HƯƠNG"}); n != 1 {
		t.Errorf("search across case in Vietnamese found %d", n)
	}
}

// dropSync takes a database back to before migration 17.
const dropSync = `DROP TABLE sync_conflicts; DROP TABLE sync_versions; DROP TABLE sync_state; PRAGMA user_version = 16;`

// dropReportEntries takes a database back to before migration 16.
const dropReportEntries = dropSync + `DROP TABLE report_entries; DROP TABLE case_keys; PRAGMA user_version = 15;`

// dropListSearch takes a database back to before migration 15.
const dropListSearch = dropReportEntries + `DROP INDEX meetings_list; ALTER TABLE meetings DROP COLUMN list_search;
	CREATE INDEX meetings_list ON meetings (held_unix DESC, id, search); PRAGMA user_version = 14;`

// dropFollowUps takes a database back to before migration 10 (which only
// changed search_pending's rows) to 14.
const dropFollowUps = dropListSearch + `DROP INDEX actions_carried_from; ALTER TABLE actions DROP COLUMN dropped_reason; DROP INDEX actions_open; DROP TABLE follow_ups; ALTER TABLE actions DROP COLUMN action_id; ALTER TABLE actions DROP COLUMN carried_from;
	ALTER TABLE meetings DROP COLUMN previous_meeting_id; PRAGMA user_version = 9;`

// dropChildHistory takes a database back to before migration 9.
const dropChildHistory = dropFollowUps + `DROP INDEX children_case_key; DROP INDEX children_birth; PRAGMA user_version = 8;`

// dropDiscussion takes a database back to before migration 8.
const dropDiscussion = dropChildHistory + `DROP TABLE information; DROP TABLE family_plan; DROP TABLE household; DROP TABLE discussions;
	ALTER TABLE children DROP COLUMN views; ALTER TABLE meetings DROP COLUMN sign_off_rules; PRAGMA user_version = 7;`

// dropSeals takes a database back to before migration 7.
const dropSeals = dropDiscussion + `ALTER TABLE meetings DROP COLUMN checksum; ALTER TABLE audit DROP COLUMN content;
	ALTER TABLE audit DROP COLUMN seal; PRAGMA user_version = 6;`

// dropSearchIndex takes a database back to before migration 5.
const dropSearchIndex = dropSeals + `DROP TRIGGER meetings_search_pending_delete; DROP TABLE search_pending;
	DROP TRIGGER meetings_search_delete; DROP TRIGGER search_entries_insert;
	DROP TRIGGER search_entries_delete; DROP TRIGGER search_entries_update; DROP TABLE search_index;
	DROP TABLE search_entries; PRAGMA user_version = 4;`

// Migration 5 indexes the meetings stored before it.
func TestSearchIndexMigrationIndexesExistingMeetings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minutes.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	importPaths(t, db, examplePath)
	if _, err := db.sql.Exec(dropSearchIndex); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for text, want := range map[string]int{"amelia": 1, "HƯƠNG": 1, "kowalczyk": 1, "sm-2025": 1, "nobody": 0} {
		if found, err := db.countFound(context.Background(), searchedText(meeting.Filter{Text: text})); err != nil || found != want {
			t.Errorf("index finds %d for %q (%v), want %d", found, text, err, want)
		}
	}
	checkSearchIndex(t, db, "migration 5")
	var v int
	db.sql.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Errorf("user_version %d", v)
	}
}
