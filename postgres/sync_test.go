package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategyminutes/meeting"
)

// openAs opens the server at url, closed when t ends.
func openAs(t testing.TB, url string) *Server {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func payload(s string) []byte { return []byte(`{"reason": "` + s + `"}`) }

// signed makes v a signed-off version, its payload its minutes, sealed.
func signed(v meeting.Version) meeting.Version {
	v.SignedOff, v.Minutes = true, v.Payload
	v.Seal = meeting.SealOf(v.Minutes)
	return v
}

// A draft pushed, changed and pushed again moves its head; the same draft
// changed on two laptops since their common revision is a conflict, both
// versions kept; each is pulled, in order.
func TestPushPullAndConflict(t *testing.T) {
	_, db := newServer(t)
	ctx := context.Background()
	aliceURL := login(t, db, RoleChair, "alice")
	alice := openAs(t, aliceURL)
	const m = "33333333-3333-4333-8333-333333333333"
	held := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC) // the night the clocks change

	first, err := alice.Push(ctx, withEntries([]meeting.Version{{MeetingID: m, HeldAt: held, Payload: payload("first")}}))
	if err != nil || first[0].Conflict() || !slices.Equal(first[0].Heads, []int64{first[0].Revision}) {
		t.Fatalf("first push: %+v %v", first, err)
	}
	r1 := first[0].Revision
	second, err := alice.Push(ctx, withEntries([]meeting.Version{{MeetingID: m, Parent: r1, HeldAt: held, Payload: payload("second")}}))
	if err != nil || second[0].Conflict() {
		t.Fatalf("second push: %+v %v", second, err)
	}
	// Another laptop of the same chair, still at the first revision.
	other, err := alice.Push(ctx, withEntries([]meeting.Version{{MeetingID: m, Parent: r1, HeldAt: held, Payload: payload("other laptop")}}))
	if err != nil || !other[0].Conflict() || !slices.Equal(other[0].Heads, []int64{second[0].Revision, other[0].Revision}) {
		t.Fatalf("conflicting push: %+v %v", other, err)
	}
	got, err := alice.Pull(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Revision != r1 || got[1].Parent != r1 || got[2].Parent != r1 ||
		string(got[2].Payload) != string(payload("other laptop")) || !got[0].HeldAt.Equal(held) || got[0].MadeBy != loginName(aliceURL) {
		t.Errorf("pulled %+v", got)
	}
	// Resolving: a version made from both heads' latest settles it.
	merged, err := alice.Push(ctx, withEntries([]meeting.Version{{MeetingID: m, Parent: other[0].Revision, HeldAt: held, Payload: payload("merged")}}))
	if err != nil {
		t.Fatal(err)
	}
	if !merged[0].Conflict() {
		t.Error("a version made from one head leaves the other: still a conflict")
	}
	after, _ := alice.Pull(ctx, got[2].Revision, 100)
	if len(after) != 1 || after[0].Revision != merged[0].Revision {
		t.Errorf("pulled after %d: %+v", got[2].Revision, after)
	}
	// A version made from one head that merges the other settles it.
	resolved, err := alice.Push(ctx, withEntries([]meeting.Version{{MeetingID: m, Parent: merged[0].Revision, Merges: second[0].Revision, HeldAt: held, Payload: payload("resolved")}}))
	if err != nil || resolved[0].Refused != "" || resolved[0].Conflict() || !slices.Equal(resolved[0].Heads, []int64{resolved[0].Revision}) {
		t.Errorf("resolved: %+v %v, want one head", resolved, err)
	}
	if vs, _ := alice.Pull(ctx, merged[0].Revision, 100); len(vs) != 1 || vs[0].Merges != second[0].Revision {
		t.Errorf("pulled the resolution: %+v", vs)
	}
}

// The server's rules, through Push: another chair's meeting, a draft after
// sign-off, a parent the server does not hold.
func TestPushRefuses(t *testing.T) {
	_, db := newServer(t)
	ctx := context.Background()
	alice := openAs(t, login(t, db, RoleChair, "alice"))
	bob := openAs(t, login(t, db, RoleChair, "bob"))
	const m = "44444444-4444-4444-8444-444444444444"
	p, err := alice.Push(ctx, withEntries([]meeting.Version{signed(meeting.Version{MeetingID: m, Payload: payload("signed")})}))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		s    *Server
		v    meeting.Version
		want error
	}{
		{"another chair's meeting", bob, meeting.Version{MeetingID: m, Parent: p[0].Revision, Payload: payload("bob")}, ErrNotYours},
		{"a draft after sign-off", alice, meeting.Version{MeetingID: m, Parent: p[0].Revision, Payload: payload("draft")}, ErrSignedOff},
		{"an amendment from an old version", alice, signed(meeting.Version{MeetingID: m, AmendmentReason: "x", Payload: payload("a")}), ErrSignedOff},
		{"signed-off minutes with no seal", alice, meeting.Version{MeetingID: "77777777-7777-4777-8777-777777777777", SignedOff: true, Payload: payload("b")}, errors.New("signed-off minutes need their seal")},
		{"signed-off minutes with another's seal", alice, meeting.Version{MeetingID: "88888888-8888-4888-8888-888888888888", SignedOff: true, Minutes: payload("b"), Seal: meeting.SealOf(payload("c")), Payload: payload("b")}, errors.New("the seal must be of their minutes")},
		{"a follow-up that changes the seal", alice, signed(meeting.Version{MeetingID: m, Parent: p[0].Revision, Payload: payload("changed")}), ErrSignedOff},
	} {
		got, err := tt.s.Push(ctx, withEntries([]meeting.Version{tt.v}))
		if err != nil || len(got) != 1 || !strings.Contains(got[0].Refused, tt.want.Error()) {
			t.Errorf("%s: %+v %v, want refused: %v", tt.name, got, err, tt.want)
		}
	}
	if got, err := alice.Push(ctx, withEntries([]meeting.Version{{MeetingID: m, Parent: 999999, Payload: payload("x")}})); err != nil || got[0].Refused == "" {
		t.Errorf("a version made from a revision the server does not hold: %+v %v", got, err)
	}
	// One refused version holds up no other: the fine one is stored.
	before, _ := alice.Pull(ctx, 0, 1000)
	got, err := alice.Push(ctx, withEntries([]meeting.Version{
		{MeetingID: "55555555-5555-4555-8555-555555555555", Payload: payload("fine")},
		{MeetingID: m, Parent: p[0].Revision, Payload: payload("refused")},
	}))
	if after, _ := alice.Pull(ctx, 0, 1000); err != nil || len(after) != len(before)+1 || got[0].Refused != "" || got[1].Refused == "" {
		t.Errorf("pushed %+v (%v): %d stored, want the fine one alone", got, err, len(after)-len(before))
	}
	// An amendment made from the latest version is what follows sign-off.
	if _, err := alice.Push(ctx, withEntries([]meeting.Version{signed(meeting.Version{MeetingID: m, Parent: p[0].Revision, AmendmentReason: "Corrected a name", Payload: payload("amended")})})); err != nil {
		t.Errorf("amendment: %v", err)
	}
}

// Twenty chairs push at once, each transaction holding on a while after
// its version takes a number, while a laptop pulls over and over from
// where it got to: it sees every version exactly once, in order, however
// the pushes interleave.
func TestPullNeverMissesAVersion(t *testing.T) {
	_, db := newServer(t)
	ctx := context.Background()
	const chairs, each = 20, 15
	urls := make([]string, chairs)
	for i := range urls {
		urls[i] = login(t, db, RoleChair, fmt.Sprintf("chair%02d", i))
	}
	puller := openAs(t, login(t, db, RoleChair, "reader"))
	var wg sync.WaitGroup
	errs := make(chan error, chairs)
	for i, url := range urls {
		wg.Go(func() {
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close(ctx)
			for k := range each {
				id := fmt.Sprintf("%08d-0000-4000-8000-%012d", i, k)
				err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
					if _, err := tx.Exec(ctx, `INSERT INTO strategyminutes.meetings (id) VALUES ($1)`, id); err != nil {
						return err
					}
					if _, err := tx.Exec(ctx, `INSERT INTO strategyminutes.versions (entry, meeting_id, signed_off, payload) VALUES ('\x01', $1, false, '{}')`, id); err != nil {
						return err
					}
					// The rest of a push: other meetings, the network.
					_, err := tx.Exec(ctx, `SELECT pg_sleep(random() * 0.01)`)
					return err
				})
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		})
	}
	var seen []int64
	cursor := int64(0)
	pushed := make(chan struct{})
	go func() { wg.Wait(); close(pushed) }()
	for done := false; !done; {
		select {
		case <-pushed:
			done = true // one last pull after every push has committed
		default:
		}
		vs, err := puller.Pull(ctx, cursor, 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			seen = append(seen, v.Revision)
			cursor = v.Revision
		}
		if done && len(vs) == 7 {
			done = false // more to pull
		}
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var all []int64
	conn, err := pgx.Connect(ctx, cluster.SuperURL(db))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, _ := conn.Query(ctx, `SELECT revision FROM strategyminutes.versions ORDER BY revision`)
	all, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != chairs*each || !slices.Equal(seen, all) {
		missed := 0
		for _, r := range all {
			if !slices.Contains(seen, r) {
				missed++
			}
		}
		t.Errorf("pulled %d of %d versions (%d missed)", len(seen), len(all), missed)
	}
}

// A version pushed again (the laptop killed after the server took it,
// before it heard) is stored once, drafts and signed-off minutes alike.
func TestPushTwiceStoresOnce(t *testing.T) {
	_, db := newServer(t)
	ctx := context.Background()
	alice := openAs(t, login(t, db, RoleChair, "alice"))
	const m = "66666666-6666-4666-8666-666666666666"
	draft := meeting.Version{MeetingID: m, Payload: payload("draft")}
	p1, err := alice.Push(ctx, withEntries([]meeting.Version{draft}))
	if err != nil {
		t.Fatal(err)
	}
	signedOff := signed(meeting.Version{MeetingID: m, Parent: p1[0].Revision, Payload: payload("signed")})
	p2, err := alice.Push(ctx, withEntries([]meeting.Version{signedOff}))
	if err != nil {
		t.Fatal(err)
	}
	again, err := alice.Push(ctx, withEntries([]meeting.Version{draft, signedOff}))
	if err != nil {
		t.Fatalf("pushed again: %v", err)
	}
	if again[0].Revision != p1[0].Revision || again[1].Revision != p2[0].Revision || again[1].Conflict() {
		t.Errorf("pushed again: %+v, want revisions %d and %d, no conflict", again, p1[0].Revision, p2[0].Revision)
	}
	if vs, _ := alice.Pull(ctx, 0, 100); len(vs) != 2 || string(vs[1].Payload) != string(signedOff.Payload) {
		t.Errorf("the server holds %d versions, want 2, bytes unchanged", len(vs))
	}
}

// withEntries gives each version the report entry of a meeting held then,
// as a laptop gives each version it pushes its meeting's.
func withEntries(vs []meeting.Version) []meeting.Version {
	for i := range vs {
		vs[i].SetEntry(&meeting.Meeting{ID: vs[i].MeetingID, HeldAt: vs[i].HeldAt})
	}
	return vs
}
