package pdf

import "golang.org/x/text/unicode/bidi"

// This file orders a line of mixed left-to-right and right-to-left text for
// display, by the Unicode Bidirectional Algorithm (UAX #9): the paragraph's
// direction from its first strong character (P2, P3), the weak and neutral
// types resolved (W1-W7, N1, N2), the embedding levels (I1, I2), trailing
// spaces reset (L1). golang.org/x/text/unicode/bidi gives each character's
// class but not the levels, which the ordering needs (a number inside Arabic
// text is at level 2, an English word at level 0). Explicit embeddings and
// embeddings are not needed: the text cleaner drops their control
// characters, which nobody means to put in a name. First-strong isolates
// (FSI ... PDI) are resolved, for the document's own use: it isolates the
// parts of the running header, so that a date after an Arabic reference
// stays a date. Bracket pairs (N0) are resolved as other neutral characters
// are, which gives the same order in all but unusual nestings of brackets
// and mixed scripts.

// Bidi classes the algorithm distinguishes, after the rules that reduce them.
const (
	cL   = uint8(bidi.L)
	cR   = uint8(bidi.R)
	cAL  = uint8(bidi.AL)
	cEN  = uint8(bidi.EN)
	cES  = uint8(bidi.ES)
	cET  = uint8(bidi.ET)
	cAN  = uint8(bidi.AN)
	cCS  = uint8(bidi.CS)
	cNSM = uint8(bidi.NSM)
	cWS  = uint8(bidi.WS)
	cON  = uint8(bidi.ON)
)

func bidiClass(r rune) uint8 {
	p, _ := bidi.LookupRune(r)
	switch c := p.Class(); c {
	case bidi.L, bidi.R, bidi.AL, bidi.EN, bidi.ES, bidi.ET, bidi.AN, bidi.CS, bidi.NSM, bidi.WS:
		return uint8(c)
	case bidi.S, bidi.B:
		return cWS // tabs and line breaks are spaces by now
	}
	return cON // other neutrals, and boundary neutrals (joiners) treated as neutrals
}

const (
	fsi = '\u2068' // first strong isolate
	pdi = '\u2069' // pop directional isolate
)

// paragraphRTL reports whether text's first strong character outside
// isolates is right-to-left (P2, P3).
func paragraphRTL(rs []rune) bool {
	depth := 0
	for _, r := range rs {
		switch {
		case r == fsi:
			depth++
		case r == pdi:
			depth = max(depth-1, 0)
		case depth > 0:
		default:
			switch bidiClass(r) {
			case cL:
				return false
			case cR, cAL:
				return true
			}
		}
	}
	return false
}

// hasRTL reports whether any character of s is right-to-left, so that a line
// without one skips the algorithm.
func hasRTL(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x0590 { // no right-to-left character comes before Hebrew
			switch bidiClass(r) {
			case cR, cAL, cAN:
				return true
			}
		}
	}
	return false
}

// bidiLevels returns each character's embedding level in a line whose
// paragraph is right-to-left when rtl is set.
func bidiLevels(rs []rune, rtl bool) []uint8 {
	// An isolate is ordered as a neutral character in the text around it
	// (X5c, X6a), and its content as a paragraph of its own, one or two
	// levels up.
	type isolate struct{ start, end int } // the FSI, and the PDI or len(rs)
	var isos []isolate
	depth, start := 0, 0
	for i, r := range rs {
		switch {
		case r == fsi && depth == 0:
			depth, start = 1, i
		case r == fsi:
			depth++
		case r == pdi && depth > 0:
			if depth--; depth == 0 {
				isos = append(isos, isolate{start, i})
			}
		}
	}
	if depth > 0 {
		isos = append(isos, isolate{start, len(rs)})
	}
	if len(isos) == 0 {
		return implicitLevels(rs, rtl)
	}
	outer := make([]rune, 0, len(rs))
	at := 0
	for _, iso := range isos {
		outer = append(outer, rs[at:iso.start+1]...) // up to and with the FSI
		at = iso.end                                 // the PDI, if any, is next
	}
	outer = append(outer, rs[at:]...)
	outerLevels := implicitLevels(outer, rtl)
	levels := make([]uint8, len(rs))
	at, o := 0, 0
	for _, iso := range isos {
		for ; at <= iso.start; at, o = at+1, o+1 {
			levels[at] = outerLevels[o]
		}
		content := rs[iso.start+1 : iso.end]
		inner := paragraphRTL(content)
		base := uint8(0)
		if rtl {
			base = 1
		}
		lift := base + 1 // the least level above of the content's direction
		if inner == (base%2 == 1) {
			lift++
		}
		innerBase := uint8(0)
		if inner {
			innerBase = 1
		}
		for k, l := range bidiLevels(content, inner) {
			levels[iso.start+1+k] = l - innerBase + lift
		}
		at = iso.end
	}
	for ; at < len(rs); at, o = at+1, o+1 {
		levels[at] = outerLevels[o]
	}
	return levels
}

// implicitLevels is bidiLevels for text without isolates.
func implicitLevels(rs []rune, rtl bool) []uint8 {
	n := len(rs)
	base := uint8(0)
	sos := cL
	if rtl {
		base, sos = 1, cR
	}
	t := make([]uint8, n)
	for i, r := range rs {
		t[i] = bidiClass(r)
	}
	// W1: a combining mark takes the type of the character it is on.
	prev := sos
	for i := range t {
		if t[i] == cNSM {
			t[i] = prev
		}
		prev = t[i]
	}
	// W2, W3: European digits after Arabic letters are Arabic digits; Arabic
	// letters are right-to-left.
	strong := sos
	for i := range t {
		switch t[i] {
		case cL, cR, cAL:
			strong = t[i]
		case cEN:
			if strong == cAL {
				t[i] = cAN
			}
		}
	}
	for i := range t {
		if t[i] == cAL {
			t[i] = cR
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < n; i++ {
		switch {
		case t[i] == cES && t[i-1] == cEN && t[i+1] == cEN:
			t[i] = cEN
		case t[i] == cCS && t[i-1] == cEN && t[i+1] == cEN:
			t[i] = cEN
		case t[i] == cCS && t[i-1] == cAN && t[i+1] == cAN:
			t[i] = cAN
		}
	}
	// W5: terminators (currency, per cent) next to European digits are digits.
	for i := 0; i < n; i++ {
		if t[i] != cET {
			continue
		}
		j := i
		for j < n && t[j] == cET {
			j++
		}
		if i > 0 && t[i-1] == cEN || j < n && t[j] == cEN {
			for k := i; k < j; k++ {
				t[k] = cEN
			}
		}
		i = j - 1
	}
	// W6: other separators and terminators are neutral.
	for i := range t {
		switch t[i] {
		case cES, cET, cCS:
			t[i] = cON
		}
	}
	// W7: European digits in left-to-right text are left-to-right.
	strong = sos
	for i := range t {
		switch t[i] {
		case cL, cR:
			strong = t[i]
		case cEN:
			if strong == cL {
				t[i] = cL
			}
		}
	}
	// N1, N2: neutrals between two strong types of one direction (digits
	// count as right-to-left) take it; others take the paragraph's.
	const neutral, toRight, toLeft = 0, 1, 2
	dir := func(c uint8) int {
		switch c {
		case cL:
			return toRight
		case cR, cEN, cAN:
			return toLeft
		}
		return neutral
	}
	embedding := toRight
	if base == 1 {
		embedding = toLeft
	}
	for i := 0; i < n; i++ {
		if dir(t[i]) != neutral {
			continue
		}
		j := i
		for j < n && dir(t[j]) == neutral {
			j++
		}
		before, after := embedding, embedding // sos and eos are the paragraph's direction
		if i > 0 {
			before = dir(t[i-1])
		}
		if j < n {
			after = dir(t[j])
		}
		d := embedding
		if before == after {
			d = before
		}
		c := cL
		if d == toLeft {
			c = cR
		}
		for k := i; k < j; k++ {
			t[k] = c
		}
		i = j - 1
	}
	// I1, I2.
	levels := make([]uint8, n)
	for i, c := range t {
		l := base
		switch {
		case base == 0 && c == cR:
			l = 1
		case base == 0 && (c == cAN || c == cEN):
			l = 2
		case base == 1 && (c == cL || c == cAN || c == cEN):
			l = 2
		}
		levels[i] = l
	}
	// L1: spaces at the end of the line are at the paragraph's level.
	for i := n - 1; i >= 0 && bidiClass(rs[i]) == cWS; i-- {
		levels[i] = base
	}
	return levels
}

// visualOrder returns the order in which to draw items at the given levels
// (L2): from the highest level down to the lowest odd one, every run of
// items at that level or above is reversed.
func visualOrder(levels []uint8) []int {
	order := make([]int, len(levels))
	high, low := uint8(0), uint8(255)
	for i, l := range levels {
		order[i] = i
		high, low = max(high, l), min(low, l)
	}
	low |= 1 // the lowest odd level
	for lvl := high; lvl >= low && lvl > 0; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}

// mirrored returns the glyph a character has in right-to-left text (L4) for
// the pairs that names and notes use; the shaper mirrors shaped text itself.
func mirrored(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '≤':
		return '≥'
	case '≥':
		return '≤'
	}
	return r
}
