package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"strategyminutes/meeting"
)

func TestParseTypedDate(t *testing.T) {
	tests := []struct {
		in   string
		want meeting.Date
		err  string
	}{
		{"07/03/2026", meeting.Date{Year: 2026, Month: 3, Day: 7}, ""},
		{"7/3/2026", meeting.Date{Year: 2026, Month: 3, Day: 7}, ""},
		{" 29-02-2024 ", meeting.Date{Year: 2024, Month: 2, Day: 29}, ""},
		{"31.12.2025", meeting.Date{Year: 2025, Month: 12, Day: 31}, ""},
		{"31/02/2026", meeting.Date{}, "31 February 2026 is not a date"},
		{"29/02/2025", meeting.Date{}, "29 February 2025 is not a date"},
		{"00/01/2026", meeting.Date{}, "0 January 2026 is not a date"},
		{"12/13/2026", meeting.Date{}, "13 is not a month"},
		{"01/01/0026", meeting.Date{}, "too long ago"},
		{"31/0", meeting.Date{}, "DD/MM/YYYY"},
		{"2026-03-07", meeting.Date{}, "DD/MM/YYYY"},
		{"1/+1/2026", meeting.Date{}, "DD/MM/YYYY"},
		{"tomorrow", meeting.Date{}, "DD/MM/YYYY"},
	}
	for _, tt := range tests {
		got, err := parseTypedDate(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("parseTypedDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("parseTypedDate(%q) error %v; want one saying %q", tt.in, err, tt.err)
		}
	}
}

// FuzzParseTypedDate: a date it accepts is a real date that is written
// back and read again as the same date.
func FuzzParseTypedDate(f *testing.F) {
	for _, s := range []string{"07/03/2026", "31/02/2026", "7-3-2026", "", "99/99/9999", "１/１/２０２６"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseTypedDate(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without words")
			}
			return
		}
		if tm := d.Time(time.UTC); meeting.DateOf(tm) != d {
			t.Fatalf("%q gave %v, not a real date", s, d)
		}
		again, err := parseTypedDate(formatTypedDate(d))
		if err != nil || again != d {
			t.Fatalf("%q: %v written as %q reads back as %v, %v", s, d, formatTypedDate(d), again, err)
		}
	})
}

// An impossible date stays on screen with words saying what is wrong,
// blocks sign-off, and never replaces the stored date.
func TestImpossibleDatesNeverVanish(t *testing.T) {
	db := openEmptyDB(t)
	u := newApp(t, db)
	e := newMeeting(t, u)
	held := e.Meeting().HeldAt

	e.AddChild()
	dob := dates(e, sectionChildren)[0]
	test.Type(dob, "14/09/2016")
	typeInto(t, entry(t, e, sectionChildren, "Full name", 0), "Amelia Test")
	dob.SetText("31/02/2018")
	if got := e.Meeting().Children[0].DateOfBirth; got != (meeting.Date{Year: 2016, Month: 9, Day: 14}) {
		t.Errorf("date of birth became %v after an impossible date was typed", got)
	}
	if dob.Text != "31/02/2018" {
		t.Errorf("the field shows %q, not what was typed", dob.Text)
	}
	if msg := e.errors["children[0].date_of_birth"].Text; msg != "31 February 2018 is not a date" {
		t.Errorf("message beside the date of birth: %q", msg)
	}
	err := e.SignOff()
	if err == nil || !strings.Contains(err.Error(), "children[0].date_of_birth") {
		t.Errorf("sign-off with an impossible date: %v", err)
	}
	// Adding a row rebuilds the section: what was typed is still there.
	e.AddChild()
	if got := dates(e, sectionChildren)[0].Text; got != "31/02/2018" {
		t.Errorf("after adding a child the date of birth shows %q", got)
	}

	// The meeting's date: an impossible date, then a new time, saves neither.
	dt := dates(e, sectionDetails)[0]
	dt.SetText("31/02/2026")
	clock := entry(t, e, sectionDetails, "HH:MM", 0)
	clock.SetText("09:45")
	if got := e.Meeting().HeldAt; !got.Equal(held) {
		t.Errorf("held at became %v (was %v) after an impossible date and a new time", got, held)
	}
	if msg := e.errors["held_at"].Text; msg != "31 February 2026 is not a date" {
		t.Errorf("message beside the meeting's date: %q", msg)
	}
	dt.SetText("27/02/2026")
	want := time.Date(2026, 2, 27, 9, 45, 0, 0, meeting.UK)
	if got := e.Meeting().HeldAt; !got.Equal(want) {
		t.Errorf("held at %v after the date was put right, want %v", got, want)
	}
	if msg := e.errors["held_at"].Text; msg != "" {
		t.Errorf("message %q stays after the date was put right", msg)
	}
}

// A half-typed date is not called wrong while the cursor is in it, and an
// optional date left empty is not red.
func TestHalfTypedAndEmptyDates(t *testing.T) {
	u := newApp(t, openEmptyDB(t))
	e := newMeeting(t, u)
	e.AddChild()
	dob := dates(e, sectionChildren)[0]
	u.Win.Canvas().Focus(dob)
	test.Type(dob, "14/0")
	if msg := e.errors["children[0].date_of_birth"].Text; !strings.HasPrefix(msg, "Not finished") {
		t.Errorf("half-typed date message %q", msg)
	}
	u.Win.Canvas().Unfocus()
	if msg := e.errors["children[0].date_of_birth"].Text; !strings.Contains(msg, "DD/MM/YYYY") || strings.HasPrefix(msg, "Not finished") {
		t.Errorf("after leaving a half-typed date: %q", msg)
	}
	dob.SetText("")
	if msg := e.errors["children[0].date_of_birth"].Text; msg != "" {
		t.Errorf("an empty optional date says %q", msg)
	}
}
