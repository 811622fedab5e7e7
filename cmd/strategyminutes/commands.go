package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/storage"
)

// version is set at build time from FyneApp.toml (see the Makefile).
var version = "dev"

func runVersion(_ context.Context, e *env, _ *flag.FlagSet, _ []string) error {
	fmt.Fprintf(e.stdout, "strategyminutes %s\n", version)
	return nil
}

// period reads --from and --to.
func period(o *options) (meeting.Filter, error) {
	var f meeting.Filter
	var err error
	if f.From, err = flagDate("--from", o.from); err != nil {
		return f, err
	}
	if f.To, err = flagDate("--to", o.to); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, usagef("--to %s is before --from %s", f.To, f.From)
	}
	return f, nil
}

// flagDate reads a date given on the command line. Its error quotes what
// was typed (the user's own words, not a record's).
func flagDate(flag, value string) (meeting.Date, error) {
	d, err := meeting.ParseDate(value)
	if err != nil {
		return d, usagef("%s: %q %v", flag, value, err)
	}
	return d, nil
}

func noArgs(name string, args []string) error {
	if len(args) > 0 {
		return usagef("%s: unexpected argument %q", name, args[0])
	}
	return nil
}

func runImport(ctx context.Context, e *env, _ *flag.FlagSet, files []string) error {
	if len(files) == 0 {
		return usagef("import: name at least one file (- for standard input)")
	}
	// "-" is standard input. A pipe or /dev/stdin is read once, into an
	// owner-only temporary copy that is checked and then imported.
	in := meeting.OpenInputs(files, os.Stdin)
	defer in.Close()
	// Check every file completely before writing anything, and never
	// write into a damaged database.
	checked, err := in.Check()
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := e.db.Writable(ctx); err != nil {
		return fmt.Errorf("import: %w; nothing was imported", err)
	}
	importTx := e.db.Import
	if checked.Sample {
		importTx = e.db.ImportSample // refused unless the database is empty or a sample one
	}
	res, err := importTx(ctx, in.Each)
	if err != nil {
		return fmt.Errorf("%w; nothing was imported", err)
	}
	printImportResult(e, "Imported "+meeting.Plural(len(files), "file"), res)
	return nil
}

// printImportResult says what an import did, and lists conflicts on
// standard error so that they are not lost in a pipeline.
func printImportResult(e *env, what string, res storage.ImportResult) {
	fmt.Fprintf(e.stdout, "%s: %d added, %d updated, %d unchanged, %d not imported (conflicts).\n",
		what, res.Added, res.Updated, res.Unchanged, len(res.Conflicts)+len(res.SignOffConflicts))
	if res.FollowUps > 0 {
		fmt.Fprintf(e.stdout, "%s recorded from the file (actions done, conferences, minutes sent), without changing any minutes.\n",
			meeting.Plural(res.FollowUps, "follow-up"))
	}
	if len(res.Conflicts) > 0 {
		verb := "differs from the imported version and was left as it is"
		if len(res.Conflicts) > 1 {
			verb = "differ from the imported version and were left as they are"
		}
		fmt.Fprintf(e.stderr, "%s signed off in this database %s: %s\n",
			meeting.Plural(len(res.Conflicts), "meeting"), verb, idList(res.Conflicts))
	}
	if n := len(res.SignOffConflicts); n > 0 {
		what := "1 meeting is a draft in this database and signed off in the file; a file cannot sign off minutes, so it was left as a draft"
		if n > 1 {
			what = fmt.Sprintf("%d meetings are drafts in this database and signed off in the file; a file cannot sign off minutes, so they were left as drafts", n)
		}
		fmt.Fprintf(e.stderr, "%s (the chair signs off in the app): %s\n", what, idList(res.SignOffConflicts))
	}
	if n := res.EarlierRules; n > 0 {
		what := "1 of the meetings added was"
		if n > 1 {
			what = meeting.Count(n) + " of the meetings added were"
		}
		fmt.Fprintf(e.stdout, "%s signed off before the statutory questions were asked (the file gives no sign_off_rules), and each is shown so; ask the sender about any signed off since.\n", what)
	}
}

// idList lists meeting ids for a message, each cut to 60 characters.
func idList(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = meeting.QuoteID(id)
	}
	return strings.Join(quoted, ", ")
}

func runExport(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("export", args); err != nil {
		return err
	}
	if e.opts.out == "" {
		return usagef("export: --out FILE is required (- for standard output)")
	}
	f, err := period(e.opts)
	if err != nil {
		return err
	}
	var n int
	if e.opts.out == "-" {
		if n, err = e.db.Export(ctx, e.stdout, f); err != nil {
			return err
		}
	} else {
		err = e.writeOutput(e.opts.out, meeting.KindInterchange, func(w *os.File) error {
			n, err = e.db.Export(ctx, w, f)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Exported %s to %s.\n", meeting.Plural(n, "meeting"), e.opts.out)
	}
	return e.db.Record(ctx, storage.EventExport, "", meeting.Plural(n, "meeting"))
}

func runList(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("list", args); err != nil {
		return err
	}
	f, err := period(e.opts)
	if err != nil {
		return err
	}
	if e.opts.limit < 0 {
		return usagef("list: --limit must be 0 or more")
	}
	f.Text, f.Limit = e.opts.search, e.opts.limit
	list, err := e.db.Summaries(ctx, f)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HELD (UK)\tREFERENCE\tTYPE\tCHILDREN\tCHAIR\tSTATUS\tSTATUTORY PARTNERS MISSING\tID")
	for _, s := range list {
		status := "draft"
		if s.SignedOff {
			status = "signed off"
		}
		missing := make([]string, len(s.MissingStatutory))
		for i, a := range s.MissingStatutory {
			missing[i] = a.Label()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.HeldAt.In(meeting.UK).Format("2006-01-02 15:04"),
			s.Reference, s.Type, strings.Join(s.Children, ", "), s.Chair, status, strings.Join(missing, ", "), s.ID)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	total, err := e.db.Count(ctx, meeting.Filter{From: f.From, To: f.To, Text: f.Text})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d of %s.\n", len(list), meeting.Plural(total, "meeting"))
	return nil
}

func runDemo(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("demo", args); err != nil {
		return err
	}
	if e.opts.meetings < 1 || e.opts.meetings > 10_000_000 {
		return usagef("demo: --meetings must be between 1 and 10000000")
	}
	if err := e.db.Writable(ctx); err != nil {
		return fmt.Errorf("demo: %w; nothing was added", err)
	}
	res, err := e.db.ImportSample(ctx, func(fn func(*meeting.Meeting) error) error {
		return demo.Each(e.opts.meetings, e.opts.seed, fn)
	})
	if err != nil {
		return err
	}
	printImportResult(e, fmt.Sprintf("Invented %s (seed %d) in %s", meeting.Plural(e.opts.meetings, "meeting"), e.opts.seed, e.db.Path()), res)
	return nil
}
