package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// signOffSection is the section of sign-off, or, once signed off, the amendments.
type signOffSection struct{ *Editor }

func (e signOffSection) build(m *meeting.Meeting) []fyne.CanvasObject {
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
		cancel := newButton("Cancel the amendment", theme.CancelIcon(), e.askCancelAmendment)
		return append(objs, widget.NewSeparator(), heading("Amending the signed-off minutes"),
			hint("Change the record in any section, then save the amendment with its reason. Nothing is saved until then."),
			e.amendNote, container.NewHBox(save, cancel))
	}
	amend := newButton("Amend the minutes…", theme.DocumentCreateIcon(), e.StartAmendment)
	objs = append(objs, hint("The record is read-only. A correction after sign-off is an amendment: it records who, when, why and what changed, and keeps the signed-off version."),
		container.NewHBox(amend))
	objs = append(objs, e.afterMeeting(m)...)
	objs = append(objs, e.reconveneButton()...)
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

// askCancelAmendment drops the amendment's changes once the chair says
// so, starting on the safe answer; with none made it just ends.
func (e *Editor) askCancelAmendment() {
	n := len(meeting.Diff(e.original, e.snapshot()))
	if n == 0 {
		e.CancelAmendment()
		return
	}
	what := "the change"
	if n > 1 {
		what = fmt.Sprintf("the %d changes", n)
	}
	confirmDialog(e.win, "Cancel the amendment?", "Drop "+what+" made since the amendment began? The minutes stay as they were signed off.",
		"Drop them", "Keep amending", widget.DangerImportance, true, func(ok bool) {
			if ok {
				e.CancelAmendment()
			}
		})
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

func (e *Editor) confirmAmendment() {
	changes := meeting.Diff(e.original, e.snapshot())
	if len(changes) == 0 {
		e.amendNote.SetText("Nothing has been changed yet.")
		return
	}
	box := newTextBox()
	reason := &box.Entry
	reason.SetPlaceHolder("Why the signed-off minutes are being changed")
	msg := widget.NewLabel(meeting.Plural(len(changes), "change") + " will be recorded, with your name and the time.")
	save := func() {
		if err := e.SaveAmendment(reason.Text); err != nil {
			e.amendNote.SetText("Not saved: " + describeError(err))
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
	m.SignOffRules = meeting.RulesChecklist
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

// reconveneButton offers the review meeting of this one: the same family,
// its open actions carried forward.
func (e *Editor) reconveneButton() []fyne.CanvasObject {
	if e.OnReconvene == nil || e.amending {
		return nil
	}
	return []fyne.CanvasObject{widget.NewSeparator(), heading("Review"),
		hint("A review strategy meeting starts with these children, household and invitees, and carries forward the actions not done."),
		container.NewHBox(newButton("Reconvene as a review meeting…", theme.ContentRedoIcon(), e.OnReconvene))}
}
