package pdf

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"strategyminutes/meeting"
)

// initials returns a name's initials: "Amelia Kowalczyk" is "A.K.",
// "Mary-Jane Smith" is "M-J.S.", "Nguyễn Thị Hương" is "N.T.H.",
// "Γιώργος Παπαδόπουλος" is "Γ.Π.". Each word gives its first letter or
// digit; words with neither (punctuation, emoji) give nothing.
func initials(name string) string {
	var b strings.Builder
	for word := range strings.FieldsSeq(norm.NFC.String(name)) {
		if in := wordInitial(word); in != "" {
			b.WriteString(in)
			b.WriteByte('.')
		}
	}
	return b.String()
}

// dotted returns an initial with its full stop, or "" for none.
func dotted(initial string) string {
	if initial == "" {
		return ""
	}
	return initial + "."
}

// wordInitial is the initial of one word: "Mary-Jane" gives "M-J".
func wordInitial(word string) string {
	var parts []string
	for part := range strings.SplitSeq(word, "-") {
		for _, r := range part {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				parts = append(parts, string(unicode.ToUpper(r)))
				break
			}
		}
	}
	return strings.Join(parts, "-")
}

// A redactor replaces children's names in free text with their initials:
// each child's full name in any case, and each part of it (a first name, a
// surname, each half of a hyphenated name) where it is written with the
// same capitals as in the record, so that "Amelia's" becomes "A.'s" while
// a child called Hope leaves "there is hope" alone. Matches are whole words.
type redactor struct{ patterns []pattern }

type pattern struct {
	name []rune
	with string
	fold bool // match in any case
}

func newRedactor(children []meeting.Child) *redactor {
	r := &redactor{}
	seen := map[string]bool{}
	// A name, or part of one, with no letter or digit (an emoji) has no
	// initial: it is left alone.
	add := func(name, initial string, fold bool) {
		if len([]rune(name)) < 2 || initial == "" || seen[name] {
			return
		}
		seen[name] = true
		r.patterns = append(r.patterns, pattern{[]rune(name), initial, fold})
	}
	for _, c := range children {
		full := strings.Join(strings.Fields(norm.NFC.String(c.Name)), " ")
		add(full, initials(full), true)
		for word := range strings.FieldsSeq(full) {
			add(word, dotted(wordInitial(word)), false)
			if strings.Contains(word, "-") {
				for part := range strings.SplitSeq(word, "-") {
					add(part, dotted(wordInitial(part)), false)
				}
			}
		}
	}
	// Longest first, so that a full name is replaced whole.
	slices.SortStableFunc(r.patterns, func(a, b pattern) int { return len(b.name) - len(a.name) })
	return r
}

// apply returns s with the children's names replaced; a nil redactor
// returns s as it is.
func (r *redactor) apply(s string) string {
	if r == nil || len(r.patterns) == 0 || s == "" {
		return s
	}
	text := []rune(norm.NFC.String(s))
	out := make([]rune, 0, len(text))
	for i := 0; i < len(text); {
		if i == 0 || !wordRune(text[i-1]) {
			if p, ok := r.match(text[i:]); ok {
				out = append(out, []rune(p.with)...)
				i += len(p.name)
				continue
			}
		}
		out = append(out, text[i])
		i++
	}
	return string(out)
}

func (r *redactor) match(text []rune) (pattern, bool) {
	for _, p := range r.patterns {
		if len(p.name) > len(text) {
			continue
		}
		if len(p.name) < len(text) && wordRune(text[len(p.name)]) {
			continue
		}
		ok := true
		for i, c := range p.name {
			if c != text[i] && !(p.fold && sameFold(c, text[i])) {
				ok = false
				break
			}
		}
		if ok {
			return p, true
		}
	}
	return pattern{}, false
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func sameFold(a, b rune) bool {
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}
