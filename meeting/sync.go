package meeting

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
	Parent int64
	// Merges is the other head a version resolving a conflict was made
	// from (0 for none): the meeting has one head again.
	Merges          int64
	SignedOff       bool
	AmendmentReason string // for an amendment of signed-off minutes
	HeldAt          time.Time
	// Payload is the meeting in the interchange encoding (MarshalMeeting),
	// follow-ups and all: whatever the record gains later syncs with it.
	Payload []byte
	// Minutes are the signed-off minutes alone, without their follow-ups,
	// in the interchange encoding (nil for a draft), and Seal their
	// SyncSeal: the server checks the seal is theirs and that a follow-up
	// after sign-off keeps them byte for byte; a laptop checks Payload's
	// minutes are these.
	Minutes []byte
	Seal    string
	// Entry is what the partnership's report counts of the version (its
	// ReportEntry, AppendEntry's encoding with no case numbers), HeldOn
	// its UK date held, and CaseKeys its children's (SetEntry): the
	// server counts its report from them, as a laptop counts its own.
	// A pulled version has none; a laptop works out its own.
	Entry    []byte
	HeldOn   Date
	CaseKeys []string
	MadeBy   string // the server login that pushed it
	MadeAt   time.Time
	// Deleted says the meeting was deleted everywhere, on Ground
	// ("retention" or "mistake"), by MadeBy at MadeAt: a laptop deletes
	// its copy. Such a "version" has no payload.
	Deleted bool
	Ground  string
}

// SetEntry sets v's report entry to m's: v is a version of m.
func (v *Version) SetEntry(m *Meeting) {
	e := EntryOf(m)
	v.Entry, v.HeldOn, v.CaseKeys = AppendEntry(nil, e, nil), Date{}, e.CaseKeys
	if !m.HeldAt.IsZero() {
		v.HeldOn = e.HeldOn // (a zero time's UK date is no date)
	}
}

// Read reads a pulled version's meeting, as a laptop takes it in: a
// version whose payload cannot be read, holds another meeting, breaks the
// record's rules, or whose minutes do not match their seal is refused,
// and why is said (naming fields, never values). The server holds what
// any chair's client pushed: server check asks the same of the versions
// its report counts.
func (v Version) Read() (*Meeting, error) {
	m, err := UnmarshalMeeting(v.Payload)
	switch {
	case err != nil:
		return nil, fmt.Errorf("it cannot be read: %w", err)
	case m.ID != v.MeetingID:
		return nil, errors.New("it holds another meeting")
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if m.SignedOff() != v.SignedOff {
		return nil, errors.New("the server's record of its sign-off does not match the minutes")
	}
	if minutes, seal, err := SyncSeal(m); err != nil || seal != v.Seal || !bytes.Equal(minutes, v.Minutes) {
		return nil, errors.New("its minutes do not match their seal: changed after they were signed off")
	}
	return m, nil
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
	// ServerID names the server for good: a laptop syncs with one.
	ServerID(ctx context.Context) (string, error)
	Push(ctx context.Context, vs []Version) ([]Pushed, error)
	Pull(ctx context.Context, after int64, limit int) ([]Version, error)
}

// A LocalVersion is a version to push, and Token, the laptop's name for
// the state it was made from (MarkPushed is given it back).
type LocalVersion struct {
	Version
	Token string
	// AfterPrevious says the version is made from the one before it in
	// the list, of the same meeting (each amendment made here since the
	// last sync is a version of its own): its Parent is that one's
	// revision once pushed, and it is pushed only if that one was taken.
	AfterPrevious bool
}

// A PullOutcome is what the laptop did with a pulled version.
type PullOutcome int

const (
	PullSkipped  PullOutcome = iota // one the laptop holds already (its own, or older than its own)
	PullAdded                       // a meeting new to the laptop
	PullUpdated                     // the laptop's copy, unchanged since it last synced, moved on to it
	PullConflict                    // the laptop's copy changed too: both kept, for the chair
	PullRefused                     // not taken in: its minutes do not match its seal, or cannot be read
	PullDeleted                     // the meeting deleted everywhere: the laptop's copy deleted too
)

// A PullResult is what became of a pulled version: Refused says why one
// was not taken in.
type PullResult struct {
	Outcome PullOutcome
	Refused string
}

// ErrOtherServer is returned by a laptop that syncs with another server
// than the one it was given.
var ErrOtherServer = errors.New("this database syncs with another partnership server: its revisions mean nothing to this one (docs/server.md, \"One server\")")

// SyncSeal is a version's minutes and seal: its signed-off minutes in the
// interchange encoding, without follow-ups (which never change them), and
// the SHA-256 of them, the same on every laptop and worked out by the
// server too (its migration 3). Nil and empty for a draft.
func SyncSeal(m *Meeting) (minutes []byte, seal string, err error) {
	if !m.SignedOff() {
		return nil, "", nil
	}
	enc, err := MarshalMeeting(m.Minutes())
	if err != nil {
		return nil, "", err
	}
	return enc, SealOf(enc), nil
}

// SealOf is the seal of minutes in the interchange encoding.
func SealOf(minutes []byte) string {
	h := sha256.New()
	h.Write([]byte("strategy-minutes sync seal 1\n"))
	h.Write(minutes)
	return hex.EncodeToString(h.Sum(nil))
}

// A Replica is the laptop's database, as sync sees it.
type Replica interface {
	// SyncCursor is the last revision pulled from the server with the
	// id; ErrOtherServer when the laptop syncs with another.
	SyncCursor(ctx context.Context, serverID string) (int64, error)
	// ApplyPulled takes in pulled versions, in order, and moves the
	// cursor past the last, in one transaction: whatever stops sync, a
	// version is taken in once.
	ApplyPulled(ctx context.Context, vs []Version) ([]PullResult, error)
	// Unsynced returns the meetings changed since they last synced, each
	// as a version made from the revision it last synced at.
	Unsynced(ctx context.Context) ([]LocalVersion, error)
	// MarkPushed records, in one transaction, that each lvs[i] is on the
	// server as ps[i].Revision: its meeting is synced unless it changed
	// since lvs[i] was made.
	MarkPushed(ctx context.Context, lvs []LocalVersion, ps []Pushed) error
}

// A SyncStatus is how a laptop stands with the server, for the window to
// show: whether it syncs with one, how many meetings wait to be pushed,
// how many meetings have a conflict waiting for the chair.
type SyncStatus struct {
	Server    bool
	Waiting   int
	Conflicts int
}

// A SyncConflict is a version on the server kept beside the laptop's copy
// of a meeting: both changed since their common revision.
type SyncConflict struct {
	MeetingID string
	Revision  int64
	Theirs    *Meeting
	MadeBy    string
	MadeAt    time.Time
}

// A SyncResult counts what a sync did.
type SyncResult struct {
	Pulled, Added, Updated int
	Deleted                int // meetings deleted everywhere, whose copies here went too
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
	id, err := remote.ServerID(ctx)
	if err != nil {
		return res, err
	}
	cursor, err := local.SyncCursor(ctx, id)
	if err != nil {
		return res, err
	}
	if err := pull(ctx, local, remote, &cursor, &res, conflicts); err != nil {
		return res, err
	}
	pushedConflict, err := push(ctx, local, remote, &res, conflicts)
	if err != nil {
		return res, err
	}
	if pushedConflict {
		// The other head was pushed after this pull: bring it, so that
		// the chair sees both now, not at the next sync.
		if err := pull(ctx, local, remote, &cursor, &res, conflicts); err != nil {
			return res, err
		}
	}
	for id := range conflicts {
		res.Conflicts = append(res.Conflicts, id)
	}
	slices.Sort(res.Conflicts)
	return res, nil
}

// pull takes in every version after the cursor, a batch at a time.
func pull(ctx context.Context, local Replica, remote Remote, cursor *int64, res *SyncResult, conflicts map[string]bool) error {
	for {
		vs, err := remote.Pull(ctx, *cursor, pullBatch)
		if err != nil {
			return err
		}
		last := *cursor
		for _, v := range vs {
			if v.Revision <= last {
				return fmt.Errorf("pull: the server sent revision %d after %d", v.Revision, last)
			}
			last = v.Revision
		}
		if len(vs) > 0 {
			outs, err := local.ApplyPulled(ctx, vs)
			if err != nil {
				return err
			}
			if len(outs) != len(vs) {
				return fmt.Errorf("pull: %d versions taken in of %d", len(outs), len(vs))
			}
			*cursor = last
			for i, out := range outs {
				res.Pulled++
				if vs[i].Merges != 0 && out.Outcome != PullConflict && out.Outcome != PullRefused {
					// A settlement, taken in after the versions it settles.
					delete(conflicts, vs[i].MeetingID)
				}
				switch out.Outcome {
				case PullAdded:
					res.Added++
				case PullUpdated:
					res.Updated++
				case PullDeleted:
					res.Deleted++
				case PullConflict:
					conflicts[vs[i].MeetingID] = true
				case PullRefused:
					res.Refused = append(res.Refused, fmt.Sprintf("meeting %s, revision %d: %s", QuoteID(vs[i].MeetingID), vs[i].Revision, out.Refused))
				}
			}
		}
		if len(vs) < pullBatch {
			return nil
		}
	}
}

// push pushes what changed on the laptop, a batch at a time, and reports
// whether any push left its meeting in conflict.
func push(ctx context.Context, local Replica, remote Remote, res *SyncResult, conflicts map[string]bool) (bool, error) {
	conflicted := false
	lvs, err := local.Unsynced(ctx)
	if err != nil {
		return false, err
	}
	last := map[string]int64{} // each meeting's revision pushed last, 0 for one refused
	for len(lvs) > 0 {
		// A version made from the one before it waits for that one's
		// revision: it starts a batch of its own.
		if lv := &lvs[0]; lv.AfterPrevious {
			rev := last[lv.MeetingID]
			if rev == 0 {
				res.Refused = append(res.Refused, fmt.Sprintf("meeting %s: a later amendment waits for the one before it, which the server did not take", lv.MeetingID))
				lvs = lvs[1:]
				continue
			}
			lv.Parent = rev
		}
		n := 1
		for n < min(pushBatch, len(lvs)) && !lvs[n].AfterPrevious {
			n++
		}
		batch := lvs[:n]
		lvs = lvs[n:]
		vs := make([]Version, len(batch))
		for i := range batch {
			vs[i] = batch[i].Version
		}
		ps, err := remote.Push(ctx, vs)
		if err != nil {
			return conflicted, err
		}
		if len(ps) != len(batch) {
			return conflicted, fmt.Errorf("push: the server answered for %d versions of %d", len(ps), len(batch))
		}
		var stored []LocalVersion
		var took []Pushed
		for i, p := range ps {
			last[batch[i].MeetingID] = p.Revision
			if p.Refused != "" {
				last[batch[i].MeetingID] = 0
				res.Refused = append(res.Refused, p.Refused)
				continue
			}
			stored, took = append(stored, batch[i]), append(took, p)
			if p.Conflict() {
				conflicts[batch[i].MeetingID] = true
				conflicted = true
			}
		}
		if err := local.MarkPushed(ctx, stored, took); err != nil {
			return conflicted, err
		}
		for _, lv := range stored {
			if !lv.AfterPrevious {
				res.Pushed++ // a meeting, however many of its amendments
			}
		}
	}
	return conflicted, nil
}
