package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// This file lays out and draws one line of text in several fonts and
// directions. A line is split into spans, each in one family (the first
// that has its characters) and at one bidirectional level; the spans are
// put in visual order; a span of a shaped family (Arabic, Hebrew, the Indic
// scripts) goes through the shaper, and its glyphs are drawn by their codes
// in the font's extended map (sfnt.go), at the places the shaper gives,
// inside a marked-content span whose /ActualText is the span's characters
// in logical order: what a reader copies or searches, and what pdftotext
// gives back. Text all in the Latin faces (nearly all of it) takes the path
// it always took, one fpdf cell.

// Characters that draw nothing but matter to the text around them: joiners
// choose Arabic and Indic forms (the cleaner keeps them only there);
// direction marks carry a paragraph's direction to its wrapped lines.
const (
	zwnj = '\u200C'
	zwj  = '\u200D'
	lrm  = '\u200E'
	rlm  = '\u200F'
)

func invisible(r rune) bool { return r >= zwnj && r <= rlm || r == fsi || r == pdi }

// A span is a piece of a line drawn in one face, in one direction.
type span struct {
	fam    *fontFamily
	face   int  // index in fam.faces
	fake   bool // bold made by stroking the regular face
	rtl    bool
	text   []rune  // the characters, in logical order
	draw   string  // families drawn by character: the characters in visual order
	glyphs []glyph // shaped families: the glyphs in visual order
	width  float64 // millimetres
}

// A glyph of a shaped span, in millimetres.
type glyph struct {
	code    rune
	adv     float64
	dx, dy  float64
	nominal bool // at the pen, advancing by its own width: it can share a text operator
}

// simple reports whether s is drawn by the Latin faces alone, as one cell.
func (d *document) simple(s string) bool {
	for _, r := range s {
		if !d.cov.latin3.has(r) || invisible(r) {
			return false
		}
	}
	return true
}

// width is the width of s in the current style, as GetStringWidth measures
// text in one font.
func (d *document) width(s string) float64 {
	if d.simple(s) {
		return d.pdf.GetStringWidth(s)
	}
	w := 0.0
	for _, sp := range d.layout(s, d.cur) {
		w += sp.width
	}
	return w
}

// layout splits a line into spans, in visual order, and measures them.
func (d *document) layout(s string, st textStyle) []span {
	rs := []rune(s)
	if len(rs) == 0 {
		return nil
	}
	rtl := paragraphRTL(rs)
	var levels []uint8
	if rtl || hasRTL(rs) {
		levels = bidiLevels(rs, rtl)
	} else {
		levels = make([]uint8, len(rs))
	}
	fams := d.families(rs)
	// Invisible characters go with the character before them (or after,
	// at the start), so that they never split a span.
	for i, r := range rs {
		if invisible(r) {
			j := i - 1
			if j < 0 {
				for j = i + 1; j < len(rs) && invisible(rs[j]); j++ {
				}
				if j == len(rs) {
					return nil // nothing to draw
				}
			}
			levels[i], fams[i] = levels[j], fams[j]
		}
	}
	var spans []span
	var spanLevels []uint8
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && fams[j] == fams[i] && levels[j] == levels[i] {
			j++
		}
		sp := span{fam: fams[i], rtl: levels[i]%2 == 1}
		sp.face, sp.fake = sp.fam.face(st.face)
		for _, r := range rs[i:j] {
			if invisible(r) && (r != zwj && r != zwnj || !sp.fam.shaped()) {
				continue
			}
			sp.text = append(sp.text, r)
		}
		if len(sp.text) > 0 {
			d.measure(&sp, st)
			spans = append(spans, sp)
			spanLevels = append(spanLevels, levels[i])
		}
		i = j
	}
	order := visualOrder(spanLevels)
	out := make([]span, len(spans))
	for i, k := range order {
		out[i] = spans[k]
	}
	return out
}

// families chooses each character's family. Characters common to scripts
// (spaces, digits, punctuation) at the start of the line go with the first
// script after them.
func (d *document) families(rs []rune) []*fontFamily {
	fams := make([]*fontFamily, len(rs))
	var cur *fontFamily
	for _, r := range rs {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited {
			cur = d.cov.familyFor(r, nil)
			break
		}
	}
	for i, r := range rs {
		if invisible(r) {
			continue
		}
		f := d.cov.familyFor(r, cur)
		if f == nil {
			f = latin // the cleaner has replaced what no family draws
		}
		fams[i], cur = f, f
	}
	return fams
}

// measure lays out a span's characters: shapes them, or orders them for
// drawing one by one.
func (d *document) measure(sp *span, st textStyle) {
	l := sp.fam.load(sp.face)
	mm := st.size * ptToMM / 1000 // millimetres per thousandth of an em
	if l.err != nil {
		// A font that cannot be read (which a test rules out) must not
		// fail the export: its text shows as substitutes.
		*sp = span{fam: latin, face: styleIndex(st.face), text: sp.text, draw: strings.Repeat(string(substitute), len(sp.text))}
		sp.width = d.latinWidth(sp.draw, st)
		return
	}
	if !sp.fam.shaped() {
		sp.draw = visual(sp.text, sp.rtl)
		if sp.fam == latin {
			sp.width = d.latinWidth(sp.draw, st)
			return
		}
		for _, r := range sp.draw {
			sp.width += float64(l.adv[r]) * mm
		}
		return
	}
	face := d.shapingFace(sp.fam, sp.face, l)
	dir := di.DirectionLTR
	if sp.rtl {
		dir = di.DirectionRTL
	}
	out := d.shaper.Shape(shaping.Input{
		Text: sp.text, RunEnd: len(sp.text), Direction: dir, Face: face,
		Size: fixed.I(int(l.upem)), Script: sp.fam.script,
	})
	unit := st.size * ptToMM / l.upem // millimetres per font unit
	sp.glyphs = make([]glyph, 0, len(out.Glyphs))
	for _, g := range out.Glyphs {
		code := rune(0)
		if int(g.GlyphID) < len(l.codes) {
			code = l.codes[g.GlyphID]
		}
		adv := float64(g.XAdvance) / 64
		own := float64(face.HorizontalAdvance(g.GlyphID))
		gl := glyph{
			code: code, adv: adv * unit,
			dx: float64(g.XOffset) / 64 * unit, dy: float64(g.YOffset) / 64 * unit,
			nominal: g.XOffset == 0 && g.YOffset == 0 && adv-own < 0.5 && own-adv < 0.5,
		}
		sp.glyphs = append(sp.glyphs, gl)
		sp.width += gl.adv
	}
}

func (d *document) latinWidth(s string, st textStyle) float64 {
	d.use(st)
	return d.pdf.GetStringWidth(s)
}

// visual returns characters in the order they are drawn: right-to-left text
// reversed, a character's combining marks kept after it, brackets mirrored.
func visual(rs []rune, rtl bool) string {
	if !rtl {
		return string(rs)
	}
	var b strings.Builder
	for end := len(rs); end > 0; {
		start := end - 1
		for start > 0 && unicode.In(rs[start], unicode.Mn, unicode.Me) {
			start--
		}
		for _, r := range rs[start:end] {
			b.WriteRune(mirrored(r))
		}
		end = start
	}
	return b.String()
}

// shapingFace returns the document's shaper face for a family's face: the
// parsed font is shared by every document, a face is not.
func (d *document) shapingFace(f *fontFamily, i int, l *loaded) *font.Face {
	k := [2]int{f.idx, i}
	if face, ok := d.faces[k]; ok {
		return face
	}
	if d.faces == nil {
		d.faces = map[[2]int]*font.Face{}
	}
	face := font.NewFace(l.font)
	d.faces[k] = face
	return face
}

// drawLine draws a line of text whose top is at y, in a box w wide from x.
func (d *document) drawLine(x, y, w float64, s string, st textStyle, align string) {
	spans := d.layout(s, st)
	total := 0.0
	for _, sp := range spans {
		total += sp.width
	}
	switch align {
	case "R":
		x += w - total
	case "C":
		x += (w - total) / 2
	}
	// Where fpdf's cells put the baseline.
	base := y + 0.5*st.lineHeight() + 0.3*st.size*ptToMM
	for _, sp := range spans {
		d.drawSpan(x, base, sp, st)
		x += sp.width
	}
}

func (d *document) drawSpan(x, base float64, sp span, st textStyle) {
	p := d.pdf
	d.useFace(sp.fam, sp.face, st)
	if sp.fake {
		// Bold for a family without a bold face: the outlines stroked in the
		// text's colour as well as filled.
		p.RawWriteStr(fmt.Sprintf("q %.3f %.3f %.3f RG %.3f w 2 Tr",
			float64(st.color.r)/255, float64(st.color.g)/255, float64(st.color.b)/255, st.size*0.04))
		defer p.RawWriteStr("Q")
	}
	if !sp.fam.shaped() {
		p.Text(x, base, sp.draw)
		return
	}
	p.RawWriteStr("/Span <</ActualText " + hexText(actualText(sp)) + ">> BDC")
	var run []rune
	runX := x
	flush := func() {
		if len(run) > 0 {
			p.Text(runX, base, string(run))
			run = run[:0]
		}
	}
	pen := x
	for _, g := range sp.glyphs {
		switch {
		case g.code == 0:
			flush() // a glyph with no code (none should be): leave its place empty
		case g.nominal:
			if len(run) == 0 {
				runX = pen
			}
			run = append(run, g.code)
		default:
			flush()
			p.Text(pen+g.dx, base-g.dy, string(g.code))
		}
		pen += g.adv
	}
	flush()
	p.RawWriteStr("EMC")
}

// useFace selects a family's face for drawing, adding its font to the
// document the first time.
func (d *document) useFace(f *fontFamily, i int, st textStyle) {
	if f == latin {
		st.face = styleLetters[i]
		d.use(st)
		return
	}
	k := [2]int{f.idx, i}
	if !d.added[k] {
		if d.added == nil {
			d.added = map[[2]int]bool{}
		}
		// fpdf rewrites the bytes it is given as it subsets them.
		d.pdf.AddUTF8FontFromBytes(f.name, styleLetters[i], bytes.Clone(f.load(i).data))
		d.added[k] = true
	}
	d.pdf.SetFont(f.name, styleLetters[i], st.size)
	d.pdf.SetTextColor(st.color.r, st.color.g, st.color.b)
	d.curValid = false // the Latin style must be selected again
}

// actualText is what a reader extracting text gets for a shaped span: its
// characters, in the order they are drawn. Readers (poppler's pdftotext,
// among others) take the characters of a line as they lie from left to
// right and put right-to-left text back in logical order themselves, so a
// right-to-left span gives its characters reversed, each mark before the
// letter it is on, as a reader that draws them one by one would find them.
func actualText(sp span) string {
	if !sp.rtl {
		return string(sp.text)
	}
	rs := make([]rune, len(sp.text))
	for i, r := range sp.text {
		rs[len(rs)-1-i] = r
	}
	return string(rs)
}

// hexText is s as a PDF text string: UTF-16 with a byte order mark, in hex.
func hexText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// fitsShaped returns how many bytes of s, in whole clusters (a letter with
// its marks; an Indic conjunct), fit in width in the current style.
func (d *document) fitsShaped(s string, width float64) int {
	bounds := clusterBounds(s)
	// Widths grow with the prefix: find a prefix too wide by doubling, then
	// search below it, so that cutting a long word into lines measures
	// about what each line holds, not the whole word every time.
	lo, hi := 0, len(bounds)-1 // bounds[lo] fits
	for n := 8; n < hi; n *= 2 {
		if d.width(s[:bounds[n]]) > width {
			hi = n - 1
			break
		}
		lo = n
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.width(s[:bounds[mid]]) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return bounds[lo]
}

// clusterBounds returns the byte offsets where s may be cut without
// separating a character from its marks, a virama from the consonant after
// it, or a joiner from what it joins: 0, each cut, and len(s).
func clusterBounds(s string) []int {
	bounds := []int{0}
	var prev rune
	for i, r := range s {
		if i > 0 && !unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) && !invisible(r) && !virama(prev) && prev != zwj && prev != zwnj {
			bounds = append(bounds, i)
		}
		prev = r
	}
	return append(bounds, len(s))
}

func virama(r rune) bool {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return r >= 0x0900 && norm.NFC.Properties(buf[:n]).CCC() == 9
}
