package storage

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
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
		_, err = db.ImportSample(context.Background(), func(fn func(*meeting.Meeting) error) error {
			return demo.Each(n, 1, fn)
		})
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
		b.Logf("made %s: %d meetings in %s", path, n, time.Since(start).Round(time.Millisecond))
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

// BenchmarkReportRawSQL is the floor BenchmarkReport is measured against:
// the same counts as one SQL statement, its rows read and nothing built.
func BenchmarkReportRawSQL(b *testing.B) {
	benchSizes := largeSizes()
	ctx := context.Background()
	for _, n := range benchSizes {
		db := benchDB(b, n)
		for _, p := range benchPeriods(n) {
			b.Run(fmt.Sprintf("meetings=%d/%s", n, p.name), func(b *testing.B) {
				raw, err := rawReport(ctx, db.sql, p.from, p.to, demo.AsOf)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					var err error
					if raw, err = rawReport(ctx, db.sql, p.from, p.to, demo.AsOf); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(raw["meetings"]), "meetings")
			})
		}
	}
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

// rawReportSQL computes every count of the report in one statement, each
// part grouped as finely as the report needs: section, month, code, state
// and up to four counts per row.
var rawReportSQL = func() string {
	var partners, names []string
	for i, a := range meeting.StatutoryPartners {
		partners = append(partners, fmt.Sprintf(`EXISTS (SELECT 1 FROM attendees a WHERE a.meeting = m.rowid AND a.agency = %s AND %s) AS p%d`,
			sqlString(string(a)), attendedRow, i))
		names = append(names, fmt.Sprintf("p%d", i))
	}
	missingSet := make([]string, len(names))
	for i, n := range names {
		missingSet[i] = fmt.Sprintf("(NOT %s) * %d", n, 1<<i)
	}
	return `WITH st AS (
		SELECT substr(m.held_on, 1, 7) AS month, a.agency, min(` + attendanceRank + `) AS state
		FROM meetings m JOIN attendees a ON a.meeting = m.rowid
		WHERE ` + inPeriod + `
		GROUP BY m.held_on, m.rowid, a.agency
	), sp AS (
		SELECT substr(m.held_on, 1, 7) AS month, ` + strings.Join(partners, ", ") + `
		FROM meetings m WHERE ` + inPeriod + `
	)
	SELECT 'meetings', substr(m.held_on, 1, 7), '', 0, count(*), 0, 0, 0 FROM meetings m WHERE ` + inPeriod + ` GROUP BY 2
	UNION ALL
	SELECT 'agency', month, agency, state, count(*), 0, 0, 0 FROM st WHERE state < ` + fmt.Sprint(rankNotInvited) + ` GROUP BY 2, 3, 4
	UNION ALL
	SELECT 'service', '', a.service, 0, count(DISTINCT a.meeting), 0, 0, 0
		FROM meetings m JOIN attendees a ON a.meeting = m.rowid
		WHERE ` + inPeriod + ` AND a.agency = ` + sqlString(string(meeting.AgencyHealth)) + ` AND ` + attendedRow + ` GROUP BY 3
	UNION ALL
	SELECT 'missing', month, '', ` + strings.Join(missingSet, " + ") + `, count(*), 0, 0, 0 FROM sp
		WHERE NOT (` + strings.Join(names, " AND ") + `) GROUP BY 2, 4
	UNION ALL
	SELECT 'consent', '', c.status, (` + blankSQL("c.reason") + `) + 2 * (` + blankSQL("c.parents_views") + `), count(*), 0, 0, 0
		FROM meetings m JOIN consents c ON c.meeting = m.rowid WHERE ` + inPeriod + ` GROUP BY 3, 4
	UNION ALL
	SELECT 'outcome', '', d.outcome, 0, count(DISTINCT d.meeting), 0, 0, 0
		FROM meetings m JOIN decisions d ON d.meeting = m.rowid WHERE ` + inPeriod + ` GROUP BY 3
	UNION ALL
	SELECT 'section47', '', '', 0, count(DISTINCT d.meeting), 0, 0, 0
		FROM meetings m JOIN decisions d ON d.meeting = m.rowid
		WHERE ` + inPeriod + ` AND d.outcome IN ` + sqlList(meeting.OutcomeS47Joint, meeting.OutcomeS47Single) + `
	UNION ALL
	SELECT 'actions', '', '', 0, count(*), coalesce(sum(x.due = ''), 0),
			coalesce(sum(x.due <> '' AND x.completed = '' AND x.due < ?3), 0),
			coalesce(sum(x.due <> '' AND x.completed <> '' AND x.completed > x.due), 0)
		FROM meetings m JOIN actions x ON x.meeting = m.rowid WHERE ` + inPeriod
}()

// rawCounts are the raw statement's counts summed over months, by
// "section/code/state" (and "meetings", "missing", "actions/...").
type rawCounts map[string]int

func rawReport(ctx context.Context, db *sql.DB, from, to, asOf meeting.Date) (rawCounts, error) {
	rows, err := db.QueryContext(ctx, rawReportSQL, from.String(), to.String(), asOf.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := rawCounts{}
	for rows.Next() {
		var section, month, code string
		var state int
		var n [4]int
		if err := rows.Scan(&section, &month, &code, &state, &n[0], &n[1], &n[2], &n[3]); err != nil {
			return nil, err
		}
		switch section {
		case "meetings", "section47":
			out[section] += n[0]
		case "missing":
			out["missing"] += n[0]
			for i, a := range meeting.StatutoryPartners {
				if state&(1<<i) != 0 {
					out["missing/"+string(a)] += n[0]
				}
			}
		case "actions":
			out["actions/total"], out["actions/no_due_date"], out["actions/overdue"], out["actions/completed_late"] = n[0], n[1], n[2], n[3]
		default:
			out[fmt.Sprintf("%s/%s/%d", section, code, state)] += n[0]
		}
	}
	return out, rows.Err()
}

// The raw statement the benchmark measures against counts what the report
// counts, so the comparison is fair.
func TestRawReportAgrees(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms := append(demo.Generate(1000, 3), reportEdgeCases()...)
	_, err := db.Import(ctx, func(fn func(*meeting.Meeting) error) error {
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	from, to, asOf := reportDate("2024-04-01"), reportDate("2026-03-31"), reportDate("2026-04-30")
	raw, err := rawReport(ctx, db.sql, from, to, asOf)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.Report(ctx, from, to, asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := rawCounts{
		"meetings": r.Meetings, "section47": r.Section47, "missing": r.MissingStatutory.Count,
		"actions/total": r.Actions.Total, "actions/no_due_date": r.Actions.NoDueDate,
		"actions/overdue": r.Actions.Overdue, "actions/completed_late": r.Actions.CompletedLate,
	}
	for _, a := range r.Agencies {
		for state, n := range []int{rankAttended: a.Attended, rankInformationOnly: a.InformationOnly, rankAbsent: a.Absent} {
			want[fmt.Sprintf("agency/%s/%d", a.Agency, state)] = n
		}
	}
	for _, s := range r.HealthServices {
		want["service/"+string(s.Service)+"/0"] = s.Attended
	}
	want["service//0"] = r.HealthServiceNotRecorded
	for _, c := range r.MissingStatutory.ByAgency {
		want["missing/"+string(c.Code)] = c.Count
	}
	for _, o := range r.Outcomes {
		want["outcome/"+string(o.Code)+"/0"] = o.Count
	}
	consent := map[string]int{}
	for k, n := range raw {
		var status string
		var state int
		if _, err := fmt.Sscanf(strings.ReplaceAll(k, "/", " "), "consent %s %d", &status, &state); err == nil {
			consent[status] += n
			if state&1 != 0 && (status == "overridden" || status == "not_sought") {
				consent["no_reason"] += n
			}
			if state&2 != 0 {
				consent["no_views"] += n
			}
			delete(raw, k)
		}
	}
	c := r.Consent
	wantConsent := map[string]int{"given": c.Given, "refused": c.Refused, "overridden": c.Overridden, "not_sought": c.NotSought,
		"no_reason": c.WithoutConsentNoReason, "no_views": c.ParentsViewsNotRecorded - c.NotRecorded}
	for k, n := range wantConsent {
		if consent[k] != n {
			t.Errorf("consent %s: raw %d, report %d", k, consent[k], n)
		}
	}
	for k, n := range want {
		if raw[k] != n {
			t.Errorf("%s: raw %d, report %d", k, raw[k], n)
		}
		delete(raw, k)
	}
	for k, n := range raw {
		if n != 0 {
			t.Errorf("raw counts %s = %d, which the report lacks", k, n)
		}
	}
}
