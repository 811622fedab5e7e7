package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/pdf"
)

// fixedReporter gives one report whatever the period asked, and prev
// when asked for the period before it (meeting.PreviousPeriod of the period
// asked just before): the view shows the very reports the other renderings
// are made of.
type fixedReporter struct {
	r, prev *meeting.Report
	last    *[2]meeting.Date // the period asked last
}

func (f fixedReporter) Report(_ context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
	if f.prev != nil {
		if pf, pt := meeting.PreviousPeriod(f.last[0], f.last[1], asOf); pf == from && pt == to {
			return f.prev, nil
		}
		*f.last = [2]meeting.Date{from, to}
	}
	return f.r, nil
}

// oneReport is the report every rendering of the comparison is made of: a
// financial year of demo meetings, so that every table has figures.
func oneReport(t *testing.T) *meeting.Report {
	t.Helper()
	r := demoYear(t, day("2025-04-01"), day("2026-03-31"), day("2026-04-30"), 7)
	if r.Timeliness.ICPC.Due == 0 || r.Repeats.Children == 0 || r.Consent.WithoutConsentNoReason == 0 {
		t.Fatalf("the demo year leaves tables empty: %+v %+v %+v", r.Timeliness, r.Repeats, r.Consent)
	}
	return r
}

// demoYear is a report of a period's demo meetings of one seed.
func demoYear(t *testing.T, from, to, asOf meeting.Date, seed uint64) *meeting.Report {
	t.Helper()
	r := meeting.NewReport(from, to, asOf)
	for _, m := range demo.Generate(1500, seed) {
		r.Add(m)
	}
	r.Finish()
	return r
}

// words is s with its white space collapsed, as a row reads whatever the
// columns' widths.
func words(s ...string) string { return strings.Join(strings.Fields(strings.Join(s, " ")), " ") }

// The screen, the PDF (read back with pdftotext), the text and the CSV,
// made from one report, hold every table of its model row for row: the
// same names, the same figures, in the same order.
func TestReportRenderingsAgree(t *testing.T) {
	r := oneReport(t)
	// The year before, of other meetings, to compare with.
	prev := demoYear(t, day("2024-04-01"), day("2025-03-31"), r.AsOf, 8)
	v, _ := newReportsView(t, fixedReporter{r, prev, new([2]meeting.Date)}, nil)
	if v.Report() != r || r.Previous != prev {
		t.Fatal("the view shows another report, or not compared with the year before")
	}
	var text, csvOut bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	var pdfOut bytes.Buffer
	if err := pdf.WriteReport(&pdfOut, r, pdf.Options{ExportedAt: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	renderings := map[string]map[string][]string{ // rendering, table key: its rows as words
		"screen": screenRows(v),
		"PDF":    pdfRows(t, pdfText(t, pdfOut.Bytes()), r.Tables()),
		"text":   textRows(text.String(), r.Tables()),
		"CSV":    csvRows(t, csvOut.String(), r),
	}
	for _, table := range r.Tables() {
		var want []string
		for i := range table.Rows {
			want = append(want, words(table.Texts(i)...))
		}
		for name, tables := range renderings {
			got, ok := tables[table.Key]
			if !ok {
				t.Errorf("%s: no table %q", name, table.Key)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s:\n got %q\nwant %q", name, table.Key, got, want)
			}
		}
	}

	// The headline figures: the same on screen, in the PDF's tiles and in the text.
	var cards []string
	for _, c := range v.cards {
		cards = append(cards, words(c.caption, c.value, c.detail, c.was))
	}
	page1, plain := words(pdfText(t, pdfOut.Bytes())[0]), words(text.String())
	var want []string
	for _, h := range r.Headlines() {
		was := r.Compared(h)
		if !strings.HasPrefix(was, "2024-25: ") {
			t.Errorf("headline %s compared as %q", h.Key, was)
		}
		line := words(h.Label, h.Value.Text, h.Detail, was)
		want = append(want, line)
		if !strings.Contains(plain, line) {
			t.Errorf("the text lacks the headline %q", line)
		}
		if !strings.Contains(page1, words(h.Label, h.Value.Text)) || !strings.Contains(page1, words(was)) {
			t.Errorf("the PDF's first page lacks the headline %q or its comparison %q", words(h.Label, h.Value.Text), was)
		}
	}
	if !reflect.DeepEqual(cards, want) {
		t.Errorf("headline cards:\n got %q\nwant %q", cards, want)
	}
}

// screenRows are the rows of the report's tables on screen, by key.
func screenRows(v *ReportsView) map[string][]string {
	out := map[string][]string{}
	for key, tt := range screenTables(v) {
		rows := []string{}
		for _, row := range tt.rows {
			rows = append(rows, words(row...))
		}
		out[key] = rows
	}
	return out
}

// pdfText is the text of each page of a PDF, as pdftotext reads it.
func pdfText(t *testing.T, b []byte) []string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (Debian: poppler-utils): %v", err)
	}
	return strings.Split(string(out), "\f")
}

// pdfRows finds each table's rows in its numbered section of the PDF: every
// row of the model, in order, within the section; a row not found ends the
// table there, so that a missing row shows as missing.
func pdfRows(t *testing.T, pages []string, tables []meeting.ReportTable) map[string][]string {
	t.Helper()
	text := words(pages...)
	out := map[string][]string{}
	for _, table := range tables {
		start := -1
		for n := 1; n < 40 && start < 0; n++ {
			start = strings.Index(text, fmt.Sprintf("%d %s %s", n, table.Title, words(table.Caption)))
		}
		if start < 0 {
			continue
		}
		section := text[start:]
		rows := []string{}
		for i := range table.Rows {
			row := words(table.Texts(i)...)
			at := strings.Index(section, row)
			if at < 0 {
				break
			}
			rows = append(rows, row)
			section = section[at+len(row):]
		}
		out[table.Key] = rows
	}
	return out
}

// textRows reads the text report's tables: a title line, a header line, a
// line per row, until a blank line.
func textRows(text string, tables []meeting.ReportTable) map[string][]string {
	out := map[string][]string{}
	blocks := strings.Split(text, "\n\n")
	for _, table := range tables {
		for _, b := range blocks {
			lines := strings.Split(strings.TrimRight(b, "\n"), "\n")
			if lines[0] != table.Title || len(lines) < 2 || words(lines[1]) != words(table.Header()...) {
				continue
			}
			rows := []string{}
			for _, l := range lines[2:] {
				if !strings.HasPrefix(l, "The meetings' ids are in") {
					rows = append(rows, words(l))
				}
			}
			out[table.Key] = rows
		}
	}
	return out
}

// csvRows reads the CSV's sections, checks each row's machine values
// against the model's cells, and gives the rows as people would read them:
// each label as written, each figure as the model formats the value read.
func csvRows(t *testing.T, s string, r *meeting.Report) map[string][]string {
	t.Helper()
	rd := csv.NewReader(strings.NewReader(s))
	rd.FieldsPerRecord = -1
	records, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][][]string{}
	var order []string
	for i := 0; i < len(records); {
		key, ok := strings.CutPrefix(records[i][0], "# ")
		if !ok || i+1 >= len(records) {
			t.Fatalf("CSV row %d: %q is not a section's title", i, records[i])
		}
		order = append(order, key)
		sections[key] = [][]string{records[i+1]}
		for i += 2; i < len(records) && !strings.HasPrefix(records[i][0], "# "); i++ {
			sections[key] = append(sections[key], records[i])
		}
	}
	var keys []string
	for _, table := range r.DataTables() {
		keys = append(keys, table.Key)
	}
	if !slices.Equal(order, keys) {
		t.Errorf("CSV sections %v, want %v", order, keys)
	}
	out := map[string][]string{}
	for _, table := range r.DataTables() {
		rows := sections[table.Key]
		if len(rows) == 0 || !slices.Equal(rows[0], table.Keys()) {
			t.Errorf("CSV %s: header %v, want %v", table.Key, rows, table.Keys())
			continue
		}
		read := []string{}
		for i, rec := range rows[1:] {
			if i >= len(table.Rows) || len(rec) != len(table.Columns) {
				t.Errorf("CSV %s row %d: %q does not match the model's", table.Key, i, rec)
				break
			}
			var texts []string
			for j, value := range rec {
				c := table.Rows[i].Cells[j]
				if !machineEqual(c, value) {
					t.Errorf("CSV %s row %d %s: %q, want the value of %+v", table.Key, i, table.Columns[j].Key, value, c)
				}
				if table.Columns[j].Code {
					continue
				}
				// A label as written; a figure (or a month, "2025-04") as
				// people read the value it is.
				if c.Kind == meeting.CellText && c.Value == "" || !machineEqual(c, value) {
					texts = append(texts, strings.TrimPrefix(value, "'"))
				} else {
					texts = append(texts, c.Text)
				}
			}
			read = append(read, words(texts...))
		}
		out[table.Key] = read
	}
	return out
}

// machineEqual reports whether a CSV value is the cell's machine value:
// the same number for a figure, the same text (a formula quoted) otherwise.
func machineEqual(c meeting.ReportCell, value string) bool {
	switch c.Kind {
	case meeting.CellCount, meeting.CellShare, meeting.CellNumber:
		n, err := strconv.ParseFloat(value, 64)
		return err == nil && n == c.Number
	case meeting.CellText:
		return strings.TrimPrefix(value, "'") == c.Machine()
	}
	return value == ""
}
