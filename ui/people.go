package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// maxKnownPeople bounds the names offered from earlier meetings: more than a
// borough's professionals, small enough to search on every keystroke.
const maxKnownPeople = 20000

// peopleIndex holds the attendees of earlier meetings, loaded once off the
// UI goroutine and searched in memory as the chair types.
type peopleIndex struct {
	mu     sync.Mutex
	people []meeting.Person
	lower  []string
}

func (p *peopleIndex) load(store meeting.Store) {
	people, err := store.People(context.Background(), "", maxKnownPeople)
	if err != nil {
		return // suggestions are a convenience; typing works without them
	}
	lower := make([]string, len(people))
	for i, person := range people {
		lower[i] = strings.ToLower(person.Name)
	}
	p.mu.Lock()
	p.people, p.lower = people, lower
	p.mu.Unlock()
}

// match returns up to limit people whose name contains text, names that
// start with it first. The exact name typed is not offered back.
func (p *peopleIndex) match(text string, limit int) []meeting.Person {
	text = strings.ToLower(strings.TrimSpace(text))
	if len([]rune(text)) < 2 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var first, rest []meeting.Person
	for i, name := range p.lower {
		switch {
		case name == text:
		case strings.HasPrefix(name, text):
			first = append(first, p.people[i])
		case strings.Contains(name, text):
			rest = append(rest, p.people[i])
		}
		if len(first) >= limit {
			break
		}
	}
	out := append(first, rest...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func personLabel(p meeting.Person) string {
	parts := []string{p.Name}
	if p.Role != "" {
		parts = append(parts, p.Role)
	}
	agency := p.Agency.Label()
	if p.Service != "" {
		agency += " (" + meeting.ServiceLabel(p.Agency, p.Service) + ")"
	}
	return strings.Join(append(parts, agency), ", ")
}

// personEntry is a name field that offers people seen at earlier meetings,
// with their role and agency, on the line under it: Down and Up go through
// them, Enter (or a click on the line) fills the row with the one shown,
// Escape puts them away. The offer never takes the focus, never changes
// what is typed until one is chosen, and never moves or widens anything.
func (e *Editor) personEntry(field, value string, set func(string), pick func(meeting.Person)) (fyne.Focusable, fyne.CanvasObject) {
	if e.readOnly {
		r := newReadText(value)
		return r, withError(r, e.errorFor(field))
	}
	n := newNameEntry()
	n.SetText(value)
	n.SetPlaceHolder("Name")
	e.checkPrintable(field, value)
	n.OnChanged = func(s string) {
		e.checkPrintable(field, cleanText(s, false))
		set(cleanText(s, false))
		if !n.choosing {
			n.offer(e.people.match(s, 5))
		}
	}
	n.pick = func(p meeting.Person) {
		n.choosing = true
		n.SetText(p.Name)
		n.CursorColumn = len([]rune(p.Name))
		n.choosing = false
		n.offer(nil)
		pick(p)
	}
	return n, container.NewVBox(n, n.line, e.errorFor(field))
}

// A nameEntry is a name field with people offered under it.
type nameEntry struct {
	widget.Entry
	line     *fieldMessage // the person offered, or how many there are
	matches  []meeting.Person
	shown    int  // which match the line shows; -1 before Down is pressed
	choosing bool // the text is being set from a choice
	pick     func(meeting.Person)
}

func newNameEntry() *nameEntry {
	n := &nameEntry{line: newFieldMessage(), shown: -1}
	n.line.colorName = theme.ColorNameForeground
	n.line.onTapped = func() {
		if len(n.matches) > 0 {
			n.pick(n.matches[max(n.shown, 0)])
		}
	}
	n.ExtendBaseWidget(n)
	return n
}

// offer shows the people matching what is typed.
func (n *nameEntry) offer(people []meeting.Person) {
	n.matches, n.shown = people, -1
	n.showLine()
}

func (n *nameEntry) showLine() {
	switch {
	case len(n.matches) == 0:
		n.line.SetText("")
	case n.shown < 0:
		n.line.SetText(fmt.Sprintf("Seen before: %s (Down to choose)", personLabel(n.matches[0])))
	default:
		n.line.SetText(fmt.Sprintf("%d of %d: %s (Enter to fill the row)", n.shown+1, len(n.matches), personLabel(n.matches[n.shown])))
	}
}

func (n *nameEntry) TypedKey(ev *fyne.KeyEvent) {
	if len(n.matches) > 0 {
		switch ev.Name {
		case fyne.KeyDown:
			n.shown = (n.shown + 1) % len(n.matches)
			n.showLine()
			return
		case fyne.KeyUp:
			n.shown = (n.shown - 1 + len(n.matches)) % len(n.matches)
			n.showLine()
			return
		case fyne.KeyReturn, fyne.KeyEnter:
			if n.shown >= 0 {
				n.pick(n.matches[n.shown])
				return
			}
		case fyne.KeyEscape:
			n.offer(nil)
			return
		}
	}
	n.Entry.TypedKey(ev)
}

func (n *nameEntry) FocusGained() {
	selectOnFocus(&n.Entry)
	n.Entry.FocusGained()
	reveal(n)
}

func (n *nameEntry) FocusLost() {
	n.Entry.FocusLost()
	n.offer(nil)
}
