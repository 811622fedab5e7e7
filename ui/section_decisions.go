package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// decisionsSection is the section of the typed decisions and the children each covers.
type decisionsSection struct{ *Editor }

func (e decisionsSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	e.forget("decisions")
	e.icpcLine = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.icpcLine.Wrapping = fyne.TextWrapWord
	e.icpcLine.Hide()
	objs := []fyne.CanvasObject{heading("Decisions"), withError(hint("Each decision has a typed outcome, the reasons for it, and the children it covers (none ticked: all children)."), e.errorFor("decisions")), e.icpcLine}
	if len(m.Decisions) == 0 {
		objs = append(objs, hint("No decisions yet."))
	}
	childLabels := make([]string, len(m.Children))
	idByLabel := map[string]string{}
	for i, c := range m.Children {
		childLabels[i] = fmt.Sprintf("%d. %s", i+1, c.Name)
		idByLabel[childLabels[i]] = c.ID
	}
	for i, d := range m.Decisions {
		f := fmt.Sprintf("decisions[%d]", i)
		outcome := codeSelect(meeting.Outcomes, d.Outcome, "", func(o meeting.Outcome) { e.edit(func(m *meeting.Meeting) { m.Decisions[i].Outcome = o }) })
		_, rationale := e.textEntry(f+".rationale", d.Rationale, "Rationale: why this decision", true, func(m *meeting.Meeting, s string) { m.Decisions[i].Rationale = s })
		children := widget.NewCheckGroup(childLabels, nil)
		// One child a line: a row of long names would widen the window.
		var selected []string
		for _, id := range d.Children {
			for label, cid := range idByLabel {
				if cid == id {
					selected = append(selected, label)
				}
			}
		}
		children.SetSelected(selected)
		// Whom it covers, in words: unticking the last child widens the
		// decision to every child, which the ticks alone do not say.
		covers := hint(decisionCovers(len(childLabels), selected))
		children.OnChanged = func(labels []string) {
			covers.SetText(decisionCovers(len(childLabels), labels))
			ids := []string{}
			for _, l := range childLabels { // in the children's order
				for _, s := range labels {
					if s == l {
						ids = append(ids, idByLabel[l])
					}
				}
			}
			e.edit(func(m *meeting.Meeting) { m.Decisions[i].Children = ids })
		}
		e.disableIfReadOnly(outcome, children)
		remove := e.removeButton("decision", func() {
			e.editAndRebuild(func(m *meeting.Meeting) { m.Decisions = append(m.Decisions[:i:i], m.Decisions[i+1:]...) }, sectionDecisions)
		})
		e.lastRow[sectionDecisions] = outcome
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), remove,
			container.NewVBox(withError(outcome, e.errorFor(f+".outcome")), children, covers, rationale)))
	}
	objs = append(objs, container.NewHBox(e.addButton("Add decision", e.AddDecision)))
	return objs
}

// AddDecision adds a decision and puts the cursor on its outcome.
func (e *Editor) AddDecision() {
	e.addRow(sectionDecisions, func(m *meeting.Meeting) { m.Decisions = append(m.Decisions, meeting.Decision{}) })
}

// decisionCovers says which children a decision covers, given the labels
// of those ticked.
func decisionCovers(children int, ticked []string) string {
	switch {
	case children == 0:
		return "Covers: no child is recorded yet"
	case len(ticked) == 0 && children == 1:
		return "Covers: the child (none ticked)"
	case len(ticked) == 0:
		return fmt.Sprintf("Covers: all %d children (none ticked)", children)
	case len(ticked) == 1:
		return "Covers only " + ticked[0]
	}
	return fmt.Sprintf("Covers %d of the %d children", len(ticked), children)
}
