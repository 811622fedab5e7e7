package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"strategyminutes/meeting"
)

// A concern is what brought the child to the front door. It decides the
// children's ages, who referred, which other agencies are invited, the
// likely extra decisions and the text of the reason.
type concern struct {
	initial, immediate int // weights among concerns for those meeting types; reviews use initial
	minAge, maxAge     int // the first child's age in years
	baby               bool
	referrers          []weighted[referral]
	extras             []extra
	health             []weighted[meeting.Service] // health services involved besides those the ages suggest
	medical, abe       int                         // percent chance of a medical, an ABE interview
	reason             func(b *build) string
}

// A referral names the referring agency; the zero referral is a member of
// the public or a relative, who has no row in the attendance.
type referral struct {
	agency  meeting.Agency
	service meeting.Service
}

// An extra is an agency invited to some meetings about the concern.
type extra struct {
	agency  meeting.Agency
	percent int
}

var (
	injuryAtSchool = &concern{
		initial: 18, immediate: 10, minAge: 5, maxAge: 15,
		referrers: []weighted[referral]{{referral{meeting.AgencyEducation, meeting.ServiceSchool}, 85},
			{referral{meeting.AgencyHealth, meeting.ServiceSchoolNurse}, 10}, {referral{}, 5}},
		extras:  []extra{{meeting.AgencyEarlyHelp, 5}},
		medical: 55, abe: 15,
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			injury := pick(r, []string{"bruising to the left upper arm", "fingertip bruising to both upper arms",
				"a linear red mark on the back of the leg", "a small circular burn on the forearm", "a bruised and swollen eye",
				"scratches to the neck", "what looked like a bite mark on the shoulder", "bruising behind the right ear"})
			accounts := []string{
				`"Dad got angry" and would not say more`,
				"mum's partner had grabbed " + k.him() + " when " + k.he() + " would not go to bed",
				k.he() + " fell off a scooter, but later gave a different account to a teaching assistant",
				"nothing and became upset, saying " + k.he() + " did not want to go home",
				"a brother or sister did it while they were playing",
			}
			b.variant = r.IntN(len(accounts)) // as pick does: the same draw
			said := accounts[b.variant]
			switch b.variant {
			case 0:
				b.partnerRel = meeting.RelationshipFather
			case 1:
				b.partnerRel = meeting.RelationshipParentPartner
			}
			if chance(r, 50) {
				return fmt.Sprintf("%s (%s) arrived at school %s with %s. When the class teacher asked about it, %s said %s. %s referred the same morning.",
					k.first, k.age(), b.when(), injury, k.first, said, capital(b.referredBy()))
			}
			earlier := pick(r, []string{"late collection", "poor hygiene", "an unexplained mark on the face",
				"saying there was no food at home", "father's aggressive manner at the school gate"})
			return fmt.Sprintf("While %s was changing for PE the teacher noticed %s. %s (%s) said %s. School have recorded %d earlier low-level concerns this year, including %s.",
				k.first, injury, k.first, k.age(), said, 2+r.IntN(5), earlier)
		},
	}
	injuryToBaby = &concern{
		initial: 8, immediate: 15, baby: true,
		referrers: []weighted[referral]{{referral{meeting.AgencyHealth, meeting.ServiceEmergencyDepartment}, 50},
			{referral{meeting.AgencyHealth, meeting.ServiceHealthVisitor}, 25},
			{referral{meeting.AgencyHealth, meeting.ServiceGP}, 15}, {referral{meeting.AgencyPolice, ""}, 10}},
		health:  []weighted[meeting.Service]{{meeting.ServicePaediatrician, 6}, {meeting.ServiceEmergencyDepartment, 3}},
		medical: 85,
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			injury := pick(r, []string{"bruising to the face and ear", "a swelling to the head; a skull fracture was confirmed on X-ray",
				"a fracture of the left femur", "bruising to the chest and back", "a torn frenulum", "bruising to both cheeks"})
			account := pick(r, []string{"a fall from the sofa", "an older sibling hitting the baby with a toy",
				"an arm caught in the cot bars", "no explanation at all", "a roll off the changing mat"})
			history := pick(r, []string{"There is a history of domestic abuse between the parents.",
				"This is the family's first child and they are not known to children's social care.",
				"Father has a previous conviction for assault.", "Mother has a diagnosis of postnatal depression.", ""})
			if chance(r, 60) {
				return join(fmt.Sprintf("%s, aged %d months and not yet mobile, was brought to the Emergency Department by %s with %s. The explanation given (%s) does not account for the injury in the treating doctor's opinion.",
					k.first, k.months, b.mother, injury, account), history)
			}
			visit := "routine home visit"
			if k.months < 3 {
				visit = "6 to 8 week review"
			}
			return join(fmt.Sprintf("At a %s the health visitor saw %s on %s (%d months old). %s gave %s as the cause. The GP record shows an earlier attendance for a minor head injury at %d weeks.",
				visit, injury, k.first, k.months, b.mother.given, account, 1+r.IntN(4*k.months)), history)
		},
	}
	disclosure = &concern{
		initial: 12, immediate: 10, minAge: 6, maxAge: 17,
		referrers: []weighted[referral]{{referral{meeting.AgencyEducation, meeting.ServiceSchool}, 55},
			{referral{meeting.AgencyHealth, meeting.ServiceSchoolNurse}, 10}, {referral{meeting.AgencyPolice, ""}, 10},
			{referral{meeting.AgencyVoluntary, ""}, 10}, {referral{meeting.AgencyHealth, meeting.ServiceCAMHS}, 10}, {referral{}, 5}},
		extras:  []extra{{meeting.AgencyVoluntary, 6}},
		health:  []weighted[meeting.Service]{{meeting.ServiceCAMHS, 3}, {meeting.ServicePaediatrician, 2}},
		medical: 30, abe: 60,
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			if chance(r, 65) {
				b.variant = 0
				whos := []string{"mum's partner", "an older cousin who stays at weekends", "a family friend",
					"an older boy on the estate", k.his() + " stepfather", "an uncle", "an older brother"}
				i := r.IntN(len(whos))
				who := whos[i]
				b.namedHarm(disclosed[i])
				when := pick(r, []string{"on several occasions since the summer", "at the weekend",
					"when mum was at work", "over the last year"})
				fear := pick(r, []string{"mum would not believe " + k.him(), k.he() + " is frightened of what will happen",
					k.he() + " does not want to get anyone into trouble"})
				return fmt.Sprintf("%s (%s) told %s that %s had touched %s inappropriately %s. %s asked that mum is not told because %s. The account was recorded in %s own words and passed to the designated safeguarding lead.",
					k.first, k.age(), pick(r, []string{"a teaching assistant", "the school nurse", "a youth worker", "the class teacher", "a friend's mother"}),
					who, k.him(), when, capital(k.he()), fear, k.his())
			}
			b.variant = 1
			hitters := []string{"dad", "mum", "mum's boyfriend", "grandad"}
			i := r.IntN(len(hitters))
			b.namedHarm(hit[i])
			return fmt.Sprintf("%s (%s) told the school nurse that %s hits %s with a belt when %s is \"naughty\" and showed a healing mark on %s %s. %s said this happens \"most weeks\" and that %s siblings are hit too.",
				k.first, k.age(), hitters[i], k.him(), k.he(), k.his(),
				pick(r, []string{"leg", "back", "forearm"}), capital(k.he()), k.his())
		},
	}
	domesticAbuse = &concern{
		initial: 20, immediate: 30, minAge: 0, maxAge: 15,
		referrers: []weighted[referral]{{referral{meeting.AgencyPolice, ""}, 85}, {referral{meeting.AgencyDomesticAbuse, ""}, 5},
			{referral{meeting.AgencyHealth, meeting.ServiceEmergencyDepartment}, 5}, {referral{}, 5}},
		extras: []extra{{meeting.AgencyDomesticAbuse, 45}, {meeting.AgencyProbation, 12}, {meeting.AgencyHousing, 12}},
		abe:    5,
		reason: func(b *build) string {
			r := b.r
			kids := b.born()
			who := wasWere(kids) + " at home and " + pick(r, []string{"saw the assault", "heard the shouting from upstairs",
				"tried to stop it", "hid until police arrived"})
			if chance(r, 70) {
				b.variant = 0 // arrested and bailed
				return fmt.Sprintf("Police were called to the family home %s by %s. %s had %s and said that %s had %s. %s. %s was arrested and bailed with conditions not to contact her. This is the %s incident reported in %d months; the DASH risk assessment was graded %s.",
					b.atNight(),
					pick(r, []string{"a neighbour who heard screaming", "the mother", "the eldest child", "a passer-by"}),
					b.mother, pick(r, []string{"a cut to the lip", "bruising to the neck", "a swollen eye", "no visible injuries"}),
					b.partner, pick(r, []string{"strangled her", "punched her several times", "thrown a phone at her",
						"threatened her with a knife", "pushed her down the stairs"}),
					who, b.partner.given, pick(r, []string{"first", "second", "third", "fifth"}), 3+r.IntN(16),
					pick(r, []string{"high", "high", "medium"}))
			}
			b.variant = 1 // no arrest
			return fmt.Sprintf("Police attended a domestic incident: %s and %s argued about %s and %s damaged the front door. %s called 999 and told the call handler that %s. No arrests were made. Police have been called to the address %d times this year.",
				b.mother, b.partner, pick(r, []string{"money", "his drinking", "contact with his ex-partner", "her phone"}),
				b.partner.given, names(kids), pick(r, []string{"they were scared", "dad was hurting mum", "mum was crying and bleeding"}),
				2+r.IntN(6))
		},
	}
	neglect = &concern{
		initial: 15, immediate: 5, minAge: 0, maxAge: 12,
		referrers: []weighted[referral]{{referral{meeting.AgencyEducation, meeting.ServiceSchool}, 30},
			{referral{meeting.AgencyHealth, meeting.ServiceHealthVisitor}, 25}, {referral{meeting.AgencyEarlyHelp, ""}, 20},
			{referral{meeting.AgencyHousing, ""}, 10}, {referral{meeting.AgencyHealth, meeting.ServiceGP}, 5}, {referral{}, 10}},
		extras:  []extra{{meeting.AgencyEarlyHelp, 35}, {meeting.AgencyHousing, 25}, {meeting.AgencyVoluntary, 8}},
		health:  []weighted[meeting.Service]{{meeting.ServiceGP, 2}},
		medical: 8,
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			facts := []string{
				fmt.Sprintf("%s's school attendance is %d%% this term and %s often arrives hungry", k.first, 55+r.IntN(30), k.he()),
				fmt.Sprintf("%s has untreated tooth decay and has missed two dental appointments", k.first),
				fmt.Sprintf("%s has missed immunisations and two developmental reviews", k.first),
				"home conditions at the last visit were very poor: little food, dog faeces on the floor and mattresses without bedding",
				"the family have rent arrears and the electricity meter is often empty",
				fmt.Sprintf("%s is often collected late from school, or not at all", k.first),
				"a neighbour has seen the children alone in the flat at night",
				"the children's clothes are dirty and too small, and other children have started to avoid them",
			}
			perm := r.Perm(len(facts))
			n := 2 + r.IntN(3)
			chosen := make([]string, n)
			for i := range chosen {
				chosen[i] = facts[perm[i]]
			}
			b.harm = harmMother
			return fmt.Sprintf("Cumulative neglect: %s. Early help support for %d months has not led to lasting change and %s has stopped engaging.",
				strings.Join(chosen, "; "), 3+r.IntN(12), b.mother.given)
		},
	}
	exploitation = &concern{
		initial: 10, immediate: 15, minAge: 12, maxAge: 17,
		referrers: []weighted[referral]{{referral{meeting.AgencyPolice, ""}, 50},
			{referral{meeting.AgencyEducation, meeting.ServiceSchool}, 20}, {referral{meeting.AgencyYouthJustice, ""}, 20},
			{referral{meeting.AgencyVoluntary, ""}, 10}},
		extras: []extra{{meeting.AgencyYouthJustice, 45}, {meeting.AgencyVoluntary, 25}, {meeting.AgencyOther, 5}},
		health: []weighted[meeting.Service]{{meeting.ServiceCAMHS, 3}, {meeting.ServiceEmergencyDepartment, 1}},
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			b.harm = harmOutsider
			return fmt.Sprintf("%s (%s) has been reported missing %d times in the last %d weeks. Police last found %s in %s with older males. %s came home with %s and would not say where %s had been. There are concerns about %s.",
				k.first, k.age(), 3+r.IntN(8), 4+r.IntN(10), k.him(),
				pick(r, []string{"Southend", "Margate", "a flat in Luton", "Ipswich", "Bournemouth", "a car on the M25"}),
				capital(k.he()), pick(r, []string{"a new phone", fmt.Sprintf("£%d in cash", 50*(2+r.IntN(15))), "expensive trainers", "a cut to the hand"}),
				k.he(), pick(r, []string{"criminal exploitation (county lines)", "child sexual exploitation", "criminal and sexual exploitation"}))
		},
	}
	parentalHealth = &concern{
		initial: 9, immediate: 15, minAge: 0, maxAge: 14,
		referrers: []weighted[referral]{{referral{meeting.AgencyHealth, meeting.ServiceAdultMentalHealth}, 40},
			{referral{meeting.AgencyPolice, ""}, 30}, {referral{meeting.AgencyAdultSocialCare, ""}, 10},
			{referral{meeting.AgencyHealth, meeting.ServiceSubstanceMisuse}, 10}, {referral{meeting.AgencyHealth, meeting.ServiceGP}, 10}},
		extras: []extra{{meeting.AgencyAdultSocialCare, 35}, {meeting.AgencyProbation, 5}, {meeting.AgencyHousing, 10}},
		health: []weighted[meeting.Service]{{meeting.ServiceAdultMentalHealth, 5}, {meeting.ServiceSubstanceMisuse, 2}},
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			if chance(r, 60) {
				b.variant, b.harm = 0, harmNobody
				// Drawn in the order the arguments once were, so that a seed
				// still gives the same text.
				section, when := pick(r, []int{2, 3, 136}), b.when()
				after := pick(r, []string{"a psychotic episode in which she believed the children were in danger from neighbours",
					"taking an overdose while alone with the children", "being found wandering at night and distressed"})
				report := pick(r, []string{"she stopped taking her medication two months ago",
					"she has missed her last three appointments", "a long history of depression and self-harm"})
				b.carer = pick(r, []string{"maternal grandmother", "an aunt", "a family friend"})
				return fmt.Sprintf("%s was detained under section %d of the Mental Health Act %s after %s. %s at home at the time. The community mental health team report %s. There is no other adult in the household; %s has offered to care for the children in the short term.",
					b.mother, section, when, after, wasWere(b.born()), report, b.carer)
			}
			b.variant = 1
			return fmt.Sprintf("Police found %s unconscious from suspected heroin use with %s (%s) alone in the flat. %s was taken to hospital. The drug and alcohol service report that %s has not attended for %d weeks.",
				b.partner, k.first, k.age(), b.partner.given, b.partner.given, 3+r.IntN(10))
		},
	}
	onlineHarm = &concern{
		initial: 8, minAge: 11, maxAge: 17,
		referrers: []weighted[referral]{{referral{meeting.AgencyEducation, meeting.ServiceSchool}, 50},
			{referral{meeting.AgencyPolice, ""}, 40}, {referral{}, 10}},
		extras: []extra{{meeting.AgencyVoluntary, 5}},
		health: []weighted[meeting.Service]{{meeting.ServiceCAMHS, 2}},
		abe:    20,
		reason: func(b *build) string {
			r, k := b.r, b.kids[0]
			b.harm = harmOutsider
			return fmt.Sprintf("%s (%s) shared indecent images of %sself with someone %s met online who claimed to be %d. The person is now threatening to send them to %s friends unless %s sends more. School learnt of it when %s.",
				k.first, k.age(), k.him(), k.he(), 14+r.IntN(4), k.his(), k.he(),
				pick(r, []string{"a friend told a teacher", k.first + " told the school counsellor", "a parent of another child saw the images"}))
		},
	}
	pregnancy = &concern{
		referrers: []weighted[referral]{{referral{meeting.AgencyHealth, meeting.ServiceMidwife}, 70},
			{referral{meeting.AgencyHealth, meeting.ServiceGP}, 10}, {referral{meeting.AgencyProbation, ""}, 10},
			{referral{meeting.AgencySocialCare, ""}, 10}},
		extras: []extra{{meeting.AgencyProbation, 10}, {meeting.AgencyDomesticAbuse, 15}, {meeting.AgencyAdultSocialCare, 10},
			{meeting.AgencyHousing, 10}, {meeting.AgencyEarlyHelp, 10}},
		reason: func(b *build) string {
			r := b.r
			weeks := 16 + r.IntN(20)
			due := addDays(b.heldOn, (40-weeks)*7)
			facts := []string{
				fmt.Sprintf("Two older children were removed from her care in %d and have been adopted", b.heldOn.Year-2-r.IntN(6)),
				fmt.Sprintf("There is a history of domestic abuse by the baby's father, %s", b.partner),
				"She uses cannabis and crack cocaine daily",
				"She has a learning disability and little support from family",
				"She booked late at 28 weeks and has missed antenatal appointments",
				"She is 16 and living with a 24-year-old partner",
			}
			b.variant = r.IntN(len(facts)) // as pick does: the same draw
			fact := facts[b.variant]
			if b.variant != pregnancyAbuse {
				b.harm = harmNobody
			}
			return fmt.Sprintf("%s is %d weeks pregnant (due %s). %s. %s referred after %s.",
				b.mother, weeks, longDate(due), fact, capital(b.referredBy()),
				pick(r, []string{"the booking appointment", "a disclosure at the 20-week scan", "a missed appointment and a home visit"}))
		},
	}
	organisedAbuse = &concern{
		minAge: 8, maxAge: 16,
		referrers: []weighted[referral]{{referral{meeting.AgencyPolice, ""}, 50}, {referral{meeting.AgencyOther, ""}, 30},
			{referral{meeting.AgencyVoluntary, ""}, 20}},
		extras: []extra{{meeting.AgencyOther, 80}, {meeting.AgencyLegal, 30}, {meeting.AgencyVoluntary, 40}},
		abe:    50,
		reason: func(b *build) string {
			r := b.r
			adult := pick(r, []struct{ role, place string }{
				{"volunteer football coach", "Riverside Youth FC"}, {"private tutor", "a local tuition centre"},
				{"youth club worker", "the Northside youth club"}, {"martial arts instructor", "a local gym"},
				{"residential care worker", "Oak Lodge children's home"},
			})
			b.suspect, b.suspectRef = "the "+adult.role, "the "+adult.role // the rest of the record is about this adult, not a parent
			b.harm, b.adultRole, b.adultPlace = harmAdult, adult.role, adult.place
			return fmt.Sprintf("Police have received information that a %s has been %s several children at %s. %d children have been identified so far, including %s. The LADO has been informed and the organisation has suspended the %s pending enquiries.",
				adult.role, pick(r, []string{"sending sexualised messages to", "taking photographs of", "giving money and vapes to"}),
				adult.place, len(b.kids)+r.IntN(6), names(b.kids), adult.role)
		},
	}
)

var concerns = []*concern{injuryAtSchool, injuryToBaby, disclosure, domesticAbuse, neglect, exploitation, parentalHealth, onlineHarm}

func pickConcern(r *rand.Rand, t meeting.Type) *concern {
	switch t {
	case meeting.TypePreBirth:
		return pregnancy
	case meeting.TypeComplex:
		return organisedAbuse
	case meeting.TypeImmediate:
		return pickWeighted(r, concerns, func(c *concern) int { return c.immediate })
	}
	return pickWeighted(r, concerns, func(c *concern) int { return c.initial })
}

// reason is the concern in a short paragraph; a review says first what it
// reviews.
func (b *build) reason() string {
	text := b.concern.reason(b)
	if b.m.Type != meeting.TypeReview {
		return text
	}
	r := b.r
	earlier := b.g.cal.AddWorkingDays(b.heldOn, -(5 + r.IntN(25)))
	update := pick(r, []string{
		"The child protection medical found injuries consistent with the account of non-accidental injury.",
		"Police checks are complete and the alleged perpetrator has been interviewed under caution.",
		"There has been a further incident since the last meeting.",
		"The family have not engaged with the section 47 enquiry and the children have not been seen alone.",
		"The enquiry is complete and partners need to agree whether to proceed to an initial child protection conference.",
	})
	return fmt.Sprintf("Reconvened strategy meeting to review the enquiries agreed on %s. %s\n\nOriginal concern: %s", longDate(earlier), update, text)
}

// when says when the incident happened relative to the meeting.
func (b *build) when() string {
	switch b.r.IntN(3) {
	case 0:
		return "this morning"
	case 1:
		return "yesterday"
	}
	d := b.g.cal.AddWorkingDays(b.heldOn, -(1 + b.r.IntN(2)))
	return "on " + weekday(d).String()
}

// atNight says when a night-time incident happened: the evening before the
// meeting or earlier, or in the early hours of the day of the meeting.
func (b *build) atNight() string {
	r := b.r
	minute := 5 * r.IntN(12)
	if chance(r, 60) {
		d := addDays(b.heldOn, -1-r.IntN(2))
		return fmt.Sprintf("at %02d:%02d on %s evening", 19+r.IntN(5), minute, weekday(d))
	}
	return fmt.Sprintf("at %02d:%02d in the early hours of %s", r.IntN(5), minute, weekday(b.heldOn))
}

func longDate(d meeting.Date) string { return dayTime(d).Format("2 January 2006") }

// capital gives s a capital first letter, which may be more than a byte
// ("Şükrü", "Łukasz").
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func wasWere(ks []kid) string {
	if len(ks) == 1 {
		return ks[0].first + " was"
	}
	return names(ks) + " were"
}
