package pdf

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/language"
	"golang.org/x/text/unicode/norm"
)

// The documents are set in Noto Sans, the font Fyne bundles for the app's
// own screens (SIL Open Font License): it covers Latin (Polish, Turkish,
// Vietnamese), Greek and Cyrillic, typographic punctuation and the pound
// sign, and it is in the binary already. Names in other scripts are drawn
// in the Noto family of their script (fontset.go, pdf/fonts/): nothing
// depends on the fonts of the machine.
const family = "noto"

// A face is one embedded style of the font.
type face struct {
	style string // fpdf's style letters: "", "B", "I"
	data  []byte
}

func faces() []face {
	return []face{
		{"", theme.DefaultTextFont().Content()},
		{"B", theme.DefaultTextBoldFont().Content()},
		{"I", theme.DefaultTextItalicFont().Content()},
	}
}

// substitute stands for a character the fonts cannot draw. U+FFFD (a
// question mark in a diamond) is what readers know as "a character was here
// that cannot be shown", and every face has it.
const substitute = '\uFFFD'

// A runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune)      { s[r>>6] |= 1 << (r & 63) }
func (s *runeSet) has(r rune) bool { return r >= 0 && r <= 0xFFFF && s[r>>6]&(1<<(r&63)) != 0 }
func (s *runeSet) intersect(t *runeSet) {
	for i := range s {
		s[i] &= t[i]
	}
}

// latinCovered is the set of runes all three Latin faces draw. Only runes
// of the Basic Multilingual Plane can be covered: fpdf maps characters to
// glyphs through a 16-bit table, and a rune above U+FFFF makes it fail the
// whole document.
var latinCovered = sync.OnceValues(func() (*runeSet, error) {
	var all *runeSet
	for _, f := range faces() {
		ms, err := readCmap(f.data)
		if err != nil {
			return nil, fmt.Errorf("read font %q: %w", f.style, err)
		}
		s := new(runeSet)
		for _, m := range ms {
			s.add(m.r)
		}
		if all == nil {
			all = s
		} else {
			all.intersect(s)
		}
	}
	return all, nil
})

// covered is the set of runes the PDF can print: those some family draws.
func covered() (*runeSet, error) {
	c, err := fontCoverage()
	if err != nil {
		return nil, err
	}
	return &c.all, nil
}

// clean returns s as the fonts can draw it, so that nothing anyone types can
// make the export fail or draw an empty box:
//   - text is put in Unicode normal form C, so that a letter typed as a base
//     and combining accents ("e" + U+0301) becomes the precomposed letter the
//     font draws well;
//   - line breaks become "\n" when multiline, otherwise spaces; tabs and
//     other spaces become plain spaces;
//   - invisible format characters (direction marks and overrides, soft
//     hyphens, byte order marks) are dropped: they could draw as boxes, and
//     a direction override could make a name read backwards; zero-width
//     joiners and non-joiners are kept after Arabic or Indic letters, whose
//     forms they choose, and dropped elsewhere;
//   - any other character the fonts lack (emoji, scripts outside the font,
//     control characters, invalid UTF-8) becomes one substitute, and the
//     parts of an emoji sequence (skin tones, variation selectors, joined
//     emoji, flags) are folded into the substitute for its first character.
func (s *runeSet) clean(text string, multiline bool) string {
	return s.cleanFunc(text, multiline, nil)
}

// cleanFunc is clean, calling sub, when it is not nil, with each character
// it replaces by the substitute.
func (s *runeSet) cleanFunc(text string, multiline bool, sub func(rune)) string {
	if text == "" {
		return ""
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	substituted := false     // the last rune written was a substitute
	joined := false          // and a zero-width joiner followed it
	var last rune            // the rune the last substitute stood for
	var prev rune            // the last rune written
	for _, r := range text { // invalid UTF-8 arrives as U+FFFD
		if substituted && sequencePart(r, last) {
			joined = joined || r == '\u200D'
			if isRegionalIndicator(r) {
				last = 0 // a flag is two letters: the next one starts a new flag
			}
			continue
		}
		if joined && !s.has(r) {
			joined = false
			continue // the emoji after a joiner: part of the same picture
		}
		joined = false
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
			substituted = false
		case unicode.IsSpace(r):
			b.WriteByte(' ')
			substituted = false
		case (r == zwj || r == zwnj) && joinsForms(prev):
			b.WriteRune(r)
		case unicode.Is(unicode.Cf, r) || isVariationSelector(r):
			// Dropped; an emoji sequence may continue after it.
		case unicode.IsControl(r) || !s.has(r):
			b.WriteRune(substitute)
			substituted, last = true, r
			if sub != nil {
				sub(r)
			}
		default:
			b.WriteRune(r)
			substituted = false
		}
		prev = r
	}
	return b.String()
}

// joinsForms reports whether r is a letter or mark of a script whose forms
// a joiner or non-joiner after it chooses (Arabic, the Indic scripts).
func joinsForms(r rune) bool {
	sc := language.LookupScript(r)
	for _, f := range families {
		if f.shaped() && f.script == sc && sc != language.Hebrew {
			return true
		}
	}
	return false
}

// sequencePart reports whether r, following a substituted character prev,
// belongs to the same emoji or grapheme, so one substitute stands for both.
func sequencePart(r, prev rune) bool {
	switch {
	case r == '\u200D', // zero-width joiner
		isVariationSelector(r),
		r >= 0x1F3FB && r <= 0x1F3FF,          // skin tone modifiers
		r >= 0xE0020 && r <= 0xE007F,          // tag characters (subdivision flags)
		r == '\u20E3',                         // combining enclosing keycap
		unicode.In(r, unicode.Mn, unicode.Me): // combining marks on a character not drawn
		return true
	case isRegionalIndicator(r) && isRegionalIndicator(prev):
		return true // the second letter of a flag
	}
	return false
}

// isVariationSelector reports whether r asks for a text or emoji
// presentation of the character before it: without shaping, it does nothing.
func isVariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// metadata returns text for the document's metadata (title, author,
// keywords), which readers show in their own fonts: every character is kept,
// emoji too, in Unicode normal form C, on one line, without control or
// format characters (a direction override could make a title read
// backwards). It is encoded as the PDF wants, UTF-16 with a byte order mark:
// fpdf's own conversion cannot encode characters above U+FFFF.
func metadata(text string) string {
	text = norm.NFC.String(text)
	var b strings.Builder
	for _, r := range text {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
		default:
			b.WriteRune(r)
		}
	}
	text = strings.Join(strings.Fields(b.String()), " ")
	if text == "" {
		return ""
	}
	u := utf16.Encode([]rune(text))
	out := make([]byte, 2, 2+2*len(u))
	out[0], out[1] = 0xFE, 0xFF
	for _, c := range u {
		out = append(out, byte(c>>8), byte(c))
	}
	return string(out)
}
