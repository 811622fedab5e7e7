package demo

import (
	"fmt"
	"strings"

	"strategyminutes/meeting"
)

// mainOutcomes is the first decision's mix by meeting type. Over all types
// it comes to about a third joint section 47 enquiries, a fifth single-agency
// ones, a fifth assessments and a tenth no further action.
var mainOutcomes = map[meeting.Type][]weighted[meeting.Outcome]{
	meeting.TypeInitial: {{meeting.OutcomeS47Joint, 35}, {meeting.OutcomeS47Single, 20}, {meeting.OutcomeAssessment, 22},
		{meeting.OutcomeEarlyHelp, 9}, {meeting.OutcomeNoFurtherAction, 10}, {meeting.OutcomeFurtherStrategy, 4}},
	meeting.TypeImmediate: {{meeting.OutcomeS47Joint, 48}, {meeting.OutcomeS47Single, 20}, {meeting.OutcomeAssessment, 12},
		{meeting.OutcomeEarlyHelp, 2}, {meeting.OutcomeNoFurtherAction, 6}, {meeting.OutcomeFurtherStrategy, 12}},
	meeting.TypeReview: {{meeting.OutcomeS47Joint, 22}, {meeting.OutcomeS47Single, 20}, {meeting.OutcomeAssessment, 22},
		{meeting.OutcomeEarlyHelp, 8}, {meeting.OutcomeNoFurtherAction, 16}, {meeting.OutcomeFurtherStrategy, 12}},
	meeting.TypeComplex: {{meeting.OutcomeS47Joint, 85}, {meeting.OutcomeS47Single, 5}, {meeting.OutcomeFurtherStrategy, 10}},
	meeting.TypePreBirth: {{meeting.OutcomeS47Joint, 8}, {meeting.OutcomeS47Single, 40}, {meeting.OutcomeAssessment, 28},
		{meeting.OutcomeEarlyHelp, 7}, {meeting.OutcomeNoFurtherAction, 5}, {meeting.OutcomeFurtherStrategy, 12}},
}

func s47(o meeting.Outcome) bool {
	return o == meeting.OutcomeS47Joint || o == meeting.OutcomeS47Single
}

// decisions records the main outcome, per child when the children's
// situations differ, and the immediate steps that go with it.
func (b *build) decisions() {
	r := b.r
	main := choose(r, mainOutcomes[b.m.Type])
	decided := map[meeting.Outcome]bool{}
	add := func(o meeting.Outcome, children []string) {
		if decided[o] || len(b.m.Decisions) == 4 {
			return
		}
		decided[o] = true
		b.m.Decisions = append(b.m.Decisions, meeting.Decision{Outcome: o, Rationale: b.rationale(o, children), Children: children})
	}
	var first []string // the child at the centre, when there are others
	if len(b.kids) > 1 {
		first = []string{b.kids[0].id}
	}
	if first != nil && s47(main) && chance(r, 20) {
		add(main, first)
		var rest []string
		for _, k := range b.kids[1:] {
			rest = append(rest, k.id)
		}
		siblings := meeting.OutcomeAssessment
		if main == meeting.OutcomeS47Joint && chance(r, 40) {
			siblings = meeting.OutcomeS47Single
		}
		add(siblings, rest)
	} else {
		add(main, nil)
	}
	if main == meeting.OutcomeNoFurtherAction || main == meeting.OutcomeEarlyHelp {
		return
	}

	c, t := b.concern, b.m.Type
	percent := func(base int, special bool, specialPercent int) int {
		if special {
			return specialPercent
		}
		return base
	}
	if chance(r, c.medical) {
		add(meeting.OutcomeMedical, first)
	}
	if main == meeting.OutcomeS47Joint && chance(r, c.abe) {
		add(meeting.OutcomeABEInterview, first)
	}
	if chance(r, percent(22, c == domesticAbuse, 45)) {
		add(meeting.OutcomeSafetyPlan, nil)
	}
	if t != meeting.TypePreBirth && chance(r, percent(2, t == meeting.TypeImmediate, 18)) {
		add(meeting.OutcomePoliceProtection, nil)
	}
	if chance(r, percent(1, t == meeting.TypeImmediate, 5)) {
		add(meeting.OutcomeEmergencyProtection, nil)
	}
	if t != meeting.TypePreBirth && chance(r, percent(2, c == parentalHealth, 10)) {
		add(meeting.OutcomeS20Accommodation, nil)
	}
	removal := decided[meeting.OutcomePoliceProtection] || decided[meeting.OutcomeEmergencyProtection]
	if chance(r, percent(4, t == meeting.TypePreBirth || removal, 30)) {
		add(meeting.OutcomeLegalPlanning, nil)
	}
	if chance(r, percent(1, c == organisedAbuse, 75)) {
		add(meeting.OutcomeLADOReferral, nil)
	}
	if chance(r, 8) {
		add(meeting.OutcomeFurtherStrategy, nil)
	}
}

// rationale gives the reason for an outcome in the chair's words.
func (b *build) rationale(o meeting.Outcome, children []string) string {
	r := b.r
	who := names(b.kids)
	if children != nil {
		var ks []kid
		for _, k := range b.kids {
			for _, id := range children {
				if k.id == id {
					ks = append(ks, k)
				}
			}
		}
		who = names(ks)
	}
	switch o {
	case meeting.OutcomeS47Joint:
		return pick(r, []string{
			fmt.Sprintf("There is reasonable cause to suspect that %s %s suffering, or likely to suffer, significant harm, and a crime may have been committed; police and children's social care will enquire jointly.", who, isAre(who)),
			fmt.Sprintf("Threshold for section 47 met. Joint enquiry because the account points to an offence by %s.", b.suspectRef),
		})
	case meeting.OutcomeS47Single:
		return fmt.Sprintf("Threshold for section 47 met for %s. No crime is alleged at this stage, so children's social care will lead a single-agency enquiry with partners' checks.", who)
	case meeting.OutcomeAssessment:
		return fmt.Sprintf("The concerns about %s do not meet the section 47 threshold, but the family need support; a child and family assessment under section 17 will look at needs.", who)
	case meeting.OutcomeEarlyHelp:
		return fmt.Sprintf("Threshold not met. %s agreed to early help support from the family hub.", b.mother.given)
	case meeting.OutcomeNoFurtherAction:
		return pick(r, []string{
			"Partners' information gives an accidental explanation consistent with the injury; no further action by children's social care.",
			"Checks did not substantiate the concern; no further action. School to continue to monitor.",
			"Concern already addressed by the existing child in need plan; no further action from this meeting.",
		})
	case meeting.OutcomeFurtherStrategy: // one to four weeks on (the same single draw as ever)
		b.reconvene = b.g.cal.AddWorkingDays(b.heldOn, 5+r.IntN(16))
		return fmt.Sprintf("Reconvene on %s when the outcome of the checks is known.", longDate(b.reconvene))
	case meeting.OutcomePoliceProtection:
		return fmt.Sprintf("Police used powers of protection under section 46 of the Children Act 1989 because %s could not be kept safe at home tonight.", who)
	case meeting.OutcomeEmergencyProtection:
		return "Apply to the family court for an emergency protection order; the risk of immediate harm is too high to wait for a legal planning meeting."
	case meeting.OutcomeS20Accommodation:
		b.placedWith = pick(r, []string{"maternal grandmother", "an aunt", "emergency foster carers"})
		return fmt.Sprintf("%s agreed to %s being accommodated under section 20 with %s while enquiries continue.",
			b.mother.given, who, b.placedWith)
	case meeting.OutcomeSafetyPlan:
		return fmt.Sprintf("Safety plan agreed: %s is not to have unsupervised contact with the children, and %s will stay at the home until the joint visit.",
			b.suspectRef, b.stayer(pick(r, []string{"maternal grandmother", "an aunt", "a family friend"})))
	case meeting.OutcomeMedical:
		return "Child protection medical with the paediatrician today to assess the injury and check for others."
	case meeting.OutcomeABEInterview:
		return fmt.Sprintf("Police to arrange an achieving best evidence interview with %s within 48 hours.", who)
	case meeting.OutcomeLegalPlanning:
		return "The risk may need legal intervention; legal planning meeting to consider the pre-proceedings process or an application to court."
	case meeting.OutcomeLADOReferral:
		return "The allegation concerns an adult who works with children; the LADO will coordinate the employer's response."
	case meeting.OutcomeICPC:
		return pick(r, []string{
			fmt.Sprintf("The concerns about %s are substantiated and the risk of significant harm continues; convene an initial child protection conference within 15 working days.", who),
			fmt.Sprintf("Partners agree %s may need a child protection plan: initial child protection conference to be held within 15 working days of the strategy discussion.", who),
		})
	}
	return ""
}

func isAre(names string) string {
	if strings.Contains(names, " and ") {
		return "are"
	}
	return "is"
}

// An actionSpec is a candidate action before it is given an owner and dates.
type actionSpec struct {
	description string
	agency      meeting.Agency
	dueIn       int // days after the meeting; 0 means 2 to 20 days; -1 means 15 working days
}

// actions picks 2 to 8 actions from those the decisions and the agencies
// present suggest, with owners, due dates and, for many, completion dates.
func (b *build) actions() {
	r := b.r
	var must, could []actionSpec
	child := b.kids[0].first
	visit := "Visit the home and see " + child + " alone within 24 hours."
	switch {
	case b.kids[0].months < 0:
		visit = "Visit " + b.mother.given + " at home and start the pre-birth assessment."
	case b.kids[0].years() < 3: // too young to be spoken to alone
		visit = "Visit the home and see " + child + " within 24 hours."
	}
	main := b.m.Decisions[0].Outcome
	if s47(main) {
		must = append(must, actionSpec{visit, meeting.AgencySocialCare, 1})
		could = append(could,
			actionSpec{"Complete the section 47 enquiry and record the outcome.", meeting.AgencySocialCare, 10 + r.IntN(5)},
			actionSpec{"If concerns are substantiated, convene an initial child protection conference within 15 working days.", meeting.AgencySocialCare, -1})
	}
	switch main {
	case meeting.OutcomeS47Joint:
		checks := fmt.Sprintf("Complete PNC, PND and intelligence checks on %s and %s.", b.mother, b.partner)
		if b.m.Type == meeting.TypeComplex {
			checks = "Complete PNC, PND and intelligence checks on " + b.suspect + "."
		}
		must = append(must, actionSpec{checks, meeting.AgencyPolice, 1 + r.IntN(3)})
		could = append(could, actionSpec{"Interview " + b.suspect + " under caution.", meeting.AgencyPolice, 5 + r.IntN(10)})
	case meeting.OutcomeAssessment:
		must = append(must, actionSpec{"Complete the child and family assessment.", meeting.AgencySocialCare, 20})
	case meeting.OutcomeEarlyHelp:
		must = append(must, actionSpec{"Refer to the family hub for an early help assessment.", meeting.AgencyEarlyHelp, 0})
	case meeting.OutcomeNoFurtherAction:
		must = append(must, actionSpec{"Write to the family and the referrer with the outcome.", meeting.AgencySocialCare, 0})
	case meeting.OutcomeFurtherStrategy:
		must = append(must, actionSpec{"Book the further strategy meeting and invite all partners, including health.", meeting.AgencySocialCare, 2})
	}
	for _, d := range b.m.Decisions[1:] {
		switch d.Outcome {
		case meeting.OutcomeMedical:
			must = append(must, actionSpec{"Arrange the child protection medical with the on-call paediatrician.", meeting.AgencySocialCare, 1})
		case meeting.OutcomeABEInterview:
			must = append(must, actionSpec{"Arrange the ABE interview with " + child + ".", meeting.AgencyPolice, 2})
		case meeting.OutcomeSafetyPlan:
			could = append(could, actionSpec{"Review the safety plan with the family.", meeting.AgencySocialCare, 3 + r.IntN(5)})
		case meeting.OutcomeLegalPlanning:
			could = append(could, actionSpec{"Request a legal planning meeting.", meeting.AgencySocialCare, 5 + r.IntN(6)})
		case meeting.OutcomeLADOReferral:
			must = append(must, actionSpec{"Convene an allegations management meeting.", meeting.AgencyOther, 5})
		case meeting.OutcomePoliceProtection, meeting.OutcomeEmergencyProtection, meeting.OutcomeS20Accommodation:
			must = append(must, actionSpec{"Find a placement and arrange contact with the parents.", meeting.AgencySocialCare, 1})
		}
	}
	could = append(could,
		actionSpec{"Circulate the minutes to all attendees.", meeting.AgencySocialCare, 1 + r.IntN(3)},
		actionSpec{"Tell the parents the outcome of the strategy discussion and the checks made.", meeting.AgencySocialCare, 1 + r.IntN(2)},
		actionSpec{"Update the chronology on the children's records.", meeting.AgencySocialCare, 0},
	)
	for _, a := range b.m.Attendees {
		if spec, ok := b.agencyAction(a); ok && a.Attendance != meeting.NotInvited {
			could = append(could, spec)
		}
	}

	perm := r.Perm(len(could))
	want := choose(r, []weighted[int]{{2, 10}, {3, 18}, {4, 22}, {5, 20}, {6, 14}, {7, 9}, {8, 7}})
	specs := append([]actionSpec(nil), must[:min(len(must), want)]...)
	for _, i := range perm {
		if len(specs) >= want {
			break
		}
		if !hasAction(specs, could[i].description) {
			specs = append(specs, could[i])
		}
	}
	for _, s := range specs {
		b.m.Actions = append(b.m.Actions, b.action(s))
	}
}

func hasAction(specs []actionSpec, description string) bool {
	for _, s := range specs {
		if s.description == description {
			return true
		}
	}
	return false
}

// agencyAction is what an agency on the list is typically asked to do.
func (b *build) agencyAction(a meeting.Attendee) (actionSpec, bool) {
	mother, partner := b.mother.given, b.partner.String()
	child := "the children"
	if born := b.born(); len(born) > 0 {
		child = born[0].first
	}
	switch a.Agency {
	case meeting.AgencyPolice:
		return actionSpec{"Share police records of call-outs to the address in the last two years.", a.Agency, 0}, true
	case meeting.AgencyHealth:
		switch a.Service {
		case meeting.ServiceHealthVisitor:
			return actionSpec{"Complete a home visit and growth check, and share the outcome.", a.Agency, 0}, true
		case meeting.ServiceMidwife:
			return actionSpec{"Share the birth plan and alert the maternity unit.", a.Agency, 0}, true
		case meeting.ServiceCAMHS:
			return actionSpec{"Expedite the CAMHS assessment for " + child + ".", a.Agency, 0}, true
		case meeting.ServiceSchoolNurse:
			return actionSpec{"Offer " + child + " a health assessment.", a.Agency, 0}, true
		}
		return actionSpec{"Share health records and any concerns about parental health.", a.Agency, 0}, true
	case meeting.AgencyEducation:
		return actionSpec{"Monitor attendance and presentation daily and report any concern the same day.", a.Agency, 0}, true
	case meeting.AgencyDomesticAbuse:
		return actionSpec{"Contact " + mother + ", complete safety planning and refer to MARAC.", a.Agency, 0}, true
	case meeting.AgencyHousing:
		return actionSpec{"Consider emergency accommodation for " + mother + " and the children.", a.Agency, 0}, true
	case meeting.AgencyProbation:
		return actionSpec{"Share licence conditions and the risk assessment for " + partner + ".", a.Agency, 0}, true
	case meeting.AgencyYouthJustice:
		return actionSpec{"Share the youth justice assessment and plan.", a.Agency, 0}, true
	case meeting.AgencyEarlyHelp:
		return actionSpec{"Share the early help plan and progress.", a.Agency, 0}, true
	case meeting.AgencyAdultSocialCare:
		return actionSpec{"Assess " + mother + "'s care and support needs.", a.Agency, 0}, true
	case meeting.AgencyVoluntary:
		return actionSpec{"Continue weekly sessions with " + child + " and share any concerns.", a.Agency, 0}, true
	case meeting.AgencyLegal:
		return actionSpec{"Advise on the threshold for proceedings.", a.Agency, 0}, true
	}
	return actionSpec{}, false
}

// action gives a spec its owner and dates. Most actions are done on time;
// some late, some never (the overdue actions the report must find).
func (b *build) action(s actionSpec) meeting.Action {
	r := b.r
	a := meeting.Action{Description: s.description, Agency: s.agency, Owner: b.owner(s.agency)}
	if chance(r, 2) {
		a.Agency = ""
	}
	if chance(r, 4) {
		a.Owner = ""
	}
	if !chance(r, 8) {
		switch {
		case s.dueIn < 0:
			a.Due = b.g.cal.AddWorkingDays(b.heldOn, 15)
		case s.dueIn == 0:
			a.Due = b.g.cal.OnOrAfter(addDays(b.heldOn, 2+r.IntN(17)))
		default:
			a.Due = b.g.cal.OnOrAfter(addDays(b.heldOn, s.dueIn))
		}
	}
	switch {
	case a.Due.IsZero():
		if chance(r, 55) {
			a.Completed = addDays(b.heldOn, r.IntN(30))
		}
	default:
		switch choose(r, []weighted[string]{{"on time", 70}, {"late", 15}, {"never", 15}}) {
		case "on time":
			a.Completed = addDays(b.heldOn, r.IntN(daysBetween(b.heldOn, a.Due)+1))
		case "late":
			a.Completed = addDays(a.Due, 1+r.IntN(25))
		}
	}
	if !a.Completed.IsZero() && chance(r, 90) { // work is mostly done on working days
		a.Completed = b.g.cal.OnOrAfter(a.Completed)
	}
	if a.Completed.After(AsOf) { // not done yet
		a.Completed = meeting.Date{}
	}
	return a
}

// owner is someone from the agency at the meeting, or else a colleague.
func (b *build) owner(a meeting.Agency) string {
	var present []string
	for _, at := range b.m.Attendees {
		if at.Agency == a && at.Attendance != meeting.NotInvited {
			present = append(present, at.Name)
		}
	}
	if len(present) > 0 {
		return pick(b.r, present)
	}
	return b.g.staff.name(b.r, a, "")
}
