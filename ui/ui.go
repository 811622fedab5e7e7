// Package ui holds the Fyne screens of Strategy Minutes. Screens talk to the
// domain through meeting.Store only; they never see SQL.
package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/assets"
	"strategyminutes/meeting"
)

// pageSize is how many meetings the list loads at a time; the store pages
// the rest, so the list stays quick with any number of meetings.
const pageSize = 200

// searchDelay lets typing pause before a search runs, so that a burst of
// keystrokes costs one query, not one each.
const searchDelay = 250 * time.Millisecond

// MeetingsList is the window's list of meetings, newest first, with search.
type MeetingsList struct {
	store  meeting.Store
	Search *widget.Entry
	Table  *widget.Table
	Status *widget.Label

	mu       sync.Mutex
	rows     []meeting.Summary
	timer    *time.Timer
	searchID int // the latest search; older results are dropped
	loaded   chan struct{}
}

var columns = []struct {
	title string
	width float32
}{
	{"Held (UK)", 165}, {"Reference", 120}, {"Children", 260}, {"Chair", 170}, {"Status", 90}, {"Statutory partners missing", 240},
}

// NewMeetingsList builds the list; Reload fills it.
func NewMeetingsList(store meeting.Store) *MeetingsList {
	l := &MeetingsList{store: store, Status: widget.NewLabel("Loading meetings…")}
	l.Search = widget.NewEntry()
	l.Search.SetPlaceHolder("Search by child, case reference, meeting reference or chair")
	l.Search.OnChanged = func(string) { l.scheduleSearch() }
	l.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.Rows()), len(columns) },
		func() fyne.CanvasObject {
			lbl := widget.NewLabel("")
			lbl.Truncation = fyne.TextTruncateEllipsis
			return lbl
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			lbl := o.(*widget.Label)
			rows := l.Rows()
			if id.Row >= len(rows) {
				lbl.SetText("")
				return
			}
			text, importance := cell(rows[id.Row], id.Col)
			lbl.Importance = importance
			lbl.SetText(text)
		})
	l.Table.ShowHeaderColumn = false
	l.Table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	l.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(columns) {
			o.(*widget.Label).SetText(columns[id.Col].title)
		}
	}
	for i, c := range columns {
		l.Table.SetColumnWidth(i, c.width)
	}
	return l
}

// cell returns the text of one column of a meeting's row.
func cell(s meeting.Summary, col int) (string, widget.Importance) {
	switch col {
	case 0:
		return s.HeldAt.In(meeting.UK).Format("02 Jan 2006 15:04"), widget.MediumImportance
	case 1:
		return s.Reference, widget.MediumImportance
	case 2:
		return strings.Join(s.Children, ", "), widget.MediumImportance
	case 3:
		return s.Chair, widget.MediumImportance
	case 4:
		if s.SignedOff {
			return "Signed off", widget.MediumImportance
		}
		return "Draft", widget.MediumImportance
	case 5:
		if len(s.MissingStatutory) == 0 {
			return "", widget.MediumImportance
		}
		names := make([]string, len(s.MissingStatutory))
		for i, a := range s.MissingStatutory {
			names[i] = a.Label()
		}
		return "Missing: " + strings.Join(names, ", "), widget.DangerImportance
	}
	return "", widget.MediumImportance
}

func (l *MeetingsList) scheduleSearch() {
	text := l.Search.Text
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.timer != nil {
		l.timer.Stop()
	}
	id, done := l.nextLoadLocked()
	l.timer = time.AfterFunc(searchDelay, func() { l.load(text, id, done) })
}

// Reload shows the newest meetings matching the search box again.
func (l *MeetingsList) Reload() {
	l.mu.Lock()
	id, done := l.nextLoadLocked()
	l.mu.Unlock()
	go l.load(l.Search.Text, id, done)
}

// nextLoadLocked numbers a new load, so that an older, slower one cannot
// overwrite its result, and gives the channel closed when it is shown.
func (l *MeetingsList) nextLoadLocked() (int, chan struct{}) {
	l.searchID++
	done := make(chan struct{})
	l.loaded = done
	return l.searchID, done
}

// load queries the store off the UI goroutine and shows the result on it.
func (l *MeetingsList) load(text string, id int, done chan struct{}) {
	defer close(done)
	ctx := context.Background()
	rows, err := l.store.Summaries(ctx, meeting.Filter{Text: text, Limit: pageSize})
	var total int
	if err == nil {
		total, err = l.store.Count(ctx, meeting.Filter{Text: text})
	}
	fyne.DoAndWait(func() {
		l.mu.Lock()
		stale := id != l.searchID
		if !stale && err == nil {
			l.rows = rows
		}
		l.mu.Unlock()
		if stale {
			return
		}
		if err != nil {
			l.Status.SetText("Could not load the meetings: " + err.Error())
			return
		}
		l.Table.Refresh()
		l.Status.SetText(statusText(len(rows), total, text))
	})
}

func statusText(shown, total int, text string) string {
	noun := "meetings"
	if total == 1 {
		noun = "meeting"
	}
	switch {
	case text != "" && total == 0:
		return fmt.Sprintf("No meetings match %q.", text)
	case shown < total:
		return fmt.Sprintf("Showing the newest %d of %d %s.", shown, total, noun)
	}
	return fmt.Sprintf("%d %s.", total, noun)
}

// Wait blocks until the latest load or search has been shown.
func (l *MeetingsList) Wait() {
	l.mu.Lock()
	done := l.loaded
	l.mu.Unlock()
	<-done
}

// Rows returns the meetings shown.
func (l *MeetingsList) Rows() []meeting.Summary {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rows
}

// NewMainWindow builds the app's main window on the store. The caller shows
// it; taking the fyne.App lets tests pass Fyne's test app.
func NewMainWindow(a fyne.App, store meeting.Store, dbPath string) (fyne.Window, *MeetingsList) {
	a.SetIcon(assets.Icon)
	w := a.NewWindow("Strategy Minutes")
	w.SetIcon(assets.Icon)
	list := NewMeetingsList(store)
	footer := container.NewBorder(nil, nil, list.Status, widget.NewLabelWithStyle(dbPath, fyne.TextAlignTrailing, fyne.TextStyle{Italic: true}))
	w.SetContent(container.NewBorder(list.Search, footer, nil, nil, list.Table))
	w.Resize(fyne.NewSize(1100, 700))
	w.Canvas().Focus(list.Search)
	list.Reload()
	return w, list
}

// NewStartupErrorWindow explains why the app cannot open its database, for
// people who started it from a desktop icon and will never see a terminal.
func NewStartupErrorWindow(a fyne.App, err error) fyne.Window {
	a.SetIcon(assets.Icon)
	w := a.NewWindow("Strategy Minutes: cannot open the minutes")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", func() { a.Quit() })
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(
		widget.NewLabelWithStyle("Strategy Minutes could not open its database. Nothing has been changed.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg))
	w.Resize(fyne.NewSize(640, 240))
	return w
}
