package meeting

import (
	"fmt"
	"strings"
)

// A Vocabulary is a fixed, ordered list of codes with human labels. Codes are
// what files and the database hold; labels are what people read.
type Vocabulary[C ~string] struct {
	noun   string // what one code is called, for messages: "agency"
	codes  []C
	labels map[C]string
}

func newVocabulary[C ~string](noun string, pairs ...string) Vocabulary[C] {
	v := Vocabulary[C]{noun: noun, labels: make(map[C]string, len(pairs)/2)}
	for i := 0; i+1 < len(pairs); i += 2 {
		c := C(pairs[i])
		v.codes = append(v.codes, c)
		v.labels[c] = pairs[i+1]
	}
	return v
}

// Codes returns every code in display order.
func (v Vocabulary[C]) Codes() []C { return append([]C(nil), v.codes...) }

// Valid reports whether c is one of the vocabulary's codes.
func (v Vocabulary[C]) Valid(c C) bool {
	_, ok := v.labels[c]
	return ok
}

// Label returns the human label of c, or c itself when it is not a known code.
func (v Vocabulary[C]) Label(c C) string {
	if l, ok := v.labels[c]; ok {
		return l
	}
	return string(c)
}

// Noun names what the vocabulary's codes are ("agency", "outcome").
func (v Vocabulary[C]) Noun() string { return v.noun }

// check returns the problem with c, or "" when c is valid. It suggests the
// nearest code so that a typo such as "polise" is easy to fix.
func (v Vocabulary[C]) check(c C) string {
	if v.Valid(c) {
		return ""
	}
	if c == "" {
		return fmt.Sprintf("missing %s", v.noun)
	}
	// The value is not repeated: it may be a name typed in the wrong field.
	msg := "unknown " + v.noun
	if near, ok := v.nearest(string(c)); ok {
		return msg + fmt.Sprintf(" (did you mean %q?)", near)
	}
	names := make([]string, len(v.codes))
	for i, code := range v.codes {
		names[i] = string(code)
	}
	return msg + " (expected one of: " + strings.Join(names, ", ") + ")"
}

// nearest returns the code closest to s by edit distance, when it is close
// enough to be a plausible typo.
func (v Vocabulary[C]) nearest(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	best, bestDist := "", 3
	for _, c := range v.codes {
		if d := editDistance(s, string(c)); d < bestDist {
			best, bestDist = string(c), d
		}
	}
	return best, best != ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Type is the kind of strategy meeting.
type Type string

// Mode is how the meeting was held.
type Mode string

// Agency is a partner organisation taking part in a meeting.
type Agency string

// Service is the part of a health or education agency an attendee comes from.
type Service string

// Attendance records whether and how an attendee took part.
type Attendance string

// ConsentStatus records whether consent for checks and sharing was sought and
// what became of it.
type ConsentStatus string

// LawfulBasis is the legal basis for sharing information (UK GDPR / DPA 2018).
type LawfulBasis string

// ParentsInformed records whether the parents have been told of the meeting.
type ParentsInformed string

// Outcome is a typed decision of a strategy meeting.
type Outcome string

// ThresholdView is an agency's view of whether the threshold of
// significant harm is met.
type ThresholdView string

// Copy is which copy of the minutes a recipient was sent.
type Copy string

// Copies of the minutes.
const (
	CopyFull     Copy = "full"
	CopyInitials Copy = "initials"
)

// Investigation is whether the police will investigate.
type Investigation string

// MedicalDecision is whether a child protection medical is needed.
type MedicalDecision string

// LegalDecision is whether legal advice or a legal planning meeting is
// needed.
type LegalDecision string

// Relationship is a person's relationship to the children of the meeting.
type Relationship string

// Codes of the interchange format and database. The labels are in the
// vocabularies below.
const (
	TypeInitial   Type = "initial"
	TypeReview    Type = "review"
	TypeImmediate Type = "immediate"
	TypeComplex   Type = "complex"
	TypePreBirth  Type = "pre_birth"

	ModeInPerson Mode = "in_person"
	ModeVirtual  Mode = "virtual"
	ModePhone    Mode = "phone"

	AgencySocialCare      Agency = "social_care"
	AgencyPolice          Agency = "police"
	AgencyHealth          Agency = "health"
	AgencyEducation       Agency = "education"
	AgencyEarlyHelp       Agency = "early_help"
	AgencyHousing         Agency = "housing"
	AgencyProbation       Agency = "probation"
	AgencyYouthJustice    Agency = "youth_justice"
	AgencyAdultSocialCare Agency = "adult_social_care"
	AgencyDomesticAbuse   Agency = "domestic_abuse"
	AgencyVoluntary       Agency = "voluntary"
	AgencyLegal           Agency = "legal"
	AgencyOther           Agency = "other"

	ServiceGP                  Service = "gp"
	ServiceHealthVisitor       Service = "health_visitor"
	ServiceSchoolNurse         Service = "school_nurse"
	ServiceMidwife             Service = "midwife"
	ServicePaediatrician       Service = "paediatrician"
	ServiceEmergencyDepartment Service = "emergency_department"
	ServiceCAMHS               Service = "camhs"
	ServiceAdultMentalHealth   Service = "adult_mental_health"
	ServiceSubstanceMisuse     Service = "substance_misuse"
	ServiceNamedNurse          Service = "named_nurse"
	ServiceSchool              Service = "school"
	ServiceNursery             Service = "nursery"
	ServiceCollege             Service = "college"
	ServiceVirtualSchool       Service = "virtual_school"
	ServiceOther               Service = "other"

	Attended      Attendance = "attended"
	AttendedPart  Attendance = "attended_part"
	ApologiesInfo Attendance = "apologies_report"
	Apologies     Attendance = "apologies"
	DidNotAttend  Attendance = "did_not_attend"
	NotInvited    Attendance = "not_invited"

	ConsentGiven      ConsentStatus = "given"
	ConsentRefused    ConsentStatus = "refused"
	ConsentOverridden ConsentStatus = "overridden"
	ConsentNotSought  ConsentStatus = "not_sought"

	BasisPublicTask      LawfulBasis = "public_task"
	BasisLegalObligation LawfulBasis = "legal_obligation"
	BasisVitalInterests  LawfulBasis = "vital_interests"
	BasisConsent         LawfulBasis = "consent"
	BasisLawEnforcement  LawfulBasis = "law_enforcement"

	ParentsInformedYes    ParentsInformed = "yes"
	ParentsInformedNo     ParentsInformed = "no"
	ParentsInformedNotYet ParentsInformed = "not_yet"

	OutcomeS47Joint            Outcome = "s47_joint"
	OutcomeS47Single           Outcome = "s47_single"
	OutcomeAssessment          Outcome = "assessment"
	OutcomeEarlyHelp           Outcome = "early_help"
	OutcomeNoFurtherAction     Outcome = "no_further_action"
	OutcomeFurtherStrategy     Outcome = "further_strategy"
	OutcomePoliceProtection    Outcome = "police_protection"
	OutcomeEmergencyProtection Outcome = "emergency_protection_order"
	OutcomeS20Accommodation    Outcome = "s20_accommodation"
	OutcomeSafetyPlan          Outcome = "safety_plan"
	OutcomeMedical             Outcome = "medical"
	OutcomeABEInterview        Outcome = "abe_interview"
	OutcomeLegalPlanning       Outcome = "legal_planning"
	OutcomeLADOReferral        Outcome = "lado_referral"
	OutcomeICPC                Outcome = "icpc"

	ViewMet    ThresholdView = "met"
	ViewNotMet ThresholdView = "not_met"
	ViewUnsure ThresholdView = "unsure"

	InvestigationYes         Investigation = "yes"
	InvestigationNo          Investigation = "no"
	InvestigationToBeDecided Investigation = "to_be_decided"

	MedicalNeeded      MedicalDecision = "needed"
	MedicalNotNeeded   MedicalDecision = "not_needed"
	MedicalDone        MedicalDecision = "done"
	MedicalToBeDecided MedicalDecision = "to_be_decided"

	LegalNeeded      LegalDecision = "needed"
	LegalNotNeeded   LegalDecision = "not_needed"
	LegalToBeDecided LegalDecision = "to_be_decided"

	RelationshipMother        Relationship = "mother"
	RelationshipFather        Relationship = "father"
	RelationshipStepParent    Relationship = "step_parent"
	RelationshipParentPartner Relationship = "parent_partner"
	RelationshipCarer         Relationship = "carer"
	RelationshipSibling       Relationship = "sibling"
	RelationshipHalfSibling   Relationship = "half_sibling"
	RelationshipGrandparent   Relationship = "grandparent"
	RelationshipOtherRelative Relationship = "other_relative"
	RelationshipOtherAdult    Relationship = "other_adult"
	RelationshipOtherChild    Relationship = "other_child"
	RelationshipChild         Relationship = "child" // in a family plan: the child of the meeting
)

// The vocabularies, in the order people expect to see them.
var (
	Types = newVocabulary[Type]("meeting type",
		"initial", "Initial strategy meeting",
		"review", "Review / reconvened strategy meeting",
		"immediate", "Immediate strategy discussion",
		"complex", "Complex / organised abuse strategy meeting",
		"pre_birth", "Pre-birth strategy meeting",
	)
	Modes = newVocabulary[Mode]("mode",
		"in_person", "In person",
		"virtual", "Virtual (video)",
		"phone", "Telephone",
	)
	Agencies = newVocabulary[Agency]("agency",
		"social_care", "Children's social care",
		"police", "Police",
		"health", "Health",
		"education", "Education",
		"early_help", "Early help",
		"housing", "Housing",
		"probation", "Probation",
		"youth_justice", "Youth justice",
		"adult_social_care", "Adult social care",
		"domestic_abuse", "Domestic abuse service",
		"voluntary", "Voluntary sector",
		"legal", "Legal services",
		"other", "Other",
	)
	HealthServices = newVocabulary[Service]("health service",
		"gp", "GP",
		"health_visitor", "Health visitor",
		"school_nurse", "School nurse",
		"midwife", "Midwife",
		"paediatrician", "Paediatrician",
		"emergency_department", "Emergency department",
		"camhs", "CAMHS",
		"adult_mental_health", "Adult mental health",
		"substance_misuse", "Substance misuse service",
		"named_nurse", "Named / designated nurse",
		"other", "Other health service",
	)
	EducationServices = newVocabulary[Service]("education service",
		"school", "School (designated safeguarding lead)",
		"nursery", "Nursery / early years",
		"college", "College",
		"virtual_school", "Virtual school",
		"other", "Other education service",
	)
	Attendances = newVocabulary[Attendance]("attendance",
		"attended", "Attended",
		"attended_part", "Attended part",
		"apologies_report", "Apologies, information sent",
		"apologies", "Apologies",
		"did_not_attend", "Did not attend",
		"not_invited", "Not invited",
	)
	ConsentStatuses = newVocabulary[ConsentStatus]("consent status",
		"given", "Sought and given",
		"refused", "Sought and refused",
		"overridden", "Refused or withheld, and overridden",
		"not_sought", "Not sought",
	)
	LawfulBases = newVocabulary[LawfulBasis]("lawful basis",
		"public_task", "UK GDPR Art 6(1)(e) public task; Art 9(2)(g), DPA 2018 Sch 1 para 18",
		"legal_obligation", "UK GDPR Art 6(1)(c) legal obligation",
		"vital_interests", "UK GDPR Art 6(1)(d) vital interests",
		"consent", "UK GDPR Art 6(1)(a) consent",
		"law_enforcement", "DPA 2018 Part 3 law enforcement (Sch 8 para 4)",
	)
	ParentsInformedValues = newVocabulary[ParentsInformed]("parents informed",
		"yes", "Yes",
		"no", "No",
		"not_yet", "Not yet",
	)
	Outcomes = newVocabulary[Outcome]("outcome",
		"s47_joint", "Section 47 enquiry, joint with police",
		"s47_single", "Section 47 enquiry, single-agency",
		"assessment", "Child and family assessment (section 17), threshold not met",
		"early_help", "Early help",
		"no_further_action", "No further action",
		"further_strategy", "Further strategy meeting",
		"police_protection", "Police protection",
		"emergency_protection_order", "Emergency protection order",
		"s20_accommodation", "Section 20 accommodation",
		"safety_plan", "Safety plan",
		"medical", "Child protection medical",
		"abe_interview", "Achieving best evidence interview",
		"legal_planning", "Legal planning meeting",
		"lado_referral", "LADO referral",
		"icpc", "Initial child protection conference",
	)
	Copies = newVocabulary[Copy]("copy",
		"full", "Full copy",
		"initials", "Initials copy",
	)
	ThresholdViews = newVocabulary[ThresholdView]("threshold view",
		"met", "Threshold met",
		"not_met", "Threshold not met",
		"unsure", "Unsure",
	)
	Investigations = newVocabulary[Investigation]("police investigation",
		"yes", "Yes",
		"no", "No",
		"to_be_decided", "To be decided",
	)
	MedicalDecisions = newVocabulary[MedicalDecision]("medical decision",
		"needed", "Needed",
		"not_needed", "Considered, not needed",
		"done", "Already done",
		"to_be_decided", "To be decided",
	)
	LegalDecisions = newVocabulary[LegalDecision]("legal decision",
		"needed", "Needed",
		"not_needed", "Considered, not needed",
		"to_be_decided", "To be decided",
	)
	Relationships = newVocabulary[Relationship]("relationship",
		"mother", "Mother",
		"father", "Father",
		"step_parent", "Step-parent",
		"parent_partner", "Parent's partner",
		"carer", "Carer",
		"sibling", "Sibling",
		"half_sibling", "Half-sibling",
		"grandparent", "Grandparent",
		"other_relative", "Other relative",
		"other_adult", "Other adult",
		"other_child", "Other child",
		"child", "The child",
	)
)

// ChildRelationship reports whether the relationship is a child's: the
// household's other children.
func ChildRelationship(r Relationship) bool {
	return r == RelationshipSibling || r == RelationshipHalfSibling || r == RelationshipOtherChild
}

// StatutoryPartners are the agencies that must attend every strategy meeting
// (Working Together to Safeguard Children 2023).
var StatutoryPartners = []Agency{AgencySocialCare, AgencyPolice, AgencyHealth}

// Services returns the services offered for an agency: health and education
// have them, other agencies have none.
func Services(a Agency) (Vocabulary[Service], bool) {
	switch a {
	case AgencyHealth:
		return HealthServices, true
	case AgencyEducation:
		return EducationServices, true
	}
	return Vocabulary[Service]{}, false
}

// Label returns the human label of the code, for every vocabulary type.
func (t Type) Label() string            { return Types.Label(t) }
func (m Mode) Label() string            { return Modes.Label(m) }
func (a Agency) Label() string          { return Agencies.Label(a) }
func (a Attendance) Label() string      { return Attendances.Label(a) }
func (s ConsentStatus) Label() string   { return ConsentStatuses.Label(s) }
func (b LawfulBasis) Label() string     { return LawfulBases.Label(b) }
func (p ParentsInformed) Label() string { return ParentsInformedValues.Label(p) }
func (o Outcome) Label() string         { return Outcomes.Label(o) }
func (v ThresholdView) Label() string   { return ThresholdViews.Label(v) }
func (i Investigation) Label() string   { return Investigations.Label(i) }
func (d MedicalDecision) Label() string { return MedicalDecisions.Label(d) }
func (d LegalDecision) Label() string   { return LegalDecisions.Label(d) }
func (r Relationship) Label() string    { return Relationships.Label(r) }

// ServiceLabel returns the label of a service within its agency.
func ServiceLabel(a Agency, s Service) string {
	if v, ok := Services(a); ok {
		return v.Label(s)
	}
	return string(s)
}
