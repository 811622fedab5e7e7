package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"strategyminutes/meeting"
)

// issuerOpt is an export with the issuer set, as the settings give it.
var issuerOpt = Options{ExportedAt: exportedAt, Version: "1.2.3", Authority: "London Borough of Example",
	Contact: "MASH, 020 7946 0000"}

// Page 1 holds what a partner acts on: each child's decisions, every
// action under its agency with its owner and due date, the next meeting,
// each family-plan line and the issuer; the record starts on page 2.
func TestSummaryOnPageOne(t *testing.T) {
	for _, m := range exampleMeetings(t) {
		for _, initials := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/initials=%v", m.ID, initials), func(t *testing.T) {
				opt := issuerOpt
				opt.Initials = initials
				mw := &minutes{m: m, opt: opt}
				if initials {
					mw.redact = newRedactor(m)
				}
				pages := pdfText(t, render(t, m, opt))
				page1 := flat(pages[:1])

				for _, c := range m.Children {
					want := []string{mw.childName(c), mw.dateOfBirth(c.DateOfBirth).text}
					for _, d := range m.Decisions {
						if len(d.Children) == 0 || slices.Contains(d.Children, c.ID) {
							want = append(want, d.Outcome.Label())
						}
					}
					mustContain(t, page1, strings.Join(want, " "))
				}

				// Every action under its agency's heading, before the next one.
				var heads []int
				groups := map[meeting.Agency]int{}
				for _, a := range m.Actions {
					groups[a.Agency]++
				}
				order := agencies(actionAgencies(m))
				for _, ag := range order {
					h := strings.Index(page1, agencyName(ag)+" "+meeting.Plural(groups[ag], "action"))
					if h < 0 || len(heads) > 0 && h < heads[len(heads)-1] {
						t.Fatalf("agency heading %q missing or out of order", agencyName(ag))
					}
					heads = append(heads, h)
				}
				for i, a := range m.Actions {
					// A dropped action's reason is under its description.
					row := fmt.Sprintf("%d %s %s %s", i+1, flat([]string{mw.actionWhat(i, a).text}), mw.actionText(i, "owner", a.Owner), actionDue(a, nil).text)
					at := strings.Index(page1, row)
					own := slices.Index(order, a.Agency)
					end := len(page1)
					if own+1 < len(heads) {
						end = heads[own+1]
					}
					if at < heads[own] || at > end {
						t.Errorf("action %d (%q) is not under %s", i+1, row, agencyName(a.Agency))
					}
				}
				if len(m.Actions) == 0 {
					mustContain(t, page1, "No actions are recorded")
				}

				next := "Next meeting No further meeting set"
				if !m.NextMeetingAt.IsZero() {
					next = "Next meeting " + longTime(m.NextMeetingAt)
				}
				mustContain(t, page1, next)

				for _, l := range m.FamilyPlan {
					line := []string{mw.redact.name("", l.Person), l.Relationship.Label()}
					if l.Withheld {
						line = append(line, "Withheld until "+l.WithheldUntil.Long()+": "+l.WithheldReason)
					} else {
						line = append(line, l.What, l.By, shortDate(l.On))
					}
					mustContain(t, page1, mw.redact.apply("", strings.Join(line, " ")))
				}
				if len(m.FamilyPlan) == 0 {
					mustContain(t, page1, "What the family is told")
				}

				mustContain(t, page1, "Issued by London Borough of Example", "Queries to MASH, 020 7946 0000")
				// The standing notes close the summary: on page 1, or, when
				// the summary fills it, at the top of page 2, before the record.
				notes := page1
				if !strings.Contains(page1, Marking+": confidential") && len(pages) > 1 {
					notes = flat(pages[1:2])
					if r := strings.Index(notes, "1 Reason for the meeting"); r >= 0 && r < strings.Index(notes, Marking+": confidential") {
						t.Error("the confidentiality notice comes after the record starts")
					}
				}
				mustContain(t, notes, Marking+": confidential")
				if strings.Contains(page1, "1 Reason for the meeting") {
					t.Error("the record starts on page 1")
				}
				mustContain(t, flat(pages[1:2]), "1 Reason for the meeting")
			})
		}
	}
}

func actionAgencies(m *meeting.Meeting) []meeting.Agency {
	var out []meeting.Agency
	for _, a := range m.Actions {
		out = append(out, a.Agency)
	}
	return out
}
