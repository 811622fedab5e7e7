package ui

import (
	"context"
	"fmt"
	"io"
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

	quick      []*ringButton // the period shortcuts, in the bar's order
	Compare    *widget.Check // compare with the previous period (meeting.CompareReport)
	exportCSV  *ringButton
	exportPDF  *ringButton
	exportXLSX *ringButton
	pdf        func(*meeting.Report) ([]byte, error)
	xlsx       func(io.Writer, *meeting.Report) error
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

// reportPeriod is what a report is asked for: a period, an as-of date, and
// whether to compare with the period before. A zero From or To is a date
// not (yet) typed in full.
type reportPeriod struct {
	from, to, asOf meeting.Date
	compare        bool
}

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
	v := &ReportsView{win: win, src: src, open: open, period: reportPeriod{from, to, today, true}, chooseFile: saveFileDialog(win, nil)}
	v.Status = widget.NewLabel("")
	v.Status.Truncation = fyne.TextTruncateEllipsis
	v.From = v.dateField(from, func(p *reportPeriod, d meeting.Date) { p.from = d })
	v.To = v.dateField(to, func(p *reportPeriod, d meeting.Date) { p.to = d })
	v.AsOf = v.dateField(today, func(p *reportPeriod, d meeting.Date) { p.asOf = d })
	for _, q := range quickPeriods {
		v.quick = append(v.quick, newButton(q.label, nil, func() { v.choose(q) }))
		v.quick[len(v.quick)-1].onPage = v.page
	}
	v.Compare = widget.NewCheck("Compare with the previous period", func(on bool) {
		v.mu.Lock()
		changed := v.period.compare != on
		v.period.compare = on
		v.mu.Unlock()
		if changed {
			v.Reload()
		}
	})
	v.Compare.SetChecked(true)
	v.exportCSV = newButton("Export CSV", theme.DocumentSaveIcon(), v.saveCSV)
	v.exportXLSX = newButton("Export Excel", theme.DocumentSaveIcon(), v.saveXLSX)
	v.exportPDF = newButton("Export PDF", theme.DocumentSaveIcon(), v.savePDF)
	for _, b := range v.exports() {
		b.Disable()
	}
	v.exportPDF.Hide()
	v.exportXLSX.Hide()
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
		container.NewBorder(nil, nil, nil, container.NewHBox(v.exportCSV, v.exportXLSX, v.exportPDF), heading),
		dates,
		container.NewBorder(nil, nil, container.NewHBox(quick, widget.NewSeparator(), v.Compare), nil, v.Status),
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

// SetExportXLSX shows the Export Excel button, which saves the workbook fn
// writes of the report shown (package xlsx).
func (v *ReportsView) SetExportXLSX(fn func(io.Writer, *meeting.Report) error) {
	v.xlsx = fn
	if fn == nil {
		v.exportXLSX.Hide()
		return
	}
	v.exportXLSX.Show()
}

// exports are the export buttons, enabled only while a report is shown.
func (v *ReportsView) exports() []*ringButton {
	return []*ringButton{v.exportCSV, v.exportXLSX, v.exportPDF}
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
	r, missing, err, missingErr := v.work(ctx, p)
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
			for _, b := range v.exports() {
				b.Disable()
			}
			v.body.Content = widget.NewLabel("")
			v.body.Refresh()
			return
		}
		v.show(r, missing, missingErr)
	})
}

// work works the report out, with the summaries of its meetings missing
// a statutory partner. A bug (or a database changed outside the app) that
// panics becomes an error on screen, not the end of the chair's window.
func (v *ReportsView) work(ctx context.Context, p reportPeriod) (r *meeting.Report, missing []meeting.Summary, err, missingErr error) {
	defer func() {
		if x := recover(); x != nil {
			r, missing, err = nil, nil, fmt.Errorf("internal error: %v", x)
		}
	}()
	if p.compare {
		r, err = meeting.CompareReport(ctx, v.src, p.from, p.to, p.asOf)
	} else {
		r, err = v.src.Report(ctx, p.from, p.to, p.asOf)
	}
	if err == nil {
		missing, missingErr = missingSummaries(ctx, v.src, r)
	}
	return r, missing, err, missingErr
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

// show puts a report on screen; on the UI goroutine.
func (v *ReportsView) show(r *meeting.Report, missing []meeting.Summary, missingErr error) {
	status := fmt.Sprintf("%s held %s to %s (UK dates)", meeting.Plural(r.Meetings, "meeting"), r.From.Long(), r.To.Long())
	if note := r.ToDate(); note != "" {
		status += ": " + note
	}
	if p := r.Previous; p != nil {
		status += "; compared with " + p.Period()
	}
	v.Status.SetText(status + ".")
	for _, b := range v.exports() {
		b.Enable()
	}

	v.cards = headlineCards(r)
	cards := container.NewGridWithColumns(3)
	for _, c := range v.cards {
		cards.Add(c)
	}
	v.bars = agencyChart(r)
	trend := r.Trend()
	v.lines = trendChart(trend)

	body := container.NewVBox(
		cards,
		section("Attendance by agency",
			"Each agency's part in the period's meetings. A statutory partner (children's social care, police, health) that did not attend counts as missing, whatever the reason.",
			v.bars),
		section(trend.Title(), trend.Caption(), v.lines),
	)
	tables := r.Tables()
	for i := 0; i < len(tables); i++ {
		t := tables[i]
		// Two short tables side by side, where the screen has room.
		if beside := sideBySideTables[t.Key]; i+1 < len(tables) && tables[i+1].Key == beside {
			body.Add(container.New(sideBySide{}, modelSection(t), modelSection(tables[i+1])))
			i++
		} else {
			body.Add(modelSection(t))
		}
		if t.Key == "missing_statutory" {
			body.Add(v.missingSection(r, missing, missingErr))
		}
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

// sideBySideTables pairs the tables shown side by side: the key of the
// first, and of the one after it.
var sideBySideTables = map[string]string{"consent": "outcomes", "referral_to_meeting": "icpc"}

func headlineCards(r *meeting.Report) []*statCard {
	var cards []*statCard
	for _, h := range r.Headlines() {
		cards = append(cards, newStatCard(h.Label, h.Value.Text, h.Detail, r.Compared(h), h.Alert))
	}
	return cards
}

func agencyChart(r *meeting.Report) *barChart {
	var segments []string
	var paints []meeting.Paint
	for _, s := range meeting.AttendanceStates {
		segments, paints = append(segments, meeting.StateLabel(s)), append(paints, meeting.StatePaints[s])
	}
	var rows []barRow
	for _, b := range r.AttendanceChart() {
		rows = append(rows, barRow{label: b.Label, values: b.Values, note: b.Note})
	}
	return newBarChart(segments, paints, meeting.StateLabel(meeting.StateAttended), rows)
}

// trendChart is the chart of attendance over time, at the report's step:
// months, quarters or years.
func trendChart(c meeting.TrendChart) *lineChart {
	labels, groups, counts := make([]string, len(c.Points)), make([]string, len(c.Points)), make([]int, len(c.Points))
	for i, p := range c.Points {
		labels[i], groups[i], counts[i] = p.Short, p.Group, p.Meetings
	}
	var series []lineSeries
	for _, s := range c.Series {
		series = append(series, lineSeries{name: s.Name, paint: meeting.AgencyPaints[s.Agency], values: s.Values})
	}
	return newLineChart(labels, groups, counts, series)
}

// modelSection is a table of the report's model under its title.
func modelSection(t meeting.ReportTable) fyne.CanvasObject {
	return section(t.Title, t.Caption, reportTable(t))
}

// reportTable lays out a table of the report's model, its totals in bold.
func reportTable(t meeting.ReportTable) *textTable {
	rows := make([][]string, len(t.Rows))
	var bold []int
	for i := range t.Rows {
		rows[i] = t.Texts(i)
		if t.Bold(i) {
			bold = append(bold, i)
		}
	}
	tt := newTextTable(t.Header(), rows, bold...)
	tt.key = t.Key
	return tt
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

func (v *ReportsView) saveXLSX() {
	r, write := v.Report(), v.xlsx
	if r == nil || write == nil {
		return
	}
	v.saveAs(reportFileName(r, ".xlsx"), meeting.KindReportXLSX, func(w io.Writer) error { return write(w, r) })
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
