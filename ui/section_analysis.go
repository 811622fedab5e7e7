package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// analysisSection is the section of the meeting's analysis and what it
// agreed to do about it: the worries and strengths, the police
// investigation, the medical, legal advice and the immediate safety plan.
type analysisSection struct{ *Editor }

func (e analysisSection) build(m *meeting.Meeting) []fyne.CanvasObject {
	text := func(field, value, placeholder string, multiline bool, set func(m *meeting.Meeting, s string)) *widget.FormItem {
		_, box := e.textEntry(field, value, placeholder, multiline, set)
		return widget.NewFormItem(meeting.Label(field), box)
	}
	analysis := widget.NewForm(
		text("analysis.worries", m.Analysis.Worries, "What we are worried about: harm, risk, complicating factors", true, func(m *meeting.Meeting, s string) { m.Analysis.Worries = s }),
		text("analysis.strengths", m.Analysis.Strengths, "What is working well: strengths and protective factors", true, func(m *meeting.Meeting, s string) { m.Analysis.Strengths = s }),
		text("analysis.dissent", m.Analysis.Dissent, "Any agency that disagrees with the decision, and why", true, func(m *meeting.Meeting, s string) { m.Analysis.Dissent = s }),
	)
	investigation := codeItem(e.Editor, "police.investigation", meeting.Investigations, m.Police.Investigation, "Not decided",
		func(m *meeting.Meeting, c meeting.Investigation) { m.Police.Investigation = c })
	police := widget.NewForm(investigation,
		text("police.reason", m.Police.Reason, "Why, or why not; if to be decided, who decides and when", true, func(m *meeting.Meeting, s string) { m.Police.Reason = s }),
		text("police.crime_reference", m.Police.CrimeReference, "e.g. CR/0412345/26", false, func(m *meeting.Meeting, s string) { m.Police.CrimeReference = s }),
		text("police.officer", m.Police.Officer, "Officer in charge", false, func(m *meeting.Meeting, s string) { m.Police.Officer = s }),
		text("police.plan", m.Police.Plan, "Interviews, order of visits, evidence, what the family may be told", true, func(m *meeting.Meeting, s string) { m.Police.Plan = s }),
	)
	medical := widget.NewForm(
		codeItem(e.Editor, "medical.decision", meeting.MedicalDecisions, m.Medical.Decision, "Not decided",
			func(m *meeting.Meeting, c meeting.MedicalDecision) { m.Medical.Decision = c }),
		text("medical.reason", m.Medical.Reason, "Why: a medical considered and not needed is recorded with its reason", true, func(m *meeting.Meeting, s string) { m.Medical.Reason = s }),
		text("medical.arranged_by", m.Medical.ArrangedBy, "Who arranges it", false, func(m *meeting.Meeting, s string) { m.Medical.ArrangedBy = s }),
	)
	legal := widget.NewForm(
		codeItem(e.Editor, "legal.decision", meeting.LegalDecisions, m.Legal.Decision, "Not decided",
			func(m *meeting.Meeting, c meeting.LegalDecision) { m.Legal.Decision = c }),
		text("legal.reason", m.Legal.Reason, "Why", true, func(m *meeting.Meeting, s string) { m.Legal.Reason = s }),
	)
	safety := widget.NewForm(
		text("safety_plan", m.SafetyPlan, "What keeps the child safe now, agreed with whom", true, func(m *meeting.Meeting, s string) { m.SafetyPlan = s }),
	)
	return []fyne.CanvasObject{
		heading("Analysis"), analysis,
		heading("Police investigation"), police,
		heading("Child protection medical"), medical,
		heading("Legal advice"), hint("Legal advice or a legal planning meeting. \"Not needed\" or \"to be decided\" is an answer only with a reason."), legal,
		heading("Immediate safety"), safety,
	}
}

// codeItem is a form item choosing a code of a vocabulary for a field of
// the record, labelled from the field table, with its inline message; none
// is the label of no choice.
func codeItem[C ~string](e *Editor, field string, v meeting.Vocabulary[C], value C, none string, set func(m *meeting.Meeting, c C)) *widget.FormItem {
	s := codeSelect(v, value, none, func(c C) { e.edit(func(m *meeting.Meeting) { set(m, c) }) })
	e.disableIfReadOnly(s)
	return widget.NewFormItem(meeting.Label(field), withError(s, e.errorFor(field)))
}
