package demo

import (
	"fmt"
	"slices"
	"strings"

	"strategyminutes/meeting"
)

// information records what each agency that attended or sent a report
// shared: one entry per agency, per health service and per school.
func (b *build) information() {
	type source struct {
		agency  meeting.Agency
		service meeting.Service
		role    string
	}
	var buf [16]source
	seen := buf[:0]
	schools := false // a school has spoken
	b.m.Information = make([]meeting.Information, 0, len(b.m.Attendees))
	for _, a := range b.m.Attendees {
		switch a.Attendance {
		case meeting.Attended, meeting.AttendedPart, meeting.ApologiesInfo:
		default:
			continue
		}
		key := source{a.Agency, a.Service, ""}
		if a.Agency == meeting.AgencyEducation {
			key.role = a.Role // siblings at two schools: two entries
		}
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		e := meeting.Information{Agency: a.Agency, Service: a.Service, SharedBy: a.Name}
		e.Summary, e.Checks, e.Outstanding = b.shared(a, !schools)
		schools = schools || a.Agency == meeting.AgencyEducation
		if b.m.Type == meeting.TypeReview && a.Agency != meeting.AgencySocialCare && chance(b.r, 40) {
			e.Summary = "Update since the last meeting. " + e.Summary
		}
		b.m.Information = append(b.m.Information, e)
	}
}

// pupil is the child the school, nursery or health services would talk
// about: the first child who is born, else "the baby".
func (b *build) pupil() kid {
	if born := b.born(); len(born) > 0 {
		return born[0]
	}
	return b.kids[0]
}

// shared returns an agency's summary, checks and what is outstanding.
func (b *build) shared(a meeting.Attendee, firstSchool bool) (summary, checks, outstanding string) {
	switch a.Agency {
	case meeting.AgencySocialCare:
		return b.socialCareInformation()
	case meeting.AgencyPolice:
		return b.policeInformation()
	case meeting.AgencyHealth:
		return b.healthInformation(a.Service)
	case meeting.AgencyEducation:
		return b.educationInformation(a, firstSchool || a.Referrer)
	}
	return b.otherInformation(a.Agency), "", ""
}

func (b *build) socialCareInformation() (string, string, string) {
	r := b.r
	k := b.pupil()
	year := b.heldOn.Year - 1 - r.IntN(6)
	var known string
	switch {
	case b.m.Type == meeting.TypeReview:
		known = fmt.Sprintf("Section 47 enquiry under way: the social worker has visited %s and seen %s alone %s.", times(2+r.IntN(4)), k.first, times(1+r.IntN(2)))
	case b.m.Type == meeting.TypePreBirth && b.variant == 0:
		known = "The older children's care proceedings found neglect and domestic abuse; both children were adopted."
	case strings.Contains(b.m.Reason, "not known to children's social care"):
		known = "Not previously known to children's social care."
	case strings.Contains(b.m.Decisions[0].Rationale, "child in need plan"):
		known = fmt.Sprintf("Open as children in need since %d; the plan already covers this concern.", b.heldOn.Year-r.IntN(2))
	default: // only the history chosen is written: this runs for every meeting
		switch r.IntN(5) {
		case 0:
			known = "Not previously known to children's social care."
		case 1:
			known = fmt.Sprintf("Known since %d: a child and family assessment that closed with advice.", year)
		case 2:
			known = fmt.Sprintf("Known since %d: %d earlier contacts, none reaching the threshold for assessment.", year, 2+r.IntN(5))
		case 3:
			known = "Open as children in need; the last visit three weeks ago raised no concerns."
		default:
			known = fmt.Sprintf("Stepped down to early help in %d after a child and family assessment.", year)
		}
	}
	var now string
	switch n := r.IntN(6); {
	case n >= 3: // nothing more to say
	case b.m.Type == meeting.TypeReview:
		now = pick(r, []string{b.mother.given + " has not let the social worker in since the last visit.",
			"The family have engaged with the enquiry.", k.first + "'s school attendance has improved."})
	case n == 0:
		now = "The referrer confirmed the account to the duty social worker."
	case n == 1:
		now = k.first + " has not yet been seen."
	default:
		now = "The social worker spoke to " + b.mother.given + " by phone; she said the family are coping."
	}
	if b.outOfHours {
		now = "Records checked tonight by the emergency duty team."
	}
	if b.bg.language != "" && chance(r, 50) {
		now = join(now, b.mother.given+"'s first language is "+b.bg.language+"; an interpreter will be booked for visits.")
	}
	checks := pick(r, []string{"Social care records and the MASH chronology.", "Records here and in the neighbouring borough.",
		"Social care records, including the previous authority's."})
	var outstanding string
	switch r.IntN(5) {
	case 2:
		outstanding = "Records from " + pick(r, []string{"Kent", "Essex", "Hertfordshire", "Birmingham"}) + " children's services requested."
	case 3:
		outstanding = "The father's details to be confirmed."
	case 4:
		outstanding = "Early help records awaited."
	}
	return join(known, now), checks, outstanding
}

func (b *build) policeInformation() (string, string, string) {
	r := b.r
	k := b.pupil()
	record := pick(r, []string{"no convictions", "a caution for possession of cannabis (2019)", "a conviction for common assault on a previous partner (2017)",
		"a conviction for ABH (2015) and an expired restraining order", "two arrests for drink-driving", "no trace on PNC"})
	var summary string
	switch {
	case b.concern == domesticAbuse:
		calls := 2 + r.IntN(9)
		summary = fmt.Sprintf("%d call-outs to the address in two years, %d of them domestic incidents with the children present. %s has %s.",
			calls, 1+r.IntN(calls), b.partner.given, record)
		if b.variant == 0 {
			summary += fmt.Sprintf(" Arrested for %s and released on bail.", pick(r, []string{"assault occasioning ABH", "non-fatal strangulation", "criminal damage and common assault"}))
		}
	case b.concern == exploitation:
		summary = fmt.Sprintf("%s has %d missing episodes this year. Intelligence links %s to a drugs line run from %s; two older associates are known for supply.",
			k.first, 3+r.IntN(9), k.him(), pick(r, []string{"east London", "Birmingham", "Liverpool", "Manchester"}))
	case b.concern == onlineHarm:
		summary = fmt.Sprintf("The account %s was talking to has been reported to CEOP; %s.", k.first,
			pick(r, []string{"no other reports of the same profile", "another child in the area has reported the same profile", "three other children have reported the same profile"}))
	case b.harm == harmAdult:
		summary = fmt.Sprintf("Information came from %s. The %s has no convictions; a complaint of inappropriate messages in %d was not pursued.",
			pick(r, []string{"a parent", "two parents", "three parents"}), b.adultRole, b.heldOn.Year-2-r.IntN(5))
	case b.harm == harmCousin || b.harm == harmBoy || b.harm == harmBrother:
		summary = fmt.Sprintf("No trace for %s. %s is not known to police; nothing held on the address beyond %s.",
			b.mother.given, capital(b.suspectRef), pick(r, []string{"a noise complaint", "a burglary report", "one welfare check"}))
	default:
		mother := pick(r, []string{"No trace for " + b.mother.given + ".", b.mother.given + " is recorded as a victim of domestic abuse by a former partner.",
			b.mother.given + " has a caution for shoplifting (2020)."})
		calls := "No call-outs to the address."
		switch n := r.IntN(5); n {
		case 0:
		case 1:
			calls = fmt.Sprintf("One call-out to the address, %d months ago.", 2+r.IntN(10))
		default:
			calls = fmt.Sprintf("%d call-outs to the address, the last %d months ago.", n, 1+r.IntN(11))
		}
		if chance(r, 50) {
			mother = ""
		}
		summary = join(mother, fmt.Sprintf("%s has %s.", b.partner.given, record), calls)
	}
	checks := pick(r, []string{"PNC and PND on " + b.mother.given + " and " + b.partner.given + "; call-outs to the address.",
		"PNC, PND and ViSOR; call-outs to the address.", "PNC, PND and local intelligence on the adults."})
	if b.harm == harmAdult {
		checks = "PNC, PND and ViSOR on the " + b.adultRole + "; the organisation's DBS records."
	}
	outstanding := pick(r, []string{"", "PND result from another force awaited.", "Body-worn footage of the last call-out to be reviewed.",
		"Intelligence from the previous force area requested.", ""})
	return summary, checks, outstanding
}

// times is a count of visits in words.
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// pupilAt is the child who attends the setting on the attendance row: the
// first child of the setting's age.
func (b *build) pupilAt(a meeting.Attendee) kid {
	lo, hi := 5, 10
	switch {
	case a.Service == meeting.ServiceNursery:
		lo, hi = 2, 4
	case a.Service == meeting.ServiceCollege:
		lo, hi = 16, 17
	case a.Service == meeting.ServiceSchool && strings.Contains(a.Role, "Head of Year"):
		lo, hi = 11, 16
	case a.Service == meeting.ServiceSchool:
		for _, s := range secondarySchools {
			if strings.HasSuffix(a.Role, s) {
				lo, hi = 11, 16
			}
		}
	}
	for _, k := range b.born() {
		if y := k.years(); y >= lo && y <= hi {
			return k
		}
	}
	return b.pupil()
}

var practices = []string{"Parkside Surgery", "The Elms Medical Centre", "Riverside Health Centre", "Northside Group Practice", "Oak Tree Surgery"}

func (b *build) healthInformation(svc meeting.Service) (string, string, string) {
	r := b.r
	k := b.pupil()
	mother := b.mother.given
	injury := b.concern == injuryAtSchool || b.concern == injuryToBaby
	switch svc {
	case meeting.ServiceGP:
		s := fmt.Sprintf("Registered at %s. %s %s; %s seen this year for %s.", pick(r, practices), k.first,
			pick(r, []string{"is up to date with immunisations", "has missed the MMR booster", "has asthma, well controlled"}),
			mother, pick(r, []string{"low mood", "anxiety", "back pain", "nothing of note"}))
		if injury {
			s += pick(r, []string{" No attendances for injuries.", fmt.Sprintf(" %d attendances for minor injuries in the past year.", 1+r.IntN(3))})
		}
		return s, "GP records of the children and " + mother + ".", pick(r, []string{"", b.partner.given + " is registered elsewhere; his GP has been asked."})
	case meeting.ServiceHealthVisitor:
		return fmt.Sprintf("Universal plus since birth; last seen at the %s. Growth on the %s centile; %s.", pick(r, []string{"9 to 12 month review", "2-year review", "new birth visit", "6 to 8 week review"}),
				pick(r, []string{"50th", "25th", "9th", "2nd"}), pick(r, []string{mother + " engages well", mother + " cancelled the last two visits", "home conditions cluttered but safe", "no concerns about care"})),
			"Health visiting and GP records.", pick(r, []string{"", "A home visit and growth check to be done this week."})
	case meeting.ServiceSchoolNurse:
		return fmt.Sprintf("%s has been to the drop-in %s this term with %s; no disclosures. Height and weight normal.", k.first, times(1+r.IntN(4)),
			pick(r, []string{"headaches", "stomach aches", "low mood"})), "School nursing records.", ""
	case meeting.ServiceMidwife:
		s := fmt.Sprintf("%s booked at %d weeks and has %s. Routine enquiry about domestic abuse was %s.", mother, 8+r.IntN(20),
			pick(r, []string{"attended every appointment", fmt.Sprintf("missed %d appointments", 1+r.IntN(3)), "attended with " + b.partner.given + " each time"}),
			pick(r, []string{"negative", "positive", "not possible: " + b.partner.given + " would not leave the room"}))
		return s, "Maternity records and the GP's antenatal notes.", pick(r, []string{"Birth plan to be agreed.", "", "Perinatal mental health referral awaited."})
	case meeting.ServicePaediatrician:
		if injury {
			return fmt.Sprintf("Examined %s: %s; %s.", k.first, pick(r, []string{"the injury is not consistent with the explanation given", "the pattern suggests a grip or slap",
					"an accidental cause cannot be excluded"}), pick(r, []string{"skeletal survey clear", "skeletal survey showed an older healing rib fracture", "bloods awaited"})),
				"Hospital and community paediatric records.", pick(r, []string{"Ophthalmology review booked.", "Report to be written for police.", ""})
		}
		return fmt.Sprintf("Community paediatrics: %s is under review for %s and has missed %d appointments.", k.first, pick(r, []string{"speech delay", "ADHD", "poor weight gain"}), 1+r.IntN(3)),
			"Community paediatric records.", ""
	case meeting.ServiceEmergencyDepartment:
		who, what := k.first, "the injury described"
		if b.concern == domesticAbuse {
			who, what = mother, "injuries from the assault; the children were with a neighbour"
		}
		return fmt.Sprintf("%s attended ED with %s; %d previous attendances across the trust. CP-IS shows %s.", who, what, r.IntN(4),
				pick(r, []string{"no child protection plan", "an earlier child protection plan, ended in " + fmt.Sprint(b.heldOn.Year-2)})),
			"ED records across the trust and CP-IS.", ""
	case meeting.ServiceCAMHS:
		return fmt.Sprintf("%s has been open to CAMHS since %d for %s; last seen %d weeks ago.", k.first, b.heldOn.Year-r.IntN(3),
			pick(r, []string{"anxiety", "low mood and self-harm", "an eating difficulty"}), 1+r.IntN(6)), "CAMHS records.", ""
	case meeting.ServiceAdultMentalHealth:
		who := mother
		if b.concern == parentalHealth && b.variant == 1 {
			who = b.partner.given
		}
		return fmt.Sprintf("%s is known to the community mental health team with %s; %s.", who, pick(r, []string{"bipolar disorder", "recurrent depression", "psychosis", "PTSD"}),
			pick(r, []string{"has stopped taking medication", "engages with the care coordinator", "missed the last three appointments"})), "Community mental health records.", ""
	case meeting.ServiceSubstanceMisuse:
		return fmt.Sprintf("%s is in treatment on a methadone script; %d missed appointments; the last drug test was %s.", b.partner.given, r.IntN(5),
			pick(r, []string{"positive for cocaine", "clear", "positive for heroin"})), "Drug and alcohol service records.", ""
	case meeting.ServiceNamedNurse:
		return "Health records checked across GP, health visiting and ED: " + pick(r, []string{
			"no previous safeguarding concerns.", fmt.Sprintf("%d ED attendances for the children in two years.", 1+r.IntN(4)),
			mother + " was referred for perinatal mental health support after " + k.first + "'s birth.",
		}), "GP, health visitor and ED records; CP-IS.", pick(r, []string{"", "Out-of-area ED attendances to be checked."})
	}
	return "No safeguarding concerns recorded by the service; " + mother + " has attended appointments.", "Service records.", ""
}

// educationInformation is what a school, nursery or college knows of the
// child who goes there; the first setting, or the referrer, also says how
// the concern was recorded.
func (b *build) educationInformation(a meeting.Attendee, first bool) (string, string, string) {
	r := b.r
	k := b.pupilAt(a)
	var s string
	switch a.Service {
	case meeting.ServiceNursery:
		s = fmt.Sprintf("%s attends %d sessions a week; %s.", k.first, 3+r.IntN(8), pick(r, []string{"often collected late", "arrives hungry on Mondays",
			"settled and happy", "speech is behind for " + k.his() + " age"}))
	case meeting.ServiceVirtualSchool:
		s = fmt.Sprintf("Personal education plan in place; attendance %d%%.", 80+r.IntN(19))
	default:
		attendance := 78 + r.IntN(21)
		if b.concern == neglect {
			attendance -= 15
		}
		s = fmt.Sprintf("Attendance %d%% this year; %s is described as %s. %s", attendance, k.first,
			pick(r, []string{"quiet and keeps to " + k.him() + "self", "bright and doing well", "often tired in lessons", "well liked by staff",
				"struggling with friendships"}), pick(r, []string{"Nothing earlier on the safeguarding log.", "One earlier entry on the safeguarding log.",
				fmt.Sprintf("The safeguarding log holds %d earlier entries.", 2+r.IntN(6))}))
	}
	if !first {
		return s, "Attendance and welfare records.", ""
	}
	switch b.concern {
	case injuryAtSchool:
		s += " A body map was completed and the first account recorded word for word."
	case disclosure:
		s += " The DSL recorded the disclosure verbatim and did not question further."
	case neglect:
		s += fmt.Sprintf(" %s is given breakfast at school most days.", k.first)
	}
	return s, pick(r, []string{"Attendance and welfare records; the safeguarding log.", "Attendance, the safeguarding log and staff observations."}),
		pick(r, []string{"", "", "The siblings' school to be asked for attendance."})
}

func (b *build) otherInformation(a meeting.Agency) string {
	r := b.r
	k := b.pupil()
	mother, partner := b.mother.given, b.partner.given
	switch a {
	case meeting.AgencyEarlyHelp:
		return fmt.Sprintf("Family hub key worker since %s; %d sessions. %s", pick(r, []string{"January", "the spring", "the summer", "last autumn"}), 2+r.IntN(12),
			pick(r, []string{mother + " engaged at first but has missed the last three visits.", "Routines have improved; the worries about the home remain.", "Work on school attendance has not led to change."}))
	case meeting.AgencyHousing:
		return fmt.Sprintf("%s; rent arrears of £%d; %d reports of noise from the flat.", pick(r, []string{"Council tenancy since 2019", "Temporary accommodation since the spring", "Housing association tenancy"}),
			100*(2+r.IntN(30)), r.IntN(5))
	case meeting.AgencyProbation:
		return fmt.Sprintf("%s is on licence until %d for %s; assessed as %s risk of serious harm to known adults.", partner, b.heldOn.Year+1+r.IntN(2),
			pick(r, []string{"assault", "burglary", "supplying class A drugs", "harassment of a former partner"}), pick(r, []string{"medium", "high"}))
	case meeting.AgencyYouthJustice:
		return fmt.Sprintf("%s is on a referral order for %s; engagement is %s.", k.first, pick(r, []string{"possession of a bladed article", "robbery", "criminal damage"}),
			pick(r, []string{"poor", "improving", "good when seen at home"}))
	case meeting.AgencyAdultSocialCare:
		return fmt.Sprintf("%s has a care and support plan for %s; %s.", mother, pick(r, []string{"a learning disability", "mental ill health", "a physical disability"}),
			pick(r, []string{"support hours were cut in the spring", "she relies on her mother for help with the children", "the plan is due for review"}))
	case meeting.AgencyDomesticAbuse:
		return fmt.Sprintf("The IDVA has worked with %s since %s; the case has been heard at MARAC %s. %s", mother, pick(r, []string{"the spring", "last year", "the last incident"}),
			times(1+r.IntN(3)), pick(r, []string{"She says she wants to end the relationship.", "She has let " + partner + " back into the home twice.", "Safety planning done; sanctuary scheme offered."}))
	case meeting.AgencyVoluntary:
		return fmt.Sprintf("Weekly sessions with %s since %s; %s.", k.first, pick(r, []string{"the summer", "January", "last year"}),
			pick(r, []string{k.he() + " has talked about feeling unsafe at home", k.he() + " engages well and trusts the worker", "attendance has dropped off"}))
	case meeting.AgencyLegal:
		return pick(r, []string{"Advice: the threshold for proceedings is not yet met on this information; a pre-proceedings letter may be considered.",
			"Advice: if the medical confirms a non-accidental injury, the threshold for an application is likely to be met.",
			"Advice given on the evidence needed; legal planning meeting recommended if the family do not work with the plan."})
	case meeting.AgencyOther:
		if b.harm == harmAdult {
			return fmt.Sprintf("The LADO has confirmed the %s's suspension with %s and asked for its safeguarding records and staff lists.", b.adultRole, b.adultPlace)
		}
		return "Community safety: " + pick(r, []string{"the address is known for anti-social behaviour.", "no reports about the family.", "neighbours have complained of visitors at night."})
	}
	return "No further information."
}
