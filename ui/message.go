package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A fieldMessage is the line under a field that says what is wrong with
// it. The line is always there, one line of small type, empty when there is
// nothing to say, so that a message coming or going never moves the field
// the chair is typing in; a message too long for the field's width is cut
// with an ellipsis (the sign-off list has it whole), and never widens the
// window.
type fieldMessage struct {
	widget.BaseWidget
	Text      string
	colorName fyne.ThemeColorName // the error colour unless set
	onTapped  func()              // a click on the line, when set
}

// Tapped runs onTapped: the line can be clicked, never focused.
func (m *fieldMessage) Tapped(*fyne.PointEvent) {
	if m.onTapped != nil {
		m.onTapped()
	}
}

func newFieldMessage() *fieldMessage {
	m := &fieldMessage{colorName: theme.ColorNameError}
	m.ExtendBaseWidget(m)
	return m
}

// SetText shows msg ("" for none).
func (m *fieldMessage) SetText(msg string) {
	if msg != m.Text {
		m.Text = msg
		m.Refresh()
	}
}

func (m *fieldMessage) CreateRenderer() fyne.WidgetRenderer {
	r := &fieldMessageRenderer{m: m, text: canvas.NewText("", nil)}
	r.Refresh()
	return r
}

type fieldMessageRenderer struct {
	m    *fieldMessage
	text *canvas.Text
}

func (r *fieldMessageRenderer) size() float32 {
	return r.m.Theme().Size(theme.SizeNameCaptionText)
}

func (r *fieldMessageRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", r.size(), fyne.TextStyle{}).Height
	return fyne.NewSize(0, h+r.m.Theme().Size(theme.SizeNameInnerPadding)/2)
}

func (r *fieldMessageRenderer) Layout(s fyne.Size) {
	r.text.Text = fitText(r.m.Text, s.Width-theme.Padding(), r.size())
	r.text.Move(fyne.NewPos(theme.Padding(), 0))
	r.text.Resize(fyne.NewSize(s.Width-theme.Padding(), s.Height))
	r.text.Refresh()
}

func (r *fieldMessageRenderer) Refresh() {
	r.text.TextSize = r.size()
	r.text.Color = r.m.Theme().Color(r.m.colorName, fyne.CurrentApp().Settings().ThemeVariant())
	r.Layout(r.m.Size())
}

func (r *fieldMessageRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }
func (r *fieldMessageRenderer) Destroy()                     {}

// fitText cuts s to fit width at the text size, with an ellipsis.
func fitText(s string, width, size float32) string {
	if s == "" || fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= width {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, fyne.TextStyle{}).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}
