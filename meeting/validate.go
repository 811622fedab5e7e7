package meeting

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A Problem is one thing wrong with a record, named by its field path in the
// interchange format, e.g. `attendees[2].agency`.
type Problem struct {
	Field   string
	Code    Code // what kind of problem, for screens that word it their own way
	Message string
	// Incomplete marks what a draft may keep while the chair is still typing
	// (a missing name, a date out of order); it must be put right before
	// sign-off. Other problems make a record unstorable.
	Incomplete bool
}

// A Code says what kind of problem a Problem is.
type Code string

// Codes of problems. The statutory questions' codes are in checklist.go.
const (
	CodeInvalid  Code = "invalid"  // not a value the field can hold
	CodeRequired Code = "required" // empty, and needed
	CodeChoose   Code = "choose"   // a code to choose from a vocabulary
	CodeTooLong  Code = "too_long" // over its limit
	CodeOrder    Code = "order"    // a date out of order with another
	CodeMissing  Code = "missing"  // something a complete record has is not there
)

func (p Problem) String() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// Problems is every problem found in a record. It is an error.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Prefixed returns the problems with prefix put before each field path, so
// that a meeting's problems can be placed within a file.
func (ps Problems) Prefixed(prefix string) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		out[i] = p
		out[i].Field = joinField(prefix, p.Field)
	}
	return out
}

func joinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	case strings.HasPrefix(field, "["):
		return prefix + field
	}
	return prefix + "." + field
}

// problems collects problems while a record is checked.
type problems struct{ list Problems }

func (ps *problems) add(field, format string, args ...any) {
	ps.addCode(field, CodeInvalid, format, args...)
}

// addCode is add with a code other than CodeInvalid.
func (ps *problems) addCode(field string, code Code, format string, args ...any) {
	ps.list = append(ps.list, Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// incomplete adds a problem that a draft may keep.
func (ps *problems) incomplete(field, format string, args ...any) {
	ps.incompleteCode(field, CodeMissing, format, args...)
}

func (ps *problems) incompleteCode(field string, code Code, format string, args ...any) {
	ps.list = append(ps.list, Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...), Incomplete: true})
}

// required adds "is required" for an empty field a complete record has.
func (ps *problems) required(field string) {
	ps.incompleteCode(field, CodeRequired, "is required")
}

// code adds the problem with a vocabulary code, if any: a missing code is
// incomplete, an unknown one is invalid.
func code[C ~string](ps *problems, field string, v Vocabulary[C], c C) {
	if msg := v.check(c); msg != "" {
		if c == "" {
			ps.incompleteCode(field, CodeChoose, "%s", msg)
		} else {
			ps.add(field, "%s", msg)
		}
	}
}

// Limits on text and lists, generous enough for any real record and small
// enough that a damaged or hostile file cannot fill the memory, the disk or
// the screen. The import enforces them while reading, for drafts too
// (decode.go). In the app a draft may go over one while the chair is
// typing, so that nothing typed is lost: the field is flagged and sign-off
// waits (the problems are Incomplete). docs/interchange.md lists them.
const (
	maxName         = 200     // names, roles, references, ids
	maxText         = 100000  // free text: reasons, views, rationale, notes
	maxMeetingText  = 1000000 // all the text of one meeting
	maxChildren     = 100     // children of a meeting; children of a decision
	maxAttendees    = 200
	maxDecisions    = 200
	maxActions      = 500
	maxInformation  = 200 // agencies' contributions
	maxFamilyPlan   = 100
	maxHousehold    = 100
	maxDistribution = 200 // recipients of the minutes
)

// signOffSkew is how far in the future a sign-off time in a file may be:
// laptops' clocks differ a little.
const signOffSkew = 10 * time.Minute

// text checks a text field: valid UTF-8, no control characters (free text
// may hold line breaks and tabs), no longer than max, and present when
// required.
func (ps *problems) text(field, s string, max int, required bool) {
	if strings.TrimSpace(s) == "" {
		if required {
			ps.required(field)
		}
		return
	}
	if !utf8.ValidString(s) {
		ps.add(field, "is not valid UTF-8 text")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		ps.incompleteCode(field, CodeTooLong, "is %d characters long; the limit is %d", n, max)
	}
	multiline := max == maxText
	for i, r := range s {
		if r == '\n' || r == '\t' || r == '\r' {
			if multiline {
				continue
			}
		} else if !unicode.IsControl(r) {
			continue
		}
		ps.add(field, "contains a control character (U+%04X) at byte %d", r, i)
		return
	}
}

// Validate returns every problem that stops the record being stored, as
// Problems, or nil: for a draft, what is invalid; for a signed-off record,
// also what is incomplete.
func (m *Meeting) Validate() error {
	var blocking Problems
	for _, p := range m.Check() {
		if !p.Incomplete || m.SignedOff() {
			blocking = append(blocking, p)
		}
	}
	if len(blocking) == 0 {
		return nil
	}
	return blocking
}

// Check returns every problem with the record, invalid or incomplete, for
// showing beside the fields.
func (m *Meeting) Check() Problems {
	var ps problems
	n := ps.fields(m)
	if strings.TrimSpace(m.ID) == "" {
		ps.add("id", "is required")
	}
	if m.Type == "" {
		ps.add("type", "%s", Types.check(m.Type))
	}
	if m.Mode == "" {
		ps.add("mode", "%s", Modes.check(m.Mode))
	}
	if m.HeldAt.IsZero() {
		ps.add("held_at", "is required")
	}
	if !m.ReferralReceivedAt.IsZero() && !m.HeldAt.IsZero() && m.ReferralReceivedAt.After(m.HeldAt) {
		ps.incompleteCode("referral_received_at", CodeOrder, "is after the meeting was held")
	}
	if m.SignedOff() && strings.TrimSpace(m.Chair) == "" {
		ps.required("chair")
	}
	if n > maxMeetingText {
		ps.incompleteCode("", CodeTooLong, "the meeting holds %d characters of text in all; the limit for one meeting is %d", n, maxMeetingText)
	}

	heldOn := m.HeldOn()
	held := !m.HeldAt.IsZero()
	birth := func(field string, d Date, unborn bool, after string) {
		switch {
		case d.IsZero():
		case d.Year < 1900:
			ps.incompleteCode(field, CodeOrder, "is before 1900")
		case held && d.After(heldOn) && !unborn:
			ps.incompleteCode(field, CodeOrder, "%s", after)
		}
	}
	childIDs := make(map[string]bool, len(m.Children))
	for i, c := range m.Children {
		f := fmt.Sprintf("children[%d]", i)
		if strings.TrimSpace(c.ID) == "" {
			ps.add(f+".id", "is required")
		}
		if c.ID != "" && childIDs[c.ID] {
			ps.add(f+".id", "is used by another child of this meeting")
		}
		childIDs[c.ID] = true
		birth(f+".date_of_birth", c.DateOfBirth, m.Type == TypePreBirth, "is after the meeting; use a pre-birth meeting for an unborn child")
	}

	for i, a := range m.Attendees {
		ps.service(fmt.Sprintf("attendees[%d]", i), a.Agency, a.Service)
	}
	for i, in := range m.Information {
		ps.service(fmt.Sprintf("information[%d]", i), in.Agency, in.Service)
	}

	if c := m.Consent; c != nil {
		if !c.ParentsInformedOn.IsZero() && c.ParentsInformed != ParentsInformedYes {
			ps.incompleteCode("consent.parents_informed_on", CodeOrder, "is given but parents_informed is not \"yes\"")
		}
	}

	for i, d := range m.Decisions {
		f := fmt.Sprintf("decisions[%d]", i)
		seen := make(map[string]bool, len(d.Children))
		for j, id := range d.Children {
			switch {
			case !childIDs[id]:
				ps.add(fmt.Sprintf("%s.children[%d]", f, j), "no child of this meeting has this id")
			case seen[id]:
				ps.add(fmt.Sprintf("%s.children[%d]", f, j), "the child is listed twice")
			}
			seen[id] = true
		}
	}

	actionIDs := make(map[string]bool, len(m.Actions))
	for i, a := range m.Actions {
		f := fmt.Sprintf("actions[%d]", i)
		if held {
			if !a.Due.IsZero() && a.Due.Before(heldOn) {
				ps.incompleteCode(f+".due", CodeOrder, "is before the meeting")
			}
			// An action carried from an earlier meeting may have been done
			// between the two.
			if !a.Completed.IsZero() && a.Completed.Before(heldOn) && a.CarriedFrom == "" {
				ps.incompleteCode(f+".completed", CodeOrder, "is before the meeting")
			}
		}
		if a.DroppedReason != "" && a.CarriedFrom == "" {
			ps.add(f+".dropped_reason", "is given for an action not carried from an earlier meeting")
		}
		if a.ID != "" {
			if actionIDs[a.ID] {
				ps.add(f+".id", "another action of this meeting has the same id")
			}
			actionIDs[a.ID] = true
		}
		if a.Done != nil {
			switch {
			case a.Done.On.IsZero():
				ps.add(f+".done.on", "is required")
			case held && a.Done.On.Before(heldOn):
				ps.addCode(f+".done.on", CodeOrder, "is before the meeting")
			}
		}
	}
	if c := m.ICPC; c != nil {
		notNeeded := strings.TrimSpace(c.NotNeededReason) != ""
		switch {
		case c.HeldOn.IsZero() && !notNeeded:
			ps.add("icpc", "says neither when the conference was held nor why none is needed")
		case !c.HeldOn.IsZero() && notNeeded:
			ps.add("icpc.not_needed_reason", "is given with the date the conference was held: give one or the other")
		case held && !c.HeldOn.IsZero() && c.HeldOn.Before(heldOn):
			ps.addCode("icpc.held_on", CodeOrder, "is before the meeting")
		}
	}
	for i, r := range m.Distribution {
		f := fmt.Sprintf("distribution[%d]", i)
		if strings.TrimSpace(r.Name) == "" {
			ps.add(f+".name", "is required")
		}
		if r.SentAt.IsZero() {
			ps.add(f+".sent_at", "is required")
		}
		if r.Copy == "" {
			ps.add(f+".copy", "is required")
		}
	}

	for i, l := range m.FamilyPlan {
		f := fmt.Sprintf("family_plan[%d]", i)
		if held && !l.WithheldUntil.IsZero() && l.WithheldUntil.Before(heldOn) {
			ps.incompleteCode(f+".withheld_until", CodeOrder, "is before the meeting")
		}
		if !l.Withheld && (!l.WithheldUntil.IsZero() || strings.TrimSpace(l.WithheldReason) != "") {
			ps.incompleteCode(f+".withheld", CodeOrder, "is not ticked, but a reason or date for withholding is given")
		}
	}
	memberIDs := make(map[string]bool, len(m.Household))
	for i, p := range m.Household {
		f := fmt.Sprintf("household[%d]", i)
		if strings.TrimSpace(p.ID) == "" {
			ps.add(f+".id", "is required")
		}
		switch {
		case p.ID != "" && memberIDs[p.ID]:
			ps.add(f+".id", "is used by another member of the household")
		case p.ID != "" && childIDs[p.ID]:
			ps.add(f+".id", "is used by a child of this meeting: a member's id must differ from every child's")
		}
		memberIDs[p.ID] = true
		if p.Relationship == RelationshipChild {
			ps.add(f+".relationship", "\"child\" is for the child of the meeting in a family plan; the household lists other people")
		}
		birth(f+".date_of_birth", p.DateOfBirth, false, "is after the meeting")
	}
	if held && !m.NextMeetingAt.IsZero() && !m.NextMeetingAt.After(m.HeldAt) {
		ps.incompleteCode("next_meeting_at", CodeOrder, "is not after this meeting")
	}

	if !m.SignedOff() && m.SignOffRules != RulesLegacy {
		ps.add("sign_off_rules", "is given, but the minutes are not signed off")
	}
	if m.SignedOff() && held && m.SignedOffAt.Before(m.HeldAt) {
		ps.incompleteCode("signed_off_at", CodeOrder, "is before the meeting was held")
	}
	return ps.list
}

// fields checks every field by the field table: text is valid, within its
// limit and there when required; a code is one of its vocabulary's; a list
// is within its limit. It returns the characters of text in the record
// (every name, text and child id, as the decoder counts them).
func (ps *problems) fields(m *Meeting) int {
	chars := 0
	visit(record, "", reflect.ValueOf(m).Elem(), func(f *Field, parent string, v reflect.Value) {
		switch f.Kind {
		case KindName, KindText:
			s := v.String()
			n := utf8.RuneCountInString(s)
			chars += n
			if !textOK(s, n, f.Limit, f.Required) {
				ps.text(joinField(parent, f.Key), s, f.Limit, f.Required)
			}
		case KindCode:
			c := v.String()
			switch {
			case f.codes == nil:
			case c != "":
				if msg := f.codes(c); msg != "" {
					ps.add(joinField(parent, f.Key), "%s", msg)
				}
			case f.Required:
				ps.incompleteCode(joinField(parent, f.Key), CodeChoose, "%s", f.codes(c))
			}
		case KindRefs:
			for i := range v.Len() {
				chars += utf8.RuneCountInString(v.Index(i).String())
			}
			fallthrough
		case KindList:
			if v.Len() > f.Limit {
				ps.count(joinField(parent, f.Key), v.Len(), f.Limit)
			}
		}
	})
	return chars
}

// textOK reports whether ps.text would find nothing wrong with s, of n
// characters: the quick test that lets a check of the record build a
// field's path only for a field with a problem.
func textOK(s string, n, max int, required bool) bool {
	if strings.TrimSpace(s) == "" {
		return !required
	}
	if n > max || !utf8.ValidString(s) {
		return false
	}
	multiline := max == maxText
	for _, r := range s {
		if r == '\n' || r == '\t' || r == '\r' {
			if !multiline {
				return false
			}
		} else if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// service checks the service of an agency's row: only health and education
// have services.
func (ps *problems) service(f string, a Agency, s Service) {
	if s == "" {
		return
	}
	if services, ok := Services(a); !ok {
		if Agencies.Valid(a) {
			ps.add(f+".service", "agency %q has no services (only health and education do)", a) // a valid code, never free text
		}
	} else {
		code(ps, f+".service", services, s)
	}
}

// SignOffProblems returns what must be put right before the chair can sign
// the minutes off: every problem of Check, and what a complete record has
// (children, chair, at least one decision, the consent record, an owner and
// a due date for every action, and a reason when a statutory partner did
// not attend), and, for minutes signed off under today's rules (every
// draft), the statutory questions (checklist.go). All of them are
// Incomplete or invalid problems, never nil when sign-off must wait.
func (m *Meeting) SignOffProblems() Problems {
	var ps problems
	ps.list = m.Check()
	if len(m.Children) == 0 && !m.ChecklistRules() { // else the statutory questions say it
		ps.incomplete("children", "add at least one child")
	}
	if strings.TrimSpace(m.Chair) == "" {
		ps.required("chair")
	}
	if len(m.Decisions) == 0 {
		ps.incomplete("decisions", "record at least one decision")
	}
	if m.Consent == nil {
		ps.incomplete("consent", "record how consent was handled")
	} else {
		c := m.Consent
		if c.Status == "" {
			ps.incomplete("consent.status", "choose how consent was handled")
		}
		if c.WithoutConsent() {
			if strings.TrimSpace(c.Reason) == "" {
				ps.incomplete("consent.reason", "say why consent was %s", strings.ToLower(c.Status.Label()))
			}
			if strings.TrimSpace(c.DecidedBy) == "" {
				ps.incomplete("consent.decided_by", "is required when consent was %s", strings.ToLower(c.Status.Label()))
			}
			if strings.TrimSpace(c.AuthorisedBy) == "" {
				ps.incomplete("consent.authorised_by", "is required when consent was %s", strings.ToLower(c.Status.Label()))
			}
			if c.LawfulBasis == "" {
				ps.incomplete("consent.lawful_basis", "is required when consent was %s", strings.ToLower(c.Status.Label()))
			}
		}
		if c.ParentsInformed == "" {
			ps.incomplete("consent.parents_informed", "say whether the parents have been told")
		} else if c.ParentsInformed != ParentsInformedYes && strings.TrimSpace(c.ParentsInformedReason) == "" {
			ps.incomplete("consent.parents_informed_reason", "say why the parents have not been told")
		}
	}
	for i, a := range m.Actions {
		if a.DroppedReason != "" || a.CarriedFrom != "" && !a.Completed.IsZero() {
			continue // carried from an earlier meeting, and dropped or done: nothing is due
		}
		if strings.TrimSpace(a.Owner) == "" {
			ps.required(fmt.Sprintf("actions[%d].owner", i))
		}
		if a.Due.IsZero() {
			ps.required(fmt.Sprintf("actions[%d].due", i))
		}
	}
	if missing := m.MissingStatutory(); len(missing) > 0 && strings.TrimSpace(m.MissingPartnersReason) == "" {
		names := make([]string, len(missing))
		for i, a := range missing {
			names[i] = a.Label()
		}
		ps.incomplete("missing_partners_reason", "say why %s did not attend", strings.Join(names, ", "))
	}
	if m.ChecklistRules() {
		ps.list = append(ps.list, m.Unanswered()...)
	}
	// Check already says "chair: is required" for a signed-off record; say it once.
	return dedupe(ps.list)
}

// ChecklistRules reports whether sign-off needs the statutory questions
// answered: for every draft, and for minutes signed off under those rules;
// minutes signed off before them keep the rules they were signed off under.
func (m *Meeting) ChecklistRules() bool {
	return !m.SignedOff() || m.SignOffRules >= RulesChecklist
}

// SignedOffProblems returns what stops a record that arrives signed off (in
// an interchange file) from being stored as signed off: the rules the app's
// own sign-off applies (SignOffProblems), and what the app's sign-off
// records, a signer and a time that is not in the future (now). It is nil
// for a draft.
func (m *Meeting) SignedOffProblems(now time.Time) Problems {
	if !m.SignedOff() {
		return nil
	}
	ps := problems{list: m.SignOffProblems()}
	if strings.TrimSpace(m.SignedOffBy) == "" {
		ps.incompleteCode("signed_off_by", CodeRequired, "is required: say who signed the minutes off")
	}
	if m.SignedOffAt.After(now.Add(signOffSkew)) {
		ps.incomplete("signed_off_at", "is in the future: minutes are signed off after the meeting, never ahead of time")
	}
	return dedupe(ps.list)
}

// count adds a problem when a list has more than max entries.
func (ps *problems) count(field string, n, max int) {
	if n > max {
		ps.incompleteCode(field, CodeTooLong, "has %d entries; the limit is %d", n, max)
	}
}

func dedupe(ps Problems) Problems {
	seen := map[Problem]bool{}
	out := ps[:0:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// Added returns the problems of after that before does not have: what a
// change (an amendment) would make worse.
func Added(before, after Problems) Problems {
	had := map[string]bool{}
	for _, p := range before {
		had[p.String()] = true
	}
	var out Problems
	for _, p := range after {
		if !had[p.String()] {
			out = append(out, p)
		}
	}
	return out
}
