package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// pools are rows taken from demo meetings, valid to put in any meeting.
type pools struct {
	children  []meeting.Child
	attendees []meeting.Attendee
	consents  []meeting.Consent
	decisions []meeting.Decision
	actions   []meeting.Action
}

func newPools() pools {
	var p pools
	for _, m := range demo.Generate(60, 5) {
		p.children = append(p.children, m.Children...)
		p.attendees = append(p.attendees, m.Attendees...)
		if m.Consent != nil {
			p.consents = append(p.consents, *m.Consent)
		}
		p.decisions = append(p.decisions, m.Decisions...)
		p.actions = append(p.actions, m.Actions...)
	}
	return p
}

// An editor makes random edits to a draft, the kind the screens make.
type editor struct {
	r     *rand.Rand
	pools pools
	ids   int
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// insertAt, removeAt and moveTo return changed copies, never sharing the
// slice the saved meeting had.
func insertAt[T any](xs []T, i int, x T) []T { return slices.Insert(slices.Clone(xs), i, x) }
func removeAt[T any](xs []T, i int) []T      { return slices.Delete(slices.Clone(xs), i, i+1) }
func moveTo[T any](xs []T, from, to int) []T {
	x := xs[from]
	return slices.Insert(removeAt(xs, from), to, x)
}

// typeInto changes s by one character, as typing or deleting one does.
func (e *editor) typeInto(s string) string {
	if s != "" && e.r.IntN(3) == 0 {
		runes := []rune(s)
		return string(runes[:len(runes)-1])
	}
	return s + string(pick(e.r, []rune("aeiouŁłİıĞğşŞ ,.")))
}

// text returns a pointer to one of m's free-text or name fields.
func (e *editor) text(m *meeting.Meeting) (string, *string) {
	var fields []struct {
		name string
		p    *string
	}
	add := func(name string, p *string) {
		fields = append(fields, struct {
			name string
			p    *string
		}{name, p})
	}
	add("reason", &m.Reason)
	add("chair", &m.Chair)
	add("minute_taker", &m.MinuteTaker)
	add("reference", &m.Reference)
	add("missing_partners_reason", &m.MissingPartnersReason)
	for i := range m.Children {
		add(fmt.Sprintf("children[%d].name", i), &m.Children[i].Name)
		add(fmt.Sprintf("children[%d].case_reference", i), &m.Children[i].CaseReference)
	}
	for i := range m.Attendees {
		add(fmt.Sprintf("attendees[%d].name", i), &m.Attendees[i].Name)
		add(fmt.Sprintf("attendees[%d].role", i), &m.Attendees[i].Role)
		add(fmt.Sprintf("attendees[%d].note", i), &m.Attendees[i].Note)
	}
	if c := m.Consent; c != nil {
		add("consent.reason", &c.Reason)
		add("consent.parents_views", &c.ParentsViews)
		add("consent.child_views", &c.ChildViews)
		add("consent.decided_by", &c.DecidedBy)
	}
	for i := range m.Decisions {
		add(fmt.Sprintf("decisions[%d].rationale", i), &m.Decisions[i].Rationale)
	}
	for i := range m.Actions {
		add(fmt.Sprintf("actions[%d].description", i), &m.Actions[i].Description)
		add(fmt.Sprintf("actions[%d].owner", i), &m.Actions[i].Owner)
	}
	f := pick(e.r, fields)
	return f.name, f.p
}

// The kinds of edit.
const (
	editType     = "type"     // one character in one field
	editValue    = "value"    // a code, a date or a flag
	editAdd      = "add"      // a row added anywhere
	editRemove   = "remove"   // a row removed
	editMove     = "move"     // a row moved, two swapped, a list shuffled
	editChildren = "children" // a decision's children, a child's id
	editNothing  = "nothing"  // saved unchanged
)

// edit changes m (a clone of the saved meeting) in one of the ways kinds
// allows, and says how.
func (e *editor) edit(m *meeting.Meeting, kinds []string) string {
	r := e.r
	switch kind := pick(r, kinds); kind {
	case editType:
		name, p := e.text(m)
		*p = e.typeInto(*p)
		return "type into " + name
	case editValue:
		switch r.IntN(6) {
		case 0:
			if len(m.Attendees) > 0 {
				i := r.IntN(len(m.Attendees))
				a := pick(r, e.pools.attendees)
				m.Attendees[i].Agency, m.Attendees[i].Service, m.Attendees[i].Attendance = a.Agency, a.Service, a.Attendance
				m.Attendees[i].Referrer = !m.Attendees[i].Referrer
				return fmt.Sprintf("attendees[%d] agency, attendance, referrer", i)
			}
		case 1:
			if len(m.Decisions) > 0 {
				i := r.IntN(len(m.Decisions))
				m.Decisions[i].Outcome = pick(r, e.pools.decisions).Outcome
				return fmt.Sprintf("decisions[%d].outcome", i)
			}
		case 2:
			if len(m.Actions) > 0 {
				i := r.IntN(len(m.Actions))
				a := pick(r, e.pools.actions)
				m.Actions[i].Due, m.Actions[i].Completed, m.Actions[i].Agency = a.Due, a.Completed, a.Agency
				return fmt.Sprintf("actions[%d] due, completed, agency", i)
			}
		case 3:
			if m.Consent != nil {
				c := pick(r, e.pools.consents)
				m.Consent.Status, m.Consent.LawfulBasis, m.Consent.ParentsInformed, m.Consent.ParentsInformedOn =
					c.Status, c.LawfulBasis, c.ParentsInformed, c.ParentsInformedOn
				return "consent status"
			}
		case 4:
			if len(m.Children) > 0 {
				i := r.IntN(len(m.Children))
				m.Children[i].DateOfBirth = pick(r, e.pools.children).DateOfBirth
				return fmt.Sprintf("children[%d].date_of_birth", i)
			}
		case 5:
			m.HeldAt = m.HeldAt.Add(time.Duration(r.IntN(7200)-3600) * time.Second)
			m.Type = pick(r, meeting.Types.Codes())
			return "held_at and type"
		}
		return e.edit(m, kinds)
	case editAdd:
		switch r.IntN(5) {
		case 0:
			e.ids++
			c := pick(r, e.pools.children)
			c.ID = fmt.Sprintf("new%d", e.ids)
			i := r.IntN(len(m.Children) + 1)
			m.Children = insertAt(m.Children, i, c)
			return fmt.Sprintf("add children[%d]", i)
		case 1:
			i := r.IntN(len(m.Attendees) + 1)
			m.Attendees = insertAt(m.Attendees, i, pick(r, e.pools.attendees))
			return fmt.Sprintf("add attendees[%d]", i)
		case 2:
			d := pick(r, e.pools.decisions)
			d.Children = nil
			for _, c := range m.Children {
				if r.IntN(2) == 0 {
					d.Children = append(d.Children, c.ID)
				}
			}
			i := r.IntN(len(m.Decisions) + 1)
			m.Decisions = insertAt(m.Decisions, i, d)
			return fmt.Sprintf("add decisions[%d]", i)
		case 3:
			i := r.IntN(len(m.Actions) + 1)
			m.Actions = insertAt(m.Actions, i, pick(r, e.pools.actions))
			return fmt.Sprintf("add actions[%d]", i)
		case 4:
			if m.Consent == nil {
				c := pick(r, e.pools.consents)
				m.Consent = &c
				return "add consent"
			}
		}
		return e.edit(m, kinds)
	case editRemove:
		switch r.IntN(5) {
		case 0:
			if len(m.Children) > 0 {
				i := r.IntN(len(m.Children))
				e.forgetChild(m, m.Children[i].ID)
				m.Children = removeAt(m.Children, i)
				return fmt.Sprintf("remove children[%d]", i)
			}
		case 1:
			if len(m.Attendees) > 0 {
				i := r.IntN(len(m.Attendees))
				m.Attendees = removeAt(m.Attendees, i)
				return fmt.Sprintf("remove attendees[%d]", i)
			}
		case 2:
			if len(m.Decisions) > 0 {
				i := r.IntN(len(m.Decisions))
				m.Decisions = removeAt(m.Decisions, i)
				return fmt.Sprintf("remove decisions[%d]", i)
			}
		case 3:
			if len(m.Actions) > 0 {
				i := r.IntN(len(m.Actions))
				m.Actions = removeAt(m.Actions, i)
				return fmt.Sprintf("remove actions[%d]", i)
			}
		case 4:
			if m.Consent != nil {
				m.Consent = nil
				return "remove consent"
			}
		}
		return e.edit(m, kinds)
	case editMove:
		list := r.IntN(4)
		n := []int{len(m.Children), len(m.Attendees), len(m.Decisions), len(m.Actions)}[list]
		if n < 2 {
			return e.edit(m, kinds)
		}
		from, to := r.IntN(n), r.IntN(n)
		how := fmt.Sprintf("move %d to %d", from, to)
		var order []int // the new order, as old indexes
		switch r.IntN(3) {
		case 0:
			order = moveTo(seq(n), from, to)
		case 1:
			order = seq(n)
			order[from], order[to] = order[to], order[from]
			how = fmt.Sprintf("swap %d and %d", from, to)
		case 2:
			order = seq(n)
			r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
			how = "shuffle"
		}
		switch list {
		case 0:
			m.Children = permute(m.Children, order)
			return how + " in children"
		case 1:
			m.Attendees = permute(m.Attendees, order)
			return how + " in attendees"
		case 2:
			m.Decisions = permute(m.Decisions, order)
			return how + " in decisions"
		default:
			m.Actions = permute(m.Actions, order)
			return how + " in actions"
		}
	case editChildren:
		if len(m.Children) == 0 {
			return e.edit(m, kinds)
		}
		if r.IntN(4) == 0 {
			i := r.IntN(len(m.Children))
			e.ids++
			old, id := m.Children[i].ID, fmt.Sprintf("renamed%d", e.ids)
			m.Children[i].ID = id
			for k, d := range m.Decisions {
				for j, c := range d.Children {
					if c == old {
						m.Decisions[k].Children[j] = id
					}
				}
			}
			return fmt.Sprintf("children[%d].id renamed", i)
		}
		if len(m.Decisions) == 0 {
			return e.edit(m, kinds)
		}
		i := r.IntN(len(m.Decisions))
		id := pick(r, m.Children).ID
		d := &m.Decisions[i]
		if k := slices.Index(d.Children, id); k >= 0 {
			d.Children = removeAt(d.Children, k)
			return fmt.Sprintf("untick a child of decisions[%d]", i)
		}
		d.Children = insertAt(d.Children, r.IntN(len(d.Children)+1), id)
		return fmt.Sprintf("tick a child of decisions[%d]", i)
	case editNothing:
		return "nothing"
	default:
		panic(kind)
	}
}

// forgetChild takes a child about to be removed off every decision.
func (e *editor) forgetChild(m *meeting.Meeting, id string) {
	for k, d := range m.Decisions {
		if j := slices.Index(d.Children, id); j >= 0 {
			m.Decisions[k].Children = removeAt(d.Children, j)
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func permute[T any](xs []T, order []int) []T {
	out := make([]T, len(xs))
	for i, k := range order {
		out[i] = xs[k]
	}
	return out
}

// checkStored fails unless the database holds exactly m, with its search
// text and missing partners, and passes SQLite's integrity and foreign key
// checks.
func checkStored(t *testing.T, db *DB, m *meeting.Meeting, what string) {
	t.Helper()
	ctx := context.Background()
	got, err := db.Meeting(ctx, m.ID)
	if err != nil {
		t.Fatalf("after %s: %v", what, err)
	}
	if !meeting.Equal(got, m) {
		t.Fatalf("after %s: read back differs from what was saved: %+v", what, meeting.Diff(m, got))
	}
	var search, missing string
	if err := db.sql.QueryRow(`SELECT search, missing_statutory FROM meetings WHERE id = ?`, m.ID).Scan(&search, &missing); err != nil {
		t.Fatal(err)
	}
	want := imageOf(m).meeting
	wantSearch, wantMissing := want[slices.Index(meetingCols, "search")], want[slices.Index(meetingCols, "missing_statutory")]
	if search != wantSearch || missing != wantMissing {
		t.Fatalf("after %s: search column %q, missing %q; want %q, %q", what, search, missing, wantSearch, wantMissing)
	}
	checkDatabase(t, db, what)
}

func checkDatabase(t *testing.T, db *DB, what string) {
	t.Helper()
	var result string
	if err := db.sql.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("after %s: integrity_check %q %v", what, result, err)
	}
	rows, err := db.sql.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		rows.Scan(&table, &rowid, &parent, &fk)
		t.Fatalf("after %s: foreign_key_check: a row of %s refers to no row of %s", what, table, parent)
	}
	checkSearchIndex(t, db, what)
}

// Every sequence of edits, each saved, reads back exactly as saved, and
// leaves the other meetings as they were.
func TestSaveAfterRandomEdits(t *testing.T) {
	all := []string{editType, editValue, editAdd, editRemove, editMove, editChildren, editNothing}
	tests := []struct {
		name  string
		kinds []string
		edits int // at most this many edits per save
		saves int
	}{
		{"typing", []string{editType}, 1, 150},
		{"values", []string{editValue, editType}, 2, 100},
		{"rows added and removed", []string{editAdd, editRemove}, 1, 150},
		{"rows moved", []string{editMove, editAdd}, 1, 150},
		{"children and decisions", []string{editChildren, editAdd, editRemove, editMove}, 2, 150},
		{"everything at once", all, 6, 200},
		{"unchanged", []string{editNothing}, 1, 10},
	}
	pools := newPools()
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			ctx := context.Background()
			e := &editor{r: rand.New(rand.NewPCG(uint64(k), 1)), pools: pools}
			saved := map[string]*meeting.Meeting{}
			var ids []string
			for _, m := range append(demo.Generate(6, uint64(k)+100), exampleMeetings(t)...) {
				m = m.Minutes() // a save stores the minutes; follow-ups are recorded apart
				m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0
				if err := db.SaveMeeting(ctx, m); err != nil {
					t.Fatal(err)
				}
				saved[m.ID] = m
				ids = append(ids, m.ID)
			}
			for n := range tt.saves {
				id := pick(e.r, ids)
				m := saved[id].Clone()
				var did []string
				for range 1 + e.r.IntN(tt.edits) {
					did = append(did, e.edit(m, tt.kinds))
				}
				what := fmt.Sprintf("save %d (%s)", n, strings.Join(did, "; "))
				if err := db.SaveMeeting(ctx, m); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				saved[id] = m
				checkStored(t, db, m, what)
			}
			for _, id := range ids {
				checkStored(t, db, saved[id], "the last save of every meeting")
			}

			// An import of edited copies updates through the same writer.
			var edited []*meeting.Meeting
			for _, id := range ids {
				m := saved[id].Clone()
				for range 1 + e.r.IntN(tt.edits) {
					e.edit(m, tt.kinds)
				}
				edited = append(edited, m)
			}
			if _, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
				for _, m := range edited {
					if err := fn(m); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for _, m := range edited {
				checkStored(t, db, m, "import")
				saved[m.ID] = m
			}

			// Signed off: a plain save is refused and changes nothing; an
			// amendment is written through the same writer.
			m := exampleMeetings(t)[0] // signed off, complete
			m.ID = "signed-off"
			if err := db.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			checkStored(t, db, m, "sign-off")
			amended := 0
			for n := range 20 {
				c := m.Clone()
				e.edit(c, tt.kinds)
				err := db.SaveMeeting(ctx, c)
				invalid := c.Validate() // signed-off minutes must stay complete
				if invalid == nil && !errors.Is(err, ErrSignedOff) || err == nil {
					t.Fatalf("save over signed-off minutes: %v", err)
				}
				checkStored(t, db, m, "a refused save")
				if meeting.Equal(c, m) || invalid != nil {
					continue
				}
				if worse := meeting.Added(m.SignOffProblems(), c.SignOffProblems()); len(worse) > 0 {
					if err := db.Amend(ctx, c, "makes it incomplete"); err == nil {
						t.Fatalf("an amendment that leaves the minutes short of sign-off (%v) was stored", worse)
					}
					checkStored(t, db, m, "a refused amendment")
					continue
				}
				if err := db.Amend(ctx, c, fmt.Sprintf("amendment %d", n)); err != nil {
					t.Fatal(err)
				}
				m = c
				amended++
				checkStored(t, db, m, "an amendment")
			}
			if amended == 0 && !slices.Equal(tt.kinds, []string{editNothing}) {
				t.Error("no amendment was tried")
			}
		})
	}
}

func TestPlans(t *testing.T) {
	rows := func(s string) []row {
		var out []row
		for _, c := range s {
			out = append(out, row{string(c)})
		}
		return out
	}
	tests := []struct {
		old, new string
		keyed    bool
		src      []int
		deleted  []int
	}{
		{"abc", "abc", false, []int{0, 1, 2}, nil},
		{"abc", "aXc", false, []int{0, 1, 2}, nil},  // one row changed in place
		{"abc", "ac", false, []int{0, 2}, []int{1}}, // removed in the middle: c moves up
		{"abc", "aXbc", false, []int{0, -1, 1, 2}, nil},
		{"", "ab", false, []int{-1, -1}, nil},
		{"ab", "", false, []int{}, []int{0, 1}},
		{"abcd", "aXYd", false, []int{0, 1, 2, 3}, nil},
		{"abcd", "aXd", false, []int{0, 1, 3}, []int{2}},
		{"aaa", "aa", false, []int{0, 1}, []int{2}},
		{"abc", "cab", true, []int{2, 0, 1}, nil},
		{"abc", "bXa", true, []int{1, -1, 0}, []int{2}},
	}
	for _, tt := range tests {
		old, new := rows(tt.old), rows(tt.new)
		var p plan
		if tt.keyed {
			p = keyedPlan(old, new)
		} else {
			p = alignedPlan(len(old), len(new), func(i, j int) bool { return equalRows(old[i], new[j]) })
		}
		if !slices.Equal(p.src, tt.src) || !slices.Equal(p.deleted, tt.deleted) {
			t.Errorf("%q to %q: src %v deleted %v, want %v %v", tt.old, tt.new, p.src, p.deleted, tt.src, tt.deleted)
		}
	}
}

func TestSequenceNeverMovesOntoARow(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		n := 1 + r.IntN(8)
		target := r.Perm(n)
		occupied := map[int]bool{}
		var moves []move
		for from, to := range target {
			occupied[from] = true
			if from != to {
				moves = append(moves, move{from, to})
			}
		}
		at := map[int]int{} // position -> the row there
		for i := range n {
			at[i] = i
		}
		for _, mv := range sequence(moves, occupied) {
			row, ok := at[mv.from]
			if _, taken := at[mv.to]; !ok || taken {
				t.Fatalf("%v: move %v onto a taken position or from an empty one", target, mv)
			}
			delete(at, mv.from)
			at[mv.to] = row
		}
		for from, to := range target {
			if at[to] != from {
				t.Fatalf("%v: row %d ended at %v", target, from, at)
			}
		}
	}
}

// walFrames returns mxFrame, the last valid frame of the database's WAL,
// from the header of its wal-index (the -shm file SQLite maps into every
// connection): the first WalIndexHdr holds it at byte 16, in the machine's
// byte order.
func walFrames(t testing.TB, db *DB) uint32 {
	t.Helper()
	f, err := os.Open(db.Path() + "-shm")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b [4]byte
	if _, err := f.ReadAt(b[:], 16); err != nil {
		t.Fatalf("read wal-index: %v", err)
	}
	return binary.NativeEndian.Uint32(b[:])
}

// A change of one field writes the page of its row and the page of the
// meeting's row (its time of update), not every row of the meeting.
func TestSaveWritesOnlyWhatChanged(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := demo.Generate(1, 9)[0]
	m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, "", 0
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		what  string
		edit  func(m *meeting.Meeting)
		pages int
	}{
		{"reason", func(m *meeting.Meeting) { m.Reason += "." }, 1},
		{"a decision's rationale", func(m *meeting.Meeting) { m.Decisions[0].Rationale += "." }, 2},
		{"an attendee's note", func(m *meeting.Meeting) { m.Attendees[len(m.Attendees)-1].Note += "." }, 2},
		{"the parents' views", func(m *meeting.Meeting) { m.Consent.ParentsViews += "." }, 2},
		// The meeting, the child, and the search entry left waiting; typed
		// into again, the entry waits as it was (migration 10). The list's
		// index waits too (migration 15).
		{"a child's name", func(m *meeting.Meeting) { m.Children[0].Name += "a" }, 3},
		{"a child's name again", func(m *meeting.Meeting) { m.Children[0].Name += "b" }, 2},
		{"nothing", func(m *meeting.Meeting) {}, 1},
	} {
		tt.edit(m)
		before := walFrames(t, db)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		if pages := framesSince(before, walFrames(t, db)); pages > tt.pages {
			t.Errorf("a change of %s wrote %d pages, want %d", tt.what, pages, tt.pages)
		}
	}
}

// Text taken out of a meeting is overwritten in the file, not left in a
// free page or a row's old cell (secure_delete), when rows are updated or
// deleted rather than all rewritten.
func TestChangedTextLeavesNoTrace(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[1]
	m.Reason = "Zorblax the first reason"
	m.Attendees[0].Note = "Quuxwing note"
	m.Actions = append(m.Actions, meeting.Action{Description: "Frobnitz the removed action"})
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	m.Reason = "Another reason"
	m.Attendees[0].Note = "Another note"
	m.Actions = m.Actions[:len(m.Actions)-1]
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	file := fileBytes(t, db.Path())
	for _, gone := range []string{"Zorblax", "Quuxwing", "Frobnitz"} {
		if bytes.Contains(file, []byte(gone)) {
			t.Errorf("%q is still in the database file", gone)
		}
	}
}

// Writers share prepared statements between transactions, and a closed
// database closes them.
func TestStatementsAreReused(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[1]
	for i := range 3 {
		m.Reason = fmt.Sprint(i)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if db.statements.get(storedSQL) == nil {
		t.Error("the query of stored rows is not kept prepared")
	}
	db.Close()
	if db.statements.get(storedSQL) != nil {
		t.Error("statements outlive the database")
	}
}

// Rows at positions this app never writes (0, 1, 2... with a gap, a
// decision's children past its decisions) are all written again by the next
// save, as saves once wrote every row.
func TestSaveRewritesIrregularRows(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[1]
	for _, damage := range []string{
		`UPDATE attendees SET position = position + 10 WHERE meeting = (SELECT rowid FROM meetings WHERE id = ?1)`,
		`UPDATE decision_children SET position = position + 3 WHERE meeting = (SELECT rowid FROM meetings WHERE id = ?1)`,
		`UPDATE actions SET position = -1 - position WHERE meeting = (SELECT rowid FROM meetings WHERE id = ?1)`,
	} {
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := db.sql.Exec(damage, m.ID); err != nil {
			t.Fatal(err)
		}
		m.Reason += "."
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		checkStored(t, db, m, damage)
		var bad int
		db.sql.QueryRow(`SELECT (SELECT count(*) FROM attendees WHERE position NOT BETWEEN 0 AND 100)
			+ (SELECT count(*) FROM actions WHERE position < 0) + (SELECT count(*) FROM decision_children WHERE position > 2)`).Scan(&bad)
		if bad != 0 {
			t.Errorf("%s: %d rows left where they were", damage, bad)
		}
	}
}

// The audit log has one change per person per editing session, as before.
func TestAuditOfSavesByTwoPeople(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	m := exampleMeetings(t)[1]
	db.SetUser("First Person")
	for i := range 3 {
		m.Reason = fmt.Sprint(i)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	db.SetUser("Second Person")
	for i := range 3 {
		m.Attendees[0].Note = fmt.Sprint(i)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := auditWho(t, db, m.ID), "change Second Person,create First Person"; got != want {
		t.Errorf("audit log %q, want %q", got, want)
	}
}

// auditWho is the audit log of the meeting with the id, newest first, as
// "event who" joined with commas.
func auditWho(t *testing.T, db *DB, id string) string {
	t.Helper()
	log, err := db.AuditLog(context.Background(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(log))
	for i, e := range log {
		got[i] = e.Event + " " + e.Who
	}
	return strings.Join(got, ",")
}
