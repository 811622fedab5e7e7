package meeting_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func d(s string) meeting.Date {
	v, err := meeting.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func att(a meeting.Agency, s meeting.Service, at meeting.Attendance) meeting.Attendee {
	return meeting.Attendee{Name: "x", Agency: a, Service: s, Attendance: at}
}

// edgeCases are meetings with known answers for the period 2025-04-01 to
// 2025-06-30 as of 2025-07-15: the time zone boundaries, agencies with
// several rows of mixed attendance, a legacy record, blank reasons and an
// outcome decided twice.
func edgeCases() []*meeting.Meeting {
	return []*meeting.Meeting{
		{ // 23:30 UTC on 31 March is 00:30 on 1 April in summer time: in.
			ID: "m1", Reference: "SM-2025-00101", Type: meeting.TypeInitial, Mode: meeting.ModeVirtual, HeldAt: at("2025-03-31T23:30:00Z"),
			Children: []meeting.Child{{ID: "c1", Name: "A"}},
			Attendees: []meeting.Attendee{
				att(meeting.AgencySocialCare, "", meeting.Attended),
				att(meeting.AgencyPolice, "", meeting.AttendedPart),
				att(meeting.AgencyHealth, meeting.ServiceGP, meeting.DidNotAttend),
				att(meeting.AgencyHealth, meeting.ServiceHealthVisitor, meeting.ApologiesInfo),
				att(meeting.AgencyEducation, meeting.ServiceSchool, meeting.Attended),
			},
			Consent: &meeting.Consent{Status: meeting.ConsentOverridden, Reason: " \t\n "},
			Decisions: []meeting.Decision{
				{Outcome: meeting.OutcomeS47Joint},
				{Outcome: meeting.OutcomeS47Joint, Children: []string{"c1"}},
				{Outcome: meeting.OutcomeMedical},
			},
			Actions: []meeting.Action{
				{Description: "late", Due: d("2025-04-02"), Completed: d("2025-04-05")},
				{Description: "overdue", Due: d("2025-04-03")},
				{Description: "undated"},
			},
		},
		{ // 22:59 UTC on 31 March is 23:59 on 31 March: out.
			ID: "out-before", Type: meeting.TypeInitial, Mode: meeting.ModePhone, HeldAt: at("2025-03-31T22:59:00Z"),
			Attendees: []meeting.Attendee{att(meeting.AgencyPolice, "", meeting.Attended)},
		},
		{
			ID: "m2", Type: meeting.TypeReview, Mode: meeting.ModeInPerson, HeldAt: at("2025-05-10T10:00:00+01:00"),
			// A Saturday meeting, two days after its referral: 1 working day.
			ReferralReceivedAt: at("2025-05-08T16:00:00+01:00"),
			Attendees: []meeting.Attendee{
				att(meeting.AgencySocialCare, "", meeting.Apologies),
				att(meeting.AgencySocialCare, "", meeting.Attended),
				att(meeting.AgencyPolice, "", meeting.NotInvited),
				att(meeting.AgencyHealth, meeting.ServiceGP, meeting.Attended),
				att(meeting.AgencyHealth, meeting.ServiceGP, meeting.AttendedPart),
				att(meeting.AgencyHealth, meeting.ServiceMidwife, meeting.Attended),
				att(meeting.AgencyHousing, "", meeting.Apologies),
			},
			Consent: &meeting.Consent{Status: meeting.ConsentGiven, ParentsViews: "Mother agrees."},
			Decisions: []meeting.Decision{
				{Outcome: meeting.OutcomeS47Single}, {Outcome: meeting.OutcomeNoFurtherAction}, {Outcome: meeting.OutcomeEarlyHelp},
			},
			Actions: []meeting.Action{
				{Description: "on time", Due: d("2025-05-20"), Completed: d("2025-05-20")},
				{Description: "not yet due", Due: d("2025-08-01")},
			},
		},
		{ // 22:59:59 UTC on 30 June is 23:59:59 UK time: in. A legacy record.
			ID: "legacy-1", Type: meeting.TypeImmediate, Mode: meeting.ModePhone, HeldAt: at("2025-06-30T22:59:59Z"),
			Attendees: []meeting.Attendee{
				att(meeting.AgencySocialCare, "", meeting.Attended),
				att(meeting.AgencyPolice, "", meeting.Attended),
				att(meeting.AgencyHealth, "", meeting.Attended),
			},
			Decisions: []meeting.Decision{{Outcome: meeting.OutcomePoliceProtection}},
			Actions:   []meeting.Action{{Description: "undated, done", Completed: d("2025-07-01")}},
		},
		{ // 23:00 UTC on 30 June is midnight on 1 July: out.
			ID: "out-after", Type: meeting.TypeInitial, Mode: meeting.ModePhone, HeldAt: at("2025-06-30T23:00:00Z"),
		},
		{ // The same instant as m3, listed first: m3 comes first by id.
			ID: "m4", Type: meeting.TypeInitial, Mode: meeting.ModeVirtual, HeldAt: at("2025-06-02T09:00:00+01:00"),
			// Friday to Monday week, over the spring bank holiday: 5 working days.
			ReferralReceivedAt: at("2025-05-23T09:00:00+01:00"),
			Attendees: []meeting.Attendee{
				att(meeting.AgencySocialCare, "", meeting.Attended),
				att(meeting.AgencyPolice, "", meeting.DidNotAttend),
				att(meeting.AgencyHealth, meeting.ServiceCAMHS, meeting.Apologies),
			},
			Consent: &meeting.Consent{Status: meeting.ConsentNotSought, Reason: "Would prejudice the police investigation.", ParentsViews: "\u00a0"},
		},
		{ // No attendee rows at all: nobody was invited.
			ID: "m3", Type: meeting.TypeInitial, Mode: meeting.ModePhone, HeldAt: at("2025-06-02T08:00:00Z"),
			Consent: &meeting.Consent{Status: meeting.ConsentRefused, ParentsViews: "Father refused."},
		},
	}
}

const edgeCasesReport = `{
  "from": "2025-04-01",
  "to": "2025-06-30",
  "as_of": "2025-07-15",
  "meetings": 5,
  "agencies": [
    {"agency": "social_care", "attended": 4, "information_only": 0, "absent": 0, "not_invited": 1, "attendance_rate": 0.8},
    {"agency": "police", "attended": 2, "information_only": 0, "absent": 1, "not_invited": 2, "attendance_rate": 0.4},
    {"agency": "health", "attended": 2, "information_only": 1, "absent": 1, "not_invited": 1, "attendance_rate": 0.4},
    {"agency": "education", "attended": 1, "information_only": 0, "absent": 0, "not_invited": 4, "attendance_rate": 0.2},
    {"agency": "early_help", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "housing", "attended": 0, "information_only": 0, "absent": 1, "not_invited": 4, "attendance_rate": 0},
    {"agency": "probation", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "youth_justice", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "adult_social_care", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "domestic_abuse", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "voluntary", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "legal", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0},
    {"agency": "other", "attended": 0, "information_only": 0, "absent": 0, "not_invited": 5, "attendance_rate": 0}
  ],
  "health_services": [
    {"service": "gp", "attended": 1, "information_only": 0, "absent": 1},
    {"service": "health_visitor", "attended": 0, "information_only": 1, "absent": 0},
    {"service": "school_nurse", "attended": 0, "information_only": 0, "absent": 0},
    {"service": "midwife", "attended": 1, "information_only": 0, "absent": 0},
    {"service": "paediatrician", "attended": 0, "information_only": 0, "absent": 0},
    {"service": "emergency_department", "attended": 0, "information_only": 0, "absent": 0},
    {"service": "camhs", "attended": 0, "information_only": 0, "absent": 1},
    {"service": "adult_mental_health", "attended": 0, "information_only": 0, "absent": 0},
    {"service": "substance_misuse", "attended": 0, "information_only": 0, "absent": 0},
    {"service": "named_nurse", "attended": 0, "information_only": 0, "absent": 0},
    {"service": "other", "attended": 0, "information_only": 0, "absent": 0}
  ],
  "health_service_not_recorded": 1,
  "missing_statutory": {"count": 4, "rate": 0.8, "by_agency": {"social_care": 1, "police": 3, "health": 3}, "meetings": ["m1", "m2", "m3", "m4"], "references": ["SM-2025-00101", "", "", ""]},
  "consent": {"given": 1, "refused": 1, "overridden": 1, "not_sought": 1, "not_recorded": 1, "without_consent": 2,
    "without_consent_no_reason": 1, "parents_views_not_recorded": 3, "without_consent_rate": 0.4, "without_consent_no_reason_rate": 0.5},
  "outcomes": {"s47_joint": 1, "s47_single": 1, "assessment": 0, "early_help": 1, "no_further_action": 1, "further_strategy": 0,
    "police_protection": 1, "emergency_protection_order": 0, "s20_accommodation": 0, "safety_plan": 0, "medical": 1,
    "abe_interview": 0, "legal_planning": 0, "lado_referral": 0, "icpc": 0},
  "section47": 2,
  "section47_rate": 0.4,
  "actions": {"total": 6, "no_due_date": 2, "overdue": 1, "completed_late": 1},
  "monthly": [
    {"month": "2025-04", "meetings": 1, "attended": {"social_care": 1, "police": 1, "health": 0, "education": 1}, "missing_statutory": 1},
    {"month": "2025-05", "meetings": 1, "attended": {"social_care": 1, "police": 0, "health": 1, "education": 0}, "missing_statutory": 1},
    {"month": "2025-06", "meetings": 3, "attended": {"social_care": 2, "police": 1, "health": 1, "education": 0}, "missing_statutory": 2}
  ],
  "timeliness": {
    "referral_to_meeting": {"recorded": 2, "not_recorded": 3, "median_working_days": 3, "same_or_next_working_day": 1, "over_5_working_days": 0},
    "icpc": {"due": 2, "held_in_time": 0, "held_late": 0, "not_needed": 0, "overdue": 2, "pending": 0}
  },
  "repeat_meetings": {"children": 0, "more_than_one": 0, "three_or_more": 0, "no_case_reference": 1}
}`

func edgeCasesRun(t *testing.T) *meeting.Report {
	t.Helper()
	r := meeting.NewReport(d("2025-04-01"), d("2025-06-30"), d("2025-07-15"))
	counted := 0
	for _, m := range edgeCases() {
		if err := m.Validate(); err != nil {
			t.Fatalf("meeting %s: %v", m.ID, err)
		}
		if r.Add(m) {
			counted++
		}
	}
	r.Finish()
	if counted != 5 {
		t.Errorf("Add counted %d meetings, want 5", counted)
	}
	return r
}

// compact removes the layout of a JSON text, to compare with the encoder's.
func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReportEdgeCases(t *testing.T) {
	r := edgeCasesRun(t)
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	// Byte for byte: the keys' order is part of the contract too.
	if want := compact(t, edgeCasesReport); string(got) != want {
		t.Errorf("report:\n got %s\nwant %s", got, want)
	}
}

func TestReportJSONRoundTrip(t *testing.T) {
	r := edgeCasesRun(t)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back meeting.Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, &back) {
		t.Errorf("round trip changed the report:\n%+v\n%+v", r, &back)
	}
	b2, _ := json.Marshal(&back)
	if string(b) != string(b2) {
		t.Error("round trip changed the JSON")
	}
}

func TestReportMonths(t *testing.T) {
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2025-04-01", "2026-03-31", []string{"2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"}},
		{"2025-11-15", "2026-02-03", []string{"2025-11", "2025-12", "2026-01", "2026-02"}},
		{"2025-06-30", "2025-06-30", []string{"2025-06"}},
		{"2025-07-01", "2025-06-30", []string{}}, // an empty period counts nothing
	}
	for _, tt := range tests {
		r := meeting.NewReport(d(tt.from), d(tt.to), d("2026-04-30"))
		got := []string{}
		for _, m := range r.Monthly {
			got = append(got, m.Month)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s to %s: months %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestReportEmpty(t *testing.T) {
	r := meeting.NewReport(d("2025-04-01"), d("2026-03-31"), d("2026-04-30"))
	r.Finish()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"meetings":0,`, `"attendance_rate":0}`, `"meetings":[]`, `"section47_rate":0,`, `"monthly":[{"month":"2025-04","meetings":0,`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("empty report lacks %s:\n%s", want, b)
		}
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("empty report has a null:\n%s", b)
	}
}

func TestReportAddAfterFinishPanics(t *testing.T) {
	r := meeting.NewReport(d("2025-04-01"), d("2026-03-31"), d("2026-04-30"))
	r.Finish()
	defer func() {
		if recover() == nil {
			t.Error("Add after Finish did not panic")
		}
	}()
	r.Add(edgeCases()[0])
}

func TestRate(t *testing.T) {
	tests := []struct {
		n, of int
		want  float64
	}{
		{0, 0, 0}, {3, 0, 0}, {0, 7, 0}, {1, 3, 0.3333}, {2, 3, 0.6667}, {1, 8, 0.125}, {7, 7, 1},
		{1, 20000, 0.0001}, {1, 20001, 0}, {12345, 100000, 0.1235},
	}
	for _, tt := range tests {
		if got := meeting.Rate(tt.n, tt.of); got != tt.want {
			t.Errorf("Rate(%d, %d) = %v, want %v", tt.n, tt.of, got, tt.want)
		}
	}
}

func TestBlank(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, " ": true, "\t\n\r ": true, "\u00a0": true, "\u2003\u3000": true,
		"x": false, " x ": false, ".": false,
	} {
		if got := meeting.Blank(s); got != want {
			t.Errorf("Blank(%q) = %v, want %v", s, got, want)
		}
	}
}

// BlankRunes must list exactly the runes that Blank trims, because the SQL
// version of the report trims those.
func TestBlankRunes(t *testing.T) {
	var want []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			want = append(want, r)
		}
	}
	if got := []rune(meeting.BlankRunes); !reflect.DeepEqual(got, want) {
		t.Errorf("BlankRunes = %q, want %q", got, string(want))
	}
}

// Whatever the meetings, the states of every agency add up to the meetings,
// and so do the consent statuses; an outcome is never counted more often
// than there are meetings.
func TestReportInvariantsOnDemoData(t *testing.T) {
	first, last := demo.Span(3000)
	periods := [][2]meeting.Date{
		{first, last},
		{d("2025-04-01"), d("2026-03-31")},
		{d("2024-02-29"), d("2024-03-01")},
	}
	ms := demo.Generate(3000, 11)
	for _, p := range periods {
		r := meeting.NewReport(p[0], p[1], demo.AsOf)
		want := 0
		for _, m := range ms {
			if r.Add(m) {
				want++
			}
		}
		r.Finish()
		if r.Meetings != want || (p[0] == first && want != len(ms)) {
			t.Errorf("%v: %d meetings, want %d", p, r.Meetings, want)
		}
		for _, a := range r.Agencies {
			if sum := a.Attended + a.InformationOnly + a.Absent + a.NotInvited; sum != r.Meetings {
				t.Errorf("%v %s: states add up to %d, want %d", p, a.Agency, sum, r.Meetings)
			}
		}
		c := r.Consent
		if sum := c.Given + c.Refused + c.Overridden + c.NotSought + c.NotRecorded; sum != r.Meetings {
			t.Errorf("%v: consent adds up to %d, want %d", p, sum, r.Meetings)
		}
		if c.WithoutConsent != c.Overridden+c.NotSought {
			t.Errorf("%v: without consent %d", p, c.WithoutConsent)
		}
		monthly := 0
		for _, m := range r.Monthly {
			monthly += m.Meetings
		}
		if monthly != r.Meetings {
			t.Errorf("%v: months add up to %d, want %d", p, monthly, r.Meetings)
		}
		if len(r.MissingStatutory.Meetings) != r.MissingStatutory.Count {
			t.Errorf("%v: %d meetings listed, count %d", p, len(r.MissingStatutory.Meetings), r.MissingStatutory.Count)
		}
		for _, o := range r.Outcomes {
			if o.Count > r.Meetings {
				t.Errorf("%v: outcome %s in %d meetings of %d", p, o.Code, o.Count, r.Meetings)
			}
		}
		if r.Meetings > 100 && (r.MissingStatutory.Count == 0 || c.WithoutConsentNoReason == 0 || r.Actions.Overdue == 0) {
			t.Errorf("%v: the demo data should show gaps: %+v", p, r)
		}
	}
}

func TestCountsJSON(t *testing.T) {
	c := meeting.NewCounts(meeting.AgencyPolice, meeting.AgencySocialCare)
	c.Add(meeting.AgencySocialCare, 2)
	if c.Add(meeting.AgencyHousing, 1) {
		t.Error("Add counted a code that is not there")
	}
	b, err := json.Marshal(c)
	if err != nil || string(b) != `{"police":0,"social_care":2}` {
		t.Fatalf("%s %v", b, err)
	}
	var back meeting.Counts[meeting.Agency]
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, c) {
		t.Errorf("%v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`[1]`), &back); err == nil {
		t.Error("an array was read as counts")
	}
}

// docs/report.md shows the report of the edge cases as the command line
// writes it.
func TestDocsHoldReportExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(edgeCasesRun(t), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, append(append([]byte("```json\n"), b...), "\n```"...)) {
		if os.Getenv("SHOW_REPORT_EXAMPLE") != "" {
			t.Logf("\n%s", b)
		}
		t.Error("docs/report.md does not hold the edge cases' report verbatim (SHOW_REPORT_EXAMPLE=1 prints it)")
	}
}
