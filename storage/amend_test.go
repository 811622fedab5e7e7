package storage

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
)

func TestSignedOffMinutesChangeOnlyByAmendment(t *testing.T) {
	db := openTemp(t)
	db.SetUser("Priya Raman")
	ctx := context.Background()
	signed := exampleMeetings(t)[0]
	if err := db.SaveMeeting(ctx, signed); err != nil {
		t.Fatal(err)
	}
	changed := signed.Clone()
	changed.Attendees[2].Attendance = meeting.Attended
	changed.Consent.ParentsViews = "Mother agrees with the plan."
	if err := db.SaveMeeting(ctx, changed); !errors.Is(err, ErrSignedOff) {
		t.Fatalf("plain save over signed-off minutes: %v", err)
	}
	if err := db.Amend(ctx, changed, " "); err == nil {
		t.Error("amendment without a reason accepted")
	}
	resigned := changed.Clone()
	resigned.SignedOffBy = "Someone else"
	if err := db.Amend(ctx, resigned, "typo"); err == nil {
		t.Error("the sign-off was amended")
	}
	db.SetUser("Mark Benson")
	if err := db.Amend(ctx, changed, "Health visitor's attendance corrected; mother's views added after the meeting"); err != nil {
		t.Fatal(err)
	}
	if err := db.Amend(ctx, changed, "again"); err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("empty amendment: %v", err)
	}

	now, _ := db.Meeting(ctx, signed.ID)
	if !meeting.Equal(now, changed) {
		t.Error("the amendment was not applied")
	}
	original, err := db.SignedOffVersion(ctx, signed.ID)
	if err != nil || !meeting.Equal(original, signed) {
		t.Errorf("signed-off version not kept: %v", err)
	}
	amendments, err := db.Amendments(ctx, signed.ID)
	if err != nil || len(amendments) != 1 {
		t.Fatalf("amendments %v %v", amendments, err)
	}
	a := amendments[0]
	if a.By != "Mark Benson" || !strings.Contains(a.Reason, "corrected") || time.Since(a.At) > time.Minute || len(a.Changes) != 2 ||
		a.Changes[0] != (meeting.Change{Field: "attendees[2].attendance", Before: "apologies_report", After: "attended"}) {
		t.Errorf("amendment %+v", a)
	}

	// The audit log has the sign-off save and the amendment, with who did them.
	log, _ := db.AuditLog(ctx, signed.ID, 0)
	if len(log) != 2 || log[0].Event != EventAmend || log[0].Who != "Mark Benson" || log[1].Event != EventCreate || log[1].Who != "Priya Raman" {
		t.Errorf("audit log %+v", log)
	}
}

func TestAuditLogCoalescesAutosaves(t *testing.T) {
	db := openTemp(t)
	db.SetUser("Priya Raman")
	ctx := context.Background()
	m := exampleMeetings(t)[1] // a draft
	for i := range 20 {
		m.Reason = strings.Repeat("typing ", i)
		if err := db.SaveMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	m.Chair = "Kwame Mensah"
	m.SignedOffAt, m.SignedOffBy = m.HeldAt.Add(time.Hour), "Kwame Mensah"
	if err := db.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	db.Record(ctx, EventExportPDF, m.ID, "")
	log, _ := db.AuditLog(ctx, m.ID, 0)
	var events []string
	for _, e := range log {
		events = append(events, e.Event)
	}
	if got := strings.Join(events, ","); got != "export_pdf,sign_off,create" {
		t.Errorf("events newest first: %s", got)
	}
	var buf bytes.Buffer
	if err := db.WriteAuditCSV(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][2] != "event" || rows[1][2] != "create" || rows[1][1] != "Priya Raman" {
		t.Errorf("csv %v %v", rows, err)
	}
}
