package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// sizeName names a sub-benchmark by its number of meetings: "n=100000".
func sizeName(n int) string { return fmt.Sprintf("n=%d", n) }

// reportLatency adds the median and 99th percentile of the durations, in
// milliseconds, to the benchmark's output.
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	at := func(q float64) float64 {
		return float64(d[min(len(d)-1, int(q*float64(len(d))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkAutosave is one autosave: a draft with one field changed, in one
// transaction with synchronous=FULL, as the editor does after typing stops.
func BenchmarkAutosave(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			db := benchDB(b, n)
			drafts, err := db.Summaries(ctx, meeting.Filter{Status: meeting.StatusDraft, Limit: 1})
			if err != nil || len(drafts) == 0 {
				b.Fatalf("no draft to edit: %v", err)
			}
			m, err := db.Meeting(ctx, drafts[0].ID)
			if err != nil {
				b.Fatal(err)
			}
			reason := m.Reason
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				m.Reason = fmt.Sprintf("%s (%d)", reason, i)
				start := time.Now()
				if err := db.SaveMeeting(ctx, m); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			b.StopTimer()
			m.Reason = reason
			db.SaveMeeting(ctx, m)
			reportLatency(b, times)
		})
	}
}

// BenchmarkAutosaveTyping is the editor's autosave while the chair types:
// a realistic draft (from meeting/demo) saved whole, with one text field one
// character longer each time (back to the original every 64 characters),
// measured against a floor in the same run: one durable one-row UPDATE in
// its own transaction (synchronous=FULL) on the same database. The two
// alternate in bursts of typingBurst: that many floor updates, then as many
// saves, so both see the same disk and the same checkpoints, and the saves
// follow one another as the editor's do (the first of a burst follows a
// floor update, as a chair's first autosave follows another write, and
// reads the stored rows again: writeconn.go); p50-ms and p99-ms are the save's, floor-p50-ms and
// floor-p99-ms the floor's, p99-x-floor their ratio. pages/save and
// pages/floor are the WAL frames each transaction appended: the pages it
// wrote (each is written again at the next checkpoint). Run it with
// -benchtime 1000x or more for a p99 that means something.
func BenchmarkAutosaveTyping(b *testing.B) {
	ctx := context.Background()
	fields := []struct {
		name string
		text func(m *meeting.Meeting) *string
	}{
		{"reason", func(m *meeting.Meeting) *string { return &m.Reason }},
		{"rationale", func(m *meeting.Meeting) *string { return &m.Decisions[0].Rationale }},
		// A child's name is in the search column: each save also updates its
		// trigram index.
		{"child-name", func(m *meeting.Meeting) *string { return &m.Children[0].Name }},
		// The discussion's own tables: a list's row, and the one-row table.
		{"information", func(m *meeting.Meeting) *string { return &m.Information[0].Summary }},
		{"safety-plan", func(m *meeting.Meeting) *string { return &m.SafetyPlan }},
	}
	for _, n := range benchSizes {
		for _, field := range fields {
			b.Run(sizeName(n)+"/field="+field.name, func(b *testing.B) {
				db := benchDB(b, n)
				drafts, err := db.Summaries(ctx, meeting.Filter{Status: meeting.StatusDraft, Limit: 50})
				if err != nil {
					b.Fatal(err)
				}
				var m *meeting.Meeting
				for _, d := range drafts {
					if c, err := db.Meeting(ctx, d.ID); err == nil && len(c.Decisions) > 0 && len(c.Information) > 0 {
						m = c
						break
					}
				}
				if m == nil {
					b.Fatal("no draft with a decision and information to edit")
				}
				original := m.Clone()
				defer db.SaveMeeting(ctx, original)
				text := field.text(m)
				base := *text
				floorTimes := make([]time.Duration, 0, b.N)
				saveTimes := make([]time.Duration, 0, b.N)
				var firstTimes []time.Duration // the first save of each burst
				var floorPages, savePages int
				b.ResetTimer()
				for i := range b.N {
					for range typingBurst * boolean(i%typingBurst == 0) {
						stamp := time.Now().UTC().Format(time.RFC3339Nano)
						before := walFrames(b, db)
						start := time.Now()
						err := db.inTx(ctx, func(tx *sql.Tx) error {
							_, err := tx.ExecContext(ctx, `UPDATE meetings SET updated_at = ? WHERE id = ?`, stamp, m.ID)
							return err
						})
						floorTimes = append(floorTimes, time.Since(start))
						if err != nil {
							b.Fatal(err)
						}
						floorPages += framesSince(before, walFrames(b, db))
					}

					*text = base + strings.Repeat("x", i%64)
					before := walFrames(b, db)
					start := time.Now()
					if err := db.SaveMeeting(ctx, m); err != nil {
						b.Fatal(err)
					}
					saveTimes = append(saveTimes, time.Since(start))
					if i%typingBurst == 0 {
						firstTimes = append(firstTimes, saveTimes[i])
					}
					savePages += framesSince(before, walFrames(b, db))
				}
				b.StopTimer()
				var saveTotal time.Duration
				for _, d := range saveTimes {
					saveTotal += d
				}
				b.ReportMetric(float64(saveTotal.Nanoseconds())/float64(b.N), "ns/op")
				b.ReportMetric(float64(savePages)/float64(b.N), "pages/save")
				b.ReportMetric(float64(floorPages)/float64(len(floorTimes)), "pages/floor")
				floorP99 := percentile(floorTimes, 0.99)
				b.ReportMetric(percentile(floorTimes, 0.50), "floor-p50-ms")
				b.ReportMetric(floorP99, "floor-p99-ms")
				b.ReportMetric(percentile(saveTimes, 0.99)/floorP99, "p99-x-floor")
				b.ReportMetric(percentile(firstTimes, 0.50), "first-p50-ms")
				reportLatency(b, saveTimes)
			})
		}
	}
}

// typingBurst is how many autosaves follow one another in
// BenchmarkAutosaveTyping with no other write between them: at one save per
// autosaveDelay (400 ms) of typing, 256 is under two minutes, where the
// editor writes nothing else while a chair types (an export or a sign-off
// does). first-p50-ms is the first save of each run, which reads the
// stored rows again.
const typingBurst = 256

// percentile returns the q quantile of the durations, in milliseconds,
// sorting them.
func percentile(d []time.Duration, q float64) float64 {
	slices.Sort(d)
	return float64(d[min(len(d)-1, int(q*float64(len(d))))]) / float64(time.Millisecond)
}

// framesSince is how many frames a transaction appended, given mxFrame
// before and after it. A checkpoint may have let it start the WAL again
// from its first frame.
func framesSince(before, after uint32) int {
	if after >= before {
		return int(after - before)
	}
	return int(after)
}

// BenchmarkListFirstPage is what the meetings list asks for when it opens:
// the newest page and the count.
func BenchmarkListFirstPage(b *testing.B) {
	benchList(b, meeting.Filter{})
}

// BenchmarkListSearch is the list after a search typed in the box.
func BenchmarkListSearch(b *testing.B) {
	benchList(b, meeting.Filter{Text: "ahmed"})
}

// BenchmarkListSearchTexts is the list after other searches: a surname
// few meetings have, the start of a reference most have, text no meeting has,
// and two letters (too short for the trigram index, so every meeting's
// search column is read).
func BenchmarkListSearchTexts(b *testing.B) {
	for _, text := range []string{"kowalczyk", "sm-2", "zzzz", "ah"} {
		b.Run("text="+text, func(b *testing.B) {
			benchList(b, meeting.Filter{Text: text})
		})
	}
}

func benchList(b *testing.B, f meeting.Filter) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			db := benchDB(b, n)
			b.ResetTimer()
			for range b.N {
				page := f
				page.Limit = 200
				rows, err := db.Summaries(ctx, page)
				if err != nil || len(rows) == 0 && f.Text != "zzzz" {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
				if _, err := db.Count(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadMeeting loads one meeting into the editor.
func BenchmarkLoadMeeting(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			db := benchDB(b, n)
			rows, err := db.Summaries(ctx, meeting.Filter{Limit: 500})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				if _, err := db.Meeting(ctx, rows[i%len(rows)].ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImport imports 10,000 meetings (and a million with BENCH_LARGE=1)
// into an empty database in one transaction, as meetings read from a file.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	for _, n := range largeSizes() {
		if n < 10_000 {
			continue
		}
		if n == 100_000 {
			continue // 10,000 and a million tell how it grows
		}
		b.Run(sizeName(n), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				db, err := Open(filepath.Join(b.TempDir(), "import.db"))
				if err != nil {
					b.Fatal(err)
				}
				if err := db.Writable(ctx); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				_, err = db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
					return demo.Each(n, 3, fn)
				})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkExport exports a database of 10,000 meetings in the interchange
// format.
func BenchmarkExport(b *testing.B) {
	b.Run(sizeName(10_000), func(b *testing.B) {
		db := benchDB(b, 10_000)
		ctx := context.Background()
		b.ResetTimer()
		for range b.N {
			if n, err := db.Export(ctx, io.Discard, meeting.Filter{}); err != nil || n != 10_000 {
				b.Fatalf("%d meetings, %v", n, err)
			}
		}
	})
}
