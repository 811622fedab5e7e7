package postgres

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"strategyminutes/meeting"
	"strategyminutes/meeting/demo"
	"strategyminutes/postgres/pgtest"
)

// reportBenchSizes are the servers the report is timed on: 100,000
// meetings, and with BENCH_LARGE=1 a million (issue 15: under 2 s).
func reportBenchSizes() []int {
	if os.Getenv("BENCH_LARGE") == "1" {
		return []int{100_000, 1_000_000}
	}
	return []int{100_000}
}

// reportServer makes a server holding n demo meetings, one version each,
// as chairs' laptops push them (each version's entry made by
// Version.SetEntry), written with COPY through the versions' triggers
// (which fill report_entries), and returns an analyst's login on it.
func reportServer(b *testing.B, n int) string {
	b.Helper()
	pgtest.Need(b, cluster)
	ctx := context.Background()
	name := cluster.NewDatabase(ctx, b)
	{
		owner, err := Open(ctx, cluster.SuperURL(name))
		if err != nil {
			b.Fatal(err)
		}
		defer owner.Close()
		if _, _, err := owner.Init(ctx); err != nil {
			b.Fatal(err)
		}
		conn, err := pgx.Connect(ctx, cluster.SuperURL(name))
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close(ctx)
		var ids, versions [][]any
		err = demo.Each(n, 21, func(m *meeting.Meeting) error {
			v := meeting.Version{MeetingID: m.ID}
			v.SetEntry(m)
			ids = append(ids, []any{m.ID})
			versions = append(versions, []any{m.ID, false, []byte("{}"), v.Entry, pgtype.Date{Time: time.Date(v.HeldOn.Year, v.HeldOn.Month, v.HeldOn.Day, 0, 0, 0, 0, time.UTC), Valid: true}, v.CaseKeys})
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := conn.CopyFrom(ctx, pgx.Identifier{"strategyminutes", "meetings"}, []string{"id"}, pgx.CopyFromRows(ids)); err != nil {
			b.Fatal(err)
		}
		// In batches, as pushes come: each version takes its meeting's
		// lock until the end of its transaction.
		for start := 0; start < len(versions); start += 2000 {
			batch := versions[start:min(start+2000, len(versions))]
			if _, err := conn.CopyFrom(ctx, pgx.Identifier{"strategyminutes", "versions"}, []string{"meeting_id", "signed_off", "payload", "entry", "held_on", "case_keys"}, pgx.CopyFromRows(batch)); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := conn.Exec(ctx, `VACUUM ANALYZE strategyminutes.report_entries`); err != nil {
			b.Fatal(err)
		}
	}
	return login(b, name, RoleAnalyst, fmt.Sprintf("ann%d", n))
}

// BenchmarkServerReport is the all-years report on the server, as an
// analyst's login (report --server's work, less starting the process),
// beside its floor on the same server in the same run: the same queries
// in the same transaction, their answers read and nothing decoded or
// counted.
func BenchmarkServerReport(b *testing.B) {
	ctx := context.Background()
	from, to := meeting.Date{Year: 2000, Month: 1, Day: 1}, meeting.Date{Year: 2099, Month: 12, Day: 31}
	for _, n := range reportBenchSizes() {
		s := openAs(b, reportServer(b, n))
		b.Run(fmt.Sprintf("meetings=%d/all-years", n), func(b *testing.B) {
			var r *meeting.Report
			for b.Loop() {
				var err error
				if r, err = s.Report(ctx, from, to, demo.AsOf); err != nil {
					b.Fatal(err)
				}
			}
			if r.Meetings != n {
				b.Fatalf("the report counts %d meetings of %d", r.Meetings, n)
			}
			b.ReportMetric(float64(r.Meetings), "meetings")
		})
		b.Run(fmt.Sprintf("meetings=%d/all-years-queries", n), func(b *testing.B) {
			size := 0
			for b.Loop() {
				var err error
				if size, err = reportQueries(ctx, s, from, to); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

// reportQueries runs the report's queries as Report does and returns the
// size of the entries read.
func reportQueries(ctx context.Context, s *Server, from, to meeting.Date) (int, error) {
	size := 0
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if _, err := calendarIn(ctx, tx); err != nil {
			return err
		}
		if err := readEntries(ctx, tx, from, to, func(chunk []byte) { size += len(chunk) }); err != nil {
			return err
		}
		_, err := readChildren(ctx, tx, from, to)
		return err
	})
	return size, err
}
