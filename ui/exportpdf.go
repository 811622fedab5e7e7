package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
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
	m, doc, _, _, err := u.minutesPDF(initials)
	return m, doc, err
}

// minutesPDF is MinutesPDF, with what a distribution copy changed in the
// text, and the fields that print a substitute for a character no font has.
func (u *App) minutesPDF(initials bool) (*meeting.Meeting, []byte, *pdf.Redactions, []string, error) {
	if u.Editor == nil {
		return nil, nil, nil, nil, fmt.Errorf("no meeting is open")
	}
	if err := u.Editor.Flush(); err != nil {
		return nil, nil, nil, nil, err
	}
	u.Editor.readCalendar() // the list of bank holidays as it is now
	m := u.Editor.Meeting()
	changed := &pdf.Redactions{}
	var unprintable []string
	opt := pdf.Options{Initials: initials, ExportedAt: time.Now(), Version: u.opts.Version, Redactions: changed, Calendar: u.Editor.calendar,
		OnUnprintable: func(field string) { unprintable = append(unprintable, field) }}
	if u.opts.Issuer != nil {
		var err error
		if opt.Authority, opt.Contact, err = u.opts.Issuer(); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if records, ok := u.store.(meeting.Records); ok && m.SignedOff() {
		amendments, err := records.Amendments(context.Background(), m.ID)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		opt.Amendments = amendments
	}
	if sealer, ok := u.store.(meeting.Sealer); ok && m.SignedOff() {
		seal, err := sealer.MinutesSeal(context.Background(), m.ID)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		opt.Seal = seal
	}
	var buf bytes.Buffer
	if err := pdf.WriteMinutes(&buf, m, opt); err != nil {
		return nil, nil, nil, nil, err
	}
	return m, buf.Bytes(), changed, unprintable, nil
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
	initials := newDialogCheck("Copy for wider distribution: the family's names as initials, dates of birth as the year only, NHS numbers removed")
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
		m, doc, changed, unprintable, err := u.minutesPDF(initials.Checked)
		if err != nil {
			errorDialog(u.Win, err)
			return
		}
		u.savePath(pdf.MinutesFileName(m, initials.Checked), meeting.KindPDF, func(path string) {
			if err := u.SavePDF(path, m, doc, initials.Checked); err != nil {
				errorDialog(u.Win, err)
				return
			}
			if initials.Checked {
				redactionsDialog(u.Win, path, changed, unprintable)
				return
			}
			msg := "The minutes are in\n" + path
			if len(unprintable) > 0 {
				msg += "\n\n" + unprintableNote(unprintable)
			}
			infoDialog(u.Win, "Exported", msg)
		})
	}
	initials.modal = showModal(u.Win, "Export the minutes as PDF", box, []modalButton{
		{text: "Cancel", icon: theme.CancelIcon(), isCancel: true},
		{text: "Choose where to save…", icon: theme.DocumentSaveIcon(), importance: widget.HighImportance, action: export, isDefault: true},
	}, nil)
}

// maxPlaces is how many words left as written the dialog quotes; a field
// with more says how many others it has.
const maxPlaces = 20

// redactionsDialog tells the chair, after a distribution copy is saved,
// what it changed in the text, field by field, and quotes the words that
// may be names but were read as everyday words, so that the chair checks
// them before sending the copy. The chair may see the names; nothing here
// is logged.
func redactionsDialog(win fyne.Window, path string, changed *pdf.Redactions, unprintable []string) {
	box := container.NewVBox()
	add := func(text string, importance widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = importance
		box.Add(l)
	}
	add("The distribution copy is in\n"+path, widget.MediumImportance)
	if len(unprintable) > 0 {
		add(unprintableNote(unprintable), widget.WarningImportance)
	}
	if len(changed.Fields) == 0 {
		add("No name, date of birth or NHS number of the family was found in the text. The tables show the children's initials and years of birth.", widget.MediumImportance)
	} else {
		var lines []string
		for _, f := range changed.Fields {
			if f.Replaced() > 0 {
				lines = append(lines, "• "+f.Summary())
			}
		}
		if len(lines) > 0 {
			add("What the copy changed in the text:\n"+strings.Join(lines, "\n"), widget.MediumImportance)
		}
	}
	if n := changed.LeftCount(); n > 0 {
		head := "Check before sending: 1 word is a name of the family and also an everyday word. It was read as the word and left as written:"
		if n > 1 {
			head = "Check before sending: " + meeting.Count(n) + " words are names of the family and also everyday words. They were read as the words and left as written:"
		}
		var places []string
		shown := 0
		for _, f := range changed.Fields {
			for i, l := range f.Left {
				if shown == maxPlaces {
					places = append(places, "• "+f.Label+": "+meeting.Plural(len(f.Left)-i, "more place"))
					break
				}
				places = append(places, "• "+f.Label+": “"+l.Context+"”")
				shown++
			}
		}
		add(head+"\n"+strings.Join(places, "\n")+"\nIf one of them is a name, change the text so that it reads as one (for example with the surname) and export again.", widget.WarningImportance)
	}
	add("Other details, such as addresses, schools and the names of people not in the household, are as recorded: check them too.", widget.MediumImportance)
	// Wrapping labels measure one word a line until given their width.
	const width = 560
	for _, o := range box.Objects {
		o.Resize(fyne.NewSize(width, o.MinSize().Height))
	}
	height := min(box.MinSize().Height, 420)
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(width, height))
	m := contentDialog(win, "Distribution copy exported", "OK", scroll)
	m.Resize(fyne.NewSize(width+60, height+140))
}

// unprintableNote names the fields whose text the PDF printed with a
// substitute for a character no font has, so that the chair can check
// them before sending.
func unprintableNote(fields []string) string {
	labels := make([]string, len(fields))
	for i, f := range fields {
		labels[i] = "• " + pdf.FieldLabel(f)
	}
	return "Some characters could not be printed and show as \uFFFD (an emoji, or a script the PDF has no font for), in:\n" + strings.Join(labels, "\n")
}
