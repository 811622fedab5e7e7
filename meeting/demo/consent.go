package demo

import (
	"strategyminutes/meeting"
)

var consentStatuses = []weighted[meeting.ConsentStatus]{
	{meeting.ConsentGiven, 30}, {meeting.ConsentRefused, 10}, {meeting.ConsentOverridden, 20}, {meeting.ConsentNotSought, 30},
}

// Why consent was not sought. The reason decides whether the parents have
// been told yet.
type notSoughtBecause int

const (
	policeInvestigation notSoughtBecause = iota
	increasedRisk
	urgency
	noContact
)

// consent records how consent for checks was handled, with the gaps the
// inspectors found: overrides without a reason, parents' views left blank.
// Older records more often have no consent record at all.
func (b *build) consent() *meeting.Consent {
	r := b.r
	if r.IntN(1000) < 200*(1000-b.permille)/1000 {
		return nil
	}
	c := &meeting.Consent{Status: choose(r, consentStatuses)}
	child := b.kids[0].first
	if b.kids[0].months < 0 {
		child = "the baby"
	}
	policeOfficer := ""
	for _, a := range b.m.Attendees {
		if a.Agency == meeting.AgencyPolice && a.Attendance != meeting.NotInvited {
			policeOfficer = a.Name
			break
		}
	}

	switch c.Status {
	case meeting.ConsentGiven:
		if chance(r, 40) {
			c.DecidedBy = b.m.Chair
		}
		c.LawfulBasis = choose(r, []weighted[meeting.LawfulBasis]{{meeting.BasisPublicTask, 65}, {meeting.BasisConsent, 15}, {"", 20}})
		c.ParentsInformed = choose(r, []weighted[meeting.ParentsInformed]{{meeting.ParentsInformedYes, 88}, {"", 12}})
		if chance(r, 10) {
			c.Reason = "Mother gave consent by phone before the meeting for checks with the school, the GP and the health visitor."
		}
		b.parentsViews(c, 60)
	case meeting.ConsentRefused:
		if chance(r, 50) {
			c.Reason = "Father refused consent for checks with the GP; checks limited to the police and school information already held."
		}
		if chance(r, 50) {
			c.DecidedBy = b.m.Chair
			c.LawfulBasis = meeting.BasisPublicTask
		}
		c.ParentsInformed = choose(r, []weighted[meeting.ParentsInformed]{{meeting.ParentsInformedYes, 80}, {meeting.ParentsInformedNo, 10}, {"", 10}})
		b.parentsViews(c, 70)
	case meeting.ConsentOverridden:
		if chance(r, 75) {
			c.Reason = pick(r, []string{
				"Mother refused consent for checks with health and school. Overridden because the information is needed to judge whether " + child + " is at risk of significant harm, and delay would increase the risk.",
				"Father refused, saying social services have no right to contact the GP. Overridden as proportionate to the risk to the children.",
				"Parents withdrew consent during the meeting. Overridden so that the section 47 enquiry can proceed.",
			})
		}
		b.withoutConsent(c, policeOfficer != "" && chance(r, 20), policeOfficer)
		c.ParentsInformed = choose(r, []weighted[meeting.ParentsInformed]{
			{meeting.ParentsInformedYes, 50}, {meeting.ParentsInformedNo, 20}, {meeting.ParentsInformedNotYet, 25}, {"", 5}})
		b.informedReason(c, false)
		b.parentsViews(c, 35)
	case meeting.ConsentNotSought:
		because := choose(r, []weighted[notSoughtBecause]{{policeInvestigation, 40}, {increasedRisk, 25}, {urgency, 20}, {noContact, 15}})
		if chance(r, 75) {
			c.Reason = notSoughtReason(because, child, b.suspect)
		}
		police := because == policeInvestigation
		b.withoutConsent(c, police && policeOfficer != "" && chance(r, 60), policeOfficer)
		informed := []weighted[meeting.ParentsInformed]{{meeting.ParentsInformedNotYet, 35}, {meeting.ParentsInformedYes, 35}, {meeting.ParentsInformedNo, 20}, {"", 10}}
		if police {
			informed = []weighted[meeting.ParentsInformed]{{meeting.ParentsInformedNotYet, 75}, {meeting.ParentsInformedNo, 10}, {meeting.ParentsInformedYes, 10}, {"", 5}}
		}
		c.ParentsInformed = choose(r, informed)
		b.informedReason(c, police)
		b.parentsViews(c, 10)
	}

	if c.ParentsInformed == meeting.ParentsInformedYes && chance(r, 85) {
		c.ParentsInformedOn = addDays(b.heldOn, r.IntN(4))
		if c.ParentsInformedOn.After(AsOf) {
			c.ParentsInformedOn = AsOf
		}
	}
	for _, k := range b.born() {
		if k.years() >= 8 {
			if chance(r, 30) {
				views := []string{
					k.first + " did not want to talk to the social worker without mum present.",
					k.first + " said " + k.he() + " just wants it to stop and for nobody else to get hurt.",
				}
				if b.m.Type != meeting.TypeComplex {
					views = append(views,
						k.first+" said "+k.he()+" feels safe at nan's house and does not want to go home while "+b.partner.given+" is there.",
						k.first+" wants to stay at home but wants the shouting to stop.",
						k.first+" said "+k.he()+" wants to live with dad.")
				}
				c.ChildViews = pick(r, views)
			}
			break
		}
	}
	return c
}

// withoutConsent records who decided to share without consent and on what
// basis: police decisions rest on law enforcement, the council's on public
// task, and a few records cite a basis that does not fit.
func (b *build) withoutConsent(c *meeting.Consent, byPolice bool, officer string) {
	r := b.r
	if chance(r, 85) {
		c.DecidedBy = b.m.Chair
		if byPolice {
			c.DecidedBy = officer
		}
	}
	if chance(r, 80) {
		c.AuthorisedBy = pick(r, b.g.staff.serviceManagers)
	}
	if byPolice && chance(r, 85) {
		c.LawfulBasis = meeting.BasisLawEnforcement
		return
	}
	c.LawfulBasis = choose(r, []weighted[meeting.LawfulBasis]{{meeting.BasisPublicTask, 75}, {meeting.BasisVitalInterests, 12},
		{meeting.BasisLegalObligation, 5}, {meeting.BasisConsent, 3}, {"", 5}})
}

func (b *build) informedReason(c *meeting.Consent, police bool) {
	r := b.r
	if !chance(r, 80) {
		return
	}
	switch c.ParentsInformed {
	case meeting.ParentsInformedNotYet:
		if police {
			c.ParentsInformedReason = pick(r, []string{
				"Police advise the parents are not told until " + b.suspectRef + " has been arrested and interviewed.",
				"Parents to be told at the joint visit with police tomorrow.",
			})
			return
		}
		c.ParentsInformedReason = pick(r, []string{"Social worker to tell the parents after the medical.",
			"To be told once the children are safe at their grandmother's.", "Parents to be told at the home visit."})
	case meeting.ParentsInformedNo:
		c.ParentsInformedReason = pick(r, []string{"Father's whereabouts unknown.", "Parents could not be reached; letter sent.",
			"Not told: risk that the family would leave the country."})
	}
}

func (b *build) parentsViews(c *meeting.Consent, percent int) {
	r := b.r
	if !chance(r, percent) {
		return
	}
	c.ParentsViews = pick(r, []string{
		"Mother said she understands why the meeting is needed and wants the children to stay with her.",
		"Father said social services are picking on the family and he will not agree to anything.",
		"Mother agreed to the checks but asked that the school is not told about her mental health.",
		"Parents deny the allegation and say the family are being treated unfairly.",
		"Mother said she is relieved someone is helping and that she is frightened of " + b.suspectRef + ".",
	})
}

func notSoughtReason(because notSoughtBecause, child, suspect string) string {
	switch because {
	case policeInvestigation:
		return "Not sought: telling the parents before police have interviewed " + suspect + " could prejudice the criminal investigation."
	case increasedRisk:
		return "Not sought: " + child + " would be at greater risk of harm, or of being pressured to retract, if the parents knew before the joint visit."
	case urgency:
		return "Not sought because of urgency: the discussion was needed immediately to keep the children safe."
	}
	return "Not sought: the parents could not be contacted before the meeting despite calls and a home visit."
}
