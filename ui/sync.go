package ui

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// Syncing is what the window needs for sync with the partnership server
// (docs/server.md); the command wires it to the database and the server.
// The chair keeps typing into the laptop's database whatever the network
// does; the window syncs in the background and always says how it stands.
type Syncing struct {
	// Address is the server's address set in Settings, "" for none;
	// SetAddress checks and stores a new one ("" works without a server).
	Address    func() string
	SetAddress func(address string) error
	// Sync syncs once with the server at Address.
	Sync func(ctx context.Context) (meeting.SyncResult, error)
	// Status counts what waits for the next sync.
	Status func(ctx context.Context) (meeting.SyncStatus, error)
	// Conflicts lists the conflicts kept; Resolve settles one: this
	// laptop's copy stands, or theirs replaces it.
	Conflicts func(ctx context.Context) ([]meeting.SyncConflict, error)
	Resolve   func(ctx context.Context, id string, revision int64, theirs bool) error
	// Hold names the meeting open in the editor ("" for none): a version
	// of it pulled meanwhile is kept beside it, never written under the
	// chair's typing.
	Hold func(id string)
}

// When the window syncs: on start, after sign-off, when asked, every few
// minutes, and while the server cannot be reached, often enough to notice
// soon that the network is back.
const (
	syncEvery = 5 * time.Minute
	syncRetry = 30 * time.Second
	syncLimit = 2 * time.Minute // one sync, before it is given up and retried
)

// syncBar is the footer's account of sync: "Synced 10:32", "Offline: 3
// meetings waiting", and a button for the conflicts, when there are any.
type syncBar struct {
	u       *App
	s       *Syncing
	Label   *widget.Label
	Settle  *ringButton // "1 conflict…": shown when there are conflicts
	Refused *ringButton // "2 not accepted…": shown when the server refused versions
	box     *fyne.Container
	kick    chan struct{}
	stop    chan struct{}
	once    sync.Once

	refused []string // the server's reasons, last sync
	// Now is the clock the status's time is read from (tests).
	Now func() time.Time
	// shown, when set (tests), is called on the window's side once each
	// sync's outcome is on screen.
	shown func()
}

func newSyncBar(u *App, s *Syncing) *syncBar {
	b := &syncBar{u: u, s: s, Label: widget.NewLabel(""), kick: make(chan struct{}, 1), stop: make(chan struct{}), Now: time.Now}
	b.Settle = newButton("", theme.WarningIcon(), u.ShowConflicts)
	b.Settle.Importance = widget.WarningImportance
	b.Refused = newButton("", theme.ErrorIcon(), b.showRefused)
	b.Settle.Hide()
	b.Refused.Hide()
	b.box = container.NewHBox(b.Label, b.Settle, b.Refused)
	if s.Address() == "" {
		b.box.Hide()
	}
	return b
}

// start runs the background sync until the window closes.
func (b *syncBar) start() {
	go b.loop()
}

// Soon asks for a sync at once (after sign-off, or from the menu).
func (b *syncBar) Soon() {
	select {
	case b.kick <- struct{}{}:
	default: // one is asked for already
	}
}

func (b *syncBar) close() { b.once.Do(func() { close(b.stop) }) }

func (b *syncBar) loop() {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-b.kick:
		case <-timer.C:
		}
		timer.Reset(b.syncOnce())
	}
}

// syncOnce syncs, shows the outcome and returns when to sync next.
func (b *syncBar) syncOnce() time.Duration {
	if b.s.Address() == "" {
		fyne.Do(func() {
			b.box.Hide()
			if b.shown != nil {
				b.shown()
			}
		})
		return syncEvery
	}
	fyne.DoAndWait(func() {
		b.box.Show()
		b.Label.SetText("Syncing…")
		// What the chair typed goes with this sync.
		if e := b.u.Editor; e != nil && !e.amending {
			e.Flush()
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), syncLimit)
	res, err := b.s.Sync(ctx)
	cancel()
	st, serr := b.s.Status(context.Background())
	fyne.Do(func() {
		b.show(res, err, st, serr)
		if res.Added+res.Updated+res.Deleted > 0 && b.u.List != nil {
			b.u.List.Reload()
		}
		if b.shown != nil {
			b.shown()
		}
	})
	if err != nil {
		return syncRetry
	}
	return syncEvery
}

// show puts the outcome of a sync on screen.
func (b *syncBar) show(res meeting.SyncResult, err error, st meeting.SyncStatus, serr error) {
	var text string
	switch {
	case err != nil && offline(err):
		text = "Offline: " + waiting(st.Waiting) + "; retrying every 30 seconds"
	case err != nil:
		// The error names no one: the server's address at most.
		text = "Not synced (" + waiting(st.Waiting) + "): " + err.Error()
	default:
		text = "Synced " + b.Now().In(meeting.UK).Format("15:04")
		if st.Waiting > 0 && serr == nil {
			text += "; " + waiting(st.Waiting)
		}
	}
	b.Label.SetText(text)
	if st.Conflicts > 0 {
		b.Settle.SetText(meeting.Plural(st.Conflicts, "conflict") + "…")
		b.Settle.Show()
	} else {
		b.Settle.Hide()
	}
	if err == nil {
		b.refused = res.Refused
	}
	if len(b.refused) > 0 {
		b.Refused.SetText(fmt.Sprintf("%d not accepted…", len(b.refused)))
		b.Refused.Show()
	} else {
		b.Refused.Hide()
	}
}

// waiting says how many meetings wait to be sent.
func waiting(n int) string {
	if n == 0 {
		return "nothing waiting"
	}
	return meeting.Plural(n, "meeting") + " waiting"
}

// offline reports whether err is the network or the server out of reach,
// rather than something the server said.
func offline(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "no such host")
}

func (b *syncBar) showRefused() {
	infoDialog(b.u.Win, "Not accepted by the server",
		"The server's rules refused these versions. They stay on this laptop, and are sent again at each sync:\n\n"+strings.Join(b.refused, "\n"))
}

// ShowConflicts shows the first meeting changed both here and on another
// laptop, side by side, for the chair to choose which stands.
func (u *App) ShowConflicts() {
	if u.sync == nil {
		return
	}
	ctx := context.Background()
	cs, err := u.opts.Sync.Conflicts(ctx)
	if err != nil {
		errorDialog(u.Win, err)
		return
	}
	if len(cs) == 0 {
		infoDialog(u.Win, "No conflicts", "Every meeting changed here is as the server has it, or waits to be sent.")
		return
	}
	c := cs[0]
	if u.Editor != nil && u.Editor.Meeting().ID == c.MeetingID {
		// Settled with the meeting closed, so that its copy here is the
		// one saved.
		if err := u.closeEditor(u.ShowConflicts); err != nil {
			return
		}
		u.ShowList()
	}
	mine, err := u.store.Meeting(ctx, c.MeetingID)
	if err != nil {
		errorDialog(u.Win, err)
		return
	}
	u.showConflict(c, mine, len(cs))
}

// showConflict lays the two versions' differences side by side. Every
// value is text the chair can select and copy (Ctrl+C), to merge by hand:
// keep this laptop's, then put in what the other had.
func (u *App) showConflict(c meeting.SyncConflict, mine *meeting.Meeting, of int) {
	changes := meeting.Diff(mine.Minutes(), c.Theirs.Minutes())
	// A row each, as tall as its text.
	grid := container.NewVBox()
	head := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	grid.Add(container.NewGridWithColumns(3, head("Field"), head("This laptop"),
		head("The other laptop ("+c.MadeBy+", "+c.MadeAt.In(meeting.UK).Format("2 Jan 15:04")+")")))
	var first fyne.Focusable
	var texts []*readText
	for _, ch := range changes {
		label := widget.NewLabel(meeting.DescribeField(ch.Field))
		label.Wrapping = fyne.TextWrapWord
		here, there := newReadText(ch.Before), newReadText(ch.After)
		if first == nil {
			first = here
		}
		texts = append(texts, here, there)
		grid.Add(container.NewGridWithColumns(3, label, here, there))
	}
	if len(changes) == 0 {
		grid.Add(widget.NewLabel("The minutes are the same: only what followed them differs (both are kept)."))
	}
	ref := "Meeting " + mine.Reference
	if mine.Reference == "" {
		ref = "The meeting of " + mine.HeldAt.In(meeting.UK).Format("2 Jan 2006") + " (no reference)"
	}
	intro := widget.NewLabel(fmt.Sprintf("%s was changed on this laptop and on another since they last synced. Both versions are kept: choose which stands. "+
		"To merge, copy what you need from the other (select it, Ctrl+C), keep this laptop's, and put it in.", ref))
	intro.Wrapping = fyne.TextWrapWord
	if of > 1 {
		intro.SetText(intro.Text + fmt.Sprintf(" (%d conflicts in all: the next follows.)", of))
	}
	body := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(grid))
	resolve := func(theirs bool) func() {
		return func() {
			if err := u.opts.Sync.Resolve(context.Background(), c.MeetingID, c.Revision, theirs); err != nil {
				errorDialog(u.Win, err)
				return
			}
			u.List.Reload()
			u.sync.Soon()
		}
	}
	d := showModal(u.Win, "Changed on two laptops", body, []modalButton{
		{text: "Later", icon: theme.CancelIcon(), isCancel: true},
		{text: "Keep the other laptop's", icon: theme.DownloadIcon(), action: resolve(true)},
		{text: "Keep this laptop's", icon: theme.ConfirmIcon(), importance: widget.HighImportance, action: resolve(false), isDefault: true},
	}, first)
	d.Resize(fyne.NewSize(960, 560))
	for _, r := range texts {
		r.modal = d
	}
}
