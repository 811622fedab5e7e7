package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"regexp"

	"strategyminutes/meeting"
	"strategyminutes/storage"
)

func deleteFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.meetingID, "meeting", "", "the meeting's id (the ID column of 'strategyminutes list')")
	fs.String("reason", "", "why it is deleted: required for signed-off minutes, at least 10 characters. "+
		"Kept in the audit log for good: do not name the child or the family")
	fs.String("ground", string(meeting.GroundMistake), "for signed-off minutes: 'mistake' (the wrong child or family, twice, or no such meeting; at any time) "+
		"or 'retention' (the partnership's retention period is over: "+fmt.Sprint(meeting.DefaultRetention.Years)+" years after the meeting)")
}

// idShaped is what a meeting id looks like; anything else typed after
// --meeting (a name, by mistake) is not repeated in a message.
var idShaped = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// runDelete deletes one meeting: a draft, or signed-off minutes with a
// ground and a reason, which the audit log keeps with the reference.
func runDelete(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs("delete", args); err != nil {
		return err
	}
	id := e.opts.meetingID
	if id == "" {
		return usagef("delete: --meeting ID is required ('strategyminutes list' shows the ids)")
	}
	d := meeting.Deletion{Reason: fs.Lookup("reason").Value.String(), Ground: meeting.DeleteGround(fs.Lookup("ground").Value.String())}
	if d.Ground != meeting.GroundMistake && d.Ground != meeting.GroundRetention {
		return usagef("delete: --ground is 'mistake' or 'retention'")
	}
	if err := e.db.Check(ctx); err != nil {
		return fmt.Errorf("delete: %w; nothing was deleted", err)
	}
	done, err := e.db.DeleteMeeting(ctx, id, d)
	switch {
	case errors.Is(err, meeting.ErrNotFound):
		if idShaped.MatchString(id) {
			return fmt.Errorf("delete: no meeting has the id %q ('strategyminutes list' shows the ids); nothing was deleted", id)
		}
		return errors.New("delete: no meeting has that id ('strategyminutes list' shows the ids); nothing was deleted")
	case errors.Is(err, meeting.ErrDeleteReason):
		return fmt.Errorf("delete: %w (--reason TEXT); nothing was deleted. %s", err, meeting.DeleteReasonHint)
	case err != nil && done.ID == "":
		return fmt.Errorf("delete: %w; nothing was deleted", err)
	}
	what := "draft); the audit log records who and when"
	switch {
	case done.SignedOff:
		what = "signed off); the audit log records who, when and why"
	case meeting.CleanDeleteReason(d.Reason) != "":
		what = "draft); the audit log records who, when and why"
	}
	fmt.Fprintf(e.stdout, "Deleted the meeting %s (%s.\n", done.Name(), what)
	if err != nil { // deleted, but the write-ahead log is not erased yet
		return fmt.Errorf("delete: %w", err)
	}
	if copies, cerr := storage.OlderCopies(e.db.Path()); cerr == nil && len(copies) > 0 {
		fmt.Fprintf(e.stdout, "%s made before may still hold it: the backups in %s and any database a restore kept aside; they go as they are rotated out or removed.\n",
			meeting.Plural(len(copies), "file"), storage.BackupDir(e.db.Path()))
	}
	return nil
}
