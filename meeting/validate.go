package meeting

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A Problem is one thing wrong with a record, named by its field path in the
// interchange format, e.g. `attendees[2].agency`.
type Problem struct {
	Field   string
	Message string
	// Incomplete marks what a draft may keep while the chair is still typing
	// (a missing name, a date out of order); it must be put right before
	// sign-off. Other problems make a record unstorable.
	Incomplete bool
}

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
		out[i] = Problem{Field: joinField(prefix, p.Field), Message: p.Message, Incomplete: p.Incomplete}
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
	ps.list = append(ps.list, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// incomplete adds a problem that a draft may keep.
func (ps *problems) incomplete(field, format string, args ...any) {
	ps.list = append(ps.list, Problem{Field: field, Message: fmt.Sprintf(format, args...), Incomplete: true})
}

// code adds the problem with a vocabulary code, if any: a missing code is
// incomplete, an unknown one is invalid.
func code[C ~string](ps *problems, field string, v Vocabulary[C], c C) {
	if msg := v.check(c); msg != "" {
		if c == "" {
			ps.incomplete(field, "%s", msg)
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
	maxName        = 200     // names, roles, references, ids
	maxText        = 100000  // free text: reasons, views, rationale, notes
	maxMeetingText = 1000000 // all the text of one meeting
	maxChildren    = 100     // children of a meeting; children of a decision
	maxAttendees   = 200
	maxDecisions   = 200
	maxActions     = 500
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
			ps.incomplete(field, "is required")
		}
		return
	}
	if !utf8.ValidString(s) {
		ps.add(field, "is not valid UTF-8 text")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		ps.incomplete(field, "is %d characters long; the limit is %d", n, max)
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
	if strings.TrimSpace(m.ID) == "" {
		ps.add("id", "is required")
	}
	ps.text("id", m.ID, maxName, false)
	ps.text("reference", m.Reference, maxName, false)
	if msg := Types.check(m.Type); msg != "" {
		ps.add("type", "%s", msg)
	}
	if msg := Modes.check(m.Mode); msg != "" {
		ps.add("mode", "%s", msg)
	}
	if m.HeldAt.IsZero() {
		ps.add("held_at", "is required")
	}
	if !m.ReferralReceivedAt.IsZero() && !m.HeldAt.IsZero() && m.ReferralReceivedAt.After(m.HeldAt) {
		ps.incomplete("referral_received_at", "is after the meeting was held")
	}
	ps.text("chair", m.Chair, maxName, m.SignedOff())
	ps.text("minute_taker", m.MinuteTaker, maxName, false)
	ps.text("reason", m.Reason, maxText, false)
	ps.count("children", len(m.Children), maxChildren)
	ps.count("attendees", len(m.Attendees), maxAttendees)
	ps.count("decisions", len(m.Decisions), maxDecisions)
	ps.count("actions", len(m.Actions), maxActions)
	if n := m.textLength(); n > maxMeetingText {
		ps.incomplete("", "the meeting holds %d characters of text in all; the limit for one meeting is %d", n, maxMeetingText)
	}

	heldOn := m.HeldOn()
	childIDs := make(map[string]bool, len(m.Children))
	for i, c := range m.Children {
		f := fmt.Sprintf("children[%d]", i)
		if strings.TrimSpace(c.ID) == "" {
			ps.add(f+".id", "is required")
		}
		ps.text(f+".id", c.ID, maxName, false)
		if c.ID != "" && childIDs[c.ID] {
			ps.add(f+".id", "is used by another child of this meeting")
		}
		childIDs[c.ID] = true
		ps.text(f+".name", c.Name, maxName, true)
		ps.text(f+".case_reference", c.CaseReference, maxName, false)
		if !c.DateOfBirth.IsZero() {
			switch {
			case c.DateOfBirth.Year < 1900:
				ps.incomplete(f+".date_of_birth", "is before 1900")
			case m.Type != TypePreBirth && !m.HeldAt.IsZero() && c.DateOfBirth.After(heldOn):
				ps.incomplete(f+".date_of_birth", "is after the meeting; use a pre-birth meeting for an unborn child")
			}
		}
	}

	for i, a := range m.Attendees {
		f := fmt.Sprintf("attendees[%d]", i)
		ps.text(f+".name", a.Name, maxName, true)
		ps.text(f+".role", a.Role, maxName, false)
		code(&ps, f+".agency", Agencies, a.Agency)
		if a.Service != "" {
			if services, ok := Services(a.Agency); !ok {
				if Agencies.Valid(a.Agency) {
					ps.add(f+".service", "agency %q has no services (only health and education do)", a.Agency) // a valid code, never free text
				}
			} else {
				code(&ps, f+".service", services, a.Service)
			}
		}
		code(&ps, f+".attendance", Attendances, a.Attendance)
		ps.text(f+".note", a.Note, maxText, false)
	}

	if c := m.Consent; c != nil {
		code(&ps, "consent.status", ConsentStatuses, c.Status)
		ps.text("consent.reason", c.Reason, maxText, false)
		ps.text("consent.decided_by", c.DecidedBy, maxName, false)
		ps.text("consent.authorised_by", c.AuthorisedBy, maxName, false)
		if c.LawfulBasis != "" {
			code(&ps, "consent.lawful_basis", LawfulBases, c.LawfulBasis)
		}
		if c.ParentsInformed != "" {
			code(&ps, "consent.parents_informed", ParentsInformedValues, c.ParentsInformed)
		}
		if !c.ParentsInformedOn.IsZero() && c.ParentsInformed != ParentsInformedYes {
			ps.incomplete("consent.parents_informed_on", "is given but parents_informed is not \"yes\"")
		}
		ps.text("consent.parents_informed_reason", c.ParentsInformedReason, maxText, false)
		ps.text("consent.parents_views", c.ParentsViews, maxText, false)
		ps.text("consent.child_views", c.ChildViews, maxText, false)
	}

	for i, d := range m.Decisions {
		f := fmt.Sprintf("decisions[%d]", i)
		code(&ps, f+".outcome", Outcomes, d.Outcome)
		ps.text(f+".rationale", d.Rationale, maxText, false)
		ps.count(f+".children", len(d.Children), maxChildren)
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

	for i, a := range m.Actions {
		f := fmt.Sprintf("actions[%d]", i)
		ps.text(f+".description", a.Description, maxText, true)
		ps.text(f+".owner", a.Owner, maxName, false)
		if a.Agency != "" {
			code(&ps, f+".agency", Agencies, a.Agency)
		}
		if !m.HeldAt.IsZero() {
			if !a.Due.IsZero() && a.Due.Before(heldOn) {
				ps.incomplete(f+".due", "is before the meeting")
			}
			if !a.Completed.IsZero() && a.Completed.Before(heldOn) {
				ps.incomplete(f+".completed", "is before the meeting")
			}
		}
	}

	if m.SignedOff() && !m.HeldAt.IsZero() && m.SignedOffAt.Before(m.HeldAt) {
		ps.incomplete("signed_off_at", "is before the meeting was held")
	}
	ps.text("signed_off_by", m.SignedOffBy, maxName, false)
	ps.text("missing_partners_reason", m.MissingPartnersReason, maxText, false)
	return ps.list
}

// SignOffProblems returns what must be put right before the chair can sign
// the minutes off: every problem of Check, and what a complete record has
// (children, chair, at least one decision, the consent record, an owner and
// a due date for every action, and a reason when a statutory partner did
// not attend). All of them are Incomplete or invalid problems, never nil
// when sign-off must wait.
func (m *Meeting) SignOffProblems() Problems {
	var ps problems
	ps.list = m.Check()
	if len(m.Children) == 0 {
		ps.incomplete("children", "add at least one child")
	}
	if strings.TrimSpace(m.Chair) == "" {
		ps.incomplete("chair", "is required")
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
		if strings.TrimSpace(a.Owner) == "" {
			ps.incomplete(fmt.Sprintf("actions[%d].owner", i), "is required")
		}
		if a.Due.IsZero() {
			ps.incomplete(fmt.Sprintf("actions[%d].due", i), "is required")
		}
	}
	if missing := m.MissingStatutory(); len(missing) > 0 && strings.TrimSpace(m.MissingPartnersReason) == "" {
		names := make([]string, len(missing))
		for i, a := range missing {
			names[i] = a.Label()
		}
		ps.incomplete("missing_partners_reason", "say why %s did not attend", strings.Join(names, ", "))
	}
	// Check already says "chair: is required" for a signed-off record; say it once.
	return dedupe(ps.list)
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
		ps.incomplete("signed_off_by", "is required: say who signed the minutes off")
	}
	if m.SignedOffAt.After(now.Add(signOffSkew)) {
		ps.incomplete("signed_off_at", "is in the future: minutes are signed off after the meeting, never ahead of time")
	}
	return dedupe(ps.list)
}

// count adds a problem when a list has more than max entries.
func (ps *problems) count(field string, n, max int) {
	if n > max {
		ps.incomplete(field, "has %d entries; the limit is %d", n, max)
	}
}

// textLength is the number of characters of text in the record.
func (m *Meeting) textLength() int {
	n := 0
	add := func(ss ...string) {
		for _, s := range ss {
			n += utf8.RuneCountInString(s)
		}
	}
	add(m.ID, m.Reference, m.Chair, m.MinuteTaker, m.Reason, m.SignedOffBy, m.MissingPartnersReason)
	for _, c := range m.Children {
		add(c.ID, c.Name, c.CaseReference)
	}
	for _, a := range m.Attendees {
		add(a.Name, a.Role, a.Note)
	}
	if c := m.Consent; c != nil {
		add(c.Reason, c.DecidedBy, c.AuthorisedBy, c.ParentsInformedReason, c.ParentsViews, c.ChildViews)
	}
	for _, d := range m.Decisions {
		add(d.Rationale)
		add(d.Children...)
	}
	for _, a := range m.Actions {
		add(a.Description, a.Owner)
	}
	return n
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
