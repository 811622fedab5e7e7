package storage

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
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

// BenchmarkListFirstPage is what the meetings list asks for when it opens:
// the newest page and the count.
func BenchmarkListFirstPage(b *testing.B) {
	benchList(b, meeting.Filter{})
}

// BenchmarkListSearch is the list after a search typed in the box.
func BenchmarkListSearch(b *testing.B) {
	benchList(b, meeting.Filter{Text: "ahmed"})
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
				if err != nil || len(rows) == 0 {
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
