package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"strategyminutes/meeting"
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
	if err := e.db.RecordFollowUp(ctx, o.meetingID, f); err != nil {
		return fmt.Errorf("followup: %w", err)
	}
	fmt.Fprintln(e.stdout, "Recorded; the minutes are unchanged.")
	return nil
}
