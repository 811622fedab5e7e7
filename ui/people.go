package ui

import (
	"context"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
// with their agency and role, as buttons under it (reachable with Tab).
func (e *Editor) personEntry(field, value string, set func(string), pick func(meeting.Person)) (*widget.Entry, fyne.CanvasObject) {
	entry := widget.NewEntry()
	entry.SetText(value)
	entry.SetPlaceHolder("Name")
	suggestions := container.NewVBox()
	entry.OnChanged = func(s string) {
		set(cleanText(s, false))
		var buttons []fyne.CanvasObject
		for _, p := range e.people.match(s, 3) {
			b := widget.NewButton(personLabel(p), nil)
			b.Importance = widget.LowImportance
			b.Alignment = widget.ButtonAlignLeading
			b.OnTapped = func() {
				suggestions.RemoveAll()
				entry.SetText(p.Name)
				suggestions.RemoveAll()
				pick(p)
				e.win.Canvas().Focus(entry)
			}
			buttons = append(buttons, b)
		}
		suggestions.Objects = buttons
		suggestions.Refresh()
	}
	e.disableIfReadOnly(entry)
	return entry, container.NewVBox(entry, suggestions, e.errorFor(field))
}
