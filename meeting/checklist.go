package meeting

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// The statutory questions a strategy meeting answers (Working Together to
// Safeguard Children 2023, and partnerships' strategy discussion
// procedures). The editor shows them beside the partner strip, kept up to
// date from the record; sign-off waits until every one is answered. "Not
// needed" or "to be decided" is an answer only with a reason.

// Codes of the statutory questions, as Problem codes.
const (
	QuestionSection47     Code = "section47"      // a decision for each child
	QuestionPolice        Code = "police"         // police investigation decided
	QuestionMedical       Code = "medical"        // medical decided
	QuestionSafety        Code = "safety"         // immediate safety agreed
	QuestionFamily        Code = "family"         // what the family is told agreed
	QuestionOtherChildren Code = "other_children" // other children considered
	QuestionLegal         Code = "legal"          // legal considered
	QuestionInformation   Code = "information"    // information from each statutory partner present
)

// A Question is one of the statutory questions and whether the record
// answers it.
type Question struct {
	Code  Code
	Label string
	// Answered is true when the record answers the question; Problems say
	// what is missing when it does not, each with the question's code.
	Answered bool
	Problems Problems
}

// Checklist returns the statutory questions in the order a meeting takes
// them, each answered or not by the record as it stands.
func (m *Meeting) Checklist() []Question {
	qs := []Question{
		{Code: QuestionInformation, Label: "Information recorded from each statutory partner present"},
		{Code: QuestionSection47, Label: "Section 47 decided for each child"},
		{Code: QuestionPolice, Label: "Police investigation decided"},
		{Code: QuestionMedical, Label: "Medical decided"},
		{Code: QuestionLegal, Label: "Legal advice considered"},
		{Code: QuestionSafety, Label: "Immediate safety agreed"},
		{Code: QuestionOtherChildren, Label: "Other children considered"},
		{Code: QuestionFamily, Label: "What the family is told agreed"},
	}
	for i := range qs {
		q := &qs[i]
		var ps problems
		m.answer(q.Code, &ps)
		for j := range ps.list {
			ps.list[j].Code, ps.list[j].Incomplete = q.Code, true
		}
		q.Problems, q.Answered = ps.list, len(ps.list) == 0
	}
	return qs
}

// reasoned adds a problem when a decision that needs a reason has none.
func reasoned(ps *problems, field, reason, format string, args ...any) {
	if !Said(reason) {
		ps.incomplete(field, format, args...)
	}
}

// Said reports whether text says something: it holds a letter or a digit.
// "-" or "." is not an answer to a statutory question, nor a reason.
func Said(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// answer adds what the record lacks to answer question q.
func (m *Meeting) answer(q Code, ps *problems) {
	switch q {
	case QuestionInformation:
		present := 0
		for _, a := range StatutoryPartners {
			if s := m.AgencyState(a); s == StateAttended || s == StateInformationOnly {
				present++
			}
		}
		if present == 0 {
			ps.incomplete("attendees", "record which statutory partners attended or sent information")
		}
		for _, a := range StatutoryPartners {
			if s := m.AgencyState(a); s != StateAttended && s != StateInformationOnly {
				continue
			}
			found := false
			for _, in := range m.Information {
				found = found || in.Agency == a && Said(in.Summary)
			}
			if !found {
				ps.incomplete("information", "record what %s shared", a.Label())
			}
		}
	case QuestionSection47:
		if len(m.Children) == 0 {
			ps.incomplete("children", "add at least one child")
		}
		for i, c := range m.Children {
			if !m.decided(c.ID) {
				ps.incomplete(fmt.Sprintf("children[%d]", i), "record a decision for this child")
			}
		}
	case QuestionPolice:
		p := m.Police
		switch p.Investigation {
		case "":
			ps.incomplete("police.investigation", "say whether the police will investigate")
		case InvestigationNo:
			reasoned(ps, "police.reason", p.Reason, "say why the police will not investigate")
		case InvestigationToBeDecided:
			reasoned(ps, "police.reason", p.Reason, "say who decides whether the police investigate, and when")
		}
	case QuestionMedical:
		switch m.Medical.Decision {
		case "":
			ps.incomplete("medical.decision", "say whether a child protection medical is needed")
		case MedicalNotNeeded:
			reasoned(ps, "medical.reason", m.Medical.Reason, "say why a medical is not needed")
		case MedicalToBeDecided:
			reasoned(ps, "medical.reason", m.Medical.Reason, "say who decides on a medical, and when")
		}
	case QuestionLegal:
		switch m.Legal.Decision {
		case "":
			ps.incomplete("legal.decision", "say whether legal advice or a legal planning meeting is needed")
		case LegalNotNeeded:
			reasoned(ps, "legal.reason", m.Legal.Reason, "say why legal advice is not needed")
		case LegalToBeDecided:
			reasoned(ps, "legal.reason", m.Legal.Reason, "say who decides on legal advice, and when")
		}
	case QuestionSafety:
		reasoned(ps, "safety_plan", m.SafetyPlan, "record what keeps the child safe now")
	case QuestionOtherChildren:
		found := strings.TrimSpace(m.OtherChildren) != ""
		for _, p := range m.Household {
			found = found || ChildRelationship(p.Relationship)
		}
		if !found {
			ps.incomplete("other_children", "list the other children in the household or in contact, or say that there are none")
		}
	case QuestionFamily:
		if len(m.FamilyPlan) == 0 {
			ps.incomplete("family_plan", "record what each parent or carer is told, or that it is withheld")
		}
		// Each parent or carer in the household has a line: by their name,
		// or by their relationship.
		for i, p := range m.Household {
			if parental(p.Relationship) && !m.told(p) {
				ps.incomplete(fmt.Sprintf("household[%d]", i), "record what this %s is told, or that it is withheld", strings.ToLower(p.Relationship.Label()))
			}
		}
		for i, l := range m.FamilyPlan {
			f := fmt.Sprintf("family_plan[%d]", i)
			if l.Withheld {
				reasoned(ps, f+".withheld_reason", l.WithheldReason, "say why it is withheld")
				continue
			}
			reasoned(ps, f+".what", l.What, "say what they are told, or tick withheld")
			reasoned(ps, f+".by", l.By, "say who tells them")
		}
	}
}

// parental reports whether the relationship is a parent's or a carer's:
// someone the family plan tells.
func parental(r Relationship) bool {
	switch r {
	case RelationshipMother, RelationshipFather, RelationshipStepParent, RelationshipParentPartner, RelationshipCarer:
		return true
	}
	return false
}

// told reports whether the family plan has a line for the member: one of
// the same relationship, or one naming them by a name of theirs that no
// other member of the household has (a surname the family shares names
// none of them).
func (m *Meeting) told(p Member) bool {
	shared := map[string]int{}
	for _, o := range m.Household {
		for _, n := range uniqueWords(o.Name) {
			shared[n]++
		}
	}
	names := uniqueWords(p.Name)
	for _, l := range m.FamilyPlan {
		if l.Relationship != "" && l.Relationship == p.Relationship {
			return true
		}
		person := strings.Fields(strings.ToLower(l.Person))
		for _, n := range names {
			if len(n) > 1 && shared[n] == 1 && slices.Contains(person, n) {
				return true
			}
		}
	}
	return false
}

// uniqueWords returns the words of a name in lower case, each once.
func uniqueWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// decided reports whether a decision of the meeting, with its outcome
// chosen, covers the child: a decision with no children covers every
// child.
func (m *Meeting) decided(childID string) bool {
	for _, d := range m.Decisions {
		if d.Outcome == "" {
			continue
		}
		if len(d.Children) == 0 {
			return true
		}
		for _, id := range d.Children {
			if id == childID {
				return true
			}
		}
	}
	return false
}

// QuestionOf returns the statutory question a field belongs to, if any: a
// date typed there that is not one yet leaves the question unanswered.
func QuestionOf(path string) (Code, bool) {
	key := path
	if i := strings.IndexAny(path, ".["); i >= 0 {
		key = path[:i]
	}
	switch key {
	case "information":
		return QuestionInformation, true
	case "decisions":
		return QuestionSection47, true
	case "police":
		return QuestionPolice, true
	case "medical":
		return QuestionMedical, true
	case "legal":
		return QuestionLegal, true
	case "safety_plan":
		return QuestionSafety, true
	case "household", "other_children":
		return QuestionOtherChildren, true
	case "family_plan":
		return QuestionFamily, true
	}
	return "", false
}

// Unanswered returns the problems of the statutory questions the record
// does not answer yet.
func (m *Meeting) Unanswered() Problems {
	var out Problems
	for _, q := range m.Checklist() {
		out = append(out, q.Problems...)
	}
	return out
}
