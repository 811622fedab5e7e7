package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// actionsSection is the section of the actions agreed and the next meeting.
type actionsSection struct{ *Editor }

func (e actionsSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("actions[")
	objs := []fyne.CanvasObject{heading("Actions agreed"), hint("Every action needs an owner and a due date. Record the date it is completed.")}
	if len(m.Actions) == 0 {
		objs = append(objs, hint("No actions yet."))
	}
	today := meeting.UKDate(time.Now())
	for i, a := range m.Actions {
		f := fmt.Sprintf("actions[%d]", i)
		desc, descBox := e.textEntry(f+".description", a.Description, "What is to be done", false, func(m *meeting.Meeting, s string) { m.Actions[i].Description = s })
		_, owner := e.textEntry(f+".owner", a.Owner, "Owner", false, func(m *meeting.Meeting, s string) { m.Actions[i].Owner = s })
		agency := codeSelect(meeting.Agencies, a.Agency, "", func(c meeting.Agency) { e.edit(func(m *meeting.Meeting) { m.Actions[i].Agency = c }) })
		state := widget.NewLabel("")
		showState := func() {
			a := e.snapshot().Actions[i]
			switch {
			case a.DroppedReason != "":
				state.Importance = widget.MediumImportance
				state.SetText("Dropped")
			case !a.Completed.IsZero():
				state.Importance = widget.SuccessImportance
				state.SetText("Done")
			case a.Done != nil:
				state.Importance = widget.SuccessImportance
				state.SetText("Done")
			case a.Overdue(today):
				state.Importance = widget.DangerImportance
				state.SetText("Overdue")
			case a.Due.IsZero():
				state.Importance = widget.WarningImportance
				state.SetText("No due date")
			default:
				state.Importance = widget.MediumImportance
				state.SetText("Open")
			}
		}
		due := e.dateInput(f+".due", a.Due, func(m *meeting.Meeting, d meeting.Date) { m.Actions[i].Due = d }, showState)
		done := e.dateInput(f+".completed", a.Completed, func(m *meeting.Meeting, d meeting.Date) { m.Actions[i].Completed = d }, showState)
		showState()
		e.disableIfReadOnly(agency, due, done)
		remove := e.removeButton("action", func() {
			e.forgetTyped("actions[")
			e.editAndRebuild(func(m *meeting.Meeting) { m.Actions = append(m.Actions[:i:i], m.Actions[i+1:]...) }, sectionActions)
		})
		e.lastRow[sectionActions] = desc
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		line2 := container.NewGridWithColumns(4, container.NewVBox(owner), withError(agency, e.errorFor(f+".agency")),
			withError(container.NewBorder(nil, nil, widget.NewLabel("Due"), nil, due), e.errorFor(f+".due")),
			withError(container.NewBorder(nil, nil, widget.NewLabel("Done"), nil, done), e.errorFor(f+".completed")))
		rows := container.NewVBox(descBox, line2)
		if a.CarriedFrom != "" {
			// Carried from the meeting this one reviews: carried on (a new
			// due date), done, or dropped with a reason.
			_, dropped := e.textField(f+".dropped_reason", a.DroppedReason,
				"Carried from the earlier meeting: set a new due date, record it done, or say here why it is dropped", false,
				func(s string) {
					e.edit(func(m *meeting.Meeting) { m.Actions[i].DroppedReason = s })
					showState()
				})
			rows.Add(dropped)
		}
		if line := e.actionFollowUp(m, i); line != nil {
			rows.Add(line)
		}
		objs = append(objs, container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(state, remove), rows))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add action", e.AddAction)))
	var next *dateTimeField
	next = newDateTimeField(m.NextMeetingAt, func(t time.Time) { e.edit(func(m *meeting.Meeting) { m.NextMeetingAt = t }) },
		e.typedProblem("next_meeting_at", func() string { return next.text() }))
	if e.readOnly {
		next.disable()
	}
	objs = append(objs, widget.NewSeparator(), heading("Next meeting"),
		hint("The date and time of the review strategy meeting, when one is set."),
		widget.NewForm(widget.NewFormItem(meeting.Label("next_meeting_at")+" (UK)", withError(next.object(), e.errorFor("next_meeting_at")))))
	return objs
}

// AddAction adds an action and puts the cursor in its description.
func (e *Editor) AddAction() {
	// An id of its own: follow-ups and the review meeting refer to it.
	e.addRow(sectionActions, func(m *meeting.Meeting) { m.Actions = append(m.Actions, meeting.Action{ID: meeting.NewID()}) })
}
