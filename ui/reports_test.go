package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/storage"
)

func day(s string) meeting.Date {
	d, err := meeting.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// openDemoDB is a database of n invented meetings, ending on demo.AsOf.
func openDemoDB(t *testing.T, n int) *storage.DB {
	t.Helper()
	db := openEmptyDB(t)
	ms := demo.Generate(n, 7)
	_, err := db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
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
	return db
}

// fixToday makes the view's today d for the test.
func fixToday(t *testing.T, d meeting.Date) {
	t.Helper()
	old := reportsToday
	reportsToday = func() meeting.Date { return d }
	t.Cleanup(func() { reportsToday = old })
}

// newReportsView shows a reports view on src in a test window and waits for
// its first report.
func newReportsView(t *testing.T, src meeting.Reporter, open func(string)) (*ReportsView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	v := NewReportsView(w, src, open)
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(1180, 760))
	v.Reload()
	v.Wait()
	return v, w
}

func wantReport(t *testing.T, db *storage.DB, from, to, asOf meeting.Date) *meeting.Report {
	t.Helper()
	// The view compares with the previous period unless told not to.
	r, err := meeting.CompareReport(context.Background(), db, from, to, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func entryDate(e *dateField) meeting.Date { return e.Date() }

// card returns the value shown on the headline card with the caption.
func card(t *testing.T, v *ReportsView, caption string) string {
	t.Helper()
	for _, c := range v.cards {
		if c.caption == caption {
			return c.value
		}
	}
	t.Fatalf("no headline card %q", caption)
	return ""
}

func TestReportsViewDefaultsToTheFinancialYear(t *testing.T) {
	db := openDemoDB(t, 1500)
	v, _ := newReportsView(t, db, nil)
	today := meeting.UKDate(time.Now())
	from, to := meeting.FinancialYear(today)
	if got := (reportPeriod{entryDate(v.From), entryDate(v.To), entryDate(v.AsOf), v.Compare.Checked}); got != (reportPeriod{from, to, today, true}) {
		t.Errorf("period on screen %+v, want %s to %s as of %s", got, from, to, today)
	}
	want := wantReport(t, db, from, to, today)
	if got := v.Report(); !reflect.DeepEqual(got, want) {
		t.Errorf("report shown:\n%+v\nwant\n%+v", got, want)
	}
	if got := card(t, v, "Meetings"); got != meeting.Count(want.Meetings) {
		t.Errorf("meetings card %q, want %d", got, want.Meetings)
	}
	if !strings.Contains(v.Status.Text, from.Long()+" to "+to.Long()) {
		t.Errorf("status %q", v.Status.Text)
	}
	if toDate := strings.Contains(v.Status.Text, "year to date, as of "+today.Long()); toDate != today.Before(to) {
		t.Errorf("status %q: says year to date %v, as of %s", v.Status.Text, toDate, today)
	}
}

func TestReportsViewQuickChoices(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)
	asOf := day("2026-05-20")
	tests := []struct {
		button   string
		from, to string
	}{
		{"Last month", "2026-04-01", "2026-04-30"},
		{"Last quarter", "2026-01-01", "2026-03-31"},
		{"Last financial year", "2025-04-01", "2026-03-31"},
		{"This financial year", "2026-04-01", "2027-03-31"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		var b *ringButton
		for _, q := range v.quick {
			if q.Text == tt.button {
				b = q
			}
		}
		if b == nil {
			t.Fatalf("no %q button", tt.button)
		}
		test.Tap(b)
		v.Wait()
		from, to := day(tt.from), day(tt.to)
		if entryDate(v.From) != from || entryDate(v.To) != to {
			t.Errorf("%s: entries show %s to %s, want %s to %s", tt.button, entryDate(v.From), entryDate(v.To), from, to)
		}
		want := wantReport(t, db, from, to, asOf)
		if got := v.Report(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the report shown is not the store's for %s to %s", tt.button, from, to)
		}
		for caption, value := range map[string]string{
			"Meetings":                    meeting.Count(want.Meetings),
			"Missing a statutory partner": meeting.Percent(want.MissingStatutory.Rate),
			"Section 47 enquiry decided":  meeting.Percent(want.Section47Rate),
			"Overdue actions":             meeting.Count(want.Actions.Overdue),
		} {
			if got := card(t, v, caption); got != value {
				t.Errorf("%s: %s card %q, want %q", tt.button, caption, got, value)
			}
		}
		seen[card(t, v, "Meetings")] = true
	}
	if len(seen) < 3 {
		t.Errorf("the periods show the same figures: %v", seen)
	}
}

func TestQuickPeriods(t *testing.T) {
	tests := []struct {
		asOf string
		fn   func(meeting.Date) (meeting.Date, meeting.Date)
		want [2]string
	}{
		{"2026-05-20", lastMonth, [2]string{"2026-04-01", "2026-04-30"}},
		{"2026-01-31", lastMonth, [2]string{"2025-12-01", "2025-12-31"}},
		{"2024-03-01", lastMonth, [2]string{"2024-02-01", "2024-02-29"}},
		{"2026-05-20", lastQuarter, [2]string{"2026-01-01", "2026-03-31"}},
		{"2026-03-31", lastQuarter, [2]string{"2025-10-01", "2025-12-31"}},
		{"2026-01-01", lastQuarter, [2]string{"2025-10-01", "2025-12-31"}},
		{"2026-12-31", lastQuarter, [2]string{"2026-07-01", "2026-09-30"}},
		{"2026-04-01", lastFinancialYear, [2]string{"2025-04-01", "2026-03-31"}},
		{"2026-03-31", lastFinancialYear, [2]string{"2024-04-01", "2025-03-31"}},
	}
	for _, tt := range tests {
		from, to := tt.fn(day(tt.asOf))
		if got := [2]string{from.String(), to.String()}; got != tt.want {
			t.Errorf("as of %s: %v, want %v", tt.asOf, got, tt.want)
		}
	}
}

func TestReportsViewTypedPeriod(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)

	v.To.SetText("")
	v.Wait()
	if !strings.Contains(v.Status.Text, "DD/MM/YYYY") {
		t.Errorf("status %q for a missing date", v.Status.Text)
	}
	v.To.SetText("31/03/2025") // before From: 1 April 2026
	v.Wait()
	if !strings.Contains(v.Status.Text, "ends before it starts") {
		t.Errorf("status %q for a reversed period", v.Status.Text)
	}
	v.From.SetText("01/04/2024")
	v.Wait()
	want := wantReport(t, db, day("2024-04-01"), day("2025-03-31"), day("2026-05-20"))
	if got := v.Report(); !reflect.DeepEqual(got, want) {
		t.Errorf("typed period: report for %s to %s shown", got.From, got.To)
	}
	v.AsOf.SetText("01/05/2025")
	v.Wait()
	if got := v.Report(); got.AsOf != day("2025-05-01") || got.From != day("2024-04-01") {
		t.Errorf("as of changed: report %s to %s as of %s", got.From, got.To, got.AsOf)
	}
}

func TestReportsViewOpensAMeetingMissingAPartner(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	var opened []string
	v, _ := newReportsView(t, db, func(id string) { opened = append(opened, id) })
	r := v.Report()
	if len(r.MissingStatutory.Meetings) < 2 || len(v.missingOpen) < 2 {
		t.Fatalf("%d meetings missing a partner; %d rows shown", len(r.MissingStatutory.Meetings), len(v.missingOpen))
	}
	// The rows show each meeting's date and reference, in the report's order.
	for _, row := range []int{0, len(r.MissingStatutory.Meetings) - 1} {
		id := r.MissingStatutory.Meetings[row]
		m, err := db.Meeting(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		wantCells := []string{m.HeldAt.In(meeting.UK).Format("02 Jan 2006 15:04"), m.Reference, m.Type.Label()}
		for col, want := range wantCells {
			if got := missingCell(v.missing[row], col); got != want {
				t.Errorf("row %d column %d: %q, want %q", row, col, got, want)
			}
		}
		if got := missingCell(v.missing[row], 3); got == "" {
			t.Errorf("row %d: no partner named as missing", row)
		}
	}
	test.Tap(v.missingOpen[1])
	if want := r.MissingStatutory.Meetings[1]; !reflect.DeepEqual(opened, []string{want}) {
		t.Errorf("opened %v, want %s", opened, want)
	}
}

// onlyReporter is a Reporter without summaries: the list shows ids.
type onlyReporter struct{ meeting.Reporter }

func TestReportsViewListsIDsWithoutSummaries(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	var opened string
	v, _ := newReportsView(t, onlyReporter{db}, func(id string) { opened = id })
	id := v.Report().MissingStatutory.Meetings[0]
	if got := missingCell(v.missing[0], 0); got != id {
		t.Errorf("first cell %q, want the id %s", got, id)
	}
	test.Tap(v.missingOpen[0])
	if opened != id {
		t.Errorf("opened %q, want %s", opened, id)
	}
}

// saveTo makes the view save its exports to path instead of asking.
func saveTo(t *testing.T, v *ReportsView, path string) (proposed *string) {
	t.Helper()
	proposed = new(string)
	v.chooseFile = func(name string, _ meeting.OutputKind, save func(string)) {
		*proposed = name
		save(path)
	}
	return proposed
}

func TestReportsViewExportsCSV(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)
	path := filepath.Join(t.TempDir(), "report.csv")
	proposed := saveTo(t, v, path)
	test.Tap(v.exportCSV)

	if want := "participation-report 2026-04-01 to 2027-03-31.csv"; *proposed != want {
		t.Errorf("proposed %q, want %q", *proposed, want)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := wantReport(t, db, day("2026-04-01"), day("2027-03-31"), day("2026-05-20")).WriteCSV(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("exported CSV differs from meeting.Report.WriteCSV:\n%s", got)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("exported file mode %v, %v: want owner-only", info.Mode(), err)
	}
}

func TestReportsViewExportPDFOnlyWhenSet(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)
	if v.exportPDF.Visible() {
		t.Error("Export PDF shown without a PDF maker")
	}
	var given *meeting.Report
	v.SetExportPDF(func(r *meeting.Report) ([]byte, error) {
		given = r
		return []byte("%PDF-1.7 test"), nil
	})
	if !v.exportPDF.Visible() {
		t.Fatal("Export PDF hidden with a PDF maker")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	proposed := saveTo(t, v, path)
	test.Tap(v.exportPDF)
	if given != v.Report() || *proposed != "participation-report 2026-04-01 to 2027-03-31.pdf" {
		t.Errorf("PDF made of %p (shown %p), proposed %q", given, v.Report(), *proposed)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "%PDF-1.7 test" {
		t.Errorf("saved %q, %v", b, err)
	}
}

// The main window's Reports view saves the workbook of the report shown,
// compared with the year before, one sheet per table.
func TestReportsViewExportsExcel(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	u := newApp(t, db)
	u.ShowReports()
	v := u.Reports
	v.Wait()
	if !v.exportXLSX.Visible() || v.exportXLSX.Disabled() {
		t.Fatal("Export Excel hidden or disabled with a report shown")
	}
	path := filepath.Join(t.TempDir(), "report.xlsx")
	proposed := saveTo(t, v, path)
	test.Tap(v.exportXLSX)
	if *proposed != "participation-report 2026-04-01 to 2027-03-31.xlsx" {
		t.Errorf("proposed %q", *proposed)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the saved workbook: %v", err)
	}
	defer f.Close()
	r := v.Report()
	var want []string
	for _, tb := range r.DataTables() {
		want = append(want, tb.Key)
	}
	if got := f.GetSheetList(); !slices.Equal(got, want) || !slices.Contains(got, "comparison") || !slices.Contains(got, "quarterly") {
		t.Errorf("sheets %v, want %v with the comparison and the quarters", got, want)
	}
	// The comparison sheet's first figure is this year's meetings beside last year's.
	rows, err := f.GetRows("comparison")
	if err != nil || len(rows) < 2 {
		t.Fatalf("comparison sheet: %v %v", rows, err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("saved workbook mode %v, %v: want owner-only", info.Mode(), err)
	}
}

// Compare with the previous period is on by default; turning it off shows
// the report alone, without the previous figures under the cards.
func TestReportsViewCompares(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)
	r := v.Report()
	if !v.Compare.Checked || r.Previous == nil || r.Previous.From != day("2025-04-01") || r.Previous.To != day("2025-05-20") {
		t.Fatalf("compare %v, previous %+v: want the last year's first 50 days", v.Compare.Checked, r.Previous)
	}
	if !strings.Contains(v.Status.Text, "compared with 1 April 2025 to 20 May 2025") {
		t.Errorf("status %q", v.Status.Text)
	}
	for i, h := range r.Headlines() {
		if v.cards[i].was == "" || v.cards[i].was != r.Compared(h) {
			t.Errorf("card %s says %q, want %q", h.Key, v.cards[i].was, r.Compared(h))
		}
	}
	test.Tap(v.Compare)
	v.Wait()
	if r := v.Report(); v.Compare.Checked || r.Previous != nil {
		t.Fatalf("compare %v, previous %v after turning it off", v.Compare.Checked, r.Previous)
	}
	for _, c := range v.cards {
		if c.was != "" {
			t.Errorf("card %s still compares: %q", c.caption, c.was)
		}
	}
	if got, want := v.Report(), wantReportAlone(t, db, day("2026-04-01"), day("2027-03-31"), day("2026-05-20")); !reflect.DeepEqual(got, want) {
		t.Error("the report alone differs from the database's")
	}
}

func wantReportAlone(t *testing.T, db *storage.DB, from, to, asOf meeting.Date) *meeting.Report {
	t.Helper()
	r, err := db.Report(context.Background(), from, to, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReportsViewBarChart(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)
	r := v.Report()
	c := v.bars
	if len(c.rows) != len(meeting.Agencies.Codes()) {
		t.Fatalf("%d bars, want one per agency (%d)", len(c.rows), len(meeting.Agencies.Codes()))
	}
	size := fyne.NewSize(900, c.MinSize().Height)
	g := c.geometry(size)
	for i, a := range r.Agencies {
		row := c.rows[i]
		if row.label != a.Agency.Label() || !reflect.DeepEqual(row.values, []int{a.Attended, a.InformationOnly, a.Absent, a.NotInvited}) {
			t.Errorf("bar %d: %+v, want %s %+v", i, row, a.Agency.Label(), a)
		}
		var sum float32
		for j, span := range g.bars[i] {
			want := g.barW * float32(row.values[j]) / float32(r.Meetings)
			if math.Abs(float64(span.W-want)) > 0.01 {
				t.Errorf("%s segment %d: width %.2f, want %.2f", row.label, j, span.W, want)
			}
			sum += span.W
		}
		if math.Abs(float64(sum-g.barW)) > 0.01 {
			t.Errorf("%s: segments add up to %.2f, want the bar's %.2f", row.label, sum, g.barW)
		}
	}
	// What is drawn: a rectangle per segment with a count, plus the legend's four.
	c.Resize(size)
	rects := 0
	for _, o := range test.WidgetRenderer(c).Objects() {
		if _, ok := o.(*canvas.Rectangle); ok {
			rects++
		}
	}
	want := len(meeting.AttendanceStates)
	for _, row := range c.rows {
		for _, n := range row.values {
			if n > 0 {
				want++
			}
		}
	}
	if rects != want {
		t.Errorf("%d rectangles drawn, want %d", rects, want)
	}
}

func TestReportsViewLineChart(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, _ := newReportsView(t, db, nil)
	test.Tap(v.quick[3]) // last financial year: meetings in every month
	v.Wait()
	r := v.Report()
	c := v.lines
	if len(c.series) != len(meeting.MonthlyAgencies) {
		t.Fatalf("%d series, want %d", len(c.series), len(meeting.MonthlyAgencies))
	}
	if len(c.labels) != 12 || c.labels[0] != "Apr" || c.groups[0] != "2025" || c.labels[11] != "Mar" || c.groups[11] != "2026" {
		t.Errorf("months %v %v", c.labels, c.groups)
	}
	g := c.geometry(fyne.NewSize(900, 320))
	for i, a := range meeting.MonthlyAgencies {
		s := c.series[i]
		if s.name != meeting.ShortAgency(a) || len(s.values) != len(r.Monthly) || len(g.points[i]) != len(r.Monthly) {
			t.Fatalf("series %d: %s with %d values, want %s with %d", i, s.name, len(s.values), meeting.ShortAgency(a), len(r.Monthly))
		}
		for m, month := range r.Monthly {
			want := meeting.Rate(month.Attended.Get(a), month.Meetings)
			if s.values[m] != want {
				t.Errorf("%s %s: %v, want %v", s.name, month.Month, s.values[m], want)
			}
			wantY := g.plotY + g.plotH*float32(1-want)
			if p := g.points[i][m]; math.Abs(float64(p.Y-wantY)) > 0.01 {
				t.Errorf("%s %s: point at y %.2f, want %.2f", s.name, month.Month, p.Y, wantY)
			}
		}
	}
	// A month without meetings has no point, not a 0%.
	v.setPeriod(day("2026-10-01"), day("2026-11-30"))
	v.Wait()
	for _, s := range v.lines.series {
		if math.IsNaN(s.values[0]) || !math.IsNaN(s.values[1]) {
			t.Errorf("%s: %v, want October's rate and no November", s.name, s.values)
		}
	}
}

// slowReporter holds its first report until released, to test that a
// newer period's report wins.
// slowReporter holds back the report of one period until released, as a
// slow database would. It picks the period, not the first call: the two
// loads' goroutines may call in either order.
type slowReporter struct {
	db      *storage.DB
	slow    meeting.Date // the from date of the period held back
	release chan struct{}
}

func (s *slowReporter) Report(ctx context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
	if from == s.slow {
		<-s.release
	}
	return s.db.Report(context.Background(), from, to, asOf)
}

func TestReportsViewDropsStaleReports(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	src := &slowReporter{db: db, slow: day("2026-04-01"), release: make(chan struct{})} // this financial year
	v := NewReportsView(w, src, nil)
	w.SetContent(v.Content())
	v.Reload()
	first := v.loaded
	v.setPeriod(day("2025-04-01"), day("2026-03-31"))
	v.Wait()
	close(src.release)
	<-first
	if got := v.Report(); got == nil || got.From != day("2025-04-01") {
		t.Errorf("shown: %+v, want the newer period's report", got)
	}
}

type failingReporter struct{}

func (failingReporter) Report(context.Context, meeting.Date, meeting.Date, meeting.Date) (*meeting.Report, error) {
	return nil, errors.New("database is locked")
}

// panickingReporter panics, as a bug in working out a report would.
type panickingReporter struct{}

func (panickingReporter) Report(context.Context, meeting.Date, meeting.Date, meeting.Date) (*meeting.Report, error) {
	var counts []uint8
	counts[3]++ // index out of range
	return nil, nil
}

// A report that panics is an error on screen; the window goes on.
func TestReportsViewSurvivesAPanic(t *testing.T) {
	v, _ := newReportsView(t, panickingReporter{}, nil)
	if !strings.Contains(v.Status.Text, "Could not work out the report: internal error") || v.Report() != nil {
		t.Errorf("status %q", v.Status.Text)
	}
	for _, b := range v.exports() {
		if !b.Disabled() {
			t.Errorf("%s enabled with no report", b.Text)
		}
	}
}

func TestReportsViewSaysWhyItFailed(t *testing.T) {
	v, _ := newReportsView(t, failingReporter{}, nil)
	if !strings.Contains(v.Status.Text, "Could not work out the report: database is locked") || v.Report() != nil {
		t.Errorf("status %q", v.Status.Text)
	}
	if !v.exportCSV.Disabled() {
		t.Error("Export CSV enabled with no report")
	}
}

// Every control is reachable with Tab.
func TestReportsViewKeyboard(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, w := newReportsView(t, db, nil)
	v.SetExportPDF(func(*meeting.Report) ([]byte, error) { return nil, nil })
	v.SetExportXLSX(func(io.Writer, *meeting.Report) error { return nil })
	reached := map[fyne.Focusable]bool{}
	for range 200 {
		test.FocusNext(w.Canvas())
		if f := w.Canvas().Focused(); f != nil {
			reached[f] = true
		}
	}
	want := map[string]fyne.Focusable{"From": v.From, "To": v.To, "As of": v.AsOf, "Export CSV": v.exportCSV,
		"Export PDF": v.exportPDF, "Export Excel": v.exportXLSX, "Compare": v.Compare, "a missing meeting's Open": v.missingOpen[0], "Next": v.missingNext}
	for _, b := range v.quick {
		want[b.Text] = b
	}
	for name, f := range want {
		if !reached[f] {
			t.Errorf("Tab never reaches %s", name)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1432: "1,432", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := meeting.Count(n); got != want {
			t.Errorf("meeting.Count(%d) = %q, want %q", n, got, want)
		}
	}
}

// The report is a view of the main window: View > Participation report.
func TestReportsFromTheMainWindow(t *testing.T) {
	db := openExampleDB(t)
	u := newApp(t, db)
	u.ShowReports()
	u.Reports.Wait()
	if u.Reports.Report() == nil {
		t.Fatal("no report shown")
	}
	u.ShowList()
	u.List.Wait()
	if u.Editor != nil {
		t.Error("an editor is open")
	}
}

// The long list of meetings missing a partner pages, and Page Down and
// Page Up scroll the report, from its buttons or with nothing focused.
func TestReportsPageAndScroll(t *testing.T) {
	db := openDemoDB(t, 1500)
	fixToday(t, day("2026-05-20"))
	v, w := newReportsView(t, db, nil)
	w.Resize(fyne.NewSize(1180, 600))
	n := len(v.Report().MissingStatutory.Meetings)
	if n <= missingPageRows {
		t.Fatalf("only %d meetings missing a partner: too few to page", n)
	}
	if len(v.missingOpen) != missingPageRows || !v.missingPrev.Disabled() || v.missingNext.Disabled() {
		t.Fatalf("first page: %d rows, previous disabled %v, next disabled %v", len(v.missingOpen), v.missingPrev.Disabled(), v.missingNext.Disabled())
	}
	test.Tap(v.missingNext)
	if got := missingCell(v.missing[missingPageRows], 0); !strings.Contains(v.missingStatus.Text, "11 to") || got == "" {
		t.Errorf("second page says %q", v.missingStatus.Text)
	}
	before := v.body.Offset.Y
	v.missingNext.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if v.body.Offset.Y <= before {
		t.Errorf("Page Down on a button left the report at %v", v.body.Offset.Y)
	}
	down := v.body.Offset.Y
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	if v.body.Offset.Y >= down {
		t.Errorf("Page Up left the report at %v", v.body.Offset.Y)
	}
}

// Every table of the report's model is on screen, found by its key, row for
// row as the model has them, its totals in bold.
func TestReportsViewShowsTheReportsTables(t *testing.T) {
	db := openDemoDB(t, 1500)
	v, w := newReportsView(t, db, nil)
	// Every table fits the window's width: none is cut off at the right.
	if need, have := v.body.Content.MinSize().Width, w.Canvas().Size().Width; need > have {
		t.Errorf("the report needs %.0f px across, the window has %.0f", need, have)
	}
	tables := screenTables(v)
	if v.Report().Timeliness.ICPC.Due == 0 {
		t.Fatal("the demo year has no conference due")
	}
	for _, want := range v.Report().Tables() {
		got := tables[want.Key]
		if got == nil {
			t.Errorf("table %q is not on screen", want.Key)
			continue
		}
		if !reflect.DeepEqual(got.header, want.Header()) || len(got.rows) != len(want.Rows) {
			t.Errorf("%s: header %v, %d rows; want %v, %d", want.Key, got.header, len(got.rows), want.Header(), len(want.Rows))
			continue
		}
		for i := range want.Rows {
			if !reflect.DeepEqual(got.rows[i], want.Texts(i)) || slices.Contains(got.bold, i) != want.Bold(i) {
				t.Errorf("%s row %d: %v (bold %v), want %v (bold %v)", want.Key, i, got.rows[i], slices.Contains(got.bold, i), want.Texts(i), want.Bold(i))
			}
		}
	}
}

// screenTables are the report's tables on screen, by key.
func screenTables(v *ReportsView) map[string]*textTable {
	tables := map[string]*textTable{}
	for _, o := range objects(v.body) {
		if tt, ok := o.(*textTable); ok && tt.key != "" {
			tables[tt.key] = tt
		}
	}
	return tables
}
