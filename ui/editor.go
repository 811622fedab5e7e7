package ui

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/pdf"
)

// Sections of the editor, in the order a meeting runs. Each is a type of
// its own (section_*.go) that builds its widgets from the record.
const (
	sectionDetails = iota
	sectionChildren
	sectionAttendees
	sectionInformation
	sectionConsent
	sectionAnalysis
	sectionFamily
	sectionDecisions
	sectionActions
	sectionSignOff
	sectionCount
)

var sectionTitles = [sectionCount]string{"Details", "Children", "Attendees", "Information shared", "Consent",
	"Analysis and plan", "Family and household", "Decisions", "Actions", "Sign-off"}

// An editorSection is one tab of the editor.
type editorSection interface {
	// build returns the section's widgets for the record m, bound to it.
	build(m *meeting.Meeting) []fyne.CanvasObject
}

// newSections returns the editor's sections, in the order of the tabs.
func newSections(e *Editor) [sectionCount]editorSection {
	return [sectionCount]editorSection{detailsSection{e}, childrenSection{e}, attendeesSection{e}, informationSection{e},
		consentSection{e}, analysisSection{e}, familySection{e}, decisionsSection{e}, actionsSection{e}, signOffSection{e}}
}

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
	original *meeting.Meeting  // the stored version an amendment started from
	records  meeting.Records   // amendments and the audit log; nil when the store has none
	calendar *meeting.Calendar // working days, for the timescales shown
	// referralLine and icpcLine show the timescales, under the referral's
	// time and the decisions' heading; nil until their section is built.
	referralLine, icpcLine *widget.Label
	history                childHistory // the children's earlier meetings
	saver                  *autosaver
	people                 peopleIndex

	Saved *widget.Label // "Saved 10:32:05"
	// SaveError says why the last save failed, in full, under the header,
	// wrapped: in the header it made the window wider than the screen.
	SaveError *widget.Label
	Title     *widget.Label
	Tabs      *container.AppTabs
	strip     *partnerStrip
	questions *checklistStrip
	parts     [sectionCount]editorSection
	built     [sectionCount]bool // sections built so far (ensureBuilt)
	sections  [sectionCount]*fyne.Container
	scrolls   [sectionCount]*container.Scroll
	errors    map[string]*fieldMessage // inline messages by field path
	// unprintable says, by field path, what the PDF cannot print of the
	// text typed there (checkPrintable).
	unprintable map[string]string
	// typed holds what is wrong with text typed into a date or time that
	// is not one yet, by field path: it stays on screen, the record keeps
	// its last good value, and sign-off waits until it is put right.
	typed   map[string]typedInput
	lastRow [sectionCount]fyne.Focusable // first field of each section's last row, focused after adding one
	// followUpButtons are the buttons that record follow-ups, by what they
	// record (an action's key, "icpc", "sent"): the focus goes back to one
	// once it has recorded and the sections are built again.
	followUpButtons map[string]*ringButton
	// lastMember is the name of the household's last member: the family
	// section's last row is the family plan's.
	lastMember fyne.Focusable
	// firstOfRow are the information section's rows' first fields, to put
	// the cursor in the first of several rows added at once.
	firstOfRow []fyne.Focusable

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
	OnDeleted func()
	// OnReconvene opens the review meeting of this one (App.Reconvene);
	// nil: Sign-off offers none.
	OnReconvene func()
	deleted     bool
	lastDelete  *deleteDialog // the last dialog asking why minutes are deleted, for tests
}

// NewEditor builds an editor for m on the store. Call Close (which saves
// what is pending) before dropping it.
func NewEditor(win fyne.Window, store meeting.Store, m *meeting.Meeting) *Editor {
	e := &Editor{store: store, win: win, m: m.Clone(), readOnly: m.SignedOff(), errors: map[string]*fieldMessage{}, typed: map[string]typedInput{}, unprintable: map[string]string{}}
	e.records, _ = store.(meeting.Records)
	e.readCalendar()
	e.identity = func() string { return e.snapshot().Chair }
	// The indicator is never truncated: the title gives way to it.
	e.Saved = widget.NewLabel("No changes yet")
	e.SaveError = widget.NewLabel("")
	e.SaveError.Wrapping = fyne.TextWrapWord
	e.SaveError.Importance = widget.DangerImportance
	e.SaveError.Hide()
	e.Title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.Title.Truncation = fyne.TextTruncateEllipsis
	e.strip = newPartnerStrip()
	e.questions = newChecklistStrip()
	e.parts = newSections(e)
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
	e.Tabs.OnSelected = func(*container.TabItem) {
		e.readCalendar() // a list of bank holidays imported since counts
		e.ensureBuilt(e.Tabs.SelectedIndex())
		e.focusSection(e.Tabs.SelectedIndex())
	}
	// Only the section shown is built: the others are built when first
	// shown, so that opening a full record lays out one section, not ten.
	e.build(sectionDetails)
	e.refresh()
	go e.people.load(store)
	return e
}

// Content is the editor's whole view: a header with the partner strip, and
// the sections.
func (e *Editor) Content(back fyne.CanvasObject) fyne.CanvasObject {
	header := container.NewBorder(nil, nil, back, e.Saved, e.Title)
	return container.NewBorder(container.NewVBox(header, e.SaveError, e.strip.object(), e.questions.object()), nil, nil, nil, e.Tabs)
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
		e.rebuild(s)
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
		e.Saved.SetText("Not saved: kept on screen, trying again")
		if msg := "Not saved: " + err.Error(); e.SaveError.Text != msg || !e.SaveError.Visible() {
			e.SaveError.SetText(msg)
			e.SaveError.Show()
		}
		if !e.amending && !e.readOnly {
			e.saver.scheduleIn(saveRetryDelay)
		}
		return
	}
	if e.SaveError.Visible() {
		e.SaveError.Hide()
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
func (e *Editor) release() {
	forgetScrolls(e.scrolls[:]...)
	e.history.stop()
}

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
	e.questions.update(m, e.typedProblems())
	referral, icpc := timescales(e.calendar, m)
	if e.referralLine != nil {
		e.referralLine.SetText(referral)
		e.referralLine.Hidden = referral == ""
		e.referralLine.Refresh()
	}
	if e.icpcLine != nil {
		e.icpcLine.SetText(icpc)
		e.icpcLine.Hidden = icpc == ""
		e.icpcLine.Refresh()
	}

	problems := m.SignOffProblems()
	switch {
	case e.amending:
		// An amended record must still be complete, and no less complete
		// than it was signed off.
		problems = append(m.Check(), meeting.Added(e.original.SignOffProblems(), m.SignOffProblems())...)
	case m.SignedOff():
		problems = nil
	}
	if !m.SignedOff() || e.amending {
		problems = append(e.typedProblems(), problems...)
	}
	shown := map[string]string{}
	for _, p := range problems {
		msg := plainMessage(p)
		switch had, ok := shown[p.Field]; {
		case !ok:
			shown[p.Field] = msg
		case !strings.Contains(had, msg): // every statutory partner missing, not the first
			shown[p.Field] = had + "; " + msg
		}
	}
	for field, msg := range e.unprintable { // a problem says more
		if _, ok := shown[field]; !ok {
			shown[field] = msg
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
			delete(e.unprintable, field)
		}
	}
}

// checkPrintable notes whether the text of a field has characters the PDF
// cannot print, so that the line under it warns as the chair types (a
// name in a script with no font would otherwise print as "\uFFFD").
func (e *Editor) checkPrintable(field, text string) {
	bad := pdf.Unprintable(text)
	if len(bad) == 0 {
		delete(e.unprintable, field)
		return
	}
	codes := make([]string, len(bad))
	for i, r := range bad {
		codes[i] = fmt.Sprintf("U+%04X", r)
	}
	what := "a character"
	if len(bad) > 1 {
		what = fmt.Sprintf("%d characters", len(bad))
	}
	e.unprintable[field] = fmt.Sprintf("The PDF cannot print %s here (%s): it will show as \uFFFD", what, strings.Join(codes, ", "))
}

// textField is an entry for a field path whose text goes to onChange,
// cleaned of control characters, with its inline message under it.
// The first result is the field itself, to put the cursor in.
func (e *Editor) textField(field, value, placeholder string, multiline bool, onChange func(string)) (fyne.Focusable, fyne.CanvasObject) {
	if e.readOnly {
		r := newReadText(value)
		e.checkPrintable(field, value)
		return r, withError(r, e.errorFor(field))
	}
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
	e.checkPrintable(field, value)
	w.OnChanged = func(s string) {
		s = cleanText(s, multiline)
		e.checkPrintable(field, s)
		onChange(s)
	}
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
	e.hideIfReadOnly(b)
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
	e.hideIfReadOnly(b)
	return b
}

// hideIfReadOnly hides the buttons that add and remove rows from signed-off
// minutes: greyed out beside every row, they would only be noise to read past.
func (e *Editor) hideIfReadOnly(b *ringButton) {
	if e.readOnly {
		b.Disable()
		b.Hide()
	}
}

// ensureBuilt builds a section that has not been shown yet, with its
// inline messages.
func (e *Editor) ensureBuilt(section int) {
	if section >= 0 && section < sectionCount && !e.built[section] {
		e.build(section)
		e.refresh()
		e.scrolls[section].Refresh() // its content's size changed while shown
	}
}

// rebuild builds a section again from the record, if it has been built:
// one not shown yet is built from the record when it is.
func (e *Editor) rebuild(section int) {
	if e.built[section] {
		e.build(section)
	}
}

func (e *Editor) build(section int) {
	e.built[section] = true
	var objs []fyne.CanvasObject
	m := e.snapshot()
	e.lastRow[section] = nil
	e.building = true
	defer func() { e.building = false }()
	objs = e.parts[section].build(m)
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

func (e *Editor) rebuildAll() {
	e.errors = map[string]*fieldMessage{}
	for i := range sectionCount {
		e.built[i] = false
	}
	e.build(e.Tabs.SelectedIndex())
	e.refresh()
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

// readCalendar reads the calendar the database holds; one it cannot read
// leaves the built-in bank holidays, and says why in the log.
func (e *Editor) readCalendar() {
	c, err := meeting.CalendarOf(context.Background(), e.store)
	if err != nil {
		log.Printf("working days are counted with the built-in bank holidays: %v", err)
	}
	if c != e.calendar {
		e.calendar = c
		if e.Tabs != nil {
			e.refresh()
		}
	}
}

// timescales says, in working days, how long the meeting came after the
// referral and when the initial child protection conference is due.
func timescales(c *meeting.Calendar, m *meeting.Meeting) (referral, icpc string) {
	if n, ok := c.ReferralWorkingDays(m); ok {
		referral = "Referral to meeting: " + meeting.WorkingDaysText(n)
	}
	if due, ok := c.ICPCDue(m); ok {
		icpc = fmt.Sprintf("Initial child protection conference due by %s: the %dth working day after the meeting, for the section 47 decision",
			due.Time(time.UTC).Format("Monday 2 January 2006"), meeting.ICPCWorkingDays)
	}
	return referral, icpc
}
