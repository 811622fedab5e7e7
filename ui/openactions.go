package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// The open actions across meetings: what a partnership chases, overdue
// first (storage.OpenActions). Each action is a button that opens its
// meeting, where a signed-off one is marked done (Actions: Mark done…).

// openActionsShown is at most how many actions the view lists.
const openActionsShown = 300

// OpenActionsView lists the actions not done.
type OpenActionsView struct {
	src    meeting.OpenActions
	open   func(id string)
	agency *choice
	owner  *widget.Entry
	status *widget.Label
	rows   *fyne.Container
	scroll *container.Scroll
	chosen meeting.Agency
	// Buttons are the actions' buttons as last listed, in order.
	Buttons []*ringButton
}

func newOpenActionsView(src meeting.OpenActions, open func(string)) *OpenActionsView {
	v := &OpenActionsView{src: src, open: open, owner: widget.NewEntry(), status: hint(""), rows: container.NewVBox()}
	v.agency = codeSelect(meeting.Agencies, "", "Every agency", func(c meeting.Agency) { v.chosen = c; v.Reload() })
	v.owner.SetPlaceHolder("Owner's name, or part of it")
	v.owner.OnChanged = func(string) { v.Reload() }
	v.scroll = container.NewVScroll(v.rows)
	followFocus(v.scroll)
	return v
}

// Content is the view: the filters, the count, the actions.
func (v *OpenActionsView) Content() fyne.CanvasObject {
	filters := container.NewBorder(nil, nil, widget.NewLabel("Agency"), nil,
		container.NewGridWithColumns(2, v.agency, v.owner))
	top := container.NewVBox(heading("Open actions, across meetings"),
		hint("Actions not done, by due date: the overdue first, then those with no due date. Enter opens the action's meeting."),
		filters, v.status)
	return container.NewBorder(top, nil, nil, nil, v.scroll)
}

// Reload lists the actions the filters select.
func (v *OpenActionsView) Reload() {
	list, total, err := v.src.OpenActions(context.Background(), meeting.OpenActionFilter{
		Agency: v.chosen, Owner: v.owner.Text, Limit: openActionsShown})
	v.rows.Objects, v.Buttons = nil, nil
	switch {
	case err != nil:
		v.status.SetText("The open actions could not be read: " + err.Error())
	case total == 0:
		v.status.SetText("No open actions.")
	case len(list) < total:
		v.status.SetText(fmt.Sprintf("The first %d of %s not done.", len(list), meeting.Plural(total, "action")))
	default:
		v.status.SetText(fmt.Sprintf("%s not done.", meeting.Plural(total, "action")))
	}
	today := meeting.UKDate(time.Now())
	for _, a := range list {
		id := a.Meeting
		b := newButton(openActionText(a, today), nil, func() { v.open(id) })
		b.Alignment = widget.ButtonAlignLeading // the text says which are overdue: a page of red buttons hides the focus ring
		v.Buttons = append(v.Buttons, b)
		v.rows.Add(b)
	}
	v.rows.Refresh()
}

// openActionText is one open action in words, on one line.
func openActionText(a meeting.OpenAction, today meeting.Date) string {
	var due string
	switch {
	case a.Action.Due.IsZero():
		due = "No due date"
	case a.Action.Overdue(today):
		due = "Overdue since " + a.Action.Due.Time(meeting.UK).Format("2 Jan 2006")
	default:
		due = "Due " + a.Action.Due.Time(meeting.UK).Format("2 Jan 2006")
	}
	who := a.Action.Owner
	if who == "" {
		who = "no owner"
	}
	if a.Action.Agency != "" {
		who += ", " + a.Action.Agency.Label()
	}
	ref := a.Reference
	if ref == "" {
		ref = "meeting"
	}
	return fmt.Sprintf("%s · %s (%s) · %s of %s", due, strings.Join(strings.Fields(a.Action.Description), " "), who, ref,
		a.HeldAt.In(meeting.UK).Format("2 Jan 2006"))
}

// ShowOpenActions shows the open actions across meetings.
func (u *App) ShowOpenActions() {
	src, ok := u.store.(meeting.OpenActions)
	if !ok {
		return
	}
	if err := u.closeEditor(u.ShowOpenActions); err != nil {
		return
	}
	if u.OpenActions == nil {
		u.OpenActions = newOpenActionsView(src, func(id string) {
			u.Open(id)
			if u.Editor != nil && u.Editor.Meeting().ID == id {
				u.Editor.Tabs.SelectIndex(sectionActions) // where the action is, and is marked done
			}
		})
	}
	back := newButton("Meetings", theme.NavigateBackIcon(), u.ShowList)
	u.setView(container.NewBorder(container.NewHBox(back), nil, nil, nil, u.OpenActions.Content()))
	u.reportsShown = false
	u.OpenActions.Reload()
	if len(u.OpenActions.Buttons) > 0 {
		u.Win.Canvas().Focus(u.OpenActions.Buttons[0])
	} else {
		u.Win.Canvas().Focus(u.OpenActions.owner)
	}
}
