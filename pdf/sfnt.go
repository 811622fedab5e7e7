package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// This file reads a TrueType font's character map and writes a copy of the
// font whose map also gives every glyph that no character reaches (a
// conjunct, a joined Arabic form) a code in the Private Use Area. The PDF
// library draws characters, not glyphs: it maps each code through the font's
// map to a glyph, and subsets the font to the glyphs of the codes a document
// draws. With the extended map, a shaped glyph is drawn by drawing its code.

var errFont = errors.New("not a TrueType font this app can read")

type sfntTable struct {
	tag            string
	offset, length uint32
}

// tables reads an sfnt's table directory.
func tables(font []byte) (map[string]sfntTable, error) {
	if len(font) < 12 {
		return nil, errFont
	}
	if v := binary.BigEndian.Uint32(font); v != 0x00010000 && v != 0x74727565 { // TrueType outlines
		return nil, errFont
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*n {
		return nil, errFont
	}
	out := make(map[string]sfntTable, n)
	for i := range n {
		rec := font[12+16*i:]
		t := sfntTable{tag: string(rec[:4]), offset: binary.BigEndian.Uint32(rec[8:]), length: binary.BigEndian.Uint32(rec[12:])}
		if uint64(t.offset)+uint64(t.length) > uint64(len(font)) {
			return nil, fmt.Errorf("%w: table %q is cut short", errFont, t.tag)
		}
		out[t.tag] = t
	}
	return out, nil
}

func tableData(font []byte, ts map[string]sfntTable, tag string) ([]byte, bool) {
	t, ok := ts[tag]
	if !ok {
		return nil, false
	}
	return font[t.offset : t.offset+t.length], true
}

// A mapping is a character and the glyph the font draws it with.
type mapping struct {
	r   rune
	gid uint16
}

// readCmap returns the font's Basic Multilingual Plane mappings from its
// Unicode format 4 subtable (the one the PDF library reads), in order.
func readCmap(font []byte) ([]mapping, error) {
	ts, err := tables(font)
	if err != nil {
		return nil, err
	}
	cmap, ok := tableData(font, ts, "cmap")
	if !ok || len(cmap) < 4 {
		return nil, fmt.Errorf("%w: no cmap", errFont)
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		if len(cmap) < 4+8*i+8 {
			break
		}
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := binary.BigEndian.Uint32(rec[4:])
		if !(platform == 3 && encoding == 1 || platform == 0) || int(off)+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		if binary.BigEndian.Uint16(sub) == 4 {
			return readFormat4(sub)
		}
	}
	return nil, fmt.Errorf("%w: no Unicode format 4 cmap", errFont)
}

func readFormat4(sub []byte) ([]mapping, error) {
	bad := fmt.Errorf("%w: damaged cmap", errFont)
	if len(sub) < 14 {
		return nil, bad
	}
	length := min(int(binary.BigEndian.Uint16(sub[2:])), len(sub))
	sub = sub[:length]
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if 16+8*segs > len(sub) {
		return nil, bad
	}
	u16 := func(at int) uint16 { return binary.BigEndian.Uint16(sub[at:]) }
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	var out []mapping
	for s := range segs {
		start, end := int(u16(starts+2*s)), int(u16(ends+2*s))
		delta, rangeOff := u16(deltas+2*s), int(u16(ranges+2*s))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g uint16
			if rangeOff == 0 {
				g = uint16(c) + delta
			} else {
				at := ranges + 2*s + rangeOff + 2*(c-start)
				if at+2 > len(sub) {
					return nil, bad
				}
				if g = u16(at); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				out = append(out, mapping{rune(c), g})
			}
		}
	}
	slices.SortFunc(out, func(a, b mapping) int { return int(a.r - b.r) })
	return out, nil
}

// numGlyphs is the font's glyph count, from its maxp table.
func numGlyphs(font []byte) (int, error) {
	ts, err := tables(font)
	if err != nil {
		return 0, err
	}
	maxp, ok := tableData(font, ts, "maxp")
	if !ok || len(maxp) < 6 {
		return 0, fmt.Errorf("%w: no maxp", errFont)
	}
	return int(binary.BigEndian.Uint16(maxp[4:])), nil
}

// Private Use Area codes for glyphs no character reaches.
const (
	puaFirst = 0xE000
	puaLast  = 0xF8FF
)

// glyphCodes returns the code the PDF draws each glyph with (0 for the
// glyph of missing characters): a character that maps to it, the lowest if
// several do, otherwise a Private Use Area code the font does not use. It
// also returns the mappings the font's map must have for that.
func glyphCodes(cmap []mapping, glyphs int) ([]rune, []mapping, error) {
	codes := make([]rune, glyphs)
	used := make(map[rune]bool, len(cmap))
	for _, m := range cmap {
		used[m.r] = true
		if int(m.gid) < glyphs && codes[m.gid] == 0 {
			codes[m.gid] = m.r
		}
	}
	all := slices.Clone(cmap)
	next := rune(puaFirst)
	for g := 1; g < glyphs; g++ {
		if codes[g] != 0 {
			continue
		}
		for used[next] {
			next++
		}
		if next > puaLast {
			return nil, nil, fmt.Errorf("%w: too many glyphs without a character", errFont)
		}
		codes[g] = next
		all = append(all, mapping{next, uint16(g)})
		next++
	}
	slices.SortFunc(all, func(a, b mapping) int { return int(a.r - b.r) })
	return codes, all, nil
}

// format4 encodes mappings (sorted, BMP, without U+FFFF) as a cmap format 4
// subtable: a segment for each run of consecutive codes, with a delta when
// its glyphs are consecutive too and a glyph array otherwise.
func format4(ms []mapping) ([]byte, error) {
	type segment struct {
		start, end rune
		glyphs     []uint16
		delta      bool
	}
	var segs []segment
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].r == ms[j-1].r+1 {
			j++
		}
		// Split the run where its glyphs stop being consecutive only when
		// that saves bytes: a delta segment costs 8 bytes, a glyph 2.
		run := ms[i:j]
		for k := 0; k < len(run); {
			l := k + 1
			for l < len(run) && run[l].gid == run[l-1].gid+1 {
				l++
			}
			if l-k >= 4 || len(run) == l-k {
				segs = append(segs, segment{start: run[k].r, end: run[l-1].r, glyphs: []uint16{run[k].gid}, delta: true})
				k = l
				continue
			}
			// Gather glyphs until the next stretch worth a delta segment.
			m := k
			for m < len(run) {
				n := m + 1
				for n < len(run) && run[n].gid == run[n-1].gid+1 {
					n++
				}
				if n-m >= 4 && m > k {
					break
				}
				m = n
			}
			s := segment{start: run[k].r, end: run[m-1].r}
			for _, x := range run[k:m] {
				s.glyphs = append(s.glyphs, x.gid)
			}
			segs = append(segs, s)
			k = m
		}
		i = j
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF, glyphs: []uint16{0}, delta: true})
	n := len(segs)
	arrayLen := 0
	for _, s := range segs {
		if !s.delta {
			arrayLen += len(s.glyphs)
		}
	}
	size := 16 + 8*n + 2*arrayLen
	if size > 0xFFFF {
		return nil, fmt.Errorf("%w: character map too large", errFont)
	}
	b := make([]byte, size)
	put := func(at int, v uint16) { binary.BigEndian.PutUint16(b[at:], v) }
	search, sel := 1, 0
	for search*2 <= n {
		search *= 2
		sel++
	}
	put(0, 4)
	put(2, uint16(size))
	put(6, uint16(2*n))
	put(8, uint16(2*search))
	put(10, uint16(sel))
	put(12, uint16(2*n-2*search))
	ends, starts, deltas, ranges, array := 14, 16+2*n, 16+4*n, 16+6*n, 16+8*n
	at := 0 // glyphs written to the array
	for i, s := range segs {
		put(ends+2*i, uint16(s.end))
		put(starts+2*i, uint16(s.start))
		if s.delta {
			put(deltas+2*i, s.glyphs[0]-uint16(s.start))
			continue
		}
		// idRangeOffset counts from its own position to the segment's glyphs.
		put(ranges+2*i, uint16(array+2*at-(ranges+2*i)))
		for _, g := range s.glyphs {
			put(array+2*at, g)
			at++
		}
	}
	return b, nil
}

// withCmap returns a copy of the font whose character map is ms alone, for
// Windows Unicode (3,1) and Unicode BMP (0,3).
func withCmap(font []byte, ms []mapping) ([]byte, error) {
	sub, err := format4(ms)
	if err != nil {
		return nil, err
	}
	cmap := make([]byte, 4+2*8, 4+2*8+len(sub))
	binary.BigEndian.PutUint16(cmap[2:], 2)
	for i, pe := range [][2]uint16{{0, 3}, {3, 1}} {
		binary.BigEndian.PutUint16(cmap[4+8*i:], pe[0])
		binary.BigEndian.PutUint16(cmap[6+8*i:], pe[1])
		binary.BigEndian.PutUint32(cmap[8+8*i:], uint32(len(cmap)))
	}
	cmap = append(cmap, sub...)
	return replaceTable(font, "cmap", cmap)
}

// replaceTable returns a copy of the font with one table replaced, its
// tables aligned and checksummed as the format asks.
func replaceTable(font []byte, tag string, data []byte) ([]byte, error) {
	ts, err := tables(font)
	if err != nil {
		return nil, err
	}
	tags := make([]string, 0, len(ts))
	for t := range ts {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	dir := 12 + 16*n
	out := make([]byte, dir, len(font)+len(data)+4*n)
	copy(out, font[:12])
	headAt := -1
	for i, t := range tags {
		body, _ := tableData(font, ts, t)
		if t == tag {
			body = data
		}
		off := len(out)
		out = append(out, body...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		if t == "head" && len(body) >= 12 {
			headAt = off
			binary.BigEndian.PutUint32(out[off+8:], 0) // checkSumAdjustment, set below
		}
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[off:off+len(body)]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(body)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
