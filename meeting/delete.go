package meeting

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Deleting minutes. A draft is the chair's to delete (a meeting started by
// mistake, or for the wrong child). Signed-off minutes are the agreed record
// of a multi-agency decision about a child: they are deleted only with a
// reason, on one of the grounds below, and the audit log keeps who, when,
// the ground, the reason and the meeting's reference, never its content.
// The app never deletes anything by itself.

// EventDeleteSignedOff is the audit log's event for deleted signed-off
// minutes (EventDelete is a deleted draft).
const EventDeleteSignedOff = "delete_signed_off"

// A DeleteGround is why signed-off minutes may be deleted.
type DeleteGround string

// The grounds on which signed-off minutes may be deleted.
const (
	// GroundMistake: recorded by mistake, for the wrong child or family,
	// twice, or for a meeting that did not take place. At any time.
	GroundMistake DeleteGround = "mistake"
	// GroundRetention: the partnership's retention period for the record is
	// over (see Retention).
	GroundRetention DeleteGround = "retention"
)

// Label words the ground for people.
func (g DeleteGround) Label() string {
	switch g {
	case GroundMistake:
		return "recorded by mistake (wrong child or family, duplicate, or no such meeting)"
	case GroundRetention:
		return "retention period over"
	}
	return string(g)
}

// Limits of the reason for a deletion, in characters.
const (
	MinDeleteReason = 10 // for signed-off minutes: a few words, not "x"
	MaxDeleteReason = 500
)

// DeleteReasonHint is shown wherever a reason for a deletion is asked: the
// audit log keeps the reason after the record is gone, so it must not bring
// back what the deletion erased.
const DeleteReasonHint = "The audit log keeps the reason for good, after the minutes are erased: do not name the child or the family, or give a date of birth. " +
	"Say what went wrong and where the right record is, e.g. \"recorded against the wrong referral; the right minutes are SM-2026-0043\"."

// Retention is the partnership's retention policy as the app enforces it
// for deleting signed-off minutes on GroundRetention: the minutes are kept
// at least Years years after the meeting was held. The app cannot tell
// whether a child is or becomes looked after (records kept until the 75th
// anniversary of the child's birth) or when the case closed, so the chair
// who deletes answers for the rest of the partnership's schedule.
type Retention struct {
	Years int
}

// DefaultRetention keeps signed-off minutes 35 years after the meeting: a
// common period for child-protection records (35 years after the last
// contact, of which the meeting is one).
var DefaultRetention = Retention{Years: 35}

// KeptUntil is the first UK date on which the minutes of m may be deleted
// on GroundRetention.
func (r Retention) KeptUntil(m *Meeting) Date {
	held := m.HeldOn()
	t := held.Time(UK).AddDate(r.Years, 0, 0)
	return DateOf(t)
}

// A Deletion is what the person deleting minutes gives.
type Deletion struct {
	Ground DeleteGround // for signed-off minutes; a draft needs none
	Reason string       // required for signed-off minutes, optional for a draft
}

// Deleted says what was deleted: enough to tell the person, nothing of the
// content.
type Deleted struct {
	ID        string
	Reference string // "" when the meeting had none
	SignedOff bool
}

// Name is how messages name the deleted meeting: its reference, else its id.
func (d Deleted) Name() string {
	if d.Reference != "" {
		return d.Reference
	}
	return d.ID
}

// Errors of CheckDeletion.
var (
	ErrDeleteReason    = errors.New("signed-off minutes are deleted only with a reason")
	ErrDeleteGround    = errors.New("signed-off minutes are deleted only on a ground: recorded by mistake, or retention period over")
	ErrRetentionNotDue = errors.New("the retention period of these minutes is not over")
)

// CleanDeleteReason makes a reason one line of plain text: control
// characters and runs of spaces become one space, the ends are trimmed.
func CleanDeleteReason(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// ErrReasonNamesChild is returned for a reason for a deletion that holds a
// child's name, case reference or date of birth: the reason outlives the
// minutes in the audit log, so it must not bring back what is erased.
var ErrReasonNamesChild = errors.New("the reason names a child of the meeting (a name, a case reference or a date of birth): it stays in the audit log after the minutes are erased, so say what went wrong without them, e.g. \"recorded against the wrong referral; the right minutes are SM-2026-0043\"")

// namesAChild reports whether text holds a word of a child's name (of 3
// letters or more), a case reference or a date of birth, in any case.
func namesAChild(m *Meeting, text string) bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words[w] = true
	}
	lower := strings.ToLower(text)
	compact := compactText(text)
	for _, c := range m.Children {
		for _, w := range strings.FieldsFunc(strings.ToLower(c.Name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if utf8.RuneCountInString(w) >= 3 && words[w] {
				return true
			}
		}
		// A case reference however it is spaced or punctuated.
		if ref := compactText(c.CaseReference); len(ref) >= 3 && strings.Contains(compact, ref) {
			return true
		}
		// A date of birth in any of the ways people write one.
		if !c.DateOfBirth.IsZero() {
			dob := time.Date(c.DateOfBirth.Year, c.DateOfBirth.Month, c.DateOfBirth.Day, 0, 0, 0, 0, time.UTC)
			for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006", "2 January 2006", "2 Jan 2006", "January 2, 2006", "20060102", "02012006"} {
				if strings.Contains(lower, strings.ToLower(dob.Format(layout))) {
					return true
				}
			}
		}
	}
	return false
}

// compactText is text lower-cased with only its letters and digits.
func compactText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CheckDeletion says whether m may be deleted with d on the UK date today
// under the retention policy r, and returns d with its reason cleaned. It
// never quotes the reason or the record in an error.
func CheckDeletion(m *Meeting, d Deletion, today Date, r Retention) (Deletion, error) {
	d.Reason = CleanDeleteReason(d.Reason)
	n := utf8.RuneCountInString(d.Reason)
	if n > MaxDeleteReason {
		return d, fmt.Errorf("the reason for the deletion is %d characters; at most %d are kept", n, MaxDeleteReason)
	}
	if namesAChild(m, d.Reason) {
		return d, ErrReasonNamesChild
	}
	if !m.SignedOff() {
		d.Ground = "" // a draft is the chair's to delete
		return d, nil
	}
	switch d.Ground {
	case GroundMistake, GroundRetention:
	case "":
		return d, ErrDeleteGround
	default:
		return d, fmt.Errorf("%w (not %q)", ErrDeleteGround, string(d.Ground))
	}
	if n == 0 {
		return d, ErrDeleteReason
	}
	if n < MinDeleteReason {
		return d, fmt.Errorf("%w of at least %d characters (this one has %d)", ErrDeleteReason, MinDeleteReason, n)
	}
	if d.Ground == GroundRetention {
		if until := r.KeptUntil(m); today.Before(until) {
			return d, fmt.Errorf("%w: the partnership keeps signed-off minutes %d years after the meeting, until %s; minutes recorded by mistake can be deleted at any time",
				ErrRetentionNotDue, r.Years, until)
		}
	}
	return d, nil
}
