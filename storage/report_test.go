package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

func reportDate(s string) meeting.Date {
	d, err := meeting.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// reportEdgeCases are hand-made meetings at the report's boundaries.
func reportEdgeCases() []*meeting.Meeting {
	held := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	row := func(a meeting.Agency, s meeting.Service, at meeting.Attendance) meeting.Attendee {
		return meeting.Attendee{Name: "Someone", Agency: a, Service: s, Attendance: at}
	}
	base := func(id, at string) *meeting.Meeting {
		return &meeting.Meeting{ID: id, Type: meeting.TypeInitial, Mode: meeting.ModeVirtual, HeldAt: held(at)}
	}
	var ms []*meeting.Meeting

	// 23:30 UTC on 31 March in summer time is 1 April; 22:59 UTC is still 31 March.
	m := base("edge-bst-in", "2025-03-31T23:30:00Z")
	m.Attendees = []meeting.Attendee{row(meeting.AgencySocialCare, "", meeting.Attended)}
	ms = append(ms, m)
	m = base("edge-bst-out", "2025-03-31T22:59:00Z")
	m.Attendees = []meeting.Attendee{row(meeting.AgencyPolice, "", meeting.Attended)}
	ms = append(ms, m)
	// In winter UTC is UK time: 23:30 UTC on 31 January is 31 January.
	ms = append(ms, base("edge-gmt", "2025-01-31T23:30:00Z"))
	// The last second of a financial year, in summer time, and the next.
	ms = append(ms, base("edge-fy-last", "2026-03-31T22:59:59Z"), base("edge-fy-next", "2026-03-31T23:00:00Z"))
	// An offset other than the UK's.
	ms = append(ms, base("edge-offset", "2025-04-01T01:30:00+02:00")) // 00:30 BST on 1 April

	// Several rows of one agency with mixed attendance: the best counts.
	m = base("edge-mixed", "2025-06-03T10:00:00+01:00")
	m.Attendees = []meeting.Attendee{
		row(meeting.AgencySocialCare, "", meeting.DidNotAttend), row(meeting.AgencySocialCare, "", meeting.AttendedPart),
		row(meeting.AgencyPolice, "", meeting.Apologies), row(meeting.AgencyPolice, "", meeting.ApologiesInfo), row(meeting.AgencyPolice, "", meeting.NotInvited),
		row(meeting.AgencyHealth, meeting.ServiceGP, meeting.Attended), row(meeting.AgencyHealth, meeting.ServiceGP, meeting.Attended),
		row(meeting.AgencyHealth, meeting.ServiceMidwife, meeting.DidNotAttend), row(meeting.AgencyHealth, "", meeting.AttendedPart),
		row(meeting.AgencyHousing, "", meeting.NotInvited), row(meeting.AgencyHousing, "", meeting.DidNotAttend),
		row(meeting.AgencyEducation, meeting.ServiceSchool, meeting.NotInvited),
	}
	// The same outcome twice; both kinds of section 47 enquiry.
	m.Children = []meeting.Child{{ID: "c1", Name: "A"}, {ID: "c2", Name: "B"}}
	m.Decisions = []meeting.Decision{
		{Outcome: meeting.OutcomeS47Joint, Children: []string{"c1"}}, {Outcome: meeting.OutcomeS47Joint, Children: []string{"c2"}},
		{Outcome: meeting.OutcomeS47Single}, {Outcome: meeting.OutcomeMedical}, {Outcome: meeting.OutcomeMedical},
	}
	// White space only is no reason and no views.
	m.Consent = &meeting.Consent{Status: meeting.ConsentOverridden, Reason: " \t\r\n\u00a0\u2003\u3000", ParentsViews: "\n"}
	ms = append(ms, m)

	// Only "not invited" rows.
	m = base("edge-not-invited", "2025-06-03T10:00:00+01:00") // a tie with edge-mixed
	m.Attendees = []meeting.Attendee{row(meeting.AgencySocialCare, "", meeting.NotInvited), row(meeting.AgencyPolice, "", meeting.NotInvited)}
	m.Consent = &meeting.Consent{Status: meeting.ConsentNotSought, Reason: "x", ParentsViews: " y "}
	ms = append(ms, m)

	// A legacy record: no consent, no due dates.
	m = base("edge-legacy", "2019-11-20T22:40:00Z")
	m.Type, m.Mode = meeting.TypeImmediate, meeting.ModePhone
	m.Attendees = []meeting.Attendee{row(meeting.AgencySocialCare, "", meeting.Attended), row(meeting.AgencyPolice, "", meeting.Attended)}
	m.Actions = []meeting.Action{{Description: "a"}, {Description: "b", Completed: reportDate("2019-12-01")}}
	ms = append(ms, m)

	// Actions due on the as-of day are not yet overdue; completed on the day is not late.
	m = base("edge-actions", "2025-10-01T09:00:00+01:00")
	m.Actions = []meeting.Action{
		{Description: "due as of", Due: reportDate("2026-03-31")},
		{Description: "due the day before", Due: reportDate("2026-03-30")},
		{Description: "on the day", Due: reportDate("2025-10-02"), Completed: reportDate("2025-10-02")},
		{Description: "a day late", Due: reportDate("2025-10-02"), Completed: reportDate("2025-10-03")},
		{Description: "early", Due: reportDate("2025-10-10"), Completed: reportDate("2025-10-03")},
	}
	ms = append(ms, m)
	return ms
}

// randomMeetings are meetings with arbitrary combinations of what the report
// counts, including ones no real meeting would have, and ties in time.
func randomMeetings(n int, seed uint64) []*meeting.Meeting {
	r := rand.New(rand.NewPCG(seed, 1))
	agencies := meeting.Agencies.Codes()
	attendances := meeting.Attendances.Codes()
	statuses := meeting.ConsentStatuses.Codes()
	outcomes := meeting.Outcomes.Codes()
	texts := []string{"", " ", "\t\n", "\u00a0", "\u2028", "Reason.", " x "}
	start := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	var ms []*meeting.Meeting
	for i := range n {
		// Hours and half hours: ties, and times either side of midnight UK time.
		held := start.Add(time.Duration(r.IntN(24*2*550)) * 30 * time.Minute)
		m := &meeting.Meeting{ID: fmt.Sprintf("rnd-%04d-%x", r.IntN(10000), i), Type: meeting.TypeReview, Mode: meeting.ModePhone, HeldAt: held}
		for range r.IntN(9) {
			a := agencies[r.IntN(len(agencies))]
			if r.IntN(3) > 0 {
				a = agencies[r.IntN(4)] // mostly the statutory partners and education, often twice
			}
			var s meeting.Service
			if v, ok := meeting.Services(a); ok && r.IntN(5) > 0 {
				codes := v.Codes()
				s = codes[r.IntN(len(codes))]
			}
			m.Attendees = append(m.Attendees, meeting.Attendee{Name: "P", Agency: a, Service: s, Attendance: attendances[r.IntN(len(attendances))]})
		}
		if r.IntN(5) > 0 {
			m.Consent = &meeting.Consent{Status: statuses[r.IntN(len(statuses))], Reason: texts[r.IntN(len(texts))], ParentsViews: texts[r.IntN(len(texts))]}
		}
		for range r.IntN(4) {
			o := outcomes[r.IntN(len(outcomes))]
			if r.IntN(2) > 0 {
				o = outcomes[r.IntN(3)] // often the same outcome twice
			}
			m.Decisions = append(m.Decisions, meeting.Decision{Outcome: o})
		}
		if r.IntN(3) > 0 {
			// Up to a fortnight before, in hours: over weekends, bank
			// holidays and midnight UK time.
			m.ReferralReceivedAt = held.Add(-time.Duration(r.IntN(24*14)) * time.Hour)
		}
		// Case references one child is known by in several meetings, with
		// case and white space that differ, beyond ASCII too.
		refs := []string{"", "cr 1", " CR 1", "Cr 2", "cr\u00a02 ", "\u00e4-9", "\u00c4-9", fmt.Sprintf("u-%d", i)}
		for k := range r.IntN(4) {
			m.Children = append(m.Children, meeting.Child{ID: fmt.Sprintf("c%d", k), Name: "C", CaseReference: refs[r.IntN(len(refs))]})
		}
		day := meeting.UKDate(held)
		for range r.IntN(4) {
			a := meeting.Action{Description: "Do it"}
			if r.IntN(4) > 0 {
				a.Due = meeting.DateOf(day.Time(time.UTC).AddDate(0, 0, r.IntN(60)))
			}
			if r.IntN(2) > 0 {
				a.Completed = meeting.DateOf(day.Time(time.UTC).AddDate(0, 0, r.IntN(60)))
			}
			m.Actions = append(m.Actions, a)
		}
		ms = append(ms, m)
	}
	return ms
}

// pureReport computes the report with the domain's definitions over the
// stored meetings.
func pureReport(t testing.TB, db *DB, from, to, asOf meeting.Date, f meeting.Filter) *meeting.Report {
	t.Helper()
	r := meeting.NewReport(from, to, asOf)
	cal, err := db.Calendar(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r.Calendar = cal
	err = db.EachMeeting(context.Background(), f, func(m *meeting.Meeting) error {
		r.Add(m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.Finish()
	return r
}

func TestReportAgreesWithDefinitions(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	var ms []*meeting.Meeting
	ms = append(ms, demo.Generate(3000, 5)...)
	ms = append(ms, reportEdgeCases()...)
	ms = append(ms, randomMeetings(1500, 9)...)
	for _, m := range ms {
		if err := m.Validate(); err != nil {
			t.Fatalf("meeting %s: %v", m.ID, err)
		}
	}
	_, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Actions done since by a follow-up (some late), and carried actions
	// dropped at a review: the report counts neither as overdue.
	followed, dropped := 0, 0
	for i, m := range ms {
		for j, a := range m.Actions {
			if !a.Completed.IsZero() || a.Due.IsZero() || m.HeldAt.IsZero() {
				continue
			}
			switch {
			case i%3 == 0 && followed < 400:
				on := a.Due.AddDays(i%7 - 3)
				if on.Before(m.HeldOn()) {
					on = m.HeldOn()
				}
				if err := db.RecordFollowUp(ctx, m.ID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: m.ActionKey(j), On: on}); err != nil {
					t.Fatalf("follow-up of meeting %s: %v", m.ID, err)
				}
				followed++
			case i%3 == 1 && !m.SignedOff() && dropped < 100:
				m.Actions[j].CarriedFrom, m.Actions[j].DroppedReason = "an-earlier-action", "Dropped at the review"
				if err := db.SaveMeeting(ctx, m); err != nil {
					t.Fatalf("meeting %s: %v", m.ID, err)
				}
				dropped++
			}
			break
		}
	}
	if followed < 100 || dropped < 20 {
		t.Fatalf("only %d actions followed up and %d dropped", followed, dropped)
	}
	// Conferences held (in time and late), not needed, and recorded then
	// withdrawn.
	conferences := 0
	for i, m := range ms {
		if !meeting.StartsSection47(m) || m.ICPC != nil || conferences >= 600 { // the demo's have theirs
			continue
		}
		held := m.HeldOn().AddDays(i % 40)
		var fs []meeting.FollowUp
		switch i % 4 {
		case 0:
			fs = []meeting.FollowUp{{Kind: meeting.FollowUpICPC, On: held}}
		case 1:
			fs = []meeting.FollowUp{{Kind: meeting.FollowUpICPC, Reason: "Not needed."}}
		case 2:
			fs = []meeting.FollowUp{{Kind: meeting.FollowUpICPC, On: held}, {Kind: meeting.FollowUpICPC}}
		}
		for _, f := range fs {
			if f.On.After(meeting.UKDate(time.Now())) {
				break
			}
			if err := db.RecordFollowUp(ctx, m.ID, f); err != nil {
				t.Fatalf("conference of meeting %s: %v", m.ID, err)
			}
			conferences++
		}
	}
	if conferences < 200 {
		t.Fatalf("only %d conferences recorded", conferences)
	}
	first, last := demo.Span(3000)
	periods := []struct{ from, to, asOf string }{
		{first.String(), last.String(), demo.AsOf.String()},
		{"2000-01-01", "2030-12-31", demo.AsOf.String()},
		{"2025-04-01", "2026-03-31", "2026-04-30"},
		{"2024-04-01", "2025-03-31", "2025-04-30"},
		{"2025-04-01", "2026-03-31", "2026-03-31"},
		{"2025-03-31", "2025-03-31", "2025-04-01"},
		{"2025-04-01", "2025-04-01", "2025-04-01"},
		{"2025-06-03", "2025-06-03", "2025-06-03"},
		{"2025-01-31", "2025-02-01", "2025-02-01"},
		{"1990-01-01", "1990-12-31", "2026-01-01"}, // no meetings
		{"2025-05-01", "2025-04-30", "2026-01-01"}, // empty period
	}
	for _, p := range periods {
		t.Run(p.from+"_"+p.to, func(t *testing.T) {
			from, to, asOf := reportDate(p.from), reportDate(p.to), reportDate(p.asOf)
			got, err := db.Report(ctx, from, to, asOf)
			if err != nil {
				t.Fatal(err)
			}
			// The definitions over the meetings of the period, and over every
			// meeting (Add ignores those outside it).
			want := pureReport(t, db, from, to, asOf, meeting.Filter{From: from, To: to})
			if !to.Before(from) && !reflect.DeepEqual(want, pureReport(t, db, from, to, asOf, meeting.Filter{})) {
				t.Fatal("the definitions counted meetings outside the period")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SQL and definitions differ:\n sql %+v\nwant %+v", got, want)
			}
			if p.from == "2025-04-01" && p.to == "2026-03-31" && got.Meetings < 500 {
				t.Errorf("only %d meetings in a busy year", got.Meetings)
			}
			if ic, rt, rp := got.Timeliness.ICPC, got.Timeliness.ReferralToMeeting, got.Repeats; p.from == "2000-01-01" &&
				(ic.HeldInTime == 0 || ic.HeldLate == 0 || ic.NotNeeded == 0 || ic.Overdue == 0 || rt.Over5WorkingDays == 0 ||
					rt.SameOrNextWorkingDay == 0 || rp.ThreeOrMore == 0 || rp.NoCaseReference == 0) {
				t.Errorf("the data leaves a figure at 0: %+v, %+v", got.Timeliness, rp)
			}
			if gp := got.HealthServices[0]; p.from == "2000-01-01" && (gp.Attended == 0 || gp.InformationOnly == 0 || gp.Absent == 0) {
				t.Errorf("the data leaves a GP figure at 0: %+v", gp)
			}
		})
	}
}

// The hand-made boundaries land where the definitions say.
func TestReportEdgeCasesFromEntries(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, m := range reportEdgeCases() {
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	r, err := db.Report(ctx, reportDate("2025-04-01"), reportDate("2026-03-31"), reportDate("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"meetings", r.Meetings, 6}, // bst-in, offset, mixed, not-invited, actions, fy-last
		{"social care", r.Agency(meeting.AgencySocialCare), meeting.AgencyCount{Agency: meeting.AgencySocialCare, Attended: 2, NotInvited: 4, AttendanceRate: 0.3333}},
		{"police", r.Agency(meeting.AgencyPolice), meeting.AgencyCount{Agency: meeting.AgencyPolice, InformationOnly: 1, NotInvited: 5}},
		{"health", r.Agency(meeting.AgencyHealth), meeting.AgencyCount{Agency: meeting.AgencyHealth, Attended: 1, NotInvited: 5, AttendanceRate: 0.1667}},
		{"housing", r.Agency(meeting.AgencyHousing), meeting.AgencyCount{Agency: meeting.AgencyHousing, Absent: 1, NotInvited: 5}},
		{"education", r.Agency(meeting.AgencyEducation), meeting.AgencyCount{Agency: meeting.AgencyEducation, NotInvited: 6}},
		{"gp", r.HealthServices[0], meeting.ServiceCount{Service: meeting.ServiceGP, Attended: 1}},
		{"midwife", r.HealthServices[3], meeting.ServiceCount{Service: meeting.ServiceMidwife, Absent: 1}}, // did not attend
		{"no service", r.HealthServiceNotRecorded, 1},
		{"missing", r.MissingStatutory.Meetings, []string{"edge-bst-in", "edge-offset", "edge-mixed", "edge-not-invited", "edge-actions", "edge-fy-last"}},
		{"consent", r.Consent, meeting.ConsentCounts{Overridden: 1, NotSought: 1, NotRecorded: 4, WithoutConsent: 2, WithoutConsentNoReason: 1,
			ParentsViewsNotRecorded: 5, WithoutConsentRate: 0.3333, NoReasonRate: 0.5}},
		{"s47 joint", r.Outcomes.Get(meeting.OutcomeS47Joint), 1},
		{"medical", r.Outcomes.Get(meeting.OutcomeMedical), 1},
		{"section 47", r.Section47, 1},
		{"actions", r.Actions, meeting.ActionCounts{Total: 5, Overdue: 1, CompletedLate: 1}},
		{"april", r.Monthly[0].Meetings, 2},
		{"march", r.Monthly[11].Meetings, 1},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
		}
	}
	legacy, err := db.Report(ctx, reportDate("2019-11-20"), reportDate("2019-11-20"), reportDate("2026-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if legacy.Meetings != 1 || legacy.Consent.NotRecorded != 1 || legacy.Consent.ParentsViewsNotRecorded != 1 ||
		legacy.Actions != (meeting.ActionCounts{Total: 2, NoDueDate: 2}) || legacy.MissingStatutory.ByAgency.Get(meeting.AgencyHealth) != 1 {
		t.Errorf("legacy meeting: %+v", legacy)
	}
}

func TestReportCancelled(t *testing.T) {
	db := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Report(ctx, reportDate("2025-04-01"), reportDate("2026-03-31"), reportDate("2026-03-31")); err == nil {
		t.Error("a cancelled report did not fail")
	}
}

// timelinessCases are hand-made meetings with known working days, due dates
// and counts, across bank holidays and a year end, for the financial year
// 2025-26 as of 2026-04-20. Each returns the follow-up recording its
// conference, if any.
func timelinessCases() ([]*meeting.Meeting, map[string]meeting.FollowUp) {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	m := func(id, held, referral string, outcome meeting.Outcome, refs ...string) *meeting.Meeting {
		x := &meeting.Meeting{ID: id, Type: meeting.TypeInitial, Mode: meeting.ModeVirtual, HeldAt: at(held),
			Decisions: []meeting.Decision{{Outcome: outcome}}}
		if referral != "" {
			x.ReferralReceivedAt = at(referral)
		}
		for i, ref := range refs {
			x.Children = append(x.Children, meeting.Child{ID: fmt.Sprintf("%s-c%d", id, i), Name: "Child", CaseReference: ref})
		}
		return x
	}
	ms := []*meeting.Meeting{
		// Friday 19 December 2025: due 14 January 2026, over Christmas,
		// Boxing Day and New Year's Day; referral the day before (1).
		m("tl-christmas", "2025-12-19T10:00:00Z", "2025-12-18T15:00:00Z", meeting.OutcomeS47Joint, "CR-1"),
		// Thursday 17 April 2025: due 13 May, over Good Friday, Easter
		// Monday and the early May bank holiday; referral a week before (5).
		m("tl-easter", "2025-04-17T10:00:00+01:00", "2025-04-10T09:00:00+01:00", meeting.OutcomeS47Single, "cr-1 "),
		// 23:30 BST on Tuesday 31 March 2026, the year's last day: due 23
		// April, over Easter 2026, after as_of; referral 6 working days before.
		m("tl-year-end", "2026-03-31T22:30:00Z", "2026-03-23T10:00:00Z", meeting.OutcomeS47Joint, " Cr-1"),
		m("tl-not-needed", "2025-06-02T10:00:00+01:00", "", meeting.OutcomeS47Single, "CR-2"),
		// Due 22 September 2025, none recorded: overdue.
		m("tl-overdue", "2025-09-01T10:00:00+01:00", "", meeting.OutcomeS47Joint, "CR-2", "cr-2"),
		// No section 47: no conference due; referral the same day (0).
		m("tl-assessment", "2025-07-01T14:00:00+01:00", "2025-07-01T09:00:00+01:00", meeting.OutcomeAssessment, "CR-3", ""),
		// 00:30 BST on 1 April 2026: the next year, counted in nothing.
		m("tl-next-year", "2026-03-31T23:30:00Z", "2026-03-30T09:00:00Z", meeting.OutcomeS47Joint, "CR-3"),
	}
	followUps := map[string]meeting.FollowUp{
		"tl-christmas":  {Kind: meeting.FollowUpICPC, On: reportDate("2026-01-14")},
		"tl-easter":     {Kind: meeting.FollowUpICPC, On: reportDate("2025-05-14")},
		"tl-not-needed": {Kind: meeting.FollowUpICPC, Reason: "The family moved to Scotland; their authority convenes it."},
		"tl-assessment": {Kind: meeting.FollowUpICPC, On: reportDate("2025-07-10")},
	}
	return ms, followUps
}

// The report's timeliness and repeat meetings of the hand-made meetings,
// figure by figure, from SQL and from the definitions.
func TestReportTimeliness(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms, followUps := timelinessCases()
	for _, m := range ms {
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatalf("meeting %s: %v", m.ID, err)
		}
		if f, ok := followUps[m.ID]; ok {
			if err := db.RecordFollowUp(ctx, m.ID, f); err != nil {
				t.Fatalf("follow-up of %s: %v", m.ID, err)
			}
		}
	}
	// A conference recorded and then withdrawn is none.
	for _, f := range []meeting.FollowUp{{Kind: meeting.FollowUpICPC, On: reportDate("2025-09-10")}, {Kind: meeting.FollowUpICPC}} {
		if err := db.RecordFollowUp(ctx, "tl-overdue", f); err != nil {
			t.Fatal(err)
		}
	}
	from, to, asOf := reportDate("2025-04-01"), reportDate("2026-03-31"), reportDate("2026-04-20")
	got, err := db.Report(ctx, from, to, asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := meeting.Timeliness{
		ReferralToMeeting: meeting.ReferralTimes{Recorded: 4, NotRecorded: 2, MedianWorkingDays: 3,
			SameOrNextWorkingDay: 2, Over5WorkingDays: 1},
		ICPC: meeting.ICPCCounts{Due: 5, HeldInTime: 1, HeldLate: 1, NotNeeded: 1, Overdue: 1, Pending: 1},
	}
	wantRepeats := meeting.RepeatMeetings{Children: 3, MoreThanOne: 2, ThreeOrMore: 1, NoCaseReference: 1}
	defs := pureReport(t, db, from, to, asOf, meeting.Filter{})
	for name, r := range map[string]*meeting.Report{"sql": got, "definitions": defs} {
		if r.Meetings != 6 || !reflect.DeepEqual(r.Timeliness, want) || r.Repeats != wantRepeats {
			t.Errorf("%s: %d meetings,\n timeliness %+v\n      want %+v\n repeats %+v, want %+v",
				name, r.Meetings, r.Timeliness, want, r.Repeats, wantRepeats)
		}
	}
	// As of the day the year-end meeting's conference falls due, it is
	// still pending; the day after, overdue.
	for _, tt := range []struct {
		asOf             string
		overdue, pending int
	}{{"2026-04-23", 1, 1}, {"2026-04-24", 2, 0}} {
		r, err := db.Report(ctx, from, to, reportDate(tt.asOf))
		if err != nil {
			t.Fatal(err)
		}
		if r.Timeliness.ICPC.Overdue != tt.overdue || r.Timeliness.ICPC.Pending != tt.pending {
			t.Errorf("as of %s: %+v", tt.asOf, r.Timeliness.ICPC)
		}
	}
	// The median of an even count is the mean of the two middle values; of
	// an odd count, the middle one.
	for _, tt := range []struct {
		to       string
		recorded int
		median   float64
	}{{"2025-11-30", 2, 2.5}, {"2025-12-31", 3, 1}} { // 0, 5; 0, 1, 5
		r, err := db.Report(ctx, from, reportDate(tt.to), asOf)
		if err != nil {
			t.Fatal(err)
		}
		if rt := r.Timeliness.ReferralToMeeting; rt.Recorded != tt.recorded || rt.MedianWorkingDays != tt.median {
			t.Errorf("to %s: %+v, want %d recorded, median %v", tt.to, rt, tt.recorded, tt.median)
		}
	}
}
