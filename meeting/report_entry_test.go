package meeting_test

import (
	"encoding/json"
	"slices"
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

// Reports of parts of the meetings, merged, are the report of them all:
// parts by turns of time (as a store counts on two cores) and parts drawn
// at random, by whole meetings and by entries.
func TestReportMerge(t *testing.T) {
	ms := append(demo.Generate(2000, 9), edgeCases()...)
	slices.SortStableFunc(ms, func(a, b *meeting.Meeting) int { return a.HeldAt.Compare(b.HeldAt) })
	first, last := demo.Span(2000)
	for _, p := range []struct{ from, to meeting.Date }{{first, last}, {d("2025-04-01"), d("2026-03-31")}} {
		want := meeting.NewReport(p.from, p.to, demo.AsOf)
		for _, m := range ms {
			want.Add(m)
		}
		want.Finish()
		w, _ := json.Marshal(want)
		for name, part := range map[string]func(i int) int{
			"turns of time": func(i int) int { return i / 50 % 2 },
			"at random":     func(i int) int { return int(uint32(i*2654435761)>>7) % 2 },
		} {
			for _, entries := range []bool{false, true} {
				parts := []*meeting.Report{meeting.NewReport(p.from, p.to, demo.AsOf), meeting.NewReport(p.from, p.to, demo.AsOf)}
				cases := map[string]int{}
				for i, m := range ms {
					r := parts[part(i)]
					if !entries {
						r.Add(m)
						continue
					}
					if e := meeting.EntryOf(m); r.AddEntry(e) {
						for _, k := range e.CaseKeys {
							cases[k]++
						}
					}
				}
				parts[0].Merge(parts[1])
				for _, n := range cases {
					parts[0].AddChild(n)
				}
				parts[0].Finish()
				if g, _ := json.Marshal(parts[0]); string(g) != string(w) {
					t.Errorf("%s to %s, %s (entries %v): merged\n%s\nwhole\n%s", p.from, p.to, name, entries, g, w)
				}
			}
		}
	}
}

// BenchmarkAddEntry counts the entries of demo meetings: a report of a
// million meetings counts a million.
func BenchmarkAddEntry(b *testing.B) {
	var es []*meeting.ReportEntry
	for _, m := range demo.Generate(10000, 1) {
		es = append(es, meeting.EntryOf(m))
	}
	first, last := demo.Span(10000)
	b.ResetTimer()
	for b.Loop() {
		r := meeting.NewReport(first, last, demo.AsOf)
		for _, e := range es {
			r.AddEntry(e)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(es)), "ns/entry")
}
