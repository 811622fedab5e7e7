package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// TestWriteSamples writes sample minutes to the folder named by
// $PDF_SAMPLES, for people to look at (pdftoppm -r 70 -png FILE PREFIX):
//
//	PDF_SAMPLES=/tmp/pdfcheck go test -run TestWriteSamples ./pdf/
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PDF_SAMPLES")
	if dir == "" {
		t.Skip("set PDF_SAMPLES to a folder to write sample PDFs")
	}
	ms := exampleMeetings(t)
	draft := *ms[0]
	draft.SignedOffAt, draft.SignOffRules = time.Time{}, 0
	// SM-2026-00107 has every field of the record; its draft has gaps.
	fullDraft := *ms[2].Clone()
	fullDraft.SignedOffAt, fullDraft.SignOffRules = time.Time{}, 0
	fullDraft.Consent.Reason, fullDraft.SafetyPlan, fullDraft.Decisions = "", "", fullDraft.Decisions[1:2]
	opt := Options{ExportedAt: exportedAt, Version: "dev", Authority: "London Borough of Example, Children's Services",
		Contact: "Multi-agency safeguarding hub, 020 7946 0000, mash@example.gov.uk"}
	initials := opt
	initials.Initials = true
	amended := opt
	amended.Amendments = []meeting.Amendment{
		{At: exportedAt.Add(-30 * time.Hour), By: "Priya Raman", Reason: "The GP's surgery was missing.",
			Changes: []meeting.Change{{Field: "attendees[3].role"}}},
		{At: exportedAt.Add(-2 * time.Hour), By: "Mark Benson, Service Manager", Reason: "Parents' views added after the home visit; the date the parents were told corrected.",
			Changes: []meeting.Change{{Field: "consent.parents_views"}, {Field: "consent.parents_informed_on"}, {Field: "actions[2].completed"}}},
	}
	samples := []struct {
		name string
		pdf  []byte
	}{
		{"full.pdf", render(t, ms[2], opt)},
		{"full-initials.pdf", render(t, ms[2], initials)},
		{"full-draft.pdf", render(t, &fullDraft, opt)},
		{"small.pdf", render(t, ms[0], opt)},
		{"small-initials.pdf", render(t, ms[0], initials)},
		{"small-draft.pdf", render(t, &draft, opt)},
		{"small-amended.pdf", render(t, ms[0], amended)},
		{"legacy.pdf", render(t, ms[1], opt)},
		{"large.pdf", render(t, large(), opt)},
		{"hostile.pdf", render(t, hostile(), opt)},
		{"hostile-initials.pdf", render(t, hostile(), initials)},
		{"family-initials.pdf", render(t, everySpelling(t), initials)},
		{"scripts.pdf", render(t, everyScript(t), opt)},
		{"scripts-initials.pdf", render(t, everyScript(t), initials)},
	}
	for i, m := range demo.Generate(3, 2) {
		samples = append(samples, struct {
			name string
			pdf  []byte
		}{fmt.Sprintf("demo-%d.pdf", i+1), render(t, m, opt)})
	}
	for _, s := range samples {
		if err := os.WriteFile(filepath.Join(dir, s.name), s.pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// everyScript is the example meeting with its people named in every script
// the PDF has a font for, and in free text beside English.
func everyScript(t testing.TB) *meeting.Meeting {
	m := exampleMeetings(t)[0]
	m.Children = nil
	var names []string
	for i, s := range scriptNames {
		m.Children = append(m.Children, meeting.Child{ID: fmt.Sprintf("c%d", i), Name: s.name, DateOfBirth: meeting.Date{Year: 2015 + i%8, Month: 3, Day: 1 + i}})
		names = append(names, s.name)
	}
	for i := range m.Attendees {
		m.Attendees[i].Name = scriptNames[(i+5)%len(scriptNames)].name
	}
	m.Chair = scriptNames[0].name
	m.Reference = "SM-2025-00412 " + scriptNames[2].name
	m.Reason = "Names as the family wrote them: " + strings.Join(names, ", ") + ". " +
		"فاطمة الزهراء قالت إن الطفل بخير (she said the child is fine), 3 مرات. Emoji are not printed: 👶🏽."
	return m
}
