package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/postgres"
	"strategyminutes/storage"
)

// edgeMeetings are demo meetings moved to the instants where a UK date is
// easily got wrong: the night the clocks change each way, the last second
// of a financial year in summer time (23:59:59 BST is 22:59:59 UTC), the
// first minute of the next (00:30 BST on 1 April is still 31 March in
// UTC), and New Year's Eve in winter time, each referred the evening
// before in the other clock.
func edgeMeetings(seed uint64) []*meeting.Meeting {
	instants := []string{
		"2025-10-26T00:30:00Z", "2025-10-26T01:30:00Z", "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z",
		"2026-03-31T22:59:59Z", "2026-03-31T23:30:00Z", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z",
	}
	ms := demo.Generate(len(instants), seed)
	for i, m := range ms {
		held, err := time.Parse(time.RFC3339, instants[i])
		if err != nil {
			panic(err)
		}
		// Its other times follow it: actions due a week on (one done a
		// day late, for the timeliness figures), the rest left out.
		m.HeldAt = held
		m.ReferralReceivedAt = held.Add(-25 * time.Hour)
		for k := range m.Actions {
			a := &m.Actions[k]
			a.Due, a.Completed, a.Done = meeting.UKDate(held).AddDays(7), meeting.Date{}, nil
			if k == 0 {
				a.Completed = a.Due.AddDays(1)
			}
		}
		if m.ICPC != nil && !m.ICPC.HeldOn.IsZero() {
			m.ICPC.HeldOn, m.ICPC.RecordedAt = meeting.UKDate(held).AddDays(12), held.Add(13*24*time.Hour)
		}
		for k := range m.FamilyPlan {
			m.FamilyPlan[k].WithheldUntil = meeting.Date{}
		}
		m.NextMeetingAt, m.SignedOffAt, m.SignedOffBy, m.SignOffRules = time.Time{}, time.Time{}, "", 0
	}
	return ms
}

// importInto imports meetings into the laptop's database.
func importInto(t *testing.T, path string, ms []*meeting.Meeting) {
	t.Helper()
	onLaptop(t, path, func(db *storage.DB) {
		_, err := db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
			for _, m := range ms {
				if err := fn(m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// reportOf runs report with args on the laptop's database, or on the
// server as the login at url when url is not "".
func reportOf(t *testing.T, path, url string, args ...string) []byte {
	t.Helper()
	args = append([]string{"report"}, args...)
	if url != "" {
		args = append(args, "--server", url)
	} else {
		args = append([]string{"--db", path}, args...)
	}
	code, stdout, stderr := cli(t, args...)
	if code != exitOK {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return []byte(stdout)
}

// sameReports fails t unless the server's report, as the analyst, is the
// laptop's byte for byte, for each period and format, and says how many
// meetings the all-years report counts.
func sameReports(t *testing.T, what, path, analyst string) meeting.Report {
	t.Helper()
	for _, args := range [][]string{
		{"--from", "2000-01-01", "--to", "2099-12-31", "--as-of", "2026-12-01", "--format", "json"},
		{"--as-of", "2026-03-31", "--format", "json"}, // the financial year 2025-26
		{"--from", "2026-04-01", "--to", "2026-04-01", "--as-of", "2026-12-01", "--format", "json"},
		{"--from", "2025-10-26", "--to", "2025-10-26", "--as-of", "2026-12-01", "--format", "json"},
		{"--as-of", "2026-06-30", "--compare", "--format", "json"},
		{"--as-of", "2026-12-01", "--format", "csv"},
		{"--as-of", "2026-12-01", "--format", "text"},
	} {
		if here, there := reportOf(t, path, "", args...), reportOf(t, "", analyst, args...); !bytes.Equal(here, there) {
			t.Errorf("%s, report %s: the server's is not the laptop's:\n%s\n-- the server's:\n%s", what, strings.Join(args, " "), here, there)
		}
	}
	var r meeting.Report
	if err := json.Unmarshal(reportOf(t, path, "", "--from", "2000-01-01", "--to", "2099-12-31", "--as-of", "2026-12-01", "--format", "json"), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// The report computed on the server, as an analyst's login, is the report
// a laptop that holds the same meetings computes, byte for byte: over two
// chairs' demo meetings, legacy records, meetings held where the UK date
// differs from UTC's, a follow-up from each laptop, a conflict both ways
// and then its settlement, and a meeting deleted everywhere.
func TestReportOnServerIsTheLaptops(t *testing.T) {
	server := syncServer(t)
	alice := cluster.Login(t, server, postgres.RoleChair, "alice")
	bob := cluster.Login(t, server, postgres.RoleChair, "bob")
	analyst := cluster.Login(t, server, postgres.RoleAnalyst, "ann")
	admin := cluster.Login(t, server, postgres.RoleAdmin, "adam")
	ctx := context.Background()

	one, two := laptop(t, 250, 11), laptop(t, 150, 12)
	// A child at several of Alice's meetings (the reference typed
	// differently), and one at a meeting of Bob's too: the repeat
	// meetings count children across chairs.
	edges := edgeMeetings(13)
	for i, m := range edges {
		switch i % 3 {
		case 0:
			m.Children[0].CaseReference = "CS900001"
		case 1:
			m.Children[0].CaseReference = " cs900001 "
		default:
			m.Children[0].CaseReference = demo.Generate(150, 12)[0].Children[0].CaseReference
		}
	}
	importInto(t, one, edges)
	if code, stdout, stderr := cli(t, "import", "--db", two, "../../meeting/testdata/example.json"); code != exitOK {
		t.Fatalf("import: %d %s %s", code, stdout, stderr)
	}
	mustSync(t, one, alice)
	mustSync(t, two, bob)
	mustSync(t, one, alice)

	// Alice's draft changed on both of her laptops, so that the report
	// counts it differently: a conflict. A third laptop (Alice's second)
	// takes her other copy.
	three := laptop(t, 0, 0)
	mustSync(t, three, alice)
	alices := map[string]bool{}
	for _, m := range demo.Generate(250, 11) {
		alices[m.ID] = true
	}
	draft := pick(t, one, func(m *meeting.Meeting) bool { return alices[m.ID] && !m.SignedOff() && m.Consent != nil })
	consent := func(path string, status meeting.ConsentStatus) {
		onLaptop(t, path, func(db *storage.DB) {
			m, err := db.Meeting(ctx, draft.ID)
			if err != nil {
				t.Fatal(err)
			}
			m.Consent.Status, m.Consent.Reason = status, "Recorded on this laptop."
			if err := db.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
		})
	}
	consent(one, meeting.ConsentOverridden)
	consent(three, meeting.ConsentNotSought)
	// And a follow-up each side: an action done on a signed-off meeting.
	signed := pick(t, one, func(m *meeting.Meeting) bool { return alices[m.ID] && m.SignedOff() && openActions(m) > 1 })
	for i, path := range []string{one, three} {
		onLaptop(t, path, func(db *storage.DB) {
			if err := db.RecordFollowUp(ctx, signed.ID, meeting.FollowUp{Kind: meeting.FollowUpActionDone, Action: openAction(signed, i), On: date(t, "2026-11-30")}); err != nil {
				t.Fatal(err)
			}
		})
	}
	mustSync(t, one, alice)
	mustSync(t, three, alice)
	mustSync(t, one, alice)
	mustSync(t, two, bob)

	// A laptop that holds no change of its own holds what the server
	// counts: the conflict's first head, everything else as it stands.
	fresh := laptop(t, 0, 0)
	mustSync(t, fresh, bob)
	r := sameReports(t, "with a conflict", fresh, analyst)
	if want := 250 + 150 + 8 + 3; r.Meetings != want {
		t.Errorf("the report counts %d meetings, want %d", r.Meetings, want)
	}
	if r.MissingStatutory.Count == 0 || r.Repeats.MoreThanOne == 0 || r.Consent.Overridden == 0 || r.Actions.Total == 0 || r.Timeliness.ReferralToMeeting.Recorded == 0 {
		t.Errorf("the demo meetings exercise too little of the report: missing %d, repeats %d, overridden %d, actions %d, referrals %d",
			r.MissingStatutory.Count, r.Repeats.MoreThanOne, r.Consent.Overridden, r.Actions.Total, r.Timeliness.ReferralToMeeting.Recorded)
	}
	// What the analyst's login reads holds no child's name or case
	// reference, nor a meeting's free text.
	conn, err := pgx.Connect(ctx, analyst)
	if err != nil {
		t.Fatal(err)
	}
	var entries []byte
	err = conn.QueryRow(ctx, `SELECT entries FROM strategyminutes.report_entries('2000-01-01', '2099-12-31')`).Scan(&entries)
	conn.Close(ctx)
	if err != nil || len(entries) < 400*20 {
		t.Fatalf("the analyst's entries: %d bytes, %v", len(entries), err)
	}
	onLaptop(t, fresh, func(db *storage.DB) {
		ms, err := db.Meetings(ctx, meeting.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			for _, c := range m.Children {
				for _, s := range []string{c.Name, strings.TrimSpace(c.CaseReference)} {
					if s != "" && bytes.Contains(entries, []byte(s)) {
						t.Fatalf("the analyst reads a child's name or case reference")
					}
				}
			}
			if m.Reason != "" && bytes.Contains(entries, []byte(m.Reason)) {
				t.Fatalf("the analyst reads a meeting's reason")
			}
		}
	})
	// The laptop that pushed first holds that head too; the one whose
	// push made the conflict counts its own until it is settled.
	sameReports(t, "with a conflict, the first laptop", one, analyst)
	allYears := []string{"--from", "2000-01-01", "--to", "2099-12-31", "--as-of", "2026-12-01", "--format", "json"}
	if bytes.Equal(reportOf(t, three, "", allYears...), reportOf(t, "", analyst, allYears...)) {
		t.Error("the conflict's two heads count alike: the test shows nothing about which is counted")
	}

	// Settled on the third laptop, for its own version: every report
	// counts that one.
	if code, stdout, stderr := cli(t, "conflicts", "--db", three, "--meeting", draft.ID, "--keep", "mine"); code != exitOK {
		t.Fatalf("conflicts: %d %s %s", code, stdout, stderr)
	}
	mustSync(t, three, alice)
	mustSync(t, fresh, bob)
	sameReports(t, "settled", fresh, analyst)
	sameReports(t, "settled, the laptop that settled it", three, analyst)

	// Another draft changed on both of Alice's laptops; then the second
	// takes the first's copy in (an export imported) and changes it again:
	// a laptop takes a version with its copy's very bytes as its own, and
	// the server counts as such a laptop does.
	other := pick(t, one, func(m *meeting.Meeting) bool {
		return alices[m.ID] && !m.SignedOff() && m.Consent != nil && m.ID != draft.ID
	})
	setConsent := func(path string, status meeting.ConsentStatus) {
		onLaptop(t, path, func(db *storage.DB) {
			m, err := db.Meeting(ctx, other.ID)
			if err != nil {
				t.Fatal(err)
			}
			m.Consent.Status, m.Consent.Reason = status, "Recorded on this laptop."
			if err := db.SaveMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
		})
	}
	setConsent(one, meeting.ConsentOverridden)
	mustSync(t, one, alice)
	setConsent(three, meeting.ConsentNotSought)
	mustSync(t, three, alice)
	var firsts *meeting.Meeting
	onLaptop(t, one, func(db *storage.DB) {
		var err error
		if firsts, err = db.Meeting(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
	})
	importInto(t, three, []*meeting.Meeting{firsts})
	mustSync(t, three, alice)
	setConsent(three, meeting.ConsentGiven)
	mustSync(t, three, alice)
	mustSync(t, one, alice)
	mustSync(t, fresh, bob)
	sameReports(t, "after a copy taken in by its bytes", fresh, analyst)

	// A meeting deleted everywhere leaves the server's report at once,
	// and every laptop's at its next sync.
	gone := pick(t, fresh, func(m *meeting.Meeting) bool { return len(m.Children) > 0 && m.Children[0].CaseReference != "" })
	conn, err = pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `DELETE FROM strategyminutes.meetings WHERE id = $1`, gone.ID)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, fresh, bob)
	if r := sameReports(t, "after a deletion", fresh, analyst); r.Meetings != 250+150+8+3-1 {
		t.Errorf("after the deletion the report counts %d meetings", r.Meetings)
	}

	// gov.uk's list, with many days proclaimed in 2025 and 2026, imported
	// on the laptop: the working days differ until an administrator
	// imports it on the server too (a chair may not).
	var events []string
	for d := date(t, "2025-01-01"); d.Year < 2027; d = d.AddDays(1) {
		if d.Time(time.UTC).Weekday() == time.Wednesday || d.Month == 12 && d.Day == 25 {
			events = append(events, `{"title":"A bank holiday","date":"`+d.String()+`","notes":"","bunting":true}`)
		}
	}
	list := filepath.Join(t.TempDir(), "bank-holidays.json")
	if err := os.WriteFile(list, []byte(`{"england-and-wales":{"division":"england-and-wales","events":[`+strings.Join(events, ",")+`]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := cli(t, "--db", fresh, "holidays", "--import", list); code != exitOK {
		t.Fatalf("holidays: %d %s %s", code, stdout, stderr)
	}
	if bytes.Equal(reportOf(t, fresh, "", allYears...), reportOf(t, "", analyst, allYears...)) {
		t.Error("the laptop's bank holidays change nothing in its report: the test shows nothing about the server's")
	}
	if code, _, stderr := cli(t, "holidays", "--import", list, "--server", alice); code == exitOK || !strings.Contains(stderr, postgres.RoleAdmin) {
		t.Errorf("a chair's login changed the server's bank holidays: %d %s", code, stderr)
	}
	if code, stdout, stderr := cli(t, "holidays", "--import", list, "--server", admin); code != exitOK || !strings.Contains(stdout, "gov.uk's list for 2025 to 2026") {
		t.Fatalf("holidays --server: %d %s %s", code, stdout, stderr)
	}
	if code, stdout, stderr := cli(t, "holidays", "--server", analyst); code != exitOK || !strings.Contains(stdout, "gov.uk's list for 2025 to 2026") {
		t.Errorf("holidays --server, as the analyst: %d %s %s", code, stdout, stderr)
	}
	sameReports(t, "with the same bank holidays imported on both", fresh, analyst)

	// A client that pushes an entry that is not its meeting's (a fault,
	// or a client not the app) has the report miscount: server check, as
	// the server's owner, finds it and names the meeting.
	owner := cluster.SuperURL(server)
	if code, stdout, stderr := cli(t, "server", "check", "--server", owner); code != exitOK || !strings.Contains(stdout, "match") {
		t.Fatalf("server check: %d %s %s", code, stdout, stderr)
	}
	conn, err = pgx.Connect(ctx, alice)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `SELECT strategyminutes.push(v.meeting_id, v.revision, NULL, false, NULL, v.held_at,
			convert_to(jsonb_set(convert_from(v.payload, 'UTF8')::jsonb, '{reason}', '"Pushed by another client."')::text, 'UTF8'), NULL, NULL,
			(SELECT o.entry FROM strategyminutes.versions o WHERE o.meeting_id <> v.meeting_id AND o.entry IS NOT NULL LIMIT 1), v.held_on, v.case_keys)
		FROM strategyminutes.versions v WHERE v.meeting_id = $1 ORDER BY v.revision DESC LIMIT 1`, draft.ID)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, "server", "check", "--server", owner); code != exitError || !strings.Contains(stderr, draft.ID) || !strings.Contains(stderr, "1 meeting whose entry in the report does not match") {
		t.Errorf("server check of a wrong entry: %d %s", code, stderr)
	}
	// Nor a version laptops refuse (no mode of attendance), its entry
	// right: the server would count what no laptop holds.
	conn, err = pgx.Connect(ctx, bob)
	if err != nil {
		t.Fatal(err)
	}
	bobs := pick(t, fresh, func(m *meeting.Meeting) bool { return !alices[m.ID] && !m.SignedOff() })
	broken := bobs.Clone()
	broken.Mode = ""
	v := meeting.Version{MeetingID: broken.ID, HeldAt: broken.HeldAt}
	v.SetEntry(broken)
	if v.Payload, err = meeting.MarshalMeeting(broken); err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `SELECT strategyminutes.push($1, (SELECT max(revision) FROM strategyminutes.versions WHERE meeting_id = $1), NULL, false, NULL, $2, $3, NULL, NULL, $4, $5::date, $6)`,
		v.MeetingID, v.HeldAt, v.Payload, v.Entry, v.HeldOn.String(), v.CaseKeys)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, "server", "check", "--server", owner); code != exitError || !strings.Contains(stderr, bobs.ID) || !strings.Contains(stderr, "2 meetings whose entry in the report does not match") {
		t.Errorf("server check of a version laptops refuse: %d %s", code, stderr)
	}

	// Only an analyst's (or administrator's) login computes it; a chair's
	// reads the meetings themselves, not this way.
	reportOf(t, "", admin, "--format", "json")
	if code, _, stderr := cli(t, "report", "--server", alice, "--format", "json"); code == exitOK || !strings.Contains(stderr, postgres.RoleAnalyst) {
		t.Errorf("a chair's login computed the server's report: %d %s", code, stderr)
	}
}
