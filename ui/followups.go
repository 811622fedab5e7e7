package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// What happens after a meeting (an action done, the initial conference,
// the minutes sent to partners) is recorded here as a follow-up: signed-off
// minutes included, without amending them (meeting/followup.go). Each is
// in the audit log with who recorded it and when.

// revealAfter is how long after a section is built again its button is
// scrolled into view: a frame or two.
const revealAfter = 60 * time.Millisecond

// followUpStore is the store's way of recording follow-ups, or nil.
func (e *Editor) followUpStore() meeting.FollowUps {
	fs, _ := e.store.(meeting.FollowUps)
	return fs
}

// canFollowUp reports whether follow-ups can be recorded now: the store
// records them, and no amendment is open (its copy of the minutes is the
// chair's until saved).
func (e *Editor) canFollowUp() bool { return e.followUpStore() != nil && !e.amending }

// followUpButton makes a button that records a follow-up of what, and
// keeps it to put the focus back on.
func (e *Editor) followUpButton(what, text string, icon fyne.Resource, tapped func()) *ringButton {
	b := newButton(text, icon, tapped)
	if e.followUpButtons == nil {
		e.followUpButtons = map[string]*ringButton{}
	}
	e.followUpButtons[what] = b
	return b
}

// followUpTarget is what a follow-up's button records: the action's key,
// or its kind.
func followUpTarget(f meeting.FollowUp) string {
	if f.Kind == meeting.FollowUpActionDone {
		return f.Action
	}
	return string(f.Kind)
}

// recordFollowUp records f, takes the meeting's follow-ups as now stored,
// and shows them, with the focus back on the button for what it recorded.
func (e *Editor) recordFollowUp(f meeting.FollowUp) error {
	ctx := context.Background()
	m := e.snapshot()
	id := m.ID
	if !m.SignedOff() {
		// A draft's follow-up is of the minutes as stored: what is typed goes first.
		if err := e.Flush(); err != nil {
			return err
		}
	}
	if err := e.followUpStore().RecordFollowUp(ctx, id, f); err != nil {
		return err
	}
	stored, err := e.store.Meeting(ctx, id)
	if err != nil {
		return err
	}
	e.mu.Lock()
	e.m.TakeFollowUps(stored)
	e.mu.Unlock()
	e.rebuild(sectionActions)
	e.rebuild(sectionSignOff)
	e.refresh()
	if b := e.followUpButtons[followUpTarget(f)]; b != nil && b.Visible() {
		e.win.Canvas().Focus(b)
		// Scrolled into view once the rebuilt section is drawn: on focus,
		// its new rows are not laid out yet, and the view went to the top.
		// (Only with a window on screen: the test driver draws nothing.)
		if _, drawn := fyne.CurrentApp().Driver().(desktop.Driver); drawn {
			time.AfterFunc(revealAfter, func() { fyne.Do(func() { reveal(b) }) })
		}
	}
	return nil
}

// followUpFailed shows why a follow-up was not recorded.
func (e *Editor) followUpFailed(err error) {
	errorDialog(e.win, fmt.Errorf("not recorded: %s", describeError(err)))
}

// actionFollowUp is the line an action's row has after the meeting: when
// it was recorded done and a way to open it again, or a way to mark it
// done; nil when none (a draft's actions are done in the minutes, by
// their date).
func (e *Editor) actionFollowUp(m *meeting.Meeting, i int) fyne.CanvasObject {
	a := m.Actions[i]
	if !e.canFollowUp() || !m.SignedOff() || !a.Completed.IsZero() {
		return nil
	}
	key := m.ActionKey(i)
	if a.Done != nil {
		open := e.followUpButton(key, "Not done after all", nil, func() {
			if err := e.recordFollowUp(meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: key}); err != nil {
				e.followUpFailed(err)
			}
		})
		done := widget.NewLabel(doneText(a.Done) + ", after sign-off.")
		done.Importance = widget.SuccessImportance
		return container.NewHBox(done, open)
	}
	return container.NewHBox(e.followUpButton(key, "Mark done…", theme.ConfirmIcon(), func() { e.askActionDone(key, a.Description) }))
}

// doneText says when an action was recorded done after the meeting.
func doneText(d *meeting.ActionDone) string {
	s := "Done " + d.On.Time(meeting.UK).Format("2 Jan 2006")
	if d.RecordedBy != "" {
		s += ", recorded by " + d.RecordedBy
	}
	return s
}

func (e *Editor) askActionDone(key, description string) {
	on := newDialogEntry()
	on.SetText(formatTypedDate(meeting.UKDate(time.Now())))
	what := widget.NewLabel(description)
	what.Wrapping = fyne.TextWrapWord
	body := widget.NewForm(widget.NewFormItem("Action", what), widget.NewFormItem("Done on (DD/MM/YYYY)", on))
	record := func() {
		d, err := parseTypedDate(on.Text)
		if err == nil {
			err = e.recordFollowUp(meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: key, On: d})
		}
		if err != nil {
			e.followUpFailed(err)
		}
	}
	m := showModal(e.win, "Record the action done", body, []modalButton{
		{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
		{text: "Record", icon: theme.ConfirmIcon(), importance: widget.HighImportance, action: record, isDefault: true},
	}, on)
	on.modal = m
	m.Resize(fyne.NewSize(520, m.d.MinSize().Height))
}

// afterMeeting is the part of Sign-off that records what happened after
// the meeting: the initial conference and who received the minutes.
func (e *Editor) afterMeeting(m *meeting.Meeting) []fyne.CanvasObject {
	if !e.canFollowUp() {
		return nil
	}
	objs := []fyne.CanvasObject{widget.NewSeparator(), heading("After the meeting"),
		hint("Recorded without changing the minutes, each in the audit log with who recorded it and when.")}
	conference := "Initial child protection conference: not recorded."
	if due, ok := e.calendar.ICPCDue(m); ok {
		conference = "Initial child protection conference: not recorded; due by " + due.Time(meeting.UK).Format("Monday 2 January 2006") + "."
	}
	switch c := m.ICPC; {
	case c != nil && !c.HeldOn.IsZero():
		// Against its due date, as the PDF and the report count it.
		text := e.calendar.ICPCText(m)
		conference = "Initial child protection conference: " + strings.ToLower(text[:1]) + text[1:] + "."
	case c != nil:
		conference = "No initial child protection conference is needed: " + c.NotNeededReason
	}
	if c := m.ICPC; c != nil && c.RecordedBy != "" {
		conference += " (recorded by " + c.RecordedBy + ")"
	}
	objs = append(objs, newReadText(conference),
		container.NewHBox(e.followUpButton(string(meeting.FollowUpICPC), "Record the conference…", theme.DocumentCreateIcon(), e.askConference)))
	if len(m.Distribution) == 0 {
		objs = append(objs, newReadText("The minutes are not recorded as sent to anyone."))
	} else {
		lines := make([]string, len(m.Distribution))
		for i, r := range m.Distribution {
			lines[i] = recipientText(r)
		}
		people := "1 person"
		if len(lines) > 1 {
			people = fmt.Sprintf("%d people", len(lines))
		}
		objs = append(objs, newReadText(fmt.Sprintf("The minutes were sent to %s:\n%s", people, strings.Join(lines, "\n"))))
	}
	return append(objs, container.NewHBox(e.followUpButton(string(meeting.FollowUpSent), "Record the minutes sent…", theme.MailSendIcon(), e.askSent)))
}

func recipientText(r meeting.Recipient) string {
	s := r.Name
	if r.Agency != "" {
		s += " (" + r.Agency.Label() + ")"
	}
	s += ", " + strings.ToLower(meeting.Copies.Label(r.Copy)) + ", " + r.SentAt.In(meeting.UK).Format("2 Jan 2006 15:04")
	return s
}

func (e *Editor) askConference() {
	held, reason := newDialogEntry(), newDialogEntry()
	held.SetPlaceHolder("DD/MM/YYYY")
	reason.SetPlaceHolder("e.g. the enquiry found no risk of significant harm")
	if c := e.snapshot().ICPC; c != nil {
		held.SetText(formatTypedDate(c.HeldOn))
		reason.SetText(c.NotNeededReason)
	}
	items := []*widget.FormItem{widget.NewFormItem("Held on (DD/MM/YYYY)", held), widget.NewFormItem("Or not needed, because", reason)}
	items[1].HintText = "Give one or the other; both empty withdraws what was recorded."
	record := func() {
		f := meeting.FollowUp{Kind: meeting.FollowUpICPC, Reason: strings.TrimSpace(cleanText(reason.Text, false))}
		var err error
		if strings.TrimSpace(held.Text) != "" {
			f.On, err = parseTypedDate(held.Text)
		}
		if err == nil {
			err = e.recordFollowUp(f)
		}
		if err != nil {
			e.followUpFailed(err)
		}
	}
	m := showModal(e.win, "Record the initial child protection conference", widget.NewForm(items...), []modalButton{
		{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
		{text: "Record", icon: theme.ConfirmIcon(), importance: widget.HighImportance, action: record, isDefault: true},
	}, held)
	held.modal, reason.modal = m, m
	m.Resize(fyne.NewSize(560, m.d.MinSize().Height))
}

func (e *Editor) askSent() {
	name, on, at := newDialogEntry(), newDialogEntry(), newDialogEntry()
	name.SetPlaceHolder("Their name")
	now := time.Now().In(meeting.UK)
	on.SetText(formatTypedDate(meeting.UKDate(now)))
	at.SetText(now.Format("15:04"))
	agency := meeting.Agency("")
	agencies := codeSelect(meeting.Agencies, agency, "Not given", func(c meeting.Agency) { agency = c })
	copyKind := meeting.CopyFull
	copies := codeSelect(meeting.Copies, copyKind, "", func(c meeting.Copy) { copyKind = c })
	items := []*widget.FormItem{widget.NewFormItem("Sent to", name), widget.NewFormItem("Agency", agencies),
		widget.NewFormItem("Copy", copies), widget.NewFormItem("On (DD/MM/YYYY)", on), widget.NewFormItem("At (HH:MM)", at)}
	record := func() {
		d, err := parseTypedDate(on.Text)
		var sent time.Time
		if err == nil {
			sent, err = time.ParseInLocation("15:04", strings.TrimSpace(at.Text), meeting.UK)
			if err != nil {
				err = errors.New("the time is not HH:MM")
			}
		}
		if err == nil {
			sent = time.Date(d.Year, d.Month, d.Day, sent.Hour(), sent.Minute(), 0, 0, meeting.UK)
			err = e.recordFollowUp(meeting.FollowUp{Kind: meeting.FollowUpSent, Recipient: meeting.Recipient{
				Name: strings.TrimSpace(cleanText(name.Text, false)), Agency: agency, Copy: copyKind, SentAt: sent}})
		}
		if err != nil {
			e.followUpFailed(err)
		}
	}
	m := showModal(e.win, "Record the minutes sent", widget.NewForm(items...), []modalButton{
		{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
		{text: "Record", icon: theme.ConfirmIcon(), importance: widget.HighImportance, action: record, isDefault: true},
	}, name)
	name.modal, on.modal, at.modal = m, m, m
	m.Resize(fyne.NewSize(560, m.d.MinSize().Height))
}
