package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func runes(t *testing.T) *runeSet {
	t.Helper()
	s, err := covered()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The Latin font must draw the names and punctuation of the families and
// professionals the app records, in every face.
func TestFontCoversWhatPeopleWrite(t *testing.T) {
	s := runes(t)
	lat, err := latinCovered()
	if err != nil {
		t.Fatal(err)
	}
	samples := []string{
		"Zażółć gęślą jaźń ĄĆĘŁŃÓŚŹŻ",               // Polish
		"Şükrü Yılmaz İĞğıŞşÇçÖöÜü",                 // Turkish
		"Nguyễn Thị Hương ễ ữ ặ ầ ờ ỹ Đđ ơ ư ậ ở ự", // Vietnamese
		"Γιώργος Παπαδόπουλος ΆΈΉΊΌΎΏ",              // Greek
		"Дмитрий Иванович Ёё Її Єє Ґґ",              // Cyrillic
		"Siobhán Ní Bhriain Chloë Brontë Zoë",       // Irish, diaereses
		"‘’ “” „ ‹› «» – — … • £ € © ° ½ ×",         // typography and money
		string(substitute),
	}
	for _, text := range samples {
		for _, r := range text {
			if r != ' ' && !lat.has(r) {
				t.Errorf("the font lacks %q (U+%04X) of %q", r, r, text)
			}
		}
		if got := s.clean(text, false); got != text {
			t.Errorf("clean(%q) = %q, want it unchanged", text, got)
		}
	}
}

func TestClean(t *testing.T) {
	s := runes(t)
	const sub = string(substitute)
	tests := []struct {
		name, in  string
		multiline bool
		want      string
	}{
		{"plain", "Amelia Kowalczyk", false, "Amelia Kowalczyk"},
		{"decomposed accents composed", "Nguye\u0302\u0303n e\u0301", false, "Nguyễn é"},
		{"emoji", "Baby 😀", false, "Baby " + sub},
		{"two emoji", "😀😀", false, sub + sub},
		{"skin tone folded", "👶🏽!", false, sub + "!"},
		{"joined family is one picture", "a 👨‍👩‍👧 b", false, "a " + sub + " b"},
		{"two flags", "🇬🇧🇵🇱", false, sub + sub},
		{"subdivision flag", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", false, sub},
		{"variation selector dropped", "©\uFE0F ok", false, "© ok"},
		{"heart with selector", "❤️x", false, sub + "x"},
		{"zero-width joiner between letters dropped", "a\u200Db", false, "ab"},
		{"direction overrides dropped", "\u202Eevil\u202C", false, "evil"},
		{"soft hyphen and byte order mark dropped", "\uFEFFx\u00ADy", false, "xy"},
		{"control characters", "a\x00b\x07c\x1b", false, "a" + sub + "b" + sub + "c" + sub},
		{"invalid UTF-8", "a\xffb\xc3\x28", false, "a" + sub + "b" + sub + "("},
		{"scripts with a font", "مرحبا 中文 नमस्ते", false, "مرحبا 中文 नमस्ते"},
		{"scripts without a font", "ሰላም 안녕", false, strings.Repeat(sub, 3) + " " + sub + sub},
		{"joiners kept where they choose forms", "क्‍ष می‌خواهم", false, "क्‍ष می‌خواهم"},
		{"joiners dropped elsewhere", "a‌b 王‍明", false, "ab 王明"},
		{"private use", "\uE000", false, sub},
		{"above the BMP, not emoji", "𝔄", false, sub},
		{"tabs and odd spaces", "a\tb\u00A0c\u2003d", false, "a b c d"},
		{"line breaks, one line", "a\r\nb\rc\nd\u2028e", false, "a b c d e"},
		{"line breaks, multiline", "a\r\nb\rc\nd\u2028e", true, "a\nb\nc\nd\ne"},
		{"replacement character kept", "\uFFFD", false, sub},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.clean(tt.in, tt.multiline)
			if got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, r := range got {
				if r != '\n' && r != ' ' && r != zwj && r != zwnj && !s.has(r) {
					t.Errorf("clean left %q, which the fonts lack", r)
				}
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Amelia", "👶🏽👨‍👩‍👧", "\xff\xfe", "e\u0301\u0301\u0301", "\u202E", "🇬🇧🇬"} {
		f.Add(s)
	}
	s, err := covered()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, multiline := range []bool{false, true} {
			got := s.clean(in, multiline)
			if !utf8.ValidString(got) {
				t.Fatalf("clean(%q) is not valid UTF-8", in)
			}
			var prev rune
			for _, r := range got {
				joiner := (r == zwj || r == zwnj) && joinsForms(prev)
				if !(r == ' ' || multiline && r == '\n' || joiner) && !s.has(r) || r < ' ' && r != '\n' {
					t.Fatalf("clean(%q, %v) left %q", in, multiline, r)
				}
				prev = r
			}
		}
	})
}
