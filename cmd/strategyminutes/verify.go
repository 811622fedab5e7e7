package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"

	"strategyminutes/meeting"
	"strategyminutes/pdf"
	"strategyminutes/storage"
)

func verifyFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.seal, "seal", "", "the seal printed on the minutes, XXXX-XXXX-XXXX-XXXX")
}

// runVerify checks a copy of signed-off minutes (a PDF, or the seal read
// from one) against the database: is it of minutes held here, and are they
// still as that copy shows them?
func runVerify(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	seal := e.opts.seal
	switch {
	case seal != "" && len(args) > 0:
		return usagef("verify: give a PDF or --seal, not both")
	case seal == "" && len(args) != 1:
		return usagef("verify: name one PDF of minutes, or give --seal XXXX-XXXX-XXXX-XXXX")
	case seal == "":
		var err error
		if seal, err = sealOfPDF(args[0]); err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		// The file itself must be one the app exported, byte for byte:
		// its seal alone could be copied into a changed or made-up file.
		doc, err := os.ReadFile(args[0])
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		exp, err := e.db.FindPDFExport(ctx, meeting.PDFDigest(doc))
		if errors.Is(err, storage.ErrNotExported) {
			return fmt.Errorf("verify: %s is not a file exported from %s: no export in the audit log has exactly its bytes, so it was changed after export, made elsewhere, or exported from another database; its seal %s is not vouched for", args[0], e.db.Path(), seal)
		}
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		fmt.Fprintf(e.stdout, "%s is, byte for byte, a copy exported %s (UK time).\n", args[0], exp.At.In(meeting.UK).Format("2 January 2006 15:04"))
	}
	m, err := e.db.FindSeal(ctx, seal)
	if errors.Is(err, storage.ErrNoSuchSeal) {
		return fmt.Errorf("verify: no minutes in %s have the seal %s: the copy did not come from this database, or what it says was changed", e.db.Path(), seal)
	}
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	name := m.Reference
	if name == "" {
		name = m.Meeting
	}
	when := m.At.In(meeting.UK).Format("2 January 2006 15:04")
	if !m.DeletedAt.IsZero() {
		return fmt.Errorf("verify: the seal %s is of minutes (meeting %s, sealed %s, UK time) that were deleted on %s: the audit log records who deleted them, when and why ('strategyminutes audit'); this copy is of minutes that no longer stand",
			seal, name, when, m.DeletedAt.In(meeting.UK).Format("2 January 2006 15:04"))
	}
	if !m.Current {
		return fmt.Errorf("verify: the seal %s is of an earlier version of the minutes of %s (sealed %s, UK time): they have been amended since, and their seal is now %s; this copy is out of date",
			seal, name, when, m.CurrentSeal)
	}
	fmt.Fprintf(e.stdout, "The seal %s is of the minutes of %s as they stand (sealed %s, UK time): the minutes in the database match it, and the audit log's chain is whole.\n",
		m.CurrentSeal, name, when)
	return nil
}

var sealPattern = regexp.MustCompile(`^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}`)

// sealOfPDF reads the seal from a PDF's keywords, where the app writes it
// (UTF-16 in the document's information, so the zero bytes are dropped).
func sealOfPDF(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if info.Size() > 200<<20 {
		return "", fmt.Errorf("%s is too large to be minutes", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return "", fmt.Errorf("%s is not a PDF", path)
	}
	b = bytes.ReplaceAll(b, []byte{0}, nil)
	i := bytes.LastIndex(b, []byte(pdf.SealKeyword))
	if i < 0 {
		return "", fmt.Errorf("%s has no seal: it is not signed-off minutes exported by Strategy Minutes (drafts have none, nor copies made by versions of the app before seals)", path)
	}
	s := sealPattern.Find(b[i+len(pdf.SealKeyword):])
	if s == nil {
		return "", fmt.Errorf("%s: its seal cannot be read", path)
	}
	return string(s), nil
}
