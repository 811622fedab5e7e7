package pdf

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"strategyminutes/meeting"
)

func TestInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Amelia Kowalczyk", "A.K."},
		{"  amelia   kowalczyk ", "A.K."},
		{"Mary-Jane Smith-Jones", "M-J.S-J."},
		{"Nguyễn Thị Hương", "N.T.H."},
		{"Nguye\u0302\u0303n", "N."},
		{"Γιώργος Παπαδόπουλος", "Γ.Π."},
		{"Şükrü Yılmaz", "Ş.Y."},
		{"Émile d'Artagnan", "É.D."},
		{"Niamh O'Connor", "N.O."},
		{"李小龙", "李."},
		{"Baby 2", "B.2."},
		{"👶🏽", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := initials(tt.name); got != tt.want {
			t.Errorf("initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// namedFamily is a meeting whose children and household have every kind of
// name the redactor must find: accents, an apostrophe, hyphens, names that
// are everyday words, a family plan with names and roles.
func namedFamily() *meeting.Meeting {
	return &meeting.Meeting{
		ID: "family", HeldAt: time.Date(2025, 6, 3, 10, 30, 0, 0, meeting.UK),
		Children: []meeting.Child{
			{ID: "c1", Name: "Amelia Kowalczyk", DateOfBirth: meeting.Date{Year: 2015, Month: 3, Day: 14}},
			{ID: "c2", Name: "Zoë O'Brien-Smith", DateOfBirth: meeting.Date{Year: 2019, Month: 2, Day: 28}},
			{ID: "c3", Name: "May Kowalczyk", DateOfBirth: meeting.Date{Year: 2021, Month: 5, Day: 3}},
			{ID: "c4", Name: "Hope Smith-Jones"},
			{ID: "c5", Name: "Jo"},
			{ID: "c6", Name: "👶🏽 Baby"},
			{ID: "c7", Name: "Nguyễn Thị Hương"},
		},
		Household: []meeting.Member{
			{ID: "p1", Name: "Anna Kowalczyk", Relationship: meeting.RelationshipMother, DateOfBirth: meeting.Date{Year: 1990, Month: 7, Day: 9}},
			{ID: "p2", Name: "Piotr Wiśniewski", Relationship: meeting.RelationshipParentPartner},
			{ID: "p3", Name: "Łukasz Żółć", Relationship: meeting.RelationshipOtherAdult},
		},
		FamilyPlan: []meeting.FamilyLine{
			{Person: "Mr Wiśniewski"},
			{Person: "maternal grandmother"},
			{Person: "Nan (Barbara Nowak)"},
		},
	}
}

func TestRedactor(t *testing.T) {
	tests := []struct{ in, want string }{
		// Any case, with or without accents, surname first.
		{"AMELIA said", "A. said"},
		{"AMELIA KOWALCZYK said", "A.K. said"},
		{"amelia kowalczyk said", "A.K. said"},
		{"Kowalczyk, Amelia", "A.K."},
		{"KOWALCZYK Amelia and KOWALCZYK", "A.K. and K."},
		{"Zoe, ZOË and zoe", "Z., Z. and Z."},
		{"Nguyen Thi Huong and HUONG", "N.T.H. and H."},
		{"Nguyen Huong", "N.H."},
		// Possessives with straight and curly apostrophes.
		{"Amelia's bruise", "A.'s bruise"},
		{"Amelia’s bruise", "A.’s bruise"},
		{"Amelias' bruise", "A.'s bruise"},
		{"Amelias’ bruise", "A.’s bruise"},
		// Apostrophes and hyphens in names.
		{"Zoe O’Brien-Smith", "Z.O-S."},
		{"Ms O'Brien, Ms OBrien", "Ms O., Ms O."},
		{"Mr Kowalczyk and Ms Smith-Jones; Smith; Jones", "Mr K. and Ms S-J.; S.; J."},
		{"spoke to Amelia.", "spoke to A."},
		// Initials already, and other words, are left.
		{"A.K. and A. K. and AK", "A.K. and A. K. and AK"},
		{"Ameliana and Kowalczykowa are other names", "Ameliana and Kowalczykowa are other names"},
		{"Jo and Joanne", "J. and Joanne"},
		{"a 👶🏽 emoji is no name", "a 👶🏽 emoji is no name"},
		// The household and the family plan's names, not its roles.
		{"Anna told Piotr Wisniewski; Mr Wiśniewski agreed", "A. told P.W.; Mr W. agreed"},
		{"Lukasz Zolc and LUKASZ", "Ł.Ż. and Ł."},
		{"Nan, Barbara Nowak, and the maternal grandmother", "Nan, B.N., and the maternal grandmother"},
		// Names that are everyday words, where they stand as names...
		{"May said she was scared", "M. said she was scared"},
		{"I hope May is safe", "I hope M. is safe"},
		{"Hope said there is hope", "H. said there is hope"},
		{"MAY said", "M. said"},
		{"Miss May and May's sister", "Miss M. and M.'s sister"},
		{"May (3) and Hope (11 years) live there", "M. (3) and H. (11 years) live there"},
		{"May and Amelia went", "M. and A. went"},
		{"May, Hope and Amelia attended", "M., H. and A. attended"},
		{"Yesterday May told her teacher", "Yesterday M. told her teacher"},
		{"the baby was seen; Baby was weighed", "the baby was seen; B. was weighed"},
		{"Hope Smith-Jones and hope smith-jones", "H.S-J. and H.S-J."},
		// ... and where they do not.
		{"Police attended in May 2026.", "Police attended in May 2026."},
		{"on 3 May, by May, May 3rd, May '26, mid-May, the end of May", "on 3 May, by May, May 3rd, May '26, mid-May, the end of May"},
		{"In May, the family moved. Since May they", "In May, the family moved. Since May they"},
		{"She may be at risk. May be at risk.", "She may be at risk. May be at risk."},
		{"there is hope", "there is hope"},
		{"Hope Street and Mark Hope", "Hope Street and Mark Hope"},
		{"WE HOPE SO", "WE HOPE SO"},
		{"", ""},
	}
	r := newRedactor(namedFamily())
	for _, tt := range tests {
		if got := r.apply("reason", tt.in); got != tt.want {
			t.Errorf("apply(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var none *redactor
	if got := none.apply("reason", "Amelia"); got != "Amelia" {
		t.Errorf("a nil redactor changed the text: %q", got)
	}
}

func TestRedactorDatesOfBirth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"born 14/03/2015", "born 2015"},
		{"DOB 14.3.15", "DOB 2015"},
		{"(DOB: 14-03-2015)", "(DOB: 2015)"},
		{"14 March 2015", "2015"},
		{"14th March 2015 and 14th of Mar 2015", "2015 and 2015"},
		{"March 14, 2015; March 14th 2015", "2015; 2015"},
		{"2015-03-14", "2015"},
		{"born on 28/2/19", "born in 2019"},
		{"On 14/03/2015 she was born", "In 2015 she was born"},
		{"Anna, 09.07.1990", "A., 1990"},
		{"May was born on 3 May 2021", "M. was born in 2021"},
		// A date of birth not recorded, said to be one.
		{"a sibling, DOB 01/01/2010, and one born 2 Jan 1998", "a sibling, DOB 2010, and one born 1998"},
		// Other dates are left.
		{"seen on 01/01/2010 and 14/03/2016", "seen on 01/01/2010 and 14/03/2016"},
		{"version 1.2.14.3.15, 31/02/2015", "version 1.2.14.3.15, 31/02/2015"},
		{"14/03/2015 10:30", "2015 10:30"},
	}
	r := newRedactor(namedFamily())
	for _, tt := range tests {
		if got := r.apply("reason", tt.in); got != tt.want {
			t.Errorf("apply(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactorNHSNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Amelia 943 476 5919", "A. [NHS number]"},
		{"9434765919 or 943-476-5919", "[NHS number] or [NHS number]"},
		{"NHS number 943 476 5919", "NHS number [removed]"},
		{"NHS no. 943 476 5918 (mistyped)", "NHS no. [removed] (mistyped)"},
		{"ref 943 476 5918", "ref 943 476 5918"},     // not a check digit
		{"call 0943 476 5919", "call 0943 476 5919"}, // part of a longer number
		{"943 4765919", "943 4765919"},               // the shapes are 3-3-4 alike
		{"12345678901 and 1234567890", "12345678901 and 1234567890"},
	}
	r := newRedactor(namedFamily())
	for _, tt := range tests {
		if got := r.apply("reason", tt.in); got != tt.want {
			t.Errorf("apply(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNHSCheckDigit(t *testing.T) {
	tests := []struct {
		s  string
		ok bool
	}{
		{"9434765919", true},
		{"943 476 5919", true},
		{"9434765918", false},
		{"4010232137", true},
		{"1234567890", false}, // its check digit would be 10
		{"943476591", false},
	}
	for _, tt := range tests {
		if got := nhsCheckDigit(tt.s); got != tt.ok {
			t.Errorf("nhsCheckDigit(%q) = %v", tt.s, got)
		}
	}
}

func TestPlanName(t *testing.T) {
	tests := []struct{ person, want string }{
		{"mother", ""},
		{"Mother", ""},
		{"maternal grandmother", ""},
		{"Mr Kowalczyk", "Kowalczyk"},
		{"Anna (mother)", "Anna"},
		{"Mum, Anna Kowalczyk", "Anna Kowalczyk"},
		{"Step-dad", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := planName(tt.person); got != tt.want {
			t.Errorf("planName(%q) = %q, want %q", tt.person, got, tt.want)
		}
	}
}

// A table's name cell is its initials; the tables always show them, so
// the chair's list leaves them out.
func TestRedactorName(t *testing.T) {
	r := newRedactor(namedFamily())
	tests := []struct{ cell, want string }{
		{"Amelia Kowalczyk", "A.K."},
		{"amelia  KOWALCZYK", "A.K."},
		{"Baby", "B."},
		{"May Kowalczyk", "M.K."},
		{"Mr Wiśniewski", "Mr W."},
		{"maternal grandmother", "maternal grandmother"},
	}
	for _, tt := range tests {
		if got := r.name("household[0].name", tt.cell); got != tt.want {
			t.Errorf("name(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
	var none *redactor
	if got := none.name("x", "Amelia"); got != "Amelia" {
		t.Errorf("a nil redactor changed the name: %q", got)
	}
}

// The redactor lists what it did, field by field, and the places it left
// for the chair; the summaries name no one.
func TestRedactorReport(t *testing.T) {
	r := newRedactor(namedFamily())
	r.apply("reason", "Amelia and Anna; Amelia's DOB 14/03/2015, NHS number 943 476 5919. In May 2026 May said hope.")
	r.apply("decisions[1].rationale", "Nothing to hide here.")
	r.apply("actions[0].description", "Hope Street: visit")
	r.apply("reason", "Jo")
	var got Redactions
	r.reportTo(&got)
	if len(got.Fields) != 2 {
		t.Fatalf("fields %+v, want reason and the action", got.Fields)
	}
	reason, action := got.Fields[0], got.Fields[1]
	if reason.Field != "reason" || reason.Label != "Reason for the meeting" || reason.ChildNames != 4 || reason.FamilyNames != 1 ||
		reason.DatesOfBirth != 1 || reason.NHSNumbers != 1 || len(reason.Left) != 1 {
		t.Errorf("reason: %+v", reason)
	}
	if l := reason.Left; len(l) == 1 && (l[0].Word != "May" || l[0].Context != "…2015, NHS number [removed]. In May 2026 M. said hope.") {
		t.Errorf("left %+v", l)
	}
	if action.Label != "Action 1, Action" || action.Replaced() != 0 || len(action.Left) != 1 || action.Left[0].Context != "Hope Street: visit" {
		t.Errorf("action: %+v", action)
	}
	wants := []string{
		"Reason for the meeting: 4 children's names, 1 family member's name, 1 date of birth and 1 NHS number replaced; 1 word that may be a name left as written",
		"Action 1, Action: 1 word that may be a name left as written",
	}
	for i, s := range got.Summaries() {
		if s != wants[i] {
			t.Errorf("summary %d = %q, want %q", i, s, wants[i])
		}
		for _, name := range []string{"Amelia", "Anna", "May", "Hope", "2015", "943"} {
			if strings.Contains(s, name) {
				t.Errorf("summary %q names %q", s, name)
			}
		}
	}
	if got.Replaced() != 7 || got.LeftCount() != 2 {
		t.Errorf("replaced %d, left %d", got.Replaced(), got.LeftCount())
	}
	var none *redactor
	got = Redactions{Fields: []FieldRedactions{{}}}
	none.reportTo(&got)
	if len(got.Fields) != 0 {
		t.Error("the full copy reports changes")
	}
}

func TestContextAround(t *testing.T) {
	tests := []struct {
		text, word, want string
	}{
		{"in May 2026", "May", "in May 2026"},
		{"one two three four five six seven (May) one two three four five six seven", "May",
			"…three four five six seven (May) one two three four five…"},
		{"May,\nand then", "May", "May, and then"},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.word)
		if got := contextAround(tt.text, i, i+len(tt.word)); got != tt.want {
			t.Errorf("contextAround(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// everySpelling is a meeting whose free text writes every name of the
// family every way people do, with dates of birth and NHS numbers.
func everySpelling(t testing.TB) *meeting.Meeting {
	m := exampleMeetings(t)[0]
	f := namedFamily()
	m.Children, m.Household, m.FamilyPlan = f.Children, f.Household, f.FamilyPlan
	m.Decisions[1].Children = []string{"c1"}
	m.Reason = "School reported a bruise to AMELIA’s left cheek; AMELIA said “Dad got cross”. " +
		"KOWALCZYK, Amelia (born 14/03/2015, NHS number 943 476 5919) lives with her mother Anna Kowalczyk (DOB 09.07.1990) and Piotr Wisniewski. " +
		"Zoe O’Brien-Smith, DOB 28/2/19, is Amelia's half-sister; ZOE OBRIEN-SMITH's NHS number is 9434765919. " +
		"Police attended the home in May 2026 after a 999 call. May said she was scared; I hope May is safe. " +
		"Hope Smith-Jones (HOPE) visits; there is hope that the family will engage."
	m.Consent.ChildViews = "Amelias’ wish is to stay with Mum; Kowalczyk Amelia and amelia kowalczyk are the same child. " +
		"Her DOB is 14 March 2015, also written 14th March 2015, March 14, 2015, 2015-03-14 and 14-03-2015."
	m.Consent.ParentsViews = "Mr Jones and Mr Smith were told; zoë's grandmother, Nan (Barbara Nowak), was not."
	m.Decisions[0].Rationale = "Reasonable cause to suspect that A.K. and MAY KOWALCZYK (born on 3 May 2021) are suffering significant harm."
	m.Attendees[2].Note = "Report sent: Łukasz Żółć (LUKASZ ZOLC) is the lodger; Mr Wiśniewski agreed. " +
		"Nguyen Thi Huong and Hương are cousins. 943-476-5919."
	m.Actions[1].Description = "Visit Baby and May; speak to Mr Kowalczyk and Jo"
	return m
}

// fold writes text as the test compares it: lower case, no accents.
func fold(s string) string {
	var b strings.Builder
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return strings.NewReplacer("ł", "l", "’", "'").Replace(b.String())
}

// A distribution copy of minutes that name the family every way people
// write names shows none of them, no date of birth and no NHS number,
// and leaves the everyday words and the month alone.
func TestInitialsCopyHidesEveryName(t *testing.T) {
	m := everySpelling(t)
	var red Redactions
	pdf := render(t, m, Options{Initials: true, ExportedAt: exportedAt, Redactions: &red})
	text := flat(pdfText(t, pdf))
	mustContain(t, text, "in May 2026", "there is hope", "A.’s left cheek; A. said", "A.K. (born 2015, NHS number [removed])",
		"her mother A.K. (DOB 1990) and P.W.", "Z.O-S., DOB 2019, is A.'s half-sister; Z.O-S.'s NHS number is [removed]",
		"M. said she was scared; I hope M. is safe", "H.S-J. (H.) visits", "A.’s wish", "A.K. and A.K. are the same child",
		"Her DOB is 2015, also written 2015, 2015, 2015 and 2015.", "Mr J. and Mr S. were told; Z.'s grandmother, Nan (B.N.), was not.",
		"A.K. and M.K. (born in 2021)",
		"Ł.Ż. (Ł.Ż.) is the lodger; Mr W. agreed", "N.T.H. and H. are cousins. [NHS number]",
		"Visit B. and M.; speak to Mr K. and J.")

	allowed := strings.NewReplacer("in May 2026", "", "there is hope", "")
	words := strings.FieldsFunc(fold(allowed.Replace(text)), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	for _, w := range words {
		switch w {
		case "amelia", "amelias", "kowalczyk", "zoe", "obrien", "brien", "smith", "jones", "anna", "piotr", "wisniewski",
			"lukasz", "zolc", "nguyen", "thi", "huong", "barbara", "nowak", "jo":
			t.Errorf("the distribution copy shows %q", w)
		}
	}
	for _, w := range strings.FieldsFunc(allowed.Replace(text), func(c rune) bool { return !unicode.IsLetter(c) }) {
		if w != strings.ToLower(w) && (strings.EqualFold(w, "may") || strings.EqualFold(w, "hope") || strings.EqualFold(w, "baby")) {
			t.Errorf("the distribution copy shows %q", w)
		}
	}
	digits := strings.NewReplacer(" ", "", "-", "").Replace(text)
	for _, s := range []string{"9434765919", "14/03/2015", "14.3.15", "14March", "March14", "2015-03-14", "14-03-2015",
		"28/2/19", "09.07.1990", "3May2021"} {
		if strings.Contains(digits, strings.NewReplacer(" ", "", "-", "").Replace(s)) {
			t.Errorf("the distribution copy shows %q", s)
		}
	}

	// What changed, for the chair.
	byField := map[string]FieldRedactions{}
	for _, f := range red.Fields {
		byField[f.Field] = f
	}
	if f := byField["reason"]; f.ChildNames != 10 || f.FamilyNames != 2 || f.DatesOfBirth != 3 || f.NHSNumbers != 2 || len(f.Left) != 1 || f.Left[0].Word != "May" {
		t.Errorf("reason: %+v", f)
	}
	if f := byField["attendees[2].note"]; f.Label != "Attendee 3, Note" || f.FamilyNames != 3 || f.ChildNames != 2 || f.NHSNumbers != 1 {
		t.Errorf("attendee's note: %+v", f)
	}
	// Page 1 prints the actions (redacted once for both their places) and
	// the family plan's people.
	if f := byField["actions[1].description"]; f.ChildNames != 4 || len(red.Fields) != 10 || byField["family_plan[0].person"].FamilyNames != 1 {
		t.Errorf("fields: %+v", red.Fields)
	}

	// The full copy shows everything and reports nothing.
	full := flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt, Redactions: &red})))
	mustContain(t, full, "KOWALCZYK, Amelia (born 14/03/2015, NHS number 943 476 5919)")
	if len(red.Fields) != 0 {
		t.Errorf("the full copy reports %+v", red.Fields)
	}
}

// No name and no text can make the redactor fail, and what it reports is
// what it wrote.
func FuzzRedactor(f *testing.F) {
	for _, s := range [][2]string{
		{"Amelia Kowalczyk", "AMELIA’s DOB 14/03/2015, NHS 943 476 5919"},
		{"May Hope", "in May 2026 May said; there is hope. Hope Street"},
		{"O'Brien-Smith", "OBrien-Smith's O’Brien Smiths' \xff\u200d"},
		{"👶🏽 \u202E", "on 3 May, 2015-03-14, 1.2.3.4 born on"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		m := &meeting.Meeting{
			Children:   []meeting.Child{{Name: name, DateOfBirth: meeting.Date{Year: 2015, Month: 3, Day: 14}}},
			Household:  []meeting.Member{{Name: text}},
			FamilyPlan: []meeting.FamilyLine{{Person: name + " " + text}},
		}
		r := newRedactor(m)
		r.apply("reason", text)
		r.apply("reason", name+" "+text)
		r.name("x", name)
		var red Redactions
		r.reportTo(&red)
		for _, f := range red.Fields {
			for _, l := range f.Left {
				if !strings.Contains(l.Context, l.Word) {
					t.Errorf("the context %q lacks the word %q", l.Context, l.Word)
				}
			}
		}
	})
}

// familyWords finds the words of the example's third meeting's family in
// a text: Grace, Bell and Ruby are everyday words too, so only with a
// capital.
func familyWords(text string) []string {
	var found []string
	for _, w := range strings.FieldsFunc(text, func(c rune) bool { return !unicode.IsLetter(c) }) {
		switch {
		case slices.Contains([]string{"leah", "noah", "osei", "marcus", "kwabena"}, strings.ToLower(w)),
			slices.Contains([]string{"Grace", "Bell", "Ruby"}, w), slices.Contains([]string{"GRACE", "BELL", "RUBY"}, w):
			found = append(found, w)
		}
	}
	return found
}

// Every free-text field of the record, the discussion's included, goes
// through the redactor with its path, and none of the family's names is
// left in any of them, nor in the PDF.
func TestRedactorEveryTextField(t *testing.T) {
	m := exampleMeetings(t)[2] // the meeting with every field
	if len(m.Household) == 0 || m.Analysis.Worries == "" {
		t.Fatal("the example's third meeting has no discussion")
	}
	r := newRedactor(m)
	texts := 0
	for _, c := range meeting.Diff(&meeting.Meeting{}, m) {
		f, ok := meeting.FieldOf(c.Field)
		if !ok || f.Kind != meeting.KindText {
			continue
		}
		texts++
		if found := familyWords(r.apply(c.Field, c.After)); len(found) > 0 {
			t.Errorf("%s shows %q", c.Field, found)
		}
	}
	if texts < 30 {
		t.Errorf("only %d text fields", texts)
	}
	var red Redactions
	r.reportTo(&red)
	if red.LeftCount() != 0 || red.Replaced() < 30 {
		t.Errorf("replaced %d, left %d: %+v", red.Replaced(), red.LeftCount(), red.Fields)
	}
	for _, f := range red.Fields {
		if _, ok := meeting.FieldOf(f.Field); !ok || strings.Contains(f.Label, "[") {
			t.Errorf("field %q labelled %q", f.Field, f.Label)
		}
	}

	text := flat(pdfText(t, render(t, m, Options{Initials: true, ExportedAt: exportedAt})))
	if found := familyWords(text); len(found) > 0 {
		t.Errorf("the distribution copy shows %q", found)
	}
}
