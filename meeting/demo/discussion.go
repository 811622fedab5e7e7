package demo

import (
	"fmt"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// discussion writes the body of the minutes (issue 13): what each agency
// shared, the analysis, the police, medical and legal decisions, the safety
// plan, the household, what the family is told, the children's views and
// the next meeting, agreeing with the concern, the people and the decisions
// already made. A signed-off meeting answers every question of the sign-off
// checklist; a draft is written as far as the chair has got.
//
// It draws from the generator's second source, so that the rest of the
// meeting is what it was before the discussion was written.
func (b *build) discussion() {
	b.r = b.g.talk
	b.icpc()
	b.information()
	b.analysis()
	b.policeDecision()
	b.medicalDecision()
	b.legalDecision()
	b.safetyPlan()
	b.household()
	b.familyPlan()
	b.views()
	b.nextMeeting()
	if !b.m.SignedOff() {
		b.halfWritten()
	}
}

// decided reports whether any decision has outcome o.
func (b *build) decided(o meeting.Outcome) bool {
	for _, d := range b.m.Decisions {
		if d.Outcome == o {
			return true
		}
	}
	return false
}

// icpc decides, now and then with a section 47 enquiry and more often at
// a review, to go straight to an initial child protection conference.
func (b *build) icpc() {
	r := b.r
	main := b.m.Decisions[0]
	if !s47(main.Outcome) || len(b.m.Decisions) == 4 {
		return
	}
	percent := 7
	switch b.m.Type {
	case meeting.TypeReview: // the enquiry is done: conference or not
		percent = 40
	case meeting.TypePreBirth:
		percent = 15
	case meeting.TypeComplex:
		percent = 5
	}
	if !chance(r, percent) {
		return
	}
	children := main.Children
	b.m.Decisions = append(b.m.Decisions, meeting.Decision{Outcome: meeting.OutcomeICPC, Rationale: b.rationale(meeting.OutcomeICPC, children),
		Children: append([]string(nil), children...)})
	for _, a := range b.m.Actions {
		if strings.Contains(a.Description, "child protection conference") {
			return
		}
	}
	if len(b.m.Actions) < 8 {
		b.m.Actions = append(b.m.Actions, b.action(actionSpec{"Book the initial child protection conference and send reports to the family two days before.", meeting.AgencySocialCare, -1}))
	}
}

// socialWorker is the social worker on the list: the first row is always
// one.
func (b *build) socialWorker() string { return b.m.Attendees[0].Name }

// attendee is the first person from the agency (and service, if given)
// who took part, or "".
func (b *build) attendee(a meeting.Agency, svc meeting.Service) string {
	for _, at := range b.m.Attendees {
		if at.Agency == a && (svc == "" || at.Service == svc) && at.Attendance != meeting.NotInvited {
			return at.Name
		}
	}
	return ""
}

// officerName is the police officer on the list, or a colleague from the
// same team when police were not there. It is the same officer for the
// whole meeting.
func (b *build) officerName() string {
	if name := b.attendee(meeting.AgencyPolice, ""); name != "" {
		return name
	}
	if b.officer == "" {
		b.officer = b.g.staff.name(b.r, meeting.AgencyPolice, "")
	}
	return b.officer
}

// meetingView is the threshold view the decisions imply.
func (b *build) meetingView() meeting.ThresholdView {
	main := b.m.Decisions[0].Outcome
	switch {
	case s47(main), b.decided(meeting.OutcomePoliceProtection), b.decided(meeting.OutcomeEmergencyProtection), b.decided(meeting.OutcomeICPC):
		return meeting.ViewMet
	case main == meeting.OutcomeFurtherStrategy:
		return meeting.ViewUnsure
	}
	return meeting.ViewNotMet
}

// analysis gives every agency the meeting's view, except now and then one
// that disagrees, and writes the worries, strengths and any dissent.
func (b *build) analysis() {
	r := b.r
	view := b.meetingView()
	for i := range b.m.Information {
		b.m.Information[i].View = view
	}
	b.m.Analysis.Worries = b.worries()
	b.m.Analysis.Strengths = b.strengths()
	if len(b.m.Information) < 2 || !chance(r, 14) {
		return
	}
	dissenter := 1 + r.IntN(len(b.m.Information)-1) // never social care, which chairs
	for i, e := range b.m.Information {
		if e.Agency == meeting.AgencyPolice && chance(r, 50) { // police most often question the threshold
			dissenter = i
		}
	}
	e := &b.m.Information[dissenter]
	switch view {
	case meeting.ViewMet:
		e.View = choose(r, []weighted[meeting.ThresholdView]{{meeting.ViewNotMet, 55}, {meeting.ViewUnsure, 45}})
	case meeting.ViewNotMet:
		e.View = choose(r, []weighted[meeting.ThresholdView]{{meeting.ViewMet, 65}, {meeting.ViewUnsure, 35}})
	default:
		e.View = meeting.ViewMet
	}
	b.m.Analysis.Dissent = b.dissent(*e)
}

func (b *build) dissent(e meeting.Information) string {
	r := b.r
	who := agencyNoun(e.Agency, e.Service)
	var why string
	switch e.View {
	case meeting.ViewNotMet:
		why = pick(r, []string{
			"consider the threshold for section 47 not met: the account is plausible and there is no pattern of harm",
			"do not see reasonable cause to suspect significant harm on what is known, and think a child and family assessment would do",
		})
	case meeting.ViewUnsure:
		why = "are not sure the threshold is met until " + pick(r, []string{b.pupil().first + " has been seen alone", "their own checks are back"})
		if b.m.Medical.Decision == meeting.MedicalNeeded || b.concern == injuryToBaby || b.concern == injuryAtSchool {
			why = "want the outcome of the medical before agreeing the threshold is met"
		}
	default:
		why = pick(r, []string{
			"consider the threshold met: the concerns are cumulative and early help has not changed things",
			"asked for a section 47 enquiry today rather than waiting for further checks",
		})
	}
	return fmt.Sprintf("%s %s. The chair's decision stands; %s may escalate through the partnership's resolving professional differences procedure.",
		capital(who), why, who)
}

// agencyNoun is how the minutes name an agency in a sentence: "the
// police", "the health visitor", "the school".
func agencyNoun(a meeting.Agency, svc meeting.Service) string {
	switch a {
	case meeting.AgencyHealth:
		switch svc {
		case meeting.ServiceGP:
			return "the GP"
		case meeting.ServiceCAMHS:
			return "CAMHS"
		case meeting.ServiceEmergencyDepartment:
			return "the emergency department"
		case meeting.ServiceOther, "":
			return "health"
		}
		return "the " + strings.ToLower(meeting.ServiceLabel(a, svc))
	case meeting.AgencyEducation:
		switch svc {
		case meeting.ServiceNursery:
			return "the nursery"
		case meeting.ServiceCollege:
			return "the college"
		case meeting.ServiceVirtualSchool:
			return "the virtual school"
		}
		return "the school"
	case meeting.AgencyPolice:
		return "the police"
	case meeting.AgencyProbation:
		return "probation"
	case meeting.AgencyHousing:
		return "housing"
	case meeting.AgencyDomesticAbuse:
		return "the domestic abuse service"
	case meeting.AgencyLegal:
		return "legal services"
	case meeting.AgencyOther:
		return "the LADO"
	}
	return "the " + strings.ToLower(a.Label()) + " service"
}

func (b *build) worries() string {
	r := b.r
	k := b.pupil()
	var w string
	switch b.concern {
	case injuryAtSchool:
		w = fmt.Sprintf("%s has an injury %s account does not explain, and %s is frightened about going home.", k.first, k.his(), k.he())
	case injuryToBaby:
		w = fmt.Sprintf("%s is not mobile and has an injury with no explanation that fits; any injury to a baby this young is a serious concern.", b.kids[0].first)
	case disclosure:
		switch b.harm {
		case harmMother:
			w = fmt.Sprintf("%s has told an adult that %s mother hits %s, and says the other children are hit too; %s may be pressured to take it back.",
				k.first, k.his(), k.him(), k.he())
		default:
			w = fmt.Sprintf("%s has told an adult that %s harmed %s; %s can still reach %s and %s may be pressured to take it back.",
				k.first, b.suspectRef, k.him(), b.suspectRef, k.him(), k.he())
		}
	case domesticAbuse:
		w = fmt.Sprintf("Repeated domestic abuse with the children present; the children live with fear and could be hurt if they intervene. %s's control of %s limits what she can say.",
			b.partner.given, b.mother.given)
	case neglect:
		w = "Long-standing neglect of the children's basic needs that early help has not changed; the impact shows in their health and school attendance."
	case exploitation:
		w = fmt.Sprintf("%s goes missing with older males and is at risk of serious violence and of criminal and sexual exploitation.", k.first)
	case parentalHealth:
		w = "The children were left without a safe adult; there is no other carer at home and no plan for when this happens again."
	case onlineHarm:
		w = fmt.Sprintf("%s is being blackmailed for more images and is at risk of self-harm and of further abuse online.", k.first)
	case pregnancy:
		w = "The baby will be born into the risks described; a plan must be in place before the birth."
	case organisedAbuse:
		w = fmt.Sprintf("The %s had unsupervised access to many children; more children may have been harmed.", b.adultRole)
	}
	switch r.IntN(7) {
	case 4:
		w += " No professional has yet seen the children alone."
	case 5:
		w += " " + b.mother.given + " has minimised the concerns in the past."
	case 6:
		w += " The family have moved area twice in two years."
	}
	return w
}

func (b *build) strengths() string {
	r := b.r
	k := b.pupil()
	// The strengths that fit, written only when chosen: 0 to 2 are any
	// family's, then the concern's or the child's age's, then domestic
	// abuse's.
	const general = 3
	special := 1
	if b.concern == pregnancy || b.concern == neglect || k.years() >= 5 {
		special = 2
	}
	n := general + special
	if b.concern == domesticAbuse {
		n++
	}
	strength := func(i int) string {
		switch i {
		case 0:
			return b.mother.given + " is engaging and wants to keep " + b.theChildren() + " safe."
		case 1:
			return "The family accepted early help before and worked with it."
		case 2:
			return "Maternal grandmother is a protective adult and " + pick(r, []string{"offers support", "visits daily"}) + "."
		}
		switch i -= general; {
		case i >= special:
			return b.mother.given + " called the police herself and has agreed to the safety plan."
		case b.concern == pregnancy && i == 0:
			return b.mother.given + " has attended most antenatal appointments."
		case b.concern == pregnancy:
			return b.partner.given + " has agreed to a parenting assessment."
		case b.concern == neglect && i == 0:
			return b.mother.given + " has accepted a referral to the food bank."
		case b.concern == neglect:
			return capital(k.first) + " is warm and sociable with staff."
		case k.years() >= 5 && i == 0 && (b.concern == disclosure || b.concern == injuryAtSchool || b.concern == onlineHarm):
			return k.first + " was able to tell a trusted adult; school is a safe place for " + k.him() + "."
		case k.years() >= 5 && i == 0:
			return k.first + " is doing well at school and has good friends."
		case k.years() >= 5:
			return "Good attendance and warm relationships with staff at school."
		}
		if children := b.theChildren(); children != "the children" {
			return capital(children) + " is healthy and meeting milestones."
		}
		return "The children are healthy and meeting milestones."
	}
	first := r.IntN(n)
	if chance(r, 50) {
		return strength(first)
	}
	return join(strength(first), strength((first+1+r.IntN(n-1))%n))
}

// policeDecision records whether the police will investigate, or who
// decides and when; a draft may not say yet.
func (b *build) policeDecision() {
	r := b.r
	p := &b.m.Police
	main := b.m.Decisions[0].Outcome
	var yes bool
	switch {
	case b.harm == harmAdult, b.concern == domesticAbuse && b.variant == 0: // the assault is investigated whatever the enquiry
		yes = true
	case main == meeting.OutcomeS47Joint:
		yes = chance(r, 90)
	case b.concern == onlineHarm && s47(main):
		yes = chance(r, 70)
	case main == meeting.OutcomeS47Single:
		yes = chance(r, 10)
	}
	if yes {
		p.Investigation = meeting.InvestigationYes
		p.CrimeReference = fmt.Sprintf("CR/%07d/%02d", r.IntN(10000000), b.heldOn.Year%100)
		p.Officer = b.officerName()
		p.Plan = b.policePlan()
		return
	}
	p.Officer = ""
	if !b.m.SignedOff() && chance(r, 30) {
		p.Investigation = meeting.InvestigationToBeDecided
		p.Reason = pick(r, []string{"The DI to decide after the joint visit.", "Police to review once the medical is done.", ""})
		return
	}
	switch {
	case main == meeting.OutcomeFurtherStrategy && chance(r, 70):
		p.Investigation, p.Reason = meeting.InvestigationToBeDecided, "Police will decide at the further strategy meeting, when the checks are back."
		return
	case main == meeting.OutcomeS47Joint && chance(r, 50):
		p.Investigation, p.Reason = meeting.InvestigationToBeDecided, "The DI will decide after the joint visit whether there is an offence to investigate."
		return
	}
	p.Investigation = meeting.InvestigationNo
	switch main {
	case meeting.OutcomeS47Joint:
		p.Reason = fmt.Sprintf("Police will join the visit, but no offence is disclosed yet; to be reviewed once %s has been seen.", b.pupil().first)
	case meeting.OutcomeS47Single:
		p.Reason = pick(r, []string{"No offence is alleged; police will share information and review if that changes.",
			"The concern is about care rather than a crime; police will share any call-outs to the address."})
	case meeting.OutcomeFurtherStrategy:
		p.Reason = "Not at this stage: police will decide at the further strategy meeting, when the checks are back."
	default:
		p.Reason = pick(r, []string{"No offence is disclosed; no police action.", "Police checks show nothing that needs investigating.",
			"The threshold for a criminal investigation is not met."})
	}
	if chance(r, 30) {
		p.Plan = "Police will flag the address and tell the MASH of any further call-out."
	}
}

// policePlan is the conduct of the investigation: visits, interviews, the
// suspect, the evidence and what the family may be told.
func (b *build) policePlan() string {
	r := b.r
	k := b.pupil()
	sw := b.socialWorker()
	joint := b.m.Decisions[0].Outcome == meeting.OutcomeS47Joint
	var visit string
	switch {
	case !joint && b.concern == domesticAbuse:
		visit = "Officer in charge to take a statement from " + b.mother.given + " and speak to the neighbours."
	case !joint:
		visit = "Police to lead the criminal investigation; children's social care will share what the children say."
	case b.harm == harmAdult:
		visit = "Joint visits to each family, starting with " + k.first + "'s, within 24 hours."
	case k.months < 0:
		visit = "Joint home visit with " + sw + " to see " + b.mother.given + " this week."
	case k.years() >= 4 && chance(r, 70):
		visit = fmt.Sprintf("Joint visit with %s to see %s at school %s, before %s goes home.", sw, k.first, pick(r, []string{"today", "tomorrow morning"}), k.he())
	case k.years() >= 4:
		visit = fmt.Sprintf("Joint home visit with %s %s to see %s alone.", sw, pick(r, []string{"this evening", "tomorrow"}), k.first)
	default:
		visit = "Joint home visit today to see " + k.first + " and the home."
	}
	var interview string
	if b.decided(meeting.OutcomeABEInterview) || b.concern == disclosure && chance(r, 60) {
		interview = fmt.Sprintf("ABE interview with %s at the %s suite within 48 hours; %s to observe.", k.first, pick(r, []string{"Northside", "Riverside", "Oak House"}), sw)
	}
	var suspect string
	switch b.harm {
	case harmOutsider:
		if b.concern == onlineHarm {
			suspect = k.first + "'s phone to be taken with consent and examined; the profile has been reported to CEOP."
		} else {
			suspect = "Intelligence work on the line; " + k.first + " is treated as a victim and an NRM referral will be made."
		}
	case harmAdult:
		suspect = "The " + b.adultRole + " to be arrested and his devices seized; other children to be identified from the organisation's records."
	case harmNobody:
	default:
		when := pick(r, []string{"interviewed under caution this week", "arrested today", "invited to a voluntary interview"})
		if interview != "" && chance(r, 60) {
			when = "arrested and interviewed after the ABE"
		}
		suspect = fmt.Sprintf("%s to be %s; any bail conditions to keep them away from the children.", capital(b.suspectRef), when)
		if b.harm == harmPartner {
			suspect = fmt.Sprintf("%s to be %s; bail conditions to keep him away from the home.", b.partner.given, when)
		}
		if b.harm == harmMother {
			suspect = b.mother.given + " to be interviewed under caution after the children are safe."
		}
	}
	var evidence string
	switch b.concern {
	case injuryAtSchool, injuryToBaby:
		evidence = "Photographs of the injuries to be taken at the medical."
	case disclosure:
		evidence = "School's written record of the first account to be kept."
	case domesticAbuse:
		evidence = pick(r, []string{"Body-worn footage and the 999 call to be retained.", "Photographs of the damage and injuries taken at the scene."})
	}
	told := ""
	if joint && b.harm != harmOutsider && b.harm != harmNobody && b.harm != harmMother {
		told = "The parents may be told of the joint enquiry at the visit; " + b.suspectRef + " is not to be told before " + pick(r, []string{"arrest", "interview"}) + "."
	}
	return join(visit, interview, suspect, evidence, told)
}

// medicalDecision decides on a child protection medical: needed for
// injuries, already done in hospital, not needed (with the reason) when
// nothing physical is alleged.
func (b *build) medicalDecision() {
	r := b.r
	md := &b.m.Medical
	k := b.kids[0]
	paediatrician := b.attendee(meeting.AgencyHealth, meeting.ServicePaediatrician)
	arranger := b.socialWorker()
	if paediatrician != "" && chance(r, 50) {
		arranger = paediatrician
	}
	below := !s47(b.m.Decisions[0].Outcome) && b.m.Decisions[0].Outcome != meeting.OutcomeFurtherStrategy
	switch {
	case below && !b.decided(meeting.OutcomeMedical) && (b.concern == injuryToBaby || b.concern == injuryAtSchool):
		md.Decision = meeting.MedicalDone
		md.Reason = "Seen by the paediatrician before the meeting; the findings fit the explanation given."
		md.ArrangedBy = b.attendee(meeting.AgencyHealth, meeting.ServicePaediatrician)
		if md.ArrangedBy == "" {
			md.ArrangedBy = pick(r, []string{"On-call paediatric registrar", "ED consultant"})
		}
	case b.concern == injuryToBaby && b.ref.service == meeting.ServiceEmergencyDepartment && chance(r, 70):
		md.Decision = meeting.MedicalDone
		md.Reason = "Examined in ED on arrival; skeletal survey and CT head done, ophthalmology review today."
		md.ArrangedBy = b.attendee(meeting.AgencyHealth, meeting.ServiceEmergencyDepartment)
		if md.ArrangedBy == "" {
			md.ArrangedBy = "ED paediatric registrar"
		}
	case b.decided(meeting.OutcomeMedical):
		md.Decision, md.ArrangedBy = meeting.MedicalNeeded, arranger
		md.Reason = pick(r, []string{"To assess the injury, check for others and give an opinion on the explanation.",
			"The paediatrician will see " + k.first + " today and record the injuries for police."})
		if b.concern == disclosure && b.variant == 0 {
			md.Reason = "Paediatric forensic examination at the SARC: the last contact was within seven days."
		}
	case b.concern == injuryToBaby:
		md.Decision, md.ArrangedBy = meeting.MedicalNeeded, arranger
		md.Reason = "Any injury in a non-mobile baby needs a child protection medical and a skeletal survey."
		if chance(r, 25) {
			md.Decision, md.ArrangedBy = meeting.MedicalToBeDecided, ""
			md.Reason = "The paediatrician will review the photographs and decide by the end of the day."
		}
	case b.concern == injuryAtSchool:
		switch n := r.IntN(100); {
		case n < 12:
			md.Decision = meeting.MedicalDone
			md.Reason = "Seen at the urgent treatment centre last night; the notes have been requested."
			md.ArrangedBy = b.mother.given
		case n < 22:
			md.Decision = meeting.MedicalToBeDecided
			md.Reason = "The paediatrician will review the body map and advise today."
		default:
			md.Decision = meeting.MedicalNotNeeded
			md.Reason = pick(r, []string{"The bruising is healing and recorded on a body map; a medical would add no evidence.",
				"A minor mark with a plausible explanation; no treatment or evidence is needed."})
		}
	case b.concern == disclosure:
		md.Decision = meeting.MedicalNotNeeded
		md.Reason = "The mark has healed and the school nurse has recorded it."
		if b.variant == 0 {
			md.Reason = "The touching was over clothes more than seven days ago: no forensic or medical benefit."
		}
		if chance(r, 15) {
			md.Decision = meeting.MedicalToBeDecided
			md.Reason = "To be decided after the ABE interview, when more is known about the last contact."
		}
	case b.concern == neglect && chance(r, 30):
		md.Decision, md.ArrangedBy = meeting.MedicalNeeded, arranger
		md.Reason = "Neglect medical with the community paediatrician: growth, development and dental health."
	default:
		md.Decision = meeting.MedicalNotNeeded
		md.Reason = pick(r, []string{"No injury or health concern is alleged.", "No physical harm alleged; health needs are met by the GP.",
			"Not needed: nothing a medical could find or treat."})
		switch b.concern {
		case pregnancy:
			md.Reason = "Unborn: antenatal care continues with the midwife."
		case exploitation:
			md.Reason = "A sexual health and wound check is offered through the school nurse instead."
		case neglect:
			md.Reason = "Health needs are being met through the GP and dentist; no neglect medical now."
		}
	}
}

// legalDecision decides on legal advice: needed before a birth into known
// risk, with a removal or when proceedings are near, and mostly not.
func (b *build) legalDecision() {
	r := b.r
	l := &b.m.Legal
	removal := b.decided(meeting.OutcomePoliceProtection) || b.decided(meeting.OutcomeS20Accommodation)
	switch {
	case b.decided(meeting.OutcomeEmergencyProtection):
		l.Decision, l.Reason = meeting.LegalNeeded, "Legal advice today on the application for an emergency protection order."
	case b.decided(meeting.OutcomeLegalPlanning):
		l.Decision, l.Reason = meeting.LegalNeeded, "Legal planning meeting within five working days to consider the pre-proceedings process or an application."
	case b.m.Type == meeting.TypePreBirth && s47(b.m.Decisions[0].Outcome) && chance(r, percentIf(b.variant == 0, 90, 45)): // older children adopted
		l.Decision, l.Reason = meeting.LegalNeeded, "Legal planning meeting to consider pre-proceedings before the birth."
	case removal && chance(r, 60):
		l.Decision, l.Reason = meeting.LegalNeeded, "Legal advice on the children's placement and whether an application is needed."
	case chance(r, 5):
		l.Decision, l.Reason = meeting.LegalToBeDecided, "The team manager will consult legal services after the section 47 visit."
	default:
		l.Decision = meeting.LegalNotNeeded
		switch main := b.m.Decisions[0].Outcome; {
		case b.m.Type == meeting.TypePreBirth:
			l.Reason = "Not now: to be reconsidered when the pre-birth assessment is complete."
		case s47(main) && b.harm == harmOutsider:
			l.Reason = "Not needed: the risk is from outside the family and the parents are working with professionals."
		case s47(main):
			l.Reason = pick(r, []string{"Not needed now: the family are working with the safety plan; to be reviewed at the outcome of the enquiry.",
				"Not needed at this stage; to be reviewed if the risk increases."})
		default:
			l.Reason = pick(r, []string{"The threshold for proceedings is not met.", "Not needed: no section 47 enquiry."})
		}
	}
}

// safetyPlan says what keeps the children safe now.
func (b *build) safetyPlan() {
	r := b.r
	k := b.pupil()
	main := b.m.Decisions[0].Outcome
	place := pick(r, []string{"maternal grandmother", "an aunt", "emergency foster carers"})
	switch {
	case b.placedWith != "":
		place = b.placedWith
	case b.carer != "":
		place = b.carer
	}
	switch {
	case b.decided(meeting.OutcomePoliceProtection) || b.decided(meeting.OutcomeEmergencyProtection):
		b.m.SafetyPlan = fmt.Sprintf("The children are placed with %s tonight; contact with the parents supervised by children's social care.", place)
	case b.decided(meeting.OutcomeS20Accommodation):
		b.m.SafetyPlan = fmt.Sprintf("The children stay with %s under section 20 while enquiries continue; %s can visit.", place, b.mother.given)
	case b.harm == harmAdult:
		b.m.SafetyPlan = fmt.Sprintf("The %s is suspended and has no contact with children at %s; parents told to report any contact.", b.adultRole, b.adultPlace)
	case b.concern == domesticAbuse:
		b.m.SafetyPlan = join(fmt.Sprintf("%s is not to come to the home; %s will call 999 if he does.", b.partner.given, b.mother.given),
			pick(r, []string{"Police have flagged the address.", "Sanctuary scheme to be fitted.", "School to check in with the children daily."}))
	case b.concern == exploitation:
		b.m.SafetyPlan = fmt.Sprintf("Parents to report %s missing after two hours; return home interview after each episode; %s's phone checked with %s agreement.",
			k.first, k.first, k.his())
	case b.concern == onlineHarm:
		b.m.SafetyPlan = fmt.Sprintf("%s is not to reply to the account; parents to supervise devices; school counsellor to check in daily.", k.first)
	case b.concern == parentalHealth:
		b.m.SafetyPlan = fmt.Sprintf("The children stay with %s until %s is well; no contact without another adult present.", place, b.mother.given)
	case b.concern == pregnancy:
		b.m.SafetyPlan = "Maternity unit alerted: no discharge of the baby without a discharge planning meeting; birth plan to be agreed with the midwife."
	case b.concern == neglect:
		b.m.SafetyPlan = fmt.Sprintf("Daily check by school on attendance and food; food bank referral; the social worker will visit unannounced this week; %s to attend the GP.", b.mother.given)
	case main == meeting.OutcomeNoFurtherAction || main == meeting.OutcomeEarlyHelp || main == meeting.OutcomeAssessment:
		b.m.SafetyPlan = fmt.Sprintf("No immediate safety plan needed: the children are safe with %s; school will monitor and refer any new concern.", b.mother.given)
	default:
		b.m.SafetyPlan = fmt.Sprintf("%s is not to be alone with the children; %s will stay at the home until the joint visit.", capital(b.suspectRef),
			b.stayer(pick(r, []string{"maternal grandmother", "an aunt", "a family friend"})))
		if b.harm == harmMother {
			b.m.SafetyPlan = fmt.Sprintf("The children stay with %s until the joint visit; %s agreed.", place, b.mother.given)
		}
	}
}

// nextMeeting books the further strategy meeting the decisions call for,
// and sometimes a review of a section 47 enquiry: UK time, working hours.
func (b *build) nextMeeting() {
	r := b.r
	day := b.reconvene
	if !b.decided(meeting.OutcomeFurtherStrategy) {
		if !s47(b.m.Decisions[0].Outcome) || !chance(r, percentIf(b.m.Type == meeting.TypeReview, 25, 10)) {
			return
		}
		day = b.g.cal.AddWorkingDays(b.heldOn, 10+r.IntN(6))
	}
	minute := 9*60 + 30*r.IntN(14)
	b.m.NextMeetingAt = time.Date(day.Year, day.Month, day.Day, minute/60, minute%60, 0, 0, meeting.UK)
}

func percentIf(cond bool, yes, no int) int {
	if cond {
		return yes
	}
	return no
}

// halfWritten leaves a draft as far as the chair has typed: the
// discussion runs in order and stops at some point, or is all there but
// not yet signed off.
func (b *build) halfWritten() {
	r := b.r
	if chance(r, 30) {
		return
	}
	m := b.m
	switch stage := r.IntN(10); stage {
	case 0:
		m.Information = m.Information[:r.IntN(len(m.Information)+1)]
		if n := len(m.Information); n > 0 {
			m.Information[n-1].Outstanding, m.Information[n-1].View = "", ""
		}
		fallthrough
	case 1:
		if stage == 1 {
			m.Analysis.Strengths, m.Analysis.Dissent = "", ""
		} else {
			m.Analysis = meeting.Analysis{}
		}
		fallthrough
	case 2:
		m.Police = meeting.Police{}
		fallthrough
	case 3:
		m.Medical = meeting.Medical{}
		fallthrough
	case 4:
		m.Legal = meeting.Legal{}
		fallthrough
	case 5:
		m.SafetyPlan = ""
		fallthrough
	case 6:
		m.Household, m.OtherChildren = nil, ""
		fallthrough
	case 7:
		m.FamilyPlan = nil
		fallthrough
	case 8:
		for i := range m.Children {
			m.Children[i].Views = ""
		}
		fallthrough
	default:
		m.NextMeetingAt = time.Time{}
	}
}
