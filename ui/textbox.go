package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// A textBox is a multi-line entry that the keyboard can leave: Tab and
// Shift+Tab move to the next and previous control, as in every other
// field, instead of typing a tab character (minutes never need one).
type textBox struct {
	widget.Entry
	modal *modal // in a dialog: Escape cancels it
}

func newTextBox() *textBox {
	b := &textBox{}
	b.MultiLine = true
	b.Wrapping = fyne.TextWrapWord
	b.ExtendBaseWidget(b)
	b.SetMinRowsVisible(3)
	return b
}

// AcceptsTab says Tab is not text here, so the window moves the focus.
func (b *textBox) AcceptsTab() bool { return false }

func (b *textBox) FocusGained() {
	// The cursor goes after the text, as Ctrl+End puts it; rows are the
	// wrapped rows on screen, which only the entry knows.
	b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	b.Entry.FocusGained()
	reveal(b)
}

// TypedShortcut adds Ctrl+Home and Ctrl+End, the start and the end of the
// whole text (Fyne's Home and End go to the start and end of the row).
func (b *textBox) TypedShortcut(s fyne.Shortcut) {
	if c, ok := s.(*desktop.CustomShortcut); ok && c.Modifier == fyne.KeyModifierShortcutDefault {
		switch c.KeyName {
		case fyne.KeyEnd:
			b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
			return
		case fyne.KeyHome:
			b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
			return
		}
	}
	b.Entry.TypedShortcut(s)
}

func (b *textBox) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && b.modal != nil {
		b.modal.escape()
		return
	}
	b.Entry.TypedKey(ev)
}

// firstFocusable returns the first control under o that takes the
// keyboard, in the order Tab visits them, skipping hidden and disabled ones.
func firstFocusable(o fyne.CanvasObject) fyne.Focusable {
	if o == nil || !o.Visible() {
		return nil
	}
	if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
		return nil
	}
	if f, ok := o.(fyne.Focusable); ok {
		return f
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			if f := firstFocusable(child); f != nil {
				return f
			}
		}
	case *widget.Form:
		for _, item := range c.Items {
			if f := firstFocusable(item.Widget); f != nil {
				return f
			}
		}
	case *container.Scroll:
		return firstFocusable(c.Content)
	}
	return nil
}
