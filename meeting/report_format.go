package meeting

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file writes a Report as CSV and as text, so that the command line and
// the Reports view share one implementation (docs/report.md describes both).

// FinancialYear returns the first and last days of the financial year
// (1 April to 31 March) that contains d.
func FinancialYear(d Date) (first, last Date) {
	y := d.Year
	if d.Month < time.April {
		y--
	}
	return Date{Year: y, Month: time.April, Day: 1}, Date{Year: y + 1, Month: time.March, Day: 31}
}

// FormatRate writes a rate as JSON does, so that CSV and JSON agree.
func FormatRate(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// csvCell keeps a spreadsheet from reading a meeting id as a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes one table per section of the report's JSON: a title row
// ("# agencies"), a header row, the rows, then a blank line.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	itoa := strconv.Itoa
	table := func(title string, header []string, rows ...[]string) {
		cw.Write([]string{"# " + title})
		cw.Write(header)
		for _, row := range rows {
			cw.Write(row)
		}
		cw.Write(nil)
	}
	table("report", []string{"from", "to", "as_of", "meetings", "section47", "section47_rate", "health_service_not_recorded"},
		[]string{r.From.String(), r.To.String(), r.AsOf.String(), itoa(r.Meetings), itoa(r.Section47), FormatRate(r.Section47Rate),
			itoa(r.HealthServiceNotRecorded)})

	var rows [][]string
	for _, a := range r.Agencies {
		rows = append(rows, []string{string(a.Agency), a.Agency.Label(), itoa(a.Attended), itoa(a.InformationOnly), itoa(a.Absent),
			itoa(a.NotInvited), FormatRate(a.AttendanceRate)})
	}
	table("agencies", []string{"agency", "label", "attended", "information_only", "absent", "not_invited", "attendance_rate"}, rows...)

	rows = nil
	for _, s := range r.HealthServices {
		rows = append(rows, []string{string(s.Service), ServiceLabel(AgencyHealth, s.Service), itoa(s.Attended), itoa(s.InformationOnly), itoa(s.Absent)})
	}
	table("health_services", []string{"service", "label", "attended", "information_only", "absent"}, rows...)

	ms := r.MissingStatutory
	header, row := []string{"count", "rate"}, []string{itoa(ms.Count), FormatRate(ms.Rate)}
	for _, c := range ms.ByAgency {
		header, row = append(header, string(c.Code)), append(row, itoa(c.Count))
	}
	table("missing_statutory", header, row)
	rows = nil
	for i, id := range ms.Meetings {
		rows = append(rows, []string{csvCell(id), csvCell(ms.Reference(i))})
	}
	table("missing_statutory_meetings", []string{"meeting", "reference"}, rows...)

	c := r.Consent
	table("consent", []string{"given", "refused", "overridden", "not_sought", "not_recorded", "without_consent",
		"without_consent_no_reason", "parents_views_not_recorded", "without_consent_rate", "without_consent_no_reason_rate"},
		[]string{itoa(c.Given), itoa(c.Refused), itoa(c.Overridden), itoa(c.NotSought), itoa(c.NotRecorded), itoa(c.WithoutConsent),
			itoa(c.WithoutConsentNoReason), itoa(c.ParentsViewsNotRecorded), FormatRate(c.WithoutConsentRate), FormatRate(c.NoReasonRate)})

	rows = nil
	for _, o := range r.Outcomes {
		rows = append(rows, []string{string(o.Code), o.Code.Label(), itoa(o.Count)})
	}
	table("outcomes", []string{"outcome", "label", "meetings"}, rows...)

	a := r.Actions
	table("actions", []string{"total", "no_due_date", "overdue", "completed_late"},
		[]string{itoa(a.Total), itoa(a.NoDueDate), itoa(a.Overdue), itoa(a.CompletedLate)})

	header = []string{"month", "meetings"}
	for _, ag := range MonthlyAgencies {
		header = append(header, string(ag))
	}
	header = append(header, "missing_statutory")
	rows = nil
	for _, m := range r.Monthly {
		row := []string{m.Month, itoa(m.Meetings)}
		for _, c := range m.Attended {
			row = append(row, itoa(c.Count))
		}
		rows = append(rows, append(row, itoa(m.MissingStatutory)))
	}
	table("monthly", header, rows...)

	rt, ic, rp := r.Timeliness.ReferralToMeeting, r.Timeliness.ICPC, r.Repeats
	table("referral_to_meeting", []string{"recorded", "not_recorded", "median_working_days", "same_or_next_working_day", "over_5_working_days"},
		[]string{itoa(rt.Recorded), itoa(rt.NotRecorded), FormatRate(rt.MedianWorkingDays), itoa(rt.SameOrNextWorkingDay), itoa(rt.Over5WorkingDays)})
	table("icpc", []string{"due", "held_in_time", "held_late", "not_needed", "overdue", "pending"},
		[]string{itoa(ic.Due), itoa(ic.HeldInTime), itoa(ic.HeldLate), itoa(ic.NotNeeded), itoa(ic.Overdue), itoa(ic.Pending)})
	table("repeat_meetings", []string{"children", "more_than_one", "three_or_more", "no_case_reference"},
		[]string{itoa(rp.Children), itoa(rp.MoreThanOne), itoa(rp.ThreeOrMore), itoa(rp.NoCaseReference)})

	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report csv: %w", err)
	}
	return nil
}

// MonthLabel writes a month of Monthly ("2025-04") as people read it:
// "Apr 2025".
func MonthLabel(month string) string {
	if d, err := ParseDate(month + "-01"); err == nil {
		return d.Time(time.UTC).Format("Jan 2006")
	}
	return month
}

// WriteText writes a summary for a terminal: the headline figures, then the
// tables.
func (r *Report) WriteText(w io.Writer) error {
	bw := &errWriter{w: w}
	fmt.Fprintf(bw, "%s\n", ReportTextTitle)
	fmt.Fprintf(bw, "Meetings held %s (UK dates); actions as of %s.\n", r.Period(), orDash(r.AsOf.Long()))
	if note := r.ToDate(); note != "" {
		fmt.Fprintf(bw, "%s: the period has not ended.\n", strings.ToUpper(note[:1])+note[1:])
	}
	fmt.Fprintln(bw)
	var rows [][]string
	for _, h := range r.Headlines() {
		rows = append(rows, []string{h.Label, h.Value.Text, h.Detail})
	}
	writeTable(bw, nil, rows, 2)
	for _, t := range r.Tables() {
		writeReportTable(bw, t)
		if t.Key == "missing_statutory" && len(r.MissingStatutory.Meetings) > 0 {
			fmt.Fprintf(bw, "The meetings' ids are in --format json or csv.\n")
		}
	}
	if bw.err != nil {
		return fmt.Errorf("report text: %w", bw.err)
	}
	return nil
}

// writeReportTable writes a table of the report's model under its title.
func writeReportTable(w io.Writer, t ReportTable) {
	rows := make([][]string, len(t.Rows))
	for i := range t.Rows {
		rows[i] = t.Texts(i)
	}
	fmt.Fprintf(w, "\n%s\n", t.Title)
	writeTable(w, t.Header(), rows)
}

// writeTable writes rows with the first column and the columns named in
// left aligned left, and the others right, as figures are read; header may
// be nil.
func writeTable(w io.Writer, header []string, rows [][]string, left ...int) {
	all := rows
	if header != nil {
		all = append([][]string{header}, rows...)
	}
	var widths []int
	for _, row := range all {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range all {
		var b strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i == 0 {
				b.WriteString(cell + pad)
			} else if slices.Contains(left, i) {
				b.WriteString("  " + cell + pad)
			} else {
				b.WriteString("  " + pad + cell)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// errWriter keeps the first write error, so that a long run of writes is
// checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
