package meeting

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

// Timescales in safeguarding are counted in working days: Monday to Friday
// except the bank holidays of England and Wales. working days(a, b) is the
// number of working days d with a < d <= b, so the day a meeting is held
// never counts and its 15th working day after is the initial child
// protection conference's last day (Working Together 2023).

// ICPCWorkingDays is how many working days after the strategy discussion
// that started section 47 enquiries the initial conference is held within.
const ICPCWorkingDays = 15

// A Calendar knows the bank holidays of England and Wales. Its days come
// from the rules of the Banking and Financial Dealings Act 1971 and the
// days proclaimed besides them (BuiltInCalendar), and, for the years a
// file covers, from gov.uk's published list (ParseBankHolidays), which is
// the source when a new day is proclaimed.
type Calendar struct {
	days        map[int]string // day number (dayNumber) -> the holiday's name
	first, last int            // the years a published list covers; 0 when none

	// index counts the working days of the rule years in advance, so that
	// a report over a million meetings asks in constant time (made on
	// first use; a Calendar does not change once made).
	indexOnce sync.Once
	index     workdayIndex
}

// A workdayIndex counts working days from day number first: upTo[i] is the
// number of working days in [first, first+i], and days lists them in order.
type workdayIndex struct {
	first int
	upTo  []int32
	days  []int32
}

// workdays returns c's index.
func (c *Calendar) workdays() *workdayIndex {
	c.indexOnce.Do(func() {
		first, last := dayNumber(Date{ruleFirstYear, time.January, 1}), dayNumber(Date{ruleLastYear, time.December, 31})
		x := workdayIndex{first: first, upTo: make([]int32, last-first+1)}
		n := int32(0)
		for i := range x.upTo {
			if c.isWorkingDay(dateOfDayNumber(first + i)) {
				n++
				x.days = append(x.days, int32(first+i))
			}
			x.upTo[i] = n
		}
		c.index = x
	})
	return &c.index
}

// dateOfDayNumber is the date of a dayNumber.
func dateOfDayNumber(n int) Date { return DateOfDays(n) }

// A CalendarSource holds the calendar its meetings' timescales are counted
// with (a database, with the list imported into it).
type CalendarSource interface {
	Calendar(ctx context.Context) (*Calendar, error)
}

// CalendarOf returns the source's calendar, or the built-in one when it has
// none or cannot read it (the error says why).
func CalendarOf(ctx context.Context, src any) (*Calendar, error) {
	cs, ok := src.(CalendarSource)
	if !ok {
		return builtIn, nil
	}
	c, err := cs.Calendar(ctx)
	if err != nil {
		return builtIn, err
	}
	return c, nil
}

// BuiltInCalendar is the calendar of the rules and the proclaimed days.
func BuiltInCalendar() *Calendar { return builtIn }

var builtIn = &Calendar{days: map[int]string{}}

// ruleYears are the years for which the rules' days are worked out in
// advance; others are worked out when asked for.
const ruleFirstYear, ruleLastYear = 1970, 2100

func init() {
	for y := ruleFirstYear; y <= ruleLastYear; y++ {
		for _, h := range ruleHolidays(y) {
			builtIn.days[dayNumber(h.date)] = h.name
		}
	}
}

type holiday struct {
	date Date
	name string
}

// moved are the years a regular bank holiday was moved by proclamation,
// and proclaimed are the days added besides them.
var (
	moved = map[int]map[string]Date{
		1995: {"Early May bank holiday": {1995, time.May, 8}},
		2002: {"Spring bank holiday": {2002, time.June, 4}},
		2012: {"Spring bank holiday": {2012, time.June, 4}},
		2020: {"Early May bank holiday": {2020, time.May, 8}},
		2022: {"Spring bank holiday": {2022, time.June, 2}},
	}
	proclaimed = []holiday{
		{Date{1999, time.December, 31}, "Millennium bank holiday"},
		{Date{2002, time.June, 3}, "Golden Jubilee bank holiday"},
		{Date{2011, time.April, 29}, "Royal wedding bank holiday"},
		{Date{2012, time.June, 5}, "Diamond Jubilee bank holiday"},
		{Date{2022, time.June, 3}, "Platinum Jubilee bank holiday"},
		{Date{2022, time.September, 19}, "Bank holiday for the State Funeral of Queen Elizabeth II"},
		{Date{2023, time.May, 8}, "Bank holiday for the coronation of King Charles III"},
	}
)

// ruleHolidays are the bank holidays of England and Wales in year y by the
// rules (the pattern since 1978), with the moved and proclaimed days.
func ruleHolidays(y int) []holiday {
	easter := easterSunday(y)
	days := []holiday{
		{weekdayOnOrAfter(Date{y, time.January, 1}), "New Year’s Day"},
		{addDays(easter, -2), "Good Friday"},
		{addDays(easter, 1), "Easter Monday"},
		{firstMonday(y, time.May), "Early May bank holiday"},
		{lastMonday(y, time.May), "Spring bank holiday"},
		{lastMonday(y, time.August), "Summer bank holiday"},
	}
	for i, h := range days {
		if d, ok := moved[y][h.name]; ok {
			days[i].date = d
		}
	}
	// Christmas Day and Boxing Day: one falling on a weekend is taken on
	// the next weekday that is not already a holiday.
	christmas := Date{y, time.December, 25}
	switch weekday(christmas) {
	case time.Friday:
		days = append(days, holiday{christmas, "Christmas Day"}, holiday{Date{y, time.December, 28}, "Boxing Day"})
	case time.Saturday:
		days = append(days, holiday{Date{y, time.December, 27}, "Christmas Day"}, holiday{Date{y, time.December, 28}, "Boxing Day"})
	case time.Sunday:
		days = append(days, holiday{Date{y, time.December, 26}, "Boxing Day"}, holiday{Date{y, time.December, 27}, "Christmas Day"})
	default:
		days = append(days, holiday{christmas, "Christmas Day"}, holiday{Date{y, time.December, 26}, "Boxing Day"})
	}
	for _, p := range proclaimed {
		if p.date.Year == y {
			days = append(days, p)
		}
	}
	return days
}

// easterSunday is Easter Day in the Gregorian calendar (the anonymous
// algorithm, Meeus/Jones/Butcher).
func easterSunday(y int) Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{y, time.Month(month), day}
}

func weekday(d Date) time.Weekday { return d.Time(time.UTC).Weekday() }

func addDays(d Date, n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

func weekdayOnOrAfter(d Date) Date {
	for weekday(d) == time.Saturday || weekday(d) == time.Sunday {
		d = addDays(d, 1)
	}
	return d
}

func firstMonday(y int, m time.Month) Date {
	d := Date{y, m, 1}
	return addDays(d, (int(time.Monday)-int(weekday(d))+7)%7)
}

func lastMonday(y int, m time.Month) Date {
	d := addDays(Date{y, m + 1, 1}, -1)
	return addDays(d, -((int(weekday(d)) - int(time.Monday) + 7) % 7))
}

// dayNumber counts days from 1 January 1970.
func dayNumber(d Date) int { return d.Days() }

// Holiday returns the name of the bank holiday on d, if it is one.
func (c *Calendar) Holiday(d Date) (string, bool) {
	if c.first != 0 && d.Year >= c.first && d.Year <= c.last {
		name, ok := c.days[dayNumber(d)]
		return name, ok
	}
	if d.Year >= ruleFirstYear && d.Year <= ruleLastYear {
		name, ok := builtIn.days[dayNumber(d)]
		return name, ok
	}
	for _, h := range ruleHolidays(d.Year) {
		if h.date == d {
			return h.name, true
		}
	}
	return "", false
}

// IsWorkingDay reports whether d is a working day: Monday to Friday and not
// a bank holiday.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if x := c.workdays(); !d.IsZero() {
		if i := dayNumber(d) - x.first; i >= 0 && i < len(x.upTo) {
			return i == 0 && x.upTo[0] == 1 || i > 0 && x.upTo[i] > x.upTo[i-1]
		}
	}
	return c.isWorkingDay(d)
}

// isWorkingDay is IsWorkingDay worked out from the weekday and the holidays.
func (c *Calendar) isWorkingDay(d Date) bool {
	if w := weekday(d); w == time.Saturday || w == time.Sunday {
		return false
	}
	_, holiday := c.Holiday(d)
	return !holiday
}

// WorkingDays is the number of working days d with a < d <= b; it is
// negative, the same count the other way, when b is before a. Either date
// zero gives 0.
func (c *Calendar) WorkingDays(a, b Date) int {
	if a.IsZero() || b.IsZero() {
		return 0
	}
	if b.Before(a) {
		return -c.WorkingDays(b, a)
	}
	x := c.workdays()
	if i, j := dayNumber(a)-x.first, dayNumber(b)-x.first; i >= 0 && j < len(x.upTo) {
		return int(x.upTo[j] - x.upTo[i])
	}
	n := 0
	for d := addDays(a, 1); !d.After(b); d = addDays(d, 1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// AddWorkingDays returns the nth working day after d, or before it when n
// is negative; d itself when n is 0.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	if x := c.workdays(); n > 0 && !d.IsZero() {
		// The working days up to d are days[:upTo[i]]: the nth after it is
		// days[upTo[i]+n-1].
		if i := dayNumber(d) - x.first; i >= 0 && i < len(x.upTo) {
			if k := int(x.upTo[i]) + n - 1; k < len(x.days) {
				return dateOfDayNumber(int(x.days[k]))
			}
		}
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = addDays(d, step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// OnOrAfter returns d when it is a working day, else the next one.
func (c *Calendar) OnOrAfter(d Date) Date {
	for !c.IsWorkingDay(d) {
		d = addDays(d, 1)
	}
	return d
}

// EasterSunday is Easter Day of year y in the Gregorian calendar.
func EasterSunday(y int) Date { return easterSunday(y) }

// Published returns the years a published list covers, or 0, 0 for the
// built-in calendar alone.
func (c *Calendar) Published() (first, last int) { return c.first, c.last }

// ICPCDue is the last day for the initial child protection conference of
// a meeting with a section 47 decision: the 15th working day after the
// meeting's UK date. ok is false when no decision starts section 47.
func (c *Calendar) ICPCDue(m *Meeting) (due Date, ok bool) {
	if m.HeldAt.IsZero() || !StartsSection47(m) {
		return Date{}, false
	}
	return c.icpcDueOn(m.HeldOn()), true
}

// icpcDueOn is the due date of the conference of a section 47 decision
// made on the UK date held.
func (c *Calendar) icpcDueOn(held Date) Date { return c.AddWorkingDays(held, ICPCWorkingDays) }

// StartsSection47 reports whether a decision of the meeting starts section
// 47 enquiries, jointly with the police or by children's social care alone.
func StartsSection47(m *Meeting) bool {
	for _, d := range m.Decisions {
		if d.Outcome == OutcomeS47Joint || d.Outcome == OutcomeS47Single {
			return true
		}
	}
	return false
}

// ReferralWorkingDays is the number of working days from the referral's UK
// date to the meeting's; ok is false when either time is not recorded.
func (c *Calendar) ReferralWorkingDays(m *Meeting) (days int, ok bool) {
	if m.HeldAt.IsZero() || m.ReferralReceivedAt.IsZero() {
		return 0, false
	}
	return c.WorkingDays(UKDate(m.ReferralReceivedAt), m.HeldOn()), true
}

// DistributionWorkingDays is the number of working days from the
// meeting's UK date to the first time the minutes were sent to anyone
// (a follow-up); ok is false when they are not recorded as sent.
func (c *Calendar) DistributionWorkingDays(m *Meeting) (days int, ok bool) {
	first := time.Time{}
	for _, r := range m.Distribution {
		if first.IsZero() || r.SentAt.Before(first) {
			first = r.SentAt
		}
	}
	if m.HeldAt.IsZero() || first.IsZero() {
		return 0, false
	}
	return c.WorkingDays(m.HeldOn(), UKDate(first)), true
}

// ICPCText says what became of the initial child protection conference
// of a meeting with a section 47 decision, against its due date: held in
// time or late, not needed and why, or due by its date; "" for a meeting
// without one and none recorded.
func (c *Calendar) ICPCText(m *Meeting) string {
	state, due, ok := c.ICPCStateOf(m)
	switch r := m.ICPC; {
	case r != nil && !r.HeldOn.IsZero() && ok:
		when := "in time"
		if state == ICPCHeldLate {
			when = "late"
		}
		return fmt.Sprintf("Held on %s, %s after the meeting: %s (due by %s)", r.HeldOn.Long(),
			WorkingDaysText(c.WorkingDays(m.HeldOn(), r.HeldOn)), when, due.Long())
	case r != nil && !r.HeldOn.IsZero():
		return "Held on " + r.HeldOn.Long()
	case r != nil:
		return "Not needed: " + r.NotNeededReason
	case ok:
		return fmt.Sprintf("Due by %s, the %dth working day after the meeting", due.Long(), ICPCWorkingDays)
	}
	return ""
}

// WorkingDaysText is a number of working days in words: "the same working
// day" for 0, "1 working day", "3 working days"; a negative count (the
// later time recorded as the earlier) says "3 working days before".
func WorkingDaysText(n int) string {
	switch {
	case n == 0:
		return "the same working day"
	case n == 1:
		return "1 working day"
	case n == -1:
		return "1 working day before"
	case n < 0:
		return fmt.Sprintf("%d working days before", -n)
	}
	return fmt.Sprintf("%d working days", n)
}

// ErrBankHolidays is the error of a list of bank holidays that cannot be
// used; the message names what is wrong.
var ErrBankHolidays = errors.New("not a list of bank holidays")

// maxBankHolidays bounds a list: gov.uk's has about 80 days a division.
const maxBankHolidays = 5000

// minBankHolidays is the fewest a year of England and Wales has had since 1978.
const minBankHolidays = 8

// ParseBankHolidays reads gov.uk's list of bank holidays
// (https://www.gov.uk/bank-holidays.json): the "england-and-wales"
// division's events, each with a "title" and a "date". For the years it
// covers (its first event's to its last's) the list is the only source;
// other years keep the built-in days.
func ParseBankHolidays(data []byte) (*Calendar, error) {
	var file map[string]struct {
		Division string `json:"division"`
		Events   []struct {
			Title string `json:"title"`
			Date  string `json:"date"`
		} `json:"events"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("%w: not gov.uk's JSON (%s)", ErrBankHolidays, jsonProblem(err))
	}
	division, ok := file["england-and-wales"]
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: it has no \"england-and-wales\" division", ErrBankHolidays)
	case len(division.Events) == 0:
		return nil, fmt.Errorf("%w: \"england-and-wales\" has no events", ErrBankHolidays)
	case len(division.Events) > maxBankHolidays:
		return nil, fmt.Errorf("%w: \"england-and-wales\" has more than %d events", ErrBankHolidays, maxBankHolidays)
	}
	c := &Calendar{days: map[int]string{}}
	years := map[int]int{}
	for i, e := range division.Events {
		d, err := ParseDate(e.Date)
		if err != nil || d.IsZero() || d.Year < 1900 || d.Year > 2999 {
			return nil, fmt.Errorf("%w: events[%d].date is not a date written YYYY-MM-DD", ErrBankHolidays, i)
		}
		if e.Title == "" {
			return nil, fmt.Errorf("%w: events[%d].title is empty", ErrBankHolidays, i)
		}
		if _, seen := c.days[dayNumber(d)]; !seen {
			years[d.Year]++
		}
		c.days[dayNumber(d)] = e.Title
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	c.first, c.last = ys[0], ys[len(ys)-1]
	// A year with no day in the list between two that have some is a gap
	// in the list, not a year without bank holidays.
	// England and Wales have had at least eight bank holidays every year
	// since 1978: a year with fewer is a list cut short, and would count
	// its missing holidays as working days.
	for y := c.first; y <= c.last; y++ {
		switch n := years[y]; {
		case n == 0:
			return nil, fmt.Errorf("%w: \"england-and-wales\" has no events in %d, between %d and %d", ErrBankHolidays, y, c.first, c.last)
		case n < minBankHolidays:
			return nil, fmt.Errorf("%w: \"england-and-wales\" has %d events in %d; every year has at least %d", ErrBankHolidays, n, y, minBankHolidays)
		}
	}
	return c, nil
}

// jsonProblem says where a JSON error is without quoting the text.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("a syntax error at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s is not a %s", typ.Field, typ.Type)
	}
	return "it ends too early"
}
