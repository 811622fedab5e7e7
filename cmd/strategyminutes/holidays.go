package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/postgres"
)

func holidaysFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.holidaysFile, "import", "", "gov.uk's list of bank holidays (https://www.gov.uk/bank-holidays.json), used for the years it covers")
	fs.BoolVar(&o.builtInHolidays, "built-in", false, "forget an imported list: count with the built-in bank holidays alone")
	onServerFlag(fs, o, "the partnership server's bank holidays instead, which its report counts with (changed by an administrator's login)")
}

// A calendarStore keeps the bank holidays working days are counted with:
// the laptop's database, or the partnership server.
type calendarStore interface {
	Calendar(ctx context.Context) (*meeting.Calendar, error)
	SetBankHolidays(ctx context.Context, data []byte) error
}

// upcomingHolidays is how many of the next bank holidays the command lists,
// for whoever imports a list to check it.
const upcomingHolidays = 8

// maxHolidaysFile: gov.uk's list is about 20 kB.
const maxHolidaysFile = 1 << 20

// runHolidays shows the calendar working days are counted with (the
// conference's due date, the report's timeliness), and replaces its list.
func runHolidays(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs("holidays", args); err != nil {
		return err
	}
	var store calendarStore = e.db
	if e.opts.onServer {
		s, err := postgres.Open(ctx, e.opts.server)
		if err != nil {
			return fmt.Errorf("holidays: %w", err)
		}
		defer s.Close()
		store = s
	}
	switch {
	case e.opts.holidaysFile != "" && e.opts.builtInHolidays:
		return usagef("holidays: give --import or --built-in, not both")
	case e.opts.holidaysFile != "":
		f, err := os.Open(e.opts.holidaysFile)
		if err != nil {
			return fmt.Errorf("holidays: %w", err)
		}
		data, err := io.ReadAll(io.LimitReader(f, maxHolidaysFile+1))
		f.Close()
		if err == nil && len(data) > maxHolidaysFile {
			err = fmt.Errorf("larger than %d bytes: not gov.uk's list of bank holidays", maxHolidaysFile)
		}
		if err != nil {
			return fmt.Errorf("holidays: %s: %w", e.opts.holidaysFile, err)
		}
		if err := store.SetBankHolidays(ctx, data); err != nil {
			return fmt.Errorf("holidays: %s: %w", e.opts.holidaysFile, err)
		}
	case e.opts.builtInHolidays:
		if err := store.SetBankHolidays(ctx, nil); err != nil {
			return fmt.Errorf("holidays: %w", err)
		}
	}
	c, err := store.Calendar(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "Working days: Monday to Friday, except bank holidays in England and Wales.")
	if first, last := c.Published(); first != 0 {
		fmt.Fprintf(e.stdout, "Bank holidays: gov.uk's list for %d to %d; the built-in days for other years.\n", first, last)
	} else {
		fmt.Fprintln(e.stdout, "Bank holidays: the built-in days (the rules and the days proclaimed up to 2023); import gov.uk's list when a new one is proclaimed.")
	}
	fmt.Fprintln(e.stdout, "Next bank holidays:")
	d := meeting.UKDate(time.Now())
	for n := 0; n < upcomingHolidays; d = d.AddDays(1) {
		if name, ok := c.Holiday(d); ok {
			fmt.Fprintf(e.stdout, "  %s  %s\n", d.Time(time.UTC).Format("Mon 02 Jan 2006"), name)
			n++
		}
	}
	return nil
}
