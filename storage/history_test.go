package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// TestEarlierMeetings: a child's earlier meetings are found by case
// reference (whatever its case and spaces), offered by name and date of
// birth only where a case reference is missing, within the period, with
// the outcomes that covered that child; and the question uses the indexes.
func TestEarlierMeetings(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	dob := meeting.Date{Year: 2015, Month: time.May, Day: 2}
	save := func(ref string, held time.Time, child meeting.Child, decisions ...meeting.Decision) string {
		t.Helper()
		m := exampleMeetings(t)[0].Clone()
		m.ID, m.Reference, m.HeldAt, m.SignedOffAt, m.SignedOffBy = meeting.NewID(), ref, held, time.Time{}, ""
		child.ID = "c1"
		other := meeting.Child{ID: "c2", Name: "Another Child"}
		m.Children = []meeting.Child{child, other}
		m.Decisions = decisions
		m.Actions = []meeting.Action{
			{Description: "Done already", Owner: "A Worker", Due: dob, Completed: dob},
			{Description: "Visit at home " + ref, Owner: "A Worker", Agency: meeting.AgencyPolice, Due: dob},
		}
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	leah := meeting.Child{Name: "Leah Osei", DateOfBirth: dob, CaseReference: "CS-4401"}
	s47 := meeting.Decision{Outcome: meeting.OutcomeS47Joint}
	onlyOther := meeting.Decision{Outcome: meeting.OutcomeEarlyHelp, Children: []string{"c2"}}
	onlyLeah := meeting.Decision{Outcome: meeting.OutcomeAssessment, Children: []string{"c1"}}

	byRef := save("A", at("2026-01-10T10:00:00Z"), meeting.Child{Name: "Leah O.", CaseReference: " cs-4401 "}, s47, onlyOther)
	byBirth := save("B", at("2026-03-01T10:00:00Z"), meeting.Child{Name: "LEAH OSEI", DateOfBirth: dob}, onlyLeah)
	save("C", at("2025-01-10T10:00:00Z"), leah, s47)                                                                    // before the period
	save("D", at("2026-04-01T10:00:00Z"), meeting.Child{Name: "Leah Osei", DateOfBirth: dob, CaseReference: "CS-9999"}) // another child
	save("E", at("2026-04-02T10:00:00Z"), meeting.Child{Name: "Leah Osei", CaseReference: "CS-440"})                    // another case
	now := save("F", at("2026-06-01T10:00:00Z"), leah, s47)

	got, err := db.EarlierMeetings(ctx, leah, at("2025-06-01T10:00:00Z"), at("2026-06-01T10:00:00Z"), now)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range got {
		var os []string
		for _, o := range e.Outcomes {
			os = append(os, string(o))
		}
		lines = append(lines, e.Reference+" "+e.Child+" "+string(e.Match)+" "+strings.Join(os, ","))
	}
	want := []string{"B LEAH OSEI name_and_date_of_birth assessment", "A Leah O. case_reference s47_joint"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("earlier meetings:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got[0].ID != byBirth || got[1].ID != byRef {
		t.Error("the ids are not the meetings'")
	}
	for _, e := range got {
		if len(e.OpenActions) != 1 || e.OpenActions[0].Description != "Visit at home "+e.Reference ||
			e.OpenActions[0].Agency != meeting.AgencyPolice || e.OpenActions[0].Due != dob {
			t.Errorf("meeting %s: open actions %+v, want its one not done", e.Reference, e.OpenActions)
		}
	}

	// A child with neither a case reference nor a date of birth is not looked for.
	if got, err := db.EarlierMeetings(ctx, meeting.Child{Name: "Leah Osei"}, time.Time{}, at("2027-01-01T00:00:00Z"), ""); err != nil || len(got) != 0 {
		t.Errorf("a name alone found %d meetings (%v)", len(got), err)
	}

	var plan []string
	rows, err := db.sql.QueryContext(ctx, "EXPLAIN QUERY PLAN "+childHistorySQL, "CS-4401", "leah osei", "2015-05-02", 0, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c int
		var detail string
		rows.Scan(&a, &b, &c, &detail)
		plan = append(plan, detail)
	}
	rows.Close()
	p := strings.Join(plan, "\n")
	if !strings.Contains(p, "children_case_key") || !strings.Contains(p, "children_birth") || strings.Contains(p, "SCAN children") {
		t.Errorf("the question does not use the children's indexes:\n%s", p)
	}
}
