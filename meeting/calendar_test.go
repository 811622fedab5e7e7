package meeting

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

func date(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(s)
	}
	return d
}

// TestBankHolidays checks days gov.uk lists for England and Wales, the
// one-off days included, and days that are not holidays though a rule
// would once have made them one.
func TestBankHolidays(t *testing.T) {
	c := BuiltInCalendar()
	holidays := []string{
		"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
		"2020-05-08",               // VE day: the early May bank holiday moved from 4 May
		"2020-12-28",               // Boxing Day (substitute): the 26th was a Saturday
		"2021-12-27", "2021-12-28", // Christmas on a Saturday
		"2022-01-03",               // New Year's Day (substitute)
		"2022-06-02", "2022-06-03", // Spring bank holiday moved; Platinum Jubilee
		"2022-09-19",               // the State Funeral of Queen Elizabeth II
		"2022-12-26", "2022-12-27", // Christmas on a Sunday
		"2023-01-02", "2023-05-08", // the coronation of King Charles III
		"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
		"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
		"2012-06-04", "2012-06-05", "2011-04-29", "1999-12-31",
	}
	for _, s := range holidays {
		if c.IsWorkingDay(date(s)) {
			t.Errorf("%s is a working day, want a bank holiday", s)
		}
	}
	working := []string{
		"2020-05-04", "2022-05-30", "2012-05-28", "2026-12-24", "2026-12-29", "2022-09-20", "2023-05-09",
		"2026-12-01", "2027-01-04",
	}
	for _, s := range working {
		if !c.IsWorkingDay(date(s)) {
			t.Errorf("%s is not a working day, want one", s)
		}
	}
	if c.IsWorkingDay(date("2026-12-05")) || c.IsWorkingDay(date("2026-12-06")) {
		t.Error("a weekend is a working day")
	}
	// Eight bank holidays a year in a year with none proclaimed or moved.
	for _, y := range []int{2019, 2021, 2024, 2025, 2026, 2027, 2030, 2099, 2150} {
		if n := len(ruleHolidays(y)); n != 8 {
			t.Errorf("%d has %d bank holidays, want 8", y, n)
		}
		for _, h := range ruleHolidays(y) {
			if w := weekday(h.date); w == time.Saturday || w == time.Sunday {
				t.Errorf("%s (%s) falls on a %s", h.date, h.name, w)
			}
		}
	}
}

// TestWorkingDays: working days(a, b) counts d with a < d <= b.
func TestWorkingDays(t *testing.T) {
	c := BuiltInCalendar()
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"2026-12-01", "2026-12-01", 0},
		{"2026-12-04", "2026-12-05", 0},   // Friday to Saturday
		{"2026-12-04", "2026-12-07", 1},   // Friday to Monday
		{"2026-12-05", "2026-12-07", 1},   // a weekend day to Monday
		{"2026-12-01", "2026-12-02", 1},   // the next day
		{"2026-12-24", "2026-12-29", 1},   // over Christmas
		{"2022-09-16", "2022-09-20", 1},   // over the State Funeral
		{"2022-12-31", "2023-01-03", 1},   // a year end, New Year (substitute)
		{"2026-12-07", "2026-12-04", -1},  // the wrong way round
		{"2026-01-01", "2027-01-01", 253}, // 261 weekdays, less 8 holidays
	} {
		if got := c.WorkingDays(date(tc.a), date(tc.b)); got != tc.want {
			t.Errorf("working days(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	// Backwards, and the next working day.
	if got := c.AddWorkingDays(date("2026-12-29"), -2); got != date("2026-12-23") {
		t.Errorf("2 working days before 29 December 2026: %s", got)
	}
	if got := c.OnOrAfter(date("2026-12-25")); got != date("2026-12-29") {
		t.Errorf("the working day on or after Christmas Day 2026: %s", got)
	}
	if got := c.OnOrAfter(date("2026-12-29")); got != date("2026-12-29") {
		t.Errorf("a working day moved to %s", got)
	}
	if c.WorkingDays(Date{}, date("2026-12-01")) != 0 {
		t.Error("a date not given counts days")
	}
}

// TestICPCDue: the 15th working day after the meeting's UK date, across
// bank holidays and year ends.
func TestICPCDue(t *testing.T) {
	c := BuiltInCalendar()
	for _, tc := range []struct {
		held string // RFC 3339
		want string
	}{
		{"2026-12-14T10:00:00Z", "2027-01-07"},      // Christmas, Boxing Day (substitute), New Year's Day
		{"2022-09-12T10:00:00+01:00", "2022-10-04"}, // the State Funeral
		{"2022-05-27T10:00:00+01:00", "2022-06-21"}, // Spring bank holiday moved, Platinum Jubilee
		{"2023-05-05T10:00:00+01:00", "2023-05-30"}, // the coronation, the Spring bank holiday
		{"2026-03-10T14:00:00Z", "2026-03-31"},
		// 23:30 UTC on 31 March is 00:30 on 1 April in London: the UK date counts.
		{"2026-03-31T23:30:00Z", "2026-04-24"}, // Good Friday and Easter Monday
	} {
		at, _ := time.Parse(time.RFC3339, tc.held)
		m := &Meeting{HeldAt: at, Decisions: []Decision{{Outcome: OutcomeAssessment}, {Outcome: OutcomeS47Joint}}}
		due, ok := c.ICPCDue(m)
		if !ok || due.String() != tc.want {
			t.Errorf("held %s: ICPC due %s (%v), want %s", tc.held, due, ok, tc.want)
		}
		if got := c.WorkingDays(m.HeldOn(), due); got != ICPCWorkingDays {
			t.Errorf("held %s: %d working days to the due date", tc.held, got)
		}
		m.Decisions = m.Decisions[:1]
		if _, ok := c.ICPCDue(m); ok {
			t.Errorf("held %s: a due date without a section 47 decision", tc.held)
		}
	}
}

func TestReferralWorkingDays(t *testing.T) {
	c := BuiltInCalendar()
	held, _ := time.Parse(time.RFC3339, "2026-12-29T10:00:00Z")
	ref, _ := time.Parse(time.RFC3339, "2026-12-23T23:30:00Z") // the 23rd in London
	m := &Meeting{HeldAt: held, ReferralReceivedAt: ref}
	if n, ok := c.ReferralWorkingDays(m); !ok || n != 2 { // the 24th and the 29th
		t.Errorf("referral to meeting: %d (%v), want 2", n, ok)
	}
	m.ReferralReceivedAt = time.Time{}
	if _, ok := c.ReferralWorkingDays(m); ok {
		t.Error("a count without a referral time")
	}
}

// govUK writes a list in gov.uk's format, with Scotland's division beside
// England and Wales'.
func govUK(events ...string) string {
	var b strings.Builder
	b.WriteString(`{"england-and-wales":{"division":"england-and-wales","events":[`)
	for i, e := range events {
		if i > 0 {
			b.WriteString(",")
		}
		title, day, _ := strings.Cut(e, "=")
		fmt.Fprintf(&b, `{"title":%q,"date":%q,"notes":"","bunting":true}`, title, day)
	}
	b.WriteString(`]},"scotland":{"division":"scotland","events":[{"title":"2 January","date":"2027-01-04"}]}}`)
	return b.String()
}

// year2028 are 2028's eight days.
var year2028 = []string{"New Year’s Day=2028-01-03", "Good Friday=2028-04-14", "Easter Monday=2028-04-17",
	"Early May bank holiday=2028-05-01", "Spring bank holiday=2028-05-29", "Summer bank holiday=2028-08-28",
	"Christmas Day=2028-12-25", "Boxing Day=2028-12-26"}

// govUKSample covers 2027 (a day proclaimed, Good Friday left out to show
// that the list is the only source for its years) and 2028.
var govUKSample = govUK(append([]string{"New Year’s Day=2027-01-01", "Easter Monday=2027-03-29",
	"Early May bank holiday=2027-05-03", "Spring bank holiday=2027-05-31", "A day proclaimed later=2027-06-07",
	"Summer bank holiday=2027-08-30", "Christmas Day=2027-12-27", "Boxing Day=2027-12-28"}, year2028...)...)

// TestParseBankHolidays: a published list is the only source for the years
// it covers; the built-in days stay for the others.
func TestParseBankHolidays(t *testing.T) {
	c, err := ParseBankHolidays([]byte(govUKSample))
	if err != nil {
		t.Fatal(err)
	}
	if first, last := c.Published(); first != 2027 || last != 2028 {
		t.Errorf("covers %d to %d", first, last)
	}
	if name, ok := c.Holiday(date("2027-06-07")); !ok || name != "A day proclaimed later" {
		t.Errorf("the proclaimed day: %q %v", name, ok)
	}
	if !c.IsWorkingDay(date("2027-03-26")) {
		t.Error("Good Friday 2027, not in the list, is a holiday: the list is the source for 2027")
	}
	if c.IsWorkingDay(date("2026-12-25")) || !c.IsWorkingDay(date("2027-01-04")) {
		t.Error("the built-in days are not kept for other years, or Scotland's were read")
	}
	for _, tc := range []struct{ file, want string }{
		{`[]`, "not gov.uk's JSON"},
		{`{"england-and-wales":{"events":[]}}`, "has no events"},
		{`{"scotland":{"events":[{"title":"x","date":"2027-01-01"}]}}`, `no "england-and-wales"`},
		{`{"england-and-wales":{"events":[{"title":"x","date":"2027-01-01"},{"title":"Child Name","date":"1/2/2027"}]}}`, "events[1].date"},
		{`{"england-and-wales":{"events":[{"title":"","date":"2027-01-01"}]}}`, "events[0].title"},
		{govUK(append(append([]string{}, year2028...), "x=2030-01-01")...), "no events in 2029"},
		{govUK(year2028[1:]...), "has 7 events in 2028; every year has at least 8"},
		{govUK(append(append([]string{}, year2028[1:]...), year2028[1])...), "has 7 events in 2028"}, // a day twice
		{`{"england-and-wales":`, "not gov.uk's JSON"},
	} {
		_, err := ParseBankHolidays([]byte(tc.file))
		if !errors.Is(err, ErrBankHolidays) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.file, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "Child Name") {
			t.Errorf("the error quotes the file: %v", err)
		}
	}
}

func FuzzParseBankHolidays(f *testing.F) {
	f.Add([]byte(govUKSample))
	f.Add([]byte(govUK(year2028...)))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseBankHolidays(data)
		if err != nil {
			if !errors.Is(err, ErrBankHolidays) {
				t.Fatalf("error without ErrBankHolidays: %v", err)
			}
			return
		}
		first, last := c.Published()
		if first == 0 || last < first {
			t.Fatalf("covers %d to %d", first, last)
		}
		d := Date{first, time.January, 1}
		if got := c.WorkingDays(d, c.AddWorkingDays(d, 15)); got != 15 {
			t.Fatalf("15 working days after %s are %d", d, got)
		}
	})
}

// The index counts exactly what counting day by day counts, for the
// built-in calendar and a published list, inside its years and past them.
func TestWorkdayIndexCountsAsDayByDay(t *testing.T) {
	published, err := ParseBankHolidays([]byte(govUKSample))
	if err != nil {
		t.Fatal(err)
	}
	slowDays := func(c *Calendar, a, b Date) int {
		n := 0
		for d := addDays(a, 1); !d.After(b); d = addDays(d, 1) {
			if c.isWorkingDay(d) {
				n++
			}
		}
		return n
	}
	slowAdd := func(c *Calendar, d Date, n int) Date {
		for n > 0 {
			if d = addDays(d, 1); c.isWorkingDay(d) {
				n--
			}
		}
		return d
	}
	for name, c := range map[string]*Calendar{"built in": BuiltInCalendar(), "published": published} {
		first, last := Date{ruleFirstYear, time.January, 1}, Date{ruleLastYear, time.December, 31}
		for d := first; !d.After(last); d = addDays(d, 1) {
			if c.IsWorkingDay(d) != c.isWorkingDay(d) {
				t.Fatalf("%s: IsWorkingDay(%s) = %v", name, d, c.IsWorkingDay(d))
			}
		}
		r := rand.New(rand.NewSource(1))
		for i := 0; i < 20000; i++ {
			// Days near the index's ends and across them, and anywhere.
			a := addDays(first, r.Intn(60)-30)
			switch i % 3 {
			case 1:
				a = addDays(last, r.Intn(60)-40)
			case 2:
				a = addDays(first, r.Intn(dayNumber(last)-dayNumber(first)))
			}
			b := addDays(a, r.Intn(80))
			if got, want := c.WorkingDays(a, b), slowDays(c, a, b); got != want {
				t.Fatalf("%s: WorkingDays(%s, %s) = %d, day by day %d", name, a, b, got, want)
			}
			n := 1 + r.Intn(30)
			if got, want := c.AddWorkingDays(a, n), slowAdd(c, a, n); got != want {
				t.Fatalf("%s: AddWorkingDays(%s, %d) = %s, day by day %s", name, a, n, got, want)
			}
		}
	}
}

// Days and DateOfDays agree with time.Time over six centuries, and Days
// normalises a date that is not real as time does.
func TestDays(t *testing.T) {
	for n := -150000; n < 100000; n++ {
		want := DateOf(time.Unix(int64(n)*86400, 0).UTC())
		if got := DateOfDays(n); got != want {
			t.Fatalf("DateOfDays(%d) = %v, want %v", n, got, want)
		}
		if got := want.Days(); got != n {
			t.Fatalf("%v.Days() = %d, want %d", want, got, n)
		}
	}
	for _, d := range []Date{{2025, 2, 29}, {2024, 13, 1}, {2024, 4, 31}, {2024, 1, 0}} {
		if got, want := d.Days(), int(d.Time(time.UTC).Unix()/86400); got != want {
			t.Errorf("%v.Days() = %d, want %d", d, got, want)
		}
	}
}
