package meeting

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A Report is the partner-participation report of the safeguarding
// partnership over the meetings held in a period (docs/report.md defines
// every figure). It mirrors the report's JSON field by field, so that the
// command line, the Reports view and the PDF all render the same numbers
// without counting again.
//
// Build one with NewReport, pass it every meeting with Add (one at a time,
// so that any number of meetings can be counted without holding them;
// meetings held outside the period are ignored) and call Finish once at the
// end. storage.DB.Report computes the same with SQL.
type Report struct {
	From     Date `json:"-"` // first UK local date of the period, inclusive; "from" in JSON
	To       Date `json:"-"` // last UK local date of the period, inclusive; "to" in JSON
	AsOf     Date `json:"-"` // the day actions are judged overdue against; "as_of" in JSON
	Meetings int  `json:"meetings"`

	// Agencies has one entry for every agency code, in vocabulary order.
	Agencies []AgencyCount `json:"agencies"`
	// HealthServices has one entry for every health service code, in
	// vocabulary order.
	HealthServices []ServiceCount `json:"health_services"`
	// HealthServiceNotRecorded counts meetings in which a health attendee
	// with no service recorded attended.
	HealthServiceNotRecorded int `json:"health_service_not_recorded"`

	MissingStatutory MissingStatutory `json:"missing_statutory"`
	Consent          ConsentCounts    `json:"consent"`

	// Outcomes counts, for every outcome code, the meetings with at least
	// one decision of that outcome.
	Outcomes Counts[Outcome] `json:"outcomes"`
	// Section47 counts meetings that decided on a section 47 enquiry (joint
	// or single-agency); Section47Rate is that share of Meetings.
	Section47     int     `json:"section47"`
	Section47Rate float64 `json:"section47_rate"`

	Actions ActionCounts `json:"actions"`

	// Monthly has one entry for every calendar month of the period, in
	// order, including months without meetings.
	Monthly []MonthCount `json:"monthly"`

	Timeliness Timeliness     `json:"timeliness"`
	Repeats    RepeatMeetings `json:"repeat_meetings"`

	// Previous is the report of the period before (PreviousPeriod), to
	// compare with; nil when not asked for. Set by whoever made both.
	Previous *Report `json:"previous,omitempty"`

	// Calendar counts the working days; nil is the built-in calendar.
	Calendar *Calendar `json:"-"`

	pending  []heldMeeting // meetings missing a statutory partner, sorted by Finish
	held     []byte        // their ids and references, one after another
	finished bool
	// monthlyAt is each agency's place in a month's Attended, -1 for none,
	// and dueFor the conference due date of the last day asked (AddEntry).
	monthlyAt []int
	dueFor    struct{ held, due Date }
	// children are the period's meetings of each child, by case key, for
	// Repeats (Add only: storage counts them with SQL).
	children map[string]map[string]bool
}

// Timeliness is how long the period's meetings took, in working days
// (Calendar.WorkingDays).
type Timeliness struct {
	ReferralToMeeting ReferralTimes `json:"referral_to_meeting"`
	ICPC              ICPCCounts    `json:"icpc"`
}

// ReferralTimes are the working days from each meeting's referral to the
// meeting: Recorded + NotRecorded = meetings.
type ReferralTimes struct {
	Recorded    int `json:"recorded"`
	NotRecorded int `json:"not_recorded"`
	// MedianWorkingDays is over the recorded ones: the middle value, or the
	// mean of the two middle values, to 1 decimal place; 0 when none.
	MedianWorkingDays    float64 `json:"median_working_days"`
	SameOrNextWorkingDay int     `json:"same_or_next_working_day"` // 1 working day or fewer
	Over5WorkingDays     int     `json:"over_5_working_days"`      // more than 5

	days  map[int]int // how many meetings took each number of days
	short []int       // the same for 0 to shortDays-1 days, most of them: quicker than the map
}

// ICPCCounts are the initial child protection conferences of the period's
// meetings with a section 47 decision (Due of them): HeldInTime + HeldLate +
// NotNeeded + Overdue + Pending = Due.
type ICPCCounts struct {
	Due        int `json:"due"`
	HeldInTime int `json:"held_in_time"` // held on or before the due date
	HeldLate   int `json:"held_late"`    // held after it
	NotNeeded  int `json:"not_needed"`   // not held, with a reason why none is needed
	Overdue    int `json:"overdue"`      // neither, and due before as_of
	Pending    int `json:"pending"`      // neither, and due on or after as_of
}

// RepeatMeetings are about children discussed at more than one of the
// period's meetings. A child is known across meetings by its case reference
// (CaseKey) only: children without one are never taken to be the same
// child, and are counted apart.
type RepeatMeetings struct {
	Children        int `json:"children"`          // different case references among the period's meetings
	MoreThanOne     int `json:"more_than_one"`     // of them, at two or more different meetings
	ThreeOrMore     int `json:"three_or_more"`     // of them, at three or more
	NoCaseReference int `json:"no_case_reference"` // children of the period's meetings entered without one
}

// AddReferralDays counts n meetings whose referral came days working days
// before the meeting.
func (t *ReferralTimes) AddReferralDays(days, n int) {
	switch {
	case days >= 0 && days < shortDays:
		if t.short == nil {
			t.short = make([]int, shortDays)
		}
		t.short[days] += n
	default:
		if t.days == nil {
			t.days = map[int]int{}
		}
		t.days[days] += n
	}
	t.Recorded += n
	if days <= 1 {
		t.SameOrNextWorkingDay += n
	}
	if days > 5 {
		t.Over5WorkingDays += n
	}
}

// shortDays bounds the referral times counted in ReferralTimes.short.
const shortDays = 64

// median works out MedianWorkingDays from the days counted.
func (t *ReferralTimes) median() {
	t.MedianWorkingDays = 0
	if t.Recorded == 0 {
		return
	}
	for days, n := range t.short {
		if n > 0 {
			if t.days == nil {
				t.days = map[int]int{}
			}
			t.days[days] += n
		}
	}
	t.short = nil
	values := slices.Sorted(maps.Keys(t.days))
	// nth returns the nth smallest (from 0) of the recorded days.
	nth := func(n int) int {
		for _, v := range values {
			if n < t.days[v] {
				return v
			}
			n -= t.days[v]
		}
		return values[len(values)-1]
	}
	mid := float64(nth((t.Recorded-1)/2)+nth(t.Recorded/2)) / 2
	t.MedianWorkingDays = math.Round(mid*10) / 10
	t.days = nil // a finished report is its figures alone, as its JSON
}

// AddICPC counts n meetings with a section 47 decision whose conference is
// in state (held in time, late, not needed, or "" for none recorded), due
// on due.
func (r *Report) AddICPC(state ICPCState, due Date, n int) {
	c := &r.Timeliness.ICPC
	c.Due += n
	switch {
	case state == ICPCHeldInTime:
		c.HeldInTime += n
	case state == ICPCHeldLate:
		c.HeldLate += n
	case state == ICPCNotNeeded:
		c.NotNeeded += n
	case due.Before(r.AsOf): // none recorded
		c.Overdue += n
	default:
		c.Pending += n
	}
}

// An ICPCState is what is recorded of a meeting's initial conference.
type ICPCState string

const (
	ICPCNotRecorded ICPCState = ""
	ICPCHeldInTime  ICPCState = "held_in_time"
	ICPCHeldLate    ICPCState = "held_late"
	ICPCNotNeeded   ICPCState = "not_needed"
)

// ICPCStateOf says what is recorded of the initial conference of m against
// its due date; ok is false for a meeting without a section 47 decision.
func (c *Calendar) ICPCStateOf(m *Meeting) (state ICPCState, due Date, ok bool) {
	if m.HeldAt.IsZero() || !StartsSection47(m) {
		return "", Date{}, false
	}
	state, due = c.ICPCState(m.HeldOn(), m.ICPC)
	return state, due, true
}

// ICPCState says what icpc (nil: nothing recorded) is against the due date
// of the conference of a section 47 decision made on the UK date held.
func (c *Calendar) ICPCState(held Date, icpc *ICPC) (ICPCState, Date) {
	due := c.icpcDueOn(held)
	return icpcStateBy(due, icpc), due
}

// icpcStateBy says what icpc is against the due date.
func icpcStateBy(due Date, icpc *ICPC) ICPCState {
	switch {
	case icpc == nil:
		return ICPCNotRecorded
	case icpc.HeldOn.IsZero():
		return ICPCNotNeeded
	case icpc.HeldOn.After(due):
		return ICPCHeldLate
	default:
		return ICPCHeldInTime
	}
}

// calendar is the report's calendar.
func (r *Report) calendar() *Calendar {
	if r.Calendar == nil {
		return builtIn
	}
	return r.Calendar
}

// An AgencyCount is how many meetings an agency attended, sent information
// to only, was absent from and was not invited to. The four add up to the
// report's meetings.
type AgencyCount struct {
	Agency          Agency  `json:"agency"`
	Attended        int     `json:"attended"`
	InformationOnly int     `json:"information_only"`
	Absent          int     `json:"absent"`
	NotInvited      int     `json:"not_invited"`
	AttendanceRate  float64 `json:"attendance_rate"` // Attended / meetings
}

// A ServiceCount is how many meetings a health service attended, sent
// information to only, and was absent from, as AgencyCount counts an
// agency's (by the best of the service's rows).
type ServiceCount struct {
	Service         Service `json:"service"`
	Attended        int     `json:"attended"`
	InformationOnly int     `json:"information_only"`
	Absent          int     `json:"absent"`
}

// MissingStatutory is about meetings at which at least one statutory
// partner (social care, police, health) did not attend.
type MissingStatutory struct {
	Count    int            `json:"count"`
	Rate     float64        `json:"rate"`      // Count / meetings
	ByAgency Counts[Agency] `json:"by_agency"` // meetings each statutory partner did not attend
	Meetings []string       `json:"meetings"`  // their ids, by time held (to the second), then id
	// References are their references, in the same order ("" for one
	// without): what a board paper lists, since people know a meeting by it.
	References []string `json:"references"`
}

// ConsentCounts counts meetings by how consent for checks and information
// sharing was handled. Given + Refused + Overridden + NotSought +
// NotRecorded = meetings.
type ConsentCounts struct {
	Given       int `json:"given"`
	Refused     int `json:"refused"`
	Overridden  int `json:"overridden"`
	NotSought   int `json:"not_sought"`
	NotRecorded int `json:"not_recorded"` // no consent record
	// WithoutConsent is Overridden + NotSought.
	WithoutConsent int `json:"without_consent"`
	// WithoutConsentNoReason counts meetings without consent whose reason
	// is blank (empty or white space only).
	WithoutConsentNoReason int `json:"without_consent_no_reason"`
	// ParentsViewsNotRecorded counts meetings with no consent record or a
	// blank parents' views.
	ParentsViewsNotRecorded int `json:"parents_views_not_recorded"`
	// WithoutConsentRate is WithoutConsent / meetings; NoReasonRate is
	// WithoutConsentNoReason / WithoutConsent (0 when there are none).
	WithoutConsentRate float64 `json:"without_consent_rate"`
	NoReasonRate       float64 `json:"without_consent_no_reason_rate"`
}

// ActionCounts counts the actions agreed at the meetings of the period.
type ActionCounts struct {
	Total         int `json:"total"`
	NoDueDate     int `json:"no_due_date"`
	Overdue       int `json:"overdue"`        // due before as_of and not completed
	CompletedLate int `json:"completed_late"` // completed after the due date
}

// A MonthCount is one calendar month (of UK local dates) of the period.
type MonthCount struct {
	Month    string `json:"month"` // YYYY-MM
	Meetings int    `json:"meetings"`
	// Attended counts the meetings each of MonthlyAgencies attended.
	Attended Counts[Agency] `json:"attended"`
	// MissingStatutory counts the month's meetings missing a statutory partner.
	MissingStatutory int `json:"missing_statutory"`
}

// MonthlyAgencies are the agencies whose attendance the report gives month
// by month: the statutory partners and education.
var MonthlyAgencies = []Agency{AgencySocialCare, AgencyPolice, AgencyHealth, AgencyEducation}

// A heldMeeting is a meeting's sort key in MissingStatutory.Meetings: the
// time held, then the id. Its id and reference are held[start:mid] and
// held[mid:end] of the report: no pointers, so that half a million of them
// cost the garbage collector nothing (a report of a million meetings).
type heldMeeting struct {
	unix            int64
	start, mid, end int
}

// addHeld notes a meeting missing a statutory partner.
func (r *Report) addHeld(unix int64, id, reference string) {
	start := len(r.held)
	r.held = append(doubled(r.held, len(id)+len(reference)), id...)
	r.held = append(r.held, reference...)
	r.pending = append(doubled(r.pending, 1), heldMeeting{unix, start, start + len(id), len(r.held)})
}

// doubled returns s with room for n more, doubling its capacity when it
// must grow: append grows a large slice by a quarter at a time, and each
// time copies it into memory the system has yet to give, which made these
// lists most of a large report's time.
func doubled[T any](s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	return slices.Grow(s, max(len(s)+n, 2*cap(s), 1024)-len(s))
}

// Reference is the reference of the ith meeting of Meetings, "" for one
// without (or a report read from JSON written before references were).
func (ms MissingStatutory) Reference(i int) string {
	if i < len(ms.References) {
		return ms.References[i]
	}
	return ""
}

// NewReport returns an empty report of the meetings held from from to to
// (UK local dates, inclusive), judging actions overdue as of asOf. Every
// agency, health service, outcome and month of the period is present with
// zero counts. A period whose end is before its start counts nothing.
func NewReport(from, to, asOf Date) *Report {
	r := &Report{
		From: from, To: to, AsOf: asOf,
		MissingStatutory: MissingStatutory{ByAgency: NewCounts(StatutoryPartners...), Meetings: []string{}, References: []string{}},
		Outcomes:         NewCounts(Outcomes.Codes()...),
		Monthly:          []MonthCount{},
	}
	for _, a := range Agencies.Codes() {
		r.Agencies = append(r.Agencies, AgencyCount{Agency: a})
	}
	for _, s := range HealthServices.Codes() {
		r.HealthServices = append(r.HealthServices, ServiceCount{Service: s})
	}
	if !to.Before(from) {
		for y, m := from.Year, from.Month; y < to.Year || (y == to.Year && m <= to.Month); {
			r.Monthly = append(r.Monthly, MonthCount{
				Month:    fmt.Sprintf("%04d-%02d", y, m),
				Attended: NewCounts(MonthlyAgencies...),
			})
			if m++; m > 12 {
				y, m = y+1, 1
			}
		}
	}
	return r
}

// ToDate says, when the period runs past the as-of date (a report of the
// year so far), that its figures are to date: "year to date, as of 2
// December 2026" for a financial year, "to date, as of …" for another
// period; "" when the period has ended by the as-of date.
func (r *Report) ToDate() string {
	if r.AsOf.IsZero() || !r.AsOf.Before(r.To) || r.AsOf.Before(r.From) {
		return ""
	}
	what := "to date"
	if first, last := FinancialYear(r.From); first == r.From && last == r.To {
		what = "year to date"
	}
	return what + ", as of " + r.AsOf.Long()
}

// InPeriod reports whether the UK local date d falls in the report's period.
func (r *Report) InPeriod(d Date) bool { return !d.Before(r.From) && !d.After(r.To) }

// MonthIndex returns the index in Monthly of the month of d, which must be in
// the period.
func (r *Report) MonthIndex(d Date) int {
	return (d.Year-r.From.Year)*12 + int(d.Month) - int(r.From.Month)
}

// Add counts m when it was held in the period (by UK local date) and
// reports whether it did. It panics after Finish.
func (r *Report) Add(m *Meeting) bool {
	if r.finished {
		panic("meeting: Report.Add after Finish")
	}
	day := m.HeldOn()
	if !r.InPeriod(day) {
		return false
	}
	r.Meetings++
	month := &r.Monthly[r.MonthIndex(day)]
	month.Meetings++

	for i := range r.Agencies {
		ac := &r.Agencies[i]
		switch m.AgencyState(ac.Agency) {
		case StateAttended:
			ac.Attended++
			month.Attended.Add(ac.Agency, 1) // a no-op for agencies not given monthly
		case StateInformationOnly:
			ac.InformationOnly++
		case StateAbsent:
			ac.Absent++
		default:
			ac.NotInvited++
		}
	}
	if missing := m.MissingStatutory(); len(missing) > 0 {
		r.MissingStatutory.Count++
		month.MissingStatutory++
		for _, a := range missing {
			r.MissingStatutory.ByAgency.Add(a, 1)
		}
		r.addHeld(m.HeldAt.Unix(), m.ID, m.Reference)
	}

	// A service counts once per meeting however many of its people came.
	for i := range r.HealthServices {
		sc := &r.HealthServices[i]
		switch m.ServiceState(AgencyHealth, sc.Service) {
		case StateAttended:
			sc.Attended++
		case StateInformationOnly:
			sc.InformationOnly++
		case StateAbsent:
			sc.Absent++
		}
	}
	if m.ServiceState(AgencyHealth, "") == StateAttended {
		r.HealthServiceNotRecorded++
	}

	c := &r.Consent
	if m.Consent == nil {
		c.NotRecorded++
		c.ParentsViewsNotRecorded++
	} else {
		switch m.Consent.Status {
		case ConsentGiven:
			c.Given++
		case ConsentRefused:
			c.Refused++
		case ConsentOverridden:
			c.Overridden++
		case ConsentNotSought:
			c.NotSought++
		}
		if m.Consent.WithoutConsent() {
			c.WithoutConsent++
			if Blank(m.Consent.Reason) {
				c.WithoutConsentNoReason++
			}
		}
		if Blank(m.Consent.ParentsViews) {
			c.ParentsViewsNotRecorded++
		}
	}

	// An outcome counts once per meeting however many decisions have it.
	decided := make([]bool, len(r.Outcomes))
	s47 := false
	for _, d := range m.Decisions {
		for i := range r.Outcomes {
			if r.Outcomes[i].Code == d.Outcome && !decided[i] {
				decided[i] = true
				r.Outcomes[i].Count++
			}
		}
		s47 = s47 || d.Outcome == OutcomeS47Joint || d.Outcome == OutcomeS47Single
	}
	if s47 {
		r.Section47++
	}

	cal := r.calendar()
	if days, ok := cal.ReferralWorkingDays(m); ok {
		r.Timeliness.ReferralToMeeting.AddReferralDays(days, 1)
	}
	if state, due, ok := cal.ICPCStateOf(m); ok {
		r.AddICPC(state, due, 1)
	}
	for _, c := range m.Children {
		key := CaseKey(c.CaseReference)
		if key == "" {
			r.Repeats.NoCaseReference++
			continue
		}
		if r.children == nil {
			r.children = map[string]map[string]bool{}
		}
		if r.children[key] == nil {
			r.children[key] = map[string]bool{}
		}
		r.children[key][m.ID] = true
	}

	for _, a := range m.Actions {
		r.Actions.Total++
		switch {
		case a.Due.IsZero():
			r.Actions.NoDueDate++
		case a.Overdue(r.AsOf):
			r.Actions.Overdue++
		case a.CompletedLate():
			r.Actions.CompletedLate++
		}
	}
	return true
}

// Finish works out the rates and puts the meetings missing a statutory
// partner in order. Call it once, after the last Add; calling it again
// changes nothing.
func (r *Report) Finish() {
	held := string(r.held) // one copy for every id and reference
	id := func(h heldMeeting) string { return held[h.start:h.mid] }
	byTime := func(a, b heldMeeting) int { return cmp.Or(cmp.Compare(a.unix, b.unix), strings.Compare(id(a), id(b))) }
	// A store gives them in order of time already (the meetings of one
	// second in any order): then only each second's are sorted.
	if !slices.IsSortedFunc(r.pending, func(a, b heldMeeting) int { return cmp.Compare(a.unix, b.unix) }) {
		slices.SortFunc(r.pending, byTime)
	}
	for i := 0; i < len(r.pending); {
		j := i + 1
		for j < len(r.pending) && r.pending[j].unix == r.pending[i].unix {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(r.pending[i:j], byTime)
		}
		i = j
	}
	for _, p := range r.pending {
		r.MissingStatutory.Meetings = append(r.MissingStatutory.Meetings, id(p))
		r.MissingStatutory.References = append(r.MissingStatutory.References, held[p.mid:p.end])
	}
	r.held = nil
	r.pending, r.monthlyAt = nil, nil
	r.dueFor.held, r.dueFor.due = Date{}, Date{}
	r.finished = true
	for _, meetings := range r.children {
		r.AddChild(len(meetings))
	}
	r.children = nil
	t := &r.Timeliness.ReferralToMeeting
	t.NotRecorded = r.Meetings - t.Recorded
	t.median()

	for i := range r.Agencies {
		r.Agencies[i].AttendanceRate = Rate(r.Agencies[i].Attended, r.Meetings)
	}
	r.MissingStatutory.Rate = Rate(r.MissingStatutory.Count, r.Meetings)
	r.Consent.WithoutConsentRate = Rate(r.Consent.WithoutConsent, r.Meetings)
	r.Consent.NoReasonRate = Rate(r.Consent.WithoutConsentNoReason, r.Consent.WithoutConsent)
	r.Section47Rate = Rate(r.Section47, r.Meetings)
}

// AddChild counts a child (one case reference) discussed at meetings of
// the period's meetings.
func (r *Report) AddChild(meetings int) {
	r.Repeats.Children++
	if meetings > 1 {
		r.Repeats.MoreThanOne++
	}
	if meetings > 2 {
		r.Repeats.ThreeOrMore++
	}
}

// Agency returns the counts of agency a (zero counts for an unknown code).
func (r *Report) Agency(a Agency) AgencyCount {
	for _, ac := range r.Agencies {
		if ac.Agency == a {
			return ac
		}
	}
	return AgencyCount{Agency: a}
}

// RateDecimals is how many decimal places the report's rates are rounded to.
const RateDecimals = 4

// Rate returns n / of rounded half away from zero to RateDecimals places,
// or 0 when of is 0, so that the same counts always give the same figure.
func Rate(n, of int) float64 {
	if of == 0 {
		return 0
	}
	scale := math.Pow10(RateDecimals)
	return math.Round(float64(n)/float64(of)*scale) / scale
}

// Blank reports whether s is empty or white space only: such a reason or
// view is not recorded.
func Blank(s string) bool { return strings.TrimSpace(s) == "" }

// BlankRunes are the white space runes that Blank ignores (unicode.IsSpace),
// for SQL's trim to do the same.
const BlankRunes = "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

// MarshalJSON writes the report with its dates as YYYY-MM-DD, in the
// order of the fields.
func (r Report) MarshalJSON() ([]byte, error) {
	type fields Report // without methods, so no recursion
	return json.Marshal(struct {
		From string `json:"from"`
		To   string `json:"to"`
		AsOf string `json:"as_of"`
		fields
	}{r.From.String(), r.To.String(), r.AsOf.String(), fields(r)})
}

// UnmarshalJSON reads a report written by MarshalJSON.
func (r *Report) UnmarshalJSON(b []byte) error {
	type fields Report
	var w struct {
		From string `json:"from"`
		To   string `json:"to"`
		AsOf string `json:"as_of"`
		fields
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = Report(w.fields)
	var err error
	for _, d := range []struct {
		dst  *Date
		name string
		s    string
	}{{&r.From, "from", w.From}, {&r.To, "to", w.To}, {&r.AsOf, "as_of", w.AsOf}} {
		if *d.dst, err = ParseDate(d.s); err != nil {
			return fmt.Errorf("report %s: %w", d.name, err)
		}
	}
	r.finished = true
	return nil
}

// A CodeCount is the count of one code.
type CodeCount[C ~string] struct {
	Code  C
	Count int
}

// Counts are counts by code in a fixed order. In JSON they are an object
// whose keys are the codes, in that order.
type Counts[C ~string] []CodeCount[C]

// NewCounts returns zero counts for the codes, in their order.
func NewCounts[C ~string](codes ...C) Counts[C] {
	c := make(Counts[C], len(codes))
	for i, code := range codes {
		c[i].Code = code
	}
	return c
}

// Get returns the count of code, 0 when it is not one of c's codes.
func (c Counts[C]) Get(code C) int {
	for _, e := range c {
		if e.Code == code {
			return e.Count
		}
	}
	return 0
}

// Add adds n to the count of code and reports whether code is one of c's
// codes; other codes are not counted.
func (c Counts[C]) Add(code C, n int) bool {
	for i := range c {
		if c[i].Code == code {
			c[i].Count += n
			return true
		}
	}
	return false
}

// MarshalJSON writes c as an object, keys in c's order.
func (c Counts[C]) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range c {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(string(e.Code))
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Count))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object of counts, keeping its keys' order.
func (c *Counts[C]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*c = nil
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("counts: expected an object")
	}
	out := Counts[C]{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("counts: %w", err)
		}
		key, _ := t.(string)
		var n int
		if err := dec.Decode(&n); err != nil {
			return fmt.Errorf("counts: %q: %w", key, err)
		}
		out = append(out, CodeCount[C]{C(key), n})
	}
	*c = out
	return nil
}
