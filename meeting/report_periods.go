package meeting

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// This file groups the report's months into quarters and years, for the
// quarterly table and for a chart over time that stays readable whatever
// the period's length: one point a month up to two years, a quarter up to
// ten, a year beyond (docs/report.md, "Over time").

// A PeriodStep is how the report's months are grouped over time.
type PeriodStep int

const (
	StepMonth   PeriodStep = iota
	StepQuarter            // January to March, April to June, ...: the financial year's quarters too
	StepYear               // calendar years
)

// The longest periods shown month by month and quarter by quarter, in
// points: past them a chart's points are too narrow to read on a page.
const (
	maxMonthPoints   = 24
	maxQuarterPoints = 40
)

// Months are the step's length in months.
func (s PeriodStep) Months() int {
	switch s {
	case StepQuarter:
		return 3
	case StepYear:
		return 12
	}
	return 1
}

// Noun names one of the step's groups: "month", "quarter", "year".
func (s PeriodStep) Noun() string {
	switch s {
	case StepQuarter:
		return "quarter"
	case StepYear:
		return "year"
	}
	return "month"
}

// A PeriodCount is the period's months grouped into one quarter or year
// (or one month): the months' counts added up. Only months of the period
// are in it, so the first and last groups can be parts of one.
type PeriodCount struct {
	// Key names it for machines: "2025-04" for a month, "2025-04/2025-06"
	// for a quarter (ISO 8601's interval of months), "2025" for a year;
	// a part group names the months it holds.
	Key string
	// Label names it for people: "Apr 2025", "Apr–Jun 2025", "2025";
	// Short and Group split it for a chart's axis ("Apr–Jun", "2025").
	Label, Short, Group string
	// Months is how many of the period's months it holds.
	Months           int
	Meetings         int
	Attended         Counts[Agency] // of MonthlyAgencies
	MissingStatutory int
}

// Grouped adds the period's months up by step, in order.
func (r *Report) Grouped(step PeriodStep) []PeriodCount {
	var out []PeriodCount
	var first, last time.Time // of the group being added up
	for _, m := range r.Monthly {
		t, ok := parseMonthKey(m.Month)
		if !ok {
			continue // a report read from JSON with a month misspelt
		}
		if n := len(out); n == 0 || groupStart(t, step) != groupStart(first, step) {
			if n > 0 {
				out[n-1].name(first, last, step)
			}
			out = append(out, PeriodCount{Attended: NewCounts(MonthlyAgencies...)})
			first = t
		}
		last = t
		g := &out[len(out)-1]
		g.Months++
		g.Meetings += m.Meetings
		g.MissingStatutory += m.MissingStatutory
		for i, a := range MonthlyAgencies {
			g.Attended[i].Count += m.Attended.Get(a)
		}
	}
	if n := len(out); n > 0 {
		out[n-1].name(first, last, step)
	}
	return out
}

// ChartStep is the step of the chart over time: months for a period of up
// to two years, quarters up to ten, years beyond.
func (r *Report) ChartStep() PeriodStep {
	switch n := len(r.Monthly); {
	case n <= maxMonthPoints:
		return StepMonth
	case len(r.Grouped(StepQuarter)) <= maxQuarterPoints:
		return StepQuarter
	}
	return StepYear
}

func parseMonthKey(m string) (time.Time, bool) {
	t, err := time.Parse("2006-01", m)
	return t, err == nil
}

// groupStart is the first month of the step's group that holds t.
func groupStart(t time.Time, step PeriodStep) time.Time {
	m := int(t.Month()) - 1
	m -= m % step.Months()
	return time.Date(t.Year(), time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
}

// name gives a group holding the months first to last its key and labels.
func (g *PeriodCount) name(first, last time.Time, step PeriodStep) {
	year := first.Format("2006")
	switch {
	case step == StepMonth || first == last && step != StepYear:
		g.Key, g.Short = first.Format("2006-01"), first.Format("Jan")
	case step == StepYear && g.Months == 12:
		g.Key, g.Short = year, year
	default:
		g.Key = first.Format("2006-01") + "/" + last.Format("2006-01")
		g.Short = first.Format("Jan") + "–" + last.Format("Jan")
		if step == StepYear {
			g.Short = year + " (" + g.Short + ")"
		}
	}
	g.Group = year
	if step == StepYear {
		g.Group = ""
	}
	g.Label = strings.TrimSpace(g.Short + " " + g.Group)
}

// QuarterlyTable is the period quarter by quarter: the meetings, the share
// each of MonthlyAgencies attended, and the share missing a statutory
// partner.
func (r *Report) QuarterlyTable() ReportTable {
	return r.groupedTable(StepQuarter, "quarterly", "Quarter by quarter",
		"The share of each quarter's meetings each agency attended, and the share missing a statutory partner. "+
			"A quarter the period holds only part of is named by its months.")
}

// YearlyTable is the period year by year, as QuarterlyTable: for a period
// too long to read month by month.
func (r *Report) YearlyTable() ReportTable {
	return r.groupedTable(StepYear, "yearly", "Year by year",
		"The share of each calendar year's meetings each agency attended, and the share missing a statutory partner. "+
			"A year the period holds only part of is named by its months.")
}

func (r *Report) groupedTable(step PeriodStep, key, title, caption string) ReportTable {
	t := ReportTable{
		Key: key, Title: title, Caption: caption,
		Columns: []ReportColumn{{Key: step.Noun(), Label: strings.ToUpper(step.Noun()[:1]) + step.Noun()[1:]}, {Key: "meetings", Label: "Meetings"}},
	}
	for _, a := range MonthlyAgencies {
		t.Columns = append(t.Columns, ReportColumn{Key: string(a) + "_rate", Label: ShortAgency(a) + " %"})
	}
	t.Columns = append(t.Columns, ReportColumn{Key: "missing_statutory_rate", Label: "Missing a statutory partner %"})
	for _, g := range r.Grouped(step) {
		cells := []ReportCell{{Kind: CellText, Text: g.Label, Value: g.Key}, countCell(g.Meetings)}
		for i := range MonthlyAgencies {
			cells = append(cells, shareCell(g.Attended[i].Count, g.Meetings))
		}
		t.Rows = append(t.Rows, ReportRow{Cells: append(cells, shareCell(g.MissingStatutory, g.Meetings))})
	}
	return t
}

// A TrendChart is the chart of attendance over time: one point per group
// of Step, the meetings of each, and one series per MonthlyAgencies of the
// share of each group's meetings it attended (NaN for a group without
// meetings).
type TrendChart struct {
	Step   PeriodStep
	Points []PeriodCount
	Series []ChartSeries
}

// Trend is the chart of attendance over time, at ChartStep.
func (r *Report) Trend() TrendChart {
	c := TrendChart{Step: r.ChartStep()}
	c.Points = r.Grouped(c.Step)
	for i, a := range MonthlyAgencies {
		s := ChartSeries{Agency: a, Name: ShortAgency(a), Values: make([]float64, len(c.Points))}
		for j, p := range c.Points {
			s.Values[j] = math.NaN() // no meetings: no rate, a gap
			if p.Meetings > 0 {
				s.Values[j] = Rate(p.Attended[i].Count, p.Meetings)
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// Title is the chart's title: "Attendance month by month", "… quarter by
// quarter", "… year by year".
func (c TrendChart) Title() string {
	n := c.Step.Noun()
	return fmt.Sprintf("Attendance %s by %s", n, n)
}

// Caption says what the chart shows, under it on screen and on paper.
func (c TrendChart) Caption() string {
	n := c.Step.Noun()
	s := "The share of each " + n + "'s meetings attended by children's social care, police, health and education; " +
		"the number of meetings under each " + n + ". A " + n + " without meetings is a gap. "
	switch c.Step {
	case StepMonth:
		return s + "Small months swing a lot: compare over quarters or the year."
	case StepQuarter:
		return s + "The period is too long to read month by month, so each point is a quarter."
	}
	return s + "The period is too long to read month by month or by quarter, so each point is a calendar year."
}
