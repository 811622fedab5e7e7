package demo

import "strategyminutes/meeting"

// harm is who the concern says caused the harm, as far as the meeting knows.
type harm int

const (
	harmPartner     harm = iota // the mother's partner: the default
	harmMother                  // the mother (neglect, a disclosure about mum)
	harmNobody                  // nobody in particular (a parent's illness, most pre-birth concerns)
	harmOutsider                // someone outside the family, not yet identified (exploitation, online harm)
	harmAdult                   // complex: an adult who works with children
	harmCousin                  // an older cousin who stays at weekends, often under 18
	harmFriend                  // a family friend
	harmBoy                     // an older boy on the estate, under 18
	harmUncle                   // an uncle
	harmBrother                 // an older brother in the household, usually under 18
	harmGrandfather             // the grandfather
)

// A named harm is who a child's account names: the harm, what the partner
// is to the child when it is him, and how the minutes refer to anyone else.
type named struct {
	harm harm
	rel  meeting.Relationship
	ref  string
}

// disclosed and hit follow the lists of the disclosure concern's accounts.
var (
	disclosed = []named{
		{harmPartner, meeting.RelationshipParentPartner, ""}, {harmCousin, "", "the older cousin"},
		{harmFriend, "", "the family friend"}, {harmBoy, "", "the older boy"},
		{harmPartner, meeting.RelationshipStepParent, ""}, {harmUncle, "", "the uncle"},
		{harmBrother, "", "the older brother"},
	}
	hit = []named{
		{harmPartner, meeting.RelationshipFather, ""}, {harmMother, "", ""},
		{harmPartner, meeting.RelationshipParentPartner, ""}, {harmGrandfather, "", "the grandfather"},
	}
)

// pregnancyAbuse is the pre-birth fact that names the baby's father as
// abusive.
const pregnancyAbuse = 1

// namedHarm records whom a child's account names, and makes them the
// person the rest of the record calls the suspect.
func (b *build) namedHarm(n named) {
	b.harm, b.partnerRel = n.harm, n.rel
	switch {
	case n.harm == harmMother:
		b.suspect, b.suspectRef = b.mother.String(), b.mother.given
	case n.ref != "":
		b.suspect, b.suspectRef = n.ref, n.ref
	}
}

// familyNames are the surnames family() gave the mother, her partner and
// the children, for their relatives.
type familyNames struct {
	mother, father, children surname
}

// stayer is who stays at the home under the safety plan: the one the
// safety plan decision named, if there is one, else who.
func (b *build) stayer(who string) string {
	if b.sitter == "" {
		b.sitter = who
	}
	return b.sitter
}
