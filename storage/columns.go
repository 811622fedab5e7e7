package storage

import (
	"fmt"
	"strings"
	"time"

	"strategyminutes/meeting"
)

// Each table's columns are described once, here, with the field of the
// record each holds: a save writes the rows these give (imageOf), a load
// reads them back (loadMeetings), the checksum and the check before writes
// read the same columns. Adding a field to the record is a column here and
// in a migration.

// A column is one column of a table and the field of a T it holds.
type column[T any] struct {
	name string
	// get returns the value to store: a string, or an int64 for the
	// columns of integerColumns.
	get func(x *T) any
	// set puts a stored value back, naming the field path in its error
	// (never the value: it may be a date of birth); nil for a column
	// worked out from others (held_unix, search).
	set func(x *T, v any, path string) error
	key string // the field's key in the interchange format, for errors
}

func textCol[T any, S ~string](name string, f func(x *T) *S) column[T] {
	return column[T]{name: name, key: name,
		get: func(x *T) any { return string(*f(x)) },
		set: func(x *T, v any, _ string) error { *f(x) = S(v.(string)); return nil }}
}

func dateCol[T any](name, key string, f func(x *T) *meeting.Date) column[T] {
	return column[T]{name: name, key: key,
		get: func(x *T) any { return f(x).String() },
		set: func(x *T, v any, path string) (err error) { *f(x), err = parseDate(path, v.(string)); return err }}
}

func timeCol[T any](name, key string, f func(x *T) *time.Time) column[T] {
	return column[T]{name: name, key: key,
		get: func(x *T) any { return formatTime(*f(x)) },
		set: func(x *T, v any, path string) (err error) { *f(x), err = parseTime(path, v.(string)); return err }}
}

func boolCol[T any](name string, f func(x *T) *bool) column[T] {
	return column[T]{name: name, key: name,
		get: func(x *T) any { return boolean(*f(x)) },
		set: func(x *T, v any, _ string) error { *f(x) = v.(int64) != 0; return nil }}
}

func intCol[T any](name string, f func(x *T) *int) column[T] {
	return column[T]{name: name, key: name,
		get: func(x *T) any { return int64(*f(x)) },
		set: func(x *T, v any, _ string) error { *f(x) = int(v.(int64)); return nil }}
}

// derived is a column worked out from the record, for ordering and search;
// a load ignores it.
func derived[T any](name string, get func(x *T) any) column[T] {
	return column[T]{name: name, key: name, get: get}
}

// keyed gives a column the interchange key of its field, where the column
// is named otherwise (child_id for a child's id).
func keyed[T any](c column[T], key string) column[T] {
	c.key = key
	return c
}

// columns are a table's columns over a T.
type columns[T any] []column[T]

func (cs columns[T]) names() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// row returns x's values in the columns' order.
func (cs columns[T]) row(x *T) row {
	r := make(row, len(cs))
	for i, c := range cs {
		r[i] = c.get(x)
	}
	return r
}

// scan puts a stored row into x; prefix is the field path of x, e.g.
// "children[2]".
func (cs columns[T]) scan(x *T, r row, prefix string) error {
	for i, c := range cs {
		if c.set == nil {
			continue
		}
		if err := c.set(x, r[i], joinPath(prefix, c.key)); err != nil {
			return err
		}
	}
	return nil
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// listTable describes a table of one of the record's lists: its rows are
// the list's entries, at positions 0, 1, 2...
func listTable[T any](name, key string, items func(m *meeting.Meeting) *[]T, list func(img *image) *[]row, cols columns[T]) *table {
	t := newTable(name, cols.names()...)
	t.list = list
	t.rows = func(m *meeting.Meeting) []row {
		xs := *items(m)
		if len(xs) == 0 {
			return nil
		}
		out := make([]row, len(xs))
		for i := range xs {
			out[i] = cols.row(&xs[i])
		}
		return out
	}
	t.load = func(m *meeting.Meeting, r row) error {
		xs := items(m)
		var x T
		if err := cols.scan(&x, r, fmt.Sprintf("%s[%d]", key, len(*xs))); err != nil {
			return err
		}
		*xs = append(*xs, x)
		return nil
	}
	return t
}

var (
	childrenTable = listTable("children", "children", func(m *meeting.Meeting) *[]meeting.Child { return &m.Children },
		func(img *image) *[]row { return &img.children }, columns[meeting.Child]{
			keyed(textCol("child_id", func(c *meeting.Child) *string { return &c.ID }), "id"),
			textCol("name", func(c *meeting.Child) *string { return &c.Name }),
			dateCol("date_of_birth", "date_of_birth", func(c *meeting.Child) *meeting.Date { return &c.DateOfBirth }),
			textCol("case_reference", func(c *meeting.Child) *string { return &c.CaseReference }),
			textCol("views", func(c *meeting.Child) *string { return &c.Views }), // schema version 8
		})
	attendeesTable = listTable("attendees", "attendees", func(m *meeting.Meeting) *[]meeting.Attendee { return &m.Attendees },
		func(img *image) *[]row { return &img.attendees }, columns[meeting.Attendee]{
			textCol("name", func(a *meeting.Attendee) *string { return &a.Name }),
			textCol("role", func(a *meeting.Attendee) *string { return &a.Role }),
			textCol("agency", func(a *meeting.Attendee) *meeting.Agency { return &a.Agency }),
			textCol("service", func(a *meeting.Attendee) *meeting.Service { return &a.Service }),
			textCol("attendance", func(a *meeting.Attendee) *meeting.Attendance { return &a.Attendance }),
			boolCol("referrer", func(a *meeting.Attendee) *bool { return &a.Referrer }),
			textCol("note", func(a *meeting.Attendee) *string { return &a.Note }),
		})
	decisionsTable = listTable("decisions", "decisions", func(m *meeting.Meeting) *[]meeting.Decision { return &m.Decisions },
		func(img *image) *[]row { return &img.decisions }, columns[meeting.Decision]{
			textCol("outcome", func(d *meeting.Decision) *meeting.Outcome { return &d.Outcome }),
			textCol("rationale", func(d *meeting.Decision) *string { return &d.Rationale }),
		})
	actionsTable = listTable("actions", "actions", func(m *meeting.Meeting) *[]meeting.Action { return &m.Actions },
		func(img *image) *[]row { return &img.actions }, columns[meeting.Action]{
			textCol("description", func(a *meeting.Action) *string { return &a.Description }),
			textCol("owner", func(a *meeting.Action) *string { return &a.Owner }),
			textCol("agency", func(a *meeting.Action) *meeting.Agency { return &a.Agency }),
			dateCol("due", "due", func(a *meeting.Action) *meeting.Date { return &a.Due }),
			dateCol("completed", "completed", func(a *meeting.Action) *meeting.Date { return &a.Completed }),
			keyed(textCol("action_id", func(a *meeting.Action) *string { return &a.ID }), "id"), // schema version 11
			textCol("carried_from", func(a *meeting.Action) *string { return &a.CarriedFrom }),
			textCol("dropped_reason", func(a *meeting.Action) *string { return &a.DroppedReason }), // schema version 13
		})
	informationTable = listTable("information", "information", func(m *meeting.Meeting) *[]meeting.Information { return &m.Information },
		func(img *image) *[]row { return &img.information }, columns[meeting.Information]{
			textCol("agency", func(x *meeting.Information) *meeting.Agency { return &x.Agency }),
			textCol("service", func(x *meeting.Information) *meeting.Service { return &x.Service }),
			textCol("shared_by", func(x *meeting.Information) *string { return &x.SharedBy }),
			textCol("summary", func(x *meeting.Information) *string { return &x.Summary }),
			textCol("checks", func(x *meeting.Information) *string { return &x.Checks }),
			textCol("outstanding", func(x *meeting.Information) *string { return &x.Outstanding }),
			textCol("view", func(x *meeting.Information) *meeting.ThresholdView { return &x.View }),
		})
	familyPlanTable = listTable("family_plan", "family_plan", func(m *meeting.Meeting) *[]meeting.FamilyLine { return &m.FamilyPlan },
		func(img *image) *[]row { return &img.familyPlan }, columns[meeting.FamilyLine]{
			textCol("person", func(x *meeting.FamilyLine) *string { return &x.Person }),
			textCol("relationship", func(x *meeting.FamilyLine) *meeting.Relationship { return &x.Relationship }),
			textCol("what", func(x *meeting.FamilyLine) *string { return &x.What }),
			keyed(textCol("told_by", func(x *meeting.FamilyLine) *string { return &x.By }), "by"),
			dateCol("told_on", "on", func(x *meeting.FamilyLine) *meeting.Date { return &x.On }),
			boolCol("withheld", func(x *meeting.FamilyLine) *bool { return &x.Withheld }),
			textCol("withheld_reason", func(x *meeting.FamilyLine) *string { return &x.WithheldReason }),
			dateCol("withheld_until", "withheld_until", func(x *meeting.FamilyLine) *meeting.Date { return &x.WithheldUntil }),
		})
	householdTable = listTable("household", "household", func(m *meeting.Meeting) *[]meeting.Member { return &m.Household },
		func(img *image) *[]row { return &img.household }, columns[meeting.Member]{
			keyed(textCol("member_id", func(x *meeting.Member) *string { return &x.ID }), "id"),
			textCol("name", func(x *meeting.Member) *string { return &x.Name }),
			textCol("relationship", func(x *meeting.Member) *meeting.Relationship { return &x.Relationship }),
			dateCol("date_of_birth", "date_of_birth", func(x *meeting.Member) *meeting.Date { return &x.DateOfBirth }),
			boolCol("lives_with_child", func(x *meeting.Member) *bool { return &x.LivesWithChild }),
			boolCol("alleged", func(x *meeting.Member) *bool { return &x.Alleged }),
			textCol("note", func(x *meeting.Member) *string { return &x.Note }),
		})
)

func init() {
	childrenTable.sealed = 4 // views came with schema version 8
	actionsTable.sealed = 5  // action_id and carried_from with schema version 11
}

// meetingColumns are the columns of meetings a save writes, besides id,
// created_at, updated_at and checksum.
var meetingColumns = columns[meeting.Meeting]{
	textCol("reference", func(m *meeting.Meeting) *string { return &m.Reference }),
	textCol("type", func(m *meeting.Meeting) *meeting.Type { return &m.Type }),
	textCol("mode", func(m *meeting.Meeting) *meeting.Mode { return &m.Mode }),
	timeCol("held_at", "held_at", func(m *meeting.Meeting) *time.Time { return &m.HeldAt }),
	derived("held_unix", func(m *meeting.Meeting) any { return m.HeldAt.Unix() }),
	derived("held_on", func(m *meeting.Meeting) any { return m.HeldOn().String() }),
	timeCol("referral_received_at", "referral_received_at", func(m *meeting.Meeting) *time.Time { return &m.ReferralReceivedAt }),
	textCol("chair", func(m *meeting.Meeting) *string { return &m.Chair }),
	textCol("minute_taker", func(m *meeting.Meeting) *string { return &m.MinuteTaker }),
	textCol("reason", func(m *meeting.Meeting) *string { return &m.Reason }),
	timeCol("signed_off_at", "signed_off_at", func(m *meeting.Meeting) *time.Time { return &m.SignedOffAt }),
	textCol("signed_off_by", func(m *meeting.Meeting) *string { return &m.SignedOffBy }),
	textCol("missing_partners_reason", func(m *meeting.Meeting) *string { return &m.MissingPartnersReason }),
	derived("missing_statutory", func(m *meeting.Meeting) any {
		missing := make([]string, 0, len(meeting.StatutoryPartners))
		for _, a := range m.MissingStatutory() {
			missing = append(missing, string(a))
		}
		return strings.Join(missing, ",")
	}),
	derived("search", func(m *meeting.Meeting) any { return searchText(m) }),
	intCol("sign_off_rules", func(m *meeting.Meeting) *int { return &m.SignOffRules }),               // schema version 8
	textCol("previous_meeting_id", func(m *meeting.Meeting) *string { return &m.PreviousMeetingID }), // schema version 11
}

// meetingSealed is how many of the meeting's columns the checksum always
// covers (see table.sealed): sign_off_rules came with schema version 8.
const meetingSealed = 15

// consentColumns are the columns of consents: a meeting has a row when its
// consent is recorded.
var consentColumns = columns[meeting.Consent]{
	textCol("status", func(c *meeting.Consent) *meeting.ConsentStatus { return &c.Status }),
	textCol("reason", func(c *meeting.Consent) *string { return &c.Reason }),
	textCol("decided_by", func(c *meeting.Consent) *string { return &c.DecidedBy }),
	textCol("authorised_by", func(c *meeting.Consent) *string { return &c.AuthorisedBy }),
	textCol("lawful_basis", func(c *meeting.Consent) *meeting.LawfulBasis { return &c.LawfulBasis }),
	textCol("parents_informed", func(c *meeting.Consent) *meeting.ParentsInformed { return &c.ParentsInformed }),
	dateCol("parents_informed_on", "parents_informed_on", func(c *meeting.Consent) *meeting.Date { return &c.ParentsInformedOn }),
	textCol("parents_informed_reason", func(c *meeting.Consent) *string { return &c.ParentsInformedReason }),
	textCol("parents_views", func(c *meeting.Consent) *string { return &c.ParentsViews }),
	textCol("child_views", func(c *meeting.Consent) *string { return &c.ChildViews }),
}

// discussionColumns are the columns of discussions: the parts of the
// discussion a meeting has once. A meeting with none of them has no row.
var discussionColumns = columns[meeting.Meeting]{
	keyed(textCol("worries", func(m *meeting.Meeting) *string { return &m.Analysis.Worries }), "analysis.worries"),
	keyed(textCol("strengths", func(m *meeting.Meeting) *string { return &m.Analysis.Strengths }), "analysis.strengths"),
	keyed(textCol("dissent", func(m *meeting.Meeting) *string { return &m.Analysis.Dissent }), "analysis.dissent"),
	keyed(textCol("police_investigation", func(m *meeting.Meeting) *meeting.Investigation { return &m.Police.Investigation }), "police.investigation"),
	keyed(textCol("police_reason", func(m *meeting.Meeting) *string { return &m.Police.Reason }), "police.reason"),
	keyed(textCol("crime_reference", func(m *meeting.Meeting) *string { return &m.Police.CrimeReference }), "police.crime_reference"),
	keyed(textCol("police_officer", func(m *meeting.Meeting) *string { return &m.Police.Officer }), "police.officer"),
	keyed(textCol("police_plan", func(m *meeting.Meeting) *string { return &m.Police.Plan }), "police.plan"),
	keyed(textCol("medical_decision", func(m *meeting.Meeting) *meeting.MedicalDecision { return &m.Medical.Decision }), "medical.decision"),
	keyed(textCol("medical_reason", func(m *meeting.Meeting) *string { return &m.Medical.Reason }), "medical.reason"),
	keyed(textCol("medical_arranged_by", func(m *meeting.Meeting) *string { return &m.Medical.ArrangedBy }), "medical.arranged_by"),
	keyed(textCol("legal_decision", func(m *meeting.Meeting) *meeting.LegalDecision { return &m.Legal.Decision }), "legal.decision"),
	keyed(textCol("legal_reason", func(m *meeting.Meeting) *string { return &m.Legal.Reason }), "legal.reason"),
	textCol("safety_plan", func(m *meeting.Meeting) *string { return &m.SafetyPlan }),
	textCol("other_children", func(m *meeting.Meeting) *string { return &m.OtherChildren }),
	timeCol("next_meeting_at", "next_meeting_at", func(m *meeting.Meeting) *time.Time { return &m.NextMeetingAt }),
}

// The column names, for SQL.
var (
	meetingCols    = meetingColumns.names()
	consentCols    = consentColumns.names()
	discussionCols = discussionColumns.names()
)
