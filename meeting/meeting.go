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

	// The discussion, in the order a meeting runs (issue 13).
	Information   []Information // what each agency shared
	Analysis      Analysis
	Police        Police
	Medical       Medical
	Legal         Legal
	SafetyPlan    string       // what keeps the child safe now
	FamilyPlan    []FamilyLine // what each family member is told
	Household     []Member     // adults and children in the household or in contact
	OtherChildren string       // other children considered, when the household lists none
	NextMeetingAt time.Time    // zero: none set
	// PreviousMeetingID is the meeting this one reconvenes, "" for none.
	PreviousMeetingID string

	// Follow-ups (followup.go): what happened after the meeting, recorded
	// without amending the minutes.
	ICPC         *ICPC       // the initial conference held, or not needed; nil: neither recorded
	Distribution []Recipient // who received the minutes

	// SignOffRules is the version of the sign-off rules the minutes were
	// signed off under: RulesLegacy for minutes signed off before the
	// statutory questions (checklist.go) were asked, RulesChecklist since.
	SignOffRules int
}

// Versions of the sign-off rules.
const (
	RulesLegacy    = 0 // children, chair, a decision, consent, actions' owners and dates
	RulesChecklist = 2 // and the statutory questions, every child's decision
)

// Information is one agency's contribution to the discussion.
type Information struct {
	Agency      Agency
	Service     Service
	SharedBy    string
	Summary     string // what the agency knows
	Checks      string // the checks done: PNC/PND, GP and health visitor records, school
	Outstanding string // what is still to come
	View        ThresholdView
}

// Analysis is the meeting's weighing of what was shared.
type Analysis struct {
	Worries   string // what we are worried about
	Strengths string // what is working well: strengths and protective factors
	Dissent   string // any agency's disagreement with the decision, and why
}

// Police is the police investigation agreed at the meeting.
type Police struct {
	Investigation  Investigation
	Reason         string // why there will be none, or when it will be decided
	CrimeReference string
	Officer        string // officer in charge
	Plan           string // interviews, order of visits, evidence, what the family may be told
}

// Medical is the decision about a child protection medical.
type Medical struct {
	Decision   MedicalDecision
	Reason     string
	ArrangedBy string
}

// Legal is the decision about legal advice or a legal planning meeting.
type Legal struct {
	Decision LegalDecision
	Reason   string
}

// A FamilyLine is what one family member is told, by whom and when, or that
// it is withheld, why and until when. It is separate from consent for
// checks.
type FamilyLine struct {
	Person         string // a name or a role ("mother")
	Relationship   Relationship
	What           string
	By             string
	On             Date
	Withheld       bool
	WithheldReason string
	WithheldUntil  Date
}

// A Member is an adult or child in the household or in contact with the
// person alleged to have caused harm.
type Member struct {
	ID             string // unique within the meeting
	Name           string
	Relationship   Relationship
	DateOfBirth    Date // zero when unknown
	LivesWithChild bool
	Alleged        bool // the person alleged to have caused harm
	Note           string
}

// AllegedChild reports whether the member is alleged to have caused harm
// and is under 18 on the day: a separate discussion is needed for them.
func (p Member) AllegedChild(on Date) bool {
	return p.Alleged && !p.DateOfBirth.IsZero() && on.Before(p.DateOfBirth.AddYears(18))
}

// A Child is a child discussed at the meeting.
type Child struct {
	ID            string // unique within the meeting; decisions refer to it
	Name          string
	DateOfBirth   Date // zero when unknown or unborn
	CaseReference string
	Views         string // the child's own wishes and feelings
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
	// ID is stable and unique across meetings (NewID); "" for an action
	// recorded before actions had one (ActionKey).
	ID          string
	Description string
	Owner       string
	Agency      Agency
	Due         Date
	// Completed is the date the minutes record it done by.
	Completed Date
	// CarriedFrom is the ID of the earlier meeting's action this one
	// carries on.
	CarriedFrom string
	// Done is a follow-up (followup.go): recorded done since, without
	// amending the minutes; nil when not.
	Done *ActionDone
	// DroppedReason says why an action carried from an earlier meeting is
	// not carried on (reconvene.go); "" for one that is.
	DroppedReason string
}

// Closed reports whether the action needs nothing more: done, or dropped.
func (a Action) Closed() bool { return !a.DoneOn().IsZero() || a.DroppedReason != "" }

// DoneOn returns the date the action was done, by the minutes or by a
// follow-up since; zero while it is open.
func (a Action) DoneOn() Date {
	if !a.Completed.IsZero() {
		return a.Completed
	}
	if a.Done != nil {
		return a.Done.On
	}
	return Date{}
}

// Overdue reports whether the action was due before asOf and is not done.
func (a Action) Overdue(asOf Date) bool {
	return !a.Due.IsZero() && !a.Closed() && a.Due.Before(asOf)
}

// CompletedLate reports whether the action was completed after its due date.
func (a Action) CompletedLate() bool {
	done := a.DoneOn()
	return !a.Due.IsZero() && !done.IsZero() && done.After(a.Due)
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
	for i, a := range c.Actions {
		if a.Done != nil {
			done := *a.Done
			c.Actions[i].Done = &done
		}
	}
	if m.ICPC != nil {
		icpc := *m.ICPC
		c.ICPC = &icpc
	}
	c.Distribution = append([]Recipient(nil), m.Distribution...)
	c.Information = append([]Information(nil), m.Information...)
	c.FamilyPlan = append([]FamilyLine(nil), m.FamilyPlan...)
	c.Household = append([]Member(nil), m.Household...)
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
	return m.stateOf(func(at Attendee) bool { return at.Agency == a })
}

// ServiceState is AgencyState over the rows of one service of agency a:
// how a health service took part, say.
func (m *Meeting) ServiceState(a Agency, s Service) AgencyState {
	return m.stateOf(func(at Attendee) bool { return at.Agency == a && at.Service == s })
}

// stateOf is the best state of the attendee rows of which says true.
func (m *Meeting) stateOf(of func(Attendee) bool) AgencyState {
	best := StateNotInvited
	for _, at := range m.Attendees {
		if !of(at) {
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
