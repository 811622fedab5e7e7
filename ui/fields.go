package ui

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// cleanText makes typed or pasted text storable: control characters (from a
// paste out of another program) become spaces, and line breaks are kept only
// where the field takes several lines. Nothing typed is refused.
func cleanText(s string, multiline bool) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if multiline && (r == '\n' || r == '\t') {
			return r
		}
		if r == '\r' && multiline {
			return -1
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// withError stacks a field over its inline error message.
func withError(field fyne.CanvasObject, msg *fieldMessage) fyne.CanvasObject {
	return container.NewVBox(field, msg)
}

// plainMessage turns a domain problem into words for the person at the
// keyboard: the field is shown beside it, so the path is left out.
func plainMessage(p meeting.Problem) string {
	msg := p.Message
	switch p.Code {
	case meeting.CodeRequired:
		return "Required"
	case meeting.CodeChoose:
		return "Choose the " + strings.TrimPrefix(msg, "missing ")
	}
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// describeProblem says where a problem is and what it is, in words:
// "Attendee 3, Agency: Choose the agency".
func describeProblem(p meeting.Problem) string {
	return describeField(p.Field) + ": " + plainMessage(p)
}

// describeField names a field path in words, from the field table:
// "Attendee 3, Agency".
func describeField(field string) string { return meeting.DescribeField(field) }

// codeSelect is a drop-down of a vocabulary's labels that sets a code.
// none, when not empty, is the label of "no choice".
func codeSelect[C ~string](v meeting.Vocabulary[C], value C, none string, set func(C)) *choice {
	var labels []string
	byLabel := map[string]C{}
	if none != "" {
		labels = append(labels, none)
		byLabel[none] = ""
	}
	for _, c := range v.Codes() {
		l := v.Label(c)
		labels = append(labels, l)
		byLabel[l] = c
	}
	s := newChoice(labels, nil)
	if value != "" || none != "" {
		s.SetSelected(v.Label(value))
		if value == "" {
			s.SetSelected(none)
		}
	}
	s.OnChanged = func(label string) { set(byLabel[label]) }
	return s
}

// dateEntry is a date field for the list's and the report's filters: a
// date that is not one yet leaves the filter as it was.
func dateEntry(value meeting.Date, set func(meeting.Date)) *dateField {
	return newDateField(value, set, nil)
}

var clockRE = regexp.MustCompile(`^([01]?\d|2[0-3])[:.]?([0-5]\d)$`)

// parseClock reads a time of day typed as 14:30, 14.30 or 1430.
func parseClock(s string) (hour, minute int, ok bool) {
	m := clockRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	hour, _ = strconv.Atoi(m[1])
	minute, _ = strconv.Atoi(m[2])
	return hour, minute, true
}

// dateTimeField edits a moment as a UK local date and a time of day. What
// is wrong with either goes to problem ("" when nothing is); the moment is
// set only when both are right, or cleared when both are empty.
type dateTimeField struct {
	date     *dateField
	clock    *widget.Entry
	clockBox *lineEntry
	value    time.Time // the moment last set
	set      func(time.Time)
	problem  func(string)
	day      meeting.Date
}

func newDateTimeField(value time.Time, set func(time.Time), problem func(string)) *dateTimeField {
	clock := newLineEntry()
	f := &dateTimeField{clock: &clock.Entry, clockBox: clock, set: set, problem: problem, value: value}
	f.clock.SetPlaceHolder("HH:MM")
	if !value.IsZero() {
		local := value.In(meeting.UK)
		f.day = meeting.DateOf(local)
		f.clock.SetText(local.Format("15:04"))
	}
	f.date = newDateField(f.day, func(d meeting.Date) {
		f.day = d
		f.changed()
	}, func(string) { f.changed() })
	f.clock.OnChanged = func(string) { f.changed() }
	return f
}

func (f *dateTimeField) changed() {
	text := strings.TrimSpace(f.clock.Text)
	if p := f.date.Problem(); p != "" {
		f.problem(p)
		return
	}
	if f.day.IsZero() && text == "" {
		f.problem("")
		if !f.value.IsZero() {
			f.value = time.Time{}
			f.set(time.Time{})
		}
		return
	}
	h, m, ok := parseClock(text)
	switch {
	case f.day.IsZero():
		f.problem("Type the date as well as the time")
	case !ok:
		f.problem("Type the time as HH:MM")
	default:
		f.problem("")
		if t := time.Date(f.day.Year, f.day.Month, f.day.Day, h, m, 0, 0, meeting.UK); !t.Equal(f.value) {
			f.value = t // tabbing through is not a change
			f.set(t)
		}
	}
}

// text is what is typed, date and time.
func (f *dateTimeField) text() string {
	return strings.TrimSpace(f.date.Text + " " + f.clock.Text)
}

func (f *dateTimeField) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(90, f.clock.MinSize().Height), f.clockBox), f.date)
}

func (f *dateTimeField) disable() {
	f.date.Disable()
	f.clock.Disable()
}

// describeError words an error for the chair: the problems of a record
// each with its field's label ("Immediate safety plan: Record what keeps
// the child safe now"), not its path.
func describeError(err error) string {
	var ps meeting.Problems
	if !errors.As(err, &ps) {
		return err.Error()
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = describeProblem(p)
	}
	return strings.Join(lines, "\n")
}
