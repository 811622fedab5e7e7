package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// savePath asks where to save a new file of kind, proposing name, and
// gives its path (saveFileDialog), checked by Options.CheckOutput.
func (u *App) savePath(name string, kind meeting.OutputKind, then func(path string)) {
	u.chooser()(name, kind, then)
}

// chooser is the save dialog, or the one tests set.
func (u *App) chooser() saveChooser {
	if u.ChooseSave != nil {
		return u.ChooseSave
	}
	return saveFileDialog(u.Win, u.opts.CheckOutput)
}

func (u *App) backup() {
	name := "strategy-minutes-backup-" + time.Now().In(meeting.UK).Format("2006-01-02-1504") + ".db"
	u.savePath(name, meeting.KindBackup, func(path string) {
		if err := u.opts.Backup(path); err != nil {
			errorDialog(u.Win, err)
			return
		}
		infoDialog(u.Win, "Backed up", "A copy of the database is in\n"+path+"\nIt holds OFFICIAL-SENSITIVE records: keep it on an encrypted drive.")
	})
}

func (u *App) restore() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			errorDialog(u.Win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		msg := "Replace the minutes on this laptop with the backup\n" + path + "?\n\nThe backup is checked first. The current database is kept aside, not deleted."
		confirmDialog(u.Win, "Restore from a backup", msg, "Restore", "Cancel", widget.HighImportance, true, func(ok bool) {
			if ok {
				u.RestoreFrom(path)
			}
		})
	}, u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.Show()
}

// RestoreFrom replaces the database with the backup at path, after saving
// the open meeting, and shows the restored meetings.
func (u *App) RestoreFrom(path string) error {
	if err := u.closeEditor(); err != nil {
		return err
	}
	u.ShowList()
	store, aside, err := u.opts.Restore(path)
	if err != nil {
		errorDialog(u.Win, err)
		return err
	}
	u.store = store
	u.List.store = store
	u.Reports = nil // made again on the restored database
	u.Win.SetMainMenu(u.menu())
	msg := "The backup has been restored."
	if aside != "" {
		msg += "\nThe database it replaced is kept at\n" + aside
	}
	infoDialog(u.Win, "Restored", msg)
	u.List.Reload() // last: its result is shown from another goroutine
	return nil
}

// eventNames are the audit log's events in words.
var eventNames = map[string]string{
	"create": "Created", "change": "Edited", "sign_off": "Signed off", "amend": "Amended", "import": "Imported",
	"export": "Exported", "export_pdf": "PDF exported", "backup": "Backed up", "restore": "Restored",
	"delete": "Draft deleted", "delete_signed_off": "Signed-off minutes deleted",
}

func (u *App) showAuditLog() {
	records, ok := u.store.(meeting.Records)
	if !ok {
		return
	}
	events, err := records.AuditLog(context.Background(), "", 2000)
	if err != nil {
		errorDialog(u.Win, err)
		return
	}
	w := u.fyneApp.NewWindow("Audit log")
	table := widget.NewTableWithHeaders(
		func() (int, int) { return len(events), 5 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := events[id.Row]
			text := ""
			switch id.Col {
			case 0:
				text = e.At.In(meeting.UK).Format("02 Jan 2006 15:04:05")
			case 1:
				text = e.Who
			case 2:
				text = eventNames[e.Event]
				if text == "" {
					text = e.Event
				}
			case 3:
				text = e.Meeting
			case 4:
				text = e.Detail
			}
			o.(*widget.Label).SetText(text)
		})
	titles := []string{"When (UK)", "Who", "What", "Meeting", "Detail"}
	widths := []float32{170, 170, 190, 310, 400} // the detail holds a deletion's reason
	table.ShowHeaderColumn = false
	table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(titles[id.Col])
		}
	}
	for i, width := range widths {
		table.SetColumnWidth(i, width)
	}
	export := newButton("Export CSV…", nil, func() {
		name := "audit-log-" + time.Now().In(meeting.UK).Format("2006-01-02") + ".csv"
		saveFileDialog(w, u.opts.CheckOutput)(name, meeting.KindAuditCSV, func(path string) {
			err := u.writeFile(path, meeting.KindAuditCSV, func(f *os.File) error { return records.WriteAuditCSV(context.Background(), f) })
			if err != nil {
				errorDialog(w, err)
			}
		})
	})
	note := widget.NewLabel(fmt.Sprintf("The newest %d events. Every change to the minutes is here, with who made it and when.", len(events)))
	w.SetContent(container.NewBorder(nil, container.NewBorder(nil, nil, note, export), nil, nil, table))
	w.Resize(fyne.NewSize(1260, 600))
	w.Show()
}

func (u *App) showSettings() { u.showSettingsTyped(nil) }

// showSettingsTyped shows the settings, with the server's address as the
// chair typed it when it was refused (nil: as stored), so that it can be
// put right rather than typed again.
func (u *App) showSettingsTyped(typedServer *string) {
	name := newDialogEntry()
	name.SetText(u.opts.User)
	name.SetPlaceHolder("Your full name")
	items := []*widget.FormItem{widget.NewFormItem("Your name", name)}
	items[0].HintText = "Recorded in the audit log with every change. It starts as your computer account's name."
	// The issuer is the database's: every export from it, in the window or
	// on the command line, prints it on page 1.
	authority, contact := newDialogEntry(), newDialogEntry()
	var was [2]string
	if u.opts.Issuer != nil && u.opts.SetIssuer != nil {
		a, c, err := u.opts.Issuer()
		if err != nil {
			errorDialog(u.Win, err)
			return
		}
		was = [2]string{a, c}
		authority.SetText(a)
		authority.SetPlaceHolder("London Borough of …, Children's Services")
		contact.SetText(c)
		contact.SetPlaceHolder("A team, a telephone number, an email address")
		items = append(items, widget.NewFormItem("Issuing authority", authority), widget.NewFormItem("Contact for queries", contact))
		items[1].HintText = "Printed on page 1 of the minutes, for partners."
		items[2].HintText = "Whom partners ask about the minutes. Left empty, page 1 names the chair."
	}
	server := newDialogEntry()
	var serverWas string
	if u.opts.Sync != nil {
		serverWas = u.opts.Sync.Address()
		server.SetText(serverWas)
		if typedServer != nil {
			server.SetText(*typedServer)
		}
		server.SetPlaceHolder("postgres://you@server.example/minutes?sslmode=verify-full")
		items = append(items, widget.NewFormItem("Partnership server", server))
		items[len(items)-1].HintText = "Leave empty to work on this laptop alone. Your password goes in your pgpass file, never here (docs/server.md)."
	}
	save := func() {
		if now := strings.TrimSpace(server.Text); u.opts.Sync != nil && now != serverWas {
			if err := u.opts.Sync.SetAddress(now); err != nil {
				// Nothing else is lost: the other settings are saved below.
				errorDialogThen(u.Win, err, func() { u.showSettingsTyped(&now) })
			} else if u.sync != nil {
				u.sync.Soon()
			}
		}
		if n := strings.TrimSpace(cleanText(name.Text, false)); n != "" {
			u.opts.User = n
			u.fyneApp.Preferences().SetString(prefUser, n)
			if u.opts.SetUser != nil {
				u.opts.SetUser(n)
			}
		}
		if now := [2]string{cleanText(authority.Text, false), cleanText(contact.Text, false)}; u.opts.Issuer != nil && u.opts.SetIssuer != nil && now != was {
			if err := u.opts.SetIssuer(now[0], now[1]); err != nil {
				errorDialog(u.Win, err)
			}
		}
	}
	d := showModal(u.Win, "Settings", widget.NewForm(items...), []modalButton{
		{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
		{text: "Save", icon: theme.DocumentSaveIcon(), importance: widget.HighImportance, action: save, isDefault: true},
	}, name)
	name.modal, authority.modal, contact.modal, server.modal = d, d, d, d
	height := float32(140 + 80*len(items))
	d.Resize(fyne.NewSize(560, height))
}
