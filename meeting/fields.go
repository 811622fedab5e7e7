package meeting

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The record's fields are described once, here: the interchange path, the
// label people read, the kind of value and its limit. The decoder reads a
// file by this table, the encoder writes it, validation checks every text,
// code and list by it, and the screens and the PDF take their labels from
// it. Adding a field to the record is a field of its Go type, a line here,
// a column in storage, a widget and a line of the PDF.

// A Kind is what a field holds.
type Kind uint8

// Kinds of field.
const (
	KindName   Kind = iota + 1 // one line of text: names, roles, references, ids
	KindText                   // free text of several lines
	KindCode                   // a code of a vocabulary
	KindDate                   // a Date, YYYY-MM-DD
	KindTime                   // a time.Time, RFC 3339
	KindBool                   // true or false
	KindNumber                 // a small whole number
	KindObject                 // an object of fields: a struct, or a pointer to one
	KindList                   // a list of objects
	KindRefs                   // a list of child ids
)

// A Field describes one field of the record.
type Field struct {
	Path  string // in the interchange format, with [] for a list's entries: "children[].name"
	Key   string // the last part of the path: "name"
	Label string // as people read it: "Date of birth"
	Kind  Kind
	// Limit is the most characters a text may hold, or the most entries of
	// a list.
	Limit int
	// Item names one entry of a list, as people read it: "Child".
	Item string
	// Always: the encoder writes the field even when it is empty, as
	// version 1 of the format did for these.
	Always bool
	// Required: a draft may leave it empty, sign-off may not; an entry of
	// a list is incomplete without it.
	Required bool
	// Since is the version of the format that added the field: a file of
	// an earlier version cannot hold it.
	Since int
	// Codes checks a code of the field's vocabulary ("" when valid); nil
	// for a field whose vocabulary depends on another (a service).
	codes func(string) string
	// Within its parent's Go struct: the index of its Go field.
	index  int
	fields []*Field // of an object or a list's entries, in the order they are written
	keys   []string // their keys
}

// Fields returns the fields of an object or a list's entries.
func (f *Field) Fields() []*Field { return f.fields }

// limits of text; see validate.go.
func nameField(key, label string) *Field {
	return &Field{Key: key, Label: label, Kind: KindName, Limit: maxName}
}
func textField(key, label string) *Field {
	return &Field{Key: key, Label: label, Kind: KindText, Limit: maxText}
}
func dateField(key, label string) *Field { return &Field{Key: key, Label: label, Kind: KindDate} }
func timeField(key, label string) *Field { return &Field{Key: key, Label: label, Kind: KindTime} }
func boolField(key, label string) *Field {
	return &Field{Key: key, Label: label, Kind: KindBool, Always: true}
}
func codeOf[C ~string](key, label string, v Vocabulary[C]) *Field {
	return &Field{Key: key, Label: label, Kind: KindCode, codes: func(s string) string { return v.check(C(s)) }}
}
func objectField(key, label string, fields ...*Field) *Field {
	return &Field{Key: key, Label: label, Kind: KindObject, fields: fields}
}
func listField(key, label, item string, limit int, fields ...*Field) *Field {
	return &Field{Key: key, Label: label, Item: item, Kind: KindList, Limit: limit, fields: fields}
}

func (f *Field) always() *Field     { f.Always = true; return f }
func (f *Field) since(v int) *Field { f.Since = v; return f }
func (f *Field) required() *Field   { f.Required = true; return f }

// record is the meeting's own object: every field of the format.
var record = objectField("", "Meeting",
	nameField("id", "Identifier").always(),
	nameField("reference", "Reference"),
	codeOf("type", "Meeting type", Types).always(),
	codeOf("mode", "Held by", Modes).always(),
	timeField("held_at", "Date and time").always(),
	timeField("referral_received_at", "Referral received"),
	nameField("chair", "Chair").always(),
	nameField("minute_taker", "Minute-taker"),
	textField("reason", "Reason for the meeting"),
	listField("children", "Children", "Child", maxChildren,
		nameField("id", "Identifier").always(),
		nameField("name", "Name").always().required(),
		dateField("date_of_birth", "Date of birth"),
		nameField("case_reference", "Case reference"),
		textField("views", "The child's views").since(2),
	).always(),
	listField("attendees", "Attendance", "Attendee", maxAttendees,
		nameField("name", "Name").always().required(),
		nameField("role", "Role"),
		codeOf("agency", "Agency", Agencies).always().required(),
		&Field{Key: "service", Label: "Service", Kind: KindCode},
		codeOf("attendance", "Attendance", Attendances).always().required(),
		boolField("referrer", "Referrer"),
		textField("note", "Note"),
	).always(),
	listField("information", "Information shared", "Information", maxInformation,
		codeOf("agency", "Agency", Agencies).always().required(),
		&Field{Key: "service", Label: "Service", Kind: KindCode},
		nameField("shared_by", "Shared by"),
		textField("summary", "What the agency knows").required(),
		textField("checks", "Checks done"),
		textField("outstanding", "Still outstanding"),
		codeOf("view", "Threshold of significant harm", ThresholdViews),
	).since(2),
	objectField("consent", "Consent",
		codeOf("status", "Consent", ConsentStatuses).always().required(),
		textField("reason", "Reason consent was not obtained"),
		nameField("decided_by", "Consent decided by"),
		nameField("authorised_by", "Consent authorised by"),
		codeOf("lawful_basis", "Lawful basis", LawfulBases),
		codeOf("parents_informed", "Parents informed", ParentsInformedValues),
		dateField("parents_informed_on", "Parents informed on"),
		textField("parents_informed_reason", "Why parents not told"),
		textField("parents_views", "Parents' views"),
		textField("child_views", "Children's views (recorded together)"),
	),
	objectField("analysis", "Analysis",
		textField("worries", "What we are worried about"),
		textField("strengths", "What is working well"),
		textField("dissent", "Disagreement with the decision"),
	).since(2),
	objectField("police", "Police investigation",
		codeOf("investigation", "Police investigation", Investigations),
		textField("reason", "Reason for the police decision"),
		nameField("crime_reference", "Crime reference"),
		nameField("officer", "Officer in charge"),
		textField("plan", "Police plan"),
	).since(2),
	objectField("medical", "Medical",
		codeOf("decision", "Child protection medical", MedicalDecisions),
		textField("reason", "Reason for the medical decision"),
		nameField("arranged_by", "Medical arranged by"),
	).since(2),
	objectField("legal", "Legal",
		codeOf("decision", "Legal advice or planning meeting", LegalDecisions),
		textField("reason", "Reason for the legal decision"),
	).since(2),
	textField("safety_plan", "Immediate safety plan").since(2),
	listField("family_plan", "What the family is told", "Family member", maxFamilyPlan,
		nameField("person", "Person").always().required(),
		codeOf("relationship", "Relationship", Relationships).required(),
		textField("what", "What they are told"),
		nameField("by", "Told by"),
		dateField("on", "Told on"),
		boolField("withheld", "Withheld"),
		textField("withheld_reason", "Why it is withheld"),
		dateField("withheld_until", "Withheld until"),
	).since(2),
	listField("household", "Household and others", "Household member", maxHousehold,
		nameField("id", "Identifier").always(),
		nameField("name", "Name").always().required(),
		codeOf("relationship", "Relationship", Relationships).required(),
		dateField("date_of_birth", "Date of birth"),
		boolField("lives_with_child", "Lives with the child"),
		boolField("alleged", "Alleged to have caused harm"),
		textField("note", "Note"),
	).since(2),
	textField("other_children", "Other children considered").since(2),
	listField("decisions", "Decisions", "Decision", maxDecisions,
		codeOf("outcome", "Outcome", Outcomes).always().required(),
		textField("rationale", "Rationale"),
		&Field{Key: "children", Label: "Children", Item: "Child", Kind: KindRefs, Limit: maxChildren, Always: true},
	).always(),
	listField("actions", "Actions", "Action", maxActions,
		nameField("id", "Identifier").since(2),
		textField("description", "Action").always().required(),
		nameField("owner", "Owner"),
		codeOf("agency", "Agency", Agencies),
		dateField("due", "Due"),
		dateField("completed", "Completed"),
		nameField("carried_from", "Carried on from").since(2),
		textField("dropped_reason", "Dropped, because").since(2),
		objectField("done", "Done since the meeting",
			dateField("on", "Done on").required(),
			nameField("recorded_by", "Recorded by"),
			timeField("recorded_at", "Recorded at"),
		).since(2),
	).always(),
	timeField("next_meeting_at", "Next meeting").since(2),
	nameField("previous_meeting_id", "Reconvenes").since(2),
	objectField("icpc", "Initial child protection conference",
		dateField("held_on", "Conference held on"),
		textField("not_needed_reason", "Why no conference is needed"),
		nameField("recorded_by", "Recorded by"),
		timeField("recorded_at", "Recorded at"),
	).since(2),
	listField("distribution", "Minutes sent to", "Recipient", maxDistribution,
		// Required, of a follow-up: validate.go refuses one without them.
		nameField("name", "Name").always(),
		codeOf("agency", "Agency", Agencies),
		codeOf("copy", "Copy", Copies).always(),
		timeField("sent_at", "Sent at").always(),
		nameField("recorded_by", "Recorded by"),
	).since(2),
	timeField("signed_off_at", "Signed off"),
	nameField("signed_off_by", "Signed off by"),
	&Field{Key: "sign_off_rules", Label: "Sign-off rules", Kind: KindNumber, Since: 2},
	textField("missing_partners_reason", "Reason a statutory partner did not attend"),
)

// byPath finds a field by its path with the indexes taken out.
var byPath = map[string]*Field{}

func init() {
	bind(record, "", reflect.TypeFor[Meeting]())
}

// bind fills in the paths and Go field indexes of f's fields within the Go
// type t, and panics when the table and the types disagree: a field of the
// record with no line in the table, or a line with no field.
func bind(f *Field, path string, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("meeting: %s is a %s, not a struct", path, t))
	}
	if len(f.fields) != t.NumField() {
		panic(fmt.Sprintf("meeting: %s has %d fields in Go and %d in the field table", t, t.NumField(), len(f.fields)))
	}
	for _, c := range f.fields {
		f.keys = append(f.keys, c.Key)
		c.Path = joinField(path, c.Key)
		gf, ok := t.FieldByName(goName(c.Key))
		if !ok {
			panic(fmt.Sprintf("meeting: %s has no Go field %s for %s", t, goName(c.Key), c.Path))
		}
		c.index = gf.Index[0]
		byPath[c.Path] = c
		switch c.Kind {
		case KindObject:
			bind(c, c.Path, gf.Type)
		case KindList:
			bind(c, c.Path+"[]", gf.Type.Elem())
		}
	}
}

// goName is the Go name of a key: date_of_birth is DateOfBirth, id is ID.
func goName(key string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(key, "_") {
		if part == "id" || part == "icpc" { // initialisms, as Go writes them
			b.WriteString(strings.ToUpper(part))
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

var indexes = regexp.MustCompile(`\[\d+\]`)

// FieldOf returns the field a path names, indexes and all: the field of
// "attendees[2].agency" is "attendees[].agency".
func FieldOf(path string) (*Field, bool) {
	f, ok := byPath[indexes.ReplaceAllString(path, "[]")]
	return f, ok
}

// Label returns the label of the field a path names, or the path itself
// when it names none.
func Label(path string) string {
	if f, ok := FieldOf(path); ok {
		return f.Label
	}
	return path
}

// DescribeField names a field path as people read it: "attendees[2].agency"
// is "Attendee 3, Agency"; "consent.parents_views" is "Parents' views" (an
// object's fields carry labels that say whose they are).
func DescribeField(path string) string {
	if path == "" {
		return "The meeting"
	}
	var parts []string
	f := record
	segments := strings.Split(path, ".")
	for i, seg := range segments {
		key, n := seg, -1
		if j := strings.IndexByte(seg, '['); j > 0 && strings.HasSuffix(seg, "]") {
			k, err := strconv.Atoi(seg[j+1 : len(seg)-1])
			if err != nil {
				return path
			}
			key, n = seg[:j], k
		}
		var c *Field
		for _, x := range f.fields {
			if x.Key == key {
				c = x
			}
		}
		if c == nil {
			return path
		}
		last := i == len(segments)-1
		switch {
		case n >= 0 && c.Item != "":
			parts = append(parts, fmt.Sprintf("%s %d", c.Item, n+1))
		case n >= 0:
			parts = append(parts, fmt.Sprintf("%s %d", c.Label, n+1))
		case c.Kind != KindObject || last:
			parts = append(parts, c.Label)
		}
		f = c
	}
	return strings.Join(parts, ", ")
}

// visit calls fn with every field of v, a value of f's type (the objects
// and lists, and their fields), with the path of the object that holds it:
// the field's own path is joinField(parent, f.Key), made only when needed,
// because a check of every key typed visits every field of the record.
func visit(f *Field, parent string, v reflect.Value, fn func(f *Field, parent string, v reflect.Value)) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	for _, c := range f.fields {
		cv := v.Field(c.index)
		fn(c, parent, cv)
		switch c.Kind {
		case KindObject:
			visit(c, joinField(parent, c.Key), cv, fn)
		case KindList:
			if n := cv.Len(); n > 0 {
				p := joinField(parent, c.Key)
				for i := range n {
					visit(c, p+"["+strconv.Itoa(i)+"]", cv.Index(i), fn)
				}
			}
		}
	}
}

// isZero reports whether a field's value is empty: what the encoder leaves
// out unless the field is Always written.
func isZero(v reflect.Value) bool {
	switch x := v.Interface().(type) {
	case time.Time:
		return x.IsZero()
	case Date:
		return x.IsZero()
	}
	return v.IsZero() || (v.Kind() == reflect.Slice && v.Len() == 0)
}
