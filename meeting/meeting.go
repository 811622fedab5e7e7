// Package meeting is the domain of Strategy Minutes: the record of a
// multi-agency child-protection strategy meeting, its vocabulary, its
// validation and the interchange format. It depends on the standard library
// only; storage and screens depend on it, never the other way round.
package meeting

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"
)

// A Meeting is the record of one strategy meeting or discussion.
type Meeting struct {
	ID                 string // stable across laptops; a UUID for new meetings
	Reference          string // the local authority's own reference, optional
	Type               Type
	Mode               Mode
	HeldAt             time.Time // with the offset it was recorded in
	ReferralReceivedAt time.Time // zero when not known
	Chair              string
	MinuteTaker        string
	Reason             string
	Children           []Child
	Attendees          []Attendee
	Consent            *Consent // nil: not recorded
	Decisions          []Decision
	Actions            []Action
	SignedOffAt        time.Time // zero while a draft
	SignedOffBy        string
	// MissingPartnersReason says why a statutory partner did not attend;
	// sign-off needs it when one is missing.
	MissingPartnersReason string
}

// A Child is a child discussed at the meeting.
type Child struct {
	ID            string // unique within the meeting; decisions refer to it
	Name          string
	DateOfBirth   Date // zero when unknown or unborn
	CaseReference string
}

// An Attendee is one person (or one agency's contribution) on the
// attendance list.
type Attendee struct {
	Name       string
	Role       string
	Agency     Agency
	Service    Service // for health and education only
	Attendance Attendance
	Referrer   bool // the attendee's agency made the referral
	Note       string
}

// Consent records how consent for checks and information sharing was handled.
type Consent struct {
	Status                ConsentStatus
	Reason                string // why consent was overridden or not sought
	DecidedBy             string
	AuthorisedBy          string
	LawfulBasis           LawfulBasis
	ParentsInformed       ParentsInformed
	ParentsInformedOn     Date
	ParentsInformedReason string
	ParentsViews          string
	ChildViews            string
}

// WithoutConsent reports whether information was shared without the
// family's consent: overridden, or not sought.
func (c *Consent) WithoutConsent() bool {
	return c != nil && (c.Status == ConsentOverridden || c.Status == ConsentNotSought)
}

// A Decision is a typed outcome with its rationale and the children it
// covers; no children means every child of the meeting.
type Decision struct {
	Outcome   Outcome
	Rationale string
	Children  []string // Child IDs
}

// An Action is a task agreed at the meeting.
type Action struct {
	Description string
	Owner       string
	Agency      Agency
	Due         Date
	Completed   Date
}

// Overdue reports whether the action was due before asOf and is not done.
func (a Action) Overdue(asOf Date) bool {
	return !a.Due.IsZero() && a.Completed.IsZero() && a.Due.Before(asOf)
}

// CompletedLate reports whether the action was completed after its due date.
func (a Action) CompletedLate() bool {
	return !a.Due.IsZero() && !a.Completed.IsZero() && a.Completed.After(a.Due)
}

// Clone returns a deep copy of m, so that a snapshot can be saved while the
// original is still being edited.
func (m *Meeting) Clone() *Meeting {
	c := *m
	c.Children = append([]Child(nil), m.Children...)
	c.Attendees = append([]Attendee(nil), m.Attendees...)
	if m.Consent != nil {
		consent := *m.Consent
		c.Consent = &consent
	}
	c.Decisions = make([]Decision, len(m.Decisions))
	for i, d := range m.Decisions {
		d.Children = append([]string(nil), d.Children...)
		c.Decisions[i] = d
	}
	if m.Decisions == nil {
		c.Decisions = nil
	}
	c.Actions = append([]Action(nil), m.Actions...)
	return &c
}

// SignedOff reports whether the chair has signed the minutes off.
func (m *Meeting) SignedOff() bool { return !m.SignedOffAt.IsZero() }

// HeldOn returns the UK local calendar date on which the meeting was held.
func (m *Meeting) HeldOn() Date { return UKDate(m.HeldAt) }

// AgencyState is the best attendance of an agency's rows at one meeting.
type AgencyState string

// Agency states, best first.
const (
	StateAttended        AgencyState = "attended"
	StateInformationOnly AgencyState = "information_only"
	StateAbsent          AgencyState = "absent"
	StateNotInvited      AgencyState = "not_invited"
)

// AgencyState returns the state of agency a at the meeting: attended when any
// of its rows attended (in whole or part), information only when it sent a
// report, absent when it gave apologies or did not attend, and not invited
// when it has no rows or only "not invited" rows.
func (m *Meeting) AgencyState(a Agency) AgencyState {
	best := StateNotInvited
	for _, at := range m.Attendees {
		if at.Agency != a {
			continue
		}
		switch at.Attendance {
		case Attended, AttendedPart:
			return StateAttended
		case ApologiesInfo:
			best = StateInformationOnly
		case Apologies, DidNotAttend:
			if best == StateNotInvited {
				best = StateAbsent
			}
		}
	}
	return best
}

// MissingStatutory returns the statutory partners that did not attend.
func (m *Meeting) MissingStatutory() []Agency {
	var missing []Agency
	for _, a := range StatutoryPartners {
		if m.AgencyState(a) != StateAttended {
			missing = append(missing, a)
		}
	}
	return missing
}

// A Summary is what the meetings list shows of one meeting.
type Summary struct {
	ID               string
	Reference        string
	Type             Type
	HeldAt           time.Time
	Chair            string
	Children         []string // names
	SignedOff        bool
	MissingStatutory []Agency
}

// Filter selects meetings. Zero fields select everything.
type Filter struct {
	From, To Date   // UK local dates of HeldAt, inclusive
	Text     string // matched against child names, case references, meeting reference, chair
	Status   Status // drafts or signed-off meetings only; "" for both
	Limit    int
	Offset   int
}

// Status is whether minutes are a draft or signed off.
type Status string

// Statuses of minutes.
const (
	StatusDraft     Status = "draft"
	StatusSignedOff Status = "signed_off"
)

// A Person is someone who has attended before, offered when a name is typed
// again.
type Person struct {
	Name    string
	Role    string
	Agency  Agency
	Service Service
}

// Reporter computes the partner-participation report over the meetings
// held from one UK date to another, with actions judged as of a third.
type Reporter interface {
	Report(ctx context.Context, from, to, asOf Date) (*Report, error)
}

// NewID returns a new random meeting id: a version 4 UUID, so that meetings
// made on different laptops never share one.
func NewID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ErrNotFound is returned for a meeting that is not stored.
var ErrNotFound = errors.New("meeting not found")

// Store keeps meetings. The storage package implements it with SQLite; the
// screens and commands use it and nothing else.
type Store interface {
	// Meeting returns the stored meeting with the id, or ErrNotFound.
	Meeting(ctx context.Context, id string) (*Meeting, error)
	// SaveMeeting validates m and stores it, replacing any meeting with the
	// same id, in one transaction.
	SaveMeeting(ctx context.Context, m *Meeting) error
	// Summaries lists meetings newest first.
	Summaries(ctx context.Context, f Filter) ([]Summary, error)
	// Meetings returns complete meetings, oldest first then by id.
	Meetings(ctx context.Context, f Filter) ([]*Meeting, error)
	// Count returns how many meetings f selects.
	Count(ctx context.Context, f Filter) (int, error)
	// People returns attendees of earlier meetings whose name contains
	// text (everyone for ""), most frequent first, at most limit of them.
	People(ctx context.Context, text string, limit int) ([]Person, error)
}
