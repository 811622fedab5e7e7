package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// A child discussed at strategy meetings again and again is what the
// inspection's "too many families subject to a high level of initial
// statutory intervention" looks like from the chair's seat. As soon as a
// child's case reference, or name and date of birth, is typed, the line
// under the child lists the strategy meetings that discussed them in the
// 12 months before this one: found off the window's thread, after a
// pause in typing.

// historyDelay is the pause in typing after which the earlier meetings are
// looked for.
const historyDelay = 400 * time.Millisecond

// childHistory holds the lines under the children and the lookup pending.
type childHistory struct {
	mu      sync.Mutex
	lines   []*widget.Label // one a child, in order; set by the Children section
	buttons []*ringButton   // one a child: opens the child's whole history
	found   [][]meeting.EarlierMeeting
	timer   *time.Timer
	asked   int // counts lookups, so that an older answer never overwrites a newer
}

// stop drops a lookup that has not started: the editor is closing.
func (h *childHistory) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.timer != nil {
		h.timer.Stop()
	}
	h.asked++ // an answer on its way is not shown
}

// historyLine makes the line under the next child of the section being
// built, and the button that opens the child's whole history.
func (e *Editor) historyLine() fyne.CanvasObject {
	l := hint("")
	l.Importance = widget.WarningImportance
	l.Hide()
	e.history.mu.Lock()
	i := len(e.history.lines)
	b := newButton("", nil, func() { e.showChildHistory(i) })
	b.Hide()
	e.history.lines = append(e.history.lines, l)
	e.history.buttons = append(e.history.buttons, b)
	e.history.found = append(e.history.found, nil)
	e.history.mu.Unlock()
	return container.NewVBox(l, container.NewHBox(b))
}

// allTime is the end of every child's history: meetings held later than
// this one are part of it too.
var allTime = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// lookUpHistory looks for the children's other meetings after a pause.
func (e *Editor) lookUpHistory() {
	src, ok := e.store.(meeting.ChildHistory)
	if !ok {
		return
	}
	e.history.mu.Lock()
	defer e.history.mu.Unlock()
	if e.history.timer != nil {
		e.history.timer.Stop()
	}
	e.history.asked++
	asked := e.history.asked
	m := e.snapshot()
	e.history.timer = time.AfterFunc(historyDelay, func() {
		texts := make([]string, len(m.Children))
		labels := make([]string, len(m.Children))
		found := make([][]meeting.EarlierMeeting, len(m.Children))
		held := m.HeldAt
		if held.IsZero() {
			held = time.Now()
		}
		for i, c := range m.Children {
			all, err := src.EarlierMeetings(context.Background(), c, time.Time{}, allTime, m.ID)
			if err != nil {
				log.Printf("a child's other meetings could not be read: %v", err)
				return
			}
			found[i] = all
			texts[i] = historyText(withinRepeat(all, held))
			labels[i] = historyButtonText(all)
		}
		fyne.Do(func() {
			// Under the lock as well as on the window's goroutine: the
			// test driver runs this on the timer's.
			e.history.mu.Lock()
			defer e.history.mu.Unlock()
			lines, buttons := e.history.lines, e.history.buttons
			if asked != e.history.asked || len(lines) != len(texts) {
				return // typed on since, or a child added or removed: a newer lookup follows
			}
			e.history.found = found
			for i, l := range lines {
				// A line is touched only when it changes: most children
				// have no other meeting, and their lines stay as built.
				if l.Text != texts[i] || l.Hidden != (texts[i] == "") {
					l.Text, l.Hidden = texts[i], texts[i] == ""
					l.Refresh()
				}
				if b := buttons[i]; b.Text != labels[i] || b.Hidden != (labels[i] == "") {
					b.Text, b.Hidden = labels[i], labels[i] == ""
					b.Refresh()
				}
			}
		})
	})
}

// withinRepeat returns the meetings held in the RepeatMonths before held.
func withinRepeat(all []meeting.EarlierMeeting, held time.Time) []meeting.EarlierMeeting {
	since := held.AddDate(0, -meeting.RepeatMonths, 0)
	var out []meeting.EarlierMeeting
	for _, f := range all {
		if !f.HeldAt.Before(since) && f.HeldAt.Before(held) {
			out = append(out, f)
		}
	}
	return out
}

// historyButtonText names the button that opens a child's history, or ""
// when the child has no other meeting.
func historyButtonText(all []meeting.EarlierMeeting) string {
	if len(all) == 0 {
		return ""
	}
	return fmt.Sprintf("This child's history: %s…", meeting.Plural(len(all), "other strategy meeting"))
}

// showChildHistory shows every other strategy meeting of child i, with its
// decisions for the child and its open actions, newest first.
func (e *Editor) showChildHistory(i int) {
	e.history.mu.Lock()
	var found []meeting.EarlierMeeting
	if i < len(e.history.found) {
		found = e.history.found[i]
	}
	e.history.mu.Unlock()
	m := e.snapshot()
	if i >= len(m.Children) || len(found) == 0 {
		return
	}
	c := m.Children[i]
	name := strings.TrimSpace(c.Name)
	if name == "" {
		name = fmt.Sprintf("child %d", i+1)
	}
	held := m.HeldAt
	if held.IsZero() {
		held = time.Now()
	}
	rows := container.NewVBox()
	var texts []*readText
	for _, f := range found {
		r := newReadText(historyEntry(f, held, meeting.DateOf(time.Now())))
		texts = append(texts, r)
		rows.Add(r)
	}
	scroll := container.NewVScroll(rows)
	followFocus(scroll)
	scroll.SetMinSize(fyne.NewSize(640, 360))
	title := "Strategy meetings for " + name
	if ref := strings.TrimSpace(c.CaseReference); ref != "" {
		title += " (" + ref + ")"
	}
	intro := hint("Every other strategy meeting this child was discussed at, newest first: " +
		"by case reference, or by name and date of birth where one of the two has no case reference. " +
		"Tab moves from one to the next; Up and Down scroll.")
	intro.Wrapping = fyne.TextWrapWord
	d := showModal(e.win, title, container.NewBorder(intro, nil, nil, nil, scroll),
		[]modalButton{{text: "Close", isDefault: true, isCancel: true}}, texts[0])
	for _, r := range texts {
		r.modal = d
	}
}

// historyEntry is one meeting of a child's history, as words.
func historyEntry(f meeting.EarlierMeeting, held time.Time, today meeting.Date) string {
	var b strings.Builder
	if f.Reference != "" {
		b.WriteString(f.Reference + ", ")
	}
	b.WriteString(f.HeldAt.In(meeting.UK).Format("Mon 2 Jan 2006"))
	if f.HeldAt.After(held) {
		b.WriteString(" (after this one)")
	}
	b.WriteString(": " + f.Type.Label())
	if f.Chair != "" {
		b.WriteString(", chaired by " + f.Chair)
	}
	if f.SignedOff {
		b.WriteString(", signed off.")
	} else {
		b.WriteString(", a draft.")
	}
	if f.Match == meeting.MatchNameAndBirth {
		b.WriteString("\nPossibly the same child: recorded there as " + f.Child +
			", the same name and date of birth, with no case reference on one of them.")
	}
	var outcomes []string
	for _, o := range f.Outcomes {
		outcomes = append(outcomes, o.Label())
	}
	if len(outcomes) == 0 {
		b.WriteString("\nNo decision recorded for this child.")
	} else {
		b.WriteString("\nDecided for this child: " + strings.Join(outcomes, "; ") + ".")
	}
	if len(f.OpenActions) == 0 {
		b.WriteString("\nNo open actions.")
	}
	for _, a := range f.OpenActions {
		b.WriteString("\nOpen action: " + a.Description)
		var who []string
		if a.Owner != "" {
			who = append(who, a.Owner)
		}
		if a.Agency != "" {
			who = append(who, a.Agency.Label())
		}
		if len(who) > 0 {
			b.WriteString(" (" + strings.Join(who, ", ") + ")")
		}
		switch {
		case a.Due.IsZero():
			b.WriteString(", no due date")
		case a.Overdue(today):
			b.WriteString(", due " + a.Due.Time(meeting.UK).Format("2 Jan 2006") + ", overdue")
		default:
			b.WriteString(", due " + a.Due.Time(meeting.UK).Format("2 Jan 2006"))
		}
	}
	return b.String()
}

// historyText says which earlier meetings discussed a child, or "".
func historyText(found []meeting.EarlierMeeting) string {
	if len(found) == 0 {
		return ""
	}
	parts := make([]string, len(found))
	for i, f := range found {
		s := f.HeldAt.In(meeting.UK).Format("2 Jan 2006")
		if f.Reference != "" {
			s = f.Reference + " on " + s
		}
		var outcomes []string
		for _, o := range f.Outcomes {
			outcomes = append(outcomes, o.Label())
		}
		if len(outcomes) > 0 {
			s += " (" + strings.Join(outcomes, "; ") + ")"
		}
		if f.Match == meeting.MatchNameAndBirth {
			s += ", possibly the same child: " + f.Child + ", the same name and date of birth, no case reference on one of them"
		}
		parts[i] = s
	}
	what := "1 earlier strategy meeting"
	if len(found) > 1 {
		what = fmt.Sprintf("%d earlier strategy meetings", len(found))
	}
	return fmt.Sprintf("%s in the %d months before this one: %s.", what, meeting.RepeatMonths, strings.Join(parts, "; "))
}
