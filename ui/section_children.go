package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// childrenSection is the section of the children discussed, each with their own views.
type childrenSection struct{ *Editor }

func (e childrenSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("children[")
	e.history.mu.Lock()
	e.history.lines = nil // the lines are made again, a child each
	e.history.mu.Unlock()
	objs := []fyne.CanvasObject{heading("Children discussed"),
		hint("Every child in the household the meeting covers. Decisions can apply to all of them or to some.")}
	if len(m.Children) == 0 {
		objs = append(objs, hint("No children yet."))
	}
	for i, c := range m.Children {
		f := fmt.Sprintf("children[%d]", i)
		name, nameBox := e.textField(f+".name", c.Name, "Full name", false, func(s string) {
			e.edit(func(m *meeting.Meeting) { m.Children[i].Name = s })
			// The decisions' ticks are labelled with the names: built again
			// when next shown.
			e.built[sectionDecisions] = false
			e.lookUpHistory()
		})
		dob := e.dateInput(f+".date_of_birth", c.DateOfBirth, func(m *meeting.Meeting, d meeting.Date) { m.Children[i].DateOfBirth = d }, e.lookUpHistory)
		_, ref := e.textField(f+".case_reference", c.CaseReference, "Case reference", false, func(s string) {
			e.edit(func(m *meeting.Meeting) { m.Children[i].CaseReference = s })
			e.lookUpHistory()
		})
		remove := e.removeButton("child", func() {
			e.forgetTyped("children[")
			e.editAndRebuild(func(m *meeting.Meeting) { removeChild(m, i) }, sectionChildren, sectionDecisions)
		}, func() string { return decisionsOnlyFor(e.snapshot(), i) })
		_, views := e.textEntry(f+".views", c.Views, "The child's own views: wishes and feelings, in their words where possible", true,
			func(m *meeting.Meeting, s string) { m.Children[i].Views = s })
		row := container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), container.NewVBox(remove),
			container.NewVBox(container.NewGridWithColumns(3, nameBox, withError(dob, e.errorFor(f+".date_of_birth")), ref), e.historyLine(),
				widget.NewLabel(meeting.Label("children[].views")), views))
		objs = append(objs, row)
		e.lastRow[sectionChildren] = name
	}
	objs = append(objs, container.NewHBox(e.addButton("Add child", e.AddChild)))
	e.lookUpHistory()
	return objs
}

// decisionsOnlyFor warns that removing child i leaves decisions that
// covered only that child with none ticked, which means all the children.
func decisionsOnlyFor(m *meeting.Meeting, i int) string {
	var which []string
	for d, dec := range m.Decisions {
		if len(dec.Children) == 1 && dec.Children[0] == m.Children[i].ID {
			which = append(which, fmt.Sprint(d+1))
		}
	}
	switch len(which) {
	case 0:
		return ""
	case 1:
		return "Decision " + which[0] + " covers only this child. Without it none is ticked, which means all the children: check it in Decisions."
	}
	return "Decisions " + strings.Join(which, ", ") + " cover only this child. Without it none is ticked, which means all the children: check them in Decisions."
}

// removeChild removes child i and every decision's reference to it.
func removeChild(m *meeting.Meeting, i int) {
	id := m.Children[i].ID
	m.Children = append(m.Children[:i:i], m.Children[i+1:]...)
	for d := range m.Decisions {
		kept := m.Decisions[d].Children[:0:0]
		for _, c := range m.Decisions[d].Children {
			if c != id {
				kept = append(kept, c)
			}
		}
		m.Decisions[d].Children = kept
	}
}

// AddChild adds an empty child row and puts the cursor in it.
func (e *Editor) AddChild() {
	e.addRow(sectionChildren, func(m *meeting.Meeting) {
		m.Children = append(m.Children, meeting.Child{ID: nextChildID(m)})
	}, sectionDecisions)
}

func nextChildID(m *meeting.Meeting) string {
	used := map[string]bool{}
	for _, c := range m.Children {
		used[c.ID] = true
	}
	for n := len(m.Children) + 1; ; n++ {
		if id := fmt.Sprintf("c%d", n); !used[id] {
			return id
		}
	}
}
