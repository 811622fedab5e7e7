package meeting

import (
	"context"
	"strings"
	"time"
)

// A child's strategy meetings are linked by case reference. A child with
// none recorded on one side is offered by name and date of birth, never
// taken for the same child without the chair's say (two children can
// share both).

// ChildMatch says how a child of one meeting was matched to a child of another.
type ChildMatch string

// How children are matched.
const (
	// MatchCaseReference: the same case reference, so the same child.
	MatchCaseReference ChildMatch = "case_reference"
	// MatchNameAndBirth: the same name and date of birth, where one of the
	// two has no case reference: possibly the same child.
	MatchNameAndBirth ChildMatch = "name_and_date_of_birth"
)

// RepeatMonths is how far back the editor looks for a child's earlier
// strategy meetings.
const RepeatMonths = 12

// An EarlierMeeting is a strategy meeting that discussed a child before.
type EarlierMeeting struct {
	Summary
	Child    string     // the child's name as that meeting recorded it
	Match    ChildMatch // how the child was matched
	Outcomes []Outcome  // the decisions that covered the child there
	// OpenActions are that meeting's actions not recorded as done, in
	// its order.
	OpenActions []Action
}

// A ChildHistory finds the strategy meetings a child was discussed at.
type ChildHistory interface {
	// EarlierMeetings returns the meetings held at or after since and
	// before before, except the one with the id except, that discussed
	// the child (by case reference, or by name and date of birth when
	// either has no case reference), newest first, with their open
	// actions.
	EarlierMeetings(ctx context.Context, c Child, since, before time.Time, except string) ([]EarlierMeeting, error)
}

// CaseKey is a case reference as children are matched by it: spaces at
// either end dropped, letters in capitals.
func CaseKey(ref string) string { return strings.ToUpper(strings.TrimSpace(ref)) }

// Matchable reports whether a child can be looked for in other meetings:
// it has a case reference, or a name and a date of birth.
func Matchable(c Child) bool {
	return CaseKey(c.CaseReference) != "" || (strings.TrimSpace(c.Name) != "" && !c.DateOfBirth.IsZero())
}
