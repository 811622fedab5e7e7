package ui

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// Deleting a meeting: a draft after a yes-or-no question whose safe answer
// has the focus; signed-off minutes in a dialog that asks on what ground
// and why, where the delete button stays disabled until both are given
// and never has the focus first.

// deleteButton is the Sign-off section's way to delete the meeting, with
// what it does, or nil when the store cannot delete.
func (e *Editor) deleteButton(signedOff bool) []fyne.CanvasObject {
	if _, ok := e.store.(meeting.Deleter); !ok {
		return nil
	}
	text, what := "Delete this draft…",
		"A draft started by mistake, or recorded for the wrong child, can be deleted. Its text is erased from this laptop and the audit log records who deleted it, and when."
	if signedOff {
		text, what = "Delete these minutes…",
			fmt.Sprintf("Signed-off minutes are deleted only when recorded by mistake (the wrong child or family, twice, or a meeting that did not take place), or when the partnership's retention period (%d years after the meeting) is over, and only with a reason: the audit log records who, when and why. The app never deletes by itself.", e.retention().Years)
	}
	del := newButton(text, theme.DeleteIcon(), e.ConfirmDelete)
	del.Importance = widget.DangerImportance
	return []fyne.CanvasObject{widget.NewSeparator(), hint(what), container.NewHBox(del)}
}

// deleteToday is the UK date for the retention period; tests move it.
var deleteToday = func() meeting.Date { return meeting.UKDate(time.Now()) }

// retention is the policy the store enforces, for the dialog's words.
func (e *Editor) retention() meeting.Retention {
	if r, ok := e.store.(interface{ Retention() meeting.Retention }); ok {
		return r.Retention()
	}
	return meeting.DefaultRetention
}

// ConfirmDelete asks before deleting the meeting: a draft with a question,
// signed-off minutes with their ground and reason.
func (e *Editor) ConfirmDelete() {
	if _, ok := e.store.(meeting.Deleter); !ok {
		return
	}
	if e.amending {
		infoDialog(e.win, "Amending", "Save the amendment or cancel it before deleting the minutes.")
		return
	}
	if e.snapshot().SignedOff() {
		e.confirmDeleteSignedOff()
		return
	}
	confirmDialog(e.win, "Delete this draft?",
		"The draft and everything typed in it are deleted and erased from this laptop. The audit log records that you deleted it. This cannot be undone.",
		"Delete the draft", "Keep it", widget.DangerImportance, true, func(ok bool) {
			if !ok {
				return
			}
			if _, err := e.DeleteMeeting(meeting.Deletion{}); err != nil {
				errorDialog(e.win, fmt.Errorf("the draft was not deleted: %w", err))
			}
		})
}

// A deleteDialog asks why signed-off minutes are deleted.
type deleteDialog struct {
	mistake, retention *dialogCheck
	reason             *dialogEntry
	note               *widget.Label // what is still needed
	delete             *keyButton
	modal              *modal
	body               *fyne.Container
}

// deletion is what the dialog holds, and what is still missing ("" when
// nothing).
func (d *deleteDialog) deletion() (meeting.Deletion, string) {
	var del meeting.Deletion
	switch {
	case d.mistake.Checked:
		del.Ground = meeting.GroundMistake
	case d.retention.Checked:
		del.Ground = meeting.GroundRetention
	}
	del.Reason = meeting.CleanDeleteReason(d.reason.Text)
	n := utf8.RuneCountInString(del.Reason)
	switch {
	case del.Ground == "":
		return del, "Tick why the minutes may be deleted."
	case n < meeting.MinDeleteReason:
		return del, fmt.Sprintf("Give the reason, in at least %d characters.", meeting.MinDeleteReason)
	case n > meeting.MaxDeleteReason:
		return del, fmt.Sprintf("The reason is %d characters; at most %d are kept.", n, meeting.MaxDeleteReason)
	}
	return del, ""
}

func (d *deleteDialog) update() {
	_, missing := d.deletion()
	if missing == "" {
		d.note.SetText("Tab to “Delete the minutes” and press Enter to delete them.")
		d.delete.Enable()
	} else {
		d.note.SetText(missing)
		d.delete.Disable()
	}
}

func (e *Editor) confirmDeleteSignedOff() {
	m := e.snapshot()
	r := e.retention()
	until := r.KeptUntil(m)
	name := m.Reference
	if name == "" {
		name = "of " + m.HeldAt.In(meeting.UK).Format("2 January 2006")
	}
	d := &deleteDialog{
		mistake:   newDialogCheck("Recorded by mistake: for the wrong child or family, twice, or for a meeting that did not take place"),
		retention: newDialogCheck(fmt.Sprintf("The partnership's retention period is over (it keeps signed-off minutes %d years after the meeting: until %s)", r.Years, until.Long())),
		reason:    newDialogEntry(),
		note:      widget.NewLabel(""),
	}
	d.mistake.OnChanged = func(on bool) {
		if on {
			d.retention.SetChecked(false)
		}
		d.update()
	}
	d.retention.OnChanged = func(on bool) {
		if on {
			d.mistake.SetChecked(false)
		}
		d.update()
	}
	if deleteToday().Before(until) {
		d.retention.Disable()
	}
	d.reason.SetPlaceHolder("Why, without naming the child or family")
	d.reason.OnChanged = func(string) { d.update() }
	d.note.Wrapping = fyne.TextWrapWord
	what := widget.NewLabel(fmt.Sprintf("The signed-off minutes %s, their amendments and everything in them are deleted and erased from this laptop. This cannot be undone. Copies already shared (PDFs, exports) and backups made before are not touched.", name))
	what.Wrapping = fyne.TextWrapWord
	warn := hint(meeting.DeleteReasonHint)
	d.body = container.NewVBox(what,
		heading("Why may they be deleted?"), d.mistake, d.retention,
		heading("Reason (kept in the audit log)"), d.reason, warn, d.note)
	del := func() {
		deletion, missing := d.deletion()
		if missing != "" {
			return
		}
		// The word that they are deleted comes before the list is shown
		// again, so that the two are never drawn at once.
		_, err := e.deleteMeeting(deletion, func(done meeting.Deleted, err error) {
			msg := fmt.Sprintf("The minutes %s are deleted; the audit log records who, when and why.", done.Name())
			if err != nil {
				msg += " " + sentence(err.Error())
			}
			infoDialog(e.win, "Deleted", msg)
		})
		if err != nil && !e.deleted {
			errorDialog(e.win, fmt.Errorf("the minutes were not deleted: %w", err))
		}
	}
	// No default button: Enter in the reason does nothing, so a reflex
	// Enter never deletes. Escape keeps the minutes.
	d.modal = showModal(e.win, "Delete these signed-off minutes?", d.body, []modalButton{
		{text: "Keep the minutes", icon: theme.CancelIcon(), isCancel: true},
		{text: "Delete the minutes", icon: theme.DeleteIcon(), importance: widget.DangerImportance, action: del},
	}, d.mistake)
	d.mistake.modal, d.retention.modal, d.reason.modal = d.modal, d.modal, d.modal
	d.delete = d.modal.buttons[1]
	d.update()
	d.modal.Resize(fyne.NewSize(640, 520))
	e.lastDelete = d
}

// DeleteDraft deletes the draft now, with no reason (ConfirmDelete asks
// first).
func (e *Editor) DeleteDraft() error {
	if e.snapshot().SignedOff() {
		return errors.New("signed-off minutes are deleted only with a ground and a reason")
	}
	_, err := e.DeleteMeeting(meeting.Deletion{})
	return err
}

// DeleteMeeting deletes the meeting now (ConfirmDelete asks first): nothing
// more of it is saved, it is erased from the database, and the editor is
// done. An error with a Deleted that names the meeting means it was
// deleted, but the erasing of the log could not finish.
func (e *Editor) DeleteMeeting(d meeting.Deletion) (meeting.Deleted, error) {
	return e.deleteMeeting(d, nil)
}

// deleteMeeting is DeleteMeeting, calling deleted (when not nil) once the
// meeting is deleted, before OnDeleted.
func (e *Editor) deleteMeeting(d meeting.Deletion, deleted func(meeting.Deleted, error)) (meeting.Deleted, error) {
	m := e.snapshot()
	deleter, ok := e.store.(meeting.Deleter)
	if !ok {
		return meeting.Deleted{}, errors.New("this database cannot delete meetings")
	}
	wasReadOnly := e.readOnly
	e.readOnly = true // no change typed from here on is saved
	e.saver.cancel()
	done, err := deleter.DeleteMeeting(context.Background(), m.ID, d)
	switch {
	case errors.Is(err, meeting.ErrNotFound) && !m.SignedOff():
		// a new draft never saved: nothing to delete
		done, err = meeting.Deleted{ID: m.ID, Reference: m.Reference}, nil
	case err != nil && done.ID == "":
		e.readOnly = wasReadOnly
		if !wasReadOnly {
			e.saver.schedule() // what was typed is still to be saved
		}
		return done, err
	}
	e.deleted = true
	if deleted != nil {
		deleted(done, err)
	}
	if e.OnDeleted != nil {
		e.OnDeleted()
	}
	return done, err
}
