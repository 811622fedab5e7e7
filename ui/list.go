package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// pageSize is how many meetings the list loads at a time; the store pages
// the rest, so the list stays quick with any number of meetings.
const pageSize = 200

// searchDelay lets typing pause before a search runs, so that a burst of
// keystrokes costs one query, not one each.
const searchDelay = 250 * time.Millisecond

// MeetingsList is the window's list of meetings, newest first, with search
// as you type and filters by date and status. It loads a page at a time off
// the UI goroutine.
type MeetingsList struct {
	store    meeting.Store
	Search   *widget.Entry
	From, To *dateField
	State    *choice
	Table    *meetingsTable
	Status   *widget.Label
	More     *ringButton
	// OnOpen is called with the id of the meeting the chair picks.
	OnOpen func(id string)
	// OnFilterChanged is called when the filter changes (the app remembers it).
	OnFilterChanged func(meeting.Filter)

	searchDelay time.Duration // searchDelay, or longer in tests

	mu       sync.Mutex
	rows     []meeting.Summary
	filter   meeting.Filter // the filter on screen, without paging
	limit    int            // rows asked for: grows by a page with "Show more"
	timer    *time.Timer
	searchID int // the latest search; older results are dropped
	loaded   chan struct{}
}

var statusChoices = []string{"All statuses", "Drafts", "Signed off"}

var columns = []struct {
	title string
	width float32
}{
	{"Held (UK)", 165}, {"Reference", 120}, {"Children", 260}, {"Chair", 170}, {"Status", 90}, {"Statutory partners missing", 240},
}

// NewMeetingsList builds the list showing f; Reload fills it.
func NewMeetingsList(store meeting.Store, f meeting.Filter) *MeetingsList {
	l := &MeetingsList{store: store, Status: widget.NewLabel("Loading meetings…"), limit: pageSize, searchDelay: searchDelay}
	f.Limit, f.Offset = 0, 0
	l.filter = f
	// Fields set before ExtendBaseWidget: a setter now would build the
	// entry's renderer before the window has a size (start-up time).
	l.Search = &widget.Entry{PlaceHolder: "Search by child, case reference, meeting reference or chair (Ctrl+F)", Text: f.Text, Wrapping: fyne.TextWrap(fyne.TextTruncateClip)}
	l.Search.ExtendBaseWidget(l.Search)
	l.Search.OnChanged = func(s string) { l.setFilter(func(f *meeting.Filter) { f.Text = s }, true) }
	l.From = dateEntry(f.From, func(d meeting.Date) { l.setFilter(func(f *meeting.Filter) { f.From = d }, false) })
	l.To = dateEntry(f.To, func(d meeting.Date) { l.setFilter(func(f *meeting.Filter) { f.To = d }, false) })
	l.State = newChoice(statusChoices, nil)
	// The field, not SetSelected, which would build the list's renderer
	// before the window has a size (start-up time); OnChanged is set after.
	switch f.Status {
	case meeting.StatusDraft:
		l.State.Selected = statusChoices[1]
	case meeting.StatusSignedOff:
		l.State.Selected = statusChoices[2]
	default:
		l.State.Selected = statusChoices[0]
	}
	l.State.OnChanged = func(choice string) {
		status := meeting.Status("")
		switch choice {
		case statusChoices[1]:
			status = meeting.StatusDraft
		case statusChoices[2]:
			status = meeting.StatusSignedOff
		}
		l.setFilter(func(f *meeting.Filter) { f.Status = status }, false)
	}
	l.More = newButton("Show more", nil, func() {
		l.mu.Lock()
		l.limit += pageSize
		l.mu.Unlock()
		l.Reload()
	})
	l.More.Hide()
	l.Table = newMeetingsTable(
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

	l.Table.OnSelected = func(id widget.TableCellID) {
		rows := l.Rows()
		l.Table.UnselectAll()
		if id.Row >= 0 && id.Row < len(rows) && l.OnOpen != nil {
			l.OnOpen(rows[id.Row].ID)
		}
	}
	return l
}

// Filters is the row of search and filter fields above the table.
func (l *MeetingsList) Filters() fyne.CanvasObject {
	dates := container.NewHBox(widget.NewLabel("From"), container.NewGridWrap(fyne.NewSize(175, l.From.MinSize().Height), l.From),
		widget.NewLabel("to"), container.NewGridWrap(fyne.NewSize(175, l.To.MinSize().Height), l.To), l.State)
	return container.NewBorder(nil, nil, nil, dates, l.Search)
}

// Filter returns the filter on screen.
func (l *MeetingsList) Filter() meeting.Filter {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.filter
}

// setFilter changes the filter and reloads: after a pause when typing, at
// once for a date or status.
func (l *MeetingsList) setFilter(change func(*meeting.Filter), typing bool) {
	l.mu.Lock()
	change(&l.filter)
	l.limit = pageSize
	f := l.filter
	l.mu.Unlock()
	if l.OnFilterChanged != nil {
		l.OnFilterChanged(f)
	}
	if typing {
		l.scheduleSearch()
	} else {
		l.Reload()
	}
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
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.timer != nil {
		l.timer.Stop()
	}
	id, done := l.nextLoadLocked()
	f := l.filter
	f.Limit = l.limit
	l.timer = time.AfterFunc(l.searchDelay, func() { l.load(f, id, done) })
}

// Reload shows the newest meetings matching the filter again.
func (l *MeetingsList) Reload() {
	l.mu.Lock()
	id, done := l.nextLoadLocked()
	f := l.filter
	f.Limit = l.limit
	l.mu.Unlock()
	go l.load(f, id, done)
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
func (l *MeetingsList) load(f meeting.Filter, id int, done chan struct{}) {
	defer close(done)
	ctx := context.Background()
	rows, err := l.store.Summaries(ctx, f)
	var total int
	if err == nil {
		f.Limit = 0
		total, err = l.store.Count(ctx, f)
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
		l.Status.SetText(statusText(len(rows), total, f))
		if len(rows) < total {
			l.More.Show()
		} else {
			l.More.Hide()
		}
	})
}

func statusText(shown, total int, f meeting.Filter) string {
	noun := "meetings"
	if total == 1 {
		noun = "meeting"
	}
	filtered := f.Text != "" || !f.From.IsZero() || !f.To.IsZero() || f.Status != ""
	switch {
	case total == 0 && filtered:
		return "No meetings match the search and filters."
	case total == 0:
		return "No meetings yet. Press Ctrl+N (File > New meeting) to start recording a strategy meeting."
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

// A meetingsTable is the list's table: Enter opens the meeting the cursor
// is on, as Space does.
type meetingsTable struct{ widget.Table }

func newMeetingsTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *meetingsTable {
	t := &meetingsTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow = true
	// The widths before ExtendBaseWidget: each SetColumnWidth after it
	// builds and lays the table out again (start-up time).
	for i, c := range columns {
		t.SetColumnWidth(i, c.width)
	}
	t.ExtendBaseWidget(t)
	return t
}

func (t *meetingsTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace, Physical: ev.Physical}
	}
	t.Table.TypedKey(ev)
}
