package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

func followUpFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.meetingID, "meeting", "", "the meeting's id (see list)")
	fs.StringVar(&o.action, "action", "", "an action's id, or # and its number in the minutes (#1, #2...)")
	fs.StringVar(&o.doneOn, "done", "", "with --action: the date it was done, YYYY-MM-DD")
	fs.BoolVar(&o.reopen, "open", false, "with --action: it is not done after all")
	fs.StringVar(&o.icpcHeld, "icpc-held", "", "the date the initial child protection conference was held, YYYY-MM-DD")
	fs.StringVar(&o.icpcNotNeeded, "icpc-not-needed", "", "why no initial conference is needed")
	fs.StringVar(&o.sentTo, "sent-to", "", "the name of someone the minutes were sent to")
	fs.StringVar(&o.agency, "agency", "", "with --sent-to: their agency (a code, e.g. police)")
	fs.StringVar(&o.copy, "copy", "", "with --sent-to: full or initials")
	fs.StringVar(&o.sentAt, "sent-at", "", "with --sent-to: when, RFC 3339 (default: now)")
}

// runFollowUp records one follow-up of a meeting, signed off or not: what
// happened after it, never a change to its minutes.
func runFollowUp(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("followup", args); err != nil {
		return err
	}
	o := e.opts
	if o.meetingID == "" {
		return usagef("followup: --meeting is required")
	}
	kinds := 0
	for _, given := range []bool{o.action != "", o.icpcHeld != "" || o.icpcNotNeeded != "", o.sentTo != ""} {
		if given {
			kinds++
		}
	}
	if kinds != 1 {
		return usagef("followup: give one of --action (with --done or --open), --icpc-held or --icpc-not-needed, --sent-to")
	}
	var f meeting.FollowUp
	var err error
	switch {
	case o.action != "":
		if (o.doneOn == "") == !o.reopen {
			return usagef("followup: --action needs --done DATE or --open")
		}
		f = meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: o.action}
		if o.doneOn != "" {
			if f.On, err = flagDate("--done", o.doneOn); err != nil {
				return err
			}
		}
	case o.icpcHeld != "" && o.icpcNotNeeded != "":
		return usagef("followup: give --icpc-held or --icpc-not-needed, not both")
	case o.icpcHeld != "":
		f = meeting.FollowUp{Kind: meeting.FollowUpICPC}
		if f.On, err = flagDate("--icpc-held", o.icpcHeld); err != nil {
			return err
		}
	case o.icpcNotNeeded != "":
		if strings.TrimSpace(o.icpcNotNeeded) == "" {
			return usagef("followup: --icpc-not-needed needs the reason no conference is needed")
		}
		f = meeting.FollowUp{Kind: meeting.FollowUpICPC, Reason: o.icpcNotNeeded}
	default:
		r := meeting.Recipient{Name: o.sentTo, Agency: meeting.Agency(o.agency), Copy: meeting.Copy(o.copy), SentAt: time.Now()}
		if o.sentAt != "" {
			t, problem := meeting.ParseTime(o.sentAt)
			if problem != "" {
				return usagef("followup: --sent-at: %q %s", o.sentAt, problem)
			}
			r.SentAt = t
		}
		f = meeting.FollowUp{Kind: meeting.FollowUpSent, Recipient: r}
	}
	if err := e.db.RecordFollowUp(ctx, o.meetingID, f); errors.Is(err, storage.ErrAlreadyRecorded) {
		fmt.Fprintln(e.stdout, "Nothing recorded: the meeting already holds it.")
		return nil
	} else if err != nil {
		return fmt.Errorf("followup: %w", err)
	}
	fmt.Fprintln(e.stdout, "Recorded; the minutes are unchanged.")
	return nil
}

func actionsFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.agency, "agency", "", "only this agency's actions (a code, e.g. police)")
	fs.StringVar(&o.owner, "owner", "", "only actions whose owner's name contains TEXT")
	fs.IntVar(&o.limit, "limit", 0, "list at most N actions (0: all)")
}

// runActions lists the actions not done across meetings, the overdue
// first: what a partnership chases.
func runActions(ctx context.Context, e *env, _ *flag.FlagSet, args []string) error {
	if err := noArgs("actions", args); err != nil {
		return err
	}
	o := e.opts
	if o.limit < 0 {
		return usagef("actions: --limit must be 0 or more")
	}
	if o.agency != "" && !meeting.Agencies.Valid(meeting.Agency(o.agency)) {
		return usagef("actions: --agency %q is not an agency's code (%s)", o.agency, strings.Join(agencyCodes(), ", "))
	}
	list, total, err := e.db.OpenActions(ctx, meeting.OpenActionFilter{Agency: meeting.Agency(o.agency), Owner: o.owner, Limit: o.limit})
	if err != nil {
		return err
	}
	today := meeting.UKDate(time.Now())
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tSTATE\tACTION\tOWNER\tAGENCY\tMEETING\tHELD (UK)\tACTION KEY\tMEETING ID")
	for _, a := range list {
		state := "open"
		switch {
		case a.Action.Due.IsZero():
			state = "no due date"
		case a.Action.Overdue(today):
			days := int(today.Time(time.UTC).Sub(a.Action.Due.Time(time.UTC)).Hours() / 24)
			state = "overdue " + meeting.Plural(days, "day")
		}
		agency := ""
		if a.Action.Agency != "" {
			agency = a.Action.Agency.Label()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Action.Due, state, oneLine(a.Action.Description), a.Action.Owner, agency,
			a.Reference, a.HeldAt.In(meeting.UK).Format("2006-01-02"), a.Key, a.Meeting)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d of %s not done.\n", len(list), meeting.Plural(total, "action"))
	return nil
}

// oneLine is a text on one line, for a table.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func agencyCodes() []string {
	var out []string
	for _, c := range meeting.Agencies.Codes() {
		out = append(out, string(c))
	}
	return out
}
