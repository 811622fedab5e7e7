package storage

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

func importMeetings(db *DB, ms ...*meeting.Meeting) (ImportResult, error) {
	return db.Import(context.Background(), func(fn func(*meeting.Meeting) error) error {
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		return nil
	})
}

// A file cannot sign off a draft stored here: the signed-off version is a
// conflict, and the draft stays as it is.
func TestImportCannotSignOffAStoredDraft(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	signed := exampleMeetings(t)[0]
	draft := signed.Clone()
	draft.SignedOffAt, draft.SignedOffBy, draft.SignOffRules = time.Time{}, "", 0
	if err := db.SaveMeeting(ctx, draft); err != nil {
		t.Fatal(err)
	}
	res, err := importMeetings(db, signed)
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 0 || len(res.SignOffConflicts) != 1 || res.SignOffConflicts[0] != signed.ID {
		t.Errorf("result %+v", res)
	}
	got, err := db.Meeting(ctx, signed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SignedOff() || !meeting.Equal(got, draft) {
		t.Error("the import signed off the stored draft")
	}
	// A draft in the file still updates a stored draft.
	changed := draft.Clone()
	changed.Reason = "A later draft"
	if res, err := importMeetings(db, changed); err != nil || res.Updated != 1 {
		t.Errorf("draft over draft: %+v %v", res, err)
	}
}

// Sample and real never mix: a database of real meetings refuses sample
// ones, a sample database refuses real ones, and an empty database takes
// either and becomes what it took.
func TestSampleAndRealNeverMix(t *testing.T) {
	ctx := context.Background()
	demoMeetings := func(fn func(*meeting.Meeting) error) error { return demo.Each(5, 1, fn) }
	realMeetings := func(fn func(*meeting.Meeting) error) error {
		for _, m := range exampleMeetings(t) {
			if err := fn(m); err != nil {
				return err
			}
		}
		return nil
	}

	real := openTemp(t)
	if _, err := real.Import(ctx, realMeetings); err != nil {
		t.Fatal(err)
	}
	if _, err := real.ImportSample(ctx, demoMeetings); !errors.Is(err, ErrRealRecords) || !strings.Contains(err.Error(), "--db") {
		t.Errorf("sample into real: %v", err)
	}
	if isSample, _ := real.IsSample(ctx); isSample {
		t.Error("the real database became a sample one")
	}

	sample := openTemp(t)
	if _, err := sample.ImportSample(ctx, demoMeetings); err != nil {
		t.Fatal(err)
	}
	if isSample, _ := sample.IsSample(ctx); !isSample {
		t.Fatal("an empty database that took sample meetings is not a sample one")
	}
	if _, err := sample.Import(ctx, realMeetings); !errors.Is(err, ErrSampleDatabase) || !strings.Contains(err.Error(), "--db") {
		t.Errorf("real into sample: %v", err)
	}
	if n, _ := sample.Count(ctx, meeting.Filter{}); n != 5 {
		t.Errorf("the sample database holds %d meetings", n)
	}

	// The export of a sample database says so; a real one's does not.
	var buf bytes.Buffer
	if _, err := sample.Export(ctx, &buf, meeting.Filter{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes()[:100], []byte(`"sample": true,`)) {
		t.Errorf("sample export:\n%s", buf.Bytes()[:100])
	}
	buf.Reset()
	if _, err := real.Export(ctx, &buf, meeting.Filter{}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(`"sample"`)) {
		t.Error("a real export is marked sample")
	}

	// An empty database, even one marked sample, takes real meetings and is
	// then a real one.
	empty := openTemp(t)
	if _, err := empty.Import(ctx, realMeetings); err != nil {
		t.Fatal(err)
	}
	emptied := openTemp(t)
	if err := emptied.Record(ctx, EventExport, "", "nothing"); err != nil {
		t.Fatal(err)
	}
	if _, err := emptied.ImportSample(ctx, func(func(*meeting.Meeting) error) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if isSample, _ := emptied.IsSample(ctx); !isSample {
		t.Fatal("not marked")
	}
	if _, err := emptied.Import(ctx, realMeetings); err != nil {
		t.Fatalf("an empty sample database refused real meetings: %v", err)
	}
	if isSample, _ := emptied.IsSample(ctx); isSample {
		t.Error("an empty database that took real meetings is still marked sample")
	}
}

// Load errors name the field and the meeting, never the stored value.
func TestLoadErrorsNeverQuoteValues(t *testing.T) {
	ctx := context.Background()
	const sentinel = "SENTINEL-PERSONAL"
	for _, spoil := range []string{
		`UPDATE meetings SET held_at = '` + sentinel + `'`,
		`UPDATE meetings SET signed_off_at = '` + sentinel + `' WHERE signed_off_at != ''`,
		`UPDATE children SET date_of_birth = '` + sentinel + `'`,
		`UPDATE actions SET due = '` + sentinel + `'`,
		`UPDATE consents SET parents_informed_on = '` + sentinel + `'`,
	} {
		db := openTemp(t)
		ms := exampleMeetings(t)
		if _, err := importMeetings(db, ms...); err != nil {
			t.Fatal(err)
		}
		if _, err := db.sql.ExecContext(ctx, spoil); err != nil {
			t.Fatalf("%s: %v", spoil, err)
		}
		var errs []error
		_, err := db.Meeting(ctx, ms[0].ID)
		errs = append(errs, err)
		_, err = db.Summaries(ctx, meeting.Filter{})
		errs = append(errs, err)
		errs = append(errs, db.EachMeeting(ctx, meeting.Filter{}, func(*meeting.Meeting) error { return nil }))
		found := false
		for _, err := range errs {
			if err == nil {
				continue
			}
			found = true
			if strings.Contains(err.Error(), sentinel) {
				t.Errorf("%s: the error quotes the stored value: %v", spoil, err)
			}
			if !strings.Contains(err.Error(), "stored ") || !strings.Contains(err.Error(), "meeting \"") {
				t.Errorf("%s: the error does not name the field and the meeting: %v", spoil, err)
			}
		}
		if !found {
			t.Errorf("%s: no load failed", spoil)
		}
	}
}
