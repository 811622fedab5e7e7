package meeting

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
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
// not parse. Codes are checked afterwards by Validate.
func fromWire(w *wireMeeting) (*Meeting, Problems) {
	var ps problems
	parseTime := func(field, s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			ps.add(field, "%q is not a date and time in RFC 3339 form with an offset, such as 2025-06-03T10:30:00+01:00", s)
			return time.Time{}
		}
		if t.Year() < 1970 || t.Year() > 2199 {
			ps.add(field, "%q is outside the years 1970 to 2199", s)
			return time.Time{}
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
		m.Children = append(m.Children, Child{c.ID, c.Name,
			parseDate(fmt.Sprintf("children[%d].date_of_birth", i), c.DateOfBirth), c.CaseReference})
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

// An Encoder writes an interchange file, one meeting at a time, so that a
// large export never holds every meeting in memory. The output depends only
// on the meetings given, so the same records give the same bytes.
type Encoder struct {
	w       *bufio.Writer
	enc     *json.Encoder
	started bool
	err     error
}

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
		_, e.err = fmt.Fprintf(e.w, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"meetings\": [", FormatName, FormatVersion)
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
		return fmt.Errorf("encode meeting %q: %w", m.ID, e.err)
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
			fmt.Fprintf(&place, " (id %q)", e.ID)
		}
		place.WriteString(": ")
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = place.String() + p.String()
	}
	return strings.Join(lines, "\n")
}

// A Decoder reads an interchange file one meeting at a time.
type Decoder struct {
	src     *lineReader
	dec     *json.Decoder
	index   int // of the next meeting
	state   int
	format  string
	version *int
	err     error // sticky: the file cannot be read further
}

const (
	decodeStart = iota
	decodeKeys
	decodeMeetings
	decodeDone
)

// NewDecoder returns a Decoder reading from r. A UTF-8 byte order mark at the
// start is skipped; Windows line endings are accepted.
func NewDecoder(r io.Reader) *Decoder {
	src := &lineReader{r: r}
	dec := json.NewDecoder(src)
	dec.UseNumber()
	return &Decoder{src: src, dec: dec}
}

// Next returns the next meeting of the file, validated. At the end of the
// file it returns io.EOF. A meeting with problems is returned with a
// *FileError naming them, and decoding can go on to the next meeting; any
// other error ends the file.
func (d *Decoder) Next() (*Meeting, error) {
	if d.err != nil {
		return nil, d.err
	}
	m, err := d.next()
	var fe *FileError
	if err != nil && (!errors.As(err, &fe) || fe.Meeting < 0) {
		d.err = err
	}
	return m, err
}

func (d *Decoder) next() (*Meeting, error) {
	for {
		switch d.state {
		case decodeStart:
			if err := d.expectDelim('{', "the file must be one JSON object, starting with {"); err != nil {
				return nil, err
			}
			d.state = decodeKeys
		case decodeKeys:
			if !d.dec.More() {
				if err := d.expectDelim('}', "expected the end of the file's object"); err != nil {
					return nil, err
				}
				if err := d.checkHeader(); err != nil {
					return nil, err
				}
				if err := d.expectEOF(); err != nil {
					return nil, err
				}
				d.state = decodeDone
				continue
			}
			if err := d.readKey(); err != nil {
				return nil, err
			}
		case decodeMeetings:
			if !d.dec.More() {
				if err := d.expectDelim(']', "expected , or ] after a meeting"); err != nil {
					return nil, err
				}
				d.state = decodeKeys
				continue
			}
			return d.readMeeting()
		case decodeDone:
			return nil, io.EOF
		}
	}
}

func (d *Decoder) fileError(offset int64, format string, args ...any) *FileError {
	line, col := d.src.position(offset)
	return &FileError{Line: line, Column: col, Meeting: -1, Problems: Problems{{Message: fmt.Sprintf(format, args...)}}}
}

// tokenError turns an error of the JSON tokenizer into a FileError.
func (d *Decoder) tokenError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return d.fileError(se.Offset, "not valid JSON: %s", strings.TrimPrefix(se.Error(), "json: "))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return d.fileError(d.src.total, "the file ends too early (is it truncated?)")
	case errors.Is(err, errInvalidUTF8) && d.src.sqlite:
		return &FileError{Meeting: -1, Problems: Problems{{Message: "this is a database file, not an interchange file: open it with --db, or export from it first"}}}
	case errors.Is(err, errInvalidUTF8):
		return d.fileError(d.src.badUTF8, "not UTF-8 text (save the file as UTF-8)")
	}
	return fmt.Errorf("read file: %w", err)
}

func (d *Decoder) expectDelim(want json.Delim, msg string) error {
	off := d.dec.InputOffset()
	tok, err := d.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) && want == '{' && d.src.total == 0 {
			return d.fileError(0, "the file is empty")
		}
		return d.tokenError(err)
	}
	if delim, ok := tok.(json.Delim); !ok || delim != want {
		return d.fileError(off, "%s", msg)
	}
	return nil
}

func (d *Decoder) expectEOF() error {
	off := d.dec.InputOffset()
	if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return d.tokenError(err)
		}
		return d.fileError(off, "unexpected data after the end of the file's object")
	}
	return nil
}

func (d *Decoder) readKey() error {
	off := d.dec.InputOffset()
	tok, err := d.dec.Token()
	if err != nil {
		return d.tokenError(err)
	}
	key, _ := tok.(string)
	switch key {
	case "format":
		var s string
		if err := d.dec.Decode(&s); err != nil {
			return d.fileError(off, "\"format\" must be the string %q", FormatName)
		}
		d.format = s
		return d.checkFormat()
	case "version":
		// A raw value, because json.Number would also take the string "1".
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return d.tokenError(err)
		}
		v, err := strconv.Atoi(string(raw))
		if err != nil {
			return d.fileError(off, "\"version\" must be a whole number, not %s", raw)
		}
		d.version = &v
		return d.checkVersion()
	case "meetings":
		if err := d.expectDelim('[', "\"meetings\" must be a list [ ... ]"); err != nil {
			return err
		}
		d.state = decodeMeetings
		return nil
	}
	return d.fileError(off, "unknown field %q at the top of the file (expected format, version, meetings)", key)
}

func (d *Decoder) checkFormat() error {
	if d.format != FormatName {
		return &FileError{Meeting: -1, Problems: Problems{{Field: "format",
			Message: fmt.Sprintf("is %q; a Strategy Minutes file says %q", d.format, FormatName)}}}
	}
	return nil
}

func (d *Decoder) checkVersion() error {
	switch v := *d.version; {
	case v > FormatVersion:
		return &FileError{Meeting: -1, Problems: Problems{{Field: "version",
			Message: fmt.Sprintf("the file is version %d of the format, written by a newer Strategy Minutes; this version reads version %d: update the app", v, FormatVersion)}}}
	case v < 1:
		return &FileError{Meeting: -1, Problems: Problems{{Field: "version", Message: fmt.Sprintf("%d is not a version of the format", v)}}}
	}
	return nil
}

// checkHeader runs at the end of the file: format and version must have
// been given somewhere in it.
func (d *Decoder) checkHeader() error {
	if d.format == "" {
		return &FileError{Meeting: -1, Problems: Problems{{Field: "format", Message: fmt.Sprintf("is missing; a Strategy Minutes file has \"format\": %q", FormatName)}}}
	}
	if d.version == nil {
		return &FileError{Meeting: -1, Problems: Problems{{Field: "version", Message: "is missing"}}}
	}
	return nil
}

var unknownFieldRE = regexp.MustCompile(`unknown field "((?:[^"\\]|\\.)*)"`)

func (d *Decoder) readMeeting() (*Meeting, error) {
	index := d.index
	d.index++
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return nil, d.tokenError(err)
	}
	start := d.dec.InputOffset() - int64(len(raw))
	d.src.forget(start)
	line, _ := d.src.position(start)
	fail := func(line, col int, ps Problems) (*Meeting, error) {
		return nil, &FileError{Line: line, Column: col, Meeting: index, ID: peekID(raw), Problems: ps}
	}

	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var w wireMeeting
	if err := dec.Decode(&w); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			l, c := d.src.position(start + te.Offset)
			field, ok := pathAt(raw, te.Offset)
			if !ok {
				field = te.Field
			}
			return fail(l, c, Problems{{Field: field, Message: fmt.Sprintf("must be %s, not %s", jsonKind(te.Type.String()), te.Value)}})
		case unknownFieldRE.MatchString(err.Error()):
			name := unknownFieldRE.FindStringSubmatch(err.Error())[1]
			l, c := line, 0
			if at := bytes.Index(raw, []byte(`"`+name+`"`)); at >= 0 {
				l, c = d.src.position(start + int64(at))
			}
			return fail(l, c, Problems{{Message: fmt.Sprintf("unknown field %q (check its spelling against docs/interchange.md)", name)}})
		}
		return fail(line, 0, Problems{{Message: strings.TrimPrefix(err.Error(), "json: ")}})
	}
	m, ps := fromWire(&w)
	if err := m.Validate(); err != nil {
		ps = append(ps, err.(Problems)...)
	}
	if len(ps) > 0 {
		return m, &FileError{Line: line, Meeting: index, ID: w.ID, Problems: ps}
	}
	return m, nil
}

// peekID reads a meeting's id from JSON that may not decode as a meeting.
func peekID(raw []byte) string {
	var v struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(raw, &v) == nil {
		if s, ok := v.ID.(string); ok {
			return s
		}
	}
	return ""
}

// pathAt returns the field path, such as attendees[2].referrer, of the
// value in raw that ends at offset. encoding/json's own errors leave out the
// list indexes, which a person needs to find the field.
func pathAt(raw []byte, offset int64) (string, bool) {
	type frame struct {
		array   bool
		key     string
		index   int
		wantKey bool
	}
	var stack []*frame
	path := func() string {
		var b strings.Builder
		for i, f := range stack {
			if f.array {
				fmt.Fprintf(&b, "[%d]", f.index)
				continue
			}
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
		return b.String()
	}
	valueDone := func() {
		if n := len(stack); n > 0 {
			if f := stack[n-1]; f.array {
				f.index++
			} else {
				f.wantKey = true
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		end := dec.InputOffset()
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if offset > start && offset <= end {
					return path(), true
				}
				stack = append(stack, &frame{array: v == '[', wantKey: v == '{'})
			default:
				stack = stack[:len(stack)-1]
				valueDone()
			}
		default:
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].wantKey {
				stack[n-1].key, _ = v.(string)
				stack[n-1].wantKey = false
				continue
			}
			if offset > start && offset <= end {
				return path(), true
			}
			valueDone()
		}
	}
}

func jsonKind(goType string) string {
	switch {
	case goType == "string":
		return "text in quotes"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "[]"):
		return "a list [ ... ]"
	case strings.Contains(goType, "meeting.wire"):
		return "an object { ... }"
	}
	return goType
}

var errInvalidUTF8 = errors.New("invalid UTF-8")

// lineReader passes bytes to the JSON decoder while remembering where lines
// start, so that errors can name a line and column. Lines before the meeting
// being decoded are only counted, so memory stays small for huge files. It
// also refuses bytes that are not UTF-8 (encoding/json would silently turn
// them into U+FFFD, damaging names) and skips a byte order mark.
type lineReader struct {
	r        io.Reader
	total    int64   // bytes read so far
	dropped  int     // newlines before the first kept offset
	newlines []int64 // offsets of newlines not yet dropped
	badUTF8  int64
	pending  []byte // an incomplete UTF-8 sequence at the end of the last read
	bomDone  bool
	sqlite   bool // the file starts like an SQLite database
}

func (lr *lineReader) Read(p []byte) (int, error) {
	n, err := lr.r.Read(p)
	if !lr.bomDone && n > 0 {
		if lr.total == 0 && n >= 3 && bytes.Equal(p[:3], []byte{0xEF, 0xBB, 0xBF}) {
			copy(p, p[3:n])
			n -= 3
		}
		lr.bomDone = true
	}
	chunk := p[:n]
	if lr.total == 0 && bytes.HasPrefix(chunk, []byte("SQLite format 3\x00")) {
		lr.sqlite = true
	}
	for i, b := range chunk {
		if b == '\n' {
			lr.newlines = append(lr.newlines, lr.total+int64(i))
		}
	}
	// Check UTF-8 across read boundaries: hold back a rune cut in two.
	check := append(lr.pending, chunk...)
	valid := len(check)
	for i := len(check) - 1; i >= 0 && i >= len(check)-utf8.UTFMax; i-- {
		if utf8.RuneStart(check[i]) {
			if !utf8.FullRune(check[i:]) {
				valid = i
			}
			break
		}
	}
	if !utf8.Valid(check[:valid]) {
		lr.badUTF8 = lr.total - int64(len(lr.pending)) + int64(firstInvalid(check[:valid]))
		return 0, errInvalidUTF8
	}
	lr.pending = append([]byte(nil), check[valid:]...)
	lr.total += int64(n)
	if errors.Is(err, io.EOF) && len(lr.pending) > 0 {
		lr.badUTF8 = lr.total - int64(len(lr.pending))
		return n, errInvalidUTF8
	}
	return n, err
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// forget stops remembering lines that end before offset.
func (lr *lineReader) forget(offset int64) {
	i := 0
	for i < len(lr.newlines) && lr.newlines[i] < offset {
		i++
	}
	lr.dropped += i
	lr.newlines = append(lr.newlines[:0], lr.newlines[i:]...)
}

// position returns the 1-based line and column of a byte offset at or after
// the last forget.
func (lr *lineReader) position(offset int64) (line, col int) {
	line = lr.dropped + 1
	lineStart := int64(-1)
	for _, nl := range lr.newlines {
		if nl >= offset {
			break
		}
		line++
		lineStart = nl
	}
	if lineStart < 0 && lr.dropped > 0 {
		return line, 0 // the line start was forgotten; the line is still right
	}
	return line, int(offset - lineStart)
}
