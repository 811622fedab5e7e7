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
