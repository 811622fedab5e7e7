package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/pdf"
	"strategyminutes/storage"
)

func exportPDFFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.meetingID, "meeting", "", "the meeting's id (the ID column of 'strategyminutes list')")
	fs.StringVar(&o.out, "out", "", "PDF file to write, or a folder to write it in under a proposed name (- for standard output)")
	forceFlag(fs, o)
	fs.BoolVar(&o.initials, "initials", false, "a copy for wider distribution: the family's names as initials, dates of birth as the year only, NHS numbers removed; prints what it changed")
}

// runExportPDF writes one meeting's minutes as a PDF for partners.
func runExportPDF(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("export-pdf", args); err != nil {
		return err
	}
	id, out := e.opts.meetingID, e.opts.out
	if id == "" {
		return usagef("export-pdf: --meeting ID is required ('strategyminutes list' shows the ids)")
	}
	if out == "" {
		return usagef("export-pdf: --out FILE is required (- for standard output)")
	}
	m, err := e.db.Meeting(ctx, id)
	if errors.Is(err, meeting.ErrNotFound) {
		return fmt.Errorf("export-pdf: no meeting has the id %q ('strategyminutes list' shows the ids)", id)
	}
	if err != nil {
		return err
	}
	amendments, err := e.db.Amendments(ctx, id)
	if err != nil {
		return err
	}
	calendar, err := e.db.Calendar(ctx)
	if err != nil {
		return err
	}
	// The whole document is made before a byte is written, so a failure
	// leaves no file behind.
	var buf bytes.Buffer
	var changed pdf.Redactions
	var unprintable []string // field paths, never their text
	opt := pdf.Options{Initials: e.opts.initials, ExportedAt: time.Now(), Version: version, Amendments: amendments, Redactions: &changed, Calendar: calendar,
		OnUnprintable: func(field string) { unprintable = append(unprintable, field) }}
	defer func() {
		for _, f := range unprintable {
			fmt.Fprintf(e.stderr, "export-pdf: warning: %s has characters the PDF cannot print; they show as \uFFFD\n", pdf.FieldLabel(f))
		}
	}()
	if opt.Authority, opt.Contact, err = e.db.Issuer(ctx); err != nil {
		return fmt.Errorf("export-pdf: %w", err)
	}
	if m.SignedOff() {
		if opt.Seal, err = e.db.MinutesSeal(ctx, id); err != nil {
			return fmt.Errorf("export-pdf: %w", err)
		}
	}
	if err := pdf.WriteMinutes(&buf, m, opt); err != nil {
		return fmt.Errorf("export-pdf: %w", err)
	}
	// Minutes shared are a disclosure: the audit log records each one (which
	// copy, never the file's name, which may name a child).
	detail := meeting.PDFExportDetail(e.opts.initials, buf.Bytes())
	if out == "-" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return err
		}
		if err := recordExport(ctx, e, m.ID, detail); err != nil {
			return err
		}
		if e.opts.initials { // standard output is the PDF's
			printRedactions(e.stderr, &changed)
		}
		return nil
	}
	path := out
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		path = filepath.Join(out, pdf.MinutesFileName(m, e.opts.initials))
	}
	err = e.writeOutput(path, meeting.KindPDF, func(f *os.File) error {
		if _, err := f.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := recordExport(ctx, e, m.ID, detail); err != nil {
		return err
	}
	// The reference or id names the meeting: no child's name is printed.
	what := "minutes"
	if !m.SignedOff() {
		what = "draft minutes (not signed off: every page is marked DRAFT)"
	}
	if e.opts.initials {
		what = "distribution copy (initials) of the " + what
	}
	name := m.Reference
	if name == "" {
		name = m.ID
	}
	fmt.Fprintf(e.stdout, "Wrote the %s of %s to %s.\n", what, name, path)
	if e.opts.initials {
		printRedactions(e.stdout, &changed)
	}
	return nil
}

// printRedactions tells the chair what the distribution copy changed in the
// text, field by field, so that they can check it before sending. It gives
// counts and never the words: they are children's names.
func printRedactions(w io.Writer, r *pdf.Redactions) {
	if len(r.Fields) == 0 {
		fmt.Fprintln(w, "In the text, the copy found no name, date of birth or NHS number to hide.")
		return
	}
	fmt.Fprintln(w, "What the copy changed in the text:")
	for _, s := range r.Summaries() {
		fmt.Fprintf(w, "  %s\n", s)
	}
	switch n := r.LeftCount(); {
	case n == 1:
		fmt.Fprintln(w, "1 word that is a name of the family and also an everyday word (such as a month) was read as the word and left as written: check it in the field above before sending.")
	case n > 1:
		fmt.Fprintf(w, "%s words that are names of the family and also everyday words (such as a month) were read as the words and left as written: check them in the fields above before sending.\n", meeting.Count(n))
	}
}

func recordExport(ctx context.Context, e *env, id, detail string) error {
	if err := e.db.Record(ctx, storage.EventExportPDF, id, detail); err != nil {
		return fmt.Errorf("export-pdf: the PDF was written, but the audit log could not record it: %w", err)
	}
	return nil
}
