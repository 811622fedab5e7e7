package main

import (
	"context"
	"flag"
	"fmt"
)

func settingsFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.authority, "authority", "", "the local authority that issues the minutes, printed on page 1 of every PDF (\"\" clears it)")
	fs.StringVar(&o.contact, "contact", "", "whom partners ask about the minutes: a team, a telephone number, an address (\"\" clears it; the chair is named instead)")
}

// runSettings shows the settings exported minutes print on their first
// page, and sets those given.
func runSettings(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs("settings", args); err != nil {
		return err
	}
	authority, contact, err := e.db.Issuer(ctx)
	if err != nil {
		return err
	}
	given := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "authority":
			authority, given = e.opts.authority, true
		case "contact":
			contact, given = e.opts.contact, true
		}
	})
	if given {
		if err := e.db.SetIssuer(ctx, authority, contact); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
		if authority, contact, err = e.db.Issuer(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Issuing authority:   %s\nContact for queries: %s\n", orNotSet(authority), orNotSet(contact))
	return nil
}

func orNotSet(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}
