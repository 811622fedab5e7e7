package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
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
	mu    sync.Mutex
	lines []*widget.Label // one a child, in order; set by the Children section
	timer *time.Timer
	asked int // counts lookups, so that an older answer never overwrites a newer
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

// historyLine makes the line under the next child of the section being built.
func (e *Editor) historyLine() *widget.Label {
	l := hint("")
	l.Importance = widget.WarningImportance
	l.Hide()
	e.history.mu.Lock()
	e.history.lines = append(e.history.lines, l)
	e.history.mu.Unlock()
	return l
}

// lookUpHistory looks for the children's earlier meetings after a pause.
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
		before := m.HeldAt
		if before.IsZero() {
			before = time.Now()
		}
		since := before.AddDate(0, -meeting.RepeatMonths, 0)
		for i, c := range m.Children {
			found, err := src.EarlierMeetings(context.Background(), c, since, before, m.ID)
			if err != nil {
				log.Printf("a child's earlier meetings could not be read: %v", err)
				return
			}
			texts[i] = historyText(found)
		}
		fyne.Do(func() {
			// Under the lock as well as on the window's goroutine: the
			// test driver runs this on the timer's.
			e.history.mu.Lock()
			defer e.history.mu.Unlock()
			lines := e.history.lines
			if asked != e.history.asked || len(lines) != len(texts) {
				return // typed on since, or a child added or removed: a newer lookup follows
			}
			for i, l := range lines {
				// A line is touched only when it changes: most children
				// have no earlier meeting, and their lines stay as built.
				if l.Text == texts[i] && l.Hidden == (texts[i] == "") {
					continue
				}
				l.Text, l.Hidden = texts[i], texts[i] == ""
				l.Refresh()
			}
		})
	})
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
