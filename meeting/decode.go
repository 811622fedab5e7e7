package meeting

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// A Decoder reads an interchange file one meeting at a time. It is as strict
// as docs/interchange.md: a key given twice, a key in another case than the
// documented one, an escape that stands for no character, a text longer than
// its field's limit and a list with more entries than allowed are all
// refused, and each is found while reading, so that memory is bounded by the
// limits whatever the size of the file.
type Decoder struct {
	s       *scanner
	index   int // of the next meeting
	state   int
	first   bool // no member of the object or list being read has been read
	seen    [len(topKeys)]bool
	format  string
	version *int
	// newer is the first field of a later version than the file's, met
	// before the file's version was read; newerSince is its version.
	newer      string
	newerSince int
	sample     bool
	err        error // sticky: the file cannot be read further
	now        func() time.Time

	// The meeting being read.
	problems Problems
	parsed   Problems        // dates and times that do not parse
	given    map[string]bool // dates and times given, by path
	more     int             // problems not kept
	at       pos             // of the first problem
	chars    int             // characters of text kept so far
	overText bool
}

const (
	decodeStart = iota
	decodeKeys
	decodeMeetings
	decodeDone
)

var topKeys = [...]string{"format", "version", "sample", "meetings"}

// NewDecoder returns a Decoder reading from r. A UTF-8 byte order mark at the
// start is skipped; Windows line endings are accepted.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{s: newScanner(r), now: time.Now, given: map[string]bool{}}
}

// Sample reports whether the file says it holds sample (invented) meetings:
// "sample": true, which comes before "meetings". It is known once the first
// meeting, or io.EOF, has been returned.
func (d *Decoder) Sample() bool { return d.sample }

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

// abort carries an error that ends the file out of the reading functions.
type abort struct{ err error }

// check ends the file on err.
func (d *Decoder) check(err error) {
	if err != nil {
		panic(abort{err})
	}
}

// recoverAbort turns an abort (check) into the error that ends the file.
// Call it deferred.
func (d *Decoder) recoverAbort(m **Meeting, err *error) {
	if r := recover(); r != nil {
		a, ok := r.(abort)
		if !ok {
			panic(r)
		}
		*m, *err = nil, d.fileErr(a.err)
	}
}

func (d *Decoder) next() (m *Meeting, err error) {
	defer d.recoverAbort(&m, &err)
	for {
		switch d.state {
		case decodeStart:
			switch {
			case d.s.empty:
				return nil, d.fileError(pos{}, "the file is empty")
			case d.s.sqlite:
				return nil, &FileError{Meeting: -1, Problems: Problems{{Message: "this is a database file, not an interchange file: open it with --db, or export from it first"}}}
			}
			c, err := d.s.peek()
			if err != nil || c != '{' {
				if err == nil && c >= 0x80 {
					d.check(d.s.checkUTF8(d.s.here()))
				}
				return nil, d.fileError(d.s.here(), "the file must be one JSON object, starting with {")
			}
			d.s.next()
			d.state, d.first = decodeKeys, true
		case decodeKeys:
			more, err := d.s.more('}', d.first)
			d.check(err)
			d.first = false
			if !more {
				d.checkHeader()
				d.expectEOF()
				d.state = decodeDone
				continue
			}
			d.readTopKey()
		case decodeMeetings:
			more, err := d.s.more(']', d.first)
			d.check(err)
			d.first = false
			if !more {
				d.state = decodeKeys
				continue
			}
			return d.readMeeting()
		case decodeDone:
			return nil, io.EOF
		}
	}
}

// fileErr turns an error that ends the file into a FileError with its place.
func (d *Decoder) fileErr(err error) error {
	var se *syntaxError
	if errors.As(err, &se) {
		return d.fileError(se.at, "%s", se.msg)
	}
	return err
}

func (d *Decoder) fileError(at pos, format string, args ...any) *FileError {
	return &FileError{Line: at.line, Column: at.col, Meeting: -1, Problems: Problems{{Message: fmt.Sprintf(format, args...)}}}
}

func (d *Decoder) fieldError(field, format string, args ...any) *FileError {
	return &FileError{Meeting: -1, Problems: Problems{{Field: field, Message: fmt.Sprintf(format, args...)}}}
}

func (d *Decoder) expectEOF() {
	if _, err := d.s.peek(); !errors.Is(err, io.EOF) {
		d.check(err)
		d.check(d.s.errorf(d.s.here(), "unexpected data after the end of the file's object"))
	}
}

// readKey reads an object's key and its colon. It returns the key as
// written, or "" with a problem for a key that is not one of keys.
func (d *Decoder) readKey() (string, pos) {
	if c, err := d.s.peek(); err == nil && c != '"' {
		d.check(d.s.unexpected(d.s.here(), c, "a field name in quotes"))
	}
	at := d.s.here()
	t, err := d.s.readString(maxKey)
	d.check(err)
	d.check(d.s.expect(':', "a colon after the field name"))
	if t.tooLong || t.badEsc {
		return "", at
	}
	return t.s, at
}

// maxKey is the longest key kept; every key of the format is shorter.
const maxKey = 64

func (d *Decoder) readTopKey() {
	key, at := d.readKey()
	i := indexOf(topKeys[:], key)
	if i < 0 {
		d.check(d.s.errorf(at, "at the top of the file: %s", unknownField(key, topKeys[:])))
	}
	if d.seen[i] {
		d.check(d.s.errorf(at, "%s: key given twice", key))
	}
	d.seen[i] = true
	k, vat, err := d.s.peekValue()
	d.check(err)
	switch key {
	case "format":
		if k != kindString {
			d.check(d.s.errorf(vat, "\"format\" must be the string %q", FormatName))
		}
		t, err := d.s.readString(len(FormatName))
		d.check(err)
		if t.tooLong || t.badEsc || t.s != FormatName {
			d.check(d.fieldError("format", "is not %q: this is not a Strategy Minutes file", FormatName))
		}
		d.format = t.s
	case "version":
		if k != kindNumber {
			d.check(d.s.errorf(vat, "\"version\" must be a whole number, not %s", k.describe()))
		}
		num, long, err := d.s.readNumber()
		d.check(err)
		v, err := strconv.Atoi(num)
		if long || err != nil {
			d.check(d.s.errorf(vat, "\"version\" must be a whole number, not %s", capText(num, 20)))
		}
		d.version = &v
		d.checkVersion()
	case "sample":
		if k != kindBool {
			d.check(d.s.errorf(vat, "\"sample\" must be true or false, not %s", k.describe()))
		}
		if d.seen[indexOf(topKeys[:], "meetings")] {
			d.check(d.s.errorf(at, "\"sample\" must come before \"meetings\" (as export writes it), so that each meeting is checked as sample or real data"))
		}
		lit, err := d.s.readLiteral()
		d.check(err)
		d.sample = lit == "true"
	case "meetings":
		if k != kindArray {
			d.check(d.s.errorf(vat, "\"meetings\" must be a list [ ... ]"))
		}
		d.s.next()
		d.state, d.first = decodeMeetings, true
	}
}

func (d *Decoder) checkVersion() {
	switch v := *d.version; {
	case v > FormatVersion:
		d.check(d.fieldError("version", "the file is version %d of the format, written by a newer Strategy Minutes; this version reads version %d: update the app", v, FormatVersion))
	case v < 1:
		d.check(d.fieldError("version", "%d is not a version of the format", v))
	}
}

// inVersion reports whether the file's version of the format has field f:
// a version 1 file holds none of version 2's fields. When the version
// comes after the meetings, the first such field is remembered and the
// file refused at its end (checkHeader).
func (d *Decoder) inVersion(f *Field, at pos, path string) bool {
	if f.Since <= 1 {
		return true
	}
	if d.version == nil {
		if d.newer == "" {
			d.newer, d.newerSince = fmt.Sprintf("meetings[%d].%s", d.index-1, path), f.Since
		}
		return true
	}
	if *d.version < f.Since {
		d.problem(at, path, "is a field of version %d of the format, and the file says \"version\": %d: write \"version\": %d", f.Since, *d.version, f.Since)
		return false
	}
	return true
}

// checkHeader runs at the end of the file: format and version must have
// been given somewhere in it.
func (d *Decoder) checkHeader() {
	if d.format == "" {
		d.check(d.fieldError("format", "is missing; a Strategy Minutes file has \"format\": %q", FormatName))
	}
	if d.version == nil {
		d.check(d.fieldError("version", "is missing"))
	}
	if d.newer != "" && *d.version < d.newerSince {
		d.check(d.fieldError(d.newer, "is a field of version %d of the format, and the file says \"version\": %d: write \"version\": %d", d.newerSince, *d.version, d.newerSince))
	}
}

func indexOf(keys []string, key string) int {
	for i, k := range keys {
		if k == key {
			return i
		}
	}
	return -1
}

// unknownField describes a key that is not one of keys. The key is quoted
// only when it is plainly a misspelt field name (another case, or a letter
// or two out): any other key may be a name or free text put where a field
// name should be, which an error message must never repeat.
func unknownField(key string, keys []string) string {
	lower := strings.ToLower(key)
	for _, k := range keys {
		if lower == k {
			return fmt.Sprintf("unknown field %q: field names are lower case, as in docs/interchange.md: write %q", key, k)
		}
	}
	best, bestDist := "", 3
	if len(key) <= maxKey && isFieldName(key) {
		for _, k := range keys {
			if d := editDistance(lower, k); d < bestDist {
				best, bestDist = k, d
			}
		}
	}
	if best != "" {
		return fmt.Sprintf("unknown field %q (did you mean %q? check its spelling against docs/interchange.md)", key, best)
	}
	return "unknown field (expected one of " + strings.Join(keys, ", ") + "; check its spelling against docs/interchange.md)"
}

func isFieldName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}

// maxCode is the longest code, date or time kept: longer is never valid.
const maxCode = 64

func (d *Decoder) problem(at pos, field, format string, args ...any) {
	if len(d.problems) == 0 {
		d.at = at
	}
	if len(d.problems) >= maxReported {
		d.more++
		return
	}
	d.problems = append(d.problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (d *Decoder) wrongKind(at pos, field, want string, got kind) {
	d.problem(at, field, "must be %s, not %s", want, got.describe())
	d.check(d.s.skip())
}

// str reads a text field of at most max characters; null is "".
func (d *Decoder) str(field string, max int) string {
	k, at, err := d.s.peekValue()
	d.check(err)
	switch k {
	case kindNull:
		_, err := d.s.readLiteral()
		d.check(err)
		return ""
	case kindString:
	default:
		d.wrongKind(at, field, "text in quotes", k)
		return ""
	}
	t, err := d.s.readString(max)
	d.check(err)
	switch {
	case t.tooLong && max == maxCode:
		d.problem(at, field, "is not a valid value (it is %d characters long)", t.runes)
		return ""
	case t.tooLong:
		d.problem(at, field, "is %d characters long; the limit is %d", t.runes, max)
		return ""
	case t.badEsc:
		d.problem(at, field, "holds a \\u escape that stands for no character (half of a UTF-16 surrogate pair); write the character itself")
		return ""
	}
	if max == maxCode {
		return t.s // codes, dates and times are not text (textLength)
	}
	d.chars += t.runes
	if d.chars > maxMeetingText {
		if !d.overText {
			d.overText = true
			d.problem(at, field, "the meeting holds more than %d characters of text in all, the limit for one meeting", maxMeetingText)
		}
		return ""
	}
	return t.s
}

// boolean reads true or false; null is false.
func (d *Decoder) boolean(field string) bool {
	k, at, err := d.s.peekValue()
	d.check(err)
	if k != kindBool && k != kindNull {
		d.wrongKind(at, field, "true or false", k)
		return false
	}
	lit, err := d.s.readLiteral()
	d.check(err)
	return lit == "true"
}

// list reads a list of at most max entries, calling elem for each; null is
// an empty list. Entries past max are read and dropped.
func (d *Decoder) list(field string, max int, elem func(i int, field string)) {
	k, at, err := d.s.peekValue()
	d.check(err)
	switch k {
	case kindNull:
		_, err := d.s.readLiteral()
		d.check(err)
		return
	case kindArray:
	default:
		d.wrongKind(at, field, "a list [ ... ]", k)
		return
	}
	d.s.next()
	for i := 0; ; i++ {
		more, err := d.s.more(']', i == 0)
		d.check(err)
		if !more {
			return
		}
		if i == max {
			d.problem(d.s.here(), field, "has more than %d entries; the limit is %d", max, max)
			for more {
				d.check(d.s.skip())
				more, err = d.s.more(']', false)
				d.check(err)
			}
			return
		}
		elem(i, fmt.Sprintf("%s[%d]", field, i))
	}
}

// object reads an object of field f's fields into v, the value of its Go
// type; it reports a key given twice and an unknown key, skipping its
// value. It returns false for null (and for a value of another kind, with
// a problem).
func (d *Decoder) object(field string, f *Field, v reflect.Value) bool {
	keys := f.keys
	k, at, err := d.s.peekValue()
	d.check(err)
	switch k {
	case kindNull:
		_, err := d.s.readLiteral()
		d.check(err)
		return false
	case kindObject:
	default:
		d.wrongKind(at, field, "an object { ... }", k)
		return false
	}
	d.s.next()
	var seen uint64 // every object of the format has fewer than 64 keys
	for first := true; ; first = false {
		more, err := d.s.more('}', first)
		d.check(err)
		if !more {
			return true
		}
		key, kat := d.readKey()
		i := indexOf(keys, key)
		switch {
		case i < 0:
			d.problem(kat, field, "%s", unknownField(key, keys))
			d.check(d.s.skip())
		case seen&(1<<i) != 0:
			d.problem(kat, joinField(field, key), "key given twice")
			d.check(d.s.skip())
		default:
			seen |= 1 << i
			c := f.fields[i]
			if !d.inVersion(c, kat, joinField(field, key)) {
				d.check(d.s.skip())
				continue
			}
			d.value(c, joinField(field, key), v.Field(c.index))
		}
	}
}

func (d *Decoder) readMeeting() (*Meeting, error) {
	index := d.index
	d.index++
	_, start, err := d.s.peekValue()
	d.check(err)
	m, given := d.readRecord()
	if !given && len(d.problems) == 0 {
		d.problem(start, "", "must be an object { ... }, not null")
	}
	if len(d.problems) > 0 {
		ps := d.problems
		if d.more > 0 {
			ps = append(ps, Problem{Message: fmt.Sprintf("... and %d more problems in this meeting", d.more)})
		}
		return nil, &FileError{Line: d.at.line, Column: d.at.col, Meeting: index, ID: m.ID, Problems: ps}
	}
	ps := d.parsed
	if !m.SignedOff() && strings.TrimSpace(m.SignedOffBy) != "" && !d.given["signed_off_at"] {
		// A signer without a time is neither a draft nor signed off: never
		// stored as a draft that seems signed.
		ps = append(ps, Problem{Field: "signed_off_by", Message: "is given without signed_off_at: give both (signed off) or neither (a draft)"})
	}
	if m.SignedOff() && !d.sample {
		ps = append(ps, m.SignedOffProblems(d.now())...)
	} else if err := m.Validate(); err != nil {
		ps = append(ps, err.(Problems)...)
	}
	if len(ps) > 0 {
		return m, &FileError{Line: start.line, Meeting: index, ID: m.ID, Problems: unparsedNotMissing(dedupe(ps))}
	}
	return m, nil
}

// readRecord reads one meeting's object by the field table. Problems of
// the file's shape go to d.problems; a date or time that does not parse to
// d.parsed, reported beside the record's own problems.
func (d *Decoder) readRecord() (*Meeting, bool) {
	d.problems, d.parsed, d.more, d.chars, d.overText = nil, nil, 0, 0, false
	clear(d.given)
	m := &Meeting{}
	given := d.object("", record, reflect.ValueOf(m).Elem())
	return m, given
}

// single reads a file that is one meeting's object (MarshalMeeting's), with
// no checks but the file's shape and its dates and times.
func (d *Decoder) single() (m *Meeting, err error) {
	defer d.recoverAbort(&m, &err)
	m, given := d.readRecord()
	d.expectEOF()
	ps := append(d.problems, d.parsed...)
	if !given {
		ps = append(ps, Problem{Message: "must be an object { ... }, not null"})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return m, nil
}

// unparsedNotMissing drops "is required" for a field that was given but
// did not parse (a time written wrongly): one problem, the real one.
func unparsedNotMissing(ps Problems) Problems {
	other := map[string]bool{}
	for _, p := range ps {
		if p.Message != "is required" {
			other[p.Field] = true
		}
	}
	out := ps[:0]
	for _, p := range ps {
		if p.Message != "is required" || !other[p.Field] {
			out = append(out, p)
		}
	}
	return out
}

// value reads the value of field f, at path, into v.
func (d *Decoder) value(f *Field, path string, v reflect.Value) {
	switch f.Kind {
	case KindName, KindText:
		v.SetString(d.str(path, f.Limit))
	case KindCode:
		v.SetString(d.str(path, maxCode))
	case KindDate:
		s := d.str(path, maxCode)
		d.given[path] = s != ""
		date, err := ParseDate(s)
		if err != nil {
			d.parsed = append(d.parsed, Problem{Field: path, Message: err.Error()})
		}
		v.Set(reflect.ValueOf(date))
	case KindTime:
		s := d.str(path, maxCode)
		d.given[path] = s != ""
		t, msg := ParseTime(s)
		if msg != "" {
			d.parsed = append(d.parsed, Problem{Field: path, Message: msg})
		}
		v.Set(reflect.ValueOf(t))
	case KindBool:
		v.SetBool(d.boolean(path))
	case KindNumber:
		v.SetInt(int64(d.rules(path)))
	case KindObject:
		if v.Kind() == reflect.Pointer {
			p := reflect.New(v.Type().Elem())
			if d.object(path, f, p.Elem()) {
				v.Set(p)
			}
			return
		}
		d.object(path, f, v)
	case KindList:
		d.list(path, f.Limit, func(_ int, path string) {
			entry := reflect.New(v.Type().Elem()).Elem()
			d.object(path, f, entry)
			v.Set(reflect.Append(v, entry))
		})
	case KindRefs:
		ids := []string{}
		d.list(path, f.Limit, func(_ int, path string) {
			k, at, err := d.s.peekValue()
			d.check(err)
			if k != kindString {
				d.wrongKind(at, path, "text in quotes", k)
				return
			}
			ids = append(ids, d.str(path, maxName))
		})
		v.Set(reflect.ValueOf(ids))
	}
}

// rules reads sign_off_rules: absent or null for minutes signed off before
// the statutory questions, RulesChecklist since.
func (d *Decoder) rules(path string) int {
	k, at, err := d.s.peekValue()
	d.check(err)
	switch k {
	case kindNull:
		_, err := d.s.readLiteral()
		d.check(err)
		return 0
	case kindNumber:
	default:
		d.wrongKind(at, path, fmt.Sprintf("the number %d", RulesChecklist), k)
		return 0
	}
	num, _, err := d.s.readNumber()
	d.check(err)
	if num != strconv.Itoa(RulesChecklist) {
		d.problem(at, path, "must be %d (the minutes were signed off with the statutory questions answered), or left out for minutes signed off before them", RulesChecklist)
		return 0
	}
	return RulesChecklist
}
