package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

func runBackup(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("backup", args); err != nil {
		return err
	}
	if e.opts.out == "" {
		return usagef("backup: --out FILE is required")
	}
	if err := e.db.Backup(ctx, e.opts.out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s.\n", e.db.Path(), e.opts.out)
	return nil
}

// runRestore replaces the database with a backup. It needs the database
// closed, so it opens nothing itself and refuses while the app's window has
// the database open.
func runRestore(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if len(args) != 1 {
		return usagef("restore: name one backup file")
	}
	path, err := dbPath(e.opts.db)
	if err != nil {
		return err
	}
	who := e.opts.user
	if who == "" {
		who = storage.DefaultUser()
	}
	aside, err := storage.RestoreAs(ctx, args[0], path, who)
	if err != nil {
		return err
	}
	// The restored database must open as the app opens it.
	db, err := storage.Open(path)
	if err != nil {
		return fmt.Errorf("restore: the restored database does not open (%w); the one it replaced is kept whole at %s", err, aside)
	}
	db.Close()
	fmt.Fprintf(e.stdout, "Restored %s from %s.\n", path, args[0])
	if aside != "" {
		fmt.Fprintf(e.stdout, "The database it replaced is kept at %s.\n", aside)
	}
	return nil
}

func runCheck(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("check", args); err != nil {
		return err
	}
	if err := e.db.Check(ctx); err != nil {
		return err
	}
	n, err := e.db.Count(ctx, meeting.Filter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s is sound: %s, schema version %d; every meeting matches its checksum, every signed-off one its seal, and the audit log its chain.\n",
		e.db.Path(), meeting.Plural(n, "meeting"), storage.SchemaVersion())
	return nil
}

func runAudit(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("audit", args); err != nil {
		return err
	}
	if e.opts.out == "" || e.opts.out == "-" {
		return e.db.WriteAuditCSV(ctx, e.stdout)
	}
	return e.writeOutput(e.opts.out, meeting.KindAuditCSV, func(f *os.File) error { return e.db.WriteAuditCSV(ctx, f) })
}
