package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

func date(t *testing.T, s string) meeting.Date {
	t.Helper()
	d, err := meeting.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// demoReport is a financial year of demo meetings.
func demoReport(t *testing.T) *meeting.Report {
	t.Helper()
	r := meeting.NewReport(date(t, "2025-04-01"), date(t, "2026-03-31"), date(t, "2026-04-30"))
	for _, m := range demo.Generate(1500, 3) {
		r.Add(m)
	}
	r.Finish()
	return r
}

func open(t *testing.T, r *meeting.Report) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// Every sheet holds its table of the model: the title, caption and marking
// above, the header in bold, and every cell's value, numbers as numbers
// and shares with a percent format.
func TestWorkbookHoldsTheModel(t *testing.T) {
	reports := map[string]*meeting.Report{"year": demoReport(t), "no meetings": meeting.NewReport(date(t, "2030-04-01"), date(t, "2030-04-30"), date(t, "2030-05-01"))}
	reports["no meetings"].Finish()
	// Compared with the year before: the comparison sheet too.
	compared := demoReport(t)
	compared.Previous = meeting.NewReport(date(t, "2024-04-01"), date(t, "2025-03-31"), date(t, "2026-04-30"))
	for _, m := range demo.Generate(1500, 4) {
		compared.Previous.Add(m)
	}
	compared.Previous.Finish()
	reports["compared"] = compared
	for name, r := range reports {
		t.Run(name, func(t *testing.T) {
			f := open(t, r)
			tables := r.DataTables()
			var keys []string
			for _, tb := range tables {
				keys = append(keys, tb.Key)
			}
			if got := f.GetSheetList(); fmt.Sprint(got) != fmt.Sprint(keys) || keys[0] != "report" {
				t.Fatalf("sheets %v, want %v", got, keys)
			}
			for _, tb := range tables {
				checkSheet(t, f, tb)
			}
		})
	}
}

func checkSheet(t *testing.T, f *excelize.File, tb meeting.ReportTable) {
	t.Helper()
	cell := func(col, row int) (string, excelize.CellType, *excelize.Style) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		v, err := f.GetCellValue(tb.Key, ref, excelize.Options{RawCellValue: true})
		typ, err2 := f.GetCellType(tb.Key, ref)
		id, err3 := f.GetCellStyle(tb.Key, ref)
		st, err4 := f.GetStyle(id)
		if err := errors.Join(err, err2, err3, err4); err != nil {
			t.Fatalf("%s!%s: %v", tb.Key, ref, err)
		}
		return v, typ, st
	}
	for row, want := range map[int]string{titleRow: tb.Title, captionRow: tb.Caption, markingRow: meeting.Marking} {
		if got, _, _ := cell(1, row); got != want {
			t.Errorf("%s row %d: %q, want %q", tb.Key, row, got, want)
		}
	}
	for j, c := range tb.Columns {
		got, _, st := cell(j+1, HeaderRow)
		if got != c.Label || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s header %d: %q (style %+v), want %q in bold", tb.Key, j, got, st.Font, c.Label)
		}
	}
	rows, err := f.GetRows(tb.Key)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rows) - HeaderRow; n != len(tb.Rows) {
		t.Errorf("%s: %d rows, want %d", tb.Key, n, len(tb.Rows))
	}
	for i, row := range tb.Rows {
		for j, c := range row.Cells {
			got, typ, st := cell(j+1, HeaderRow+1+i)
			where := fmt.Sprintf("%s row %d %s", tb.Key, i, tb.Columns[j].Key)
			switch c.Kind {
			case meeting.CellEmpty:
				if got != "" {
					t.Errorf("%s: %q, want nothing", where, got)
				}
			case meeting.CellText:
				if got != c.Machine() || typ != excelize.CellTypeSharedString {
					t.Errorf("%s: %q (type %v), want the text %q", where, got, typ, c.Machine())
				}
			default:
				n, err := strconv.ParseFloat(got, 64)
				if err != nil || n != c.Number || typ == excelize.CellTypeSharedString {
					t.Errorf("%s: %q (type %v), want the number %v", where, got, typ, c.Number)
				}
				if percent := st.CustomNumFmt != nil && *st.CustomNumFmt == "0.0%"; percent != (c.Kind == meeting.CellShare) {
					t.Errorf("%s: a share %v, shown as a percent %v", where, c.Kind == meeting.CellShare, percent)
				}
			}
		}
	}
}

// A reference a spreadsheet would run as a formula stays text.
func TestWorkbookNeverWritesFormulas(t *testing.T) {
	r := meeting.NewReport(date(t, "2025-04-01"), date(t, "2025-04-30"), date(t, "2025-05-01"))
	r.Add(&meeting.Meeting{ID: "=cmd|' /C calc'!A0", Reference: "=SUM(A1)", Type: meeting.TypeInitial, Mode: meeting.ModePhone,
		HeldAt: date(t, "2025-04-02").Time(meeting.UK)})
	r.Finish()
	f := open(t, r)
	for _, ref := range []string{"A6", "B6"} {
		if formula, err := f.GetCellFormula("missing_statutory_meetings", ref); err != nil || formula != "" {
			t.Errorf("%s: formula %q, %v", ref, formula, err)
		}
	}
	if got, _ := f.GetCellValue("missing_statutory_meetings", "B6"); got != "=SUM(A1)" {
		t.Errorf("reference %q", got)
	}
}

func TestWorkbookNoReport(t *testing.T) {
	if err := WriteReport(&bytes.Buffer{}, nil); err == nil {
		t.Error("no error for a nil report")
	}
}
