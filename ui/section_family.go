package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// familySection is the section of the household (the adults and children
// in it or in contact with the person alleged to have caused harm) and of
// what each member of the family is told, by whom and when.
type familySection struct{ *Editor }

func (e familySection) build(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("household")
	e.forget("family_plan")
	e.forget("other_children")
	objs := []fyne.CanvasObject{heading("Household and others"),
		hint("Adults and children in the household or in contact with the person alleged to have caused harm. The children of the meeting are in Children.")}
	if len(m.Household) == 0 {
		objs = append(objs, hint("No one recorded yet."))
	}
	for i, p := range m.Household {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, e.memberRow(m, i, p))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add household member", e.AddMember)))
	_, others := e.textEntry("other_children", m.OtherChildren, "Other children considered, e.g. none in the household or in contact", true,
		func(m *meeting.Meeting, s string) { m.OtherChildren = s })
	objs = append(objs, widget.NewForm(widget.NewFormItem(meeting.Label("other_children"), others)))

	objs = append(objs, widget.NewSeparator(), heading("What the family is told"),
		withError(hint("One line for each parent, carer and the child: what they are told, by whom and when, or that it is withheld, why and until when. This is separate from consent for checks."),
			e.errorFor("family_plan")))
	for i, l := range m.FamilyPlan {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, e.familyRow(i, l))
	}
	return append(objs, container.NewHBox(e.addButton("Add family member", e.AddFamilyLine)))
}

func (e familySection) memberRow(m *meeting.Meeting, i int, p meeting.Member) fyne.CanvasObject {
	f := fmt.Sprintf("household[%d]", i)
	set := func(change func(p *meeting.Member)) {
		e.edit(func(m *meeting.Meeting) { change(&m.Household[i]) })
	}
	name, nameBox := e.textField(f+".name", p.Name, "Full name", false, func(s string) { set(func(p *meeting.Member) { p.Name = s }) })
	relationship := codeSelect(meeting.Relationships, p.Relationship, "Relationship…", func(c meeting.Relationship) {
		set(func(p *meeting.Member) { p.Relationship = c })
	})
	flag := widget.NewLabel("")
	flag.Importance = widget.DangerImportance
	flag.Wrapping = fyne.TextWrapWord
	showFlag := func() {
		cur := e.snapshot()
		if i < len(cur.Household) && cur.Household[i].AllegedChild(cur.HeldOn()) {
			flag.SetText("Under 18 and alleged to have caused harm: a separate discussion is needed for them.")
			flag.Show()
		} else {
			flag.SetText("")
			flag.Hide() // no gap under every other row
		}
	}
	dob := e.dateInput(f+".date_of_birth", p.DateOfBirth, func(m *meeting.Meeting, d meeting.Date) { m.Household[i].DateOfBirth = d }, showFlag)
	lives := widget.NewCheck(meeting.Label("household[].lives_with_child"), func(on bool) { set(func(p *meeting.Member) { p.LivesWithChild = on }) })
	lives.SetChecked(p.LivesWithChild)
	alleged := widget.NewCheck(meeting.Label("household[].alleged"), func(on bool) {
		set(func(p *meeting.Member) { p.Alleged = on })
		showFlag()
	})
	alleged.SetChecked(p.Alleged)
	_, note := e.textField(f+".note", p.Note, "Note", false, func(s string) { set(func(p *meeting.Member) { p.Note = s }) })
	e.disableIfReadOnly(relationship, lives, alleged)
	showFlag()
	remove := e.removeButton("household member", func() {
		e.forgetTyped("household[")
		e.editAndRebuild(func(m *meeting.Meeting) { m.Household = append(m.Household[:i:i], m.Household[i+1:]...) }, sectionFamily)
	})
	e.lastRow[sectionFamily], e.lastMember = name, name
	line1 := container.NewGridWithColumns(3, nameBox, withError(relationship, e.errorFor(f+".relationship")),
		withError(container.NewBorder(nil, nil, widget.NewLabel("Born"), nil, dob), e.errorFor(f+".date_of_birth")))
	line2 := container.NewGridWithColumns(3, container.NewVBox(lives), container.NewVBox(alleged), note)
	return container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(remove),
		container.NewVBox(line1, line2, flag))
}

func (e familySection) familyRow(i int, l meeting.FamilyLine) fyne.CanvasObject {
	f := fmt.Sprintf("family_plan[%d]", i)
	set := func(change func(l *meeting.FamilyLine)) {
		e.edit(func(m *meeting.Meeting) { change(&m.FamilyPlan[i]) })
	}
	text := func(key, value, placeholder string, multiline bool, assign func(l *meeting.FamilyLine, s string)) (fyne.Focusable, fyne.CanvasObject) {
		return e.textField(f+"."+key, value, placeholder, multiline, func(s string) { set(func(l *meeting.FamilyLine) { assign(l, s) }) })
	}
	person, personBox := text("person", l.Person, "Name or role (mother, father, the child)", false, func(l *meeting.FamilyLine, s string) { l.Person = s })
	relationship := codeSelect(meeting.Relationships, l.Relationship, "Relationship…", func(c meeting.Relationship) {
		set(func(l *meeting.FamilyLine) { l.Relationship = c })
	})
	_, what := text("what", l.What, "What they are told", true, func(l *meeting.FamilyLine, s string) { l.What = s })
	_, by := text("by", l.By, "Told by", false, func(l *meeting.FamilyLine, s string) { l.By = s })
	on := e.dateInput(f+".on", l.On, func(m *meeting.Meeting, d meeting.Date) { m.FamilyPlan[i].On = d })
	withheld := widget.NewCheck(meeting.Label("family_plan[].withheld"), func(on bool) { set(func(l *meeting.FamilyLine) { l.Withheld = on }) })
	withheld.SetChecked(l.Withheld)
	_, reason := text("withheld_reason", l.WithheldReason, "Why it is withheld (e.g. police ask that the alleged person is not told before interview)", true,
		func(l *meeting.FamilyLine, s string) { l.WithheldReason = s })
	until := e.dateInput(f+".withheld_until", l.WithheldUntil, func(m *meeting.Meeting, d meeting.Date) { m.FamilyPlan[i].WithheldUntil = d })
	e.disableIfReadOnly(relationship, withheld)
	remove := e.removeButton("family member", func() {
		e.forgetTyped("family_plan[")
		e.editAndRebuild(func(m *meeting.Meeting) { m.FamilyPlan = append(m.FamilyPlan[:i:i], m.FamilyPlan[i+1:]...) }, sectionFamily)
	})
	e.lastRow[sectionFamily] = person
	line1 := container.NewGridWithColumns(2, personBox, withError(relationship, e.errorFor(f+".relationship")))
	line2 := container.NewGridWithColumns(2, container.NewBorder(nil, nil, widget.NewLabel("By"), nil, by), withError(container.NewBorder(nil, nil, widget.NewLabel("On"), nil, on), e.errorFor(f+".on")))
	line3 := container.NewGridWithColumns(2, withError(withheld, e.errorFor(f+".withheld")),
		withError(container.NewBorder(nil, nil, widget.NewLabel("Until"), nil, until), e.errorFor(f+".withheld_until")))
	return container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(remove),
		container.NewVBox(line1, line2, widget.NewForm(widget.NewFormItem(meeting.Label("family_plan[].what"), what)),
			line3, widget.NewForm(widget.NewFormItem(meeting.Label("family_plan[].withheld_reason"), reason))))
}

// AddMember adds a household member and puts the cursor in their name.
func (e *Editor) AddMember() {
	e.addRow(sectionFamily, func(m *meeting.Meeting) {
		m.Household = append(m.Household, meeting.Member{ID: nextMemberID(m)})
	})
	// The section's last row is the family plan's: the new member is above.
	if e.lastMember != nil && !e.readOnly {
		e.win.Canvas().Focus(e.lastMember)
	}
}

// AddFamilyLine adds a line of what the family is told and puts the cursor
// in its person.
func (e *Editor) AddFamilyLine() {
	e.addRow(sectionFamily, func(m *meeting.Meeting) { m.FamilyPlan = append(m.FamilyPlan, meeting.FamilyLine{}) })
}

func nextMemberID(m *meeting.Meeting) string {
	used := map[string]bool{}
	for _, p := range m.Household {
		used[p.ID] = true
	}
	for n := len(m.Household) + 1; ; n++ {
		if id := fmt.Sprintf("h%d", n); !used[id] {
			return id
		}
	}
}
