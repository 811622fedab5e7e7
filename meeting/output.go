package meeting

import "bytes"

// An OutputKind is a kind of file the app writes for people (an export, a
// PDF, a report, the audit log). An existing file is replaced only by a file
// of its own kind, so that a mistyped name cannot turn the wrong file into an
// export; Is reports whether a file starting with head is of the kind.
type OutputKind struct {
	Name string // "a PDF", "an interchange file": for messages
	Is   func(head []byte) bool
}

// HeadSize is how much of an existing file OutputKind.Is is shown.
const HeadSize = 512

// The kinds of files the app writes.
var (
	KindInterchange = OutputKind{"an interchange file (JSON)", func(h []byte) bool {
		h = trimLead(h)
		return bytes.HasPrefix(h, []byte("{")) && bytes.Contains(h, []byte(`"`+FormatName+`"`))
	}}
	KindPDF      = OutputKind{"a PDF", func(h []byte) bool { return bytes.HasPrefix(h, []byte("%PDF-")) }}
	KindAuditCSV = OutputKind{"an audit log (CSV)", func(h []byte) bool {
		return bytes.HasPrefix(trimLead(h), []byte("at,who,event,meeting,detail"))
	}}
	KindReportJSON = OutputKind{"a report (JSON)", func(h []byte) bool {
		h = trimLead(h)
		return bytes.HasPrefix(h, []byte("{")) && bytes.Contains(h, []byte(`"from"`))
	}}
	KindReportCSV = OutputKind{"a report (CSV)", func(h []byte) bool {
		return bytes.HasPrefix(trimLead(h), []byte("# "))
	}}
	// KindReportXLSX is a workbook: a zip whose first entry is a
	// spreadsheet's (ours start with "xl/", Excel's with the content types).
	KindReportXLSX = OutputKind{"a report (Excel workbook)", func(h []byte) bool {
		if !bytes.HasPrefix(h, []byte("PK\x03\x04")) || len(h) < 30 {
			return false
		}
		name := h[30:]
		return bytes.HasPrefix(name, []byte("xl/")) || bytes.HasPrefix(name, []byte("[Content_Types].xml"))
	}}
	KindReportText = OutputKind{"a report (text)", func(h []byte) bool {
		return bytes.HasPrefix(trimLead(h), []byte(ReportTextTitle))
	}}
	// KindBackup is a database copy: Backup never replaces a file.
	KindBackup = OutputKind{"a backup", func([]byte) bool { return false }}
)

// ReportTextTitle is the first line of the text report.
const ReportTextTitle = "Partner participation in strategy meetings"

// IsEmpty reports whether head is empty or blank: a file of nothing can be
// replaced by any kind (save dialogs make one).
func IsEmpty(head []byte) bool { return len(bytes.TrimSpace(head)) == 0 }

func trimLead(h []byte) []byte {
	h = bytes.TrimPrefix(h, []byte("\xef\xbb\xbf"))
	h = bytes.TrimLeft(h, " \t\r\n")
	return h
}
