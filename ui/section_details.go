package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// detailsSection is the section of the meeting's details: type, time, chair, reason.
type detailsSection struct{ *Editor }

func (e detailsSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	_, reference := e.textEntry("reference", m.Reference, "e.g. SM-2025-00412", false, func(m *meeting.Meeting, s string) { m.Reference = s })
	typ := codeSelect(meeting.Types, m.Type, "", func(c meeting.Type) { e.edit(func(m *meeting.Meeting) { m.Type = c }) })
	mode := codeSelect(meeting.Modes, m.Mode, "", func(c meeting.Mode) { e.edit(func(m *meeting.Meeting) { m.Mode = c }) })
	var held, referral *dateTimeField
	heldProblem := e.typedProblem("held_at", func() string { return held.text() })
	held = newDateTimeField(m.HeldAt, func(t time.Time) {
		if !t.IsZero() { // the meeting always has a time; clearing it keeps the last one
			e.edit(func(m *meeting.Meeting) { m.HeldAt = t })
		}
	}, func(msg string) {
		if msg == "" && held != nil && held.day.IsZero() {
			msg = "Type the date and time of the meeting"
		}
		heldProblem(msg)
	})
	referral = newDateTimeField(m.ReferralReceivedAt, func(t time.Time) { e.edit(func(m *meeting.Meeting) { m.ReferralReceivedAt = t }) },
		e.typedProblem("referral_received_at", func() string { return referral.text() }))
	_, chairBox := e.textEntry("chair", m.Chair, "Name of the chair", false, func(m *meeting.Meeting, s string) {
		m.Chair = s
		if e.OnChairTyped != nil {
			e.OnChairTyped(s)
		}
	})
	_, minuteTaker := e.textEntry("minute_taker", m.MinuteTaker, "Name", false, func(m *meeting.Meeting, s string) { m.MinuteTaker = s })
	_, reason := e.textEntry("reason", m.Reason, "Why the meeting was called: the concern, the referral", true, func(m *meeting.Meeting, s string) { m.Reason = s })
	e.disableIfReadOnly(typ, mode)
	if e.readOnly {
		held.disable()
		referral.disable()
	}
	e.first = typ
	e.referralLine = hint("")
	form := widget.NewForm(
		widget.NewFormItem("Meeting type", withError(typ, e.errorFor("type"))),
		widget.NewFormItem("Held by", withError(mode, e.errorFor("mode"))),
		widget.NewFormItem("Date and time (UK)", withError(held.object(), e.errorFor("held_at"))),
		widget.NewFormItem("Referral received", container.NewVBox(withError(referral.object(), e.errorFor("referral_received_at")), e.referralLine)),
		widget.NewFormItem("Reference", reference),
		widget.NewFormItem("Chair", chairBox),
		widget.NewFormItem("Minute-taker", minuteTaker),
		widget.NewFormItem("Reason for the meeting", reason),
	)
	objs := []fyne.CanvasObject{heading("Meeting details")}
	if line := e.reviewsLine(m); line != "" {
		objs = append(objs, hint(line))
	}
	return append(objs, form)
}

// reviewsLine says which meeting a review reconvenes, "" for none.
func (e *Editor) reviewsLine(m *meeting.Meeting) string {
	if m.PreviousMeetingID == "" {
		return ""
	}
	prev, err := e.store.Meeting(context.Background(), m.PreviousMeetingID)
	if err != nil {
		return "Reviews a strategy meeting that is not in this database."
	}
	ref := prev.Reference
	if ref == "" {
		ref = "the strategy meeting"
	}
	return "Reviews " + ref + " of " + prev.HeldAt.In(meeting.UK).Format("Monday 2 January 2006") + ": its actions not done are carried forward in Actions."
}
