package demo

import (
	"time"

	"strategyminutes/meeting"
)

// Dates are counted at noon UTC so that adding days never meets a clock change.
func dayTime(d meeting.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
}

func addDays(d meeting.Date, n int) meeting.Date {
	return meeting.DateOf(dayTime(d).AddDate(0, 0, n))
}

func daysBetween(from, to meeting.Date) int {
	return int(dayTime(to).Sub(dayTime(from)).Hours() / 24)
}

func weekday(d meeting.Date) time.Weekday { return dayTime(d).Weekday() }

// A calendar knows the England and Wales bank holidays of the years it was
// made for, so that meetings fall on working days as they do in a borough.
type calendar struct {
	holidays map[meeting.Date]bool
}

func newCalendar(fromYear, toYear int) calendar {
	c := calendar{holidays: make(map[meeting.Date]bool)}
	for y := fromYear; y <= toYear; y++ {
		for _, d := range bankHolidays(y) {
			c.holidays[d] = true
		}
	}
	return c
}

func (c calendar) workingDay(d meeting.Date) bool {
	wd := weekday(d)
	return wd != time.Saturday && wd != time.Sunday && !c.holidays[d]
}

// addWorkingDays moves n working days from d (backwards when n < 0).
func (c calendar) addWorkingDays(d meeting.Date, n int) meeting.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = addDays(d, step)
		if c.workingDay(d) {
			n--
		}
	}
	return d
}

// onOrAfter returns d, or the working day after it.
func (c calendar) onOrAfter(d meeting.Date) meeting.Date {
	for !c.workingDay(d) {
		d = addDays(d, 1)
	}
	return d
}

// bankHolidays returns the England and Wales bank holidays of year y,
// including the one-off ones of 2011 to 2023.
func bankHolidays(y int) []meeting.Date {
	date := func(m time.Month, d int) meeting.Date { return meeting.Date{Year: y, Month: m, Day: d} }
	// A holiday falling at a weekend moves to the next free weekday.
	substitute := func(d meeting.Date, taken []meeting.Date) meeting.Date {
		for {
			wd := weekday(d)
			busy := wd == time.Saturday || wd == time.Sunday
			for _, t := range taken {
				busy = busy || t == d
			}
			if !busy {
				return d
			}
			d = addDays(d, 1)
		}
	}
	firstMonday := func(m time.Month) meeting.Date {
		d := date(m, 1)
		for weekday(d) != time.Monday {
			d = addDays(d, 1)
		}
		return d
	}
	lastMonday := func(m time.Month) meeting.Date {
		d := addDays(date(m+1, 1), -1)
		for weekday(d) != time.Monday {
			d = addDays(d, -1)
		}
		return d
	}
	easter := easterSunday(y)
	hs := []meeting.Date{
		substitute(date(time.January, 1), nil),
		addDays(easter, -2),
		addDays(easter, 1),
		lastMonday(time.August),
	}
	switch y {
	case 2020: // moved for VE Day
		hs = append(hs, date(time.May, 8))
	default:
		hs = append(hs, firstMonday(time.May))
	}
	switch y {
	case 2012: // Diamond Jubilee
		hs = append(hs, date(time.June, 4), date(time.June, 5))
	case 2022: // Platinum Jubilee
		hs = append(hs, date(time.June, 2), date(time.June, 3))
	default:
		hs = append(hs, lastMonday(time.May))
	}
	switch y {
	case 2011:
		hs = append(hs, date(time.April, 29)) // royal wedding
	case 2022:
		hs = append(hs, date(time.September, 19)) // state funeral
	case 2023:
		hs = append(hs, date(time.May, 8)) // coronation
	}
	christmas := substitute(date(time.December, 25), nil)
	boxing := substitute(date(time.December, 26), []meeting.Date{christmas})
	return append(hs, christmas, boxing)
}

// easterSunday uses the anonymous Gregorian algorithm.
func easterSunday(y int) meeting.Date {
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
	return meeting.Date{Year: y, Month: time.Month(month), Day: day}
}

// schoolHoliday reports roughly whether schools are closed: the summer
// holiday, Christmas and the fortnight around Easter.
func schoolHoliday(d meeting.Date) bool {
	switch {
	case d.Month == time.August, d.Month == time.July && d.Day >= 23:
		return true
	case d.Month == time.December && d.Day >= 21, d.Month == time.January && d.Day <= 3:
		return true
	}
	gap := daysBetween(easterSunday(d.Year), d)
	return gap >= -7 && gap <= 7
}
