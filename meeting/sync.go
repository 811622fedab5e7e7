package meeting

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// This file is sync with the partnership server, offline first: the
// laptop's database stays where the chair types, and Sync brings it and
// the server together whenever they can reach each other (docs/server.md).
// Every version on the server has a revision and the revision it was made
// from; a meeting changed on two laptops since their common revision is a
// conflict, both versions kept, nothing overwritten.

// A Version is one version of a meeting on the partnership server.
type Version struct {
	Revision  int64 // the server's number for it, in the order versions became visible
	MeetingID string
	// Parent is the revision it was made from, 0 for a meeting's first.
	Parent          int64
	SignedOff       bool
	AmendmentReason string // for an amendment of signed-off minutes
	HeldAt          time.Time
	// Payload is the meeting in the interchange encoding (MarshalMeeting),
	// follow-ups and all: whatever the record gains later syncs with it.
	Payload []byte
	Seal    string
	MadeBy  string // the server login that pushed it
	MadeAt  time.Time
}

// A Pushed says what became of a pushed version.
type Pushed struct {
	Revision int64
	// Heads are the meeting's heads once it is stored: more than one is a
	// conflict, every head kept.
	Heads []int64
	// Refused says why the server's rules refused the version (another
	// chair's meeting, a draft after sign-off), "" when it was stored.
	Refused string
}

// Conflict reports whether the push left the meeting with two or more
// heads.
func (p Pushed) Conflict() bool { return len(p.Heads) > 1 }

// A Remote is the partnership server. Pushing the same version (the same
// meeting, parent and payload) twice stores it once: a sync killed after
// the server took a version and before the laptop heard pushes it again.
type Remote interface {
	Push(ctx context.Context, vs []Version) ([]Pushed, error)
	Pull(ctx context.Context, after int64, limit int) ([]Version, error)
}

// A LocalVersion is a version to push, and Token, the laptop's name for
// the state it was made from (MarkPushed is given it back).
type LocalVersion struct {
	Version
	Token string
}

// A PullOutcome is what the laptop did with a pulled version.
type PullOutcome int

const (
	PullSkipped  PullOutcome = iota // one the laptop holds already (its own, or older than its own)
	PullAdded                       // a meeting new to the laptop
	PullUpdated                     // the laptop's copy, unchanged since it last synced, moved on to it
	PullConflict                    // the laptop's copy changed too: both kept, for the chair
)

// A Replica is the laptop's database, as sync sees it.
type Replica interface {
	// SyncCursor is the last revision pulled from the server.
	SyncCursor(ctx context.Context) (int64, error)
	// ApplyPulled takes in a pulled version and moves the cursor past it,
	// in one transaction: whatever stops sync, a version is taken in
	// once.
	ApplyPulled(ctx context.Context, v Version) (PullOutcome, error)
	// Unsynced returns the meetings changed since they last synced, each
	// as a version made from the revision it last synced at.
	Unsynced(ctx context.Context) ([]LocalVersion, error)
	// MarkPushed records that lv is on the server as p.Revision: the
	// meeting is synced there unless it changed since lv was made.
	MarkPushed(ctx context.Context, lv LocalVersion, p Pushed) error
}

// A SyncResult counts what a sync did.
type SyncResult struct {
	Pulled, Added, Updated int
	Pushed                 int
	Conflicts              []string // meetings left with two versions, by id
	// Refused are the server's reasons for the versions it refused, which
	// stay here to push again.
	Refused []string
}

// Batch sizes: a pull or a push is one request and one transaction.
const (
	pullBatch = 500
	pushBatch = 200
)

// Sync pulls every version after the laptop's cursor, then pushes what
// changed on the laptop. Pulling first lets a meeting unchanged here move
// on before anything is pushed from it. A sync stopped anywhere (the
// laptop killed, the network or the server gone) leaves both sides whole;
// run again, it converges.
func Sync(ctx context.Context, local Replica, remote Remote) (SyncResult, error) {
	var res SyncResult
	conflicts := map[string]bool{}
	cursor, err := local.SyncCursor(ctx)
	if err != nil {
		return res, err
	}
	for {
		vs, err := remote.Pull(ctx, cursor, pullBatch)
		if err != nil {
			return res, err
		}
		for _, v := range vs {
			if v.Revision <= cursor {
				return res, fmt.Errorf("pull: the server sent revision %d after %d", v.Revision, cursor)
			}
			out, err := local.ApplyPulled(ctx, v)
			if err != nil {
				return res, fmt.Errorf("meeting %s, revision %d: %w", QuoteID(v.MeetingID), v.Revision, err)
			}
			cursor = v.Revision
			res.Pulled++
			switch out {
			case PullAdded:
				res.Added++
			case PullUpdated:
				res.Updated++
			case PullConflict:
				conflicts[v.MeetingID] = true
			}
		}
		if len(vs) < pullBatch {
			break
		}
	}
	lvs, err := local.Unsynced(ctx)
	if err != nil {
		return res, err
	}
	for len(lvs) > 0 {
		batch := lvs[:min(pushBatch, len(lvs))]
		lvs = lvs[len(batch):]
		vs := make([]Version, len(batch))
		for i := range batch {
			vs[i] = batch[i].Version
		}
		ps, err := remote.Push(ctx, vs)
		if err != nil {
			return res, err
		}
		if len(ps) != len(batch) {
			return res, fmt.Errorf("push: the server answered for %d versions of %d", len(ps), len(batch))
		}
		for i, p := range ps {
			if p.Refused != "" {
				res.Refused = append(res.Refused, p.Refused)
				continue
			}
			if err := local.MarkPushed(ctx, batch[i], p); err != nil {
				return res, err
			}
			res.Pushed++
			if p.Conflict() {
				conflicts[batch[i].MeetingID] = true
			}
		}
	}
	for id := range conflicts {
		res.Conflicts = append(res.Conflicts, id)
	}
	slices.Sort(res.Conflicts)
	return res, nil
}
