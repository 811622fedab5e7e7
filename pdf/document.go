package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
)

// This file is the document layer every PDF of the app is built on: an A4
// page with the protective marking at its top and bottom, a running header,
// an optional DRAFT mark, a footer with "Page X of Y", the export time and
// the app's version; numbered headings kept with what follows them; wrapped
// paragraphs; boxes; and tables whose rows wrap and break across pages with
// their header row repeated. Every string drawn passes through the font's
// cleaner, so no text can make a document fail; text in other scripts than
// Latin, Greek and Cyrillic is laid out by layout.go.

// Page geometry in millimetres: A4 portrait.
const (
	pageWidth     = 210.0
	pageHeight    = 297.0
	marginX       = 18.0
	contentWidth  = pageWidth - 2*marginX
	contentTop    = 24.0  // below the marking and the running header
	contentBottom = 274.0 // above the footer and the marking
	ptToMM        = 25.4 / 72
	cellPadX      = 1.6
	cellPadY      = 1.1
	blockGap      = 2.4 // after a paragraph, a table, a box
)

type rgb struct{ r, g, b int }

// Colours: dark text on white, one accent for headings, light shading and
// thin grey rules for tables, and red only for what needs action.
var (
	colText    = rgb{30, 33, 38}
	colMuted   = rgb{88, 94, 102}
	colAccent  = rgb{20, 58, 104}
	colRule    = rgb{186, 193, 202}
	colStrong  = rgb{110, 120, 133} // the rule under a table's header
	colShade   = rgb{226, 233, 241} // a table's header row
	colBand    = rgb{242, 245, 248} // group rows and information boxes
	colAlert   = rgb{170, 18, 38}
	colAlertBg = rgb{252, 236, 237}
)

// A textStyle is a face, a size in points and a colour.
type textStyle struct {
	face  string // "", "B" or "I"
	size  float64
	color rgb
}

// lineHeight is the distance between baselines, in millimetres.
func (s textStyle) lineHeight() float64 { return s.size * ptToMM * 1.38 }

func (s textStyle) bold() textStyle   { s.face = "B"; return s }
func (s textStyle) italic() textStyle { s.face = "I"; return s }
func (s textStyle) in(c rgb) textStyle {
	s.color = c
	return s
}

var (
	bodyStyle    = textStyle{"", 9.5, colText}
	tableStyle   = textStyle{"", 8.5, colText}
	noteStyle    = textStyle{"I", 9, colMuted}
	headingStyle = textStyle{"B", 12.5, colAccent}
	titleStyle   = textStyle{"B", 19, colAccent}
	subStyle     = textStyle{"", 11, colMuted}
	markingStyle = textStyle{"B", 10.5, colText}
	runningStyle = textStyle{"", 7.5, colMuted}
	labelStyle   = textStyle{"B", 8.5, colMuted}
)

// A docConfig describes a document as a whole: what its metadata says and
// what every page carries.
type docConfig struct {
	Title    string // metadata title
	Subject  string
	Author   string
	Creator  string // the app and its version
	Keywords string
	Running  string // running header, left: what the document is
	Marking  string // protective marking, top and bottom of every page
	Draft    bool   // a DRAFT mark across every page and in the header
	Copy     string // the kind of copy, in the header's right (e.g. a distribution copy)
	// Dated is the document's creation and modification date. It comes from
	// the record, never the clock, so the same record gives the same bytes.
	Dated    time.Time
	Exported string // footer: when and by what the document was exported
}

// A document is a PDF being laid out, top to bottom.
type document struct {
	pdf      *fpdf.Fpdf
	runes    *runeSet  // what the PDF can print
	cov      *coverage // which family prints what
	conf     docConfig
	y        float64   // where the next block starts
	cur      textStyle // the style fpdf has selected
	curValid bool
	pending  string // a heading waiting to be drawn with the block it introduces
	sections int

	substituted map[rune]bool // characters drawn as the substitute

	// Fonts beyond the Latin faces, added when text first needs them.
	added  map[[2]int]bool       // family and face: added to fpdf
	faces  map[[2]int]*font.Face // the shaper's faces
	shaper shaping.HarfbuzzShaper
}

func newDocument(conf docConfig) (*document, error) {
	cov, err := fontCoverage()
	if err != nil {
		return nil, err
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(marginX, contentTop, marginX)
	// The document breaks pages itself: to keep headings with their text,
	// repeat table headers and split rows taller than a page.
	p.SetAutoPageBreak(false, 0)
	p.SetCellMargin(0)
	p.SetCatalogSort(true)
	for _, f := range faces() {
		// fpdf reads a font through slices of the bytes it is given: a copy
		// keeps the bytes the app's screens use out of its reach.
		p.AddUTF8FontFromBytes(family, f.style, bytes.Clone(f.data))
	}
	d := &document{pdf: p, runes: &cov.all, cov: cov, conf: conf}
	// Metadata needs no font: it keeps every character, in any script.
	p.SetTitle(metadata(conf.Title), false)
	p.SetSubject(metadata(conf.Subject), false)
	p.SetAuthor(metadata(conf.Author), false)
	p.SetCreator(metadata(conf.Creator), false)
	p.SetKeywords(metadata(conf.Keywords), false)
	p.SetProducer("go-pdf/fpdf", false)
	p.SetLang("en-GB")
	// fpdf writes dates without a zone, which readers take as UTC.
	dated := conf.Dated.UTC()
	if conf.Dated.IsZero() {
		dated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // never the clock
	}
	p.SetCreationDate(dated)
	p.SetModificationDate(dated)
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("set up the document: %w", err)
	}
	d.newPage()
	return d, nil
}

// clean is the cleaner (text.go), noting what it substitutes: the export
// reports the fields that had it (unprintable.go).
func (d *document) clean(text string, multiline bool) string {
	return d.runes.cleanFunc(text, multiline, func(r rune) {
		if d.substituted == nil {
			d.substituted = map[rune]bool{}
		}
		d.substituted[r] = true
	})
}

// oneLine is clean for a single line: spaces collapsed, trimmed.
func (d *document) oneLine(text string) string {
	return strings.Join(strings.Fields(d.clean(text, false)), " ")
}

// use selects a style, telling fpdf only when it changes.
func (d *document) use(s textStyle) {
	if d.curValid && d.cur == s {
		return
	}
	d.pdf.SetFont(family, s.face, s.size)
	d.pdf.SetTextColor(s.color.r, s.color.g, s.color.b)
	d.cur, d.curValid = s, true
}

func (d *document) newPage() {
	d.pdf.AddPage()
	d.y = contentTop
}

// draftMark draws DRAFT faintly across the page, over its content, so that
// shaded boxes and tables cannot hide it.
func (d *document) draftMark() {
	p := d.pdf
	const word = "DRAFT"
	d.use(textStyle{"B", 120, colAlert})
	w := p.GetStringWidth(word)
	p.SetAlpha(0.11, "Normal")
	p.TransformBegin()
	p.TransformRotate(52, pageWidth/2, pageHeight/2)
	p.Text(pageWidth/2-w/2, pageHeight/2+14, word)
	p.TransformEnd()
	p.SetAlpha(1, "Normal")
}

// need starts a new page unless h millimetres fit below y, or y is at the
// top of a page already (what is taller than a page is split by its caller).
func (d *document) need(h float64) {
	if d.y+h > contentBottom+0.01 && !d.atTop() {
		d.newPage()
	}
}

func (d *document) atTop() bool { return d.y <= contentTop+0.01 }

// gap leaves space after a block, unless at the top of a page.
func (d *document) gap(h float64) {
	if !d.atTop() {
		d.y += h
	}
}

// text draws one line of already wrapped text.
func (d *document) text(x, y, w float64, s string, st textStyle, align string) {
	if s == "" {
		return
	}
	if !d.simple(s) {
		d.drawLine(x, y, w, s, st, align)
		return
	}
	d.use(st)
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, st.lineHeight(), s, "", 0, align, false, 0, "")
}

func (d *document) rule(y float64, c rgb, width float64) {
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(marginX, y, marginX+contentWidth, y)
}

func (d *document) fill(x, y, w, h float64, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, "F")
}

// wrap cleans text and breaks it into lines no wider than width in style st.
// Runs of blank lines become one; blank lines at either end go.
func (d *document) wrap(text string, st textStyle, width float64) []string {
	d.use(st)
	text = strings.Trim(d.clean(text, true), " \n")
	if text == "" {
		return nil
	}
	var lines []string
	blank := false
	for para := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(para) == "" {
			if !blank {
				lines = append(lines, "")
			}
			blank = true
			continue
		}
		blank = false
		lines = append(lines, d.directed(para, d.wrapLine(para, width))...)
	}
	return lines
}

// directed marks the wrapped lines of a paragraph with the paragraph's
// direction where a line on its own would take the other one (a
// right-to-left paragraph's line that starts with an English word), so
// that each line is ordered as part of its paragraph.
func (d *document) directed(para string, lines []string) []string {
	if d.simple(para) {
		return lines
	}
	rtl := paragraphRTL([]rune(para))
	mark := string(lrm)
	if rtl {
		mark = string(rlm)
	}
	for i, l := range lines {
		if paragraphRTL([]rune(l)) != rtl {
			lines[i] = mark + l
		}
	}
	return lines
}

// wrapLine breaks one paragraph at spaces. A word wider than the line (a
// long reference, a web address, a key held down) is cut where the line is
// full.
func (d *document) wrapLine(s string, width float64) []string {
	space := d.width(" ")
	var lines []string
	var cur strings.Builder
	curW := 0.0
	for word := range strings.FieldsSeq(s) {
		ww := d.width(word)
		if cur.Len() > 0 && curW+space+ww > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if ww > width { // the line is empty here
			for {
				n := d.fits(word, width)
				if n == len(word) {
					break
				}
				if n == 0 {
					n = clusterBounds(word)[1] // a line holds at least one character
				}
				lines = append(lines, word[:n])
				word = word[n:]
			}
			ww = d.width(word)
		}
		if word == "" {
			continue
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
			curW += space
		}
		cur.WriteString(word)
		curW += ww
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// fits returns how many bytes of s, in whole runes, fit in width. It reads
// no further than what fits, so cutting a long word is linear.
func (d *document) fits(s string, width float64) int {
	if !d.simple(s) {
		return d.fitsShaped(s, width)
	}
	w := 0.0
	for i, r := range s {
		w += d.pdf.GetStringWidth(string(r))
		if w > width {
			return i
		}
	}
	return len(s)
}

// truncate shortens a single line to width, ending it with an ellipsis.
func (d *document) truncate(s string, st textStyle, width float64) string {
	d.use(st)
	s = d.oneLine(s)
	if d.width(s) <= width {
		return s
	}
	n := d.fits(s, width-d.width("…"))
	return strings.TrimRight(s[:n], " ") + "…"
}

// section announces a numbered section. Its heading is drawn by the block
// that follows, so that a heading never ends a page on its own.
func (d *document) section(title string) {
	d.sections++
	d.pending = fmt.Sprintf("%d  %s", d.sections, title)
}

const (
	headingBefore = 5.0
	headingAfter  = 3.0
)

// begin makes room for a block whose first part is h high, with the pending
// heading, if any, above it on the same page.
func (d *document) begin(h float64) {
	if d.pending == "" {
		d.need(h)
		return
	}
	lines := d.wrap(d.pending, headingStyle, contentWidth)
	lh := headingStyle.lineHeight()
	hh := headingBefore + float64(len(lines))*lh + headingAfter
	d.need(hh + h)
	if !d.atTop() {
		d.y += headingBefore
	}
	for _, l := range lines {
		d.text(marginX, d.y, contentWidth, l, headingStyle, "L")
		d.y += lh
	}
	d.rule(d.y+0.6, colAccent, 0.35)
	d.y += headingAfter
	d.pending = ""
}

// title draws the document's title block at the top of the first page.
func (d *document) title(title, subtitle string) {
	for _, l := range d.wrap(title, titleStyle, contentWidth) {
		d.need(titleStyle.lineHeight())
		d.text(marginX, d.y, contentWidth, l, titleStyle, "L")
		d.y += titleStyle.lineHeight()
	}
	d.y += 0.8
	for _, l := range d.wrap(subtitle, subStyle, contentWidth) {
		d.need(subStyle.lineHeight())
		d.text(marginX, d.y, contentWidth, l, subStyle, "L")
		d.y += subStyle.lineHeight()
	}
	d.y += 3
}

// paragraph draws wrapped text; "\n" starts a new line.
func (d *document) paragraph(text string, st textStyle) {
	lines := d.wrap(text, st, contentWidth)
	lh := st.lineHeight()
	d.begin(lh * float64(min(len(lines), 2)))
	for _, l := range lines {
		d.need(lh)
		d.text(marginX, d.y, contentWidth, l, st, "L")
		d.y += lh
	}
	d.gap(blockGap)
}

type boxKind int

const (
	boxInfo   boxKind = iota // shaded, with an accent bar
	boxAlert                 // light red, with a red bar: needs attention
	boxNotice                // as boxInfo, in smaller type: standing wording
)

// box draws a titled, shaded note with a bar down its left side. A box too
// tall for a page is drawn as plain paragraphs.
func (d *document) box(kind boxKind, title, text string) {
	bg, bar, head, body := colBand, colAccent, bodyStyle.bold().in(colAccent), bodyStyle
	switch kind {
	case boxAlert:
		bg, bar, head = colAlertBg, colAlert, bodyStyle.bold().in(colAlert)
	case boxNotice:
		body.size = 8.5
		head.size = 9
	}
	const pad, barW = 2.6, 1.2
	inner := contentWidth - 2*pad - barW
	titleLines := d.wrap(title, head, inner)
	if title == "" {
		titleLines = nil
	}
	bodyLines := d.wrap(text, body, inner)
	if text == "" {
		bodyLines = nil
	}
	h := float64(len(titleLines))*head.lineHeight() + float64(len(bodyLines))*body.lineHeight() + 2*pad
	if len(titleLines) > 0 && len(bodyLines) > 0 {
		h += 0.8
	}
	if h > contentBottom-contentTop-20 {
		d.paragraph(title, head)
		d.paragraph(text, body)
		return
	}
	d.begin(h)
	d.fill(marginX, d.y, contentWidth, h, bg)
	d.fill(marginX, d.y, barW, h, bar)
	y := d.y + pad
	x := marginX + barW + pad
	for _, l := range titleLines {
		d.text(x, y, inner, l, head, "L")
		y += head.lineHeight()
	}
	if len(titleLines) > 0 && len(bodyLines) > 0 {
		y += 0.8
	}
	for _, l := range bodyLines {
		d.text(x, y, inner, l, body, "L")
		y += body.lineHeight()
	}
	d.y += h
	d.gap(blockGap + 0.6)
}

// A column of a table.
type column struct {
	title string
	width float64 // millimetres; 0 shares what the other columns leave
	align string  // "L" (the default), "C" or "R"
}

// A cell of a row; a nil style means the table's.
type cell struct {
	text  string
	style *textStyle
}

// A row of a table. A band row is a group heading across the whole table
// (its first cell on the left, its second on the right, one line each); it
// is repeated, marked "continued", when the group runs onto a new page.
type row struct {
	cells  []cell
	band   bool
	indent float64 // of the first cell, in millimetres: a part of the row above
}

// A table is drawn with its columns' titles at the top of every page it
// spans. Rows wrap; a row taller than what is left of the page moves to the
// next, and a row taller than a page is split.
type table struct {
	columns []column
	rows    []row
	header  bool // draw the columns' titles
	rules   bool // a thin rule under every row
	style   textStyle
	empty   string // said instead of the table when it has no rows
	caption string // said above the table, on the same page as its start
	whole   bool   // move it to a new page rather than split it, when it is short (at most 60% of a page)
}

// A laid-out row: each cell's lines.
type laid struct {
	lines   [][]string
	styles  []textStyle
	indents []float64
	n       int // lines in the tallest cell
	band    bool
}

func (t *table) widths() []float64 {
	ws := make([]float64, len(t.columns))
	rest, shares := contentWidth, 0
	for i, c := range t.columns {
		ws[i] = c.width
		rest -= c.width
		if c.width == 0 {
			shares++
		}
	}
	for i := range ws {
		if ws[i] == 0 {
			ws[i] = max(rest/float64(shares), 10)
		}
	}
	return ws
}

func (d *document) layRow(t *table, r row, widths []float64) laid {
	if r.band {
		return d.layBand(t, r, false)
	}
	l := laid{lines: make([][]string, len(widths)), styles: make([]textStyle, len(widths)), indents: make([]float64, len(widths)), n: 1}
	for i := range widths {
		st := t.style
		var text string
		if i < len(r.cells) {
			text = r.cells[i].text
			if r.cells[i].style != nil {
				st = *r.cells[i].style
			}
		}
		if i == 0 {
			l.indents[i] = r.indent
		}
		l.styles[i] = st
		l.lines[i] = d.wrap(text, st, widths[i]-2*cellPadX-l.indents[i])
		l.n = max(l.n, len(l.lines[i]))
	}
	return l
}

// layBand lays a band row out on one line: the right-hand text whole, the
// left-hand text truncated to what is left.
func (d *document) layBand(t *table, r row, continued bool) laid {
	left, right := "", ""
	if len(r.cells) > 0 {
		left = r.cells[0].text
	}
	if len(r.cells) > 1 {
		right = r.cells[1].text
	}
	lst, rst := t.style.bold(), t.style.in(colMuted)
	if continued {
		right = "(continued)"
	}
	right = d.truncate(right, rst, contentWidth/2)
	d.use(rst)
	rw := d.width(right)
	left = d.truncate(left, lst, contentWidth-2*cellPadX-rw-4)
	return laid{lines: [][]string{{left}, {right}}, styles: []textStyle{lst, rst}, n: 1, band: true}
}

func (t *table) lineHeight() float64 { return t.style.lineHeight() }

func (t *table) height(lines int) float64 { return float64(lines)*t.lineHeight() + 2*cellPadY }

func (d *document) table(t table) {
	if len(t.rows) == 0 {
		if t.empty != "" {
			d.paragraph(t.empty, noteStyle)
		}
		return
	}
	widths := t.widths()
	var head *laid
	if t.header {
		hr := t.headerRow()
		l := d.layRow(&t, hr, widths)
		head = &l
	}
	headH := 0.0
	if head != nil {
		headH = t.height(head.n)
	}
	rows := make([]laid, len(t.rows))
	for i, r := range t.rows {
		rows[i] = d.layRow(&t, r, widths)
	}

	// The header starts a page with the whole first row (and the row after
	// a band), unless that row is so tall that it is better split.
	lh := t.lineHeight()
	split := int((contentBottom - contentTop) / 2 / lh) // lines of a row worth splitting
	first := t.height(min(rows[0].n, split))
	if rows[0].band && len(rows) > 1 {
		first += t.height(min(rows[1].n, split))
	}
	if t.whole {
		all := 0.0
		for _, r := range rows {
			all += t.height(r.n)
		}
		if headH+all <= (contentBottom-contentTop)*0.6 {
			first = all
		}
	}
	var caption []string
	if t.caption != "" {
		caption = d.wrap(t.caption, noteStyle, contentWidth)
	}
	captionH := float64(len(caption))*noteStyle.lineHeight() + boolf(len(caption) > 0)*1.5
	d.begin(captionH + headH + first)
	for _, l := range caption {
		d.text(marginX, d.y, contentWidth, l, noteStyle, "L")
		d.y += noteStyle.lineHeight()
	}
	d.y += boolf(len(caption) > 0) * 1.5

	var group *row // the band the current rows belong to
	top := true    // rows may be split: nothing below the header yet, or the first row, which begin made room for
	drawTop := func() {
		if head != nil {
			d.drawRow(&t, *head, widths, 0, head.n, true)
		}
		if group != nil {
			l := d.layBand(&t, *group, true)
			d.drawRow(&t, l, widths, 0, 1, false)
		}
		top = true
	}
	breakPage := func() {
		d.newPage()
		drawTop()
	}
	drawTop()
	for i, r := range rows {
		if r.band {
			group = &t.rows[i]
			// A band goes with the whole of its first row, unless that row
			// is better split.
			next := 0.0
			if i+1 < len(rows) && !rows[i+1].band {
				next = t.height(min(rows[i+1].n, split))
			}
			if !top && d.y+t.height(1)+next > contentBottom {
				group = nil
				breakPage()
				group = &t.rows[i]
			}
			d.drawRow(&t, r, widths, 0, 1, false)
			continue
		}
		for start := 0; start < r.n; {
			avail := int((contentBottom-d.y-2*cellPadY)/lh + 1e-6)
			rest := r.n - start
			if rest <= avail {
				d.drawRow(&t, r, widths, start, r.n, false)
				top = false
				break
			}
			fresh := int((contentBottom-contentTop-headH-t.height(boolInt(group != nil))-2*cellPadY)/lh + 1e-6)
			// Move a row to the next page if it fits there whole and is not
			// worth splitting; split it here otherwise, if a few lines fit.
			if !top && (rest <= min(fresh, split) || avail < 3) {
				breakPage()
				continue
			}
			avail = max(avail, 1) // a page always takes at least one line
			d.drawRow(&t, r, widths, start, start+avail, false)
			start += avail
			breakPage()
		}
	}
	d.gap(blockGap + 1)
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// drawRow draws lines [from, to) of a laid-out row at y and moves y below.
func (d *document) drawRow(t *table, r laid, widths []float64, from, to int, header bool) {
	lh := t.lineHeight()
	h := float64(to-from)*lh + 2*cellPadY
	switch {
	case header:
		d.fill(marginX, d.y, contentWidth, h, colShade)
	case r.band:
		d.fill(marginX, d.y, contentWidth, h, colBand)
	}
	if r.band {
		d.text(marginX+cellPadX, d.y+cellPadY, contentWidth-2*cellPadX, r.lines[0][0], r.styles[0], "L")
		d.text(marginX+cellPadX, d.y+cellPadY, contentWidth-2*cellPadX, r.lines[1][0], r.styles[1], "R")
	} else {
		x := marginX
		for i, lines := range r.lines {
			align := t.columns[i].align
			if align == "" {
				align = "L"
			}
			for k := from; k < to && k < len(lines); k++ {
				in := 0.0
				if i < len(r.indents) {
					in = r.indents[i]
				}
				d.text(x+cellPadX+in, d.y+cellPadY+float64(k-from)*lh, widths[i]-2*cellPadX-in, lines[k], r.styles[i], align)
			}
			x += widths[i]
		}
	}
	switch {
	case header:
		d.rule(d.y+h, colStrong, 0.3)
	case t.rules:
		d.rule(d.y+h, colRule, 0.15)
	}
	d.y += h
}

// A field is a label and its value.
type field struct {
	label string
	value cell
}

// fields draws labelled values in a grid: widths are the widths of its
// columns, label then value, as many pairs as go on a row (0 shares what
// the others leave).
func (d *document) fields(fs []field, widths []float64, rules bool) {
	t := table{style: tableStyle, rules: rules}
	t.style.size = 9
	ls := labelStyle
	ls.size = t.style.size
	for _, w := range widths {
		t.columns = append(t.columns, column{width: w})
	}
	perRow := len(widths) / 2
	for i := 0; i < len(fs); i += perRow {
		var r row
		for _, f := range fs[i:min(i+perRow, len(fs))] {
			v := f.value
			if v.style != nil && v.style.size != t.style.size {
				s := *v.style
				s.size = t.style.size
				v.style = &s
			}
			r.cells = append(r.cells, cell{f.label, &ls}, v)
		}
		t.rows = append(t.rows, r)
	}
	d.table(t)
}

// write draws what every page carries, now that the number of pages is
// known, and writes the document to w. Nothing is written when the document
// could not be made.
func (d *document) write(w io.Writer) error {
	n := d.pdf.PageCount()
	for i := 1; i <= n; i++ {
		d.pdf.SetPage(i)
		// The page's content ends in whatever font and colours it used
		// last, which fpdf no longer knows: set them afresh. (fpdf draws
		// text in the fill colour when the two are the same.)
		d.curValid = false
		d.pdf.SetFillColor(255, 255, 255)
		d.furniture(i, n)
	}
	d.pdf.SetPage(n)
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}

// isolated returns a line of parts joined by sep with each part isolated
// from the others for the bidirectional order (FSI ... PDI), so that, say,
// the date after an Arabic reference in the running header reads as a
// date. A line in the Latin faces alone needs nothing.
func (d *document) isolated(line, sep string) string {
	if d.simple(line) {
		return line
	}
	parts := strings.Split(line, sep)
	for i, p := range parts {
		parts[i] = string(fsi) + p + string(pdi)
	}
	return strings.Join(parts, sep)
}

// furniture draws the marking, the running header and the footer of a page.
func (d *document) furniture(page, pages int) {
	marking := d.oneLine(d.conf.Marking)
	// Top: the marking, then what the document is and what state it is in.
	d.text(marginX, 7.5, contentWidth, marking, markingStyle, "C")
	// On the right, what state the document is in: DRAFT in red, the kind
	// of copy in the accent colour.
	draft, copyMark := "", d.truncate(d.conf.Copy, runningStyle.bold(), contentWidth/3)
	if d.conf.Draft {
		draft = "DRAFT: NOT SIGNED OFF"
	}
	d.use(runningStyle.bold())
	cw := d.width(copyMark)
	dw := d.width(draft)
	right := cw + dw
	if draft != "" && copyMark != "" {
		right += 5
	}
	d.text(marginX, 13.6, contentWidth, copyMark, runningStyle.bold().in(colAccent), "R")
	d.text(marginX, 13.6, contentWidth-cw-boolf(copyMark != "")*5, draft, runningStyle.bold().in(colAlert), "R")
	left := d.isolated(d.truncate(d.conf.Running, runningStyle, contentWidth-right-6), " · ")
	d.text(marginX, 13.6, contentWidth, left, runningStyle, "L")
	d.rule(18.2, colRule, 0.2)

	// Bottom: when and by what it was exported, the page, the marking.
	d.rule(277.6, colRule, 0.2)
	pageNo := fmt.Sprintf("Page %d of %d", page, pages)
	d.use(runningStyle)
	pw := d.width(pageNo)
	exported := d.truncate(d.conf.Exported, runningStyle, contentWidth-pw-6)
	d.text(marginX, 279.2, contentWidth, exported, runningStyle, "L")
	d.text(marginX, 279.2, contentWidth, pageNo, runningStyle.bold().in(colText), "R")
	d.text(marginX, 285.4, contentWidth, marking, markingStyle, "C")
	if d.conf.Draft {
		d.draftMark()
	}
}

// headerRow is the table's header as a row, each title in the bold of the
// table's style.
func (t *table) headerRow() row {
	hr := row{cells: make([]cell, len(t.columns))}
	hs := t.style.bold()
	for i, c := range t.columns {
		hr.cells[i] = cell{c.title, &hs}
	}
	return hr
}
