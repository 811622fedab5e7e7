package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
	"strategyminutes/pdf"
)

// MinutesPDF makes the PDF of the open meeting's minutes, with its
// amendments, exported now.
func (u *App) MinutesPDF(initials bool) (*meeting.Meeting, []byte, error) {
	if u.Editor == nil {
		return nil, nil, fmt.Errorf("no meeting is open")
	}
	if err := u.Editor.Flush(); err != nil {
		return nil, nil, err
	}
	m := u.Editor.Meeting()
	opt := pdf.Options{Initials: initials, ExportedAt: time.Now(), Version: u.opts.Version}
	if u.opts.Issuer != nil {
		var err error
		if opt.Authority, opt.Contact, err = u.opts.Issuer(); err != nil {
			return nil, nil, err
		}
	}
	if records, ok := u.store.(meeting.Records); ok && m.SignedOff() {
		amendments, err := records.Amendments(context.Background(), m.ID)
		if err != nil {
			return nil, nil, err
		}
		opt.Amendments = amendments
	}
	if sealer, ok := u.store.(meeting.Sealer); ok && m.SignedOff() {
		seal, err := sealer.MinutesSeal(context.Background(), m.ID)
		if err != nil {
			return nil, nil, err
		}
		opt.Seal = seal
	}
	var buf bytes.Buffer
	if err := pdf.WriteMinutes(&buf, m, opt); err != nil {
		return nil, nil, err
	}
	return m, buf.Bytes(), nil
}

// SavePDF writes an exported PDF owner-only and records the export in the
// audit log (which copy, never the file's name, which may name a child).
func (u *App) SavePDF(path string, m *meeting.Meeting, doc []byte, initials bool) error {
	err := u.writeFile(path, meeting.KindPDF, func(f *os.File) error {
		_, err := f.Write(doc)
		return err
	})
	if err != nil {
		return err
	}
	if records, ok := u.store.(meeting.Records); ok {
		return records.Record(context.Background(), meeting.EventExportPDF, m.ID, meeting.PDFExportDetail(initials, doc))
	}
	return nil
}

// exportPDF asks which copy, then where, and writes the minutes.
func (u *App) exportPDF() {
	if u.Editor == nil {
		infoDialog(u.Win, "Export the minutes as PDF", "Open a meeting first.")
		return
	}
	initials := newDialogCheck("Copy for wider distribution: children's names as initials, dates of birth as the year only")
	lines := []string{"Partners read the PDF; it is marked OFFICIAL-SENSITIVE on every page."}
	if !u.Editor.Meeting().SignedOff() {
		lines = append(lines, "These minutes are not signed off: every page will say DRAFT.")
	}
	var content []*widget.Label
	for _, l := range lines {
		label := widget.NewLabel(l)
		label.Wrapping = fyne.TextWrapWord
		content = append(content, label)
	}
	box := container.NewVBox(content[0])
	for _, l := range content[1:] {
		box.Add(l)
	}
	box.Add(initials)
	export := func() {
		m, doc, err := u.MinutesPDF(initials.Checked)
		if err != nil {
			errorDialog(u.Win, err)
			return
		}
		u.savePath(pdf.MinutesFileName(m, initials.Checked), meeting.KindPDF, func(path string) {
			if err := u.SavePDF(path, m, doc, initials.Checked); err != nil {
				errorDialog(u.Win, err)
				return
			}
			infoDialog(u.Win, "Exported", "The minutes are in\n"+path)
		})
	}
	initials.modal = showModal(u.Win, "Export the minutes as PDF", box, []modalButton{
		{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
		{text: "Choose where to save…", icon: theme.DocumentSaveIcon(), importance: widget.HighImportance, action: export, isDefault: true},
	}, nil)
}
