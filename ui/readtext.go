package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A readText shows one text field of signed-off minutes. A disabled entry
// would be skipped by Tab and show a long text through a three-line window
// that only a mouse can scroll; a readText is a stop for Tab, shows its
// whole text wrapped, and scrolls the section with Up, Down, Page Up and
// Page Down, so that a chair can read every word by keyboard alone.
// Ctrl+C copies its text. Typing changes nothing: signed-off minutes
// change only by an amendment.
type readText struct {
	widget.BaseWidget
	Text     string
	label    *widget.Label
	hasFocus bool
	modal    *modal // the dialog it is in, if any: Enter and Escape close it
}

// notRecorded is what an empty field of signed-off minutes shows.
const notRecorded = "Not recorded"

func newReadText(text string) *readText {
	r := &readText{Text: text, label: widget.NewLabel("")}
	r.label.Wrapping = fyne.TextWrapWord
	r.show()
	r.ExtendBaseWidget(r)
	return r
}

func (r *readText) show() {
	if r.Text == "" {
		r.label.Text, r.label.Importance = notRecorded, widget.LowImportance
		r.label.TextStyle = fyne.TextStyle{Italic: true}
	} else {
		r.label.Text, r.label.Importance = r.Text, widget.MediumImportance
		r.label.TextStyle = fyne.TextStyle{}
	}
}

// SetText shows a new text.
func (r *readText) SetText(s string) {
	r.Text = s
	r.show()
	r.label.Refresh()
	r.Refresh()
}

func (r *readText) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	inner := &readTextRenderer{r: r, bg: bg}
	inner.paint()
	return newFocusRing(inner, &r.hasFocus, r.Theme)
}

func (r *readText) FocusGained() {
	r.hasFocus = true
	r.Refresh()
	reveal(r)
}

func (r *readText) FocusLost() {
	r.hasFocus = false
	r.Refresh()
}

func (r *readText) TypedRune(rune) {}

func (r *readText) TypedKey(ev *fyne.KeyEvent) {
	if r.modal != nil && r.modal.key(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		scrollBy(r, false, ev.Name == fyne.KeyDown)
	case fyne.KeyPageDown, fyne.KeyPageUp:
		scrollBy(r, true, ev.Name == fyne.KeyPageDown)
	}
}

func (r *readText) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutCopy); ok && r.Text != "" {
		fyne.CurrentApp().Clipboard().SetContent(r.Text)
	}
}

type readTextRenderer struct {
	r  *readText
	bg *canvas.Rectangle
}

func (t *readTextRenderer) paint() {
	th := t.r.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.bg.FillColor = th.Color(theme.ColorNameDisabledButton, v)
	t.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	t.bg.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	t.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
}

func (t *readTextRenderer) Layout(s fyne.Size) {
	t.bg.Resize(s)
	t.r.label.Resize(s)
}

func (t *readTextRenderer) MinSize() fyne.Size { return t.r.label.MinSize() }

func (t *readTextRenderer) Refresh() {
	t.paint()
	t.bg.Refresh()
	t.r.label.Refresh()
}

func (t *readTextRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{t.bg, t.r.label}
}

func (t *readTextRenderer) Destroy() {}
