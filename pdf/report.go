package pdf

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// ReportTitle is what the participation report is called.
const ReportTitle = "Partner participation in strategy meetings"

// WriteReport writes the partner-participation report r as a PDF to w, for
// the safeguarding partnership's board: a one-page briefing (headline
// figures and key points), then the charts, then the detail tables. Only
// opt's ExportedAt and Version are used; overdue actions are as of r.AsOf.
// The same report and options always give the same bytes. Nothing is
// written to w when the document cannot be made; no figure in the report
// can make it fail.
func WriteReport(w io.Writer, r *meeting.Report, opt Options) (err error) {
	if r == nil {
		return errors.New("make report PDF: no report")
	}
	// A bug in the PDF library must not take the app down: it becomes an
	// error like any other.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("make report PDF: internal error: %v", p)
		}
	}()
	creator, exported := stamp(opt)
	period := periodText(r.From, r.To)
	// The report's own dates, never the clock: the same report, the same bytes.
	dated := r.AsOf
	if dated.IsZero() {
		dated = r.To
	}
	var day time.Time
	if !dated.IsZero() {
		day = dated.Time(time.UTC)
	}
	d, err := newDocument(docConfig{
		Title:    ReportTitle + ", " + period,
		Subject:  "Multi-agency strategy meetings: partners' attendance, consent, outcomes and actions",
		Author:   "Local safeguarding partnership",
		Creator:  creator,
		Keywords: Marking,
		Running:  ReportTitle + "  ·  " + period,
		Marking:  Marking,
		Dated:    day,
		Exported: exported,
	})
	if err != nil {
		return fmt.Errorf("make report PDF: %w", err)
	}
	rw := &reportDoc{r: r, d: d}
	rw.write()
	return d.write(w)
}

// ReportFileName proposes a file name for the report of r, such as
// "Partner participation 2025-04-01 to 2026-03-31.pdf".
func ReportFileName(r *meeting.Report) string {
	return fmt.Sprintf("Partner participation %s to %s.pdf", r.From, r.To)
}

// reportDoc lays out one report.
type reportDoc struct {
	r *meeting.Report
	d *document
}

func (rw *reportDoc) write() {
	rw.briefing()
	rw.agencyChart()
	rw.monthlyChart()
	rw.consentChart()
	rw.agencyTable()
	rw.healthTable()
	rw.statutoryTable()
	rw.consentTable()
	rw.outcomesTable()
	rw.actionsTable()
	rw.monthlyTable()
	rw.timelinessTables()
	rw.missingList()
}

// timelinessTables lays out the tables the report writes once
// (meeting.Report.TimelinessTables).
func (rw *reportDoc) timelinessTables() {
	for _, rt := range rw.r.TimelinessTables() {
		rw.modelTable(rt, 110)
	}
}

// modelTable lays out a table of the report's model as a section, its
// label column labelWidth wide.
func (rw *reportDoc) modelTable(rt meeting.ReportTable, labelWidth float64) {
	rw.d.section(rt.Title)
	t := table{
		columns: numbers(rt.Header[0], labelWidth, rt.Header[1:]...),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: rt.Caption,
	}
	for _, r := range rt.Rows {
		t.rows = append(t.rows, row{cells: textCells(r.Total, r.Cells...)})
	}
	rw.d.table(t)
}

// periodText writes a period as people in England read it: "1 April 2025
// to 31 March 2026".
func periodText(from, to meeting.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return "period not given"
	case from == to:
		return from.Long()
	}
	return orDash(from.Long()) + " to " + orDash(to.Long())
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// pct writes a rate to one decimal place, as the report's text does.
func pct(rate float64) string {
	if !finite(rate) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", rate*100)
}

// share writes n / of as pct does, or a dash when there is nothing to
// divide by: 0% of no meetings would say something untrue.
func share(n, of int) string {
	if of <= 0 {
		return "—"
	}
	return pct(meeting.Rate(n, of))
}

// rateOr writes a rate of the report, or a dash when its base is empty.
func rateOr(rate float64, of int) string {
	if of <= 0 {
		return "—"
	}
	return pct(rate)
}

// roughly writes n / of as a whole percentage for prose ("55%"), with one
// decimal where rounding would say "0%" of something or "100%" of not all.
func roughly(n, of int) string {
	if of <= 0 {
		return "—"
	}
	v := float64(n) / float64(of) * 100
	r := math.Round(v)
	if (r == 0 && n > 0) || (r == 100 && n < of) {
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(r, 'f', 0, 64) + "%"
}

// was is the verb for n things.
func was(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func has(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// lowerFirst starts a label in lower case, for the middle of a sentence.
func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "GP") || strings.HasPrefix(s, "CAMHS") || strings.HasPrefix(s, "LADO") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// parseMonth reads a month of the report ("2025-04").
func parseMonth(m string) (time.Time, bool) {
	t, err := time.Parse("2006-01", m)
	return t, err == nil && len(m) == 7
}

func (rw *reportDoc) briefing() {
	r, d := rw.r, rw.d
	sub := "Strategy meetings and discussions held " + periodText(r.From, r.To) + " (UK dates)"
	if note := r.ToDate(); note != "" {
		sub += ": " + note
	} else if !r.AsOf.IsZero() {
		sub += "\nActions as of " + r.AsOf.Long()
	}
	d.title(ReportTitle, sub)
	d.y += 1.5
	d.tiles(rw.headline(), 3)
	d.bullets("Key points", rw.keyPoints())
	d.box(boxNotice, "About these figures", aboutFigures(r))
	// The briefing is a page of its own: the charts start on the next.
	if !d.atTop() {
		d.newPage()
	}
}

func (rw *reportDoc) headline() []tile {
	r := rw.r
	c, a, ms := r.Consent, r.Actions, r.MissingStatutory
	health, police := r.Agency(meeting.AgencyHealth), r.Agency(meeting.AgencyPolice)
	of := func(n int) string {
		if r.Meetings <= 0 {
			return "no meetings in the period"
		}
		return meeting.Count(n) + " of " + meeting.Plural(r.Meetings, "meeting")
	}
	noReason := tile{label: "Without consent, no reason recorded", value: rateOr(c.NoReasonRate, c.WithoutConsent),
		detail: meeting.Count(c.WithoutConsentNoReason) + " of those " + meeting.Plural(c.WithoutConsent, "meeting"), alert: c.WithoutConsentNoReason > 0}
	if c.WithoutConsent <= 0 {
		noReason.detail = "no meetings without consent"
	}
	overdue := tile{label: "Overdue actions", value: meeting.Count(a.Overdue), detail: "no actions agreed"}
	if a.Total > 0 {
		overdue.detail = share(a.Overdue, a.Total) + " of " + meeting.Plural(a.Total, "action")
	}
	if !r.AsOf.IsZero() {
		overdue.detail += ", as of " + shortDate(r.AsOf)
	}
	return []tile{
		{label: "Meetings", value: meeting.Count(r.Meetings), detail: "held in the period"},
		{label: "Missing a statutory partner", value: rateOr(ms.Rate, r.Meetings), detail: of(ms.Count)},
		{label: "Health attended", value: rateOr(health.AttendanceRate, r.Meetings), detail: of(health.Attended)},
		{label: "Police attended", value: rateOr(police.AttendanceRate, r.Meetings), detail: of(police.Attended)},
		{label: "Shared without consent", value: rateOr(c.WithoutConsentRate, r.Meetings), detail: of(c.WithoutConsent) + ": overridden or not sought"},
		noReason,
		{label: "Parents' views not recorded", value: share(c.ParentsViewsNotRecorded, r.Meetings), detail: of(c.ParentsViewsNotRecorded)},
		{label: "Section 47 enquiry decided", value: rateOr(r.Section47Rate, r.Meetings), detail: of(r.Section47)},
		overdue,
	}
}

// keyPoints says what the figures show, in plain words and no more.
func (rw *reportDoc) keyPoints() []string {
	r := rw.r
	if r.Meetings <= 0 {
		return []string{
			"No strategy meetings were held in the period, so there are no figures to report. " +
				"If meetings were expected, check the period's dates and that every laptop's meetings have been imported.",
		}
	}
	var pts []string

	// Statutory partners, the least attended first.
	partners := make([]meeting.AgencyCount, 0, len(meeting.StatutoryPartners))
	for _, a := range meeting.StatutoryPartners {
		partners = append(partners, r.Agency(a))
	}
	slices.SortStableFunc(partners, func(a, b meeting.AgencyCount) int { return a.Attended - b.Attended })
	ms := r.MissingStatutory
	if ms.Count == 0 {
		pts = append(pts, "Children's social care, police and health attended every meeting.")
	} else {
		s := fmt.Sprintf("At least one statutory partner did not attend %s of meetings (%s of %s).",
			roughly(ms.Count, r.Meetings), meeting.Count(ms.Count), meeting.Count(r.Meetings))
		low := partners[0]
		s += fmt.Sprintf(" %s attended %s of meetings", low.Agency.Label(), roughly(low.Attended, r.Meetings))
		var others []string
		for _, p := range partners[1:] {
			others = append(others, roughly(p.Attended, r.Meetings)+" for "+lowerFirst(p.Agency.Label()))
		}
		s += ", against " + strings.Join(others, " and ") + "."
		pts = append(pts, s)
	}

	c := r.Consent
	switch {
	case c.WithoutConsent == 0:
		pts = append(pts, "No meeting recorded consent as overridden or not sought.")
	case c.WithoutConsentNoReason == 0:
		pts = append(pts, fmt.Sprintf("Information was shared without consent (overridden or not sought) in %s of meetings (%s); every one of these decisions has a reason recorded.",
			roughly(c.WithoutConsent, r.Meetings), meeting.Count(c.WithoutConsent)))
	default:
		s := fmt.Sprintf("Information was shared without consent (overridden or not sought) in %s of meetings (%s). ",
			roughly(c.WithoutConsent, r.Meetings), meeting.Count(c.WithoutConsent))
		if c.WithoutConsent == 1 {
			s += "That decision has no reason recorded."
		} else {
			s += fmt.Sprintf("%s of these decisions (%s) have no reason recorded.",
				roughly(c.WithoutConsentNoReason, c.WithoutConsent), meeting.Count(c.WithoutConsentNoReason))
		}
		pts = append(pts, s)
	}
	if c.ParentsViewsNotRecorded == 0 {
		pts = append(pts, "Parents' views are recorded for every meeting.")
	} else {
		pts = append(pts, fmt.Sprintf("Parents' views are not recorded for %s of meetings (%s of %s).",
			roughly(c.ParentsViewsNotRecorded, r.Meetings), meeting.Count(c.ParentsViewsNotRecorded), meeting.Count(r.Meetings)))
	}

	a := r.Actions
	switch {
	case a.Total == 0:
		pts = append(pts, "No actions are recorded for the period's meetings.")
	case a.Overdue == 0 && a.NoDueDate == 0:
		pts = append(pts, fmt.Sprintf("No action was overdue as of %s, and every action has a due date.", r.AsOf.Long()))
	default:
		s := fmt.Sprintf("%s of %s (%s) %s overdue as of %s", meeting.Count(a.Overdue), meeting.Plural(a.Total, "action"),
			roughly(a.Overdue, a.Total), was(a.Overdue), r.AsOf.Long())
		if r.AsOf.IsZero() {
			s = fmt.Sprintf("%s of %s (%s) %s overdue", meeting.Count(a.Overdue), meeting.Plural(a.Total, "action"), roughly(a.Overdue, a.Total), was(a.Overdue))
		}
		if a.NoDueDate > 0 {
			s += fmt.Sprintf("; %s (%s) %s no due date", meeting.Count(a.NoDueDate), roughly(a.NoDueDate, a.Total), has(a.NoDueDate))
		}
		pts = append(pts, s+".")
	}

	// The initial conferences the period's section 47 decisions called for.
	if ic := r.Timeliness.ICPC; ic.Due > 0 {
		s := fmt.Sprintf("%s of %s needed an initial conference within %d working days: ",
			meeting.Count(ic.Due), meeting.Plural(r.Meetings, "meeting"), meeting.ICPCWorkingDays)
		if ic.HeldInTime+ic.HeldLate == 0 {
			s += "none is recorded as held"
		} else {
			s += fmt.Sprintf("%s held in time (%s), %s late", meeting.Count(ic.HeldInTime), roughly(ic.HeldInTime, ic.Due), meeting.Count(ic.HeldLate))
		}
		if ic.NotNeeded > 0 {
			s += fmt.Sprintf(", %s not needed", meeting.Count(ic.NotNeeded))
		}
		if ic.Overdue > 0 {
			s += fmt.Sprintf(", %s overdue with none recorded", meeting.Count(ic.Overdue))
		}
		pts = append(pts, s+".")
	}
	return pts
}

// aboutFigures is the briefing's note on what the figures count.
func aboutFigures(r *meeting.Report) string {
	asOf := "the report's as-of date"
	if !r.AsOf.IsZero() {
		asOf = r.AsOf.Long()
	}
	return "Meetings are counted by the UK date they were held. Children's social care, police and health are the statutory partners " +
		"(Working Together to Safeguard Children 2023): a partner counts as missing from a meeting unless someone from it attended, " +
		"so information sent with apologies, apologies, did not attend and not invited all count as missing. " +
		"Shared without consent means consent was overridden or not sought. An action is overdue when it was due before " + asOf +
		" and is not recorded as completed. Percentages are of the period's meetings unless stated. " +
		"The figures are only as complete as the records, draft minutes included."
}

// attendanceLegend names and paints the agency chart's segments, best first.
var attendanceLegend = []legendItem{
	{name: "Attended", paint: paint{colAttended, fillSolid}},
	{name: "Information sent only", paint: paint{colInfoOnly, fillSolid}},
	{name: "Absent (apologies, did not attend)", paint: paint{colAbsent, fillHatched}},
	{name: "Not invited", paint: paint{colNotInvited, fillOutline}},
}

// noMeetings stands for a chart when there is nothing to draw.
const noMeetings = "No meetings were held in the period: there is nothing to chart."

func (rw *reportDoc) agencyChart() {
	r, d := rw.r, rw.d
	d.section("Attendance by agency")
	if r.Meetings <= 0 {
		d.paragraph(noMeetings, noteStyle)
		return
	}
	rows := make([]stackedRow, len(r.Agencies))
	for i, a := range r.Agencies {
		rows[i] = stackedRow{
			label:  a.Agency.Label(),
			strong: slices.Contains(meeting.StatutoryPartners, a.Agency),
			values: []int{a.Attended, a.InformationOnly, a.Absent, a.NotInvited},
			note:   pct(a.AttendanceRate),
		}
	}
	d.figure("How each agency took part in the period's "+meeting.Plural(r.Meetings, "meeting")+". Statutory partners are in bold; "+
		"the figure at the end of each bar is the share of meetings the agency attended.",
		d.stackedBars(attendanceLegend, "Attended", rows))
}

// monthlyStyles tell the monthly chart's lines apart in colour, dash and
// marker, one per meeting.MonthlyAgencies.
var monthlyStyles = map[meeting.Agency]lineStyle{
	meeting.AgencySocialCare: {colSocialCare, nil, markCircle},
	meeting.AgencyPolice:     {colPolice, []float64{2.4, 1.3}, markSquare},
	meeting.AgencyHealth:     {colHealth, []float64{0.01, 1.15}, markTriangle},
	meeting.AgencyEducation:  {colEducation, []float64{3.2, 1.1, 0.01, 1.1}, markDiamond},
}

func shortAgency(a meeting.Agency) string {
	if a == meeting.AgencySocialCare {
		return "Social care"
	}
	return a.Label()
}

func (rw *reportDoc) monthlyChart() {
	r, d := rw.r, rw.d
	d.section("Attendance month by month")
	if r.Meetings <= 0 {
		d.paragraph(noMeetings, noteStyle)
		return
	}
	months := make([]string, len(r.Monthly))
	counts := make([]int, len(r.Monthly))
	for i, m := range r.Monthly {
		months[i], counts[i] = m.Month, m.Meetings
	}
	var ss []series
	for k, a := range meeting.MonthlyAgencies {
		st, ok := monthlyStyles[a]
		if !ok {
			st = lineStyle{colMuted, nil, markerKind(k % 4)}
		}
		s := series{name: shortAgency(a), style: st, values: make([]float64, len(r.Monthly))}
		for i, m := range r.Monthly {
			s.values[i] = math.NaN() // no meetings: no rate, a gap
			if m.Meetings > 0 {
				s.values[i] = meeting.Rate(m.Attended.Get(a), m.Meetings)
			}
		}
		ss = append(ss, s)
	}
	d.figure("The share of each month's meetings attended by children's social care, police, health and education. "+
		"Months without meetings are gaps. Small months swing a lot: compare over quarters or the year.",
		d.lineChart(months, counts, ss))
}

func (rw *reportDoc) consentChart() {
	r, d := rw.r, rw.d
	c := r.Consent
	d.section("Consent for checks and information sharing")
	if r.Meetings <= 0 {
		d.paragraph(noMeetings, noteStyle)
		return
	}
	sought := paint{colAttended, fillSolid}
	without := paint{colAbsent, fillHatched}
	none := paint{colNotInvited, fillOutline}
	note := func(n int) string { return meeting.Count(n) + " (" + share(n, r.Meetings) + ")" }
	rows := []barRow{
		{meeting.ConsentGiven.Label(), c.Given, note(c.Given), sought},
		{meeting.ConsentRefused.Label(), c.Refused, note(c.Refused), sought},
		{meeting.ConsentOverridden.Label(), c.Overridden, note(c.Overridden), without},
		{meeting.ConsentNotSought.Label(), c.NotSought, note(c.NotSought), without},
		{"No consent record", c.NotRecorded, note(c.NotRecorded), none},
	}
	caption := "Meetings by how consent was handled (each meeting counts once)."
	if c.WithoutConsent > 0 {
		caption += fmt.Sprintf(" Of the %s without consent, %s (%s) %s no reason recorded.",
			meeting.Plural(c.WithoutConsent, "meeting"), meeting.Count(c.WithoutConsentNoReason), pct(c.NoReasonRate), has(c.WithoutConsentNoReason))
	}
	d.figure(caption, d.bars(rows, []legendItem{
		{name: "Consent sought", paint: sought},
		{name: "Shared without consent", paint: without},
		{name: "Not recorded", paint: none},
	}))
}

// totalStyle picks out a table's total and the statutory partners.
var totalStyle = tableStyle.bold()

// numbers returns a table's columns: a first column for labels, then
// right-aligned columns for figures.
func numbers(first string, firstWidth float64, titles ...string) []column {
	cols := []column{{title: first, width: firstWidth}}
	for _, t := range titles {
		cols = append(cols, column{title: t, align: "R"})
	}
	return cols
}

func textCells(strong bool, s ...string) []cell {
	cs := make([]cell, len(s))
	for i, v := range s {
		cs[i] = cell{text: v}
		if strong {
			cs[i].style = &totalStyle
		}
	}
	return cs
}

func (rw *reportDoc) agencyTable() {
	r, d := rw.r, rw.d
	d.section("Agencies")
	t := table{
		columns: numbers("Agency", 52, "Attended", "Information sent only", "Absent", "Not invited", "Attended %"),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: "Meetings each agency attended, sent information to only, was absent from (apologies, did not attend) or was not invited to. Statutory partners in bold.",
		empty:   "No agencies are in the report.",
	}
	for _, a := range r.Agencies {
		t.rows = append(t.rows, row{cells: textCells(slices.Contains(meeting.StatutoryPartners, a.Agency),
			a.Agency.Label(), meeting.Count(a.Attended), meeting.Count(a.InformationOnly), meeting.Count(a.Absent), meeting.Count(a.NotInvited),
			rateOr(a.AttendanceRate, r.Meetings))})
	}
	d.table(t)
}

func (rw *reportDoc) healthTable() { rw.modelTable(rw.r.HealthTable(), 62) }

func (rw *reportDoc) statutoryTable() {
	r, d := rw.r, rw.d
	ms := r.MissingStatutory
	d.section("Statutory partners not attending")
	t := table{
		columns: numbers("Partner", 90, "Meetings not attended", "% of meetings"),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: "Information sent with apologies, apologies, did not attend and not invited all count as not attending. " +
			"A meeting missing two partners counts under both.",
	}
	for _, p := range ms.ByAgency {
		t.rows = append(t.rows, row{cells: textCells(false, p.Code.Label(), meeting.Count(p.Count), share(p.Count, r.Meetings))})
	}
	t.rows = append(t.rows, row{cells: textCells(true, "Any statutory partner", meeting.Count(ms.Count), rateOr(ms.Rate, r.Meetings))})
	d.table(t)
}

func (rw *reportDoc) consentTable() {
	r, d := rw.r, rw.d
	c, n := r.Consent, r.Meetings
	d.section("Consent")
	noReason := "   of which no reason recorded"
	if c.WithoutConsent > 0 {
		noReason += " (" + pct(c.NoReasonRate) + " of those)"
	}
	t := table{
		columns: numbers("Consent", 110, "Meetings", "% of meetings"),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: "Meetings by how consent for checks and information sharing was handled. No consent record: legacy records.",
		rows: []row{
			{cells: textCells(false, meeting.ConsentGiven.Label(), meeting.Count(c.Given), share(c.Given, n))},
			{cells: textCells(false, meeting.ConsentRefused.Label(), meeting.Count(c.Refused), share(c.Refused, n))},
			{cells: textCells(false, meeting.ConsentOverridden.Label(), meeting.Count(c.Overridden), share(c.Overridden, n))},
			{cells: textCells(false, meeting.ConsentNotSought.Label(), meeting.Count(c.NotSought), share(c.NotSought, n))},
			{cells: textCells(false, "No consent record", meeting.Count(c.NotRecorded), share(c.NotRecorded, n))},
			{cells: textCells(true, "Without consent (overridden or not sought)", meeting.Count(c.WithoutConsent), rateOr(c.WithoutConsentRate, n))},
			{cells: textCells(false, noReason, meeting.Count(c.WithoutConsentNoReason), share(c.WithoutConsentNoReason, n))},
			{cells: textCells(true, "Parents' views not recorded", meeting.Count(c.ParentsViewsNotRecorded), share(c.ParentsViewsNotRecorded, n))},
		},
	}
	d.table(t)
}

func (rw *reportDoc) outcomesTable() {
	r, d := rw.r, rw.d
	d.section("Outcomes")
	t := table{
		columns: numbers("Outcome", 110, "Meetings", "% of meetings"),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: "Meetings deciding each outcome: a meeting counts once for each outcome it decided, whatever the number of children.",
	}
	for _, o := range r.Outcomes {
		t.rows = append(t.rows, row{cells: textCells(false, o.Code.Label(), meeting.Count(o.Count), share(o.Count, r.Meetings))})
	}
	t.rows = append(t.rows, row{cells: textCells(true, "Any section 47 enquiry (joint or single-agency)", meeting.Count(r.Section47), rateOr(r.Section47Rate, r.Meetings))})
	d.table(t)
}

func (rw *reportDoc) actionsTable() {
	r, d := rw.r, rw.d
	a := r.Actions
	d.section("Actions")
	overdue := "Overdue (not completed, due before the as-of date)"
	if !r.AsOf.IsZero() {
		overdue = "Overdue at " + r.AsOf.Long() + " (due before it, not completed)"
	}
	t := table{
		columns: numbers("Actions", 110, "Number", "% of actions"),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: "Every action agreed at the period's meetings, wherever its due date falls.",
		rows: []row{
			{cells: textCells(true, "Agreed", meeting.Count(a.Total), "")},
			{cells: textCells(false, "No due date", meeting.Count(a.NoDueDate), share(a.NoDueDate, a.Total))},
			{cells: textCells(false, overdue, meeting.Count(a.Overdue), share(a.Overdue, a.Total))},
			{cells: textCells(false, "Completed late", meeting.Count(a.CompletedLate), share(a.CompletedLate, a.Total))},
		},
	}
	d.table(t)
}

func (rw *reportDoc) monthlyTable() {
	r, d := rw.r, rw.d
	d.section("Month by month")
	titles := []string{"Meetings"}
	for _, a := range meeting.MonthlyAgencies {
		titles = append(titles, shortAgency(a))
	}
	titles = append(titles, "Missing a statutory partner")
	t := table{
		columns: numbers("Month", 26, titles...),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: "Meetings held each month, the meetings each agency attended, and the meetings missing a statutory partner.",
		empty:   "The period has no months.",
	}
	for _, m := range r.Monthly {
		cells := []string{meeting.MonthLabel(m.Month), meeting.Count(m.Meetings)}
		for _, a := range meeting.MonthlyAgencies {
			cells = append(cells, meeting.Count(m.Attended.Get(a)))
		}
		t.rows = append(t.rows, row{cells: textCells(false, append(cells, meeting.Count(m.MissingStatutory))...)})
	}
	d.table(t)
}

// missingListMost is how many meetings missing a statutory partner the
// board paper lists, about a page: the rest are counted, and listed in the
// CSV and JSON.
const missingListMost = 300

// missingList lists the meetings missing a statutory partner by reference
// (by id where one has none), in as many columns as they fit: references
// and ids only, so the report carries no personal data.
func (rw *reportDoc) missingList() {
	r, d := rw.r, rw.d
	ms := r.MissingStatutory
	d.section("Meetings missing a statutory partner")
	switch {
	case r.Meetings <= 0:
		d.paragraph("No meetings were held in the period.", noteStyle)
		return
	case len(ms.Meetings) == 0:
		d.paragraph("None: children's social care, police and health attended every meeting of the period.", noteStyle)
		return
	}
	names := make([]string, min(len(ms.Meetings), missingListMost))
	for i := range names {
		names[i] = cmp.Or(strings.TrimSpace(ms.Reference(i)), ms.Meetings[i])
	}
	st := tableStyle
	st.size = 7.5
	// Columns as wide as nearly every name: the odd long one wraps in its
	// cell rather than leave every other a column to itself.
	widths := make([]float64, len(names))
	for i, name := range names {
		widths[i] = d.textWidth(name, st)
	}
	slices.Sort(widths)
	widest := widths[(len(widths)-1)*95/100]
	cols := int(contentWidth / (widest + 2*cellPadX + 1))
	cols = max(1, min(cols, 8))
	t := table{style: st, rules: true}
	for range cols {
		t.columns = append(t.columns, column{})
	}
	for i := 0; i < len(names); i += cols {
		var cs []cell
		for _, name := range names[i:min(i+cols, len(names))] {
			cs = append(cs, cell{text: name})
		}
		t.rows = append(t.rows, row{cells: cs})
	}
	t.caption = fmt.Sprintf("The %s at which children's social care, police or health did not attend, by reference, in the order held (read across). "+
		"Open each in Strategy Minutes to check the reason recorded.", meeting.Plural(len(ms.Meetings), "meeting"))
	if rest := len(ms.Meetings) - len(names); rest > 0 {
		t.caption = fmt.Sprintf("The first %s of the %s at which children's social care, police or health did not attend, by reference, in the order held (read across); "+
			"%s more are in the report's CSV and JSON. Open each in Strategy Minutes to check the reason recorded.",
			meeting.Count(len(names)), meeting.Plural(len(ms.Meetings), "meeting"), meeting.Count(rest))
	}
	d.table(t)
}
