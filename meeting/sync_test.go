package meeting

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// fakeRemote and fakeReplica are sync's two sides, with function fields.
type fakeRemote struct {
	id   string
	pull func(after int64, limit int) ([]Version, error)
	push func(vs []Version) ([]Pushed, error)
}

func (r *fakeRemote) ServerID(context.Context) (string, error) { return r.id, nil }
func (r *fakeRemote) Pull(_ context.Context, after int64, limit int) ([]Version, error) {
	return r.pull(after, limit)
}
func (r *fakeRemote) Push(_ context.Context, vs []Version) ([]Pushed, error) { return r.push(vs) }

type fakeReplica struct {
	cursor   int64
	apply    func(vs []Version) ([]PullResult, error)
	unsynced []LocalVersion
	marked   []int64
	order    []string // what was called, in order
}

func (l *fakeReplica) SyncCursor(_ context.Context, id string) (int64, error) {
	l.order = append(l.order, "cursor "+id)
	return l.cursor, nil
}
func (l *fakeReplica) ApplyPulled(_ context.Context, vs []Version) ([]PullResult, error) {
	l.order = append(l.order, "apply")
	out, err := l.apply(vs)
	if err == nil {
		l.cursor = vs[len(vs)-1].Revision
	}
	return out, err
}
func (l *fakeReplica) Unsynced(context.Context) ([]LocalVersion, error) {
	l.order = append(l.order, "unsynced")
	return l.unsynced, nil
}
func (l *fakeReplica) MarkPushed(_ context.Context, lvs []LocalVersion, ps []Pushed) error {
	l.order = append(l.order, "mark")
	for _, p := range ps {
		l.marked = append(l.marked, p.Revision)
	}
	return nil
}

// versions numbered from first to last, one meeting each.
func versions(first, last int64) []Version {
	var vs []Version
	for r := first; r <= last; r++ {
		vs = append(vs, Version{Revision: r, MeetingID: "m" + string(rune('a'+r%26))})
	}
	return vs
}

// Sync pulls everything after the cursor, in batches, before it pushes;
// pushes in batches; counts what each side did; keeps refusals apart.
func TestSyncPullsThenPushes(t *testing.T) {
	all := versions(1, pullBatch+20)
	remote := &fakeRemote{id: "server-1",
		pull: func(after int64, limit int) ([]Version, error) {
			var out []Version
			for _, v := range all {
				if v.Revision > after && len(out) < limit {
					out = append(out, v)
				}
			}
			return out, nil
		},
		push: func(vs []Version) ([]Pushed, error) {
			out := make([]Pushed, len(vs))
			for i, v := range vs {
				if v.MeetingID == "theirs" {
					out[i] = Pushed{Refused: "meeting theirs: not yours"}
					continue
				}
				out[i] = Pushed{Revision: 1000 + int64(i), Heads: []int64{1000 + int64(i)}}
			}
			return out, nil
		},
	}
	local := &fakeReplica{cursor: 10,
		apply: func(vs []Version) ([]PullResult, error) {
			out := make([]PullResult, len(vs))
			for i := range out {
				out[i] = PullResult{Outcome: PullUpdated}
			}
			return out, nil
		},
	}
	for i := range pushBatch + 5 {
		id := "mine"
		if i == 3 {
			id = "theirs"
		}
		local.unsynced = append(local.unsynced, LocalVersion{Version: Version{MeetingID: id}})
	}
	res, err := Sync(context.Background(), local, remote)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pulled != len(all)-10 || res.Updated != res.Pulled || res.Pushed != pushBatch+4 || len(res.Refused) != 1 {
		t.Errorf("result %+v", res)
	}
	want := []string{"cursor server-1", "apply", "apply", "unsynced", "mark", "mark"}
	if !slices.Equal(local.order, want) {
		t.Errorf("calls %q, want %q", local.order, want)
	}
	if local.cursor != int64(len(all)) {
		t.Errorf("cursor %d, want %d", local.cursor, len(all))
	}
}

// A server that sends a revision at or before the cursor is not believed:
// the sync stops before taking it in.
func TestSyncRefusesRevisionsOutOfOrder(t *testing.T) {
	remote := &fakeRemote{id: "s", pull: func(after int64, limit int) ([]Version, error) {
		return []Version{{Revision: after + 1}, {Revision: after}}, nil
	}}
	local := &fakeReplica{cursor: 5, apply: func(vs []Version) ([]PullResult, error) {
		t.Fatal("versions out of order were taken in")
		return nil, nil
	}}
	if _, err := Sync(context.Background(), local, remote); err == nil || !strings.Contains(err.Error(), "revision 5 after 6") {
		t.Errorf("err %v", err)
	}
}

// A conflict kept while pulling, then settled by a later version of the
// same meeting in the same sync, is not reported; one left is.
func TestSyncReportsOnlyConflictsLeft(t *testing.T) {
	vs := []Version{{Revision: 1, MeetingID: "a"}, {Revision: 2, MeetingID: "a", Merges: 1}, {Revision: 3, MeetingID: "b"}}
	remote := &fakeRemote{id: "s", pull: func(after int64, limit int) ([]Version, error) {
		if after > 0 {
			return nil, nil
		}
		return vs, nil
	}, push: func([]Version) ([]Pushed, error) { return nil, errors.New("nothing to push") }}
	local := &fakeReplica{apply: func(vs []Version) ([]PullResult, error) {
		return []PullResult{{Outcome: PullConflict}, {Outcome: PullUpdated}, {Outcome: PullConflict}}, nil
	}}
	res, err := Sync(context.Background(), local, remote)
	if err != nil || !slices.Equal(res.Conflicts, []string{"b"}) {
		t.Errorf("conflicts %q (%v), want b alone", res.Conflicts, err)
	}
}

// The seal is the SHA-256 of the minutes alone: follow-ups never change it.
func TestSyncSealIgnoresFollowUps(t *testing.T) {
	m := &Meeting{ID: "x", SignedOffBy: "Chair"}
	m.SignedOffAt = m.HeldAt.AddDate(0, 0, 1)
	m.Actions = []Action{{ID: "a1", Description: "Visit"}}
	minutes, seal, err := SyncSeal(m)
	if err != nil || seal != SealOf(minutes) || len(seal) != 64 {
		t.Fatalf("seal %q, %v", seal, err)
	}
	followed := m.Clone()
	followed.Actions[0].Done = &ActionDone{On: Date{Year: 2026, Month: 1, Day: 2}}
	if m2, s2, _ := SyncSeal(followed); s2 != seal || string(m2) != string(minutes) {
		t.Error("a follow-up changed the seal")
	}
	changed := m.Clone()
	changed.Reason = "Amended"
	if _, s3, _ := SyncSeal(changed); s3 == seal {
		t.Error("changed minutes kept the seal")
	}
	if min, s, _ := SyncSeal(&Meeting{ID: "draft"}); min != nil || s != "" {
		t.Error("a draft has a seal")
	}
}

// Amendments made one after another before a sync go as a chain: each
// waits for the revision of the one before it and is made from it; one
// the server refuses holds back those after it, said, and other meetings
// go on; the meeting counts once however many versions it took.
func TestSyncPushesAChainOfAmendments(t *testing.T) {
	for _, refuseFirst := range []bool{false, true} {
		next := int64(100)
		var pushed [][]Version
		remote := &fakeRemote{id: "server-1",
			pull: func(after int64, limit int) ([]Version, error) { return nil, nil },
			push: func(vs []Version) ([]Pushed, error) {
				pushed = append(pushed, slices.Clone(vs))
				out := make([]Pushed, len(vs))
				for i, v := range vs {
					next++
					out[i] = Pushed{Revision: next, Heads: []int64{next}}
					if refuseFirst && v.AmendmentReason == "first" {
						out[i] = Pushed{Refused: "meeting a: refused"}
					}
				}
				return out, nil
			},
		}
		local := &fakeReplica{apply: func(vs []Version) ([]PullResult, error) { return nil, nil },
			unsynced: []LocalVersion{
				{Version: Version{MeetingID: "a", Parent: 7, AmendmentReason: "first"}},
				{Version: Version{MeetingID: "a", AmendmentReason: "second"}, AfterPrevious: true},
				{Version: Version{MeetingID: "a", AmendmentReason: "third"}, AfterPrevious: true},
				{Version: Version{MeetingID: "b", Parent: 9}},
			}}
		res, err := Sync(context.Background(), local, remote)
		if err != nil {
			t.Fatal(err)
		}
		if refuseFirst {
			if len(pushed) != 2 || pushed[1][0].MeetingID != "b" || res.Pushed != 1 || len(res.Refused) != 3 || !strings.Contains(res.Refused[1], "waits for the one before it") {
				t.Errorf("after a refusal: pushed %v, result %+v", pushed, res)
			}
			continue
		}
		if len(pushed) != 3 || pushed[0][0].Parent != 7 || pushed[1][0].Parent != 101 || pushed[2][0].Parent != 102 || pushed[2][1].MeetingID != "b" || pushed[2][1].Parent != 9 {
			t.Errorf("the chain: %+v", pushed)
		}
		if res.Pushed != 2 || len(res.Refused) != 0 {
			t.Errorf("result: %+v", res)
		}
	}
}
