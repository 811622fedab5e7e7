package demo

import (
	"fmt"
	"strings"

	"strategyminutes/meeting"
)

// dob is a date of birth for someone aged years (and some months) on the
// day of the meeting.
func (b *build) dob(years int) meeting.Date {
	return meeting.DateOf(dayTime(b.heldOn).AddDate(-years, -b.r.IntN(12), -1-b.r.IntN(27)))
}

// eldest is the age in years of the oldest child of the meeting, 0 for none
// born.
func (b *build) eldest() int {
	e := 0
	for _, k := range b.born() {
		e = max(e, k.years())
	}
	return e
}

// household lists the adults and the other children in the household or
// in contact with whoever is alleged to have caused the harm. The meeting's
// own children are in Children, never here.
func (b *build) household() {
	r := b.r
	add := func(p meeting.Member) *meeting.Member {
		p.ID = fmt.Sprintf("p%d", len(b.m.Household)+1)
		b.m.Household = append(b.m.Household, p)
		return &b.m.Household[len(b.m.Household)-1]
	}
	b.m.Household = make([]meeting.Member, 0, 6)
	if b.harm == harmAdult {
		b.complexHousehold(add)
		return
	}

	motherAge := b.eldest() + 18 + r.IntN(17)
	if b.m.Type == meeting.TypePreBirth && b.variant == 5 { // "She is 16 and living with a 24-year-old partner"
		motherAge = 16
	}
	mother := add(meeting.Member{Name: b.mother.String(), Relationship: meeting.RelationshipMother, LivesWithChild: true,
		Alleged: b.harm == harmMother})
	if !chance(r, 4) {
		mother.DateOfBirth = b.dob(motherAge)
	}
	alone := b.concern == parentalHealth && b.variant == 0 // "There is no other adult in the household"
	if alone {
		mother.Note = "Detained in hospital under the Mental Health Act."
	}

	rel := b.partnerRel
	if rel == "" {
		switch {
		case b.m.Type == meeting.TypePreBirth || b.surnames.children == b.surnames.father ||
			strings.HasPrefix(b.surnames.children.base, b.surnames.father.base+"-"): // his name, or his and hers
			rel = meeting.RelationshipFather
		case chance(r, 55):
			rel = meeting.RelationshipFather
		default:
			rel = choose(r, []weighted[meeting.Relationship]{{meeting.RelationshipParentPartner, 70}, {meeting.RelationshipStepParent, 30}})
		}
	}
	partner := add(meeting.Member{Name: b.partner.String(), Relationship: rel, LivesWithChild: true, Alleged: b.harm == harmPartner})
	switch {
	case b.m.Type == meeting.TypePreBirth && b.variant == 5:
		partner.DateOfBirth = b.dob(24)
	case !chance(r, 12):
		partner.DateOfBirth = b.dob(max(18, motherAge-3+r.IntN(10)))
	}
	switch {
	case alone:
		partner.LivesWithChild = false
		partner.Note = pick(r, []string{"Separated; lives elsewhere and has not seen the children for months.", "Lives elsewhere; has offered to help."})
	case b.concern == domesticAbuse && b.variant == 0:
		partner.LivesWithChild = false
		partner.Note = fmt.Sprintf("Bailed to an address in %s; conditions not to contact %s or go to the home.",
			pick(r, []string{"Croydon", "Enfield", "Dartford", "Harlow", "Slough", "Luton"}), b.mother.given)
	case rel == meeting.RelationshipFather && chance(r, 12):
		partner.LivesWithChild = false
		partner.Note = pick(r, []string{"Separated from " + b.mother.given + "; has the children every other weekend.",
			"Lives nearby with his mother and visits most days.", "Works away during the week; home at weekends."})
	case rel != meeting.RelationshipFather:
		partner.Note = pick(r, []string{
			fmt.Sprintf("In a relationship with %s for %d months; moved in %s.", b.mother.given, 4+r.IntN(30), pick(r, []string{"recently", "last year", "in the spring"})),
			"Not the children's father; stays at the home most nights.",
			fmt.Sprintf("%s's partner; not known to partners before this referral.", b.mother.given),
		})
	}
	if b.harm == harmPartner && b.partnerAlleged() && b.harmBoth() {
		mother.Alleged = true
		mother.Note = join(mother.Note, "Both parents were caring for "+b.kids[0].first+" when the injury happened; neither is excluded.")
	}
	if b.harm == harmMother && b.concern == neglect && partner.LivesWithChild && chance(r, 50) {
		partner.Alleged = true
	}

	if rel != meeting.RelationshipFather {
		bg := b.bg
		if chance(r, 20) {
			bg = familyBackground(r)
		}
		father := b.relative(bg, false, "")
		if b.surnames.children == b.surnames.father && bg == b.surnames.father.bg { // the children have their father's name
			father = b.relative(bg, false, b.surnames.father.base)
		}
		f := add(meeting.Member{Name: father.String(), Relationship: meeting.RelationshipFather,
			Note: pick(r, []string{"Lives in " + pick(r, []string{"Croydon", "Birmingham", "Kent", "Leeds", "Romford"}) + "; sees the children most weekends.",
				"No contact for two years; whereabouts not known.", "In prison; no contact with the children.",
				"Lives abroad; occasional video calls.", "Has parental responsibility; contact arranged through the family court."})})
		if chance(r, 60) {
			f.DateOfBirth = b.dob(max(18, motherAge+r.IntN(8)))
		}
	}

	b.namedMembers(add)

	if b.carer == "maternal grandmother" || chance(r, 15) {
		gm := b.relative(b.bg, true, b.surnames.mother.base)
		if b.surnames.mother == b.surnames.father && chance(r, 70) { // the mother took her partner's name
			gm = b.relative(b.bg, true, "")
		}
		g := add(meeting.Member{Name: gm.String(), Relationship: meeting.RelationshipGrandparent, LivesWithChild: chance(r, 15),
			Note: pick(r, []string{"Maternal grandmother; lives nearby and helps with school runs.", "Maternal grandmother; has offered to care for the children.",
				"Maternal grandmother; a protective adult the children are close to."})})
		if chance(r, 50) {
			g.DateOfBirth = b.dob(motherAge + 20 + r.IntN(12))
		}
	}

	if chance(r, 25) {
		b.otherChildren(add, motherAge)
	}
	for _, p := range b.m.Household {
		if meeting.ChildRelationship(p.Relationship) {
			return
		}
	}
	b.m.OtherChildren = b.noOtherChildren()
}

// partnerAlleged reports whether the partner is who the harm is alleged
// against.
func (b *build) partnerAlleged() bool { return b.harm == harmPartner }

// harmBoth decides whether a baby's unexplained injury is alleged against
// both parents, who were its only carers.
func (b *build) harmBoth() bool {
	return b.concern == injuryToBaby && chance(b.r, 40)
}

// namedMembers adds whoever a child's account named besides the parents.
func (b *build) namedMembers(add func(meeting.Member) *meeting.Member) {
	r := b.r
	first := b.kids[0]
	var p meeting.Member
	switch b.harm {
	case harmCousin:
		cousin := b.relative(b.bg, false, "")
		p = meeting.Member{Name: cousin.String(), Relationship: meeting.RelationshipOtherRelative, DateOfBirth: b.dob(min(first.years()+2+r.IntN(4), 19)),
			Note: "Older cousin; stays at the home most weekends."}
	case harmFriend:
		friend := b.relative(familyBackground(r), false, "")
		p = meeting.Member{Name: friend.String(), Relationship: meeting.RelationshipOtherAdult,
			Note: "Family friend; visits the home often and has babysat."}
		if chance(r, 60) {
			p.DateOfBirth = b.dob(25 + r.IntN(30))
		}
	case harmBoy:
		boy := b.relative(familyBackground(r), false, "")
		p = meeting.Member{Name: boy.String(), Relationship: meeting.RelationshipOtherChild, DateOfBirth: b.dob(min(first.years()+1+r.IntN(4), 17)),
			Note: "Lives on the same estate; not related to the family."}
	case harmUncle:
		uncle := b.relative(b.bg, false, b.surnames.mother.base)
		p = meeting.Member{Name: uncle.String(), Relationship: meeting.RelationshipOtherRelative, LivesWithChild: chance(r, 30),
			Note: "Maternal uncle; looks after the children when " + b.mother.given + " works late."}
		if chance(r, 70) {
			p.DateOfBirth = b.dob(22 + r.IntN(25))
		}
	case harmBrother:
		brother := b.relative(b.bg, false, b.surnames.children.base)
		brother.family = b.surnames.children.form(false)
		p = meeting.Member{Name: brother.String(), Relationship: meeting.RelationshipSibling, LivesWithChild: true,
			DateOfBirth: b.dob(min(first.years()+2+r.IntN(4), 19)), Note: "Older brother; shares a bedroom with the younger children."}
	case harmGrandfather:
		gf := b.relative(b.bg, false, b.surnames.father.base)
		p = meeting.Member{Name: gf.String(), Relationship: meeting.RelationshipGrandparent, LivesWithChild: chance(r, 30),
			Note: "Paternal grandfather; the children stay with him after school."}
	default:
		return
	}
	p.Alleged = true
	add(p)
	if p.AllegedChild(b.heldOn) && b.m.Analysis.Worries != "" {
		b.m.Analysis.Worries += " " + firstName(p.Name, b) + " is under 18: a separate strategy discussion will consider " + his(false) + " own needs and risks."
	}
}

// complexHousehold lists the adult alleged and the children in contact
// with them; the families of the children are many, so only the first
// child's mother is listed.
func (b *build) complexHousehold(add func(meeting.Member) *meeting.Member) {
	r := b.r
	bg := familyBackground(r)
	base := pick(r, bg.surnames)
	adult := b.relative(bg, false, base) // the texts say "his devices", "children of his own"
	a := add(meeting.Member{Name: adult.String(), Relationship: meeting.RelationshipOtherAdult, Alleged: true,
		Note: fmt.Sprintf("%s at %s; suspended pending enquiries.", capital(b.adultRole), b.adultPlace)})
	age := 24 + r.IntN(35)
	if chance(r, 70) {
		a.DateOfBirth = b.dob(age)
	}
	if chance(r, 45) {
		for range 1 + r.IntN(2) {
			c := b.relative(bg, r.IntN(2) == 0, base)
			add(meeting.Member{Name: c.String(), Relationship: meeting.RelationshipOtherChild, DateOfBirth: b.dob(r.IntN(min(age-18, 17) + 1)),
				Note: "Child of the " + b.adultRole + "; lives with him part of the week."})
		}
	}
	m := add(meeting.Member{Name: b.mother.String(), Relationship: meeting.RelationshipMother, LivesWithChild: true,
		Note: "Mother of " + b.kids[0].first + "."})
	if chance(r, 70) {
		m.DateOfBirth = b.dob(b.kids[0].years() + 20 + r.IntN(15))
	}
	for _, p := range b.m.Household {
		if meeting.ChildRelationship(p.Relationship) {
			return
		}
	}
	b.m.OtherChildren = pick(r, []string{
		fmt.Sprintf("Police are identifying the other children who had contact with the %s at %s; each will be considered at a further meeting.", b.adultRole, b.adultPlace),
		fmt.Sprintf("The %s has no children of his own; %s has given police a list of the children he coached or supervised.", b.adultRole, b.adultPlace),
		"Other children at the organisation are being identified through its registers; the LADO will share the list with police.",
	})
}

// otherChildren adds children of the household, or in contact with it,
// who are not the meeting's: a half-sibling living with their father, the
// partner's child, a cousin living in the home.
func (b *build) otherChildren(add func(meeting.Member) *meeting.Member, motherAge int) {
	r := b.r
	for range choose(r, []weighted[int]{{1, 80}, {2, 20}}) {
		female := r.IntN(2) == 0
		age := r.IntN(max(1, min(17, motherAge-16)))
		pronoun := "he"
		if female {
			pronoun = "she"
		}
		switch r.IntN(3) {
		case 0:
			p := b.relative(b.bg, female, "")
			add(meeting.Member{Name: p.String(), Relationship: meeting.RelationshipHalfSibling, DateOfBirth: b.dob(age),
				Note: fmt.Sprintf("Lives with %s father; stays with %s alternate weekends.", his(female), b.mother.given)})
		case 1:
			p := b.relative(b.surnames.father.bg, female, b.surnames.father.base)
			add(meeting.Member{Name: p.String(), Relationship: meeting.RelationshipOtherChild, DateOfBirth: b.dob(age),
				Note: fmt.Sprintf("%s's child from a previous relationship; %s visits on Saturdays.", b.partner.given, pronoun)})
		default:
			p := b.relative(b.bg, female, "")
			add(meeting.Member{Name: p.String(), Relationship: meeting.RelationshipOtherChild, DateOfBirth: b.dob(age), LivesWithChild: true,
				Note: "Cousin; has lived with the family since " + pick(r, []string{"the summer", "last year", "January"}) + "."})
		}
	}
}

func his(female bool) string {
	if female {
		return "her"
	}
	return "his"
}

// noOtherChildren says that other children were considered and there are
// none, in the words chairs use.
func (b *build) noOtherChildren() string {
	r := b.r
	who := b.suspectRef
	if b.harm == harmNobody || b.harm == harmOutsider {
		who = "the adults concerned"
	}
	switch r.IntN(4) {
	case 0:
		return "No other children in the household or in contact with " + who + "."
	case 1:
		if len(b.kids) > 1 {
			return "All the children of the household are subjects of this meeting; no other children are known to be in contact with " + who + "."
		}
		return "No other children live in the household; police checks found no other children linked to " + who + "."
	case 2:
		return "Considered: " + who + " has no other children and no known contact with other children."
	}
	return "No other children identified. The social worker will ask " + b.mother.given + " at the visit about any other children who spend time at the home."
}

// familyPlan says what each parent or carer, and each child old enough,
// is told, by whom and when, or why not yet.
func (b *build) familyPlan() {
	r := b.r
	sw := b.socialWorker()
	officer := b.officerName()
	main := b.m.Decisions[0].Outcome
	investigating := b.m.Police.Investigation == meeting.InvestigationYes
	visit := b.g.cal.OnOrAfter(addDays(b.heldOn, r.IntN(2)))
	told := func(n int) meeting.Date { return b.g.cal.OnOrAfter(addDays(b.heldOn, n)) }
	b.m.FamilyPlan = make([]meeting.FamilyLine, 0, max(len(b.m.Household), len(b.kids))+2)
	line := func(p meeting.Member) meeting.FamilyLine {
		return meeting.FamilyLine{Person: p.Name, Relationship: p.Relationship, By: sw, On: visit}
	}
	abe := b.decided(meeting.OutcomeABEInterview) || strings.Contains(b.m.Police.Plan, "ABE interview")
	teller := officer // who tells later, from those at the meeting
	if b.attendee(meeting.AgencyPolice, "") == "" {
		teller = sw
	}
	withhold := func(l *meeting.FamilyLine, name string) {
		l.Withheld, l.By = true, teller
		l.WithheldReason = pick(r, []string{
			"Police ask that " + name + " is not told before arrest and interview: evidence could be lost.",
			"Not until police have spoken to " + name + ": risk of evidence being destroyed.",
		})
		if abe && chance(r, 50) {
			l.WithheldReason = "Telling " + name + " before the ABE interview could prejudice the investigation."
		}
		l.WithheldUntil = told(2 + r.IntN(6))
		l.What = "Told by police on arrest; the social worker explains the outcome after."
		if s47(main) {
			l.What = "Told by police on arrest; the social worker explains the enquiry after."
		}
		l.On = meeting.Date{}
	}

	if b.harm == harmAdult {
		for _, k := range b.kids {
			b.m.FamilyPlan = append(b.m.FamilyPlan, meeting.FamilyLine{
				Person: "Parents of " + b.m.Children[indexOf(b.kids, k.id)].Name, Relationship: meeting.RelationshipCarer, By: sw, On: visit,
				What: pick(r, []string{
					"Told at a joint visit what is alleged and that the " + b.adultRole + " is suspended; asked not to discuss it with other parents.",
					"Told of the concern at a joint visit with police.",
				})})
		}
		for _, p := range b.m.Household {
			switch {
			case p.Alleged:
				l := meeting.FamilyLine{Person: p.Name, Relationship: p.Relationship}
				withhold(&l, "the "+b.adultRole)
				b.m.FamilyPlan = append(b.m.FamilyPlan, l)
			case p.Relationship == meeting.RelationshipMother || p.Relationship == meeting.RelationshipFather ||
				p.Relationship == meeting.RelationshipStepParent || p.Relationship == meeting.RelationshipParentPartner ||
				p.Relationship == meeting.RelationshipCarer:
				// A parent in the alleged adult's household is told by
				// police when they speak to that household.
				l := meeting.FamilyLine{Person: p.Name, Relationship: p.Relationship}
				withhold(&l, "the "+b.adultRole+"'s household")
				b.m.FamilyPlan = append(b.m.FamilyPlan, l)
			}
		}
		return
	}

	for _, p := range b.m.Household {
		switch p.Relationship {
		case meeting.RelationshipMother, meeting.RelationshipFather, meeting.RelationshipStepParent, meeting.RelationshipParentPartner, meeting.RelationshipCarer:
		default: // an adult named as the abuser; a child who is has a separate discussion
			if !p.Alleged || p.AllegedChild(b.heldOn) {
				continue
			}
		}
		l := line(p)
		switch {
		case p.Alleged && investigating && (chance(r, 85) || b.harm != harmPartner && b.harm != harmMother):
			withhold(&l, firstName(p.Name, b))
		case p.Relationship == meeting.RelationshipMother && b.concern == parentalHealth && b.variant == 0:
			l.What = "To be told of the plan for the children when the ward says she is well enough."
			l.On = told(1 + r.IntN(3))
		case p.Relationship == meeting.RelationshipMother && b.concern == domesticAbuse:
			l.What = pick(r, []string{
				"Told by phone, when " + b.partner.given + " is not there, of the outcome and the safety plan.",
				"Told at the home visit; IDVA support offered.",
			})
			if s47(main) && chance(r, 50) {
				l.What = "Told by phone, when " + b.partner.given + " is not there, of the enquiry and the safety plan."
			}
			if name := b.attendee(meeting.AgencyDomesticAbuse, ""); name != "" && chance(r, 50) {
				l.By = name
			}
		case !p.LivesWithChild && p.Relationship == meeting.RelationshipFather && strings.Contains(p.Note, "whereabouts"):
			l.What = "To be told once traced; police and the GP asked for an address."
			l.On = meeting.Date{}
		case !p.LivesWithChild:
			l.What = "Told by phone of the outcome and asked for his views."
			l.On = told(1 + r.IntN(2))
		case s47(main) && investigating:
			l.What = "Told at the joint visit with " + officer + "; asked for consent to the checks."
			if b.m.Medical.Decision == meeting.MedicalNeeded {
				l.What = "Told at the joint visit with " + officer + "; asked for consent to the medical."
			}
		case s47(main):
			l.What = pick(r, []string{"Told at the home visit what was decided and what the enquiry involves.",
				"Told by phone after the meeting; visit arranged for the next day.",
				"Told face to face, with the leaflet for parents about child protection enquiries."})
		case main == meeting.OutcomeNoFurtherAction:
			l.What = "Told by phone: no further action; letter to follow."
		case main == meeting.OutcomeEarlyHelp:
			l.What = "Told of the outcome; early help offered."
		case main == meeting.OutcomeFurtherStrategy:
			l.What = "Told partners are gathering information and will meet again."
		default:
			l.What = "Told an assessment will start; asked for consent to the checks."
		}
		if l.By == "" {
			l.By = sw
		}
		b.m.FamilyPlan = append(b.m.FamilyPlan, l)
	}

	children := 0
	for _, k := range b.born() {
		if k.years() < 7 || children == 1 {
			continue
		}
		children++
		l := meeting.FamilyLine{Person: k.first, Relationship: meeting.RelationshipChild, By: sw, On: visit}
		switch {
		case b.decided(meeting.OutcomeABEInterview):
			l.What = "Told what an ABE interview is and that " + k.he() + " can stop at any time."
		case s47(main):
			l.What = pick(r, []string{
				"Told at school, in words that fit " + k.his() + " age, what happens next.",
				"Told what was decided and who else knows.",
			})
		default:
			l.What = "Told what was decided and who to talk to if worried."
		}
		b.m.FamilyPlan = append(b.m.FamilyPlan, l)
	}
}

// firstName is how the minutes refer to a household member: the given
// name of the mother or partner, or their full name.
func firstName(name string, b *build) string {
	switch {
	case len(b.m.Household) > 0 && b.m.Household[0].Relationship == meeting.RelationshipMother && name == b.m.Household[0].Name:
		return b.mother.given
	case b.partnerMember() != nil && name == b.partnerMember().Name:
		return b.partner.given
	}
	return name
}

// partnerMember is the partner's row of the household: the second, after
// the mother's, except in a complex case, which lists no partner.
func (b *build) partnerMember() *meeting.Member {
	if b.harm == harmAdult || len(b.m.Household) < 2 {
		return nil
	}
	return &b.m.Household[1]
}

func indexOf(ks []kid, id string) int {
	for i, k := range ks {
		if k.id == id {
			return i
		}
	}
	return 0
}

// partnerCalled is what the children call the partner: dad, or his name.
func (b *build) partnerCalled() string {
	if p := b.partnerMember(); p != nil && p.Relationship == meeting.RelationshipFather {
		return "dad"
	}
	return b.partner.given
}

// theChildren is how the text refers to the meeting's children together:
// a first name, "the baby" or "the children".
func (b *build) theChildren() string {
	switch born := b.born(); {
	case len(born) == 0:
		return "the baby"
	case len(b.kids) == 1:
		return born[0].first
	}
	return "the children"
}

// views gives each child's own views, or for the youngest what was
// observed.
func (b *build) views() {
	r := b.r
	for i, k := range b.kids {
		var v string
		switch y := k.years(); {
		case k.months < 0:
			v = pick(r, []string{
				"Not yet born; the baby's needs are considered through the midwife's information and " + b.mother.given + "'s antenatal care.",
				"Unborn: the baby's safety after birth is the focus of the pre-birth assessment.",
			})
		case y < 2:
			v = "Too young to give views; observed " + pick(r, []string{
				"by the health visitor to be alert and responsive, and to settle quickly with " + b.mother.given,
				"to be quiet and watchful, and not to cry when handled by staff",
				"feeding well and meeting " + k.his() + " milestones",
				"to flinch when an adult raised a voice during the visit",
			}) + "."
		case y < 5:
			v = "Too young to give a full account; " + pick(r, []string{
				"at nursery " + k.he() + " plays happily but becomes upset at collection time",
				"observed to be clingy with " + b.mother.given + " and wary of new adults",
				k.he() + " told nursery staff that \"daddy shouts\"",
				"observed to be well dressed and chatty at the home visit",
			}) + "."
		case i > 0 && chance(r, 40) || chance(r, 12):
			v = "Not yet spoken to; the social worker will see " + k.him() + " alone at " + pick(r, []string{"school", "home", "the family hub"}) + " within 24 hours."
		default:
			v = b.childWords(k, i == 0)
		}
		b.m.Children[i].Views = v
	}
}

// childWords is what a child old enough to say has said, fitting the
// concern.
func (b *build) childWords(k kid, first bool) string {
	r := b.r
	switch {
	case !first:
		return k.first + pick(r, []string{
			" said home is \"OK\" and that " + k.he() + " wants everyone to stop arguing.",
			" said " + k.he() + " did not see anything and does not want to talk about it.",
			" wants to stay at home with " + k.his() + " brothers and sisters.",
			" told school " + k.he() + " is worried about " + b.kids[0].first + ".",
		})
	case b.concern == domesticAbuse:
		return k.first + pick(r, []string{
			" said " + k.he() + " is scared when " + b.partnerCalled() + " drinks and wants " + b.partnerCalled() + " to stay away.",
			" wants to stay with mum and said the shouting makes " + k.him() + " hide in " + k.his() + " room.",
			" said " + k.he() + " loves " + k.his() + " dad but does not want the fighting.",
		})
	case b.concern == exploitation:
		return k.first + pick(r, []string{
			" says " + k.he() + " is fine and that the people " + k.he() + " is with are friends.",
			" would not engage with the social worker and said " + k.he() + " just wants to be left alone.",
			" said " + k.he() + " owes people money and is frightened of what will happen if " + k.he() + " stops.",
		})
	case b.concern == onlineHarm:
		return k.first + " said " + k.he() + " feels " + pick(r, []string{"stupid and embarrassed", "scared the pictures will be shared", "relieved that adults know"}) +
			" and asked that " + pick(r, []string{"dad is not told", "friends at school do not find out", "the police deal with it quickly"}) + "."
	case b.concern == neglect:
		return k.first + pick(r, []string{
			" said there is sometimes no food and that " + k.he() + " looks after the younger ones.",
			" said " + k.he() + " likes school because of breakfast club.",
			" said mum is tired a lot and " + k.he() + " gets " + k.him() + "self ready for school.",
		})
	case b.concern == disclosure, b.concern == injuryAtSchool:
		return k.first + pick(r, []string{
			" said " + k.he() + " does not want to go home tonight.",
			" wants it to stop but does not want anyone to get into trouble.",
			" said " + k.he() + " feels safe at school and with " + pick(r, []string{"nan", "an aunt", "mum"}) + ".",
			" asked what will happen to " + k.his() + " family and whether " + k.he() + " will have to move.",
		})
	case b.harm == harmAdult:
		return k.first + pick(r, []string{
			" said " + k.he() + " does not want to go back to the club and is worried others will find out.",
			" has not said anything about the " + b.adultRole + "; " + k.he() + " wants to keep going to sessions.",
		})
	}
	return k.first + pick(r, []string{
		" said " + k.he() + " misses mum and wants to know when she is coming home.",
		" said " + k.he() + " is happy at home and does not want anything to change.",
		" wants to stay with " + k.his() + " family and asked for help for mum.",
	})
}

// relative is a new person of the household, named unlike the parents and
// the children so that the minutes are never ambiguous.
func (b *build) relative(bg *background, female bool, family string) person {
	p := bg.person(b.r, female, family)
	for tries := 0; tries < 12 && (b.nameTaken(p.given, len(b.kids)) || b.memberNamed(p.given)); tries++ {
		p = bg.person(b.r, female, family)
	}
	return p
}

// memberNamed reports whether someone in the household already has the
// given name.
func (b *build) memberNamed(given string) bool {
	for _, p := range b.m.Household {
		if strings.Contains(p.Name, given) {
			return true
		}
	}
	return false
}
