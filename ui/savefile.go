package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// A saveChooser asks where to save a new file of kind, proposing name, and
// calls save with the path chosen (not when cancelled). Tests replace it.
type saveChooser func(name string, kind meeting.OutputKind, save func(path string))

// A checkOutput says whether path may be written as kind: the app's
// database and its files never may (storage.CheckOutput).
type checkOutput func(path string, kind meeting.OutputKind) error

// lastFolder is the folder of the last file saved, proposed next time.
var lastFolder string

// saveFileDialog is the app's own save dialog. Fyne's creates the chosen
// file, emptying an existing one, before the app can say no; this one only
// asks for a path (typed, or a folder chosen with Fyne's folder dialog),
// checks it, asks before replacing a file, and leaves the writing to the
// caller, which writes a whole file or none.
func saveFileDialog(win fyne.Window, check checkOutput) saveChooser {
	var ask func(title, path string, kind meeting.OutputKind, save func(string))
	ask = func(title, path string, kind meeting.OutputKind, save func(string)) {
		entry := newDialogEntry()
		entry.SetText(path)
		folder := func() {
			d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
				p := entry.Text
				if err == nil && dir != nil {
					p = filepath.Join(dir.Path(), filepath.Base(strings.TrimSpace(entry.Text)))
				}
				ask(title, p, kind, save)
			}, win)
			d.Show()
		}
		chosen := func() {
			p := expandHome(strings.TrimSpace(entry.Text))
			again := func() { ask(title, p, kind, save) }
			if p == "" || strings.HasSuffix(p, string(filepath.Separator)) {
				errorDialogThen(win, errors.New("name the file to save"), again)
				return
			}
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
			if check != nil {
				if err := check(p, kind); err != nil {
					errorDialogThen(win, err, again)
					return
				}
			}
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				confirmDialog(win, "Replace the file?", p+"\nexists. Replace it?", "Replace", "Cancel", widget.DangerImportance, true, func(ok bool) {
					if ok {
						lastFolder = filepath.Dir(p)
						save(p)
					} else {
						again()
					}
				})
				return
			}
			lastFolder = filepath.Dir(p)
			save(p)
		}
		label := widget.NewLabel("File (type a path, or choose a folder):")
		body := container.NewVBox(label, entry)
		m := showModal(win, title, body, []modalButton{
			{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
			{text: "Choose folder…", icon: theme.FolderOpenIcon(), action: folder},
			{text: "Save", icon: theme.DocumentSaveIcon(), importance: widget.HighImportance, action: chosen, isDefault: true},
		}, entry)
		entry.modal = m
		m.Resize(fyne.NewSize(640, 200))
	}
	return func(name string, kind meeting.OutputKind, save func(string)) {
		ask("Save "+kind.Name, filepath.Join(proposedFolder(), name), kind, save)
	}
}

// proposedFolder is the last folder saved to, else Documents, else home.
func proposedFolder() string {
	if lastFolder != "" {
		return lastFolder
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if info, err := os.Stat(filepath.Join(home, "Documents")); err == nil && info.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// expandHome turns a leading ~ into the home folder, as people type it.
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~"+string(filepath.Separator)) || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}
