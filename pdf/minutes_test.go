package pdf

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"strategyminutes/meeting"
)

// sections are the numbered sections of the minutes after the summary, in
// the order a meeting runs.
var sections = []string{
	"Reason for the meeting", "Children", "Household and others", "Information shared", "Analysis",
	"Police investigation", "Medical", "Legal", "Immediate safety plan", "Other children considered",
	"Attendance", "Consent and information sharing", "Decisions", "Actions", "Statutory questions", "Sign-off",
}

// legacySections are those of minutes signed off before the discussion
// was recorded, which say so in one section.
var legacySections = []string{
	"Reason for the meeting", "Children", "The discussion",
	"Attendance", "Consent and information sharing", "Decisions", "Actions", "Statutory questions", "Sign-off",
}

// numbered returns the sections the minutes of m have, numbered.
func numbered(m *meeting.Meeting) []string {
	titles := sections
	if !m.ChecklistRules() && len(m.Information) == 0 && len(m.Household) == 0 && m.Police.Investigation == "" {
		titles = legacySections
	}
	out := make([]string, len(titles))
	for i, s := range titles {
		out[i] = fmt.Sprintf("%d %s", i+1, s)
	}
	return out
}

// sectionPage returns the index of the page on which a numbered section
// starts, or -1.
func sectionPage(pages []string, title string) int {
	re := regexp.MustCompile(`(^|\s)\d{1,2} ` + regexp.QuoteMeta(title) + `(\s|$)`)
	for i, p := range pages {
		if re.MatchString(flat([]string{p})) {
			return i
		}
	}
	return -1
}

// checkPages checks what every page must carry: the marking at top and
// bottom, "Page X of Y", and DRAFT (in the header and across the page)
// when the minutes are not signed off.
func checkPages(t *testing.T, pages []string, draft bool) {
	t.Helper()
	for i, p := range pages {
		if n := strings.Count(p, Marking); n < 2 {
			t.Errorf("page %d carries %s %d times, want at top and bottom", i+1, Marking, n)
		}
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		// The mark across the page is rotated: pdftotext gives it a letter
		// a line.
		if n := strings.Count(strings.Join(strings.Fields(p), ""), "DRAFT"); draft && n < 2 || !draft && n > 0 {
			t.Errorf("page %d has DRAFT %d times (draft: %v)", i+1, n, draft)
		}
	}
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if w = strings.Join(strings.Fields(w), " "); !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
}

// Everything in the record is in the PDF, in order, with what every page
// must carry.
func TestMinutesHoldTheRecord(t *testing.T) {
	ms := exampleMeetings(t)
	for _, m := range ms {
		t.Run(m.ID, func(t *testing.T) {
			pages := pdfText(t, render(t, m, Options{ExportedAt: exportedAt, Version: "1.2.3"}))
			checkPages(t, pages, !m.SignedOff())
			text := flat(pages)
			mustContain(t, text, "Strategy meeting minutes", m.Chair, m.Type.Label(), m.Mode.Label(), longTime(m.HeldAt),
				"Working Together to Safeguard Children 2023", "Exported 10 Jun 2025 at 14:02 BST by Strategy Minutes 1.2.3")
			at := 0
			for _, s := range numbered(m) { // in this order
				i := strings.Index(text[at:], s)
				if i < 0 {
					t.Errorf("section %q missing or out of order", s)
					continue
				}
				at += i
			}
			for _, c := range m.Children {
				mustContain(t, text, c.Name, c.DateOfBirth.Long(), c.CaseReference)
			}
			for _, a := range m.Attendees {
				mustContain(t, text, a.Name, a.Role, a.Attendance.Label(), a.Agency.Label(), a.Note)
			}
			for _, d := range m.Decisions {
				mustContain(t, text, d.Outcome.Label(), d.Rationale)
			}
			for _, a := range m.Actions {
				mustContain(t, text, a.Description, a.Owner, shortDate(a.Due))
			}
			if len(m.MissingStatutory()) > 0 {
				mustContain(t, text, "Statutory partners who did not attend")
			}
			if m.SignedOff() {
				mustContain(t, text, "Signed off by "+m.SignedOffBy+" on "+longTime(m.SignedOffAt))
			}
		})
	}
}

func TestConsentEveryField(t *testing.T) {
	m := exampleMeetings(t)[0]
	text := flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt})))
	c := m.Consent
	mustContain(t, text, c.Status.Label(), c.Reason, c.DecidedBy, c.AuthorisedBy, c.LawfulBasis.Label(),
		"Parents informed "+c.ParentsInformed.Label(), c.ParentsInformedReason,
		"Children's views (recorded together) "+c.ChildViews,
		"Parents informed on Not recorded", "Parents' views Not recorded")

	m.Consent = nil
	text = flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt})))
	mustContain(t, text, "No consent decision is recorded", "Consent Not recorded", "Lawful basis Not recorded")
	if strings.Contains(text, "Children's views (recorded together)") {
		t.Error("children's views recorded together are shown, yet none were recorded")
	}
}

// The reason a statutory partner did not attend is given with them.
func TestMissingPartnerReason(t *testing.T) {
	m := exampleMeetings(t)[0]
	m.MissingPartnersReason = ""
	text := flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt})))
	mustContain(t, text, "Health: apologies, information sent; did not attend.", "No reason was recorded.")
	m.MissingPartnersReason = "The GP surgery was closed; Amelia's records were shared by email."
	text = flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt, Initials: true})))
	if !strings.Contains(text, "Reason recorded: The GP surgery was closed; A.'s records were shared by email.") {
		i := strings.Index(text, "Reason recorded")
		t.Errorf("reason not given, redacted: %q", text[i:min(len(text), i+120)])
	}
}

// An empty section says so rather than vanishing.
func TestEmptySectionsSaySo(t *testing.T) {
	m := &meeting.Meeting{ID: "empty"}
	pages := pdfText(t, render(t, m, Options{}))
	checkPages(t, pages, true)
	text := flat(pages)
	mustContain(t, text, numbered(m)...)
	mustContain(t, text, "No children are recorded", "No reason is recorded", "No attendees are recorded",
		"No consent decision is recorded", "No decisions are recorded", "No actions are recorded",
		"Statutory partners who did not attend", "Reference Not recorded", "DRAFT: not signed off")
	if strings.Contains(text, "Exported") {
		t.Error("no export time was given, yet the footer has one")
	}
}

func TestNoMeeting(t *testing.T) {
	if err := WriteMinutes(io.Discard, nil, Options{}); err == nil {
		t.Error("no error for a nil meeting")
	}
}

// Actions are overdue as at the export date, not the day the test runs.
func TestOverdueAsAtExport(t *testing.T) {
	m := exampleMeetings(t)[0] // the third action is due 6 June 2025 and not done
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2025, 6, 5, 12, 0, 0, 0, meeting.UK), "Share GP records for both children Dr Adebayo Okafor Health 6 Jun 2025 Open"},
		{time.Date(2025, 6, 7, 12, 0, 0, 0, meeting.UK), "Share GP records for both children Dr Adebayo Okafor Health 6 Jun 2025 OVERDUE"},
	}
	for _, tt := range tests {
		text := flat(pdfText(t, render(t, m, Options{ExportedAt: tt.at})))
		mustContain(t, text, tt.want, "Status as at "+meeting.UKDate(tt.at).Long())
	}
}

// A meeting with 80 attendees and 60 actions spans pages, and its tables'
// headers are repeated on every page they run onto.
func TestLargeMeetingRepeatsTableHeaders(t *testing.T) {
	m := large()
	pages := pdfText(t, render(t, m, Options{ExportedAt: exportedAt}))
	if len(pages) < 5 {
		t.Fatalf("%d pages for 80 attendees and 60 actions", len(pages))
	}
	checkPages(t, pages, false)
	text := flat(pages)
	for _, a := range m.Attendees {
		mustContain(t, text, a.Name)
	}
	for _, a := range m.Actions {
		mustContain(t, text, a.Description)
	}
	for _, d := range m.Decisions {
		mustContain(t, text, d.Outcome.Label())
	}
	tables := []struct {
		section, header, last string
	}{
		{"Attendance", "Name Role Service Attendance Notes", "Notes"}, // to the end of the attendance
		{"Actions", "No. Action Owner Agency Due Completed or status", "Action 60:"},
	}
	for _, tt := range tables {
		first, last := sectionPage(pages, tt.section), -1
		for i, p := range pages {
			if strings.Contains(flat([]string{p}), tt.last) {
				last = i
			}
		}
		if first < 0 || last <= first {
			t.Errorf("table %q on pages %d to %d: want it to span pages", tt.header, first+1, last+1)
			continue
		}
		for i := first; i <= last; i++ {
			if !strings.Contains(flat([]string{pages[i]}), tt.header) {
				t.Errorf("page %d lacks the header row %q", i+1, tt.header)
			}
		}
	}
	// Agencies in the vocabulary's order, a group continued across a page
	// marked so.
	at := regexp.MustCompile(`\d{1,2} Attendance `).FindStringIndex(text)[0]
	for _, a := range meeting.Agencies.Codes() {
		i := strings.Index(text[at:], a.Label())
		if i < 0 {
			t.Errorf("agency %s missing or out of order", a.Label())
			continue
		}
		at += i
	}
	mustContain(t, text, "(continued)")
}

// Nothing anyone types can make the export fail.
func TestHostileRecordExports(t *testing.T) {
	for _, initials := range []bool{false, true} {
		t.Run(fmt.Sprint("initials=", initials), func(t *testing.T) {
			m := hostile()
			pages := pdfText(t, render(t, m, Options{Initials: initials, ExportedAt: exportedAt, Version: "\"v\" \\ 👶"}))
			if len(pages) < 10 {
				t.Errorf("%d pages for 100,000 characters of reason", len(pages))
			}
			checkPages(t, pages, true)
			text := flat(pages)
			mustContain(t, text, "£5", "“it’s fine”", "Ζωή Παπαδοπούλου", string(substitute), "telepathy", "made_up",
				`"Quoted" \backslash\ (parens) ))((`, "after many blank lines", "Unknown child (nope)")
			if !initials {
				mustContain(t, text, "Nguyễn Thị Hương", `Zoë "Zee" O'Brien-Smith \`)
			}
			if strings.ContainsAny(text, "👶🏽\u202E\x00") {
				t.Error("a character the font lacks reached the PDF")
			}
		})
	}
}

// The distribution copy shows children's initials and years of birth, and
// no child's name anywhere.
func TestInitialsCopy(t *testing.T) {
	m := exampleMeetings(t)[0]
	pdf := render(t, m, Options{Initials: true, ExportedAt: exportedAt})
	pages := pdfText(t, pdf)
	checkPages(t, pages, false)
	text := flat(pages)
	mustContain(t, text, DistributionCopy, "A.K. 2016 CS204817", "J.K. 2021 CS204818", "All children: A.K. J.K.",
		"School reported a bruise to A.'s left cheek; A. said", "Arrange a child protection medical for A.")
	for _, c := range m.Children {
		for _, part := range append(strings.Fields(c.Name), c.DateOfBirth.Long()) {
			if strings.Contains(text, part) {
				t.Errorf("the distribution copy shows %q", part)
			}
		}
	}
	if info := pdfInfo(t, pdf); strings.Contains(info, "Amelia") || !strings.Contains(info, "distribution copy") {
		t.Errorf("metadata:\n%s", info)
	}
}

func pdfInfo(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed (Debian: poppler-utils)")
	}
	in := filepath.Join(t.TempDir(), "m.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", "-enc", "UTF-8", "-isodates", in).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

func TestMetadata(t *testing.T) {
	m := exampleMeetings(t)[0]
	info := pdfInfo(t, render(t, m, Options{ExportedAt: exportedAt, Version: "1.2.3"}))
	for _, want := range []string{
		"Title:           Strategy meeting minutes: SM-2025-00412, 3 June 2025",
		"Subject:         Initial strategy meeting: multi-agency child protection",
		"Author:          Priya Raman",
		"Creator:         Strategy Minutes 1.2.3",
		"CreationDate:    2025-06-04T08:12:00", // signed off at 09:12 BST
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// Amendments after sign-off are listed: when, by whom, why and which
// fields, never the replaced text.
func TestAmendments(t *testing.T) {
	m := exampleMeetings(t)[0]
	text := flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt})))
	mustContain(t, text, "No amendments have been made since sign-off.")

	amendments := []meeting.Amendment{{
		At: time.Date(2025, 6, 9, 11, 20, 0, 0, meeting.UK), By: "Priya Raman", Reason: "Amelia's GP was wrongly named",
		Changes: []meeting.Change{
			{Field: "attendees[3].name", Before: "Dr Wrong Name", After: "Dr Adebayo Okafor"},
			{Field: "consent.parents_views", Before: "Removed text", After: ""},
			{Field: "decisions[1].children[0]", Before: "c2", After: "c1"},
		},
	}}
	for _, initials := range []bool{false, true} {
		text = flat(pdfText(t, render(t, m, Options{Initials: initials, ExportedAt: exportedAt, Amendments: amendments})))
		mustContain(t, text, "Signed off 4 June 2025; amended 9 June 2025", "Amended since sign-off:",
			"Monday 9 June 2025, 11:20 BST Priya Raman", "Attendee 4, Name Parents' views Decision 2, Child 1")
		if initials {
			mustContain(t, text, "A.'s GP was wrongly named")
		} else {
			mustContain(t, text, "Amelia's GP was wrongly named")
		}
		if strings.Contains(text, "Wrong Name") || strings.Contains(text, "Removed text") {
			t.Error("the minutes show replaced text")
		}
	}
}

func TestFieldName(t *testing.T) {
	tests := []struct{ path, want string }{
		{"reason", "Reason"},
		{"attendees[2].note", "Attendee 3: note"},
		{"children[0].date_of_birth", "Child 1: date of birth"},
		{"decisions[1].children[0]", "Decision 2: child 1"},
		{"consent.parents_views", "Consent: parents views"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fieldName(tt.path); got != tt.want {
			t.Errorf("fieldName(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestMinutesFileName(t *testing.T) {
	ms := exampleMeetings(t)
	tests := []struct {
		m        *meeting.Meeting
		initials bool
		want     string
	}{
		{ms[0], false, "SM-2025-00412 2025-06-03 minutes.pdf"},
		{ms[0], true, "SM-2025-00412 2025-06-03 minutes (initials).pdf"},
		{ms[1], false, "legacy-2019-0042 2019-11-20 minutes.pdf"},
		{hostile(), false, "SM-2025-00412-b-quoted-b 2025-03-30 minutes.pdf"},
		{&meeting.Meeting{Reference: "../../etc/passwd"}, false, "etc-passwd minutes.pdf"},
		{&meeting.Meeting{Reference: "👶", ID: "Ωμέγα"}, false, "strategy-meeting minutes.pdf"},
		{&meeting.Meeting{Reference: strings.Repeat("A", 300)}, false, strings.Repeat("A", 40) + " minutes.pdf"},
	}
	safe := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ._()-]*\.pdf$`)
	for _, tt := range tests {
		got := MinutesFileName(tt.m, tt.initials)
		if got != tt.want {
			t.Errorf("MinutesFileName(%q) = %q, want %q", tt.m.Reference, got, tt.want)
		}
		if !safe.MatchString(got) {
			t.Errorf("%q has unsafe characters", got)
		}
	}
}

// The same record and options give the same bytes; the export time
// changes the footer and nothing else.
func TestDeterministic(t *testing.T) {
	ms := exampleMeetings(t)
	records := map[string]*meeting.Meeting{"example": ms[0], "legacy": ms[1], "large": large(), "hostile": hostile()}
	for name, m := range records {
		for _, initials := range []bool{false, true} {
			opt := Options{Initials: initials, ExportedAt: exportedAt, Version: "1.0.0"}
			first := render(t, m, opt)
			for range 3 { // map order differs from run to run
				if !bytes.Equal(first, render(t, m, opt)) {
					t.Fatalf("%s (initials %v): two exports differ", name, initials)
				}
			}
		}
	}

	m := ms[0]
	a := render(t, m, Options{ExportedAt: exportedAt})
	later := exportedAt.Add(2*time.Hour + 43*time.Minute) // the same day
	b := render(t, m, Options{ExportedAt: later})
	if bytes.Equal(a, b) {
		t.Fatal("a different export time gave the same bytes")
	}
	ta, tb := strings.Join(pdfText(t, a), "\f"), strings.Join(pdfText(t, b), "\f")
	if strings.ReplaceAll(ta, "14:02", "16:45") != tb {
		t.Errorf("a different export time changed more than the footer:\n%s\n---\n%s", ta, tb)
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20250604081200)")) || !bytes.Contains(b, []byte("/CreationDate (D:20250604081200)")) {
		t.Error("the creation date is not the sign-off time")
	}
}

// Exports may run side by side (the app's window and a background export);
// the fonts are shared read-only.
func TestConcurrentExports(t *testing.T) {
	m := exampleMeetings(t)[0]
	want := render(t, m, Options{ExportedAt: exportedAt})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			var b bytes.Buffer
			if err := WriteMinutes(&b, m, Options{ExportedAt: exportedAt}); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(b.Bytes(), want) {
				errs <- fmt.Errorf("a concurrent export differs")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func FuzzWriteMinutes(f *testing.F) {
	for _, s := range [][2]string{
		{"Amelia Kowalczyk", "School reported a bruise"},
		{"👶🏽 \u202E\x00", "\xff\xfe" + long500},
		{"Nguye\u0302\u0303n", strings.Repeat("\n", 50) + "مرحبا 中文"},
		{`"\(`, ")\\"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		m := &meeting.Meeting{
			ID: name, Reference: name, Type: meeting.Type(name), Mode: meeting.Mode(text),
			HeldAt: exportedAt, Chair: name, MinuteTaker: text, Reason: text,
			Children:    []meeting.Child{{ID: "c1", Name: name, CaseReference: text}, {ID: name, Name: text}},
			Attendees:   []meeting.Attendee{{Name: name, Role: text, Agency: meeting.Agency(name), Service: meeting.Service(text), Attendance: meeting.Attendance(text), Note: text}},
			Consent:     &meeting.Consent{Reason: text, DecidedBy: name, ParentsViews: text, ChildViews: name},
			Decisions:   []meeting.Decision{{Outcome: meeting.Outcome(name), Rationale: text, Children: []string{name}}},
			Actions:     []meeting.Action{{Description: text, Owner: name, Agency: meeting.Agency(text)}},
			SignedOffBy: name,
			Information: []meeting.Information{{Agency: meeting.Agency(name), Service: meeting.Service(text), SharedBy: name, Summary: text, Checks: text, Outstanding: name, View: meeting.ThresholdView(text)}},
			Analysis:    meeting.Analysis{Worries: text, Strengths: name, Dissent: text},
			Police:      meeting.Police{Investigation: meeting.Investigation(name), Reason: text, CrimeReference: name, Officer: name, Plan: text},
			Medical:     meeting.Medical{Decision: meeting.MedicalDecision(text), Reason: text, ArrangedBy: name},
			Legal:       meeting.Legal{Decision: meeting.LegalDecision(name), Reason: text},
			SafetyPlan:  text, OtherChildren: name,
			FamilyPlan: []meeting.FamilyLine{{Person: name, Relationship: meeting.Relationship(text), What: text, By: name},
				{Person: text, Withheld: true, WithheldReason: name}},
			Household:     []meeting.Member{{ID: name, Name: name, Relationship: meeting.Relationship(text), DateOfBirth: meeting.Date{Year: 2010, Month: 1, Day: 1}, Alleged: true, Note: text}},
			NextMeetingAt: exportedAt,
		}
		for _, initials := range []bool{false, true} {
			if err := WriteMinutes(io.Discard, m, Options{Initials: initials, ExportedAt: exportedAt, Version: text}); err != nil {
				t.Fatalf("initials %v: %v", initials, err)
			}
		}
	})
}

// BenchmarkExportMinutesPDF exports a meeting with 20 attendees, 10
// decisions and 30 actions.
func BenchmarkExportMinutesPDF(b *testing.B) {
	m := sized(20, 10, 30)
	opt := Options{ExportedAt: exportedAt, Version: "1.0.0"}
	var buf bytes.Buffer
	if err := WriteMinutes(&buf, m, opt); err != nil { // the font's coverage is read once, here
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

// BenchmarkExportExampleMinutes exports SM-2026-00107 of the example, a
// meeting with every field of the record, summary page and all.
func BenchmarkExportExampleMinutes(b *testing.B) {
	m := exampleMeetings(b)[2]
	opt := Options{ExportedAt: exportedAt, Version: "1.0.0", Authority: "London Borough of Example", Contact: "MASH, 020 7946 0000"}
	var buf bytes.Buffer
	if err := WriteMinutes(&buf, m, opt); err != nil {
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
