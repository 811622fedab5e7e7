package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// TestEditorShowsTimescales: the referral's working days to the meeting
// under its time, and the initial conference's last day once a decision
// starts section 47 enquiries, counted with the database's bank holidays.
func TestEditorShowsTimescales(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)
	e.edit(func(m *meeting.Meeting) {
		m.HeldAt = time.Date(2026, 12, 14, 10, 0, 0, 0, meeting.UK)
		m.ReferralReceivedAt = time.Date(2026, 12, 11, 17, 30, 0, 0, meeting.UK)
	})
	sectionObjects(e, sectionDetails)
	if e.referralLine == nil || e.referralLine.Text != "Referral to meeting: 1 working day" || !e.referralLine.Visible() {
		t.Fatalf("the referral's line: %+v", e.referralLine)
	}
	e.AddDecision()
	sectionObjects(e, sectionDecisions)
	if e.icpcLine.Visible() {
		t.Errorf("a conference due date before any section 47 decision: %q", e.icpcLine.Text)
	}
	selects(e, sectionDecisions)[0].SetSelected(meeting.OutcomeS47Joint.Label())
	if !e.icpcLine.Visible() || !strings.Contains(e.icpcLine.Text, "due by Thursday 7 January 2027") {
		t.Errorf("after a section 47 decision: %q (shown %v)", e.icpcLine.Text, e.icpcLine.Visible())
	}
	selects(e, sectionDecisions)[0].SetSelected(meeting.OutcomeAssessment.Label())
	if e.icpcLine.Visible() {
		t.Error("the due date stays after the decision changed")
	}

	// A list of bank holidays imported into the database (by the command
	// line, say) counts as soon as a section is shown, and in the PDF.
	list := `{"england-and-wales":{"events":[` + strings.Join([]string{
		`{"title":"a","date":"2026-01-01"}`, `{"title":"b","date":"2026-04-03"}`, `{"title":"c","date":"2026-04-06"}`,
		`{"title":"d","date":"2026-05-04"}`, `{"title":"e","date":"2026-05-25"}`, `{"title":"f","date":"2026-08-31"}`,
		`{"title":"Proclaimed","date":"2026-12-14"}`, `{"title":"Another","date":"2026-12-16"}`, `{"title":"g","date":"2026-12-25"}`, `{"title":"h","date":"2026-12-28"}`}, ",") + `]}}`
	if err := db.SetBankHolidays(context.Background(), []byte(list)); err != nil {
		t.Fatal(err)
	}
	selects(e, sectionDecisions)[0].SetSelected(meeting.OutcomeS47Joint.Label())
	sectionObjects(e, sectionDetails)
	if got := e.referralLine.Text; got != "Referral to meeting: the same working day" {
		t.Errorf("with the meeting's day a bank holiday: %q", got)
	}
	if !strings.Contains(e.icpcLine.Text, "due by Friday 8 January 2027") {
		t.Errorf("the due date after the import: %q", e.icpcLine.Text)
	}
	_, doc, err := u.MinutesPDF(false)
	if err != nil {
		t.Fatal(err)
	}
	if page1 := pdfPage1(t, doc); !strings.Contains(page1, "Initial conference due by 8 January 2027") {
		t.Errorf("the PDF does not count with the imported list:\n%s", page1)
	}
}
