package meeting

import (
	"strings"
	"testing"
	"time"
)

// A review meeting made from an earlier one has its children, household
// and invitees (attendance blank, views to be heard again), a link to it,
// and its open actions carried forward; done and dropped ones stay behind.
func TestReconvene(t *testing.T) {
	ms := decodeAll(t, readExample(t))
	prev := ms[2] // SM-2026-00107: action 1 completed, 2 done since, 3 open, 4 dropped
	held := time.Date(2026, 3, 24, 10, 0, 0, 0, UK)
	m := Reconvene(prev, held)
	switch {
	case m.ID == "" || m.ID == prev.ID || m.Type != TypeReview || !m.HeldAt.Equal(held) || m.PreviousMeetingID != prev.ID:
		t.Fatalf("the review: id %q type %s held %v previous %q", m.ID, m.Type, m.HeldAt, m.PreviousMeetingID)
	case m.SignedOff() || m.Consent != nil || len(m.Decisions) != 0 || len(m.Information) != 0:
		t.Error("the review starts with the earlier meeting's record, not its own")
	case len(m.Children) != len(prev.Children) || m.Children[0].ID != prev.Children[0].ID || m.Children[0].Views != "":
		t.Errorf("children: %+v", m.Children)
	case len(m.Household) != len(prev.Household):
		t.Errorf("household: %d of %d", len(m.Household), len(prev.Household))
	case len(m.Attendees) != len(prev.Attendees) || m.Attendees[0].Attendance != "" || m.Attendees[0].Name != prev.Attendees[0].Name:
		t.Errorf("invitees: %+v", m.Attendees[0])
	}
	if len(m.Actions) != 1 {
		t.Fatalf("%d actions carried, want the one open", len(m.Actions))
	}
	a := m.Actions[0]
	if a.CarriedFrom != prev.Actions[2].ID || a.ID == "" || a.ID == prev.Actions[2].ID || a.Description != prev.Actions[2].Description ||
		!a.Due.IsZero() || a.Owner != prev.Actions[2].Owner {
		t.Errorf("the action carried: %+v", a)
	}
	// The review is a valid draft, and its record is its own: changing it
	// leaves the earlier meeting as it was.
	if err := m.Validate(); err != nil {
		t.Errorf("the review: %v", err)
	}
	m.Children[0].Name = "Changed"
	m.Household[0].Name = "Changed"
	if prev.Children[0].Name == "Changed" || prev.Household[0].Name == "Changed" {
		t.Error("the review shares the earlier meeting's rows")
	}
	// Carried actions the review records done (between the meetings, as
	// well) or drops need no due date; one carried on does.
	r := Reconvene(ms[2], held)
	r.Actions = append(r.Actions, r.Actions[0], r.Actions[0])
	r.Actions[1].ID, r.Actions[2].ID = NewID(), NewID()
	r.Actions[0].Completed = UKDate(prev.HeldAt).AddDays(3) // before the review
	r.Actions[1].DroppedReason = "No longer needed"
	var fields []string
	for _, p := range r.SignOffProblems() {
		if strings.HasPrefix(p.Field, "actions[") {
			fields = append(fields, p.Field)
		}
	}
	if strings.Join(fields, " ") != "actions[2].due" {
		t.Errorf("sign-off asks of the carried actions: %v, want only the one carried on's due date", fields)
	}
	// An action recorded without an id is carried by its meeting's id and number.
	prev.Actions[2].ID = ""
	if got := Reconvene(prev, held).Actions[0].CarriedFrom; got != prev.ID+"#3" {
		t.Errorf("carried from %q", got)
	}
}
