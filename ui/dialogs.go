package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The app's dialogs take the keyboard as a person expects: the focus goes
// into them (the first field, or the default button), Enter presses the
// focused button or, from a field, the default one, and Escape cancels.
// Fyne's own dialogs do none of that in 2.7, so they are built here on
// dialog.NewCustomWithoutButtons. (The file pickers are still Fyne's.)

// A modal is a dialog on screen.
type modal struct {
	win     fyne.Window
	d       *dialog.CustomDialog
	buttons []*keyButton
	def     *keyButton // pressed by Enter from a field
	cancel  *keyButton // pressed by Escape
	done    bool
}

// modalButton describes one button of a dialog.
type modalButton struct {
	text       string
	icon       fyne.Resource
	importance widget.Importance
	action     func() // after the dialog is hidden; nil does nothing more
	isDefault  bool   // pressed by Enter from a field; focused when no field is
	isCancel   bool   // pressed by Escape
}

// showModal shows body with the buttons (the cancel one first, as Fyne
// lays them out) and puts the cursor on focus, or in the first field of
// body, or on the default button.
func showModal(win fyne.Window, title string, body fyne.CanvasObject, buttons []modalButton, focus fyne.Focusable) *modal {
	m := &modal{win: win}
	row := container.NewHBox(layout.NewSpacer())
	for _, spec := range buttons {
		spec := spec
		b := newKeyButton(spec.text, spec.icon, nil)
		b.Importance = spec.importance
		b.OnTapped = func() { m.close(spec.action) }
		b.escape = m.escape
		m.buttons = append(m.buttons, b)
		if spec.isDefault {
			m.def = b
		}
		if spec.isCancel {
			m.cancel = b
		}
		row.Add(b)
	}
	row.Add(layout.NewSpacer())
	m.d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, row, nil, nil, body), win)
	c := win.Canvas()
	previous := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { // nothing focused in the dialog
		if !m.key(ev) && previous != nil {
			previous(ev)
		}
	})
	m.d.SetOnClosed(func() {
		m.done = true
		c.SetOnTypedKey(previous)
	})
	m.d.Show()
	if focus == nil {
		focus = firstFocusable(body)
	}
	if focus == nil && m.def != nil {
		focus = m.def
	}
	if focus != nil {
		c.Focus(focus)
	}
	return m
}

// key handles Enter and Escape; it says whether it did.
func (m *modal) key(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		m.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.def == nil {
			return false
		}
		m.def.OnTapped()
	default:
		return false
	}
	return true
}

func (m *modal) escape() {
	if m.cancel != nil {
		m.cancel.OnTapped()
	} else if len(m.buttons) == 1 {
		m.buttons[0].OnTapped()
	}
}

func (m *modal) close(then func()) {
	if m.done {
		return
	}
	m.d.Hide()
	if then != nil {
		then()
	}
}

// Resize sets the dialog's size.
func (m *modal) Resize(s fyne.Size) { m.d.Resize(s) }

// A keyButton is a button of a dialog, on which Escape cancels it.
type keyButton struct {
	ringButton
	escape func()
}

func newKeyButton(text string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if b.escape != nil {
			b.escape()
		}
		return
	}
	b.ringButton.TypedKey(ev)
}

// A dialogEntry is a one-line field of a dialog: Enter submits the dialog
// and Escape cancels it.
type dialogEntry struct {
	widget.Entry
	modal *modal
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.modal != nil && e.modal.key(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// A dialogCheck is a check box of a dialog: Enter submits the dialog and
// Escape cancels it (Space ticks it). Only a Space pressed on it ticks it:
// the Space that pressed the button opening the dialog arrives as a typed
// character after the dialog has put the cursor here, and must not tick
// the first box unseen.
type dialogCheck struct {
	widget.Check
	modal     *modal
	spaceDown bool // Space was pressed here; its character ticks the box
}

func newDialogCheck(label string) *dialogCheck {
	c := &dialogCheck{}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

func (c *dialogCheck) TypedKey(ev *fyne.KeyEvent) {
	c.spaceDown = ev.Name == fyne.KeySpace
	if c.modal != nil && c.modal.key(ev) {
		return
	}
	c.Check.TypedKey(ev)
}

func (c *dialogCheck) TypedRune(r rune) {
	if r == ' ' && !c.spaceDown {
		return
	}
	c.spaceDown = false
	c.Check.TypedRune(r)
}

func (c *dialogCheck) FocusLost() {
	c.spaceDown = false
	c.Check.FocusLost()
}

// confirmDialog asks a yes-or-no question; fn gets the answer. The
// question's own button is the default unless safe says the cancel one is
// (for deleting).
func confirmDialog(win fyne.Window, title, message, yes, no string, importance widget.Importance, safe bool, fn func(bool)) {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	if importance == widget.MediumImportance {
		importance = widget.HighImportance
	}
	m := showModal(win, title, msg, []modalButton{
		{text: no, icon: theme.CancelIcon(), action: func() { fn(false) }, isCancel: true, isDefault: safe},
		{text: yes, icon: theme.ConfirmIcon(), importance: importance, action: func() { fn(true) }, isDefault: !safe},
	}, nil)
	m.Resize(dialogSize(msg))
}

// infoDialog tells the chair something, with one OK button.
func infoDialog(win fyne.Window, title, message string) {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	m := showModal(win, title, msg, []modalButton{{text: "OK", importance: widget.HighImportance, isDefault: true, isCancel: true}}, nil)
	m.Resize(dialogSize(msg))
}

// errorDialog says what went wrong, in the error's words.
func errorDialog(win fyne.Window, err error) { errorDialogThen(win, err, nil) }

// errorDialogThen is errorDialog, calling then once it is closed.
func errorDialogThen(win fyne.Window, err error, then func()) {
	msg := widget.NewLabel(sentence(err.Error()))
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	m := showModal(win, "Not done", container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, msg),
		[]modalButton{{text: "OK", importance: widget.HighImportance, action: then, isDefault: true, isCancel: true}}, nil)
	m.Resize(dialogSize(msg))
}

// contentDialog shows content with one button that closes it.
func contentDialog(win fyne.Window, title, closeText string, content fyne.CanvasObject) *modal {
	return showModal(win, title, content, []modalButton{{text: closeText, importance: widget.HighImportance, isDefault: true, isCancel: true}}, nil)
}

// dialogSize is wide enough to read a message in a few lines, and as tall
// as the message wrapped to that width: a wrapping label not yet laid out
// measures itself one word to a line, far taller than its text.
func dialogSize(msg *widget.Label) fyne.Size {
	const width = 520
	msg.Resize(fyne.NewSize(width-2*theme.Padding()-80, msg.Size().Height))
	return fyne.NewSize(width, msg.MinSize().Height+160)
}

// sentence makes an error's words a sentence: a capital, a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	if !strings.ContainsRune(".?!", r[len(r)-1]) {
		r = append(r, '.')
	}
	return string(r)
}
