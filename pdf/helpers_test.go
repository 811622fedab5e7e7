package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// exportedAt is the export time the tests pass: the clock never decides
// what a test sees.
var exportedAt = time.Date(2025, time.June, 10, 14, 2, 0, 0, meeting.UK)

func exampleMeetings(t testing.TB) []*meeting.Meeting {
	t.Helper()
	var ms []*meeting.Meeting
	err := meeting.EachInFiles([]string{"../meeting/testdata/example.json"}, func(m *meeting.Meeting) error {
		ms = append(ms, m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func render(t testing.TB, m *meeting.Meeting, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMinutes(&b, m, opt); err != nil {
		t.Fatalf("WriteMinutes: %v", err)
	}
	return b.Bytes()
}

// pdfText returns the text of each page, as pdftotext reads it.
func pdfText(t testing.TB, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: poppler-utils; make test installs it)")
	}
	in := filepath.Join(t.TempDir(), "m.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// flat joins pages and folds all white space, since pdftotext breaks lines
// where the PDF wraps them.
func flat(pages []string) string {
	return strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
}

// people from many places, for meetings as varied as a London borough's.
var people = []string{
	"Amelia Kowalczyk", "Şükrü Yılmaz", "Nguyễn Thị Hương", "Γιώργος Παπαδόπουλος", "Дмитрий Иванов",
	"Niamh O'Connor", "Adebayo Okafor", "Zofia Wiśniewska", "Ayşe Çelik", "Trần Văn Đức",
	"Ελένη Κωνσταντίνου", "Ольга Кузнецова", "Siobhán Ní Bhriain", "Mary-Jane Smith-Jones", "Kwame Mensah",
	"Priya Raman", "Tomás Ó Súilleabháin", "Łukasz Żółć", "Hương Phạm", "Chloë Brontë",
}

// large is a meeting with 80 attendees, 12 decisions and 60 actions.
func large() *meeting.Meeting { return sized(80, 12, 60) }

// sized is an invented meeting with as many attendees, decisions and
// actions as asked for.
func sized(attendees, decisions, actions int) *meeting.Meeting {
	m := demo.Generate(1, 42)[0]
	m.Attendees = nil
	agencies := meeting.Agencies.Codes()
	atts := meeting.Attendances.Codes()
	for i := range attendees {
		a := agencies[i%len(agencies)]
		at := meeting.Attendee{
			Name:       fmt.Sprintf("%s %d", people[i%len(people)], i+1),
			Role:       []string{"Team manager", "Detective sergeant, Child Abuse Investigation Team", "Designated safeguarding lead", "Specialist practitioner"}[i%4],
			Agency:     a,
			Attendance: atts[i%len(atts)],
			Referrer:   i == 3,
		}
		if v, ok := meeting.Services(a); ok {
			at.Service = v.Codes()[i%len(v.Codes())]
		}
		if i%5 == 0 {
			at.Note = "Report sent the day before; " + strings.Repeat("a long note about what the agency knows of the family, ", i%3+1)
		}
		m.Attendees = append(m.Attendees, at)
	}
	m.Decisions = nil
	outcomes := meeting.Outcomes.Codes()
	for i := range decisions {
		d := meeting.Decision{Outcome: outcomes[i%len(outcomes)], Rationale: strings.Repeat("The rationale, as agreed by every partner present. ", i%4+1)}
		if i%3 == 1 && len(m.Children) > 0 {
			d.Children = []string{m.Children[0].ID}
		}
		m.Decisions = append(m.Decisions, d)
	}
	m.Actions = nil
	held := m.HeldOn()
	for i := range actions {
		a := meeting.Action{
			Description: fmt.Sprintf("Action %d: %s", i+1, strings.Repeat("contact the family's school and share what is known ", i%3+1)),
			Owner:       people[(i*7)%len(people)],
			Agency:      agencies[i%len(agencies)],
			Due:         meeting.DateOf(held.Time(time.UTC).AddDate(0, 0, i%20+1)),
		}
		if i%3 == 0 {
			a.Completed = meeting.DateOf(held.Time(time.UTC).AddDate(0, 0, i%25+1))
		}
		if i%11 == 5 {
			a.Due = meeting.Date{}
		}
		m.Actions = append(m.Actions, a)
	}
	return m
}

// long500 is a word of 500 characters with no space to break at.
var long500 = strings.Repeat("x", 250) + strings.Repeat("Ŵ", 250)

// hostile is a record full of what people type and paste: emoji, scripts
// the font lacks, combining marks, control and format characters, invalid
// UTF-8, very long words and text, quotes and backslashes.
func hostile() *meeting.Meeting {
	nfd := "Nguye\u0302\u0303n Thi\u0323 Hu\u031Bo\u031Bng" // Vietnamese typed as base letters and combining marks
	free := strings.Repeat("Amelia 👶🏽 said “it’s fine” — £5 · مرحبا 中文 e\u0301 \uFFFD a\u200Db 👨‍👩‍👧 🇬🇧🇵🇱 \u202Ereversed\u202C \x00\x07\t| ", 1300)
	free = free[:100000]
	return &meeting.Meeting{
		ID:                 "hostile-\"id\"\\",
		Reference:          `SM/2025\00412 <b>"quoted"</b> 👶`,
		Type:               meeting.TypeComplex,
		Mode:               "telepathy",
		HeldAt:             time.Date(2025, time.March, 30, 0, 30, 0, 0, time.UTC), // the night the clocks change
		ReferralReceivedAt: time.Date(2025, time.March, 29, 23, 59, 0, 0, time.UTC),
		Chair:              "Ζωή Παπαδοπούλου 👩‍⚖️ \"the chair\" \\",
		MinuteTaker:        "\xff\xfe invalid \xc3\x28 bytes",
		Reason:             free,
		Children: []meeting.Child{
			{ID: "c1", Name: "👶🏽 Baby", CaseReference: "CS\u0000001"},
			{ID: "c2", Name: `Zoë "Zee" O'Brien-Smith \`, DateOfBirth: meeting.Date{Year: 2019, Month: 2, Day: 28}},
			{ID: "c3", Name: "محمد علي"},
			{ID: "c4", Name: "李小龙"},
			{ID: "c5", Name: nfd, DateOfBirth: meeting.Date{Year: 2012, Month: 12, Day: 31}},
			{ID: "c6", Name: long500},
		},
		Attendees: []meeting.Attendee{
			{Name: `"Quoted" \backslash\ (parens) ))((`, Role: long500, Agency: meeting.AgencyPolice, Attendance: meeting.Attended, Note: free[:5000]},
			{Name: "🦊🦊🦊", Note: strings.Repeat("0123456789", 2000), Agency: meeting.Agency("martian_agency_" + strings.Repeat("z", 300)), Attendance: "teleported"},
			{Name: "Amelia's aunt", Agency: "", Attendance: ""},
			{Name: "Ayşe \u200B\u200CÇelik\u00AD", Agency: meeting.AgencyHealth, Service: "witch_doctor", Attendance: meeting.ApologiesInfo},
		},
		Consent: &meeting.Consent{
			Status: meeting.ConsentOverridden, Reason: free[:3000], DecidedBy: "🤖", AuthorisedBy: long500,
			LawfulBasis: "vibes", ParentsInformed: meeting.ParentsInformedNo, ParentsViews: "“Quoted” ‘views’ „Polish” «French»",
			ChildViews: strings.Repeat("\n", 500) + "after many blank lines",
		},
		Decisions: []meeting.Decision{
			{Outcome: "made_up", Rationale: long500, Children: []string{"c1", "nope"}},
			{Outcome: meeting.OutcomeS47Joint, Rationale: free[:20000]},
		},
		Actions: []meeting.Action{
			{Description: "👶🏽" + long500, Owner: "\u202Eevil\u202C", Agency: "x", Due: meeting.Date{Year: 2025, Month: 3, Day: 31}},
			{Description: free[:8000], Owner: "Zoë", Agency: meeting.AgencyPolice, Completed: meeting.Date{Year: 2025, Month: 4, Day: 1}},
		},
	}
}
