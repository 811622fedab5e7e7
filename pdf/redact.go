package pdf

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"strategyminutes/meeting"
)

// The distribution copy (Options.Initials) hides every name of the family
// that the record holds: the children's and the household's, and the
// family plan's people where a name rather than a role is given. The
// tables show them as initials and dates of birth as the year only; in free
// text, every field goes through one redactor (redactor.apply), which also
// hides dates of birth and NHS numbers typed in the text, and records what
// it changed for the chair (Redactions).

// distributionNote is said on the first page of a distribution copy.
const distributionNote = "Children's names, and the names of the household and family members recorded, are shown as initials " +
	"in the tables and wherever they appear in the text; dates of birth are shown as the year only and NHS numbers are removed. " +
	"A name that is also an everyday word is replaced only where it reads as a name. " +
	"Other details, such as addresses, schools or the names of people not recorded in the household, are reproduced as recorded: " +
	"check them before sharing this copy."

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

// Redactions is what a distribution copy changed in the text, field by
// field in the order the minutes print them, for the chair to check before
// sending the copy. Fields with nothing replaced or left are not listed.
// The counts name no one and may be logged or printed; Left holds words as
// written, which may be names: show them to the chair, never log them.
type Redactions struct {
	Fields []FieldRedactions
}

// FieldRedactions is what was changed, or left for the chair to check, in
// one field.
type FieldRedactions struct {
	Field string // the interchange path: "reason", "decisions[0].rationale"
	Label string // as people read it (meeting.DescribeField): "Decision 1, Rationale"

	ChildNames   int // a child's name, or part of one, written as initials
	FamilyNames  int // a household or family member's name, as initials
	DatesOfBirth int // written as the year only
	NHSNumbers   int // removed
	// Left are the places where a name that is also an everyday word
	// ("May", "Hope") was read as the word and left as written.
	Left []LeftAsWritten
}

// LeftAsWritten is one place where a name that is also an everyday word
// was left as written.
type LeftAsWritten struct {
	Word    string // as written; it may be a child's name
	Context string // the words around it, as the copy prints them
}

// Replaced is how many replacements were made in the field.
func (f FieldRedactions) Replaced() int {
	return f.ChildNames + f.FamilyNames + f.DatesOfBirth + f.NHSNumbers
}

// Summary says in plain words what was done to the field, naming no one:
// "Reason for the meeting: 2 children's names and 1 date of birth
// replaced; 1 word that may be a name left as written".
func (f FieldRedactions) Summary() string {
	var done []string
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{f.ChildNames, "child's name", "children's names"},
		{f.FamilyNames, "family member's name", "family members' names"},
		{f.DatesOfBirth, "date of birth", "dates of birth"},
		{f.NHSNumbers, "NHS number", "NHS numbers"},
	} {
		switch {
		case c.n == 1:
			done = append(done, "1 "+c.one)
		case c.n > 1:
			done = append(done, meeting.Count(c.n)+" "+c.many)
		}
	}
	var parts []string
	if len(done) > 0 {
		parts = append(parts, andList(done)+" replaced")
	}
	switch n := len(f.Left); {
	case n == 1:
		parts = append(parts, "1 word that may be a name left as written")
	case n > 1:
		parts = append(parts, meeting.Count(n)+" words that may be names left as written")
	}
	return f.Label + ": " + strings.Join(parts, "; ")
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Replaced is how many replacements were made in every field.
func (r *Redactions) Replaced() int {
	n := 0
	for _, f := range r.Fields {
		n += f.Replaced()
	}
	return n
}

// LeftCount is how many words that may be names were left as written.
func (r *Redactions) LeftCount() int {
	n := 0
	for _, f := range r.Fields {
		n += len(f.Left)
	}
	return n
}

// Summaries are the fields' summaries, naming no one.
func (r *Redactions) Summaries() []string {
	var out []string
	for _, f := range r.Fields {
		out = append(out, f.Summary())
	}
	return out
}

// What a recorded name belongs to, for the chair's list.
type nameKind uint8

const (
	childName nameKind = iota
	familyName
)

// A redactor hides, in free text, the names the record holds, dates of
// birth and NHS numbers, and records what it did. Its rules, in order:
//
//   - A date in a common UK form ("14/03/2015", "14.3.15", "2015-03-14",
//     "14th March 2015", "March 14, 2015") that is a recorded date of birth,
//     or follows "born", "DOB" or "date of birth", becomes its year, as
//     the tables show a date of birth ("born on 14/03/2015" is "born in
//     2015").
//   - Ten digits written 3-3-4 (with spaces, hyphens or nothing between)
//     become "[NHS number]" when their last digit is the NHS modulus-11
//     check digit, and "[removed]" after "NHS number" or "NHS no." whatever
//     the check digit (a mistyped number is hidden too). Other ten-digit
//     numbers are left.
//   - A recorded name becomes its initials whole ("Amelia Kowalczyk",
//     "Kowalczyk, Amelia" and "KOWALCZYK Amelia" are all "A.K."), and each
//     part of it on its own (a first name, a surname, each half of a
//     hyphenated one), in any case, with or without accents, with straight
//     or curly apostrophes ("Amelia’s" is "A.’s", "Amelias'" is "A.'s").
//     A particle that is not a name's first word ("van", "de", "bin") is
//     replaced only within the whole name. Initials already written are
//     left: a part needs two letters.
//   - A part that is also an everyday word ("May", "Hope", "Brown"; see
//     everydayWords) is replaced only where it stands as a name (standsAsName).
type redactor struct {
	fold     cases.Caser
	patterns map[string][]*pattern // by the folded first run, longest first
	names    map[string]bool       // every folded run of a recorded name
	persons  []person
	births   []meeting.Date
	year     int // the meeting's year: a two-digit year after it is 19yy
	report   Redactions
	fields   map[string]int // the index of a field's entry in report
}

// A person is a recorded name.
type person struct {
	key  string // the folded words, for a table's name cell
	with string // the initials
	kind nameKind
}

// A nameWord is one word of a recorded name: runs of letters and digits
// with what joins them ("O'Brien-Smith": o, brien, smith).
type nameWord struct {
	raw     string
	runs    []string // folded
	gaps    []gap
	initial string // with its full stop
}

// A pattern is one spelling of a name, or of a part of one, to look for.
type pattern struct {
	runs []string // folded
	gaps []gap    // between runs
	word []int    // the pattern's word each run belongs to
	with string
	kind nameKind
	// everyday marks the pattern's words that are everyday or grammar
	// words. A one-word pattern that is one is replaced only where it
	// stands as a name; a longer one in any case, unless every word is an
	// everyday one written in lower case ("may rose").
	everyday []bool // by word
	grammar  bool   // "He", "An", "My": a sentence that starts with it starts with the word
	calendar bool   // "May", "June", "Summer": next to a day or year it is the month
}

type gapKind uint8

const (
	gapSpace      gapKind = iota // white space between the words of a name
	gapApostrophe                // one apostrophe, straight or curly
	gapHyphen                    // one hyphen
	gapSurname                   // after a surname written first: a comma or white space
	gapLiteral                   // anything else, as the record has it
)

type gap struct {
	kind gapKind
	lit  string // folded, for gapLiteral
}

func newRedactor(m *meeting.Meeting) *redactor {
	r := &redactor{fold: cases.Fold(), patterns: map[string][]*pattern{}, names: map[string]bool{}, fields: map[string]int{}}
	if !m.HeldAt.IsZero() {
		r.year = m.HeldOn().Year
	}
	// Children first: a part shared with a parent counts as a child's name.
	for _, c := range m.Children {
		r.addPerson(c.Name, childName)
		r.addBirth(c.DateOfBirth)
	}
	for _, p := range m.Household {
		r.addPerson(p.Name, familyName)
		r.addBirth(p.DateOfBirth)
	}
	for _, l := range m.FamilyPlan {
		r.addPerson(planName(l.Person), familyName)
	}
	for _, ps := range r.patterns {
		slices.SortStableFunc(ps, func(a, b *pattern) int { return cmp.Compare(len(b.runs), len(a.runs)) })
	}
	return r
}

func (r *redactor) addBirth(d meeting.Date) {
	if !d.IsZero() && !slices.Contains(r.births, d) {
		r.births = append(r.births, d)
	}
}

// planName is the name in a family plan's "person", or "" for a role:
// "Mr Kowalczyk" gives "Kowalczyk", "Anna (mother)" gives "Anna", "maternal
// grandmother" gives "". Words with a capital that are not roles or titles
// are the name.
func planName(s string) string {
	var name []string
	for w := range strings.FieldsSeq(norm.NFC.String(s)) {
		w = strings.TrimFunc(w, func(c rune) bool { return !wordRune(c) })
		first, _ := utf8.DecodeRuneInString(w)
		lower := strings.ToLower(w)
		if !unicode.IsUpper(first) || roleWords[lower] || titles[strings.TrimSuffix(lower, ".")] {
			continue
		}
		name = append(name, w)
	}
	return strings.Join(name, " ")
}

// addPerson adds the spellings of a name: whole, first and last, surname
// first, and each part.
func (r *redactor) addPerson(name string, kind nameKind) {
	words := r.nameWords(name)
	if len(words) == 0 {
		return
	}
	var keys []string
	for _, w := range words {
		keys = append(keys, strings.Join(w.runs, ""))
		for _, run := range w.runs {
			r.names[run] = true
		}
	}
	all := make([]int, len(words))
	for i := range all {
		all[i] = i
	}
	r.persons = append(r.persons, person{key: strings.Join(keys, " "), with: r.initialsOf(words, all), kind: kind})
	if n := len(words); n >= 2 {
		last := n - 1
		// "Zoë O'Brien-Smith" is also looked for as "Zoe OBrien-Smith".
		joined := make([]nameWord, n)
		for i, w := range words {
			joined[i] = withoutApostrophes(w)
		}
		for _, ws := range [][]nameWord{words, joined} {
			r.addPattern(ws, all, false, kind)
			r.addPattern(ws, append([]int{last}, all[:last]...), true, kind)
			if n >= 3 {
				r.addPattern(ws, []int{0, last}, false, kind)
				r.addPattern(ws, []int{last, 0}, true, kind)
			}
		}
	}
	for i, w := range words {
		if i > 0 && particles[strings.Join(w.runs, "")] {
			continue
		}
		r.addPart(w, kind)
		// "Smith-Jones": "Smith" and "Jones" too.
		if halves := strings.FieldsFunc(w.raw, isHyphen); len(halves) > 1 {
			for _, h := range halves {
				for _, hw := range r.nameWords(h) {
					r.addPart(hw, kind)
				}
			}
		}
	}
}

// addPart adds one part of a name on its own: a part of one letter is an
// initial already, and one with no letter or digit has no initial. A part
// with an apostrophe is also looked for without it: "OBrien", "DSouza".
func (r *redactor) addPart(w nameWord, kind nameKind) {
	if utf8.RuneCountInString(w.raw) < 2 || w.initial == "" {
		return
	}
	r.addPattern([]nameWord{w}, []int{0}, false, kind)
	r.addPattern([]nameWord{withoutApostrophes(w)}, []int{0}, false, kind) // the same when w has none
}

// withoutApostrophes is w as it is written with its apostrophes left out.
func withoutApostrophes(w nameWord) nameWord {
	joined := w
	joined.runs, joined.gaps = []string{w.runs[0]}, nil
	for j, g := range w.gaps {
		if g.kind == gapApostrophe {
			joined.runs[len(joined.runs)-1] += w.runs[j+1]
			continue
		}
		joined.runs = append(joined.runs, w.runs[j+1])
		joined.gaps = append(joined.gaps, g)
	}
	return joined
}

// initialsOf are the initials of the words at idx, in the name's order.
func (r *redactor) initialsOf(words []nameWord, idx []int) string {
	sorted := slices.Sorted(slices.Values(idx))
	var b strings.Builder
	for _, i := range sorted {
		b.WriteString(words[i].initial)
	}
	return b.String()
}

func (r *redactor) addPattern(words []nameWord, idx []int, surnameFirst bool, kind nameKind) {
	p := &pattern{with: r.initialsOf(words, idx), kind: kind}
	for k, i := range idx {
		w := words[i]
		if k > 0 {
			g := gap{kind: gapSpace}
			if surnameFirst && k == 1 {
				g.kind = gapSurname
			}
			p.gaps = append(p.gaps, g)
		}
		for j, run := range w.runs {
			if j > 0 {
				p.gaps = append(p.gaps, w.gaps[j-1])
			}
			p.runs = append(p.runs, run)
			p.word = append(p.word, k)
		}
		key := strings.Join(w.runs, "")
		p.everyday = append(p.everyday, everydayWords[key] || grammarWords[key])
		if len(idx) == 1 {
			p.grammar = grammarWords[key]
			p.calendar = calendarNames[key]
		}
	}
	if p.with == "" {
		return
	}
	list := r.patterns[p.runs[0]]
	for _, q := range list {
		if slices.Equal(q.runs, p.runs) && slices.Equal(q.gaps, p.gaps) {
			return // the first person to have it keeps it
		}
	}
	r.patterns[p.runs[0]] = append(list, p)
}

// nameWords splits a recorded name into its words, leaving out quotes and
// other punctuation around them and words with no letter or digit.
func (r *redactor) nameWords(name string) []nameWord {
	var words []nameWord
	for field := range strings.FieldsSeq(norm.NFC.String(name)) {
		field = strings.TrimFunc(field, func(c rune) bool { return !wordRune(c) })
		toks := r.tokens(field)
		if len(toks) == 0 {
			continue
		}
		w := nameWord{raw: field, initial: dotted(wordInitial(field))}
		for i, t := range toks {
			if i > 0 {
				w.gaps = append(w.gaps, r.gapOf(field[toks[i-1].end:t.start]))
			}
			w.runs = append(w.runs, t.fold)
		}
		words = append(words, w)
	}
	return words
}

func (r *redactor) gapOf(s string) gap {
	if c, size := utf8.DecodeRuneInString(s); size == len(s) {
		switch {
		case isApostrophe(c):
			return gap{kind: gapApostrophe}
		case isHyphen(c):
			return gap{kind: gapHyphen}
		}
	}
	return gap{kind: gapLiteral, lit: r.foldString(s)}
}

// matches reports whether the text between two words is the gap.
func (g gap) matches(r *redactor, s string) bool {
	switch g.kind {
	case gapSpace:
		return s != "" && strings.TrimFunc(s, unicode.IsSpace) == ""
	case gapSurname:
		t := strings.TrimFunc(s, unicode.IsSpace)
		return s != "" && (t == "" || t == ",")
	case gapApostrophe, gapHyphen:
		c, size := utf8.DecodeRuneInString(s)
		return size == len(s) && size > 0 && (g.kind == gapApostrophe && isApostrophe(c) || g.kind == gapHyphen && isHyphen(c))
	}
	return r.foldString(s) == g.lit
}

// A token is a run of letters and digits in a text, with the marks and
// invisible format characters (a soft hyphen pasted from a word processor)
// between them.
type token struct {
	start, end int // bytes
	text       string
	fold       string
}

func (r *redactor) tokens(s string) []token {
	var toks []token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		t := s[start:end]
		// A run that starts or ends with format characters gives them to
		// the gaps; one with no letter or digit is no word.
		t2 := strings.TrimLeftFunc(t, isFormat)
		from := start + len(t) - len(t2)
		t2 = strings.TrimRightFunc(t2, isFormat)
		if strings.IndexFunc(t2, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0 {
			toks = append(toks, token{start: from, end: from + len(t2), text: t2, fold: r.foldString(t2)})
		}
		start = -1
	}
	for i, c := range s {
		if wordRune(c) || isFormat(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return toks
}

// foldString is s as compared: case folded, without accents or format
// characters, and with the letters that have no decomposition written
// plainly ("Łukasz" is "lukasz", "Yılmaz" is "yilmaz").
func (r *redactor) foldString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(r.fold.String(s)) {
		if unicode.Is(unicode.Mn, c) || isFormat(c) {
			continue
		}
		if plain, ok := plainLetters[c]; ok {
			b.WriteString(plain)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func wordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c) }

func isFormat(c rune) bool { return unicode.Is(unicode.Cf, c) }

func isApostrophe(c rune) bool { return strings.ContainsRune("'’‘ʼ`´′", c) }

func isHyphen(c rune) bool { return strings.ContainsRune("-‐‑–", c) }

// A replacement is one span of a text to write differently.
type replacement struct {
	start, end int
	with       string
	what       kindOfChange
}

type kindOfChange uint8

const (
	changedChild kindOfChange = iota
	changedFamily
	changedBirth
	changedNHS
	leftAsWord // a name read as the everyday word: written as it is, and listed
)

// apply returns s with the names, dates of birth and NHS numbers hidden,
// and records what it did under field, an interchange path ("reason",
// "decisions[0].rationale"). Every free-text field of a distribution copy
// goes through it. A nil redactor (the full copy) returns s as it is.
func (r *redactor) apply(field, s string) string {
	if r == nil || s == "" {
		return s
	}
	text := norm.NFC.String(s)
	nums := r.numbers(text)
	toks := r.tokens(text)
	// A word within a date or number hidden is no name.
	covered := func(t token) bool {
		i, _ := slices.BinarySearchFunc(nums, t.start, func(x replacement, at int) int { return cmp.Compare(x.end, at+1) })
		return i < len(nums) && nums[i].start < t.end
	}
	reps := slices.Clip(nums)
	for i := 0; i < len(toks); {
		p, n, plural := r.match(text, toks, i, covered)
		if p == nil {
			i++
			continue
		}
		if len(p.runs) == 1 && p.everyday[0] {
			switch r.standsAsName(text, toks, i, p) {
			case asWord:
				i++
				continue
			case unsure:
				reps = append(reps, replacement{toks[i].start, toks[i].end, toks[i].text, leftAsWord})
				i++
				continue
			}
		}
		end := toks[i+n-1].end
		with := p.with
		if plural { // "Amelias'" is "A.'s"
			c, size := utf8.DecodeRuneInString(text[end:])
			with += string(c) + "s"
			end += size
		}
		what := changedChild
		if p.kind == familyName {
			what = changedFamily
		}
		reps = append(reps, replacement{toks[i].start, end, with, what})
		i += n
	}
	slices.SortFunc(reps, func(a, b replacement) int { return cmp.Compare(a.start, b.start) })

	var b strings.Builder
	type place struct{ start, end int }
	var left []place
	at := 0
	var f FieldRedactions
	for _, rep := range reps {
		b.WriteString(text[at:rep.start])
		switch rep.what {
		case changedChild:
			f.ChildNames++
		case changedFamily:
			f.FamilyNames++
		case changedBirth:
			f.DatesOfBirth++
		case changedNHS:
			f.NHSNumbers++
		case leftAsWord:
			left = append(left, place{b.Len(), b.Len() + len(rep.with)})
		}
		b.WriteString(rep.with)
		at = rep.end
		// "spoke to Amelia." is "spoke to A.", not "A..".
		if strings.HasSuffix(rep.with, ".") && strings.HasPrefix(text[at:], ".") {
			at++
		}
	}
	b.WriteString(text[at:])
	out := b.String()
	for _, l := range left {
		f.Left = append(f.Left, LeftAsWritten{Word: out[l.start:l.end], Context: contextAround(out, l.start, l.end)})
	}
	if f.Replaced() > 0 || len(f.Left) > 0 {
		r.record(field, f)
	}
	return out
}

// name returns a table's name cell as the copy shows it: a recorded name
// as its initials; anything else ("mother", "Mr Kowalczyk") as apply
// writes it. The tables always show initials, so a whole name is not
// listed for the chair.
func (r *redactor) name(field, s string) string {
	if r == nil || strings.TrimSpace(s) == "" {
		return s
	}
	var keys []string
	for _, w := range r.nameWords(s) {
		keys = append(keys, strings.Join(w.runs, ""))
	}
	key := strings.Join(keys, " ")
	for _, p := range r.persons {
		if p.key == key {
			return p.with
		}
	}
	return r.apply(field, s)
}

// record adds what was done to a field to the report; a field written
// twice (in a table and a box) adds up.
func (r *redactor) record(field string, f FieldRedactions) {
	i, ok := r.fields[field]
	if !ok {
		i = len(r.report.Fields)
		r.fields[field] = i
		label := fieldName(field) // a path outside the record: "amendments[0].reason"
		if _, ok := meeting.FieldOf(field); ok {
			label = meeting.DescribeField(field)
		}
		r.report.Fields = append(r.report.Fields, FieldRedactions{Field: field, Label: label})
	}
	e := &r.report.Fields[i]
	e.ChildNames += f.ChildNames
	e.FamilyNames += f.FamilyNames
	e.DatesOfBirth += f.DatesOfBirth
	e.NHSNumbers += f.NHSNumbers
	e.Left = append(e.Left, f.Left...)
}

// reportTo gives the caller what was done (Options.Redactions); the full
// copy changes nothing.
func (r *redactor) reportTo(out *Redactions) {
	if out == nil {
		return
	}
	*out = Redactions{}
	if r != nil {
		*out = r.report
	}
}

// contextAround is the word at out[start:end] with a few words either
// side, on one line, for the chair to find the place.
func contextAround(out string, start, end int) string {
	const words, reach = 5, 160
	from, to := max(0, start-reach), min(len(out), end+reach)
	for from > 0 && !utf8.RuneStart(out[from]) {
		from--
	}
	for to < len(out) && !utf8.RuneStart(out[to]) {
		to++
	}
	pre, post := out[from:start], out[end:to]
	before, after := strings.Fields(pre), strings.Fields(post)
	// A chunk the window cut through is left out.
	if first, _ := utf8.DecodeRuneInString(pre); from > 0 && len(before) > 0 && !unicode.IsSpace(first) {
		before = before[1:]
	}
	if last, _ := utf8.DecodeLastRuneInString(post); to < len(out) && len(after) > 0 && !unicode.IsSpace(last) {
		after = after[:len(after)-1]
	}
	// A chunk touching the word ("(May", "May,") is part of it.
	glued := func(s string, first bool) bool {
		c, _ := utf8.DecodeLastRuneInString(s)
		if first {
			c, _ = utf8.DecodeRuneInString(s)
		}
		return s != "" && !unicode.IsSpace(c)
	}
	nb, na := words, words
	if glued(pre, false) {
		nb++
	}
	if glued(post, true) {
		na++
	}
	cutBefore, cutAfter := from > 0 || len(before) > nb, to < len(out) || len(after) > na
	before, after = before[max(0, len(before)-nb):], after[:min(len(after), na)]
	var b strings.Builder
	if cutBefore {
		b.WriteString("…")
	}
	for k, w := range before {
		b.WriteString(w)
		if k < len(before)-1 || !glued(pre, false) {
			b.WriteByte(' ')
		}
	}
	b.WriteString(out[start:end])
	for k, w := range after {
		if k > 0 || !glued(post, true) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	if cutAfter {
		b.WriteString("…")
	}
	return b.String()
}

// match finds the longest spelling of a name that starts at toks[i]: it
// returns the pattern, how many tokens it covers, and whether its last word
// is written as a plural possessive ("Amelias'").
func (r *redactor) match(text string, toks []token, i int, covered func(token) bool) (*pattern, int, bool) {
	if covered(toks[i]) {
		return nil, 0, false
	}
	first := toks[i].fold
	candidates := r.patterns[first]
	// "Amelias'": the name and an s, then an apostrophe.
	plural := strings.HasSuffix(first, "s") && r.apostropheAfter(text, toks, i)
	if plural {
		candidates = append(slices.Clip(candidates), r.patterns[strings.TrimSuffix(first, "s")]...)
	}
next:
	for _, p := range candidates {
		if i+len(p.runs) > len(toks) {
			continue
		}
		isPlural := false
		for k, run := range p.runs {
			t := toks[i+k]
			if covered(t) {
				continue next
			}
			if k > 0 && !p.gaps[k-1].matches(r, text[toks[i+k-1].end:t.start]) {
				continue next
			}
			if t.fold != run {
				if k == len(p.runs)-1 && t.fold == run+"s" && r.apostropheAfter(text, toks, i+k) {
					isPlural = true
					continue
				}
				continue next
			}
		}
		if len(p.runs) > 1 && r.allLowerEveryday(toks[i:i+len(p.runs)], p) {
			continue
		}
		return p, len(p.runs), isPlural
	}
	return nil, 0, false
}

// apostropheAfter reports whether toks[i] is followed by an apostrophe
// that ends the word ("Amelias' bruise", not "Amelia's").
func (r *redactor) apostropheAfter(text string, toks []token, i int) bool {
	c, size := utf8.DecodeRuneInString(text[toks[i].end:])
	if size == 0 || !isApostrophe(c) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(text[toks[i].end+size:])
	return !wordRune(after)
}

// allLowerEveryday reports whether every word of a longer pattern is an
// everyday word written in lower case: "may rose" is not a name.
func (r *redactor) allLowerEveryday(toks []token, p *pattern) bool {
	for k, t := range toks {
		if !p.everyday[p.word[k]] || !isLower(t.text) {
			return false
		}
	}
	return true
}

type verdict uint8

const (
	asName verdict = iota
	asWord         // the everyday word: left, and not listed
	unsure         // left as written, and listed for the chair
)

// standsAsName decides whether a name part that is also an everyday word
// stands as the name at toks[i]. The rules, in order:
//
//  1. In lower case it is the word: "there is hope", "she may".
//  2. In capitals among other words in capitals ("WE HOPE SO") it cannot
//     be told: it is left, and listed.
//  3. Before 's ("Hope's") or an age in brackets ("Ruby (2)"), or after a
//     title ("Miss Hope"), it is the name.
//  4. A pronoun or other grammar word ("He", "My", "An") that starts a
//     sentence is the word.
//  5. A month or season next to a day or year ("in May 2026", "3 May",
//     "May 3rd", "May '26", "mid-May") or after "in", "by", "until" and
//     the like is the month: left, and listed.
//  6. Next to another word with a capital that is no recorded name ("Hope
//     Street", "Rose Cottage", "Mark Benson") it is part of another name
//     or a title: left, and listed.
//  7. At the start of a sentence, where any word has a capital, it is the
//     name only when a verb of saying or doing follows ("May said", "Hope
//     told", "May was born") or "and" and another recorded name; otherwise it
//     is left, and listed ("Hope is fading", "May I add").
//  8. Anywhere else, with a capital, it is the name: "I hope May is safe".
func (r *redactor) standsAsName(text string, toks []token, i int, p *pattern) verdict {
	t := toks[i]
	if isLower(t.text) {
		return asWord
	}
	if isCaps(t.text) && r.capsNearby(toks, i) {
		return unsure
	}
	if r.possessive(text, toks, i) || r.afterTitle(text, toks, i) || ageFollows(text, toks, i) {
		return asName
	}
	start := sentenceStart(text, toks, i)
	if p.grammar && start {
		return asWord
	}
	if p.calendar && r.dateNearby(text, toks, i) {
		return unsure
	}
	if r.beside(text, toks, i) {
		return unsure
	}
	if start {
		if r.nameFollows(text, toks, i) {
			return asName
		}
		return unsure
	}
	return asName
}

func between(text string, toks []token, i int) string { return text[toks[i-1].end:toks[i].start] }

func spaces(s string) bool { return s != "" && strings.TrimFunc(s, unicode.IsSpace) == "" }

// sameLine is white space with no line break: words that run on.
func sameLine(s string) bool { return spaces(s) && !strings.ContainsAny(s, "\n\r\u2028\u2029") }

// isLower reports whether a word has no capital letter.
func isLower(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) < 0 }

// isCaps reports whether a word of two letters or more has no small letter.
func isCaps(s string) bool {
	letters := 0
	for _, c := range s {
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsLetter(c) {
			letters++
		}
	}
	return letters >= 2
}

// capsNearby reports whether a neighbouring word that is not a recorded
// name is also in capitals.
func (r *redactor) capsNearby(toks []token, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(toks) && isCaps(toks[j].text) && !r.names[toks[j].fold] {
			return true
		}
	}
	return false
}

func (r *redactor) possessive(text string, toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i+1].fold != "s" {
		return false
	}
	c, size := utf8.DecodeRuneInString(between(text, toks, i+1))
	return isApostrophe(c) && size == len(between(text, toks, i+1))
}

// ageFollows reports whether an age in brackets follows: "Ruby (2)",
// "Hope (11 years)".
func ageFollows(text string, toks []token, i int) bool {
	if i+1 >= len(toks) || strings.TrimSpace(between(text, toks, i+1)) != "(" {
		return false
	}
	age, err := strconv.Atoi(toks[i+1].fold)
	return err == nil && age <= 25
}

func (r *redactor) afterTitle(text string, toks []token, i int) bool {
	if i == 0 || !titles[toks[i-1].fold] {
		return false
	}
	g := between(text, toks, i)
	return sameLine(strings.TrimPrefix(g, "."))
}

// sentenceStart reports whether toks[i] starts the text, a line or a
// sentence (after . ! ? or :), opening quotes and brackets aside.
func sentenceStart(text string, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	g := between(text, toks, i)
	if strings.ContainsAny(g, "\n\r\u2028\u2029") {
		return true
	}
	g = strings.TrimRightFunc(g, func(c rune) bool { return unicode.IsSpace(c) || strings.ContainsRune("\"“‘'([{«„‚", c) })
	c, _ := utf8.DecodeLastRuneInString(g)
	return c != utf8.RuneError && strings.ContainsRune(".!?:…•", c)
}

// dateNearby reports whether a month's name is used as one: next to a day
// or a year, or after a word of time.
func (r *redactor) dateNearby(text string, toks []token, i int) bool {
	if i+1 < len(toks) {
		g, next := between(text, toks, i+1), toks[i+1].fold
		plain := spaces(g) || spaces(strings.Replace(g, ",", " ", 1))
		if plain && (isDay(next) || isYear(next)) {
			return true
		}
		// "May '26"
		if g = strings.TrimLeftFunc(g, unicode.IsSpace); g != "" {
			if c, size := utf8.DecodeRuneInString(g); isApostrophe(c) && size == len(g) && len(next) == 2 && isDigits(next) {
				return true
			}
		}
	}
	if i >= 1 {
		g, prev := between(text, toks, i), toks[i-1]
		if spaces(g) {
			if isDay(prev.fold) || timeWords[prev.fold] {
				return true
			}
			// "the 3rd of May", "the end of May"
			if prev.fold == "of" && i >= 2 && spaces(between(text, toks, i-1)) && (isDay(toks[i-2].fold) || partOfMonth[toks[i-2].fold]) {
				return true
			}
		}
		if c, size := utf8.DecodeRuneInString(g); size == len(g) && isHyphen(c) && prev.fold == "mid" {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' }) < 0
}

// isDay reports whether a word is a day of the month: "3", "03", "3rd".
func isDay(s string) bool {
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suffix)
	}
	n, err := strconv.Atoi(s)
	return err == nil && isDigits(s) && len(s) <= 2 && n >= 1 && n <= 31
}

func isYear(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && n >= 1900 && n <= 2199
}

// beside reports whether toks[i] runs on from, or into, another word with
// a capital that is no recorded name, title, month or day: "Hope Street",
// "Rose Cottage". A word with a capital because it starts the sentence
// does not count.
func (r *redactor) beside(text string, toks []token, i int) bool {
	capital := func(j int) bool {
		t := toks[j]
		first, _ := utf8.DecodeRuneInString(t.text)
		return unicode.IsUpper(first) && utf8.RuneCountInString(t.text) > 1 &&
			!r.names[t.fold] && !titles[t.fold] && !calendarWords[t.fold]
	}
	if i+1 < len(toks) && sameLine(between(text, toks, i+1)) && capital(i+1) {
		return true
	}
	return i >= 1 && sameLine(between(text, toks, i)) && capital(i-1) && !sentenceStart(text, toks, i-1)
}

// nameFollows reports whether what follows a word that starts a sentence
// shows it to be a name: a verb of saying or doing ("May said", "May was
// born"), or "and" and another recorded name ("Hope and Amelia").
func (r *redactor) nameFollows(text string, toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	next := toks[i+1]
	g := between(text, toks, i+1)
	if sameLine(g) && isLower(next.text) && nameVerbs[next.fold] {
		return true
	}
	// "May was born", "Hope is frightened"
	if sameLine(g) && auxiliaries[next.fold] && i+2 < len(toks) && sameLine(between(text, toks, i+2)) &&
		isLower(toks[i+2].text) && (nameVerbs[toks[i+2].fold] || participles[toks[i+2].fold]) {
		return true
	}
	and := sameLine(g) && next.fold == "and"
	if !and && strings.TrimSpace(g) != "&" && strings.TrimSpace(g) != "," {
		return false
	}
	j := i + 1
	if !and {
		j = i // "Hope & Amelia", "Hope, Amelia": the name is the next token
	}
	return j+1 < len(toks) && r.names[toks[j+1].fold] && !isLower(toks[j+1].text)
}

// Dates and NHS numbers.

const monthPattern = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

var (
	// 14/03/2015, 14.3.15, 14-03-2015: day, month, year.
	numericDate = regexp.MustCompile(`(\d{1,2})([./-])(\d{1,2})([./-])(\d{4}|\d{2})`)
	// 2015-03-14
	isoDate = regexp.MustCompile(`(\d{4})([./-])(\d{1,2})([./-])(\d{1,2})`)
	// 14 March 2015, 14th of March 2015, 14-Mar-2015, Saturday 14 March 2015
	dayMonthYear = regexp.MustCompile(`(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+(` + monthPattern + `)\.?,?[\s-]+(\d{4})\b`)
	// March 14, 2015; March 14th 2015
	monthDayYear = regexp.MustCompile(`(?i)\b(` + monthPattern + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// what says a date is a date of birth, just before it
	bornBefore = regexp.MustCompile(`(?i)(?:\bborn|\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday)(?:\s*(?:is|was|on|of|:|-|–))*\s*\(?\s*$`)
	onBefore   = regexp.MustCompile(`(?i)\bon\s+$`)

	// 943 476 5919, 943-476-5919, 9434765919
	nhsNumber = regexp.MustCompile(`\d{3}([ \x{00A0}-]?)\d{3}([ \x{00A0}-]?)\d{4}`)
	nhsBefore = regexp.MustCompile(`(?i)\bnhs\s*(?:no\.?|number|num\.?|#)?(?:\s*(?:is|was|:|-|–))*\s*\(?\s*$`)
)

// numbers finds the dates of birth and NHS numbers in text, in order.
func (r *redactor) numbers(text string) []replacement {
	var reps []replacement
	add := func(rep replacement) { reps = append(reps, rep) }
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(text, -1) {
		day, _ := strconv.Atoi(text[m[2]:m[3]])
		year, _ := strconv.Atoi(text[m[6]:m[7]])
		r.birth(text, m[0], m[1], year, monthOf(text[m[4]:m[5]]), day, false, add)
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(text, -1) {
		day, _ := strconv.Atoi(text[m[4]:m[5]])
		year, _ := strconv.Atoi(text[m[6]:m[7]])
		r.birth(text, m[0], m[1], year, monthOf(text[m[2]:m[3]]), day, false, add)
	}
	for _, m := range isoDate.FindAllStringSubmatchIndex(text, -1) {
		if text[m[4]:m[5]] != text[m[8]:m[9]] || !standsAlone(text, m[0], m[1]) {
			continue
		}
		year, _ := strconv.Atoi(text[m[2]:m[3]])
		month, _ := strconv.Atoi(text[m[6]:m[7]])
		day, _ := strconv.Atoi(text[m[10]:m[11]])
		r.birth(text, m[0], m[1], year, time.Month(month), day, false, add)
	}
	for _, m := range numericDate.FindAllStringSubmatchIndex(text, -1) {
		if text[m[4]:m[5]] != text[m[8]:m[9]] || !standsAlone(text, m[0], m[1]) {
			continue
		}
		day, _ := strconv.Atoi(text[m[2]:m[3]])
		month, _ := strconv.Atoi(text[m[6]:m[7]])
		year, _ := strconv.Atoi(text[m[10]:m[11]])
		r.birth(text, m[0], m[1], year, time.Month(month), day, m[11]-m[10] == 2, add)
	}
	for _, m := range nhsNumber.FindAllStringSubmatchIndex(text, -1) {
		if text[m[2]:m[3]] != text[m[4]:m[5]] || !standsAlone(text, m[0], m[1]) {
			continue
		}
		labelled := nhsBefore.MatchString(text[max(0, m[0]-30):m[0]])
		if !labelled && !nhsCheckDigit(text[m[0]:m[1]]) {
			continue
		}
		with := "[NHS number]"
		if labelled { // "NHS number [removed]", not "NHS number [NHS number]"
			with = "[removed]"
		}
		add(replacement{m[0], m[1], with, changedNHS})
	}
	// Where two overlap ("14 March 2015" in "Saturday 14 March 2015"), the
	// one that starts first, then the longer, is kept.
	slices.SortFunc(reps, func(a, b replacement) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	kept := reps[:0]
	for _, rep := range reps {
		if len(kept) == 0 || rep.start >= kept[len(kept)-1].end {
			kept = append(kept, rep)
		}
	}
	return kept
}

// standsAlone reports whether the digits at text[start:end] are not part
// of a longer number ("1.2.3.4", a phone number).
func standsAlone(text string, start, end int) bool {
	digit := func(i int) bool { return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9' }
	joiner := func(i int) bool { return i >= 0 && i < len(text) && strings.IndexByte("./-", text[i]) >= 0 }
	if digit(start-1) || joiner(start-1) && digit(start-2) {
		return false
	}
	return !digit(end) && !(joiner(end) && digit(end+1))
}

// birth adds the date at text[start:end] as a date of birth, its year
// only, when it is one: a recorded date of birth (a two-digit year matching
// its last two digits), or any date just after "born" or "DOB".
func (r *redactor) birth(text string, start, end, year int, month time.Month, day int, twoDigit bool, add func(replacement)) {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return
	}
	if twoDigit {
		century := 2000
		if r.year > 0 && century+year > r.year || r.year == 0 && year > 50 {
			century = 1900
		}
		for _, b := range r.births {
			if b.Month == month && b.Day == day && b.Year%100 == year {
				century = b.Year - year
				break
			}
		}
		year += century
	}
	if t := time.Date(year, month, day, 12, 0, 0, 0, time.UTC); t.Day() != day {
		return // 31 February
	}
	d := meeting.Date{Year: year, Month: month, Day: day}
	before := text[max(0, start-40):start]
	if !slices.Contains(r.births, d) && !bornBefore.MatchString(before) {
		return
	}
	with := strconv.Itoa(year)
	// "born on 14/03/2015" is "born in 2015".
	if m := onBefore.FindStringIndex(before); m != nil {
		start -= len(before) - m[0]
		with = "in " + with
		if text[start] == 'O' {
			with = "I" + with[1:]
		}
	}
	add(replacement{start, end, with, changedBirth})
}

func monthOf(s string) time.Month {
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s[:3]) {
			return m
		}
	}
	return 0
}

// nhsCheckDigit reports whether ten digits end with the NHS number's
// modulus-11 check digit.
func nhsCheckDigit(s string) bool {
	var d []int
	for _, c := range s {
		if c >= '0' && c <= '9' {
			d = append(d, int(c-'0'))
		}
	}
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := range 9 {
		sum += d[i] * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == d[9]
}
