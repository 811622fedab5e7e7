package storage

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// searchMeetings are demo meetings and a few with names that lower-case in
// unusual ways, as the search column holds them.
func searchMeetings(t *testing.T) []*meeting.Meeting {
	ms := append(demo.Generate(300, 7), exampleMeetings(t)...)
	names := [][]string{
		{"İbrahim Çelik", "Iğdır Yılmaz"},
		{"ŁUKASZ ŻÓŁĆ", "Małgorzata Śliwińska"},
		{"Nguyễn Thị Hương", "ĐẶNG VĂN LÂM"},
		{`Tom "Big" O'Connor`, "Straße Groß ẞ"},
		{"ΣΊΣΥΦΟΣ Παπαδόπουλος", "Đorđe 🙂 Jovanović"},
	}
	for i, pair := range names {
		m := ms[i].Clone()
		m.ID = fmt.Sprintf("unusual-%d", i)
		m.Reference = fmt.Sprintf("SM-ÜÇ-%d", i)
		for j := range m.Children {
			m.Children[j].Name = pair[j%2]
		}
		m.Chair = pair[1]
		ms = append(ms, m)
	}
	return ms
}

// searchQueries are texts to look for: pieces of the meetings' search
// columns, upper-cased or not, and texts that mean something to FTS5.
func searchQueries(r *rand.Rand, ms []*meeting.Meeting) []string {
	qs := []string{"", " ", "a", "ah", "ahm", "ahmed", "AHMED", `"`, `""`, `"x"`, `a"b`, "*", "ahm*", "sm-", "SM-2025",
		"%", "_", "%_%", "İbr", "ibr", "IBRAHIM", "yılmaz", "YILMAZ", "iğdır", "łuk", "ŁUKASZ", "żółć", "śliw",
		"hương", "HƯƠNG", "đặng", "o'c", "big", `"big"`, "straße", "groß", "STRASSE", "σίσυφος", "ΣΊΣ", "🙂",
		"a b", "AND", "amelia OR", "NEAR(a b)", "(", ")", "^am", ":", "-", "+", "x\x1fy", "cs", "cs2", "nobody here",
		"\x00ab", "ab\tc"}
	for range 300 {
		text := []rune(searchText(ms[r.IntN(len(ms))]))
		n := 1 + r.IntN(8)
		if len(text) < n {
			continue
		}
		i := r.IntN(len(text) - n + 1)
		q := string(text[i : i+n])
		if strings.Contains(q, "\x1f") {
			continue
		}
		switch r.IntN(3) {
		case 0:
			q = strings.ToUpper(q)
		case 1:
			q = "  " + q + " "
		}
		qs = append(qs, q)
	}
	return qs
}

// A search finds exactly what the search column holds, by either way of
// running it: the trigram index (3 characters or more) or the scan.
func TestSearchFindsExactlyWhatTheColumnHolds(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	ms := searchMeetings(t)
	if _, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ms, func(a, b *meeting.Meeting) int {
		return cmp.Or(cmp.Compare(b.HeldAt.Unix(), a.HeldAt.Unix()), cmp.Compare(a.ID, b.ID))
	})
	from, _ := meeting.ParseDate("2024-01-01")
	filters := []meeting.Filter{{}, {Status: meeting.StatusDraft}, {From: from}}
	for _, q := range searchQueries(rand.New(rand.NewPCG(1, 2)), ms) {
		for _, base := range filters {
			f := base
			f.Text = q
			var want []string
			for _, m := range ms {
				if base.Status == meeting.StatusDraft && m.SignedOff() || !base.From.IsZero() && m.HeldOn().Before(base.From) {
					continue
				}
				if strings.Contains(searchText(m), strings.ToLower(strings.TrimSpace(q))) {
					want = append(want, m.ID)
				}
			}
			n, err := db.Count(ctx, f)
			if err != nil || n != len(want) {
				t.Fatalf("Count(%+v) = %d, %v; want %d", f, n, err, len(want))
			}
			list, err := db.Summaries(ctx, f)
			if got := summaryIDs(list); err != nil || !slices.Equal(got, want) {
				t.Fatalf("Summaries(%+v): %d meetings, %v; want %d", f, len(got), err, len(want))
			}
			ways := []bool{false}
			if indexable(strings.ToLower(strings.TrimSpace(q))) {
				ways = append(ways, true)
			}
			for _, indexed := range ways {
				if n, err := db.count(ctx, f, indexed); err != nil || n != len(want) {
					t.Fatalf("count(%+v, indexed %v) = %d, %v; want %d", f, indexed, n, err, len(want))
				}
				page := f
				page.Limit, page.Offset = 7, 3
				list, err := db.summaries(ctx, page, indexed)
				wantPage := want[min(3, len(want)):min(10, len(want))]
				if got := summaryIDs(list); err != nil || !slices.Equal(got, wantPage) {
					t.Fatalf("summaries(%+v, indexed %v) = %v, %v; want %v", page, indexed, got, err, wantPage)
				}
			}
		}
	}
}

func summaryIDs(list []meeting.Summary) []string {
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestIndexFirstMost(t *testing.T) {
	tests := []struct {
		total, offset, limit, want int
	}{
		{100_000, 0, 200, 2236}, // a name found in 1,500 meetings: look them up; "sm-" in 98,000: read the list
		{100_000, 4_000, 200, 10_246},
		{100_000, 0, 0, 50_000}, // all of them
		{1_000_000, 0, 200, 7071},
		{0, 0, 200, 0},
	}
	for _, tt := range tests {
		if got := indexFirstMost(tt.total, tt.offset, tt.limit); got != tt.want {
			t.Errorf("indexFirstMost(%d, %d, %d) = %d, want %d", tt.total, tt.offset, tt.limit, got, tt.want)
		}
	}
}

// The index follows every write of the column: a save that renames a child,
// a deleted meeting. A name taken out leaves no trigram of it in the file.
func TestSearchIndexFollowsWrites(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[1]
	// A character nothing else has: every trigram holding two of it holds
	// their bytes whole, even where FTS5 shares the start of a term with the
	// term before it.
	m.Children[0].Name = "𝕫𝕫𝕫"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	find := func(text string) int {
		t.Helper()
		n, err := db.Count(ctx, meeting.Filter{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if find("𝕫𝕫𝕫") != 1 {
		t.Fatal("a saved name is not found")
	}
	m.Children[0].Name = "Another Name"
	m.Reason += " (typing into the reason does not touch the index)"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if find("𝕫𝕫𝕫") != 0 || find("another name") != 1 {
		t.Error("the index did not follow a change of name")
	}
	if _, err := db.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(fileBytes(t, db.Path()), []byte("𝕫𝕫")) {
		t.Error("a trigram of the old name is still in the file")
	}
	checkDatabase(t, db, "renaming")
	if _, err := db.sql.Exec(`DELETE FROM meetings WHERE id = ?`, m.ID); err != nil {
		t.Fatal(err)
	}
	if find("another name") != 0 {
		t.Error("a deleted meeting is still found")
	}
	checkDatabase(t, db, "deleting")
}

// checkSearchIndex fails unless, once the entries autosaves left waiting
// have gone into the index (as before every search), the search entries are
// exactly the parts of the stored meetings and the index holds exactly the
// entries.
func checkSearchIndex(t *testing.T, db *DB, what string) {
	t.Helper()
	if err := searchIndexProblem(db); err != nil {
		t.Fatalf("after %s: %v", what, err)
	}
}

func searchIndexProblem(db *DB) error {
	ctx := context.Background()
	if err := db.searchReady(ctx); err != nil {
		return err
	}
	var stale int
	if err := db.sql.QueryRow(`SELECT count(*) FROM meetings WHERE list_search IS NOT search`).Scan(&stale); err != nil || stale > 0 {
		return fmt.Errorf("%d meetings' list_search is not their search column (%v)", stale, err)
	}
	if _, err := db.sql.Exec(`INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("the search index does not match its entries: %w", err)
	}
	want := map[int64]string{}
	rows, err := db.sql.Query(`SELECT rowid, id FROM meetings`)
	if err != nil {
		return err
	}
	keys := map[int64]string{}
	for rows.Next() {
		var key int64
		var id string
		rows.Scan(&key, &id)
		keys[key] = id
	}
	rows.Close()
	for key, id := range keys {
		m, err := db.Meeting(ctx, id)
		if err != nil {
			return err
		}
		for slot, text := range searchEntries(searchParts(m)) {
			if text != "" {
				want[key*searchSlots+int64(slot)] = text
			}
		}
	}
	got := map[int64]string{}
	rows, err = db.sql.Query(`SELECT rowid, text FROM search_entries`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var rowid int64
		var text string
		rows.Scan(&rowid, &text)
		got[rowid] = text
	}
	rows.Close()
	for rowid, text := range want {
		if got[rowid] != text {
			return fmt.Errorf("search entry %d: %q, want %q", rowid, got[rowid], text)
		}
	}
	for rowid, text := range got {
		if _, ok := want[rowid]; !ok {
			return fmt.Errorf("search entry %d (%q) belongs to no part of a meeting", rowid, text)
		}
	}
	return nil
}

// The index checks notice entries out of step with the meetings, and an
// index out of step with its entries.
func TestSearchIndexCheckNoticesDrift(t *testing.T) {
	for _, drift := range []string{
		`UPDATE children SET name = 'drifted' WHERE position = 0`,
		`INSERT INTO search_entries (rowid, text) VALUES (7, 'stray')`,
		`DROP TRIGGER search_entries_update; UPDATE search_entries SET text = 'drifted'`,
	} {
		db := openTemp(t)
		importPaths(t, db, examplePath)
		checkSearchIndex(t, db, "import")
		if _, err := db.sql.Exec(drift); err != nil {
			t.Fatal(err)
		}
		if searchIndexProblem(db) == nil {
			t.Errorf("%s: not noticed", drift)
		}
	}
}

// An indexed search starts from the meetings the index finds, whatever
// the planner would guess, and looks each up by its rowid.
func TestIndexedSearchStartsFromTheIndex(t *testing.T) {
	db := openTemp(t)
	importPaths(t, db, examplePath)
	for _, f := range []meeting.Filter{{Text: "ahmed"}, {Text: "ahmed", Status: meeting.StatusDraft}} {
		where, args := filterSQL(f, true)
		rows, err := db.sql.Query("EXPLAIN QUERY PLAN SELECT m.id FROM meetings m "+where+" ORDER BY m.held_unix DESC, m.id LIMIT 200", args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.Contains(got, "search_index VIRTUAL TABLE") || !strings.Contains(got, "INTEGER PRIMARY KEY") {
			t.Errorf("%+v: the indexed search does not start from the index: %s", f, got)
		}
	}
}

// A meeting with more children than the index has slots for is still found
// by every child's name: the last slot holds the rest.
func TestSearchFindsEveryChildOfABigMeeting(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[1]
	m.Decisions = nil
	m.Children = nil
	for i := range searchSlots {
		m.Children = append(m.Children, meeting.Child{ID: fmt.Sprint(i), Name: fmt.Sprintf("Child Number %04d", i)})
	}
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 510, 511, 1000, searchSlots - 1} {
		text := fmt.Sprintf("number %04d", n)
		if c, err := db.Count(ctx, meeting.Filter{Text: text}); err != nil || c != 1 {
			t.Errorf("%q: %d (%v)", text, c, err)
		}
	}
	m.Children[1000].Name = "Renamed"
	m.Children = slices.Delete(m.Children, 3, 4)
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Count(ctx, meeting.Filter{Text: "number 1000"}); c != 0 {
		t.Error("a renamed child is still found")
	}
	if c, _ := db.Count(ctx, meeting.Filter{Text: "renamed"}); c != 1 {
		t.Error("the new name is not found")
	}
	checkSearchIndex(t, db, "a meeting of many children")
}

// An autosave leaves its search entries waiting, in one row, not in the
// trigram index; the next search puts them in first and finds what was
// typed, and a draft deleted takes its waiting entries with it.
// indexedDraft is a database holding one draft (the example's first
// meeting) whose search entries are all in the index, none waiting.
func indexedDraft(t *testing.T) (*DB, *meeting.Meeting) {
	t.Helper()
	ctx := context.Background()
	db := openTemp(t)
	m := exampleMeetings(t)[0].Clone()
	m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Summaries(ctx, meeting.Filter{Text: "nothing at all"}); err != nil {
		t.Fatal(err)
	}
	return db, m
}

func TestAutosaveSearchEntriesWaitForTheNextSearch(t *testing.T) {
	ctx := context.Background()
	db, m := indexedDraft(t)
	m.Children[0].Name = "Zqxwv Newname"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	var waiting, inIndex int
	db.sql.QueryRow(`SELECT count(*) FROM search_pending`).Scan(&waiting)
	db.sql.QueryRow(`SELECT count(*) FROM search_index WHERE search_index MATCH '"zqxwv"'`).Scan(&inIndex)
	if waiting != 1 || inIndex != 0 {
		t.Errorf("after an autosave: %d entries waiting, %d in the index; want 1 and 0", waiting, inIndex)
	}
	found, err := db.Summaries(ctx, meeting.Filter{Text: "ZQXWV"})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].ID != m.ID {
		t.Errorf("search for the name just typed found %+v", found)
	}
	if n, _ := db.Count(ctx, meeting.Filter{Text: "zqxwv"}); n != 1 {
		t.Errorf("count %d, want 1", n)
	}
	checkSearchIndex(t, db, "a search after an autosave")
	m.Children[0].Name = "Zqxwv Renamed Again"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteDraft(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	db.sql.QueryRow(`SELECT count(*) FROM search_pending`).Scan(&waiting)
	if waiting != 0 {
		t.Errorf("%d entries of a deleted draft still waiting", waiting)
	}
	checkSearchIndex(t, db, "a draft deleted with entries waiting")
}

// An autosave leaves the list's copy of the search column (migration 15)
// as it was, so that its index is not written while the chair types; a
// search of any length, even too short for the trigram index, brings it up
// to date first, and check accepts it only while the entries wait.
func TestAutosaveListSearchWaitsForTheNextSearch(t *testing.T) {
	ctx := context.Background()
	db, m := indexedDraft(t)
	m.Children[0].Name = "Qj Newname"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	var listed string
	db.sql.QueryRow(`SELECT list_search FROM meetings WHERE id = ?`, m.ID).Scan(&listed)
	if strings.Contains(listed, "qj newname") {
		t.Errorf("an autosave wrote the list's copy of the search column")
	}
	if err := db.Verify(ctx); err != nil {
		t.Errorf("check after an autosave: %v", err)
	}
	for _, f := range []meeting.Filter{{Text: "qj"}, {Text: "QJ", Status: meeting.StatusDraft}} {
		if n, err := db.Count(ctx, f); n != 1 || err != nil {
			t.Errorf("count of %+v: %d, %v; want 1", f, n, err)
		}
	}
	m.Children[0].Name = "Qk Renamed"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	found, err := db.Summaries(ctx, meeting.Filter{Text: "qk"})
	if err != nil || len(found) != 1 || found[0].ID != m.ID {
		t.Errorf("a two-letter search for the name just typed found %+v, %v", found, err)
	}
	checkSearchIndex(t, db, "a short search after an autosave")

	// Changed outside the app, the copy hides the meeting from a search.
	if _, err := db.sql.Exec(`UPDATE meetings SET list_search = 'elsewhere' WHERE id = ?`, m.ID); err != nil {
		t.Fatal(err)
	}
	var verr *VerifyError
	if err := db.Verify(ctx); !errors.As(err, &verr) || !strings.Contains(err.Error(), "meetings list") {
		t.Errorf("check of a changed list_search: %v", err)
	}
}
