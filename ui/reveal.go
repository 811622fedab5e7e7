package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7's scroll containers do not follow the keyboard: Tab can move
// the cursor into a field below the visible part of a section, and the
// chair would type into a field they cannot see. The editor's fields call
// reveal when they take the focus, and the scroll that holds them moves
// just enough to show them, with the message line under them.

var followers struct {
	sync.Mutex
	scrolls []*container.Scroll
}

// followFocus makes s scroll to whichever of its fields takes the focus.
func followFocus(s *container.Scroll) {
	followers.Lock()
	defer followers.Unlock()
	followers.scrolls = append(followers.scrolls, s)
}

// forgetScrolls drops the scrolls of an editor that is closed.
func forgetScrolls(gone ...*container.Scroll) {
	followers.Lock()
	defer followers.Unlock()
	kept := followers.scrolls[:0]
	for _, s := range followers.scrolls {
		drop := false
		for _, g := range gone {
			drop = drop || s == g
		}
		if !drop {
			kept = append(kept, s)
		}
	}
	followers.scrolls = kept
}

// reveal scrolls o into view in the scroll that holds it, if any.
func reveal(o fyne.CanvasObject) {
	followers.Lock()
	scrolls := append([]*container.Scroll(nil), followers.scrolls...)
	followers.Unlock()
	for _, s := range scrolls {
		if s.Visible() && holds(s.Content, o) {
			scrollTo(s, o)
			return
		}
	}
}

// holds reports whether o is under root.
func holds(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	switch c := root.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			if holds(child, o) {
				return true
			}
		}
	case *widget.Form:
		for _, item := range c.Items {
			if holds(item.Widget, o) {
				return true
			}
		}
	case *container.Scroll:
		return holds(c.Content, o)
	}
	return false
}

// revealMargin is the room kept under a field for its message line.
const revealMargin = 28

func scrollTo(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
	bottom := top + o.Size().Height + revealMargin
	view := s.Size().Height
	offset := s.Offset.Y
	switch {
	case top < 0, bottom-top > view:
		// Above the view, or taller than it (a long text of signed-off
		// minutes): its first line goes to the top.
		offset += top - revealMargin/2
	case bottom > view:
		offset += bottom - view
	default:
		return
	}
	offset = max(0, min(offset, s.Content.MinSize().Height-view))
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, offset))
}

// A lineEntry is a one-line field that the scroll follows.
type lineEntry struct{ widget.Entry }

func newLineEntry() *lineEntry {
	e := &lineEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *lineEntry) FocusGained() {
	selectOnFocus(&e.Entry)
	e.Entry.FocusGained()
	reveal(e)
}

// selectOnFocus selects a one-line field's text when the cursor comes into
// it, as desktop programs do on Tab: typing replaces a chair's name carried
// over from the last meeting instead of running into it, and End or a
// click keeps it. (A click then puts the cursor where it lands.)
func selectOnFocus(e *widget.Entry) {
	if e.Text != "" && !e.Disabled() {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// scrollBy scrolls the scroll that holds o by a line or a page, down or up.
func scrollBy(o fyne.CanvasObject, page, down bool) {
	followers.Lock()
	scrolls := append([]*container.Scroll(nil), followers.scrolls...)
	followers.Unlock()
	for _, s := range scrolls {
		if !s.Visible() || !holds(s.Content, o) {
			continue
		}
		step := 3 * theme.SizeForWidget(theme.SizeNameText, s)
		if page {
			step = s.Size().Height - step
		}
		if !down {
			step = -step
		}
		offset := max(0, min(s.Offset.Y+step, s.Content.MinSize().Height-s.Size().Height))
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, offset))
		return
	}
}
