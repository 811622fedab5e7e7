package meeting

import (
	"context"
	"math"
	"strings"
	"testing"
)

func TestPreviousPeriod(t *testing.T) {
	for _, tt := range []struct {
		name             string
		from, to, asOf   string
		wantFrom, wantTo string
	}{
		{"financial year, ended", "2025-04-01", "2026-03-31", "2026-04-30", "2024-04-01", "2025-03-31"},
		{"financial year to date", "2026-04-01", "2027-03-31", "2026-12-03", "2025-04-01", "2025-12-03"},
		{"quarter", "2026-07-01", "2026-09-30", "2026-12-03", "2026-04-01", "2026-06-30"},
		{"month", "2026-03-01", "2026-03-31", "2026-12-03", "2026-02-01", "2026-02-28"},
		{"month into a leap February", "2024-03-01", "2024-03-31", "2024-12-03", "2024-02-01", "2024-02-29"},
		// 31 May less three months has no day 31: the month's last day.
		{"quarter to date at a month's end", "2026-04-01", "2026-06-30", "2026-05-31", "2026-01-01", "2026-02-28"},
		{"year across January", "2025-01-01", "2025-12-31", "2026-01-05", "2024-01-01", "2024-12-31"},
		{"days", "2026-03-10", "2026-03-19", "2026-12-03", "2026-02-28", "2026-03-09"},
		{"one day", "2026-03-10", "2026-03-10", "2026-12-03", "2026-03-09", "2026-03-09"},
		{"days to date", "2026-11-20", "2026-12-09", "2026-12-03", "2026-10-31", "2026-11-13"},
		{"as of before the period", "2026-04-01", "2027-03-31", "2026-01-01", "2025-04-01", "2026-03-31"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, to, asOf := mustDate(t, tt.from), mustDate(t, tt.to), mustDate(t, tt.asOf)
			gf, gt := PreviousPeriod(f, to, asOf)
			if gf.String() != tt.wantFrom || gt.String() != tt.wantTo {
				t.Errorf("PreviousPeriod(%s, %s, %s) = %s to %s, want %s to %s", tt.from, tt.to, tt.asOf, gf, gt, tt.wantFrom, tt.wantTo)
			}
		})
	}
}

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// monthsReport is a report of from to to whose months hold the meetings
// given, police attending the first police of each.
func monthsReport(t *testing.T, from, to string, meetings map[string][2]int) *Report {
	t.Helper()
	r := NewReport(mustDate(t, from), mustDate(t, to), mustDate(t, to))
	for i, m := range r.Monthly {
		if n, ok := meetings[m.Month]; ok {
			r.Monthly[i].Meetings = n[0]
			r.Monthly[i].Attended.Add(AgencyPolice, n[1])
			r.Monthly[i].MissingStatutory = n[0] - n[1]
		}
	}
	return r
}

func TestGroupedQuartersAndYears(t *testing.T) {
	r := monthsReport(t, "2025-05-14", "2026-04-02", map[string][2]int{
		"2025-05": {4, 1}, "2025-06": {6, 5}, "2025-09": {10, 10}, "2026-01": {2, 0}, "2026-04": {1, 1},
	})
	type group struct {
		key, label       string
		months, meetings int
		police, missing  int
	}
	for _, tt := range []struct {
		step PeriodStep
		want []group
	}{
		{StepQuarter, []group{
			// The period starts in May: its first quarter is named by the months it holds.
			{"2025-05/2025-06", "May–Jun 2025", 2, 10, 6, 4},
			{"2025-07/2025-09", "Jul–Sep 2025", 3, 10, 10, 0},
			{"2025-10/2025-12", "Oct–Dec 2025", 3, 0, 0, 0},
			{"2026-01/2026-03", "Jan–Mar 2026", 3, 2, 0, 2},
			{"2026-04", "Apr 2026", 1, 1, 1, 0},
		}},
		{StepYear, []group{
			{"2025-05/2025-12", "2025 (May–Dec)", 8, 20, 16, 4},
			{"2026-01/2026-04", "2026 (Jan–Apr)", 4, 3, 1, 2},
		}},
		{StepMonth, nil}, // checked by length below
	} {
		got := r.Grouped(tt.step)
		if tt.step == StepMonth {
			if len(got) != len(r.Monthly) || got[0].Key != "2025-05" || got[0].Label != "May 2025" || got[0].Meetings != 4 {
				t.Errorf("months: %d groups, first %+v", len(got), got[0])
			}
			continue
		}
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %d groups, want %d: %+v", tt.step.Noun(), len(got), len(tt.want), got)
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Key != w.key || g.Label != w.label || g.Months != w.months || g.Meetings != w.meetings ||
				g.Attended.Get(AgencyPolice) != w.police || g.MissingStatutory != w.missing {
				t.Errorf("%s %d: %+v, want %+v", tt.step.Noun(), i, g, w)
			}
		}
	}
	// Every meeting is in exactly one group at every step.
	for _, step := range []PeriodStep{StepMonth, StepQuarter, StepYear} {
		sum := 0
		for _, g := range r.Grouped(step) {
			sum += g.Meetings
		}
		if sum != 23 {
			t.Errorf("%s: groups hold %d meetings, want 23", step.Noun(), sum)
		}
	}
	full := monthsReport(t, "2024-01-01", "2024-12-31", nil).Grouped(StepYear)
	if len(full) != 1 || full[0].Key != "2024" || full[0].Label != "2024" {
		t.Errorf("a whole year: %+v", full)
	}
}

func TestChartStepKeepsTheChartReadable(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		want     PeriodStep
		points   int
	}{
		{"2026-03-01", "2026-03-31", StepMonth, 1},
		{"2025-04-01", "2026-03-31", StepMonth, 12},
		{"2024-04-01", "2026-03-31", StepMonth, 24},
		{"2024-03-01", "2026-03-31", StepQuarter, 9},  // 25 months
		{"2016-04-01", "2026-03-31", StepQuarter, 40}, // ten years of quarters
		{"2016-03-01", "2026-03-31", StepYear, 11},    // 41 quarters
		{"1985-01-01", "2025-12-31", StepYear, 41},    // the all-years report: 492 months
	} {
		r := monthsReport(t, tt.from, tt.to, nil)
		c := r.Trend()
		if c.Step != tt.want || len(c.Points) != tt.points {
			t.Errorf("%s to %s: %s, %d points; want %s, %d", tt.from, tt.to, c.Step.Noun(), len(c.Points), tt.want.Noun(), tt.points)
		}
		for _, s := range c.Series {
			if len(s.Values) != len(c.Points) {
				t.Errorf("%s to %s: series %s has %d values for %d points", tt.from, tt.to, s.Name, len(s.Values), len(c.Points))
			}
		}
		if !strings.Contains(c.Title(), c.Step.Noun()+" by "+c.Step.Noun()) || !strings.Contains(c.Caption(), c.Step.Noun()) {
			t.Errorf("%s: title %q, caption %q", tt.want.Noun(), c.Title(), c.Caption())
		}
		// The tables people read are at the chart's step.
		var keys []string
		for _, tb := range r.OverTimeTables() {
			keys = append(keys, tb.Key)
		}
		want := map[PeriodStep]string{StepMonth: "monthly", StepQuarter: "quarterly", StepYear: "yearly"}[tt.want]
		if len(keys) == 0 || keys[0] != want {
			t.Errorf("%s to %s: tables %v, want %s first", tt.from, tt.to, keys, want)
		}
	}
}

func TestTrendSharesAndGaps(t *testing.T) {
	r := monthsReport(t, "2025-04-01", "2027-06-30", map[string][2]int{"2025-04": {4, 3}, "2025-05": {4, 1}})
	c := r.Trend()
	if c.Step != StepQuarter {
		t.Fatalf("step %s, want quarter", c.Step.Noun())
	}
	var police ChartSeries
	for _, s := range c.Series {
		if s.Agency == AgencyPolice {
			police = s
		}
	}
	if police.Values[0] != 0.5 || !math.IsNaN(police.Values[1]) || c.Points[0].Meetings != 8 {
		t.Errorf("police %v, first quarter %+v: want 50%%, then a gap", police.Values, c.Points[0])
	}
	q := r.QuarterlyTable()
	if got := q.Texts(0); got[0] != "Apr–Jun 2025" || got[1] != "8" || got[3] != "50.0%" {
		t.Errorf("first quarter's row %q", got)
	}
	if got := q.Texts(1); got[3] != "—" {
		t.Errorf("a quarter without meetings shows %q for police, want —", got[3])
	}
}

// fixedReporter gives reports made by fn: a Reporter for CompareReport.
type fixedReporter func(from, to, asOf Date) *Report

func (f fixedReporter) Report(_ context.Context, from, to, asOf Date) (*Report, error) {
	return f(from, to, asOf), nil
}

func TestCompareReport(t *testing.T) {
	var asked [][3]Date
	src := fixedReporter(func(from, to, asOf Date) *Report {
		asked = append(asked, [3]Date{from, to, asOf})
		r := NewReport(from, to, asOf)
		r.Meetings = 10
		if from.Year == 2024 {
			r.Meetings = 12
		}
		r.Agencies[1].Attended = r.Meetings - 2 // police
		r.Finish()
		return r
	})
	r, err := CompareReport(context.Background(), src, mustDate(t, "2025-04-01"), mustDate(t, "2026-03-31"), mustDate(t, "2026-04-30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 || asked[1][0].String() != "2024-04-01" || asked[1][1].String() != "2025-03-31" || asked[1][2] != asked[0][2] {
		t.Fatalf("asked for %v: want this year, then the year before as of the same day", asked)
	}
	if r.Previous == nil || r.Previous.Meetings != 12 {
		t.Fatalf("previous report %+v", r.Previous)
	}
	hs := r.Headlines()
	byKey := map[string]Headline{}
	for _, h := range hs {
		byKey[h.Key] = h
	}
	for _, tt := range []struct {
		key, want string
	}{
		{"meetings", "2024-25: 12, down 2"},
		// 8 of 10 against 10 of 12: 80.0% against 83.3%.
		{"police_attended", "2024-25: 83.3%, down 3.3 points"},
		{"overdue_actions", "2024-25: 0, no change"},
		// No meetings without consent in either: nothing to compare.
		{"without_consent_no_reason", "2024-25: —"},
	} {
		if got := r.Compared(byKey[tt.key]); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.key, got, tt.want)
		}
	}
	ct := r.ComparisonTable()
	if len(ct.Rows) != len(hs) || ct.Rows[0].Cells[4].Number != -2 || ct.Rows[0].Cells[3].Text != "12" {
		t.Errorf("comparison table %+v", ct.Rows[0])
	}
	if r.Compared(Headline{Key: "meetings"}) != "" {
		t.Error("a headline without a previous figure says something")
	}
	r.Previous = nil
	if got := r.Compared(byKey["meetings"]); got != "" {
		t.Errorf("a report not compared says %q", got)
	}
}

func TestFigureChangeWords(t *testing.T) {
	share := func(x float64) ReportCell { return ReportCell{Kind: CellShare, Number: x} }
	count := func(n float64) ReportCell { return ReportCell{Kind: CellCount, Number: n} }
	for _, tt := range []struct {
		cur, prev ReportCell
		want      string
	}{
		{share(0.5), share(0.4), "up 10.0 points"},
		{share(0.4), share(0.41), "down 1.0 point"},
		{share(0.4), share(0.40004), "no change"}, // under a twentieth of a point
		{count(1200), count(100), "up 1,100"},
		{count(3), count(3), "no change"},
		{share(0.4), ReportCell{Text: "—"}, ""},
		{ReportCell{Kind: CellText, Text: "x"}, ReportCell{Kind: CellText, Text: "x"}, ""},
	} {
		if got := compare(tt.cur, tt.prev).Text; got != tt.want {
			t.Errorf("compare(%v, %v) = %q, want %q", tt.cur, tt.prev, got, tt.want)
		}
	}
}

func TestShortPeriod(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"2024-04-01", "2025-03-31", "2024-25"},
		{"1999-04-01", "2000-03-31", "1999-00"},
		{"2025-07-01", "2025-09-30", "Jul–Sep 2025"},
		{"2025-03-01", "2025-03-31", "Mar 2025"},
		{"2025-04-01", "2025-12-03", "1 Apr 2025 to 3 Dec 2025"},
		{"2025-02-01", "2025-04-30", "1 Feb 2025 to 30 Apr 2025"}, // three months, not a quarter
	} {
		r := NewReport(mustDate(t, tt.from), mustDate(t, tt.to), mustDate(t, tt.to))
		if got := r.ShortPeriod(); got != tt.want {
			t.Errorf("%s to %s: %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
