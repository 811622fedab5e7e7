package pdf

import (
	"fmt"
	"slices"
	"strings"

	"strategyminutes/meeting"
)

// The discussion, in the order a meeting runs (issue 13): the household,
// what each agency shared, the analysis, the police, medical and legal
// decisions, the immediate safety plan and the other children; and, after
// the decisions and actions, the statutory questions.

// yesNo is a yes or no answer.
func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func (mw *minutes) household() {
	m, d := mw.m, mw.d
	d.section(meeting.Label("household"))
	f := func(key string) string { return meeting.Label("household[]." + key) }
	t := table{
		columns: []column{
			{title: f("name"), width: 36}, {title: f("relationship"), width: 26}, {title: f("date_of_birth"), width: 28},
			{title: f("lives_with_child"), width: 20}, {title: f("alleged"), width: 30}, {title: f("note")},
		},
		header: true, rules: true, style: tableStyle,
		empty: "No household members are recorded for this meeting.",
	}
	var under18 []string
	for i, p := range m.Household {
		alleged := cell{yesNo(p.Alleged), nil}
		switch {
		case p.AllegedChild(m.HeldOn()):
			alleged = cell{"Yes. Under 18: a separate discussion is needed", &alertStyle}
			under18 = append(under18, mw.redact.name(fmt.Sprintf("household[%d].name", i), p.Name))
		case p.Alleged:
			alleged.style = &strongStyle
		}
		note := cell{mw.redact.apply(fmt.Sprintf("household[%d].note", i), p.Note), nil}
		t.rows = append(t.rows, row{cells: []cell{
			{mw.redact.name(fmt.Sprintf("household[%d].name", i), p.Name), &strongStyle}, orNot(label(p.Relationship)), mw.dateOfBirth(p.DateOfBirth),
			{yesNo(p.LivesWithChild), nil}, alleged, note,
		}})
	}
	d.table(t)
	if len(under18) > 0 {
		d.box(boxAlert, "Under 18: a separate discussion is needed",
			"Alleged to have caused harm and under 18 on the day of the meeting: "+strings.Join(under18, ", ")+
				". A child who may have harmed another child needs a strategy discussion of their own, about their own needs and safety.")
	}
}

// information lists what each agency shared, agency by agency in the
// vocabulary's order (the statutory partners first), as recorded within
// one; each contribution is kept on one page when it fits.
func (mw *minutes) information() {
	m, d := mw.m, mw.d
	mw.section(meeting.QuestionInformation, meeting.Label("information"))
	f := func(key string) string { return meeting.Label("information[]." + key) }
	if len(m.Information) == 0 {
		d.paragraph("No information shared is recorded for this meeting.", noteStyle)
		return
	}
	ls := labelStyle
	var codes []meeting.Agency
	for _, in := range m.Information {
		codes = append(codes, in.Agency)
	}
	for _, ag := range agencies(codes) {
		for i, in := range m.Information {
			if in.Agency != ag {
				continue
			}
			p := fmt.Sprintf("information[%d]", i)
			name := agencyName(ag)
			if in.Service != "" {
				name += "  ·  " + meeting.ServiceLabel(in.Agency, in.Service)
			}
			by := ""
			if s := strings.TrimSpace(in.SharedBy); s != "" {
				by = f("shared_by") + " " + mw.redact.apply(p+".shared_by", s)
			}
			view := orNot(label(in.View))
			if in.View == meeting.ViewMet {
				view.style = &strongStyle
			}
			t := table{columns: []column{{width: 48}, {}}, rules: true, style: tableStyle, whole: true}
			t.rows = append(t.rows,
				row{band: true, cells: []cell{{text: name}, {text: by}}},
				row{cells: []cell{{f("summary"), &ls}, orNot(mw.redact.apply(p+".summary", in.Summary))}},
				row{cells: []cell{{f("checks"), &ls}, orNot(mw.redact.apply(p+".checks", in.Checks))}},
				row{cells: []cell{{f("outstanding"), &ls}, orNot(mw.redact.apply(p+".outstanding", in.Outstanding))}},
				row{cells: []cell{{f("view"), &ls}, view}},
			)
			d.table(t)
		}
	}
}

// labelled draws a section's fields, a label beside each value, as
// document.fields does, and moves a short grid to the next page whole
// rather than leave a few of its rows at the foot of a page.
func (mw *minutes) labelled(fs []field) {
	t := table{style: tableStyle, rules: true, whole: true, columns: []column{{width: 58}, {}}}
	t.style.size = 9
	ls := labelStyle
	ls.size = t.style.size
	for _, f := range fs {
		v := f.value
		if v.style != nil && v.style.size != t.style.size {
			s := *v.style
			s.size = t.style.size
			v.style = &s
		}
		t.rows = append(t.rows, row{cells: []cell{{f.label, &ls}, v}})
	}
	mw.d.table(t)
}

// recorded reports whether any of the texts holds something.
func recorded(texts ...string) bool {
	for _, s := range texts {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}

// discussed reports whether the record holds any of the discussion: the
// minutes of version 1 held none of it.
func discussed(m *meeting.Meeting) bool {
	a, p, md, l := m.Analysis, m.Police, m.Medical, m.Legal
	if len(m.Household) > 0 || len(m.Information) > 0 || len(m.FamilyPlan) > 0 || !m.NextMeetingAt.IsZero() {
		return true
	}
	for _, c := range m.Children {
		if recorded(c.Views) {
			return true
		}
	}
	return recorded(a.Worries, a.Strengths, a.Dissent, string(p.Investigation), p.Reason, p.CrimeReference, p.Officer, p.Plan,
		string(md.Decision), md.Reason, md.ArrangedBy, string(l.Decision), l.Reason, m.SafetyPlan, m.OtherChildren)
}

// discussion lays out the discussion, section by section; minutes signed
// off before the app recorded it say so once.
func (mw *minutes) discussion() {
	m := mw.m
	if !m.ChecklistRules() && !discussed(m) {
		mw.d.section("The discussion")
		mw.d.paragraph("These minutes were signed off on "+meeting.UKDate(m.SignedOffAt).Long()+", before the app recorded the discussion "+
			"section by section: the household, what each agency shared, the analysis, the police, medical and legal decisions, "+
			"the immediate safety plan and the other children. What was recorded is in the reason, the attendance, the consent record, "+
			"the decisions and the actions.", noteStyle)
		return
	}
	mw.household()
	mw.information()
	mw.analysis()
	mw.police()
	mw.medical()
	mw.legal()
	mw.safetyPlan()
	mw.otherChildren()
}

// text is a field's free text as this copy prints it, or "Not recorded".
func (mw *minutes) text(path, s string) field {
	return field{meeting.Label(path), orNot(mw.redact.apply(path, s))}
}

func (mw *minutes) analysis() {
	a := mw.m.Analysis
	mw.d.section(meeting.Label("analysis"))
	if !recorded(a.Worries, a.Strengths, a.Dissent) {
		mw.d.paragraph("No analysis is recorded.", noteStyle)
		return
	}
	mw.labelled([]field{
		mw.text("analysis.worries", a.Worries),
		mw.text("analysis.strengths", a.Strengths),
		mw.text("analysis.dissent", a.Dissent),
	})
}

// decision is a decision's code as its label, strong when recorded.
func decision[C interface {
	~string
	Label() string
}](c C) cell {
	if c == "" {
		return orNot("")
	}
	return cell{c.Label(), &strongStyle}
}

func (mw *minutes) police() {
	p := mw.m.Police
	mw.section(meeting.QuestionPolice, meeting.Label("police"))
	if !recorded(string(p.Investigation), p.Reason, p.CrimeReference, p.Officer, p.Plan) {
		mw.d.paragraph("No police decision is recorded.", noteStyle)
		return
	}
	mw.labelled([]field{
		{meeting.Label("police.investigation"), decision(p.Investigation)},
		mw.text("police.reason", p.Reason),
		mw.text("police.crime_reference", p.CrimeReference),
		mw.text("police.officer", p.Officer),
		mw.text("police.plan", p.Plan),
	})
}

func (mw *minutes) medical() {
	p := mw.m.Medical
	mw.section(meeting.QuestionMedical, meeting.Label("medical"))
	if !recorded(string(p.Decision), p.Reason, p.ArrangedBy) {
		mw.d.paragraph("No medical decision is recorded.", noteStyle)
		return
	}
	mw.labelled([]field{
		{meeting.Label("medical.decision"), decision(p.Decision)},
		mw.text("medical.reason", p.Reason),
		mw.text("medical.arranged_by", p.ArrangedBy),
	})
}

func (mw *minutes) legal() {
	p := mw.m.Legal
	mw.section(meeting.QuestionLegal, meeting.Label("legal"))
	if !recorded(string(p.Decision), p.Reason) {
		mw.d.paragraph("No legal decision is recorded.", noteStyle)
		return
	}
	mw.labelled([]field{
		{meeting.Label("legal.decision"), decision(p.Decision)},
		mw.text("legal.reason", p.Reason),
	})
}

func (mw *minutes) safetyPlan() {
	mw.section(meeting.QuestionSafety, meeting.Label("safety_plan"))
	if strings.TrimSpace(mw.m.SafetyPlan) == "" {
		mw.d.paragraph("No immediate safety plan is recorded.", noteStyle)
		return
	}
	mw.d.paragraph(mw.redact.apply("safety_plan", mw.m.SafetyPlan), bodyStyle)
}

// otherChildren says which other children were considered: the record's
// words, and the children the household lists.
func (mw *minutes) otherChildren() {
	m, d := mw.m, mw.d
	mw.section(meeting.QuestionOtherChildren, meeting.Label("other_children"))
	var listed []string
	for i, p := range m.Household {
		if meeting.ChildRelationship(p.Relationship) {
			s := mw.redact.name(fmt.Sprintf("household[%d].name", i), p.Name) + " (" + p.Relationship.Label()
			if !p.DateOfBirth.IsZero() {
				s += ", born " + mw.dateOfBirth(p.DateOfBirth).text
			}
			listed = append(listed, s+")")
		}
	}
	said := strings.TrimSpace(m.OtherChildren) != ""
	if said {
		d.paragraph(mw.redact.apply("other_children", m.OtherChildren), bodyStyle)
	}
	if len(listed) > 0 {
		d.paragraph("In the household: "+strings.Join(listed, "; ")+".", bodyStyle)
	}
	if !said && len(listed) == 0 {
		d.paragraph("No other children are recorded as considered.", noteStyle)
	}
}

// section starts a numbered section that answers a statutory question, and
// remembers its number for the questions' table.
func (mw *minutes) section(q meeting.Code, title string) {
	mw.d.section(title)
	mw.answered(q, fmt.Sprintf("section %d", mw.d.sections))
}

// answered records where the minutes answer question q.
func (mw *minutes) answered(q meeting.Code, where string) {
	if mw.answeredIn == nil {
		mw.answeredIn = map[meeting.Code]string{}
	}
	mw.answeredIn[q] = where
}

// questions lists the statutory questions (meeting.Checklist) and whether
// the record answers each. Minutes signed off before the questions were
// asked are not failed by them; a draft's unanswered questions are warnings.
func (mw *minutes) questions() {
	m, d := mw.m, mw.d
	d.section("Statutory questions")
	qs := m.Checklist()
	legacy := !m.ChecklistRules()
	var open []string
	for _, q := range qs {
		if !q.Answered {
			open = append(open, q.Label)
		}
	}
	t := table{
		columns: []column{{title: "Question", width: 70}, {title: "Answered", width: 36}, {title: "What the record lacks"}},
		header:  true, rules: true, style: tableStyle, whole: true,
	}
	for _, q := range qs {
		var answer, lacks cell
		switch {
		case q.Answered:
			where := mw.answeredIn[q.Code]
			answer = cell{"Yes", nil}
			if where != "" {
				answer.text += ", " + where
			}
		case legacy:
			answer = cell{"Not asked at sign-off", &mutedStyle}
		default:
			answer = cell{"Not answered", &alertStyle}
		}
		var what []string
		for _, p := range q.Problems {
			what = append(what, questionProblem(m, p))
		}
		lacks = cell{strings.Join(what, "\n"), nil}
		if legacy {
			lacks = cell{} // not asked: there was nothing to lack
		}
		t.rows = append(t.rows, row{cells: []cell{{q.Label, &strongStyle}, answer, lacks}})
	}
	// Nothing lacking, nothing to say: two columns.
	if !slices.ContainsFunc(t.rows, func(r row) bool { return r.cells[2].text != "" }) {
		t.columns = []column{{title: "Question", width: 70}, {title: "Answered"}}
		for i := range t.rows {
			t.rows[i].cells = t.rows[i].cells[:2]
		}
	}
	if legacy || len(open) > 0 {
		// The note goes on the page of the table it is about.
		d.begin(min(d.tableHeight(t), (contentBottom-contentTop)*0.6) + 24)
	}
	switch {
	case legacy:
		d.box(boxInfo, "Signed off before the statutory questions were asked",
			"These minutes were signed off on "+meeting.UKDate(m.SignedOffAt).Long()+", before the app asked the statutory questions at sign-off. "+
				"The table shows how the record answers them; a question it does not answer was not asked when the minutes were signed off.")
	case len(open) > 0:
		title := "Statutory questions not answered"
		text := "The record does not yet answer: " + strings.Join(open, "; ") + "."
		if !m.SignedOff() {
			text += " The chair cannot sign these minutes off until it does."
		}
		d.box(boxAlert, title, text)
	}
	d.table(t)
}

// tableHeight is the height of a table's header and rows, as drawn on one
// page.
func (d *document) tableHeight(t table) float64 {
	widths := t.widths()
	h := 0.0
	if t.header {
		hr := t.headerRow()
		h += t.height(d.layRow(&t, hr, widths).n)
	}
	for _, r := range t.rows {
		h += t.height(d.layRow(&t, r, widths).n)
	}
	return h
}

// questionProblem says what a question lacks, naming the field as people
// read it: "Child 2: record a decision for this child".
func questionProblem(m *meeting.Meeting, p meeting.Problem) string {
	msg := p.Message
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if p.Field == "" {
		return msg
	}
	where := meeting.DescribeField(p.Field)
	// A child is found by case reference, which every copy prints whole.
	var n int
	if _, err := fmt.Sscanf(p.Field, "children[%d]", &n); err == nil && n >= 0 && n < len(m.Children) {
		if ref := strings.TrimSpace(m.Children[n].CaseReference); ref != "" {
			where += " (" + ref + ")"
		}
	}
	return where + ": " + msg
}
