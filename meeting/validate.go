package meeting

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Problem is one thing wrong with a record, named by its field path in the
// interchange format, e.g. `attendees[2].agency`.
type Problem struct {
	Field   string
	Message string
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
		out[i] = Problem{Field: joinField(prefix, p.Field), Message: p.Message}
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

// code adds the problem with a vocabulary code, if any.
func code[C ~string](ps *problems, field string, v Vocabulary[C], c C) {
	if msg := v.check(c); msg != "" {
		ps.add(field, "%s", msg)
	}
}

// Limits on text, generous enough for any real record and small enough that
// a damaged file cannot fill the disk or the screen.
const (
	maxName = 200    // names, roles, references, ids
	maxText = 100000 // free text: reasons, views, rationale, notes
)

// text checks a text field: valid UTF-8, no control characters (free text
// may hold line breaks and tabs), no longer than max, and present when
// required.
func (ps *problems) text(field, s string, max int, required bool) {
	if strings.TrimSpace(s) == "" {
		if required {
			ps.add(field, "is required")
		}
		return
	}
	if !utf8.ValidString(s) {
		ps.add(field, "is not valid UTF-8 text")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		ps.add(field, "is %d characters long; the limit is %d", n, max)
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

// Validate checks everything a stored record must satisfy, draft or signed
// off, and returns every problem at once as Problems, or nil.
// Completeness for sign-off is a separate, stricter check.
func (m *Meeting) Validate() error {
	var ps problems
	ps.text("id", m.ID, maxName, true)
	ps.text("reference", m.Reference, maxName, false)
	code(&ps, "type", Types, m.Type)
	code(&ps, "mode", Modes, m.Mode)
	if m.HeldAt.IsZero() {
		ps.add("held_at", "is required")
	}
	if !m.ReferralReceivedAt.IsZero() && !m.HeldAt.IsZero() && m.ReferralReceivedAt.After(m.HeldAt) {
		ps.add("referral_received_at", "%s is after the meeting was held (%s)",
			m.ReferralReceivedAt.Format(timeLayout), m.HeldAt.Format(timeLayout))
	}
	ps.text("chair", m.Chair, maxName, m.SignedOff())
	ps.text("minute_taker", m.MinuteTaker, maxName, false)
	ps.text("reason", m.Reason, maxText, false)

	heldOn := m.HeldOn()
	childIDs := make(map[string]bool, len(m.Children))
	for i, c := range m.Children {
		f := fmt.Sprintf("children[%d]", i)
		ps.text(f+".id", c.ID, maxName, true)
		if c.ID != "" && childIDs[c.ID] {
			ps.add(f+".id", "%q is used by another child of this meeting", c.ID)
		}
		childIDs[c.ID] = true
		ps.text(f+".name", c.Name, maxName, true)
		ps.text(f+".case_reference", c.CaseReference, maxName, false)
		if !c.DateOfBirth.IsZero() {
			switch {
			case c.DateOfBirth.Year < 1900:
				ps.add(f+".date_of_birth", "%s is before 1900", c.DateOfBirth)
			case m.Type != TypePreBirth && !m.HeldAt.IsZero() && c.DateOfBirth.After(heldOn):
				ps.add(f+".date_of_birth", "%s is after the meeting (%s); use a pre-birth meeting for an unborn child", c.DateOfBirth, heldOn)
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
					ps.add(f+".service", "agency %q has no services (only health and education do)", a.Agency)
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
			ps.add("consent.parents_informed_on", "is given but parents_informed is not \"yes\"")
		}
		ps.text("consent.parents_informed_reason", c.ParentsInformedReason, maxText, false)
		ps.text("consent.parents_views", c.ParentsViews, maxText, false)
		ps.text("consent.child_views", c.ChildViews, maxText, false)
	}

	for i, d := range m.Decisions {
		f := fmt.Sprintf("decisions[%d]", i)
		code(&ps, f+".outcome", Outcomes, d.Outcome)
		ps.text(f+".rationale", d.Rationale, maxText, false)
		seen := make(map[string]bool, len(d.Children))
		for j, id := range d.Children {
			switch {
			case !childIDs[id]:
				ps.add(fmt.Sprintf("%s.children[%d]", f, j), "no child of this meeting has id %q", id)
			case seen[id]:
				ps.add(fmt.Sprintf("%s.children[%d]", f, j), "child %q is listed twice", id)
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
				ps.add(f+".due", "%s is before the meeting (%s)", a.Due, heldOn)
			}
			if !a.Completed.IsZero() && a.Completed.Before(heldOn) {
				ps.add(f+".completed", "%s is before the meeting (%s)", a.Completed, heldOn)
			}
		}
	}

	if m.SignedOff() && !m.HeldAt.IsZero() && m.SignedOffAt.Before(m.HeldAt) {
		ps.add("signed_off_at", "%s is before the meeting was held (%s)",
			m.SignedOffAt.Format(timeLayout), m.HeldAt.Format(timeLayout))
	}
	ps.text("signed_off_by", m.SignedOffBy, maxName, false)

	if len(ps.list) == 0 {
		return nil
	}
	return ps.list
}
