package meeting

import (
	"strings"
	"testing"
	"time"
)

// validMeeting is a small, complete, valid record to spoil one field at a time.
func validMeeting() *Meeting {
	held := time.Date(2025, 6, 3, 10, 30, 0, 0, time.FixedZone("", 3600))
	return &Meeting{
		ID: "m1", Type: TypeInitial, Mode: ModeVirtual, HeldAt: held,
		ReferralReceivedAt: held.Add(-20 * time.Hour),
		Chair:              "Priya Raman",
		Children:           []Child{{ID: "c1", Name: "Amelia", DateOfBirth: Date{2016, 9, 14}}},
		Attendees: []Attendee{
			{Name: "Priya Raman", Agency: AgencySocialCare, Attendance: Attended},
			{Name: "Dr O", Agency: AgencyHealth, Service: ServiceGP, Attendance: ApologiesInfo},
		},
		Consent:   &Consent{Status: ConsentOverridden, LawfulBasis: BasisPublicTask, ParentsInformed: ParentsInformedYes, ParentsInformedOn: Date{2025, 6, 4}},
		Decisions: []Decision{{Outcome: OutcomeS47Joint, Children: []string{"c1"}}},
		Actions:   []Action{{Description: "Visit", Owner: "DC Y", Agency: AgencyPolice, Due: Date{2025, 6, 4}}},
		Information: []Information{
			{Agency: AgencySocialCare, SharedBy: "Priya Raman", Summary: "Known since 2023", View: ViewMet},
			{Agency: AgencyHealth, Service: ServiceGP, SharedBy: "Dr O", Summary: "Bruise seen at surgery", View: ViewUnsure},
		},
		Police:     Police{Investigation: InvestigationYes, Officer: "DC Y"},
		Medical:    Medical{Decision: MedicalNeeded, ArrangedBy: "Dr O"},
		Legal:      Legal{Decision: LegalNotNeeded, Reason: "Parents cooperating"},
		SafetyPlan: "Amelia stays with her grandmother",
		FamilyPlan: []FamilyLine{{Person: "Mother", Relationship: RelationshipMother, What: "The enquiry", By: "Priya Raman"}},
		Household:  []Member{{ID: "h1", Name: "Jakub", Relationship: RelationshipSibling, LivesWithChild: true}},
	}
}

// Sign-off waits for each statutory question, and says which; "not
// needed" and "to be decided" are answers only with a reason.
func TestChecklistQuestions(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(m *Meeting)
		code  Code
		want  string
	}{
		{"no social care information", func(m *Meeting) { m.Information = m.Information[1:] }, QuestionInformation, "information: record what Children's social care shared"},
		{"information without summary", func(m *Meeting) { m.Information[1].Summary = " " }, QuestionInformation, "record what Health shared"},
		{"a child without decision", func(m *Meeting) {
			m.Children = append(m.Children, Child{ID: "c2", Name: "Jakub"})
		}, QuestionSection47, "children[1]: record a decision for this child"},
		{"police not decided", func(m *Meeting) { m.Police.Investigation = "" }, QuestionPolice, "police.investigation: say whether"},
		{"police no, no reason", func(m *Meeting) { m.Police.Investigation = InvestigationNo }, QuestionPolice, "police.reason: say why the police will not investigate"},
		{"police later, no reason", func(m *Meeting) { m.Police.Investigation = InvestigationToBeDecided }, QuestionPolice, "police.reason: say who decides"},
		{"medical not decided", func(m *Meeting) { m.Medical.Decision = "" }, QuestionMedical, "medical.decision: say whether"},
		{"medical not needed, no reason", func(m *Meeting) { m.Medical.Decision = MedicalNotNeeded }, QuestionMedical, "medical.reason: say why a medical is not needed"},
		{"medical later, no reason", func(m *Meeting) { m.Medical.Decision = MedicalToBeDecided }, QuestionMedical, "medical.reason:"},
		{"legal not decided", func(m *Meeting) { m.Legal = Legal{} }, QuestionLegal, "legal.decision: say whether"},
		{"legal not needed, no reason", func(m *Meeting) { m.Legal.Reason = "" }, QuestionLegal, "legal.reason: say why legal advice is not needed"},
		{"no safety plan", func(m *Meeting) { m.SafetyPlan = "\n" }, QuestionSafety, "safety_plan: record what keeps the child safe now"},
		{"no other children considered", func(m *Meeting) { m.Household[0].Relationship = RelationshipMother }, QuestionOtherChildren, "other_children: list the other children"},
		{"no family plan", func(m *Meeting) { m.FamilyPlan = nil }, QuestionFamily, "family_plan: record what each parent"},
		{"family told nothing", func(m *Meeting) { m.FamilyPlan[0].What = "" }, QuestionFamily, "family_plan[0].what: say what they are told"},
		{"family told by nobody", func(m *Meeting) { m.FamilyPlan[0].By = "" }, QuestionFamily, "family_plan[0].by: say who tells them"},
		{"withheld without reason", func(m *Meeting) { m.FamilyPlan[0].Withheld = true }, QuestionFamily, "family_plan[0].withheld_reason: say why it is withheld"},
		{"a parent not told", func(m *Meeting) {
			m.Household = append(m.Household, Member{ID: "h2", Name: "Mark Kowalczyk", Relationship: RelationshipFather})
		}, QuestionFamily, "household[1]: record what this father is told"},
		{"a dash for a reason", func(m *Meeting) { m.Legal.Reason = "-" }, QuestionLegal, "legal.reason: say why legal advice is not needed"},
		{"a dot for a safety plan", func(m *Meeting) { m.SafetyPlan = " . " }, QuestionSafety, "safety_plan:"},
		{"a decision without its outcome", func(m *Meeting) { m.Decisions[0].Outcome = "" }, QuestionSection47, "children[0]: record a decision for this child"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMeeting()
			m.Consent.Reason, m.Consent.DecidedBy, m.Consent.AuthorisedBy = "Would alert the father", "Priya Raman", "Mark Benson"
			m.MissingPartnersReason = "Police not available"
			tt.spoil(m)
			ps := m.SignOffProblems()
			if !strings.Contains(ps.Error(), tt.want) {
				t.Fatalf("want %q in:\n%v", tt.want, ps)
			}
			var unanswered []Code
			for _, q := range m.Checklist() {
				if !q.Answered {
					unanswered = append(unanswered, q.Code)
				}
			}
			if len(unanswered) != 1 || unanswered[0] != tt.code {
				t.Errorf("unanswered %v, want only %s", unanswered, tt.code)
			}
			for _, p := range ps {
				if p.Code == tt.code && (!p.Incomplete || p.Field == "") {
					t.Errorf("%v: a question's problem is incomplete and names its field", p)
				}
			}
			// Answering it with a reason, where one was missing, is enough.
			m.Police.Reason, m.Medical.Reason, m.Legal.Reason = "Agreed at the meeting", "Agreed at the meeting", "Agreed at the meeting"
			if tt.code == QuestionPolice || tt.code == QuestionMedical || tt.code == QuestionLegal {
				if tt.name != "police not decided" && tt.name != "medical not decided" && tt.name != "legal not decided" {
					if ps := m.SignOffProblems(); len(ps) != 0 {
						t.Errorf("with a reason: %v", ps)
					}
				}
			}
		})
	}
}

// A parent or carer in the household is told by a line naming them or of
// their relationship.
func TestParentsAreTold(t *testing.T) {
	m := validMeeting()
	m.Household = append(m.Household, Member{ID: "h2", Name: "Mark Kowalczyk", Relationship: RelationshipFather})
	for _, l := range []FamilyLine{
		{Person: "Mark", What: "The enquiry", By: "Priya Raman"},
		{Person: "Mr Kowalczyk", What: "The enquiry", By: "Priya Raman"},
		{Person: "Dad", Relationship: RelationshipFather, Withheld: true, WithheldReason: "Police ask"},
	} {
		c := m.Clone()
		c.FamilyPlan = append(c.FamilyPlan, l)
		for _, q := range c.Checklist() {
			if q.Code == QuestionFamily && !q.Answered {
				t.Errorf("%+v: %v", l, q.Problems)
			}
		}
	}
}

// A surname the family shares names none of them: the father is not told
// by a line for "Mrs Kowalczyk", the mother.
func TestSharedSurnameTellsNoOne(t *testing.T) {
	m := validMeeting()
	m.Household = append(m.Household, Member{ID: "h2", Name: "Anna Kowalczyk", Relationship: RelationshipMother},
		Member{ID: "h3", Name: "Mark Kowalczyk", Relationship: RelationshipFather})
	m.FamilyPlan = []FamilyLine{{Person: "Mrs Kowalczyk", Relationship: RelationshipMother, What: "The enquiry", By: "Priya Raman"}}
	for _, q := range m.Checklist() {
		if q.Code == QuestionFamily && (q.Answered || len(q.Problems) != 1 || q.Problems[0].Field != "household[2]") {
			t.Errorf("the father is told by the mother's line: %v", q.Problems)
		}
	}
}

// Minutes signed off before the statutory questions keep their rules: an
// amendment or an import of them is not refused for the questions.
func TestLegacySignOffRules(t *testing.T) {
	m := validMeeting()
	m.Consent.Reason, m.Consent.DecidedBy, m.Consent.AuthorisedBy = "Would alert the father", "Priya Raman", "Mark Benson"
	m.MissingPartnersReason = "Police not available"
	m.Police, m.Medical, m.Legal, m.SafetyPlan, m.FamilyPlan, m.Information, m.Household = Police{}, Medical{}, Legal{}, "", nil, nil, nil
	m.SignedOffAt, m.SignedOffBy = m.HeldAt.Add(time.Hour), "Priya Raman"
	if ps := m.SignedOffProblems(m.HeldAt.Add(2 * time.Hour)); len(ps) != 0 {
		t.Errorf("legacy sign-off: %v", ps)
	}
	m.SignOffRules = RulesChecklist
	if ps := m.SignedOffProblems(m.HeldAt.Add(2 * time.Hour)); len(ps) == 0 {
		t.Error("minutes signed off under the checklist rules without its answers passed")
	}
}

func TestValidMeetingPasses(t *testing.T) {
	if err := validMeeting().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateNamesEveryProblem(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(m *Meeting)
		want  string
	}{
		{"no id", func(m *Meeting) { m.ID = " " }, "id: is required"},
		{"long id", func(m *Meeting) { m.ID = strings.Repeat("x", 201) }, "id: is 201 characters long; the limit is 200"},
		{"bad type", func(m *Meeting) { m.Type = "inital" }, `type: unknown meeting type (did you mean "initial"?)`},
		{"far-off type", func(m *Meeting) { m.Type = "zzzzzzzzz" }, "(expected one of: initial, review, immediate, complex, pre_birth)"},
		{"no mode", func(m *Meeting) { m.Mode = "" }, "mode: missing mode"},
		{"no held_at", func(m *Meeting) { m.HeldAt = time.Time{} }, "held_at: is required"},
		{"referral after", func(m *Meeting) { m.ReferralReceivedAt = m.HeldAt.Add(time.Hour) }, "referral_received_at: is after the meeting"},
		{"control char", func(m *Meeting) { m.Chair = "Priya\x00" }, "chair: contains a control character (U+0000)"},
		{"newline in name", func(m *Meeting) { m.Chair = "Priya\nRaman" }, "chair: contains a control character (U+000A)"},
		{"bad utf8", func(m *Meeting) { m.Reason = "caf\xe9" }, "reason: is not valid UTF-8"},
		{"signed without chair", func(m *Meeting) { m.Chair = ""; m.SignedOffAt = m.HeldAt.Add(time.Hour) }, "chair: is required"},
		{"signed before held", func(m *Meeting) { m.SignedOffAt = m.HeldAt.Add(-time.Hour) }, "signed_off_at: is before the meeting"},
		{"member born after", func(m *Meeting) { m.Household[0].DateOfBirth = Date{2030, 1, 1} }, "household[0].date_of_birth: is after the meeting"},
		{"member without relationship", func(m *Meeting) { m.Household[0].Relationship = "" }, "household[0].relationship: missing relationship"},
		{"told without relationship", func(m *Meeting) { m.FamilyPlan[0].Relationship = "" }, "family_plan[0].relationship: missing relationship"},
		{"next before held", func(m *Meeting) { m.NextMeetingAt = m.HeldAt }, "next_meeting_at: is not after this meeting"},
		{"withheld until before", func(m *Meeting) { m.FamilyPlan[0].Withheld, m.FamilyPlan[0].WithheldUntil = true, Date{2025, 1, 1} }, "family_plan[0].withheld_until: is before the meeting"},
		{"reason without withheld", func(m *Meeting) { m.FamilyPlan[0].WithheldReason = "police" }, "family_plan[0].withheld: is not ticked"},
		{"unknown threshold view", func(m *Meeting) { m.Information[0].View = "maybe" }, "information[0].view: unknown threshold view"},
		{"long summary", func(m *Meeting) { m.Information[0].Summary = strings.Repeat("x", 100001) }, "information[0].summary: is 100001 characters long"},
		{"child id twice", func(m *Meeting) { m.Children = append(m.Children, Child{ID: "c1", Name: "B"}) }, `children[1].id: is used by another child`},
		{"child without name", func(m *Meeting) { m.Children[0].Name = "" }, "children[0].name: is required"},
		{"born after meeting", func(m *Meeting) { m.Children[0].DateOfBirth = Date{2025, 7, 1} }, "children[0].date_of_birth: is after the meeting"},
		{"born long ago", func(m *Meeting) { m.Children[0].DateOfBirth = Date{1890, 1, 1} }, "children[0].date_of_birth: is before 1900"},
		{"bad agency", func(m *Meeting) { m.Attendees[1].Agency = "polise" }, `attendees[1].agency: unknown agency (did you mean "police"?)`},
		{"service for police", func(m *Meeting) { m.Attendees[0].Service = ServiceGP }, `attendees[0].service: agency "social_care" has no services`},
		{"school for health", func(m *Meeting) { m.Attendees[1].Service = ServiceSchool }, `attendees[1].service: unknown health service (`},
		{"no attendance", func(m *Meeting) { m.Attendees[0].Attendance = "" }, "attendees[0].attendance: missing attendance"},
		{"attendee without name", func(m *Meeting) { m.Attendees[0].Name = "" }, "attendees[0].name: is required"},
		{"consent status", func(m *Meeting) { m.Consent.Status = "yes" }, `consent.status: unknown consent status (`},
		{"lawful basis", func(m *Meeting) { m.Consent.LawfulBasis = "gdpr" }, `consent.lawful_basis: unknown lawful basis (`},
		{"informed on without yes", func(m *Meeting) { m.Consent.ParentsInformed = ParentsInformedNotYet }, "consent.parents_informed_on: is given but parents_informed is not"},
		{"parents informed", func(m *Meeting) { m.Consent.ParentsInformed = "maybe" }, `consent.parents_informed: unknown parents informed (`},
		{"outcome", func(m *Meeting) { m.Decisions[0].Outcome = "s47" }, `decisions[0].outcome: unknown outcome (`},
		{"decision child", func(m *Meeting) { m.Decisions[0].Children = []string{"c1", "c2"} }, `decisions[0].children[1]: no child of this meeting has this id`},
		{"decision child twice", func(m *Meeting) { m.Decisions[0].Children = []string{"c1", "c1"} }, `decisions[0].children[1]: the child is listed twice`},
		{"action description", func(m *Meeting) { m.Actions[0].Description = "" }, "actions[0].description: is required"},
		{"action agency", func(m *Meeting) { m.Actions[0].Agency = "cops" }, `actions[0].agency: unknown agency (expected one of`},
		{"due before meeting", func(m *Meeting) { m.Actions[0].Due = Date{2025, 6, 2} }, "actions[0].due: is before the meeting"},
		{"done before meeting", func(m *Meeting) { m.Actions[0].Completed = Date{2025, 5, 2} }, "actions[0].completed: is before the meeting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMeeting()
			tt.spoil(m)
			ps := m.Check()
			if len(ps) == 0 || !strings.Contains(ps.Error(), tt.want) {
				t.Errorf("got %q\nwant it to contain %q", ps.Error(), tt.want)
			}
			// A signed-off record must be free of every problem.
			if !m.SignedOff() {
				m.SignedOffAt = m.HeldAt.Add(24 * time.Hour)
			}
			if err := m.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("signed off: got %v", err)
			}
		})
	}
}

func TestValidateReturnsEveryProblemAtOnce(t *testing.T) {
	m := validMeeting()
	m.Type = "x"
	m.Attendees[0].Agency = "y"
	m.Actions[0].Description = ""
	if ps := m.Check(); len(ps) != 3 {
		t.Errorf("got %d problems, want 3: %v", len(ps), ps)
	}
}

// A draft keeps what the chair has typed so far; only what cannot be stored
// stops it.
func TestDraftMayBeIncomplete(t *testing.T) {
	m := validMeeting()
	m.Chair = ""
	m.Attendees = append(m.Attendees, Attendee{Agency: AgencyPolice}) // name and attendance not yet chosen
	m.Actions = append(m.Actions, Action{Due: Date{2025, 5, 1}})      // due date typed wrong
	m.Consent = &Consent{ParentsViews: "Mother says ..."}             // status not yet chosen
	if err := m.Validate(); err != nil {
		t.Fatalf("draft refused: %v", err)
	}
	incomplete := 0
	for _, p := range m.Check() {
		if !p.Incomplete {
			t.Errorf("not marked incomplete: %v", p)
		}
		incomplete++
	}
	if incomplete < 5 {
		t.Errorf("only %d problems found: %v", incomplete, m.Check())
	}
	m.Type = ""
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "type: missing meeting type") {
		t.Errorf("missing type: %v", err)
	}
}

func TestSignOffProblems(t *testing.T) {
	m := validMeeting()
	m.Consent.Reason = "Would alert the father"
	m.Consent.DecidedBy, m.Consent.AuthorisedBy = "Priya Raman", "Mark Benson"
	m.MissingPartnersReason = "Police not available; information shared by phone"
	if ps := m.SignOffProblems(); len(ps) != 0 {
		t.Fatalf("complete record: %v", ps)
	}
	m.Children = nil
	m.Decisions = nil
	m.Consent = nil
	m.Chair = " "
	m.Actions[0].Owner = ""
	m.Actions[0].Due = Date{}
	m.MissingPartnersReason = ""
	got := m.SignOffProblems().Error()
	for _, want := range []string{"children: add at least one child", "chair: is required", "decisions: record at least one decision",
		"consent: record how consent was handled", "actions[0].owner: is required", "actions[0].due: is required",
		"missing_partners_reason: say why Police, Health did not attend"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Count(got, "chair: is required") != 1 {
		t.Errorf("chair reported twice:\n%s", got)
	}
	m = validMeeting()
	m.MissingPartnersReason = "x"
	m.Consent.ParentsInformed, m.Consent.ParentsInformedOn = ParentsInformedNotYet, Date{}
	got = m.SignOffProblems().Error()
	for _, want := range []string{"consent.reason: say why consent was refused or withheld, and overridden",
		"consent.decided_by: is required", "consent.authorised_by: is required", "consent.parents_informed_reason: say why"} {
		if !strings.Contains(got, want) {
			t.Errorf("override: missing %q in:\n%s", want, got)
		}
	}
}

func TestValidateAcceptsWhatPeopleType(t *testing.T) {
	m := validMeeting()
	m.Children[0].Name = "Zoë Ψ O'Brien-Nguyễn 👶🏽"
	m.Reason = "Line one\r\nLine two\twith a tab; “quotes” and £50"
	m.Type = TypePreBirth
	m.Children[0].DateOfBirth = Date{2025, 8, 1} // expected date, after the meeting
	m.Consent = nil                              // not recorded: allowed
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestVocabulariesHaveLabels(t *testing.T) {
	check := func(name string, codes []string, label func(string) string) {
		if len(codes) == 0 {
			t.Errorf("%s: no codes", name)
		}
		seen := map[string]bool{}
		for _, c := range codes {
			if l := label(c); l == "" || l == c || seen[c] {
				t.Errorf("%s %q: label %q", name, c, l)
			}
			seen[c] = true
		}
	}
	check("agency", codesOf(Agencies), func(c string) string { return Agency(c).Label() })
	check("type", codesOf(Types), func(c string) string { return Type(c).Label() })
	check("mode", codesOf(Modes), func(c string) string { return Mode(c).Label() })
	check("attendance", codesOf(Attendances), func(c string) string { return Attendance(c).Label() })
	check("consent", codesOf(ConsentStatuses), func(c string) string { return ConsentStatus(c).Label() })
	check("basis", codesOf(LawfulBases), func(c string) string { return LawfulBasis(c).Label() })
	check("informed", codesOf(ParentsInformedValues), func(c string) string { return ParentsInformed(c).Label() })
	check("outcome", codesOf(Outcomes), func(c string) string { return Outcome(c).Label() })
	check("health service", codesOf(HealthServices), func(c string) string { return ServiceLabel(AgencyHealth, Service(c)) })
	check("threshold view", codesOf(ThresholdViews), func(c string) string { return ThresholdView(c).Label() })
	check("investigation", codesOf(Investigations), func(c string) string { return Investigation(c).Label() })
	check("medical", codesOf(MedicalDecisions), func(c string) string { return MedicalDecision(c).Label() })
	check("legal", codesOf(LegalDecisions), func(c string) string { return LegalDecision(c).Label() })
	check("relationship", codesOf(Relationships), func(c string) string { return Relationship(c).Label() })
	check("education service", codesOf(EducationServices), func(c string) string { return ServiceLabel(AgencyEducation, Service(c)) })
	if len(Agencies.Codes()) != 13 || len(Outcomes.Codes()) != 15 || len(Attendances.Codes()) != 6 {
		t.Error("a vocabulary lost or gained a code of the interchange format")
	}
}

func codesOf[C ~string](v Vocabulary[C]) []string {
	var out []string
	for _, c := range v.Codes() {
		out = append(out, string(c))
	}
	return out
}

func TestAgencyState(t *testing.T) {
	tests := []struct {
		rows []Attendance
		want AgencyState
	}{
		{nil, StateNotInvited},
		{[]Attendance{NotInvited}, StateNotInvited},
		{[]Attendance{Apologies}, StateAbsent},
		{[]Attendance{DidNotAttend, NotInvited}, StateAbsent},
		{[]Attendance{Apologies, ApologiesInfo}, StateInformationOnly},
		{[]Attendance{ApologiesInfo, Apologies}, StateInformationOnly},
		{[]Attendance{DidNotAttend, AttendedPart}, StateAttended},
		{[]Attendance{Attended, Apologies}, StateAttended},
	}
	for _, tt := range tests {
		m := &Meeting{Attendees: []Attendee{{Agency: AgencyPolice, Attendance: Attended}}}
		for _, a := range tt.rows {
			m.Attendees = append(m.Attendees, Attendee{Agency: AgencyHealth, Attendance: a})
		}
		if got := m.AgencyState(AgencyHealth); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.rows, got, tt.want)
		}
		wantMissing := 2 // social care always, health unless attended
		if tt.want == StateAttended {
			wantMissing = 1
		}
		if got := m.MissingStatutory(); len(got) != wantMissing {
			t.Errorf("%v: missing %v", tt.rows, got)
		}
	}
}

func TestActionTimeliness(t *testing.T) {
	asOf := Date{2025, 7, 1}
	tests := []struct {
		a             Action
		overdue, late bool
	}{
		{Action{Due: Date{2025, 6, 30}}, true, false},
		{Action{Due: Date{2025, 7, 1}}, false, false},
		{Action{}, false, false},
		{Action{Due: Date{2025, 6, 1}, Completed: Date{2025, 6, 2}}, false, true},
		{Action{Due: Date{2025, 6, 1}, Completed: Date{2025, 6, 1}}, false, false},
	}
	for _, tt := range tests {
		if tt.a.Overdue(asOf) != tt.overdue || tt.a.CompletedLate() != tt.late {
			t.Errorf("%+v: overdue %v late %v", tt.a, tt.a.Overdue(asOf), tt.a.CompletedLate())
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2025-06-03", Date{2025, 6, 3}, true},
		{"", Date{}, true},
		{"2024-02-29", Date{2024, 2, 29}, true},
		{"2025-02-29", Date{}, false},
		{"2025-6-3", Date{}, false},
		{"03/06/2025", Date{}, false},
		{"2025-06-03T10:00:00Z", Date{}, false},
		{" 2025-06-03", Date{}, false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-06-03", "", "2025-02-29", "0000-01-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Errorf("ParseDate(%q) formats back as %q", s, d.String())
		}
	})
}

func TestUKDate(t *testing.T) {
	// 23:30 UTC on 31 March 2025 is 00:30 BST on 1 April.
	if got := UKDate(time.Date(2025, 3, 31, 23, 30, 0, 0, time.UTC)); got != (Date{2025, 4, 1}) {
		t.Errorf("summer: %v", got)
	}
	if got := UKDate(time.Date(2025, 1, 31, 23, 30, 0, 0, time.UTC)); got != (Date{2025, 1, 31}) {
		t.Errorf("winter: %v", got)
	}
}

// BenchmarkCheck checks the example's meeting with every field, as the
// editor does at every key and a save does before it writes.
func BenchmarkCheck(b *testing.B) {
	ms := decodeAll(b, readExample(b))
	m := ms[len(ms)-1]
	b.ReportAllocs()
	for range b.N {
		if ps := m.SignOffProblems(); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}
