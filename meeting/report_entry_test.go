package meeting_test

import (
	"encoding/json"
	"testing"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// entryReport counts the meetings by their entries, the children by case
// key over the period, as a store does.
func entryReport(ms []*meeting.Meeting, from, to, asOf meeting.Date, cal *meeting.Calendar) *meeting.Report {
	r := meeting.NewReport(from, to, asOf)
	r.Calendar = cal
	cases := map[string]int{}
	for _, m := range ms {
		e := meeting.EntryOf(m)
		if r.AddEntry(e) {
			for _, k := range e.CaseKeys {
				cases[k]++
			}
		}
	}
	for _, n := range cases {
		r.AddChild(n)
	}
	r.Finish()
	return r
}

// Counting entries gives the report counting whole meetings gives, figure
// for figure, over demo meetings (with follow-ups: conferences held, late
// and not needed, actions done since) and the edge cases, in periods of
// every length, as of dates that make actions and conferences overdue or
// not, with the built-in calendar and a published one.
func TestReportEntriesCountAsMeetings(t *testing.T) {
	ms := append(demo.Generate(3000, 7), edgeCases()...)
	first, last := demo.Span(3000)
	published, err := meeting.ParseBankHolidays([]byte(`{"england-and-wales":{"division":"england-and-wales","events":[` +
		`{"title":"a","date":"2025-01-01"},{"title":"b","date":"2025-04-18"},{"title":"c","date":"2025-04-21"},{"title":"d","date":"2025-05-05"},` +
		`{"title":"e","date":"2025-05-26"},{"title":"f","date":"2025-08-25"},{"title":"g","date":"2025-12-25"},{"title":"h","date":"2025-12-26"},` +
		`{"title":"extra","date":"2025-06-03"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ from, to, asOf meeting.Date }{
		{first, last, demo.AsOf},
		{d("2025-04-01"), d("2026-03-31"), demo.AsOf},
		{d("2025-04-01"), d("2025-06-30"), d("2025-07-15")},
		{d("2024-02-29"), d("2024-03-01"), d("2024-03-01")},
		{first, last, first},
	} {
		for _, cal := range []*meeting.Calendar{nil, published} {
			want := meeting.NewReport(p.from, p.to, p.asOf)
			want.Calendar = cal
			for _, m := range ms {
				want.Add(m)
			}
			want.Finish()
			got := entryReport(ms, p.from, p.to, p.asOf, cal)
			w, _ := json.Marshal(want)
			g, _ := json.Marshal(got)
			if string(w) != string(g) {
				t.Errorf("%s to %s as of %s (published list %v): entries give\n%s\nmeetings give\n%s", p.from, p.to, p.asOf, cal != nil, g, w)
			}
			if want.Meetings == 0 {
				t.Errorf("%s to %s: no meetings in the period, so nothing is compared", p.from, p.to)
			}
		}
	}
}

// An entry holds each child's case key once, however it was written.
func TestEntryOfCaseKeys(t *testing.T) {
	m := edgeCases()[0]
	m.Children = []meeting.Child{{CaseReference: " ab1 "}, {CaseReference: "AB1"}, {CaseReference: ""}, {CaseReference: "cd2"}}
	e := meeting.EntryOf(m)
	if len(e.CaseKeys) != 2 || e.CaseKeys[0] != "AB1" || e.CaseKeys[1] != "CD2" || e.NoCaseReference != 1 {
		t.Errorf("case keys %q, %d without one", e.CaseKeys, e.NoCaseReference)
	}
}
