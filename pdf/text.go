package pdf

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The documents use Noto Sans, the font Fyne bundles for the app's own
// screens (SIL Open Font License): it covers Latin (Polish, Turkish,
// Vietnamese), Greek and Cyrillic, typographic punctuation and the pound
// sign, and it is embedded in the binary already, so the PDF needs no font
// file of its own and never depends on the fonts of the machine.
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

// covered is the set of runes every face draws. Only runes of the Basic
// Multilingual Plane can be covered: fpdf maps characters to glyphs through
// a 16-bit table, and a rune above U+FFFF makes it fail the whole document.
var covered = sync.OnceValues(func() (*runeSet, error) {
	var all *runeSet
	for _, f := range faces() {
		s, err := cmap(f.data)
		if err != nil {
			return nil, fmt.Errorf("read font %q: %w", f.style, err)
		}
		if all == nil {
			all = s
		} else {
			all.intersect(s)
		}
	}
	return all, nil
})

// cmap returns the runes the font has a glyph for.
func cmap(data []byte) (*runeSet, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	s := new(runeSet)
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates are not characters
		}
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			s.add(r)
		}
	}
	return s, nil
}

// clean returns s as the fonts can draw it, so that nothing anyone types can
// make the export fail or draw an empty box:
//   - text is put in Unicode normal form C, so that a letter typed as a base
//     and combining accents ("e" + U+0301) becomes the precomposed letter the
//     font draws well;
//   - line breaks become "\n" when multiline, otherwise spaces; tabs and
//     other spaces become plain spaces;
//   - invisible format characters (zero-width joiners, direction marks, soft
//     hyphens, byte order marks) are dropped: without text shaping they do
//     nothing but could draw as boxes;
//   - any other character the fonts lack (emoji, scripts outside the font,
//     control characters, invalid UTF-8) becomes one substitute, and the
//     parts of an emoji sequence (skin tones, variation selectors, joined
//     emoji, flags) are folded into the substitute for its first character.
func (s *runeSet) clean(text string, multiline bool) string {
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
		case unicode.Is(unicode.Cf, r) || isVariationSelector(r):
			// Dropped; an emoji sequence may continue after it.
		case unicode.IsControl(r) || !s.has(r):
			b.WriteRune(substitute)
			substituted, last = true, r
		default:
			b.WriteRune(r)
			substituted = false
		}
	}
	return b.String()
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

// oneLine returns text cleaned for a single line: spaces collapsed, trimmed.
func (s *runeSet) oneLine(text string) string {
	return strings.Join(strings.Fields(s.clean(text, false)), " ")
}
