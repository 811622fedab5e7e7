package pdf

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"strategyminutes/meeting"
)

// Names as families write them, in every script the PDF has a font for.
var scriptNames = []struct {
	script, name string
	font         string // the family that draws it, beyond the Latin faces
}{
	{"Arabic", "فاطمة الزهراء", "noto-arab"},
	{"Hebrew", "נועה כהן", "noto-hebr"},
	{"Chinese", "王小明", "noto-cjk"},
	{"Bengali", "অমিত রায়", "noto-beng"},
	{"Gurmukhi", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "noto-guru"},
	{"Gujarati", "પ્રિયા પટેલ", "noto-gujr"},
	{"Devanagari", "अनन्या शर्मा", "noto-deva"},
	{"Tamil", "கார்த்திக்", "noto-taml"},
	{"Greek", "Γιώργος Παπαδόπουλος", ""},
	{"Cyrillic", "Дмитрий Иванов", ""},
	{"Polish", "Zofia Wiśniewska-Żółć", ""},
	{"Vietnamese", "Nguyễn Thị Hương", ""},
}

// extracted is the PDF's text as pdftotext gives it, without the direction
// marks it puts around right-to-left words.
func extracted(t *testing.T, doc []byte) []string {
	t.Helper()
	pages := pdfText(t, doc)
	for i, p := range pages {
		pages[i] = strings.Map(func(r rune) rune {
			if r >= '\u202A' && r <= '\u202E' {
				return -1
			}
			return r
		}, p)
	}
	return pages
}

// infoFields parses pdfinfo's output into its fields.
func infoFields(t *testing.T, doc []byte) map[string]string {
	t.Helper()
	info := map[string]string{}
	for l := range strings.SplitSeq(pdfInfo(t, doc), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// embedded lists the fonts a PDF embeds, by fpdf's family and style.
func embedded(doc []byte) []string {
	var out []string
	for _, part := range bytes.Split(doc, []byte("/BaseFont /utf8"))[1:] {
		name, _, _ := bytes.Cut(part, []byte("\n"))
		if n := string(name); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// A name in any of the scripts comes back from the PDF's text, in the body,
// in the running header of every page and in the metadata, with nothing
// replaced, and the document embeds that script's font and no other.
func TestNamesInEveryScript(t *testing.T) {
	for _, tt := range scriptNames {
		t.Run(tt.script, func(t *testing.T) {
			m := exampleMeetings(t)[0]
			m.Children[0].Name = tt.name
			m.Chair = tt.name
			m.Reference = tt.name
			m.Attendees[0].Name = tt.name
			m.Reason = "Referred by the school. " + tt.name + " said 12 times that nobody was home."
			var warned []string
			doc := render(t, m, Options{ExportedAt: exportedAt, OnUnprintable: func(f string) { warned = append(warned, f) }})
			if len(warned) > 0 {
				t.Errorf("warned of unprintable text in %v", warned)
			}
			pages := extracted(t, doc)
			text := flat(pages)
			if strings.ContainsRune(text, substitute) {
				t.Errorf("the text has a substitute: %q", text)
			}
			if n := strings.Count(text, tt.name); n < 4+len(pages) {
				t.Errorf("the name comes back %d times, want at least %d (child, chair, attendee, reason and every page's header): %q", n, 4+len(pages), text)
			}
			for i, p := range pages {
				if head, _, _ := strings.Cut(p, "\n"); !strings.Contains(p, tt.name) {
					t.Errorf("page %d lacks the name in its header %q", i+1, head)
				}
			}
			info := infoFields(t, doc)
			if !strings.Contains(info["Title"], tt.name) || info["Author"] != tt.name {
				t.Errorf("metadata title %q, author %q: want the name in both", info["Title"], info["Author"])
			}
			want := []string{"noto", "notoB", "notoI"}
			switch tt.font {
			case "":
			case "noto-cjk":
				want = append(want, tt.font) // one face: bold is stroked
			default:
				want = append(want, tt.font, tt.font+"B") // names in tables are bold
			}
			slices.Sort(want)
			if got := embedded(doc); !slices.Equal(got, want) {
				t.Errorf("fonts embedded %v, want %v", got, want)
			}
		})
	}
}

// Every name, in every script, on one page: what the fonts look like beside
// each other, and the right-to-left and shaped text read back in order.
func TestAllScriptsInOneDocument(t *testing.T) {
	m := exampleMeetings(t)[0]
	m.Children = nil
	var free []string
	for i, tt := range scriptNames {
		m.Children = append(m.Children, meeting.Child{ID: "c" + string(rune('a'+i)), Name: tt.name})
		free = append(free, tt.name)
	}
	m.Reason = "Names as recorded: " + strings.Join(free, ", ") + "."
	doc := render(t, m, Options{ExportedAt: exportedAt})
	text := flat(extracted(t, doc))
	for _, tt := range scriptNames {
		if strings.Count(text, tt.name) < 2 {
			t.Errorf("%s: %q comes back %d times, want at least 2", tt.script, tt.name, strings.Count(text, tt.name))
		}
	}
	if strings.ContainsRune(text, substitute) {
		t.Error("the text has a substitute")
	}
}

// An emoji, or a script the app ships no font for, prints as a visible
// substitute, and the export names the field (by its path, never its text).
func TestUnprintableIsShownAndReported(t *testing.T) {
	m := exampleMeetings(t)[0]
	m.Children[1].Name = "Baby 😀"
	m.Attendees[2].Note = "Spoke to 지민 at the door"
	m.Reason = "Fine 👍🏽"
	amend := []meeting.Amendment{{At: exportedAt, By: "Priya 🙂 Raman", Reason: "Typo"}}
	tests := []struct {
		name string
		opt  Options
		want []string
	}{
		{"full copy", Options{ExportedAt: exportedAt, Amendments: amend},
			[]string{"attendees[2].note", "children[1].name", "reason", "amendments[0].by"}},
		// The distribution copy prints the child's initials only: "B.".
		{"initials", Options{ExportedAt: exportedAt, Amendments: amend, Initials: true},
			[]string{"attendees[2].note", "reason", "amendments[0].by"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			opt := tt.opt
			opt.OnUnprintable = func(f string) { got = append(got, f) }
			doc := render(t, m, opt)
			if !slices.Equal(got, tt.want) {
				t.Errorf("reported %v, want %v", got, tt.want)
			}
			if f := UnprintableFields(m, tt.opt); !slices.Equal(f, tt.want) {
				t.Errorf("UnprintableFields = %v, want %v", f, tt.want)
			}
			text := flat(extracted(t, doc))
			sub := string(substitute)
			mustContain(t, text, "Fine "+sub, "Spoke to "+sub+sub+" at the door")
			if !tt.opt.Initials {
				mustContain(t, text, "Baby "+sub)
			}
		})
	}
}

func TestUnprintable(t *testing.T) {
	tests := []struct {
		in   string
		want []rune
	}{
		{"Amelia Kowalczyk", nil},
		{"فاطمة الزهراء נועה 王小明 अनन्या கார்த்திக்", nil},
		{"Nguye\u0302\u0303n", nil}, // composed first
		{"a\u200Db \u202Eevil\u202C", nil},
		{"Baby 😀😀", []rune{'😀'}},
		{"👶🏽 and 👨‍👩‍👧", []rune{'👶', '👨'}},
		{"🇬🇧", []rune{'🇬'}},
		{"지민 ሰላም", []rune("지민ሰላም")},
		{"bell\a", []rune{'\a'}},
		{"line\nbreak\ttab", nil},
	}
	for _, tt := range tests {
		if got := Unprintable(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Unprintable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFieldLabel(t *testing.T) {
	for path, want := range map[string]string{
		"children[0].name":  "Child 1, Name",
		"attendees[2].note": "Attendee 3, Note",
		"reason":            "Reason for the meeting",
		"amendments[0].by":  "Amendment 1: by",
	} {
		if got := FieldLabel(path); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", path, got, want)
		}
	}
}

// The metadata keeps every character, emoji included: readers show it in
// their own fonts.
func TestMetadataInEveryScript(t *testing.T) {
	conf := docConfig{
		Title:    "王小明 😀 فاطمة",
		Subject:  "अनन्या\tशर्मा",
		Author:   "נועה כהן",
		Keywords: "OFFICIAL-SENSITIVE; கார்த்திக்",
		Creator:  "Strategy Minutes 1.0",
	}
	d, err := newDocument(conf)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.write(&b); err != nil {
		t.Fatal(err)
	}
	info := infoFields(t, b.Bytes())
	for k, want := range map[string]string{
		"Title": "王小明 😀 فاطمة", "Subject": "अनन्या शर्मा", "Author": "נועה כהן",
		"Keywords": "OFFICIAL-SENSITIVE; கார்த்திக்",
	} {
		if info[k] != want {
			t.Errorf("%s = %q, want %q", k, info[k], want)
		}
	}
}

// The shaper really shapes: Devanagari's conjuncts and reordered vowel
// signs, Arabic's joined forms, right-to-left order.
func TestShaping(t *testing.T) {
	d, err := newDocument(docConfig{})
	if err != nil {
		t.Fatal(err)
	}
	glyphs := func(s string) []glyph {
		spans := d.layout(s, bodyStyle)
		if len(spans) != 1 || !spans[0].fam.shaped() {
			t.Fatalf("%q: %d spans, want one shaped", s, len(spans))
		}
		return spans[0].glyphs
	}
	if g := glyphs("क्ष"); len(g) != 1 {
		t.Errorf("क्ष (ka, virama, ssa) gave %d glyphs, want one conjunct", len(g))
	}
	// The vowel sign i (a form of it as wide as the consonant) is drawn
	// first, on the left of ka.
	if g := glyphs("कि"); len(g) != 2 || g[0].code == 'क' || g[1].code != 'क' {
		t.Errorf("कि: the vowel sign i must come first, before ka: %q", codes(g))
	}
	// Beh, beh, beh: initial, medial, final forms, none the isolated letter.
	for _, g := range glyphs("ببب") {
		if g.code == 'ب' {
			t.Errorf("ببب drew an isolated beh: %q", codes(glyphs("ببب")))
		}
	}
	// Right to left: the alef of "با" (beh, alef) is drawn first, on the left.
	if g := glyphs("با"); len(g) != 2 || g[0].code == 'ب' || g[1].code == 'ا' {
		t.Errorf("با in visual order: %q", codes(g))
	}
}

func codes(gs []glyph) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteRune(g.code)
	}
	return b.String()
}

// Lines mixing scripts are ordered by the bidirectional algorithm.
func TestBidiOrder(t *testing.T) {
	tests := []struct {
		in   string
		rtl  bool // the paragraph's direction, from its first strong character
		want string
	}{
		{"Amelia Kowalczyk", false, "Amelia Kowalczyk"},
		{"אבג", true, "גבא"},
		{"abc אבג def", false, "abc גבא def"},
		{"אבג 123 דהו", true, "והד 123 גבא"},
		{"אבג (abc) דהו", true, "והד (abc) גבא"},
		{"Ali (علي) Hassan", false, "Ali (يلع) Hassan"},
		{"x فاطمة 123", false, "x 123 ةمطاف"},
		{"1.5% abc", false, "1.5% abc"},
		{"£5 for אבג.", false, "£5 for גבא."},
		{"אבג, 5 km", true, "km 5 ,גבא"},
		{"אב ", true, " בא"},
		// An isolate is a neutral outside and a paragraph inside.
		{"אב \u2068abc 12\u2069 גד", true, "דג \u2069abc 12\u2068 בא"},
		{"x \u2068فاطمة\u2069 3 y", false, "x \u2068ةمطاف\u2069 3 y"},
		{"فاطمة 3", true, "3 ةمطاف"},
	}
	for _, tt := range tests {
		rs := []rune(tt.in)
		if got := paragraphRTL(rs); got != tt.rtl {
			t.Errorf("%q: right to left %v, want %v", tt.in, got, tt.rtl)
		}
		levels := bidiLevels(rs, tt.rtl)
		var b strings.Builder
		for _, i := range visualOrder(levels) {
			r := rs[i]
			if levels[i]%2 == 1 {
				r = mirrored(r)
			}
			b.WriteRune(r)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("%q: drawn as %q, want %q (levels %v)", tt.in, got, tt.want, levels)
		}
	}
}

// Each family's bold face draws what its regular face draws, and the copy of
// each shaped face that the PDF embeds reaches every glyph by a code.
func TestFontFaces(t *testing.T) {
	for _, f := range families[1:] {
		reg, err := readCmap(f.faces[0]())
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if f.faces[1] != nil {
			bold, err := readCmap(f.faces[1]())
			if err != nil {
				t.Fatalf("%s bold: %v", f.name, err)
			}
			if len(bold) != len(reg) {
				t.Errorf("%s: the bold face maps %d characters, the regular %d", f.name, len(bold), len(reg))
			}
		}
		for i := range f.faces {
			if f.faces[i] == nil {
				continue
			}
			l := f.load(i)
			if l.err != nil {
				t.Fatalf("%s face %d: %v", f.name, i, l.err)
			}
			if !f.shaped() {
				continue
			}
			ms, err := readCmap(l.data)
			if err != nil {
				t.Fatalf("%s face %d, as embedded: %v", f.name, i, err)
			}
			byCode := map[rune]uint16{}
			for _, m := range ms {
				byCode[m.r] = m.gid
			}
			for gid, code := range l.codes[1:] {
				if byCode[code] != uint16(gid+1) {
					t.Errorf("%s face %d: glyph %d has code U+%04X, which maps to glyph %d", f.name, i, gid+1, code, byCode[code])
					break
				}
			}
			if orig, _ := readCmap(f.faces[i]()); len(ms) < len(orig) {
				t.Errorf("%s face %d: the embedded map lost characters", f.name, i)
			}
		}
	}
}

// Wrapped lines in any script fit their width, and truncated text too.
func TestWrapInEveryScript(t *testing.T) {
	d, err := newDocument(docConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range scriptNames {
		text := strings.Repeat(tt.name+" ", 30) + strings.Repeat(strings.ReplaceAll(tt.name, " ", ""), 12)
		for _, width := range []float64{contentWidth, 40, 12} {
			lines := d.wrap(text, bodyStyle, width)
			if len(lines) < 2 {
				t.Errorf("%s: %d lines at %v mm", tt.script, len(lines), width)
			}
			for _, l := range lines {
				d.use(bodyStyle)
				if w := d.width(l); w > width+0.01 && len(clusterBounds(l)) > 2 {
					t.Errorf("%s: a line %.1f mm wide at %v mm: %q", tt.script, w, width, l)
				}
			}
			if got := strings.Join(strings.Fields(strings.Map(dropMarks, strings.Join(lines, ""))), ""); got != strings.Join(strings.Fields(text), "") {
				t.Errorf("%s: wrapping at %v mm lost text", tt.script, width)
			}
		}
		s := d.truncate(text, bodyStyle, 30)
		if d.use(bodyStyle); d.width(s) > 30 || !strings.HasSuffix(s, "…") {
			t.Errorf("%s: truncated to %q, %.1f mm", tt.script, s, d.width(s))
		}
	}
}

func dropMarks(r rune) rune {
	if r == lrm || r == rlm {
		return -1
	}
	return r
}

// BenchmarkExportMinutesPDFScripts exports the meeting of
// BenchmarkExportMinutesPDF with its people named in every script.
func BenchmarkExportMinutesPDFScripts(b *testing.B) {
	m := sized(20, 10, 30)
	for i := range m.Attendees {
		m.Attendees[i].Name = scriptNames[i%len(scriptNames)].name
	}
	for i := range m.Children {
		m.Children[i].Name = scriptNames[(i+3)%len(scriptNames)].name
	}
	for i := range m.Actions {
		m.Actions[i].Owner = scriptNames[(i+5)%len(scriptNames)].name
	}
	opt := Options{ExportedAt: exportedAt, Version: "1.0.0"}
	var buf bytes.Buffer
	if err := WriteMinutes(&buf, m, opt); err != nil { // the fonts are read once, here
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteMinutes(&buf, m, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

// The parts of the running header are isolated: a date after an Arabic
// reference stays after it, reading left to right.
func TestRunningHeaderIsolatesItsParts(t *testing.T) {
	d, err := newDocument(docConfig{})
	if err != nil {
		t.Fatal(err)
	}
	line := d.isolated("Strategy meeting minutes · SM فاطمة · 3 June 2025", " · ")
	rs := []rune(line)
	levels := bidiLevels(rs, paragraphRTL(rs))
	var b strings.Builder
	for _, i := range visualOrder(levels) {
		if !invisible(rs[i]) {
			b.WriteRune(rs[i])
		}
	}
	if got, want := b.String(), "Strategy meeting minutes · SM ةمطاف · 3 June 2025"; got != want {
		t.Errorf("drawn as %q, want %q", got, want)
	}
}

// The export reports only what the PDF printed: a child's id is not printed,
// so an emoji in it is no warning, though the record has one.
func TestUnprintableNotPrintedIsNotReported(t *testing.T) {
	m := exampleMeetings(t)[0]
	m.Children[0].ID = "child-😀"
	var got []string
	render(t, m, Options{ExportedAt: exportedAt, OnUnprintable: func(f string) { got = append(got, f) }})
	if len(got) > 0 {
		t.Errorf("reported %v", got)
	}
	if f := UnprintableFields(m, Options{}); !slices.Equal(f, []string{"children[0].id"}) {
		t.Errorf("UnprintableFields = %v, want the id", f)
	}
}

// Text in odd mixes of scripts and directions, cut at widths narrower than
// a letter, neither panics nor fails the document. (FuzzWriteMinutes puts
// random text through the same code; these are the cases worth keeping.)
func TestLayoutOddText(t *testing.T) {
	odd := []string{
		"\u2068فاطمة\u2069 · 3", "\u2068\u2068x", "\u2069\u2069", "क्\u200Dष می\u200Cखواहम", "\u200F\u200E", "\u200D",
		"ب\u0651\u064E\u0301", "王 👶🏽 ሰ", "((]]}", "נ.\x95עה כהן (Ali) 12.5% נו\x80ה", "فاطمة اٷمة", "\u0651\u0651\u0651",
		strings.Repeat("क्ष", 200), strings.Repeat("فاطمة", 300), strings.Repeat("王", 500),
	}
	for _, s := range scriptNames {
		odd = append(odd, s.name+" (Ali) 12.5% "+s.name)
	}
	for _, s := range odd {
		d, err := newDocument(docConfig{Running: s, Title: s})
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []float64{1, 3, 40, contentWidth} {
			for _, l := range d.wrap(s, bodyStyle, width) {
				d.text(marginX, d.y, width, l, bodyStyle.bold(), "R")
			}
			d.text(marginX, d.y, width, d.truncate(s, tableStyle, width), tableStyle.italic(), "C")
		}
		if err := d.write(io.Discard); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}
