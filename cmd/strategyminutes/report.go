package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/pdf"
	"strategyminutes/postgres"
	"strategyminutes/xlsx"
)

// now is the clock that gives --as-of its default; tests replace it.
var now = time.Now

// reportFormats are the values of report --format.
var reportFormats = []string{"json", "csv", "text", "pdf", "xlsx"}

// reportKinds are the kinds of file each format writes.
var reportKinds = map[string]meeting.OutputKind{
	"json": meeting.KindReportJSON, "csv": meeting.KindReportCSV, "text": meeting.KindReportText, "pdf": meeting.KindPDF,
	"xlsx": meeting.KindReportXLSX,
}

func reportFlags(fs *flag.FlagSet, o *options) {
	periodFlags(fs, o)
	fs.StringVar(&o.asOf, "as-of", "", "judge actions overdue as of this UK local date, YYYY-MM-DD (default: today)")
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(reportFormats, ", "))
	fs.StringVar(&o.out, "out", "", "file to write, owner-only (default or -: standard output)")
	onServerFlag(fs, o, "compute the report of every chair's meetings on the partnership server instead, as an analyst's login")
	fs.BoolVar(&o.compare, "compare", false, "compare with the period before, of the same length (to the same day of it, for a period not yet ended)")
	forceFlag(fs, o)
}

// reportPeriod reads --from, --to and --as-of. Without --from and --to the
// period is the financial year (April to March) that contains --as-of.
func reportPeriod(o *options) (from, to, asOf meeting.Date, err error) {
	if o.asOf == "" {
		asOf = meeting.UKDate(now())
	} else if asOf, err = flagDate("--as-of", o.asOf); err != nil {
		return from, to, asOf, err
	}
	f, err := period(o)
	if err != nil {
		return from, to, asOf, err
	}
	switch {
	case f.From.IsZero() && f.To.IsZero():
		from, to = meeting.FinancialYear(asOf)
	case f.From.IsZero() || f.To.IsZero():
		return from, to, asOf, usagef("report: give both --from and --to, or neither for the financial year that contains --as-of")
	default:
		from, to = f.From, f.To
	}
	return from, to, asOf, nil
}

func runReport(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("report", args); err != nil {
		return err
	}
	var render func(*meeting.Report, io.Writer) error
	switch e.opts.format {
	case "json":
		render = writeReportJSON
	case "csv":
		render = (*meeting.Report).WriteCSV
	case "text":
		render = (*meeting.Report).WriteText
	case "pdf":
		render = func(r *meeting.Report, w io.Writer) error {
			return pdf.WriteReport(w, r, pdf.Options{ExportedAt: time.Now(), Version: version})
		}
	case "xlsx":
		render = func(r *meeting.Report, w io.Writer) error { return xlsx.WriteReport(w, r) }
	default:
		return usagef("report: --format %q is not one of %s", e.opts.format, strings.Join(reportFormats, ", "))
	}
	from, to, asOf, err := reportPeriod(e.opts)
	if err != nil {
		return err
	}
	var src meeting.Reporter = e.db
	if e.opts.onServer {
		s, err := postgres.Open(ctx, e.opts.server)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		defer s.Close()
		src = s
	}
	report := src.Report
	if e.opts.compare {
		report = func(ctx context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
			return meeting.CompareReport(ctx, src, from, to, asOf)
		}
	}
	r, err := report(ctx, from, to, asOf)
	if err != nil {
		return err
	}
	if e.opts.out == "" || e.opts.out == "-" {
		return render(r, e.stdout)
	}
	err = e.writeOutput(e.opts.out, reportKinds[e.opts.format], func(f *os.File) error {
		w := bufio.NewWriter(f)
		if err := render(r, w); err != nil {
			return fmt.Errorf("write %s: %w", e.opts.out, err)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("write %s: %w", e.opts.out, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote the report of %s held %s to %s to %s.\n", meeting.Plural(r.Meetings, "meeting"), r.From, r.To, e.opts.out)
	return nil
}

func writeReportJSON(r *meeting.Report, w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
