package meeting

import (
	"testing"
)

func TestDiffNamesEveryChangedField(t *testing.T) {
	before := decodeAll(t, readExample(t))[0]
	after := before.Clone()
	after.Chair = "Priya Raman-Shah"
	after.Attendees[2].Attendance = Attended
	after.Consent.ParentsViews = "Mother agrees with the plan."
	after.Actions = after.Actions[:2]
	after.Decisions[1].Children = nil
	got := Diff(before, after)
	want := []Change{
		{"actions[2].agency", "health", ""},
		{"actions[2].description", "Share GP records for both children", ""},
		{"actions[2].due", "2025-06-06", ""},
		{"actions[2].owner", "Dr Adebayo Okafor", ""},
		{"attendees[2].attendance", "apologies_report", "attended"},
		{"chair", "Priya Raman", "Priya Raman-Shah"},
		{"consent.parents_views", "", "Mother agrees with the plan."},
		{"decisions[1].children[0]", "c1", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes:\n%v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if d := Diff(before, before.Clone()); len(d) != 0 {
		t.Errorf("a copy differs: %v", d)
	}
}

func TestComparePathsOrdersIndexesNumerically(t *testing.T) {
	if comparePaths("attendees[2].name", "attendees[10].name") >= 0 {
		t.Error("attendees[10] sorted before attendees[2]")
	}
	if comparePaths("actions[1]", "attendees[0]") >= 0 {
		t.Error("not alphabetical")
	}
}
