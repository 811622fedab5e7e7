package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategyminutes/meeting"
)

// The charts are drawn with Fyne's canvas primitives so that they follow the
// theme and scale with the window, without a charting library. Each chart is
// a widget whose renderer draws everything again on Layout and Refresh:
// Fyne refreshes every widget when the theme changes, so the colours follow
// the light or dark theme. Colour is never the only cue: segments and points
// carry their values or a distinct marker, and legends name every colour.

// drawnRenderer is the renderer of a widget that draws itself from its
// size: draw returns the canvas objects for a size, min the smallest size.
type drawnRenderer struct {
	w       fyne.Widget
	draw    func(fyne.Size) []fyne.CanvasObject
	min     func() fyne.Size
	size    fyne.Size
	objects []fyne.CanvasObject
}

func (r *drawnRenderer) Layout(s fyne.Size) {
	r.size = s
	r.objects = r.draw(s)
}

func (r *drawnRenderer) MinSize() fyne.Size { return r.min() }

func (r *drawnRenderer) Refresh() {
	r.objects = r.draw(r.size)
	canvas.Refresh(r.w)
}

func (r *drawnRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *drawnRenderer) Destroy()                     {}

// isDark reports whether w is drawn on a dark background (darker than
// mid grey), to pick the lighter variant of the chart colours there.
func isDark(w fyne.Widget) bool {
	return luminance(theme.ColorForWidget(theme.ColorNameBackground, w)) < luminance(color.Gray{Y: 0x80})
}

// textOn returns black or white, whichever reads better on fill.
func textOn(fill color.Color) color.Color {
	if contrast(color.Black, fill) > contrast(color.White, fill) {
		return color.Black
	}
	return color.White
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// paintColour is a chart colour of the report (meeting.StatePaints,
// meeting.AgencyPaints, shared with the PDF) for w's theme: the lighter
// variant on a dark background.
func paintColour(w fyne.Widget, p meeting.Paint) color.NRGBA {
	c := p.Light
	if isDark(w) {
		c = p.Dark
	}
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
}

// segmentStyle is how segment i of a stacked bar is filled: an outline
// paint ("not invited") is filled with the background, so that the scale's
// lines stop at it, and outlined.
func segmentStyle(c *barChart, i int) (fill, stroke color.Color) {
	if i >= len(c.paints) || c.paints[i].Outline {
		return theme.ColorForWidget(theme.ColorNameBackground, c), theme.ColorForWidget(theme.ColorNamePlaceHolder, c)
	}
	return paintColour(c, c.paints[i]), nil
}

func seriesColor(c *lineChart, i int) color.Color {
	return paintColour(c, c.series[i%len(c.series)].paint)
}

// chartText returns a text object of the given size placed with its top
// left corner at pos.
func chartText(s string, c color.Color, size float32, bold bool, pos fyne.Position) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle.Bold = bold
	t.Move(pos)
	t.Resize(fyne.MeasureText(s, size, t.TextStyle))
	return t
}

func textWidth(s string, size float32) float32 {
	return fyne.MeasureText(s, size, fyne.TextStyle{}).Width
}

func textHeight(size float32) float32 { return fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height }

// legendItem is one entry of a chart's legend: a swatch or marker, and a name.
type legendItem struct {
	name   string
	swatch func(x, y, size float32) []fyne.CanvasObject
}

// drawLegend lays the items out in a row from (x, y) and returns the
// objects and the row's height.
func drawLegend(items []legendItem, x, y float32, fg color.Color, size float32) ([]fyne.CanvasObject, float32) {
	var out []fyne.CanvasObject
	h := textHeight(size)
	sw := size * 0.9
	for _, it := range items {
		out = append(out, it.swatch(x, y+(h-sw)/2, sw)...)
		x += sw + 8
		out = append(out, chartText(it.name, fg, size, false, fyne.NewPos(x, y)))
		x += textWidth(it.name, size) + 20
	}
	return out, h
}

func legendWidth(items []legendItem, size float32) float32 {
	w := float32(0)
	for _, it := range items {
		w += size*0.9 + 8 + textWidth(it.name, size) + 20
	}
	return w
}

// A barRow is one bar of a stacked bar chart.
type barRow struct {
	label  string
	values []int  // one per segment, left to right
	note   string // written after the bar, such as the attended share
}

// barChart is a horizontal stacked bar chart: one bar per row, its
// segments' widths proportional to the values, each segment labelled with
// its value when it fits, and a legend of the segments above.
type barChart struct {
	widget.BaseWidget
	segments []string        // segment names, left to right
	paints   []meeting.Paint // their colours
	noteHead string          // heading of the notes' column
	rows     []barRow
}

func newBarChart(segments []string, paints []meeting.Paint, noteHead string, rows []barRow) *barChart {
	c := &barChart{segments: segments, paints: paints, noteHead: noteHead, rows: rows}
	c.ExtendBaseWidget(c)
	return c
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	return &drawnRenderer{w: c, draw: c.draw, min: c.minSize}
}

// barGeometry is where a bar chart puts its parts for a size.
type barGeometry struct {
	text, small        float32 // text sizes
	legendH            float32 // the legend's row, above the bars
	labelW             float32 // the row labels' column
	barX, barW         float32 // the bars' extent
	noteX, noteW       float32 // the notes' column, after the bars
	rowH, barH, firstY float32
	axisY              float32 // top of the scale's labels, under the bars
	bars               [][]barSpan
}

// A barSpan is one segment of a bar: its left edge and width.
type barSpan struct{ X, W float32 }

const barGap = 10 // between the label, the bar and the note

func (c *barChart) geometry(size fyne.Size) barGeometry {
	g := barGeometry{text: theme.SizeForWidget(theme.SizeNameText, c), small: theme.SizeForWidget(theme.SizeNameCaptionText, c)}
	g.legendH = textHeight(g.text) + 12
	for _, r := range c.rows {
		g.labelW = max(g.labelW, textWidth(r.label, g.text))
		g.noteW = max(g.noteW, textWidth(r.note, g.text))
	}
	g.noteW = max(g.noteW, textWidth(c.noteHead, g.small))
	g.rowH = textHeight(g.text) + 10
	g.barH = g.rowH - 6
	g.firstY = g.legendH + textHeight(g.small) + 2
	g.barX = g.labelW + barGap
	g.barW = max(size.Width-g.barX-barGap-g.noteW, 40)
	g.noteX = g.barX + g.barW + barGap
	g.axisY = g.firstY + float32(len(c.rows))*g.rowH + 2
	for _, r := range c.rows {
		total := 0
		for _, v := range r.values {
			total += v
		}
		spans := make([]barSpan, len(r.values))
		cum := 0
		for i, v := range r.values {
			// From the running total, so that rounding never leaves a gap.
			x0 := g.barX + g.barW*ratio(cum, total)
			cum += v
			spans[i] = barSpan{x0, g.barX + g.barW*ratio(cum, total) - x0}
		}
		g.bars = append(g.bars, spans)
	}
	return g
}

func ratio(n, of int) float32 {
	if of == 0 {
		return 0
	}
	return float32(n) / float32(of)
}

func (c *barChart) legend() []legendItem {
	var items []legendItem
	for i, name := range c.segments {
		fill, stroke := segmentStyle(c, i)
		items = append(items, legendItem{name, func(x, y, s float32) []fyne.CanvasObject {
			r := &canvas.Rectangle{FillColor: fill, StrokeColor: stroke, StrokeWidth: 1.5}
			r.Move(fyne.NewPos(x, y))
			r.Resize(fyne.NewSquareSize(s))
			return []fyne.CanvasObject{r}
		}})
	}
	return items
}

func (c *barChart) minSize() fyne.Size {
	g := c.geometry(fyne.NewSize(0, 0))
	w := max(g.labelW+barGap+240+barGap+g.noteW, legendWidth(c.legend(), g.text))
	return fyne.NewSize(w, g.axisY+textHeight(g.small)+4)
}

func (c *barChart) draw(size fyne.Size) []fyne.CanvasObject {
	g := c.geometry(size)
	fg := theme.ColorForWidget(theme.ColorNameForeground, c)
	grid := theme.ColorForWidget(theme.ColorNameDisabled, c)
	out, _ := drawLegend(c.legend(), 0, 0, fg, g.text)
	if c.noteHead != "" {
		out = append(out, chartText(c.noteHead, fg, g.small, true,
			fyne.NewPos(g.noteX+g.noteW-textWidth(c.noteHead, g.small), g.legendH)))
	}
	// A scale of shares of meetings, behind the bars.
	for _, q := range []int{0, 25, 50, 75, 100} {
		x := g.barX + g.barW*float32(q)/100
		line := canvas.NewLine(grid)
		line.StrokeWidth = 1
		line.Position1, line.Position2 = fyne.NewPos(x, g.firstY-2), fyne.NewPos(x, g.axisY)
		label := fmt.Sprintf("%d%%", q)
		lx := min(max(x-textWidth(label, g.small)/2, g.barX), g.barX+g.barW-textWidth(label, g.small))
		out = append(out, line, chartText(label, fg, g.small, false, fyne.NewPos(lx, g.axisY+2)))
	}
	th := textHeight(g.text)
	for i, r := range c.rows {
		y := g.firstY + float32(i)*g.rowH
		out = append(out, chartText(r.label, fg, g.text, false, fyne.NewPos(0, y+(g.rowH-th)/2)))
		for j, span := range g.bars[i] {
			if span.W <= 0 {
				continue
			}
			fill, stroke := segmentStyle(c, j)
			rect := &canvas.Rectangle{FillColor: fill, StrokeColor: stroke}
			if stroke != nil {
				rect.StrokeWidth = 1.5
			}
			rect.Move(fyne.NewPos(span.X, y+(g.rowH-g.barH)/2))
			rect.Resize(fyne.NewSize(span.W, g.barH))
			out = append(out, rect)
			value := fmt.Sprint(r.values[j])
			if w := textWidth(value, g.small); w+6 <= span.W {
				tc := textOn(fill)
				if stroke != nil {
					tc = fg
				}
				out = append(out, chartText(value, tc, g.small, false,
					fyne.NewPos(span.X+(span.W-w)/2, y+(g.rowH-textHeight(g.small))/2)))
			}
		}
		out = append(out, chartText(r.note, fg, g.text, false, fyne.NewPos(g.noteX+g.noteW-textWidth(r.note, g.text), y+(g.rowH-th)/2)))
	}
	return out
}

// A lineSeries is one line of a line chart: a value from 0 to 1 for every
// point, or NaN where there is nothing to show (a month without meetings).
type lineSeries struct {
	name   string
	paint  meeting.Paint
	values []float64
}

// lineChart draws shares (0 to 100%) over the months: one line per series,
// with a distinct marker per series, the last value written at the end of
// each line, the months and their meetings under the axis.
type lineChart struct {
	widget.BaseWidget
	labels []string // one per point, such as "Apr"
	groups []string // one per point, such as "2025": written with the first label shown of each
	counts []int    // meetings per point, written under the labels
	series []lineSeries
}

func newLineChart(labels, groups []string, counts []int, series []lineSeries) *lineChart {
	c := &lineChart{labels: labels, groups: groups, counts: counts, series: series}
	c.ExtendBaseWidget(c)
	return c
}

func (c *lineChart) CreateRenderer() fyne.WidgetRenderer {
	return &drawnRenderer{w: c, draw: c.draw, min: c.minSize}
}

// marker draws series i's marker centred on p: a filled circle, a filled
// square, a ring, a hollow square, so that the lines differ in shape too.
func (c *lineChart) marker(i int, p fyne.Position, s float32) fyne.CanvasObject {
	col := seriesColor(c, i)
	bg := theme.ColorForWidget(theme.ColorNameBackground, c)
	pos, size := p.SubtractXY(s/2, s/2), fyne.NewSquareSize(s)
	var o fyne.CanvasObject
	switch i % 4 {
	case 0:
		o = &canvas.Circle{FillColor: col}
	case 1:
		o = &canvas.Rectangle{FillColor: col}
	case 2:
		o = &canvas.Circle{FillColor: bg, StrokeColor: col, StrokeWidth: 2}
	default:
		o = &canvas.Rectangle{FillColor: bg, StrokeColor: col, StrokeWidth: 2}
	}
	o.Move(pos)
	o.Resize(size)
	return o
}

func (c *lineChart) legend() []legendItem {
	var items []legendItem
	for i, s := range c.series {
		items = append(items, legendItem{s.name, func(x, y, size float32) []fyne.CanvasObject {
			line := canvas.NewLine(seriesColor(c, i))
			line.StrokeWidth = 2
			line.Position1, line.Position2 = fyne.NewPos(x-2, y+size/2), fyne.NewPos(x+size+2, y+size/2)
			return []fyne.CanvasObject{line, c.marker(i, fyne.NewPos(x+size/2, y+size/2), size*0.75)}
		}})
	}
	return items
}

// lineGeometry is where a line chart puts its parts for a size.
type lineGeometry struct {
	text, small      float32
	plotX, plotY     float32 // top left of the plotting area
	plotW, plotH     float32
	slot             float32 // width given to each point
	labelEvery       int     // write every nth point's label
	monthsY, countsY float32
	endLabelW        float32           // kept free at the right for the last values
	points           [][]fyne.Position // per series, per point; NaN values are skipped when drawn
}

func (c *lineChart) geometry(size fyne.Size) lineGeometry {
	g := lineGeometry{text: theme.SizeForWidget(theme.SizeNameText, c), small: theme.SizeForWidget(theme.SizeNameCaptionText, c)}
	th, sh := textHeight(g.text), textHeight(g.small)
	axisW := max(textWidth("100%", g.small), textWidth("Meetings", g.small)) + 8
	g.endLabelW = textWidth("100%", g.small) + 12
	g.plotX = axisW
	g.plotY = th + 12 + sh/2
	g.plotW = max(size.Width-g.plotX-g.endLabelW, 60)
	g.monthsY = size.Height - 2*sh - 6
	g.countsY = g.monthsY + sh + 2
	g.plotH = max(g.monthsY-6-g.plotY, 40)
	n := len(c.labels)
	if n > 0 {
		g.slot = g.plotW / float32(n)
	}
	widest := float32(0)
	for i := range c.labels {
		widest = max(widest, textWidth(c.label(i, true), g.small))
	}
	g.labelEvery = 1
	if g.slot > 0 {
		g.labelEvery = max(1, int(math.Ceil(float64((widest+8)/g.slot))))
	}
	for _, s := range c.series {
		pts := make([]fyne.Position, len(s.values))
		for i, v := range s.values {
			pts[i] = fyne.NewPos(g.plotX+g.slot*(float32(i)+0.5), g.plotY+g.plotH*(1-float32(v)))
		}
		g.points = append(g.points, pts)
	}
	return g
}

func (c *lineChart) group(i int) string {
	if i < len(c.groups) {
		return c.groups[i]
	}
	return ""
}

// label is point i's label, with its group when asked ("Jan 2026").
func (c *lineChart) label(i int, withGroup bool) string {
	if g := c.group(i); withGroup && g != "" {
		return c.labels[i] + " " + g
	}
	return c.labels[i]
}

func (c *lineChart) minSize() fyne.Size {
	text := theme.SizeForWidget(theme.SizeNameText, c)
	return fyne.NewSize(max(legendWidth(c.legend(), text), 360), 300)
}

func (c *lineChart) draw(size fyne.Size) []fyne.CanvasObject {
	g := c.geometry(size)
	fg := theme.ColorForWidget(theme.ColorNameForeground, c)
	grid := theme.ColorForWidget(theme.ColorNameDisabled, c)
	out, _ := drawLegend(c.legend(), 2, 0, fg, g.text)
	sh := textHeight(g.small)
	for _, q := range []int{0, 25, 50, 75, 100} {
		y := g.plotY + g.plotH*(1-float32(q)/100)
		line := canvas.NewLine(grid)
		line.StrokeWidth = 1
		line.Position1, line.Position2 = fyne.NewPos(g.plotX, y), fyne.NewPos(g.plotX+g.plotW, y)
		label := fmt.Sprintf("%d%%", q)
		out = append(out, line, chartText(label, fg, g.small, false, fyne.NewPos(g.plotX-6-textWidth(label, g.small), y-sh/2)))
	}
	out = append(out, chartText("Meetings", fg, g.small, false, fyne.NewPos(g.plotX-6-textWidth("Meetings", g.small), g.countsY)))
	shownGroup := ""
	for i := range c.labels {
		cx := g.plotX + g.slot*(float32(i)+0.5)
		if i%g.labelEvery == 0 {
			l := c.label(i, c.group(i) != shownGroup)
			shownGroup = c.group(i)
			out = append(out, chartText(l, fg, g.small, false, fyne.NewPos(cx-textWidth(l, g.small)/2, g.monthsY)))
			if i < len(c.counts) {
				n := fmt.Sprint(c.counts[i])
				out = append(out, chartText(n, fg, g.small, false, fyne.NewPos(cx-textWidth(n, g.small)/2, g.countsY)))
			}
		}
	}
	type endLabel struct {
		text string
		x, y float32
		col  color.Color
	}
	var ends []endLabel
	markerSize := max(g.small*0.7, 7)
	for si, s := range c.series {
		pts := g.points[si]
		col := seriesColor(c, si)
		last := -1
		for i, v := range s.values {
			if math.IsNaN(v) {
				continue
			}
			if last >= 0 && last == i-1 {
				line := canvas.NewLine(col)
				line.StrokeWidth = 2
				line.Position1, line.Position2 = pts[last], pts[i]
				out = append(out, line)
			}
			last = i
		}
		if last >= 0 {
			ends = append(ends, endLabel{fmt.Sprintf("%.0f%%", s.values[last]*100), pts[last].X + markerSize/2 + 6, pts[last].Y - sh/2, col})
		}
	}
	// Markers over every line, so that no line hides another's points.
	for si, s := range c.series {
		for i, v := range s.values {
			if !math.IsNaN(v) {
				out = append(out, c.marker(si, g.points[si][i], markerSize))
			}
		}
	}
	// The last values, beside the last points, pushed apart so that they
	// never overlap.
	slices.SortStableFunc(ends, func(a, b endLabel) int {
		switch {
		case a.y < b.y:
			return -1
		case a.y > b.y:
			return 1
		}
		return 0
	})
	for i := range ends {
		if i > 0 {
			ends[i].y = max(ends[i].y, ends[i-1].y+sh)
		}
	}
	if n := len(ends); n > 0 {
		if over := ends[n-1].y + sh - (g.plotY + g.plotH + sh/2); over > 0 {
			for i := range ends {
				ends[i].y -= over
			}
		}
	}
	for _, e := range ends {
		out = append(out, chartText(e.text, e.col, g.small, true, fyne.NewPos(e.x, e.y)))
	}
	return out
}

// statCard is a headline figure: a large value with its caption above and
// a line of detail below. An alert card (a finding to act on) shows its
// value in the error colour and says so in words in its detail.
type statCard struct {
	widget.BaseWidget
	caption, value, detail string
	alert                  bool
	was                    string // the previous period's figure and the change, when compared
}

func newStatCard(caption, value, detail, was string, alert bool) *statCard {
	c := &statCard{caption: caption, value: value, detail: detail, was: was, alert: alert}
	c.ExtendBaseWidget(c)
	return c
}

func (c *statCard) CreateRenderer() fyne.WidgetRenderer {
	return &drawnRenderer{w: c, draw: c.draw, min: c.minSize}
}

const cardPad = 12

func (c *statCard) sizes() (text, big, small float32) {
	text = theme.SizeForWidget(theme.SizeNameText, c)
	return text, text * 2.2, theme.SizeForWidget(theme.SizeNameCaptionText, c) + 1
}

func (c *statCard) minSize() fyne.Size {
	text, big, small := c.sizes()
	w := max(textWidth(c.caption, text), fyne.MeasureText(c.value, big, fyne.TextStyle{Bold: true}).Width, textWidth(c.detail, small),
		fyne.MeasureText(c.was, small, fyne.TextStyle{Italic: true}).Width)
	h := textHeight(text) + textHeight(big) + textHeight(small) + 2*cardPad
	if c.was != "" {
		h += textHeight(small) + 2
	}
	return fyne.NewSize(w+2*cardPad, h)
}

func (c *statCard) draw(size fyne.Size) []fyne.CanvasObject {
	text, big, small := c.sizes()
	fg := theme.ColorForWidget(theme.ColorNameForeground, c)
	bg := canvas.NewRectangle(theme.ColorForWidget(theme.ColorNameInputBackground, c))
	bg.CornerRadius = theme.SizeForWidget(theme.SizeNameInputRadius, c)
	bg.StrokeColor = theme.ColorForWidget(theme.ColorNameInputBorder, c)
	bg.StrokeWidth = 1
	bg.Resize(size)
	valueColor := fg
	if c.alert {
		valueColor = theme.ColorForWidget(theme.ColorNameError, c)
	}
	y := float32(cardPad)
	caption := chartText(c.caption, fg, text, false, fyne.NewPos(cardPad, y))
	y += textHeight(text)
	value := chartText(c.value, valueColor, big, true, fyne.NewPos(cardPad, y))
	y += textHeight(big)
	detail := chartText(c.detail, fg, small, false, fyne.NewPos(cardPad, y))
	out := []fyne.CanvasObject{bg, caption, value, detail}
	if c.was != "" {
		was := canvas.NewText(c.was, fg)
		was.TextSize, was.TextStyle = small, fyne.TextStyle{Italic: true}
		was.Move(fyne.NewPos(cardPad, y+textHeight(small)+2))
		was.Resize(fyne.MeasureText(c.was, small, was.TextStyle))
		out = append(out, was)
	}
	return out
}

// textTable is a table of figures drawn as text: the first column left
// aligned and as wide as the space allows, the others right aligned, as
// figures are read. Bold rows are totals.
type textTable struct {
	widget.BaseWidget
	key    string // the report table's (meeting.ReportTable.Key), to find it by
	header []string
	rows   [][]string
	bold   []int
}

func newTextTable(header []string, rows [][]string, bold ...int) *textTable {
	t := &textTable{header: header, rows: rows, bold: bold}
	t.ExtendBaseWidget(t)
	return t
}

func (t *textTable) CreateRenderer() fyne.WidgetRenderer {
	return &drawnRenderer{w: t, draw: t.draw, min: t.minSize}
}

const tableGap = 18 // between columns

// columns returns the widths the columns need.
func (t *textTable) columns(size float32) []float32 {
	widths := make([]float32, len(t.header))
	measure := func(row []string, bold bool) {
		for i, cell := range row {
			if i < len(widths) {
				widths[i] = max(widths[i], fyne.MeasureText(cell, size, fyne.TextStyle{Bold: bold}).Width)
			}
		}
	}
	measure(t.header, true)
	for i, row := range t.rows {
		measure(row, slices.Contains(t.bold, i))
	}
	return widths
}

func (t *textTable) rowHeight(size float32) float32 { return textHeight(size) + 8 }

func (t *textTable) minSize() fyne.Size {
	size := theme.SizeForWidget(theme.SizeNameText, t)
	w := float32(0)
	for i, c := range t.columns(size) {
		if i > 0 {
			w += tableGap
		}
		w += c
	}
	return fyne.NewSize(w, t.rowHeight(size)*float32(len(t.rows)+1)+2)
}

func (t *textTable) draw(s fyne.Size) []fyne.CanvasObject {
	size := theme.SizeForWidget(theme.SizeNameText, t)
	fg := theme.ColorForWidget(theme.ColorNameForeground, t)
	rule := theme.ColorForWidget(theme.ColorNameDisabled, t)
	widths := t.columns(size)
	// Packed from the left, so that a figure is read beside its label
	// however wide the table is given.
	right := make([]float32, len(widths))
	x := float32(0)
	for i, w := range widths {
		if i > 0 {
			x += tableGap
		}
		x += w
		right[i] = x
	}
	tableW := min(x, s.Width)
	rh := t.rowHeight(size)
	var out []fyne.CanvasObject
	row := func(cells []string, y float32, bold bool) {
		for i, cell := range cells {
			if i >= len(widths) {
				break
			}
			w := fyne.MeasureText(cell, size, fyne.TextStyle{Bold: bold}).Width
			pos := fyne.NewPos(right[i]-w, y+4)
			if i == 0 {
				pos = fyne.NewPos(0, y+4)
			}
			out = append(out, chartText(cell, fg, size, bold, pos))
		}
	}
	row(t.header, 0, true)
	for i, cells := range t.rows {
		y := rh * float32(i+1)
		line := canvas.NewLine(rule)
		line.StrokeWidth = 1
		line.Position1, line.Position2 = fyne.NewPos(0, y), fyne.NewPos(tableW, y)
		out = append(out, line)
		row(cells, y, slices.Contains(t.bold, i))
	}
	return out
}
