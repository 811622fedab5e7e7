package demo

import (
	"time"

	"strategyminutes/meeting"
)

// Dates are counted at noon UTC so that adding days never meets a clock change.
func dayTime(d meeting.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
}

func addDays(d meeting.Date, n int) meeting.Date { return d.AddDays(n) }

func weekday(d meeting.Date) time.Weekday { return dayTime(d).Weekday() }

func daysBetween(from, to meeting.Date) int {
	return int(dayTime(to).Sub(dayTime(from)).Hours() / 24)
}

// The invented meetings fall on working days, and their due dates count
// working days, with the domain's calendar of England and Wales
// (meeting.BuiltInCalendar), as they do in a borough.

// schoolHoliday reports roughly whether schools are closed: the summer
// holiday, Christmas and the fortnight around Easter.
func schoolHoliday(d meeting.Date) bool {
	switch {
	case d.Month == time.August, d.Month == time.July && d.Day >= 23:
		return true
	case d.Month == time.December && d.Day >= 21, d.Month == time.January && d.Day <= 3:
		return true
	}
	gap := daysBetween(meeting.EasterSunday(d.Year), d)
	return gap >= -7 && gap <= 7
}
