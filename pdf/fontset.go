package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"

	"strategyminutes/pdf/fonts"
)

// The PDF's fonts, one family per script: Noto Sans (Latin, Greek,
// Cyrillic) first, then a Noto family for each script a family's name may
// be written in. Each character is drawn in the first family that has it,
// except that punctuation, digits and spaces stay in the family of the text
// around them. Families are read lazily: a document embeds, and the process
// parses, only the fonts its text needs.
type fontFamily struct {
	idx    int             // in families
	name   string          // fpdf's family name
	script language.Script // what the shaper is told; 0 for families drawn by character
	// faces are the regular, bold and italic font files; a missing style
	// uses the regular face (bold by stroking it, see fakeBold).
	faces [3]func() []byte
}

// shaped reports whether the family's text goes through the shaper (joined
// Arabic letters, Indic conjuncts and reordered vowel signs, marks placed by
// the font): drawn glyph by glyph rather than character by character.
func (f *fontFamily) shaped() bool { return f.script != 0 }

var families = []*fontFamily{
	{name: family, faces: [3]func() []byte{latinFace(0), latinFace(1), latinFace(2)}},
	{name: "noto-arab", script: language.Arabic, faces: [3]func() []byte{bytesOf(fonts.ArabicRegular), bytesOf(fonts.ArabicBold)}},
	{name: "noto-hebr", script: language.Hebrew, faces: [3]func() []byte{bytesOf(fonts.HebrewRegular), bytesOf(fonts.HebrewBold)}},
	{name: "noto-deva", script: language.Devanagari, faces: [3]func() []byte{bytesOf(fonts.DevanagariRegular), bytesOf(fonts.DevanagariBold)}},
	{name: "noto-beng", script: language.Bengali, faces: [3]func() []byte{bytesOf(fonts.BengaliRegular), bytesOf(fonts.BengaliBold)}},
	{name: "noto-guru", script: language.Gurmukhi, faces: [3]func() []byte{bytesOf(fonts.GurmukhiRegular), bytesOf(fonts.GurmukhiBold)}},
	{name: "noto-gujr", script: language.Gujarati, faces: [3]func() []byte{bytesOf(fonts.GujaratiRegular), bytesOf(fonts.GujaratiBold)}},
	{name: "noto-taml", script: language.Tamil, faces: [3]func() []byte{bytesOf(fonts.TamilRegular), bytesOf(fonts.TamilBold)}},
	{name: "noto-cjk", faces: [3]func() []byte{bytesOf(fonts.CJKRegular)}},
}

// latin is the first family, the one the documents are set in.
var latin = families[0]

func init() {
	for i, f := range families {
		f.idx = i
	}
}

func latinFace(i int) func() []byte {
	return func() []byte { return faces()[i].data }
}

func bytesOf(b []byte) func() []byte { return func() []byte { return b } }

// styleIndex is the index in faces of fpdf's style letters.
func styleIndex(style string) int {
	switch style {
	case "B":
		return 1
	case "I":
		return 2
	}
	return 0
}

var styleLetters = [3]string{"", "B", "I"}

// face returns the face the family draws a style with: its own, or its
// regular face, and whether bold must then be made by stroking.
func (f *fontFamily) face(style string) (i int, fakeBold bool) {
	i = styleIndex(style)
	if f.faces[i] != nil {
		return i, false
	}
	return 0, i == 1
}

// A loaded face is a font file ready for the PDF and, for shaped families,
// the shaper.
type loaded struct {
	data  []byte       // what fpdf embeds: the file, with glyph codes in its map for shaped families
	codes []rune       // by glyph: the character fpdf draws it with (shaped families)
	font  *font.Font   // parsed for the shaper (shaped families); safe for concurrent use
	adv   map[rune]int // advance widths in thousandths of an em, as fpdf measures them (families drawn by character)
	upem  float64      // font units per em
	err   error
}

var (
	loadOnce [16][3]sync.Once
	loads    [16][3]loaded
)

// load prepares one face of a family, once per process.
func (f *fontFamily) load(i int) *loaded {
	k := f.idx
	loadOnce[k][i].Do(func() { loads[k][i] = f.prepare(f.faces[i]()) })
	return &loads[k][i]
}

func (f *fontFamily) prepare(data []byte) loaded {
	l := loaded{data: data, upem: 1000}
	fail := func(err error) loaded { return loaded{err: fmt.Errorf("font %s: %w", f.name, err)} }
	ts, err := tables(data)
	if err != nil {
		return fail(err)
	}
	if head, ok := tableData(data, ts, "head"); ok && len(head) >= 20 {
		l.upem = float64(binary.BigEndian.Uint16(head[18:]))
	}
	cmap, err := readCmap(data)
	if err != nil {
		return fail(err)
	}
	if !f.shaped() {
		if f != latin { // fpdf measures the Latin faces itself
			if l.adv, err = advances(data, ts, cmap, l.upem); err != nil {
				return fail(err)
			}
		}
		return l
	}
	n, err := numGlyphs(data)
	if err != nil {
		return fail(err)
	}
	codes, all, err := glyphCodes(cmap, n)
	if err != nil {
		return fail(err)
	}
	if l.data, err = withCmap(data, all); err != nil {
		return fail(err)
	}
	l.codes = codes
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return fail(err)
	}
	l.font = face.Font
	return l
}

// advances returns each character's advance width, rounded to thousandths
// of an em as fpdf rounds the widths it writes.
func advances(data []byte, ts map[string]sfntTable, cmap []mapping, upem float64) (map[rune]int, error) {
	hhea, ok1 := tableData(data, ts, "hhea")
	hmtx, ok2 := tableData(data, ts, "hmtx")
	if !ok1 || !ok2 || len(hhea) < 36 {
		return nil, fmt.Errorf("%w: no horizontal metrics", errFont)
	}
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if metrics == 0 || len(hmtx) < 4*metrics {
		return nil, fmt.Errorf("%w: damaged horizontal metrics", errFont)
	}
	out := make(map[rune]int, len(cmap))
	for _, m := range cmap {
		g := min(int(m.gid), metrics-1)
		out[m.r] = int(math.Round(float64(binary.BigEndian.Uint16(hmtx[4*g:])) * 1000 / upem))
	}
	return out, nil
}

// Coverage: which family draws what, read from every family's regular face
// (bold faces cover the same; a test checks it) once per process. Reading a
// character map is cheap; the fonts themselves are loaded when used.
type coverage struct {
	all    runeSet   // characters some family draws: what the PDF can print
	byFam  []runeSet // by family
	latin3 runeSet   // characters all three Latin faces draw
}

var fontCoverage = sync.OnceValues(func() (*coverage, error) {
	c := &coverage{byFam: make([]runeSet, len(families))}
	lat, err := latinCovered()
	if err != nil {
		return nil, err
	}
	c.latin3 = *lat
	c.byFam[0] = *lat
	for i, f := range families[1:] {
		ms, err := readCmap(f.faces[0]())
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", f.name, err)
		}
		for _, m := range ms {
			c.byFam[i+1].add(m.r)
		}
	}
	for i := range c.byFam {
		for k := range c.all {
			c.all[k] |= c.byFam[i][k]
		}
	}
	return c, nil
})

// familyFor returns the family that draws r: cur (the family of the text
// before it) if r is common to scripts and cur has it, otherwise the first
// family that has r; nil if none has.
func (c *coverage) familyFor(r rune, cur *fontFamily) *fontFamily {
	if cur != nil && c.byFam[cur.idx].has(r) {
		switch language.LookupScript(r) {
		case language.Common, language.Inherited:
			return cur
		}
	}
	for i, f := range families {
		if c.byFam[i].has(r) {
			return f
		}
	}
	return nil
}
