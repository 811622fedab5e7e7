// Command strategyminutes records multi-agency child-protection strategy
// meetings. With no command it opens the app's window; the commands import,
// export, list and generate meetings from a terminal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const (
	dbEnv   = "STRATEGYMINUTES_DB"
	userEnv = "STRATEGYMINUTES_USER"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: its flags are added to fs, then it runs.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env *env, fs *flag.FlagSet, args []string) error
	flags               func(fs *flag.FlagSet, opts *options)
	noDB                bool
	// noDBWhen says, once the flags are read, that the command needs no
	// database this time (a report computed on the server).
	noDBWhen func(*options) bool
	// writes: the command writes to the database (an audit entry at
	// least), so it first waits for the check, and never starts on a
	// database that fails it.
	writes bool
}

// options hold every command's flag values.
type options struct {
	db, out, from, to, search string
	screenshots, user         string
	meetings, limit           int
	seed                      uint64
	asOf, format              string // report
	compare                   bool   // report --compare
	server                    string // server --server, sync --server, report --server
	onServer                  bool   // report --server was given (an empty address is libpq's defaults)
	meetingID                 string // export-pdf
	initials                  bool   // export-pdf
	force                     bool   // replace an existing --out file of another kind
	seal                      string // verify
	authority, contact        string // settings
	holidaysFile              string // holidays
	builtInHolidays           bool   // holidays
	// followup
	action, doneOn, icpcHeld, icpcNotNeeded string
	sentTo, agency, copy, sentAt            string
	reopen                                  bool
	owner                                   string // actions
	keep                                    string // conflicts
}

// env is what a command works with.
type env struct {
	name   string // the command's
	opts   *options
	stdout io.Writer
	stderr io.Writer
	db     *storage.DB
}

func commands() []command {
	return []command{
		{name: "import", writes: true, args: "FILE...", summary: "import meetings from interchange files (all or nothing)", run: runImport},
		{name: "export", writes: true, args: "--out FILE [--from DATE --to DATE]", summary: "export meetings to an interchange file", run: runExport,
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.out, "out", "", "file to write (- for standard output)")
				forceFlag(fs, o)
				periodFlags(fs, o)
			}},
		{name: "export-pdf", writes: true, args: "--meeting ID --out FILE [--initials]", summary: "write a meeting's minutes as a PDF to share with partners", run: runExportPDF, flags: exportPDFFlags},
		{name: "list", args: "[--from DATE --to DATE] [--search TEXT] [--limit N]", summary: "list meetings, newest first", run: runList,
			flags: func(fs *flag.FlagSet, o *options) {
				periodFlags(fs, o)
				fs.StringVar(&o.search, "search", "", "only meetings whose child, case reference, reference or chair contains TEXT")
				fs.IntVar(&o.limit, "limit", 0, "list at most N meetings (0: all)")
			}},
		{name: "demo", writes: true, args: "[--meetings N] [--seed S]", summary: "fill the database with invented meetings", run: runDemo,
			flags: func(fs *flag.FlagSet, o *options) {
				fs.IntVar(&o.meetings, "meetings", 500, "how many meetings to invent")
				fs.Uint64Var(&o.seed, "seed", 1, "the same seed gives the same meetings")
			}},
		{name: "report", args: "[--from DATE --to DATE] [--as-of DATE] [--compare] [--format json|csv|text|pdf|xlsx] [--out FILE] [--server URL]",
			summary: "partner-participation report; without --from/--to, the financial year that contains --as-of; with --server, of every chair's meetings on the partnership server",
			run:     runReport, flags: reportFlags, noDBWhen: onServer},
		{name: "backup", writes: true, args: "--out FILE", summary: "write a consistent copy of the database, even while the app is open", run: runBackup,
			flags: func(fs *flag.FlagSet, o *options) { fs.StringVar(&o.out, "out", "", "the backup file to create") }},
		{name: "restore", args: "FILE", summary: "check a backup and put it in place of the database, keeping the replaced one aside", run: runRestore, noDB: true},
		{name: "check", summary: "check the database for damage and for changes made outside the app (checksums, seals, the audit log's chain)", run: runCheck},
		{name: "verify", args: "FILE.pdf | --seal XXXX-XXXX-XXXX-XXXX", summary: "check a copy of signed-off minutes against the database by its seal", run: runVerify, flags: verifyFlags},
		{name: "audit", args: "[--out FILE]", summary: "write the audit log (who did what, when) as CSV", run: runAudit,
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.out, "out", "", "file to write (default: standard output)")
				forceFlag(fs, o)
			}},
		{name: "delete", args: "--meeting ID [--reason TEXT] [--ground mistake|retention]", run: runDelete, flags: deleteFlags,
			summary: "delete a meeting and erase its text: a draft, or signed-off minutes with a reason (kept in the audit log: never name the child)"},
		{name: "settings", args: "[--authority TEXT] [--contact TEXT]", run: runSettings, flags: settingsFlags,
			summary: "show or set the issuing authority and the contact for queries that exported minutes print on page 1"},
		{name: "holidays", args: "[--import bank-holidays.json | --built-in] [--server URL]", run: runHolidays, flags: holidaysFlags,
			noDBWhen: onServer,
			summary:  "show the bank holidays working days are counted with, or import gov.uk's list when a new one is proclaimed (with --server, the partnership server's, for its report)"},
		{name: "actions", run: runActions, flags: actionsFlags, args: "[--agency CODE] [--owner TEXT] [--limit N]",
			summary: "list the actions not done across meetings, by due date, the overdue first"},
		{name: "followup", writes: true, run: runFollowUp, flags: followUpFlags,
			args:    "--meeting ID (--action ID|#N --done DATE | --action ID|#N --open | --icpc-held DATE | --icpc-not-needed TEXT | --sent-to NAME --copy full|initials [--agency CODE] [--sent-at TIME])",
			summary: "record what happened after a meeting (an action done, the initial conference, the minutes sent) without changing its minutes"},
		{name: "server", args: "init|check --server URL", summary: "make (or update) the partnership server's schema and roles, or check its report's entries against its meetings, as its database owner (docs/server.md)",
			run: runServer, flags: serverFlags, noDB: true},
		{name: "sync", writes: true, args: "--server URL", summary: "sync with the partnership server: take in everyone's meetings, send this database's changes (docs/server.md)",
			run: runSync, flags: serverFlags},
		{name: "conflicts", writes: true, args: "[--meeting ID --keep mine|theirs]", run: runConflicts, flags: conflictsFlags,
			summary: "list the meetings changed both here and on another laptop since they last synced, or settle one: this copy stands, or the other replaces it"},
		{name: "version", summary: "print the version", run: runVersion, noDB: true},
		{name: "help", summary: "show this help", noDB: true},
	}
}

func forceFlag(fs *flag.FlagSet, o *options) {
	fs.BoolVar(&o.force, "force", false, "replace an existing --out file even if it is not of the kind written (never the database, its files or backups)")
}

// writeOutput writes a command's output file, owner-only and whole or not
// at all, once storage.CheckOutput has agreed that it keeps nothing of the
// app's.
func (e *env) writeOutput(path string, kind meeting.OutputKind, write func(*os.File) error) error {
	// A command run without the database (a report on the server) still
	// never writes over it.
	db := ""
	if e.db != nil {
		db = e.db.Path()
	} else if p, err := dbPath(e.opts.db); err == nil {
		db = p
	}
	if err := storage.WriteOutput(db, path, kind, e.opts.force, write); err != nil {
		return fmt.Errorf("%s: %w", e.name, err)
	}
	return nil
}

func periodFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.from, "from", "", "first UK local date, YYYY-MM-DD (inclusive)")
	fs.StringVar(&o.to, "to", "", "last UK local date, YYYY-MM-DD (inclusive)")
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts := &options{}
	global := flag.NewFlagSet("strategyminutes", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&opts.db, "db", "", "database file (default: $"+dbEnv+", else the user's data directory)")
	global.StringVar(&opts.user, "user", os.Getenv(userEnv), "the name the audit log records (default: $"+userEnv+", else the computer account's)")
	global.StringVar(&opts.screenshots, "screenshots", "", "open the window, save screenshots of its views into this folder, and quit")
	err := global.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		printHelp(stdout)
		return exitOK
	}
	if err != nil {
		return fail(stderr, usagef("%v", err))
	}
	args = global.Args()
	if len(args) == 0 {
		return fail(stderr, runGUI(opts))
	}
	name := args[0]
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		if c.name == "help" {
			printHelp(stdout)
			return exitOK
		}
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.StringVar(&opts.db, "db", opts.db, "database file")
		if c.flags != nil {
			c.flags(fs, opts)
		}
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printCommandHelp(stdout, c, fs)
				return exitOK
			}
			return fail(stderr, usagef("%s: %v", name, err))
		}
		e := &env{name: name, opts: opts, stdout: stdout, stderr: stderr}
		if !c.noDB && (c.noDBWhen == nil || !c.noDBWhen(opts)) {
			db, err := openDB(opts.db)
			if err != nil {
				return fail(stderr, err)
			}
			defer db.Close()
			db.SetUser(opts.user)
			e.db = db
			if f, ok := stdout.(*os.File); ok && storage.IsDatabaseFile(db.Path(), f) {
				return fail(stderr, fmt.Errorf("%s: standard output is the database or one of its files: %w; nothing was written", name, storage.ErrProtected))
			}
			if w := db.Warning(); w != "" {
				fmt.Fprintf(stderr, "strategyminutes: warning: %s\n", w)
			}
			if c.writes {
				if err := db.Writable(ctx); err != nil {
					return fail(stderr, fmt.Errorf("%s: %w", name, err))
				}
			}
		}
		return fail(stderr, c.run(ctx, e, fs, fs.Args()))
	}
	return fail(stderr, usagef("unknown command %q", name))
}

// fail prints err as one line (or one line per problem) and returns the exit
// status for it.
func fail(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "strategyminutes: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'strategyminutes help' for usage.")
		return exitUsage
	}
	return exitError
}

// dbPath chooses the database: --db, then $STRATEGYMINUTES_DB, then the
// user's data directory.
func dbPath(flagValue string) (string, error) {
	path := flagValue
	if path == "" {
		path = os.Getenv(dbEnv)
	}
	if path == "" {
		return storage.DefaultPath()
	}
	return filepath.Abs(path)
}

func openDB(flagValue string) (*storage.DB, error) {
	path, err := dbPath(flagValue)
	if err != nil {
		return nil, err
	}
	return storage.Open(path)
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, `Strategy Minutes %s: records of multi-agency child-protection strategy meetings.

Usage:
  strategyminutes [--db FILE]              open the app's window
  strategyminutes [--db FILE] COMMAND [ARGS]
  strategyminutes --user NAME ...          the name the audit log records (default: the computer account's)

Commands:
`, version)
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace(fmt.Sprintf("%-*s %s", width, c.name, c.args)), c.summary)
	}
	fmt.Fprintf(w, `
The database is --db FILE, else $%s, else %s.
Dates are UK local calendar dates, YYYY-MM-DD. 'strategyminutes COMMAND -h' shows a command's flags.
Exit status: 0 done, 1 failed (the message says why), 2 bad usage.
`, dbEnv, defaultPathForHelp())
}

func defaultPathForHelp() string {
	p, err := storage.DefaultPath()
	if err != nil {
		return "the user's data directory"
	}
	return p
}

func printCommandHelp(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: strategyminutes %s %s\n%s\n\nFlags:\n", c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
	fs.SetOutput(w)
	fs.PrintDefaults()
}
