package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"strategyminutes/meeting"
)

// full is SM-2026-00107 of the example: every field of the record.
func full(t *testing.T) *meeting.Meeting {
	t.Helper()
	m := exampleMeetings(t)[2]
	if m.Reference != "SM-2026-00107" {
		t.Fatalf("the example's third meeting is %s", m.Reference)
	}
	return m
}

// After the summary, the record holds every agency's information, the
// household, the analysis, the police, medical and legal decisions, the
// safety plan, the other children and each child's views.
func TestRecordAfterTheSummary(t *testing.T) {
	m := full(t)
	pages := pdfText(t, render(t, m, issuerOpt))
	rest := flat(pages[1:])
	for _, in := range m.Information {
		head := in.Agency.Label()
		if in.Service != "" {
			head += " · " + meeting.ServiceLabel(in.Agency, in.Service)
		}
		mustContain(t, rest, head+" Shared by "+in.SharedBy,
			"What the agency knows "+in.Summary, "Threshold of significant harm "+in.View.Label())
		if in.Checks != "" {
			mustContain(t, rest, "Checks done "+in.Checks)
		}
		if in.Outstanding != "" {
			mustContain(t, rest, "Still outstanding "+in.Outstanding)
		}
	}
	for _, p := range m.Household {
		dob := "Not known"
		if !p.DateOfBirth.IsZero() {
			dob = p.DateOfBirth.Long()
		}
		mustContain(t, rest, strings.Join([]string{p.Name, p.Relationship.Label(), dob, yesNo(p.LivesWithChild), yesNo(p.Alleged)}, " ")+" "+p.Note)
	}
	for _, c := range m.Children {
		mustContain(t, rest, c.CaseReference+" "+c.Views)
	}
	a, p, md, l := m.Analysis, m.Police, m.Medical, m.Legal
	mustContain(t, rest,
		"What we are worried about "+a.Worries, "What is working well "+a.Strengths, "Disagreement with the decision "+a.Dissent,
		"Police investigation "+p.Investigation.Label(), "Reason for the police decision "+p.Reason,
		"Crime reference "+p.CrimeReference, "Officer in charge "+p.Officer, "Police plan "+p.Plan,
		"Child protection medical "+md.Decision.Label(), "Reason for the medical decision "+md.Reason, "Medical arranged by "+md.ArrangedBy,
		"Legal advice or planning meeting "+l.Decision.Label(), "Reason for the legal decision "+l.Reason,
		"Immediate safety plan "+m.SafetyPlan, "Other children considered "+m.OtherChildren, "In the household: Ruby Bell (Half-sibling, born 5 January 2024).")
	// In the order a meeting runs.
	at := 0
	for _, s := range numbered(m) {
		i := strings.Index(rest[at:], s)
		if i < 0 {
			t.Errorf("section %q missing or out of order", s)
			continue
		}
		at += i
	}
	if strings.Contains(rest, "Under 18") {
		t.Error("an adult alleged to have caused harm is flagged as under 18")
	}
}

// An alleged person under 18 on the day of the meeting is flagged: they
// need a discussion of their own.
func TestAllegedUnder18(t *testing.T) {
	held := full(t).HeldOn() // 10 March 2026
	tests := []struct {
		name    string
		dob     meeting.Date
		alleged bool
		flagged bool
	}{
		{"17, alleged", meeting.Date{Year: 2008, Month: 3, Day: 11}, true, true},
		{"18 that day, alleged", meeting.Date{Year: 2008, Month: 3, Day: 10}, true, false},
		{"15, not alleged", meeting.Date{Year: 2011, Month: 1, Day: 1}, false, false},
		{"no date of birth, alleged", meeting.Date{}, true, false},
	}
	for _, tt := range tests {
		for _, initials := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/initials=%v", tt.name, initials), func(t *testing.T) {
				m := full(t)
				if m.HeldOn() != held {
					t.Fatal("the example changed")
				}
				m.Household = append(m.Household, meeting.Member{ID: "h9", Name: "Tyler Grant", Relationship: meeting.RelationshipOtherChild, DateOfBirth: tt.dob, Alleged: tt.alleged})
				text := flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt, Initials: initials})))
				flag := "Yes. Under 18: a separate discussion is needed"
				if got := strings.Contains(text, flag); got != tt.flagged {
					t.Errorf("flagged %v, want %v", got, tt.flagged)
				}
				if !tt.flagged {
					return
				}
				who := "Tyler Grant"
				if initials {
					who = "T.G."
				}
				mustContain(t, text, "Under 18: a separate discussion is needed Alleged to have caused harm and under 18 on the day of the meeting: "+who)
			})
		}
	}
}

// Information shared without consent with no reason, decider, authoriser
// or lawful basis is a warning, and the missing values are alerts.
func TestConsentWarning(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *meeting.Consent)
		want   string // the warning's title; "" for none
	}{
		{"complete", func(c *meeting.Consent) {}, ""},
		{"no reason", func(c *meeting.Consent) { c.Reason = "" }, "Consent overridden without a reason"},
		{"no authoriser", func(c *meeting.Consent) { c.AuthorisedBy = " " }, "Consent overridden without an authoriser"},
		{"neither", func(c *meeting.Consent) { c.Reason, c.AuthorisedBy = "", "" }, "Consent overridden without a reason or an authoriser"},
		{"not sought, no reason", func(c *meeting.Consent) { c.Status, c.Reason = meeting.ConsentNotSought, "" }, "Consent not sought without a reason"},
		{"nothing but the status", func(c *meeting.Consent) { *c = meeting.Consent{Status: meeting.ConsentOverridden} },
			"Consent overridden without a reason, who decided, an authoriser or a lawful basis"},
		{"given, no reason", func(c *meeting.Consent) { c.Status, c.Reason, c.AuthorisedBy = meeting.ConsentGiven, "", "" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := full(t)
			c := *m.Consent
			tt.change(&c)
			m.Consent = &c
			text := flat(pdfText(t, render(t, m, Options{ExportedAt: exportedAt})))
			warned := strings.Contains(text, "Information was shared without the family's consent")
			if warned != (tt.want != "") {
				t.Fatalf("warned %v, want %q", warned, tt.want)
			}
			if tt.want != "" {
				mustContain(t, text, tt.want+" Information was shared without the family's consent ("+c.Status.Label()+")")
			}
		})
	}
}

// The statutory questions: answered, with where; for minutes signed off
// before they were asked, a note instead of failures; for a draft, what is
// unanswered is a warning.
func TestStatutoryQuestions(t *testing.T) {
	ms := exampleMeetings(t)
	draft := full(t)
	draft.SignedOffAt, draft.SignOffRules, draft.SafetyPlan = time.Time{}, 0, ""
	tests := []struct {
		name       string
		m          *meeting.Meeting
		want, lack []string
	}{
		{"signed off under the questions", full(t),
			[]string{"Section 47 decided for each child Yes, section 13", "Police investigation decided Yes, section 6", "What the family is told agreed Yes, in the summary"},
			[]string{"Not answered", "Not asked at sign-off", "Signed off before the statutory questions"}},
		{"signed off before the questions", ms[0],
			[]string{"Signed off before the statutory questions were asked These minutes were signed off on 4 June 2025",
				"Police investigation decided Not asked at sign-off", "Section 47 decided for each child Yes, section 6"},
			[]string{"Not answered", "Statutory questions not answered"}},
		{"a draft with a gap", draft,
			[]string{"Statutory questions not answered The record does not yet answer: Immediate safety agreed. The chair cannot sign these minutes off until it does.",
				"Immediate safety agreed Not answered Immediate safety plan: Record what keeps the child safe now"},
			[]string{"Not asked at sign-off"}},
		{"an old draft", ms[1],
			[]string{"Statutory questions not answered", "Police investigation decided Not answered Police investigation: Say whether the police will investigate"},
			[]string{"Not asked at sign-off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := flat(pdfText(t, render(t, tt.m, Options{ExportedAt: exportedAt})))
			i := strings.Index(text, "Statutory questions")
			if i < 0 {
				t.Fatal("no statutory questions")
			}
			text = text[i:]
			mustContain(t, text, tt.want...)
			for _, l := range tt.lack {
				if strings.Contains(text, l) {
					t.Errorf("the PDF says %q", l)
				}
			}
		})
	}
}

// The distribution copy prints the household's and the family plan's
// names as initials and their dates of birth as the year, and no name of
// the family anywhere.
func TestInitialsCopyHousehold(t *testing.T) {
	m := full(t)
	pages := pdfText(t, render(t, m, Options{ExportedAt: exportedAt, Initials: true}))
	text := flat(pages)
	mustContain(t, text, "G.O. Mother 1988 Yes No", "M.B. Step-parent 1985 Yes Yes", "R.B. Half-sibling 2024 Yes No",
		"K.O. Father Not known No No", "In the household: R.B. (Half-sibling, born 2024).")
	mustContain(t, flat(pages[:1]), "G.O. Mother That a section 47 enquiry", "M.B. Step-parent Withheld until 12 March 2026", "L.O. The child")
	for _, p := range m.Household {
		if !p.DateOfBirth.IsZero() && strings.Contains(text, p.DateOfBirth.Long()) {
			t.Errorf("the distribution copy shows the date of birth %s", p.DateOfBirth.Long())
		}
	}
	names := []string{}
	for _, c := range m.Children {
		names = append(names, strings.Fields(c.Name)...)
	}
	for _, p := range m.Household {
		names = append(names, strings.Fields(p.Name)...)
	}
	words := strings.FieldsFunc(text, func(c rune) bool { return !unicode.IsLetter(c) })
	for _, n := range names {
		if slices.Contains(words, n) {
			t.Errorf("the distribution copy shows %q", n)
		}
	}
}
