package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 shows a focused button or list only by tinting its background,
// which cannot be seen on a blue button and is faint elsewhere. The
// buttons and lists here draw a ring around themselves when they have the
// focus, in the text colour, in the gap between controls, so that the
// pixels it covers change by at least 3:1 (WCAG 2.2 focus appearance).

// ringWidth and ringGap: the ring's stroke, and how far outside the control.
const ringWidth, ringGap = 2, 2

// focusRing wraps a widget's renderer with the ring.
type focusRing struct {
	fyne.WidgetRenderer
	ring    *canvas.Rectangle
	focused *bool
	theme   func() fyne.Theme
}

func newFocusRing(inner fyne.WidgetRenderer, focused *bool, th func() fyne.Theme) *focusRing {
	r := &focusRing{WidgetRenderer: inner, ring: canvas.NewRectangle(color.Transparent), focused: focused, theme: th}
	r.ring.StrokeWidth = ringWidth
	r.ring.FillColor = color.Transparent
	r.paint()
	return r
}

func (r *focusRing) paint() {
	t := r.theme()
	r.ring.CornerRadius = t.Size(theme.SizeNameInputRadius) + ringGap
	if *r.focused {
		r.ring.StrokeColor = focusRingColor(t)
	} else {
		r.ring.StrokeColor = color.Transparent
	}
}

func (r *focusRing) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	d := float32(ringGap + ringWidth/2)
	r.ring.Move(fyne.NewPos(-d, -d))
	r.ring.Resize(s.AddWidthHeight(2*d, 2*d))
}

func (r *focusRing) Refresh() {
	r.WidgetRenderer.Refresh()
	r.paint()
	r.ring.Refresh()
}

func (r *focusRing) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.ring)
}

// A ringButton is a button with a focus ring. Space and Enter press it, as
// on every desktop; but not while the chair is typing words at it (the
// focus on a button they took for a field): the space between two words
// would otherwise add a row, and the next word would land in it.
type ringButton struct {
	widget.Button
	hasFocus bool
	onPage   func(down bool) // Page Down and Page Up, when the button is in a scrolled view
	typedAt  time.Time       // when a letter was last typed at the button
}

// typingPause is how long after a letter typed at a button a Space or an
// Enter is taken as more typing, not a press.
const typingPause = 1500 * time.Millisecond

func (b *ringButton) TypedRune(r rune) {
	if r != ' ' {
		b.typedAt = time.Now()
	}
}

func (b *ringButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyPageDown, fyne.KeyPageUp:
		if b.onPage != nil {
			b.onPage(ev.Name == fyne.KeyPageDown)
		}
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if time.Since(b.typedAt) >= typingPause && !b.Disabled() {
			b.Tapped(nil)
		}
	}
}

// newButton is widget.NewButtonWithIcon with a focus ring (icon may be nil).
func newButton(text string, icon fyne.Resource, tapped func()) *ringButton {
	b := &ringButton{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *ringButton) CreateRenderer() fyne.WidgetRenderer {
	return newFocusRing(b.Button.CreateRenderer(), &b.hasFocus, b.Theme)
}

// FocusGained shows the ring. Fyne's own focus tint is left off (Button's
// FocusGained is not called): on a coloured button it would take the text
// below 4.5:1.
func (b *ringButton) FocusGained() {
	b.hasFocus = true
	b.Refresh()
	reveal(b)
}

func (b *ringButton) FocusLost() {
	b.hasFocus = false
	b.Refresh()
}
