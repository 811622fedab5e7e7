package meeting

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Follow-ups are what happens after a meeting: an action done, the initial
// child protection conference held (or found not needed), the minutes sent
// to a partner. They are recorded at any time, after sign-off as well,
// never amending the minutes: the minutes' seal covers Minutes(), which
// leaves them out, and each follow-up is an entry of the audit log with who
// recorded it and when.

// ActionDone is an action recorded done after the meeting.
type ActionDone struct {
	On         Date
	RecordedBy string
	RecordedAt time.Time
}

// ICPC is what became of the initial child protection conference: held on
// a date, or not needed, and why.
type ICPC struct {
	HeldOn          Date
	NotNeededReason string
	RecordedBy      string
	RecordedAt      time.Time
}

// A Recipient is someone the minutes were sent to.
type Recipient struct {
	Name       string
	Agency     Agency
	Copy       Copy
	SentAt     time.Time
	RecordedBy string
}

// Minutes returns a copy of m without its follow-ups: what the chair
// signs off and the seal covers.
func (m *Meeting) Minutes() *Meeting {
	c := m.Clone()
	c.ICPC, c.Distribution = nil, nil
	for i := range c.Actions {
		c.Actions[i].Done = nil
	}
	return c
}

// HasFollowUps reports whether m holds any follow-up.
func (m *Meeting) HasFollowUps() bool {
	if m.ICPC != nil || len(m.Distribution) > 0 {
		return true
	}
	for _, a := range m.Actions {
		if a.Done != nil {
			return true
		}
	}
	return false
}

// ActionKey names action i of m for its follow-ups: its ID, or for an
// action recorded before actions had one, "#" and its number in the
// minutes (which only an amendment changes).
func (m *Meeting) ActionKey(i int) string {
	if id := m.Actions[i].ID; id != "" {
		return id
	}
	return "#" + strconv.Itoa(i+1)
}

// ActionByKey returns the index of the action ActionKey names, or -1.
func (m *Meeting) ActionByKey(key string) int {
	for i := range m.Actions {
		if m.ActionKey(i) == key {
			return i
		}
	}
	return -1
}

// A FollowUp is one follow-up to record for a meeting.
type FollowUp struct {
	Kind FollowUpKind
	// Action is the action's ActionKey, for FollowUpActionDone.
	Action string
	// On is the date the action was done (zero: it is open after all), or
	// the date the conference was held.
	On Date
	// Reason is why no conference is needed, for FollowUpICPC without On
	// (neither: what was recorded is withdrawn).
	Reason string
	// Recipient is who the minutes were sent to, for FollowUpSent.
	Recipient Recipient
	// RecordedBy and RecordedAt, when set, are who recorded it and when,
	// elsewhere (a follow-up imported); otherwise the store's user, now.
	RecordedBy string
	RecordedAt time.Time
}

// FollowUpsToImport returns the follow-ups of want (a file's meeting) to
// record for have (the stored one, the same minutes): only ever adding.
// An action done, or the conference's record, is taken when have holds
// none, or an older one (by when it was recorded) that differs; an older
// file never opens an action again, withdraws the conference's record or
// replaces a newer one. Each recipient have lacks is added.
func FollowUpsToImport(have, want *Meeting) []FollowUp {
	var out []FollowUp
	for _, f := range FollowUpsTo(have, want) {
		switch f.Kind {
		case FollowUpActionDone:
			if f.On.IsZero() {
				continue // open again: never by an import
			}
			if was := have.Actions[have.ActionByKey(f.Action)].Done; was != nil && !f.RecordedAt.After(was.RecordedAt) {
				continue
			}
		case FollowUpICPC:
			if f.On.IsZero() && f.Reason == "" {
				continue // withdrawn: never by an import
			}
			if have.ICPC != nil && !f.RecordedAt.After(have.ICPC.RecordedAt) {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// FollowUpsTo returns the follow-ups that bring have's to want's, for the
// same minutes: an action done or open again, the conference's record, a
// recipient have lacks (one have holds and want does not stays: the minutes
// were sent all the same).
func FollowUpsTo(have, want *Meeting) []FollowUp {
	var out []FollowUp
	for i, a := range want.Actions {
		key := want.ActionKey(i)
		j := have.ActionByKey(key)
		if j < 0 {
			continue
		}
		was := have.Actions[j].Done
		switch {
		case a.Done == nil && was != nil:
			out = append(out, FollowUp{Kind: FollowUpActionDone, Action: key})
		case a.Done != nil && (was == nil || was.On != a.Done.On):
			out = append(out, FollowUp{Kind: FollowUpActionDone, Action: key, On: a.Done.On,
				RecordedBy: a.Done.RecordedBy, RecordedAt: a.Done.RecordedAt})
		}
	}
	switch w, h := want.ICPC, have.ICPC; {
	case w == nil && h != nil:
		out = append(out, FollowUp{Kind: FollowUpICPC})
	case w != nil && (h == nil || h.HeldOn != w.HeldOn || h.NotNeededReason != w.NotNeededReason):
		out = append(out, FollowUp{Kind: FollowUpICPC, On: w.HeldOn, Reason: w.NotNeededReason,
			RecordedBy: w.RecordedBy, RecordedAt: w.RecordedAt})
	}
	held := map[Recipient]bool{}
	for _, r := range have.Distribution {
		r.RecordedBy = ""
		held[r] = true
	}
	for _, r := range want.Distribution {
		by := r.RecordedBy
		r.RecordedBy = ""
		if !held[r] {
			held[r] = true
			out = append(out, FollowUp{Kind: FollowUpSent, Recipient: r, RecordedBy: by})
		}
	}
	return out
}

// FollowUpKind is what a follow-up records.
type FollowUpKind string

// Kinds of follow-up.
const (
	FollowUpActionDone FollowUpKind = "action_done"
	FollowUpICPC       FollowUpKind = "icpc"
	FollowUpSent       FollowUpKind = "sent"
)

// FollowUps records follow-ups: allowed on signed-off minutes, which they
// never change.
type FollowUps interface {
	// RecordFollowUp records f for the meeting with the id, by the store's
	// user, now; a follow-up that changes nothing is not recorded.
	RecordFollowUp(ctx context.Context, id string, f FollowUp) error
}

// Apply returns a copy of m with f recorded by who at at, or the problems
// that refuse it (Validate's, naming the field).
func (m *Meeting) Apply(f FollowUp, who string, at time.Time) (*Meeting, error) {
	c := m.Clone()
	if f.RecordedBy != "" {
		who = f.RecordedBy
	}
	if !f.RecordedAt.IsZero() {
		at = f.RecordedAt
	}
	today := UKDate(at)
	switch f.Kind {
	case FollowUpActionDone:
		i := c.ActionByKey(f.Action)
		if i < 0 {
			return nil, Problems{{Field: "actions", Code: CodeInvalid, Message: "has no action " + QuoteID(f.Action)}}
		}
		field := fmt.Sprintf("actions[%d].done.on", i)
		switch {
		case !c.Actions[i].Completed.IsZero():
			return nil, Problems{{Field: fmt.Sprintf("actions[%d].done", i), Code: CodeInvalid,
				Message: "cannot be recorded: the minutes record the action completed"}}
		case f.On.After(today):
			return nil, Problems{{Field: field, Code: CodeOrder, Message: "is in the future"}}
		case f.On.IsZero() && c.Actions[i].Done == nil:
			return nil, Problems{{Field: field, Code: CodeInvalid, Message: "is not recorded: the action is open already"}}
		}
		if f.On.IsZero() {
			c.Actions[i].Done = nil
		} else {
			c.Actions[i].Done = &ActionDone{On: f.On, RecordedBy: who, RecordedAt: at}
		}
	case FollowUpICPC:
		if f.On.After(today) {
			return nil, Problems{{Field: "icpc.held_on", Code: CodeOrder, Message: "is in the future"}}
		}
		if f.On.IsZero() && strings.TrimSpace(f.Reason) == "" {
			c.ICPC = nil
		} else {
			c.ICPC = &ICPC{HeldOn: f.On, NotNeededReason: f.Reason, RecordedBy: who, RecordedAt: at}
		}
	case FollowUpSent:
		r := f.Recipient
		r.RecordedBy = who
		field := fmt.Sprintf("distribution[%d].sent_at", len(c.Distribution))
		switch {
		case r.SentAt.After(at.Add(signOffSkew)):
			return nil, Problems{{Field: field, Code: CodeOrder, Message: "is in the future"}}
		case !m.HeldAt.IsZero() && UKDate(r.SentAt).Before(m.HeldOn()):
			return nil, Problems{{Field: field, Code: CodeOrder, Message: "is before the meeting"}}
		}
		c.Distribution = append(c.Distribution, r)
	default:
		return nil, Problems{{Field: "follow_up", Code: CodeInvalid, Message: "is not a kind of follow-up"}}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// TakeFollowUps puts from's follow-ups in m, the same minutes: what the
// store holds since one was recorded.
func (m *Meeting) TakeFollowUps(from *Meeting) {
	c := from.Clone()
	m.ICPC, m.Distribution = c.ICPC, c.Distribution
	for i := range m.Actions {
		m.Actions[i].Done = nil
		if j := c.ActionByKey(m.ActionKey(i)); j >= 0 {
			m.Actions[i].Done = c.Actions[j].Done
		}
	}
}

// An OpenAction is an action not done, of any meeting: by the minutes'
// completed date or by a follow-up since.
type OpenAction struct {
	Meeting   string // the meeting's id
	Reference string
	HeldAt    time.Time
	SignedOff bool
	Key       string // the action's ActionKey
	Action    Action
}

// OpenActionFilter selects open actions; zero fields select all.
type OpenActionFilter struct {
	Agency Agency
	Owner  string // contained in the owner's name, ignoring case
	Limit  int    // at most this many (0: all)
}

// OpenActions lists the actions not done across meetings.
type OpenActions interface {
	// OpenActions returns the open actions f selects, by due date, oldest
	// first (so the overdue come first), then those with no due date, and
	// how many f selects in all.
	OpenActions(ctx context.Context, f OpenActionFilter) ([]OpenAction, int, error)
}
