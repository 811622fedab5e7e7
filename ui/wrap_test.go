package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Every key typed into a multi-line box goes where it was typed, at every
// width: a space typed where a row wraps, at the end of the text, once went
// to the end instead, joining the words either side of it ("weretold"), as
// a chair found (third_party/fyne/wrap-trailing-space.patch).
func TestTypingAtTheWrapKeepsEveryKey(t *testing.T) {
	test.NewTempApp(t)
	text := strings.Repeat("the violent father and the mother were told about it ", 6)
	for width := float32(180); width < 620; width += 7 {
		box := newTextBox()
		w := test.NewTempWindow(t, box)
		w.Resize(fyne.NewSize(width, 300))
		w.Canvas().Focus(box)
		for _, r := range text {
			box.TypedRune(r)
		}
		if box.Text != text {
			t.Fatalf("width %v: typed %q, the box holds %q", width, text, box.Text)
		}
	}
}
