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

// WriteCSV writes every table of DataTables: a title row of its key
// ("# agencies"), a header row of its columns' keys, its rows' values, then a
// blank line.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	for _, t := range r.DataTables() {
		cw.Write([]string{"# " + t.Key})
		cw.Write(t.Keys())
		for _, row := range t.Rows {
			values := make([]string, len(row.Cells))
			for i, c := range row.Cells {
				values[i] = c.Machine()
				if c.Kind == CellText {
					values[i] = csvCell(values[i])
				}
			}
			cw.Write(values)
		}
		cw.Write(nil)
	}
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
		row := []string{h.Label, h.Value.Text, h.Detail}
		if r.Previous != nil {
			row = append(row, r.Compared(h))
		}
		rows = append(rows, row)
	}
	writeTable(bw, nil, rows, 2, 3)
	for _, t := range r.Tables() {
		writeReportTable(bw, t)
		if t.Key == "missing_statutory" && len(r.MissingStatutory.Meetings) > 0 {
			fmt.Fprintf(bw, "The meetings' ids are in --format json, csv or xlsx.\n")
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
