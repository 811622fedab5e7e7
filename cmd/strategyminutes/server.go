package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/postgres"
	"strategyminutes/storage"
)

// onServerFlag adds --server to a command that works on the laptop's
// database unless it is given (o.onServer): then on the server at that
// address, with no database opened (command.noDBWhen).
func onServerFlag(fs *flag.FlagSet, o *options, what string) {
	fs.Func("server", what+": the server's address, a postgres:// URL or libpq's key=value settings (\"\" for libpq's PGHOST, PGUSER, ...); default: this laptop's database", func(s string) error {
		o.server, o.onServer = s, true
		return nil
	})
}

func serverFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.server, "server", "", "the partnership server's address: a postgres:// URL or libpq's key=value settings (default: libpq's PGHOST, PGUSER, ... and ~/.pgpass)")
}

// runServer runs a server subcommand: init, as the server database's owner.
func runServer(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if len(args) == 0 || (args[0] != "init" && args[0] != "check") {
		return usagef("server: say what to do: server init --server URL, or server check --server URL")
	}
	what := "server " + args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return usagef("%s: %v", what, err)
	}
	if err := noArgs(what, fs.Args()); err != nil {
		return err
	}
	s, err := postgres.Open(ctx, e.opts.server)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer s.Close()
	if args[0] == "check" {
		wrong, err := s.CheckReportEntries(ctx)
		if err != nil {
			return fmt.Errorf("server check: %w", err)
		}
		if len(wrong) == 0 {
			fmt.Fprintln(e.stdout, "The report's entries match the meetings on the server.")
			return nil
		}
		for _, id := range wrong {
			fmt.Fprintf(e.stderr, "strategyminutes: server check: meeting %s: the version the report counts is one a laptop refuses, or its entry does not match it: the report would count what no laptop holds\n", meeting.QuoteID(id))
		}
		return fmt.Errorf("server check: %s whose entry in the report does not match what laptops hold (above)", meeting.Plural(len(wrong), "meeting"))
	}
	from, to, err := s.Init(ctx)
	if err != nil {
		return err
	}
	if from == to {
		fmt.Fprintf(e.stdout, "The server's schema is up to date (version %d).\n", to)
		return nil
	}
	fmt.Fprintf(e.stdout, "The server's schema is at version %d (it was %d), with the roles %s, %s and %s.\n"+
		"Give each login one of them, for example: GRANT %s TO alice; (docs/server.md)\n",
		to, from, postgres.RoleChair, postgres.RoleAnalyst, postgres.RoleAdmin, postgres.RoleChair)
	return nil
}

// syncTimeout is how long one sync may take before it is given up (and
// may be run again, carrying on): a server that stops answering never
// hangs the command.
const syncTimeout = 10 * time.Minute

// runSync syncs the database with the partnership server, as a chair's
// login: it pulls every version it lacks, then pushes what changed here.
// Stopped anywhere, it loses nothing; run again, it carries on.
func runSync(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs("sync", args); err != nil {
		return err
	}
	const again = "nothing taken in or sent is lost: run sync again"
	// The window syncs by itself, and holds the meeting being typed; a
	// second sync beside it would write under the chair's typing.
	lock, err := storage.LockInstance(e.db.Path())
	if errors.Is(err, storage.ErrInUse) {
		return fmt.Errorf("sync: the app's window, or another sync, has this database open: the window syncs by itself when a server is set in its Settings; otherwise wait for the other sync")
	}
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	defer lock.Release()
	ctx, cancel := context.WithTimeout(ctx, syncTimeout)
	defer cancel()
	s, err := postgres.Open(ctx, e.opts.server)
	if err != nil {
		return fmt.Errorf("sync: %w (%s)", err, again)
	}
	defer s.Close()
	res, err := meeting.Sync(ctx, e.db, s)
	if err != nil {
		return fmt.Errorf("sync: %w (%s)", err, again)
	}
	fmt.Fprintf(e.stdout, "Synced: %s pulled (%d new, %d updated), %s pushed.\n",
		meeting.Plural(res.Pulled, "version"), res.Added, res.Updated, meeting.Plural(res.Pushed, "meeting"))
	if res.Deleted > 0 {
		fmt.Fprintf(e.stdout, "%s deleted everywhere by the partnership's administrator: deleted here too (the audit log says by whom and why).\n", meeting.Plural(res.Deleted, "meeting"))
	}
	if n := len(res.Conflicts); n > 0 {
		fmt.Fprintf(e.stdout, "%s changed both here and on another laptop: both versions are kept, for you to choose or merge:\n", meeting.Plural(n, "meeting"))
		for _, id := range res.Conflicts {
			fmt.Fprintf(e.stdout, "  %s\n", id)
		}
	}
	if len(res.Refused) > 0 {
		for _, r := range res.Refused {
			fmt.Fprintf(e.stderr, "strategyminutes: sync: refused: %s\n", r)
		}
		return fmt.Errorf("sync: %s refused (above); everything else is synced", meeting.Plural(len(res.Refused), "version"))
	}
	return nil
}

func conflictsFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.meetingID, "meeting", "", "the meeting whose conflict to settle")
	fs.StringVar(&o.keep, "keep", "", "mine: this database's copy stands; theirs: the other laptop's version replaces it")
}

// runConflicts lists the conflicts sync kept, or settles one.
func runConflicts(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs("conflicts", args); err != nil {
		return err
	}
	cs, err := e.db.SyncConflicts(ctx)
	if err != nil {
		return err
	}
	id, keep := e.opts.meetingID, e.opts.keep
	if id == "" && keep == "" {
		if len(cs) == 0 {
			fmt.Fprintln(e.stdout, "No conflicts: every meeting changed here is as the server has it, or waits to be sent.")
			return nil
		}
		for _, c := range cs {
			fmt.Fprintf(e.stdout, "%s  %s  revision %d, by %s at %s\n", c.MeetingID, c.Theirs.Reference, c.Revision, c.MadeBy, c.MadeAt.In(meeting.UK).Format("2 Jan 2006 15:04"))
		}
		fmt.Fprintf(e.stdout, "%s. Settle one with: conflicts --meeting ID --keep mine|theirs\n", meeting.Plural(len(cs), "conflict"))
		return nil
	}
	if id == "" || (keep != storage.KeepMine && keep != storage.TakeTheirs) {
		return usagef("conflicts: give --meeting ID and --keep mine or --keep theirs")
	}
	var revs []int64
	for _, c := range cs {
		if c.MeetingID == id {
			revs = append(revs, c.Revision)
		}
	}
	switch len(revs) {
	case 0:
		return fmt.Errorf("conflicts: meeting %s has no conflict kept", meeting.QuoteID(id))
	case 1:
	default:
		return fmt.Errorf("conflicts: meeting %s has %d conflicting versions: settle them in the app's window", meeting.QuoteID(id), len(revs))
	}
	lock, err := storage.LockInstance(e.db.Path())
	if err != nil {
		return fmt.Errorf("conflicts: %w", err)
	}
	defer lock.Release()
	if err := e.db.ResolveConflict(ctx, id, revs[0], keep); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Settled: %s. The next sync sends it, so that every laptop settles on it too.\n",
		map[string]string{storage.KeepMine: "this database's copy stands", storage.TakeTheirs: "the other laptop's version replaced this copy"}[keep])
	return nil
}

// onServer says --server was given (onServerFlag): the command needs no
// laptop database.
func onServer(o *options) bool { return o.onServer }
