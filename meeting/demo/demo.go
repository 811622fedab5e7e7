// Package demo invents strategy meetings for demonstrations, benchmarks and
// tests. The meetings are realistic in shape: the partners' participation,
// the consent decisions, the outcome mix and the actions' timeliness vary as
// an inspection would find them, so that the reports have gaps to show.
//
// The same number and seed always give the same meetings: nothing depends on
// the clock, map order or anything but the random source seeded here.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"strategyminutes/meeting"
)

// AsOf is the last day of the invented data, the "today" to report it
// against: no meeting is held, signed off or completes an action after it.
var AsOf = meeting.Date{Year: 2026, Month: time.October, Day: 31}

const (
	meetingsPerYear = 1500 // a London borough's strategy meetings a year
	minYears        = 3
	maxYears        = 15                 // beyond this the meetings get denser, not older
	pcgStream       = 0x5354524154454759 // "STRATEGY"; fixed so that a seed means the same meetings for ever
	talkStream      = 0x444953435553530a // "DISCUSS\n": the discussion's, so that adding it changed nothing else
	followStream    = 0x464f4c4c4f575550 // "FOLLOWUP": what happened after the meeting, likewise
)

// Years returns how many years, ending on AsOf, n meetings are spread over.
func Years(n int) int {
	return min(max((n+meetingsPerYear-1)/meetingsPerYear, minYears), maxYears)
}

// Span returns the first and last days on which n meetings may be held.
func Span(n int) (first, last meeting.Date) {
	start := dayTime(AsOf).AddDate(-Years(n), 0, 1)
	return meeting.DateOf(start), AsOf
}

// Generate returns n invented, realistic, varied meetings in date order (by
// day: times within a day are not sorted). The same n and seed always give
// the same meetings.
func Generate(n int, seed uint64) []*meeting.Meeting {
	ms := make([]*meeting.Meeting, 0, max(n, 0))
	_ = Each(n, seed, func(m *meeting.Meeting) error {
		ms = append(ms, m)
		return nil
	})
	return ms
}

// Each invents the meetings Generate returns and passes them to fn one at a
// time, in the same order, so that millions can be made without holding
// them. It stops at fn's first error and returns it.
func Each(n int, seed uint64, fn func(*meeting.Meeting) error) error {
	if n <= 0 {
		return nil
	}
	g := newGenerator(n, seed)
	for i := range n {
		if err := fn(g.meeting(i)); err != nil {
			return err
		}
	}
	return nil
}

// A generator holds what lasts from one meeting to the next: the random
// source, the working days, the staff and the reference numbers.
type generator struct {
	r       *rand.Rand
	talk    *rand.Rand // the discussion's own source (discussion.go)
	follow  *rand.Rand // the follow-ups' own source (conference)
	n       int
	cal     *meeting.Calendar
	days    []meeting.Date // the span's working days, oldest first
	staff   staff
	numbers map[int]int // meetings numbered so far, by year
}

func newGenerator(n int, seed uint64) *generator {
	first, last := Span(n)
	g := &generator{
		r:       rand.New(rand.NewPCG(seed, pcgStream)),
		talk:    rand.New(rand.NewPCG(seed, talkStream)),
		follow:  rand.New(rand.NewPCG(seed, followStream)),
		n:       n,
		cal:     meeting.BuiltInCalendar(),
		numbers: make(map[int]int),
	}
	for d := first; !d.After(last); d = addDays(d, 1) {
		if g.cal.IsWorkingDay(d) {
			g.days = append(g.days, d)
		}
	}
	g.staff = newStaff(g.r)
	return g
}

// A build is one meeting being invented.
type build struct {
	g          *generator
	r          *rand.Rand
	m          *meeting.Meeting
	permille   int // where the meeting falls in the span, 0 oldest to 999 newest
	heldOn     meeting.Date
	outOfHours bool
	concern    *concern
	bg         *background
	mother     person
	partner    person
	suspect    string // the adult the police would investigate, in full
	suspectRef string // and as the minutes refer to them later
	kids       []kid
	bornKids   []kid // born's, once made
	ref        referral
	referrer   int // index of the referrer's attendee row, or -1

	// What the reason said, for the discussion to agree with it.
	variant    int                  // which account the concern's reason gave
	harm       harm                 // who is alleged to have caused the harm
	partnerRel meeting.Relationship // what the reason calls the partner; "" when it does not say
	carer      string               // the relative the reason says will care for the children
	placedWith string               // who the children are accommodated with under section 20
	sitter     string               // who the safety plan decision says will stay at the home
	adultRole  string               // complex: the role and place of the adult alleged
	adultPlace string
	reconvene  meeting.Date // the further strategy meeting's day, when one is decided
	officer    string       // the officer the discussion names when police were not there
	surnames   familyNames
}

// A kid is a child of the meeting as the text needs them.
type kid struct {
	id     string
	first  string
	female bool
	months int // age in months at the meeting; -1 unborn
}

func (g *generator) meeting(i int) *meeting.Meeting {
	r := g.r
	// One meeting in each of n equal slices of the working days keeps the
	// meetings in date order while their exact days vary. Integers, not
	// floats, so that every platform rounds the same way.
	w := len(g.days)
	index := int((int64(i)*int64(w) + int64(r.IntN(w))) / int64(g.n)) // int64: n*w passes 2^31
	b := &build{g: g, r: r, permille: index * 1000 / w, referrer: -1}
	b.m = &meeting.Meeting{ID: uuid(r), Type: choose(r, typeWeights)}
	b.concern = pickConcern(r, b.m.Type)
	b.m.HeldAt, b.outOfHours = b.heldAt(g.days[index])
	b.heldOn = meeting.UKDate(b.m.HeldAt)
	b.m.Reference = g.reference(r, b.heldOn)
	b.m.Mode = b.mode()
	b.m.Chair = g.staff.chair(r, b.permille)
	if chance(r, 65) {
		b.m.MinuteTaker = pick(r, g.staff.minuteTakers)
	}
	b.family()
	b.ref = choose(r, b.concern.referrers)
	b.m.Reason = b.reason()
	b.attendees()
	b.m.ReferralReceivedAt = b.referralAt()
	b.m.Consent = b.consent()
	b.decisions()
	b.actions()
	b.signOff()
	b.discussion()
	b.conference()
	return b.m
}

// notNeeded are why an initial conference a section 47 enquiry called for
// was not needed, as chairs record them.
var notNeeded = []string{
	"The enquiry found the concerns unsubstantiated; the family accepted support under section 17.",
	"The family moved to another authority before the conference, which took the enquiry on.",
	"The section 47 enquiry concluded that the child is not at continuing risk of significant harm.",
}

// conference records what became of the initial conference of a meeting
// with a section 47 decision, as its follow-up would: most held within the
// 15 working days, some late, a few not needed, and some not recorded
// (overdue, or not yet due near AsOf).
func (b *build) conference() {
	if _, ok := b.g.cal.ICPCDue(b.m); !ok {
		return
	}
	r := b.g.follow
	x, days, reason := r.IntN(100), 0, pick(r, notNeeded)
	switch {
	case x < 62:
		days = 8 + r.IntN(8) // in time: the 8th to the 15th working day
	case x < 80:
		days = 16 + r.IntN(12) // late
	case x < 88:
		days = 0 // not needed
	default:
		return // nothing recorded
	}
	on := b.g.cal.AddWorkingDays(b.heldOn, max(days, 3))
	if on.After(AsOf) {
		return // not held yet
	}
	c := &meeting.ICPC{RecordedBy: b.m.Chair, RecordedAt: on.Time(meeting.UK).Add(17 * time.Hour)}
	if days == 0 {
		c.NotNeededReason = reason
	} else {
		c.HeldOn = on
	}
	b.m.ICPC = c
}

// uuid returns a version 4 UUID made from r, so that ids are repeatable.
func uuid(r *rand.Rand) string {
	hi, lo := r.Uint64(), r.Uint64()
	hi = hi&^(0xf<<12) | 0x4<<12
	lo = lo&^(0x3<<62) | 0x2<<62
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff)
}

// reference numbers meetings within each calendar year, as a borough's
// system would; a few legacy records have none.
func (g *generator) reference(r *rand.Rand, d meeting.Date) string {
	g.numbers[d.Year]++
	if chance(r, 2) {
		return ""
	}
	return fmt.Sprintf("SM-%d-%05d", d.Year, g.numbers[d.Year])
}

var typeWeights = []weighted[meeting.Type]{
	{meeting.TypeInitial, 60},
	{meeting.TypeReview, 15},
	{meeting.TypeImmediate, 14},
	{meeting.TypePreBirth, 8},
	{meeting.TypeComplex, 3},
}

// heldAt places the meeting in working hours on day, except that some
// immediate discussions happen in the evening or at a weekend.
func (b *build) heldAt(day meeting.Date) (time.Time, bool) {
	r := b.r
	at := func(d meeting.Date, minute int) time.Time {
		return time.Date(d.Year, d.Month, d.Day, minute/60, minute%60, 0, 0, meeting.UK)
	}
	if b.m.Type == meeting.TypeImmediate && chance(r, 35) {
		var free []meeting.Date
		for d := addDays(day, 1); !b.g.cal.IsWorkingDay(d) && !d.After(AsOf); d = addDays(d, 1) {
			free = append(free, d)
		}
		if len(free) > 0 && r.IntN(2) == 0 {
			return at(pick(r, free), 8*60+5*r.IntN(14*12)), true
		}
		return at(day, 17*60+30+5*r.IntN(5*12)), true
	}
	if b.m.Type == meeting.TypeImmediate {
		return at(day, 8*60+30+5*r.IntN(9*12)), false
	}
	minute := 9*60 + 30*r.IntN(16) // chairs book meetings on the half hour
	if chance(r, 25) {
		minute += 5 * (1 + r.IntN(5))
	}
	return at(day, minute), false
}

// mode: virtual meetings became the norm in March 2020.
func (b *build) mode() meeting.Mode {
	if b.heldOn.Before(meeting.Date{Year: 2020, Month: time.March, Day: 23}) {
		return choose(b.r, []weighted[meeting.Mode]{{meeting.ModeInPerson, 55}, {meeting.ModePhone, 38}, {meeting.ModeVirtual, 7}})
	}
	if b.outOfHours || b.m.Type == meeting.TypeImmediate {
		return choose(b.r, []weighted[meeting.Mode]{{meeting.ModePhone, 60}, {meeting.ModeVirtual, 40}})
	}
	return choose(b.r, []weighted[meeting.Mode]{{meeting.ModeVirtual, 68}, {meeting.ModePhone, 17}, {meeting.ModeInPerson, 15}})
}

// referralAt is when the contact reached the front door: usually the same
// day or up to three working days before, sometimes longer (the delay the
// inspectors criticised), sometimes not recorded.
func (b *build) referralAt() time.Time {
	r := b.r
	held := b.m.HeldAt
	if r.IntN(1000) < 40+100*(1000-b.permille)/1000 { // older records more often lack it
		return time.Time{}
	}
	hoursBefore := func(maxMinutes int) time.Time {
		return held.Add(-time.Duration(20+r.IntN(maxMinutes-20)) * time.Minute)
	}
	daysBefore := func(n int) time.Time {
		d := b.g.cal.AddWorkingDays(b.heldOn, -n)
		minute := 8*60 + r.IntN(10*60)
		if b.referrerAgency() == meeting.AgencyPolice && r.IntN(4) == 0 {
			minute = r.IntN(8 * 60) // overnight police notifications
		}
		return time.Date(d.Year, d.Month, d.Day, minute/60, minute%60, 0, 0, meeting.UK)
	}
	switch b.m.Type {
	case meeting.TypeReview: // the original referral, weeks earlier
		if chance(r, 35) {
			return time.Time{}
		}
		return daysBefore(10 + r.IntN(30))
	case meeting.TypeImmediate:
		if chance(r, 75) {
			return hoursBefore(8 * 60)
		}
		return daysBefore(1)
	}
	// Working days from the referral to the meeting; 0 is earlier the same day.
	switch delay := choose(r, []weighted[int]{{0, 22}, {1, 33}, {2, 18}, {3, 12}, {4, 10}, {9, 5}}); delay {
	case 0:
		return hoursBefore(6 * 60)
	case 4:
		return daysBefore(4 + r.IntN(5))
	case 9:
		return daysBefore(9 + r.IntN(7))
	default:
		return daysBefore(delay)
	}
}

// signOff: the chair signs most minutes off within a few days; the newest
// are still drafts, and a few old ones were never finished.
func (b *build) signOff() {
	r := b.r
	age := daysBetween(b.heldOn, AsOf)
	switch {
	case age <= 3:
		return
	case age <= 10 && r.IntN(2) == 0:
		return
	case age > 10 && chance(r, 3):
		return
	}
	var at time.Time
	if days := choose(r, []weighted[int]{{0, 10}, {1, 45}, {2, 25}, {3, 10}, {4, 10}}); days == 0 {
		at = b.m.HeldAt.Add(time.Duration(60+r.IntN(240)) * time.Minute)
	} else {
		if days == 4 {
			days += r.IntN(6)
		}
		d := b.g.cal.AddWorkingDays(b.heldOn, days)
		minute := 9*60 + r.IntN(9*60)
		at = time.Date(d.Year, d.Month, d.Day, minute/60, minute%60, 0, 0, meeting.UK)
	}
	if meeting.UKDate(at).After(AsOf) {
		return
	}
	b.m.SignedOffAt, b.m.SignedOffBy = at, b.m.Chair
	b.m.SignOffRules = meeting.RulesChecklist
}

// A weighted value is chosen in proportion to its weight.
type weighted[T any] struct {
	v T
	w int
}

func choose[T any](r *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.w
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.w {
			return w.v
		}
		n -= w.w
	}
	panic("unreachable")
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickWeighted[T any](r *rand.Rand, xs []T, weight func(T) int) T {
	total := 0
	for _, x := range xs {
		total += weight(x)
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n < weight(x) {
			return x
		}
		n -= weight(x)
	}
	panic("unreachable")
}

func chance(r *rand.Rand, percent int) bool { return r.IntN(100) < percent }
