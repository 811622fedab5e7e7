package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// errDateFormat is what a date that cannot be read says.
var errDateFormat = errors.New("type the date as DD/MM/YYYY")

// parseTypedDate reads a date as a person in the UK types it: day, month,
// year, separated by /, - or . (7/3/2026, 07-03-2026). Its errors say in
// words what is wrong ("31 February 2026 is not a date").
func parseTypedDate(s string) (meeting.Date, error) {
	parts := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return meeting.Date{}, errDateFormat
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || strings.ContainsAny(p, "+-") {
			return meeting.Date{}, errDateFormat
		}
		n[i] = v
	}
	day, month, year := n[0], n[1], n[2]
	switch {
	case month < 1 || month > 12:
		return meeting.Date{}, fmt.Errorf("%d is not a month: type the date as DD/MM/YYYY", month)
	case year < 1900:
		return meeting.Date{}, fmt.Errorf("%d is too long ago: type the year in full", year)
	}
	t := time.Date(year, time.Month(month), day, 12, 0, 0, 0, time.UTC)
	if day < 1 || t.Day() != day {
		return meeting.Date{}, fmt.Errorf("%d %s %d is not a date", day, time.Month(month), year)
	}
	return meeting.DateOf(t), nil
}

// formatTypedDate writes a date as parseTypedDate reads it.
func formatTypedDate(d meeting.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// A dateField is a date typed as DD/MM/YYYY, one Tab stop: its calendar
// button opens a picker for the mouse and is not in the Tab order. What is
// typed stays on screen even when it is not a date; the record keeps its
// last good date, and the field says what is wrong.
type dateField struct {
	widget.Entry
	onDate    func(meeting.Date) // a good date, or the zero Date when emptied
	onProblem func(string)       // what is wrong with the text, "" when nothing
	popUp     *widget.PopUp
	focused   bool
	problem   string
	last      meeting.Date // the last good date
}

func newDateField(value meeting.Date, onDate func(meeting.Date), onProblem func(string)) *dateField {
	f := &dateField{onDate: onDate, onProblem: onProblem, last: value}
	// Fields set before ExtendBaseWidget: setters would build the entry's
	// renderer now, before it has a size, for every date on screen.
	f.PlaceHolder, f.Text, f.Wrapping = "DD/MM/YYYY", formatTypedDate(value), fyne.TextWrap(fyne.TextTruncateClip)
	f.ActionItem = newPickerButton(f.openPicker) // before anything draws the entry
	f.ExtendBaseWidget(f)
	f.Entry.OnChanged = func(string) { f.check(false) }
	return f
}

// check reads the text. A half-typed date is not called wrong while the
// cursor is still in it; once it looks finished, or the cursor leaves, it is.
func (f *dateField) check(leaving bool) {
	text := strings.TrimSpace(f.Text)
	d, err := parseTypedDate(text)
	if text == "" || err == nil {
		f.setProblem("")
		if d != f.last { // tabbing through a date is not a change
			f.last = d
			f.onDate(d)
		}
		return
	}
	if leaving || !f.focused || len(text) >= len("DD/MM/YYYY") {
		f.setProblem(strings.ToUpper(err.Error()[:1]) + err.Error()[1:])
	} else {
		f.setProblem("Not finished (DD/MM/YYYY)")
	}
}

func (f *dateField) setProblem(p string) {
	if p != f.problem {
		f.problem = p
		if f.onProblem != nil {
			f.onProblem(p)
		}
	}
}

// Date is the last good date typed or set, the zero Date when empty.
func (f *dateField) Date() meeting.Date {
	d, err := parseTypedDate(f.Text)
	if err != nil {
		return f.last
	}
	return d
}

// SetDate shows a date, as if typed.
func (f *dateField) SetDate(d meeting.Date) { f.SetText(formatTypedDate(d)) }

// Problem is what is wrong with the typed text, "" when it is a date or empty.
func (f *dateField) Problem() string { return f.problem }

func (f *dateField) FocusGained() {
	f.focused = true
	selectOnFocus(&f.Entry) // a date typed over, as in every one-line field
	f.Entry.FocusGained()
	reveal(f)
}

func (f *dateField) FocusLost() {
	f.focused = false
	f.Entry.FocusLost()
	f.check(true)
}

func (f *dateField) Disable() {
	f.ActionItem.(*pickerButton).disabled = true
	f.Entry.Disable()
}

func (f *dateField) openPicker() {
	if f.Disabled() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(f)
	if c == nil {
		return
	}
	start := time.Now()
	if d, err := parseTypedDate(f.Text); err == nil {
		start = d.Time(time.UTC)
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		f.popUp.Hide()
		f.SetText(formatTypedDate(meeting.DateOf(t)))
		c.Focus(f)
	})
	f.popUp = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f)
	f.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, f.Size().Height)))
}

// pickerButton is the calendar icon in a date field: it takes a click, not
// the keyboard focus, so that a date is one Tab stop.
type pickerButton struct {
	widget.BaseWidget
	tapped   func()
	disabled bool
}

func newPickerButton(tapped func()) *pickerButton {
	b := &pickerButton{tapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

func (b *pickerButton) Tapped(*fyne.PointEvent) {
	if !b.disabled {
		b.tapped()
	}
}

func (b *pickerButton) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(widget.NewIcon(theme.CalendarIcon())))
}
