package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// typeAheadPause ends a type-ahead word: letters typed after it start a new
// search, as in any desktop list.
const typeAheadPause = time.Second

// A choice is a drop-down list that takes type-ahead: with the focus on it,
// typing "pol" chooses Police and "health" Health, without opening the
// list; the same letter again moves to the next choice starting with it.
// Space or Down opens the list, Left and Right step through it.
type choice struct {
	widget.Select
	typed    string
	typedAt  time.Time
	hasFocus bool
	// before is the choice when the type-ahead word began, and failed
	// whether the word has matched nothing: words typed at a list by a
	// chair who took it for a field put the choice back as it was and
	// change nothing more until a pause, instead of wandering from option
	// to option and ending on one nobody chose.
	before int
	failed bool
}

func (c *choice) CreateRenderer() fyne.WidgetRenderer {
	return newFocusRing(c.Select.CreateRenderer(), &c.hasFocus, c.Theme)
}

// FocusGained shows the ring instead of Fyne's faint tint.
func (c *choice) FocusGained() {
	c.hasFocus = true
	c.Refresh()
	reveal(c)
}

func (c *choice) FocusLost() {
	c.hasFocus = false
	c.Refresh()
}

func newChoice(options []string, changed func(string)) *choice {
	c := &choice{}
	c.Options, c.OnChanged = options, changed
	c.PlaceHolder = "Choose…"
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey opens the list on Space, except in the middle of type-ahead:
// "threshold met" typed is a choice, not "threshold" and an open list.
func (c *choice) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace && c.typed != "" && time.Since(c.typedAt) <= typeAheadPause {
		return // the space reaches TypedRune as a character of what is typed
	}
	c.Select.TypedKey(ev)
}

func (c *choice) TypedRune(r rune) {
	now := time.Now()
	if now.Sub(c.typedAt) > typeAheadPause {
		c.typed, c.failed = "", false
	}
	c.typedAt = now
	if r == ' ' && c.typed == "" {
		return // Space opens the list (a key, handled by Select)
	}
	if c.typed == "" {
		c.before = c.SelectedIndex()
	}
	c.typed += string(r)
	if c.failed {
		return
	}
	i := matchChoice(c.Options, c.typed, c.SelectedIndex())
	switch {
	case i < 0:
		c.failed = true
		if c.SelectedIndex() != c.before {
			if c.before >= 0 {
				c.SetSelectedIndex(c.before)
			} else {
				c.ClearSelected()
			}
		}
	case i != c.SelectedIndex():
		c.SetSelectedIndex(i)
	}
}

// matchChoice finds the option typed: the first whose label starts with
// it, else whose word does, else that contains it, ignoring case. A single
// letter typed again and again steps through the options starting with it,
// after the current one.
func matchChoice(options []string, typed string, current int) int {
	t := strings.ToLower(typed)
	if first, size := utf8.DecodeRuneInString(t); size > 0 && size < len(t) && strings.Count(t, string(first)) == utf8.RuneCountInString(t) {
		letter := string(first)
		for k := 1; k <= len(options); k++ {
			i := (current + k + len(options)) % len(options)
			if strings.HasPrefix(strings.ToLower(options[i]), letter) {
				return i
			}
		}
	}
	matchers := []func(label string) bool{
		func(l string) bool { return strings.HasPrefix(l, t) },
		func(l string) bool {
			for _, w := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '(' || r == '/' || r == ',' }) {
				if strings.HasPrefix(w, t) {
					return true
				}
			}
			return false
		},
		func(l string) bool { return strings.Contains(l, t) },
	}
	for _, match := range matchers {
		for i, o := range options {
			if match(strings.ToLower(o)) {
				return i
			}
		}
	}
	return -1
}
