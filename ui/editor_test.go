package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

func openEmptyDB(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "minutes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newApp opens the main window on db with autosave slowed down, so that a
// test decides when saves happen (Flush) and no save races the test's typing.
func newApp(t *testing.T, db *storage.DB) *App {
	t.Helper()
	u := NewMainWindow(test.NewTempApp(t), db, Options{DBPath: db.Path()})
	t.Cleanup(u.close)
	u.List.Wait()
	return u
}

func newMeeting(t *testing.T, u *App) *Editor {
	t.Helper()
	u.NewMeeting()
	if u.Editor == nil {
		t.Fatal("no editor after New meeting")
	}
	u.Editor.saver.delay = time.Hour
	return u.Editor
}

// objects returns every object under o, depth first, in the order Tab visits them.
func objects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, objects(child)...)
		}
	case *widget.Form:
		for _, item := range c.Items {
			out = append(out, objects(item.Widget)...)
		}
	case *container.Scroll:
		out = append(out, objects(c.Content)...)
	}
	return out
}

// entry finds the nth entry (from 0) with the placeholder in a section.
func entry(t *testing.T, e *Editor, section int, placeholder string, nth int) *widget.Entry {
	t.Helper()
	es := entries(e, section, placeholder)
	if nth >= len(es) {
		t.Fatalf("no entry %d %q in section %s", nth, placeholder, sectionTitles[section])
	}
	return es[nth]
}

// entries are the entries with the placeholder in a section, in order.
func entries(e *Editor, section int, placeholder string) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range sectionObjects(e, section) {
		switch b := o.(type) {
		case *textBox:
			o = &b.Entry
		case *nameEntry:
			o = &b.Entry
		case *lineEntry:
			o = &b.Entry
		}
		if w, ok := o.(*widget.Entry); ok && w.PlaceHolder == placeholder {
			out = append(out, w)
		}
	}
	return out
}

// readTexts are the read-only texts of a section (signed-off minutes), in order.
func readTexts(e *Editor, section int) []*readText {
	var out []*readText
	for _, o := range sectionObjects(e, section) {
		if r, ok := o.(*readText); ok {
			out = append(out, r)
		}
	}
	return out
}

// assertReadOnly fails unless a section shows no entry to type into and
// shows want among its read-only texts.
func assertReadOnly(t *testing.T, e *Editor, section int, want string) {
	t.Helper()
	for _, o := range sectionObjects(e, section) {
		switch o.(type) {
		case *textBox, *nameEntry, *lineEntry, *widget.Entry:
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				t.Errorf("section %s has a field to type into: %T", sectionTitles[section], o)
			}
		}
	}
	for _, r := range readTexts(e, section) {
		if r.Text == want {
			return
		}
	}
	t.Errorf("section %s does not show %q", sectionTitles[section], want)
}

// selects returns the drop-downs of a section in order.
func selects(e *Editor, section int) []*choice {
	var out []*choice
	for _, o := range sectionObjects(e, section) {
		if s, ok := o.(*choice); ok {
			out = append(out, s)
		}
	}
	return out
}

func dates(e *Editor, section int) []*dateField {
	var out []*dateField
	for _, o := range sectionObjects(e, section) {
		if d, ok := o.(*dateField); ok {
			out = append(out, d)
		}
	}
	return out
}

// visibleErrors returns the inline messages shown in a section.
func visibleErrors(e *Editor, section int) []string {
	var out []string
	for _, o := range sectionObjects(e, section) {
		if m, ok := o.(*fieldMessage); ok && m.Text != "" {
			out = append(out, m.Text)
		}
	}
	return out
}

func typeInto(t *testing.T, w *widget.Entry, text string) {
	t.Helper()
	test.Type(w, text)
}

// TestChairRecordsAWholeMeeting does what a chair does, section by section,
// and checks the stored record through storage.
func TestChairRecordsAWholeMeeting(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)

	// Details.
	typeInto(t, entry(t, e, sectionDetails, "e.g. SM-2025-00412", 0), "SM-2025-00999")
	typeInto(t, entry(t, e, sectionDetails, "Name of the chair", 0), "Priya Raman")
	typeInto(t, entry(t, e, sectionDetails, "Why the meeting was called: the concern, the referral", 0), "School saw a bruise; “Dad got cross”.")

	// Children.
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Full name", 0), "Amelia Kowalczyk")
	dates(e, sectionChildren)[0].SetDate(meeting.Date{Year: 2016, Month: 9, Day: 14})
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Full name", 1), "Jakub Kowalczyk")
	typeInto(t, entry(t, e, sectionChildren, childViews, 0), "Amelia wants to stay with her mum.")

	// Attendees from three agencies; health only sends a report at first.
	addAttendee := func(i int, name string, agency meeting.Agency, attendance meeting.Attendance) {
		e.AddAttendee()
		typeInto(t, entry(t, e, sectionAttendees, "Name", i), name)
		ss := selects(e, sectionAttendees)
		ss[i*3].SetSelected(agency.Label())
		ss[i*3+2].SetSelected(attendance.Label())
	}
	addAttendee(0, "Priya Raman", meeting.AgencySocialCare, meeting.Attended)
	if w := e.Warning(); !strings.Contains(w, "Police") || !strings.Contains(w, "Health") {
		t.Errorf("warning %q should name police and health", w)
	}
	addAttendee(1, "DC Şükrü Yılmaz", meeting.AgencyPolice, meeting.Attended)
	addAttendee(2, "Dr Adebayo Okafor", meeting.AgencyHealth, meeting.ApologiesInfo)
	selects(e, sectionAttendees)[7].SetSelected("GP") // health offers services
	if w := e.Warning(); w != "Not present: Health. Chase them now." {
		t.Errorf("warning %q", w)
	}
	selects(e, sectionAttendees)[8].SetSelected(meeting.Attended.Label())
	if w := e.Warning(); w != "" {
		t.Errorf("warning did not clear: %q", w)
	}

	// Consent overridden: the fields it makes required are flagged until given.
	consent := selects(e, sectionConsent)
	consent[0].SetSelected(meeting.ConsentOverridden.Label())
	if errs := strings.Join(visibleErrors(e, sectionConsent), "|"); !strings.Contains(errs, "Say why consent was refused or withheld, and overridden") {
		t.Errorf("no inline message for the missing reason: %q", errs)
	}
	typeInto(t, entry(t, e, sectionConsent, "Why consent was overridden or not sought", 0), "Would alert the father and prejudice the police investigation.")
	typeInto(t, entry(t, e, sectionConsent, "Name", 0), "Priya Raman")
	typeInto(t, entry(t, e, sectionConsent, "Manager's name", 0), "Mark Benson")
	consent[1].SetSelected(meeting.BasisPublicTask.Label())
	consent[2].SetSelected(meeting.ParentsInformedNotYet.Label())
	typeInto(t, entry(t, e, sectionConsent, "e.g. telling them would put the child at risk or prejudice the police investigation", 0), "Police to speak to the father first.")
	if errs := visibleErrors(e, sectionConsent); len(errs) != 0 {
		t.Errorf("consent still flagged: %q", errs)
	}

	// What each agency shared: one entry per agency present, then typed.
	if got := e.questions.Unanswered(); len(got) != 8 {
		t.Errorf("unanswered questions before the discussion: %q", got)
	}
	e.AddInformationForAgencies()
	if n := len(e.Meeting().Information); n != 3 {
		t.Fatalf("%d entries of information for three agencies present", n)
	}
	if f := u.Win.Canvas().Focused(); f != fyne.Focusable(selects(e, sectionInformation)[0]) {
		t.Errorf("the cursor is on %T, not the first entry added", f)
	}
	for i, what := range []string{"Known to us since 2023.", "Two call-outs in May.", "Seen by the GP in April."} {
		typeInto(t, entry(t, e, sectionInformation, "What the agency knows", i), what)
	}
	selects(e, sectionInformation)[8].SetSelected(meeting.ViewMet.Label()) // agency, service, view per entry: health's view

	// The analysis and plan: police, medical, legal, safety.
	typeInto(t, entry(t, e, sectionAnalysis, "What we are worried about: harm, risk, complicating factors", 0), "A bruise to the face.")
	plan := selects(e, sectionAnalysis)
	plan[0].SetSelected(meeting.InvestigationYes.Label())
	plan[1].SetSelected(meeting.MedicalNeeded.Label())
	plan[2].SetSelected(meeting.LegalNotNeeded.Label())
	if errs := strings.Join(visibleErrors(e, sectionAnalysis), "|"); !strings.Contains(errs, "Say why legal advice is not needed") {
		t.Errorf("no inline message for legal advice not needed without a reason: %q", errs)
	}
	typeInto(t, entry(t, e, sectionAnalysis, "Why", 0), "Mother is protective.")
	typeInto(t, entry(t, e, sectionAnalysis, "What keeps the child safe now, agreed with whom", 0), "Father to stay away.")

	// The household and what the family is told.
	e.AddMember()
	typeInto(t, entry(t, e, sectionFamily, "Full name", 0), "Ruby Kowalczyk")
	selects(e, sectionFamily)[0].SetSelected(meeting.RelationshipHalfSibling.Label())
	e.AddFamilyLine()
	typeInto(t, entry(t, e, sectionFamily, "Name or role (mother, father, the child)", 0), "Mother")
	selects(e, sectionFamily)[1].SetSelected(meeting.RelationshipMother.Label()) // the member's, then this line's
	typeInto(t, entry(t, e, sectionFamily, "What they are told", 0), "That an enquiry will be made.")
	typeInto(t, entry(t, e, sectionFamily, "Told by", 0), "Priya Raman")
	if got := e.questions.Unanswered(); len(got) != 1 || got[0] != "Each child" {
		t.Errorf("unanswered questions before the decisions: %q", got)
	}
	// A date typed that is not one yet leaves its question open.
	on := dates(e, sectionFamily)[1] // the member's birth, then this line's date
	on.SetText("31/11/2026")
	if got := e.questions.Unanswered(); len(got) != 2 || got[1] != "Family told" {
		t.Errorf("unanswered with a date that is not one: %q", got)
	}
	on.SetText("")

	// A decision for one child, and an action.
	e.AddDecision()
	selects(e, sectionDecisions)[0].SetSelected(meeting.OutcomeS47Joint.Label())
	typeInto(t, entry(t, e, sectionDecisions, "Rationale: why this decision", 0), "Visible injury and her account.")
	e.AddAction()
	typeInto(t, entry(t, e, sectionActions, "What is to be done", 0), "Arrange a child protection medical")
	typeInto(t, entry(t, e, sectionActions, "Owner", 0), "Priya Raman")
	selects(e, sectionActions)[0].SetSelected(meeting.AgencySocialCare.Label())
	due := time.Now().In(meeting.UK).AddDate(0, 0, 2)
	dates(e, sectionActions)[0].SetDate(meeting.DateOf(due))

	if ps := e.Meeting().SignOffProblems(); len(ps) != 0 {
		t.Fatalf("record should be complete: %v", ps)
	}
	e.Tabs.SelectIndex(sectionSignOff)
	if !e.signOffButton.Disabled() {
		// enabled: as it should be
	} else {
		t.Error("sign-off button disabled for a complete record")
	}
	if err := e.SignOff(); err != nil {
		t.Fatal(err)
	}
	u.List.Wait() // the list reloads after sign-off

	stored, err := db.Meeting(context.Background(), e.Meeting().ID)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"reference", stored.Reference, "SM-2025-00999"},
		{"chair", stored.Chair, "Priya Raman"},
		{"children", len(stored.Children), 2},
		{"dob", stored.Children[0].DateOfBirth, meeting.Date{Year: 2016, Month: 9, Day: 14}},
		{"attendees", len(stored.Attendees), 3},
		{"police name", stored.Attendees[1].Name, "DC Şükrü Yılmaz"},
		{"health service", stored.Attendees[2].Service, meeting.ServiceGP},
		{"health attended", stored.AgencyState(meeting.AgencyHealth), meeting.StateAttended},
		{"consent", stored.Consent.Status, meeting.ConsentOverridden},
		{"consent reason", stored.Consent.Reason, "Would alert the father and prejudice the police investigation."},
		{"lawful basis", stored.Consent.LawfulBasis, meeting.BasisPublicTask},
		{"child views", stored.Children[0].Views, "Amelia wants to stay with her mum."},
		{"information", stored.Information[1].Summary, "Two call-outs in May."},
		{"information agency", stored.Information[2].Agency, meeting.AgencyHealth},
		{"information service", stored.Information[2].Service, meeting.ServiceGP},
		{"threshold view", stored.Information[2].View, meeting.ViewMet},
		{"police", stored.Police.Investigation, meeting.InvestigationYes},
		{"legal reason", stored.Legal.Reason, "Mother is protective."},
		{"safety", stored.SafetyPlan, "Father to stay away."},
		{"household", stored.Household[0].Relationship, meeting.RelationshipHalfSibling},
		{"family told by", stored.FamilyPlan[0].By, "Priya Raman"},
		{"rules", stored.SignOffRules, meeting.RulesChecklist},
		{"decision", stored.Decisions[0].Outcome, meeting.OutcomeS47Joint},
		{"action owner", stored.Actions[0].Owner, "Priya Raman"},
		{"action due", stored.Actions[0].Due, meeting.DateOf(due)},
		{"signed off", stored.SignedOff(), true},
		{"signed off by", stored.SignedOffBy, "Priya Raman"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: stored %v, want %v", c.what, c.got, c.want)
		}
	}

	// Read-only after sign-off: typing changes nothing.
	assertReadOnly(t, e, sectionDetails, "Priya Raman")
	e.AddAttendee()
	if len(e.Meeting().Attendees) != 3 {
		t.Error("an attendee was added after sign-off")
	}
}

func ptr[T any](v T) *T { return &v }

// childViews is the placeholder of a child's views.
const childViews = "The child's own views: wishes and feelings, in their words where possible"

func TestSignOffRefusedWithWhatIsMissing(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.Tabs.SelectIndex(sectionSignOff)
	if !e.signOffButton.Disabled() {
		t.Error("sign-off offered for an empty record")
	}
	var listed []string
	for _, o := range e.signOffList.Objects {
		listed = append(listed, o.(*widget.Label).Text)
	}
	text := strings.Join(listed, "\n")
	for _, want := range []string{"Children: Add at least one child", "Chair: Required", "Decisions: Record at least one decision",
		"Consent: Record how consent was handled", "Reason a statutory partner did not attend: Say why"} {
		if !strings.Contains(text, want) {
			t.Errorf("sign-off list lacks %q:\n%s", want, text)
		}
	}
	err := e.SignOff()
	if err == nil || e.Meeting().SignedOff() {
		t.Fatal("sign-off went ahead")
	}
	// An action without owner or due date is named too.
	e.AddAction()
	typeInto(t, entry(t, e, sectionActions, "What is to be done", 0), "Visit")
	if err := e.SignOff(); err == nil || !strings.Contains(err.Error(), "actions[0].due: is required") {
		t.Errorf("action without due date: %v", err)
	}
}

// Nothing is saved by hand: changes reach the database once typing pauses.
func TestAutosaveStoresEditsWithoutSaving(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	u.NewMeeting()
	e := u.Editor
	e.saver.delay = 1500 * time.Millisecond // outlasts the SetText below on a slow machine
	// One change (as a paste is); the test driver runs the save's screen
	// update on the timer's goroutine, so the test must not type meanwhile.
	entry(t, e, sectionDetails, "Why the meeting was called: the concern, the referral", 0).SetText("Disclosure at school 👧🏽")
	e.WaitSaved()
	stored, err := db.Meeting(context.Background(), e.Meeting().ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Reason != "Disclosure at school 👧🏽" {
		t.Errorf("stored reason %q", stored.Reason)
	}
	if !strings.HasPrefix(e.Saved.Text, "Saved ") {
		t.Errorf("indicator %q", e.Saved.Text)
	}
}

// Closing the window saves what is pending at once.
func TestClosingSavesPendingEdits(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u) // autosave delay of an hour: only the close can save it
	typeInto(t, entry(t, e, sectionDetails, "e.g. SM-2025-00412", 0), "SM-CLOSE")
	id := e.Meeting().ID
	u.close()
	stored, err := db.Meeting(context.Background(), id)
	if err != nil || stored.Reference != "SM-CLOSE" {
		t.Errorf("after closing: %+v, %v", stored, err)
	}
}

// A draft keeps whatever was typed, even what is not yet right.
func TestDraftSavesIncompleteAndOddInput(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)
	e.AddAttendee() // no name, agency or attendance yet
	e.AddAction()
	typeInto(t, entry(t, e, sectionActions, "Owner", 0), "Nobody\x00 with a NUL")
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Full name", 0), strings.Repeat("Long name ", 30))
	if err := e.Flush(); err != nil {
		t.Fatalf("draft not saved: %v", err)
	}
	stored, _ := db.Meeting(context.Background(), e.Meeting().ID)
	if len(stored.Attendees) != 1 || stored.Actions[0].Owner != "Nobody  with a NUL" || len([]rune(stored.Children[0].Name)) != 300 {
		t.Errorf("stored %+v", stored)
	}
	if errs := visibleErrors(e, sectionChildren); len(errs) == 0 || !strings.Contains(errs[0], "the limit is 200") {
		t.Errorf("long name not flagged: %q", errs)
	}
}

func TestShortcutsAreInTheMenus(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	menu := u.Win.MainMenu()
	found := map[string]bool{}
	for _, m := range menu.Items {
		for _, item := range m.Items {
			if item.Shortcut != nil {
				found[item.Label] = true
			}
		}
	}
	for _, want := range []string{"New meeting", "Find meetings", "Next section", "Previous section", "Add attendee", "Add action"} {
		if !found[want] {
			t.Errorf("no shortcut for %q", want)
		}
	}
	// The shortcut reaches the editor.
	u.NewMeeting()
	u.Editor.saver.delay = time.Hour
	for _, m := range menu.Items {
		for _, item := range m.Items {
			if item.Label == "Add attendee" {
				item.Action()
			}
		}
	}
	if len(u.Editor.Meeting().Attendees) != 1 || u.Editor.Tabs.SelectedIndex() != sectionAttendees {
		t.Error("Add attendee did not add a row and show it")
	}
}

func TestNamesTypedBeforeAreSuggested(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)
	e.people.load(db) // normally loaded in the background
	e.AddAttendee()
	typeInto(t, entry(t, e, sectionAttendees, "Name", 0), "Şükrü")
	var name *nameEntry
	for _, o := range sectionObjects(e, sectionAttendees) {
		if n, ok := o.(*nameEntry); ok {
			name = n
		}
	}
	if name == nil || !strings.Contains(name.line.Text, "Yılmaz") {
		t.Fatal("no suggestion for a name seen before")
	}
	if got := e.Meeting().Attendees[0].Name; got != "Şükrü" {
		t.Errorf("an offer changed what was typed: %q", got)
	}
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	a := e.Meeting().Attendees[0]
	if a.Name != "DC Şükrü Yılmaz" || a.Agency != meeting.AgencyPolice || a.Role == "" {
		t.Errorf("suggestion filled %+v", a)
	}
	if name.line.Text != "" {
		t.Errorf("the offer stays after choosing: %q", name.line.Text)
	}
}

// Opening a meeting is not a change: nothing is saved until the chair types.
func TestOpeningChangesNothing(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	for _, id := range []string{"legacy-2019-0042", "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"} {
		u.Open(id)
		for i := range sectionCount {
			u.Editor.Tabs.SelectIndex(i)
		}
		if n := u.Editor.saver.pending; n != 0 {
			t.Errorf("%s: %d saves scheduled by opening it", id, n)
		}
	}
}

// Adding a row puts the cursor in it, whichever section was showing, so
// that what the chair types next is not lost.
func TestAddedRowTakesTheCursor(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.Tabs.SelectIndex(sectionDetails)
	e.AddAttendee()
	name := entry(t, e, sectionAttendees, "Name", 0)
	if n, ok := u.Win.Canvas().Focused().(*nameEntry); !ok || &n.Entry != name {
		t.Fatalf("focus on %T, want the new attendee's name", u.Win.Canvas().Focused())
	}
	test.Type(name, "DC Jo Test")
	if got := e.Meeting().Attendees[0].Name; got != "DC Jo Test" {
		t.Errorf("typed name stored as %q", got)
	}
}

// Signed-off minutes change only by an amendment, with a reason, and the
// history is shown.
func TestAmendSignedOffMinutes(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	const id = "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13"
	u.Open(id)
	e := u.Editor
	assertReadOnly(t, e, sectionDetails, "Priya Raman")
	if t.Failed() {
		t.FailNow()
	}
	e.StartAmendment()
	mt := entry(t, e, sectionDetails, "Name", 0) // the minute-taker
	mt.SetText(mt.Text + " (notes)")
	if e.saver.pending != 0 {
		t.Error("an amendment was autosaved")
	}
	if err := e.Close(); !errors.Is(err, errAmendmentPending) {
		t.Errorf("closing over an unsaved amendment: %v", err)
	}
	if err := e.SaveAmendment("  "); err == nil {
		t.Error("amendment saved without a reason")
	}
	if err := e.SaveAmendment("Minute-taker's name completed"); err != nil {
		t.Fatal(err)
	}
	stored, _ := db.Meeting(context.Background(), id)
	if stored.MinuteTaker != "Tom Ellis (notes)" || !stored.SignedOff() {
		t.Errorf("stored %q, signed off %v", stored.MinuteTaker, stored.SignedOff())
	}
	original, _ := db.SignedOffVersion(context.Background(), id)
	if original.MinuteTaker != "Tom Ellis" {
		t.Error("the signed-off version was not kept")
	}
	var texts []string
	for _, o := range sectionObjects(e, sectionSignOff) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Amendments since sign-off (1)", "Reason: Minute-taker's name completed", "Minute-taker: “Tom Ellis” → “Tom Ellis (notes)”"} {
		if !strings.Contains(all, want) {
			t.Errorf("sign-off section lacks %q:\n%s", want, all)
		}
	}
	assertReadOnly(t, e, sectionDetails, "Priya Raman")

	// A cancelled amendment changes nothing.
	e.StartAmendment()
	typeInto(t, entry(t, e, sectionDetails, "Name of the chair", 0), "X")
	e.CancelAmendment()
	if e.Meeting().Chair != "Priya Raman" {
		t.Error("cancel kept the change on screen")
	}
}

// The open meeting's minutes export as PDF, and the export is in the audit log.
func TestExportMinutesPDF(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	u.Open("6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13")
	for _, initials := range []bool{false, true} {
		m, doc, err := u.MinutesPDF(initials)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(doc, []byte("%PDF-")) {
			t.Fatal("not a PDF")
		}
		path := filepath.Join(t.TempDir(), "minutes.pdf")
		if err := u.SavePDF(path, m, doc, initials); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("saved PDF: %v %v", info, err)
		}
	}
	log, _ := db.AuditLog(context.Background(), "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13", 2)
	if len(log) != 2 || log[0].Event != meeting.EventExportPDF || !strings.HasPrefix(log[0].Detail, "minutes, distribution copy (initials); file sha256 ") {
		t.Errorf("audit log %+v", log)
	}
}

// failingStore fails every save, as a full or read-only disk does.
type failingStore struct {
	*storage.DB
	fail bool
}

func (s *failingStore) SaveMeeting(ctx context.Context, m *meeting.Meeting) error {
	if s.fail {
		return fmt.Errorf("save meeting: %w", storage.ErrDiskFull)
	}
	return s.DB.SaveMeeting(ctx, m)
}

// A save that fails says so plainly and keeps the typing on screen; the
// next save stores it.
func TestFailedSaveKeepsTheTyping(t *testing.T) {
	db := openEmptyDB(t)
	store := &failingStore{DB: db}
	u := NewMainWindow(test.NewTempApp(t), store, Options{})
	t.Cleanup(u.close)
	u.List.Wait()
	e := newMeeting(t, u)
	width := u.Win.Content().MinSize().Width
	store.fail = true
	reason := entry(t, e, sectionDetails, "Why the meeting was called: the concern, the referral", 0)
	typeInto(t, reason, "Typed while the disk was full")
	if err := e.Flush(); err == nil {
		t.Fatal("the failure was hidden")
	}
	if !strings.Contains(e.Saved.Text, "Not saved") || !e.SaveError.Visible() || !strings.Contains(e.SaveError.Text, "disk is full") {
		t.Errorf("indicator %q, message %q (shown %v)", e.Saved.Text, e.SaveError.Text, e.SaveError.Visible())
	}
	// The message wraps under the header: the window needs no more width
	// for it, however long (it once grew past the screen's edge).
	if got := u.Win.Content().MinSize().Width; got > width {
		t.Errorf("the failure widened the window from %.0f to %.0f", width, got)
	}
	if reason.Text != "Typed while the disk was full" {
		t.Error("the typing left the screen")
	}
	// The failed save is tried again without more typing: closing the
	// meeting once the disk has room stores it.
	store.fail = false
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	stored, _ := db.Meeting(context.Background(), e.Meeting().ID)
	if stored == nil || stored.Reason != "Typed while the disk was full" {
		t.Errorf("stored %+v after the disk had room again", stored)
	}
	if !strings.HasPrefix(e.Saved.Text, "Saved ") || e.SaveError.Visible() {
		t.Errorf("indicator %q after the retry, message shown %v", e.Saved.Text, e.SaveError.Visible())
	}
}

func TestSignOffSaysWhetherAPartnerReasonIsNeeded(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.Tabs.SelectIndex(sectionSignOff)
	if got := e.partnerNote.Text; !strings.Contains(got, "Children's social care, Police, Health did not attend") {
		t.Errorf("note %q", got)
	}
	for i, a := range meeting.StatutoryPartners {
		e.AddAttendee()
		typeInto(t, entry(t, e, sectionAttendees, "Name", i), "Someone")
		ss := selects(e, sectionAttendees)
		ss[i*3].SetSelected(a.Label())
		ss[i*3+2].SetSelected(meeting.Attended.Label())
	}
	if got := e.partnerNote.Text; got != "Every statutory partner attended: no reason is needed." {
		t.Errorf("note %q", got)
	}
}

// Tab leaves every box of the editor, multi-line ones included (the real
// window's Tab is tried in e2e/).
func TestNoBoxTrapsTab(t *testing.T) {
	u := newApp(t, openExampleDB(t))
	u.Open("legacy-2019-0042")
	e := u.Editor
	e.saver.delay = time.Hour // no save on its goroutine while the sections are built here
	e.AddAction()
	multi := 0
	for i := range sectionCount {
		for _, o := range sectionObjects(e, i) {
			if tb, ok := o.(fyne.Tabbable); ok && tb.AcceptsTab() {
				t.Errorf("%s: a %T keeps Tab", sectionTitles[i], o)
			}
			if b, ok := o.(*textBox); ok && b.MultiLine {
				multi++
			}
		}
	}
	if multi < 5 {
		t.Errorf("%d multi-line boxes found, want the reason, consent reason, views and rationale", multi)
	}
}

// Changing section moves the cursor into the section shown.
func TestSectionChangeMovesTheCursor(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	in := func(section int, f fyne.Focusable) bool {
		for _, o := range sectionObjects(e, section) {
			if fo, ok := o.(fyne.Focusable); ok && fo == f {
				return true
			}
		}
		return false
	}
	for step := 1; step <= sectionCount; step++ {
		e.NextSection()
		s := e.Tabs.SelectedIndex()
		if f := u.Win.Canvas().Focused(); f == nil || !in(s, f) {
			t.Errorf("after %d × next section (%s) the cursor is on %T, not in the section", step, sectionTitles[s], f)
		}
	}
	e.PreviousSection()
	if f := u.Win.Canvas().Focused(); !in(sectionSignOff, f) {
		t.Errorf("after previous section the cursor is on %T", f)
	}
}

// A new meeting is stored only once something is typed; a draft can be
// deleted, and is then gone from the database and the list.
func TestNewMeetingStoredOnlyWhenTypedAndDraftsDelete(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	ctx := context.Background()
	u.NewMeeting()
	u.ShowList()
	u.List.Wait()
	if n, _ := db.Count(ctx, meeting.Filter{}); n != 0 {
		t.Fatalf("%d meetings stored by opening a new one and leaving it", n)
	}
	e := newMeeting(t, u)
	typeInto(t, entry(t, e, sectionDetails, "Why the meeting was called: the concern, the referral", 0), "Wrong child")
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	id := e.Meeting().ID
	if _, err := db.Meeting(ctx, id); err != nil {
		t.Fatalf("typed meeting not stored: %v", err)
	}
	if err := e.DeleteDraft(); err != nil {
		t.Fatal(err)
	}
	if u.Editor != nil {
		t.Error("the editor stays open on a deleted draft")
	}
	u.List.Wait()
	if _, err := db.Meeting(ctx, id); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("deleted draft: %v", err)
	}
	if rows := u.List.Rows(); len(rows) != 0 {
		t.Errorf("the list shows %d meetings after the delete", len(rows))
	}
	events, _ := db.AuditLog(ctx, id, 1)
	if len(events) != 1 || events[0].Event != meeting.EventDelete {
		t.Errorf("audit log: %+v", events)
	}
}

// Dialogs take the keyboard: the focus goes in, Enter presses the focused
// button, Escape cancels; a destructive question starts on the safe answer.
func TestDialogsTakeTheKeyboard(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	var answers []bool
	ask := func(safe bool) *keyButton {
		confirmDialog(u.Win, "Question", "Really?", "Yes", "No", widget.HighImportance, safe, func(ok bool) { answers = append(answers, ok) })
		b, ok := u.Win.Canvas().Focused().(*keyButton)
		if !ok {
			t.Fatalf("focus on %T after a dialog opened, want its button", u.Win.Canvas().Focused())
		}
		return b
	}
	if b := ask(false); b.Text != "Yes" {
		t.Errorf("focus on %q, want the question's own button", b.Text)
	} else {
		b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	b := ask(true)
	if b.Text != "No" {
		t.Errorf("a destructive question starts on %q, want the safe answer", b.Text)
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ask(false)
	u.Win.Canvas().Unfocus() // nothing focused: the window's keys still reach the dialog
	u.Win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if fmt.Sprint(answers) != "[true false false]" {
		t.Errorf("answers %v, want Enter = yes, Escape = no, Escape = no", answers)
	}
	if o := u.Win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog is still shown: %T", o)
	}
}

// A field that takes the focus below the visible part of a section is
// scrolled into view, so the chair never types into a field out of sight.
func TestFocusedFieldIsScrolledIntoView(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	u.Win.Resize(fyne.NewSize(1180, 420))
	e := newMeeting(t, u)
	e.Tabs.SelectIndex(sectionConsent)
	s := e.scrolls[sectionConsent]
	var last *textBox
	for _, o := range sectionObjects(e, sectionConsent) {
		if b, ok := o.(*textBox); ok {
			last = b // the child's views, at the bottom
		}
	}
	u.Win.Canvas().Focus(last)
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(last).Y - d.AbsolutePositionForObject(s).Y
	if s.Offset.Y == 0 || top < 0 || top+last.Size().Height > s.Size().Height {
		t.Errorf("the focused box is at %v in a view of %v (offset %v): out of sight", top, s.Size().Height, s.Offset.Y)
	}
}

// Leaving a meeting over a date that is not a date yet asks first; Quit
// over an unsaved amendment does not quit.
func TestLeavingAsksAboutDatesAndAmendments(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)
	e.AddChild()
	typeInto(t, entry(t, e, sectionChildren, "Full name", 0), "Amelia Test")
	dates(e, sectionChildren)[0].SetText("31/02/2018")
	u.ShowList()
	if u.Editor != e {
		t.Fatal("the meeting closed over an impossible date without asking")
	}
	dialogButton := func(text string) *keyButton {
		top := u.Win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog")
		}
		for _, o := range objects(top.(*widget.PopUp).Content) {
			if b, ok := o.(*keyButton); ok && b.Text == text {
				return b
			}
		}
		t.Fatalf("no %q button", text)
		return nil
	}
	dialogButton("Put them right").OnTapped()
	if u.Editor != e || e.Tabs.SelectedIndex() != sectionChildren {
		t.Errorf("Put them right left the editor (%v) or showed section %d", u.Editor != e, e.Tabs.SelectedIndex())
	}
	u.ShowList()
	dialogButton("Leave without them").OnTapped()
	if u.Editor != nil {
		t.Error("Leave without them did not leave")
	}
	u.List.Wait() // the list reloads from another goroutine
	stored, _ := db.Meeting(context.Background(), e.Meeting().ID)
	if stored == nil || stored.Children[0].Name != "Amelia Test" || !stored.Children[0].DateOfBirth.IsZero() {
		t.Errorf("stored %+v: the rest is saved, the impossible date is not", stored)
	}

	u.Open("6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13") // signed off
	u.Editor.StartAmendment()
	mt := entry(t, u.Editor, sectionDetails, "Name", 0)
	mt.SetText(mt.Text + " (notes)")
	u.quit()
	if u.closed || u.Editor == nil {
		t.Error("Quit went ahead over an unsaved amendment")
	}
}

// Long children's names never widen the window, and removing a child that
// a decision covers alone says what that does to the decision.
func TestManyLongChildNamesAndRemovingOne(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	for i, name := range []string{"Oluwaseun Adebayo-Fitzgerald", "Anastasia Wojciechowska-Smith", "Maximilian Alexander Featherstonehaugh-Cholmondeley",
		"Bartholomew Oyelaran-Kowalczyk", "Gwenllian Ap Rhys-Montgomery"} {
		e.AddChild()
		typeInto(t, entry(t, e, sectionChildren, "Full name", i), name)
	}
	e.AddDecision()
	e.edit(func(m *meeting.Meeting) { m.Decisions[0].Children = []string{m.Children[0].ID} })
	e.build(sectionDecisions)
	if w := e.Content(widget.NewLabel("")).MinSize().Width; w > defaultWidth {
		t.Errorf("the editor needs %v px with five long names, more than the %v px window", w, defaultWidth)
	}
	if got := decisionsOnlyFor(e.Meeting(), 0); !strings.Contains(got, "Decision 1 covers only this child") {
		t.Errorf("warning before removing the child: %q", got)
	}
	if got := decisionsOnlyFor(e.Meeting(), 1); got != "" {
		t.Errorf("warning for a child no decision covers alone: %q", got)
	}
}

// sectionObjects shows a section, as the chair does before typing in it,
// and returns its objects.
func sectionObjects(e *Editor, section int) []fyne.CanvasObject {
	if e.Tabs.SelectedIndex() != section {
		e.Tabs.SelectIndex(section)
	}
	return objects(e.sections[section])
}

// A letter the PDF cannot print is warned of under its field as it is
// typed, and the warning goes when it is taken out; names in the scripts
// the PDF has fonts for are not warned of.
func TestEditorWarnsOfUnprintableText(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.AddChild()
	name := entry(t, e, sectionChildren, "Full name", 0)
	typeInto(t, name, "فاطمة 王小明 அமித்")
	if errs := strings.Join(visibleErrors(e, sectionChildren), "|"); strings.Contains(errs, "cannot print") {
		t.Errorf("names in scripts the PDF prints: %q", errs)
	}
	name.SetText("김민준 😀")
	if errs := strings.Join(visibleErrors(e, sectionChildren), "|"); !strings.Contains(errs, "The PDF cannot print 4 characters here (U+AE40, U+BBFC, U+C900, U+1F600)") {
		t.Errorf("no warning for Korean and an emoji: %q", errs)
	}
	name.SetText("Min-jun Kim")
	if errs := strings.Join(visibleErrors(e, sectionChildren), "|"); strings.Contains(errs, "cannot print") {
		t.Errorf("the warning stayed: %q", errs)
	}
}
