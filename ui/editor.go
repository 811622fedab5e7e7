package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// Sections of the editor, in the order a meeting runs.
const (
	sectionDetails = iota
	sectionChildren
	sectionAttendees
	sectionConsent
	sectionDecisions
	sectionActions
	sectionSignOff
	sectionCount
)

var sectionTitles = [sectionCount]string{"Details", "Children", "Attendees", "Consent", "Decisions", "Actions", "Sign-off"}

// An Editor records one meeting live. Every change is saved by autosave;
// there is no Save button. A signed-off record is shown read-only.
type Editor struct {
	store meeting.Store
	win   fyne.Window
	// Identity is who signs off; the app fills it from the chair's name.
	identity func() string

	mu sync.Mutex
	m  *meeting.Meeting // guarded by mu: autosave snapshots it off the UI goroutine

	readOnly bool
	building bool // widgets are being filled from the record
	// amending is set while signed-off minutes are being amended: changes
	// are held until the amendment is saved with its reason, never autosaved.
	amending bool
	original *meeting.Meeting // the stored version an amendment started from
	records  meeting.Records  // amendments and the audit log; nil when the store has none
	saver    *autosaver
	people   peopleIndex

	Saved    *widget.Label // "Saved 10:32:05"
	Title    *widget.Label
	Tabs     *container.AppTabs
	strip    *partnerStrip
	sections [sectionCount]*fyne.Container
	scrolls  [sectionCount]*container.Scroll
	errors   map[string]*fieldMessage // inline messages by field path
	// typed holds what is wrong with text typed into a date or time that
	// is not one yet, by field path: it stays on screen, the record keeps
	// its last good value, and sign-off waits until it is put right.
	typed   map[string]typedInput
	lastRow [sectionCount]fyne.Focusable // first field of each section's last row, focused after adding one

	signOffList   *fyne.Container
	signOffButton *ringButton
	amendNote     *widget.Label
	partnerNote   *widget.Label // whether the reason below is needed

	// OnChairTyped is called with the chair's name as it is typed, so that
	// the next new meeting can start with it.
	OnChairTyped func(string)
	first        fyne.Focusable // the first field of the details
	// OnSignedOff is called after the minutes are signed off.
	OnSignedOff func()
	// OnDeleted is called after the meeting is deleted; the editor is done.
	OnDeleted  func()
	deleted    bool
	lastDelete *deleteDialog // the last dialog asking why minutes are deleted, for tests
}

// NewEditor builds an editor for m on the store. Call Close (which saves
// what is pending) before dropping it.
func NewEditor(win fyne.Window, store meeting.Store, m *meeting.Meeting) *Editor {
	e := &Editor{store: store, win: win, m: m.Clone(), readOnly: m.SignedOff(), errors: map[string]*fieldMessage{}, typed: map[string]typedInput{}}
	e.records, _ = store.(meeting.Records)
	e.identity = func() string { return e.snapshot().Chair }
	// The indicator is never truncated: the title gives way to it.
	e.Saved = widget.NewLabel("No changes yet")
	e.Title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.Title.Truncation = fyne.TextTruncateEllipsis
	e.strip = newPartnerStrip()
	e.saver = newAutosaver(autosaveDelay, e.save, e.saved)
	if m.SignedOff() {
		e.Saved.SetText("Signed off: read-only")
	}

	var tabs []*container.TabItem
	for i := range sectionCount {
		e.sections[i] = container.NewVBox()
		e.scrolls[i] = container.NewVScroll(container.NewPadded(e.sections[i]))
		followFocus(e.scrolls[i])
		tabs = append(tabs, container.NewTabItem(sectionTitles[i], e.scrolls[i]))
	}
	e.Tabs = container.NewAppTabs(tabs...)
	e.Tabs.SetTabLocation(container.TabLocationLeading)
	// The cursor goes with the section shown, so that what is typed next
	// never lands unseen in the section left behind.
	e.Tabs.OnSelected = func(*container.TabItem) { e.focusSection(e.Tabs.SelectedIndex()) }
	for i := range sectionCount {
		e.build(i)
	}
	e.refresh()
	go e.people.load(store)
	return e
}

// Content is the editor's whole view: a header with the partner strip, and
// the sections.
func (e *Editor) Content(back fyne.CanvasObject) fyne.CanvasObject {
	header := container.NewBorder(nil, nil, back, e.Saved, e.Title)
	return container.NewBorder(container.NewVBox(header, e.strip.object()), nil, nil, nil, e.Tabs)
}

// Meeting returns a copy of the record as it stands.
func (e *Editor) Meeting() *meeting.Meeting { return e.snapshot() }

func (e *Editor) snapshot() *meeting.Meeting {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.m.Clone()
}

// edit applies a change typed by the chair, schedules the save and updates
// the checks on screen.
func (e *Editor) edit(change func(m *meeting.Meeting)) {
	if e.readOnly || e.building {
		return // setting up widgets is not a change
	}
	e.mu.Lock()
	change(e.m)
	e.mu.Unlock()
	if !e.amending {
		e.saver.schedule()
	}
	e.refresh()
}

// addRow shows a section, adds a row to it and puts the cursor in the row's
// first field, so that the chair can type straight away.
func (e *Editor) addRow(section int, add func(m *meeting.Meeting), also ...int) {
	if e.readOnly {
		return
	}
	e.Tabs.SelectIndex(section) // a field can take the focus only when it is shown
	e.editAndRebuild(add, append([]int{section}, also...)...)
	e.scrolls[section].ScrollToBottom()
}

// editAndRebuild is edit for changes that add or remove rows.
func (e *Editor) editAndRebuild(change func(m *meeting.Meeting), sections ...int) {
	e.edit(change)
	for _, s := range sections {
		e.build(s)
	}
	e.refresh()
	if f := e.lastRow[sections[0]]; f != nil && !e.readOnly {
		e.win.Canvas().Focus(f)
	}
}

func (e *Editor) save() error {
	return e.store.SaveMeeting(context.Background(), e.snapshot())
}

// saveRetryDelay is how soon a failed save is tried again, typing or not.
const saveRetryDelay = 3 * time.Second

// saved shows the outcome of a save. A failure keeps everything typed on
// screen, says so in words, and is tried again until it succeeds, so that
// closing the meeting still has something to save.
func (e *Editor) saved(at time.Time, err error) {
	if err != nil {
		e.Saved.Importance = widget.DangerImportance
		e.Saved.SetText("Not saved: " + err.Error() + " (kept on screen, trying again)")
		if !e.amending && !e.readOnly {
			e.saver.scheduleIn(saveRetryDelay)
		}
		return
	}
	e.Saved.Importance = widget.MediumImportance
	e.Saved.SetText("Saved " + at.In(meeting.UK).Format("15:04:05"))
}

// Flush saves anything pending now; call it before the window closes.
func (e *Editor) Flush() error { return e.saver.flush() }

// WaitSaved blocks until autosave has nothing left to do.
func (e *Editor) WaitSaved() { e.saver.wait() }

// typedPending stops the editor closing over dates typed that are not
// dates yet: they are not in the record, and would go with the window.
type typedPending []string

func (t typedPending) Error() string {
	return "These are not dates yet:\n" + strings.Join(t, "\n")
}

// dropTyped forgets the dates typed that are not dates yet: the chair
// chose to leave without them.
func (e *Editor) dropTyped() { e.typed = map[string]typedInput{} }

// showTyped shows the first field with a date not yet put right.
func (e *Editor) showTyped() {
	ps := e.typedProblems()
	if len(ps) == 0 {
		return
	}
	field := ps[0].Field
	for i, prefix := range []string{"", "children[", "", "consent.", "decisions[", "actions["} {
		if prefix != "" && strings.HasPrefix(field, prefix) {
			e.Tabs.SelectIndex(i)
			return
		}
	}
	e.Tabs.SelectIndex(sectionDetails)
}

// errAmendmentPending stops the editor closing over an unsaved amendment.
var errAmendmentPending = errors.New("save the amendment (with its reason) or cancel it first")

// Close saves what is pending. It refuses while an amendment with changes
// is not saved, so that neither the change nor its reason is lost.
func (e *Editor) Close() error {
	if e.deleted {
		return nil
	}
	if e.amending && len(meeting.Diff(e.original, e.snapshot())) > 0 {
		return errAmendmentPending
	}
	if !e.readOnly && len(e.typed) > 0 {
		var t typedPending
		for _, p := range e.typedProblems() {
			t = append(t, fmt.Sprintf("%s: “%s” (%s)", describeField(p.Field), e.typed[p.Field].text, p.Message))
		}
		if err := e.Flush(); err != nil { // everything else is saved meanwhile
			return err
		}
		return t
	}
	return e.Flush()
}

// release lets go of what the editor registered; the app calls it once the
// editor is closed.
func (e *Editor) release() { forgetScrolls(e.scrolls[:]...) }

// NextSection and PreviousSection move through the sections in order; the
// cursor goes to the first field of the section shown.
func (e *Editor) NextSection() { e.Tabs.SelectIndex((e.Tabs.SelectedIndex() + 1) % sectionCount) }

func (e *Editor) PreviousSection() {
	e.Tabs.SelectIndex((e.Tabs.SelectedIndex() + sectionCount - 1) % sectionCount)
}

// focusSection puts the cursor in the first control of a section that
// takes it (the first field, or a button when the record is read-only).
func (e *Editor) focusSection(section int) {
	if section < 0 || section >= sectionCount {
		return
	}
	if f := firstFocusable(e.sections[section]); f != nil {
		e.win.Canvas().Focus(f)
	} else {
		e.win.Canvas().Unfocus()
	}
}

// refresh brings the title, the partner strip, the inline messages and the
// sign-off check up to date with the record.
func (e *Editor) refresh() {
	m := e.snapshot()
	title := "Strategy meeting"
	if m.Reference != "" {
		title += " " + m.Reference
	}
	if !m.HeldAt.IsZero() {
		title += ", " + m.HeldAt.In(meeting.UK).Format("Mon 2 Jan 2006 15:04")
	}
	if m.SignedOff() {
		title += " (signed off)"
	} else {
		title += " (draft)"
	}
	e.Title.SetText(title)
	e.strip.update(m)

	problems := m.SignOffProblems()
	switch {
	case e.amending:
		problems = m.Check() // an amended record must still be complete
	case m.SignedOff():
		problems = nil
	}
	if !m.SignedOff() || e.amending {
		problems = append(e.typedProblems(), problems...)
	}
	shown := map[string]string{}
	for _, p := range problems {
		if _, ok := shown[p.Field]; !ok {
			shown[p.Field] = plainMessage(p)
		}
	}
	for field, label := range e.errors {
		if msg := shown[field]; label.Text != msg {
			label.SetText(msg) // its line is kept when empty: nothing moves
		}
	}
	e.refreshSignOff(m, problems)
}

// typedInput is a date or time typed that is not one yet.
type typedInput struct {
	text    string // what is on screen, put back when the section is rebuilt
	problem string
}

// typedProblems are the dates and times typed that are not ones yet, in
// the order of the record's fields.
func (e *Editor) typedProblems() meeting.Problems {
	var ps meeting.Problems
	for field, in := range e.typed {
		ps = append(ps, meeting.Problem{Field: field, Message: in.problem, Incomplete: true})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Field < ps[j].Field })
	return ps
}

// typedProblem returns the function a date or time field tells what is
// wrong with its text ("" when nothing is); text, when given, is what is
// on screen.
func (e *Editor) typedProblem(field string, text ...func() string) func(string) {
	return func(msg string) {
		if e.building || e.readOnly {
			return
		}
		if msg == "" {
			delete(e.typed, field)
		} else {
			in := typedInput{problem: msg}
			if len(text) > 0 {
				in.text = text[0]()
			}
			e.typed[field] = in
		}
		e.refresh()
	}
}

// forgetTyped drops what was typed in a section's rows when a row is
// removed: the rows after it move up, and show their stored dates.
func (e *Editor) forgetTyped(prefix string) {
	for field := range e.typed {
		if strings.HasPrefix(field, prefix) {
			delete(e.typed, field)
		}
	}
}

// dateInput is a date field bound to a date of the record; after, if
// given, runs once the record has the new date.
func (e *Editor) dateInput(field string, value meeting.Date, set func(m *meeting.Meeting, d meeting.Date), after ...func()) *dateField {
	var d *dateField
	d = newDateField(value, func(date meeting.Date) {
		e.edit(func(m *meeting.Meeting) { set(m, date) })
		for _, f := range after {
			f()
		}
	}, e.typedProblem(field, func() string { return d.Text }))
	if in, ok := e.typed[field]; ok && in.text != "" {
		d.SetText(in.text) // a rebuilt section keeps what was typed
	}
	e.disableIfReadOnly(d)
	return d
}

// errorFor returns the inline message label of a field path.
func (e *Editor) errorFor(field string) *fieldMessage {
	l := newFieldMessage()
	e.errors[field] = l
	return l
}

// forget drops the inline messages of a section's rows before it is rebuilt.
func (e *Editor) forget(prefix string) {
	for field := range e.errors {
		if strings.HasPrefix(field, prefix) {
			delete(e.errors, field)
		}
	}
}

// textField is an entry for a field path whose text goes to onChange,
// cleaned of control characters, with its inline message under it.
// The first result is the field itself, to put the cursor in.
func (e *Editor) textField(field, value, placeholder string, multiline bool, onChange func(string)) (fyne.Focusable, fyne.CanvasObject) {
	var w *widget.Entry
	var obj fyne.Focusable
	if multiline {
		box := newTextBox()
		w, obj = &box.Entry, box
	} else {
		line := newLineEntry()
		w, obj = &line.Entry, line
	}
	w.SetText(value)
	w.SetPlaceHolder(placeholder)
	w.OnChanged = func(s string) { onChange(cleanText(s, multiline)) }
	e.disableIfReadOnly(w)
	return obj, withError(obj.(fyne.CanvasObject), e.errorFor(field))
}

// textEntry is a textField bound to a text field of the record.
func (e *Editor) textEntry(field, value, placeholder string, multiline bool, set func(m *meeting.Meeting, s string)) (fyne.Focusable, fyne.CanvasObject) {
	return e.textField(field, value, placeholder, multiline, func(s string) {
		e.edit(func(m *meeting.Meeting) { set(m, s) })
	})
}

func (e *Editor) disableIfReadOnly(ws ...fyne.Disableable) {
	if e.readOnly {
		for _, w := range ws {
			w.Disable()
		}
	}
}

func (e *Editor) addButton(label string, tapped func()) *ringButton {
	// The row is added after the key that pressed the button is done: Space
	// reaches the window as a key and then as a character, and the
	// character would otherwise land in the new row's first field.
	b := newButton(label, theme.ContentAddIcon(), func() { go fyne.Do(tapped) })
	e.disableIfReadOnly(b)
	return b
}

func (e *Editor) removeButton(what string, remove func(), warn ...func() string) *ringButton {
	b := newButton("", theme.DeleteIcon(), func() {
		msg := "Remove this " + what + " from the record?"
		for _, w := range warn {
			if extra := w(); extra != "" {
				msg += "\n\n" + extra
			}
		}
		confirmDialog(e.win, "Remove "+what+"?", msg, "Remove", "Keep it", widget.DangerImportance, true, func(ok bool) {
			if ok {
				remove()
			}
		})
	})
	b.Importance = widget.LowImportance
	e.disableIfReadOnly(b)
	return b
}

func (e *Editor) build(section int) {
	var objs []fyne.CanvasObject
	m := e.snapshot()
	e.lastRow[section] = nil
	e.building = true
	defer func() { e.building = false }()
	switch section {
	case sectionDetails:
		objs = e.buildDetails(m)
	case sectionChildren:
		objs = e.buildChildren(m)
	case sectionAttendees:
		objs = e.buildAttendees(m)
	case sectionConsent:
		objs = e.buildConsent(m)
	case sectionDecisions:
		objs = e.buildDecisions(m)
	case sectionActions:
		objs = e.buildActions(m)
	case sectionSignOff:
		objs = e.buildSignOff(m)
	}
	e.sections[section].Objects = objs
	e.sections[section].Refresh()
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func hint(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (e *Editor) buildDetails(m *meeting.Meeting) []fyne.CanvasObject {
	_, reference := e.textEntry("reference", m.Reference, "e.g. SM-2025-00412", false, func(m *meeting.Meeting, s string) { m.Reference = s })
	typ := codeSelect(meeting.Types, m.Type, "", func(c meeting.Type) { e.edit(func(m *meeting.Meeting) { m.Type = c }) })
	mode := codeSelect(meeting.Modes, m.Mode, "", func(c meeting.Mode) { e.edit(func(m *meeting.Meeting) { m.Mode = c }) })
	var held, referral *dateTimeField
	heldProblem := e.typedProblem("held_at", func() string { return held.text() })
	held = newDateTimeField(m.HeldAt, func(t time.Time) {
		if !t.IsZero() { // the meeting always has a time; clearing it keeps the last one
			e.edit(func(m *meeting.Meeting) { m.HeldAt = t })
		}
	}, func(msg string) {
		if msg == "" && held != nil && held.day.IsZero() {
			msg = "Type the date and time of the meeting"
		}
		heldProblem(msg)
	})
	referral = newDateTimeField(m.ReferralReceivedAt, func(t time.Time) { e.edit(func(m *meeting.Meeting) { m.ReferralReceivedAt = t }) },
		e.typedProblem("referral_received_at", func() string { return referral.text() }))
	_, chairBox := e.textEntry("chair", m.Chair, "Name of the chair", false, func(m *meeting.Meeting, s string) {
		m.Chair = s
		if e.OnChairTyped != nil {
			e.OnChairTyped(s)
		}
	})
	_, minuteTaker := e.textEntry("minute_taker", m.MinuteTaker, "Name", false, func(m *meeting.Meeting, s string) { m.MinuteTaker = s })
	_, reason := e.textEntry("reason", m.Reason, "Why the meeting was called: the concern, the referral", true, func(m *meeting.Meeting, s string) { m.Reason = s })
	e.disableIfReadOnly(typ, mode)
	if e.readOnly {
		held.disable()
		referral.disable()
	}
	e.first = typ
	form := widget.NewForm(
		widget.NewFormItem("Meeting type", withError(typ, e.errorFor("type"))),
		widget.NewFormItem("Held by", withError(mode, e.errorFor("mode"))),
		widget.NewFormItem("Date and time (UK)", withError(held.object(), e.errorFor("held_at"))),
		widget.NewFormItem("Referral received", withError(referral.object(), e.errorFor("referral_received_at"))),
		widget.NewFormItem("Reference", reference),
		widget.NewFormItem("Chair", chairBox),
		widget.NewFormItem("Minute-taker", minuteTaker),
		widget.NewFormItem("Reason for the meeting", reason),
	)
	return []fyne.CanvasObject{heading("Meeting details"), form}
}

func (e *Editor) buildChildren(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("children[")
	objs := []fyne.CanvasObject{heading("Children discussed"),
		hint("Every child in the household the meeting covers. Decisions can apply to all of them or to some.")}
	if len(m.Children) == 0 {
		objs = append(objs, hint("No children yet."))
	}
	for i, c := range m.Children {
		f := fmt.Sprintf("children[%d]", i)
		name, nameBox := e.textEntry(f+".name", c.Name, "Full name", false, func(m *meeting.Meeting, s string) { m.Children[i].Name = s })
		dob := e.dateInput(f+".date_of_birth", c.DateOfBirth, func(m *meeting.Meeting, d meeting.Date) { m.Children[i].DateOfBirth = d })
		_, ref := e.textEntry(f+".case_reference", c.CaseReference, "Case reference", false, func(m *meeting.Meeting, s string) { m.Children[i].CaseReference = s })
		remove := e.removeButton("child", func() {
			e.forgetTyped("children[")
			e.editAndRebuild(func(m *meeting.Meeting) { removeChild(m, i) }, sectionChildren, sectionDecisions)
		}, func() string { return decisionsOnlyFor(e.snapshot(), i) })
		row := container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(remove),
			container.NewGridWithColumns(3, nameBox, withError(dob, e.errorFor(f+".date_of_birth")), ref))
		objs = append(objs, row)
		e.lastRow[sectionChildren] = name
	}
	objs = append(objs, container.NewHBox(e.addButton("Add child", e.AddChild)))
	return objs
}

// decisionsOnlyFor warns that removing child i leaves decisions that
// covered only that child with none ticked, which means all the children.
func decisionsOnlyFor(m *meeting.Meeting, i int) string {
	var which []string
	for d, dec := range m.Decisions {
		if len(dec.Children) == 1 && dec.Children[0] == m.Children[i].ID {
			which = append(which, fmt.Sprint(d+1))
		}
	}
	switch len(which) {
	case 0:
		return ""
	case 1:
		return "Decision " + which[0] + " covers only this child. Without it none is ticked, which means all the children: check it in Decisions."
	}
	return "Decisions " + strings.Join(which, ", ") + " cover only this child. Without it none is ticked, which means all the children: check them in Decisions."
}

// removeChild removes child i and every decision's reference to it.
func removeChild(m *meeting.Meeting, i int) {
	id := m.Children[i].ID
	m.Children = append(m.Children[:i:i], m.Children[i+1:]...)
	for d := range m.Decisions {
		kept := m.Decisions[d].Children[:0:0]
		for _, c := range m.Decisions[d].Children {
			if c != id {
				kept = append(kept, c)
			}
		}
		m.Decisions[d].Children = kept
	}
}

// AddChild adds an empty child row and puts the cursor in it.
func (e *Editor) AddChild() {
	e.addRow(sectionChildren, func(m *meeting.Meeting) {
		m.Children = append(m.Children, meeting.Child{ID: nextChildID(m)})
	}, sectionDecisions)
}

func nextChildID(m *meeting.Meeting) string {
	used := map[string]bool{}
	for _, c := range m.Children {
		used[c.ID] = true
	}
	for n := len(m.Children) + 1; ; n++ {
		if id := fmt.Sprintf("c%d", n); !used[id] {
			return id
		}
	}
}

func (e *Editor) buildAttendees(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("attendees[")
	objs := []fyne.CanvasObject{heading("Attendance by agency"),
		hint("Minimum attendance: children's social care, police and health. Record every agency invited, including those who sent information or did not come.")}
	if len(m.Attendees) == 0 {
		objs = append(objs, hint("No attendees yet."))
	}
	for i, a := range m.Attendees {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, e.attendeeRow(i, a))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add attendee", e.AddAttendee)))
	return objs
}

func (e *Editor) attendeeRow(i int, a meeting.Attendee) fyne.CanvasObject {
	f := fmt.Sprintf("attendees[%d]", i)
	set := func(change func(a *meeting.Attendee)) {
		e.edit(func(m *meeting.Meeting) { change(&m.Attendees[i]) })
	}
	roleBox := newLineEntry()
	role := &roleBox.Entry
	role.SetText(a.Role)
	role.SetPlaceHolder("Role")
	role.OnChanged = func(s string) { set(func(a *meeting.Attendee) { a.Role = cleanText(s, false) }) }

	service := newChoice(nil, nil)
	var serviceCodes map[string]meeting.Service
	setServices := func(agency meeting.Agency, current meeting.Service) {
		v, ok := meeting.Services(agency)
		service.OnChanged = nil
		if !ok {
			service.Options = nil
			service.ClearSelected()
			service.PlaceHolder = "(no service)"
			service.Disable()
			return
		}
		serviceCodes = map[string]meeting.Service{}
		service.Options = nil
		for _, c := range v.Codes() {
			service.Options = append(service.Options, v.Label(c))
			serviceCodes[v.Label(c)] = c
		}
		service.PlaceHolder = "Service…"
		if current != "" {
			service.SetSelected(v.Label(current))
		} else {
			service.ClearSelected()
		}
		if !e.readOnly {
			service.Enable()
		}
		service.OnChanged = func(label string) { set(func(a *meeting.Attendee) { a.Service = serviceCodes[label] }) }
	}
	setServices(a.Agency, a.Service)

	agency := codeSelect(meeting.Agencies, a.Agency, "", func(c meeting.Agency) {
		set(func(a *meeting.Attendee) {
			a.Agency = c
			if _, ok := meeting.Services(c); !ok {
				a.Service = ""
			}
		})
		setServices(c, "")
	})
	attendance := codeSelect(meeting.Attendances, a.Attendance, "", func(c meeting.Attendance) {
		set(func(a *meeting.Attendee) { a.Attendance = c })
	})
	referrer := widget.NewCheck("Referrer", nil)
	referrer.SetChecked(a.Referrer)
	referrer.OnChanged = func(on bool) { set(func(a *meeting.Attendee) { a.Referrer = on }) }
	noteBox := newLineEntry()
	note := &noteBox.Entry
	note.SetText(a.Note)
	note.SetPlaceHolder("Note (e.g. why not invited, report sent)")
	note.OnChanged = func(s string) { set(func(a *meeting.Attendee) { a.Note = cleanText(s, false) }) }

	name, nameBox := e.personEntry(f+".name", a.Name, func(s string) { set(func(a *meeting.Attendee) { a.Name = s }) },
		func(p meeting.Person) {
			role.SetText(p.Role)
			agency.SetSelected(p.Agency.Label())
			if p.Service != "" {
				service.SetSelected(meeting.ServiceLabel(p.Agency, p.Service))
			}
		})
	e.disableIfReadOnly(role, agency, attendance, referrer, note)
	if e.readOnly {
		service.Disable()
	}
	e.lastRow[sectionAttendees] = name
	remove := e.removeButton("attendee", func() {
		e.editAndRebuild(func(m *meeting.Meeting) { m.Attendees = append(m.Attendees[:i:i], m.Attendees[i+1:]...) }, sectionAttendees)
	})
	line1 := container.NewGridWithColumns(4, nameBox, container.NewVBox(roleBox),
		withError(agency, e.errorFor(f+".agency")), withError(service, e.errorFor(f+".service")))
	line2 := container.NewBorder(nil, nil, nil, container.NewVBox(remove), container.NewGridWithColumns(3,
		withError(attendance, e.errorFor(f+".attendance")), container.NewVBox(referrer), container.NewVBox(noteBox)))
	return container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), nil, container.NewVBox(line1, line2))
}

// AddAttendee adds an attendee row and puts the cursor in its name.
func (e *Editor) AddAttendee() {
	// Most rows are typed for someone in the meeting: Attended is the
	// default, changed for those who sent apologies or did not come.
	e.addRow(sectionAttendees, func(m *meeting.Meeting) {
		m.Attendees = append(m.Attendees, meeting.Attendee{Attendance: meeting.Attended})
	})
}

func (e *Editor) buildConsent(m *meeting.Meeting) []fyne.CanvasObject {
	c := m.Consent
	if c == nil {
		c = &meeting.Consent{}
	}
	// Any consent field typed creates the record; "Not recorded" with nothing
	// else typed removes it.
	set := func(change func(c *meeting.Consent)) {
		e.edit(func(m *meeting.Meeting) {
			if m.Consent == nil {
				m.Consent = &meeting.Consent{}
			}
			change(m.Consent)
			if *m.Consent == (meeting.Consent{}) {
				m.Consent = nil
			}
		})
	}
	text := func(field, value, placeholder string, multiline bool, assign func(c *meeting.Consent, s string)) fyne.CanvasObject {
		_, box := e.textField(field, value, placeholder, multiline, func(s string) { set(func(c *meeting.Consent) { assign(c, s) }) })
		return box
	}
	status := codeSelect(meeting.ConsentStatuses, c.Status, "Not recorded", func(s meeting.ConsentStatus) {
		set(func(c *meeting.Consent) { c.Status = s })
	})
	basis := codeSelect(meeting.LawfulBases, c.LawfulBasis, "", func(b meeting.LawfulBasis) { set(func(c *meeting.Consent) { c.LawfulBasis = b }) })
	informed := codeSelect(meeting.ParentsInformedValues, c.ParentsInformed, "", func(p meeting.ParentsInformed) {
		set(func(c *meeting.Consent) {
			c.ParentsInformed = p
			if p != meeting.ParentsInformedYes {
				c.ParentsInformedOn = meeting.Date{}
			}
		})
	})
	var informedOn *dateField
	informedOn = newDateField(c.ParentsInformedOn, func(d meeting.Date) { set(func(c *meeting.Consent) { c.ParentsInformedOn = d }) },
		e.typedProblem("consent.parents_informed_on", func() string { return informedOn.Text }))
	e.disableIfReadOnly(status, basis, informed, informedOn)
	form := widget.NewForm(
		widget.NewFormItem("Consent", withError(status, e.errorFor("consent.status"))),
		widget.NewFormItem("Reason", text("consent.reason", c.Reason, "Why consent was overridden or not sought", true, func(c *meeting.Consent, s string) { c.Reason = s })),
		widget.NewFormItem("Decided by", text("consent.decided_by", c.DecidedBy, "Name", false, func(c *meeting.Consent, s string) { c.DecidedBy = s })),
		widget.NewFormItem("Authorised by", text("consent.authorised_by", c.AuthorisedBy, "Manager's name", false, func(c *meeting.Consent, s string) { c.AuthorisedBy = s })),
		widget.NewFormItem("Lawful basis", withError(basis, e.errorFor("consent.lawful_basis"))),
		widget.NewFormItem("Parents informed", withError(informed, e.errorFor("consent.parents_informed"))),
		widget.NewFormItem("Informed on", withError(informedOn, e.errorFor("consent.parents_informed_on"))),
		widget.NewFormItem("Why not (yet)", text("consent.parents_informed_reason", c.ParentsInformedReason, "e.g. telling them would put the child at risk or prejudice the police investigation", true, func(c *meeting.Consent, s string) { c.ParentsInformedReason = s })),
		widget.NewFormItem("Parents' views", text("consent.parents_views", c.ParentsViews, "In their own words where possible", true, func(c *meeting.Consent, s string) { c.ParentsViews = s })),
		widget.NewFormItem("Child's views", text("consent.child_views", c.ChildViews, "The child's wishes and feelings", true, func(c *meeting.Consent, s string) { c.ChildViews = s })),
	)
	return []fyne.CanvasObject{heading("Consent for checks and information sharing"),
		hint("When consent is overridden or not sought, the reason, who decided, who authorised it and the lawful basis are needed before sign-off."), form}
}

func (e *Editor) buildDecisions(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("decisions")
	objs := []fyne.CanvasObject{heading("Decisions"), withError(hint("Each decision has a typed outcome, the reasons for it, and the children it covers (none ticked: all children)."), e.errorFor("decisions"))}
	if len(m.Decisions) == 0 {
		objs = append(objs, hint("No decisions yet."))
	}
	childLabels := make([]string, len(m.Children))
	idByLabel := map[string]string{}
	for i, c := range m.Children {
		childLabels[i] = fmt.Sprintf("%d. %s", i+1, c.Name)
		idByLabel[childLabels[i]] = c.ID
	}
	for i, d := range m.Decisions {
		f := fmt.Sprintf("decisions[%d]", i)
		outcome := codeSelect(meeting.Outcomes, d.Outcome, "", func(o meeting.Outcome) { e.edit(func(m *meeting.Meeting) { m.Decisions[i].Outcome = o }) })
		_, rationale := e.textEntry(f+".rationale", d.Rationale, "Rationale: why this decision", true, func(m *meeting.Meeting, s string) { m.Decisions[i].Rationale = s })
		children := widget.NewCheckGroup(childLabels, nil)
		// One child a line: a row of long names would widen the window.
		var selected []string
		for _, id := range d.Children {
			for label, cid := range idByLabel {
				if cid == id {
					selected = append(selected, label)
				}
			}
		}
		children.SetSelected(selected)
		children.OnChanged = func(labels []string) {
			ids := []string{}
			for _, l := range childLabels { // in the children's order
				for _, s := range labels {
					if s == l {
						ids = append(ids, idByLabel[l])
					}
				}
			}
			e.edit(func(m *meeting.Meeting) { m.Decisions[i].Children = ids })
		}
		e.disableIfReadOnly(outcome, children)
		remove := e.removeButton("decision", func() {
			e.editAndRebuild(func(m *meeting.Meeting) { m.Decisions = append(m.Decisions[:i:i], m.Decisions[i+1:]...) }, sectionDecisions)
		})
		e.lastRow[sectionDecisions] = outcome
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), remove,
			container.NewVBox(withError(outcome, e.errorFor(f+".outcome")), children, rationale)))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add decision", e.AddDecision)))
	return objs
}

// AddDecision adds a decision and puts the cursor on its outcome.
func (e *Editor) AddDecision() {
	e.addRow(sectionDecisions, func(m *meeting.Meeting) { m.Decisions = append(m.Decisions, meeting.Decision{}) })
}

func (e *Editor) buildActions(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("actions[")
	objs := []fyne.CanvasObject{heading("Actions agreed"), hint("Every action needs an owner and a due date. Record the date it is completed.")}
	if len(m.Actions) == 0 {
		objs = append(objs, hint("No actions yet."))
	}
	today := meeting.UKDate(time.Now())
	for i, a := range m.Actions {
		f := fmt.Sprintf("actions[%d]", i)
		desc, descBox := e.textEntry(f+".description", a.Description, "What is to be done", false, func(m *meeting.Meeting, s string) { m.Actions[i].Description = s })
		_, owner := e.textEntry(f+".owner", a.Owner, "Owner", false, func(m *meeting.Meeting, s string) { m.Actions[i].Owner = s })
		agency := codeSelect(meeting.Agencies, a.Agency, "", func(c meeting.Agency) { e.edit(func(m *meeting.Meeting) { m.Actions[i].Agency = c }) })
		state := widget.NewLabel("")
		showState := func() {
			a := e.snapshot().Actions[i]
			switch {
			case !a.Completed.IsZero():
				state.Importance = widget.SuccessImportance
				state.SetText("Done")
			case a.Overdue(today):
				state.Importance = widget.DangerImportance
				state.SetText("Overdue")
			case a.Due.IsZero():
				state.Importance = widget.WarningImportance
				state.SetText("No due date")
			default:
				state.Importance = widget.MediumImportance
				state.SetText("Open")
			}
		}
		due := e.dateInput(f+".due", a.Due, func(m *meeting.Meeting, d meeting.Date) { m.Actions[i].Due = d }, showState)
		done := e.dateInput(f+".completed", a.Completed, func(m *meeting.Meeting, d meeting.Date) { m.Actions[i].Completed = d }, showState)
		showState()
		e.disableIfReadOnly(agency, due, done)
		remove := e.removeButton("action", func() {
			e.forgetTyped("actions[")
			e.editAndRebuild(func(m *meeting.Meeting) { m.Actions = append(m.Actions[:i:i], m.Actions[i+1:]...) }, sectionActions)
		})
		e.lastRow[sectionActions] = desc
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		line2 := container.NewGridWithColumns(4, container.NewVBox(owner), withError(agency, e.errorFor(f+".agency")),
			withError(container.NewBorder(nil, nil, widget.NewLabel("Due"), nil, due), e.errorFor(f+".due")),
			withError(container.NewBorder(nil, nil, widget.NewLabel("Done"), nil, done), e.errorFor(f+".completed")))
		objs = append(objs, container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(state, remove),
			container.NewVBox(descBox, line2)))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add action", e.AddAction)))
	return objs
}

// AddAction adds an action and puts the cursor in its description.
func (e *Editor) AddAction() {
	e.addRow(sectionActions, func(m *meeting.Meeting) { m.Actions = append(m.Actions, meeting.Action{}) })
}

func (e *Editor) buildSignOff(m *meeting.Meeting) []fyne.CanvasObject {
	if m.SignedOff() {
		return e.buildSignedOff(m)
	}
	_, reason := e.textEntry("missing_partners_reason", m.MissingPartnersReason,
		"Why a statutory partner did not attend, and how their information was obtained", true,
		func(m *meeting.Meeting, s string) { m.MissingPartnersReason = s })
	e.signOffList = container.NewVBox()
	e.signOffButton = newButton("Sign off the minutes", theme.ConfirmIcon(), e.confirmSignOff)
	e.signOffButton.Importance = widget.HighImportance
	e.partnerNote = hint("")
	objs := []fyne.CanvasObject{
		heading("Sign-off"),
		hint("The chair signs the minutes off when the record is complete. After sign-off the record is read-only; later changes are amendments, with a reason."),
		widget.NewLabelWithStyle("Reason a statutory partner did not attend", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		e.partnerNote,
		reason,
		e.signOffList,
		container.NewHBox(e.signOffButton),
	}
	objs = append(objs, e.deleteButton(false)...)
	return objs
}

// buildSignedOff shows who signed the minutes off, the amendments since,
// and the way to amend them.
func (e *Editor) buildSignedOff(m *meeting.Meeting) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{heading("Signed off"),
		widget.NewLabel(fmt.Sprintf("Signed off by %s on %s.", m.SignedOffBy, m.SignedOffAt.In(meeting.UK).Format("Monday 2 January 2006 at 15:04")))}
	if e.records == nil {
		return append(objs, widget.NewLabel("The record is read-only."))
	}
	amendments, err := e.records.Amendments(context.Background(), m.ID)
	switch {
	case err != nil:
		objs = append(objs, widget.NewLabel("The amendments could not be read: "+err.Error()))
	case len(amendments) == 0:
		objs = append(objs, hint("No amendments since sign-off."))
	default:
		objs = append(objs, heading(fmt.Sprintf("Amendments since sign-off (%d)", len(amendments))))
		for _, a := range amendments {
			objs = append(objs, amendmentCard(a))
		}
	}
	if e.amending {
		e.amendNote = widget.NewLabel("")
		e.amendNote.Wrapping = fyne.TextWrapWord
		save := newButton("Save the amendment…", theme.DocumentSaveIcon(), e.confirmAmendment)
		save.Importance = widget.HighImportance
		cancel := newButton("Cancel the amendment", theme.CancelIcon(), e.CancelAmendment)
		return append(objs, widget.NewSeparator(), heading("Amending the signed-off minutes"),
			hint("Change the record in any section, then save the amendment with its reason. Nothing is saved until then."),
			e.amendNote, container.NewHBox(save, cancel))
	}
	amend := newButton("Amend the minutes…", theme.DocumentCreateIcon(), e.StartAmendment)
	objs = append(objs, hint("The record is read-only. A correction after sign-off is an amendment: it records who, when, why and what changed, and keeps the signed-off version."),
		container.NewHBox(amend))
	return append(objs, e.deleteButton(true)...)
}

func amendmentCard(a meeting.Amendment) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s, by %s", a.At.In(meeting.UK).Format("2 January 2006 15:04"), a.By),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reason := widget.NewLabel("Reason: " + a.Reason)
	reason.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{title, reason}
	for _, c := range a.Changes {
		l := widget.NewLabel(fmt.Sprintf("%s: %s → %s", describeField(c.Field), orNone(c.Before), orNone(c.After)))
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	return container.NewVBox(objs...)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return "“" + s + "”"
}

// StartAmendment makes signed-off minutes editable as an amendment.
func (e *Editor) StartAmendment() {
	if e.records == nil || !e.snapshot().SignedOff() || e.amending {
		return
	}
	e.original = e.snapshot()
	e.amending, e.readOnly = true, false
	e.rebuildAll()
	e.Saved.Importance = widget.WarningImportance
	e.Saved.SetText("Amending: saved only with its reason")
}

// CancelAmendment drops the changes of an amendment.
func (e *Editor) CancelAmendment() {
	if !e.amending {
		return
	}
	e.mu.Lock()
	e.m = e.original.Clone()
	e.mu.Unlock()
	e.endAmendment()
}

func (e *Editor) endAmendment() {
	e.amending, e.readOnly, e.original = false, true, nil
	e.rebuildAll()
	e.Saved.Importance = widget.MediumImportance
	e.Saved.SetText("Signed off: read-only")
}

func (e *Editor) rebuildAll() {
	e.errors = map[string]*fieldMessage{}
	for i := range sectionCount {
		e.build(i)
	}
	e.refresh()
}

func (e *Editor) confirmAmendment() {
	changes := meeting.Diff(e.original, e.snapshot())
	if len(changes) == 0 {
		e.amendNote.SetText("Nothing has been changed yet.")
		return
	}
	box := newTextBox()
	reason := &box.Entry
	reason.SetPlaceHolder("Why the signed-off minutes are being changed")
	msg := widget.NewLabel(fmt.Sprintf("%d changes will be recorded, with your name and the time.", len(changes)))
	save := func() {
		if err := e.SaveAmendment(reason.Text); err != nil {
			e.amendNote.SetText("Not saved: " + err.Error())
		}
	}
	// Enter in the reason starts a new line: Tab to Save, then Enter.
	d := showModal(e.win, "Save the amendment", widget.NewForm(widget.NewFormItem("", msg), widget.NewFormItem("Reason", box)),
		[]modalButton{
			{text: "Keep editing", icon: theme.CancelIcon(), isCancel: true},
			{text: "Save", icon: theme.DocumentSaveIcon(), importance: widget.HighImportance, action: save, isDefault: true},
		}, box)
	box.modal = d
	d.Resize(fyne.NewSize(560, 320))
}

// SaveAmendment stores the amendment with its reason and makes the record
// read-only again.
func (e *Editor) SaveAmendment(reason string) error {
	if !e.amending {
		return errors.New("not amending")
	}
	if strings.TrimSpace(reason) == "" {
		return errors.New("give the reason for the amendment")
	}
	if ps := e.typedProblems(); len(ps) > 0 {
		return ps
	}
	if err := e.records.Amend(context.Background(), e.snapshot(), cleanText(reason, true)); err != nil {
		return err
	}
	e.endAmendment()
	return nil
}

func (e *Editor) refreshSignOff(m *meeting.Meeting, problems meeting.Problems) {
	if e.signOffList == nil || m.SignedOff() {
		return
	}
	if missing := m.MissingStatutory(); len(missing) == 0 {
		e.partnerNote.SetText("Every statutory partner attended: no reason is needed.")
	} else {
		names := make([]string, len(missing))
		for i, a := range missing {
			names[i] = a.Label()
		}
		e.partnerNote.SetText("Needed before sign-off: " + strings.Join(names, ", ") + " did not attend.")
	}
	var objs []fyne.CanvasObject
	if len(problems) == 0 {
		ok := widget.NewLabel("The record is complete and can be signed off.")
		ok.Importance = widget.SuccessImportance
		objs = append(objs, ok)
		e.signOffButton.Enable()
	} else {
		objs = append(objs, widget.NewLabelWithStyle("Before sign-off:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, p := range problems {
			l := widget.NewLabel("• " + describeProblem(p))
			l.Wrapping = fyne.TextWrapWord
			objs = append(objs, l)
		}
		e.signOffButton.Disable()
	}
	e.signOffList.Objects = objs
	e.signOffList.Refresh()
}

func (e *Editor) confirmSignOff() {
	m := e.snapshot()
	msg := fmt.Sprintf("Sign off these minutes as %s?\nAfter sign-off the record cannot be changed here.", m.Chair)
	confirmDialog(e.win, "Sign off the minutes", msg, "Sign off", "Not yet", widget.HighImportance, false, func(ok bool) {
		if ok {
			if err := e.SignOff(); err != nil {
				errorDialog(e.win, err)
			}
		}
	})
}

// SignOff signs the minutes off now, if the record is complete, and makes
// the editor read-only.
func (e *Editor) SignOff() error {
	m := e.snapshot()
	if ps := append(e.typedProblems(), m.SignOffProblems()...); len(ps) > 0 {
		return ps
	}
	m.SignedOffAt = time.Now().In(meeting.UK).Truncate(time.Second)
	m.SignedOffBy = e.identity()
	if err := e.saver.flush(); err != nil {
		return err
	}
	if err := e.store.SaveMeeting(context.Background(), m); err != nil {
		e.saved(time.Now(), err)
		return err
	}
	e.mu.Lock()
	e.m = m
	e.mu.Unlock()
	e.readOnly = true
	e.rebuildAll()
	e.Saved.SetText("Signed off: read-only")
	if e.OnSignedOff != nil {
		e.OnSignedOff()
	}
	return nil
}

// partnerStrip shows, always, whether each statutory partner is present.
type partnerStrip struct {
	labels  []*widget.Label
	warning *widget.Label
	box     *fyne.Container
}

func newPartnerStrip() *partnerStrip {
	s := &partnerStrip{warning: widget.NewLabel("")}
	s.warning.Importance = widget.DangerImportance
	s.warning.TextStyle.Bold = true
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle("Statutory partners:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for range meeting.StatutoryPartners {
		l := widget.NewLabel("")
		s.labels = append(s.labels, l)
		objs = append(objs, l)
	}
	// The warning gives way (cut with an ellipsis) in a narrow window
	// rather than drawing over the partners' states.
	s.warning.Truncation = fyne.TextTruncateEllipsis
	s.warning.Alignment = fyne.TextAlignTrailing
	s.box = container.NewBorder(nil, nil, container.NewHBox(objs...), nil, s.warning)
	return s
}

func (s *partnerStrip) object() fyne.CanvasObject {
	return container.NewVBox(s.box, widget.NewSeparator())
}

// partnerState words an agency's state for the strip.
func partnerState(st meeting.AgencyState) (string, widget.Importance) {
	switch st {
	case meeting.StateAttended:
		return "attended", widget.SuccessImportance
	case meeting.StateInformationOnly:
		return "information sent", widget.WarningImportance
	}
	return "missing", widget.DangerImportance
}

func (s *partnerStrip) update(m *meeting.Meeting) {
	var missing []string
	for i, a := range meeting.StatutoryPartners {
		st := m.AgencyState(a)
		text, imp := partnerState(st)
		s.labels[i].Importance = imp
		s.labels[i].SetText(a.Label() + ": " + text)
		if st != meeting.StateAttended {
			missing = append(missing, a.Label())
		}
	}
	switch {
	case m.SignedOff() || len(missing) == 0:
		s.warning.SetText("")
	default:
		s.warning.SetText("Not present: " + strings.Join(missing, ", ") + ". Chase them now.")
	}
}

// Warning is the strip's warning text, "" when every partner attended.
func (e *Editor) Warning() string { return e.strip.warning.Text }
