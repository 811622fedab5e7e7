package meeting

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// This file is the report as every rendering shows it: its tables, headline
// figures and chart series are written here once, so that the text, the
// PDF, the screen, the CSV and the workbook cannot drift apart; they only
// lay it out. People's renderings show each cell's Text; machine renderings
// (CSV, the workbook) write its value.

// Marking is the protective marking of the minutes and of the report.
const Marking = "OFFICIAL-SENSITIVE"

// A ReportTable is one table of the report.
type ReportTable struct {
	Key     string // "agencies": the CSV section's and the workbook sheet's name
	Title   string
	Caption string
	Columns []ReportColumn
	Rows    []ReportRow
}

// A ReportColumn is a table's column: Key names it for machines, Label for
// people. A Code column holds the rows' codes, which only the machine
// renderings write: people read the label beside it.
type ReportColumn struct {
	Key   string
	Label string
	Code  bool
}

// A ReportRow is one row of a table, a cell per column. Total rows and
// Strong ones (the statutory partners) are shown in bold; a Part row is a
// part of the row above it, shown indented.
type ReportRow struct {
	Cells  []ReportCell
	Total  bool
	Strong bool
	Part   bool
}

// A CellKind says what a cell's value is.
type CellKind int

const (
	CellEmpty  CellKind = iota // no value: not applicable, or a share of nothing ("—")
	CellText                   // Value, or Text when Value is ""
	CellCount                  // Number, a whole number
	CellShare                  // Number, a fraction (0.4 is 40%)
	CellNumber                 // Number, such as a median in working days
)

// A ReportCell is a cell as people read it (Text) and as a machine reads it
// (Kind, with Number or Value).
type ReportCell struct {
	Kind   CellKind
	Text   string
	Value  string // a text cell's machine value when it differs from Text ("2025-04" for "Apr 2025")
	Number float64
}

// Machine writes the cell's value as the CSV has it: counts and numbers as
// the JSON writes them, shares as fractions, nothing for an empty cell.
func (c ReportCell) Machine() string {
	switch c.Kind {
	case CellText:
		if c.Value != "" {
			return c.Value
		}
		return c.Text
	case CellCount, CellShare, CellNumber:
		return FormatRate(c.Number)
	}
	return ""
}

// Header is the labels of the columns people read.
func (t ReportTable) Header() []string {
	var h []string
	for _, c := range t.Columns {
		if !c.Code {
			h = append(h, c.Label)
		}
	}
	return h
}

// Texts is row i as people read it: the cells of the columns they see, the
// label of a Part row indented.
func (t ReportTable) Texts(i int) []string {
	row := t.Rows[i]
	var out []string
	for j, c := range row.Cells {
		if j < len(t.Columns) && t.Columns[j].Code {
			continue
		}
		s := c.Text
		if len(out) == 0 && row.Part {
			s = "   " + s
		}
		out = append(out, s)
	}
	return out
}

// Bold reports whether row i is shown in bold.
func (t ReportTable) Bold(i int) bool { return t.Rows[i].Total || t.Rows[i].Strong }

// Keys are the keys of every column, the CSV's header.
func (t ReportTable) Keys() []string {
	keys := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		keys[i] = c.Key
	}
	return keys
}

// Share writes n / of as a percentage to one decimal place, or "—" when
// there is nothing to divide by: 0% of nothing would say something untrue.
func Share(n, of int) string { return shareCell(n, of).Text }

// Percent writes a rate as a percentage to one decimal place, "—" for one
// that is not a number.
func Percent(rate float64) string {
	if math.IsNaN(rate) || math.IsInf(rate, 0) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", rate*100)
}

// rateCell is a share whose rate is worked out already (rate = n / of),
// empty when of is nothing or the rate is not a number.
func rateCell(rate float64, of int) ReportCell {
	if of <= 0 || math.IsNaN(rate) || math.IsInf(rate, 0) {
		return ReportCell{Text: "—"}
	}
	return ReportCell{Kind: CellShare, Text: Percent(rate), Number: rate}
}

// shareCell is n / of as a share: the one share rule of every rendering.
func shareCell(n, of int) ReportCell { return rateCell(Rate(n, of), of) }

func countCell(n int) ReportCell {
	return ReportCell{Kind: CellCount, Text: Count(n), Number: float64(n)}
}

func textCell(text string) ReportCell { return ReportCell{Kind: CellText, Text: text} }

// none is a cell with nothing in it.
var none = ReportCell{}

// codeColumn and labelColumn head a table whose rows are codes.
func codeColumn(key string) ReportColumn { return ReportColumn{Key: key, Label: "Code", Code: true} }
func labelColumn(label string) ReportColumn {
	return ReportColumn{Key: "label", Label: label}
}

// codeRow is a row of a table with a code column: its code, label and
// figures.
func codeRow(code, label string, figures ...ReportCell) ReportRow {
	return ReportRow{Cells: append([]ReportCell{textCell(code), textCell(label)}, figures...)}
}

func (r ReportRow) total() ReportRow  { r.Total = true; return r }
func (r ReportRow) strong() ReportRow { r.Strong = true; return r }
func (r ReportRow) part() ReportRow   { r.Part = true; return r }

// Tables are the tables people read, in the order the text and the PDF
// show them, the period over time at the chart's step (OverTimeTables).
// People read the comparison with the previous period under each headline
// figure (Report.Compared).
func (r *Report) Tables() []ReportTable {
	out := []ReportTable{r.AgenciesTable(), r.HealthTable(), r.StatutoryTable(), r.ConsentTable(), r.OutcomesTable(), r.ActionsTable()}
	out = append(out, r.OverTimeTables()...)
	return append(out, r.TimelinessTables()...)
}

// OverTimeTables are the tables of the period over time that people read,
// at the chart's step: month by month (and quarter by quarter, when the
// period holds more than one quarter) for up to two years; quarter by
// quarter up to ten; year by year beyond, where a table of months would
// run to pages.
func (r *Report) OverTimeTables() []ReportTable {
	switch r.ChartStep() {
	case StepMonth:
		out := []ReportTable{r.MonthlyTable()}
		if len(r.Grouped(StepQuarter)) > 1 {
			out = append(out, r.QuarterlyTable())
		}
		return out
	case StepQuarter:
		return []ReportTable{r.QuarterlyTable()}
	}
	return []ReportTable{r.YearlyTable()}
}

// DataTables are every table the machine renderings (CSV, workbook)
// write, the same whatever the period: the report's period and headline
// figures first (and their comparison, when compared), then the tables
// people read, with the meetings missing a statutory partner after the
// statutory partners' table, and the period month by month, quarter by
// quarter and year by year.
func (r *Report) DataTables() []ReportTable {
	out := []ReportTable{r.AboutTable(), r.HeadlineTable()}
	if r.Previous != nil {
		out = append(out, r.ComparisonTable())
	}
	out = append(out, r.AgenciesTable(), r.HealthTable(), r.StatutoryTable(), r.MissingMeetingsTable(),
		r.ConsentTable(), r.OutcomesTable(), r.ActionsTable(), r.MonthlyTable(), r.QuarterlyTable(), r.YearlyTable())
	return append(out, r.TimelinessTables()...)
}

// Period writes the report's period as people read it: "1 April 2025 to
// 31 March 2026".
func (r *Report) Period() string {
	switch {
	case r.From.IsZero() && r.To.IsZero():
		return "period not given"
	case r.From == r.To:
		return r.From.Long()
	}
	return orDash(r.From.Long()) + " to " + orDash(r.To.Long())
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// dateCell is a date, long for people and YYYY-MM-DD for machines.
func dateCell(d Date) ReportCell {
	return ReportCell{Kind: CellText, Text: orDash(d.Long()), Value: d.String()}
}

// AboutTable is what the report covers: the period, the as-of date, the
// meetings and the marking.
func (r *Report) AboutTable() ReportTable {
	caption := "Strategy meetings and discussions held " + r.Period() + " (UK dates); actions as of " + orDash(r.AsOf.Long()) + "."
	if note := r.ToDate(); note != "" {
		caption += " The figures are " + note + ": the period has not ended."
	}
	return ReportTable{
		Key: "report", Title: ReportTextTitle, Caption: caption,
		Columns: []ReportColumn{{"from", "From", false}, {"to", "To", false}, {"as_of", "As of", false},
			{"meetings", "Meetings", false}, {"marking", "Marking", false}},
		Rows: []ReportRow{{Cells: []ReportCell{dateCell(r.From), dateCell(r.To), dateCell(r.AsOf), countCell(r.Meetings), textCell(Marking)}}},
	}
}

// stateColumns are the columns of a table of meetings by agency state: the
// code and label, attended, information only, absent, the extra columns,
// and the attended share.
func stateColumns(code, label string, extra ...ReportColumn) []ReportColumn {
	cols := []ReportColumn{codeColumn(code), labelColumn(label), {Key: "attended", Label: "Attended"},
		{Key: "information_only", Label: StateLabel(StateInformationOnly)}, {Key: "absent", Label: "Absent"}}
	return append(append(cols, extra...), ReportColumn{Key: "attendance_rate", Label: "Attended %"})
}

// AgenciesTable is how each agency took part in the period's meetings.
func (r *Report) AgenciesTable() ReportTable {
	t := ReportTable{
		Key: "agencies", Title: "Agencies",
		Caption: "Meetings each agency attended, sent information to only, was absent from (apologies, did not attend) or was not invited to. " +
			"Statutory partners in bold.",
		Columns: stateColumns("agency", "Agency", ReportColumn{Key: "not_invited", Label: StateLabel(StateNotInvited)}),
	}
	for _, a := range r.Agencies {
		row := codeRow(string(a.Agency), a.Agency.Label(), countCell(a.Attended), countCell(a.InformationOnly), countCell(a.Absent),
			countCell(a.NotInvited), rateCell(a.AttendanceRate, r.Meetings))
		if slices.Contains(StatutoryPartners, a.Agency) {
			row = row.strong()
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// HealthTable is how each health service took part in the period's
// meetings, by every state, beside health as a whole.
func (r *Report) HealthTable() ReportTable {
	health := r.Agency(AgencyHealth)
	t := ReportTable{
		Key: "health_services", Title: "Health services",
		Caption: "Meetings each health service attended, sent information to only, or was absent from (apologies, did not attend). " +
			"A meeting counts once for each service, so the services can add up to more than health's.",
		Columns: stateColumns("service", "Service"),
		Rows: []ReportRow{codeRow(string(AgencyHealth), "Health, any service", countCell(health.Attended), countCell(health.InformationOnly),
			countCell(health.Absent), shareCell(health.Attended, r.Meetings)).total()},
	}
	for _, s := range r.HealthServices {
		t.Rows = append(t.Rows, codeRow(string(s.Service), ServiceLabel(AgencyHealth, s.Service), countCell(s.Attended),
			countCell(s.InformationOnly), countCell(s.Absent), shareCell(s.Attended, r.Meetings)))
	}
	t.Rows = append(t.Rows, codeRow("not_recorded", "Attended with no service recorded", countCell(r.HealthServiceNotRecorded), none, none,
		shareCell(r.HealthServiceNotRecorded, r.Meetings)))
	return t
}

// StatutoryTable is the meetings each statutory partner did not attend.
func (r *Report) StatutoryTable() ReportTable {
	ms := r.MissingStatutory
	t := ReportTable{
		Key: "missing_statutory", Title: "Statutory partners not attending",
		Caption: "Information sent with apologies, apologies, did not attend and not invited all count as not attending. " +
			"A meeting missing two partners counts under both.",
		Columns: []ReportColumn{codeColumn("partner"), labelColumn("Partner"), {Key: "meetings", Label: "Meetings not attended"},
			{Key: "rate", Label: "% of meetings"}},
	}
	for _, p := range ms.ByAgency {
		t.Rows = append(t.Rows, codeRow(string(p.Code), p.Code.Label(), countCell(p.Count), shareCell(p.Count, r.Meetings)))
	}
	t.Rows = append(t.Rows, codeRow("any", "Any statutory partner", countCell(ms.Count), rateCell(ms.Rate, r.Meetings)).total())
	return t
}

// MissingMeetingsTable lists the meetings missing a statutory partner, by
// id and reference: the text leaves it out, the PDF and the screen list
// them their own way.
func (r *Report) MissingMeetingsTable() ReportTable {
	ms := r.MissingStatutory
	t := ReportTable{
		Key: "missing_statutory_meetings", Title: "Meetings missing a statutory partner",
		Caption: "The meetings at which children's social care, police or health did not attend, in the order held.",
		Columns: []ReportColumn{{Key: "meeting", Label: "Meeting id"}, {Key: "reference", Label: "Reference"}},
	}
	for i, id := range ms.Meetings {
		t.Rows = append(t.Rows, ReportRow{Cells: []ReportCell{textCell(id), textCell(ms.Reference(i))}})
	}
	return t
}

// ConsentTable is the meetings by how consent was handled.
func (r *Report) ConsentTable() ReportTable {
	c, n := r.Consent, r.Meetings
	row := func(code, label string, count int) ReportRow {
		return codeRow(code, label, countCell(count), shareCell(count, n))
	}
	return ReportTable{
		Key: "consent", Title: "Consent",
		Caption: "Meetings by how consent for checks and information sharing was handled. No consent record: legacy records.",
		Columns: []ReportColumn{codeColumn("consent"), labelColumn("Consent"), {Key: "meetings", Label: "Meetings"}, {Key: "rate", Label: "% of meetings"}},
		Rows: []ReportRow{
			row(string(ConsentGiven), ConsentGiven.Label(), c.Given),
			row(string(ConsentRefused), ConsentRefused.Label(), c.Refused),
			row(string(ConsentOverridden), ConsentOverridden.Label(), c.Overridden),
			row(string(ConsentNotSought), ConsentNotSought.Label(), c.NotSought),
			row("not_recorded", "No consent record", c.NotRecorded),
			codeRow("without_consent", "Without consent (overridden or not sought)", countCell(c.WithoutConsent),
				rateCell(c.WithoutConsentRate, n)).total(),
			row("without_consent_no_reason", "of which no reason recorded", c.WithoutConsentNoReason).part(),
			row("parents_views_not_recorded", "Parents' views not recorded", c.ParentsViewsNotRecorded),
		},
	}
}

// OutcomesTable is the meetings deciding each outcome.
func (r *Report) OutcomesTable() ReportTable {
	t := ReportTable{
		Key: "outcomes", Title: "Outcomes",
		Caption: "Meetings deciding each outcome: a meeting counts once for each outcome it decided, whatever the number of children.",
		Columns: []ReportColumn{codeColumn("outcome"), labelColumn("Outcome"), {Key: "meetings", Label: "Meetings"}, {Key: "rate", Label: "% of meetings"}},
	}
	for _, o := range r.Outcomes {
		t.Rows = append(t.Rows, codeRow(string(o.Code), o.Code.Label(), countCell(o.Count), shareCell(o.Count, r.Meetings)))
	}
	t.Rows = append(t.Rows, codeRow("section47", "Any section 47 enquiry (joint or single-agency)", countCell(r.Section47),
		rateCell(r.Section47Rate, r.Meetings)).total())
	return t
}

// ActionsTable is the actions agreed at the period's meetings.
func (r *Report) ActionsTable() ReportTable {
	a := r.Actions
	overdue := "Overdue (not completed, due before the as-of date)"
	if !r.AsOf.IsZero() {
		overdue = "Overdue at " + r.AsOf.Long() + " (due before it, not completed)"
	}
	row := func(code, label string, n int) ReportRow {
		return codeRow(code, label, countCell(n), shareCell(n, a.Total))
	}
	return ReportTable{
		Key: "actions", Title: "Actions",
		Caption: "Every action agreed at the period's meetings, wherever its due date falls.",
		Columns: []ReportColumn{codeColumn("actions"), labelColumn("Actions"), {Key: "number", Label: "Number"}, {Key: "rate", Label: "% of actions"}},
		Rows: []ReportRow{
			codeRow("total", "Agreed", countCell(a.Total), none).total(),
			row("no_due_date", "No due date", a.NoDueDate),
			row("overdue", overdue, a.Overdue),
			row("completed_late", "Completed late", a.CompletedLate),
		},
	}
}

// ShortAgency names an agency briefly, for a column or a chart's line.
func ShortAgency(a Agency) string {
	if a == AgencySocialCare {
		return "Social care"
	}
	return a.Label()
}

// MonthlyTable is the period month by month.
func (r *Report) MonthlyTable() ReportTable {
	t := ReportTable{
		Key: "monthly", Title: "Month by month",
		Caption: "Meetings held each month, the meetings each agency attended, and the meetings missing a statutory partner.",
		Columns: []ReportColumn{{Key: "month", Label: "Month"}, {Key: "meetings", Label: "Meetings"}},
	}
	for _, a := range MonthlyAgencies {
		t.Columns = append(t.Columns, ReportColumn{Key: string(a), Label: ShortAgency(a)})
	}
	t.Columns = append(t.Columns, ReportColumn{Key: "missing_statutory", Label: "Missing a statutory partner"})
	for _, m := range r.Monthly {
		cells := []ReportCell{{Kind: CellText, Text: MonthLabel(m.Month), Value: m.Month}, countCell(m.Meetings)}
		for _, a := range MonthlyAgencies {
			cells = append(cells, countCell(m.Attended.Get(a)))
		}
		t.Rows = append(t.Rows, ReportRow{Cells: append(cells, countCell(m.MissingStatutory))})
	}
	return t
}

// TimelinessTables are the tables of the report's timeliness and repeat
// meetings (docs/report.md).
func (r *Report) TimelinessTables() []ReportTable {
	rt, ic, rp := r.Timeliness.ReferralToMeeting, r.Timeliness.ICPC, r.Repeats
	median := ReportCell{Text: "—"}
	if rt.Recorded > 0 {
		median = ReportCell{Kind: CellNumber, Text: strconv.FormatFloat(rt.MedianWorkingDays, 'f', 1, 64), Number: rt.MedianWorkingDays}
	}
	overdue := "Overdue (due before the as-of date, none recorded)"
	if !r.AsOf.IsZero() {
		overdue = "Overdue at " + r.AsOf.Long() + " (due before it, none recorded)"
	}
	n := countCell
	of := func(base int) func(code, label string, count int) ReportRow {
		return func(code, label string, count int) ReportRow {
			return codeRow(code, label, n(count), shareCell(count, base))
		}
	}
	recorded, due, children := of(rt.Recorded), of(ic.Due), of(rp.Children)
	columns := func(label, share string) []ReportColumn {
		return []ReportColumn{codeColumn("measure"), labelColumn(label), {Key: "meetings", Label: "Meetings"}, {Key: "rate", Label: share}}
	}
	return []ReportTable{
		{
			Key: "referral_to_meeting", Title: "Referral to meeting",
			Caption: "Working days from the referral's date to the meeting's (Monday to Friday except bank holidays in England and Wales).",
			Columns: columns("Referral to meeting", "% of those recorded"),
			Rows: []ReportRow{
				codeRow("recorded", "Referral time recorded", n(rt.Recorded), none).total(),
				recorded("same_or_next_working_day", "Same or next working day", rt.SameOrNextWorkingDay),
				recorded("over_5_working_days", "More than 5 working days", rt.Over5WorkingDays),
				codeRow("median_working_days", "Median, in working days", median, none),
				codeRow("not_recorded", "Referral time not recorded", n(rt.NotRecorded), none),
			},
		},
		{
			Key: "icpc", Title: "Initial child protection conferences",
			Caption: fmt.Sprintf("Meetings with a section 47 decision, whose initial conference is due within %d working days, "+
				"by what is recorded of it as a follow-up.", ICPCWorkingDays),
			Columns: columns("Initial conference", "% of those due"),
			Rows: []ReportRow{
				codeRow("due", "Due (a section 47 decision)", n(ic.Due), none).total(),
				due("held_in_time", "Held in time", ic.HeldInTime),
				due("held_late", "Held late", ic.HeldLate),
				due("not_needed", "Not needed (reason recorded)", ic.NotNeeded),
				due("overdue", overdue, ic.Overdue),
				due("pending", "Not yet due, none recorded", ic.Pending),
			},
		},
		{
			Key: "repeat_meetings", Title: "Children discussed more than once",
			Caption: "Children of the period's meetings, known across meetings by case reference only; " +
				"a child entered without one is never taken to be another meeting's.",
			Columns: []ReportColumn{codeColumn("measure"), labelColumn("Children"), {Key: "children", Label: "Number"}, {Key: "rate", Label: "% of children"}},
			Rows: []ReportRow{
				codeRow("children", "Children (case references)", n(rp.Children), none).total(),
				children("more_than_one", "At two or more of the period's meetings", rp.MoreThanOne),
				children("three_or_more", "At three or more", rp.ThreeOrMore),
				codeRow("no_case_reference", "Entered without a case reference (not linked)", n(rp.NoCaseReference), none),
			},
		},
	}
}

// A Headline is one of the report's headline figures: a caption, the
// figure, a line of detail. An Alert figure is a finding to drive to zero.
type Headline struct {
	Key    string
	Label  string
	Value  ReportCell
	Detail string
	Alert  bool
	// Previous is the figure of the previous period and the change, when
	// the report is compared (Report.Previous); Report.Compared says it.
	Previous *FigureChange
}

// Headlines are the report's headline figures, the same on screen, in the
// PDF and in the text, each with the previous period's when compared.
func (r *Report) Headlines() []Headline {
	hs := r.headlines()
	if r.Previous != nil {
		for i, p := range r.Previous.headlines() {
			if i < len(hs) && hs[i].Key == p.Key {
				c := compare(hs[i].Value, p.Value)
				hs[i].Previous = &c
			}
		}
	}
	return hs
}

// headlines are the headline figures of the report alone.
func (r *Report) headlines() []Headline {
	c, a, ms := r.Consent, r.Actions, r.MissingStatutory
	health, police := r.Agency(AgencyHealth), r.Agency(AgencyPolice)
	of := func(n int) string {
		if r.Meetings <= 0 {
			return "no meetings in the period"
		}
		return Count(n) + " of " + Plural(r.Meetings, "meeting")
	}
	noReason := Count(c.WithoutConsentNoReason) + " of those " + Plural(c.WithoutConsent, "meeting")
	if c.WithoutConsent <= 0 {
		noReason = "no meetings without consent"
	}
	overdue := "no actions agreed"
	if a.Total > 0 {
		overdue = Share(a.Overdue, a.Total) + " of " + Plural(a.Total, "action")
	}
	if !r.AsOf.IsZero() {
		overdue += ", as of " + r.AsOf.Long()
	}
	hs := []Headline{
		{Key: "meetings", Label: "Meetings", Value: countCell(r.Meetings), Detail: "held in the period"},
		{Key: "missing_statutory", Label: "Missing a statutory partner", Value: rateCell(ms.Rate, r.Meetings), Detail: of(ms.Count)},
		{Key: "health_attended", Label: "Health attended", Value: rateCell(health.AttendanceRate, r.Meetings), Detail: of(health.Attended)},
		{Key: "police_attended", Label: "Police attended", Value: rateCell(police.AttendanceRate, r.Meetings), Detail: of(police.Attended)},
		{Key: "without_consent", Label: "Shared without consent", Value: rateCell(c.WithoutConsentRate, r.Meetings),
			Detail: of(c.WithoutConsent) + ": overridden or not sought"},
		{Key: "without_consent_no_reason", Label: "Without consent, no reason recorded", Value: rateCell(c.NoReasonRate, c.WithoutConsent),
			Detail: noReason, Alert: c.WithoutConsentNoReason > 0},
		{Key: "parents_views_not_recorded", Label: "Parents' views not recorded", Value: shareCell(c.ParentsViewsNotRecorded, r.Meetings),
			Detail: of(c.ParentsViewsNotRecorded)},
		{Key: "section47", Label: "Section 47 enquiry decided", Value: rateCell(r.Section47Rate, r.Meetings), Detail: of(r.Section47)},
		{Key: "overdue_actions", Label: "Overdue actions", Value: countCell(a.Overdue), Detail: overdue},
	}
	return hs
}

// HeadlineTable is the headline figures as a table, for the machine
// renderings: people see them as figures of their own.
func (r *Report) HeadlineTable() ReportTable {
	t := ReportTable{
		Key: "headline", Title: "Headline figures",
		Caption: "The figures on the first page of the board paper and at the top of the Reports view.",
		Columns: []ReportColumn{codeColumn("figure"), labelColumn("Figure"), {Key: "value", Label: "Value"}, {Key: "detail", Label: "Detail"}},
	}
	for _, h := range r.Headlines() {
		t.Rows = append(t.Rows, codeRow(h.Key, h.Label, h.Value, textCell(h.Detail)))
	}
	return t
}

// AttendanceStates are the states the attendance chart stacks, best first.
var AttendanceStates = []AgencyState{StateAttended, StateInformationOnly, StateAbsent, StateNotInvited}

// StateLabel names an agency state in the report's charts.
func StateLabel(s AgencyState) string {
	switch s {
	case StateAttended:
		return "Attended"
	case StateInformationOnly:
		return "Information sent only"
	case StateAbsent:
		return "Absent (apologies, did not attend)"
	case StateNotInvited:
		return "Not invited"
	}
	return string(s)
}

// A ChartBar is one agency's bar of the attendance chart: its meetings in
// each of AttendanceStates, and the attended share written after it.
type ChartBar struct {
	Label  string
	Strong bool // a statutory partner
	Values []int
	Note   string
}

// AttendanceChart is the bars of the attendance chart, one per agency.
func (r *Report) AttendanceChart() []ChartBar {
	bars := make([]ChartBar, len(r.Agencies))
	for i, a := range r.Agencies {
		bars[i] = ChartBar{
			Label:  a.Agency.Label(),
			Strong: slices.Contains(StatutoryPartners, a.Agency),
			Values: []int{a.Attended, a.InformationOnly, a.Absent, a.NotInvited},
			Note:   rateCell(a.AttendanceRate, r.Meetings).Text,
		}
	}
	return bars
}

// A ChartSeries is one agency's line of the monthly chart: the share of
// each month's meetings it attended, NaN for a month without meetings.
type ChartSeries struct {
	Agency Agency
	Name   string
	Values []float64
}

// An RGB is a colour, 8 bits a channel.
type RGB struct{ R, G, B uint8 }

// A Paint is a chart colour on paper or a light screen, and on a dark
// screen. An Outline paint is drawn as an outline on the background, so
// that it differs in form as well as colour.
type Paint struct {
	Light, Dark RGB
	Outline     bool
}

// StatePaints are the colours of the agency states in every chart, from
// the Okabe-Ito palette, which stays distinguishable with the common
// colour-vision deficiencies; information only much lighter than attended,
// so that they differ in grey too.
var StatePaints = map[AgencyState]Paint{
	StateAttended:        {Light: RGB{0x00, 0x72, 0xb2}, Dark: RGB{0x3d, 0x9a, 0xd9}},
	StateInformationOnly: {Light: RGB{0x8e, 0xca, 0xee}, Dark: RGB{0x9b, 0xd3, 0xf2}},
	StateAbsent:          {Light: RGB{0xd5, 0x5e, 0x00}, Dark: RGB{0xf0, 0x83, 0x3a}},
	StateNotInvited:      {Light: RGB{0xf3, 0xf5, 0xf7}, Dark: RGB{0x2b, 0x2e, 0x33}, Outline: true},
}

// AgencyPaints are the colours of the monthly chart's lines.
var AgencyPaints = map[Agency]Paint{
	AgencySocialCare: {Light: RGB{0x00, 0x72, 0xb2}, Dark: RGB{0x56, 0xb4, 0xe9}},
	AgencyPolice:     {Light: RGB{0xd5, 0x5e, 0x00}, Dark: RGB{0xf0, 0x83, 0x3a}},
	AgencyHealth:     {Light: RGB{0x00, 0x9e, 0x73}, Dark: RGB{0x2e, 0xd3, 0xa0}},
	AgencyEducation:  {Light: RGB{0xcc, 0x79, 0xa7}, Dark: RGB{0xeb, 0xa0, 0xcb}},
}
