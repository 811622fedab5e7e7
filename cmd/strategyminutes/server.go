package main

import (
	"context"
	"flag"
	"fmt"

	"strategyminutes/postgres"
)

func serverFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.server, "server", "", "the partnership server's address: a postgres:// URL or libpq's key=value settings (default: libpq's PGHOST, PGUSER, ... and ~/.pgpass)")
}

// runServer runs a server subcommand: init, as the server database's owner.
func runServer(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if len(args) == 0 || args[0] != "init" {
		return usagef("server: say what to do: server init --server URL")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return usagef("server init: %v", err)
	}
	if err := noArgs("server init", fs.Args()); err != nil {
		return err
	}
	s, err := postgres.Open(ctx, e.opts.server)
	if err != nil {
		return fmt.Errorf("server init: %w", err)
	}
	defer s.Close()
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
