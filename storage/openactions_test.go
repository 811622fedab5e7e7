package storage

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"strategyminutes/meeting"
)

// The open actions across meetings are those not done by the minutes nor
// by a follow-up since, by due date (the overdue first), then those with no
// due date; filtered by agency and owner; read through the index of open
// actions.
func TestOpenActions(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	importPaths(t, db, fullExamplePath)
	m, _ := db.Meeting(ctx, richSignedOffID)
	list := func(f meeting.OpenActionFilter) []string {
		t.Helper()
		got, total, err := db.OpenActions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range got {
			out = append(out, o.Reference+" "+o.Key+" "+o.Action.Due.String())
		}
		if f.Limit == 0 && total != len(got) {
			t.Errorf("total %d, listed %d", total, len(got))
		}
		return out
	}
	// SM-2025-00412's third action, and SM-2026-00107's third (its second
	// is done since, by a follow-up in the example).
	all := list(meeting.OpenActionFilter{})
	want := []string{"SM-2025-00412 #3 2025-06-06", "SM-2026-00107 e41b5c9d-7f28-4a06-9c3e-2b8d1f6a7c54 2026-03-12"}
	if strings.Join(all, "\n") != strings.Join(want, "\n") {
		t.Fatalf("open actions:\n%s\nwant\n%s", strings.Join(all, "\n"), strings.Join(want, "\n"))
	}
	if got := list(meeting.OpenActionFilter{Agency: meeting.AgencySocialCare}); len(got) != 1 || !strings.HasPrefix(got[0], "SM-2026-00107") {
		t.Errorf("social care's: %v", got)
	}
	if got := list(meeting.OpenActionFilter{Owner: "SAM oka"}); len(got) != 1 || !strings.HasPrefix(got[0], "SM-2026-00107") {
		t.Errorf("Sam Okafor's: %v", got)
	}
	if got := list(meeting.OpenActionFilter{Owner: "okafor"}); len(got) != 2 {
		t.Errorf("the Okafors': %v", got)
	}
	if got, total, _ := db.OpenActions(ctx, meeting.OpenActionFilter{Limit: 1}); len(got) != 1 || total != 2 {
		t.Errorf("limit 1: %d listed of %d", len(got), total)
	}
	// Done by a follow-up: gone; open again: back.
	key := "e41b5c9d-7f28-4a06-9c3e-2b8d1f6a7c54"
	db.RecordFollowUp(ctx, richSignedOffID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: key, On: m.HeldOn().AddDays(3)})
	if got := list(meeting.OpenActionFilter{}); len(got) != 1 {
		t.Errorf("after a follow-up: %v", got)
	}
	db.RecordFollowUp(ctx, richSignedOffID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: key})
	if got := list(meeting.OpenActionFilter{}); len(got) != 2 {
		t.Errorf("after opening it again: %v", got)
	}

	// Carried into a review meeting, an action is no longer open against
	// the meeting that agreed it: the review's own copy is, until done.
	legacy, _ := db.Meeting(ctx, "6f1c2b9e-3d4a-4e8b-9a51-0c7d2e4f8a13")
	for _, prev := range []*meeting.Meeting{m, legacy} {
		review := meeting.Reconvene(prev, prev.HeldAt.AddDate(0, 0, 14))
		if err := db.SaveMeeting(ctx, review); err != nil {
			t.Fatal(err)
		}
	}
	got := list(meeting.OpenActionFilter{})
	if len(got) != 2 || strings.HasPrefix(got[0], "SM-2025-00412") || strings.Contains(strings.Join(got, "\n"), "SM-2026-00107") {
		t.Errorf("after the reviews carried them:\n%s", strings.Join(got, "\n"))
	}
	var plan []string
	eachRow(ctx, db.sql, "EXPLAIN QUERY PLAN SELECT a.due "+openActionsFrom+" AND a.due != '' ORDER BY a.due LIMIT 5", []any{""},
		func(rows *sql.Rows) error {
			var a, b, c int
			var detail string
			err := rows.Scan(&a, &b, &c, &detail)
			plan = append(plan, detail)
			return err
		})
	if p := strings.Join(plan, "\n"); !strings.Contains(p, "actions_open") {
		t.Errorf("the question does not read the index of open actions:\n%s", p)
	}
}
