package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"

	"strategyminutes/meeting"
)

// This file draws the report's figures with the PDF's own vector
// primitives: headline tiles, stacked and simple horizontal bars, and a line
// chart. Colour is never the only cue, so that a copy printed in greyscale
// still reads: segments differ in lightness or carry a hatch, and series
// differ in dash pattern and marker as well as colour. Every label passes
// through the font's cleaner and is truncated to its space, so that no
// value can make a chart fail or overlap.

// The charts' own colours; the states' and the agencies' are the report's
// (meeting.StatePaints, meeting.AgencyPaints), shared with the screen.
var (
	colOutline     = rgb{150, 158, 168}
	colGrid        = rgb{218, 223, 229}
	colAxis        = rgb{120, 128, 138}
	colTileBg      = rgb{244, 247, 250}
	colChartStrong = rgb{50, 56, 64}
)

// Styles of the charts' text.
var (
	chartLabel  = textStyle{"", 8, colText}
	chartStrong = textStyle{"B", 8, colText}
	chartSmall  = textStyle{"", 7, colMuted}
	chartValue  = textStyle{"B", 8, colChartStrong}
	legendStyle = textStyle{"", 7.5, colText}
)

// A fillKind is how a bar segment or swatch is painted.
type fillKind int

const (
	fillSolid   fillKind = iota
	fillHatched          // solid, with white diagonal lines
	fillOutline          // pale, with a grey outline
)

// A paint is a fill colour and kind.
type paint struct {
	color rgb
	kind  fillKind
}

// paintRect paints a rectangle.
func (d *document) paintRect(x, y, w, h float64, p paint) {
	if w <= 0 || h <= 0 {
		return
	}
	d.fill(x, y, w, h, p.color)
	switch p.kind {
	case fillHatched:
		d.hatch(x, y, w, h, rgb{255, 255, 255})
	case fillOutline:
		d.pdf.SetDrawColor(colOutline.r, colOutline.g, colOutline.b)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Rect(x, y, w, h, "D")
	}
}

// hatch draws diagonal lines across a rectangle, clipped to it. Nothing but
// lines is drawn inside the clip: the clip's graphics state is restored
// after it, and fpdf would not know a font or text colour set within.
func (d *document) hatch(x, y, w, h float64, c rgb) {
	const step = 1.3
	p := d.pdf
	p.ClipRect(x, y, w, h, false)
	p.SetDrawColor(c.r, c.g, c.b)
	p.SetLineWidth(0.32)
	for s := -h; s < w; s += step {
		p.Line(x+s, y+h, x+s+h, y)
	}
	p.ClipEnd()
}

// A lineStyle is how a series is stroked and marked.
type lineStyle struct {
	color  rgb
	dash   []float64 // nil: solid
	marker markerKind
}

type markerKind int

const (
	markCircle markerKind = iota
	markSquare
	markTriangle
	markDiamond
)

// stroke sets the pen for a series; plain restores the solid pen that the
// rest of the document (and the page furniture drawn last) expects.
func (d *document) stroke(s lineStyle, width float64) {
	p := d.pdf
	p.SetDrawColor(s.color.r, s.color.g, s.color.b)
	p.SetLineWidth(width)
	p.SetLineJoinStyle("round")
	if s.dash != nil {
		p.SetLineCapStyle("round") // makes the short dashes dots
		p.SetDashPattern(s.dash, 0)
	}
}

func (d *document) plain() {
	p := d.pdf
	p.SetDashPattern([]float64{}, 0)
	p.SetLineCapStyle("butt")
	p.SetLineJoinStyle("miter")
}

// marker draws a filled marker of about size millimetres centred on x, y,
// with a thin white edge so that it stands out where lines cross.
func (d *document) marker(k markerKind, x, y, size float64, c rgb) {
	p := d.pdf
	p.SetFillColor(c.r, c.g, c.b)
	p.SetDrawColor(255, 255, 255)
	p.SetLineWidth(0.2)
	r := size / 2
	switch k {
	case markSquare:
		r *= 0.88
		p.Rect(x-r, y-r, 2*r, 2*r, "FD")
	case markTriangle:
		r *= 1.2
		p.Polygon([]fpdf.PointType{{X: x, Y: y - r}, {X: x + r*0.95, Y: y + r*0.7}, {X: x - r*0.95, Y: y + r*0.7}}, "FD")
	case markDiamond:
		r *= 1.2
		p.Polygon([]fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}, "FD")
	default:
		p.Circle(x, y, r, "FD")
	}
}

// label draws one line of text cleaned and truncated to width, its top at y.
func (d *document) label(x, y, w float64, s string, st textStyle, align string) {
	d.text(x, y, w, d.truncate(s, st, w), st, align)
}

// textWidth is the width of s, cleaned, in style st.
func (d *document) textWidth(s string, st textStyle) float64 {
	d.use(st)
	return d.width(d.oneLine(s))
}

// middle returns the top of a line of style st centred on y.
func middle(y float64, st textStyle) float64 { return y - st.lineHeight()/2 }

// A legendItem is a swatch (or a line sample) and its name.
type legendItem struct {
	name  string
	paint paint
	line  *lineStyle // a line sample instead of a swatch
}

// legendHeight is the height of a one-line legend.
const legendHeight = 5.0

// legend draws items in one row from x, wrapping to a second row when they
// do not fit in w, and returns the height used.
func (d *document) legend(x, y, w float64, items []legendItem) float64 {
	const swatch, gap = 3.0, 5.0
	cx, cy := x, y
	for _, it := range items {
		sample := swatch
		if it.line != nil {
			sample = 8
		}
		name := d.truncate(it.name, legendStyle, w-sample-1.5)
		iw := sample + 1.5 + d.textWidth(name, legendStyle)
		if cx > x && cx+iw > x+w {
			cx, cy = x, cy+legendHeight
		}
		mid := cy + legendHeight/2
		if it.line != nil {
			d.stroke(*it.line, 0.5)
			d.pdf.Line(cx, mid, cx+sample, mid)
			d.plain()
			d.marker(it.line.marker, cx+sample/2, mid, 1.9, it.line.color)
		} else {
			d.paintRect(cx, mid-swatch/2, swatch, swatch, it.paint)
		}
		d.text(cx+sample+1.5, middle(mid, legendStyle), iw, name, legendStyle, "L")
		cx += iw + gap
	}
	return cy + legendHeight - y
}

// legendRows says how many rows legend needs for items in width w.
func (d *document) legendRows(w float64, items []legendItem) int {
	rows, cx := 1, 0.0
	for _, it := range items {
		sample := 3.0
		if it.line != nil {
			sample = 8
		}
		iw := sample + 1.5 + d.textWidth(d.truncate(it.name, legendStyle, w-sample-1.5), legendStyle)
		if cx > 0 && cx+iw > w {
			rows, cx = rows+1, 0
		}
		cx += iw + 5
	}
	return rows
}

// A tile is a headline figure: what it is, the figure, and what it is of.
type tile struct {
	label  string
	value  string
	detail string
	alert  bool   // a red bar: a figure to drive to zero
	was    string // the previous period's figure and the change, when compared
}

var (
	tileLabel  = textStyle{"B", 8.5, colMuted}
	tileValue  = textStyle{"B", 26, colAccent}
	tileDetail = textStyle{"", 8, colMuted}
	tileWas    = textStyle{"I", 8, colMuted}
)

const (
	tileGap = 4.0
	tilePad = 3.6
	tileBar = 1.2
)

// tiles draws headline figures in a grid, perRow to a row, every tile of
// the grid the same height so that their figures line up.
func (d *document) tiles(ts []tile, perRow int) {
	if len(ts) == 0 {
		return
	}
	w := (contentWidth - float64(perRow-1)*tileGap) / float64(perRow)
	inner := w - 2*tilePad - tileBar
	valueH := tileValue.size * ptToMM * 1.25
	// Every tile is as tall as the tallest, so that the figures line up
	// down the grid as well as across it.
	type laidTile struct{ label, detail, was []string }
	laid := make([]laidTile, len(ts))
	labelN, detailN, wasN := 1, 1, 0
	for i, t := range ts {
		laid[i] = laidTile{d.wrap(t.label, tileLabel, inner), d.wrap(t.detail, tileDetail, inner), nil}
		if t.was != "" {
			laid[i].was = d.wrap(t.was, tileWas, inner)
		}
		labelN, detailN, wasN = max(labelN, len(laid[i].label)), max(detailN, len(laid[i].detail)), max(wasN, len(laid[i].was))
	}
	h := tilePad + float64(labelN)*tileLabel.lineHeight() + 0.6 + valueH + 0.4 +
		float64(detailN)*tileDetail.lineHeight() + tilePad
	if wasN > 0 {
		h += 0.8 + float64(wasN)*tileWas.lineHeight()
	}
	for start := 0; start < len(ts); start += perRow {
		row := ts[start:min(start+perRow, len(ts))]
		if start > 0 {
			d.y += tileGap
		}
		d.begin(h)
		for c, t := range row {
			l := laid[start+c]
			x := marginX + float64(c)*(w+tileGap)
			d.fill(x, d.y, w, h, colTileBg)
			bar := colAccent
			if t.alert {
				bar = colAlert
			}
			d.fill(x, d.y, tileBar, h, bar)
			tx := x + tileBar + tilePad
			y := d.y + tilePad
			for _, s := range l.label {
				d.text(tx, y, inner, s, tileLabel, "L")
				y += tileLabel.lineHeight()
			}
			y = d.y + tilePad + float64(labelN)*tileLabel.lineHeight() + 0.6
			d.text(tx, y, inner, d.truncate(t.value, tileValue, inner), tileValue, "L")
			y += valueH + 0.4
			for _, s := range l.detail {
				d.text(tx, y, inner, s, tileDetail, "L")
				y += tileDetail.lineHeight()
			}
			y = d.y + h - tilePad - float64(wasN)*tileWas.lineHeight()
			for _, s := range l.was {
				d.text(tx, y, inner, s, tileWas, "L")
				y += tileWas.lineHeight()
			}
		}
		d.y += h
	}
	d.gap(blockGap + 2)
}

// bullets draws a titled, shaded list with hanging indents, kept on one page.
func (d *document) bullets(title string, items []string) {
	const pad, barW, indent, between = 4.0, 1.2, 4.6, 2.2
	head := bodyStyle.bold().in(colAccent)
	head.size = 11.5
	body := bodyStyle
	body.size = 10.5
	inner := contentWidth - 2*pad - barW
	var lines [][]string
	h := 2*pad + head.lineHeight() + 1.5 - between
	for _, it := range items {
		ls := d.wrap(it, body, inner-indent)
		lines = append(lines, ls)
		h += float64(len(ls))*body.lineHeight() + between
	}
	d.begin(h)
	d.fill(marginX, d.y, contentWidth, h, colBand)
	d.fill(marginX, d.y, barW, h, colAccent)
	x := marginX + barW + pad
	y := d.y + pad
	d.text(x, y, inner, d.truncate(title, head, inner), head, "L")
	y += head.lineHeight() + 1.5
	for _, ls := range lines {
		d.pdf.SetFillColor(colAccent.r, colAccent.g, colAccent.b)
		d.pdf.Circle(x+1.3, y+body.lineHeight()/2, 0.7, "F")
		for _, l := range ls {
			d.text(x+indent, y, inner-indent, l, body, "L")
			y += body.lineHeight()
		}
		y += between
	}
	d.y += h
	d.gap(blockGap + 1)
}

// clamp01 keeps a rate that may come from a file between 0 and 1; NaN is 0.
func clamp01(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Min(1, math.Max(0, v))
}

// A figure is a chart laid out: its height, and how to draw it with its
// top at y.
type figure struct {
	h    float64
	draw func(y float64)
}

// figure draws a chart with its caption and the pending heading, all on
// one page: a chart is never split.
func (d *document) figure(caption string, f figure) {
	var lines []string
	if caption != "" {
		lines = d.wrap(caption, noteStyle, contentWidth)
	}
	captionH := float64(len(lines)) * noteStyle.lineHeight()
	if len(lines) > 0 {
		captionH += 2
	}
	if captionH+f.h > contentBottom-contentTop-headingBefore-headingStyle.lineHeight()-headingAfter {
		// Only a report with far more rows than any vocabulary has gets
		// here: say so rather than draw over the footer.
		d.paragraph("This chart has too many rows to draw on a page: its figures are in the tables below.", noteStyle)
		return
	}
	d.begin(captionH + f.h)
	for _, l := range lines {
		d.text(marginX, d.y, contentWidth, l, noteStyle, "L")
		d.y += noteStyle.lineHeight()
	}
	if len(lines) > 0 {
		d.y += 2
	}
	f.draw(d.y)
	d.plain()
	d.y += f.h
	d.gap(blockGap + 3)
}

// A stackedRow is one bar of a stacked bar chart.
type stackedRow struct {
	label  string
	strong bool // a row to pick out (a statutory partner)
	values []int
	note   string // at the bar's end
}

// labelColumn is the width of a chart's label column for labels in styles.
func (d *document) labelColumn(labels []string, strong []bool, lo, hi float64) float64 {
	w := lo
	for i, l := range labels {
		st := chartLabel
		if i < len(strong) && strong[i] {
			st = chartStrong
		}
		w = max(w, d.textWidth(l, st)+3)
	}
	return min(w, hi)
}

// stackedBars lays out one 100% bar per row, its segments in proportion to
// its values (painted as segs, which is also the legend), with a scale of
// percentages under it and each row's note at its end under noteTitle.
func (d *document) stackedBars(segs []legendItem, noteTitle string, rows []stackedRow) figure {
	const barH, pitch, axisH = 4.4, 6.3, 5.5
	labels := make([]string, len(rows))
	strong := make([]bool, len(rows))
	noteW := d.textWidth(noteTitle, chartSmall.bold()) + 2
	for i, r := range rows {
		labels[i], strong[i] = r.label, r.strong
		noteW = max(noteW, d.textWidth(r.note, chartValue)+3)
	}
	noteW = min(noteW, 30)
	labelW := d.labelColumn(labels, strong, 24, 62)
	bx, bw := marginX+labelW, contentWidth-labelW-noteW
	legendW := contentWidth - noteW
	top := float64(d.legendRows(legendW, segs))*legendHeight + 2.5
	body := float64(len(rows)) * pitch
	return figure{h: top + body + axisH, draw: func(y0 float64) {
		d.legend(marginX, y0, legendW, segs)
		d.label(bx+bw, y0+top-legendHeight-0.6+(legendHeight-chartSmall.lineHeight())/2, noteW, noteTitle, chartSmall.bold(), "R")
		y := y0 + top
		// The scale's lines, behind the bars: they show between them.
		d.pdf.SetDrawColor(colGrid.r, colGrid.g, colGrid.b)
		d.pdf.SetLineWidth(0.2)
		for i := range 5 {
			x := bx + bw*float64(i)/4
			d.pdf.Line(x, y-1, x, y+body-(pitch-barH)+1)
		}
		for i, r := range rows {
			by := y + float64(i)*pitch
			mid := by + barH/2
			st := chartLabel
			if r.strong {
				st = chartStrong
			}
			d.label(marginX, middle(mid, st), labelW-2, r.label, st, "L")
			total := 0
			for _, v := range r.values {
				total += max(v, 0)
			}
			if total == 0 {
				d.paintRect(bx, by, bw, barH, statePaint(meeting.StateNotInvited))
			} else {
				x := bx
				for k, v := range r.values {
					if v <= 0 || k >= len(segs) {
						continue
					}
					w := bw * float64(v) / float64(total)
					d.paintRect(x, by, w, barH, segs[k].paint)
					x += w
				}
			}
			d.label(bx+bw, middle(mid, chartValue), noteW, r.note, chartValue, "R")
		}
		ay := y + body - (pitch - barH) + 1.2
		for i := range 5 {
			x := bx + bw*float64(i)/4
			s := []string{"0%", "25%", "50%", "75%", "100%"}[i]
			w := d.textWidth(s, chartSmall)
			d.text(x-w/2-0.5, ay, w+1, s, chartSmall, "C")
		}
	}}
}

// A series is one line of a line chart; NaN values are gaps.
type series struct {
	name   string
	style  lineStyle
	values []float64 // from 0 to 1
}

// A timeAxis is the points along a line chart's bottom: each one's label,
// its place in a regular count (months or years since year 0, quarters
// since the first),
// so that the labels shown fall on round points when not every point has
// room, the steps to try between labels, and each point's meetings.
type timeAxis struct {
	labels []string
	abs    []int
	every  []int // a label every k points, tried in order; then the last added on
	counts []int
}

// trendAxis is the axis of the chart over time: months ("Jan 26"),
// quarters ("Jan–Mar 26") or years ("2026").
func trendAxis(c meeting.TrendChart) timeAxis {
	a := timeAxis{labels: make([]string, len(c.Points)), abs: make([]int, len(c.Points)), counts: make([]int, len(c.Points))}
	a.every = map[meeting.PeriodStep][]int{meeting.StepMonth: {1, 2, 3, 4, 6, 12}, meeting.StepQuarter: {1, 2, 4},
		meeting.StepYear: {1, 2, 5, 10}}[c.Step]
	for i, p := range c.Points {
		a.labels[i], a.abs[i], a.counts[i] = p.Label, i, p.Meetings
		if t, ok := parseMonth(p.Key[:min(len(p.Key), 7)]); ok {
			switch c.Step {
			case meeting.StepMonth:
				a.labels[i], a.abs[i] = t.Format("Jan 06"), t.Year()*12+int(t.Month())-1
			case meeting.StepQuarter:
				// Labels from the period's first quarter on: a financial
				// year's Aprils, a calendar year's Januaries.
				a.labels[i] = p.Short + " " + t.Format("06")
			case meeting.StepYear:
				a.labels[i], a.abs[i] = t.Format("2006"), t.Year()
			}
		}
	}
	return a
}

// lineChart lays out series of rates (0 to 1) along a time axis, the
// meetings of each point written under it when there is room. A NaN value
// is a gap in its line.
func (d *document) lineChart(axis timeAxis, ss []series) figure {
	const plotH, tickLen = 56.0, 1.2
	months, counts := axis.labels, axis.counts
	n := max(len(months), 1)
	yAxisW := max(d.textWidth("100%", chartSmall), d.textWidth("Meetings", chartSmall)) + 2.5
	x0, x1 := marginX+yAxisW, marginX+contentWidth-1
	slot := (x1 - x0) / float64(n)
	xAt := func(i int) float64 { return x0 + slot*(float64(i)+0.5) }

	labels, abs := axis.labels, axis.abs
	labelW := d.textWidth("May 25", chartSmall)
	for _, l := range labels {
		labelW = max(labelW, d.textWidth(l, chartSmall))
	}
	labelW = min(labelW, 18)
	steps := axis.every
	if len(steps) == 0 {
		steps = []int{1}
	}
	every := 1
	for _, k := range steps {
		every = k
		if slot*float64(k) >= labelW+1.5 {
			break
		}
	}
	for slot*float64(every) < labelW+1.5 {
		every += steps[len(steps)-1]
	}
	showCounts := every == 1 && len(counts) == len(months)
	legend := make([]legendItem, len(ss))
	for i, s := range ss {
		legend[i] = legendItem{name: s.name, line: &ss[i].style}
	}
	top := float64(d.legendRows(contentWidth-yAxisW, legend))*legendHeight + 3
	bottom := tickLen + chartSmall.lineHeight() + 0.5
	if showCounts {
		bottom += chartSmall.lineHeight() + 0.3
	}
	markEvery := max(1, int(math.Ceil(2.6/slot)))
	return figure{h: top + plotH + bottom, draw: func(y0 float64) {
		d.legend(x0, y0, contentWidth-yAxisW, legend)
		py := y0 + top // top of the plot
		yAt := func(v float64) float64 { return py + plotH*(1-clamp01(v)) }
		p := d.pdf
		for i := range 5 {
			v := float64(i) / 4
			c, w := colGrid, 0.2
			if i == 0 {
				c, w = colAxis, 0.3
			}
			p.SetDrawColor(c.r, c.g, c.b)
			p.SetLineWidth(w)
			p.Line(x0, yAt(v), x1, yAt(v))
			s := []string{"0%", "25%", "50%", "75%", "100%"}[i]
			d.text(marginX, middle(yAt(v), chartSmall), yAxisW-1.5, s, chartSmall, "R")
		}
		// Month ticks and labels, on round months when not every month has room.
		p.SetDrawColor(colAxis.r, colAxis.g, colAxis.b)
		p.SetLineWidth(0.2)
		ly := py + plotH + tickLen + 0.3
		lastRight := math.Inf(-1) // where the last label drawn ends
		for i := range months {
			x := xAt(i)
			lw := min(slot*float64(every), labelW+1.5)
			// A month the report misspells breaks the rhythm: never let
			// two labels overlap.
			if abs[i]%every == 0 && x-lw/2 >= lastRight {
				p.Line(x, py+plotH, x, py+plotH+tickLen)
				d.label(x-lw/2, ly, lw, labels[i], chartSmall, "C")
				lastRight = x + lw/2
			}
			if showCounts {
				d.label(x-slot/2, ly+chartSmall.lineHeight()+0.3, slot, meeting.Count(counts[i]), chartSmall, "C")
			}
		}
		if showCounts {
			d.text(marginX, ly+chartSmall.lineHeight()+0.3, yAxisW-1.5, "Meetings", chartSmall, "R")
		}
		for _, s := range ss {
			d.stroke(s.style, 0.55)
			run := 0 // points in the current stretch without a gap
			for i := range months {
				v := math.NaN()
				if i < len(s.values) {
					v = s.values[i]
				}
				if math.IsNaN(v) || math.IsInf(v, 0) {
					if run > 1 {
						p.DrawPath("D")
					}
					run = 0
					continue
				}
				if run == 0 {
					p.MoveTo(xAt(i), yAt(v))
				} else {
					p.LineTo(xAt(i), yAt(v))
				}
				run++
			}
			if run > 1 {
				p.DrawPath("D")
			}
			d.plain()
			// Markers on every point when there is room, else on some;
			// always on a point alone between gaps, which has no line.
			for i := range months {
				if i >= len(s.values) || !finite(s.values[i]) {
					continue
				}
				alone := (i == 0 || !finite(at(s.values, i-1))) && (i == len(months)-1 || !finite(at(s.values, i+1)))
				if i%markEvery == 0 || alone {
					d.marker(s.style.marker, xAt(i), yAt(s.values[i]), min(2.0, max(1.3, slot*0.55)), s.style.color)
				}
			}
		}
	}}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func at(vs []float64, i int) float64 {
	if i < 0 || i >= len(vs) {
		return math.NaN()
	}
	return vs[i]
}

// A barRow is one bar of a simple bar chart.
type barRow struct {
	label string
	value int
	note  string
	paint paint
}

// bars lays out one horizontal bar per row, scaled to the largest value,
// each with its note after it.
func (d *document) bars(rows []barRow, legend []legendItem) figure {
	const barH, pitch = 4.4, 6.3
	labels := make([]string, len(rows))
	noteW := 0.0
	top := 0.0
	if len(legend) > 0 {
		top = float64(d.legendRows(contentWidth, legend))*legendHeight + 2.5
	}
	largest := 1
	for i, r := range rows {
		labels[i] = r.label
		noteW = max(noteW, d.textWidth(r.note, chartValue)+3)
		largest = max(largest, r.value)
	}
	noteW = min(noteW, 40)
	labelW := d.labelColumn(labels, nil, 24, 70)
	bx, bw := marginX+labelW, contentWidth-labelW-noteW
	return figure{h: top + float64(len(rows))*pitch - (pitch - barH), draw: func(y0 float64) {
		if len(legend) > 0 {
			d.legend(bx, y0, contentWidth-labelW, legend)
		}
		for i, r := range rows {
			by := y0 + top + float64(i)*pitch
			mid := by + barH/2
			d.label(marginX, middle(mid, chartLabel), labelW-2, r.label, chartLabel, "L")
			w := bw * float64(max(r.value, 0)) / float64(largest)
			d.paintRect(bx, by, w, barH, r.paint)
			d.pdf.SetDrawColor(colAxis.r, colAxis.g, colAxis.b)
			d.pdf.SetLineWidth(0.3)
			d.pdf.Line(bx, by-0.8, bx, by+barH+0.8)
			d.label(bx+w+1.5, middle(mid, chartValue), noteW, r.note, chartValue, "L")
		}
	}}
}
