// Command genicon draws the Strategy Minutes application icon and writes it
// as a PNG. It uses only the standard library: the scene is described with
// simple geometric predicates on a 512x512 canvas and anti-aliased by
// supersampling each output pixel on an n×n grid.
//
// Run it through go generate in the assets package:
//
//	go generate ./assets
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512 // logical canvas size; all coordinates below are in this space

// rgba is a straight (non-premultiplied) colour with components in [0,1].
type rgba struct{ r, g, b, a float64 }

func hex(v uint32) rgba {
	return rgba{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, 1}
}

func (c rgba) withAlpha(a float64) rgba { c.a *= a; return c }

// over composites src over dst (both straight alpha).
func over(dst, src rgba) rgba {
	a := src.a + dst.a*(1-src.a)
	if a == 0 {
		return rgba{}
	}
	mix := func(s, d float64) float64 { return (s*src.a + d*dst.a*(1-src.a)) / a }
	return rgba{mix(src.r, dst.r), mix(src.g, dst.g), mix(src.b, dst.b), a}
}

func lerp(a, b rgba, t float64) rgba {
	return rgba{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t, a.a + (b.a-a.a)*t}
}

// sdRoundRect is the signed distance from (x,y) to a rectangle with corner
// radius r (negative inside).
func sdRoundRect(x, y, x0, y0, x1, y1, r float64) float64 {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2-r, (y1-y0)/2-r
	dx, dy := math.Abs(x-cx)-hx, math.Abs(y-cy)-hy
	ox, oy := math.Max(dx, 0), math.Max(dy, 0)
	return math.Hypot(ox, oy) + math.Min(math.Max(dx, dy), 0) - r
}

func sdCircle(x, y, cx, cy, r float64) float64 { return math.Hypot(x-cx, y-cy) - r }

func smoothstep(e0, e1, x float64) float64 {
	t := math.Min(math.Max((x-e0)/(e1-e0), 0), 1)
	return t * t * (3 - 2*t)
}

// Palette.
var (
	bgTop    = hex(0x1F7F8E) // calm teal
	bgBottom = hex(0x0E4A5E) // deep teal-blue
	paper    = hex(0xFFFFFF)
	fold     = hex(0xD5E4E8)
	ink      = hex(0x9DB9C1)
	inkDark  = hex(0x2A6F7F)
	badge    = hex(0xF2A93B) // warm amber accent
	ringCol  = hex(0xFFFFFF)
)

// Geometry.
const (
	bgInset, bgRadius = 16.0, 104.0

	docX0, docY0, docX1, docY1 = 118.0, 84.0, 338.0, 392.0
	docRadius                  = 18.0
	dogEar                     = 56.0

	badgeX, badgeY, badgeR = 352.0, 358.0, 98.0
	badgeGap               = 12.0

	ringR, ringW, ringSpread = 33.0, 12.0, 25.0
	ringGap                  = 6.0 // clearance where one ring passes over another
)

// insideDoc reports whether (x,y) is on the sheet of paper, which is a rounded
// rectangle with its top-right corner cut off diagonally (the dog-ear).
func insideDoc(x, y float64) bool {
	if sdRoundRect(x, y, docX0, docY0, docX1, docY1, docRadius) > 0 {
		return false
	}
	// Cut the top-right corner along the line x - docX1 + dogEar = y - docY0.
	return (x - (docX1 - dogEar)) <= (y - docY0)
}

// insideFold reports whether (x,y) is on the folded-over flap.
func insideFold(x, y float64) bool {
	fx0, fy1 := docX1-dogEar, docY0+dogEar
	if x < fx0 || y > fy1 {
		return false
	}
	// Triangle with vertices (fx0,docY0), (fx0,fy1), (docX1,fy1), softened
	// slightly by a small corner radius at the fold's inner corner.
	if (x - fx0) > (y - docY0) {
		return false
	}
	return sdRoundRect(x, y, fx0-20, docY0-20, docX1, fy1, 8) <= 0
}

// lines are the "minutes" written on the sheet: x0, x1, y, half-thickness.
var lines = [][4]float64{
	{146, 270, 138, 9}, // heading
	{146, 310, 184, 6},
	{146, 300, 214, 6},
	{146, 310, 244, 6},
	{146, 250, 274, 6},
	{146, 236, 304, 6},
	{146, 220, 334, 6},
}

func insideLine(x, y float64) (bool, bool) {
	for i, l := range lines {
		if sdRoundRect(x, y, l[0], l[2]-l[3], l[1], l[2]+l[3], l[3]) <= 0 {
			return true, i == 0
		}
	}
	return false, false
}

// ringCentres returns the centres of the three interlinked rings, arranged
// on an equilateral triangle around the badge centre (one at the top).
func ringCentres() [3][2]float64 {
	var c [3][2]float64
	for i := range 3 {
		a := -math.Pi/2 + float64(i)*2*math.Pi/3
		c[i] = [2]float64{badgeX + ringSpread*math.Cos(a), badgeY + 4 + ringSpread*math.Sin(a)}
	}
	return c
}

var rings = ringCentres()

// ringDist is the distance from (x,y) to the centre line of ring i's stroke.
func ringDist(x, y float64, i int) float64 {
	return math.Abs(sdCircle(x, y, rings[i][0], rings[i][1], ringR))
}

// onRings reports whether (x,y) shows white ring stroke. The rings are woven
// like Borromean rings: ring i passes over ring i+1 (mod 3) at both of their
// crossings, so no two rings are linked yet the three hold together, a
// fitting emblem for agencies that only work jointly. Where a ring passes
// over another it is surrounded by a small clearance that hides the lower
// ring.
func onRings(x, y float64) bool {
	for k := range 3 {
		if ringDist(x, y, k) > ringW/2 {
			continue
		}
		above := (k + 2) % 3 // the ring that passes over ring k
		if ringDist(x, y, above) > ringW/2+ringGap {
			return true
		}
	}
	return false
}

// sample returns the colour of the scene at a point.
func sample(x, y float64) rgba {
	var c rgba

	// Background rounded square with a vertical gradient.
	if sdRoundRect(x, y, bgInset, bgInset, size-bgInset, size-bgInset, bgRadius) > 0 {
		return c
	}
	t := (y - bgInset) / (size - 2*bgInset)
	c = lerp(bgTop, bgBottom, t)

	// Soft drop shadow under the sheet.
	d := sdRoundRect(x, y-10, docX0, docY0, docX1, docY1, docRadius)
	c = over(c, rgba{0.02, 0.12, 0.16, 0.35 * (1 - smoothstep(-6, 22, d))})

	// The sheet of minutes.
	if insideDoc(x, y) {
		c = over(c, paper)
		if on, heading := insideLine(x, y); on {
			if heading {
				c = over(c, inkDark)
			} else {
				c = over(c, ink)
			}
		}
	}
	if insideFold(x, y) {
		c = over(c, fold)
	}

	// Shadow and separating gap around the badge, then the badge itself.
	bd := sdCircle(x, y, badgeX, badgeY+6, badgeR+badgeGap)
	c = over(c, rgba{0.02, 0.12, 0.16, 0.30 * (1 - smoothstep(-10, 14, bd))})
	if sdCircle(x, y, badgeX, badgeY, badgeR+badgeGap) <= 0 {
		// The gap takes the background colour so the badge reads as a
		// separate disc overlapping the sheet.
		c = lerp(bgTop, bgBottom, t)
	}
	if sdCircle(x, y, badgeX, badgeY, badgeR) <= 0 {
		c = over(c, badge)

		if onRings(x, y) {
			c = over(c, ringCol)
		}
	}
	return c
}

func render(px, ss int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, px, px))
	scale := float64(size) / float64(px)
	n := float64(ss * ss)
	for py := range px {
		for pxl := range px {
			var r, g, b, a float64
			for sy := range ss {
				for sx := range ss {
					x := (float64(pxl) + (float64(sx)+0.5)/float64(ss)) * scale
					y := (float64(py) + (float64(sy)+0.5)/float64(ss)) * scale
					c := sample(x, y)
					r += c.r * c.a
					g += c.g * c.a
					b += c.b * c.a
					a += c.a
				}
			}
			var out color.NRGBA
			if a > 0 {
				out = color.NRGBA{
					R: to8(r / a), G: to8(g / a), B: to8(b / a), A: to8(a / n),
				}
			}
			img.SetNRGBA(pxl, py, out)
		}
	}
	return img
}

func to8(v float64) uint8 { return uint8(math.Round(math.Min(math.Max(v, 0), 1) * 255)) }

func write(path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	out := flag.String("o", "icon.png", "output PNG path")
	px := flag.Int("size", size, "output size in pixels")
	ss := flag.Int("ss", 4, "supersampling factor per axis")
	preview := flag.String("preview", "", "also write a 64x64 preview to this path")
	flag.Parse()

	write(*out, render(*px, *ss))
	if *preview != "" {
		write(*preview, render(64, 8))
	}
}
