package storage

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
)

// benchDataVersion names the benchmark databases' contents: change it when
// what they hold must be made again for another reason than the schema or
// the demo generator, which the cache key covers already.
const benchDataVersion = 1

// benchSizes are the numbers of meetings the benchmarks are measured over.
var benchSizes = []int{1_000, 10_000, 100_000}

// largeSizes adds a million meetings, for the report and the import, when
// BENCH_LARGE=1: making that database takes minutes.
func largeSizes() []int {
	if os.Getenv("BENCH_LARGE") == "1" {
		return append(benchSizes[:len(benchSizes):len(benchSizes)], 1_000_000)
	}
	return benchSizes
}

// benchDB opens a database of n demo meetings (seed 1). Making 100,000
// meetings through Import takes minutes, so each database is made once and
// kept in the system's temporary folder, keyed by n, the schema and the
// generator; a new schema or generator makes a new file.
func benchDB(b *testing.B, n int) *DB {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "strategyminutes-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("report-%d-%s.db", n, benchKey()))
	if _, err := os.Stat(path); err != nil {
		// Databases of an older schema or generator are of no more use.
		old, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("report-%d-*.db", n)))
		for _, f := range old {
			os.Remove(f)
		}
		// Build under a temporary name and rename, so that an interrupted
		// run never leaves a half-filled database under the real name.
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		start := time.Now()
		db, err := Open(tmp)
		if err != nil {
			b.Fatal(err)
		}
		batches, err := importBatches(context.Background(), db, n)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp, path)
		}
		if err != nil {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(tmp + suffix)
			}
			b.Fatal(err)
		}
		b.Logf("made %s: %d meetings in %s, %s", path, n, time.Since(start).Round(time.Millisecond), batches)
	}
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	// The check every process runs before its first write, once: not a
	// part of any save measured after it.
	if err := db.Writable(context.Background()); err != nil {
		b.Fatal(err)
	}
	return db
}

// benchBatch is how many meetings benchDB imports in each transaction. One
// transaction of a million meetings grows a write-ahead log of gigabytes
// that no checkpoint can copy back before it commits, and in which every
// page read is looked up (SQLite's WAL index): it ran for over an hour and
// was stopped with a 7 GB log. Tens of thousands a transaction, each
// followed by a checkpoint, keep the log small and the time linear.
const benchBatch = 25_000

// importBatches imports the meetings demo.Each(n, 1, ...) yields into db,
// a new database, benchBatch to a transaction through ImportSample (which
// takes more sample meetings into a sample database), and checkpoints the
// log after each. The meetings and their order are those of one
// ImportSample of them all; they are invented on another goroutine while
// the last ones are stored. It returns the transactions' count and the
// slowest's time, for the log.
func importBatches(ctx context.Context, db *DB, n int) (string, error) {
	ms := make(chan *meeting.Meeting, 64)
	stop := make(chan struct{})
	made := make(chan error, 1)
	go func() {
		defer close(ms)
		made <- demo.Each(n, 1, func(m *meeting.Meeting) error {
			select {
			case ms <- m:
				return nil
			case <-stop:
				return context.Canceled
			}
		})
	}()
	defer func() {
		close(stop)
		for range ms {
		}
	}()
	txs, stored := 0, 0
	var slowest time.Duration
	for stored < n {
		start := time.Now()
		_, err := db.ImportSample(ctx, func(fn func(*meeting.Meeting) error) error {
			for range min(benchBatch, n-stored) {
				m, ok := <-ms
				if !ok {
					return fmt.Errorf("demo.Each yielded %d meetings of %d", stored, n)
				}
				if err := fn(m); err != nil {
					return err
				}
				stored++
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		var busy, frames, copied int
		if err := db.sql.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &copied); err != nil {
			return "", fmt.Errorf("checkpoint: %w", err)
		}
		txs++
		slowest = max(slowest, time.Since(start))
	}
	if err := <-made; err != nil {
		return "", err
	}
	return fmt.Sprintf("%d transactions of up to %d meetings, the slowest %s", txs, benchBatch, slowest.Round(time.Millisecond)), nil
}

// benchKey hashes what the benchmark databases depend on: the migrations
// and the demo generator's first meeting.
func benchKey() string {
	h := fnv.New64a()
	fmt.Fprintf(h, "v%d\n", benchDataVersion)
	for _, m := range migrations {
		fmt.Fprintf(h, "%s\n%s\n", m.name, m.sql)
	}
	enc := meeting.NewEncoder(h)
	for _, m := range demo.Generate(3, 1) {
		enc.Encode(m)
	}
	enc.Close()
	return fmt.Sprintf("s%d-%x", SchemaVersion(), h.Sum64())
}

// benchPeriods are a financial year (the partnership's year-end report) and
// every meeting of the database.
func benchPeriods(n int) []struct {
	name     string
	from, to meeting.Date
} {
	first, last := demo.Span(n)
	return []struct {
		name     string
		from, to meeting.Date
	}{
		{"year", reportDate("2025-04-01"), reportDate("2026-03-31")},
		{"all", first, last},
	}
}

func BenchmarkReport(b *testing.B) {
	benchSizes := largeSizes()
	ctx := context.Background()
	for _, n := range benchSizes {
		db := benchDB(b, n)
		for _, p := range benchPeriods(n) {
			b.Run(fmt.Sprintf("meetings=%d/%s", n, p.name), func(b *testing.B) {
				// A first run outside the timing reads the database into the
				// page cache, so that a just-made database is measured warm.
				r, err := db.Report(ctx, p.from, p.to, demo.AsOf)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					var err error
					if r, err = db.Report(ctx, p.from, p.to, demo.AsOf); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(r.Meetings), "meetings")
			})
		}
	}
}

// BenchmarkReportEntryScan is the floor BenchmarkReport is measured
// against: the period's report entries read as the report reads them, and
// nothing decoded or counted.
func BenchmarkReportEntryScan(b *testing.B) {
	benchSizes := largeSizes()
	ctx := context.Background()
	for _, n := range benchSizes {
		db := benchDB(b, n)
		for _, p := range benchPeriods(n) {
			b.Run(fmt.Sprintf("meetings=%d/%s", n, p.name), func(b *testing.B) {
				size, err := scanEntries(ctx, db.sql, p.from, p.to)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if size, err = scanEntries(ctx, db.sql, p.from, p.to); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(size)/1e6, "MB")
			})
		}
	}
}

// scanEntries reads the entries of a period's meetings as countEntries
// does and returns their size.
func scanEntries(ctx context.Context, db *sql.DB, from, to meeting.Date) (int, error) {
	lo := from.Time(meeting.UK).Add(-24 * time.Hour).Unix()
	hi := to.AddDays(1).Time(meeting.UK).Add(24 * time.Hour).Unix()
	size := 0
	for start := lo; start < hi; start += entryChunk {
		var chunk []byte
		if err := db.QueryRowContext(ctx, entriesSQL, start, min(start+entryChunk, hi)).Scan(&chunk); err != nil {
			return 0, err
		}
		size += len(chunk)
	}
	return size, nil
}

// BenchmarkReportDefinitions is the report counted by meeting.Report over
// every stored meeting, loaded whole: what the SQL saves.
func BenchmarkReportDefinitions(b *testing.B) {
	for _, n := range benchSizes {
		db := benchDB(b, n)
		p := benchPeriods(n)[0]
		b.Run(fmt.Sprintf("meetings=%d/%s", n, p.name), func(b *testing.B) {
			for b.Loop() {
				pureReport(b, db, p.from, p.to, demo.AsOf, meeting.Filter{From: p.from, To: p.to})
			}
		})
	}
}

// BenchmarkReportMillionEntries times the all-years report and its floor
// over a million entries, when BENCH_LARGE=1: the 100,000-meeting
// database's entries ten times over, each copy at the same times. Made in
// a minute, where the demo import of a million meetings takes over an hour;
// more of its dates repeat than in real data, so ten times the 100,000
// figure is the fairer estimate beside it.
func BenchmarkReportMillionEntries(b *testing.B) {
	if os.Getenv("BENCH_LARGE") != "1" {
		b.Skip("BENCH_LARGE=1 makes the million entries")
	}
	ctx := context.Background()
	src := benchDB(b, 100_000)
	path := filepath.Join(b.TempDir(), "million.db")
	if _, err := src.sql.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	for k := 1; k < 10; k++ {
		// Meetings' rowids are far below 10,000,000: the copies' keys are
		// of no meeting, which the report does not read.
		if _, err := raw.ExecContext(ctx, `INSERT INTO report_entries SELECT held_unix, meeting + ?, entry FROM report_entries WHERE meeting < 10000000`, k*10_000_000); err != nil {
			b.Fatal(err)
		}
	}
	raw.Close()
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	first, last := benchPeriods(100_000)[1].from, benchPeriods(100_000)[1].to
	for _, run := range []struct {
		name string
		fn   func() (int, error)
	}{
		{"report", func() (int, error) {
			r, err := db.Report(ctx, first, last, demo.AsOf)
			if err != nil {
				return 0, err
			}
			return r.Meetings, nil
		}},
		{"entry-scan", func() (int, error) { return scanEntries(ctx, db.sql, first, last) }},
	} {
		b.Run(run.name, func(b *testing.B) {
			n, err := run.fn() // warm the page cache
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if n, err = run.fn(); err != nil {
					b.Fatal(err)
				}
			}
			if run.name == "report" && n != 1_000_000 {
				b.Fatalf("counted %d meetings, want a million", n)
			}
		})
	}
}
