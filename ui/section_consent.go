package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// consentSection is the section of consent for checks and information sharing.
type consentSection struct{ *Editor }

func (e consentSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	c := m.Consent
	if c == nil {
		c = &meeting.Consent{}
	}
	// Any consent field typed creates the record; "Not recorded" with nothing
	// else typed removes it.
	set := func(change func(c *meeting.Consent)) {
		e.edit(func(m *meeting.Meeting) {
			if m.Consent == nil {
				m.Consent = &meeting.Consent{}
			}
			change(m.Consent)
			if *m.Consent == (meeting.Consent{}) {
				m.Consent = nil
			}
		})
	}
	text := func(field, value, placeholder string, multiline bool, assign func(c *meeting.Consent, s string)) fyne.CanvasObject {
		_, box := e.textField(field, value, placeholder, multiline, func(s string) { set(func(c *meeting.Consent) { assign(c, s) }) })
		return box
	}
	status := codeSelect(meeting.ConsentStatuses, c.Status, "Not recorded", func(s meeting.ConsentStatus) {
		set(func(c *meeting.Consent) { c.Status = s })
	})
	basis := codeSelect(meeting.LawfulBases, c.LawfulBasis, "", func(b meeting.LawfulBasis) { set(func(c *meeting.Consent) { c.LawfulBasis = b }) })
	informed := codeSelect(meeting.ParentsInformedValues, c.ParentsInformed, "", func(p meeting.ParentsInformed) {
		set(func(c *meeting.Consent) {
			c.ParentsInformed = p
			if p != meeting.ParentsInformedYes {
				c.ParentsInformedOn = meeting.Date{}
			}
		})
	})
	var informedOn *dateField
	informedOn = newDateField(c.ParentsInformedOn, func(d meeting.Date) { set(func(c *meeting.Consent) { c.ParentsInformedOn = d }) },
		e.typedProblem("consent.parents_informed_on", func() string { return informedOn.Text }))
	e.disableIfReadOnly(status, basis, informed, informedOn)
	form := widget.NewForm(
		widget.NewFormItem("Consent", withError(status, e.errorFor("consent.status"))),
		widget.NewFormItem("Reason", text("consent.reason", c.Reason, "Why consent was overridden or not sought", true, func(c *meeting.Consent, s string) { c.Reason = s })),
		widget.NewFormItem("Decided by", text("consent.decided_by", c.DecidedBy, "Name", false, func(c *meeting.Consent, s string) { c.DecidedBy = s })),
		widget.NewFormItem("Authorised by", text("consent.authorised_by", c.AuthorisedBy, "Manager's name", false, func(c *meeting.Consent, s string) { c.AuthorisedBy = s })),
		widget.NewFormItem("Lawful basis", withError(basis, e.errorFor("consent.lawful_basis"))),
		widget.NewFormItem("Parents informed", withError(informed, e.errorFor("consent.parents_informed"))),
		widget.NewFormItem("Informed on", withError(informedOn, e.errorFor("consent.parents_informed_on"))),
		widget.NewFormItem("Why not (yet)", text("consent.parents_informed_reason", c.ParentsInformedReason, "e.g. telling them would put the child at risk or prejudice the police investigation", true, func(c *meeting.Consent, s string) { c.ParentsInformedReason = s })),
		widget.NewFormItem("Parents' views", text("consent.parents_views", c.ParentsViews, "In their own words where possible", true, func(c *meeting.Consent, s string) { c.ParentsViews = s })),
	)
	if c.ChildViews != "" {
		// Version 1 kept the children's views together here; each child's
		// views are now in Children. What is here is kept and still editable.
		form.Append(meeting.Label("consent.child_views"), text("consent.child_views", c.ChildViews, "The children's views, recorded together", true,
			func(c *meeting.Consent, s string) { c.ChildViews = s }))
	}
	return []fyne.CanvasObject{heading("Consent for checks and information sharing"),
		hint("When consent is overridden or not sought, the reason, who decided, who authorised it and the lawful basis are needed before sign-off."), form}
}
