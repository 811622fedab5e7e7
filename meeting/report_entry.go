package meeting

import (
	"fmt"
	"slices"
)

// A ReportEntry is what one meeting adds to the report: the few facts of it
// that the report counts, worked out once from the whole meeting. A store
// keeps one beside each meeting, brought up to date as the meeting is saved
// and followed up, so that a report over a million meetings reads one small
// entry for each instead of every row of every meeting (storage.DB.Report).
//
// EntryOf makes a meeting's entry; Report.AddEntry counts it as Report.Add
// counts the meeting. Nothing in an entry depends on the period, the as-of
// date or the calendar: those are applied when it is counted, so an entry
// stays right when a new list of bank holidays is imported.
type ReportEntry struct {
	HeldUnix int64 // the time held, in seconds: the order of MissingStatutory.Meetings
	HeldOn   Date  // its UK date

	// ID and Reference are the meeting's, for MissingStatutory's lists; a
	// store may leave them out of an entry without a missing partner.
	ID, Reference string

	// Agencies are the states of Agencies.Codes(), in order; Services the
	// states of the health services of HealthServices.Codes(), in order,
	// then of the health rows with no service recorded.
	Agencies []EntryState
	Services []EntryState

	ConsentRecorded bool          // the meeting has a consent record
	Consent         ConsentStatus // its status
	NoReason        bool          // its reason is blank
	NoParentsViews  bool          // its parents' views are blank

	// Outcomes has bit i set when a decision has outcome Outcomes.Codes()[i].
	Outcomes uint64

	Actions       int    // actions agreed
	NoDueDate     int    // of them, with no due date
	CompletedLate int    // done after their due date
	OpenDue       []Date // the due dates of those neither done nor dropped

	ReferralOn Date // the referral's UK date; zero when not recorded

	// ICPCRecorded says an initial conference is recorded: held on
	// ICPCHeldOn, or not needed when that is zero.
	ICPCRecorded bool
	ICPCHeldOn   Date

	// CaseKeys are the children's case keys (CaseKey), each once;
	// NoCaseReference counts the children entered without one.
	CaseKeys        []string
	NoCaseReference int
}

// An EntryState is an AgencyState as a small number (a report counts a
// million entries' states, and compares numbers quicker than strings).
type EntryState uint8

// The entry states, as AgencyState's, in its order.
const (
	EntryNotInvited EntryState = iota
	EntryAttended
	EntryInformationOnly
	EntryAbsent
)

// EntryStateOf is state as an EntryState.
func EntryStateOf(state AgencyState) EntryState {
	switch state {
	case StateAttended:
		return EntryAttended
	case StateInformationOnly:
		return EntryInformationOnly
	case StateAbsent:
		return EntryAbsent
	}
	return EntryNotInvited
}

// An entry holds outcomes as bits of a uint64.
func init() {
	if n := len(Outcomes.Codes()); n > 64 {
		panic(fmt.Sprintf("meeting: %d outcomes do not fit a ReportEntry", n))
	}
}

// EntryOf returns what meeting m adds to the report (m with its follow-ups:
// an action done since, the initial conference).
func EntryOf(m *Meeting) *ReportEntry {
	e := &ReportEntry{
		HeldUnix: m.HeldAt.Unix(), HeldOn: m.HeldOn(),
		ID: m.ID, Reference: m.Reference,
	}
	for _, a := range Agencies.Codes() {
		e.Agencies = append(e.Agencies, EntryStateOf(m.AgencyState(a)))
	}
	for _, s := range HealthServices.Codes() {
		e.Services = append(e.Services, EntryStateOf(m.ServiceState(AgencyHealth, s)))
	}
	e.Services = append(e.Services, EntryStateOf(m.ServiceState(AgencyHealth, "")))
	if c := m.Consent; c != nil {
		e.ConsentRecorded, e.Consent = true, c.Status
		e.NoReason, e.NoParentsViews = Blank(c.Reason), Blank(c.ParentsViews)
	}
	codes := Outcomes.Codes()
	for _, d := range m.Decisions {
		if i := slices.Index(codes, d.Outcome); i >= 0 {
			e.Outcomes |= 1 << i
		}
	}
	for _, a := range m.Actions {
		e.Actions++
		switch {
		case a.Due.IsZero():
			e.NoDueDate++
		case !a.Closed():
			e.OpenDue = append(e.OpenDue, a.Due)
		case a.CompletedLate():
			e.CompletedLate++
		}
	}
	if !m.HeldAt.IsZero() && !m.ReferralReceivedAt.IsZero() {
		e.ReferralOn = UKDate(m.ReferralReceivedAt)
	}
	if m.ICPC != nil {
		e.ICPCRecorded, e.ICPCHeldOn = true, m.ICPC.HeldOn
	}
	for _, c := range m.Children {
		key := CaseKey(c.CaseReference)
		switch {
		case key == "":
			e.NoCaseReference++
		case !slices.Contains(e.CaseKeys, key):
			e.CaseKeys = append(e.CaseKeys, key)
		}
	}
	return e
}

// Section47 reports whether a decision of the entry's meeting starts
// section 47 enquiries (StartsSection47).
func (e *ReportEntry) Section47() bool {
	return e.Outcomes&section47Bits != 0
}

var section47Bits = func() uint64 {
	codes := Outcomes.Codes()
	return 1<<slices.Index(codes, OutcomeS47Joint) | 1<<slices.Index(codes, OutcomeS47Single)
}()

// MissingStatutory reports whether a statutory partner did not attend.
func (e *ReportEntry) MissingStatutory() bool {
	for _, i := range statutoryIndexes {
		if e.Agencies[i] != EntryAttended {
			return true
		}
	}
	return false
}

// statutoryIndexes are the StatutoryPartners' places in Agencies.Codes().
var statutoryIndexes = func() []int {
	var is []int
	for _, a := range StatutoryPartners {
		is = append(is, slices.Index(Agencies.Codes(), a))
	}
	return is
}()

// AddEntry counts the meeting of entry e when it was held in the period, as
// Add counts the meeting, and reports whether it was; it keeps none of e's
// strings or slices, so a store may pass strings that share a buffer it
// reuses. The children are not counted here: the store counts each case
// key's meetings over the period (from e.CaseKeys, or its own numbers for
// them) and passes each child's count to AddChild; e.NoCaseReference is
// added to Repeats here. It panics after Finish.
func (r *Report) AddEntry(e *ReportEntry) bool {
	if r.finished {
		panic("meeting: Report.AddEntry after Finish")
	}
	if !r.InPeriod(e.HeldOn) {
		return false
	}
	r.Meetings++
	month := &r.Monthly[r.MonthIndex(e.HeldOn)]
	month.Meetings++

	if r.monthlyAt == nil {
		for _, a := range r.Agencies {
			r.monthlyAt = append(r.monthlyAt, slices.Index(MonthlyAgencies, a.Agency))
		}
	}
	for i := range r.Agencies {
		ac := &r.Agencies[i]
		switch e.Agencies[i] {
		case EntryAttended:
			ac.Attended++
			if k := r.monthlyAt[i]; k >= 0 {
				month.Attended[k].Count++
			}
		case EntryInformationOnly:
			ac.InformationOnly++
		case EntryAbsent:
			ac.Absent++
		default:
			ac.NotInvited++
		}
	}
	if e.MissingStatutory() {
		r.MissingStatutory.Count++
		month.MissingStatutory++
		for k, i := range statutoryIndexes {
			if e.Agencies[i] != EntryAttended {
				r.MissingStatutory.ByAgency[k].Count++
			}
		}
		r.addHeld(e.HeldUnix, e.ID, e.Reference)
	}

	for i := range r.HealthServices {
		sc := &r.HealthServices[i]
		switch e.Services[i] {
		case EntryAttended:
			sc.Attended++
		case EntryInformationOnly:
			sc.InformationOnly++
		case EntryAbsent:
			sc.Absent++
		}
	}
	if e.Services[len(r.HealthServices)] == EntryAttended {
		r.HealthServiceNotRecorded++
	}

	c := &r.Consent
	if !e.ConsentRecorded {
		c.NotRecorded++
		c.ParentsViewsNotRecorded++
	} else {
		switch e.Consent {
		case ConsentGiven:
			c.Given++
		case ConsentRefused:
			c.Refused++
		case ConsentOverridden:
			c.Overridden++
		case ConsentNotSought:
			c.NotSought++
		}
		if e.Consent == ConsentOverridden || e.Consent == ConsentNotSought {
			c.WithoutConsent++
			if e.NoReason {
				c.WithoutConsentNoReason++
			}
		}
		if e.NoParentsViews {
			c.ParentsViewsNotRecorded++
		}
	}

	for i := range r.Outcomes {
		if e.Outcomes&(1<<i) != 0 {
			r.Outcomes[i].Count++
		}
	}
	s47 := e.Section47()
	if s47 {
		r.Section47++
	}

	cal := r.calendar()
	if !e.ReferralOn.IsZero() {
		r.Timeliness.ReferralToMeeting.AddReferralDays(cal.WorkingDays(e.ReferralOn, e.HeldOn), 1)
	}
	if s47 {
		var icpc *ICPC
		if e.ICPCRecorded {
			icpc = &ICPC{HeldOn: e.ICPCHeldOn}
		}
		// Entries come in order of time: the last day's due date is often this one's.
		if r.dueFor.held != e.HeldOn {
			r.dueFor.held, r.dueFor.due = e.HeldOn, cal.icpcDueOn(e.HeldOn)
		}
		r.AddICPC(icpcStateBy(r.dueFor.due, icpc), r.dueFor.due, 1)
	}
	r.Repeats.NoCaseReference += e.NoCaseReference

	a := &r.Actions
	a.Total += e.Actions
	a.NoDueDate += e.NoDueDate
	a.CompletedLate += e.CompletedLate
	for _, due := range e.OpenDue {
		if due.Before(r.AsOf) {
			a.Overdue++
		}
	}
	return true
}
