package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/postgres/pgtest"
)

// reportJSON is the report of every year held, as of one day, in JSON.
func reportJSON(t *testing.T, report func(ctx context.Context, from, to, asOf meeting.Date) (*meeting.Report, error)) []byte {
	t.Helper()
	r, err := report(context.Background(), meeting.Date{Year: 2000, Month: 1, Day: 1}, meeting.Date{Year: 2099, Month: 12, Day: 31}, demo.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// definitionReport is meeting.Report.Add's report of ms: the definitions
// themselves, meeting by meeting.
func definitionReport(ms []*meeting.Meeting) func(ctx context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
	return func(_ context.Context, from, to, asOf meeting.Date) (*meeting.Report, error) {
		r := meeting.NewReport(from, to, asOf)
		r.Calendar = meeting.BuiltInCalendar()
		for _, m := range ms {
			r.Add(m)
		}
		r.Finish()
		return r, nil
	}
}

// A server whose meetings were pushed before the report's migration (4)
// has every meeting's entry made by server init, from the version a
// laptop holds (a conflict's first head): its report is then the
// definitions' over those meetings.
func TestInitMakesTheReportEntries(t *testing.T) {
	pgtest.Need(t, cluster)
	ctx := context.Background()
	name := cluster.NewDatabase(ctx, t)
	owner, err := Open(ctx, cluster.SuperURL(name))
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if _, to, err := owner.initTo(ctx, 3); err != nil || to != 3 {
		t.Fatalf("init to 3: %d %v", to, err)
	}
	alice := login(t, name, RoleChair, "alice")
	conn, err := pgx.Connect(ctx, alice)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	ms := demo.Generate(40, 7)
	// The first a draft, with a consent record, to change on two laptops.
	ms[0].SignedOffAt, ms[0].SignedOffBy, ms[0].SignOffRules = time.Time{}, "", 0
	if ms[0].Consent == nil {
		ms[0].Consent = &meeting.Consent{Status: meeting.ConsentGiven}
	}
	// As schema 3's push took them: no entries.
	push := func(m *meeting.Meeting, parent int64) int64 {
		t.Helper()
		payload, err := meeting.MarshalMeeting(m)
		if err != nil {
			t.Fatal(err)
		}
		minutes, seal, err := meeting.SyncSeal(m)
		if err != nil {
			t.Fatal(err)
		}
		var rev int64
		var code *string
		err = conn.QueryRow(ctx, `SELECT revision, code FROM strategyminutes.push($1, $2, NULL, $3, NULL, $4, $5, $6, $7)`,
			m.ID, nullable(parent), m.SignedOff(), m.HeldAt, payload, nullText(seal), minutes).Scan(&rev, &code)
		if err != nil || code != nil {
			t.Fatalf("push: %v %v", err, code)
		}
		return rev
	}
	for i, m := range ms {
		first := push(m, 0)
		if i == 0 {
			// Changed on two laptops: the first head is counted.
			mine, theirs := *m, *m
			c1, c2 := *m.Consent, *m.Consent
			c1.Status, c2.Status = meeting.ConsentOverridden, meeting.ConsentNotSought
			mine.Consent, theirs.Consent = &c1, &c2
			push(&mine, first)
			push(&theirs, first)
			ms[i] = &mine
		}
	}
	if from, to, err := owner.Init(ctx); err != nil || from != 3 || to != SchemaVersion() {
		t.Fatalf("init: %d to %d, %v", from, to, err)
	}
	analyst := openAs(t, login(t, name, RoleAnalyst, "ann"))
	got, want := reportJSON(t, analyst.Report), reportJSON(t, definitionReport(ms))
	if !bytes.Equal(got, want) {
		t.Errorf("the server's report after init:\n%s\nwant the definitions':\n%s", got, want)
	}
	// And pushed since, each version carries its own.
	ms = append(ms, demo.Generate(45, 8)[40:]...)
	alices := openAs(t, alice)
	for _, m := range ms[40:] {
		v := meeting.Version{MeetingID: m.ID, SignedOff: m.SignedOff(), HeldAt: m.HeldAt}
		v.Payload, _ = meeting.MarshalMeeting(m)
		v.Minutes, v.Seal, _ = meeting.SyncSeal(m)
		v.SetEntry(m)
		if p, err := alices.Push(ctx, []meeting.Version{v}); err != nil || p[0].Refused != "" {
			t.Fatalf("push: %v %+v", err, p)
		}
	}
	if got, want := reportJSON(t, analyst.Report), reportJSON(t, definitionReport(ms)); !bytes.Equal(got, want) {
		t.Errorf("the server's report:\n%s\nwant the definitions':\n%s", got, want)
	}
}
