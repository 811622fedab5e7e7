package meeting

import (
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // UK local dates must work on machines without a zone database
)

// A Date is a calendar date with no time of day or zone, such as a date of
// birth or an action's due date. The zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

const dateLayout = "2006-01-02"

// ErrNotDate is ParseDate's error. It does not repeat the text, which may
// be a date of birth: the caller names the field.
var ErrNotDate = errors.New("is not a date written YYYY-MM-DD")

// ParseDate parses a date written YYYY-MM-DD. An empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil || len(s) != len(dateLayout) {
		return Date{}, ErrNotDate
	}
	return DateOf(t), nil
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date ("not given").
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// AddYears returns the date n years after d; 29 February moves to 1 March
// in a year that has none, the day a person born on it comes of age in
// England.
func (d Date) AddYears(n int) Date {
	return DateOf(time.Date(d.Year+n, d.Month, d.Day, 12, 0, 0, 0, time.UTC))
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.compare(e) > 0 }

func (d Date) compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return d.Year - e.Year
	case d.Month != e.Month:
		return int(d.Month) - int(e.Month)
	}
	return d.Day - e.Day
}

// Time returns midnight at the start of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// UK is the Europe/London zone in which meetings' calendar dates are counted.
var UK = mustLoadLocation("Europe/London")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("load time zone %s: %v", name, err)) // tzdata is embedded, so this cannot happen
	}
	return loc
}

// UKDate returns the UK local calendar date of t.
func UKDate(t time.Time) Date { return DateOf(t.In(UK)) }

// AddDays returns the date n days after d (before, for n < 0).
func (d Date) AddDays(n int) Date { return addDays(d, n) }

// Days counts the days from 1 January 1970 to d (negative before it): a
// date as one number, for storing and counting. It is worked out by
// arithmetic (the proleptic Gregorian calendar), which is many times quicker
// than going through time.Time for a report's million dates.
func (d Date) Days() int {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > 28 && d.Day > daysIn(d.Year, d.Month) {
		return int(d.Time(time.UTC).Unix() / 86400) // not a real date: as time normalises it
	}
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DateOfDays is the date n days after 1 January 1970 (Days' inverse).
func DateOfDays(n int) Date {
	z := n + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	month := mp + 3
	if month > 12 {
		month -= 12
	}
	y := yoe + era*400
	if month <= 2 {
		y++
	}
	return Date{y, time.Month(month), day}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
