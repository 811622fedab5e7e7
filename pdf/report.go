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
	period := r.Period()
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
	rw.trendChart()
	rw.consentChart()
	for _, t := range rw.r.Tables() {
		rw.modelTable(t)
	}
	rw.missingList()
}

// labelWidths are the widths of the label column of the tables whose
// figures need more room than the default's leaves, in millimetres.
var labelWidths = map[string]float64{"agencies": 52, "health_services": 62, "monthly": 26, "missing_statutory": 90,
	"quarterly": 30, "yearly": 30}

// modelTable lays out a table of the report's model as a section.
func (rw *reportDoc) modelTable(rt meeting.ReportTable) {
	rw.d.section(rt.Title)
	header := rt.Header()
	width, ok := labelWidths[rt.Key]
	if !ok {
		width = 110
	}
	t := table{
		columns: numbers(header[0], width, header[1:]...),
		header:  true, rules: true, style: tableStyle, whole: true,
		caption: rt.Caption,
		empty:   "Nothing to show for the period.",
	}
	for i := range rt.Rows {
		r := row{cells: textCells(rt.Bold(i), rt.Texts(i)...)}
		if rt.Rows[i].Part {
			r.indent = 4 // wrapping drops the text's leading spaces
		}
		t.rows = append(t.rows, r)
	}
	rw.d.table(t)
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
	sub := "Strategy meetings and discussions held " + r.Period() + " (UK dates)"
	if note := r.ToDate(); note != "" {
		sub += ": " + note
	} else if !r.AsOf.IsZero() {
		sub += "\nActions as of " + r.AsOf.Long()
	}
	d.title(ReportTitle, sub)
	d.y += 1.5
	d.tiles(rw.headline(), 3)
	d.bullets("Key points", rw.keyPoints())
	first := d.pdf.PageNo()
	d.box(boxNotice, "About these figures", aboutFigures(r))
	// The briefing is a page of its own: the charts start on the next,
	// unless the note about the figures went there already (long key
	// points, or figures compared with the previous period's).
	if !d.atTop() && d.pdf.PageNo() == first {
		d.newPage()
	}
}

// headline is the report's headline figures as tiles.
func (rw *reportDoc) headline() []tile {
	var ts []tile
	for _, h := range rw.r.Headlines() {
		ts = append(ts, tile{label: h.Label, value: h.Value.Text, detail: h.Detail, alert: h.Alert, was: rw.r.Compared(h)})
	}
	return ts
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

// statePaint is how the charts paint an agency state: the report's colour,
// absent hatched and not invited outlined, so that they differ in form as
// well as colour when printed in grey.
func statePaint(s meeting.AgencyState) paint {
	p := paint{pdfColour(meeting.StatePaints[s].Light), fillSolid}
	switch {
	case s == meeting.StateAbsent:
		p.kind = fillHatched
	case meeting.StatePaints[s].Outline:
		p.kind = fillOutline
	}
	return p
}

func pdfColour(c meeting.RGB) rgb { return rgb{int(c.R), int(c.G), int(c.B)} }

// attendanceLegend names and paints the agency chart's segments, best first.
func attendanceLegend() []legendItem {
	var items []legendItem
	for _, s := range meeting.AttendanceStates {
		items = append(items, legendItem{name: meeting.StateLabel(s), paint: statePaint(s)})
	}
	return items
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
	var rows []stackedRow
	for _, b := range r.AttendanceChart() {
		rows = append(rows, stackedRow{label: b.Label, strong: b.Strong, values: b.Values, note: b.Note})
	}
	d.figure("How each agency took part in the period's "+meeting.Plural(r.Meetings, "meeting")+". Statutory partners are in bold; "+
		"the figure at the end of each bar is the share of meetings the agency attended.",
		d.stackedBars(attendanceLegend(), meeting.StateLabel(meeting.StateAttended), rows))
}

// monthlyDashes tell the monthly chart's lines apart in dash and marker as
// well as colour, one per meeting.MonthlyAgencies.
var monthlyDashes = map[meeting.Agency]lineStyle{
	meeting.AgencySocialCare: {dash: nil, marker: markCircle},
	meeting.AgencyPolice:     {dash: []float64{2.4, 1.3}, marker: markSquare},
	meeting.AgencyHealth:     {dash: []float64{0.01, 1.15}, marker: markTriangle},
	meeting.AgencyEducation:  {dash: []float64{3.2, 1.1, 0.01, 1.1}, marker: markDiamond},
}

// trendChart is attendance over time, at the report's step: months,
// quarters or years.
func (rw *reportDoc) trendChart() {
	r, d := rw.r, rw.d
	c := r.Trend()
	d.section(c.Title())
	if r.Meetings <= 0 {
		d.paragraph(noMeetings, noteStyle)
		return
	}
	var ss []series
	for k, m := range c.Series {
		st, ok := monthlyDashes[m.Agency]
		if !ok {
			st = lineStyle{dash: nil, marker: markerKind(k % 4)}
		}
		st.color = colMuted
		if p, ok := meeting.AgencyPaints[m.Agency]; ok {
			st.color = pdfColour(p.Light)
		}
		ss = append(ss, series{name: m.Name, style: st, values: m.Values})
	}
	d.figure(c.Caption(), d.lineChart(trendAxis(c), ss))
}

func (rw *reportDoc) consentChart() {
	r, d := rw.r, rw.d
	c := r.Consent
	d.section("Consent for checks and information sharing")
	if r.Meetings <= 0 {
		d.paragraph(noMeetings, noteStyle)
		return
	}
	sought, without, none := statePaint(meeting.StateAttended), statePaint(meeting.StateAbsent), statePaint(meeting.StateNotInvited)
	note := func(n int) string { return meeting.Count(n) + " (" + meeting.Share(n, r.Meetings) + ")" }
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
			meeting.Plural(c.WithoutConsent, "meeting"), meeting.Count(c.WithoutConsentNoReason), meeting.Percent(c.NoReasonRate), has(c.WithoutConsentNoReason))
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
			"%s more are in the report's CSV, workbook and JSON. Open each in Strategy Minutes to check the reason recorded.",
			meeting.Count(len(names)), meeting.Plural(len(ms.Meetings), "meeting"), meeting.Count(rest))
	}
	d.table(t)
}
