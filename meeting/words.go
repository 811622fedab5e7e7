package meeting

import (
	"strconv"
	"time"
)

// Count writes n with thousands separators, as reports print figures: "1,432".
func Count(n int) string {
	if n < 0 {
		return "-" + Count(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Plural writes a count with its noun: "1 meeting", "1,432 meetings".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Count(n) + " " + noun + "s"
}

// Long writes the date as people read it, "1 April 2025", or "" when not given.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.Time(time.UTC).Format("2 January 2006")
}
