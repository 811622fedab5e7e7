package meeting

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The interchange format (docs/interchange.md): UTF-8 JSON, one object with
// the format name, its version and the meetings.
const (
	FormatName    = "strategy-minutes"
	FormatVersion = 1
)

const timeLayout = time.RFC3339Nano

// wire types mirror the interchange format field by field. Times and dates are
// strings here so that a bad one is reported with its field name.
type wireMeeting struct {
	ID                 string         `json:"id"`
	Reference          string         `json:"reference,omitempty"`
	Type               string         `json:"type"`
	Mode               string         `json:"mode"`
	HeldAt             string         `json:"held_at"`
	ReferralReceivedAt string         `json:"referral_received_at,omitempty"`
	Chair              string         `json:"chair"`
	MinuteTaker        string         `json:"minute_taker,omitempty"`
	Reason             string         `json:"reason,omitempty"`
	Children           []wireChild    `json:"children"`
	Attendees          []wireAttendee `json:"attendees"`
	Consent            *wireConsent   `json:"consent,omitempty"`
	Decisions          []wireDecision `json:"decisions"`
	Actions            []wireAction   `json:"actions"`
	SignedOffAt        string         `json:"signed_off_at,omitempty"`
	SignedOffBy        string         `json:"signed_off_by,omitempty"`
	MissingReason      string         `json:"missing_partners_reason,omitempty"`
}

type wireChild struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	DateOfBirth   string `json:"date_of_birth,omitempty"`
	CaseReference string `json:"case_reference,omitempty"`
}

type wireAttendee struct {
	Name       string `json:"name"`
	Role       string `json:"role,omitempty"`
	Agency     string `json:"agency"`
	Service    string `json:"service,omitempty"`
	Attendance string `json:"attendance"`
	Referrer   bool   `json:"referrer"`
	Note       string `json:"note,omitempty"`
}

type wireConsent struct {
	Status                string `json:"status"`
	Reason                string `json:"reason,omitempty"`
	DecidedBy             string `json:"decided_by,omitempty"`
	AuthorisedBy          string `json:"authorised_by,omitempty"`
	LawfulBasis           string `json:"lawful_basis,omitempty"`
	ParentsInformed       string `json:"parents_informed,omitempty"`
	ParentsInformedOn     string `json:"parents_informed_on,omitempty"`
	ParentsInformedReason string `json:"parents_informed_reason,omitempty"`
	ParentsViews          string `json:"parents_views,omitempty"`
	ChildViews            string `json:"child_views,omitempty"`
}

type wireDecision struct {
	Outcome   string   `json:"outcome"`
	Rationale string   `json:"rationale,omitempty"`
	Children  []string `json:"children"`
}

type wireAction struct {
	Description string `json:"description"`
	Owner       string `json:"owner,omitempty"`
	Agency      string `json:"agency,omitempty"`
	Due         string `json:"due,omitempty"`
	Completed   string `json:"completed,omitempty"`
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(timeLayout)
}

func toWire(m *Meeting) wireMeeting {
	w := wireMeeting{
		ID: m.ID, Reference: m.Reference, Type: string(m.Type), Mode: string(m.Mode),
		HeldAt: formatTime(m.HeldAt), ReferralReceivedAt: formatTime(m.ReferralReceivedAt),
		Chair: m.Chair, MinuteTaker: m.MinuteTaker, Reason: m.Reason,
		Children:    make([]wireChild, len(m.Children)),
		Attendees:   make([]wireAttendee, len(m.Attendees)),
		Decisions:   make([]wireDecision, len(m.Decisions)),
		Actions:     make([]wireAction, len(m.Actions)),
		SignedOffAt: formatTime(m.SignedOffAt), SignedOffBy: m.SignedOffBy,
		MissingReason: m.MissingPartnersReason,
	}
	for i, c := range m.Children {
		w.Children[i] = wireChild{c.ID, c.Name, c.DateOfBirth.String(), c.CaseReference}
	}
	for i, a := range m.Attendees {
		w.Attendees[i] = wireAttendee{a.Name, a.Role, string(a.Agency), string(a.Service), string(a.Attendance), a.Referrer, a.Note}
	}
	if c := m.Consent; c != nil {
		w.Consent = &wireConsent{string(c.Status), c.Reason, c.DecidedBy, c.AuthorisedBy, string(c.LawfulBasis),
			string(c.ParentsInformed), c.ParentsInformedOn.String(), c.ParentsInformedReason, c.ParentsViews, c.ChildViews}
	}
	for i, d := range m.Decisions {
		w.Decisions[i] = wireDecision{string(d.Outcome), d.Rationale, append([]string{}, d.Children...)}
	}
	for i, a := range m.Actions {
		w.Actions[i] = wireAction{a.Description, a.Owner, string(a.Agency), a.Due.String(), a.Completed.String()}
	}
	return w
}

// MarshalMeeting writes one meeting as the interchange format writes it
// within a file.
func MarshalMeeting(m *Meeting) ([]byte, error) {
	return json.Marshal(toWire(m))
}

// UnmarshalMeeting reads one meeting written by MarshalMeeting, checking it
// like a meeting in a file.
func UnmarshalMeeting(b []byte) (*Meeting, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var w wireMeeting
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("read meeting: %w", err)
	}
	m, ps := fromWire(&w)
	if len(ps) > 0 {
		return nil, fmt.Errorf("read meeting: %w", ps)
	}
	return m, nil
}

// Equal reports whether a and b are the same record, field by field, as the
// interchange format would write them.
func Equal(a, b *Meeting) bool {
	return reflect.DeepEqual(toWire(a), toWire(b))
}

// fromWire converts a decoded meeting, reporting every time or date that does
// not parse. Codes are checked afterwards by Validate. No message repeats
// the value: it may be a date of birth, or text put in the wrong field.
func fromWire(w *wireMeeting) (*Meeting, Problems) {
	var ps problems
	parseTime := func(field, s string) time.Time {
		t, msg := ParseTime(s)
		if msg != "" {
			ps.add(field, "%s", msg)
		}
		return t
	}
	parseDate := func(field, s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			ps.add(field, "%v", err)
		}
		return d
	}
	m := &Meeting{
		ID: w.ID, Reference: w.Reference, Type: Type(w.Type), Mode: Mode(w.Mode),
		HeldAt:             parseTime("held_at", w.HeldAt),
		ReferralReceivedAt: parseTime("referral_received_at", w.ReferralReceivedAt),
		Chair:              w.Chair, MinuteTaker: w.MinuteTaker, Reason: w.Reason,
		SignedOffAt: parseTime("signed_off_at", w.SignedOffAt), SignedOffBy: w.SignedOffBy,
		MissingPartnersReason: w.MissingReason,
	}
	for i, c := range w.Children {
		m.Children = append(m.Children, Child{ID: c.ID, Name: c.Name, DateOfBirth:
			parseDate(fmt.Sprintf("children[%d].date_of_birth", i), c.DateOfBirth), CaseReference: c.CaseReference})
	}
	for _, a := range w.Attendees {
		m.Attendees = append(m.Attendees, Attendee{a.Name, a.Role, Agency(a.Agency), Service(a.Service),
			Attendance(a.Attendance), a.Referrer, a.Note})
	}
	if c := w.Consent; c != nil {
		m.Consent = &Consent{ConsentStatus(c.Status), c.Reason, c.DecidedBy, c.AuthorisedBy,
			LawfulBasis(c.LawfulBasis), ParentsInformed(c.ParentsInformed),
			parseDate("consent.parents_informed_on", c.ParentsInformedOn),
			c.ParentsInformedReason, c.ParentsViews, c.ChildViews}
	}
	for _, d := range w.Decisions {
		m.Decisions = append(m.Decisions, Decision{Outcome(d.Outcome), d.Rationale, d.Children})
	}
	for i, a := range w.Actions {
		m.Actions = append(m.Actions, Action{a.Description, a.Owner, Agency(a.Agency),
			parseDate(fmt.Sprintf("actions[%d].due", i), a.Due),
			parseDate(fmt.Sprintf("actions[%d].completed", i), a.Completed)})
	}
	return m, ps.list
}

var rfc3339 = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`)

// ParseTime parses a date and time as the interchange format writes it:
// RFC 3339 with an offset. It refuses, rather than change, what the app
// cannot keep exactly: more than nine digits of a second, and the offset
// -00:00. The message names the problem, never the value; "" means none.
func ParseTime(s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, ""
	}
	const form = "is not a date and time in RFC 3339 form with an offset, such as 2025-06-03T10:30:00+01:00"
	sub := rfc3339.FindStringSubmatch(s)
	if sub == nil {
		return time.Time{}, form
	}
	if len(sub[1]) > 10 {
		return time.Time{}, "has more than 9 digits after the decimal point of the seconds; the app keeps time to the nanosecond, so the rest would be lost: round it to at most 9 digits"
	}
	if sub[2] == "-00:00" {
		return time.Time{}, "has the offset -00:00, which RFC 3339 uses for \"local offset unknown\"; the app keeps a time with the offset it was recorded in, and would have to change this one to Z (UTC): write the real offset, or Z or +00:00 if the time is UTC"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, form
	}
	if t.Year() < 1970 || t.Year() > 2199 {
		return time.Time{}, "is outside the years 1970 to 2199"
	}
	return t, ""
}

// capID returns a meeting id for a message: ids are not personal data, but
// one may be long, so it is cut to 60 characters.
func capID(id string) string { return capText(id, 60) }

func capText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// QuoteID quotes a meeting id for a message, cut to 60 characters.
func QuoteID(id string) string { return strconv.Quote(capID(id)) }

// An Encoder writes an interchange file, one meeting at a time, so that a
// large export never holds every meeting in memory. The output depends only
// on the meetings given, so the same records give the same bytes.
type Encoder struct {
	w       *bufio.Writer
	enc     *json.Encoder
	started bool
	sample  bool
	err     error
}

// MarkSample makes the file say that it holds sample (invented) meetings,
// "sample": true, so that they are never imported among real records. Call
// it before the first Encode.
func (e *Encoder) MarkSample() { e.sample = true }

// NewEncoder returns an Encoder writing to w. Call Close to finish the file.
func NewEncoder(w io.Writer) *Encoder {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	return &Encoder{w: bw, enc: enc}
}

func (e *Encoder) header() {
	if !e.started {
		e.started = true
		sample := ""
		if e.sample {
			sample = "  \"sample\": true,\n"
		}
		_, e.err = fmt.Fprintf(e.w, "{\n  \"format\": %q,\n  \"version\": %d,\n%s  \"meetings\": [", FormatName, FormatVersion, sample)
	}
}

// Encode writes one meeting.
func (e *Encoder) Encode(m *Meeting) error {
	first := !e.started
	e.header()
	if e.err != nil {
		return e.err
	}
	sep := ",\n    "
	if first {
		sep = "\n    "
	}
	if _, e.err = e.w.WriteString(sep); e.err != nil {
		return e.err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if e.err = enc.Encode(toWire(m)); e.err != nil {
		return fmt.Errorf("encode meeting %s: %w", QuoteID(m.ID), e.err)
	}
	_, e.err = e.w.Write(bytes.TrimRight(buf.Bytes(), "\n"))
	return e.err
}

// Close ends the file and flushes it.
func (e *Encoder) Close() error {
	first := !e.started
	e.header()
	if e.err != nil {
		return e.err
	}
	end := "\n  ]\n}\n"
	if first {
		end = "]\n}\n"
	}
	if _, e.err = e.w.WriteString(end); e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

// A FileError is a problem in an interchange file, placed as precisely as
// possible: the line, and the meeting by index and id.
type FileError struct {
	Line     int    // 1-based; 0 when not known
	Column   int    // 1-based; 0 when not known
	Meeting  int    // index in "meetings", or -1 for the file as a whole
	ID       string // the meeting's id, when it could be read
	Problems Problems
}

func (e *FileError) Error() string {
	var place strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&place, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&place, ", column %d", e.Column)
		}
		place.WriteString(": ")
	}
	if e.Meeting >= 0 {
		fmt.Fprintf(&place, "meetings[%d]", e.Meeting)
		if e.ID != "" {
			fmt.Fprintf(&place, " (id %s)", QuoteID(e.ID))
		}
		place.WriteString(": ")
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = place.String() + p.String()
	}
	return strings.Join(lines, "\n")
}
