package meeting

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// The interchange reader's tokenizer. encoding/json is too forgiving for an
// import that must be as strict as its documentation: it keeps the last of
// a repeated key, matches keys in any case, turns a lone surrogate into
// U+FFFD and holds a whole value in memory however long it is. This scanner
// reads the file byte by byte and hands out one value at a time, each string
// capped at the length its field allows, so that memory is bounded by the
// documented limits and not by the file.

// A pos is a place in the file: 1-based line and byte column.
type pos struct{ line, col int }

// A syntaxError ends the file: it is not JSON, or not UTF-8.
type syntaxError struct {
	at  pos
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// kind is the kind of the next JSON value.
type kind int

const (
	kindString kind = iota
	kindNumber
	kindBool
	kindNull
	kindObject
	kindArray
)

// describe names a kind for "must be X, not Y".
func (k kind) describe() string {
	switch k {
	case kindString:
		return "text"
	case kindNumber:
		return "a number"
	case kindBool:
		return "true or false"
	case kindNull:
		return "null"
	case kindObject:
		return "an object { ... }"
	}
	return "a list [ ... ]"
}

// maxDepth is how deeply values may nest where the reader skips them (an
// unknown field's value). The format itself nests four deep.
const maxDepth = 64

// maxNumber is the longest number the reader keeps; only "version" is one.
const maxNumber = 40

type scanner struct {
	r         *bufio.Reader
	off       int64 // offset of the next byte
	line      int   // line of the next byte
	lineStart int64 // offset of the first byte of that line
	buf       []byte
	sqlite    bool // the file starts like an SQLite database
	empty     bool // the file has no bytes at all (after a byte order mark)
}

func newScanner(r io.Reader) *scanner {
	s := &scanner{r: bufio.NewReaderSize(r, 64<<10), line: 1}
	if b, _ := s.r.Peek(3); len(b) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		s.r.Discard(3)
		s.off, s.lineStart = 3, 3
	}
	if b, _ := s.r.Peek(16); string(b) == "SQLite format 3\x00" {
		s.sqlite = true
	}
	if _, err := s.r.Peek(1); err != nil {
		s.empty = true
	}
	return s
}

func (s *scanner) here() pos { return pos{s.line, int(s.off-s.lineStart) + 1} }

func (s *scanner) errorf(at pos, format string, args ...any) error {
	return &syntaxError{at, fmt.Sprintf(format, args...)}
}

// readErr turns a failed read into the error to report.
func (s *scanner) readErr(err error) error {
	if errors.Is(err, io.EOF) {
		return s.errorf(s.here(), "the file ends too early (is it truncated?)")
	}
	return fmt.Errorf("read file: %w", err)
}

func (s *scanner) next() (byte, error) {
	c, err := s.r.ReadByte()
	if err != nil {
		return 0, s.readErr(err)
	}
	s.off++
	if c == '\n' {
		s.line++
		s.lineStart = s.off
	}
	return c, nil
}

// peek skips white space and returns the next byte without taking it. At
// the end of the file it returns io.EOF itself.
func (s *scanner) peek() (byte, error) {
	for {
		b, err := s.r.Peek(1)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return 0, io.EOF
			}
			return 0, fmt.Errorf("read file: %w", err)
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			s.next()
			continue
		}
		return b[0], nil
	}
}

// peekValue returns the kind of the next value, or a syntax error.
func (s *scanner) peekValue() (kind, pos, error) {
	c, err := s.peek()
	at := s.here()
	if errors.Is(err, io.EOF) {
		return 0, at, s.readErr(err)
	}
	if err != nil {
		return 0, at, err
	}
	switch {
	case c == '"':
		return kindString, at, nil
	case c == '-' || c >= '0' && c <= '9':
		return kindNumber, at, nil
	case c == 't' || c == 'f':
		return kindBool, at, nil
	case c == 'n':
		return kindNull, at, nil
	case c == '{':
		return kindObject, at, nil
	case c == '[':
		return kindArray, at, nil
	}
	return 0, at, s.unexpected(at, c, "a value")
}

// unexpected reports a byte where something else was wanted. It never
// quotes the file beyond one punctuation character: the byte may begin a
// name written without quotes.
func (s *scanner) unexpected(at pos, c byte, want string) error {
	if c >= 0x80 {
		if err := s.checkUTF8(at); err != nil {
			return err
		}
	}
	switch c {
	case '{', '}', '[', ']', ',', ':', '"':
		return s.errorf(at, "not valid JSON: found %q where %s should be", c, want)
	}
	return s.errorf(at, "not valid JSON: expected %s (is text missing its quotes?)", want)
}

// checkUTF8 reports a byte that does not begin valid UTF-8 at the next byte.
func (s *scanner) checkUTF8(at pos) error {
	b, _ := s.r.Peek(utf8.UTFMax)
	if r, size := utf8.DecodeRune(b); r == utf8.RuneError && size <= 1 {
		return s.errorf(at, "not UTF-8 text (save the file as UTF-8)")
	}
	return nil
}

// expect takes the byte c, after white space.
func (s *scanner) expect(c byte, want string) error {
	got, err := s.peek()
	if errors.Is(err, io.EOF) {
		return s.readErr(err)
	}
	if err != nil {
		return err
	}
	if got != c {
		return s.unexpected(s.here(), got, want)
	}
	s.next()
	return nil
}

// more reads what follows a member of an object or list: true if another
// member follows (after a comma), false at the closing bracket. first says
// whether no member has been read yet.
func (s *scanner) more(close byte, first bool) (bool, error) {
	c, err := s.peek()
	if errors.Is(err, io.EOF) {
		return false, s.readErr(err)
	}
	if err != nil {
		return false, err
	}
	if c == close {
		s.next()
		return false, nil
	}
	if first {
		return true, nil
	}
	what := "a comma or ]"
	if close == '}' {
		what = "a comma or }"
	}
	if c != ',' {
		return false, s.unexpected(s.here(), c, what)
	}
	s.next()
	if c, err := s.peek(); err == nil && c == close {
		return false, s.errorf(s.here(), "not valid JSON: a comma before %q", close)
	}
	return true, nil
}

// A text is a string as read: its value, or why it was not kept.
type text struct {
	s       string
	runes   int  // characters, counted to the end even when not kept
	tooLong bool // more than the limit: s is empty
	badEsc  bool // a \u escape that is not a character (a lone surrogate)
}

// readString reads a string, keeping at most max characters of it; past
// that it reads on to the end without keeping anything.
func (s *scanner) readString(max int) (text, error) {
	var t text
	if err := s.expect('"', "text in quotes"); err != nil {
		return t, err
	}
	s.buf = s.buf[:0]
	keep := func(r rune) {
		t.runes++
		if t.runes > max {
			if !t.tooLong {
				t.tooLong = true
				s.buf = s.buf[:0]
			}
			return
		}
		s.buf = utf8.AppendRune(s.buf, r)
	}
	for {
		at := s.here()
		c, err := s.next()
		if err != nil {
			return t, err
		}
		switch {
		case c == '"':
			if !t.tooLong {
				t.s = string(s.buf)
			}
			return t, nil
		case c == '\\':
			r, bad, err := s.escape(at)
			if err != nil {
				return t, err
			}
			if bad {
				t.badEsc = true
			}
			keep(r)
		case c < 0x20:
			return t, s.errorf(at, "not valid JSON: a control character inside text (write a line break as \\n, a tab as \\t)")
		case c < 0x80:
			keep(rune(c))
		default:
			r, err := s.rune(at, c)
			if err != nil {
				return t, err
			}
			keep(r)
		}
	}
}

// rune reads the rest of a multi-byte UTF-8 character that starts with c.
func (s *scanner) rune(at pos, c byte) (rune, error) {
	var b [utf8.UTFMax]byte
	b[0] = c
	n := 0
	switch {
	case c&0xE0 == 0xC0:
		n = 2
	case c&0xF0 == 0xE0:
		n = 3
	case c&0xF8 == 0xF0:
		n = 4
	default:
		return 0, s.errorf(at, "not UTF-8 text (save the file as UTF-8)")
	}
	for i := 1; i < n; i++ {
		p, err := s.r.Peek(1)
		if err != nil || p[0]&0xC0 != 0x80 {
			return 0, s.errorf(at, "not UTF-8 text (save the file as UTF-8)")
		}
		b[i], _ = s.next()
	}
	r, size := utf8.DecodeRune(b[:n])
	if r == utf8.RuneError && size <= 1 {
		return 0, s.errorf(at, "not UTF-8 text (save the file as UTF-8)")
	}
	return r, nil
}

// escape reads an escape after its backslash. A \u escape of half a
// surrogate pair that is not followed by the other half is bad: it stands
// for no character, and encoding/json would have made it U+FFFD.
func (s *scanner) escape(at pos) (r rune, bad bool, err error) {
	c, err := s.next()
	if err != nil {
		return 0, false, err
	}
	switch c {
	case '"', '\\', '/':
		return rune(c), false, nil
	case 'b':
		return '\b', false, nil
	case 'f':
		return '\f', false, nil
	case 'n':
		return '\n', false, nil
	case 'r':
		return '\r', false, nil
	case 't':
		return '\t', false, nil
	case 'u':
		r, err := s.hex4(at)
		if err != nil {
			return 0, false, err
		}
		if !utf16.IsSurrogate(r) {
			return r, false, nil
		}
		if r >= 0xDC00 {
			return utf8.RuneError, true, nil // a low half first
		}
		if p, _ := s.r.Peek(2); len(p) < 2 || p[0] != '\\' || p[1] != 'u' {
			return utf8.RuneError, true, nil
		}
		s.next()
		s.next()
		lo, err := s.hex4(at)
		if err != nil {
			return 0, false, err
		}
		if pair := utf16.DecodeRune(r, lo); pair != utf8.RuneError {
			return pair, false, nil
		}
		return utf8.RuneError, true, nil
	}
	return 0, false, s.errorf(at, "not valid JSON: an unknown escape in text (a backslash is written \\\\)")
}

func (s *scanner) hex4(at pos) (rune, error) {
	var r rune
	for i := 0; i < 4; i++ {
		c, err := s.next()
		if err != nil {
			return 0, err
		}
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, s.errorf(at, "not valid JSON: \\u must be followed by four hexadecimal digits")
		}
	}
	return r, nil
}

// readNumber reads a number as written, keeping at most maxNumber bytes of
// it (long reports a longer one).
func (s *scanner) readNumber() (num string, long bool, err error) {
	at := s.here()
	s.buf = s.buf[:0]
	n := 0
	take := func() byte {
		c, _ := s.next()
		n++
		if len(s.buf) < maxNumber {
			s.buf = append(s.buf, c)
		}
		return c
	}
	peek := func() byte {
		if b, err := s.r.Peek(1); err == nil {
			return b[0]
		}
		return 0
	}
	digits := func() int {
		d := 0
		for c := peek(); c >= '0' && c <= '9'; c = peek() {
			take()
			d++
		}
		return d
	}
	bad := func() (string, bool, error) {
		return "", false, s.errorf(at, "not valid JSON: a malformed number")
	}
	if peek() == '-' {
		take()
	}
	if peek() == '0' {
		take()
		if c := peek(); c >= '0' && c <= '9' {
			return bad()
		}
	} else if digits() == 0 {
		return bad()
	}
	if peek() == '.' {
		take()
		if digits() == 0 {
			return bad()
		}
	}
	if c := peek(); c == 'e' || c == 'E' {
		take()
		if c := peek(); c == '+' || c == '-' {
			take()
		}
		if digits() == 0 {
			return bad()
		}
	}
	if c := peek(); c >= 0x80 || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '"' {
		return bad()
	}
	return string(s.buf), n > maxNumber, nil
}

// readLiteral reads true, false or null.
func (s *scanner) readLiteral() (string, error) {
	at := s.here()
	c, _ := s.peek()
	want := "null"
	switch c {
	case 't':
		want = "true"
	case 'f':
		want = "false"
	}
	for i := 0; i < len(want); i++ {
		c, err := s.next()
		if err != nil {
			return "", err
		}
		if c != want[i] {
			return "", s.errorf(at, "not valid JSON: expected a value (is text missing its quotes?)")
		}
	}
	if b, err := s.r.Peek(1); err == nil {
		if c := b[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 || c == '_' {
			return "", s.errorf(at, "not valid JSON: expected a value (is text missing its quotes?)")
		}
	}
	return want, nil
}

// skip reads a whole value of any kind and keeps none of it, with memory
// bounded by maxDepth whatever the value's size.
func (s *scanner) skip() error {
	var stack [maxDepth]byte
	depth := 0
	first := false
	for {
		if depth > 0 {
			close := stack[depth-1]
			more, err := s.more(close, first)
			if err != nil {
				return err
			}
			first = false
			if !more {
				depth--
				if depth == 0 {
					return nil
				}
				continue
			}
			if close == '}' {
				if _, err := s.readString(0); err != nil {
					return err
				}
				if err := s.expect(':', "a colon"); err != nil {
					return err
				}
			}
		}
		k, at, err := s.peekValue()
		if err != nil {
			return err
		}
		switch k {
		case kindString:
			_, err = s.readString(0)
		case kindNumber:
			_, _, err = s.readNumber()
		case kindBool, kindNull:
			_, err = s.readLiteral()
		case kindObject, kindArray:
			if depth == maxDepth {
				return s.errorf(at, "values nest more than %d deep", maxDepth)
			}
			c, _ := s.next()
			stack[depth] = c + 2 // '{'+2 is '}', '['+2 is ']'
			depth++
			first = true
			continue
		}
		if err != nil {
			return err
		}
		if depth == 0 {
			return nil
		}
	}
}
