// Package xlsx writes the participation report as an Excel workbook
// (github.com/xuri/excelize). It sees only the report's model
// (meeting.Report.DataTables): one sheet per table, named by its key, with
// the same machine values as the CSV, numbers as numbers and shares as
// numbers shown as percentages, so that the partnership's analysts can
// chart and sum them without reading text back into figures.
package xlsx

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"strategyminutes/meeting"
)

// Where each sheet puts its parts: the title, the caption, the marking,
// then the header row and the rows.
const (
	titleRow   = 1
	captionRow = 2
	markingRow = 3
	HeaderRow  = 5 // the first row of the table's header; its rows follow
)

// styles are the workbook's cell styles, made once per workbook.
type styles struct {
	title, marking, header, count, share, number int
}

// WriteReport writes r to w as a workbook: a sheet per table of
// r.DataTables, the first ("report") with the period, the as-of date and
// the marking. Text is always written as text, so a spreadsheet never runs
// a meeting's reference as a formula.
func WriteReport(w io.Writer, r *meeting.Report) (err error) {
	if r == nil {
		return fmt.Errorf("report workbook: no report")
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("report workbook: %w", cerr)
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("report workbook: %w", err)
	}
	// The report's own dates, never the clock: the same report, the same
	// properties.
	dated := r.AsOf.String() + "T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   meeting.ReportTextTitle + ", " + r.Period(),
		Subject: "Multi-agency strategy meetings: partners' attendance, consent, outcomes and actions",
		Creator: "Strategy Minutes", Keywords: meeting.Marking, Created: dated, Modified: dated,
	}); err != nil {
		return fmt.Errorf("report workbook: properties: %w", err)
	}
	for i, t := range r.DataTables() {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), t.Key)
		} else {
			_, err = f.NewSheet(t.Key)
		}
		if err == nil {
			err = writeSheet(f, st, t)
		}
		if err != nil {
			return fmt.Errorf("report workbook: sheet %s: %w", t.Key, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report workbook: %w", err)
	}
	return nil
}

func newStyles(f *excelize.File) (styles, error) {
	percent, decimal := "0.0%", "0.0"
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 14}},
		{Font: &excelize.Font{Bold: true, Color: "AA1226"}},
		{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "bottom", Color: "6E7885", Style: 1}}},
		{NumFmt: 3}, // #,##0
		{CustomNumFmt: &percent},
		{CustomNumFmt: &decimal},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, fmt.Errorf("style: %w", err)
		}
		ids[i] = id
	}
	return styles{title: ids[0], marking: ids[1], header: ids[2], count: ids[3], share: ids[4], number: ids[5]}, nil
}

// writeSheet writes table t on its sheet.
func writeSheet(f *excelize.File, st styles, t meeting.ReportTable) error {
	sheet := t.Key
	set := func(col, row int, value any, style int) error {
		ref, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if s, ok := value.(string); ok {
			err = f.SetCellStr(sheet, ref, s) // never a formula
		} else {
			err = f.SetCellValue(sheet, ref, value)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(sheet, ref, ref, style)
		}
		return err
	}
	steps := []error{
		set(1, titleRow, t.Title, st.title),
		set(1, captionRow, t.Caption, 0),
		set(1, markingRow, meeting.Marking, st.marking),
	}
	widths := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		steps = append(steps, set(j+1, HeaderRow, c.Label, st.header))
		widths[j] = utf8.RuneCountInString(c.Label)
	}
	for i, row := range t.Rows {
		for j, c := range row.Cells {
			value, style := Value(c), 0
			switch c.Kind {
			case meeting.CellCount:
				style = st.count
			case meeting.CellShare:
				style = st.share
			case meeting.CellNumber:
				style = st.number
			case meeting.CellEmpty:
				continue
			}
			steps = append(steps, set(j+1, HeaderRow+1+i, value, style))
			if j < len(widths) {
				widths[j] = max(widths[j], utf8.RuneCountInString(c.Text))
			}
		}
	}
	for j, w := range widths {
		name, err := excelize.ColumnNumberToName(j + 1)
		if err == nil {
			err = f.SetColWidth(sheet, name, name, float64(min(w, 60)+2))
		}
		steps = append(steps, err)
	}
	steps = append(steps,
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: HeaderRow, TopLeftCell: fmt.Sprintf("A%d", HeaderRow+1), ActivePane: "bottomLeft"}),
		// The marking on every printed page too.
		f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: "&C&B" + meeting.Marking, OddFooter: "&C&B" + meeting.Marking + "&R&P of &N"}),
	)
	for _, err := range steps {
		if err != nil {
			return err
		}
	}
	return nil
}

// Value is what a cell of the model is in the workbook: a number for a
// count, a share (a fraction) or a number; the machine text otherwise; nil
// for an empty cell.
func Value(c meeting.ReportCell) any {
	switch c.Kind {
	case meeting.CellCount, meeting.CellShare, meeting.CellNumber:
		return c.Number
	case meeting.CellText:
		return c.Machine()
	}
	return nil
}
