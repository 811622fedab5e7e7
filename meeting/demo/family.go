package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"strategyminutes/meeting"
)

// staff is the borough's and its partners' workforce. Drawing attendees from
// fixed pools makes the same people recur across meetings, as they do.
type staff struct {
	chairs          []string // social care team managers, in the order they joined
	serviceManagers []string
	minuteTakers    []string
	pools           map[string][]string // by poolKey
}

// chairsAtOnce team managers chair meetings at any one time; over a long
// span some leave and others join.
const chairsAtOnce = 12

var poolSizes = []struct {
	key  string
	size int
}{
	{poolKey(meeting.AgencySocialCare, ""), 70},
	{poolKey(meeting.AgencyPolice, ""), 45},
	{poolKey(meeting.AgencyEducation, ""), 90},
	{poolKey(meeting.AgencyHealth, ""), 25}, // each service has its own pool below
	{poolKey(meeting.AgencyEarlyHelp, ""), 12},
	{poolKey(meeting.AgencyHousing, ""), 10},
	{poolKey(meeting.AgencyProbation, ""), 10},
	{poolKey(meeting.AgencyYouthJustice, ""), 10},
	{poolKey(meeting.AgencyAdultSocialCare, ""), 10},
	{poolKey(meeting.AgencyDomesticAbuse, ""), 8},
	{poolKey(meeting.AgencyVoluntary, ""), 12},
	{poolKey(meeting.AgencyLegal, ""), 6},
	{poolKey(meeting.AgencyOther, ""), 12},
}

func poolKey(a meeting.Agency, s meeting.Service) string { return string(a) + "/" + string(s) }

func newStaff(r *rand.Rand) staff {
	names := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = staffName(r)
		}
		return out
	}
	s := staff{
		chairs:          names(chairsAtOnce + 4),
		serviceManagers: names(5),
		minuteTakers:    names(8),
		pools:           make(map[string][]string),
	}
	for _, p := range poolSizes {
		s.pools[p.key] = names(p.size)
	}
	for _, svc := range meeting.HealthServices.Codes() {
		s.pools[poolKey(meeting.AgencyHealth, svc)] = names(12)
	}
	return s
}

func (s staff) chair(r *rand.Rand, permille int) string {
	first := permille * (len(s.chairs) - chairsAtOnce + 1) / 1000
	return pick(r, s.chairs[first:first+chairsAtOnce])
}

// name returns someone who works for agency a (and service s for health).
func (s staff) name(r *rand.Rand, a meeting.Agency, svc meeting.Service) string {
	if a == meeting.AgencyHealth {
		if pool, ok := s.pools[poolKey(a, svc)]; ok {
			return pick(r, pool)
		}
	}
	return pick(r, s.pools[poolKey(a, "")])
}

// A surname is kept in its base (male) form with the tradition that makes
// its female form, so that a girl and her brother get the right forms.
type surname struct {
	base string
	bg   *background
}

func (s surname) form(female bool) string { return s.bg.surnameFor(s.base, female) }

// family invents the household: a mother, her partner and the children.
func (b *build) family() {
	r := b.r
	b.bg = familyBackground(r)
	partnerBg := b.bg
	if chance(r, 20) {
		partnerBg = familyBackground(r)
	}
	if partnerBg.ownScriptNames != b.bg.ownScriptNames { // a family types its names in one script
		partnerBg = b.bg
	}
	father := surname{pick(r, partnerBg.surnames), partnerBg}
	mother := surname{pick(r, b.bg.surnames), b.bg}
	if partnerBg == b.bg && chance(r, 50) {
		mother = father // married, or took her partner's name
	}
	b.partner = partnerBg.person(r, false, father.base)
	b.mother = b.bg.person(r, true, mother.base)
	b.suspect, b.suspectRef = b.partner.String(), b.partner.given
	b.harm = harmPartner // the reason may name someone else

	children := surname{father.base, father.bg}
	switch {
	case chance(r, 35):
		children = mother
	case chance(r, 6) && father != mother && !b.bg.ownScriptNames && !partnerBg.ownScriptNames &&
		!strings.ContainsAny(father.base+mother.base, " -"):
		children = surname{father.base + "-" + mother.base, b.bg}
	}
	b.surnames = familyNames{mother: mother, father: father, children: children}

	switch b.m.Type {
	case meeting.TypePreBirth:
		b.kids = append(b.kids, kid{months: -1})
		for range choose(r, []weighted[int]{{0, 50}, {1, 25}, {2, 15}, {3, 10}}) {
			b.kids = append(b.kids, kid{months: 12 + r.IntN(15*12)})
		}
	default:
		first := b.concern.minAge*12 + r.IntN((b.concern.maxAge-b.concern.minAge+1)*12)
		if b.concern.baby {
			first = 1 + r.IntN(11)
		}
		b.kids = append(b.kids, kid{months: first})
		count := choose(r, []weighted[int]{{1, 45}, {2, 30}, {3, 17}, {4, 8}})
		if b.m.Type == meeting.TypeComplex {
			count = 2 + r.IntN(3)
		}
		for len(b.kids) < count {
			years := first/12 + r.IntN(17) - 8
			if b.concern.baby {
				years = 1 + r.IntN(12)
			}
			years = min(max(years, 0), 17)
			b.kids = append(b.kids, kid{months: years*12 + r.IntN(12)})
		}
	}

	for i := range b.kids {
		k := &b.kids[i]
		k.id = fmt.Sprintf("c%d", i+1)
		k.female = r.IntN(2) == 0
		c := meeting.Child{ID: k.id, CaseReference: fmt.Sprintf("CS%06d", 100000+r.IntN(900000))}
		if k.months < 0 {
			c.Name = "Unborn baby of " + b.mother.String()
			if chance(r, 30) {
				c.Name = "Unborn baby " + mother.form(true)
			}
			if chance(r, 50) { // a new case has no number yet
				c.CaseReference = ""
			}
			k.first = "the baby"
			b.m.Children = append(b.m.Children, c)
			continue
		}
		sn, given := children, b.bg
		switch {
		case b.m.Type == meeting.TypeComplex && i > 0 && chance(r, 60): // children of other families
			given = familyBackground(r)
			sn = surname{pick(r, given.surnames), given}
		case i > 0 && chance(r, 12): // a half-sibling
			sn = father
			if children == father {
				sn = mother
			}
		}
		p := given.person(r, k.female, sn.base)
		for tries := 0; tries < 5 && b.nameTaken(p.given, i); tries++ {
			p = given.person(r, k.female, sn.base)
		}
		p.family = sn.form(k.female)
		p.familyFirst = sn.bg.familyFirst
		k.first = p.given
		c.Name = p.String()
		if !(b.m.Type == meeting.TypeComplex && chance(r, 20)) { // complex cases name children before their details are known
			c.DateOfBirth = meeting.DateOf(dayTime(b.heldOn).AddDate(0, -k.months, -r.IntN(28)))
		}
		if chance(r, 3) {
			c.CaseReference = ""
		}
		b.m.Children = append(b.m.Children, c)
	}
}

// nameTaken reports whether a parent or an earlier child has the given name.
func (b *build) nameTaken(given string, child int) bool {
	if given == b.mother.given || given == b.partner.given {
		return true
	}
	for _, k := range b.kids[:child] {
		if k.first == given {
			return true
		}
	}
	return false
}

// Helpers for the text about a child.

func (k kid) he() string {
	if k.female {
		return "she"
	}
	return "he"
}

func (k kid) him() string {
	if k.female {
		return "her"
	}
	return "him"
}

func (k kid) his() string {
	if k.female {
		return "her"
	}
	return "his"
}

func (k kid) age() string {
	switch {
	case k.months < 0:
		return "unborn"
	case k.months < 1:
		return "newborn"
	case k.months < 24:
		return fmt.Sprintf("%d months", k.months)
	}
	return fmt.Sprintf("%d", k.months/12)
}

func (k kid) years() int { return k.months / 12 }

// names lists the children's first names: "Ava, Noah and Kai".
func names(ks []kid) string {
	var out []string
	for _, k := range ks {
		if k.months >= 0 {
			out = append(out, k.first)
		}
	}
	switch len(out) {
	case 0:
		return "the baby"
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// born returns the children who are born. The children are settled once
// family() is done, so the list is made once.
func (b *build) born() []kid {
	if b.bornKids != nil {
		return b.bornKids
	}
	out := make([]kid, 0, len(b.kids))
	for _, k := range b.kids {
		if k.months >= 0 {
			out = append(out, k)
		}
	}
	b.bornKids = out
	return out
}
