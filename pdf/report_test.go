package pdf

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

var reportSections = []string{
	"1 Attendance by agency", "2 Attendance month by month", "3 Consent for checks and information sharing",
	"4 Agencies", "5 Health services", "6 Statutory partners not attending", "7 Consent", "8 Outcomes",
	"9 Actions", "10 Month by month", "11 Quarter by quarter", "12 Referral to meeting", "13 Initial child protection conferences",
	"14 Children discussed more than once", "15 Meetings missing a statutory partner",
}

// demoMeetings are three years of invented meetings, made once.
var demoMeetings = sync.OnceValue(func() []*meeting.Meeting { return demo.Generate(2000, 1) })

func date(t testing.TB, s string) meeting.Date {
	t.Helper()
	d, err := meeting.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// demoReport is the report of the demo meetings from from to to, as of asOf.
func demoReport(t testing.TB, from, to, asOf string) *meeting.Report {
	t.Helper()
	r := meeting.NewReport(date(t, from), date(t, to), date(t, asOf))
	for _, m := range demoMeetings() {
		r.Add(m)
	}
	r.Finish()
	return r
}

// financialYear is the demo report of 2025-26, as of 30 April 2026.
func financialYear(t testing.TB) *meeting.Report {
	return demoReport(t, "2025-04-01", "2026-03-31", "2026-04-30")
}

func renderReport(t testing.TB, r *meeting.Report, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteReport(&b, r, opt); err != nil {
		t.Fatalf("WriteReport: %v", err)
	}
	return b.Bytes()
}

func pct1(rate float64) string { return fmt.Sprintf("%.1f%%", rate*100) }

// The report holds every section, in order, with the marking and page
// numbers on every page; page 1 is the briefing, with the report's
// headline figures.
func TestReportSectionsAndHeadlines(t *testing.T) {
	r := financialYear(t)
	if r.Meetings < 500 {
		t.Fatalf("only %d demo meetings in the financial year", r.Meetings)
	}
	pages := pdfText(t, renderReport(t, r, Options{ExportedAt: exportedAt, Version: "1.2.3"}))
	checkPages(t, pages, false)
	text := flat(pages)
	mustContain(t, text, ReportTitle, "Page 1 of", "1 April 2025 to 31 March 2026", "Actions as of 30 April 2026",
		"Exported 10 Jun 2025 at 14:02 BST by Strategy Minutes 1.2.3", "Key points", "About these figures")
	at := 0
	for _, s := range reportSections {
		i := strings.Index(text[at:], s)
		if i < 0 {
			t.Errorf("section %q missing or out of order", s)
			continue
		}
		at += i
	}

	page1 := flat(pages[:1])
	c, a := r.Consent, r.Actions
	health, police := r.Agency(meeting.AgencyHealth), r.Agency(meeting.AgencyPolice)
	mustContain(t, page1,
		fmt.Sprintf("Meetings %d held in the period", r.Meetings),
		"Missing a statutory partner "+pct1(r.MissingStatutory.Rate),
		fmt.Sprintf("%d of %d meetings", r.MissingStatutory.Count, r.Meetings),
		"Health attended "+pct1(health.AttendanceRate), fmt.Sprintf("%d of %d meetings", health.Attended, r.Meetings),
		"Police attended "+pct1(police.AttendanceRate),
		fmt.Sprintf("Shared without consent %s %d of %d meetings", pct1(c.WithoutConsentRate), c.WithoutConsent, r.Meetings),
		fmt.Sprintf("Without consent, no reason recorded %s %d of those %d meetings", pct1(c.NoReasonRate), c.WithoutConsentNoReason, c.WithoutConsent),
		"Parents' views not recorded "+pct1(meeting.Rate(c.ParentsViewsNotRecorded, r.Meetings)),
		"Section 47 enquiry decided "+pct1(r.Section47Rate),
		fmt.Sprintf("Overdue actions %d %s of %s actions", a.Overdue, pct1(meeting.Rate(a.Overdue, a.Total)), meeting.Count(a.Total)),
		// Key points, in whole percentages.
		fmt.Sprintf("Health attended %.0f%% of meetings, against %.0f%% for police and 100%% for children's social care.",
			health.AttendanceRate*100, police.AttendanceRate*100),
		fmt.Sprintf("%.0f%% of these decisions (%d) have no reason recorded.", c.NoReasonRate*100, c.WithoutConsentNoReason),
	)
	if strings.Contains(page1, "1 Attendance by agency") {
		t.Error("the charts start on the briefing page")
	}

	// The detail tables hold the counts.
	for _, ag := range r.Agencies {
		mustContain(t, text, fmt.Sprintf("%s %d %d %d %d %s", ag.Agency.Label(), ag.Attended, ag.InformationOnly, ag.Absent, ag.NotInvited, pct1(ag.AttendanceRate)))
	}
	for _, o := range r.Outcomes {
		mustContain(t, text, fmt.Sprintf("%s %d", o.Code.Label(), o.Count))
	}
	mustContain(t, text,
		fmt.Sprintf("Any section 47 enquiry (joint or single-agency) %d %s", r.Section47, pct1(r.Section47Rate)),
		fmt.Sprintf("Agreed %s", meeting.Count(a.Total)),
		fmt.Sprintf("No due date %d", a.NoDueDate),
		fmt.Sprintf("Overdue at 30 April 2026 (due before it, not completed) %d", a.Overdue),
		fmt.Sprintf("Completed late %d", a.CompletedLate),
		fmt.Sprintf("Any statutory partner %d %s", r.MissingStatutory.Count, pct1(r.MissingStatutory.Rate)),
		"Apr 25", "Mar 26", // the monthly chart's axis
	)
	// By reference, the first missingListMost, and how many more.
	ms := r.MissingStatutory
	if len(ms.Meetings) <= missingListMost {
		t.Fatalf("only %d meetings missing a partner: the list is not capped", len(ms.Meetings))
	}
	joined := strings.ReplaceAll(text, " ", "") // an id wider than the column wraps
	for i, id := range ms.Meetings {
		name := cmp.Or(ms.Reference(i), id) // its id when it has no reference
		if listed := strings.Contains(joined, name); listed != (i < missingListMost) {
			t.Errorf("meeting %d, %s, missing a statutory partner: listed %v", i, name, listed)
		}
	}
	mustContain(t, text, fmt.Sprintf("%d more are in the report's CSV, workbook and JSON", len(ms.Meetings)-missingListMost))
}

// A chart is never split from its heading or across pages: each chart's
// heading, legend and last label are on one page.
func TestReportChartsWhole(t *testing.T) {
	periods := [][5]string{ // from, to, as of, the chart over time, its last label
		{"2025-04-01", "2026-03-31", "2026-04-30", "month by month", "Mar 26"},
		{"2025-04-01", "2025-06-30", "2025-07-15", "month by month", "Jun 25"},
		// Every demo meeting: 36 months, too many to read, so quarters,
		// the last one a month long.
		{"2023-11-01", "2026-10-31", "2026-10-31", "quarter by quarter", "Oct 26"},
	}
	for _, p := range periods {
		t.Run(p[0]+"_"+p[1], func(t *testing.T) {
			pages := pdfText(t, renderReport(t, demoReport(t, p[0], p[1], p[2]), Options{ExportedAt: exportedAt}))
			checkPages(t, pages, false)
			charts := []struct{ heading, first, last string }{
				{"1 Attendance by agency", "Information sent only", "Other"},
				{"2 Attendance " + p[3], "Social care Police Health Education", p[4]},
				{"3 Consent for checks and information sharing", "Consent sought", "No consent record"},
			}
			for _, c := range charts {
				found := false
				for _, pg := range pages {
					pg = flat([]string{pg})
					i := strings.Index(pg, c.heading)
					if i < 0 {
						continue
					}
					found = true
					rest := pg[i:]
					if !strings.Contains(rest, c.first) || !strings.Contains(rest, c.last) {
						t.Errorf("chart %q is not whole on its page:\n%s", c.heading, rest)
					}
				}
				if !found {
					t.Errorf("no chart %q", c.heading)
				}
			}
		})
	}
}

// A period without meetings exports, and says so.
func TestReportNoMeetings(t *testing.T) {
	r := meeting.NewReport(date(t, "2030-04-01"), date(t, "2030-04-30"), date(t, "2030-05-01"))
	r.Finish()
	pages := pdfText(t, renderReport(t, r, Options{ExportedAt: exportedAt}))
	checkPages(t, pages, false)
	text := flat(pages)
	// A month has no quarter by quarter table: the sections after it are numbered one less.
	var sections []string
	for _, s := range reportSections {
		n, title, _ := strings.Cut(s, " ")
		switch k, _ := strconv.Atoi(n); {
		case title == "Quarter by quarter":
		case k > 11:
			sections = append(sections, fmt.Sprintf("%d %s", k-1, title))
		default:
			sections = append(sections, s)
		}
	}
	mustContain(t, text, sections...)
	mustContain(t, text, "No strategy meetings were held in the period", "Meetings 0 held in the period",
		"No meetings were held in the period: there is nothing to chart.", "1 April 2030 to 30 April 2030")
	if strings.Contains(text, "0.0%") {
		t.Error("a rate of no meetings is written as 0.0%")
	}
}

// Nothing in a report, even one read from a damaged or hand-edited file,
// makes the export fail.
func TestReportOddFigures(t *testing.T) {
	odd := oddReport(t)

	var decoded meeting.Report
	if err := json.Unmarshal([]byte(`{"from":"2025-04-01","to":"2025-04-30","as_of":"","meetings":7}`), &decoded); err != nil {
		t.Fatal(err)
	}
	long := century(t)
	many := financialYear(t)
	for i := range 60 { // more bars than a page holds
		many.Agencies = append(many.Agencies, meeting.AgencyCount{Agency: meeting.Agency(fmt.Sprint("agency_", i)), NotInvited: many.Meetings})
	}
	upside := meeting.NewReport(date(t, "2026-01-01"), date(t, "2025-01-01"), meeting.Date{}) // to before from: no months
	upside.Finish()

	reports := map[string]*meeting.Report{
		"odd": odd, "decoded": &decoded, "zero": {}, "century": long, "upside down": upside, "many agencies": many,
	}
	for name, r := range reports {
		t.Run(name, func(t *testing.T) {
			pages := pdfText(t, renderReport(t, r, Options{ExportedAt: exportedAt, Version: "\"v\" \\ 👶"}))
			checkPages(t, pages, false)
			if name == "many agencies" {
				mustContain(t, flat(pages), "This chart has too many rows to draw on a page")
			}
		})
	}
	if err := WriteReport(io.Discard, nil, Options{}); err == nil {
		t.Error("no error for a nil report")
	}
}

// oddReport is a year's report with figures no counting gives: unknown
// codes, long and hostile text, negative and huge counts, rates that are
// not numbers.
func oddReport(t testing.TB) *meeting.Report {
	odd := financialYear(t)
	odd.Agencies = append(odd.Agencies, meeting.AgencyCount{Agency: meeting.Agency("martian_" + strings.Repeat("z", 300) + " 👽"), Attended: -4, Absent: 1 << 40, AttendanceRate: math.NaN()})
	odd.Monthly = append(odd.Monthly, meeting.MonthCount{Month: "not a month 👶", Meetings: 3}, meeting.MonthCount{Month: "2026-13", Meetings: -1})
	odd.MissingStatutory.Meetings = append(odd.MissingStatutory.Meetings, strings.Repeat("x", 400), "=cmd|' /C calc'!A0", "👶\u202E\x00")
	odd.MissingStatutory.Rate = math.Inf(1)
	odd.Consent.NoReasonRate = 17
	return odd
}

// century is a report of 100 years, 1,200 months, most with meetings.
func century(t testing.TB) *meeting.Report {
	r := meeting.NewReport(date(t, "1990-01-01"), date(t, "2089-12-31"), date(t, "2090-01-01"))
	r.Finish()
	for i := range r.Monthly {
		if i%7 != 3 {
			r.Monthly[i].Meetings = 2
			r.Monthly[i].Attended.Add(meeting.AgencyPolice, i%3)
			r.Meetings += 2
		}
	}
	return r
}

// withGaps is a year's report in which some months had no meetings,
// leaving September and November alone between gaps.
func withGaps(t testing.TB) *meeting.Report {
	r := financialYear(t)
	for _, i := range []int{4, 6, 8} { // August, October, December
		r.Monthly[i] = meeting.MonthCount{Month: r.Monthly[i].Month, Attended: meeting.NewCounts(meeting.MonthlyAgencies...)}
	}
	return r
}

// The same report and options give the same bytes, dated by the report.
func TestReportDeterministic(t *testing.T) {
	r := financialYear(t)
	opt := Options{ExportedAt: exportedAt, Version: "1.0.0"}
	first := renderReport(t, r, opt)
	for range 2 {
		if !bytes.Equal(first, renderReport(t, r, opt)) {
			t.Fatal("two exports of the same report differ")
		}
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20260430000000)")) {
		t.Error("the creation date is not the report's as-of date")
	}
}

func TestReportMetadata(t *testing.T) {
	info := pdfInfo(t, renderReport(t, financialYear(t), Options{ExportedAt: exportedAt, Version: "1.2.3"}))
	for _, want := range []string{
		"Title:           Partner participation in strategy meetings, 1 April 2025 to 31 March 2026",
		"Subject:         Multi-agency strategy meetings",
		"Author:          Local safeguarding partnership",
		"Creator:         Strategy Minutes 1.2.3",
		"Keywords:        OFFICIAL-SENSITIVE",
		"CreationDate:    2026-04-30T00:00:00",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

func TestReportKeyPointWording(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *meeting.Report)
		want []string
	}{
		{"every partner", func(r *meeting.Report) {
			r.Meetings = 4
			r.Agencies = []meeting.AgencyCount{{Agency: meeting.AgencySocialCare, Attended: 4}, {Agency: meeting.AgencyPolice, Attended: 4}, {Agency: meeting.AgencyHealth, Attended: 4}}
			r.Consent = meeting.ConsentCounts{Given: 4}
			r.Actions = meeting.ActionCounts{Total: 3}
		}, []string{
			"Children's social care, police and health attended every meeting.",
			"No meeting recorded consent as overridden or not sought.",
			"Parents' views are recorded for every meeting.",
			"No action was overdue as of 15 July 2025, and every action has a due date.",
		}},
		{"one of each", func(r *meeting.Report) {
			r.Meetings = 3
			r.MissingStatutory.Count = 1
			r.Agencies = []meeting.AgencyCount{{Agency: meeting.AgencySocialCare, Attended: 3}, {Agency: meeting.AgencyPolice, Attended: 3}, {Agency: meeting.AgencyHealth, Attended: 2}}
			r.Consent = meeting.ConsentCounts{Overridden: 1, WithoutConsent: 1, WithoutConsentNoReason: 1, ParentsViewsNotRecorded: 1}
			r.Actions = meeting.ActionCounts{Total: 300, Overdue: 1, NoDueDate: 2}
		}, []string{
			"At least one statutory partner did not attend 33% of meetings (1 of 3). Health attended 67% of meetings, against 100% for children's social care and 100% for police.",
			"Information was shared without consent (overridden or not sought) in 33% of meetings (1). That decision has no reason recorded.",
			"Parents' views are not recorded for 33% of meetings (1 of 3).",
			"1 of 300 actions (0.3%) was overdue as of 15 July 2025; 2 (1%) have no due date.",
		}},
		{"conferences held", func(r *meeting.Report) {
			r.Meetings = 10
			r.Timeliness.ICPC = meeting.ICPCCounts{Due: 6, HeldInTime: 3, HeldLate: 1, NotNeeded: 1, Overdue: 1}
		}, []string{
			"6 of 10 meetings needed an initial conference within 15 working days: 3 held in time (50%), 1 late, 1 not needed, 1 overdue with none recorded.",
		}},
		{"no conference recorded", func(r *meeting.Report) {
			r.Meetings = 2
			r.Timeliness.ICPC = meeting.ICPCCounts{Due: 1, Pending: 1}
		}, []string{
			"1 of 2 meetings needed an initial conference within 15 working days: none is recorded as held.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := meeting.NewReport(date(t, "2025-04-01"), date(t, "2025-06-30"), date(t, "2025-07-15"))
			r.Finish()
			tt.edit(r)
			got := strings.Join((&reportDoc{r: r}).keyPoints(), "\n")
			if r.Timeliness.ICPC.Due == 0 && strings.Contains(got, "conference") {
				t.Errorf("a key point on conferences none needed:\n%s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("key points lack %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestRoughly(t *testing.T) {
	tests := []struct {
		n, of int
		want  string
	}{
		{1, 2, "50%"}, {2, 3, "67%"}, {1, 300, "0.3%"}, {299, 300, "99.7%"}, {0, 5, "0%"}, {5, 5, "100%"}, {1, 0, "—"},
	}
	for _, tt := range tests {
		if got := roughly(tt.n, tt.of); got != tt.want {
			t.Errorf("roughly(%d, %d) = %q, want %q", tt.n, tt.of, got, tt.want)
		}
	}
}

// TestWriteReportSamples writes sample reports to the folder named by
// $PDF_SAMPLES, for people to look at (pdftoppm -r 70 -png FILE PREFIX).
func TestWriteReportSamples(t *testing.T) {
	dir := os.Getenv("PDF_SAMPLES")
	if dir == "" {
		t.Skip("set PDF_SAMPLES to a folder to write sample PDFs")
	}
	empty := meeting.NewReport(date(t, "2030-04-01"), date(t, "2031-03-31"), date(t, "2031-04-30"))
	empty.Finish()
	opt := Options{ExportedAt: exportedAt, Version: "dev"}
	samples := map[string]*meeting.Report{
		"report-year.pdf":    financialYear(t),
		"report-quarter.pdf": demoReport(t, "2025-04-01", "2025-06-30", "2025-07-15"),
		"report-all.pdf":     demoReport(t, "2023-11-01", "2026-10-31", "2026-10-31"),
		"report-empty.pdf":   empty,
		"report-odd.pdf":     oddReport(t),
		"report-gaps.pdf":    withGaps(t),
		"report-century.pdf": century(t),
	}
	for name, r := range samples {
		if err := os.WriteFile(filepath.Join(dir, name), renderReport(t, r, opt), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkExportReportPDF exports the report of one financial year of
// demo data (about 670 meetings).
func BenchmarkExportReportPDF(b *testing.B) {
	r := financialYear(b)
	opt := Options{ExportedAt: exportedAt, Version: "1.0.0"}
	var buf bytes.Buffer
	if err := WriteReport(&buf, r, opt); err != nil { // the font's coverage is read once, here
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteReport(&buf, r, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

// The tables the report writes once are printed row for row as the model
// has them, as the text and the screen show them.
func TestReportPrintsTheReportsTables(t *testing.T) {
	r := financialYear(t)
	if r.Timeliness.ICPC.Due == 0 || r.Repeats.Children == 0 {
		t.Fatalf("the demo year has nothing to show: %+v %+v", r.Timeliness, r.Repeats)
	}
	text := flat(pdfText(t, renderReport(t, r, Options{ExportedAt: exportedAt})))
	var txt strings.Builder
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	plain := strings.Join(strings.Fields(txt.String()), " ")
	for _, table := range r.Tables() {
		for i := range table.Rows {
			var cells []string
			for _, c := range table.Texts(i) {
				if c = strings.TrimSpace(c); c != "" {
					cells = append(cells, c)
				}
			}
			want := strings.Join(cells, " ")
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %s: %q", table.Title, want)
			}
			if !strings.Contains(plain, want) {
				t.Errorf("the text lacks %s: %q", table.Title, want)
			}
		}
	}
}

// A board paper of the year so far says so under its title.
func TestReportYearToDate(t *testing.T) {
	r := demoReport(t, "2026-04-01", "2027-03-31", "2026-10-31")
	page1 := flat(pdfText(t, renderReport(t, r, Options{ExportedAt: exportedAt}))[:1])
	mustContain(t, page1, "1 April 2026 to 31 March 2027 (UK dates): year to date, as of 31 October 2026",
		"initial conference within 15 working days", "About these figures") // the briefing is one page
}
