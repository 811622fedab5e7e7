package meeting

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckDeletion(t *testing.T) {
	held := time.Date(2026, 3, 2, 10, 0, 0, 0, UK)
	signed := &Meeting{HeldAt: held, SignedOffAt: held.Add(time.Hour)}
	draft := &Meeting{HeldAt: held}
	r := Retention{Years: 35}
	if got := r.KeptUntil(signed); got != (Date{2061, time.March, 2}) {
		t.Errorf("kept until %s", got)
	}
	today := Date{2026, time.April, 1}
	tests := []struct {
		name  string
		m     *Meeting
		d     Deletion
		today Date
		want  error // nil: allowed
	}{
		{"draft, nothing given", draft, Deletion{}, today, nil},
		{"draft, any ground ignored", draft, Deletion{Ground: "whim"}, today, nil},
		{"draft, reason too long", draft, Deletion{Reason: strings.Repeat("x", MaxDeleteReason+1)}, today, errors.New("")},
		{"signed off, mistake", signed, Deletion{Ground: GroundMistake, Reason: "the wrong referral"}, today, nil},
		{"signed off, no ground", signed, Deletion{Reason: "the wrong referral"}, today, ErrDeleteGround},
		{"signed off, other ground", signed, Deletion{Ground: "whim", Reason: "the wrong referral"}, today, ErrDeleteGround},
		{"signed off, no reason", signed, Deletion{Ground: GroundMistake}, today, ErrDeleteReason},
		{"signed off, spaces", signed, Deletion{Ground: GroundMistake, Reason: " \t\n\u00a0 "}, today, ErrDeleteReason},
		{"signed off, 9 characters", signed, Deletion{Ground: GroundMistake, Reason: "123456789"}, today, ErrDeleteReason},
		{"signed off, 10 characters", signed, Deletion{Ground: GroundMistake, Reason: "1234567890"}, today, nil},
		{"signed off, 500 characters", signed, Deletion{Ground: GroundMistake, Reason: strings.Repeat("é", MaxDeleteReason)}, today, nil},
		{"signed off, 501 characters", signed, Deletion{Ground: GroundMistake, Reason: strings.Repeat("é", MaxDeleteReason+1)}, today, errors.New("")},
		{"retention, the day before", signed, Deletion{Ground: GroundRetention, Reason: "schedule 4.2 applies"}, Date{2061, time.March, 1}, ErrRetentionNotDue},
		{"retention, on the day", signed, Deletion{Ground: GroundRetention, Reason: "schedule 4.2 applies"}, Date{2061, time.March, 2}, nil},
	}
	for _, tt := range tests {
		got, err := CheckDeletion(tt.m, tt.d, tt.today, r)
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != nil && err == nil:
			t.Errorf("%s: allowed", tt.name)
		case tt.want != nil && tt.want.Error() != "" && !errors.Is(err, tt.want):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
		if err == nil && !tt.m.SignedOff() && got.Ground != "" {
			t.Errorf("%s: a draft's deletion keeps the ground %q", tt.name, got.Ground)
		}
	}
}

func TestCleanDeleteReason(t *testing.T) {
	if got := CleanDeleteReason("  two\r\nlines\tand\x00 a\u2028break \xff "); got != "two lines and a break \uFFFD" {
		t.Errorf("%q", got)
	}
}

// A reason for deleting signed-off minutes that names their child is
// refused: it would stay in the audit log after the minutes are erased.
func TestDeletionReasonMustNotNameTheChild(t *testing.T) {
	m := &Meeting{HeldAt: time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC), SignedOffAt: time.Date(2025, 6, 4, 9, 0, 0, 0, time.UTC),
		Children: []Child{{ID: "c1", Name: "Amelia Kowalczyk-Nowak", CaseReference: "LCS-88213", DateOfBirth: Date{2016, 3, 9}}}}
	today := Date{2026, 12, 1}
	for reason, refused := range map[string]bool{
		"Wrong family: this was amelia's sister":                 true,
		"recorded for NOWAK by mistake, see SM-2025-00413":       true,
		"case lcs-88213 was the wrong referral":                  true,
		"child born 2016-03-09 is another child":                 true,
		"child born 09/03/2016 is another child":                 true,
		"born 9 March 2016":                                      true,
		"case LCS 88213 is another family":                       true,
		"20160309 in the wrong record":                           true,
		"recorded against the wrong referral; see SM-2025-00413": false,
		"Amy was never discussed here at all (duplicate)":        false,
	} {
		_, err := CheckDeletion(m, Deletion{Ground: GroundMistake, Reason: reason}, today, DefaultRetention)
		if got := errors.Is(err, ErrReasonNamesChild); got != refused {
			t.Errorf("%q: refused %v (%v), want %v", reason, got, err, refused)
		}
	}
}
