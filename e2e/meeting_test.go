package e2e

import (
	"path/filepath"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// A whole meeting is recorded and signed off by keyboard alone: Tab,
// typing, type-ahead in the lists, the section and add-row shortcuts, and
// the sign-off dialog.
func TestWholeMeetingByKeyboard(t *testing.T) {
	s := newScreen(t)
	db := filepath.Join(t.TempDir(), "minutes.db")
	a := startApp(t, s, db, t.TempDir())
	today := time.Now().In(meeting.UK)
	date := func(d time.Time) string { return d.Format("02/01/2006") }

	a.keys("ctrl+n") // the cursor on the meeting type
	a.tabs(4)        // held by, date, time, the referral's date
	a.typeText(date(today.AddDate(0, 0, -1)))
	a.keys("Tab")
	a.typeText("16:05")
	a.keys("Tab")
	a.typeText("SM-2026-0001")
	a.keys("Tab")
	a.typeText("Sam Chair")
	a.keys("Tab")
	a.typeText("Lee Notes")
	a.keys("Tab")
	a.typeText("School reported bruising to the arm.")
	a.screenshot("keyboard-1-details")

	a.keys("ctrl+shift+c") // a child, the cursor in its name
	a.typeText("Amelia Test")
	a.keys("Tab")
	a.typeText("14/09/2016")
	a.keys("Tab")
	a.typeText("CR-77")
	a.screenshot("keyboard-2-children")

	attendee := func(name, role, agency, service string) {
		a.keys("ctrl+shift+a")
		a.typeText(name)
		a.keys("Tab")
		a.typeText(role)
		a.keys("Tab")
		a.typeText(agency) // type-ahead
		if service != "" {
			a.keys("Tab")
			a.typeText(service)
		}
	}
	attendee("Sam Chair", "Team manager", "children", "")
	attendee("DC Jo Bloggs", "Detective constable", "pol", "")
	attendee("Dr Ana Okafor", "GP", "hea", "gp")
	a.screenshot("keyboard-3-attendees")

	info := func(agency, by, view, summary string) {
		a.keys("ctrl+shift+i") // an entry of information, the cursor on its agency
		a.typeText(agency)
		a.keys("Tab") // shared by (the agency has no services: that list is skipped)
		a.typeText(by)
		a.keys("Tab")
		a.typeText(view)
		a.keys("Tab")
		a.typeText(summary)
	}
	info("children", "Sam Chair", "threshold met", "Not known before this referral.")
	info("pol", "DC Jo Bloggs", "threshold met", "One call-out in 2025.")
	a.keys("ctrl+shift+i")
	a.typeText("hea")
	a.keys("Tab")
	a.typeText("gp")
	a.tabs(2) // shared by, view
	a.typeText("unsure")
	a.keys("Tab")
	a.typeText("Seen for headaches twice.")
	a.screenshot("keyboard-3b-information")

	a.keys("ctrl+Next") // Consent: the cursor on its status
	a.typeText("sought and given")
	a.tabs(5) // reason, decided by, authorised by, lawful basis, parents informed
	a.typeText("yes")
	a.keys("Tab")
	a.typeText(date(today))
	a.tabs(2) // why not, parents' views
	a.typeText("Mother agrees to the checks.")
	a.screenshot("keyboard-4-consent")

	a.keys("ctrl+Next") // Analysis and plan: the cursor in the worries
	a.typeText("A bruise to the arm.")
	a.tabs(3) // strengths, dissent, the police investigation
	a.typeText("yes")
	a.tabs(5) // reason, crime reference, officer, plan, the medical
	a.typeText("needed")
	a.tabs(3) // reason, arranged by, legal advice
	a.typeText("considered")
	a.keys("Tab")
	a.typeText("Mother is protective.")
	a.keys("Tab")
	a.typeText("Father stays with his brother.")
	a.screenshot("keyboard-4b-analysis")

	a.keys("ctrl+shift+h") // a household member, the cursor in the name
	a.typeText("Ruby Test")
	a.keys("Tab")
	a.typeText("half")
	a.keys("Tab")
	a.typeText("05/01/2024")
	a.keys("ctrl+shift+f") // what a family member is told, the cursor in the person
	a.typeText("Mother")
	a.keys("Tab")
	a.typeText("mot")
	a.keys("Tab")
	a.typeText("Sam Chair")
	a.keys("Tab")
	a.typeText(date(today))
	a.keys("Tab")
	a.typeText("That an enquiry will be made.")
	a.screenshot("keyboard-4c-family")

	a.keys("ctrl+shift+d") // a decision, the cursor on its outcome
	a.typeText("joint")
	a.keys("Tab", "space", "Tab") // tick the child, then the rationale
	a.typeText("Injuries to a child of nine need a joint enquiry.")
	a.screenshot("keyboard-5-decisions")

	a.keys("ctrl+shift+t") // an action, the cursor in its description
	a.typeText("Arrange a child protection medical")
	a.keys("Tab")
	a.typeText("Sam Chair")
	a.keys("Tab")
	a.typeText("chi")
	a.keys("Tab")
	a.typeText(date(today.AddDate(0, 0, 2)))
	a.screenshot("keyboard-6-actions")

	a.keys("ctrl+Next") // Sign-off: the reason box (not needed: every partner came)
	a.keys("Tab")       // Sign off the minutes
	a.screenshot("keyboard-7-sign-off")
	a.keys("space") // the dialog, on "Sign off"
	a.screenshot("keyboard-8-dialog")
	a.keys("Return")
	time.Sleep(500 * time.Millisecond)
	a.screenshot("keyboard-9-signed-off")
	a.quit()

	m := onlyMeeting(t, db)
	if !m.SignedOff() || m.SignedOffBy == "" {
		t.Fatalf("not signed off by keyboard (%+v)", m.SignOffProblems())
	}
	if m.Reference != "SM-2026-0001" || m.Chair != "Sam Chair" || m.MinuteTaker != "Lee Notes" ||
		m.Reason != "School reported bruising to the arm." || m.ReferralReceivedAt.In(meeting.UK).Format("15:04") != "16:05" {
		t.Errorf("details %q %q %q %q %v", m.Reference, m.Chair, m.MinuteTaker, m.Reason, m.ReferralReceivedAt)
	}
	if len(m.Children) != 1 || m.Children[0].Name != "Amelia Test" || m.Children[0].DateOfBirth != (meeting.Date{Year: 2016, Month: 9, Day: 14}) || m.Children[0].CaseReference != "CR-77" {
		t.Errorf("children %+v", m.Children)
	}
	want := []meeting.Attendee{
		{Name: "Sam Chair", Role: "Team manager", Agency: meeting.AgencySocialCare, Attendance: meeting.Attended},
		{Name: "DC Jo Bloggs", Role: "Detective constable", Agency: meeting.AgencyPolice, Attendance: meeting.Attended},
		{Name: "Dr Ana Okafor", Role: "GP", Agency: meeting.AgencyHealth, Service: meeting.ServiceGP, Attendance: meeting.Attended},
	}
	if len(m.Attendees) != len(want) {
		t.Fatalf("attendees %+v", m.Attendees)
	}
	for i, w := range want {
		if m.Attendees[i] != w {
			t.Errorf("attendee %d: %+v, want %+v", i+1, m.Attendees[i], w)
		}
	}
	if c := m.Consent; c == nil || c.Status != meeting.ConsentGiven || c.ParentsInformed != meeting.ParentsInformedYes ||
		c.ParentsInformedOn != meeting.UKDate(today) || c.ParentsViews != "Mother agrees to the checks." {
		t.Errorf("consent %+v", m.Consent)
	}
	if len(m.Decisions) != 1 || m.Decisions[0].Outcome != meeting.OutcomeS47Joint || len(m.Decisions[0].Children) != 1 ||
		m.Decisions[0].Rationale != "Injuries to a child of nine need a joint enquiry." {
		t.Errorf("decisions %+v", m.Decisions)
	}
	if len(m.Information) != 3 || m.Information[2].Service != meeting.ServiceGP || m.Information[2].View != meeting.ViewUnsure ||
		m.Information[1].SharedBy != "DC Jo Bloggs" || m.Information[0].Summary != "Not known before this referral." {
		t.Errorf("information %+v", m.Information)
	}
	if m.Analysis.Worries != "A bruise to the arm." || m.Police.Investigation != meeting.InvestigationYes ||
		m.Medical.Decision != meeting.MedicalNeeded || m.Legal.Decision != meeting.LegalNotNeeded ||
		m.Legal.Reason != "Mother is protective." || m.SafetyPlan != "Father stays with his brother." {
		t.Errorf("analysis and plan %+v %+v %+v %+v %q", m.Analysis, m.Police, m.Medical, m.Legal, m.SafetyPlan)
	}
	if len(m.Household) != 1 || m.Household[0].Name != "Ruby Test" || m.Household[0].Relationship != meeting.RelationshipHalfSibling ||
		m.Household[0].DateOfBirth != (meeting.Date{Year: 2024, Month: 1, Day: 5}) {
		t.Errorf("household %+v", m.Household)
	}
	if len(m.FamilyPlan) != 1 || m.FamilyPlan[0].Relationship != meeting.RelationshipMother || m.FamilyPlan[0].By != "Sam Chair" ||
		m.FamilyPlan[0].On != meeting.UKDate(today) || m.FamilyPlan[0].What != "That an enquiry will be made." {
		t.Errorf("family plan %+v", m.FamilyPlan)
	}
	if m.SignOffRules != meeting.RulesChecklist {
		t.Errorf("signed off under rules %d", m.SignOffRules)
	}
	if len(m.Actions) != 1 || m.Actions[0].Owner != "Sam Chair" || m.Actions[0].Agency != meeting.AgencySocialCare ||
		m.Actions[0].Due != meeting.UKDate(today.AddDate(0, 0, 2)) {
		t.Errorf("actions %+v", m.Actions)
	}
}
