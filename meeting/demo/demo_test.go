package demo

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// sample is the size the coverage and distribution tests measure.
const sample = 2000

func TestSameSeedSameMeetings(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42, 1 << 63} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			a, b := Generate(300, seed), Generate(300, seed)
			if !reflect.DeepEqual(a, b) {
				t.Fatal("two runs with the same seed differ")
			}
		})
	}
}

func TestDifferentSeedsDiffer(t *testing.T) {
	a, b := Generate(50, 1), Generate(50, 2)
	if reflect.DeepEqual(a, b) {
		t.Fatal("seeds 1 and 2 give the same meetings")
	}
	for i := range a {
		if a[i].ID == b[i].ID {
			t.Errorf("meeting %d has the same id %s under both seeds", i, a[i].ID)
		}
	}
}

func TestEachMatchesGenerate(t *testing.T) {
	var got []*meeting.Meeting
	if err := Each(100, 7, func(m *meeting.Meeting) error { got = append(got, m); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, Generate(100, 7)) {
		t.Fatal("Each and Generate give different meetings")
	}
}

func TestEachStopsAtError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Each(100, 1, func(*meeting.Meeting) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Fatalf("Each returned %v after %d calls; want the callback's error after 3", err, calls)
	}
}

func TestCounts(t *testing.T) {
	for _, n := range []int{-1, 0, 1, 5} {
		if got := len(Generate(n, 1)); got != max(n, 0) {
			t.Errorf("Generate(%d) returned %d meetings", n, got)
		}
	}
}

func TestYears(t *testing.T) {
	tests := []struct {
		meetings, years int
	}{
		{1, 3}, {2000, 3}, {4500, 3}, {4501, 4}, {20000, 14}, {22500, 15}, {1000000, 15},
	}
	for _, tt := range tests {
		if got := Years(tt.meetings); got != tt.years {
			t.Errorf("Years(%d) = %d, want %d", tt.meetings, got, tt.years)
		}
	}
	first, last := Span(2000)
	if want := (meeting.Date{Year: 2023, Month: time.November, Day: 1}); first != want || last != AsOf {
		t.Errorf("Span(2000) = %s to %s, want %s to %s", first, last, want, AsOf)
	}
}

// TestEveryMeetingValidates checks Validate and the invariants the reports
// rely on that Validate does not enforce.
func TestEveryMeetingValidates(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 2026} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			first, last := Span(sample)
			for i, m := range Generate(sample, seed) {
				if err := m.Validate(); err != nil {
					t.Fatalf("meeting %d (%s) is invalid:\n%v", i, m.ID, err)
				}
				for _, problem := range invariants(m, first, last) {
					t.Errorf("meeting %d (%s): %s", i, m.ID, problem)
				}
			}
		})
	}
}

func invariants(m *meeting.Meeting, first, last meeting.Date) []string {
	var ps []string
	bad := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	held := m.HeldOn()
	if held.Before(first) || held.After(last) {
		bad("held on %s, outside %s to %s", held, first, last)
	}
	if m.HeldAt.Location() != meeting.UK {
		bad("held_at is in %s, not UK time", m.HeldAt.Location())
	}
	if h := m.HeldAt.Hour(); h < 8 || h > 22 {
		bad("held at %s, outside waking hours", m.HeldAt.Format("15:04"))
	}
	if wd := m.HeldAt.Weekday(); (wd == time.Saturday || wd == time.Sunday) && m.Type != meeting.TypeImmediate {
		bad("a %s meeting held on a %s", m.Type, wd)
	}
	if !m.ReferralReceivedAt.IsZero() && held.Year-meeting.UKDate(m.ReferralReceivedAt).Year > 1 {
		bad("referral received %s, long before the meeting", m.ReferralReceivedAt)
	}
	if n := len(m.Children); n < 1 || n > 4 {
		bad("%d children", n)
	}
	for i, c := range m.Children {
		if want := fmt.Sprintf("c%d", i+1); c.ID != want {
			bad("child %d has id %q, want %q", i, c.ID, want)
		}
		if c.DateOfBirth.IsZero() {
			if !strings.HasPrefix(c.Name, "Unborn baby") && m.Type != meeting.TypeComplex {
				bad("child %s has no date of birth", c.Name)
			}
			continue
		}
		eighteenth := meeting.DateOf(dayTime(c.DateOfBirth).AddDate(18, 0, 0))
		if c.DateOfBirth.After(held) || !eighteenth.After(held) {
			bad("child %s born %s is not 0 to 17 on %s", c.Name, c.DateOfBirth, held)
		}
	}
	referrers := 0
	for _, a := range m.Attendees {
		if a.Referrer {
			referrers++
		}
		if a.Attendance == meeting.NotInvited && a.Note == "" {
			bad("%s is not invited with no reason", a.Agency)
		}
	}
	if referrers > 1 {
		bad("%d referrers", referrers)
	}
	if m.AgencyState(meeting.AgencySocialCare) != meeting.StateAttended {
		bad("social care did not attend")
	}
	if n := len(m.Decisions); n < 1 || n > 4 {
		bad("%d decisions", n)
	}
	if n := len(m.Actions); n < 2 || n > 8 {
		bad("%d actions", n)
	}
	for _, a := range m.Actions {
		if !a.Due.IsZero() && daysBetween(held, a.Due) > 30 { // 15 working days can span Christmas
			bad("action due %s, more than 30 days after the meeting on %s", a.Due, held)
		}
		if a.Completed.After(AsOf) {
			bad("action completed %s, after %s", a.Completed, AsOf)
		}
	}
	if c := m.Consent; c != nil && !c.ParentsInformedOn.IsZero() {
		if c.ParentsInformedOn.Before(held) || c.ParentsInformedOn.After(AsOf) {
			bad("parents informed on %s, outside the meeting (%s) to %s", c.ParentsInformedOn, held, AsOf)
		}
	}
	if m.SignedOff() {
		if meeting.UKDate(m.SignedOffAt).After(AsOf) {
			bad("signed off %s, after %s", m.SignedOffAt, AsOf)
		}
		if m.SignedOffBy != m.Chair {
			bad("signed off by %q, not the chair %q", m.SignedOffBy, m.Chair)
		}
	}
	for _, s := range texts(m) {
		if strings.ContainsAny(s, "\t\r") {
			bad("text %q holds a tab or carriage return", s)
		}
	}
	return ps
}

// texts returns every free-text and name field of m.
func texts(m *meeting.Meeting) []string {
	out := []string{m.ID, m.Reference, m.Chair, m.MinuteTaker, m.Reason, m.SignedOffBy}
	for _, c := range m.Children {
		out = append(out, c.Name, c.CaseReference)
	}
	for _, a := range m.Attendees {
		out = append(out, a.Name, a.Role, a.Note)
	}
	if c := m.Consent; c != nil {
		out = append(out, c.Reason, c.DecidedBy, c.AuthorisedBy, c.ParentsInformedReason, c.ParentsViews, c.ChildViews)
	}
	for _, d := range m.Decisions {
		out = append(out, d.Rationale)
	}
	for _, a := range m.Actions {
		out = append(out, a.Description, a.Owner)
	}
	return append(out, discussionTexts(m)...)
}

// TestEveryCodeAppears checks that a sample the size of a year's meetings
// exercises every vocabulary code the reports break down by.
func TestEveryCodeAppears(t *testing.T) {
	seen := map[string]bool{}
	see := func(kind string, code any) { seen[fmt.Sprint(kind, ":", code)] = true }
	for _, m := range Generate(sample, 1) {
		see("type", m.Type)
		see("mode", m.Mode)
		for _, a := range m.Attendees {
			see("agency", a.Agency)
			see("attendance", a.Attendance)
			if a.Agency == meeting.AgencyHealth {
				see("health service", a.Service)
			}
		}
		if m.Consent == nil {
			see("consent", "nil")
		} else {
			see("consent", m.Consent.Status)
			if m.Consent.LawfulBasis != "" {
				see("lawful basis", m.Consent.LawfulBasis)
			}
			if m.Consent.ParentsInformed != "" {
				see("parents informed", m.Consent.ParentsInformed)
			}
		}
		for _, d := range m.Decisions {
			see("outcome", d.Outcome)
		}
		for _, e := range m.Information {
			see("threshold view", e.View)
		}
		see("investigation", m.Police.Investigation)
		see("medical", m.Medical.Decision)
		see("legal", m.Legal.Decision)
		for _, p := range m.Household {
			see("relationship", p.Relationship)
		}
		for _, l := range m.FamilyPlan {
			see("relationship", l.Relationship)
		}
	}
	want := []string{"consent:nil"}
	add := func(kind string, codes []string) {
		for _, c := range codes {
			want = append(want, kind+":"+c)
		}
	}
	add("type", strs(meeting.Types.Codes()))
	add("mode", strs(meeting.Modes.Codes()))
	add("agency", strs(meeting.Agencies.Codes()))
	add("attendance", strs(meeting.Attendances.Codes()))
	add("health service", strs(meeting.HealthServices.Codes()))
	add("consent", strs(meeting.ConsentStatuses.Codes()))
	add("lawful basis", strs(meeting.LawfulBases.Codes()))
	add("parents informed", strs(meeting.ParentsInformedValues.Codes()))
	add("outcome", strs(meeting.Outcomes.Codes()))
	add("threshold view", strs(meeting.ThresholdViews.Codes()))
	add("investigation", strs(meeting.Investigations.Codes()))
	add("medical", strs(meeting.MedicalDecisions.Codes()))
	add("legal", strs(meeting.LegalDecisions.Codes()))
	add("relationship", strs(meeting.Relationships.Codes()))
	for _, w := range want {
		if !seen[w] {
			t.Errorf("%d meetings have no %s", sample, w)
		}
	}
}

func strs[C ~string](codes []C) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = string(c)
	}
	return out
}

// TestDistributions checks the patterns the participation, consent and
// outcome reports are demonstrated with, and logs the figures (go test -v).
func TestDistributions(t *testing.T) {
	ms := Generate(sample, 1)
	share := func(count func(*meeting.Meeting) bool) float64 {
		n := 0
		for _, m := range ms {
			if count(m) {
				n++
			}
		}
		return float64(n) / float64(len(ms))
	}
	attended := map[meeting.Agency]float64{}
	for _, a := range meeting.Agencies.Codes() {
		attended[a] = share(func(m *meeting.Meeting) bool { return m.AgencyState(a) == meeting.StateAttended })
		state := func(s meeting.AgencyState) float64 {
			return share(func(m *meeting.Meeting) bool { return m.AgencyState(a) == s })
		}
		t.Logf("%-18s attended %5.1f%%  information only %5.1f%%  absent %5.1f%%  not invited %5.1f%%", a,
			100*attended[a], 100*state(meeting.StateInformationOnly), 100*state(meeting.StateAbsent), 100*state(meeting.StateNotInvited))
	}
	for _, svc := range meeting.HealthServices.Codes() {
		var rows, came int
		for _, m := range ms {
			for _, a := range m.Attendees {
				if a.Agency == meeting.AgencyHealth && a.Service == svc {
					rows++
					if a.Attendance == meeting.Attended || a.Attendance == meeting.AttendedPart {
						came++
					}
				}
			}
		}
		t.Logf("health service %-20s %4d rows, attended %5.1f%%", svc, rows, 100*float64(came)/float64(max(rows, 1)))
	}
	oneReferrer := share(func(m *meeting.Meeting) bool {
		n := 0
		for _, a := range m.Attendees {
			if a.Referrer {
				n++
			}
		}
		return n == 1
	})
	t.Logf("exactly one referrer row %5.1f%%", 100*oneReferrer)
	for _, ty := range meeting.Types.Codes() {
		t.Logf("type %-10s %5.1f%%", ty, 100*share(func(m *meeting.Meeting) bool { return m.Type == ty }))
	}
	for _, mo := range meeting.Modes.Codes() {
		t.Logf("mode %-10s %5.1f%%", mo, 100*share(func(m *meeting.Meeting) bool { return m.Mode == mo }))
	}
	for _, s := range meeting.ConsentStatuses.Codes() {
		t.Logf("consent %-10s %5.1f%%", s, 100*share(func(m *meeting.Meeting) bool { return m.Consent != nil && m.Consent.Status == s }))
	}
	noConsent := share(func(m *meeting.Meeting) bool { return m.Consent == nil })
	t.Logf("consent not recorded %5.1f%%", 100*noConsent)
	without := share(func(m *meeting.Meeting) bool { return m.Consent.WithoutConsent() })
	noReason := share(func(m *meeting.Meeting) bool { return m.Consent.WithoutConsent() && m.Consent.Reason == "" })
	t.Logf("shared without consent %5.1f%%, of which without a reason %5.1f%%", 100*without, 100*noReason/without)
	for _, o := range meeting.Outcomes.Codes() {
		main := share(func(m *meeting.Meeting) bool { return m.Decisions[0].Outcome == o })
		anyDecision := share(func(m *meeting.Meeting) bool {
			for _, d := range m.Decisions {
				if d.Outcome == o {
					return true
				}
			}
			return false
		})
		t.Logf("outcome %-27s main %5.1f%%  any %5.1f%%", o, 100*main, 100*anyDecision)
	}
	var actions, undated, late, overdue int
	for _, m := range ms {
		for _, a := range m.Actions {
			actions++
			switch {
			case a.Due.IsZero():
				undated++
			case a.CompletedLate():
				late++
			case a.Overdue(AsOf):
				overdue++
			}
		}
	}
	t.Logf("actions %d: undated %.1f%%, completed late %.1f%%, overdue at %s %.1f%%", actions,
		100*float64(undated)/float64(actions), 100*float64(late)/float64(actions), AsOf, 100*float64(overdue)/float64(actions))
	s47 := share(func(m *meeting.Meeting) bool {
		o := m.Decisions[0].Outcome
		return o == meeting.OutcomeS47Joint || o == meeting.OutcomeS47Single
	})
	nfa := share(func(m *meeting.Meeting) bool { return m.Decisions[0].Outcome == meeting.OutcomeNoFurtherAction })
	drafts := share(func(m *meeting.Meeting) bool { return !m.SignedOff() })
	t.Logf("drafts %.1f%%", 100*drafts)

	checks := []struct {
		name     string
		got      float64
		min, max float64
	}{
		{"social care attended", attended[meeting.AgencySocialCare], 1, 1},
		{"police attended", attended[meeting.AgencyPolice], 0.85, 0.95},
		{"health attended", attended[meeting.AgencyHealth], 0.45, 0.65},
		{"education attended", attended[meeting.AgencyEducation], 0.30, 0.70},
		{"consent not recorded", noConsent, 0.06, 0.14},
		{"overridden or not sought without a reason", noReason / without, 0.15, 0.35},
		{"drafts", drafts, 0.01, 0.08},
		{"exactly one referrer", oneReferrer, 0.85, 0.99},
		{"main outcome a section 47 enquiry", s47, 0.45, 0.65},
		{"main outcome no further action", nfa, 0.05, 0.15},
		{"actions undated", float64(undated) / float64(actions), 0.05, 0.11},
	}
	for _, c := range checks {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%s: %.3f, want %.2f to %.2f", c.name, c.got, c.min, c.max)
		}
	}
	if attended[meeting.AgencyHealth] >= attended[meeting.AgencyPolice] {
		t.Errorf("health attended %.3f, not less than police %.3f", attended[meeting.AgencyHealth], attended[meeting.AgencyPolice])
	}
}

func TestIDsAndReferencesUnique(t *testing.T) {
	ids, refs := map[string]bool{}, map[string]bool{}
	for _, m := range Generate(5*sample, 3) {
		if ids[m.ID] {
			t.Errorf("id %s used twice", m.ID)
		}
		ids[m.ID] = true
		if m.Reference == "" {
			continue
		}
		if refs[m.Reference] {
			t.Errorf("reference %s used twice", m.Reference)
		}
		refs[m.Reference] = true
		if !strings.HasPrefix(m.Reference, fmt.Sprintf("SM-%d-", m.HeldOn().Year)) {
			t.Errorf("reference %s is not of the year the meeting was held (%s)", m.Reference, m.HeldOn())
		}
	}
}

// TestSpread checks that a large run covers its span from start to end and
// never passes AsOf.
func TestSpread(t *testing.T) {
	const n = 20000
	first, last := Span(n)
	if got := first.Year; got != AsOf.Year-Years(n) {
		t.Fatalf("span starts in %d", got)
	}
	var oldest, newest meeting.Date
	err := Each(n, 9, func(m *meeting.Meeting) error {
		d := m.HeldOn()
		if oldest.IsZero() || d.Before(oldest) {
			oldest = d
		}
		if d.After(newest) {
			newest = d
		}
		if d.After(last) || d.Before(first) {
			return fmt.Errorf("meeting %s held on %s, outside %s to %s", m.ID, d, first, last)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if daysBetween(first, oldest) > 10 || daysBetween(newest, last) > 10 {
		t.Errorf("meetings run from %s to %s; want close to %s to %s", oldest, newest, first, last)
	}
}

func BenchmarkGenerate(b *testing.B) {
	const n = 1000
	for b.Loop() {
		Generate(n, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/meeting")
}
