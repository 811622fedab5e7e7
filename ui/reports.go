package ui

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// reportsToday is the clock that gives the period and the as-of date their
// defaults; tests replace it.
var reportsToday = func() meeting.Date { return meeting.UKDate(time.Now()) }

// ReportsView is the partner-participation report on screen, for the
// safeguarding partnership: a period bar, then the headline figures, the
// charts and the detail tables (docs/report.md defines every figure). The
// report is worked out off the UI goroutine; a newer period's report always
// wins over an older, slower one.
type ReportsView struct {
	win  fyne.Window
	src  meeting.Reporter
	open func(meetingID string)

	// From, To and AsOf are the period and the day actions are judged
	// overdue against; Status says what is shown, or what is wrong.
	From, To, AsOf *dateField
	Status         *widget.Label

	quick     []*ringButton // the period shortcuts, in the bar's order
	exportCSV *ringButton
	exportPDF *ringButton
	pdf       func(*meeting.Report) ([]byte, error)
	// chooseFile asks where to save an export (chooseSaveFile).
	chooseFile saveChooser
	// writeFile writes what the chair saved (App.writeFile); nil: meeting.WriteFile.
	writeFile func(path string, kind meeting.OutputKind, write func(*os.File) error) error
	body      *container.Scroll
	content   fyne.CanvasObject

	// Built by show, for tests.
	cards []*statCard
	bars  *barChart
	lines *lineChart
	// The page shown of the meetings missing a statutory partner.
	missingOpen   []*ringButton // each row's Open button
	missingPage   int
	missingPrev   *ringButton
	missingNext   *ringButton
	missingStatus *widget.Label

	mu      sync.Mutex
	period  reportPeriod
	report  *meeting.Report    // the report shown
	missing []meeting.Summary  // its meetings missing a statutory partner
	loadID  int                // the latest load; older results are dropped
	cancel  context.CancelFunc // of the load under way
	timer   *time.Timer        // of the load waiting for typing to pause
	loaded  chan struct{}      // closed when the latest load is shown or dropped
	quiet   bool               // dates being set by the view itself: no reload per entry
}

// reportPeriod is what a report is asked for. A zero From or To is a date
// not (yet) typed in full.
type reportPeriod struct{ from, to, asOf meeting.Date }

// summaryLister gives what the list of meetings missing a statutory partner
// shows beyond their ids (date, reference, type). meeting.Store has it; a
// Reporter without it gets ids only.
type summaryLister interface {
	Summaries(ctx context.Context, f meeting.Filter) ([]meeting.Summary, error)
}

// A quickPeriod is one of the period bar's shortcuts: a period worked out
// from the as-of date.
type quickPeriod struct {
	label  string
	period func(asOf meeting.Date) (from, to meeting.Date)
}

var quickPeriods = []quickPeriod{
	{"Last month", lastMonth},
	{"Last quarter", lastQuarter},
	{"This financial year", meeting.FinancialYear},
	{"Last financial year", lastFinancialYear},
}

func addDays(d meeting.Date, days int) meeting.Date {
	return meeting.DateOf(d.Time(time.UTC).AddDate(0, 0, days))
}

// lastMonth is the calendar month before d's.
func lastMonth(d meeting.Date) (from, to meeting.Date) {
	first := meeting.Date{Year: d.Year, Month: d.Month, Day: 1}
	to = addDays(first, -1)
	return meeting.Date{Year: to.Year, Month: to.Month, Day: 1}, to
}

// lastQuarter is the quarter (January to March, April to June, ...: the
// financial year's quarters too) before d's.
func lastQuarter(d meeting.Date) (from, to meeting.Date) {
	first := meeting.Date{Year: d.Year, Month: (d.Month-1)/3*3 + 1, Day: 1}
	to = addDays(first, -1)
	return meeting.Date{Year: to.Year, Month: (to.Month-1)/3*3 + 1, Day: 1}, to
}

// lastFinancialYear is the financial year before d's.
func lastFinancialYear(d meeting.Date) (from, to meeting.Date) {
	first, _ := meeting.FinancialYear(d)
	return meeting.FinancialYear(addDays(first, -1))
}

// NewReportsView builds the view of the financial year that contains
// today, as of today; Reload fills it. open is called with the id of a
// meeting picked from the list of meetings missing a statutory partner.
func NewReportsView(win fyne.Window, src meeting.Reporter, open func(meetingID string)) *ReportsView {
	today := reportsToday()
	from, to := meeting.FinancialYear(today)
	v := &ReportsView{win: win, src: src, open: open, period: reportPeriod{from, to, today}, chooseFile: saveFileDialog(win, nil)}
	v.Status = widget.NewLabel("")
	v.Status.Truncation = fyne.TextTruncateEllipsis
	v.From = v.dateField(from, func(p *reportPeriod, d meeting.Date) { p.from = d })
	v.To = v.dateField(to, func(p *reportPeriod, d meeting.Date) { p.to = d })
	v.AsOf = v.dateField(today, func(p *reportPeriod, d meeting.Date) { p.asOf = d })
	for _, q := range quickPeriods {
		v.quick = append(v.quick, newButton(q.label, nil, func() { v.choose(q) }))
		v.quick[len(v.quick)-1].onPage = v.page
	}
	v.exportCSV = newButton("Export CSV", theme.DocumentSaveIcon(), v.saveCSV)
	v.exportPDF = newButton("Export PDF", theme.DocumentSaveIcon(), v.savePDF)
	v.exportPDF.Hide()
	v.exportCSV.Disable()
	v.exportPDF.Disable()
	v.body = container.NewScroll(widget.NewLabel(""))

	heading := widget.NewLabelWithStyle("Partner participation in strategy meetings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	dateBox := func(e *dateField) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(160, e.MinSize().Height), e)
	}
	dates := container.NewHBox(widget.NewLabel("Meetings held from"), dateBox(v.From), widget.NewLabel("to"), dateBox(v.To),
		widget.NewSeparator(), widget.NewLabel("Actions overdue as of"), dateBox(v.AsOf))
	quick := container.NewHBox()
	for _, b := range v.quick {
		quick.Add(b)
	}
	bar := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(v.exportCSV, v.exportPDF), heading),
		dates,
		container.NewBorder(nil, nil, quick, nil, v.Status),
		widget.NewSeparator(),
	)
	v.content = container.NewBorder(bar, nil, nil, nil, v.body)
	v.loaded = make(chan struct{})
	close(v.loaded) // nothing to wait for before the first Reload
	return v
}

// dateField is a date entry of the period bar: a complete date changes the
// period and reloads once typing pauses.
func (v *ReportsView) dateField(value meeting.Date, set func(*reportPeriod, meeting.Date)) *dateField {
	return dateEntry(value, func(d meeting.Date) {
		v.mu.Lock()
		before := v.period
		set(&v.period, d)
		// A date shown again unchanged (the entry redrawing) is not a new period.
		quiet := v.quiet || v.period == before
		v.mu.Unlock()
		if !quiet {
			v.reloadAfter(typingDelay)
		}
	})
}

// SetExportPDF shows the Export PDF button, which saves what fn makes of the
// report shown. The PDF report is made elsewhere (package pdf).
func (v *ReportsView) SetExportPDF(fn func(r *meeting.Report) ([]byte, error)) {
	v.pdf = fn
	if fn == nil {
		v.exportPDF.Hide()
		return
	}
	v.exportPDF.Show()
}

// Content is the view, to put in the window.
func (v *ReportsView) Content() fyne.CanvasObject { return v.content }

// choose sets the period to a shortcut's and reloads once.
func (v *ReportsView) choose(q quickPeriod) {
	v.mu.Lock()
	asOf := v.period.asOf
	v.mu.Unlock()
	if asOf.IsZero() {
		asOf = reportsToday()
	}
	from, to := q.period(asOf)
	v.setPeriod(from, to)
}

// setPeriod shows and reports the period from to to.
func (v *ReportsView) setPeriod(from, to meeting.Date) {
	v.mu.Lock()
	v.quiet = true
	v.mu.Unlock()
	v.From.SetDate(from)
	v.To.SetDate(to)
	v.mu.Lock()
	v.quiet = false
	v.period.from, v.period.to = from, to
	v.mu.Unlock()
	v.Reload()
}

// typingDelay lets typing in a date pause before the report is worked out
// again, so that editing a date costs one report, not one per keystroke.
const typingDelay = 250 * time.Millisecond

// Reload works the report out for the period on screen, off the UI
// goroutine. Call it on the UI goroutine once the view is in the window,
// and whenever it is shown again (meetings may have been recorded since).
func (v *ReportsView) Reload() { v.reloadAfter(0) }

// reloadAfter starts a load after delay, replacing any load pending or
// under way: their results would be dropped anyway.
func (v *ReportsView) reloadAfter(delay time.Duration) {
	v.mu.Lock()
	if v.timer != nil && v.timer.Stop() {
		close(v.loaded) // that load will never run
	}
	v.timer = nil
	if v.cancel != nil {
		v.cancel()
		v.cancel = nil
	}
	v.loadID++
	id := v.loadID
	done := make(chan struct{})
	v.loaded = done
	p := v.period
	if problem := p.problem(); problem != "" {
		close(done)
		v.mu.Unlock()
		v.Status.SetText(problem)
		return
	}
	// Said before the load starts: under the test driver, its result is
	// shown on its own goroutine.
	v.Status.SetText("Working out the report…")
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	if delay > 0 {
		v.timer = time.AfterFunc(delay, func() { v.load(ctx, p, id, done) })
	} else {
		go v.load(ctx, p, id, done)
	}
	v.mu.Unlock()
}

// problem says what keeps the period from being reported, or "".
func (p reportPeriod) problem() string {
	switch {
	case p.from.IsZero() || p.to.IsZero() || p.asOf.IsZero():
		return "Type the dates as DD/MM/YYYY, or pick them from the calendar."
	case p.to.Before(p.from):
		return "The period ends before it starts: check the From and To dates."
	}
	return ""
}

// load works the report out and shows it on the UI goroutine, unless a
// newer load has started since.
func (v *ReportsView) load(ctx context.Context, p reportPeriod, id int, done chan struct{}) {
	defer close(done)
	r, err := v.src.Report(ctx, p.from, p.to, p.asOf)
	var missing []meeting.Summary
	var missingErr error
	if err == nil {
		missing, missingErr = missingSummaries(ctx, v.src, r)
	}
	fyne.DoAndWait(func() {
		v.mu.Lock()
		stale := id != v.loadID
		if !stale {
			v.report, v.missing = r, missing
		}
		v.mu.Unlock()
		switch {
		case stale:
			return
		case err != nil:
			// No figures rather than another period's under these dates.
			v.Status.SetText("Could not work out the report: " + err.Error())
			v.exportCSV.Disable()
			v.exportPDF.Disable()
			v.body.Content = widget.NewLabel("")
			v.body.Refresh()
			return
		}
		v.show(r, missing, missingErr)
	})
}

// missingSummaries returns, in the report's order, the summaries of the
// meetings missing a statutory partner: their ids only when src cannot
// list summaries, or for a meeting changed since the report was made.
func missingSummaries(ctx context.Context, src meeting.Reporter, r *meeting.Report) ([]meeting.Summary, error) {
	ids := r.MissingStatutory.Meetings
	out := make([]meeting.Summary, len(ids))
	for i, id := range ids {
		out[i].ID = id
	}
	lister, ok := src.(summaryLister)
	if !ok || len(ids) == 0 {
		return out, nil
	}
	// The period's summaries, one indexed query: for a year, a few
	// thousand rows at most.
	all, err := lister.Summaries(ctx, meeting.Filter{From: r.From, To: r.To})
	if err != nil {
		return out, fmt.Errorf("the meetings' dates and references: %w", err)
	}
	byID := make(map[string]meeting.Summary, len(all))
	for _, s := range all {
		byID[s.ID] = s
	}
	for i, id := range ids {
		if s, ok := byID[id]; ok {
			out[i] = s
		}
	}
	return out, nil
}

// Wait blocks until the latest load has been shown (or dropped).
func (v *ReportsView) Wait() {
	v.mu.Lock()
	done := v.loaded
	v.mu.Unlock()
	<-done
}

// Report returns the report shown, nil before the first.
func (v *ReportsView) Report() *meeting.Report {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.report
}

// percent writes a rate to one decimal place, as the report's text does.
func percent(rate float64) string { return fmt.Sprintf("%.1f%%", rate*100) }

func share(n, of int) string { return percent(meeting.Rate(n, of)) }

// show puts a report on screen; on the UI goroutine.
func (v *ReportsView) show(r *meeting.Report, missing []meeting.Summary, missingErr error) {
	status := fmt.Sprintf("%s held %s to %s (UK dates)", meeting.Plural(r.Meetings, "meeting"), r.From.Long(), r.To.Long())
	if note := r.ToDate(); note != "" {
		status += ": " + note
	}
	v.Status.SetText(status + ".")
	v.exportCSV.Enable()
	v.exportPDF.Enable()

	v.cards = headlineCards(r)
	cards := container.NewGridWithColumns(4)
	for _, c := range v.cards {
		cards.Add(c)
	}
	v.bars = agencyChart(r)
	v.lines = monthlyChart(r)

	body := container.NewVBox(
		cards,
		section("Attendance by agency",
			"Each agency's part in the period's meetings. A statutory partner (children's social care, police, health) that did not attend counts as missing, whatever the reason.",
			v.bars),
		section("Attendance month by month",
			"Share of each month's meetings attended by the statutory partners and education. Small months swing a lot: compare over quarters.",
			v.lines),
		section("Agencies", "Meetings each agency attended, sent information to only, was absent from (apologies, did not attend) or was not invited to.",
			agenciesTable(r)),
		// Health's table has a column for every state: a row of its own.
		modelSection(r.HealthTable()),
		container.New(sideBySide{},
			section("Consent for checks and information sharing", "Meetings by how consent was handled.", consentTable(r)),
			section("Actions", "Every action agreed at the period's meetings, wherever its due date falls.", actionsTable(r))),
		section("Outcomes", "Meetings deciding each outcome (a meeting counts once per outcome).", outcomesTable(r)),
		v.missingSection(r, missing, missingErr),
		section("Month by month", "Meetings held, and meetings each agency attended.", monthlyTable(r)),
	)
	for _, t := range r.TimelinessTables() {
		body.Add(modelSection(t))
	}
	// The scroll bar is drawn over the content: keep clear of it.
	v.body.Content = container.New(layout.NewCustomPaddedLayout(8, 16, 8, 20), body)
	v.body.Refresh()
}

// section is a heading, an optional line of explanation, and the content.
func section(title, about string, content fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(h)
	if about != "" {
		box.Add(hint(about))
	}
	// In line with the heading's text, which the label pads.
	inset := theme.InnerPadding()
	box.Add(container.New(layout.NewCustomPaddedLayout(0, 0, inset, 0), content))
	return box
}

func headlineCards(r *meeting.Report) []*statCard {
	c, a := r.Consent, r.Actions
	health := r.Agency(meeting.AgencyHealth)
	ms := r.MissingStatutory
	return []*statCard{
		newStatCard("Meetings", meeting.Count(r.Meetings), "held in the period", false),
		newStatCard("Missing a statutory partner", percent(ms.Rate), fmt.Sprintf("%s of %s meetings", meeting.Count(ms.Count), meeting.Count(r.Meetings)), false),
		newStatCard("Health attended", percent(health.AttendanceRate), fmt.Sprintf("%s of %s meetings", meeting.Count(health.Attended), meeting.Count(r.Meetings)), false),
		newStatCard("Shared without consent", percent(c.WithoutConsentRate), fmt.Sprintf("%s overridden or not sought", meeting.Plural(c.WithoutConsent, "meeting")), false),
		newStatCard("Without consent, no reason", meeting.Count(c.WithoutConsentNoReason),
			fmt.Sprintf("%s of those %s: each must say why", percent(c.NoReasonRate), meeting.Count(c.WithoutConsent)), c.WithoutConsentNoReason > 0),
		newStatCard("Parents' views not recorded", share(c.ParentsViewsNotRecorded, r.Meetings), meeting.Plural(c.ParentsViewsNotRecorded, "meeting"), false),
		newStatCard("Section 47 enquiry decided", percent(r.Section47Rate), meeting.Plural(r.Section47, "meeting"), false),
		newStatCard("Overdue actions", meeting.Count(a.Overdue), fmt.Sprintf("of %s (%s)", meeting.Plural(a.Total, "action"), share(a.Overdue, a.Total)), false),
	}
}

// attendanceSegments name the bar chart's segments, best first.
var attendanceSegments = []string{"Attended", "Information sent only", "Absent (apologies, did not attend)", "Not invited"}

func agencyChart(r *meeting.Report) *barChart {
	rows := make([]barRow, len(r.Agencies))
	for i, a := range r.Agencies {
		rows[i] = barRow{
			label:  a.Agency.Label(),
			values: []int{a.Attended, a.InformationOnly, a.Absent, a.NotInvited},
			note:   percent(a.AttendanceRate),
		}
	}
	return newBarChart(attendanceSegments, "Attended", rows)
}

// shortAgency names the monthly chart's lines briefly.
func shortAgency(a meeting.Agency) string {
	if a == meeting.AgencySocialCare {
		return "Social care"
	}
	return a.Label()
}

func monthlyChart(r *meeting.Report) *lineChart {
	labels := make([]string, len(r.Monthly))
	years := make([]string, len(r.Monthly))
	counts := make([]int, len(r.Monthly))
	for i, m := range r.Monthly {
		labels[i], years[i], _ = strings.Cut(meeting.MonthLabel(m.Month), " ")
		counts[i] = m.Meetings
	}
	var series []lineSeries
	for _, a := range meeting.MonthlyAgencies {
		s := lineSeries{name: shortAgency(a), values: make([]float64, len(r.Monthly))}
		for i, m := range r.Monthly {
			s.values[i] = math.NaN() // no meetings: no rate
			if m.Meetings > 0 {
				s.values[i] = meeting.Rate(m.Attended.Get(a), m.Meetings)
			}
		}
		series = append(series, s)
	}
	return newLineChart(labels, years, counts, series)
}

// modelSection is a table of the report's model under its title.
func modelSection(t meeting.ReportTable) fyne.CanvasObject {
	return section(t.Title, t.Caption, reportTable(t))
}

// reportTable lays out a table the report writes once
// (meeting.ReportTable), its totals in bold.
func reportTable(t meeting.ReportTable) *textTable {
	rows := make([][]string, len(t.Rows))
	var totals []int
	for i, r := range t.Rows {
		rows[i] = r.Cells
		if r.Total {
			totals = append(totals, i)
		}
	}
	return newTextTable(t.Header, rows, totals...)
}

func agenciesTable(r *meeting.Report) *textTable {
	var rows [][]string
	for _, a := range r.Agencies {
		rows = append(rows, []string{a.Agency.Label(), meeting.Count(a.Attended), meeting.Count(a.InformationOnly), meeting.Count(a.Absent), meeting.Count(a.NotInvited), percent(a.AttendanceRate)})
	}
	return newTextTable([]string{"Agency", "Attended", "Information only", "Absent", "Not invited", "Attended %"}, rows)
}

func consentTable(r *meeting.Report) *textTable {
	c := r.Consent
	n := r.Meetings
	return newTextTable([]string{"Consent", "Meetings", "% of meetings"}, [][]string{
		{meeting.ConsentGiven.Label(), meeting.Count(c.Given), share(c.Given, n)},
		{meeting.ConsentRefused.Label(), meeting.Count(c.Refused), share(c.Refused, n)},
		{meeting.ConsentOverridden.Label(), meeting.Count(c.Overridden), share(c.Overridden, n)},
		{meeting.ConsentNotSought.Label(), meeting.Count(c.NotSought), share(c.NotSought, n)},
		{"Not recorded", meeting.Count(c.NotRecorded), share(c.NotRecorded, n)},
		{"Without consent (overridden or not sought)", meeting.Count(c.WithoutConsent), percent(c.WithoutConsentRate)},
		{"   of which no reason recorded", meeting.Count(c.WithoutConsentNoReason), share(c.WithoutConsentNoReason, n)},
		{"Parents' views not recorded", meeting.Count(c.ParentsViewsNotRecorded), share(c.ParentsViewsNotRecorded, n)},
	}, 5)
}

func outcomesTable(r *meeting.Report) *textTable {
	var rows [][]string
	for _, o := range r.Outcomes {
		rows = append(rows, []string{o.Code.Label(), meeting.Count(o.Count), share(o.Count, r.Meetings)})
	}
	rows = append(rows, []string{"Any section 47 enquiry", meeting.Count(r.Section47), percent(r.Section47Rate)})
	return newTextTable([]string{"Outcome", "Meetings", "% of meetings"}, rows, len(rows)-1)
}

func actionsTable(r *meeting.Report) *textTable {
	a := r.Actions
	return newTextTable([]string{"Actions", "Number", "% of actions"}, [][]string{
		{"Agreed", meeting.Count(a.Total), ""},
		{"No due date", meeting.Count(a.NoDueDate), share(a.NoDueDate, a.Total)},
		{"Overdue at " + r.AsOf.Time(time.UTC).Format("02/01/2006") + ", not completed", meeting.Count(a.Overdue), share(a.Overdue, a.Total)},
		{"Completed late", meeting.Count(a.CompletedLate), share(a.CompletedLate, a.Total)},
	})
}

func monthlyTable(r *meeting.Report) *textTable {
	header := []string{"Month", "Meetings"}
	for _, a := range meeting.MonthlyAgencies {
		header = append(header, shortAgency(a))
	}
	header = append(header, "Missing a statutory partner")
	var rows [][]string
	for _, m := range r.Monthly {
		row := []string{meeting.MonthLabel(m.Month), meeting.Count(m.Meetings)}
		for _, a := range meeting.MonthlyAgencies {
			row = append(row, meeting.Count(m.Attended.Get(a)))
		}
		rows = append(rows, append(row, meeting.Count(m.MissingStatutory)))
	}
	return newTextTable(header, rows)
}

// missingColumns are the columns of the list of meetings missing a
// statutory partner. Children's names are left out: the list is for
// auditing attendance, and opening a meeting shows the rest.
var missingColumns = []struct {
	title string
	width float32
}{
	{"Held (UK)", 170}, {"Reference", 170}, {"Type", 220}, {"Statutory partners missing", 330},
}

// missingPageRows is how many meetings missing a statutory partner show at
// once: the list pages (Previous, Next) instead of scrolling inside the
// report's own scroll, which would catch the mouse wheel and hide rows.
const missingPageRows = 10

func (v *ReportsView) missingSection(r *meeting.Report, missing []meeting.Summary, lookupErr error) fyne.CanvasObject {
	title := fmt.Sprintf("Meetings missing a statutory partner (%s)", meeting.Count(len(missing)))
	v.missingOpen, v.missingPage = nil, 0
	if len(missing) == 0 {
		return section(title, "", widget.NewLabel("None: children's social care, police and health attended every meeting of the period."))
	}
	about := "Check the reason recorded in each: Open shows the meeting. The list shows " + fmt.Sprint(missingPageRows) + " at a time."
	if lookupErr != nil {
		about += " Only the ids are shown: could not load " + lookupErr.Error()
	}
	widths := make([]float32, len(missingColumns))
	header := make([]fyne.CanvasObject, len(missingColumns))
	for i, c := range missingColumns {
		widths[i] = c.width
		header[i] = widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	rows := container.NewVBox()
	v.missingStatus = widget.NewLabel("")
	v.missingPrev = newButton("Previous", theme.NavigateBackIcon(), nil)
	v.missingNext = newButton("Next", theme.NavigateNextIcon(), nil)
	v.missingPrev.onPage, v.missingNext.onPage = v.page, v.page
	show := func() {
		first := v.missingPage * missingPageRows
		last := min(first+missingPageRows, len(missing))
		rows.Objects, v.missingOpen = nil, nil
		for i := first; i < last; i++ {
			cells := make([]fyne.CanvasObject, len(missingColumns))
			for col := range missingColumns {
				l := widget.NewLabel(missingCell(missing[i], col))
				l.Truncation = fyne.TextTruncateEllipsis
				cells[col] = l
			}
			id := missing[i].ID
			open := newButton("Open", theme.FolderOpenIcon(), func() {
				if v.open != nil {
					v.open(id)
				}
			})
			open.Importance = widget.LowImportance
			open.onPage = v.page
			v.missingOpen = append(v.missingOpen, open)
			rows.Add(container.NewBorder(nil, nil, nil, open, container.New(fixedColumns(widths), cells...)))
		}
		rows.Refresh()
		v.missingStatus.SetText(fmt.Sprintf("Meetings %s to %s of %s", meeting.Count(first+1), meeting.Count(last), meeting.Count(len(missing))))
		setEnabled(v.missingPrev, first > 0)
		setEnabled(v.missingNext, last < len(missing))
	}
	v.missingPrev.OnTapped = func() { v.missingPage--; show() }
	v.missingNext.OnTapped = func() { v.missingPage++; show() }
	show()
	pager := container.NewHBox(v.missingPrev, v.missingNext, v.missingStatus)
	return section(title, about, container.NewVBox(container.New(fixedColumns(widths), header...), rows, pager))
}

func setEnabled(b *ringButton, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// fixedColumns lays objects out side by side at the given widths, the last
// taking what is left.
type fixedColumns []float32

func (c fixedColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objects {
		w := size.Width - x
		if i < len(c) && i < len(objects)-1 {
			w = c[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(max(w, 0), size.Height))
		x += w
	}
}

func (c fixedColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		w := o.MinSize().Width
		if i < len(c) {
			w = c[i]
		}
		s.Width += w
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

// page scrolls the report a screen down or up: Page Down and Page Up.
func (v *ReportsView) page(down bool) {
	step := v.body.Size().Height * 0.9
	if !down {
		step = -step
	}
	limit := max(0, v.body.Content.MinSize().Height-v.body.Size().Height)
	v.body.ScrollToOffset(fyne.NewPos(0, max(0, min(v.body.Offset.Y+step, limit))))
}

// TypedKey takes Page Down and Page Up for the report when nothing
// focused takes them.
func (v *ReportsView) TypedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyPageDown:
		v.page(true)
	case fyne.KeyPageUp:
		v.page(false)
	default:
		return false
	}
	return true
}

// missingCell is the text of one column of the list of meetings missing a
// statutory partner.
func missingCell(s meeting.Summary, col int) string {
	switch col {
	case 0:
		if s.HeldAt.IsZero() {
			return s.ID // not listed (changed since the report was made): the id, to open it
		}
		return s.HeldAt.In(meeting.UK).Format("02 Jan 2006 15:04")
	case 1:
		return s.Reference
	case 2:
		if s.Type == "" {
			return ""
		}
		return s.Type.Label()
	case 3:
		names := make([]string, len(s.MissingStatutory))
		for i, a := range s.MissingStatutory {
			names[i] = a.Label()
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// sideBySide lays its objects out in a row: in equal widths when each
// fits in its share, else each at its minimum width plus a share of what
// is left in proportion.
type sideBySide struct{}

const sideGap = 32

func (sideBySide) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) == 0 {
		return
	}
	free := size.Width - sideGap*float32(len(objects)-1)
	equal, sum := free/float32(len(objects)), float32(0)
	fits := true
	for _, o := range objects {
		w := o.MinSize().Width
		sum += w
		fits = fits && w <= equal
	}
	x := float32(0)
	for _, o := range objects {
		w := equal
		if !fits && sum > 0 {
			w = o.MinSize().Width + max(free-sum, 0)*o.MinSize().Width/sum
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + sideGap
	}
}

func (sideBySide) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		m := o.MinSize()
		s.Width += m.Width
		if i > 0 {
			s.Width += sideGap
		}
		s.Height = max(s.Height, m.Height)
	}
	return s
}

// minHeight lays its objects over each other at least h high, for a
// scrolling table inside the scrolling view.
type minHeight struct{ h float32 }

func (m minHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (m minHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, m.h)
	for _, o := range objects {
		s = s.Max(fyne.NewSize(o.MinSize().Width, 0))
	}
	return s
}

// reportFileName proposes a name for an exported report.
func reportFileName(r *meeting.Report, ext string) string {
	return fmt.Sprintf("participation-report %s to %s%s", r.From, r.To, ext)
}

func (v *ReportsView) saveCSV() {
	r := v.Report()
	if r == nil {
		return
	}
	v.saveAs(reportFileName(r, ".csv"), meeting.KindReportCSV, r.WriteCSV)
}

func (v *ReportsView) savePDF() {
	r, makePDF := v.Report(), v.pdf
	if r == nil || makePDF == nil {
		return
	}
	v.saveAs(reportFileName(r, ".pdf"), meeting.KindPDF, func(w io.Writer) error {
		b, err := makePDF(r)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
}

// saveAs asks where to save, proposing name, then writes there: owner-only,
// as the command line's are (the report lists meeting ids), and whole or
// not at all.
func (v *ReportsView) saveAs(name string, kind meeting.OutputKind, write func(io.Writer) error) {
	v.chooseFile(name, kind, func(path string) {
		writeFile := v.writeFile
		if writeFile == nil {
			writeFile = func(path string, _ meeting.OutputKind, write func(*os.File) error) error {
				return meeting.WriteFile(path, write)
			}
		}
		err := writeFile(path, kind, func(f *os.File) error { return write(f) })
		if err != nil {
			errorDialog(v.win, fmt.Errorf("could not export the report: %w", err))
		}
	})
}
