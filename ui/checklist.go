package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// checklistStrip shows, beside the partner strip and always up to date
// with the record, which statutory questions the minutes answer.
type checklistStrip struct {
	title  *widget.Label
	labels []*widget.Label
	box    *fyne.Container
}

// questionNames are the questions' short names for the strip; their full
// wording is meeting.Question.Label, shown at sign-off.
var questionNames = map[meeting.Code]string{
	meeting.QuestionInformation:   "Partners' information",
	meeting.QuestionSection47:     "Each child",
	meeting.QuestionPolice:        "Police",
	meeting.QuestionMedical:       "Medical",
	meeting.QuestionLegal:         "Legal",
	meeting.QuestionSafety:        "Safety",
	meeting.QuestionOtherChildren: "Other children",
	meeting.QuestionFamily:        "Family told",
}

func newChecklistStrip() *checklistStrip {
	s := &checklistStrip{title: widget.NewLabelWithStyle("Statutory questions:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	objs := []fyne.CanvasObject{s.title}
	for range (&meeting.Meeting{}).Checklist() {
		l := widget.NewLabel("")
		s.labels = append(s.labels, l)
		objs = append(objs, l)
	}
	s.box = container.NewHBox(objs...)
	return s
}

func (s *checklistStrip) object() fyne.CanvasObject {
	return container.NewVBox(container.NewHScroll(s.box), widget.NewSeparator())
}

// update shows the questions the record answers; typed are the fields
// whose text on screen is not yet what it should be (a date that is not
// one), which leave their question unanswered.
func (s *checklistStrip) update(m *meeting.Meeting, typed meeting.Problems) {
	qs := m.Checklist()
	pending := map[meeting.Code]bool{}
	for _, p := range typed {
		if q, ok := meeting.QuestionOf(p.Field); ok {
			pending[q] = true
		}
	}
	answered := 0
	for i, q := range qs {
		l := s.labels[i]
		if q.Answered && !pending[q.Code] {
			answered++
			l.Importance = widget.SuccessImportance
			l.SetText("✓ " + questionNames[q.Code])
		} else {
			l.Importance = widget.WarningImportance
			l.SetText("○ " + questionNames[q.Code])
		}
	}
	if m.SignedOff() && !m.ChecklistRules() {
		s.title.SetText("Statutory questions (signed off before they were asked):")
		return
	}
	s.title.SetText(fmt.Sprintf("Statutory questions, %d of %d:", answered, len(qs)))
}

// Unanswered returns the short names of the questions not answered yet, as
// the strip shows them.
func (s *checklistStrip) Unanswered() []string {
	var out []string
	for _, l := range s.labels {
		if l.Importance != widget.SuccessImportance {
			out = append(out, l.Text[len("○ "):])
		}
	}
	return out
}
