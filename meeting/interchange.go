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
	FormatVersion = 2
)

const timeLayout = time.RFC3339Nano

// appendMeeting appends m as one compact JSON object, field by field in
// the order of the field table, leaving out empty fields that are not
// Always written: a record written by an earlier version, with none of
// the fields added since, gives the same bytes as it did (seals cover them).
func appendMeeting(b []byte, m *Meeting) []byte {
	return appendObject(b, record, reflect.ValueOf(m).Elem())
}

func appendObject(b []byte, f *Field, v reflect.Value) []byte {
	b = append(b, '{')
	first := true
	for _, c := range f.fields {
		cv := v.Field(c.index)
		if c.Kind == KindObject && cv.Kind() == reflect.Pointer {
			if cv.IsNil() {
				continue
			}
			cv = cv.Elem()
		} else if !c.Always && isZero(cv) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, c.Key)
		b = append(b, ':')
		b = appendValue(b, c, cv)
	}
	return append(b, '}')
}

func appendValue(b []byte, f *Field, v reflect.Value) []byte {
	switch f.Kind {
	case KindObject:
		return appendObject(b, f, v)
	case KindList, KindRefs:
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			if f.Kind == KindRefs {
				b = appendString(b, v.Index(i).String())
			} else {
				b = appendObject(b, f, v.Index(i))
			}
		}
		return append(b, ']')
	case KindDate:
		return appendString(b, v.Interface().(Date).String())
	case KindTime:
		return appendString(b, formatTime(v.Interface().(time.Time)))
	case KindBool:
		return strconv.AppendBool(b, v.Bool())
	case KindNumber:
		return strconv.AppendInt(b, v.Int(), 10)
	}
	return appendString(b, v.String())
}

// appendString appends s as a JSON string exactly as encoding/json writes
// it with HTML escaping off, so that records encoded before this encoder
// existed keep their bytes.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(timeLayout)
}

// MarshalMeeting writes one meeting as the interchange format writes it
// within a file.
func MarshalMeeting(m *Meeting) ([]byte, error) {
	return appendMeeting(nil, m), nil
}

// UnmarshalMeeting reads one meeting written by MarshalMeeting (by this
// version or an earlier one), as strictly as a file is read, without the
// checks of a record to be stored: a version that was replaced by an
// amendment is kept as it was.
func UnmarshalMeeting(b []byte) (*Meeting, error) {
	d := NewDecoder(bytes.NewReader(b))
	m, err := d.single()
	if err != nil {
		return nil, fmt.Errorf("read meeting: %w", err)
	}
	return m, nil
}

// Equal reports whether a and b are the same record, field by field, as the
// interchange format would write them.
func Equal(a, b *Meeting) bool {
	return bytes.Equal(appendMeeting(nil, a), appendMeeting(nil, b))
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
	w        *bufio.Writer
	compact  []byte
	indented bytes.Buffer
	started  bool
	sample   bool
	err      error
}

// MarkSample makes the file say that it holds sample (invented) meetings,
// "sample": true, so that they are never imported among real records. Call
// it before the first Encode.
func (e *Encoder) MarkSample() { e.sample = true }

// NewEncoder returns an Encoder writing to w. Call Close to finish the file.
func NewEncoder(w io.Writer) *Encoder {
	return &Encoder{w: bufio.NewWriter(w)}
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
	e.compact = appendMeeting(e.compact[:0], m)
	e.indented.Reset()
	if e.err = json.Indent(&e.indented, e.compact, "    ", "  "); e.err != nil {
		return fmt.Errorf("encode meeting %s: %w", QuoteID(m.ID), e.err)
	}
	_, e.err = e.w.Write(e.indented.Bytes())
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
