// Package ui holds the Fyne screens of Strategy Minutes. Screens talk to the
// domain through meeting.Store only; they never see SQL. Every screen is
// built by a function that takes the fyne.App or fyne.Window, so tests pass
// Fyne's test app.
package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/assets"
	"strategyminutes/meeting"
	"strategyminutes/pdf"
	"strategyminutes/xlsx"
)

// Options describe what the window is opened on, and what it can ask of
// the database beyond meeting.Store.
type Options struct {
	DBPath  string
	Sample  bool // a database of invented meetings: say so on screen
	Version string
	// Backup writes a consistent copy of the database to a new file.
	Backup func(path string) error
	// Restore replaces the database with a checked backup, keeping the
	// replaced one aside (its path is returned), and returns the store to
	// use from then on.
	Restore func(path string) (store meeting.Store, aside string, err error)
	// CheckOutput says whether a file may be written as kind: never the
	// database, its files or backups (storage.CheckOutput).
	CheckOutput func(path string, kind meeting.OutputKind) error
	// WriteOutput writes a file the chair saved as kind, whole or not at
	// all, checked again as it is written (storage.WriteOutput); nil
	// writes with meeting.WriteFile.
	WriteOutput func(path string, kind meeting.OutputKind, write func(*os.File) error) error
	// User is the name the audit log records; SetUser changes it.
	User    string
	SetUser func(name string)
	// Issuer returns the issuing authority and the contact for partners'
	// queries that exported minutes print on page 1 (the database's
	// settings); SetIssuer changes them. Nil: the settings do not offer them.
	Issuer    func() (authority, contact string, err error)
	SetIssuer func(authority, contact string) error
	// Sync is sync with the partnership server; nil: not offered (a
	// sample database).
	Sync *Syncing
}

// App is the main window: the meetings list, or one meeting's editor.
type App struct {
	fyneApp fyne.App
	Win     fyne.Window
	store   meeting.Store
	opts    Options

	List    *MeetingsList
	Editor  *Editor      // nil unless a meeting is shown
	Reports *ReportsView // made the first time the reports are shown
	// ChooseSave replaces the save dialog (tests).
	ChooseSave saveChooser

	warning *widget.Label // what stops the minutes being saved, when something does

	body         *fyne.Container
	listView     fyne.CanvasObject
	closed       bool
	reportsShown bool // the reports are the view on screen
	// OpenActions is the view of open actions across meetings, once shown.
	OpenActions *OpenActionsView
	sync        *syncBar // nil when sync is not offered
	listFooter  *fyne.Container
}

// setView puts a view in the window's body; the list's count shows in the
// footer only with the list.
func (u *App) setView(view fyne.CanvasObject) {
	u.body.Objects = []fyne.CanvasObject{view}
	if view == u.listView {
		u.listFooter.Show()
	} else {
		u.listFooter.Hide()
	}
	u.body.Refresh()
}

// Preference keys: the window remembers its size, the last filter and the
// chair's name between runs.
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefFilterText = "filter.text"
	prefFilterFrom = "filter.from"
	prefFilterTo   = "filter.to"
	prefFilterStat = "filter.status"
	prefChair      = "chair.name"
	prefUser       = "user.name"
)

// The window's first size, before it remembers the chair's.
const defaultWidth, defaultHeight = 1180, 620

// shortcut keys, shown in the menus and in the help.
var (
	keyNewMeeting  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	keySearch      = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	keyList        = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	keyNextSection = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}
	keyPrevSection = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}
	keyAddChild    = &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyAddAttendee = &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyAddDecision = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyAddAction   = &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyAddInfo     = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyAddMember   = &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyAddTold     = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyHelp        = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
	keyExportPDF   = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	keyReports     = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	keyOpenActions = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyQuit        = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	keySyncNow     = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// NewMainWindow builds the app's main window on the store and starts
// loading the list. The caller shows it.
func NewMainWindow(a fyne.App, store meeting.Store, opts Options) *App {
	a.SetIcon(assets.Icon)
	a.Settings().SetTheme(newAppTheme())
	w := a.NewWindow("Strategy Minutes")
	w.SetIcon(assets.Icon)
	u := &App{fyneApp: a, Win: w, store: store, opts: opts}
	prefs := a.Preferences()

	if name := prefs.String(prefUser); name != "" && opts.SetUser != nil {
		opts.SetUser(name)
		u.opts.User = name
	}
	u.List = NewMeetingsList(store, savedFilter(prefs))
	u.List.OnOpen = u.Open
	u.List.OnFilterChanged = func(f meeting.Filter) { saveFilter(prefs, f) }

	var banner fyne.CanvasObject = layout.NewSpacer()
	if opts.Sample {
		l := widget.NewLabelWithStyle("SAMPLE DATABASE: invented meetings for practice and demonstrations, not real records.",
			fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Importance = widget.WarningImportance
		banner = l
	}
	newMeeting := newButton("New meeting", theme.ContentAddIcon(), u.NewMeeting)
	newMeeting.Importance = widget.HighImportance
	u.warning = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.warning.Importance = widget.DangerImportance
	u.warning.Wrapping = fyne.TextWrapWord
	u.warning.Hide()
	top := container.NewVBox(u.warning, container.NewBorder(nil, nil, nil, newMeeting, banner), u.List.Filters())
	// The path in the muted colour, not italic: the italic face would be
	// the only one the first window needs that nothing else on it uses,
	// and loading it took a tenth of the start-up (19 ms of 175).
	path := widget.NewLabelWithStyle(opts.DBPath, fyne.TextAlignTrailing, fyne.TextStyle{})
	path.Importance = widget.LowImportance
	// One footer for the window: the list's count while the list shows,
	// and always how sync stands and which database this is.
	right := fyne.CanvasObject(path)
	if opts.Sync != nil {
		u.sync = newSyncBar(u, opts.Sync)
		right = container.NewHBox(u.sync.box, path)
	}
	u.listFooter = container.NewHBox(u.List.Status, u.List.More)
	footer := container.NewBorder(nil, nil, u.listFooter, right)
	u.listView = container.NewBorder(top, nil, nil, nil, u.List.Table)
	u.body = container.NewStack(u.listView)
	w.SetContent(container.NewBorder(nil, footer, nil, nil, u.body))
	w.SetMainMenu(u.menu())
	w.SetCloseIntercept(u.close)
	// However the app stops (Quit, the last window closed, SIGTERM from the
	// session ending, which Fyne turns into a quit), the open meeting's
	// pending typing is saved. An amendment in progress is not: it is saved
	// only with its reason.
	a.Lifecycle().SetOnStopped(func() {
		if u.Editor != nil && !u.Editor.amending {
			u.Editor.Flush()
		}
	})
	// Keys that reach no focused control: Page Down and Page Up scroll the
	// report.
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if u.reportsShown && u.Reports != nil {
			u.Reports.TypedKey(ev)
		}
	})
	// The first size fits a 1280x720 laptop screen with its title bar and
	// taskbar; the window then remembers the chair's own.
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, defaultWidth)), float32(prefs.FloatWithFallback(prefHeight, defaultHeight))))
	w.Canvas().Focus(u.List.Search)
	u.List.Reload()
	return u
}

func savedFilter(p fyne.Preferences) meeting.Filter {
	// The search text is not remembered (a child's name would sit in the
	// preferences file, outside the database); one left by an earlier
	// version is wiped.
	if p.String(prefFilterText) != "" {
		p.SetString(prefFilterText, "")
	}
	f := meeting.Filter{Status: meeting.Status(p.String(prefFilterStat))}
	f.From, _ = meeting.ParseDate(p.String(prefFilterFrom))
	f.To, _ = meeting.ParseDate(p.String(prefFilterTo))
	return f
}

func saveFilter(p fyne.Preferences, f meeting.Filter) {
	p.SetString(prefFilterFrom, f.From.String())
	p.SetString(prefFilterTo, f.To.String())
	p.SetString(prefFilterStat, string(f.Status))
}

func (u *App) menu() *fyne.MainMenu {
	item := func(label string, key fyne.Shortcut, action func()) *fyne.MenuItem {
		// A shortcut pressed while a dialog or an open list is on screen
		// is not for the view behind it.
		i := fyne.NewMenuItem(label, func() {
			if u.Win.Canvas().Overlays().Top() == nil {
				action()
			}
		})
		i.Shortcut = key
		return i
	}
	quit := item("Quit", keyQuit, u.quit)
	quit.IsQuit = true
	inEditor := func(f func(*Editor)) func() {
		return func() {
			if u.Editor != nil && !u.Editor.readOnly {
				f(u.Editor)
			}
		}
	}
	file := []*fyne.MenuItem{item("New meeting", keyNewMeeting, u.NewMeeting),
		item("Reconvene as a review meeting…", nil, u.Reconvene),
		item("Export the minutes as PDF…", keyExportPDF, u.exportPDF)}
	if _, ok := u.store.(meeting.Deleter); ok {
		file = append(file, fyne.NewMenuItem("Delete this meeting…", func() {
			switch {
			case u.Win.Canvas().Overlays().Top() != nil:
			case u.Editor == nil:
				infoDialog(u.Win, "Delete this meeting", "Open the meeting first.")
			default:
				u.Editor.ConfirmDelete() // signed-off minutes: with a ground and a reason
			}
		}))
	}
	file = append(file, fyne.NewMenuItemSeparator())
	if u.opts.Backup != nil {
		file = append(file, fyne.NewMenuItem("Back up now…", u.backup))
	}
	if u.opts.Restore != nil {
		file = append(file, fyne.NewMenuItem("Restore from a backup…", u.restore))
	}
	if _, ok := u.store.(meeting.Records); ok {
		file = append(file, fyne.NewMenuItem("Audit log…", u.showAuditLog))
	}
	if u.opts.Sync != nil {
		file = append(file, item("Sync with the server now", keySyncNow, u.SyncNow), fyne.NewMenuItem("Conflicts between laptops…", u.ShowConflicts))
	}
	file = append(file, fyne.NewMenuItem("Settings…", u.showSettings), fyne.NewMenuItemSeparator(), quit)
	fileMenu := fyne.NewMenu("File", file...)
	return fyne.NewMainMenu(
		fileMenu,
		fyne.NewMenu("Edit",
			item("Find meetings", keySearch, u.Search),
			fyne.NewMenuItemSeparator(),
			item("Add child", keyAddChild, inEditor((*Editor).AddChild)),
			item("Add attendee", keyAddAttendee, inEditor((*Editor).AddAttendee)),
			item("Add information shared", keyAddInfo, inEditor((*Editor).AddInformation)),
			item("Add household member", keyAddMember, inEditor((*Editor).AddMember)),
			item("Add what a family member is told", keyAddTold, inEditor((*Editor).AddFamilyLine)),
			item("Add decision", keyAddDecision, inEditor((*Editor).AddDecision)),
			item("Add action", keyAddAction, inEditor((*Editor).AddAction)),
		),
		fyne.NewMenu("View",
			item("Meetings list", keyList, u.ShowList),
			item("Participation report", keyReports, u.ShowReports),
			item("Open actions", keyOpenActions, u.ShowOpenActions),
			item("Next section", keyNextSection, func() {
				if u.Editor != nil {
					u.Editor.NextSection()
				}
			}),
			item("Previous section", keyPrevSection, func() {
				if u.Editor != nil {
					u.Editor.PreviousSection()
				}
			}),
		),
		fyne.NewMenu("Help", item("Keyboard shortcuts", keyHelp, u.showShortcuts), fyne.NewMenuItem("About Strategy Minutes", u.showAbout)),
	)
}

// NewMeeting starts a new draft and opens it; it is stored once something
// is typed.
func (u *App) NewMeeting() {
	if err := u.closeEditor(u.NewMeeting); err != nil {
		return // the open meeting stays, or asks first
	}
	chair := u.fyneApp.Preferences().String(prefChair)
	now := time.Now().In(meeting.UK)
	m := &meeting.Meeting{
		ID: meeting.NewID(), Type: meeting.TypeInitial, Mode: meeting.ModeVirtual,
		HeldAt: now.Truncate(5 * time.Minute), Chair: chair,
	}
	if chair != "" { // the chair is there for social care
		m.Attendees = []meeting.Attendee{{Name: chair, Role: "Chair", Agency: meeting.AgencySocialCare, Attendance: meeting.Attended}}
	}
	// Nothing is stored until the chair types: a meeting opened by mistake
	// leaves no empty draft behind in the list or the report.
	u.show(m)
	u.Editor.Tabs.SelectIndex(sectionDetails)
	u.Win.Canvas().Focus(u.Editor.first)
}

// Open shows the stored meeting with the id in the editor.
func (u *App) Open(id string) {
	// Held before it is read: a sync meanwhile keeps a newer version
	// beside it rather than under the editor.
	u.hold(id)
	m, err := u.store.Meeting(context.Background(), id)
	if err != nil {
		errorDialog(u.Win, fmt.Errorf("could not open the meeting: %w", err))
		return
	}
	u.show(m)
}

func (u *App) show(m *meeting.Meeting) {
	if err := u.closeEditor(func() { u.show(m) }); err != nil {
		return
	}
	u.hold(m.ID)
	e := NewEditor(u.Win, u.store, m)
	e.OnChairTyped = func(chair string) { u.fyneApp.Preferences().SetString(prefChair, chair) }
	e.OnSignedOff = func() {
		u.List.Reload()
		if u.sync != nil {
			u.sync.Soon() // signed-off minutes reach partners' laptops soon
		}
	}
	e.OnDeleted = func() {
		e.release()
		u.Editor = nil
		u.ShowList()
	}
	e.OnReconvene = u.Reconvene
	back := newButton("Meetings", theme.NavigateBackIcon(), u.ShowList)
	export := newButton("Export PDF", theme.DocumentPrintIcon(), u.exportPDF)
	u.Editor = e
	u.setView(e.Content(container.NewHBox(back, export)))
	u.reportsShown = false
}

// Reconvene opens the review strategy meeting of the meeting open
// (meeting.Reconvene): its children, household and invitees, a link to
// it, and its open actions carried forward. Like a new meeting, it is
// stored once something is typed.
func (u *App) Reconvene() {
	if u.Editor == nil {
		infoDialog(u.Win, "Reconvene as a review meeting", "Open the meeting to review first.")
		return
	}
	prev := u.Editor.Meeting()
	if err := u.closeEditor(u.Reconvene); err != nil {
		return
	}
	m := meeting.Reconvene(prev, time.Now().In(meeting.UK).Truncate(5*time.Minute))
	u.show(m)
	u.Editor.Tabs.SelectIndex(sectionDetails)
	u.Win.Canvas().Focus(u.Editor.first)
}

// closeEditor saves the open meeting; on failure the editor stays open so
// that nothing typed is lost. Over dates that are not dates yet it asks
// first, and retry carries on with what was being done if the chair
// chooses to leave without them.
func (u *App) closeEditor(retry ...func()) error {
	if u.Editor == nil {
		return nil
	}
	if err := u.Editor.Close(); err != nil {
		var typed typedPending
		if errors.As(err, &typed) {
			e := u.Editor
			confirmDialog(u.Win, "Dates not put right", typed.Error()+
				"\n\nThey are not saved: the record keeps its last good dates. Put them right, or leave without them.",
				"Leave without them", "Put them right", widget.DangerImportance, true, func(leave bool) {
					if !leave {
						e.showTyped()
						return
					}
					e.dropTyped()
					for _, f := range retry {
						f()
					}
				})
			return err
		}
		if errors.Is(err, errAmendmentPending) {
			infoDialog(u.Win, "The amendment is not saved", "Save the amendment, with its reason, or cancel it first (Sign-off section).")
			u.Editor.Tabs.SelectIndex(sectionSignOff)
		} else {
			errorDialog(u.Win, fmt.Errorf("the meeting could not be saved, so it stays open: %w", err))
		}
		return err
	}
	u.Editor.release()
	u.Editor = nil
	u.hold("")
	return nil
}

// hold tells sync which meeting the editor shows ("" for none).
func (u *App) hold(id string) {
	if u.opts.Sync != nil && u.opts.Sync.Hold != nil {
		u.opts.Sync.Hold(id)
	}
}

// StartSync starts syncing in the background, when a server is set: the
// command calls it once the database has passed its check.
func (u *App) StartSync() {
	if u.sync != nil {
		u.sync.start()
	}
}

// SyncNow syncs at once, when a server is set in Settings.
func (u *App) SyncNow() {
	if u.sync == nil {
		return
	}
	if u.opts.Sync.Address() == "" {
		infoDialog(u.Win, "No partnership server", "Set the server's address in Settings first (File, Settings).")
		return
	}
	u.sync.Soon()
}

// ShowList goes back to the meetings list, saving the open meeting.
func (u *App) ShowList() {
	if err := u.closeEditor(u.ShowList); err != nil {
		return
	}
	u.setView(u.listView)
	u.reportsShown = false
	u.Win.Canvas().Focus(u.List.Search)
	u.List.Reload() // last: its result is shown from another goroutine
}

// ShowReports shows the partner-participation report, saving the open
// meeting first.
func (u *App) ShowReports() {
	src, ok := u.store.(meeting.Reporter)
	if !ok {
		return
	}
	if err := u.closeEditor(u.ShowReports); err != nil {
		return
	}
	if u.Reports == nil {
		u.Reports = NewReportsView(u.Win, src, u.Open)
		u.Reports.chooseFile = u.chooser()
		u.Reports.writeFile = u.writeFile
		u.Reports.SetExportPDF(func(r *meeting.Report) ([]byte, error) {
			var buf bytes.Buffer
			err := pdf.WriteReport(&buf, r, pdf.Options{ExportedAt: time.Now(), Version: u.opts.Version})
			return buf.Bytes(), err
		})
		u.Reports.SetExportXLSX(xlsx.WriteReport)
	}
	back := newButton("Meetings", theme.NavigateBackIcon(), u.ShowList)
	back.onPage = u.Reports.page
	u.setView(container.NewBorder(container.NewHBox(back), nil, nil, nil, u.Reports.Content()))
	u.reportsShown = true
	u.Win.Canvas().Unfocus() // Page Down scrolls the report straight away
	u.Reports.Reload()
}

// Search shows the list with the cursor in the search box.
func (u *App) Search() {
	if u.Editor != nil {
		u.ShowList()
	}
	u.Win.Canvas().Focus(u.List.Search)
}

// close saves everything before the window goes.
func (u *App) close() {
	if u.closed {
		return
	}
	if err := u.closeEditor(u.close); err != nil {
		return
	}
	u.closed = true
	if u.sync != nil {
		u.sync.close()
	}
	size := u.Win.Canvas().Size()
	u.fyneApp.Preferences().SetFloat(prefWidth, float64(size.Width))
	u.fyneApp.Preferences().SetFloat(prefHeight, float64(size.Height))
	u.Win.Close()
}

// quit quits once the window has closed: not over an amendment or dates
// not yet put right, which the chair is asked about first.
func (u *App) quit() {
	u.close()
	if u.closed {
		u.fyneApp.Quit()
	}
}

// Quit saves what is pending and ends the app, as File > Quit does; for
// the OS asking the app to stop (the terminal it runs in closed). Call it
// on the UI goroutine.
func (u *App) Quit() { u.quit() }

// shortcutText writes a shortcut as people read it: "Ctrl+Shift+A".
func shortcutText(s *desktop.CustomShortcut) string {
	var parts []string
	if s.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		if runtime.GOOS == "darwin" {
			parts = append(parts, "Cmd")
		} else {
			parts = append(parts, "Ctrl")
		}
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, keyText(s.KeyName)), "+")
}

// keyText names a key as it is printed on the keyboard (Fyne's names for
// Page Up and Page Down are X11's "Prior" and "Next").
func keyText(k fyne.KeyName) string {
	switch k {
	case fyne.KeyPageUp:
		return "Page Up"
	case fyne.KeyPageDown:
		return "Page Down"
	}
	return string(k)
}

func (u *App) showShortcuts() {
	rows := []struct {
		key  *desktop.CustomShortcut
		what string
	}{
		{keyNewMeeting, "New meeting"}, {keySearch, "Find meetings"}, {keyList, "Back to the meetings list"},
		{keyReports, "The partner-participation report"}, {keyOpenActions, "Open actions across meetings"},
		{keyNextSection, "Next section of the meeting"}, {keyPrevSection, "Previous section"},
		{keyAddChild, "Add a child"}, {keyAddAttendee, "Add an attendee"}, {keyAddInfo, "Add information an agency shared"},
		{keyAddMember, "Add a household member"}, {keyAddTold, "Add what a family member is told"}, {keyAddDecision, "Add a decision"},
		{keyAddAction, "Add an action"}, {keyExportPDF, "Export the open meeting's minutes as PDF"}, {keyHelp, "This list"}, {keyQuit, "Quit (everything is saved)"},
	}
	// Two pairs of columns, so that the list fits a laptop's window.
	grid := container.NewGridWithColumns(4)
	for _, r := range rows {
		grid.Add(widget.NewLabelWithStyle(shortcutText(r.key), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(r.what))
	}
	tip := hint("Tab and Shift+Tab move through every field in order, out of multi-line boxes too. Lists take type-ahead; Space opens them. " +
		"In a dialog, Enter presses the button and Escape cancels. On a person's name, Down shows people seen before and Enter fills the row.")
	m := contentDialog(u.Win, "Keyboard shortcuts", "Close", container.NewVBox(grid, tip))
	m.Resize(fyne.NewSize(min(1100, u.Win.Canvas().Size().Width-40), grid.MinSize().Height+tip.MinSize().Height+140))
}

func (u *App) showAbout() {
	text := fmt.Sprintf("Strategy Minutes %s\n\nRecords of multi-agency child-protection strategy meetings.\n"+
		"Every change is saved as you type.\n\nDatabase: %s\n\nThe records are OFFICIAL-SENSITIVE: keep this laptop's disk encrypted.",
		u.opts.Version, u.opts.DBPath)
	infoDialog(u.Win, "About Strategy Minutes", text)
}

// writeFile writes a file the chair chose in the Save dialog.
func (u *App) writeFile(path string, kind meeting.OutputKind, write func(*os.File) error) error {
	if u.opts.WriteOutput != nil {
		return u.opts.WriteOutput(path, kind, write)
	}
	return meeting.WriteFile(path, write)
}

// ShowWarning says what the database's opening found and worked around.
func (u *App) ShowWarning(msg string) {
	infoDialog(u.Win, "The minutes were opened, with a warning", sentence(msg)+"\n\nWhat could be read is on screen. Ask for help to recover the rest from the copy kept.")
}

// ShowUnwritable says, at the top of the window and in a dialog, that the
// database failed its check and nothing more will be written to it, and
// offers the latest good backup (backup, "" for none).
func (u *App) ShowUnwritable(err error, backup string) {
	first, _, _ := strings.Cut(err.Error(), "\n")
	u.warning.SetText("Nothing can be saved: " + sentence(first) + " Nothing more is written to this database until it is restored from a backup or mended: ask for help.")
	u.warning.Show()
	msg := "The database failed its check, so nothing more will be written to it. What is on screen is kept until you close the window.\n\n" + sentence(err.Error())
	if backup == "" || u.opts.Restore == nil {
		infoDialog(u.Win, "The minutes cannot be saved", msg+"\n\nThere is no good automatic backup: ask for help before closing the app.")
		return
	}
	msg += "\n\nThe latest good automatic backup is\n" + backup + "\nRestoring it replaces the damaged file, which is kept aside; changes since the backup are not in it."
	confirmDialog(u.Win, "The minutes cannot be saved", msg, "Restore the backup", "Not now", widget.HighImportance, true, func(ok bool) {
		if ok && u.RestoreFrom(backup) == nil {
			u.warning.Hide()
		}
	})
}

// A Recovery offers to replace a damaged database with a backup.
type Recovery struct {
	Backup  string       // path of the backup offered
	Restore func() error // restores it and opens the main window
}

// NewStartupErrorWindow explains why the app cannot open its database, for
// people who started it from a desktop icon and will never see a terminal,
// and offers the latest good backup when there is one.
func NewStartupErrorWindow(a fyne.App, err error, recovery *Recovery) fyne.Window {
	a.SetIcon(assets.Icon)
	a.Settings().SetTheme(newAppTheme())
	w := a.NewWindow("Strategy Minutes: cannot open the minutes")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := newButton("Quit", nil, func() { a.Quit() })
	buttons := container.NewHBox(layout.NewSpacer())
	body := []fyne.CanvasObject{msg}
	if recovery != nil {
		body = append(body, widget.NewLabel("The latest good automatic backup is\n"+recovery.Backup+
			"\nRestoring it replaces the damaged file, which is kept aside; changes since the backup are not in it."))
		var restore *ringButton
		restore = newButton("Restore the latest good backup", nil, func() {
			restore.Disable()
			if err := recovery.Restore(); err != nil {
				msg.SetText(err.Error())
				return
			}
			w.Close()
		})
		restore.Importance = widget.HighImportance
		buttons.Add(restore)
	} else {
		quit.Importance = widget.HighImportance
	}
	buttons.Add(quit)
	title := "Strategy Minutes could not open its database. Nothing has been written to it."
	w.SetContent(container.NewBorder(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		buttons, nil, nil, container.NewVBox(body...)))
	w.Resize(fyne.NewSize(680, 280))
	return w
}
