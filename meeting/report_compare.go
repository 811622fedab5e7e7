package meeting

import (
	"context"
	"fmt"
	"math"
	"time"
)

// This file compares a report with the one of the period before it
// (docs/report.md, "Compared with the previous period"): the same figures,
// worked out the same way, over the period of the same length just before.

// PreviousPeriod is the period a report of from to to is compared with:
// as many whole months before it when the period is whole months (a month,
// a quarter, a financial year), else as many days. When the period runs
// past asOf (a year to date), only its part up to asOf is compared, with
// the same part of the period before: like with like.
func PreviousPeriod(from, to, asOf Date) (prevFrom, prevTo Date) {
	end := to
	if !asOf.IsZero() && !asOf.Before(from) && asOf.Before(to) {
		end = asOf
	}
	if months, ok := wholeMonths(from, to); ok {
		return addMonths(from, -months), addMonths(end, -months)
	}
	days := to.Days() - from.Days() + 1
	return from.AddDays(-days), end.AddDays(-days)
}

// wholeMonths says how many months the period is when it runs from a
// month's first day to a month's last.
func wholeMonths(from, to Date) (int, bool) {
	if from.Day != 1 || to.AddDays(1).Day != 1 || to.Before(from) {
		return 0, false
	}
	return (to.Year-from.Year)*12 + int(to.Month) - int(from.Month) + 1, true
}

// addMonths moves d by n months, to the month's last day when it has
// fewer days (31 May less three months is 28 or 29 February).
func addMonths(d Date, n int) Date {
	m := d.Year*12 + int(d.Month) - 1 + n
	y, mon := floorDiv(m, 12), time.Month(m-floorDiv(m, 12)*12+1)
	return Date{Year: y, Month: mon, Day: min(d.Day, daysIn(y, mon))}
}

// A FigureChange is a headline figure beside the previous period's.
type FigureChange struct {
	Previous ReportCell
	// Text says the change as people read it: "up 3.1 points", "down 12",
	// "no change"; "" when either figure is missing.
	Text string
	// Number is the change for machines: a difference of fractions for
	// shares (0.031 is 3.1 points), of counts for counts.
	Number float64
	Known  bool
}

// compare is the change from prev to cur, cells of the same kind.
func compare(cur, prev ReportCell) FigureChange {
	c := FigureChange{Previous: prev}
	if cur.Kind != prev.Kind || (cur.Kind != CellCount && cur.Kind != CellShare) {
		return c
	}
	// Shares are rounded to RateDecimals places (Rate): so is their
	// difference, which floating point would otherwise leave as
	// -0.011799999999999922.
	scale := math.Pow10(RateDecimals)
	c.Known, c.Number = true, math.Round((cur.Number-prev.Number)*scale)/scale
	var size, unit string
	switch cur.Kind {
	case CellShare:
		points := math.Round(math.Abs(c.Number)*1000) / 10
		size, unit = fmt.Sprintf("%.1f", points), " points"
		if points == 1 {
			unit = " point"
		}
		if points == 0 {
			c.Text = "no change"
			return c
		}
	default:
		if c.Number == 0 {
			c.Text = "no change"
			return c
		}
		size = Count(int(math.Abs(c.Number)))
	}
	dir := "up "
	if c.Number < 0 {
		dir = "down "
	}
	c.Text = dir + size + unit
	return c
}

// Compared says how a headline figure compares with the previous period,
// for a line under it: "2024-25: 38.0%, up 3.1 points"; "" when the
// report is not compared.
func (r *Report) Compared(h Headline) string {
	if r.Previous == nil || h.Previous == nil {
		return ""
	}
	s := r.Previous.ShortPeriod() + ": " + h.Previous.Previous.Text
	if h.Previous.Text != "" {
		s += ", " + h.Previous.Text
	}
	return s
}

// ShortPeriod names the report's period briefly: "2024-25" for a
// financial year, "Apr–Jun 2025" for a quarter, "Mar 2025" for a month,
// else its dates ("1 Apr 2025 to 3 Dec 2025").
func (r *Report) ShortPeriod() string {
	if first, last := FinancialYear(r.From); first == r.From && last == r.To {
		return fmt.Sprintf("%d-%02d", first.Year, (first.Year+1)%100)
	}
	if n, ok := wholeMonths(r.From, r.To); ok && (n == 1 || n == 3 && (r.From.Month-1)%3 == 0) {
		step := StepMonth
		if n == 3 {
			step = StepQuarter
		}
		if g := r.Grouped(step); len(g) == 1 {
			return g[0].Label
		}
	}
	short := func(d Date) string { return d.Time(time.UTC).Format("2 Jan 2006") }
	if r.From == r.To {
		return short(r.From)
	}
	return short(r.From) + " to " + short(r.To)
}

// ComparisonTable is the headline figures beside the previous period's,
// when the report is compared.
func (r *Report) ComparisonTable() ReportTable {
	t := ReportTable{
		Key: "comparison", Title: "Compared with the previous period",
		Columns: []ReportColumn{codeColumn("figure"), labelColumn("Figure"), {Key: "value", Label: "This period"},
			{Key: "previous", Label: "Previous period"}, {Key: "change", Label: "FigureChange"}},
	}
	p := r.Previous
	if p == nil {
		t.Caption = "Not compared."
		return t
	}
	t.Caption = "This period (" + r.Period() + ") beside the period before it (" + p.Period() + "), counted the same way. " +
		"Shares change in percentage points. Actions are judged overdue as of " + orDash(r.AsOf.Long()) + " in both."
	for _, h := range r.Headlines() {
		change := ReportCell{Text: "—"}
		if h.Previous != nil && h.Previous.Known {
			change = ReportCell{Kind: CellNumber, Text: h.Previous.Text, Number: h.Previous.Number}
		}
		prev := ReportCell{Text: "—"}
		if h.Previous != nil {
			prev = h.Previous.Previous
		}
		t.Rows = append(t.Rows, codeRow(h.Key, h.Label, h.Value, prev, change))
	}
	return t
}

// CompareReport works out the report of from to to as of asOf and, to
// compare with it, the report of the period before (PreviousPeriod) as of
// the same day, so that actions are judged overdue alike in both.
func CompareReport(ctx context.Context, src Reporter, from, to, asOf Date) (*Report, error) {
	r, err := src.Report(ctx, from, to, asOf)
	if err != nil {
		return nil, err
	}
	pf, pt := PreviousPeriod(from, to, asOf)
	prev, err := src.Report(ctx, pf, pt, asOf)
	if err != nil {
		return nil, fmt.Errorf("the previous period's report: %w", err)
	}
	if prev == r { // a source that hands out one report for every period
		cp := *prev
		prev = &cp
	}
	prev.Previous = nil
	r.Previous = prev
	return r, nil
}
