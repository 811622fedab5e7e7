package pdf

import (
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// TestTimescalesPrinted: page 1 gives the initial conference's last day,
// counted over bank holidays, for a meeting that started section 47
// enquiries, and the referral's working days to the meeting; a list of
// bank holidays imported later moves the day.
func TestTimescalesPrinted(t *testing.T) {
	m := exampleMeetings(t)[0].Clone()
	m.HeldAt = time.Date(2026, 12, 14, 10, 0, 0, 0, meeting.UK)
	m.ReferralReceivedAt = time.Date(2026, 12, 11, 17, 30, 0, 0, meeting.UK) // a Friday
	m.Decisions[0].Outcome = meeting.OutcomeS47Single
	m.SignedOffAt, m.SignedOffBy = time.Time{}, "" // a draft
	pages := pdfText(t, render(t, m, Options{}))
	mustContain(t, flat(pages[:1]), "Initial conference due by 7 January 2027")
	mustContain(t, flat(pages), "Timescales, in working days", "Referral to the meeting 1 working day",
		"Initial child protection conference Due by 7 January 2027, the 15th working day after the meeting", "Meeting to sign-off Not signed off")

	// A day proclaimed after this version was built, in gov.uk's list.
	list := `{"england-and-wales":{"events":[` + strings.Join([]string{
		`{"title":"New Year's Day","date":"2026-01-01"}`, `{"title":"Good Friday","date":"2026-04-03"}`,
		`{"title":"Easter Monday","date":"2026-04-06"}`, `{"title":"Early May","date":"2026-05-04"}`,
		`{"title":"Spring","date":"2026-05-25"}`, `{"title":"Summer","date":"2026-08-31"}`,
		`{"title":"Proclaimed","date":"2026-12-21"}`,
		`{"title":"Christmas Day","date":"2026-12-25"}`, `{"title":"Boxing Day","date":"2026-12-28"}`}, ",") + `]}}`
	c, err := meeting.ParseBankHolidays([]byte(list))
	if err != nil {
		t.Fatal(err)
	}
	page1 := flat(pdfText(t, render(t, m, Options{Calendar: c}))[:1])
	mustContain(t, page1, "Initial conference due by 8 January 2027")

	for _, o := range []meeting.Outcome{meeting.OutcomeAssessment, meeting.OutcomeNoFurtherAction} {
		for i := range m.Decisions {
			m.Decisions[i].Outcome = o
		}
		if page1 := flat(pdfText(t, render(t, m, Options{}))[:1]); strings.Contains(page1, "conference due by") {
			t.Errorf("a conference due date without a section 47 decision (all %s)", o)
		}
	}
}

// A dropped action says why under what it was, in the wide column, in both
// copies (names redacted in the initials copy); a long reason does not
// stretch the narrow status column down the pages.
func TestDroppedActionPrinted(t *testing.T) {
	m := exampleMeetings(t)[0].Clone()
	short := m.Clone()
	i := len(m.Actions) - 1
	m.Actions[i].CarriedFrom = "an-earlier-action"
	m.Actions[i].Due, m.Actions[i].Completed = meeting.Date{}, meeting.Date{}
	m.Actions[i].DroppedReason = "Amelia Kowalczyk moved with her mother to another authority, which took the referral. " +
		strings.Repeat("The school no longer holds her on roll and the family support service closed the case. ", 8)
	short.Actions[i] = m.Actions[i]
	short.Actions[i].DroppedReason = "Amelia Kowalczyk moved away."
	full := flat(pdfText(t, render(t, m, Options{})))
	mustContain(t, full, "Dropped because: Amelia Kowalczyk moved with her mother", "Dropped")
	if got, was := len(pdfText(t, render(t, m, Options{}))), len(pdfText(t, render(t, short, Options{}))); got > was+1 {
		t.Errorf("a reason of %d characters takes %d pages, against %d for a short one", len(m.Actions[i].DroppedReason), got, was)
	}
	initials := flat(pdfText(t, render(t, m, Options{Initials: true})))
	mustContain(t, initials, "Dropped because: A.K. moved with her mother")
	if strings.Contains(initials, "Amelia Kowalczyk") {
		t.Error("the initials copy names the child in a dropped action's reason")
	}
}
